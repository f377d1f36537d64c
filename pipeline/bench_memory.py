"""Memory benchmark: peak RSS of `kg extract` and `kg build` over a small and a 10x larger folder.

    python -m cadregraph.pipeline.bench_memory [PATH...] [--sizes 5 50] [--workers 1]
        [--commands extract build-neo4j build-local load-neo4j load-local]

Each folder is made of the input documents (default: the seeds and the corpus articles) copied again and
again into temporary files (one document per file, distinct names, so every copy is its own document)
until it holds about MB megabytes. Each command runs in its own child process (`--workers 1`: extraction
in that process, so its peak RSS is the whole run's); the peak RSS of that process is read from
`wait4`. Streaming means the larger folder costs no more memory than the smaller one: the report gives
the ratio of the two peaks for each command (target: at most 1.10).

Commands: `extract` (`kg extract`), `build-neo4j` (`kg build --store neo4j` into the server `.env`
names, as the tests find it; the database is CLEARED before each size), `build-local` (`kg build --store
local` into a new data dir), `load-neo4j` (`kg load` of the records `extract` wrote, cleared first: the
store side of `kg build --store neo4j` without the extraction, so without its CPU cost), `load-local`
(`kg load` of those records into a new local data dir: the store side of `kg build --store local`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cadregraph.pipeline.ingest import iter_input_files

DEFAULT_INPUTS = ["seeds/", "tests/corpus/articles/"]
COMMANDS = ("extract", "build-neo4j", "build-local", "load-neo4j", "load-local")
DEFAULT_COMMANDS = ["extract", "build-neo4j"]


@dataclass(frozen=True)
class ChildRun:
    wall: float  # seconds
    cpu: float  # CPU seconds of the child (user + system)
    peak_rss_mb: float


# A forked child's peak RSS counts the pages of the process it was forked from (a pytest process with the
# models loaded: 370 MB), so the command runs under a small launcher that forks it from itself and
# reports the child's own wait4 usage, as /usr/bin/time does. argv[1] is where the child's stdout goes.
_LAUNCHER = """
import json, os, sys
pid = os.fork()
if pid == 0:
    os.dup2(os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
print(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss]))
"""


def run_child(argv: list[str], what: str, stdout: Path | None = None, cwd: Path | None = None) -> ChildRun:
    """Run `argv` (its stdout to `stdout`, else discarded) and read its own resource use (wait4 in
    the launcher)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, str(stdout or os.devnull), *argv],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    wall = time.perf_counter() - started
    code, cpu, maxrss = json.loads(result.stdout.strip().splitlines()[-1])
    if code != 0:
        raise SystemExit(f"bench: {what} failed ({code}): {result.stderr.strip()[-500:]}")
    return ChildRun(wall, cpu, maxrss / 1024)


def make_folder(inputs: list[str], megabytes: float, folder: Path) -> tuple[int, int]:
    """Copy the input documents round-robin into `folder` until it holds about `megabytes` MB:
    (files, bytes)."""
    texts = [path.read_bytes() for _, path, error in iter_input_files(inputs) if path and not error]
    if not texts:
        raise SystemExit("bench: no readable documents in " + " ".join(inputs))
    folder.mkdir(parents=True, exist_ok=True)
    target, written, count = int(megabytes * 1_000_000), 0, 0
    while written < target:
        data = texts[count % len(texts)]
        (folder / f"copy{count:06d}.txt").write_bytes(data)
        written += len(data)
        count += 1
    return count, written


def _clear_neo4j() -> None:
    """Empty the database `.env` names (the one `kg build --store neo4j` writes to)."""
    from cadregraph.graph.neo4j_store import Neo4jStore

    with Neo4jStore.from_env() as store:
        store.delete_all()


def _neo4j_size() -> str:
    from cadregraph.graph.neo4j_store import Neo4jStore

    with Neo4jStore.from_env() as store:
        counts = store.counts()
    return f"{sum(counts.values())} nodes and relationships in Neo4j"


@dataclass(frozen=True)
class Size:
    """One folder of the benchmark and the places its commands write to."""

    megabytes: float
    folder: Path
    work: Path

    @property
    def records(self) -> Path:
        return self.work / f"records-{self.megabytes:g}MB.jsonl"

    @property
    def data_dir(self) -> Path:
        return self.work / f"kg-{self.megabytes:g}MB"


def _command(name: str, size: Size, workers: int) -> tuple[list[str], Path | None, Callable[[], str]]:
    """(argv, where its stdout goes, what it left behind) of one benchmark command over one folder."""
    kg = [sys.executable, "-m", "cadregraph.pipeline.cli"]
    common = ["--workers", str(workers), "--quiet"]
    if name == "extract":
        return (
            [*kg, "extract", str(size.folder), *common],
            size.records,
            lambda: f"{size.records.stat().st_size / 1e6:.1f} MB of records",
        )
    if name == "build-local":
        argv = [*kg, "build", str(size.folder), "--store", "local", "--data-dir", str(size.data_dir), *common]
        return argv, None, lambda: f"graph.json {(size.data_dir / 'graph.json').stat().st_size / 1e6:.1f} MB"
    if name == "build-neo4j":
        _clear_neo4j()
        return [*kg, "build", str(size.folder), "--store", "neo4j", *common], None, _neo4j_size
    if not size.records.is_file():
        raise SystemExit(f"bench: {name} loads the records of extract: list extract before it")
    if name == "load-local":
        data_dir = size.work / f"kg-load-{size.megabytes:g}MB"
        shutil.rmtree(data_dir, ignore_errors=True)
        argv = [*kg, "load", str(size.records), "--store", "local", "--data-dir", str(data_dir)]
        return argv, None, lambda: f"graph.json {(data_dir / 'graph.json').stat().st_size / 1e6:.1f} MB"
    _clear_neo4j()
    return [*kg, "load", str(size.records), "--store", "neo4j"], None, _neo4j_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cadregraph.pipeline.bench_memory", description=__doc__.splitlines()[0]
    )
    parser.add_argument("paths", nargs="*", default=DEFAULT_INPUTS, help="documents to repeat")
    parser.add_argument("--sizes", type=float, nargs=2, default=[5.0, 50.0], metavar="MB")
    parser.add_argument("--workers", type=int, default=1, help="kg --workers (1: one process, default)")
    parser.add_argument(
        "--commands",
        nargs="+",
        choices=COMMANDS,
        default=DEFAULT_COMMANDS,
        help="what to measure, in this order for each size (default: extract build-neo4j; "
        "build-neo4j and load-neo4j CLEAR the Neo4j database .env names)",
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        help="keep the folders, records and data dirs here (default: a temporary folder, removed); "
        "a later run with load-neo4j can reuse the records of an earlier extract",
    )
    args = parser.parse_args(argv)

    peaks: dict[str, list[float]] = {name: [] for name in args.commands}
    with tempfile.TemporaryDirectory() as tmp:
        work = (args.work_dir or Path(tmp)).resolve()
        work.mkdir(parents=True, exist_ok=True)
        for megabytes in args.sizes:
            size = Size(megabytes, work / f"in-{megabytes:g}MB", work)
            files, written = make_folder(args.paths, megabytes, size.folder)
            print(f"{megabytes:g} MB folder: {files} files, {written} bytes", flush=True)
            for name in args.commands:
                command, stdout, left = _command(name, size, args.workers)
                run = run_child(command, f"{name} over {megabytes:g} MB", stdout, cwd=size.work)
                peaks[name].append(run.peak_rss_mb)
                print(
                    f"  {name:<12} {run.wall:8.1f} s wall {run.cpu:8.1f} CPU-s  "
                    f"peak RSS {run.peak_rss_mb:7.0f} MB  ({left()})",
                    flush=True,
                )
    small, large = args.sizes
    for name, (low, high) in peaks.items():
        print(
            f"{name}: peak RSS {high:.0f} MB over {large:g} MB vs {low:.0f} MB over {small:g} MB ({high / low:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
