"""The memory benchmark measures what it says: each child's own peak RSS, and folders of the asked size."""

from __future__ import annotations

import sys
from pathlib import Path

from cadregraph.pipeline.bench_memory import make_folder, run_child

REPO = Path(__file__).resolve().parents[1]


def test_peak_rss_is_the_childs_own() -> None:
    """A child that holds 300 MB reports at least that; a small child of a big process is not charged
    the pages of the process it was forked from, nor an earlier child's peak."""
    big = run_child(
        [sys.executable, "-c", "b = bytearray(300 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"], "big"
    )
    ballast = bytearray(400 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])  # this process is big when the next child starts
    small = run_child([sys.executable, "-c", "pass"], "small")
    del ballast
    assert big.peak_rss_mb >= 300
    assert small.peak_rss_mb < 100
    assert big.cpu > 0 and big.wall > 0


def test_folder_holds_distinct_copies_of_the_inputs(tmp_path: Path) -> None:
    files, size = make_folder([str(REPO / "seeds")], 0.2, tmp_path / "in")
    written = sorted((tmp_path / "in").iterdir())
    assert len(written) == files and sum(p.stat().st_size for p in written) == size
    assert 200_000 <= size < 200_000 + max(p.stat().st_size for p in (REPO / "seeds").iterdir())
    seeds = {p.read_bytes() for p in (REPO / "seeds").glob("*.txt")}
    assert {p.read_bytes() for p in written} == seeds  # every seed, nothing else
    assert len({p.stem for p in written}) == files  # one document id per file
