"""`kg import`: a first load through neo4j-admin gives exactly the graph the loader gives, later
`kg load`s keep working on it, a database that holds data is refused, bad records are skipped with
FILE:LINE. The CSV files keep integer and float values apart, multi-line text and lists."""

from __future__ import annotations

import csv
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cadregraph.graph.importer import ARRAY_DELIMITER, write_import_files
from cadregraph.graph.model import expected_graph, graph_rows
from cadregraph.pipeline.bench_loader import synthetic_record, vocabulary

REPO = Path(__file__).resolve().parents[1]


def corpus(hand_records: Any, seed_records: Any) -> list[Any]:
    rng = random.Random(7)
    vocab = vocabulary(rng, people=200, orgs=40)
    return [*seed_records(), *hand_records(), *(synthetic_record(i, vocab, rng) for i in range(20))]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))



def _kg_import(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadregraph.pipeline.cli", "import", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )

def test_csv_files_type_each_column_once_and_keep_text_whole(
    hand_records: Any, seed_records: Any, tmp_path: Path
) -> None:
    files = write_import_files(
        [graph_rows(record) for record in corpus(hand_records, seed_records)], tmp_path
    )
    args = (tmp_path / "import.args").read_text(encoding="utf-8").splitlines()
    assert args == files.arguments and args[-1] == "neo4j" and "--multiline-fields=true" in args
    figure_headers = [read_csv(path)[0] for path in tmp_path.glob("nodes-Figure-*.csv")]
    # 826名干部 keeps an integer value; a figure file never mixes integer and float columns.
    assert all(sum(1 for column in header if column.startswith("value:")) == 1 for header in figure_headers)
    assert any("value:long" in header for header in figure_headers)
    # The seeds' OCR text wraps names over lines: such mention texts stay one CSV field.
    wrapped = [
        row
        for path in tmp_path.glob("rels-MENTIONS-*.csv")
        for row in read_csv(path)[1:]
        if any("\n" in item for field in row for item in field.split(ARRAY_DELIMITER))
    ]
    assert wrapped
    for path in tmp_path.glob("*.csv"):
        rows = read_csv(path)
        assert all(len(row) == len(rows[0]) for row in rows), path
    aliases = [
        row
        for path in tmp_path.glob("nodes-Organization-*.csv")
        for row in read_csv(path)[1:]
        if row[0] == "organization:平湖市委组织部"
    ]
    assert aliases and any(ARRAY_DELIMITER in field for field in aliases[0])
    assert files.stats.documents_added == len(corpus(hand_records, seed_records))


@pytest.mark.neo4j
def test_kg_import_fills_an_empty_database_with_the_model_graph(
    hand_records: Any,
    record_a: Any,
    seed_records: Any,
    two_kinds_record: Any,
    write_jsonl: Any,
    neo4j_store: Any,
    tmp_path: Path,
) -> None:
    records = corpus(hand_records, seed_records)
    path = write_jsonl(tmp_path / "records.jsonl", [records[0], two_kinds_record(), *records[1:]])
    done = _kg_import(path)
    assert done.returncode == 1, done.stderr
    assert [line for line in done.stderr.splitlines() if line.startswith("kg:")] == [
        f"kg: {path}:2: document hand-c-two-kinds: id 'person:张兵' names both a Person and an Organization"
    ]
    assert neo4j_store.dump() == expected_graph(records)

    again = _kg_import(path)
    assert again.returncode == 2 and again.stderr.count("\n") == 1, again.stderr
    assert "already holds" in again.stderr and "kg load" in again.stderr

    # The imported graph is what the loader would have written: a changed document replaces its facts.
    changed = record_a(drop=["李俊"])
    neo4j_store.load([changed])
    assert neo4j_store.dump() == expected_graph([*records, changed])
