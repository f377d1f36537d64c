"""Parallel extraction gives the records of one process, byte for byte, in input order.

The cluster test starts its own Dask LocalCluster of two worker processes and sends the work through the
scheduler address, the path a user's cluster takes (`--scheduler`); `--workers 2` takes the same path
through a LocalCluster the run starts itself.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadregraph.pipeline.batch import ExtractionRun, _batches

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GOLD_SOURCES = sorted(
    {
        json.loads(path.read_text(encoding="utf-8"))["document"]["source"]
        for folder in ("tests/gold", "tests/corpus/gold")
        for path in (REPO / folder).glob("*.gold.json")
    }
)


def _kg(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadregraph.pipeline.cli", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
    )


def _jsonl(run: ExtractionRun, paths: list[str]) -> str:
    return "".join(record.model_dump_json() + "\n" for record in run.records(paths))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seeds, the gold documents and one bad file in the middle, as a user's folder would hold them."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    (folder / "003b_empty.txt").write_bytes(b"")
    return [str(folder), *(str(REPO / source) for source in GOLD_SOURCES)]


@pytest.fixture(scope="module")
def single_process(corpus: list[str]) -> tuple[str, int]:
    run = ExtractionRun("lac", None, workers=1)
    return _jsonl(run, corpus), run.failures


@pytest.mark.slow
def test_records_through_a_scheduler_equal_one_process(
    corpus: list[str], single_process: tuple[str, int]
) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        run = ExtractionRun("lac", None, scheduler=cluster.scheduler_address)
        output = _jsonl(run, corpus)
    expected, failures = single_process
    assert failures == 1  # the empty file, named once
    assert run.failures == failures
    assert output == expected
    assert len(run.worker_peak_rss) >= 1 and all(rss > 0 for rss in run.worker_peak_rss.values())


@pytest.mark.slow
def test_kg_extract_with_two_workers_prints_the_same_lines(
    corpus: list[str], single_process: tuple[str, int]
) -> None:
    done = _kg("extract", "--workers", "2", "--quiet", *corpus)
    assert done.returncode == 1  # one bad file
    assert done.stdout == single_process[0]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "003b_empty.txt" in lines[0], done.stderr


def test_an_unreachable_scheduler_is_one_line() -> None:
    done = _kg("extract", "--scheduler", "tcp://127.0.0.1:9", str(SEEDS), timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "tcp://127.0.0.1:9" in lines[0], done.stderr


def test_workers_must_be_positive() -> None:
    done = _kg("extract", "--workers", "0", str(SEEDS), timeout=60)
    assert done.returncode == 2 and "--workers" in done.stderr


class _Doc:
    def __init__(self, index: int, size: int) -> None:
        self.index = index
        self.text = "字" * size


@given(
    st.lists(st.integers(min_value=0, max_value=300), max_size=40), st.integers(min_value=1, max_value=500)
)
def test_batches_keep_order_and_respect_the_character_budget(sizes: list[int], budget: int) -> None:
    docs = [_Doc(i, size) for i, size in enumerate(sizes)]
    batches = list(_batches(iter(docs), budget))  # type: ignore[arg-type]
    flat: Iterator[_Doc] = (doc for batch in batches for doc in batch)  # type: ignore[misc]
    assert [d.index for d in flat] == list(range(len(sizes)))
    for batch in batches:
        assert batch  # never an empty batch
        if len(batch) > 1:  # only a single document may exceed the budget
            assert sum(len(d.text) for d in batch) <= budget
