"""Memory benchmark: peak RSS of `kg extract` and `kg build --store local` over a small and a 10x larger folder.

    python -m cadregraph.pipeline.bench_memory [PATH...] [--sizes 5 50] [--workers 1]

Each folder is made of the input documents (default: the seeds and the corpus articles) copied again and
again into temporary files (one document per file, distinct names, so every copy is its own document)
until it holds about MB megabytes. Each command runs in its own child process (`--workers 1`: extraction
in that process, so its peak RSS is the whole run's); the peak RSS of that process is read from
`wait4`. Streaming means the larger folder costs no more memory than the smaller one: the report gives
the ratio of the two peaks for each command (target: at most 1.10).

`kg build --store local` keeps the whole graph in memory (networkx) and in one JSON file, so its peak
grows with the graph it holds, not with how the records reach it; the report says how big that graph is.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from cadregraph.pipeline.ingest import iter_input_files

DEFAULT_INPUTS = ["seeds/", "tests/corpus/articles/"]


@dataclass(frozen=True)
class ChildRun:
    wall: float  # seconds
    cpu: float  # CPU seconds of the child (user + system)
    peak_rss_mb: float


# A forked child's peak RSS counts the pages of the process it was forked from (a pytest process with the
# models loaded: 370 MB), so the command runs under a small launcher that forks it from itself and
# reports the child's own wait4 usage, as /usr/bin/time does.
_LAUNCHER = """
import json, os, sys
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss]))
"""


def run_child(argv: list[str], what: str) -> ChildRun:
    """Run `argv` (its stdout discarded) and read its own resource use (wait4 in the launcher)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *argv], capture_output=True, text=True, check=False
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cadregraph.pipeline.bench_memory", description=__doc__.splitlines()[0]
    )
    parser.add_argument("paths", nargs="*", default=DEFAULT_INPUTS, help="documents to repeat")
    parser.add_argument("--sizes", type=float, nargs=2, default=[5.0, 50.0], metavar="MB")
    parser.add_argument("--workers", type=int, default=1, help="kg --workers (1: one process, default)")
    args = parser.parse_args(argv)

    kg = [sys.executable, "-m", "cadregraph.pipeline.cli"]
    common = ["--workers", str(args.workers), "--quiet"]
    peaks: dict[str, list[float]] = {"kg extract": [], "kg build --store local": []}
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in args.sizes:
            folder = Path(tmp) / f"in-{megabytes:g}MB"
            files, size = make_folder(args.paths, megabytes, folder)
            print(f"{megabytes:g} MB folder: {files} files, {size} bytes", flush=True)
            runs = {
                "kg extract": run_child([*kg, "extract", str(folder), *common], "kg extract"),
                "kg build --store local": run_child(
                    [
                        *kg,
                        "build",
                        str(folder),
                        "--store",
                        "local",
                        "--data-dir",
                        str(Path(tmp) / f"kg-{megabytes:g}"),
                        *common,
                    ],
                    "kg build",
                ),
            }
            graph_mb = (Path(tmp) / f"kg-{megabytes:g}" / "graph.json").stat().st_size / 1e6
            for name, run in runs.items():
                peaks[name].append(run.peak_rss_mb)
                print(
                    f"  {name:<24} {run.wall:8.1f} s wall {run.cpu:8.1f} CPU-s  peak RSS {run.peak_rss_mb:7.0f} MB",
                    flush=True,
                )
            print(f"  graph.json {graph_mb:.1f} MB", flush=True)
    small, large = args.sizes
    for name, (low, high) in peaks.items():
        print(
            f"{name}: peak RSS {high:.0f} MB over {large:g} MB vs {low:.0f} MB over {small:g} MB ({high / low:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
