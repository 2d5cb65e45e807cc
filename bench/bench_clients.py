"""Benchmark: end-to-end expansion latency and exactness per client (issue #15).

One private Xvfb, one ``expander run --no-bundled --no-user --pack <generated pack>``
(default settings: replies up to 40 characters typed, longer ones pasted), and these
clients on it, each started once: a Tk text box, Chromium (a ``<textarea>`` and a
``contenteditable`` div, read over DevTools), Firefox ESR (the same page, read over
Marionette) and xterm (running the line editor of tests/desktop/terminal.py, read from
the file it writes).

For each client and each reply (short, typed; 600 characters, pasted; Polish, Russian
and emoji, pasted), N runs of: clear the field, focus it, type the trigger with
``xdotool type`` but its last key, which the bench presses itself through XTEST, while
a thread reads the field back as fast as its channel allows, until it holds exactly
the reply (5 s: a failure). The latency is from the last key sent to the first exact
read: good to about one round trip of the channel, whose median is measured and
reported beside it. (``xdotool type`` returning is no anchor: it pauses after its last
key, then exits, and in most runs the reply was already complete by then.) A
fast-typing row per client types ``Thanks ;sig more text`` at a key every 15 ms and
counts the runs that end exactly as expected.

With ``--backend ibus`` (issue #16) the app is the input-method engine of a private
ibus-daemon on the same Xvfb (``expander run --backend ibus``) and the clients are IBus
clients: a GTK3 text view and mousepad (they send surrounding text: the trigger is
deleted and the reply committed at once), Chromium and Firefox ESR, and xterm through
XIM (forwarded BackSpaces, then the commit). Every reply is committed (no clipboard). A
per-key row measures what the engine costs every key typed anywhere: the time from a key
sent to its character shown in the GTK view, with Expander's engine selected and with
IBus's own layout engine (``xkb:us::eng``), alternately.

Usage::

    python bench/bench_clients.py [--backend x11|ibus] [--runs N] [--json PATH] [--quick]
        [--client NAME]... [--app-log PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# The desktop harness (tests/desktop) is imported where it is used: RESULTS.md is rendered
# from this module's goal_rows() and section() without it.

RUNS = 10
QUICK_RUNS = 2
TIMEOUT_S = 5.0
RTT_SAMPLES = 50
TRIGGER_DELAY_MS = 12  # xdotool's key delay for the trigger (harness.type_text's default)
FAST_DELAY_MS = 15  # a key every 15 ms: faster than any person types
FILE_POLL_PAUSE_S = 0.001  # xterm is read from a file: a pause so the poll leaves a core free

SHORT = "Thanks for writing, we're on it"
LONG = (
    (
        "Thank you for your message. We are sorry that your parcel is late: the courier had a "
        "backlog after the holidays, and we have asked them to deliver it first thing. "
    )
    * 5
)[:600]
MIXED = "Dzień dobry, zażółć gęślą jaźń! Здравствуйте, съешь ещё булок. Thanks 🎉🙂 ☕"
SIGNATURE = "Best regards, Kasia"  # one line: a terminal never gets a reply of several lines
FAST_TYPED = "Thanks ;sig more text"
FAST_EXPECTED = "Thanks " + SIGNATURE + " more text"


@dataclass(frozen=True)
class Reply:
    name: str
    trigger: str
    text: str
    how: str  # "typed" or "pasted", as the app decides with its default settings


REPLIES = (
    Reply("short", ";hi", SHORT, "typed"),
    Reply("600 characters", ";long", LONG, "pasted"),
    Reply("Polish+Russian+emoji", ";mix", MIXED, "pasted"),
)
CLIENTS = {
    "tk": "Tk text box",
    "gtk": "GTK3 text view",
    "mousepad": "mousepad",
    "chromium-textarea": "Chromium textarea",
    "chromium-editable": "Chromium contenteditable",
    "firefox-textarea": "Firefox ESR textarea",
    "firefox-editable": "Firefox ESR contenteditable",
    "xterm": "xterm",
}
CHANNELS = {
    "tk": "Tk over a local socket (its loop serves requests every 5 ms)",
    "gtk": "GTK over a local socket",
    "mousepad": "AT-SPI over D-Bus",
    "chromium": "DevTools Runtime.evaluate over a websocket",
    "firefox": "Marionette WebDriver:ExecuteScript over TCP",
    "xterm": "the line editor's state file, read with a 1 ms pause between reads",
}
assert len(SHORT) == 31 and len(LONG) == 600
# Seen in repeated smoke runs of this bench (2 runs per row), not in the run recorded here;
# shown under the table until fixed (then delete them).
KNOWN_ISSUES = (
    "7 pastes into Chromium were lost in 5 smoke runs made while a second copy of the "
    "bench ran beside them (5 into the contenteditable, 2 into the textarea, of about 200 "
    "pastes into Chromium in all smoke runs): the trigger was erased, the app logged the "
    "paste as done, and the field stayed empty for the 5 s the bench waited. Still seen "
    "after the fix of the hang (1eb9d55): about 1 paste in 80 into Chromium under a 15 ms "
    "typist in tests/desktop/test_browsers.py; the cause is not known.",
)


# ---------------------------------------------------------------- measuring


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def nearest_rank(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary(values: list[float]) -> dict[str, Any]:
    """Median, p95 (nearest rank), min and max in ms of ``values`` (seconds)."""
    if not values:
        return {"median_ms": None, "p95_ms": None, "min_ms": None, "max_ms": None}
    return {
        "median_ms": ms(statistics.median(values)),
        "p95_ms": ms(nearest_rank(values, 0.95)),
        "min_ms": ms(min(values)),
        "max_ms": ms(max(values)),
    }


def round_trip(field: Any, samples: int) -> dict[str, Any]:
    """How long one text() call takes on this client: the resolution of the latency."""
    field.clear()
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        field.text()
        times.append(time.perf_counter() - start)
    return {"samples": samples, **summary(times)}


class LastKey:
    """Presses one key through XTEST (as xdotool does) and says when it was sent."""

    def __init__(self) -> None:
        from Xlib import display

        self.display = display.Display()

    def tap(self, char: str) -> float:
        from Xlib import XK, X
        from Xlib.ext import xtest

        code = self.display.keysym_to_keycode(XK.string_to_keysym(char))
        if not code or not (char.islower() or char.isdigit()):
            raise ValueError(f"the trigger must end in a lower-case letter or a digit: {char!r}")
        sent = time.perf_counter()
        xtest.fake_input(self.display, X.KeyPress, code)
        self.display.sync()
        xtest.fake_input(self.display, X.KeyRelease, code)
        self.display.sync()
        return sent

    def close(self) -> None:
        self.display.close()


def one_run(
    field: Any, typed: str, expected: str, delay_ms: int, pause: float, last: LastKey | None
) -> dict[str, Any]:
    """Clear, focus, type ``typed`` while a thread reads the field back without pause until
    it holds ``expected`` exactly. With ``last``, xdotool types all but the last key, which
    ``last`` presses: the latency (ms) is from that key to the exact read; without it,
    xdotool types it all and the latency is from xdotool returning (negative: done before)."""
    from tests.desktop import harness

    try:
        field.clear()
        field.focus()
    except Exception:  # the client's own hiccup (e.g. a late write); once more
        field.clear()
        field.focus()
    stop = threading.Event()
    deadline = [math.inf]
    seen: list[tuple[float, str]] = []  # (time the read returned, text) at each change
    problem: list[BaseException] = []

    def poll() -> None:
        last_text = None
        try:
            while not stop.is_set():
                text = field.text()
                now = time.perf_counter()
                if text != last_text:
                    seen.append((now, text))
                    last_text = text
                if text == expected or now > deadline[0]:
                    return
                if pause:
                    time.sleep(pause)
        except BaseException as exc:  # reported by the run
            problem.append(exc)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    try:
        if last is None:
            harness.type_text(typed, delay_ms=delay_ms)
            start = time.perf_counter()
        else:
            harness.type_text(typed[:-1], delay_ms=delay_ms)
            start = last.tap(typed[-1])
        deadline[0] = start + TIMEOUT_S
        poller.join(TIMEOUT_S + 10)
    finally:
        stop.set()
        poller.join(10)
    if problem:
        raise problem[0]
    exact_at = next((t for t, text in seen if text == expected), None)
    if exact_at is None:
        text = seen[-1][1] if seen else ""
        return {"exact": False, "changes": len(seen), "held_chars": len(text),
                "held_head": text[:40], "held_tail": text[-25:]}  # fmt: skip
    return {"exact": True, "latency_ms": ms(exact_at - start), "changes": len(seen)}


def measure_row(
    field: Any,
    typed: str,
    expected: str,
    runs: int,
    delay_ms: int,
    pause: float,
    last: LastKey | None,
) -> dict[str, Any]:
    samples: list[dict[str, Any]] = []
    errors = 0
    for _ in range(runs):
        try:
            samples.append(one_run(field, typed, expected, delay_ms, pause, last))
            errors = 0
        except Exception as exc:  # a client that stops answering fails its runs, not the bench
            where = traceback.extract_tb(exc.__traceback__)[-1]
            error = f"{exc!r} at {Path(where.filename).name}:{where.lineno} {where.line}"
            samples.append({"exact": False, "error": error[:300]})
            errors += 1
            if errors >= 3:
                break
    exact = [s["latency_ms"] / 1000 for s in samples if s["exact"]]
    return {"exact": len(exact), "total": runs, **summary(exact), "samples": samples}


def measure_client(
    name: str, field: Any, runs: int, rtt_samples: int, pause: float, last: LastKey
) -> dict[str, Any]:
    record: dict[str, Any] = {"client": name, "label": CLIENTS[name], "started": True}
    record["channel"] = CHANNELS[name.split("-")[0]]
    record["round_trip"] = round_trip(field, rtt_samples)
    # one expansion first, not counted: the first paste into a fresh window sets things up
    record["warm_up"] = one_run(field, ";hi", SHORT, TRIGGER_DELAY_MS, pause, last)
    record["rows"] = []
    for reply in REPLIES:
        row = measure_row(field, reply.trigger, reply.text, runs, TRIGGER_DELAY_MS, pause, last)
        row |= {"reply": reply.name, "how": reply.how, "chars": len(reply.text)}
        record["rows"].append(row)
        print(f"clients: {name:<18} {row_line(row)}", flush=True)
    fast = measure_row(field, FAST_TYPED, FAST_EXPECTED, runs, FAST_DELAY_MS, pause, None)
    record["fast"] = fast | {"typed": FAST_TYPED, "expected": FAST_EXPECTED}
    print(f"clients: {name:<18} fast typing           {fast['exact']}/{fast['total']} exact")
    record["round_trip_after"] = round_trip(field, rtt_samples)
    return record


def row_line(row: dict[str, Any]) -> str:
    return (
        f"{row['reply']:<21} {row['exact']}/{row['total']} exact, median "
        f"{fmt(row['median_ms'])} ms, p95 {fmt(row['p95_ms'])} ms"
    )


def fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


# ---------------------------------------------------------------- the clients


IBUS_CLIENTS = ["gtk", "mousepad", "chromium-textarea", "chromium-editable",
                "firefox-textarea", "firefox-editable", "xterm"]  # fmt: skip
X11_CLIENTS = ["tk", "chromium-textarea", "chromium-editable", "firefox-textarea",
               "firefox-editable", "xterm"]  # fmt: skip


@contextlib.contextmanager
def client_fields(
    name: str, folder: Path, env: dict[str, str] | None = None
) -> Iterator[list[tuple[str, Any, float]]]:
    """Start one client program (with ``env``: an IBus session's); yield (client name,
    field, poll pause) per field."""
    from tests.desktop import browsers, harness
    from tests.desktop.im_clients import GtkTarget, MousepadTarget
    from tests.desktop.terminal import XtermTarget

    if name == "tk":
        tk = harness.TkTarget(env=env)
        try:
            yield [("tk", tk, 0.0)]
        finally:
            tk.close()
    elif name == "gtk":
        gtk = GtkTarget(env=env)
        try:
            yield [("gtk", gtk, 0.0)]
        finally:
            gtk.close()
    elif name == "mousepad":
        pad = MousepadTarget(env or dict(os.environ))
        try:
            yield [("mousepad", pad, 0.0)]
        finally:
            pad.close()
    elif name in ("chromium", "firefox"):
        kind: type[browsers.Browser] = browsers.Chromium if name == "chromium" else browsers.Firefox
        browser = kind(env=env)
        try:
            yield [(f"{name}-{f}", browser.field(f), 0.0) for f in ("textarea", "editable")]
        finally:
            browser.close()
    else:
        term = XtermTarget(folder, env=env)
        try:
            yield [("xterm", term, FILE_POLL_PAUSE_S)]
        finally:
            term.close()


PROGRAMS = {
    "tk": ["tk"],
    "gtk": ["gtk"],
    "mousepad": ["mousepad"],
    "chromium": ["chromium-textarea", "chromium-editable"],
    "firefox": ["firefox-textarea", "firefox-editable"],
    "xterm": ["xterm"],
}


def run_clients(
    wanted: list[str],
    runs: int,
    rtt_samples: int,
    folder: Path,
    last: LastKey,
    env: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for program, names in PROGRAMS.items():
        names = [n for n in names if n in wanted]
        if not names:
            continue
        opened = False
        try:
            with client_fields(program, folder, env) as fields:
                opened = True
                for name, field, pause in fields:
                    if name in names:
                        record = measure_client(name, field, runs, rtt_samples, pause, last)
                        records.append(record)
        except Exception as exc:  # a client that fails to start is reported, not a crash
            done = {r["client"] for r in records}
            for name in names:
                if name not in done:
                    what = "stopped answering" if opened else "did not start"
                    records.append(
                        {"client": name, "label": CLIENTS[name], "started": False,
                         "failure": what, "error": f"{type(exc).__name__}: {exc}"[:500]}
                    )  # fmt: skip
                    print(f"clients: {name}: did not run: {exc}", flush=True)
    order = list(CLIENTS)
    return sorted(records, key=lambda r: order.index(r["client"]))


def measure_per_key(ibus: Any, last: LastKey, samples: int) -> dict[str, Any]:
    """Key sent to its character shown in the GTK view, with Expander's engine and with
    IBus's layout engine selected, alternately (``samples`` keys each)."""
    from tests.desktop.im_clients import GtkTarget
    from tests.waiting import wait_until

    times: dict[str, list[float]] = {"expander": [], "xkb:us::eng": []}
    gtk = GtkTarget(env=ibus.env)
    try:
        for engine in [*times] * 2:
            ibus.select(engine)
            gtk.clear()
            gtk.focus()
            for i in range(samples // 2):
                before = len(gtk.text())
                sent = last.tap("abcdefghij"[i % 10])
                if wait_until(lambda b=before: len(gtk.text()) > b, 2, 0.0):  # type: ignore[misc]
                    times[engine].append(time.perf_counter() - sent)
        ibus.select("expander")
    finally:
        gtk.close()
    return {
        "samples": samples,
        **{name: summary(values) | {"shown": len(values)} for name, values in times.items()},
    }


def write_pack(folder: Path) -> Path:
    snippets = [
        {"id": "hi", "trigger": ";hi", "title": "Short", "body": SHORT},
        {"id": "long", "trigger": ";long", "title": "Long", "body": LONG},
        {"id": "mix", "trigger": ";mix", "title": "Polish, Russian, emoji", "body": MIXED},
        {"id": "sig", "trigger": ";sig", "title": "Signature", "body": SIGNATURE},
    ]
    doc = {"pack": {"name": "clients", "version": "1.0.0", "language": "en"}, "snippets": snippets}
    pack = folder / "clients.toml"
    pack.write_bytes(tomli_w.dumps(doc, multiline_strings=True).encode("utf-8"))
    return pack


def bench(
    wanted: list[str],
    runs: int,
    rtt_samples: int,
    app_log: Path | None = None,
    backend: str = "x11",
) -> dict[str, Any]:
    """Run every client in ``wanted`` on a private Xvfb with one ``expander run
    --backend BACKEND``; ``app_log``: where to write the app's whole log."""
    from tests.desktop import harness
    from tests.desktop.conftest import App

    load_before = os.getloadavg()
    started = time.monotonic()
    per_key: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="expander-bench-clients-") as tmp:
        folder = Path(tmp)
        app_record: dict[str, Any] = {}
        with harness.private_display() as display, contextlib.ExitStack() as stack:
            env = None
            ibus = None
            if backend == "ibus":
                from tests.desktop.ibus_session import IBusSession

                ibus = stack.enter_context(IBusSession(display))
                env = ibus.env
            pack = write_pack(folder)
            # -v: one line per expansion (snippet id, length, typed or pasted), kept in the
            # results when a run failed
            app = App(
                folder / "home", "-v", "--no-bundled", "--no-user", "--pack", str(pack),
                "--backend", backend, env=env,
            )  # fmt: skip
            last = LastKey()
            records: list[dict[str, Any]] = []
            try:
                if ibus is not None:
                    from tests.waiting import wait_until

                    if not wait_until(lambda: ibus.engine() == "expander", 15):
                        raise RuntimeError(f"the app did not select its engine:\n{app.log}")
                records = run_clients(wanted, runs, rtt_samples, folder, last, env)
                if backend == "ibus":  # nothing is typed or pasted: every reply is committed
                    for record in records:
                        for row in record.get("rows", []):
                            row["how"] = "committed"
                if ibus is not None and "gtk" in wanted:
                    per_key = measure_per_key(ibus, last, runs * 5)
            finally:
                last.close()
                code = app.stop()
                if app_log is not None:
                    app_log.write_text(app.log, encoding="utf-8")
                app_record = {
                    "returncode": code,
                    "traceback_in_log": "Traceback" in app.log,
                }
                failed = any(not s["exact"] for r in records for s in samples_of(r))
                if code or "Traceback" in app.log or failed:
                    app_record["log_tail"] = app.log[-6000:].splitlines()
    return {
        "benchmark": "clients",
        "backend": backend,
        "per_key": per_key,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "runs": runs,
        "timeout_s": TIMEOUT_S,
        "trigger_delay_ms": TRIGGER_DELAY_MS,
        "fast_delay_ms": FAST_DELAY_MS,
        "replies": [
            {
                "name": r.name,
                "trigger": r.trigger,
                "chars": len(r.text),
                "how": r.how if backend == "x11" else "committed",
            }
            for r in REPLIES
        ],  # fmt: skip
        "machine": {
            "python": platform.python_version(),
            "cpus": len(os.sched_getaffinity(0)),
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()],
        },
        "duration_s": round(time.monotonic() - started, 1),
        "app": app_record,
        "clients": records,
    }


def samples_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [*record.get("rows", []), *([record["fast"]] if "fast" in record else [])]
    return [s for row in rows for s in row["samples"]]


# ---------------------------------------------------------------- RESULTS.md


def all_exact(record: dict[str, Any]) -> bool:
    rows = [*record["rows"], record["fast"]]
    return all(r["exact"] == r["total"] for r in rows)


def goal_rows(data: dict[str, Any]) -> list[str]:
    """One row of the goals table per client: every reply and the fast typing exact."""
    out = []
    for record in data.get("clients", []):
        backend = " (IBus)" if data.get("backend") == "ibus" else ""
        goal = (
            f"| Client {record['label']}{backend}: every reply exact, fast typing loses nothing |"
        )
        if not record.get("started"):
            out.append(f"{goal} {record.get('failure', 'did not start')} | **missed** |")
            continue
        rows = record["rows"]
        exact = sum(r["exact"] for r in rows)
        total = sum(r["total"] for r in rows)
        fast = record["fast"]
        ok = all_exact(record)
        out.append(
            f"{goal} {exact}/{total} replies exact, fast typing {fast['exact']}/"
            f"{fast['total']} | {'**met**' if ok else '**missed**'} |"
        )
    return out or ["| Clients | no results | – |"]


def section(data: dict[str, Any]) -> list[str]:
    """The "End-to-end latency per client" section of RESULTS.md."""
    machine = data["machine"]
    quick = " **(quick smoke run: too few runs to judge)**" if data.get("quick") else ""
    replies = ", ".join(
        f"{r['name']} ({r['chars']} characters, {r['how']}, `{r['trigger']}`)"
        for r in data["replies"]
    )
    out = [
        f"Measured {data['date']}, Python {machine['python']}, {machine['cpus']} CPUs shared "
        f"with other jobs (load average {machine['load_before'][0]} before, "
        f"{machine['load_after'][0]} after; the run took {data['duration_s']:.0f} s), "
        f"commit {data.get('commit', '?')}.{quick}",
        "",
        (
            "`bench/bench_clients.py --backend ibus`: one private Xvfb and a private "
            "ibus-daemon (with XIM), one `expander run --backend ibus --no-bundled --no-user "
            "--pack PACK`, the app being the input-method engine; each client started once "
            "as an IBus client (xterm through XIM). Every reply is committed (no clipboard, "
            "no typing). Replies: "
            if data.get("backend") == "ibus"
            else "`bench/bench_clients.py`: one private Xvfb, one `expander run --no-bundled "
            "--no-user --pack PACK` with its default settings (replies up to 40 characters "
            "typed, longer ones pasted), each client started once. Replies: "
        )
        + replies
        + ". Each row: "
        f"{data['runs']} runs of: clear the field, focus it, type the trigger but its last "
        f"key with `xdotool type --delay {data['trigger_delay_ms']}`, press the last key "
        "through XTEST from the bench (as xdotool does), while a thread reads the field back "
        "as fast as its channel allows, until it holds exactly the reply "
        f"({data['timeout_s']:g} s: a failure). The machine was loaded by other jobs "
        "throughout (the load average above), so the figures are noisy; the p95 of 10 runs "
        "(nearest rank) is their maximum.",
        "",
        "- **Latency**: from the bench sending the trigger's last key to the first read "
        "holding exactly the reply. The read ends within one round trip of the change it "
        "sees, so the figure is good to about one round trip (it can be up to one too high). "
        "Not from `xdotool type` returning: xdotool pauses after its last key, then exits, "
        "and in a first version of this bench timed that way the reply was already complete "
        "by then in 171 of 180 runs. Reading with a 2 ms pause instead of none changed no "
        "median by more than the drift between batches (Tk, Chromium, Firefox textarea), so "
        "the reads do not slow the clients down measurably.",
        "- **Round trip**: median time of one read of the field on this client (reads of the "
        "idle field before the runs): the resolution of the latency.",
        f"- **Fast typing**: `{FAST_TYPED}` typed by xdotool at a key every "
        f"{data['fast_delay_ms']} ms (`;sig` gives `{SIGNATURE}`, typed); the runs ending "
        f"exactly as `{FAST_EXPECTED}`.",
        "",
        "| Client | Reply | Exact | Median ms | p95 ms | Round trip ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    notes = []
    for record in data.get("clients", []):
        if not record.get("started"):
            what = record.get("failure", "did not start")
            out.append(f"| {record['label']} | – | {what} | – | – | – |")
            notes.append(f"- **{record['label']}** {what}: {record.get('error')}")
            continue
        rtt = f"{record['round_trip']['median_ms']:.2f}"
        out += [
            f"| {record['label']} | {row['reply']} ({row['how']}) | {row['exact']}/"
            f"{row['total']} | {fmt(row['median_ms'])} | {fmt(row['p95_ms'])} | {rtt} |"
            for row in record["rows"]
        ]
        fast = record["fast"]
        out.append(
            f"| {record['label']} | fast typing (`;sig` mid-sentence) | {fast['exact']}/"
            f"{fast['total']} | – | – | {rtt} |"
        )
        for row in [*record["rows"], fast]:
            bad = [s for s in row["samples"] if not s["exact"]]
            if bad:
                notes.append(f"- **{record['label']}, {row.get('reply', 'fast typing')}**: "
                             + "; ".join(failure(s) for s in bad[:3]))  # fmt: skip
    out.append("")
    if notes:
        out += ["Failures:", "", *notes, ""]
    per_key = data.get("per_key") or {}
    if per_key:
        out += [
            "Per key (what the engine costs every key typed in a text field): from a key sent "
            "through XTEST to its character shown in the GTK view, "
            f"{per_key['samples']} keys with each engine selected, alternately:",
            "",
            "| Engine selected | Shown | Median ms | p95 ms | Max ms |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, label in (("expander", "Expander"), ("xkb:us::eng", "IBus's layout engine")):
            row = per_key[name]
            out.append(
                f"| {label} | {row['shown']} | {fmt(row['median_ms'])} | "
                f"{fmt(row['p95_ms'])} | {fmt(row['max_ms'])} |"
            )
        out.append("")
    if KNOWN_ISSUES and data.get("backend", "x11") == "x11":
        out += ["Seen in smoke runs of this bench (`--quick`, 2 runs per row) before this run:", ""]
        out += [f"- {issue}" for issue in KNOWN_ISSUES]
        out.append("")
    channels = "; ".join(f"{k}: {v}" for k, v in CHANNELS.items())
    out += [f"Read-back channels: {channels}.", ""]
    app = data.get("app", {})
    if app.get("returncode") or app.get("traceback_in_log"):
        out += [
            f"`expander run` exited with status {app.get('returncode')}"
            + (" and logged a traceback" if app.get("traceback_in_log") else "")
            + ".",
            "",
        ]
    return out


def failure(sample: dict[str, Any]) -> str:
    if "error" in sample:
        return f"the client failed: {sample['error']}"
    if sample["held_chars"] == 0:
        return "the trigger was erased and the reply never arrived (the field stayed empty)"
    return (
        f"not exact within the timeout: the field held {sample['held_chars']} characters, "
        f"starting {sample['held_head']!r}, ending {sample['held_tail']!r}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs per row ({RUNS})")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_RUNS} runs per row")
    parser.add_argument("--app-log", type=Path, help="write the app's whole log here")
    parser.add_argument(
        "--client", action="append", choices=list(CLIENTS), help="only this client; repeatable"
    )
    parser.add_argument(
        "--backend", choices=("x11", "ibus"), default="x11", help="the app's keyboard backend"
    )
    args = parser.parse_args(argv)
    runs = QUICK_RUNS if args.quick else args.runs
    wanted = args.client or (IBUS_CLIENTS if args.backend == "ibus" else X11_CLIENTS)
    data = bench(wanted, runs, 10 if args.quick else RTT_SAMPLES, args.app_log, args.backend)
    data["quick"] = args.quick
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    failed = [r["client"] for r in data["clients"] if not r.get("started") or not all_exact(r)]
    if failed:
        print(f"clients: not every run exact: {', '.join(failed)}", flush=True)
    return 1 if failed or data["app"].get("returncode") else 0


if __name__ == "__main__":
    sys.exit(main())
