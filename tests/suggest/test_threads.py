"""numpy's BLAS runs on one thread while Expander builds an index or ranks
(expander/suggest/threads.py), and the caller's setting is back afterwards; work
run meanwhile on a side thread hands back its result or its error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from threadpoolctl import threadpool_info, threadpool_limits

import expander
from expander.suggest import threads
from expander.suggest.classifier import SoftmaxClassifier
from expander.suggest.encoders import EmbeddingSpace
from expander.suggest.ranker import Suggester
from expander.suggest.threads import blas_identity, meanwhile, one_blas_thread
from tests.suggest.test_vector_cache import FakeEncoder

PACK = """
[pack]
name = "shop"
version = "1.0.0"
language = "en"
""" + "".join(
    f"""
[[snippets]]
id = "s{i}"
title = "Answer {i}"
examples = [{", ".join(f'"question {i} asked the {n}th way"' for n in range(9))}]
body = "Reply {i}."
"""
    for i in range(4)
)


def blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_the_block_runs_on_one_thread_and_the_callers_setting_comes_back() -> None:
    with threadpool_limits(limits=2, user_api="blas"):
        assert blas_threads() and set(blas_threads()) == {2}
        with one_blas_thread():
            assert set(blas_threads()) == {1}
        assert set(blas_threads()) == {2}


def test_the_blas_identity_names_the_threads_in_force() -> None:
    """A float32 product's bits depend on them: caches of such results key by it."""
    with threadpool_limits(limits=2, user_api="blas"):
        two = blas_identity()
        with one_blas_thread():
            one = blas_identity()
    threads = [{library.rpartition("/")[2] for library in x.split(";")} for x in (one, two)]
    assert threads == [{"1"}, {"2"}]


def test_an_index_is_trained_and_ranks_on_one_blas_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, list[int]] = {"fit": [], "blend": []}
    fit, blend = SoftmaxClassifier.fit.__func__, EmbeddingSpace.blend  # type: ignore[attr-defined]

    def spy_fit(cls: Any, *args: Any, **kwargs: Any) -> Any:
        seen["fit"] += blas_threads()
        return fit(cls, *args, **kwargs)

    def spy_blend(self: Any, *args: Any, **kwargs: Any) -> Any:
        seen["blend"] += blas_threads()
        return blend(self, *args, **kwargs)

    monkeypatch.setattr(SoftmaxClassifier, "fit", classmethod(spy_fit))
    monkeypatch.setattr(EmbeddingSpace, "blend", spy_blend)
    path = tmp_path / "shop.toml"
    path.write_text(PACK, encoding="utf-8")
    library = expander.load(path, include_bundled=False)
    with threadpool_limits(limits=2, user_api="blas"):
        suggester = Suggester(library, embedder=FakeEncoder(), embedders={})
        suggester.scores("question 2 asked again")
        assert set(blas_threads()) == {2}
    assert seen["fit"] and set(seen["fit"]) == {1}  # the classifiers were trained, on one
    assert seen["blend"] and set(seen["blend"]) == {1}


def test_work_meanwhile_runs_on_another_thread_and_hands_back_its_result() -> None:
    ran_on: list[str] = []

    def work(a: int, b: int) -> int:
        ran_on.append(threading.current_thread().name)
        return a + b

    assert meanwhile(work, 2, 3).result(timeout=10) == 5
    assert ran_on and ran_on[0] != threading.current_thread().name


def test_an_error_meanwhile_reaches_the_caller() -> None:
    def broken() -> None:
        raise ValueError("no such field")

    with pytest.raises(ValueError, match="no such field"):
        meanwhile(broken).result(timeout=10)


def threads_running(monkeypatch: pytest.MonkeyPatch, method: str) -> list[str]:
    """The names of the threads that run ``Suggester.<method>`` from now on, in order."""
    names: list[str] = []
    original = getattr(Suggester, method)

    def spy(self: Suggester, *args: Any) -> Any:
        names.append(threading.current_thread().name)
        return original(self, *args)

    monkeypatch.setattr(Suggester, method, spy)
    return names


def shop_library(folder: Path) -> expander.Library:
    path = folder / "shop.toml"
    path.write_text(PACK, encoding="utf-8")
    return expander.load(path, include_bundled=False)


def test_a_suggestion_reads_the_e_mails_fields_on_a_side_thread_while_encoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fields are read while the encoders run (they need no score), and they
    are those of the e-mail, as read on the calling thread."""
    read_on = threads_running(monkeypatch, "_read_fields")
    library = shop_library(tmp_path)
    suggester = Suggester(library, embedder=FakeEncoder(), embedders={})
    email = "Hello, question 2 asked again about order 40125.\nRegards, Anna Nowak"
    (best,) = suggester.suggest(email, 1, min_score=0)
    assert read_on and read_on[0] != threading.current_thread().name
    assert best.fields == expander.extract_fields(email)
    assert best.fields["order"] == "40125"


def test_the_lexical_queries_run_on_a_side_thread_only_while_an_encoder_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran_on = threads_running(monkeypatch, "_lexical_queries")
    library = shop_library(tmp_path)
    here = threading.current_thread().name
    with_encoder = Suggester(library, embedder=FakeEncoder(), embedders={})
    words_alone = Suggester(library, embedder=None, embedders={})
    email = "question 3 asked once more"
    ranked = [s.suggest(email, 2, min_score=0) for s in (with_encoder, words_alone)]
    assert len(ran_on) == 2 and ran_on[0] != here and ran_on[1] == here
    assert [len(r) for r in ranked] == [2, 2]


class FakeBlas:
    """threadpoolctl's controller as one_blas_thread uses it: whether a limit of one
    thread is in force, and how many times it was set."""

    def __init__(self) -> None:
        self.in_force = False
        self.set = 0

    def limit(self, limits: int, user_api: str) -> FakeBlas:
        assert (limits, user_api) == (1, "blas") and not self.in_force
        self.in_force, self.set = True, self.set + 1
        return self

    def restore_original_limits(self) -> None:
        assert self.in_force
        self.in_force = False


def test_inner_and_overlapping_blocks_keep_one_thread_until_the_last_one_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two threads of ours inside at once (the app ranks and builds indexes on
    threads of its own): the first to leave does not lift the limit from under the
    other, an inner block sets nothing, and the last one out brings the caller's
    setting back. (OpenBLAS itself is not asked: 0.3.31 ignores a thread count set
    outside the main thread once the main thread has set one, and sometimes before.)"""
    blas = FakeBlas()
    monkeypatch.setattr(threads, "_blas", lambda: blas)
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with one_blas_thread():
            first_in.set()
            second_in.wait(10)
        first_out.set()

    def second() -> None:
        first_in.wait(10)
        with one_blas_thread():
            with one_blas_thread():
                second_in.set()
                first_out.wait(10)
                seen["after the first left"] = blas.in_force
            seen["after the inner block"] = blas.in_force

    running = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join(10)
    assert seen == {"after the first left": True, "after the inner block": True}
    assert (blas.in_force, blas.set) == (False, 1)


HOLD_IN_A_WORKER = """
import json, threading
from threadpoolctl import threadpool_info
from expander.suggest import threads

def blas():
    return sorted({pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"})

seen = {"before": None}
def index_thread():
    import numpy
    seen["before"] = blas()
    threads.hold_one_blas_thread()
    threads.hold_one_blas_thread()  # the app builds an index at every reload
    seen["held"] = blas()

def rank_thread():
    with threads.one_blas_thread():
        seen["in a block"] = blas()

limits_set = []
for target in (index_thread, rank_thread):
    if target is rank_thread:
        controller = threads._blas()
        class Counting:
            def limit(self, **kwargs):
                limits_set.append(kwargs)
                return controller.limit(**kwargs)
        threads._blas = lambda: Counting()
    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
seen["after the block"] = blas()
seen["limits set by the block"] = len(limits_set)
print(json.dumps(seen))
"""


def test_the_app_holds_one_blas_thread_for_the_rest_of_the_process() -> None:
    """The desktop app's index thread holds the limit (OpenBLAS 0.3.31 may ignore a
    count restored from a worker thread): BLAS stays on one thread after a ranking
    block ends, and the block sets no limit of its own. In a process of its own, as
    a hold never ends; started at two threads, so that a hold that did nothing shows."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2"}
    done = subprocess.run(
        [sys.executable, "-c", HOLD_IN_A_WORKER], capture_output=True, text=True, env=env,
        timeout=120, check=True,
    )  # fmt: skip
    seen = json.loads(done.stdout)
    assert seen == {
        "before": [2], "held": [1], "in a block": [1], "after the block": [1],
        "limits set by the block": 0,
    }  # fmt: skip
