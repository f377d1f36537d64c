"""`cadregraph.pipeline.bench` reports what it says it measures: a child's peak RSS is the child's own, and a run
prints medians, every round's ratio to bare LAC and the peak RSS."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from cadregraph.pipeline.bench import _timed_extract, startup

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_04026afc854972a2.txt"


def test_startup_reports_the_childs_own_peak_rss_not_ours() -> None:
    """Linux carries a process's peak RSS across exec; a child started from a big process must not
    report the big process's peak as its own."""
    ballast = bytearray(600 * 2**20)
    ballast[:: resource.getpagesize()] = b"\1" * len(ballast[:: resource.getpagesize()])
    ours = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, cpu, rss = startup()
    del ballast
    assert ours > 600
    assert 30 < rss < ours - 200, (rss, ours)
    assert cpu > 0.1 and wall > 0.1


def test_a_failing_child_names_what_failed(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="kg extract on a missing file failed.*no such file"):
        _timed_extract(sys.executable, tmp_path / "missing.txt", "a missing file")


def test_a_run_prints_medians_every_rounds_ratio_and_peak_rss() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cadregraph.pipeline.bench", str(SEED), "--rounds", "2", "--no-startup"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=True,
    )
    out = result.stdout
    assert "2 interleaved rounds, medians" in out
    assert re.search(r"^bare +\d+\.\d+ +\d+\.\d+ +\d+ +1\.00 +1\.00$", out, re.M), out
    ours = re.search(r"^ours +\d+\.\d+ +\d+\.\d+ +\d+ +(\d+\.\d+) +(\d+\.\d+)$", out, re.M)
    assert ours is not None and float(ours.group(2)) > 0.5, out
    spread = re.search(
        r"^per-round CPU ratios: (\d+\.\d+) (\d+\.\d+) \(spread (\d+\.\d+)-(\d+\.\d+)\)$", out, re.M
    )
    assert spread is not None, out
    first, second, low, high = (float(x) for x in spread.groups())
    assert (low, high) == (min(first, second), max(first, second))
    assert re.search(r"peak RSS \d+ MB after loading, \d+ MB after all rounds", out), out
