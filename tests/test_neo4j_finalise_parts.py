"""The Neo4j end-of-load pass (`_finalise`) in parts bounded by characters: cut small, it writes the
same graph with the same statistics as in one part, and a finalising write forgets its parameters
(the driver keeps them until the commit otherwise, which is what made the pass grow with the corpus)."""

from __future__ import annotations

from typing import Any

import pytest

import cadregraph.graph.neo4j_store as neo4j_store_module
from cadregraph.graph.model import expected_graph
from cadregraph.graph.neo4j_store import (
    CHARS_PER_FINALISE_PART,
    Neo4jStore,
    _chars,
    _run_and_forget,
    _sized_batches,
)
from cadregraph.schemas import DocumentRecord


def copies(records: tuple[DocumentRecord, ...], times: int) -> list[DocumentRecord]:
    """The records again under other document ids, as a folder of copies gives them: every entity
    and relationship is then stated by `times` documents, as on the memory benchmark's folders."""
    out = []
    for round_ in range(times):
        for record in records:
            document = record.document.model_copy(update={"id": f"{record.document.id}-copy{round_}"})
            out.append(record.model_copy(update={"document": document}))
    return out


def test_chars_counts_the_strings_a_statement_carries() -> None:
    row = {
        "id": "4:ab:1",
        "props": {"docs": ["d1", "d22"], "evidence_texts": ["平湖市委组织部"], "confidence": 0.9},
    }
    # keys: id 2 + props 5 + docs 4 + evidence_texts 14 + confidence 10; values: 6 + (2 + 3 + 2) + (7 + 1) + 8
    assert _chars(row) == 2 + 5 + 4 + 14 + 10 + 6 + 7 + 8 + 8
    assert _chars("平湖") == 2 and _chars(12) == 8 and _chars([]) == 0


def test_sized_batches_cut_by_rows_and_by_characters() -> None:
    big = CHARS_PER_FINALISE_PART // 2 - 1
    batches = list(_sized_batches([big, big, big, 1, 1], 1000, lambda item: item))
    assert batches == [[big, big], [big, 1, 1]]
    assert list(_sized_batches([1, 1, 1, 1, 1], 2, lambda item: item)) == [[1, 1], [1, 1], [1]]
    alone = CHARS_PER_FINALISE_PART * 3  # one item bigger than the budget goes alone, never dropped
    assert list(_sized_batches([1, alone, 1], 1000, lambda item: item)) == [[1], [alone], [1]]
    assert list(_sized_batches([], 10, lambda item: item)) == []


@pytest.mark.neo4j
def test_finalising_in_small_parts_gives_the_same_graph_and_counts(
    neo4j_store: Neo4jStore, seed_records: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = copies(seed_records(), 3)
    whole = neo4j_store.load(records, docs_per_transaction=4)  # later groups leave relationships stale
    assert neo4j_store.dump() == expected_graph(records)
    assert whole.nodes_updated > 0 and whole.rels_updated > 0  # the pass had changes to write

    neo4j_store.delete_all()
    calls = {"parts": 0, "writes": 0}
    finalise_nodes, run_and_forget = neo4j_store_module._finalise_nodes, neo4j_store_module._run_and_forget

    def counted_part(*args: Any) -> Any:
        calls["parts"] += 1
        return finalise_nodes(*args)

    def counted_write(*args: Any, **params: Any) -> None:
        calls["writes"] += 1
        run_and_forget(*args, **params)

    monkeypatch.setattr(neo4j_store_module, "CHARS_PER_FINALISE_PART", 3_000)
    monkeypatch.setattr(neo4j_store_module, "_finalise_nodes", counted_part)
    monkeypatch.setattr(neo4j_store_module, "_run_and_forget", counted_write)
    assert neo4j_store.load(records, docs_per_transaction=4) == whole
    assert neo4j_store.dump() == expected_graph(records)
    assert calls["parts"] > 10 and calls["writes"] > calls["parts"]  # cut into many parts and writes

    gone = records[0].document.id
    neo4j_store.delete_document(gone)
    assert neo4j_store.dump() == expected_graph(records[1:])


@pytest.mark.neo4j
def test_a_finalising_write_forgets_its_parameters(neo4j_store: Neo4jStore) -> None:
    neo4j_store._write(
        lambda tx: tx.run("CREATE (:Person {key: 'person:平湖市:吴金华', name: '吴金华'})").consume()
    )
    rows = [{"key": "person:平湖市:吴金华", "name": "吴金华同志"}]

    def work(tx: Any) -> None:
        _run_and_forget(
            tx, "UNWIND $rows AS row MATCH (n:Person {key: row.key}) SET n.name = row.name", rows=rows
        )
        assert rows == []  # emptied inside the transaction, before the commit

    neo4j_store._write(work)
    assert neo4j_store.run_read("MATCH (n:Person) RETURN n.name AS name") == [{"name": "吴金华同志"}]
