"""Give an int8 ONNX model uint8 weights, so that it computes the same on every x86 CPU.

``onnxruntime.quantization.quantize_dynamic(weight_type=QInt8)`` leaves each
``MatMulInteger`` with uint8 activations and int8 weights (u8s8). On a CPU with
AVX-512 VNNI or AVX-VNNI, ONNX Runtime multiplies them exactly (``vpdpbusd`` sums
in 32 bits); on one with AVX2 alone its kernel adds pairs of products in 16 bits
(``vpmaddubsw``), which saturate, so the same model gives other vectors there. The
committed figures were measured on a VNNI machine; on an AVX2-only one (session 25)
English confident-and-right replies on emails_blind20 fell from 35 to 31 of 54 with
the manager pack, and a lending test failed. With uint8 weights (u8u8) every CPU
takes the exact path and gives the VNNI machine's vectors.

The products do not change: each weight and its zero point move up by 128, and
``MatMulInteger`` subtracts the zero point before it multiplies.

    python scripts/uint8_weights.py IN.onnx OUT.onnx   (needs the onnx package)

The model builders (build_english_model.py, build_multilingual_model.py) call
:func:`uint8_weights` on what they quantise.
"""

from __future__ import annotations

import sys
from pathlib import Path


def uint8_weights(source: Path, target: Path) -> int:
    """Write ``source`` to ``target`` with every int8 weight and weight zero point of a
    ``MatMulInteger`` moved to uint8; returns how many tensors were changed."""
    import numpy as np
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(source))
    initializers = {tensor.name: tensor for tensor in model.graph.initializer}
    changed: set[str] = set()
    for node in model.graph.node:
        if node.op_type != "MatMulInteger":
            continue
        weight_inputs = [node.input[1]] + ([node.input[3]] if len(node.input) > 3 else [])
        for name in weight_inputs:
            tensor = initializers.get(name)
            if tensor is None or name in changed or tensor.data_type != onnx.TensorProto.INT8:
                continue
            shifted = numpy_helper.to_array(tensor).astype(np.int16) + 128
            tensor.CopyFrom(numpy_helper.from_array(shifted.astype(np.uint8), name))
            changed.add(name)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))
    return len(changed)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(
            __doc__.split("\n\n")[0], "\nusage: uint8_weights.py IN.onnx OUT.onnx", file=sys.stderr
        )
        return 2
    count = uint8_weights(Path(argv[0]), Path(argv[1]))
    print(f"{count} weight tensors moved to uint8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
