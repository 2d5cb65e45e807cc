"""Take out the NaN guards that PyTorch's export puts after each attention softmax.

The exported encoders replace NaN in the attention weights by 0 (``IsNaN`` then
``Where`` after every ``Softmax``): a softmax over a row whose every key is masked
gives NaN. Expander runs one text per run and masks no position
(:meth:`expander.suggest.onnxrun.OnnxSentenceEncoder._encode_one`), so every row has
finite scores, no softmax gives NaN, and each guard hands on its input unchanged;
yet it reads and writes the whole heads x tokens x tokens tensor. Without them the
models compute bit for bit the same vectors (:func:`drop_nan_guards` checks it), and
run faster: on a 2-CPU AVX2 machine a 2 KB e-mail as a whole took MiniLM 69-72 ms
instead of 75-79 and e5 309-325 ms instead of 390-422 (the guards grow with the
square of the tokens).

    python scripts/drop_nan_guards.py IN.onnx OUT.onnx   (needs the onnx package)

The model builders (build_english_model.py, build_multilingual_model.py) call it last,
after :func:`optimize_graph.optimize_graph`.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from optimize_graph import check_same_vectors  # scripts/, beside this one


def drop_nan_guards(source: Path, target: Path) -> int:
    """Write ``source`` to ``target`` (may be the same file) without the
    ``Where(IsNaN(x), c, x)`` after each ``Softmax`` (their readers read the softmax
    itself), and check that both give the same vectors. Returns how many were taken out."""
    import onnx
    import onnxruntime

    model = onnx.load(str(source))
    graph = model.graph
    producer = {output: node for node in graph.node for output in node.output}
    renamed: dict[str, str] = {}
    dropped: list[onnx.NodeProto] = []
    for node in graph.node:
        if node.op_type != "Where" or len(node.input) != 3:
            continue
        test = producer.get(node.input[0])
        guarded = node.input[2]
        source_node = producer.get(guarded)
        if (
            test is None
            or test.op_type != "IsNaN"
            or test.input[0] != guarded
            or source_node is None
            or source_node.op_type != "Softmax"
        ):
            continue
        renamed[node.output[0]] = guarded
        dropped += [node, test]
    outputs = {output.name for output in graph.output}
    if outputs & set(renamed):
        raise ValueError("a guard's output is the model's output: left as it is")
    for node in graph.node:
        for i, name in enumerate(node.input):
            if name in renamed:
                node.input[i] = renamed[name]
    gone = {id(node) for node in dropped}
    readers = {name for node in graph.node if id(node) not in gone for name in node.input}
    for node in dropped:
        if node.op_type == "IsNaN" and node.output[0] in readers:
            raise ValueError(f"{node.name} is read elsewhere: left as it is")
    kept = [node for node in graph.node if id(node) not in gone]
    del graph.node[:]
    graph.node.extend(kept)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    before = onnxruntime.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
    with tempfile.TemporaryDirectory() as scratch:
        unguarded = Path(scratch) / "model.onnx"
        onnx.save(model, str(unguarded))
        check_same_vectors(before, unguarded, what="the graph without NaN guards")
        shutil.copyfile(unguarded, target)
    return len(renamed)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        usage = "usage: drop_nan_guards.py IN.onnx OUT.onnx"
        print(__doc__.split("\n\n")[0], "\n" + usage, file=sys.stderr)
        return 2
    count = drop_nan_guards(Path(argv[0]), Path(argv[1]))
    print(f"{count} NaN guards taken out")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
