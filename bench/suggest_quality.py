"""Suggestion quality without tuning (issue #14): how good are suggestions for a
team's own pack, which has none of the bundled packs' hand-written `examples`?

Rows, per language, on the test e-mails in tests/data:

- ``full``: the bundled packs as shipped (title, keywords, examples, body);
- ``no-examples``: the bundled packs with every snippet's ``examples`` removed;
- ``no-examples-no-keywords``: with ``examples`` and ``keywords`` removed (title
  and body only);
- ``manager``: bench/packs/manager/*.toml, written from the snippet ids and
  one-line titles alone (own titles, five quick keywords, a body, no examples).
  The emails and emails_holdout sets were written from the bundled packs'
  wording, which favours the bundled rows; emails_blind is the fair comparison;
- ``manager2``: bench/packs/manager2/*.toml, a second such set by other writers
  (session 8); tuned on since session 10;
- ``manager3``: bench/packs/manager3/*.toml, a third such set (session 10), never
  tuned on.

and a learning curve: the ``no-examples`` packs after 0, 1, 3 and 5 accepted
e-mails per snippet, recorded through the library's own ``accept()`` into a
throw-away ``EXPANDER_HOME``; the accepted e-mails are never in the scored set.

Sets: ``emails`` (written with the bundled packs in view), ``emails_holdout``
(written from the snippets' titles and bodies), ``emails_blind`` (written without
the packs in view), ``emails_blind2`` (the same, by other writers, session 8) and
``emails_blind3`` (the same, by other writers again, session 10; a set missing is
skipped with a message). The confidence thresholds are chosen on the first three
with the stripped and ``manager`` packs (bench/tune_untuned.py); since session 10
``emails_blind2`` and ``manager2`` serve as development data too (their misses
were read), and ``emails_blind3`` and the ``manager3`` packs, never tuned on, are
the figures to quote.

    python bench/bench_suggest.py --only quality --json out.json
"""

from __future__ import annotations

import itertools
import shutil
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import tomli_w

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import expander  # noqa: E402
from expander.paths import bundled_dir, user_paths  # noqa: E402
from expander.suggest import Suggester, accept, learned_examples, suggest  # noqa: E402

DATA = REPO / "tests" / "data"
MANAGER = REPO / "bench" / "packs" / "manager"
MANAGER2 = REPO / "bench" / "packs" / "manager2"
MANAGER3 = REPO / "bench" / "packs" / "manager3"
MANAGERS = {"manager": MANAGER, "manager2": MANAGER2, "manager3": MANAGER3}
LANGUAGES = ("en", "pl", "ru")
SETS = (
    "emails",
    "emails_holdout",
    "emails_blind",
    "emails_blind2",
    "emails_blind3",
    "emails_blind4",
    "emails_blind5",
    "emails_blind6",
    "emails_blind7",
    "emails_blind8",
    "emails_blind9",
    "emails_blind10",
    "emails_blind11",
    "emails_blind12",
    "emails_blind13",
    "emails_blind14",
    "emails_blind15",
    "emails_blind16",
    "emails_blind17",
    "emails_blind18",
    "emails_blind19",
    "emails_blind20",
    "emails_blind21",
    "emails_blind22",
    "emails_blind23",
    "emails_blind24",
    "emails_blind25",
    "emails_dev18",  # last: the learning curves accept every set before the one they score
)
PLAN = (  # (packs, examples lent by the bundled packs: expander.suggest.example_bank)
    ("full", True),  # its snippets have examples: nothing is lent
    ("no-examples", False),  # the bundled snippets would get their own examples back
    ("no-examples-no-keywords", False),
    ("manager", False),
    ("manager", True),  # what a team gets
    ("manager2", False),
    ("manager2", True),
    ("manager3", False),
    ("manager3", True),
    ("bundled+manager3", True),  # the app's default: the bundled packs and the team's
)
COUNTS = ("n", "top1", "top3", "confident_top1", "confident_wrong", "no_match", "none",
          "none_quiet")  # fmt: skip
STEPS = (0, 1, 3, 5)
VARIANTS: dict[str, tuple[str, ...]] = {
    "full": (),
    "no-examples": ("examples",),
    "no-examples-no-keywords": ("examples", "keywords"),
}
Email = Mapping[str, Any]


def read_sets(blind: Path | None = None) -> tuple[dict[str, dict[str, list[Email]]], list[str]]:
    """The e-mail sets present, per set and language, and a message per file missing."""
    folders = {name: DATA / name for name in SETS}
    if blind is not None:
        folders["emails_blind"] = blind
    sets: dict[str, dict[str, list[Email]]] = {}
    missing: list[str] = []
    for name, folder in folders.items():
        absent = []
        for language in LANGUAGES:
            path = folder / f"{language}.toml"
            if not path.is_file():
                absent.append(language)
                continue
            emails = tomllib.loads(path.read_text("utf-8"))["emails"]
            sets.setdefault(name, {})[language] = emails
        if absent:
            where = folder.relative_to(REPO) if folder.is_relative_to(REPO) else folder
            missing.append(f"{name}: {where}/{{{','.join(absent)}}}.toml not found")
    return sets, missing


_UNLENT: dict[int, Suggester] = {}  # id(library) -> its index without lent examples


def ranked_for(library: expander.Library, text: str, lent: bool) -> list[Any]:
    """``suggest(library, text, 3, min_score=0)``; without ``lent`` from an index
    built the same way (learned examples included) but with no examples lent by
    the bundled packs."""
    if lent:
        return suggest(library, text, 3, min_score=0)
    suggester = _UNLENT.get(id(library))
    if suggester is None:
        learned = learned_examples(library)
        examples = learned.by_snippet() if learned is not None else {}
        suggester = _UNLENT[id(library)] = Suggester(library, learned=examples, example_bank=None)
    return suggester.suggest(text, 3, min_score=0)


def score(
    library: expander.Library, emails: Iterable[Email], lent: bool = True, prefix: str = ""
) -> dict[str, int]:
    """Counts for one language's e-mails: top-1/top-3 of the ranking, what the
    default (confident) answer gives, and the unanswerable e-mails left quiet.

    One ``suggest(min_score=0)`` call per e-mail: the default answer is the
    leading run of suggestions marked ``confident`` (what ``suggest()`` without
    ``min_score`` returns). ``prefix``: put before the expected ids (:data:`TEAM_PREFIX`)."""
    stats = dict.fromkeys(COUNTS, 0)
    for email in emails:
        ranked = ranked_for(library, email["text"], lent)
        ids = [s.snippet.id for s in ranked]
        confident = [s.snippet.id for s in itertools.takewhile(lambda s: s.confident, ranked)]
        if email["expected"] == "none":
            stats["none"] += 1
            stats["none_quiet"] += not confident
            continue
        right = {prefix + i for i in (email["expected"], *email.get("also", []))}
        stats["n"] += 1
        stats["top1"] += bool(ids) and ids[0] in right
        stats["top3"] += bool(right & set(ids))
        stats["confident_top1"] += bool(confident) and confident[0] in right
        stats["confident_wrong"] += bool(confident) and confident[0] not in right
        stats["no_match"] += not confident
    return stats


def stripped_packs(folder: Path, drop: Sequence[str]) -> list[Path]:
    """Copies of the bundled packs in ``folder`` without the snippet keys in ``drop``."""
    paths = []
    for source in sorted(bundled_dir().glob("*.toml")):
        document = tomllib.loads(source.read_text("utf-8"))
        for snippet in document.get("snippets", []):
            for key in drop:
                snippet.pop(key, None)
        target = folder / source.name
        target.write_bytes(tomli_w.dumps(document).encode("utf-8"))
        paths.append(target)
    return paths


TEAM_PREFIX = "team-"
"""Put before each snippet id of a manager pack loaded beside the bundled packs
(``bundled+manager3``), and before the e-mails' expected ids: the bundled snippet of
the same question is then a wrong answer, as it would be for a team's own ids."""


def variant_library(name: str, folder: Path) -> expander.Library:
    if name == "full":
        return expander.load(strict=True)
    if name.startswith("bundled+"):
        return expander.load(*team_copies(MANAGERS[name.removeprefix("bundled+")], folder / name),
                             include_bundled=True, strict=True)  # fmt: skip
    return expander.load(*pack_files(name, folder / name), include_bundled=False, strict=True)


def team_copies(source: Path, folder: Path) -> list[Path]:
    """Copies of the packs in ``source`` with pack names and snippet ids prefixed by
    :data:`TEAM_PREFIX` (so that they load beside the bundled packs as a team's own)."""
    folder.mkdir(parents=True)
    paths = []
    for path in sorted(source.glob("*.toml")):
        document = tomllib.loads(path.read_text("utf-8"))
        document["pack"]["name"] = TEAM_PREFIX + document["pack"]["name"]
        for snippet in document.get("snippets", []):
            snippet["id"] = TEAM_PREFIX + snippet["id"]
        target = folder / path.name
        target.write_bytes(tomli_w.dumps(document).encode("utf-8"))
        paths.append(target)
    return paths


def pack_files(variant: str, folder: Path) -> list[Path]:
    """The pack files of a variant other than ``full`` (stripped copies in ``folder``)."""
    if variant in MANAGERS:
        return sorted(MANAGERS[variant].glob("*.toml"))
    folder.mkdir()
    return stripped_packs(folder, VARIANTS[variant])


def learning_curve(
    folder: Path,
    variant: str,
    accepted_from: Sequence[str],
    scored: str,
    sets: Mapping[str, Mapping[str, list[Email]]],
    lent: bool = True,
) -> list[dict[str, Any]]:
    """The ``variant`` packs scored on ``scored`` after 0, 1, 3 and 5 accepted
    e-mails per snippet taken from ``accepted_from`` (the first ones of each
    snippet, in file order; fewer where a set has fewer), through ``accept()``
    into a throw-away ``EXPANDER_HOME``."""
    tag = f"{variant}-{scored}-{'+'.join(accepted_from)}"
    user = user_paths({"EXPANDER_HOME": str(folder / f"home-{tag}")})
    library = expander.load(*pack_files(variant, folder / f"packs-{tag}"),
                            include_bundled=False, include_user=True, user=user,
                            strict=True)  # fmt: skip
    # per language, snippet id -> the e-mails an agent answered with it
    pool: dict[str, dict[str, list[str]]] = {}
    for name in accepted_from:
        for language, emails in sets[name].items():
            for email in emails:
                if email["expected"] != "none":
                    texts = pool.setdefault(language, {}).setdefault(email["expected"], [])
                    texts.append(email["text"])
    rows = []
    done = 0
    for step in STEPS:
        for per_snippet in pool.values():
            for snippet_id, texts in per_snippet.items():
                for text in texts[done:step]:
                    accept(library, snippet_id, text)
        _UNLENT.pop(id(library), None)
        done = step
        for language, emails in sets[scored].items():
            stats = score(library, emails, lent)
            accepted = sum(min(step, len(t)) for t in pool.get(language, {}).values())
            rows.append({"packs": variant, "lent": lent,
                         "accepted_from": "+".join(accepted_from),
                         "scored": scored,
                         "step": step, "language": language, "accepted": accepted,
                         "snippets": sum(1 for s in library.snippets if s.language == language),
                         **stats})  # fmt: skip
            print(f"  curve {variant}: {'+'.join(accepted_from)} -> {scored} {language} "
                  f"step {step} "
                  f"({accepted} accepted): top1 {stats['top1']}/{stats['n']} confident top1 "
                  f"{stats['confident_top1']}/{stats['n']}", flush=True)  # fmt: skip
    return rows


def quality(quick: bool, blind: Path | None = None) -> dict[str, Any]:
    """Every row above (``quick`` changes nothing: it takes a minute or two)."""
    del quick
    sets, missing = read_sets(blind)
    for message in missing:
        print(f"  {message}: skipped", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="expander-bench-quality-"))
    rows: list[dict[str, Any]] = []
    curve: list[dict[str, Any]] = []
    try:
        plan = [(v, lent, s) for v, lent in PLAN for s in SETS]
        libraries: dict[str, expander.Library] = {}
        for variant, lent, name in plan:
            if name not in sets:
                continue
            if variant not in libraries:
                libraries[variant] = variant_library(variant, folder)
            for language, emails in sets[name].items():
                prefix = TEAM_PREFIX if variant.startswith("bundled+") else ""
                stats = score(libraries[variant], emails, lent, prefix)
                rows.append({"packs": variant, "lent": lent, "set": name, "language": language,
                             **stats})  # fmt: skip
                print(f"  {pack_label(variant, lent)} on {name} {language}: {cells(stats)}",
                      flush=True)  # fmt: skip
        for variant, lent in (("no-examples", False), ("manager", True)):
            for scored in ("emails_holdout", "emails_blind"):
                if scored in sets and "emails" in sets:
                    curve += learning_curve(folder, variant, ["emails"], scored, sets, lent)
            if "emails_blind" in sets and "emails_holdout" in sets:
                curve += learning_curve(
                    folder, variant, ["emails", "emails_holdout"], "emails_blind", sets, lent
                )
            for later in ("emails_blind2", "emails_blind3"):  # accepted from every earlier set
                earlier = list(SETS[: SETS.index(later)])
                if later in sets and all(name in sets for name in earlier):
                    curve += learning_curve(folder, variant, earlier, later, sets, lent)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the accepted (masked) e-mails go too
    return {"date": time.strftime("%Y-%m-%d"),
            "sets": {k: {lg: len(v) for lg, v in per.items()} for k, per in sets.items()},
            "skipped": missing, "rows": rows, "curve": curve}  # fmt: skip


# ---------------------------------------------------------------- RESULTS.md

HEADER = "top-1 | top-3 | confident top-1 | confident, wrong | no confident match | unanswerable"
ALIGN = "---:|---:|---:|---:|---:|---:"


def cells(s: Mapping[str, int]) -> str:
    """The table cells of one row of counts (``confident_wrong`` is "–" in results
    recorded before it was counted)."""
    wrong = f"{s['confident_wrong']}/{s['n']}" if "confident_wrong" in s else "–"
    return (f"{s['top1']}/{s['n']} | {s['top3']}/{s['n']} | {s['confident_top1']}/{s['n']} | "
            f"{wrong} | {s['no_match']}/{s['n']} | {s['none_quiet']}/{s['none']}")  # fmt: skip


SET_NOTES = {
    "emails": "written with the bundled packs in view (the confidence rule was chosen on them)",
    "emails_holdout": "written from the bundled snippets' titles and bodies",
    "emails_blind": "written without the bundled packs in view",
    "emails_blind2": "written without the packs in view, by other writers (session 8); "
    "development data since session 10",
    "emails_blind18": "the same, by other writers again (session 21): back to school and "
    "autumn, uniforms and kids' sizes, textbooks, student laptops, teachers and clubs "
    "ordering for groups, rain-soaked parcels",
    "emails_blind19": "the same, by other writers again (session 22): late winter and "
    "Valentine's Day, jewellery and perfume, rings in the wrong size, misspelt engravings, "
    "winter-sale clearance, icy roads",
    "emails_blind20": "the same, by other writers again (session 23): hobbies and "
    "collectibles, books, board games, model kits, musical instruments, yarn in the wrong "
    "dye lot, pre-orders and limited editions, customs duties on parcels from abroad",
    "emails_blind21": "the same, by other writers again (session 24): subscriptions and "
    "everyday consumables, coffee, pet food, baby products, contact lenses, vitamins, "
    "auto-renewals, perishable goods thawed or melted in a heatwave",
    "emails_blind22": "the same, by other writers again (session 25): December gifts and "
    "home electronics, deliveries before the holidays, gift receipts, dead-on-arrival "
    "devices, missing cables (a theme close to emails_dev18's)",
    "emails_blind23": "the same, by other writers again (session 25): cars, bikes and "
    "getting around, car parts that do not fit, tyres sent to a garage, bicycles with a bent "
    "wheel, e-scooter batteries, leaking motor oil, parts for a small garage",
    "emails_blind24": "the same, by other writers again (session 28): home, garden and pets, "
    "furniture with cracked panels, bulky parcels left at the gate, paint in the wrong shade, "
    "plants that arrived dead, pet food subscriptions delivered twice (a theme close to "
    "emails_blind16's)",
    "emails_blind25": "the same, by other writers again (session 31): children, school and "
    "sport, prams with a bent wheel, car seats needed before a birth, toy sets with bricks "
    "missing, trainers a size too small, treadmills too heavy to carry upstairs, clubs "
    "ordering kits with an invoice",
    "emails_dev18": "written without the packs in view, by other writers (session 21), "
    "for development: winter holidays and gifts, electronics and appliances (Polish twice "
    "as many); English three times as many since session 22 (sports and travel gear; home, "
    "kitchen and beauty); the confidence thresholds are chosen on it",
    "emails_blind3": "written without the packs in view, by other writers (session 10); "
    "never tuned on",
    "emails_blind4": "the same, by other writers again (session 10, second round); never tuned on",
    "emails_blind5": "the same, by other writers again (session 10, third round); never tuned on",
    "emails_blind6": "the same, by other writers again (session 11); never tuned on",
    "emails_blind7": "the same, by other writers again (session 12); read after its first "
    "measurement (bench/UNTUNED.md)",
    "emails_blind8": "the same, by other writers again (session 12, second round); read after its "
    "first measurement (bench/UNTUNED.md)",
    "emails_blind9": "the same, by other writers again (session 13): the request often late in the "
    "e-mail, indirect, or between close topics; read after its first measurement "
    "(bench/UNTUNED.md)",
    "emails_blind10": "the same, by other writers again (session 13, second round): an "
    "ordinary day's mix; never tuned on",
    "emails_blind11": "the same, by other writers again (session 14): a busy week's inbox, "
    "many replies in quoted threads; read after its first measurement (bench/UNTUNED.md)",
    "emails_blind12": "the same, by other writers again (session 15): a Monday after a holiday "
    "weekend, contact forms and marketplace messages, pasted courier and invoice text",
    "emails_blind13": "the same, by other writers again (session 16): January returns, sales "
    "and broken gifts; a third plain short questions, phone-typed, gift receivers",
    "emails_blind14": "the same, by other writers again (session 18): early summer, holidays, "
    "weddings, garden furniture, business buyers, forwarded and written for someone else",
    "emails_blind15": "the same, by other writers again (session 19): autumn, back to school, "
    "electronics and appliances, repeat buyers, customers abroad; names and order numbers in "
    "many forms",
    "emails_blind16": "the same, by other writers again (session 20): spring, moving house and "
    "renovation, furniture and bulky parcels, pets and hobby supplies, cosmetics and allergies",
    "emails_blind17": "the same, by other writers again (session 20): Black Friday and Cyber "
    "Monday week, coupons, split shipments, overloaded couriers, bulk and gift orders",
}
PACK_NOTES = {
    "full": "bundled packs as shipped",
    "no-examples": "bundled, `examples` removed",
    "no-examples-no-keywords": "bundled, `examples` and `keywords` removed",
    "manager": "bench/packs/manager (from ids and titles only)",
    "manager2": "bench/packs/manager2 (from ids and titles only, other writers)",
    "manager3": "bench/packs/manager3 (from ids and titles only, session 10's writers)",
    "bundled+manager3": "bench/packs/manager3 loaded beside the bundled packs (the app's "
    "default; a bundled reply counts as wrong)",
}


def pack_label(packs: str, lent: bool | None) -> str:
    """A row's packs, and whether the bundled packs lent them examples (rows
    recorded before lending existed say neither)."""
    label = PACK_NOTES.get(packs, packs)
    if lent is None or packs == "full":
        return label
    return f"{label}, {'examples lent' if lent else 'nothing lent'}"


def section(data: Mapping[str, Any]) -> list[str]:
    """The "untuned" part of the Suggestions section of RESULTS.md."""
    out = [
        "### Without tuned examples (issue #14)",
        "",
        f"Measured {data.get('date', '?')}.",
        "",
        "A team's own pack has no hand-written `examples`, which carry much of the bundled "
        "packs' quality. These rows measure that case: the bundled packs with their `examples` "
        "removed (titles, keywords and bodies as the pack authors wrote them), with `examples` "
        "and `keywords` removed (title and body only), and `bench/packs/manager/`: packs "
        "written for this benchmark from the snippet ids and one-line titles alone (own "
        "titles, five quick-guess keywords per snippet, a plain body, no examples), by a "
        "writer who had not seen the bundled packs or any test e-mail; `bench/packs/manager2/` "
        "and `bench/packs/manager3/` are second and third such sets by other writers. The "
        "`emails` and `emails_holdout` sets were written from the bundled packs' wording, "
        "which favours every bundled row over the manager packs. Since session 8 the "
        "confidence thresholds "
        "are chosen on the development sets with the stripped and manager packs "
        "(`bench/tune_untuned.py`: on `emails`, `emails_holdout` and `emails_blind` with "
        "`manager`; since session 10 `emails_blind2` and `manager2` are development data "
        "too), so those rows are not blind; `emails_blind3` and the `manager3` packs were "
        "never tuned on: they are the figures to quote. "
        "*Examples lent*: the bundled packs lend their examples to the snippets that have "
        "none, as the app does (`expander/suggest/example_bank.py`); the manager packs' "
        "snippets answer the bundled packs' questions (their writers had the bundled ids and "
        "titles), so a team's pack gains as much only where its snippets have a bundled "
        "counterpart. The stripped bundled packs are shown with nothing lent: they would get "
        "their own examples back. "
        "Counts are per language; *confident, wrong*: the default answer is a "
        "wrong reply; *unanswerable*: e-mails no snippet answers that got 'no confident "
        "match'. `python bench/bench_suggest.py --only quality` (about a minute; no "
        "downloaded data).",
        "",
    ]
    out += [f"- `{k}`: {v}" for k, v in SET_NOTES.items()] + [""]
    for message in data.get("skipped", []):
        out.append(f"Skipped {message}: not measured yet.")
    if data.get("skipped"):
        out.append("")
    rows = data.get("rows", [])
    if rows:
        out += [f"| packs | e-mails | language | {HEADER} |", f"|---|---|---|{ALIGN}|"]
        out += [f"| {pack_label(r['packs'], r.get('lent'))} | {r['set']} | {r['language']} | "
                f"{cells(r)} |" for r in rows]  # fmt: skip
        out.append("")
    curve = data.get("curve", [])
    if curve:
        out += [
            "**Learning curve**: the bundled packs without `examples` (nothing lent) and, "
            "beside them, the manager packs (with the examples the bundled packs lend), after "
            "0, 1, 3 and 5 e-mails accepted per snippet with "
            "`expander.suggest.accept()` (masked and kept "
            "as learned examples in a throw-away `EXPANDER_HOME`, as the app does when an "
            "agent picks a reply). The accepted e-mails are each snippet's first ones in the "
            "accepted set (in file order), never from the scored set; a snippet with fewer "
            "e-mails there than a step asks gets all it has: tests/data/emails has 1-3 per "
            "snippet, so steps 3 and 5 accept the same e-mails from it. *Accepted*: the "
            "e-mails accepted in the language at steps 1, 3 and 5. Each cell: top-1 / "
            "confident top-1 / confident but wrong, of the *n* scored answerable e-mails.",
            "",
            "| packs | accepted from | scored | language | n | 0 | 1 | 3 | 5 | accepted |",
            "|---|---|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        order = {name: i for i, name in enumerate(PACK_NOTES)}

        def line(r: Mapping[str, Any]) -> tuple[str, str, str, str]:
            packs = pack_label(r.get("packs", "no-examples"), r.get("lent"))
            return (packs, r["accepted_from"], r["scored"], r["language"])

        curve = sorted(curve, key=lambda r: (order.get(r.get("packs", ""), len(order)), line(r)))
        for (packs, source, scored, language), group in itertools.groupby(curve, key=line):
            by_step = {r["step"]: r for r in group}
            steps = [by_step.get(step) for step in STEPS]
            n = next(r["n"] for r in steps if r)
            shown = [f"{r['top1']} / {r['confident_top1']} / {r['confident_wrong']}" if r else "–"
                     for r in steps]  # fmt: skip
            accepted = " / ".join(str(r["accepted"]) for r in steps[1:] if r)
            head = f"| {packs} | {source} | {scored} | {language} | {n}"
            out.append(f"{head} | {' | '.join(shown)} | {accepted} |")
        out.append("")
    return out
