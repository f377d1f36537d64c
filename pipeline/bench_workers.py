"""Parallel extraction benchmark: documents per second with 1 and 2 Dask workers, side by side in one run.

    python -m cadregraph.pipeline.bench_workers seeds/ --repeat 20 --rounds 3

Both clusters are started and warmed up (every worker has built its pipeline) before timing, and the
rounds alternate between them, so a burst of load on the machine hits both alike; the report gives the
median of the rounds. Peak memory per worker is read in fresh clusters over a small and a large corpus:
it must not grow with the corpus, since work is streamed in bounded batches.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from cadregraph.pipeline.batch import ExtractionRun


def _corpus(source: Path, repeat: int, into: Path) -> list[str]:
    files = sorted(p for p in source.glob("*.txt"))
    for copy in range(repeat):
        for path in files:
            shutil.copy(path, into / f"r{copy:03d}_{path.name}")
    return [str(into)]


def _run(scheduler: str, paths: list[str]) -> tuple[int, float, dict[int, int]]:
    run = ExtractionRun("lac", None, scheduler=scheduler)
    started = time.perf_counter()
    count = sum(1 for _ in run.records(paths))
    return count, time.perf_counter() - started, run.worker_peak_rss


def main(argv: list[str] | None = None) -> int:
    from distributed import LocalCluster

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", type=Path, nargs="?", default=Path("seeds"))
    parser.add_argument("--repeat", type=int, default=20, help="copies of the source files in the corpus")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--small-repeat", type=int, default=5, help="corpus size for the memory comparison")
    args = parser.parse_args(argv)

    env = {"CADREGRAPH_ONNX_THREADS": "1", "OMP_NUM_THREADS": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp, "big")
        small = Path(tmp, "small")
        big.mkdir()
        small.mkdir()
        big_paths = _corpus(args.source, args.repeat, big)
        small_paths = _corpus(args.source, args.small_repeat, small)
        warm = [str(p) for p in sorted(args.source.glob("*.txt"))]

        clusters = {
            workers: LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", env=env
            )
            for workers in (1, 2)
        }
        try:
            for cluster in clusters.values():
                _run(cluster.scheduler_address, warm)  # every worker builds its pipeline before timing
            rates: dict[int, list[float]] = {1: [], 2: []}
            docs = 0
            for _ in range(args.rounds):
                for workers, cluster in clusters.items():
                    docs, seconds, _ = _run(cluster.scheduler_address, big_paths)
                    rates[workers].append(docs / seconds)
        finally:
            for cluster in clusters.values():
                cluster.close()

        peaks: dict[str, int] = {}
        for label, paths in (("small", small_paths), ("large", big_paths)):
            with LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", env=env
            ) as c:
                _, _, peak = _run(c.scheduler_address, paths)
            peaks[label] = max(peak.values(), default=0)

    one, two = statistics.median(rates[1]), statistics.median(rates[2])
    print(
        f"corpus: {docs} documents ({args.source} x {args.repeat}), {args.rounds} alternating rounds, medians"
    )
    print(f"1 worker : {one:7.2f} documents/s   rounds: {', '.join(f'{r:.2f}' for r in rates[1])}")
    print(f"2 workers: {two:7.2f} documents/s   rounds: {', '.join(f'{r:.2f}' for r in rates[2])}")
    print(f"scaling 2 workers / 1 worker: {two / one:.2f}x")
    mib = 1024 * 1024
    print(
        f"peak RSS per worker: {peaks['small'] / mib:.0f} MiB over x{args.small_repeat}, "
        f"{peaks['large'] / mib:.0f} MiB over x{args.repeat} ({peaks['large'] / peaks['small']:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
