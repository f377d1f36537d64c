"""The embedded networkx store: the graph-model semantics (idempotent loads, replace on reload,
delete), the documented file format, atomic writes and concurrent writers.

This module also holds the sample records the other graph tests import (`hand_records`,
`seed_records`): the five seeds run through the real pipeline, and three hand-built documents in the
genre with the relations the stores and queries need (positions, leadership, programmes, places).
"""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadregraph.graph.local_store import DB_NAME, FILE_NAME, FORMAT_NAME, FORMAT_VERSION, LocalStore
from cadregraph.graph.model import NODE_LABELS, REL_TYPES, expected_graph
from cadregraph.graph.store import StoreError
from cadregraph.graph.stores import open_store
from cadregraph.schemas import DocumentRecord

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def _store(path: Path) -> LocalStore:
    return LocalStore(path)


# --- the model's semantics ----------------------------------------------------------------------------


def test_seed_records_load_into_exactly_the_model_graph(seed_records: Any, tmp_path: Path) -> None:
    records = list(seed_records())
    store = _store(tmp_path)
    stats = store.load(records)
    assert stats.documents_added == 5
    assert store.dump() == expected_graph(records)
    counts = store.counts()
    assert set(counts) == set(NODE_LABELS) | set(REL_TYPES)
    assert counts["Document"] == 5
    assert sum(counts[label] for label in NODE_LABELS) == len(expected_graph(records).nodes)
    assert sum(counts[t] for t in REL_TYPES) == len(expected_graph(records).rels)


def test_reopened_store_holds_the_same_graph(hand_records: Any, tmp_path: Path) -> None:
    records = hand_records()
    _store(tmp_path).load(records)
    again = _store(tmp_path)
    assert again.dump() == expected_graph(records)
    assert again.documents() == ["hand-a", "hand-b", "hand-c"]


def test_loading_the_same_records_twice_changes_nothing(hand_records: Any, tmp_path: Path) -> None:
    records = hand_records()
    store = _store(tmp_path)
    store.load(records)
    before = (tmp_path / FILE_NAME).read_bytes()
    stats = _store(tmp_path).load(records)
    assert (stats.documents_unchanged, stats.documents_added, stats.documents_replaced) == (3, 0, 0)
    assert (stats.nodes_created, stats.rels_created, stats.nodes_deleted, stats.rels_deleted) == (0, 0, 0, 0)
    assert (tmp_path / FILE_NAME).read_bytes() == before


def test_reloading_a_changed_document_drops_only_its_own_facts(
    hand_records: Any, record_a: Any, record_b: Any, record_c: Any, tmp_path: Path
) -> None:
    store = _store(tmp_path)
    store.load(hand_records())
    # 吴金华 is in A and B; 朱娜 and 平湖市公务员局 only in B.
    changed_b = record_b(drop=["朱娜", "平湖市公务员局"])
    stats = store.load([changed_b])
    assert stats.documents_replaced == 1
    assert store.dump() == expected_graph([record_a(), changed_b, record_c()])
    keys = {key for _, key in store.dump().nodes}
    assert "person:朱娜" not in keys and "organization:平湖市公务员局" not in keys
    assert "person:吴金华" in keys
    # The position both documents state is still supported by both.
    position = store.dump().rels[
        (
            "HOLDS_POSITION",
            "Person",
            "person:吴金华",
            "Organization",
            "organization:平湖市委组织部",
            "组织部长",
        )
    ]
    assert position["docs"] == ["hand-a", "hand-b"]


def test_delete_removes_a_document_and_every_fact_only_it_supported(
    hand_records: Any, record_a: Any, record_c: Any, tmp_path: Path
) -> None:
    store = _store(tmp_path)
    store.load(hand_records())
    stats = store.delete_document("hand-b")
    assert stats.documents_deleted == 1 and stats.nodes_deleted > 0
    assert store.dump() == expected_graph([record_a(), record_c()])
    shared = store.dump().rels[
        (
            "HOLDS_POSITION",
            "Person",
            "person:吴金华",
            "Organization",
            "organization:平湖市委组织部",
            "组织部长",
        )
    ]
    assert shared["docs"] == ["hand-a"]
    assert shared["evidence_docs"] == ["hand-a"]
    assert _store(tmp_path).dump() == expected_graph([record_a(), record_c()])
    assert store.delete_document("hand-b").documents_deleted == 0
    assert store.delete_document("no-such-doc").documents_deleted == 0


def test_deleting_every_document_leaves_an_empty_graph(hand_records: Any, tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.load(hand_records())
    for doc_id in ("hand-a", "hand-b", "hand-c"):
        store.delete_document(doc_id)
    assert store.graph.number_of_nodes() == 0 and store.graph.number_of_edges() == 0
    assert all(count == 0 for count in _store(tmp_path).counts().values())


_VERSIONS = ("a", "a-", "b", "b-", "c")


def _versions(record_a: Any, record_b: Any, record_c: Any) -> dict[str, DocumentRecord]:
    """Each hand record, and A and B with some entities dropped (changed versions of one document)."""
    return {
        "a": record_a(),
        "a-": record_a(drop=["仲旭东", "新仓镇人民政府"]),
        "b": record_b(),
        "b-": record_b(drop=["朱娜"]),
        "c": record_c(),
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(sorted(_VERSIONS)), st.sampled_from(["del:hand-a", "del:hand-b", "del:hand-c"])
        ),
        min_size=1,
        max_size=10,
    ),
    st.integers(min_value=1, max_value=4),
)
def test_the_graph_is_a_function_of_the_loaded_set(
    record_a: Any, record_b: Any, record_c: Any, tmp_path_factory: Any, steps: list[str], batch: int
) -> None:
    """Any sequence of loads (in batches) and deletes gives the graph of the records left at the end."""
    versions = _versions(record_a, record_b, record_c)
    path = tmp_path_factory.mktemp("store")
    store = _store(path)
    latest: dict[str, DocumentRecord] = {}
    pending: list[DocumentRecord] = []
    for step in steps:
        if step.startswith("del:"):
            store.load(pending)
            pending = []
            store.delete_document(step[4:])
            latest.pop(step[4:], None)
        else:
            record = versions[step]
            pending.append(record)
            latest[record.document.id] = record
            if len(pending) >= batch:
                store.load(pending)
                pending = []
    store.load(pending)
    assert store.dump() == expected_graph(latest.values())
    assert _store(path).dump() == store.dump()


def test_hostile_text_is_stored_verbatim(build_record: Any, hand_records: Any, tmp_path: Path) -> None:
    hostile = "'}) DETACH DELETE n //\"\\n"
    text = f"{hostile}担任书记。"
    record = build_record(
        "hostile",
        text,
        None,
        [("Person", hostile, []), ("Organization", "中共平湖市委", [])],
        [("HOLDS_POSITION", hostile, "中共平湖市委", {"title": "书记"}, text)],
    )
    store = _store(tmp_path)
    store.load([record, *hand_records()])
    names = {props["name"] for props in _store(tmp_path).dump().nodes.values()}
    assert hostile in names
    assert _store(tmp_path).dump() == expected_graph([record, *hand_records()])


# --- the file -------------------------------------------------------------------------------------


def test_file_is_versioned_node_link_json_that_networkx_reads(hand_records: Any, tmp_path: Path) -> None:
    records = hand_records()
    _store(tmp_path).load(records)
    data = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == (FORMAT_NAME, FORMAT_VERSION)
    graph = nx.node_link_graph(data["graph"], edges="edges")
    assert graph.is_directed() and graph.is_multigraph()
    expected = expected_graph(records)
    read = {(attrs["label"], attrs["key"]): attrs["props"] for _, attrs in graph.nodes(data=True)}
    assert read == expected.nodes
    assert graph.number_of_edges() == len(expected.rels)
    assert sorted(data["contributions"]) == ["hand-a", "hand-b", "hand-c"]
    assert "中共平湖市委" in (tmp_path / FILE_NAME).read_text(encoding="utf-8")  # UTF-8, not \\u escapes


def test_a_failed_write_leaves_the_old_file_and_no_temporary_files(
    record_a: Any, record_b: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    store = _store(tmp_path)
    store.load([record_a()])
    before = (tmp_path / FILE_NAME).read_bytes()

    def broken_dump(*args: Any, **kwargs: Any) -> None:
        out = args[1]
        out.write('{"format": "cadregraph-local-graph", "version": 1, "graph": {"nod')  # half a file
        raise OSError("disk full")

    monkeypatch.setattr("cadregraph.graph.local_store.json.dump", broken_dump)
    with pytest.raises(OSError, match="disk full"):
        _store(tmp_path).load([record_b()])
    monkeypatch.undo()
    assert (tmp_path / FILE_NAME).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".graph.lock")) == [
        FILE_NAME,
        DB_NAME,
    ]
    assert _store(tmp_path).dump() == expected_graph([record_a()])


def test_a_rename_that_fails_after_the_commit_is_made_good_by_the_next_write(
    record_a: Any, record_b: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """graph.json is renamed into place after the database commits; a writer stopped between the two
    leaves the old file, and the next write (even one that changes nothing) writes the right one."""
    _store(tmp_path).load([record_a()])
    before = (tmp_path / FILE_NAME).read_bytes()

    def broken_replace(*args: Any) -> None:
        raise OSError("killed")

    monkeypatch.setattr("cadregraph.graph.local_store.os.replace", broken_replace)
    with pytest.raises(OSError, match="killed"):
        _store(tmp_path).load([record_b()])
    monkeypatch.undo()
    assert (tmp_path / FILE_NAME).read_bytes() == before
    assert not list(tmp_path.glob(".graph-*.tmp"))
    stats = _store(tmp_path).load([record_b()])
    assert stats.documents_unchanged == 1
    data = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert sorted(data["contributions"]) == ["hand-a", "hand-b"]
    expected = expected_graph([record_a(), record_b()])
    graph = nx.node_link_graph(data["graph"], edges="edges")
    assert {
        (attrs["label"], attrs["key"]): attrs["props"] for _, attrs in graph.nodes(data=True)
    } == expected.nodes


def test_a_data_dir_with_only_graph_json_is_read_and_then_moved_into_the_database(
    record_a: Any, record_b: Any, record_c: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """A data dir written before the database existed: reads come from graph.json, the first write
    moves it into a database, and the file after that write is the same, byte for byte, as the one a
    store that always had its database writes."""
    old, always = tmp_path / "old", tmp_path / "always"
    for path in (old, always):
        _store(path).load([record_a(), record_b()])
    (old / DB_NAME).unlink()
    legacy = _store(old)
    assert legacy.documents() == ["hand-a", "hand-b"]
    assert legacy.dump() == expected_graph([record_a(), record_b()])
    assert legacy.counts() == _store(always).counts()
    assert not (old / DB_NAME).exists()  # reading does not migrate

    def broken_dump(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("cadregraph.graph.local_store.json.dump", broken_dump)
    with pytest.raises(OSError, match="disk full"):
        legacy.load([record_c()])  # the migration is rolled back with the write
    monkeypatch.undo()
    assert legacy.documents() == ["hand-a", "hand-b"]
    assert _store(old).dump() == expected_graph([record_a(), record_b()])
    for path in (old, always):
        _store(path).load([record_c()])
        _store(path).delete_document("hand-a")
    assert (old / DB_NAME).is_file()
    assert (old / FILE_NAME).read_bytes() == (always / FILE_NAME).read_bytes()
    assert _store(old).dump() == expected_graph([record_b(), record_c()])


def test_writes_never_build_the_whole_graph(
    hand_records: Any, record_a: Any, record_c: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """Loading, replacing and deleting documents, the person links and the summary a load prints read
    the database, not a networkx graph of everything (that is for queries and exports)."""
    from cadregraph.graph.person_links import Overrides, apply_links

    def no_graph(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a write built a networkx graph")

    monkeypatch.setattr("cadregraph.graph.local_store.nx.MultiDiGraph", no_graph)
    store = _store(tmp_path)
    assert store.load(hand_records()).documents_added == 3
    assert store.delete_document("hand-b").documents_deleted == 1
    overrides = Overrides()
    overrides.merge("person:吴金华", "person:仲旭东", "the same")
    report = apply_links(store, overrides)
    assert [(link.a, link.b) for link in report.links] == [("person:仲旭东", "person:吴金华")]
    counts = store.counts()
    assert store.documents() == ["hand-a", "hand-c"]
    monkeypatch.undo()
    dump, expected = store.dump(), expected_graph([record_a(), record_c()])
    links = [rel_id for rel_id in dump.rels if rel_id[0] == "SAME_AS"]
    assert links == [("SAME_AS", "Person", "person:仲旭东", "Person", "person:吴金华", "")]
    assert dump.nodes == expected.nodes
    assert {rel_id: props for rel_id, props in dump.rels.items() if rel_id[0] != "SAME_AS"} == expected.rels
    assert sum(counts[label] for label in NODE_LABELS) == len(expected.nodes)
    assert sum(counts[rel_type] for rel_type in REL_TYPES) == len(expected.rels)


def test_the_file_is_readable_like_any_other_file(record_c: Any, tmp_path: Path) -> None:
    _store(tmp_path).load([record_c()])
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / FILE_NAME).stat().st_mode & 0o777 == 0o666 & ~mask


def test_damaged_or_foreign_files_are_refused_with_one_line(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot read"):
        _store(tmp_path)
    (tmp_path / FILE_NAME).write_text(json.dumps({"format": FORMAT_NAME, "version": 99}), encoding="utf-8")
    with pytest.raises(StoreError, match="version 99"):
        _store(tmp_path)
    (tmp_path / FILE_NAME).write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    with pytest.raises(StoreError, match="not a cadregraph local graph"):
        _store(tmp_path)


def _load_one(path: str, record: DocumentRecord) -> None:
    LocalStore(Path(path)).load([record])


def test_concurrent_writers_do_not_lose_each_others_documents(
    hand_records: Any, record_a: Any, record_b: Any, record_c: Any, tmp_path: Path
) -> None:
    stale = _store(tmp_path)  # opened before anything was written
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=_load_one, args=(str(tmp_path), make())) for make in (record_a, record_b)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    stale.load([record_c()])  # re-reads under the lock, so a and b survive
    assert _store(tmp_path).dump() == expected_graph(hand_records())


def test_open_store_picks_the_local_store_and_refuses_unknown_kinds(tmp_path: Path) -> None:
    store = open_store("local", tmp_path)
    assert isinstance(store, LocalStore) and store.path == tmp_path / FILE_NAME
    with pytest.raises(StoreError, match="unknown store"):
        open_store("sqlite", tmp_path)


def test_the_local_store_does_not_import_the_neo4j_driver() -> None:
    """The embedded store must work where the driver is not installed: its types live with the protocol."""
    import subprocess
    import sys

    probe = "import cadregraph.graph.local_store, cadregraph.graph.export, cadregraph.graph.queries, sys; print('neo4j' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    assert done.stdout.strip() == "False"
