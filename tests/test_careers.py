"""Careers over time (issue 13, graph part): dated positions in both stores.

HOLDS_POSITION and LEADS carry `first_seen` / `last_seen`, the earliest and latest publication date of
the documents that state them, derived from the per-document contributions both stores keep; so the
dates follow every load, replace and delete exactly, on the networkx store and on a real Neo4j."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_local_store import entity_key, record_a, record_b, record_c

from graph.local_store import LocalStore
from graph.model import expected_graph
from schemas import DocumentRecord

WU = entity_key("Person", "吴金华")
DEPT = entity_key("Organization", "平湖市委组织部")
POST = ("HOLDS_POSITION", "Person", WU, "Organization", DEPT, "组织部长")
HEADS = ("LEADS", "Person", WU, "Organization", DEPT, "组织部长")


def dated(record: DocumentRecord, date: str | None) -> DocumentRecord:
    """The same document published on another day (or undated)."""
    document = record.document.model_copy(update={"date": date})
    return record.model_copy(update={"document": document})


def seen(store: Any, rel_id: tuple[str, ...]) -> tuple[Any, Any]:
    props = store.dump().rels[rel_id]
    return props.get("first_seen"), props.get("last_seen")


@pytest.fixture(params=["local", "neo4j"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "local":
        return LocalStore(tmp_path)
    request.applymarker(pytest.mark.neo4j)
    neo4j = request.getfixturevalue("neo4j_store")
    return neo4j


def test_positions_carry_the_dates_of_the_documents_that_state_them(store: Any) -> None:
    records = [record_a(), record_b(), record_c()]  # 组织部长 in hand-a (2021-12-20) and hand-b (2022-03-05)
    store.load(records)
    assert store.dump() == expected_graph(records)
    assert seen(store, POST) == ("2021-12-20", "2022-03-05")
    assert seen(store, HEADS) == ("2021-12-20", "2021-12-20")  # LEADS only in hand-a
    assert (
        "first_seen"
        not in store.dump().rels[
            ("PART_OF", "Place", entity_key("Place", "平湖市"), "Place", entity_key("Place", "嘉兴市"), "")
        ]
    )


def test_deleting_the_latest_document_moves_last_seen_back(store: Any) -> None:
    store.load([record_a(), record_b()])
    store.delete_document("hand-b")
    assert seen(store, POST) == ("2021-12-20", "2021-12-20")
    store.load([record_b()])
    assert seen(store, POST) == ("2021-12-20", "2022-03-05")
    store.delete_document("hand-a")
    assert seen(store, POST) == ("2022-03-05", "2022-03-05")
    assert HEADS not in store.dump().rels


def test_reloading_a_document_with_another_date_moves_the_dates(store: Any) -> None:
    store.load([record_a(), record_b()])
    earlier = dated(record_b(), "2020-01-15")
    store.load([earlier])
    assert seen(store, POST) == ("2020-01-15", "2021-12-20")
    store.load([dated(record_b(), None)])  # an undated statement cannot be placed in time
    assert seen(store, POST) == ("2021-12-20", "2021-12-20")
    assert store.dump() == expected_graph([record_a(), dated(record_b(), None)])
    store.delete_document("hand-a")
    assert seen(store, POST) == (None, None)


def test_load_order_does_not_change_the_dates(store: Any, tmp_path: Path) -> None:
    store.load([record_b()])
    store.load([record_c()])
    store.load([record_a()])
    other = LocalStore(tmp_path / "other")
    other.load([record_a(), record_c(), record_b()])
    assert store.dump() == other.dump() == expected_graph([record_a(), record_b(), record_c()])
