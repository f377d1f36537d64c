"""The stored `kg extract` output that speed work must reproduce byte for byte.

Files under tests/data/golden/: `seeds.jsonl` is `kg extract seeds/`; `gold-NAME.jsonl` is `kg extract` on a
gold file's source with the gold's date as `--doc-date`. tests/test_golden.py compares against them. A change
that is meant to change the output regenerates them on purpose, and the diff goes into the same commit:

    make golden        (or: .venv/bin/python tools/golden.py --write)
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLDEN_DIR = REPO / "tests" / "data" / "golden"


def runs() -> dict[str, list[str]]:
    """Golden file name → the `kg` arguments that produce it (paths relative to the repository)."""
    out = {"seeds.jsonl": ["extract", "seeds/"]}
    for gold_path in sorted((REPO / "tests" / "gold").glob("*.gold.json")):
        document = json.loads(gold_path.read_text(encoding="utf-8"))["document"]
        args = ["extract", document["source"]]
        if document.get("date"):
            args += ["--doc-date", document["date"]]
        out[f"gold-{gold_path.name.removesuffix('.gold.json')}.jsonl"] = args
    return out


def run_kg(args: list[str]) -> tuple[int, str]:
    """`kg ARGS` in this process (one model load for all runs), from the repository root; (exit, stdout)."""
    import os

    from cadregraph.pipeline.cli import main

    buffer = io.StringIO()
    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(buffer):
            code = main(args)
    finally:
        os.chdir(cwd)
    return code, buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--write", action="store_true", help="overwrite the stored files (else: only compare)"
    )
    args = parser.parse_args()
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    differ = 0
    for name, kg_args in runs().items():
        code, output = run_kg(kg_args)
        if code != 0:
            print(f"golden: kg {' '.join(kg_args)} exited {code}", file=sys.stderr)
            return 1
        path = GOLDEN_DIR / name
        same = path.exists() and path.read_text(encoding="utf-8") == output
        if args.write:
            path.write_text(output, encoding="utf-8")
            print(f"{'unchanged' if same else 'written  '} {path.relative_to(REPO)}")
        elif not same:
            differ += 1
            print(f"differs   {path.relative_to(REPO)}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
