"""Benchmark: what suggestions cost a fresh process and the running app.

* **Memory of the app**: ``expander run`` under a private Xvfb (when Xvfb,
  xdotool and xclip are installed), after one suggestion per language.
* **Memory of the suggestion core**: a fresh process loads the bundled packs,
  builds the suggestion index and suggests a reply to one e-mail in each
  language (English, Polish, Russian: every model loaded), i.e. everything the
  desktop app loads but X11 and the tray. Peak (``VmHWM``) and settled
  (``VmRSS`` at the end) resident memory, with the snippet-vector cache empty
  (cold: a new ``EXPANDER_HOME``) and filled by an earlier run (warm).
* **``expander suggest``** on a 2 KB e-mail (bench/bench_suggest.py's), each run
  a fresh process: wall and CPU time and peak memory, cold and warm cache, and
  warm for an agent who has accepted replies before (:data:`LEARNED_PER_SNIPPET`
  e-mails of tests/data/emails per snippet learned, as ``--accept`` keeps them).
* **Suggestion latency**: ``suggest()`` on the 2 KB e-mail at 100 and 10,000
  made-up snippets (bench/bench_suggest.py's library), after one warm-up: at 100
  the median of :data:`LATENCY_PROCESSES` fresh processes' medians; and the
  index build, cold and then with the vectors cached on disk.
  On the bundled packs (the app's case): ``suggest()`` for real e-mails in each
  language (the longest of tests/data's blind sets), and the encoder runs each
  took.

Goals: the app with every model loaded at most 200 MiB resident; ``expander
suggest`` at most 1.5 s (median, warm cache); a suggestion at most 30 ms median
with 100 snippets and 100 ms with 10,000.

Every measurement runs in a child process with ``PYTHONPATH`` set to the
checkout measured (``--repo``, default this one), so the same script measures
an older commit for a before/after (``--before PATH``: a checkout of it, e.g.
``git archive COMMIT | tar -x -C PATH``). Usage::

    python bench/bench_footprint.py [--runs N] [--quick] [--json PATH] [--before PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from expander.desktop.backends.tk_picker import PICKER_TITLE

REPO = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024

CLOSED_SHOWN = "the picker was closed; nothing inserted"
"""What the app logs when the agent closes a picker that listed its replies."""

GOAL_CORE_MIB = 200.0
GOAL_CLI_S = 1.5
LEARNED_PER_SNIPPET = 3
"""E-mails learned per snippet for the CLI's "with learned examples" row (at most)."""
GOAL_LATENCY_MS = {100: 30.0, 10_000: 100.0}
SIZES = (100, 10_000)
QUICK_SIZES = (100, 2_000)

_CORE = """
import json, sys, time, tomllib
from pathlib import Path
import expander
from expander.suggest import suggester_for

def status():
    out = {}
    for line in open("/proc/self/status", encoding="ascii"):
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile"):
            out[key] = int(value.split()[0]) * 1024
    return out

data = Path(sys.argv[1])
emails = [tomllib.loads((data / f"{language}.toml").read_text("utf-8"))["emails"][0]["text"]
          for language in ("en", "pl", "ru")]
started = time.perf_counter()
library = expander.load()
suggester = suggester_for(library)
built = time.perf_counter() - started
for email in emails:
    suggester.suggest(email, 3, min_score=0)
print(json.dumps({"snippets": len(library), "build_s": built, "package": expander.__file__,
                  **status()}))
"""

_LEARN = """
import json, sys, tomllib
from pathlib import Path
from expander.paths import user_paths
from expander.suggest.learning import LearnedExamples

data, per_snippet = Path(sys.argv[1]), int(sys.argv[2])
store = LearnedExamples(user_paths().learned_file)
taken = {}
for language in ("en", "pl", "ru"):
    for email in tomllib.loads((data / f"{language}.toml").read_text("utf-8"))["emails"]:
        snippet = email["expected"]
        if snippet != "none" and taken.get(snippet, 0) < per_snippet:
            if store.add(snippet, email["text"]) is not None:
                taken[snippet] = taken.get(snippet, 0) + 1
print(json.dumps({"learned": sum(taken.values()), "snippets": len(taken)}))
"""

_LATENCY = """
import json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
import bench_suggest
import expander.suggest.encoders as encoders
from expander.suggest import Suggester

snippets, runs = int(sys.argv[2]), int(sys.argv[3])
library = bench_suggest.synthetic_library(snippets)
started = time.perf_counter()
Suggester(library)
cold = time.perf_counter() - started
encoders._SNIPPET_VECTORS.clear()  # what a new process has: vectors on disk only, if any
started = time.perf_counter()
suggester = Suggester(library)
warm = time.perf_counter() - started
suggester.suggest(bench_suggest.EMAIL_2KB, 3, min_score=0)
times = []
for _ in range(runs):
    started = time.perf_counter()
    suggester.suggest(bench_suggest.EMAIL_2KB, 3, min_score=0)
    times.append((time.perf_counter() - started) * 1000)
times.sort()
print(json.dumps({
    "snippets": len(library), "runs": runs, "build_cold_s": round(cold, 2),
    "build_warm_s": round(warm, 2), "median_ms": round(statistics.median(times), 2),
    "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 2),
    "times_ms": [round(t, 3) for t in times],
}))
"""

LATENCY_PROCESSES = 5
"""Fresh processes timed at each size up to :data:`MANY_PROCESSES_UP_TO` snippets; the
figure is the median of their medians. One process's median moved by a third from
one to the next (session 29: 24.3 to 35.3 ms at 100 snippets in two runs of this
bench; six processes in a row gave 31.3-37.6)."""
MANY_PROCESSES_UP_TO = 1_000
"""Above this, one process (a cold index build of 10,000 snippets takes a minute)."""


def _pooled(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One row from several processes' rows: the median of their medians, the p95 of
    every time, the first process's builds, each process's median."""
    times = sorted(t for row in rows for t in row["times_ms"])
    return {
        **{key: rows[0][key] for key in ("snippets", "runs", "build_cold_s", "build_warm_s")},
        "processes": len(rows),
        "process_medians_ms": [row["median_ms"] for row in rows],
        "median_ms": round(statistics.median(row["median_ms"] for row in rows), 2),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 2),
    }


BUNDLED_EMAILS = 20
"""E-mails per language timed on the bundled packs: the longest in tests/data's blind
sets (0.9-2.2 KB, with quoted threads and signatures; few e-mails there reach 2 KB)."""

_BUNDLED_LATENCY = """
import json, statistics, sys, time, tomllib
from pathlib import Path
import expander
import expander.suggest.onnxrun as onnxrun
from expander.suggest import suggester_for

data, count, runs = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
encode_one = onnxrun.OnnxSentenceEncoder._encode_one
encoded = [0]
def counting(self, text):
    encoded[0] += 1
    return encode_one(self, text)
onnxrun.OnnxSentenceEncoder._encode_one = counting
library = expander.load()
suggester = suggester_for(library)
rows = {}
for language in ("en", "pl", "ru"):
    texts = [email["text"] for folder in sorted(data.glob("emails_blind*"))
             for email in tomllib.loads((folder / f"{language}.toml").read_text("utf-8"))["emails"]]
    texts = sorted(texts, key=lambda text: -len(text.encode()))[:count]  # stable: set order
    for text in texts:  # warm-up: the first run of each encoder, the words' caches
        suggester.suggest(text, 3, min_score=0)
    encoded[0] = 0
    times = []
    for _ in range(runs):
        for text in texts:
            started = time.perf_counter()
            suggester.suggest(text, 3, min_score=0)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    rows[language] = {
        "emails": len(texts), "bytes": round(statistics.median(len(t.encode()) for t in texts)),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 2),
        "encoder_runs": round(encoded[0] / len(times), 2),
    }
print(json.dumps({"snippets": len(library), "languages": rows}))
"""


def child_env(repo: Path, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "EXPANDER_HOME")}
    env.update(PYTHONPATH=str(repo), EXPANDER_HOME=str(home))
    return env


def compile_package(repo: Path) -> None:
    """Byte-compile the package first, as an installed one is: every run then
    reads the same ``.pyc`` files (even with ``PYTHONDONTWRITEBYTECODE`` set)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(repo / "expander")],
        check=True, capture_output=True,
    )  # fmt: skip


def run_child(argv: list[str], env: dict[str, str], stdin: str = "") -> dict[str, Any]:
    """Run ``argv`` in the checkout measured (``-c`` and ``-m`` put the current
    folder first on the path); its wall and CPU seconds and peak memory (``wait4``)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, cwd=env["PYTHONPATH"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    proc.stdin.write(stdin)
    proc.stdin.close()
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[1:3]} exited with {proc.returncode}: {err[-1500:]}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss": usage.ru_maxrss * 1024,
        "out": out,
    }


def summary(values: list[float], digits: int = 2) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
    }


def measure_core(repo: Path, runs: int) -> dict[str, Any]:
    """Peak and settled RSS of the suggestion core, cold and warm cache."""
    data = REPO / "tests" / "data" / "emails"
    result: dict[str, Any] = {}
    cold: list[dict[str, Any]] = []
    warm: list[dict[str, Any]] = []
    for _ in range(runs):
        home = Path(tempfile.mkdtemp(prefix="expander-footprint-"))
        try:
            env = child_env(repo, home)
            argv = [sys.executable, "-c", _CORE, str(data)]
            cold.append(json.loads(run_child(argv, env)["out"]))
            warm.append(json.loads(run_child(argv, env)["out"]))
            if not Path(cold[-1]["package"]).is_relative_to(repo):
                raise RuntimeError(f"measured {cold[-1]['package']}, not {repo}")
        finally:
            shutil.rmtree(home, ignore_errors=True)
    for name, rows in (("cold", cold), ("warm", warm)):
        result[name] = {
            "peak_mib": summary([r["VmHWM"] / MIB for r in rows], 1),
            "settled_mib": summary([r["VmRSS"] / MIB for r in rows], 1),
            "anon_mib": summary([r["RssAnon"] / MIB for r in rows], 1),
            "file_mib": summary([r["RssFile"] / MIB for r in rows], 1),
            "build_s": summary([r["build_s"] for r in rows]),
            "snippets": rows[0]["snippets"],
        }
    return result


def measure_cli(repo: Path, runs: int) -> dict[str, Any]:
    """``expander suggest`` on the 2 KB e-mail, a fresh process each run."""
    sys.path.insert(0, str(REPO / "bench"))
    from bench_suggest import EMAIL_2KB

    argv = [sys.executable, "-m", "expander", "suggest"]
    result: dict[str, Any] = {"email_bytes": len(EMAIL_2KB.encode("utf-8"))}
    cold, warm, learned = [], [], []
    warm_home = Path(tempfile.mkdtemp(prefix="expander-footprint-"))
    learned_home = Path(tempfile.mkdtemp(prefix="expander-footprint-"))
    try:
        run_child(argv, child_env(repo, warm_home), EMAIL_2KB)  # fills the cache
        emails = str(REPO / "tests" / "data" / "emails")
        learn = [sys.executable, "-c", _LEARN, emails, str(LEARNED_PER_SNIPPET)]
        result["learned"] = json.loads(run_child(learn, child_env(repo, learned_home))["out"])
        run_child(argv, child_env(repo, learned_home), EMAIL_2KB)  # fills the cache
        for _ in range(runs):
            home = Path(tempfile.mkdtemp(prefix="expander-footprint-"))
            try:
                cold.append(run_child(argv, child_env(repo, home), EMAIL_2KB))
            finally:
                shutil.rmtree(home, ignore_errors=True)
            warm.append(run_child(argv, child_env(repo, warm_home), EMAIL_2KB))
            learned.append(run_child(argv, child_env(repo, learned_home), EMAIL_2KB))
    finally:
        shutil.rmtree(warm_home, ignore_errors=True)
        shutil.rmtree(learned_home, ignore_errors=True)
    for name, rows in (("cold", cold), ("warm", warm), ("warm_learned", learned)):
        result[name] = {
            "wall_s": summary([r["wall_s"] for r in rows]),
            "cpu_s": summary([r["cpu_s"] for r in rows]),
            "peak_mib": summary([r["peak_rss"] / MIB for r in rows], 1),
            "runs": len(rows),
        }
    return result


def measure_latency(repo: Path, sizes: tuple[int, ...], runs: int) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        processes = LATENCY_PROCESSES if size <= MANY_PROCESSES_UP_TO else 1
        measured = []
        for _ in range(processes):
            home = Path(tempfile.mkdtemp(prefix="expander-footprint-"))
            try:
                argv = [sys.executable, "-c", _LATENCY, str(repo / "bench"), str(size), str(runs)]
                measured.append(json.loads(run_child(argv, child_env(repo, home))["out"]))
            finally:
                shutil.rmtree(home, ignore_errors=True)
        rows.append(_pooled(measured))
    return rows


def measure_bundled_latency(repo: Path, runs: int) -> dict[str, Any]:
    """``suggest()`` on the bundled packs for real e-mails in each language (the
    app's case): the :data:`BUNDLED_EMAILS` longest e-mails per language, each
    ``runs`` times after a warm-up, and the encoder runs each took."""
    home = Path(tempfile.mkdtemp(prefix="expander-footprint-"))
    try:
        data = REPO / "tests" / "data"  # this checkout's e-mails, before or now
        argv = [sys.executable, "-c", _BUNDLED_LATENCY, str(data), str(BUNDLED_EMAILS), str(runs)]
        return dict(json.loads(run_child(argv, child_env(repo, home))["out"]))
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _status(pid: int) -> dict[str, int]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text("ascii").splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            out[key] = int(value.split()[0]) * 1024
    return out


def _wait_for(predicate: Any, timeout: float, step: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def app_once(repo: Path, home: Path, display: str) -> dict[str, float]:
    """One start of ``expander run --no-tray`` on ``display``: resident memory
    once the index is built (RSS steady for 2 s), then after a suggestion
    (Ctrl+Alt+S, the picker closed with Esc) for one e-mail per language."""
    data = REPO / "tests" / "data" / "emails"
    env = {**child_env(repo, home), "DISPLAY": display}
    log_path = home / "app.log"
    with open(log_path, "w", encoding="utf-8") as log_file:
        app = subprocess.Popen(
            [sys.executable, "-m", "expander", "run", "--no-tray"], env=env, cwd=repo,
            stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        if not _wait_for(lambda: "Expander is running" in log_path.read_text("utf-8"), 60):
            raise RuntimeError("the app did not start: " + log_path.read_text("utf-8")[-1500:])
        previous = [0]

        def steady() -> bool:
            now = _status(app.pid)["VmRSS"]
            same, previous[0] = now == previous[0], now
            return same

        _wait_for(steady, 90, step=2.0)
        started = _status(app.pid)
        for language in ("en", "pl", "ru"):
            import tomllib

            text = tomllib.loads((data / f"{language}.toml").read_text("utf-8"))["emails"][0]
            subprocess.run(["xclip", "-selection", "clipboard"], input=text["text"], env=env,
                           text=True, check=True)  # fmt: skip
            closed = log_path.read_text("utf-8").count(CLOSED_SHOWN)
            subprocess.run(["xdotool", "key", "ctrl+alt+s"], env=env, check=True)

            def listing() -> bool:
                # the picker opens at once and is retitled when it lists the replies
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--name", f"^{PICKER_TITLE}$"],
                    env=env, capture_output=True, text=True,
                )  # fmt: skip
                return bool(found.stdout.split())

            def picker_closed(closed: int = closed) -> bool:
                subprocess.run(["xdotool", "key", "Escape"], env=env, check=True)
                return log_path.read_text("utf-8").count(CLOSED_SHOWN) > closed

            if not _wait_for(listing, 180, step=0.5):
                raise RuntimeError("the picker listed no replies within 3 minutes")
            time.sleep(0.5)  # its keyboard focus (a benchmark: no test waits so)
            _wait_for(picker_closed, 30, step=1.0)
        time.sleep(2)
        settled = _status(app.pid)
        shown = log_path.read_text("utf-8").count(CLOSED_SHOWN)
        if shown != 3:
            raise RuntimeError(f"{shown} of 3 suggestions shown: the figures would not count")
    finally:
        os.killpg(app.pid, signal.SIGTERM)
        app.wait(20)
    return {
        "started_mib": round(started["VmRSS"] / MIB, 1),
        "settled_mib": round(settled["VmRSS"] / MIB, 1),
        "peak_mib": round(settled["VmHWM"] / MIB, 1),
    }


def measure_app(repo: Path) -> dict[str, Any] | None:
    """The desktop app under a private Xvfb: a first start (nothing cached)
    and a second one; None when Xvfb, xdotool or xclip is missing."""
    if not all(shutil.which(tool) for tool in ("Xvfb", "xdotool", "xclip")):
        return None
    number = 140 + os.getpid() % 50
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    home = Path(tempfile.mkdtemp(prefix="expander-footprint-"))
    try:
        if not _wait_for(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 10):
            return None
        return {"first": app_once(repo, home, display), "again": app_once(repo, home, display)}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
        shutil.rmtree(home, ignore_errors=True)


def measure(repo: Path, runs: int, sizes: tuple[int, ...], latency_runs: int) -> dict[str, Any]:
    compile_package(repo)
    app = measure_app(repo)
    if app is not None:
        print(f"  app: settled {app['again']['settled_mib']} MiB (second start), "
              f"{app['first']['settled_mib']} MiB (first); peak {app['first']['peak_mib']} MiB "
              "(first)", flush=True)  # fmt: skip
    core = measure_core(repo, runs)
    print(f"  core: settled {core['warm']['settled_mib']['median']} MiB (warm cache), "
          f"{core['cold']['settled_mib']['median']} MiB (cold); peak "
          f"{core['cold']['peak_mib']['median']} MiB (cold)", flush=True)  # fmt: skip
    cli = measure_cli(repo, runs)
    print(f"  expander suggest: {cli['warm']['wall_s']['median']} s warm, "
          f"{cli['cold']['wall_s']['median']} s cold (median wall); "
          f"{cli['warm_learned']['wall_s']['median']} s warm with "
          f"{cli['learned']['learned']} learned e-mails", flush=True)  # fmt: skip
    latency = measure_latency(repo, sizes, latency_runs)
    for row in latency:
        print(f"  suggest() at {row['snippets']:,} snippets: median {row['median_ms']} ms, "
              f"p95 {row['p95_ms']} ms; build {row['build_cold_s']} s cold, "
              f"{row['build_warm_s']} s cached", flush=True)  # fmt: skip
    bundled = measure_bundled_latency(repo, max(1, latency_runs // 10))
    for language, row in bundled["languages"].items():
        print(f"  suggest() on the bundled packs, {language}: median {row['median_ms']} ms, "
              f"p95 {row['p95_ms']} ms, {row['encoder_runs']} encoder runs",
              flush=True)  # fmt: skip
    return {"app": app, "core": core, "cli": cli, "latency": latency, "bundled_latency": bundled}


# ---------------------------------------------------------------- RESULTS.md


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def goal_rows(data: dict[str, Any]) -> list[str]:
    """The footprint's rows of the goals table in RESULTS.md."""
    now = data.get("after")
    if not now:
        return ["| Footprint | no results | – |"]
    core, cli, app = now["core"]["warm"], now["cli"], now.get("app")
    core_settled = max(core["settled_mib"]["median"], now["core"]["cold"]["settled_mib"]["median"])
    if app:
        settled = max(app["first"]["settled_mib"], app["again"]["settled_mib"])
        memory = (
            f"| Footprint: the app (`expander run`, bundled packs) with every model loaded at "
            f"most {GOAL_CORE_MIB:g} MiB resident | {app['again']['settled_mib']} MiB (a later "
            f"start; first start {app['first']['settled_mib']} MiB, peak "
            f"{app['first']['peak_mib']} MiB); the suggestion core alone {core_settled} MiB | "
            f"{_verdict(settled <= GOAL_CORE_MIB)} |"
        )
    else:
        memory = (
            f"| Footprint: suggestion core (the app but X11 and the tray), bundled packs, every "
            f"model loaded, at most {GOAL_CORE_MIB:g} MiB resident | settled {core_settled} MiB "
            f"(peak {now['core']['cold']['peak_mib']['median']} MiB cold cache, "
            f"{core['peak_mib']['median']} MiB warm; the app not measured: no Xvfb) | "
            f"{_verdict(core_settled <= GOAL_CORE_MIB)} |"
        )
    rows = [
        memory,
        f"| Footprint: `expander suggest` on a {cli['email_bytes']:,}-byte e-mail at most "
        f"{GOAL_CLI_S:g} s from a fresh process (median, warm cache) | "
        f"{cli['warm']['wall_s']['median']} s (cold cache {cli['cold']['wall_s']['median']} s) | "
        f"{_verdict(cli['warm']['wall_s']['median'] <= GOAL_CLI_S)} |",
    ]
    if "warm_learned" in cli:  # measured since session 19
        rows.append(
            f"| Footprint: the same for an agent who has accepted replies "
            f"({cli['learned']['learned']} learned e-mails, {cli['learned']['snippets']} "
            f"snippets) at most {GOAL_CLI_S:g} s (median, warm) | "
            f"{cli['warm_learned']['wall_s']['median']} s | "
            f"{_verdict(cli['warm_learned']['wall_s']['median'] <= GOAL_CLI_S)} |"
        )
    for row in now["latency"]:
        goal = GOAL_LATENCY_MS.get(row["snippets"])
        if goal is not None:
            rows.append(
                f"| Footprint: a suggestion for a 2 KB e-mail at most {goal:g} ms median at "
                f"{row['snippets']:,} snippets | {row['median_ms']} ms (p95 {row['p95_ms']} ms) | "
                f"{_verdict(row['median_ms'] <= goal)} |"
            )
    bundled = now.get("bundled_latency")
    if bundled:  # measured since session 26
        goal = GOAL_LATENCY_MS[100]
        figures = ", ".join(
            f"{language} {row['median_ms']} ms" for language, row in bundled["languages"].items()
        )
        slowest = max(row["median_ms"] for row in bundled["languages"].values())
        rows.append(
            f"| Footprint: the same on the bundled packs ({bundled['snippets']} snippets in three "
            f"languages), real e-mails per language, at most {goal:g} ms median | {figures} | "
            f"{_verdict(slowest <= goal)} |"
        )
    return rows


def section(data: dict[str, Any]) -> list[str]:
    """The "Footprint" section of RESULTS.md."""
    machine = data["machine"]
    out = [
        f"Measured {data['date']}{' (a quick run)' if data.get('quick') else ''}, Python "
        f"{machine['python']}, {machine['cpus']} CPUs (load average {machine['load']} at the "
        "start: CPU times are the steadier figure).",
        "",
        "`bench/bench_footprint.py`: every figure from fresh processes. **Core**: load the "
        "bundled packs, build the suggestion index, suggest for one English, one Polish and one "
        "Russian e-mail (every model loaded); peak (`VmHWM`) and settled (`VmRSS` at the end) "
        "resident memory, the snippet-vector cache empty (cold, a new `EXPANDER_HOME`; since "
        "session 19 the bundled packs' vectors and indexes then come from the seed shipped "
        "with Expander, `expander/suggest/seed/`) or filled "
        f"by a run before (warm); median of {data['runs']} runs. **CLI**: `python -m expander "
        "suggest` with the e-mail on stdin (wall and CPU seconds, peak memory); also warm for an "
        f"agent who accepted replies before (up to {LEARNED_PER_SNIPPET} e-mails of "
        "tests/data/emails learned per snippet). **Latency**: "
        "`suggest()` on the same e-mail, made-up English snippets (bench_suggest.py's), after "
        f"one warm-up; at {MANY_PROCESSES_UP_TO:,} snippets or fewer the median of "
        f"{LATENCY_PROCESSES} fresh processes' medians (one process's median moved by up to a "
        "third from one to the next), p95 over all their runs; the index built cold (the "
        "first process), then again from the vectors cached on disk.",
        "",
    ]
    versions = [(label, data[key]) for key, label in (("before", "before"), ("after", "now"))
                if data.get(key)]  # fmt: skip
    if data.get("before_commit"):
        when = f", measured {data['before_date']}" if data.get("before_date") else ""
        out += [f"Before: commit {data['before_commit']}{when}; now: commit "
                f"{data.get('commit', '?')}.", ""]  # fmt: skip
    out += [
        "| | core settled MiB (cold / warm) | core peak MiB (cold / warm) | CLI wall s (cold / "
        "warm) | CLI CPU s (cold / warm) | CLI peak MiB (cold / warm) | CLI wall s, warm, with "
        "learned e-mails |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, v in versions:
        core, cli = v["core"], v["cli"]
        learned = (
            f"{cli['warm_learned']['wall_s']['median']} ({cli['learned']['learned']} e-mails)"
            if "warm_learned" in cli
            else "–"
        )
        out.append(
            f"| {label} | {core['cold']['settled_mib']['median']} / "
            f"{core['warm']['settled_mib']['median']} | {core['cold']['peak_mib']['median']} / "
            f"{core['warm']['peak_mib']['median']} | {cli['cold']['wall_s']['median']} / "
            f"{cli['warm']['wall_s']['median']} | {cli['cold']['cpu_s']['median']} / "
            f"{cli['warm']['cpu_s']['median']} | {cli['cold']['peak_mib']['median']} / "
            f"{cli['warm']['peak_mib']['median']} | {learned} |"
        )
    apps = [(label, v["app"]) for label, v in versions if v.get("app")]
    if apps:
        out += [
            "",
            "**The app** (`expander run --no-tray`, bundled packs, a private Xvfb): resident "
            "memory once the index is built, then after a suggestion (Ctrl+Alt+S, the picker "
            "closed) for one English, one Polish and one Russian e-mail; a first start (nothing "
            "cached) and a second one.",
            "",
            "| | first start: index built / settled / peak MiB | later start: index built / "
            "settled / peak MiB |",
            "|---|---:|---:|",
        ]
        out += [
            f"| {label} | {a['first']['started_mib']} / {a['first']['settled_mib']} / "
            f"{a['first']['peak_mib']} | {a['again']['started_mib']} / "
            f"{a['again']['settled_mib']} / {a['again']['peak_mib']} |"
            for label, a in apps
        ]
    out += [
        "",
        "| | snippets | suggestion median ms | p95 ms | index build s (cold / cached) |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, v in versions:
        for row in v["latency"]:
            out.append(
                f"| {label} | {row['snippets']:,} | {row['median_ms']} | {row['p95_ms']} | "
                f"{row['build_cold_s']} / {row['build_warm_s']} |"
            )
    bundled_rows = [(label, v["bundled_latency"]) for label, v in versions
                    if v.get("bundled_latency")]  # fmt: skip
    if bundled_rows:
        out += [
            "",
            f"**On the bundled packs** (the app's case; since session 26): `suggest()` for the "
            f"{BUNDLED_EMAILS} longest e-mails per language of tests/data's blind sets (quoted "
            "threads, signatures; few there reach 2 KB), each timed after a warm-up, and the "
            "sentence-encoder runs an "
            "e-mail took (e5 for Polish and Russian, MiniLM for English; the other languages' "
            "encoders run only where their snippets could rank).",
            "",
            "| | language | median bytes | suggestion median ms | p95 ms | encoder runs |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for label, b in bundled_rows:
            for language, row in b["languages"].items():
                out.append(
                    f"| {label} | {language} | {row['bytes']:,} | {row['median_ms']} | "
                    f"{row['p95_ms']} | {row['encoder_runs']} |"
                )
    return [*out, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per figure")
    parser.add_argument("--latency-runs", type=int, default=40)
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout measured")
    parser.add_argument(
        "--before", type=Path, help="a checkout of an earlier commit, also measured"
    )
    parser.add_argument("--before-commit", help="its commit, for the record")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--quick", action="store_true", help="2 runs, 2,000 snippets at most")
    args = parser.parse_args(argv)
    runs = 2 if args.quick else args.runs
    sizes = QUICK_SIZES if args.quick else SIZES
    latency_runs = 10 if args.quick else args.latency_runs
    data: dict[str, Any] = {
        "benchmark": "footprint",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "quick": args.quick,
        "runs": runs,
        "machine": {
            "python": platform.python_version(),
            "cpus": len(os.sched_getaffinity(0)),
            "load": round(os.getloadavg()[0], 1),
        },
        "goals": {"core_mib": GOAL_CORE_MIB, "cli_s": GOAL_CLI_S, "latency_ms": GOAL_LATENCY_MS},
    }
    head = subprocess.run(
        ["git", "-C", str(args.repo), "rev-parse", "--short", "HEAD"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    data["commit"] = head or "unknown"
    if args.before is not None:
        print(f"footprint: before ({args.before})", flush=True)
        data["before"] = measure(args.before.resolve(), runs, sizes, latency_runs)
        data["before_commit"] = args.before_commit
        data["before_date"] = data["date"]
    print(f"footprint: now ({args.repo})", flush=True)
    data["after"] = measure(args.repo.resolve(), runs, sizes, latency_runs)
    if args.json is not None:
        previous = json.loads(args.json.read_text("utf-8")) if args.json.is_file() else {}
        if args.before is None and previous.get("before"):  # keep the recorded "before"
            for key in ("before", "before_commit", "before_date"):
                data[key] = previous.get(key)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    for row in goal_rows(data):
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
