"""The load path under bad input: a document the model or the server refuses is skipped with
`FILE:LINE: document ID: reason`, the others load, the exit code is 1, and both stores end in the
same state; a killed local write leaves no temporary file behind for good."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cadregraph.graph.local_store import LocalStore
from cadregraph.graph.model import NodeRow, expected_graph, graph_rows

REPO = Path(__file__).resolve().parents[1]


def kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadregraph.pipeline.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def check_bad_record_run(done: subprocess.CompletedProcess[str], records: Path) -> None:
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert lines == [
        f"kg: {records}:2: document hand-c-two-kinds: id 'person:张兵' names both a Person and an Organization"
    ], done.stderr
    assert "loaded 2 documents" in done.stdout and "2 added" in done.stdout


def test_a_bad_record_is_skipped_with_its_line_and_the_others_load_locally(
    record_a: Any, record_b: Any, two_kinds_record: Any, write_jsonl: Any, tmp_path: Path
) -> None:
    records = write_jsonl(tmp_path / "records.jsonl", [record_a(), two_kinds_record(), record_b()])
    done = kg("load", str(records), "--store", "local", "--data-dir", str(tmp_path / "kg"), cwd=REPO)
    check_bad_record_run(done, records)
    assert LocalStore(tmp_path / "kg").dump() == expected_graph([record_a(), record_b()])


@pytest.mark.neo4j
def test_a_bad_record_is_skipped_the_same_way_in_neo4j(
    record_a: Any, record_b: Any, two_kinds_record: Any, write_jsonl: Any, neo4j_store: Any, tmp_path: Path
) -> None:
    records = write_jsonl(tmp_path / "records.jsonl", [record_a(), two_kinds_record(), record_b()])
    done = kg("load", str(records), "--store", "neo4j", cwd=REPO)
    check_bad_record_run(done, records)
    local = tmp_path / "kg"
    kg("load", str(records), "--store", "local", "--data-dir", str(local), cwd=REPO)
    assert neo4j_store.dump() == LocalStore(local).dump() == expected_graph([record_a(), record_b()])


@pytest.mark.neo4j
def test_a_group_the_server_refuses_is_replayed_and_only_the_bad_document_rejected(
    record_a: Any, record_b: Any, record_c: Any, neo4j_store: Any
) -> None:
    # A name too long for the range index on :Person(name): the server, not the model, refuses it.
    bad = graph_rows(record_c())
    huge = "张" * 12000
    nodes = [
        NodeRow(node.label, node.key, {**node.props, "name": huge}) if node.label == "Person" else node
        for node in bad.nodes
    ]
    bad = replace(bad, nodes=nodes)
    rejected: list[tuple[int, str, str]] = []
    good = [graph_rows(record_a()), graph_rows(record_b())]
    stats = neo4j_store.load_graphs(
        [good[0], bad, good[1]],
        docs_per_transaction=3,
        on_reject=lambda index, doc_id, reason: rejected.append((index, doc_id, reason)),
    )
    assert [(index, doc_id) for index, doc_id, _ in rejected] == [(1, "hand-c")]
    assert "\n" not in rejected[0][2] and "too large" in rejected[0][2]
    assert stats.documents_added == 2
    assert neo4j_store.dump() == expected_graph([record_a(), record_b()])


def test_a_temporary_file_left_by_a_killed_write_is_removed_under_the_lock(
    record_a: Any, record_b: Any, tmp_path: Path
) -> None:
    store = LocalStore(tmp_path)
    store.load([record_a()])
    left = tmp_path / ".graph-k1ll3d.tmp"  # what mkstemp leaves when the writer is killed mid-write
    left.write_text('{"format": "cadregraph-local-graph", "vers', encoding="utf-8")
    LocalStore(tmp_path).load([record_b()])
    assert list(tmp_path.glob(".graph-*.tmp")) == []
    assert LocalStore(tmp_path).dump() == expected_graph([record_a(), record_b()])
    json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))


def test_a_load_keeps_only_the_recent_origins_and_still_names_them() -> None:
    """kg build/load name a refused record by FILE:LINE from the last records read, not from a list of
    every record of the load (which would grow with the corpus); an older one is named by number."""
    from cadregraph.pipeline.graph_commands import Origins

    origins = Origins(keep=3)
    for number in range(1, 6):
        origins.append(f"records.jsonl:{number}")
    assert origins.count == 5
    assert [origins.name(index) for index in range(5)] == [
        "record 1",
        "record 2",
        "records.jsonl:3",
        "records.jsonl:4",
        "records.jsonl:5",
    ]
    assert origins.name(5) == "record 6"  # not read yet
