"""A learned check on the places and organisations the rules output: a logistic regression over span shape.

Test Place precision lagged dev (issue 8): ordinary nouns and cut words LAC tags LOC (温棚, 边疆, 新农村,
团结协作, 产业集聚区) survive because no hand rule rejects them, and every hand check tried cost real
places elsewhere. Here every Place the rules would output with a mention is described by features that
generalise beyond the span's own text (LAC's tags around it, its length, whether the gazetteer or a place
list knows it, its level suffix, whether it is a common word, an idiom or a frequent word, whether it cuts
across the segmentation, what follows it, whether it recurs) and a place whose mentions all score under
the threshold is dropped. Scoring what the rules output, not LAC's candidates before them, keeps the rules'
decisions and their tests as they are: the scorer can only remove, and the rules' decision is a feature.
Organisations get the same check with their own features (head word, an opening division) and weights.
Weights are trained by `make train-places` / `make train-organisations` (pipeline/place_training.py);
places/scorer.toml and organisations/scorer.toml hold the tunables and say whether each scorer is on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from cadregraph.pipeline import tokens
from cadregraph.pipeline.canonical import (
    HomePlace,
    canonical_organisation,
    canonical_place,
    listed_place,
    opens_with_division,
)
from cadregraph.pipeline.gazetteer import gazetteer
from cadregraph.pipeline.lexicons import (
    common_words,
    idiom_set,
    longest_suffix,
    match_word_at,
    word_list,
)
from cadregraph.pipeline.places_words import crosses_a_word, describes_a_kind, level_compound_at, word_count
from cadregraph.pipeline.programme_scorer import (
    TrainingSection,
    Weights,
    bucket,
    char_class,
    feature_probability,
    weights_at,
)
from cadregraph.pipeline.resources import toml_sections

CharSpan = tuple[int, int, str]
FOLDERS = {"Place": "places", "Organization": "organisations"}  # the labels judged, their data folders
WEIGHTS_NAME = "scorer_weights.toml"
COLLECT_KEY = "place_scorer_collect"  # set by the training: the candidates are kept in user_data
CANDIDATES_KEY = "place_scorer_candidates"
_LENGTH_BUCKETS = (3, 4, 5, 7)
_COUNT_BUCKETS = (1, 100, 5000, 100000)


@dataclass(frozen=True)
class ScorerSection:
    enabled: bool
    threshold: float


@dataclass(frozen=True)
class FeatureSection:
    exclude: tuple[str, ...]


@dataclass(frozen=True)
class PlaceScorerSettings:
    """places/scorer.toml or organisations/scorer.toml, typed."""

    scorer: ScorerSection
    features: FeatureSection
    training: TrainingSection


@cache
def settings(label: str = "Place") -> PlaceScorerSettings:
    return toml_sections(PlaceScorerSettings, FOLDERS[label], "scorer.toml")


def weights(label: str = "Place") -> Weights:
    return weights_at(FOLDERS[label], WEIGHTS_NAME)


@dataclass(frozen=True)
class Candidate:
    """One mention of a name the rules output: its span, the entity it names (canonical), its features."""

    start: int
    end: int
    name: str
    features: tuple[str, ...]


def kept(
    doc: Doc,
    spans: list[CharSpan],
    ruled: Iterable[CharSpan],
    hidden: set[tuple[int, int]],
    home: HomePlace | None,
) -> list[CharSpan]:
    """The spans without the places and organisations the scorers reject (each when it is on). `ruled`: the
    spans the rules made (the rest came from the model); `hidden`: spans given no mention (a place inside a
    name), never scored; `home`: the paper's place, which names are resolved from. The training asks for
    the candidates through COLLECT_KEY (a label → candidates dict in CANDIDATES_KEY)."""
    collect = bool(doc.user_data.get(COLLECT_KEY))
    collected: dict[str, list[Candidate]] = {}
    for label in FOLDERS:
        enabled = settings(label).scorer.enabled
        if not (enabled or collect):
            continue
        judged = [(s, e) for s, e, lab in spans if lab == label and (s, e) not in hidden]
        made = [(s, e) for s, e, lab in ruled if lab == label]
        found = collected[label] = candidates(doc, judged, made, home, label=label)
        if enabled:
            dropped = rejected(found, weights(label), settings(label).scorer.threshold)
            spans = [span for span in spans if span[2] != label or (span[0], span[1]) not in dropped]
    if collect:
        doc.user_data[CANDIDATES_KEY] = collected
    return spans


def rejected(found: Sequence[Candidate], model: Weights, threshold: float) -> set[tuple[int, int]]:
    """The spans of the entities none of whose mentions reaches the threshold (an entity is kept or dropped
    whole: one mention the model is sure of vouches for the others)."""
    best: dict[str, float] = {}
    for cand in found:
        best[cand.name] = max(best.get(cand.name, 0.0), probability(cand, model))
    return {(c.start, c.end) for c in found if best[c.name] < threshold}


def probability(candidate: Candidate, model: Weights) -> float:
    return feature_probability(candidate.features, model)


def candidates(
    doc: Doc,
    spans: Sequence[tuple[int, int]],
    ruled: Iterable[tuple[int, int]],
    home: HomePlace | None,
    *,
    output: bool = True,
    label: str = "Place",
) -> list[Candidate]:
    """Each span of the label with the entity it names (its canonical name) and its features. `output`: the
    spans are names the rules output (the training adds the model's names they rejected, without the
    feature, so that its weight holds the difference in base rate and the others learn the shape from
    both). A place the gazetteer resolves or a list holds is not judged: its shape is no evidence."""
    text = tokens.doc_text(doc)
    rule_spans = set(ruled)
    starts = {s for s, _ in spans}
    ends = {e for _, e in spans}
    excluded = settings(label).features.exclude
    out = []
    for start, end in sorted(spans):
        by_rule = (start, end) in rule_spans
        if label == "Place":
            if listed_place(text[start:end], home):
                continue
            feats = features(doc, (start, end), by_rule)
        else:
            feats = organisation_features(doc, (start, end), by_rule)
        name = canonical(label, text[start:end], home)
        if start in ends:
            feats.append("after_name")
        if end in starts:
            feats.append("before_name")
        if output:
            feats.append("output")
        out.append(Candidate(start, end, name, tuple(sorted({f for f in feats if _family(f) not in excluded}))))
    return out


def canonical(label: str, surface: str, home: HomePlace | None) -> str:
    """The entity a Place or Organization span names, as `kg extract` names it (平湖 → 平湖市, 市委 → 中共平湖市委)."""
    if label == "Place":
        return canonical_place(surface, home)[0]
    return canonical_organisation(surface, home)


_FAMILY_END = re.compile("[=<>&]")


def _family(feature: str) -> str:
    """prev_tag=n → prev_tag, chars<4 → chars, common_word&listed → common_word."""
    return _FAMILY_END.split(feature, maxsplit=1)[0]


@cache
def _suffix_chars() -> frozenset[str]:
    return frozenset(w for w in word_list("place_suffixes.txt") if len(w) == 1)


def common_word_compound(name: str) -> bool:
    """产业集聚区: the name, without a place suffix, is two or more words of the general
    dictionary (each of two characters or more), a phrase of ordinary words rather than a proper name."""
    suffix = longest_suffix(name, word_list("place_suffixes.txt"))
    stem = name[: -len(suffix)] if suffix and len(name) > len(suffix) + 1 else name
    words = common_words()
    reach = {0: 0}  # position → fewest words to get there
    for i in range(len(stem)):
        if i not in reach:
            continue
        for j in range(i + 2, len(stem) + 1):
            if stem[i:j] in words:
                reach[j] = min(reach.get(j, 99), reach[i] + 1)
    return reach.get(len(stem), 0) >= 2


def features(doc: Doc, span: tuple[int, int], by_rule: bool) -> list[str]:
    """The names of one place mention's features; none is the span's own text."""
    text = tokens.doc_text(doc)
    start, end = span
    name = text[start:end]
    out = _shared_features(doc, span, by_rule)
    known = gazetteer().lookup(name)
    if known:
        out += ["known_elsewhere", f"known_level={known[0].level}"]
    if common_word_compound(name):
        out.append("common_word_compound")
    suffix = longest_suffix(name, word_list("place_suffixes.txt")) if len(name) > 2 else None
    out.append(f"suffix={suffix or 'none'}")
    if suffix and describes_a_kind(name, suffix):
        out.append("describes_kind")
    listed = bool(known)
    out += _word_features(name, "&listed" if listed else "")
    after_place = bool(start) and text[start - 1] in _suffix_chars()
    crossed = crosses_a_word(text, start, end, after_place)
    if crossed is not None:
        out.append(f"crosses={crossed}")
    if level_compound_at(text, end):
        out.append("level_compound")
    return out


def organisation_features(doc: Doc, span: tuple[int, int], by_rule: bool) -> list[str]:
    """The names of one organisation mention's features: its head word (a closed class), whether it opens
    with a division, whether it is an ordinary word; none is the span's own text."""
    text = tokens.doc_text(doc)
    name = text[span[0] : span[1]]
    out = _shared_features(doc, span, by_rule)
    head = longest_suffix(name, word_list("org_suffixes.txt"))
    out.append(f"org_head={head or 'none'}")
    if head and len(name) == len(head):
        out.append("head_alone")
    if opens_with_division(name):
        out.append("opens_with_division")
    if common_word_compound(name):
        out.append("common_word_compound")
    return out + _word_features(name, "")


def _shared_features(doc: Doc, span: tuple[int, int], by_rule: bool) -> list[str]:
    """Who made the span, its length, LAC's reading of it, what follows it, whether it recurs."""
    text = tokens.doc_text(doc)
    start, end = span
    source = "rule" if by_rule else "model"
    out = [f"source={source}", f"chars{bucket(end - start, _LENGTH_BUCKETS)}"]
    out += _token_features(doc, span, source)
    out += _following(text, end)
    if text.count(text[start:end]) > 1:
        out.append("recurs")
    return out


def _word_features(name: str, qualifier: str) -> list[str]:
    """Whether the name is an ordinary word: jionlp's dictionary, its idioms, its word frequency."""
    out = []
    if name in common_words():
        out.append("common_word" + qualifier)
    if name in idiom_set():
        out.append("idiom")
    out.append(f"frequency{bucket(word_count(name), _COUNT_BUCKETS)}" + qualifier)
    return out


def _token_features(doc: Doc, span: tuple[int, int], source: str) -> list[str]:
    """LAC's reading of the span: its tags, whether it is one word, whether it cuts a word."""
    start, end = span
    text = tokens.doc_text(doc)
    words = tokens.tokens_overlapping(doc, start, end)
    before = tokens.token_at(doc, start - 1) if start > 0 else None
    after = tokens.token_at(doc, end) if end < len(text) else None
    out = [
        f"prev_tag={_tag(before)}",
        f"next_tag={_tag(after)}",
        f"prev_char={char_class(text[start - 1 : start])}",
        f"next_char={char_class(text[end : end + 1])}",
    ]
    if not words:
        return out
    first, last = words[0], words[-1]
    if len(words) == 1 and first.idx == start and first.idx + len(first.text) == end:
        out += [f"word={first.tag_}", f"word={first.tag_}&{source}"]
    else:
        out += [
            f"words{bucket(len(words), _LENGTH_BUCKETS)}",
            f"first_tag={first.tag_}",
            f"last_tag={last.tag_}",
        ]
    if first.idx < start:
        out.append("starts_inside_word")
    if last.idx + len(last.text) > end:
        out.append("ends_inside_word")
    return out


def _tag(token: Token | None) -> str:
    return token.tag_ if token is not None else "none"


def _following(text: str, end: int) -> list[str]:
    """What the name runs into: a level word (a division's name left without it), 的, an organisation's head."""
    out = []
    if match_word_at(text, end, word_list("division_levels.txt")) is not None:
        out.append("next=level_word")
    if text.startswith("的", end):
        out.append("next=de")
    if match_word_at(text, end, word_list("org_suffixes.txt")) is not None:
        out.append("next=org_head")
    return out
