"""`kg extract` streams (issue 9 item 5): each record is written as soon as its document is done, and
nothing a document leaves behind accumulates over the following ones."""

from __future__ import annotations

import gc
import subprocess
import sys
import tracemalloc
from pathlib import Path

from cadregraph.pipeline.cli import ExtractionRun

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_04026afc854972a2.txt"


def test_records_come_one_by_one(tmp_path: Path) -> None:
    """The first record is out before the second document is read: a generator, not a list."""
    (tmp_path / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    run = ExtractionRun("lac", None)
    records = run.records([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")])
    first = next(records)
    assert first.document.id == "a" and run.failures == 0  # missing.txt not looked at yet
    assert list(records) == [] and run.failures == 1


def test_memory_does_not_grow_from_document_to_document(tmp_path: Path) -> None:
    """The same document extracted again and again: after the first few (caches filled), the Python heap
    stays flat; a per-document leak of even 1% of a record would show."""
    copies = 7
    for i in range(copies):
        (tmp_path / f"doc{i}.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    run = ExtractionRun("lac", None)
    sizes: list[int] = []
    tracemalloc.start()
    try:
        for record in run.records([str(tmp_path)]):
            record.model_dump_json()
            del record
            gc.collect()
            sizes.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    assert len(sizes) == copies and run.failures == 0
    growth = sizes[-1] - sizes[2]
    assert growth < 64 * 1024, [s // 1024 for s in sizes]


def test_kg_extract_prints_each_record_as_it_is_done(tmp_path: Path) -> None:
    """Through the real command: a reader sees the first line while the second document is still in work."""
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cadregraph.pipeline.cli", "extract", str(tmp_path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    still_running = proc.poll() is None
    rest = proc.stdout.read()
    proc.wait(timeout=600)
    assert first.startswith('{"document":{"id":"a"') and proc.returncode == 0
    assert still_running and rest.count("\n") == 2
