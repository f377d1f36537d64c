"""A learned scorer for programme spans: candidates from phrase structure, a logistic regression chooses.

The rules (components.programme_rule_spans, pipeline/programmes.py) decide one left edge per head word and
lose year, owner and 、-joined prefixes, or take generic phrases. Here every head word in the text
proposes the phrase before it, up to a clause end, and every shorter suffix of it that starts at a word,
and the rules' own spans are candidates too; a logistic regression over span features (head word,
length, the left edge's tag, quotes, the words around it, whether the rules proposed it) scores them and
the best non-overlapping ones that pass are the programmes. The rules' spans stand unless a candidate
holding one (with its year, owner or qualifier) scores higher; a new name needs a higher threshold.
Weights are trained by `make train-programmes` (pipeline/programme_training.py); scorer.toml holds the
tunables and says whether the scorer is on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from cadregraph.pipeline import tokens
from cadregraph.pipeline.lexicons import word_list, word_table
from cadregraph.pipeline.programmes import (
    CLOSING_QUOTES,
    OPENING_QUOTES,
    aliases,
    inside_book_title,
    is_generic,
    phrase_rules,
    record_aliases,
)
from cadregraph.pipeline.resources import toml_sections
from cadregraph.schemas.text_units import is_han

Span = tuple[int, int]
WEIGHTS_FILE = ("programmes", "scorer_weights.toml")
_YEAR = re.compile(r"^(?:19|20)\d{2}年")
_OWNER_TAGS = tokens.NAMED_TAGS
_VERB_TAGS = {"v", "vd", "ad"}
_LENGTH_BUCKETS = (2, 3, 4, 5, 7, 10, 15)


@dataclass(frozen=True)
class ScorerSection:
    enabled: bool
    threshold: float
    new_name_threshold: float
    keep_rule_spans: bool


@dataclass(frozen=True)
class CandidateSection:
    max_chars: int
    min_prefix: int
    extra_heads: tuple[str, ...]
    stop_chars: str


@dataclass(frozen=True)
class TrainingSection:
    epochs: int
    learning_rate: float
    l2: float
    min_count: int
    positive_weight: float


@dataclass(frozen=True)
class ScorerSettings:
    """scorer.toml, typed."""

    scorer: ScorerSection
    candidates: CandidateSection
    training: TrainingSection


@dataclass(frozen=True)
class ModelSection:
    bias: float
    trained_on: tuple[str, ...]


@dataclass(frozen=True)
class Weights:
    """scorer_weights.toml, typed: the bias and one weight per feature name."""

    model: ModelSection
    weights: dict[str, float]


@cache
def settings() -> ScorerSettings:
    return toml_sections(ScorerSettings, "programmes", "scorer.toml")


@cache
def weights_at(*parts: str) -> Weights:
    """A weights file under pipeline/data/, typed (this scorer's, or another's written by the same fit)."""
    return toml_sections(Weights, *parts)


def weights() -> Weights:
    return weights_at(*WEIGHTS_FILE)


@dataclass(frozen=True)
class Candidate:
    """A span that may be a programme name, and the names of its features."""

    start: int
    end: int
    features: tuple[str, ...]


@cache
def _heads() -> tuple[dict[str, str], re.Pattern[str]]:
    """Every head word with its kind (open, quoted, bare from programme_types.txt; extra from scorer.toml),
    and one pattern finding them, longest first."""
    table = word_table("programme_types.txt")
    kinds = {word: (table[word].split("\t")[0] or "open") for word in word_list("programme_types.txt")}
    for word in settings().candidates.extra_heads:
        kinds.setdefault(word, "extra")
    ordered = sorted(kinds, key=lambda w: (-len(w), w))
    return kinds, re.compile("|".join(re.escape(w) for w in ordered))


def _left_starts(doc: Doc, text: str, head_start: int) -> list[int]:
    """Where a name ending in the head word at head_start may start: each word start to the left, up to a
    clause end or the longest name; nearest first."""
    cfg = settings().candidates
    indefinite = phrase_rules().indefinite
    starts: list[int] = []
    index = tokens.token_index_at(doc, head_start - 1) if head_start > 0 else None
    while index is not None and index >= 0:
        token = doc[index]
        if any(ch in cfg.stop_chars for ch in token.text) or head_start - token.idx > cfg.max_chars:
            break
        if any(p.match(token.text) for p in indefinite):
            break  # 制订一个攻坚作战计划: nothing before a count belongs to the name, nor the count
        if head_start - token.idx >= cfg.min_prefix:
            starts.append(token.idx)
        index -= 1
    return starts


def candidates(doc: Doc, rule_spans: Iterable[Span]) -> list[Candidate]:
    """Every head word's phrase and its suffixes, and the rules' spans, each with its features."""
    text = tokens.doc_text(doc)
    kinds, pattern = _heads()
    ruled = sorted(set(rule_spans))
    found: dict[Span, tuple[str, int, int]] = {}  # span → (head word, head start, leftmost start)
    for match in pattern.finditer(text):
        last = tokens.token_at(doc, match.end() - 1)
        if last is None or last.idx + len(last.text) != match.end():
            continue  # the head word only begins a longer word (工程师, 奖励)
        if inside_book_title(text, match.start()) and text.startswith("》", match.end()):
            continue  # 《…“自治+积分”考核奖励实施办法》 is a document's title (a name inside one may be a programme)
        starts = [s for s in _left_starts(doc, text, match.start()) if _quotes_balance(text[s : match.start()])]
        for start in starts:
            found[(start, match.end())] = (match.group(), match.start(), starts[-1])
    for span in ruled:
        found.setdefault(span, ("", span[1], span[0]))
    return [
        Candidate(start, end, features(doc, (start, end), head, head_start, leftmost, ruled))
        for (start, end), (head, head_start, leftmost) in sorted(found.items())
    ]


def _quotes_balance(prefix: str) -> bool:
    """“耘庐学堂 opens a quote it does not close: no name starts there (its core after the quote may)."""
    return sum(prefix.count(q) for q in OPENING_QUOTES) == sum(prefix.count(q) for q in CLOSING_QUOTES) and (
        prefix.count('"') % 2 == 0
    )


def bucket(value: int, buckets: tuple[int, ...] = _LENGTH_BUCKETS) -> str:
    """A count as a feature's value: the first bound it stays under (<5), or at least the last (>=15)."""
    return next((f"<{b}" for b in buckets if value < b), f">={buckets[-1]}")


def char_class(char: str) -> str:
    """A character beside a span as a feature's value: its kind (han, digit, latin, a quote), or itself."""
    if not char:
        return "edge"
    if char in OPENING_QUOTES:
        return "open_quote"
    if char in CLOSING_QUOTES:
        return "close_quote"
    if char.isdigit():
        return "digit"
    if is_han(char):
        return "han"
    return char if not char.isalnum() else "latin"


def features(
    doc: Doc, span: Span, head: str, head_start: int, leftmost: int, ruled: Sequence[Span]
) -> tuple[str, ...]:
    """The names of one candidate's features, each present or absent (the model weighs each by name)."""
    text = tokens.doc_text(doc)
    start, end = span
    words = tokens.tokens_overlapping(doc, start, head_start)
    first = words[0] if words else tokens.token_at(doc, start)
    before = tokens.token_at(doc, start - 1) if start > 0 else None
    after = tokens.token_at(doc, end) if end < len(text) else None
    kind = _heads()[0].get(head, "rule")
    out = [f"head={head or 'none'}", f"kind={kind}", f"prefix{bucket(head_start - start)}"]
    out.append(f"words{bucket(len(words))}")
    out += _rule_features(span, ruled)
    out += _edge_features(first, before, after, text, span)
    out += _inside_features(doc, words, text, span, head_start)
    if start == leftmost:
        out.append("leftmost")
    if kind != "rule":
        out.append(f"kind={kind}&{'ruled' if span in ruled else 'unruled'}")
    return tuple(sorted(set(out)))


def _rule_features(span: Span, ruled: Sequence[Span]) -> list[str]:
    start, end = span
    out = []
    if span in ruled:
        out.append("ruled")
    if any(s <= start and end <= e and (s, e) != span for s, e in ruled):
        out.append("inside_rule")
    if any(start <= s and e <= end and (s, e) != span for s, e in ruled):
        out.append("holds_rule")
    same_end = [s for s, e in ruled if e == end and s != start]
    if same_end:
        out.append("rule_starts_" + ("right" if min(same_end) > start else "left"))
    return out


@cache
def _cue_words() -> frozenset[str]:
    """Verbs that open a programme's mention: programme_verbs.txt, programme_cues.txt, award_cues.txt."""
    names = ("programme_verbs.txt", "programme_cues.txt", "award_cues.txt")
    return frozenset(w for name in names for w in word_list(name))


def _edge_features(
    first: Token | None, before: Token | None, after: Token | None, text: str, span: Span
) -> list[str]:
    start, end = span
    rules = phrase_rules()
    out = [
        f"first_tag={first.tag_ if first is not None else 'none'}",
        f"prev_tag={before.tag_ if before is not None else 'none'}",
        f"prev_char={char_class(text[start - 1 : start])}",
        f"next_char={char_class(text[end : end + 1])}",
        f"next_tag={after.tag_ if after is not None else 'none'}",
    ]
    if before is not None and len(before.text) == 1:
        out.append(f"prev_word={before.text}")
    if before is not None and before.text in _cue_words():
        out.append("cue_before")  # 实施|科教兴豫战略, 举办|…培训班, 荣获|…称号
    if text.count(text[start:end]) > 1:
        out.append("recurs")
    if before is not None and any(p.match(before.text) for p in rules.indefinite):
        out.append("count_before")
    if first is not None:
        if _YEAR.match(text[start:end]):
            out.append("first_year")
        if first.tag_ in _OWNER_TAGS:
            out.append("first_owner")
        if first.text in rules.leading:
            out.append("first_leading")
        if first.idx < start:
            out.append("starts_inside_word")
    if after is not None and after.idx < end:
        out.append("ends_inside_word")
    return out


def _inside_features(doc: Doc, words: list[Token], text: str, span: Span, head_start: int) -> list[str]:
    start, end = span
    name = text[start:end]
    out = []
    if any(q in name for q in OPENING_QUOTES + '"'):
        out.append("quoted")
    if name[:1] in OPENING_QUOTES:
        out.append("starts_quote")
    if head_start > start and text[head_start - 1] in CLOSING_QUOTES:
        out.append("head_after_quote")
    opening = sum(name.count(q) for q in OPENING_QUOTES)
    if opening != sum(name.count(q) for q in CLOSING_QUOTES):
        out.append("unbalanced_quotes")
    if "、" in name:
        out.append("joined")
    if any(w.tag_ == "m" and not any(p.match(w.text) for p in phrase_rules().ordinals) for w in words):
        out.append("count_inside")  # 中国500强企业投资项目 counts a kind; 第27届 is an ordinal
    verbs = sum(1 for w in words if w.tag_ in _VERB_TAGS)
    out.append(f"verbs={min(verbs, 2)}")
    stoplist = set(word_list("programme_stoplist.txt"))
    if name in stoplist:
        out.append("stoplisted")
    elif words and head_start > start and is_generic(words, head_start, stoplist):
        out.append("generic")
    if name[: head_start - start] in word_list("titles.txt"):
        out.append("title_before_head")
    return out


def probability(candidate: Candidate, model: Weights) -> float:
    return feature_probability(candidate.features, model)


def feature_probability(features: Iterable[str], model: Weights) -> float:
    """The logistic model's probability for a candidate with these features."""
    z = model.model.bias + sum(model.weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-z))


def _ranked(found: list[Candidate], model: Weights, rule_spans: Sequence[Span]) -> list[tuple[float, Candidate]]:
    """The candidates that pass, best first. With keep_rule_spans a rules' span passes whatever its score
    and a candidate cutting into one never does: the scorer extends the rules' names (a year, an owner, a
    qualifier before them) and adds names where they found none, it does not cut theirs. A new name, which
    holds no rules' span, needs the higher new_name_threshold."""
    cfg = settings().scorer
    ruled = _standing(rule_spans)
    passed = []
    for cand in found:
        span, p = (cand.start, cand.end), probability(cand, model)
        if cfg.keep_rule_spans:
            if span in ruled:
                p = max(p, cfg.threshold)
            elif any(s < cand.end and cand.start < e and not (cand.start <= s and e <= cand.end) for s, e in ruled):
                continue
        holds = span in ruled or "holds_rule" in cand.features
        if p >= (cfg.threshold if holds else cfg.new_name_threshold):
            passed.append((p, cand))
    return sorted(passed, key=lambda pc: (-pc[0], pc[1].start - pc[1].end))


def _standing(rule_spans: Sequence[Span]) -> set[Span]:
    """The rules' spans that stand when they overlap each other: the longest, as in the rules' own choice
    (第27届“中国青年五四奖章” over the quoted 中国青年五四奖章 inside it)."""
    standing: list[Span] = []
    for start, end in sorted(set(rule_spans), key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= s or start >= e for s, e in standing):
            standing.append((start, end))
    return set(standing)


def choose(doc: Doc, rule_spans: Sequence[Span]) -> list[Span]:
    """The programme spans: the best-scored non-overlapping candidates that pass (_ranked). The rules'
    spans a chosen span holds, and its forms without year and owner, become its aliases."""
    ranked = _ranked(candidates(doc, rule_spans), weights(), rule_spans)
    chosen: list[Span] = []
    for _, cand in ranked:
        if all(cand.end <= s or cand.start >= e for s, e in chosen):
            chosen.append((cand.start, cand.end))
    for span in sorted(set(chosen) - set(rule_spans)):  # the rules recorded their own spans' shorter forms
        record_aliases(doc, span, _shorter_forms(doc, span, rule_spans))
    return sorted(chosen)


def _shorter_forms(doc: Doc, span: Span, rule_spans: Sequence[Span]) -> list[str]:
    text = tokens.doc_text(doc)
    start, end = span
    inner = [text[s:e] for s, e in rule_spans if start <= s and e <= end and (s, e) != span]
    pattern = _heads()[1]
    head = next((m for m in pattern.finditer(text, start, end) if m.end() == end), None)
    if head is not None and head.start() > start:
        words = tokens.tokens_overlapping(doc, start, head.start())
        inner += aliases(doc, start, end, words, head.start())
    return inner
