"""The seeds in the real Neo4j: counts equal the model's, loading twice changes nothing, `kg build` agrees."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from cadregraph.graph.model import NODE_LABELS, REL_TYPES, expected_graph
from cadregraph.graph.neo4j_store import Neo4jStore
from cadregraph.pipeline.cli import ExtractionRun
from cadregraph.schemas import DocumentRecord

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_records() -> list[DocumentRecord]:
    run = ExtractionRun("lac", None)
    records = list(run.records([str(REPO / "seeds")]))
    assert run.failures == 0 and len(records) == 5
    return records


def model_counts(records: list[DocumentRecord]) -> dict[str, int]:
    dump = expected_graph(records)
    counts = Counter(label for label, _ in dump.nodes) + Counter(rel_id[0] for rel_id in dump.rels)
    return {name: counts.get(name, 0) for name in (*NODE_LABELS, *REL_TYPES)}


def test_seed_counts_match_the_model_and_a_second_load_changes_nothing(
    neo4j_store: Neo4jStore, seed_records: list[DocumentRecord]
) -> None:
    first = neo4j_store.load(seed_records)
    assert first.documents_added == 5
    counts = neo4j_store.counts()
    assert counts == model_counts(seed_records)
    assert counts["Document"] == 5 and counts["Person"] >= 80 and counts["HOLDS_POSITION"] >= 30
    dump = neo4j_store.dump()
    again = neo4j_store.load(seed_records)
    assert (again.documents_unchanged, again.documents_added, again.documents_replaced) == (5, 0, 0)
    assert (again.nodes_created, again.rels_created, again.nodes_deleted, again.rels_deleted) == (0, 0, 0, 0)
    assert neo4j_store.counts() == counts
    assert neo4j_store.dump() == dump


def test_kg_build_twice_reports_the_same_counts(neo4j_store: Neo4jStore) -> None:
    def build() -> str:
        result = subprocess.run(
            [sys.executable, "-m", "cadregraph.pipeline.cli", "build", "seeds/", "--store", "neo4j"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    first, second = build(), build()
    assert "5 added" in first and "5 unchanged" in second
    summary = re.compile(r"^(nodes|relationships) .*$", re.MULTILINE)
    assert summary.findall(first) and [m.group() for m in summary.finditer(first)] == [
        m.group() for m in summary.finditer(second)
    ]
