"""Builds and installs tiny Argos Translate packages for a LibreTranslate server offline.

Run by LibreTranslate's own Python (``python libretranslate_model.py``) with
``ARGOS_PACKAGES_DIR`` and the ``XDG_*`` directories pointing at the server's data: the real
language models come from the Argos index on the internet, these are built here, the same bytes
every time. Each package is what Argos Translate loads from an ``.argosmodel`` zip:

- ``metadata.json``: the language pair;
- ``sentencepiece.model``: a word tokenizer trained on ``CORPUS``;
- ``model/``: a one-layer CTranslate2 Transformer whose weights are set by hand so that, whatever
  the source, it writes the phrase in ``PACKAGES`` (the encoder is ignored: the decoder's next
  token depends only on the previous one);
- ``minisbd/sbd.onnx``: a sentence-boundary model for MiniSBD (whose real models are downloaded
  too) that keeps each paragraph as one sentence.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

# (from, to) → what the tiny model answers for any sentence; words distinct within a phrase.
PACKAGES = {
    ("vi", "en"): "tiny vi en model",
    ("en", "lo"): "tiny en lo model",
}
NAMES = {"vi": "Vietnamese", "en": "English", "lo": "Lao"}
CORPUS = [
    "Xin chào các bạn",
    "Tạm biệt",
    "Hello and goodbye",
    *PACKAGES.values(),
]
WIDTH = 8  # model dimension: one state per previous token of the longest phrase, plus <s>
ZIP_DATE = (2024, 1, 1, 0, 0, 0)


def tokenizer() -> bytes:
    """A SentencePiece word model of the corpus (single-threaded, so deterministic)."""
    import sentencepiece

    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(CORPUS),
        model_writer=model,
        model_type="word",
        vocab_size=len({w for line in CORPUS for w in line.split()}) + 3,
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def transformer(vocabulary: list[str], phrase: list[str], directory: Path) -> None:
    """Saves a CTranslate2 Transformer that writes ``phrase`` then ``</s>``: a chain of states
    (one-hot embeddings of <s> and of each phrase token), each projected onto the next token;
    attention and feed-forward outputs are zero, so neither source nor position matters."""
    import numpy as np
    from ctranslate2.converters.converter import Converter
    from ctranslate2.specs import transformer_spec

    chain = ["<s>", *phrase]
    if len(chain) > WIDTH:
        raise ValueError(f"phrase longer than {WIDTH - 1} tokens: {phrase}")
    size, index = len(vocabulary), {token: i for i, token in enumerate(vocabulary)}
    spec = transformer_spec.TransformerSpec.from_config(num_layers=1, num_heads=1)

    def zeros(*shape):
        return np.zeros(shape, dtype=np.float32)

    def norm(layer):
        layer.gamma, layer.beta = np.ones(WIDTH, dtype=np.float32), zeros(WIDTH)

    def linear(layer, outputs, inputs):
        layer.weight, layer.bias = zeros(outputs, inputs), zeros(outputs)

    def block(layer, cross: bool):
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * WIDTH, WIDTH)
        linear(layer.self_attention.linear[1], WIDTH, WIDTH)
        if cross:
            norm(layer.attention.layer_norm)
            linear(layer.attention.linear[0], WIDTH, WIDTH)
            linear(layer.attention.linear[1], 2 * WIDTH, WIDTH)
            linear(layer.attention.linear[2], WIDTH, WIDTH)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, 2 * WIDTH, WIDTH)
        linear(layer.ffn.linear_1, WIDTH, 2 * WIDTH)

    spec.encoder.embeddings[0].weight = zeros(size, WIDTH)
    norm(spec.encoder.layer_norm)
    block(spec.encoder.layer[0], cross=False)

    decoder = spec.decoder
    decoder.embeddings.weight = zeros(size, WIDTH)
    decoder.position_encodings.encodings = zeros(1024, WIDTH)
    norm(decoder.layer_norm)
    block(decoder.layer[0], cross=True)
    linear(decoder.projection, size, WIDTH)
    for state, (token, following) in enumerate(zip(chain, [*phrase, "</s>"], strict=True)):
        decoder.embeddings.weight[index[token], state] = 1.0
        decoder.projection.weight[index[following], state] = 10.0

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)

    class Tiny(Converter):
        def _load(self):
            return spec

    Tiny().convert(str(directory), quantization="float32", force=True)


def sentence_boundaries(language: str) -> bytes:
    """A MiniSBD ONNX model predicting "no boundary" everywhere: MiniSBD then ends the one
    sentence at the paragraph's last character."""
    import onnx
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        [
            helper.make_node("Cast", ["units"], ["as_float"], to=TensorProto.FLOAT),
            helper.make_node("Unsqueeze", ["as_float", "last_axis"], ["column"]),
            helper.make_node("Mul", ["column", "zero"], ["logits"]),
        ],
        "no_boundaries",
        [
            helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "chars"]),
            helper.make_tensor_value_info(
                "features", TensorProto.FLOAT, ["batch", "chars", "features"]
            ),
        ],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "chars", 1])],
        [
            helper.make_tensor("last_axis", TensorProto.INT64, [1], [2]),
            helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0]),
        ],
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8, producer_name="cms"
    )
    vocab = {"lang": language, "idx": 0, "cutoff": 0, "lower": False}
    vocab |= {"_id2unit": ["<PAD>", "<UNK>"], "_unit2id": {"<PAD>": 0, "<UNK>": 1}}
    helper.set_model_props(
        model,
        {
            "lang_code": language,
            "config": json.dumps({"feat_funcs": ["space_before"], "max_seqlen": 1000}),
            "vocab": json.dumps(vocab),
            "lexicon": "null",
        },
    )
    onnx.checker.check_model(model)
    return model.SerializeToString()


def argosmodel(source: str, target: str, phrase: str, sentencepiece_model: bytes) -> bytes:
    """The ``.argosmodel`` zip for one pair (fixed dates, sorted entries)."""
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_proto=sentencepiece_model)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    pieces = processor.encode(phrase, out_type=str)
    if any(processor.piece_to_id(piece) == processor.unk_id() for piece in pieces):
        raise ValueError(f"{phrase!r} is not in the tokenizer's vocabulary")
    name = f"translate-{source}_{target}"
    metadata = {
        "package_version": "1.0",
        "argos_version": "1.9",
        "from_code": source,
        "from_name": NAMES[source],
        "to_code": target,
        "to_name": NAMES[target],
        "type": "translate",
    }
    files = {
        "metadata.json": json.dumps(metadata, indent=2).encode(),
        "sentencepiece.model": sentencepiece_model,
        "minisbd/sbd.onnx": sentence_boundaries(source),
    }
    with tempfile.TemporaryDirectory() as scratch:
        transformer(vocabulary, pieces, Path(scratch))
        for path in Path(scratch).iterdir():
            files[f"model/{path.name}"] = path.read_bytes()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(files):
            zipped.writestr(zipfile.ZipInfo(f"{name}/{path}", ZIP_DATE), files[path])
    return archive.getvalue()


def main() -> None:
    """Builds every package into the downloads directory and installs it, as argospm would."""
    from argostranslate import package, settings

    sentencepiece_model = tokenizer()
    for (source, target), phrase in PACKAGES.items():
        path = settings.downloads_dir / f"translate-{source}_{target}.argosmodel"
        path.write_bytes(argosmodel(source, target, phrase, sentencepiece_model))
        package.install_from_path(path)
        print(f"installed {path.name} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
