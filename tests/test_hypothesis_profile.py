"""Hypothesis runs derandomised under CI (a red CI run is reproducible), and explores locally."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent

# Loads tests/conftest.py as pytest does, then runs one property and prints what it drew.
PROBE = f"""
import json, sys
sys.path.insert(0, {str(TESTS)!r})
import conftest
from hypothesis import given, settings, strategies as st
drawn = []
@given(st.lists(st.integers(), min_size=3))
def probe(xs):
    drawn.append(xs)
probe()
print(json.dumps({{"profile": conftest.HYPOTHESIS_PROFILE, "derandomize": settings.default.derandomize,
                  "database": settings.default.database is not None, "drawn": drawn}}))
"""


def _probe(tmp_path: Path, **env: str) -> dict[str, object]:
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**clean, **env},
        timeout=120,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_ci_runs_are_derandomised_and_repeat_exactly(tmp_path: Path) -> None:
    first, second = _probe(tmp_path, CI="1"), _probe(tmp_path, CI="true")
    assert (first["profile"], first["derandomize"], first["database"]) == ("ci", True, False)
    assert first["drawn"] == second["drawn"]


def test_local_runs_keep_exploring(tmp_path: Path) -> None:
    first, second = _probe(tmp_path), _probe(tmp_path)
    assert (first["profile"], first["derandomize"]) == ("dev", False)
    assert first["drawn"] != second["drawn"]


def test_the_profile_can_be_chosen_explicitly(tmp_path: Path) -> None:
    assert _probe(tmp_path, HYPOTHESIS_PROFILE="ci")["derandomize"] is True
    assert _probe(tmp_path, CI="1", HYPOTHESIS_PROFILE="dev")["derandomize"] is False
