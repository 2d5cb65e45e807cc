"""Store an ONNX model with ONNX Runtime's graph optimisations already applied.

ONNX Runtime fuses a transformer's nodes (each quantised ``MatMulInteger`` with its
scaling into one kernel, the layer norms with their residual additions, the GELU)
every time it loads a model: most of the time a session takes to load. The bundled
encoders are stored after those fusions, so a fresh process (``expander suggest``)
loads them in a fifth of the time (measured on a 2-CPU AVX2 machine: e5 0.31 ->
0.06 s, MiniLM 0.16 -> 0.03 s) and computes bit for bit the same vectors.

Only the hardware-independent fusions are stored (``ORT_ENABLE_EXTENDED``: the
stored graph runs on every CPU); the session still applies the rest when it loads.
The graph then holds ONNX Runtime's own operators (``com.microsoft``), which every
release since Expander's lowest (1.30) runs.

    python scripts/optimize_graph.py IN.onnx OUT.onnx   (needs onnxruntime)

The model builders (build_english_model.py, build_multilingual_model.py) call
:func:`optimize_graph` last, after :func:`uint8_weights.uint8_weights`.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any


def optimize_graph(source: Path, target: Path) -> None:
    """Write ``source`` to ``target`` (may be the same file) as ONNX Runtime
    optimises it, and check that both give the same vectors."""
    import onnxruntime

    with tempfile.TemporaryDirectory() as scratch:
        optimized = Path(scratch) / "model.onnx"
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        options.optimized_model_filepath = str(optimized)
        options.log_severity_level = 3
        before = onnxruntime.InferenceSession(
            str(source), options, providers=["CPUExecutionProvider"]
        )
        check_same_vectors(before, optimized, what="the optimised graph")
        shutil.copyfile(optimized, target)


def check_same_vectors(before: Any, changed: Path, *, what: str) -> None:
    """Raise unless the model in ``changed`` gives the vectors that the session
    ``before`` gives, bit for bit, for texts of a few lengths (random token ids)."""
    import numpy as np
    import onnxruntime

    after = onnxruntime.InferenceSession(
        str(changed), onnxruntime.SessionOptions(), providers=["CPUExecutionProvider"]
    )
    rng = np.random.default_rng(0)
    for length in (3, 40, 200, 512):
        ids = rng.integers(5, 1000, size=(1, length), dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if not np.array_equal(before.run(None, feed)[0], after.run(None, feed)[0]):
            raise ValueError(f"{what} computes other vectors")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(
            __doc__.split("\n\n")[0], "\nusage: optimize_graph.py IN.onnx OUT.onnx", file=sys.stderr
        )
        return 2
    optimize_graph(Path(argv[0]), Path(argv[1]))
    print(f"{argv[1]}: graph optimised")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
