"""The scorer behind `kg eval`: compare one `DocumentRecord` with a hand-made gold file.

Matching is lenient on surface form (quotes, spaces and line wraps from the OCR'd original, an alias
instead of the canonical name, a date text with or without a trailing 晚/上午) because those differences
say nothing about whether the extraction understood the text; it is strict on type and value, because a
wrong type or a wrong number is a wrong fact in the graph. All matching is one-to-one, so a prediction
repeated twice can earn only one true positive. The relation types, and the one property a relation
match is strict on (`scored_on`), come from the relation-type specification (schemas/relations.toml).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cadregraph.schemas import ENTITY_TYPES, RELATION_SPEC, RELATION_TYPES, DocumentRecord, figure_id

# Characters that carry no identity in a name: quotes of every kind and book-title marks.
NAME_NOISE = frozenset("“”\"'‘’《》「」")

DATE_CATEGORY = "Date"
FIGURE_CATEGORY = "Figure"
SUBJECT_CATEGORY = "Figure.subject"
# (person, title) pairs of HOLDS_POSITION whatever the organisation: what a reader of a career table
# checks first, and how the project's held-out measurement reports positions.
POSITION_CATEGORY = "Position"
RELATION_PREFIX = "rel:"
FIXED_CATEGORIES: tuple[str, ...] = (
    *ENTITY_TYPES,
    DATE_CATEGORY,
    FIGURE_CATEGORY,
    SUBJECT_CATEGORY,
    POSITION_CATEGORY,
)


@dataclass(frozen=True)
class PRF:
    """Counts for one category; the ratios are derived so that merged counts stay exact."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp, nothing_missed=self.fn == 0)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn, nothing_missed=self.fp == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def _ratio(hits: int, total: int, *, nothing_missed: bool) -> float:
    """hits/total; an empty denominator scores 1.0 only when nothing was expected and nothing predicted."""
    if total:
        return hits / total
    return 1.0 if nothing_missed else 0.0


def _prf(matched: int, predicted: int, expected: int) -> PRF:
    return PRF(tp=matched, fp=predicted - matched, fn=expected - matched)


def load_gold(path: Path) -> dict[str, Any]:
    """Read a gold file; missing sections become empty lists so partial gold (issue 2) still scores."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: gold file must hold a JSON object")
    for section in ("entities", "dates", "figures", "relations"):
        value = data.setdefault(section, [])
        if not isinstance(value, list):
            raise ValueError(f"{path}: '{section}' must be a list")
    for entity in data["entities"]:
        if entity.get("type") not in ENTITY_TYPES:
            raise ValueError(f"{path}: unknown entity type {entity.get('type')!r} for {entity.get('name')!r}")
    for relation in data["relations"]:
        if relation.get("type") not in RELATION_TYPES:
            raise ValueError(f"{path}: unknown relation type {relation.get('type')!r}")
    return data


# ---------------------------------------------------------------- surface forms


def squeeze(text: str) -> str:
    """Drop all whitespace: the predicted text keeps the original's line wraps and stray spaces."""
    return "".join(text.split())


def clean_name(name: str) -> str:
    """A name without quotes, book-title marks and whitespace."""
    return "".join(ch for ch in squeeze(name) if ch not in NAME_NOISE)


def name_set(name: str, aliases: Iterable[str] = ()) -> frozenset[str]:
    return frozenset(n for n in (clean_name(name), *(clean_name(a) for a in aliases)) if n)


def overlaps(a: str, b: str) -> bool:
    """One whitespace-free text contains the other."""
    a, b = squeeze(a), squeeze(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _greedy_pairs(
    gold: Sequence[Any],
    predicted: Sequence[Any],
    passes: Sequence[Callable[[Any, Any], bool]],
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index); earlier passes (stricter tests) claim first."""
    free_gold = list(range(len(gold)))
    free_pred = list(range(len(predicted)))
    pairs: list[tuple[int, int]] = []
    for accepts in passes:
        for g in list(free_gold):
            for p in free_pred:
                if accepts(gold[g], predicted[p]):
                    pairs.append((g, p))
                    free_gold.remove(g)
                    free_pred.remove(p)
                    break
    return pairs


# ---------------------------------------------------------------- entities


@dataclass(frozen=True)
class _Named:
    canonical: str
    names: frozenset[str]


def _gold_named(entity: dict[str, Any]) -> _Named:
    return _Named(clean_name(entity["name"]), name_set(entity["name"], entity.get("aliases", [])))


def _same_canonical(g: _Named, p: _Named) -> bool:
    return g.canonical == p.canonical


def _names_meet(g: _Named, p: _Named) -> bool:
    return bool(g.names & p.names)


def _score_entities(
    gold: dict[str, Any], predicted: DocumentRecord, *, count_implied: bool
) -> dict[str, PRF]:
    scores: dict[str, PRF] = {}
    for entity_type in ENTITY_TYPES:
        gold_items = [_gold_named(e) for e in gold["entities"] if e["type"] == entity_type]
        typed = [e for e in predicted.entities if e.type == entity_type]
        pred_items = [_Named(clean_name(e.name), name_set(e.name, e.aliases)) for e in typed]
        pairs = _greedy_pairs(gold_items, pred_items, (_same_canonical, _names_meet))
        # An implied entity (no mention: a parent organisation, the home place, a place a relation needs)
        # counts when the gold lists it, and is no false positive when it does not, unless `count_implied`
        # asks to score as a reader of the entity list alone would.
        matched = {p for _, p in pairs}
        unmatched_implied = (
            0 if count_implied else sum(1 for i, e in enumerate(typed) if not e.mentions and i not in matched)
        )
        scores[entity_type] = _prf(len(pairs), len(pred_items) - unmatched_implied, len(gold_items))
    return scores


# ---------------------------------------------------------------- dates


@dataclass(frozen=True)
class _DateKey:
    text: str
    value: str
    end_value: str | None


def _same_date(g: _DateKey, p: _DateKey) -> bool:
    return g == p


def _date_overlaps(g: _DateKey, p: _DateKey) -> bool:
    return g.value == p.value and g.end_value == p.end_value and overlaps(g.text, p.text)


def _score_dates(gold: dict[str, Any], predicted: DocumentRecord) -> PRF:
    gold_items = [_DateKey(squeeze(d["text"]), d["value"], d.get("end_value")) for d in gold["dates"]]
    pred_items = [_DateKey(squeeze(d.text), d.value, d.end_value) for d in predicted.dates]
    pairs = _greedy_pairs(gold_items, pred_items, (_same_date, _date_overlaps))
    return _prf(len(pairs), len(pred_items), len(gold_items))


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class _FigureKey:
    text: str
    value: float
    unit: str
    subject: str | None


def _same_quantity(g: _FigureKey, p: _FigureKey) -> bool:
    return g.unit == p.unit and math.isclose(g.value, p.value, rel_tol=1e-9, abs_tol=1e-9)


def _same_figure(g: _FigureKey, p: _FigureKey) -> bool:
    return _same_quantity(g, p) and g.text == p.text


def _figure_overlaps(g: _FigureKey, p: _FigureKey) -> bool:
    return _same_quantity(g, p) and overlaps(g.text, p.text)


def _subject(value: str | None) -> str | None:
    return squeeze(value) if value is not None else None


def _score_figures(gold: dict[str, Any], predicted: DocumentRecord) -> tuple[PRF, PRF]:
    """The figure score, and the subject score over the matched pairs only."""
    gold_items = [
        _FigureKey(squeeze(f["text"]), float(f["value"]), f["unit"], _subject(f.get("subject")))
        for f in gold["figures"]
    ]
    pred_items = [
        _FigureKey(squeeze(f.text), float(f.value), f.unit, _subject(f.subject)) for f in predicted.figures
    ]
    pairs = _greedy_pairs(gold_items, pred_items, (_same_figure, _figure_overlaps))
    tp = fp = fn = 0
    for g, p in pairs:
        gold_subject, pred_subject = gold_items[g].subject, pred_items[p].subject
        if gold_subject == pred_subject:
            tp += 1
            continue
        fp += pred_subject is not None
        fn += gold_subject is not None
    return _prf(len(pairs), len(pred_items), len(gold_items)), PRF(tp, fp, fn)


# ---------------------------------------------------------------- relations


@dataclass(frozen=True)
class _RelKey:
    type: str
    source: _Named | None
    target: _Named | str | None  # a named entity, a figure text (HAS_FIGURE), or nothing
    detail: str | None  # the `scored_on` property's value, for types strict on one
    implied: bool = False  # an end is an implied entity (no mention in the text)


def _detail_of(rel_type: str, properties: dict[str, Any]) -> str | None:
    """The value of the property the type is scored on: HOLDS_POSITION is strict on the title; a LEADS
    title or an ATTENDED role is a detail, not the fact."""
    scored_on = RELATION_SPEC[rel_type].scored_on
    value = properties.get(scored_on) if scored_on else None
    return squeeze(str(value)) if value is not None else None


def _gold_relation_keys(gold: dict[str, Any]) -> list[_RelKey]:
    names_by_canonical: dict[str, frozenset[str]] = {}
    for entity in gold["entities"]:
        entry = _gold_named(entity)
        names_by_canonical[entry.canonical] = (
            names_by_canonical.get(entry.canonical, frozenset()) | entry.names
        )

    def named(name: str | None) -> _Named | None:
        if name is None:
            return None
        canonical = clean_name(name)
        return _Named(canonical, names_by_canonical.get(canonical, frozenset({canonical})))

    keys = []
    for rel in gold["relations"]:
        rel_type = rel["type"]
        target: _Named | str | None
        if rel_type == "HAS_FIGURE":
            target = squeeze(rel["target"]) if rel.get("target") is not None else None
        else:
            target = named(rel.get("target"))
        keys.append(
            _RelKey(rel_type, named(rel["source"]), target, _detail_of(rel_type, rel.get("properties", {})))
        )
    return keys


def _predicted_relation_keys(predicted: DocumentRecord) -> list[_RelKey]:
    doc_id = predicted.document.id
    by_id = {e.id: _Named(clean_name(e.name), name_set(e.name, e.aliases)) for e in predicted.entities}
    figure_texts = {figure_id(doc_id, f): squeeze(f.text) for f in predicted.figures}
    implied_ids = {e.id for e in predicted.entities if not e.mentions}
    keys = []
    for rel in predicted.relations:
        source_id, target_id = rel.source, rel.target
        # A byline may name the document as its target; gold writes that as null, which means the same.
        if RELATION_SPEC[rel.type].null_target == "document" and target_id == doc_id:
            target_id = None
        target: _Named | str | None
        if rel.type == "HAS_FIGURE":
            target = figure_texts.get(target_id) if target_id is not None else None
            if target_id is not None and target is None:
                target = f"\x00unresolved:{target_id}"
        elif target_id is None:
            target = None
        else:
            target = by_id.get(target_id, _Named(f"\x00unresolved:{target_id}", frozenset()))
        source = by_id.get(source_id, _Named(f"\x00unresolved:{source_id}", frozenset()))
        implied = source_id in implied_ids or target_id in implied_ids
        keys.append(_RelKey(rel.type, source, target, _detail_of(rel.type, rel.properties), implied))
    return keys


def _ends_match(g: _Named | str | None, p: _Named | str | None, *, exact: bool) -> bool:
    if g is None or p is None:
        return g is None and p is None
    if isinstance(g, str) or isinstance(p, str):
        if not (isinstance(g, str) and isinstance(p, str)):
            return False
        return g == p if exact else overlaps(g, p)
    return g.canonical == p.canonical if exact else bool(g.names & p.names)


def _relation_matcher(*, exact: bool) -> Callable[[_RelKey, _RelKey], bool]:
    def accepts(g: _RelKey, p: _RelKey) -> bool:
        return (
            g.type == p.type
            and g.detail == p.detail
            and _ends_match(g.source, p.source, exact=exact)
            and _ends_match(g.target, p.target, exact=exact)
        )

    return accepts


def _score_relations(gold: dict[str, Any], predicted: DocumentRecord) -> dict[str, PRF]:
    gold_keys = _gold_relation_keys(gold)
    pred_keys = _predicted_relation_keys(predicted)
    passes = (_relation_matcher(exact=True), _relation_matcher(exact=False))
    scores: dict[str, PRF] = {}
    for rel_type in sorted({k.type for k in gold_keys} | {k.type for k in pred_keys}):
        gold_of_type = [k for k in gold_keys if k.type == rel_type]
        pred_of_type = [k for k in pred_keys if k.type == rel_type]
        pairs = _greedy_pairs(gold_of_type, pred_of_type, passes)
        # As for entities: a relation to an implied entity (平湖市 → 嘉兴市 → 浙江省 from the division
        # dataset) counts when the gold has it and is no false positive when it does not.
        matched = {p for _, p in pairs}
        unmatched_implied = sum(1 for i, k in enumerate(pred_of_type) if k.implied and i not in matched)
        scores[RELATION_PREFIX + rel_type] = _prf(
            len(pairs), len(pred_of_type) - unmatched_implied, len(gold_of_type)
        )
    scores[POSITION_CATEGORY] = _score_positions(gold_keys, pred_keys)
    return scores


def _positions(keys: list[_RelKey]) -> list[_RelKey]:
    """Distinct (person, title) pairs of HOLDS_POSITION keys; the organisation is left out."""
    seen: dict[tuple[str, str | None], _RelKey] = {}
    for key in keys:
        if key.type == "HOLDS_POSITION" and key.source is not None:
            seen.setdefault(
                (key.source.canonical, key.detail), _RelKey(key.type, key.source, None, key.detail)
            )
    return list(seen.values())


def _score_positions(gold_keys: list[_RelKey], pred_keys: list[_RelKey]) -> PRF:
    gold_positions, pred_positions = _positions(gold_keys), _positions(pred_keys)
    passes = (_relation_matcher(exact=True), _relation_matcher(exact=False))
    pairs = _greedy_pairs(gold_positions, pred_positions, passes)
    return _prf(len(pairs), len(pred_positions), len(gold_positions))


# ---------------------------------------------------------------- public entry points


def score_document(
    gold: dict[str, Any], predicted: DocumentRecord, *, count_implied: bool = False
) -> dict[str, PRF]:
    """Scores per category: entity types, Date, Figure, Figure.subject and one `rel:TYPE` per relation type.
    `count_implied`: an entity without a mention the gold does not list is a false positive too."""
    gold = {"entities": [], "dates": [], "figures": [], "relations": [], **gold}
    scores = _score_entities(gold, predicted, count_implied=count_implied)
    scores[DATE_CATEGORY] = _score_dates(gold, predicted)
    scores[FIGURE_CATEGORY], scores[SUBJECT_CATEGORY] = _score_figures(gold, predicted)
    scores.update(_score_relations(gold, predicted))
    return scores


def merge(scores: Iterable[dict[str, PRF]]) -> dict[str, PRF]:
    """Micro-average over documents: sum the counts per category (a category absent from a document is 0)."""
    merged: dict[str, PRF] = {}
    for document_scores in scores:
        for category, prf in document_scores.items():
            merged[category] = merged.get(category, PRF(0, 0, 0)) + prf
    return merged


def split_gold_files(corpus: Path) -> dict[str, list[Path]]:
    """The gold files of each split named in ``corpus/split.json`` (fixed once, before any tuning)."""
    split_path = Path(corpus) / "split.json"
    split = json.loads(split_path.read_text(encoding="utf-8"))
    files: dict[str, list[Path]] = {}
    for name in ("dev", "test"):
        ids = split.get(name)
        if not isinstance(ids, list):
            raise ValueError(f"{split_path}: '{name}' must be a list of article ids")
        files[name] = [Path(corpus) / "gold" / f"{doc_id}.gold.json" for doc_id in ids]
        missing = [str(p) for p in files[name] if not p.is_file()]
        if missing:
            raise ValueError(f"{split_path}: no gold file {missing[0]}")
    return files


def format_gap(dev: dict[str, PRF], test: dict[str, PRF]) -> str:
    """F1 on dev minus F1 on test per category: how much of a rule's gain was fitted to what it saw."""
    rows = [f"{'category':<22} {'dev':>6} {'test':>6} {'gap':>6}"]
    for category in sorted(set(dev) & set(test), key=_category_order):
        d, t = dev[category].f1, test[category].f1
        rows.append(f"{category:<22} {d:>6.3f} {t:>6.3f} {d - t:>+6.3f}")
    return "\n".join(rows)


def _category_order(category: str) -> tuple[int, str]:
    if category in FIXED_CATEGORIES:
        return (FIXED_CATEGORIES.index(category), "")
    return (len(FIXED_CATEGORIES), category)


def format_table(scores: dict[str, PRF]) -> str:
    """A fixed-width table, one row per category (entity types, dates, figures, then relations A-Z)."""
    rows = [f"{'category':<22} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for category in sorted(scores, key=_category_order):
        s = scores[category]
        rows.append(
            f"{category:<22} {s.tp:>5} {s.fp:>5} {s.fn:>5} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    return "\n".join(rows)
