"""The `kg eval` scorer: hand-built gold/prediction pairs with known counts, invariants, and the gold files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadregraph.pipeline.evaluate import PRF, format_table, load_gold, merge, score_document
from cadregraph.schemas import (
    RELATION_TYPES,
    DateMention,
    DocumentInfo,
    DocumentRecord,
    Entity,
    Figure,
    Relation,
    Span,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.gold.json"))
DOC_ID = "004_test"


def record(
    entities: Sequence[tuple[str, str, str, list[str]]] = (),
    dates: Sequence[tuple[str, str, str | None]] = (),
    figures: Sequence[tuple[str, float, str, str | None]] = (),
    relations: Sequence[tuple[str, str, str | None, dict[str, Any]]] = (),
) -> DocumentRecord:
    """A prediction; entities are (id, type, name, aliases), figures get ids fig0, fig1, ..."""
    evidence = Span(start=0, end=1, text="x")
    return DocumentRecord(
        document=DocumentInfo(id=DOC_ID, source=f"seeds/{DOC_ID}.txt"),
        entities=[
            Entity(id=i, type=t, name=n, aliases=a, mentions=[Span(start=0, end=len(n), text=n)])  # type: ignore[arg-type]
            for i, t, n, a in entities
        ],
        dates=[DateMention(text=x, start=0, end=len(x), value=v, end_value=e) for x, v, e in dates],
        figures=[
            Figure.model_validate(
                {
                    "id": f"fig{k}",
                    "text": x,
                    "start": k,
                    "end": k + len(x),
                    "value": v,
                    "unit": u,
                    "subject": s,
                }
            )
            for k, (x, v, u, s) in enumerate(figures)
        ],
        relations=[
            Relation(type=t, source=s, target=g, properties=p, evidence=evidence) for t, s, g, p in relations
        ],
    )


GOLD: dict[str, Any] = {
    "document": {"source": "seeds/004.txt", "date": "2021-12-21", "place": "平湖市"},
    "entities": [
        {"type": "Person", "name": "吴金华", "aliases": []},
        {"type": "Person", "name": "翁辰辰", "aliases": []},
        {"type": "Organization", "name": "平湖市委组织部", "aliases": ["市委组织部"]},
        {"type": "Organization", "name": "中共平湖市委", "aliases": ["市委", "平湖市委"]},
        {"type": "Programme", "name": "铁军打造工程", "aliases": ["“铁军打造”工程", "铁军打造"]},
        {"type": "Place", "name": "新仓镇", "aliases": []},
    ],
    "dates": [
        {"text": "12月20日", "value": "2021-12-20", "end_value": None},
        {"text": "12月20日", "value": "2021-12-20", "end_value": None},
        {"text": "2017年至2021年", "value": "2017", "end_value": "2021"},
    ],
    "figures": [
        {"text": "826名干部", "value": 826, "unit": "名", "subject": "干部", "approximate": False},
        {"text": "32.5亿元", "value": 3250000000, "unit": "元", "subject": None, "approximate": False},
    ],
    "relations": [
        {
            "type": "HOLDS_POSITION",
            "source": "吴金华",
            "target": "平湖市委组织部",
            "properties": {"title": "组织部长"},
        },
        {
            "type": "HOLDS_POSITION",
            "source": "吴金华",
            "target": "中共平湖市委",
            "properties": {"title": "市委常委"},
        },
        {"type": "RUNS", "source": "平湖市委组织部", "target": "铁军打造工程", "properties": {}},
        {"type": "HAS_FIGURE", "source": "铁军打造工程", "target": "826名干部", "properties": {}},
        {"type": "AUTHORED", "source": "翁辰辰", "target": None, "properties": {"role": "编辑"}},
    ],
}


def scores_of(prediction: DocumentRecord, gold: dict[str, Any] = GOLD) -> dict[str, tuple[int, int, int]]:
    return {k: (v.tp, v.fp, v.fn) for k, v in score_document(gold, prediction).items()}


# ---------------------------------------------------------------- PRF


def test_prf_ratios() -> None:
    s = PRF(tp=3, fp=1, fn=2)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_prf_empty_category_is_perfect_only_when_nothing_on_either_side() -> None:
    assert (PRF(0, 0, 0).precision, PRF(0, 0, 0).recall, PRF(0, 0, 0).f1) == (1.0, 1.0, 1.0)
    missed = PRF(0, 0, 4)  # nothing predicted, something expected
    assert (missed.precision, missed.recall, missed.f1) == (0.0, 0.0, 0.0)
    invented = PRF(0, 2, 0)  # something predicted, nothing expected
    assert (invented.precision, invented.recall, invented.f1) == (0.0, 0.0, 0.0)


# ---------------------------------------------------------------- entities


def test_entities_match_by_alias_and_ignore_quotes_and_spaces() -> None:
    prediction = record(
        entities=[
            ("p1", "Person", "吴 金华", []),  # stray OCR space
            ("o1", "Organization", "市委组织部", []),  # the gold alias, not the canonical name
            ("g1", "Programme", "《铁军打造工程》", []),  # marks stripped → canonical
            ("x1", "Place", "平湖市", []),  # not in gold
        ]
    )
    got = scores_of(prediction)
    assert got["Person"] == (1, 0, 1)
    assert got["Organization"] == (1, 0, 1)
    assert got["Programme"] == (1, 0, 0)
    assert got["Place"] == (0, 1, 1)
    assert got["Event"] == (0, 0, 0)


def test_entity_type_is_strict() -> None:
    got = scores_of(record(entities=[("n1", "Place", "吴金华", [])]))
    assert got["Person"] == (0, 0, 2)
    assert got["Place"] == (0, 1, 1)


def test_entities_match_one_to_one_and_exact_names_claim_first() -> None:
    gold = {
        "entities": [
            {"type": "Organization", "name": "平湖市委", "aliases": ["市委"]},
            {"type": "Organization", "name": "市委组织部", "aliases": ["市委"]},  # shares an alias
        ]
    }
    # The first prediction would also meet 平湖市委 through 市委; exact-name greed keeps both pairs.
    prediction = record(
        entities=[
            ("a", "Organization", "市委组织部", ["市委"]),
            ("b", "Organization", "平湖市委", []),
            ("c", "Organization", "市委", []),  # a duplicate: no gold left for it
        ]
    )
    assert scores_of(prediction, gold)["Organization"] == (2, 1, 0)


# ---------------------------------------------------------------- dates


def test_dates_are_a_multiset_and_tolerate_wraps_and_suffixes() -> None:
    prediction = record(
        dates=[
            ("12月\n20日", "2021-12-20", None),  # a line wrap from the original
            ("12月20日晚", "2021-12-20", None),  # a trailing 晚: text overlap, same value
            ("12月20日", "2021-12-20", None),  # a third occurrence: gold has only two
            ("2017年至2021年", "2017", None),  # end_value missing → wrong value
        ]
    )
    assert scores_of(prediction)["Date"] == (2, 2, 1)


def test_date_value_is_strict() -> None:
    prediction = record(dates=[("12月20日", "2021-12-21", None), ("2017年至2021年", "2017", "2021")])
    assert scores_of(prediction)["Date"] == (1, 1, 2)


# ---------------------------------------------------------------- figures


def test_figures_match_on_value_unit_and_text_overlap() -> None:
    prediction = record(
        figures=[
            ("826名", 826, "名", None),  # text inside the gold text; subject missed
            ("32.5亿\n元", 3.25e9, "元", "资金"),  # wrap in the text; a subject where gold has none
            ("826名干部", 826, "人", "干部"),  # wrong unit
        ]
    )
    got = scores_of(prediction)
    assert got["Figure"] == (2, 1, 0)
    assert got["Figure.subject"] == (0, 1, 1)


def test_figure_subject_scored_over_matched_pairs_only() -> None:
    prediction = record(figures=[("826名干部", 826, "名", "干部"), ("32.5亿元", 3250000000, "元", None)])
    got = scores_of(prediction)
    assert got["Figure"] == (2, 0, 0)
    assert got["Figure.subject"] == (2, 0, 0)
    wrong_value = record(figures=[("826名干部", 825, "名", "干部")])
    assert scores_of(wrong_value)["Figure.subject"] == (0, 0, 0)


# ---------------------------------------------------------------- relations

ENTITIES: list[tuple[str, str, str, list[str]]] = [
    ("p1", "Person", "吴金华", []),
    ("p2", "Person", "翁辰辰", []),
    ("o1", "Organization", "市委组织部", []),
    ("o2", "Organization", "平湖市委", []),
    ("g1", "Programme", "铁军打造", []),
]


def test_relations_resolve_ids_to_names() -> None:
    prediction = record(
        entities=ENTITIES,
        figures=[("826名", 826, "名", None)],
        relations=[
            ("HOLDS_POSITION", "p1", "o1", {"title": "组织 部长", "organization": "组织部"}),
            ("HOLDS_POSITION", "p1", "o2", {"title": "常委"}),  # title differs → fp and fn
            ("RUNS", "o1", "g1", {}),
            ("HAS_FIGURE", "g1", "fig0", {}),  # figure id → figure text overlaps 826名干部
            ("AUTHORED", "p2", DOC_ID, {"role": "编辑"}),  # the document as the target: gold's null
            ("LEADS", "p1", "g1", {}),  # not in gold
        ],
    )
    got = scores_of(prediction)
    assert got["rel:HOLDS_POSITION"] == (1, 1, 1)
    assert got["rel:RUNS"] == (1, 0, 0)
    assert got["rel:HAS_FIGURE"] == (1, 0, 0)
    assert got["rel:AUTHORED"] == (1, 0, 0)
    assert got["rel:LEADS"] == (0, 1, 0)
    assert "rel:MENTORS" not in got


def test_relation_with_wrong_target_or_dangling_id_does_not_match() -> None:
    prediction = record(
        entities=ENTITIES,
        figures=[("32.5亿元", 3.25e9, "元", None)],
        relations=[
            ("HOLDS_POSITION", "p1", "o2", {"title": "组织部长"}),  # right title, wrong organisation
            ("RUNS", "o1", "missing-id", {}),
            ("HAS_FIGURE", "g1", "fig0", {}),  # another figure
            ("AUTHORED", "p1", None, {"role": "记者"}),  # another person
        ],
    )
    got = scores_of(prediction)
    assert got["rel:HOLDS_POSITION"] == (0, 1, 2)
    assert got["rel:RUNS"] == (0, 1, 1)
    assert got["rel:HAS_FIGURE"] == (0, 1, 1)
    assert got["rel:AUTHORED"] == (0, 1, 1)


# ---------------------------------------------------------------- merge, table, load


def test_merge_sums_counts_across_documents() -> None:
    merged = merge([{"Person": PRF(1, 2, 3)}, {"Person": PRF(4, 0, 1), "rel:LEADS": PRF(0, 1, 0)}])
    assert merged == {"Person": PRF(5, 2, 4), "rel:LEADS": PRF(0, 1, 0)}


def test_format_table_rows_and_order() -> None:
    table = format_table({"rel:LEADS": PRF(0, 1, 0), "Date": PRF(3, 1, 0), "Person": PRF(1, 0, 1)})
    lines = table.splitlines()
    assert [line.split()[0] for line in lines] == ["category", "Person", "Date", "rel:LEADS"]
    assert lines[2].split() == ["Date", "3", "1", "0", "0.750", "1.000", "0.857"]
    assert len({len(line) for line in lines}) == 1


def test_load_gold_fills_missing_sections_and_rejects_bad_types(tmp_path: Path) -> None:
    path = tmp_path / "x.gold.json"
    path.write_text(json.dumps({"entities": [{"type": "Person", "name": "吴金华"}]}), encoding="utf-8")
    assert load_gold(path)["relations"] == []
    path.write_text(json.dumps({"entities": [{"type": "Human", "name": "吴金华"}]}), encoding="utf-8")
    with pytest.raises(ValueError, match="Human"):
        load_gold(path)


# ---------------------------------------------------------------- invariants


def gold_as_prediction(gold: dict[str, Any], doc_id: str = DOC_ID) -> DocumentRecord:
    """The gold written as a `DocumentRecord`, to check that a perfect prediction scores perfectly."""
    ids = {e["name"]: f"e{i}" for i, e in enumerate(gold["entities"])}
    figure_ids = {f["text"]: f"fig{i}" for i, f in enumerate(gold["figures"])}
    relations = []
    for rel in gold["relations"]:
        target: str | None
        if rel["type"] == "HAS_FIGURE":
            target = figure_ids[rel["target"]]
        else:
            target = ids[rel["target"]] if rel.get("target") is not None else None
        relations.append((rel["type"], ids[rel["source"]], target, rel.get("properties", {})))
    return record(
        entities=[(ids[e["name"]], e["type"], e["name"], e.get("aliases", [])) for e in gold["entities"]],
        dates=[(d["text"], d["value"], d.get("end_value")) for d in gold["dates"]],
        figures=[(f["text"], f["value"], f["unit"], f.get("subject")) for f in gold["figures"]],
        relations=relations,
    )


def test_gold_scored_against_itself_is_perfect() -> None:
    for category, prf in score_document(GOLD, gold_as_prediction(GOLD)).items():
        assert (prf.fp, prf.fn) == (0, 0), category


NAMES = st.text(alphabet="市委组织部平湖镇村吴金华“”《》 ", min_size=1, max_size=6)
ENTITY_ROWS = st.lists(
    st.tuples(st.sampled_from(["Person", "Organization", "Place"]), NAMES, st.lists(NAMES, max_size=2)),
    max_size=8,
)
DATE_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["12月20日", "12月", "2021年", "今年"]), st.sampled_from(["2021", "2021-12-20"])
    ),
    max_size=6,
)


@given(ENTITY_ROWS, ENTITY_ROWS, DATE_ROWS, DATE_ROWS)
def test_counts_account_for_every_item(gold_rows, pred_rows, gold_dates, pred_dates) -> None:  # type: ignore[no-untyped-def]
    """tp + fn = gold items and tp + fp = predicted items, per category, whatever the names."""
    gold = {
        "entities": [{"type": t, "name": n, "aliases": a} for t, n, a in gold_rows],
        "dates": [{"text": x, "value": v, "end_value": None} for x, v in gold_dates],
    }
    prediction = record(
        entities=[(f"e{i}", t, n, a) for i, (t, n, a) in enumerate(pred_rows)],
        dates=[(x, v, None) for x, v in pred_dates],
    )
    scores = score_document(gold, prediction)
    for entity_type in ("Person", "Organization", "Place"):
        s = scores[entity_type]
        assert s.tp + s.fn == sum(1 for t, _, _ in gold_rows if t == entity_type)
        assert s.tp + s.fp == sum(1 for t, _, _ in pred_rows if t == entity_type)
        assert 0.0 <= s.f1 <= 1.0
    assert scores["Date"].tp + scores["Date"].fn == len(gold_dates)
    assert scores["Date"].tp + scores["Date"].fp == len(pred_dates)


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50)), max_size=6))
def test_merge_is_order_free_and_sums(rows: list[tuple[int, int, int]]) -> None:
    docs = [{"Person": PRF(*row)} for row in rows]
    merged = merge(docs)
    assert merge(reversed(docs)) == merged
    expected = PRF(sum(r[0] for r in rows), sum(r[1] for r in rows), sum(r[2] for r in rows))
    assert merged.get("Person", PRF(0, 0, 0)) == expected


# ---------------------------------------------------------------- the gold files themselves


def joined_seed(gold_path: Path) -> str:
    stem = gold_path.name.removesuffix(".gold.json")
    return "".join((ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8").split())


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=[p.name for p in GOLD_FILES])
def test_gold_file_is_consistent(gold_path: Path) -> None:
    """Gold texts occur in the joined seed, relations name gold entities, and gold scores perfectly."""
    gold = load_gold(gold_path)
    text = joined_seed(gold_path)
    for item in (*gold["dates"], *gold["figures"]):
        assert "".join(item["text"].split()) in text, item
    names = {e["name"] for e in gold["entities"]}
    assert len(names) == len(gold["entities"]), "duplicate canonical names"
    figure_texts = {f["text"] for f in gold["figures"]}
    for rel in gold["relations"]:
        assert rel["type"] in RELATION_TYPES, rel
        assert rel["source"] in names, rel
        if rel["type"] == "HAS_FIGURE":
            assert rel["target"] in figure_texts, rel
        elif rel["type"] == "AUTHORED":
            assert rel["target"] is None, rel
        elif rel["type"] == "STARTED":  # a programme with a date; no target entity
            assert rel.get("target") is None or rel["target"] in names, rel
        else:
            assert rel["target"] in names, rel
    for category, prf in score_document(gold, gold_as_prediction(gold)).items():
        assert (prf.fp, prf.fn) == (0, 0), category


def test_implied_entities_count_when_gold_has_them_and_are_no_false_positives() -> None:
    """An entity with no mention (an ancestor place from the division dataset) is scored leniently."""
    gold = {
        "document": {"source": f"seeds/{DOC_ID}.txt"},
        "entities": [{"type": "Place", "name": "平湖市", "aliases": []}],
        "relations": [],
    }
    prediction = DocumentRecord(
        document=DocumentInfo(id=DOC_ID, source=f"seeds/{DOC_ID}.txt"),
        entities=[
            Entity(id="p1", type="Place", name="平湖市"),
            Entity(id="p2", type="Place", name="嘉兴市"),
            Entity(id="p3", type="Place", name="浙江省", mentions=[Span(start=0, end=3, text="浙江省")]),
        ],
    )
    place = score_document(gold, prediction)["Place"]
    assert (place.tp, place.fp, place.fn) == (1, 1, 0)
    strict = score_document(gold, prediction, count_implied=True)["Place"]
    assert (strict.tp, strict.fp, strict.fn) == (1, 2, 0)  # 嘉兴市, without a mention, counts too
