"""Neo4jStore against a real Neo4j server (make neo4j-start): schema, idempotency, replace,
delete, hostile text, full-text search, atomicity, concurrency, and order/batch independence.

Records are built by hand with the pydantic models, in the genre: county-level party and government
news (平湖, organisation department, programmes, figures)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j.exceptions import Neo4jError
from pydantic import ValidationError

from cadregraph.graph.model import (
    ENTITY_LABELS,
    NODE_LABELS,
    REL_TYPES,
    DocumentGraph,
    ModelError,
    expected_graph,
    graph_rows,
    merge_graphs,
)
from cadregraph.graph.neo4j_store import (
    LoadStats,
    Neo4jStore,
    StoreUnavailable,
    _apply_document,
    _apply_group,
    _encode_contribs,
)
from cadregraph.schemas import RELATION_SPEC, DocumentRecord, Relation, Span

pytestmark = pytest.mark.neo4j

DOC_A = "pinghu-20211221-c2"
DOC_B = "pinghu-20201230-b4"


def entity(kind: str, name: str, aliases: Sequence[str] = (), at: Sequence[int] = ()) -> dict[str, Any]:
    return {
        "id": f"{kind}:{name}",
        "type": kind,
        "name": name,
        "aliases": list(aliases),
        "mentions": [{"start": start, "end": start + len(name), "text": name} for start in at],
    }


def rel(
    kind: str,
    source: str,
    target: str | None,
    text: str,
    start: int,
    confidence: float = 0.9,
    **properties: Any,
) -> dict[str, Any]:
    return {
        "type": kind,
        "source": source,
        "target": target,
        "properties": properties,
        "evidence": {"start": start, "end": start + len(text), "text": text},
        "confidence": confidence,
    }


def record(doc_id: str, title: str, date: str, **parts: Any) -> DocumentRecord:
    return DocumentRecord.model_validate(
        {
            "document": {
                "id": doc_id,
                "source": f"seeds/{doc_id}.txt",
                "title": title,
                "date": date,
                "date_source": "given",
            },
            **parts,
        }
    )


WU = "Person:吴金华"
ORG_DEPT = "Organization:平湖市委组织部"
PARTY_CTTEE = "Organization:中共平湖市委"
PROGRAMME = "Programme:铁军打造工程"
XINCANG = "Place:新仓镇"
ZONE = "Organization:平湖经济技术开发区"
YAO = "Person:姚怡琴"
PINGHU = "Place:平湖市"
MEETING = "Event:全市组织工作会议"


def record_a() -> DocumentRecord:
    return record(
        DOC_A,
        "平湖:“铁军打造”工程锻造担当干部",
        "2021-12-21",
        entities=[
            entity("Person", "吴金华", at=[120]),
            entity("Organization", "平湖市委组织部", ["市委组织部"], at=[101, 340]),
            entity("Organization", "中共平湖市委", ["平湖市委"], at=[90]),
            entity("Programme", "铁军打造工程", ["“铁军打造”工程", "铁军打造"], at=[12, 210]),
            entity("Place", "新仓镇", at=[260]),
            {"id": "Person:沈洁", "type": "Person", "name": "沈洁", "mentions": []},
        ],
        figures=[
            {
                "id": f"figure:{DOC_A}:300",
                "text": "826名干部",
                "start": 300,
                "end": 306,
                "value": 826,
                "unit": "名",
                "subject": "干部",
            },
            {"text": "14批次", "start": 320, "end": 324, "value": 14, "unit": "批次"},
        ],
        relations=[
            rel("HOLDS_POSITION", WU, ORG_DEPT, "市委常委、组织部长吴金华", 110, 0.95, title="组织部长"),
            rel("HOLDS_POSITION", WU, PARTY_CTTEE, "市委常委、组织部长吴金华", 110, 0.9, title="市委常委"),
            rel("RUNS", ORG_DEPT, PROGRAMME, "市委组织部实施“铁军打造”工程", 200),
            rel("HAS_FIGURE", PROGRAMME, f"figure:{DOC_A}:300", "累计选派826名干部", 296),
            rel("HAS_FIGURE", PROGRAMME, f"figure:{DOC_A}:320", "分14批次", 319),
            rel("LOCATED_IN", PROGRAMME, XINCANG, "在新仓镇试点", 258),
            rel("STARTED", PROGRAMME, None, "2017年启动", 230, date="2017"),
            rel("AUTHORED", "Person:沈洁", None, "记者 沈洁", 0, 1.0, role="记者"),
        ],
    )


def record_b() -> DocumentRecord:
    return record(
        DOC_B,
        "平湖经开:在最基层“熔炉”铸铁军",
        "2020-12-30",
        entities=[
            entity("Person", "吴金华", at=[40]),
            entity("Organization", "平湖市委组织部", ["组织部"], at=[30]),
            entity("Organization", "平湖经济技术开发区", ["平湖经开", "经开"], at=[60, 400]),
            entity("Person", "姚怡琴", ["姚主任"], at=[520]),
            entity("Place", "平湖市", at=[10]),
        ],
        relations=[
            rel("HOLDS_POSITION", WU, ORG_DEPT, "市委组织部部长吴金华", 30, 0.8, title="组织部长"),
            rel("LEADS", YAO, ZONE, "开发区党建办主任姚怡琴", 505, 0.7, title="主任"),
            rel("PART_OF", ZONE, PINGHU, "平湖经济技术开发区", 60),
            rel("HOLDS_POSITION", YAO, "Organization:不存在的单位", "ghost", 1, title="主任"),
            rel("MENTORS", "Person:不存在", YAO, "师傅带徒弟", 600),
        ],
    )


def record_a_changed() -> DocumentRecord:
    """A corrected version of A: programme, figures, place and one title gone, an event added."""
    return record(
        DOC_A,
        "平湖:全市组织工作会议召开",
        "2021-12-21",
        entities=[
            entity("Person", "吴金华", at=[120]),
            entity("Organization", "平湖市委组织部", at=[101]),
            entity("Event", "全市组织工作会议", at=[5]),
        ],
        relations=[
            rel("HOLDS_POSITION", WU, ORG_DEPT, "组织部长吴金华出席会议", 112, 0.6, title="组织部长"),
            rel("ATTENDED", WU, MEETING, "吴金华出席全市组织工作会议", 118, title="组织部长", role="出席"),
        ],
    )


def node_props(store: Neo4jStore, label: str, key: str) -> dict[str, Any] | None:
    assert label in NODE_LABELS
    rows = store.run_read(f"MATCH (n:{label} {{key: $key}}) RETURN properties(n) AS p", {"key": key})
    return rows[0]["p"] if rows else None


def total_nodes(store: Neo4jStore) -> int:
    return int(store.run_read("MATCH (n) RETURN count(n) AS c")[0]["c"])


# --- schema ----------------------------------------------------------------------------------------


def test_schema_has_key_constraints_name_indexes_and_cjk_fulltext(neo4j_store: Neo4jStore) -> None:
    neo4j_store.ensure_schema()  # a second time: IF NOT EXISTS keeps it idempotent
    constraints = neo4j_store.run_read(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties RETURN type, labelsOrTypes, properties"
    )
    unique_keys = {
        row["labelsOrTypes"][0]
        for row in constraints
        if row["type"] == "UNIQUENESS" and row["properties"] == ["key"]
    }
    assert unique_keys == set(NODE_LABELS)

    indexes = neo4j_store.run_read(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options, state "
        "RETURN name, type, labelsOrTypes, properties, options, state"
    )
    assert all(row["state"] == "ONLINE" for row in indexes)
    name_indexed = {
        row["labelsOrTypes"][0] for row in indexes if row["type"] == "RANGE" and row["properties"] == ["name"]
    }
    assert name_indexed == set(NODE_LABELS)
    fulltext = [row for row in indexes if row["type"] == "FULLTEXT"]
    assert len(fulltext) == 1
    assert set(fulltext[0]["labelsOrTypes"]) == set(ENTITY_LABELS)
    assert fulltext[0]["properties"] == ["name", "aliases"]
    assert fulltext[0]["options"]["indexConfig"]["fulltext.analyzer"] == "cjk"


# --- load, idempotency ----------------------------------------------------------------------------


def test_load_matches_model_and_counts(neo4j_store: Neo4jStore) -> None:
    stats = neo4j_store.load([record_a(), record_b()])
    assert stats.documents_added == 2
    # STARTED goes to the programme's `started` dates, AUTHORED's null means "this document"
    assert stats.relations_null_target == 0
    assert stats.relations_unresolved == 2  # B names two ids it does not define
    assert neo4j_store.dump() == expected_graph([record_a(), record_b()])

    counts = neo4j_store.counts()
    assert set(counts) == set(NODE_LABELS) | set(REL_TYPES)
    assert counts["Document"] == 2
    assert counts["Person"] == 3  # 吴金华 shared, 沈洁, 姚怡琴
    assert counts["Organization"] == 3
    assert counts["Figure"] == 2
    assert counts["HOLDS_POSITION"] == 2  # 组织部长 (both documents) and 市委常委 are two relationships
    assert counts["HAS_FIGURE"] == 2
    assert counts["AUTHORED"] == 1
    assert counts["MENTIONS"] == 6 + 2 + 5

    wu = node_props(neo4j_store, "Person", WU)
    assert wu is not None and wu["docs"] == sorted([DOC_A, DOC_B])
    dept = node_props(neo4j_store, "Organization", ORG_DEPT)
    assert dept is not None and dept["aliases"] == ["市委组织部", "组织部"]
    figure = node_props(neo4j_store, "Figure", f"figure:{DOC_A}:300")
    assert figure is not None
    assert (figure["value"], figure["unit"], figure["subject"], figure["approximate"]) == (
        826,
        "名",
        "干部",
        False,
    )
    assert node_props(neo4j_store, "Figure", f"figure:{DOC_A}:320") is not None  # derived id

    shared = neo4j_store.run_read(
        "MATCH (:Person {key: $wu})-[r:HOLDS_POSITION {rel_key: '组织部长'}]->(:Organization {key: $org}) "
        "RETURN r.docs AS docs, r.evidence_texts AS evidence, r.confidence AS confidence",
        {"wu": WU, "org": ORG_DEPT},
    )
    assert len(shared) == 1
    assert shared[0]["docs"] == sorted([DOC_A, DOC_B])
    assert shared[0]["confidence"] == 0.95
    assert len(shared[0]["evidence"]) == 2
    mentions = neo4j_store.run_read(
        "MATCH (:Document {key: $doc})-[m:MENTIONS]->(:Organization {key: $org}) RETURN m.offsets AS o, m.texts AS t",
        {"doc": DOC_A, "org": ORG_DEPT},
    )
    assert mentions == [{"o": ["101-108", "340-347"], "t": ["平湖市委组织部", "平湖市委组织部"]}]


def test_evidence_is_stored_as_parallel_lists_cypher_indexes(neo4j_store: Neo4jStore) -> None:
    """Cypher reads a relationship's evidence by plain list indexing: the i-th document, offsets and
    sentence, in document order, for a relationship two documents support; no JSON strings are kept."""
    neo4j_store.load([record_b(), record_a()])
    rows = neo4j_store.run_read(
        "MATCH (:Person {key: $wu})-[r:HOLDS_POSITION {rel_key: '组织部长'}]->(:Organization {key: $org}) "
        "RETURN r.evidence_texts[0] AS first_text, r.evidence_docs AS docs, r.evidence_starts AS starts, "
        "r.evidence_ends AS ends, r.evidence_texts AS texts, r.evidence AS json",
        {"wu": WU, "org": ORG_DEPT},
    )
    assert rows == [
        {
            "first_text": "市委组织部部长吴金华",
            "docs": [DOC_B, DOC_A],
            "starts": [30, 110],
            "ends": [30 + len("市委组织部部长吴金华"), 110 + len("市委常委、组织部长吴金华")],
            "texts": ["市委组织部部长吴金华", "市委常委、组织部长吴金华"],
            "json": None,
        }
    ]
    json_like = neo4j_store.run_read(
        "MATCH ()-[r]->() WHERE r.evidence IS NOT NULL "
        "OR any(t IN coalesce(r.evidence_texts, []) WHERE t STARTS WITH '{') RETURN count(r) AS n",
        {},
    )
    assert json_like == [{"n": 0}]


def no_leftover_locks(store: Neo4jStore) -> bool:
    rows = store.run_read("MATCH (n) WHERE n.`_lk` IS NOT NULL RETURN count(n) AS c")
    return rows == [{"c": 0}]


@pytest.mark.parametrize("docs_per_transaction", [1, 2])
def test_loading_twice_changes_nothing(neo4j_store: Neo4jStore, docs_per_transaction: int) -> None:
    neo4j_store.load([record_a(), record_b()])
    before_dump, before_counts = neo4j_store.dump(), neo4j_store.counts()
    stats = neo4j_store.load([record_b(), record_a()], docs_per_transaction=docs_per_transaction)
    assert stats.documents_unchanged == 2
    assert (stats.nodes_created, stats.nodes_updated, stats.rels_created, stats.rels_updated) == (0, 0, 0, 0)
    assert neo4j_store.dump() == before_dump
    assert neo4j_store.counts() == before_counts
    assert no_leftover_locks(neo4j_store)


def test_a_transaction_of_several_documents_equals_one_by_one(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load([record_a(), record_b()])
    # B is unchanged, A changes, and a record that appears twice counts in its last version.
    stats = neo4j_store.load([record_a(), record_b(), record_a_changed()], docs_per_transaction=3)
    assert (stats.documents_unchanged, stats.documents_replaced) == (1, 1)
    assert neo4j_store.dump() == expected_graph([record_b(), record_a_changed()])
    assert no_leftover_locks(neo4j_store)


# --- replace and delete ---------------------------------------------------------------------------


def test_reloading_a_changed_document_replaces_only_its_facts(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load([record_a(), record_b()])
    stats = neo4j_store.load([record_a_changed()])
    assert stats.documents_replaced == 1
    assert neo4j_store.dump() == expected_graph([record_b(), record_a_changed()])

    # Facts only the old A supported are gone ...
    for label, key in [
        ("Programme", PROGRAMME),
        ("Place", XINCANG),
        ("Organization", PARTY_CTTEE),
        ("Person", "Person:沈洁"),
        ("Figure", f"figure:{DOC_A}:300"),
        ("Figure", f"figure:{DOC_A}:320"),
    ]:
        assert node_props(neo4j_store, label, key) is None, key
    counts = neo4j_store.counts()
    assert counts["RUNS"] == counts["HAS_FIGURE"] == counts["LOCATED_IN"] == counts["AUTHORED"] == 0
    assert counts["HOLDS_POSITION"] == 1  # 组织部长, still supported by B and the new A
    assert counts["ATTENDED"] == 1

    # ... facts B supports stay, with A's old evidence replaced by the new one.
    shared = neo4j_store.run_read(
        "MATCH (:Person {key: $wu})-[r:HOLDS_POSITION {rel_key: '组织部长'}]->(:Organization {key: $org}) "
        "RETURN r.docs AS docs, r.evidence_docs AS evidence_docs, r.evidence_texts AS evidence_texts, "
        "r.confidence AS confidence",
        {"wu": WU, "org": ORG_DEPT},
    )
    assert shared[0]["docs"] == sorted([DOC_A, DOC_B])
    texts = [
        t for d, t in zip(shared[0]["evidence_docs"], shared[0]["evidence_texts"], strict=True) if d == DOC_A
    ]
    assert len(texts) == 1 and "组织部长吴金华出席会议" in texts[0]
    assert shared[0]["confidence"] == 0.8  # B's 0.8 now beats the new A's 0.6; old A's 0.95 is gone
    dept = node_props(neo4j_store, "Organization", ORG_DEPT)
    assert dept is not None and dept["aliases"] == ["组织部"]  # 市委组织部 came only from old A
    document = node_props(neo4j_store, "Document", DOC_A)
    assert document is not None and document["title"] == "平湖:全市组织工作会议召开"


SHARED = (
    "MATCH (:Person {key: $wu})-[r:HOLDS_POSITION {rel_key: '组织部长'}]->(:Organization {key: $org}) "
    "RETURN elementId(r) AS id, properties(r) AS props"
)


def test_adding_a_document_does_not_rewrite_a_relationship_others_support(neo4j_store: Neo4jStore) -> None:
    """B states A's 组织部长 too: B's write leaves that relationship as A wrote it (no read, no rewrite
    of A's evidence per document); the load's end recomputes it once from both documents' MENTIONS."""
    neo4j_store.load([record_a()])
    before = neo4j_store.run_read(SHARED, {"wu": WU, "org": ORG_DEPT})

    def write_b_only(tx: Any) -> None:
        _apply_group(tx, [graph_rows(record_b())], 100)

    neo4j_store._write(write_b_only)  # B written, the load's finishing step not run yet
    assert neo4j_store.run_read(SHARED, {"wu": WU, "org": ORG_DEPT}) == before
    assert before[0]["props"]["docs"] == [DOC_A]
    neo4j_store.load([])  # a later load finishes what a cut-off one left stale
    after = neo4j_store.run_read(SHARED, {"wu": WU, "org": ORG_DEPT})
    assert after[0]["props"]["docs"] == sorted([DOC_A, DOC_B])
    assert "_contrib" not in after[0]["props"]  # the contributions are on the MENTIONS, one per document
    mentions = neo4j_store.run_read(
        "MATCH (d:Document)-[m:MENTIONS]->(:Person {key: $wu}) RETURN d.key AS doc, m.`_r` AS rels ORDER BY doc",
        {"wu": WU},
    )
    for row in mentions:
        stated = json.loads(row["rels"])
        assert stated and {doc for *_, props in stated for doc in props["evidence_docs"]} == {row["doc"]}
    assert neo4j_store.dump() == expected_graph([record_a(), record_b()])
    assert no_leftover_locks(neo4j_store)


def test_a_graph_written_before_mentions_kept_relationships_still_replaces_exactly(
    neo4j_store: Neo4jStore,
) -> None:
    """A database loaded when each relationship kept its documents' contributions in `_contrib` (and
    MENTIONS had no `_r`) is still replaced and deleted exactly: those documents' shares are read there."""
    neo4j_store.load([record_a(), record_b()])
    parts: dict[Any, list[dict[str, Any]]] = {}
    for record in (record_a(), record_b()):
        for row in graph_rows(record).rels:
            parts.setdefault(row.rel_id, []).append(row.props)
    neo4j_store._write(lambda tx: tx.run("MATCH ()-[m:MENTIONS]->() REMOVE m.`_r`").consume())
    for rel_id, contributions in parts.items():
        if rel_id[0] != "MENTIONS" and len(contributions) > 1:
            neo4j_store._write(
                lambda tx, rel_id=rel_id, contributions=contributions: tx.run(
                    f"MATCH (a {{key: $start}})-[r:{rel_id[0]} {{rel_key: $rk}}]->(b {{key: $end}}) SET r.`_contrib` = $c",
                    start=rel_id[2],
                    rk=rel_id[5],
                    end=rel_id[4],
                    c=_encode_contribs(contributions),
                ).consume()
            )
    assert neo4j_store.run_read(SHARED, {"wu": WU, "org": ORG_DEPT})[0]["props"]["_contrib"]
    neo4j_store.load([record_a_changed()])
    assert neo4j_store.dump() == expected_graph([record_b(), record_a_changed()])
    neo4j_store.delete_document(DOC_B)
    assert neo4j_store.dump() == expected_graph([record_a_changed()])
    assert "_contrib" not in neo4j_store.run_read(SHARED, {"wu": WU, "org": ORG_DEPT})[0]["props"]


def test_delete_document(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load([record_a(), record_b()])
    stats = neo4j_store.delete_document(DOC_A)
    assert stats.documents_deleted == 1
    assert stats.nodes_deleted == 1 + 4 + 2  # document; 中共平湖市委, 铁军打造工程, 新仓镇, 沈洁; 2 figures
    assert neo4j_store.dump() == expected_graph([record_b()])
    wu = node_props(neo4j_store, "Person", WU)
    assert wu is not None and wu["docs"] == [DOC_B]

    assert neo4j_store.delete_document("no-such-document") == LoadStats()
    neo4j_store.delete_document(DOC_B)
    assert total_nodes(neo4j_store) == 0


def test_a_failing_transaction_leaves_no_half_document(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load([record_b()])
    before = neo4j_store.dump()

    class Boom(Exception):
        pass

    def write_then_fail(tx: Any) -> None:
        _apply_document(tx, DOC_A, graph_rows(record_a()), 3)  # real writes, several batches
        raise Boom

    with pytest.raises(Boom):
        neo4j_store._write(write_then_fail)
    assert neo4j_store.dump() == before


# --- hostile text ---------------------------------------------------------------------------------

HOSTILE = [
    "'}) DETACH DELETE n //",
    '"}) MATCH (m) DETACH DELETE m RETURN 1 //',
    "`) DETACH DELETE n WITH 1 AS x MATCH (m) DETACH DELETE m //",
    "$doc}) SET n.name = 'pwned' //",
    "\\'; MATCH (n) DETACH DELETE n; //",
]


def test_hostile_text_is_stored_verbatim_and_deletes_nothing(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load([record_b()])
    before = total_nodes(neo4j_store)
    hostile_doc = "doc'}) DETACH DELETE n //"
    entities = [
        {"id": f"Person:{name}", "type": "Person", "name": name, "aliases": [name[::-1]], "mentions": []}
        for name in HOSTILE
    ]
    relations = [
        rel("HOLDS_POSITION", f"Person:{HOSTILE[0]}", ORG_DEPT, HOSTILE[1], 0, title=HOSTILE[2]),
        {
            **rel("LEADS", f"Person:{HOSTILE[3]}", ORG_DEPT, HOSTILE[4], 5),
            "properties": {HOSTILE[0]: HOSTILE[1], "title": HOSTILE[3], "_contrib": "forged", "docs": ["x"]},
        },
    ]
    hostile = record(hostile_doc, HOSTILE[1], "2021-01-01", entities=entities, relations=relations)
    # ORG_DEPT must be defined in the hostile record too for HOLDS_POSITION and LEADS to resolve.
    hostile.entities.append(record_b().entities[1])
    neo4j_store.load([hostile])

    assert total_nodes(neo4j_store) == before + 1 + len(HOSTILE)
    for name in HOSTILE:
        props = node_props(neo4j_store, "Person", f"Person:{name}")
        assert props is not None and props["name"] == name and props["aliases"] == [name[::-1]]
    assert neo4j_store.dump() == expected_graph([record_b(), hostile])
    leads = neo4j_store.run_read(
        "MATCH (:Person {key: $key})-[r:LEADS]->() RETURN properties(r) AS p", {"key": f"Person:{HOSTILE[3]}"}
    )
    assert leads[0]["p"][HOSTILE[0]] == HOSTILE[1] and leads[0]["p"]["rel_key"] == HOSTILE[3]
    # Property names that would clash with the model's or the store's own are kept under prop_.
    assert leads[0]["p"]["prop__contrib"] == "forged" and leads[0]["p"]["prop_docs"] == ["x"]
    assert leads[0]["p"]["docs"] == [hostile_doc]
    found = neo4j_store.search_names(HOSTILE[1])
    assert [row["name"] for row in found][:1] == [HOSTILE[1]]

    neo4j_store.delete_document(hostile_doc)
    assert neo4j_store.dump() == expected_graph([record_b()])


def test_unknown_relation_type_is_refused_before_any_write(neo4j_store: Neo4jStore) -> None:
    hostile = rel("KNOWS]->() DETACH DELETE n //", WU, YAO, "x", 0)
    with pytest.raises(ValidationError):  # the schema refuses it first ...
        Relation.model_validate(hostile)
    # ... and a record built without validation is still refused by the model before any write
    bad = record_b().model_copy(deep=True)
    evidence = Span.model_validate(hostile["evidence"])
    bad.relations.append(Relation.model_construct(**{**hostile, "evidence": evidence}))
    with pytest.raises(ModelError):
        neo4j_store.load([bad])
    assert total_nodes(neo4j_store) == 0


def test_run_read_refuses_writes(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(Neo4jError):
        neo4j_store.run_read("CREATE (:Person {key: 'intruder', name: 'x'})")
    assert total_nodes(neo4j_store) == 0


# --- full-text ------------------------------------------------------------------------------------


def test_fulltext_finds_chinese_substrings_of_names_and_aliases(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load([record_a(), record_b()])
    assert ORG_DEPT in [row["key"] for row in neo4j_store.search_names("组织部")]
    # 经开 is not a substring of the name 平湖经济技术开发区, only of its aliases.
    assert [row["key"] for row in neo4j_store.search_names("经开")] == [ZONE]
    assert [row["key"] for row in neo4j_store.search_names("怡琴")] == [YAO]
    assert [row["key"] for row in neo4j_store.search_names("铁军打造")] == [PROGRAMME]
    assert neo4j_store.search_names("财政局") == []
    assert neo4j_store.search_names('组织部") OR name:(*') == []  # Lucene syntax is taken literally
    # Figures and documents are not entities: 826名干部 is not in the entity index.
    assert neo4j_store.search_names("干部") == []


# --- concurrency ----------------------------------------------------------------------------------


def test_concurrent_loaders_do_not_lose_contributions(neo4j_store: Neo4jStore) -> None:
    # Eight short reports that all mention the same department and person, loaded from 4 threads.
    records = [
        record(
            f"pinghu-2021-{day:02d}",
            f"组织工作简讯{day}",
            f"2021-03-{day:02d}",
            entities=[
                entity("Person", "吴金华", at=[day]),
                entity("Organization", "平湖市委组织部", [f"组织部{day}"], at=[20]),
            ],
            relations=[rel("HOLDS_POSITION", WU, ORG_DEPT, f"组织部长吴金华{day}", 10, title="组织部长")],
        )
        for day in range(1, 9)
    ]
    errors: list[BaseException] = []

    def worker(part: list[DocumentRecord]) -> None:
        try:
            neo4j_store.load(part)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(records[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert neo4j_store.dump() == expected_graph(records)


# --- errors ---------------------------------------------------------------------------------------


def test_wrong_password_is_one_clear_error(neo4j_session_store: Neo4jStore) -> None:
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(neo4j_session_store.uri, neo4j_session_store.user, "not-the-password")
    message = str(caught.value)
    assert "\n" not in message and "wrong password" in message and neo4j_session_store.uri in message


def test_stopped_server_is_one_clear_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on: what a stopped server looks like
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", "whatever", connection_timeout=2)
    message = str(caught.value)
    assert "\n" not in message and "not reachable" in message and "make neo4j-start" in message


def test_missing_password_is_one_clear_error(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    with pytest.raises(StoreUnavailable, match="NEO4J_PASSWORD is not set"):
        Neo4jStore.from_env(env_file=tmp_path / ".env")


# --- order and batch independence -----------------------------------------------------------------

PEOPLE = [("吴金华", ()), ("姚怡琴", ("姚主任",)), ("徐威", ("徐大哥",)), ("陆剑斌", ())]
ORGS = [
    ("平湖市委组织部", ("市委组织部", "组织部")),
    ("平湖经济技术开发区", ("平湖经开",)),
    ("钟埭街道党工委", ()),
]
PROGRAMMES = [("铁军打造工程", ("铁军打造",)), ("红色根脉强基工程", ())]
PLACES = [("平湖市", ()), ("新仓镇", ())]
VOCABULARY = (
    [("Person", name, aliases) for name, aliases in PEOPLE]
    + [("Organization", name, aliases) for name, aliases in ORGS]
    + [("Programme", name, aliases) for name, aliases in PROGRAMMES]
    + [("Place", name, aliases) for name, aliases in PLACES]
)
TITLES = ["组织部长", "市委常委", "主任", "副主任", "书记"]
FIGURES = [("826名干部", 826, "名", "干部"), ("14批次", 14, "批次", None), ("95%", 95, "%", None)]


@st.composite
def news_records(draw: st.DrawFn, doc_id: str) -> DocumentRecord:
    # Like county news, every report names the department and its head; the rest varies.
    regulars = [VOCABULARY[0], VOCABULARY[len(PEOPLE)]]
    others = draw(st.lists(st.sampled_from(VOCABULARY[1:]), max_size=5, unique=True))
    chosen = regulars + [entry for entry in others if entry not in regulars]
    entities = []
    for kind, name, aliases in chosen:
        kept_aliases = draw(st.lists(st.sampled_from(list(aliases)), unique=True)) if aliases else []
        starts = draw(st.lists(st.integers(0, 900), max_size=3))
        entities.append(entity(kind, name, kept_aliases, starts))
    figures = [
        {
            "text": text,
            "start": start,
            "end": start + len(text),
            "value": value,
            "unit": unit,
            "subject": subject,
        }
        for (text, value, unit, subject), start in draw(
            st.lists(
                st.tuples(st.sampled_from(FIGURES), st.integers(0, 900)), max_size=2, unique_by=lambda t: t[1]
            )
        )
    ]
    labels = {e["id"]: e["type"] for e in entities[:3]} | {
        f"figure:{doc_id}:{f['start']}": "Figure" for f in figures
    }
    relations = []
    # Few kinds, titles and ends, so that documents often state the same relationship; the ends are
    # ones the relation-type specification allows.
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(
            st.sampled_from(
                ["HOLDS_POSITION", "HOLDS_POSITION", "LEADS", "PART_OF", "HAS_FIGURE", "AUTHORED"]
            )
        )
        sources = [key for key, label in labels.items() if label in RELATION_SPEC[kind].source]
        if not sources:
            continue
        source = draw(st.sampled_from(sources))
        targets = [key for key, label in labels.items() if RELATION_SPEC.allows(kind, labels[source], label)]
        target = draw(st.one_of(st.none(), st.sampled_from(targets))) if targets else None
        props = {"title": draw(st.sampled_from(TITLES[:2]))} if kind in ("HOLDS_POSITION", "LEADS") else {}
        start = draw(st.integers(0, 900))
        relations.append(
            rel(
                kind,
                source,
                target,
                "据悉" * draw(st.integers(1, 3)),
                start,
                draw(st.sampled_from([0.5, 0.8, 1.0])),
                **props,
            )
        )
    return record(
        doc_id, f"平湖新闻{doc_id}", "2021-12-21", entities=entities, figures=figures, relations=relations
    )


@st.composite
def corpora(draw: st.DrawFn) -> list[DocumentRecord]:
    count = draw(st.integers(1, 5))
    return [draw(news_records(f"doc-{i}")) for i in range(count)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corpus=corpora(), data=st.data())
def test_any_order_and_batch_size_give_the_same_graph(
    neo4j_store: Neo4jStore, corpus: list[DocumentRecord], data: st.DataObject
) -> None:
    expected = expected_graph(corpus)
    for _ in range(2):
        order = data.draw(st.permutations(corpus), label="order")
        batch_size = data.draw(st.integers(1, 40), label="batch_size")
        per_transaction = data.draw(st.integers(1, 4), label="docs_per_transaction")
        neo4j_store.delete_all()
        neo4j_store.load(order, batch_size=batch_size, docs_per_transaction=per_transaction)
        assert neo4j_store.dump() == expected
    assert no_leftover_locks(neo4j_store)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_replace_and_delete_sequences_match_the_model(neo4j_store: Neo4jStore, data: st.DataObject) -> None:
    """Loads (alone or several per transaction) and deletes over a few document ids, in any
    sequence, end in the model's graph."""
    neo4j_store.delete_all()
    latest: dict[str, DocumentGraph] = {}
    batch_size = data.draw(st.integers(1, 30), label="batch_size")
    for _ in range(data.draw(st.integers(1, 5), label="steps")):
        doc_id = data.draw(st.sampled_from(["doc-0", "doc-1", "doc-2"]), label="doc")
        if data.draw(st.booleans(), label="delete?") and latest:
            neo4j_store.delete_document(doc_id, batch_size=batch_size)
            latest.pop(doc_id, None)
        else:
            ids = data.draw(st.lists(st.sampled_from(["doc-0", "doc-1", "doc-2"]), min_size=1, max_size=3))
            news = [data.draw(news_records(doc), label="record") for doc in ids]
            per_transaction = data.draw(st.integers(1, 3), label="docs_per_transaction")
            neo4j_store.load(news, batch_size=batch_size, docs_per_transaction=per_transaction)
            latest.update((new.document.id, graph_rows(new)) for new in news)
    assert neo4j_store.dump() == merge_graphs(latest.values())
    assert no_leftover_locks(neo4j_store)
