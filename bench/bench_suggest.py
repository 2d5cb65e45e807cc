"""Suggestion benchmarks: accuracy on public intent data, "no confident match" on
out-of-scope queries, latency per e-mail, and accuracy on our bundled packs.

Data comes from ../shared/bench-data (beside the repository); a data set that
is absent is skipped with a message. Usage:

    python bench/bench_suggest.py [--quick] [--only NAME]... [--json PATH [--merge]]
        [--blind DIR]

``--only quality`` (bench/suggest_quality.py: packs without tuned examples, the
manager packs, the learning curve) needs no downloaded data and takes a minute or
two; ``--merge`` updates those results in an existing JSON file (such as
bench/results/suggest.json) and keeps the others.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import random
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import tomli_w

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "bench-data"
sys.path.insert(0, str(REPO))

import expander  # noqa: E402
from expander.suggest import (  # noqa: E402
    Suggester,
    forget_snippet_vectors,
)

sys.path.insert(0, str(REPO / "bench"))
import suggest_quality  # noqa: E402


def library_of(intents: dict[str, list[str]], k: int | None, seed: int = 7) -> expander.Library:
    """One snippet per intent: its name as title, k of its training queries as examples."""
    rng = random.Random(seed)
    snippets = []
    for index, (intent, texts) in enumerate(sorted(intents.items())):
        chosen = list(texts) if k is None else rng.sample(texts, min(k, len(texts)))
        title = intent.replace("_", " ")
        snippets.append(
            {"id": f"i{index}", "title": title, "examples": chosen, "body": title,
             "keywords": []}
        )  # fmt: skip
    for s in snippets:
        if not s["keywords"]:
            del s["keywords"]
    folder = Path(tempfile.mkdtemp(prefix="expander-bench-"))
    path = folder / "bench.toml"
    doc = {"pack": {"name": "bench", "version": "1.0.0", "language": "en"}, "snippets": snippets}
    path.write_bytes(tomli_w.dumps(doc).encode("utf-8"))
    lib = expander.load(path, include_bundled=False)
    lib.id_to_intent = {f"i{i}": name for i, name in enumerate(sorted(intents))}  # type: ignore[attr-defined]
    return lib


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def rank(
    suggester: Suggester, queries: Sequence[str], runners_up: list[float] | None = None
) -> tuple[list[list[int]], list[float], list[float]]:
    """Top-3 snippet indices, the top score (0-100) and the time of each query;
    the second best scores go to ``runners_up`` when given."""
    tops, best, times = [], [], []
    for q in queries:
        t = time.perf_counter()
        scores = suggester.scores(q)
        order = scores.argsort()[::-1][:3]
        times.append((time.perf_counter() - t) * 1000)
        tops.append([int(i) for i in order])
        best.append(float(scores[order[0]]) * 100)
        if runners_up is not None:
            runners_up.append(float(scores[order[1]]) * 100)
    return tops, best, times


def accuracy(tops: list[list[int]], gold: list[int]) -> tuple[float, float]:
    top1 = sum(t[0] == g for t, g in zip(tops, gold, strict=True)) / len(gold)
    top3 = sum(g in t for t, g in zip(tops, gold, strict=True)) / len(gold)
    return round(100 * top1, 1), round(100 * top3, 1)


def banking77(quick: bool) -> dict[str, Any]:
    folder = DATA / "banking77"
    if not folder.exists():
        return {"skipped": f"{folder} not found"}

    def read(name: str) -> list[tuple[str, str]]:
        with open(folder / name, encoding="utf-8") as handle:
            return [(r["text"], r["category"].lower()) for r in csv.DictReader(handle)]

    train, test = read("train.csv"), read("test.csv")
    if quick:
        test = random.Random(1).sample(test, 400)
    intents: dict[str, list[str]] = {}
    for text, intent in train:
        intents.setdefault(intent, []).append(text)
    rows = []
    for k in (0, 5, 10, None):
        lib = library_of(intents, k)
        index_of = {s.id: i for i, s in enumerate(lib.snippets)}
        names = lib.id_to_intent  # type: ignore[attr-defined]
        gold_index = {names[sid]: idx for sid, idx in index_of.items()}
        gold = [gold_index[intent] for _, intent in test]
        for mode in ("embedding+lexical", "lexical"):
            forget_snippet_vectors()  # a cold build: no vectors from the last library
            t = time.perf_counter()
            suggester = Suggester(lib) if mode != "lexical" else Suggester(lib, embedder=None)
            build = time.perf_counter() - t
            tops, _, times = rank(suggester, [q for q, _ in test])
            top1, top3 = accuracy(tops, gold)
            rows.append({
                "k": "all" if k is None else k, "mode": mode, "top1": top1, "top3": top3,
                "median_ms": round(statistics.median(times), 2),
                "p95_ms": round(percentile(times, 0.95), 2), "build_s": round(build, 2),
            })  # fmt: skip
            print(f"  BANKING77 k={rows[-1]['k']:>3} {mode:18} top1 {top1:5.1f} top3 {top3:5.1f} "
                  f"median {rows[-1]['median_ms']} ms", flush=True)  # fmt: skip
    return {"test_queries": len(test), "rows": rows}


def clinc150(quick: bool) -> dict[str, Any]:
    path = DATA / "clinc150" / "data_full.json"
    if not path.exists():
        return {"skipped": f"{path} not found"}
    data = json.loads(path.read_text("utf-8"))
    intents: dict[str, list[str]] = {}
    for text, intent in data["train"]:
        intents.setdefault(intent, []).append(text)
    test, oos = data["test"], [t for t, _ in data["oos_test"]]
    if quick:
        rng = random.Random(2)
        test, oos = rng.sample(test, 600), rng.sample(oos, 200)
    lib = library_of(intents, None)
    suggester = Suggester(lib)
    names = lib.id_to_intent  # type: ignore[attr-defined]
    gold_index = {names[s.id]: i for i, s in enumerate(lib.snippets)}
    second: list[float] = []
    oos_second: list[float] = []
    tops, best, _ = rank(suggester, [t for t, _ in test], second)
    gold = [gold_index[i] for _, i in test]
    _, oos_best, _ = rank(suggester, oos, oos_second)
    top1, _ = accuracy(tops, gold)
    # the default rule for an English e-mail and a snippet with examples (every intent has
    # them): its min_score, or a clear lead a little below it (Suggester.is_confident)
    confident = [suggester.is_confident(b, r, "en", with_examples=True)
                 for b, r in zip(best, second, strict=True)]  # fmt: skip
    rule = {
        "oos_rejected_pct": round(
            100 * sum(not suggester.is_confident(b, r, "en", with_examples=True)
                      for b, r in zip(oos_best, oos_second, strict=True)) / len(oos), 1
        ),
        "in_scope_top1_pct": round(
            100 * sum(t[0] == g and c for t, g, c in zip(tops, gold, confident, strict=True))
            / len(gold), 1
        ),
    }  # fmt: skip
    curve = []
    for threshold in (30, 35, 40, 45, 50):
        kept = sum(t[0] == g and b >= threshold for t, g, b in zip(tops, gold, best, strict=True))
        curve.append({
            "threshold": threshold,
            "oos_rejected_pct": round(100 * sum(b < threshold for b in oos_best) / len(oos), 1),
            "in_scope_top1_pct": round(100 * kept / len(gold), 1),
        })  # fmt: skip
    kept, rejected = rule["in_scope_top1_pct"], rule["oos_rejected_pct"]
    print(f"  CLINC150 in-scope top1 {top1} (no threshold); default rule: "
          f"{kept} kept, {rejected}% OOS rejected")  # fmt: skip
    english = suggester.min_scores_with_examples.get("en", suggester.min_score)
    return {"in_scope_top1_no_threshold": top1, "default_threshold": english,
            "curve": curve, "default_rule": rule}  # fmt: skip


EMAIL_2KB = """Hello,

I am writing about my order #48213 which I placed on the 2nd of November. The website said
it would be delivered within three working days, but it is now almost two weeks later and
the parcel has still not arrived. The tracking page has shown "in transit" for eight days
without any update, and when I called the courier they told me to contact you. I bought the
jacket as a birthday present for my brother and the party is this Saturday, so I am getting
worried. Could you please check what is going on with the delivery and let me know when I can
expect it? If it cannot arrive before Saturday, I would like to know what my options are:
can you send another one by express delivery, or should I cancel the order and get a refund?

I have been a customer for years and have always been happy with your shop, so I hope we can
sort this out quickly. My phone number is +44 7700 900123 if it is easier to call me. I am at
work until six most days, but I can take a call during my lunch break around one o'clock, and
I check my e-mail in the evening. If you need the delivery address again, it is the same as on
my previous orders: 12 Orchard Lane, flat 3, Bristol. The doorbell for flat 3 does not always
work, so the courier should knock or call me when they arrive. Last time a parcel was left with
a neighbour without a note, and it took me two days to find it, so please ask them not to do
that again. Thank you for your help, and sorry for the long message; I just want to make sure
everything is clear this time and the present arrives in time for the party on Saturday.

Best regards,
Anna Smith

On Mon, 2 Nov 2026 at 10:00, Shop Support <help@shop.example> wrote:
> Dear Anna, thank you for your order. We will let you know as soon as it ships.
> Please note that our warehouse is closed on public holidays.
> If you have any questions about returns, sizes or invoices, just reply to this e-mail.
> Kind regards, the Support Team
> --
> Shop Support | help@shop.example | Mon-Fri 9:00-17:00
"""


def synthetic_library(n: int) -> expander.Library:
    rng = random.Random(3)
    topics = [
        "parcel",
        "order",
        "refund",
        "invoice",
        "jacket",
        "shoes",
        "courier",
        "discount",
        "warranty",
        "payment",
        "account",
        "address",
        "delivery",
        "return",
        "size",
        "box",
    ]
    verbs = [
        "late",
        "missing",
        "broken",
        "wrong",
        "cancel",
        "change",
        "track",
        "exchange",
        "repair",
        "charge",
        "reset",
        "confirm",
        "upgrade",
        "split",
        "combine",
        "hold",
    ]
    snippets = []
    for i in range(n):
        a, b = rng.choice(topics), rng.choice(verbs)
        c = rng.choice(topics)
        snippets.append({
            "id": f"s{i}", "title": f"{a.title()} {b} ({c}) #{i}",
            "keywords": [a, b, c],
            "examples": [f"my {a} is {b}, what about the {c}?", f"{b} {a} please, {c} {i}"],
            "body": f"Hello {{name|there}}, about your {a}: {b}.",
        })  # fmt: skip
    folder = Path(tempfile.mkdtemp(prefix="expander-bench-"))
    path = folder / "synthetic.toml"
    doc = {"pack": {"name": "synthetic", "version": "1.0.0", "language": "en"},
           "snippets": snippets}  # fmt: skip
    path.write_bytes(tomli_w.dumps(doc).encode("utf-8"))
    return expander.load(path, include_bundled=False)


def latency(quick: bool) -> dict[str, Any]:
    rows = []
    for n in (100, 10_000):
        lib = synthetic_library(n if not quick else min(n, 2000))
        for mode in ("embedding+lexical", "lexical"):
            forget_snippet_vectors()  # a cold build: no vectors from the last library
            t = time.perf_counter()
            suggester = Suggester(lib) if mode != "lexical" else Suggester(lib, embedder=None)
            build = time.perf_counter() - t
            suggester.suggest(EMAIL_2KB, 3, min_score=0)
            times = []
            for _ in range(10 if quick else 40):
                t = time.perf_counter()
                suggester.suggest(EMAIL_2KB, 3, min_score=0)
                times.append((time.perf_counter() - t) * 1000)
            rows.append({
                "snippets": len(lib), "mode": mode, "build_s": round(build, 2),
                "median_ms": round(statistics.median(times), 2),
                "p95_ms": round(percentile(times, 0.95), 2),
            })  # fmt: skip
            print(f"  latency {len(lib):>6} snippets {mode:18} build {build:6.2f} s, "
                  f"suggest median {rows[-1]['median_ms']} ms "
                  f"p95 {rows[-1]['p95_ms']} ms")  # fmt: skip
    return {"email_bytes": len(EMAIL_2KB.encode()), "rows": rows}


def bundled(quick: bool) -> dict[str, Any]:
    """The bundled packs on the test e-mails: tests/data/emails (written with the
    packs in view; the confidence rule was chosen on them) and
    tests/data/emails_holdout (written blind, from snippet titles and bodies)."""
    lib = expander.load()
    sets: dict[str, Any] = {}
    for name in ("emails", "emails_holdout"):
        per: dict[str, dict[str, int]] = {}
        for language in ("en", "pl", "ru"):
            path = REPO / "tests" / "data" / name / f"{language}.toml"
            emails = tomllib.loads(path.read_text("utf-8"))["emails"]
            s = per[language] = suggest_quality.score(lib, emails)
            print(f"  {name} {language}: top1 {s['top1']}/{s['n']} top3 {s['top3']}/{s['n']} "
                  f"confident top1 {s['confident_top1']}/{s['n']} "
                  f"(wrong {s['confident_wrong']}) "
                  f"unanswerable quiet {s['none_quiet']}/{s['none']}", flush=True)  # fmt: skip
        sets[name] = per
    return {"sets": sets}


def quality(quick: bool) -> dict[str, Any]:
    """Untuned packs (examples, keywords stripped; the manager packs) and the
    learning curve: see bench/suggest_quality.py."""
    return suggest_quality.quality(quick, BLIND)


BLIND: Path | None = None  # --blind: emails_blind from elsewhere


def fields(quick: bool) -> dict[str, Any]:
    """Names and order numbers found in the blind e-mail sets (bench/fields_quality.py)."""
    import fields_quality

    return fields_quality.fields(quick)


BENCHES: dict[str, Callable[[bool], dict[str, Any]]] = {
    "banking77": banking77,
    "clinc150": clinc150,
    "latency": latency,
    "bundled": bundled,
    "quality": quality,
    "fields": fields,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="subsample for a smoke test")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--only", action="append", choices=sorted(BENCHES))
    parser.add_argument(
        "--merge",
        action="store_true",
        help="update the --json file's other benchmarks' results, keep the rest",
    )
    parser.add_argument(
        "--blind",
        type=Path,
        metavar="DIR",
        help="emails_blind/{en,pl,ru}.toml from DIR instead of tests/data",
    )
    args = parser.parse_args(argv)
    global BLIND
    BLIND = args.blind
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
        "quick": args.quick,
    }
    for name in args.only or list(BENCHES):
        print(f"{name} ...", flush=True)
        results[name] = BENCHES[name](args.quick)
    if args.json:
        if args.merge and args.json.is_file():
            kept = json.loads(args.json.read_text("utf-8"))
            results = {**kept, **{k: v for k, v in results.items() if k in BENCHES}}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
