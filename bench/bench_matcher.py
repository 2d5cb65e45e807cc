"""Benchmark: per-keystroke cost of the abbreviation matcher at 10, 1,000 and 10,000 triggers.

Feeds a stream of realistic keystrokes (sentences of made-up words, capitals, punctuation,
Enter, typos fixed with Backspace, the odd caret move or shortcut, and triggers sprinkled in)
to a :class:`~expander.matcher.Matcher` built from random triggers such as ``;k3x9``, and prints
the median, 99th percentile and mean time per keystroke.

The matcher promises that cost does not grow with the number of triggers, so the script exits
with status 1 when the median at 10,000 triggers is more than twice the median at 10.

Usage::

    python bench/bench_matcher.py [--keystrokes N] [--rounds R] [--seed S] [--json PATH]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import string
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from expander.matcher import KeyEvent, Matcher, SpecialKey, TriggerSpec  # noqa: E402

SIZES = (10, 1_000, 10_000)
FLATNESS_LIMIT = 2.0
GOAL_US = 5.0
TRIGGER_ALPHABET = string.ascii_lowercase + string.digits


def make_specs(count: int, rng: random.Random) -> list[TriggerSpec]:
    """``count`` distinct triggers like ``;abc12`` (3-12 characters), half of them word-boundary,
    most case-propagating."""
    triggers: set[str] = set()
    while len(triggers) < count:
        length = rng.randint(2, 11)
        triggers.add(";" + "".join(rng.choices(TRIGGER_ALPHABET, k=length)))
    return [
        TriggerSpec(
            trigger=trigger,
            target=f"snippet-{n}",
            word_boundary=rng.random() < 0.5,
            propagate_case=rng.random() < 0.8,
        )
        for n, trigger in enumerate(sorted(triggers))
    ]


def make_stream(
    specs: list[TriggerSpec], keystrokes: int, rng: random.Random
) -> tuple[list[KeyEvent], int]:
    """About ``keystrokes`` key events of prose with triggers sprinkled in; also returns how many
    triggers were typed."""
    vocabulary = [
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(1, 9))) for _ in range(2_000)
    ]
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
    letters = string.ascii_lowercase
    events: list[KeyEvent] = []
    typed_triggers = 0
    start_of_sentence = True

    def type_text(text: str) -> None:
        events.extend(KeyEvent.text(ch) for ch in text)

    while len(events) < keystrokes:
        if rng.random() < 0.03:
            spec = rng.choice(specs)
            typed_triggers += 1
            type_text(spec.trigger)
            type_text(" ")
            continue
        word = rng.choices(vocabulary, weights)[0]
        if start_of_sentence:
            word = word.capitalize()
        if len(word) > 3 and rng.random() < 0.04:
            cut = rng.randint(1, len(word) - 1)
            type_text(word[:cut] + rng.choice(letters))
            events.append(KeyEvent.special(SpecialKey.BACKSPACE))
            type_text(word[cut:])
        else:
            type_text(word)
        roll = rng.random()
        start_of_sentence = roll < 0.12
        if roll < 0.01:
            events.append(KeyEvent.special(SpecialKey.ENTER))
        elif roll < 0.12:
            type_text(rng.choice(".?!") + " ")
        elif roll < 0.18:
            type_text(", ")
        else:
            type_text(" ")
        if rng.random() < 0.005:
            events.append(KeyEvent.special(rng.choice([SpecialKey.LEFT, SpecialKey.END])))
        if rng.random() < 0.003:
            events.append(KeyEvent.text("s", modifiers_held=True))
    return events, typed_triggers


def timer_overhead_ns() -> int:
    """Median cost of the two ``perf_counter_ns`` calls that bracket each measured keystroke."""
    clock = time.perf_counter_ns
    samples = []
    for _ in range(100_000):
        start = clock()
        samples.append(clock() - start)
    return int(statistics.median(samples))


def measure(matcher: Matcher, events: list[KeyEvent]) -> tuple[list[int], int, int]:
    """Per-keystroke times in ns, total ns for an untimed-per-key pass, and matches seen."""
    feed = matcher.feed
    clock = time.perf_counter_ns
    samples = [0] * len(events)
    matches = 0
    matcher.reset()
    for event in events[:10_000]:
        feed(event)
    matcher.reset()
    for index, event in enumerate(events):
        start = clock()
        found = feed(event)
        samples[index] = clock() - start
        if found is not None:
            matches += 1
    matcher.reset()
    start = clock()
    for event in events:
        feed(event)
    total = clock() - start
    return samples, total, matches


def percentile(sorted_samples: list[int], fraction: float) -> int:
    return sorted_samples[min(len(sorted_samples) - 1, int(fraction * len(sorted_samples)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--keystrokes", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3, help="measured passes per size")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results here")
    args = parser.parse_args(argv)

    overhead = timer_overhead_ns()
    results = []
    for size in SIZES:
        rng = random.Random(args.seed)
        specs = make_specs(size, rng)
        events, typed_triggers = make_stream(specs, args.keystrokes, random.Random(args.seed + 1))
        build_start = time.perf_counter_ns()
        matcher = Matcher(specs)
        build_ns = time.perf_counter_ns() - build_start
        samples: list[int] = []
        totals: list[int] = []
        matches = 0
        gc.disable()
        try:
            for _ in range(args.rounds):
                round_samples, total, matches = measure(matcher, events)
                samples.extend(round_samples)
                totals.append(total)
        finally:
            gc.enable()
        samples.sort()
        result = {
            "triggers": size,
            "keystrokes": len(events),
            "triggers_typed": typed_triggers,
            "matches": matches,
            "build_ms": build_ns / 1e6,
            "median_us": statistics.median(samples) / 1000,
            "p99_us": percentile(samples, 0.99) / 1000,
            "mean_us": min(totals) / len(events) / 1000,
        }
        results.append(result)
        print(
            f"{size:>6} triggers: median {result['median_us']:.3f} µs, "
            f"p99 {result['p99_us']:.3f} µs, mean (untimed loop) {result['mean_us']:.3f} µs "
            f"per keystroke over {len(events):,} keys; {matches:,} matches "
            f"of {typed_triggers:,} typed; build {result['build_ms']:.1f} ms"
        )

    first, last = results[0], results[-1]
    ratio = last["median_us"] / first["median_us"]
    flat = ratio <= FLATNESS_LIMIT
    goal_met = last["median_us"] < GOAL_US
    print(f"timer overhead included in each sample: ~{overhead / 1000:.3f} µs")
    print(
        f"flatness: median at {last['triggers']:,} / median at {first['triggers']:,} = "
        f"{ratio:.2f} (limit {FLATNESS_LIMIT:.1f}) -> {'ok' if flat else 'FAIL'}"
    )
    print(
        f"goal: median at {last['triggers']:,} triggers under {GOAL_US:.0f} µs -> "
        f"{'met' if goal_met else 'missed'}"
    )
    if args.json is not None:
        report = {
            "python": sys.version.split()[0],
            "seed": args.seed,
            "rounds": args.rounds,
            "timer_overhead_us": overhead / 1000,
            "results": results,
            "flatness_ratio": ratio,
            "flatness_limit": FLATNESS_LIMIT,
            "flat": flat,
            "goal_us": GOAL_US,
            "goal_met": goal_met,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if not flat:
        print(
            f"FAIL: per-keystroke cost grows with the number of triggers "
            f"({ratio:.2f}x from {first['triggers']} to {last['triggers']})",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
