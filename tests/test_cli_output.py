"""`kg` when writing fails or an input is missing (issue 12, item 11 and the `kg eval` gold file): one
stderr line and a non-zero exit, never a traceback, and never a partial record as the last line of
what `kg extract` wrote.

A full disk is /dev/full, and a disk that fills in the middle of a record is a regular file under a
file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so the write fails with EFBIG as on a full disk).
"""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
TWO_SEEDS = [str(SEEDS[0]), str(SEEDS[2])]


def kg(
    *args: str, stdout: object = subprocess.PIPE, preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadregraph.pipeline.cli", *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        timeout=600,
        preexec_fn=preexec,  # noqa: PLW1509 - only sets a limit and a signal disposition
    )


@pytest.fixture(scope="module")
def two_records() -> list[bytes]:
    """What `kg extract` prints for two seeds, line by line (bytes, newline included)."""
    done = kg("extract", *TWO_SEEDS)
    assert done.returncode == 0, done.stderr
    lines = [line + "\n" for line in done.stdout.split("\n") if line]
    assert len(lines) == 2
    return [line.encode("utf-8") for line in lines]


def test_extract_into_a_full_disk_is_one_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        done = kg("extract", TWO_SEEDS[0], stdout=full)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "kg: cannot write standard output: No space left on device; stopped after 0 records "
        "(each written whole, none partial)"
    ]


def test_a_disk_filling_mid_record_leaves_only_whole_records(
    tmp_path: Path, two_records: list[bytes]
) -> None:
    first, second = two_records
    limit = len(first) + len(second) // 2  # room for the first record and half of the second

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    out = tmp_path / "records.jsonl"
    with out.open("wb") as handle:
        done = kg("extract", *TWO_SEEDS, stdout=handle, preexec=small_disk)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "kg: cannot write standard output: File too large; stopped after 1 record (each written whole, none partial)"
    ]
    written = out.read_bytes()
    assert written == first  # the half-written second record was cut off again
    assert all(json.loads(line)["document"]["id"] for line in written.decode("utf-8").splitlines())


def test_extract_into_a_pipe_whose_reader_left_ends_quietly(two_records: list[bytes]) -> None:
    reader = subprocess.Popen(["head", "-c", "100"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    done = subprocess.run(
        [sys.executable, "-m", "cadregraph.pipeline.cli", "extract", *TWO_SEEDS],
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert reader.stdin is not None
    reader.stdin.close()
    reader.wait(timeout=60)
    assert (done.returncode, done.stderr) == (0, "")


def test_printing_into_a_full_disk_is_one_line() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        done = kg("schema", stdout=full)
    assert (done.returncode, done.stderr.splitlines()) == (
        2,
        ["kg: cannot write standard output: No space left on device"],
    )


def test_eval_with_a_missing_gold_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """Nothing can be scored without the gold: the request is unusable (2), as a missing JSONL is for load."""
    missing = tmp_path / "nope.gold.json"
    done = kg("eval", str(missing))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == [f"kg: {missing}: cannot read gold file: No such file or directory"]
    folder = kg("eval", str(tmp_path))
    assert (folder.returncode, folder.stderr.splitlines()) == (
        2,
        [f"kg: {tmp_path}: cannot read gold file: Is a directory"],
    )


def test_eval_with_a_broken_gold_file_is_one_line_and_the_others_still_score(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gold.json"
    broken.write_text('{"document": ', encoding="utf-8")
    foreign = tmp_path / "foreign.gold.json"
    foreign.write_text('{"entities": []}', encoding="utf-8")
    done = kg("eval", str(broken), str(foreign), str(next((REPO / "tests" / "gold").glob("002_*.gold.json"))))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"kg: {broken}: not a gold file (Expecting value: line 1 column 14 (char 13))",
        f"kg: {foreign}: not a gold file (missing 'document')",
    ]
    assert done.stdout.splitlines()[0].split() == ["category", "tp", "fp", "fn", "P", "R", "F1"]


def test_help_documents_the_exit_codes() -> None:
    from cadregraph.pipeline.exits import EXIT_CODES_HELP

    done = kg("--help")
    assert done.returncode == 0
    assert EXIT_CODES_HELP in done.stdout
    readme = [line.strip() for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()]
    block = [line.strip() for line in EXIT_CODES_HELP.splitlines()]
    at = readme.index(block[0])
    assert readme[at : at + len(block)] == block, "README's exit codes differ from kg --help"


def test_extract_fail_fast_stops_at_the_first_bad_file(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    args = ("extract", "--quiet", TWO_SEEDS[0], str(missing), TWO_SEEDS[1])
    going_on = kg(*args)
    stopped = kg(*args[:2], "--fail-fast", *args[2:])
    line = f"kg: {missing}: no such file or directory"
    assert (going_on.returncode, going_on.stderr.splitlines()) == (1, [line])
    assert (stopped.returncode, stopped.stderr.splitlines()) == (1, [line])
    assert [json.loads(r)["document"]["source"] for r in going_on.stdout.splitlines()] == TWO_SEEDS
    # the file before the bad one is written, nothing after it
    assert [json.loads(r)["document"]["source"] for r in stopped.stdout.splitlines()] == TWO_SEEDS[:1]


def test_build_fail_fast_loads_only_what_came_before_the_bad_file(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    data = tmp_path / "graph"
    done = kg(
        "build", "--quiet", "--fail-fast", "--data-dir", str(data), TWO_SEEDS[0], str(missing), TWO_SEEDS[1]
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"kg: {missing}: no such file or directory"]
    assert done.stdout.startswith("loaded 1 document into the local store ")
    listed = kg("query", "documents", "--format", "json", "--data-dir", str(data))
    assert [row["source"] for row in json.loads(listed.stdout)] == TWO_SEEDS[:1]


def test_load_fail_fast_stops_at_the_first_bad_record(two_records: list[bytes], tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_bytes(two_records[0] + b'{"not": "a record"}\n' + two_records[1])
    outcomes = {}
    for mode in ((), ("--fail-fast",)):
        data = tmp_path / ("fast" if mode else "all")
        done = kg("load", *mode, "--data-dir", str(data), str(records))
        listed = kg("query", "documents", "--format", "json", "--data-dir", str(data))
        outcomes[mode] = (done.returncode, len(done.stderr.splitlines()), len(json.loads(listed.stdout)))
        assert done.stderr.startswith(f"kg: {records}:2: not a record ("), done.stderr
    assert outcomes == {(): (1, 1, 2), ("--fail-fast",): (1, 1, 1)}
