"""Benchmark: the search palette's ranking per keystroke at 100, 1,000 and 10,000 snippets.

Builds libraries of made-up snippets (English, Polish and Russian words from the
bundled packs, and as many invented words again, so the vocabulary grows with the
library as a real one does), then types queries one character at a time, as an
agent does in the palette, and times :meth:`expander.search.SnippetIndex.search`
at each keystroke: typos, Polish without diacritics, Russian in Latin letters,
words out of order, and the empty query. Goal: at most 10 ms per keystroke at
10,000 snippets (the 99th percentile; the maximum is reported too).

Usage::

    python bench/bench_palette.py [--rounds R] [--seed S] [--json PATH] [--quick]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from expander.library import Library, load  # noqa: E402
from expander.model import Pack, Snippet  # noqa: E402
from expander.search import SnippetIndex, frecency  # noqa: E402
from expander.template import parse  # noqa: E402

SIZES = (100, 1_000, 10_000)
GOAL_MS = 10.0
QUERIES = (
    "order delayed",
    "dleayed ordr",  # typos
    "refund status",
    "status refund",  # words in any order
    "zwrot pieniedzy",  # Polish without diacritics
    "zamowienie anulowane",
    "vozvrat deneg",  # Russian in Latin letters
    "posylka ne prishla",
    "z",
    "",
)
_SYLLABLES = "ka zo mi ral den pro st ve lo ny ch tr ob er ap ul wi sz rz ko".split()


def real_words() -> list[str]:
    """The words of the bundled packs (English, Polish, Russian)."""
    text = " ".join(f"{s.title} {s.body} {' '.join(s.keywords)}" for s in load().snippets)
    return sorted({w for w in re.findall(r"[^\W\d_]{3,}", text.casefold())})


def make_library(count: int, words: list[str], rng: random.Random) -> Library:
    """``count`` snippets: a trigger, a 3-7 word title, 0-4 keywords and a 20-60 word body."""
    invented = [
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 5))) for _ in range(count * 2)
    ]
    pool = words + invented

    def phrase(low: int, high: int) -> str:
        return " ".join(rng.choice(pool) for _ in range(rng.randint(low, high)))

    snippets = []
    for number in range(count):
        body = phrase(20, 60) + " {name|customer}"
        snippets.append(
            Snippet(
                id=f"s{number}",
                title=phrase(3, 7).capitalize(),
                body=body,
                template=parse(body),
                pack="bench",
                trigger=f";{rng.choice(invented)}{number}",
                keywords=tuple(phrase(1, 2) for _ in range(rng.randint(0, 4))),
            )
        )
    return Library([Pack("bench", "1.0.0", tuple(snippets))])


def keystrokes(query: str) -> list[str]:
    """What the search field holds after each key: "o", "or", ..., the whole query."""
    return [query[:end] for end in range(1, len(query) + 1)] or [""]


def measure(size: int, words: list[str], rounds: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed + size)
    library = make_library(size, words, rng)
    started = time.perf_counter()
    index = SnippetIndex(library.snippets)
    build_ms = (time.perf_counter() - started) * 1000
    days = ["2026-11-20", "2026-11-25", "2026-12-01"]
    usage = frecency(
        (s.qualified_id, rng.choice(days), rng.randint(1, 9))
        for s in rng.sample(library.snippets, min(50, size))
    )
    samples: list[float] = []
    gc.disable()
    try:
        for _ in range(rounds):
            for query in QUERIES:
                index._scores_of.cache_clear()  # noqa: SLF001 - each query typed afresh
                for typed in keystrokes(query):
                    started = time.perf_counter()
                    index.search(typed, usage=usage)
                    samples.append((time.perf_counter() - started) * 1000)
    finally:
        gc.enable()
    samples.sort()
    return {
        "snippets": size,
        "vocabulary": len(index._postings[0]),  # noqa: SLF001 - reported, not relied on
        "keystrokes": len(samples),
        "median_ms": round(statistics.median(samples), 3),
        "p99_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 3),
        "max_ms": round(samples[-1], 3),
        "build_ms": round(build_ms, 1),
    }


def goal_rows(data: dict[str, Any]) -> list[str]:
    """The palette's row of the goals table in RESULTS.md."""
    rows = data.get("results") or []
    if not rows:
        return ["| Palette ranking | no results | – |"]
    last = rows[-1]
    met = "**met**" if last["p99_ms"] <= data["goal_ms"] else "**missed**"
    return [
        f"| Palette: ranking at most {data['goal_ms']:g} ms per keystroke at "
        f"{last['snippets']:,} snippets (p99) | {last['p99_ms']} ms (median "
        f"{last['median_ms']} ms, max {last['max_ms']} ms) | {met} |"
    ]


def section(data: dict[str, Any]) -> list[str]:
    """The "Search palette" section of RESULTS.md."""
    machine = data["machine"]
    out = [
        f"Measured {data['date']}{' (a quick run)' if data.get('quick') else ''}, "
        f"Python {machine['python']}, {machine['cpus']} CPUs.",
        "",
        "`bench/bench_palette.py`: made-up snippets (words of the bundled packs and invented "
        "ones), queries typed one character at a time (typos, Polish without diacritics, "
        f"Russian in Latin letters, words out of order, the empty query), {data['rounds']} "
        "rounds; each keystroke is one `SnippetIndex.search` call, garbage collection off, the "
        "index's cache of word scores emptied before each query (a query typed afresh).",
        "",
        "| Snippets | Vocabulary | Keystrokes | Median ms | p99 ms | Max ms | Index build ms |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    out += [
        f"| {r['snippets']:,} | {r['vocabulary']:,} | {r['keystrokes']:,} | {r['median_ms']} | "
        f"{r['p99_ms']} | {r['max_ms']} | {r['build_ms']} |"
        for r in data.get("results", [])
    ]
    shown = data.get("window_shown_ms")
    if shown:
        out += ["", f"Window shown after the hotkey (Xvfb, the end-to-end test): {shown}."]
    return [*out, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--quick", action="store_true", help="one round")
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else args.rounds
    words = real_words()
    results = []
    for size in SIZES:
        row = measure(size, words, rounds, args.seed)
        results.append(row)
        print(
            f"palette: {size:>6,} snippets  median {row['median_ms']:.3f} ms  "
            f"p99 {row['p99_ms']:.3f} ms  max {row['max_ms']:.3f} ms  build {row['build_ms']} ms",
            flush=True,
        )
    data = {
        "benchmark": "palette",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "quick": args.quick,
        "rounds": rounds,
        "seed": args.seed,
        "goal_ms": GOAL_MS,
        "machine": {
            "python": platform.python_version(),
            "cpus": len(os.sched_getaffinity(0)),
        },
        "results": results,
    }
    if args.json is not None:
        previous = json.loads(args.json.read_text("utf-8")) if args.json.is_file() else {}
        if "window_shown_ms" in previous:
            data["window_shown_ms"] = previous["window_shown_ms"]
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0 if results[-1]["p99_ms"] <= GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
