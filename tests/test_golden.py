"""`kg extract` output is byte-identical to the stored golden output (seeds and gold documents).

Speed work must not change a single byte. A change meant to alter the output regenerates the files on
purpose with `make golden` (tools/golden.py --write) and commits the diff with the change.
"""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("golden_tool", REPO / "tools" / "golden.py")
assert _spec and _spec.loader
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

RUNS = golden.runs()


def test_golden_covers_the_seeds_and_every_gold_document() -> None:
    gold_files = sorted((REPO / "tests" / "gold").glob("*.gold.json"))
    assert "seeds.jsonl" in RUNS and len(RUNS) == 1 + len(gold_files)
    for name in RUNS:
        assert (golden.GOLDEN_DIR / name).is_file(), f"missing {name}: run `make golden`"


@pytest.mark.parametrize("name", sorted(RUNS))
def test_extract_output_is_byte_identical_to_the_golden_file(name: str) -> None:
    code, output = golden.run_kg(RUNS[name])
    assert code == 0
    expected = (golden.GOLDEN_DIR / name).read_text(encoding="utf-8")
    assert output.count("\n") >= 1
    if output != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), output.splitlines(), "golden", "now", n=0, lineterm=""
        )
        pytest.fail(
            f"{name} differs from the golden output (make golden regenerates it on purpose):\n"
            + "\n".join(line[:300] for line in list(diff)[:20])
        )
