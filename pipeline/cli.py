"""The `kg` command: extract records, print their schema, score them against gold; graph commands
(build, load, delete, query, viz, export) come from `graph.cli_commands`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.batch import ExtractionRun, SchedulerUnavailable, default_workers
from schemas import DocumentRecord

if TYPE_CHECKING:
    from pipeline.evaluate import PRF

__all__ = ["ExtractionRun", "add_extract_arguments", "build_parser", "main"]


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from exc


def add_extract_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt .md .html .htm)")
    parser.add_argument("--doc-date", type=_iso_date, help="publication date for every file (YYYY-MM-DD)")
    parser.add_argument(
        "--backend",
        default="lac",
        help="NLP backend: lac (default, bundled model), spacy:PATH or pkuseg:PATH (never downloaded)",
    )
    parser.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="extraction processes (default: every core; 1 extracts in this process). A small run stays in "
        "this process; the records are the same either way",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="a running dask.distributed scheduler to extract on, e.g. tcp://10.0.0.5:8786 (see docs/scale-out.md)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress line on stderr")


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a whole number: {value}") from exc
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return number


def extraction_run(args: argparse.Namespace) -> ExtractionRun:
    """The ExtractionRun that `kg extract` and `kg build` options describe."""
    return ExtractionRun(
        args.backend,
        args.doc_date,
        workers=args.workers or default_workers(),
        scheduler=args.scheduler,
        quiet=args.quiet,
    )


def cmd_extract(args: argparse.Namespace) -> int:
    run = extraction_run(args)
    out = sys.stdout
    for record in run.records(args.paths):
        out.write(record.model_dump_json() + "\n")
        out.flush()
    return 1 if run.failures else 0


def cmd_schema(_: argparse.Namespace) -> int:
    print(json.dumps(DocumentRecord.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from pipeline.evaluate import format_gap, format_table, split_gold_files

    runs: list[tuple[str, list[Path]]] = []
    if args.gold:
        runs.append(("", [Path(p) for p in args.gold]))
    if args.split:
        try:
            splits = split_gold_files(args.corpus)
        except (OSError, ValueError) as exc:
            print(f"kg: {exc}", file=sys.stderr)
            return 2
        names = ["dev", "test"] if args.split == "both" else [args.split]
        runs.extend((name, splits[name]) for name in names)
    if not runs:
        print("kg: eval needs GOLD files or --split dev|test|both", file=sys.stderr)
        return 2
    failures = 0
    merged = {}
    for name, paths in runs:
        scores, failed = _score_gold(paths, args)
        failures += failed
        merged[name] = scores
        if name:
            print(f"== {name} split: {len(paths)} documents ({args.corpus})")
        print(format_table(scores))
    if "dev" in merged and "test" in merged:
        print("== generalisation gap: F1 on dev minus F1 on test")
        print(format_gap(merged["dev"], merged["test"]))
    return 1 if failures else 0


def _score_gold(paths: Sequence[Path], args: argparse.Namespace) -> tuple[dict[str, PRF], int]:
    """Extract each gold file's document and score it; the merged scores and the number of failures."""
    from pipeline.evaluate import format_table, load_gold, merge, score_document

    scores = []
    failures = 0
    for gold_path in paths:
        gold = load_gold(gold_path)
        source = _gold_source(gold_path, gold["document"]["source"])
        # Relative dates (今年3月) are scored against the publication date the annotator read, unless
        # --infer-dates asks to score the date inference too.
        gold_date = gold["document"].get("date")
        doc_date = None if args.infer_dates or not gold_date else _iso_date(gold_date)
        run = ExtractionRun(args.backend, doc_date)
        records = list(run.records([str(source)]))
        failures += run.failures
        if not records:
            continue
        scores.append(score_document(gold, records[0]))
        if args.per_document:
            print(f"== {gold_path}")
            print(format_table(scores[-1]))
    return merge(scores), failures


def _gold_source(gold_path: Path, source: str) -> Path:
    """Gold names its source relative to the repository; try the cwd, then the gold file's repository."""
    candidate = Path(source)
    if candidate.exists():
        return candidate
    for parent in gold_path.resolve().parents:
        if (parent / source).exists():
            return parent / source
    return candidate


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="cadregraph: Chinese government and party news into a knowledge graph."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = sub.add_parser("extract", help="print one JSON record per document (the kg extract contract)")
    add_extract_arguments(extract)
    extract.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format (jsonl)")
    extract.set_defaults(func=cmd_extract)

    schema = sub.add_parser("schema", help="print the JSON Schema of the records")
    schema.set_defaults(func=cmd_schema)

    evaluate = sub.add_parser("eval", help="score extraction against hand-made gold: P/R/F1 per category")
    evaluate.add_argument("gold", nargs="*", metavar="GOLD", help="gold files (tests/gold/*.gold.json)")
    evaluate.add_argument(
        "--split",
        choices=["dev", "test", "both"],
        help="score the real-article corpus's dev or test split (both: the two tables and their gap)",
    )
    evaluate.add_argument(
        "--corpus",
        type=Path,
        default=Path("tests/corpus"),
        help="corpus folder with split.json and gold/ (default: tests/corpus)",
    )
    evaluate.add_argument("--backend", default="lac", help="NLP backend, as for extract")
    evaluate.add_argument("--per-document", action="store_true", help="also print a table per document")
    evaluate.add_argument(
        "--infer-dates",
        action="store_true",
        help="ignore the gold's publication date and infer it as kg extract does (scores date inference too)",
    )
    evaluate.set_defaults(func=cmd_eval)

    from graph.cli_commands import register

    register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from pipeline.backends import BackendError

    try:
        return int(args.func(args))
    except (BackendError, SchedulerUnavailable) as exc:
        print(f"kg: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
