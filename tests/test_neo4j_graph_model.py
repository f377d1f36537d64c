"""cadregraph.graph.model, the store-agnostic graph model (no server needed): vocabulary checks, identities,
provenance, determinism, and the merge rules both stores rely on."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from cadregraph.graph.model import (
    NODE_LABELS,
    REL_TYPES,
    Evidence,
    ModelError,
    check_label,
    check_rel_type,
    evidence_from_props,
    evidence_to_props,
    expected_graph,
    graph_rows,
    group_contributions,
    merge_graphs,
    merge_node_props,
    merge_rel_props,
    property_value,
    without_documents,
)
from cadregraph.schemas import RELATION_SPEC, RELATION_TYPES, DocumentRecord, Relation, Span

DOC = "pinghu-20211221-c2"


def span(text: str, start: int) -> dict[str, Any]:
    return {"start": start, "end": start + len(text), "text": text}


def make(**parts: Any) -> DocumentRecord:
    document = {
        "id": DOC,
        "source": "seeds/x.txt",
        "title": "平湖新闻",
        "date": "2021-12-21",
        "date_source": "given",
    }
    return DocumentRecord.model_validate({"document": document, **parts})


WU: dict[str, Any] = {
    "id": "Person:吴金华",
    "type": "Person",
    "name": "吴金华",
    "mentions": [span("吴金华", 40)],
}
DEPT: dict[str, Any] = {
    "id": "Organization:平湖市委组织部",
    "type": "Organization",
    "name": "平湖市委组织部",
    "aliases": ["市委组织部", "平湖市委组织部"],
    "mentions": [span("市委组织部", 60), span("平湖市委组织部", 10), span("市委组织部", 60)],
}
PROGRAMME: dict[str, Any] = {
    "id": "Programme:铁军打造工程",
    "type": "Programme",
    "name": "铁军打造工程",
    "aliases": ["铁军打造"],
}


def relation(kind: str, source: str, target: str | None, start: int = 0, **props: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "source": source,
        "target": target,
        "properties": props,
        "evidence": span("据悉", start),
    }


def test_vocabulary_is_closed() -> None:
    assert NODE_LABELS == ("Document", "Person", "Organization", "Place", "Programme", "Event", "Figure")
    assert (*RELATION_TYPES, "MENTIONS") == REL_TYPES
    assert check_label("Person") == "Person"
    for bad in ("person", "Person) DETACH DELETE n //", ""):
        with pytest.raises(ModelError):
            check_label(bad)
    with pytest.raises(ModelError):
        check_rel_type("LEADS]->() DELETE r //")


def test_rows_hold_identity_properties_and_provenance() -> None:
    graph = graph_rows(
        make(
            entities=[WU, DEPT, PROGRAMME],
            figures=[
                {
                    "id": "fig-826",
                    "text": "826名干部",
                    "start": 90,
                    "end": 96,
                    "value": 826,
                    "unit": "名",
                    "subject": "干部",
                },
                {
                    "text": "14批次",
                    "start": 120,
                    "end": 124,
                    "value": 14,
                    "unit": "批次",
                    "approximate": True,
                },
            ],
            relations=[
                relation("HOLDS_POSITION", WU["id"], DEPT["id"], 40, title="组织部长"),
                relation("HOLDS_POSITION", WU["id"], DEPT["id"], 30, title="市委常委"),
                relation("HOLDS_POSITION", WU["id"], DEPT["id"], 50, title="组织部长"),
                relation("HAS_FIGURE", PROGRAMME["id"], "fig-826", 88),
                relation("STARTED", PROGRAMME["id"], None, 5, date="2017"),
                relation("AUTHORED", WU["id"], None, 0, role="记者"),
                relation("RUNS", DEPT["id"], "Programme:不存在", 70),
            ],
        )
    )
    nodes = {row.node_id: row.props for row in graph.nodes}
    assert nodes[("Document", DOC)] == {
        "name": "平湖新闻",
        "aliases": [],
        "docs": [DOC],
        "source": "seeds/x.txt",
        "title": "平湖新闻",
        "date": "2021-12-21",
        "date_source": "given",
    }
    assert nodes[("Organization", DEPT["id"])] == {
        "name": "平湖市委组织部",
        "aliases": ["市委组织部"],
        "docs": [DOC],
    }
    assert nodes[("Figure", "fig-826")]["value"] == 826 and nodes[("Figure", "fig-826")]["subject"] == "干部"
    derived = nodes[("Figure", f"figure:{DOC}:120")]
    assert derived["approximate"] is True and "subject" not in derived

    rels = {row.rel_id: row.props for row in graph.rels}
    holds = {key: props for key, props in rels.items() if key[0] == "HOLDS_POSITION"}
    assert sorted(key[5] for key in holds) == ["市委常委", "组织部长"]  # two titles, two relationships
    chief = holds[("HOLDS_POSITION", "Person", WU["id"], "Organization", DEPT["id"], "组织部长")]
    assert chief["evidence_starts"] == [40, 50]
    assert chief["evidence_docs"] == [DOC, DOC]
    assert [item.start for item in evidence_from_props(chief)] == [40, 50]
    assert chief["title"] == "组织部长" and chief["docs"] == [DOC] and chief["confidence"] == 1.0
    assert ("AUTHORED", "Person", WU["id"], "Document", DOC, "") in rels  # a byline: wrote this document
    assert graph.null_target == 0  # STARTED without a target becomes the programme's `started` date
    assert graph.unresolved == 1  # RUNS to an id the record does not define
    mentions = rels[("MENTIONS", "Document", DOC, "Organization", DEPT["id"], "")]
    assert mentions == {
        "docs": [DOC],
        "offsets": ["10-17", "60-65"],
        "texts": ["平湖市委组织部", "市委组织部"],
    }
    assert rels[("MENTIONS", "Document", DOC, "Programme", PROGRAMME["id"], "")]["offsets"] == []
    assert list(graph.rows_by_type()) == ["HOLDS_POSITION", "HAS_FIGURE", "AUTHORED", "MENTIONS"]
    assert [row.label for row in graph.nodes] == sorted(
        (row.label for row in graph.nodes), key=NODE_LABELS.index
    )


@pytest.mark.parametrize(
    "parts",
    [
        {"entities": [WU, {**DEPT, "id": WU["id"]}]},  # one id, two labels
        {
            "entities": [WU],
            "figures": [{"id": WU["id"], "text": "3人", "start": 1, "end": 3, "value": 3, "unit": "人"}],
        },
    ],
)
def test_invalid_records_are_refused(parts: dict[str, Any]) -> None:
    with pytest.raises(ModelError):
        graph_rows(make(**parts))


@pytest.mark.parametrize("rel_type", ["KNOWS", "MENTIONS"])
def test_relation_types_outside_the_list_are_refused_by_the_schema_and_the_model(rel_type: str) -> None:
    with pytest.raises(ValidationError):
        make(relations=[relation(rel_type, WU["id"], DEPT["id"])], entities=[WU, DEPT])
    record = make(entities=[WU, DEPT])
    smuggled = Relation.model_construct(
        type=rel_type,
        source=WU["id"],
        target=DEPT["id"],
        properties={},
        evidence=Span(start=0, end=2, text="据悉"),
    )
    with pytest.raises(ModelError):
        graph_rows(record.model_copy(update={"relations": [smuggled]}))


def test_entity_type_outside_the_list_is_refused_even_when_validation_was_skipped() -> None:
    record = make(entities=[WU])
    record.entities[0] = record.entities[0].model_copy(update={"type": "Person`) DETACH DELETE n //"})
    with pytest.raises(ModelError):
        graph_rows(record)


def test_property_values_are_storable() -> None:
    assert property_value("组织部长") == "组织部长"
    assert property_value([1, 2]) == [1, 2]
    assert property_value([1, 2.5]) == [1.0, 2.5]
    assert property_value(float("nan")) is None
    assert property_value(None) is None
    assert json.loads(str(property_value({"机构": "组织部"}))) == {"机构": "组织部"}
    assert json.loads(str(property_value(["a", 1]))) == ["a", 1]


def test_merge_rules() -> None:
    a = {"name": "平湖市委组织部", "aliases": ["市委组织部"], "docs": ["a"]}
    b = {"name": "平湖市委组织部", "aliases": ["组织部"], "docs": ["b"]}
    c = {"name": "市委组织部", "aliases": [], "docs": ["c"]}
    assert merge_node_props([c, b, a]) == {
        "name": "平湖市委组织部",  # two documents against one
        "aliases": ["市委组织部", "组织部"],
        "docs": ["a", "b", "c"],
    }
    tie = merge_node_props(
        [{"name": "乙", "aliases": [], "docs": ["x"]}, {"name": "甲", "aliases": [], "docs": ["y"]}]
    )
    assert tie["name"] == min("乙", "甲") and tie["aliases"] == [max("乙", "甲")]
    ev_a = evidence_to_props([Evidence("a", 5, 7, "据悉")])
    ev_b = evidence_to_props([Evidence("b", 1, 3, "据悉"), Evidence("b", 9, 11, "另悉")])
    merged = merge_rel_props(
        [
            {"docs": ["b"], **ev_b, "confidence": 0.9, "role": "主持"},
            {"docs": ["a"], **ev_a, "confidence": 0.6, "role": "出席"},
        ]
    )
    assert merged == {
        "docs": ["a", "b"],
        "evidence_docs": ["a", "b", "b"],
        "evidence_starts": [5, 1, 9],
        "evidence_ends": [7, 3, 11],
        "evidence_texts": ["据悉", "据悉", "另悉"],
        "confidence": 0.9,
        "role": "出席",
    }
    assert without_documents([{**a, "docs": ["a", "b"]}, c], {"a"}) == [{**a, "docs": ["b"]}, c]


# --- properties over generated records ------------------------------------------------------------

NAMES = [("Person", "吴金华"), ("Person", "姚怡琴"), ("Organization", "平湖市委组织部"), ("Programme", "铁军打造工程"),
         ("Place", "新仓镇"), ("Event", "全市组织工作会议")]  # fmt: skip


@st.composite
def records(draw: st.DrawFn, doc_id: str = DOC) -> DocumentRecord:
    chosen = draw(st.lists(st.sampled_from(NAMES), min_size=1, unique=True))
    entities = [
        {
            "id": f"{kind}:{name}",
            "type": kind,
            "name": name,
            "aliases": draw(st.lists(st.sampled_from([name[:2], name[-2:], "简称"]), unique=True)),
            "mentions": [span(name, start) for start in draw(st.lists(st.integers(0, 500), max_size=3))],
        }
        for kind, name in chosen
    ]
    labels = {str(entity["id"]): str(entity["type"]) for entity in entities} | {doc_id: "Document"}
    relations = []
    for _ in range(draw(st.integers(0, 6))):
        # Ends the specification allows for the type, or an id the record does not define.
        rel_type = draw(st.sampled_from(["HOLDS_POSITION", "LEADS", "PART_OF", "AUTHORED", "STARTED"]))
        sources = [key for key, label in labels.items() if label in RELATION_SPEC[rel_type].source]
        source = draw(st.sampled_from([*sources, "undefined:id"]))
        targets = [
            key
            for key, label in labels.items()
            if source not in labels or RELATION_SPEC.allows(rel_type, labels[source], label)
        ]
        relations.append(
            relation(
                rel_type,
                source,
                draw(st.one_of(st.none(), st.sampled_from([*targets, "undefined:id"]))),
                draw(st.integers(0, 500)),
                title=draw(st.sampled_from(["组织部长", "书记", " 书记 "])),
                date="2021",
            )
        )
    document = {"id": doc_id, "source": f"seeds/{doc_id}.txt", "title": draw(st.sampled_from(["要闻", None]))}
    return DocumentRecord.model_validate({"document": document, "entities": entities, "relations": relations})


@settings(max_examples=200)
@given(record=records(), seed=st.integers(0, 2**32))
def test_rows_are_consistent_and_independent_of_list_order(record: DocumentRecord, seed: int) -> None:
    graph = graph_rows(record)
    node_ids = {row.node_id for row in graph.nodes}
    assert len(node_ids) == len(graph.nodes)
    assert len({row.rel_id for row in graph.rels}) == len(graph.rels)
    for row in graph.rels:
        assert row.type in REL_TYPES
        assert (row.start_label, row.start_key) in node_ids and (row.end_label, row.end_key) in node_ids
        assert row.props["docs"] == [DOC]
        assert all(item.doc == DOC for item in evidence_from_props(row.props))
    assert all(row.label in NODE_LABELS and row.props["docs"] == [DOC] for row in graph.nodes)
    drawn = sum(1 for row in graph.rels if row.type != "MENTIONS")
    assert drawn + graph.null_target + graph.unresolved <= len(record.relations)

    shuffled = record.model_copy(deep=True)
    rng = random.Random(seed)
    rng.shuffle(shuffled.entities)
    rng.shuffle(shuffled.relations)
    for entity in shuffled.entities:
        rng.shuffle(entity.mentions)
        rng.shuffle(entity.aliases)
    again = graph_rows(shuffled)
    assert again == graph and again.digest == graph.digest


@settings(max_examples=100)
@given(first=records("doc-a"), second=records("doc-b"), third=records("doc-c"), replaced=records("doc-a"))
def test_expected_graph_is_a_function_of_the_set_of_latest_records(
    first: DocumentRecord, second: DocumentRecord, third: DocumentRecord, replaced: DocumentRecord
) -> None:
    reference = expected_graph([first, second, third])
    assert expected_graph([third, first, second]) == reference
    assert expected_graph([first, second, third, replaced]) == expected_graph([second, third, replaced])
    assert all(props["docs"] == sorted(set(props["docs"])) for props in reference.nodes.values())
    # Grouping equal contributions (what the stores keep) never changes what the merge shows.
    contributions = [graph_rows(r) for r in (first, second, third)]
    merged = merge_graphs(contributions)
    assert merged == reference
    for node_id in merged.nodes:
        parts = [row.props for g in contributions for row in g.nodes if row.node_id == node_id]
        assert merge_node_props(group_contributions(parts)) == merged.nodes[node_id]
    for rel_id in merged.rels:
        parts = [row.props for g in contributions for row in g.rels if row.rel_id == rel_id]
        assert merge_rel_props(group_contributions(parts)) == merged.rels[rel_id]


def test_started_dates_go_to_the_programme_node() -> None:
    """STARTED has no target: its date is kept on the programme as `started`, not counted as dropped."""
    record = make(
        entities=[PROGRAMME],
        relations=[
            relation("STARTED", PROGRAMME["id"], None, 5, date="2017"),
            relation("STARTED", PROGRAMME["id"], None, 9, date="2021-03"),
        ],
    )
    graph = graph_rows(record)
    (programme,) = [row for row in graph.nodes if row.label == "Programme"]
    assert programme.props["started"] == ["2017", "2021-03"]
    assert graph.null_target == 0
    assert not [row for row in graph.rels if row.type == "STARTED"]


def test_two_roles_at_one_meeting_are_two_relationships() -> None:
    """ATTENDED is keyed on the role the extractor writes: 主持 and 出席 between the same person and meeting
    are two facts; keyed on a `title` it never writes, the graph kept one edge and lost 出席."""
    meeting = {"id": "Event:全市组织工作会议", "type": "Event", "name": "全市组织工作会议"}
    record = make(
        entities=[WU, meeting],
        relations=[
            relation("ATTENDED", WU["id"], meeting["id"], 5, role="主持"),
            relation("ATTENDED", WU["id"], meeting["id"], 9, role="出席"),
        ],
    )
    attended = [row for row in graph_rows(record).rels if row.type == "ATTENDED"]
    assert sorted(row.props["role"] for row in attended) == ["主持", "出席"]


def test_one_documents_relationship_rows_are_already_merged() -> None:
    """The loader writes a relationship one document supports as that document's row, without the
    merge (cadregraph.graph.neo4j_store.rel_write_props): true only if the merge of one row is the row itself."""
    from cadregraph.graph.neo4j_store import rel_write_props
    from cadregraph.pipeline.bench_loader import synthetic_record, vocabulary

    rng = random.Random(5)
    vocab = vocabulary(rng)
    golden = Path(__file__).parent / "data" / "golden" / "seeds.jsonl"
    lines = golden.read_text(encoding="utf-8").splitlines()
    graphs = [graph_rows(DocumentRecord.model_validate_json(line)) for line in lines if line.strip()]
    graphs += [graph_rows(synthetic_record(i, vocab, rng)) for i in range(20)]
    rows = [rel for graph in graphs for rel in graph.rels]
    assert len(rows) > 1000 and any(len(rel.props.get("evidence_docs", [])) > 1 for rel in rows)
    for rel in rows:
        assert merge_rel_props([rel.props]) == rel.props
        written = rel_write_props(rel.rel_id, [rel.props])
        assert written == {**merge_rel_props([rel.props]), "rel_key": rel.rel_key, "_contrib": None}
