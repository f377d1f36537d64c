"""List the entity errors of one corpus split: each false positive and false negative with its sentence.

Usage: python tools/errors.py [--split dev] [--category Place|Date|Figure|Position] [--corpus tests/corpus]
                              [--ids z0 za]
--category Position lists the (person, title) pairs of HOLDS_POSITION, as the Position row counts them.
Pairs are made exactly as `kg eval` makes them (cadregraph.pipeline.evaluate), so the counts here are the table's.
A date error shows its text and value (`text=value..end_value`).
Look at dev only: the test split is read for its totals (tests/corpus/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cadregraph.pipeline.batch import ExtractionRun  # noqa: E402
from cadregraph.pipeline.cli import gold_source  # noqa: E402
from cadregraph.pipeline.evaluate import (  # noqa: E402
    DATE_CATEGORY,
    FIGURE_CATEGORY,
    _date_overlaps,
    _DateKey,
    _figure_overlaps,
    _FigureKey,
    _gold_named,
    _gold_relation_keys,
    _greedy_pairs,
    _Named,
    _names_meet,
    _positions,
    _predicted_relation_keys,
    _relation_matcher,
    _same_canonical,
    _same_date,
    _same_figure,
    clean_name,
    load_gold,
    name_set,
    split_gold_files,
    squeeze,
)
from cadregraph.schemas import ENTITY_TYPES, DocumentRecord  # noqa: E402

SENTENCE_ENDS = "。！？\n；"


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (up to 。！？； or a line end) around text[start:end], with the span in 【】."""
    left = max((text.rfind(ch, 0, start) for ch in SENTENCE_ENDS), default=-1) + 1
    rights = [i for i in (text.find(ch, end) for ch in SENTENCE_ENDS) if i >= 0]
    right = min(rights) if rights else len(text)
    left = max(left, start - 60)
    right = min(right, end + 60)
    return (text[left:start] + "【" + text[start:end] + "】" + text[end:right]).replace("\n", " ")


def first_occurrence(text: str, names: frozenset[str]) -> tuple[int, int] | None:
    for name in sorted(names, key=len, reverse=True):
        i = text.find(name)
        if i >= 0:
            return i, i + len(name)
    return None


POSITION = "Position"


def position_report(gold_path: Path, gold: dict[str, Any], record: DocumentRecord, text: str) -> list[str]:
    """FP/FN (person, title) pairs, paired as `kg eval` pairs the Position category."""
    gold = {"entities": [], "relations": [], **gold}
    gold_items = _positions(_gold_relation_keys(gold))
    pred_items = _positions(_predicted_relation_keys(record))
    passes = (_relation_matcher(exact=True), _relation_matcher(exact=False))
    pairs = _greedy_pairs(gold_items, pred_items, passes)
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    lines = []
    for label, items, matched in (("FP", pred_items, matched_pred), ("FN", gold_items, matched_gold)):
        for i, key in enumerate(items):
            if i in matched or key.source is None:
                continue
            where = first_occurrence(text, key.source.names)
            context = sentence_at(text, *where) if where else "(not found verbatim)"
            lines.append(f"{label} {gold_path.stem[:12]} {key.source.canonical} {key.detail} | {context}")
    return lines


def _date_label(key: _DateKey) -> str:
    return f"{key.text}={key.value}" + (f"..{key.end_value}" if key.end_value else "")


def _figure_label(key: _FigureKey) -> str:
    return f"{key.text}={key.value:g}{key.unit}" + (f" subject={key.subject}" if key.subject else "")


def mention_report(
    gold_items: list[Any],
    predicted: list[tuple[Any, int, int]],
    passes: tuple[Any, ...],
    label: Any,
    text: str,
    stem: str,
) -> list[str]:
    """Date or figure errors, paired as `kg eval` pairs them (same text first, then overlapping text);
    `predicted` holds each prediction's key and its span in the original text."""
    pairs = _greedy_pairs(gold_items, [key for key, _, _ in predicted], passes)
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    lines = [
        f"FP {stem} {label(key)} | {sentence_at(text, start, end)}"
        for i, (key, start, end) in enumerate(predicted)
        if i not in matched_pred
    ]
    for i, item in enumerate(gold_items):
        if i in matched_gold:
            continue
        where = first_occurrence(text, frozenset({item.text}))
        context = sentence_at(text, *where) if where else "(not found verbatim)"
        lines.append(f"FN {stem} {label(item)} | {context}")
    return lines


def date_report(gold: dict[str, Any], record: DocumentRecord, text: str, stem: str) -> list[str]:
    gold_items = [_DateKey(squeeze(d["text"]), d["value"], d.get("end_value")) for d in gold["dates"]]
    predicted = [(_DateKey(squeeze(d.text), d.value, d.end_value), d.start, d.end) for d in record.dates]
    return mention_report(gold_items, predicted, (_same_date, _date_overlaps), _date_label, text, stem)


def figure_report(gold: dict[str, Any], record: DocumentRecord, text: str, stem: str) -> list[str]:
    """Figure errors (value and unit must agree; a wrong subject alone is no error here)."""
    gold_items = [
        _FigureKey(squeeze(f["text"]), float(f["value"]), f["unit"], f.get("subject"))
        for f in gold["figures"]
    ]
    predicted = [
        (_FigureKey(squeeze(f.text), float(f.value), f.unit, f.subject), f.start, f.end)
        for f in record.figures
    ]
    return mention_report(gold_items, predicted, (_same_figure, _figure_overlaps), _figure_label, text, stem)


def report(gold_path: Path, category: str, *, count_implied: bool = False) -> list[str]:
    gold = load_gold(gold_path)
    source = gold_source(gold_path, gold["document"]["source"])  # as kg eval finds it: a date-only copy's own
    text = source.read_text(encoding="utf-8")
    date = gold["document"].get("date")
    run = ExtractionRun("lac", dt.date.fromisoformat(date) if date else None)
    record = next(iter(run.records([str(source)])))
    if category == POSITION:
        return position_report(gold_path, gold, record, text)
    if category == DATE_CATEGORY:
        return date_report(gold, record, text, gold_path.stem[:12])
    if category == FIGURE_CATEGORY:
        return figure_report(gold, record, text, gold_path.stem[:12])
    gold_items = [_gold_named(e) for e in gold["entities"] if e["type"] == category]
    typed = [e for e in record.entities if e.type == category]
    pred_items = [_Named(clean_name(e.name), name_set(e.name, e.aliases)) for e in typed]
    pairs = _greedy_pairs(gold_items, pred_items, (_same_canonical, _names_meet))
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    lines = []
    for i, entity in enumerate(typed):
        if i in matched_pred:
            continue
        if not entity.mentions:  # implied: a parent organisation, the home place (kg eval --count-implied)
            if count_implied:
                lines.append(f"FP {gold_path.stem[:12]} {entity.name} | (implied: no mention)")
            continue
        m = entity.mentions[0]
        lines.append(f"FP {gold_path.stem[:12]} {entity.name} | {sentence_at(text, m.start, m.end)}")
    for i, item in enumerate(gold_items):
        if i in matched_gold:
            continue
        where = first_occurrence(text, item.names)
        context = sentence_at(text, *where) if where else "(not found verbatim)"
        lines.append(f"FN {gold_path.stem[:12]} {item.canonical} | {context}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "test"))
    parser.add_argument(
        "--category", default="Place", choices=(*ENTITY_TYPES, DATE_CATEGORY, FIGURE_CATEGORY, POSITION)
    )
    parser.add_argument("--corpus", type=Path, default=REPO / "tests" / "corpus")
    parser.add_argument(
        "--ids", nargs="+", default=[""], help="only the split's articles whose id starts with one of these"
    )
    parser.add_argument(
        "--count-implied", action="store_true", help="list unmatched entities without a mention too, as kg eval --count-implied counts them"
    )
    args = parser.parse_args(argv)
    for gold_path in split_gold_files(args.corpus)[args.split]:
        if not gold_path.name.startswith(tuple(args.ids)):
            continue
        for line in report(gold_path, args.category, count_implied=args.count_implied):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
