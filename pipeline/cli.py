"""The `kg` command: the one module that builds every subcommand and applies the one error policy
(pipeline/exits.py). Extraction, schema and scoring are handled here; the graph commands (build,
load, import, delete, merge, split, query, viz, export) in pipeline/graph_commands.py, over plain functions of
`graph/`."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cadregraph.graph.person_links import OVERRIDES_NAME
from cadregraph.graph.store import DEFAULT_DATA_DIR, STORE_KINDS
from cadregraph.pipeline import graph_commands
from cadregraph.pipeline.batch import ExtractionRun, extraction_run
from cadregraph.pipeline.exits import (
    EXIT_CODES_HELP,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OUTPUT,
    EXIT_UNAVAILABLE,
    OUTPUT_ERRNOS,
    fail,
    guarded,
)
from cadregraph.schemas import DocumentRecord

if TYPE_CHECKING:
    from cadregraph.pipeline.evaluate import PRF

__all__ = ["ExtractionRun", "build_parser", "main"]


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
    _add_fail_fast(parser)


def _add_fail_fast(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fail-fast",
        action="store_true",
        help="stop at the first bad input (file, document or record): its one-line message, exit 1",
    )


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a whole number: {value}") from exc
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return number


def write_whole(fd: int, data: bytes) -> None:
    """Write `data` to `fd` whole or not at all, as far as a reader can tell.

    A record is one write loop of its bytes. If writing fails part-way (a full disk) and `fd` is a
    regular file, the file is cut back to where the record began, so its last line is always a whole
    record; on a pipe the reader is gone, so there is nobody to mislead."""
    start: int | None = None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            start = os.lseek(fd, 0, os.SEEK_CUR)
    except OSError:
        start = None
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view) :]
    except OSError:
        if start is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, start)
        raise


def cmd_extract(args: argparse.Namespace) -> int:
    run = extraction_run(args)
    sys.stdout.flush()  # records go to the descriptor directly, after anything printed before
    try:
        fd: int | None = sys.stdout.fileno()
    except (OSError, ValueError):  # io.UnsupportedOperation: a stream without one (a test's capture)
        fd = None
    for written, record in enumerate(run.records(args.paths)):
        line = record.model_dump_json() + "\n"
        try:
            if fd is None:
                sys.stdout.write(line)
                sys.stdout.flush()
            else:
                write_whole(fd, line.encode("utf-8"))
        except BrokenPipeError:
            raise  # the reader went away (kg extract ... | head): main() ends quietly
        except OSError as exc:
            print(
                f"kg: cannot write standard output: {exc.strerror or exc}; stopped after {written} "
                f"record{'s' if written != 1 else ''} (each written whole, none partial)",
                file=sys.stderr,
            )
            return EXIT_OUTPUT
    return EXIT_FAILED if run.failures else 0


def cmd_schema(_: argparse.Namespace) -> int:
    print(json.dumps(DocumentRecord.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from cadregraph.pipeline.evaluate import format_gap, format_table, split_gold_files

    runs: list[tuple[str, list[Path]]] = []
    if args.gold:
        for name in args.gold:  # a gold file that is not there: nothing to score, say so before extracting
            try:
                Path(name).open("rb").close()
            except OSError as exc:
                fail(f"{name}: cannot read gold file: {exc.strerror or exc}")
                return EXIT_UNAVAILABLE
        runs.append(("", [Path(p) for p in args.gold]))
    if args.split:
        try:
            splits = split_gold_files(args.corpus)
        except OSError as exc:
            fail(f"{exc.filename}: {exc.strerror or exc}" if exc.filename else str(exc))
            return EXIT_UNAVAILABLE
        except ValueError as exc:
            fail(str(exc))
            return EXIT_UNAVAILABLE
        names = ["dev", "test"] if args.split == "both" else [args.split]
        runs.extend((name, splits[name]) for name in names)
    if not runs:
        fail("eval needs GOLD files or --split dev|test|both")
        return EXIT_UNAVAILABLE
    failures = 0
    merged = {}
    for name, paths in runs:
        scores, failed = _score_gold(paths, args)
        failures += failed
        merged[name] = scores
        if name:
            print(f"== {name} split: {len(paths)} documents ({args.corpus})")
        if scores:  # nothing scored (every gold file was bad): the stderr lines said why
            print(format_table(scores))
    if "dev" in merged and "test" in merged:
        print("== generalisation gap: F1 on dev minus F1 on test")
        print(format_gap(merged["dev"], merged["test"]))
    return EXIT_FAILED if failures else 0


def _score_gold(paths: Sequence[Path], args: argparse.Namespace) -> tuple[dict[str, PRF], int]:
    """Extract each gold file's document and score it; the merged scores and the number of failures."""
    from cadregraph.pipeline.evaluate import format_table, load_gold, merge, score_document

    scores = []
    failures = 0
    for gold_path in paths:
        try:
            gold = load_gold(gold_path)
            source = gold_source(gold_path, gold["document"]["source"])
        except OSError as exc:
            failures += 1
            fail(f"{gold_path}: cannot read gold file: {exc.strerror or exc}")
            continue
        except (ValueError, KeyError, TypeError) as exc:  # not JSON, or not the gold format
            failures += 1
            reason = f"missing {exc}" if isinstance(exc, KeyError) else " ".join(str(exc).split())
            fail(f"{gold_path}: not a gold file ({reason})")
            continue
        # Relative dates (今年3月) are scored against the publication date the annotator read, unless
        # --infer-dates asks to score the date inference too.
        gold_date = gold["document"].get("date")
        doc_date = None if args.infer_dates or not gold_date else _iso_date(gold_date)
        run = ExtractionRun(args.backend, doc_date)
        records = list(run.records([str(source)]))
        failures += run.failures
        if not records:
            continue
        scores.append(score_document(gold, records[0], count_implied=args.count_implied))
        if args.per_document:
            print(f"== {gold_path}")
            print(format_table(scores[-1]))
    return merge(scores), failures


def gold_source(gold_path: Path, source: str) -> Path:
    """Gold names its source relative to the repository; try the cwd, then the gold file's repository."""
    candidate = Path(source)
    if candidate.exists():
        return candidate
    for parent in gold_path.resolve().parents:
        if (parent / source).exists():
            return parent / source
    return candidate


def build_parser() -> argparse.ArgumentParser:
    """Every `kg` subcommand, its options and its handler."""
    parser = argparse.ArgumentParser(
        prog="kg",
        description="cadregraph: Chinese government and party news into a knowledge graph.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_nlp_commands(sub)
    _add_load_commands(sub)
    _add_read_commands(sub)
    return parser


def _add_nlp_commands(sub: Any) -> None:
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
    evaluate.add_argument(
        "--count-implied",
        action="store_true",
        help="count an entity without a mention (a parent organisation, the home place) the gold does not "
        "list as a false positive, as a scorer reading only the entity list would",
    )
    evaluate.set_defaults(func=cmd_eval)


def _add_store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        choices=STORE_KINDS,
        default="local",
        help="where the graph lives: local (SQLite + graph.json in --data-dir) or neo4j (NEO4J_URI/USER/PASSWORD, .env)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"folder of the local store's graph.json (default: {DEFAULT_DATA_DIR}/)",
    )


def _add_load_commands(sub: Any) -> None:
    build = sub.add_parser("build", help="extract files and load them into a graph store (default: local)")
    add_extract_arguments(build)
    _add_store_arguments(build)
    _add_overrides_argument(build)
    build.set_defaults(func=graph_commands.cmd_build)

    load = sub.add_parser("load", help="load records printed by kg extract (JSONL; - for stdin)")
    load.add_argument("records", nargs="+", metavar="RECORDS.jsonl")
    _add_fail_fast(load)
    _add_store_arguments(load)
    _add_overrides_argument(load)
    load.set_defaults(func=graph_commands.cmd_load)

    imp = sub.add_parser(
        "import",
        help="first load of an EMPTY Neo4j database with neo4j-admin (fast; refuses a database with data)",
    )
    imp.add_argument("records", nargs="+", metavar="RECORDS.jsonl")
    imp.add_argument("--keep-files", type=Path, metavar="DIR", help="write the CSV files here and keep them")
    _add_overrides_argument(imp)
    imp.set_defaults(
        func=graph_commands.cmd_import, store="neo4j", data_dir=DEFAULT_DATA_DIR, fail_fast=False
    )

    delete = sub.add_parser("delete", help="remove documents and every fact only they supported")
    delete.add_argument("doc_ids", nargs="+", metavar="DOC_ID")
    _add_store_arguments(delete)
    _add_overrides_argument(delete)
    delete.set_defaults(func=graph_commands.cmd_delete)

    for kind, helptext in (
        (
            "merge",
            "link two person nodes as one person (kept in the overrides file, applied after every write)",
        ),
        (
            "split",
            "veto the link of two person nodes (kept in the overrides file, applied after every write)",
        ),
    ):
        override = sub.add_parser(kind, help=helptext)
        override.add_argument(
            "key1", metavar="KEY1", help="a person key (person:PLACE:NAME; see kg query career)"
        )
        override.add_argument("key2", metavar="KEY2")
        override.add_argument("--why", metavar="TEXT", help="the reason, kept with the decision")
        _add_store_arguments(override)
        _add_overrides_argument(override)
        override.set_defaults(func=graph_commands.cmd_person_override, override=kind)


def _add_overrides_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--overrides",
        type=Path,
        metavar="PATH",
        help=f"person merge/split file (default: DATA_DIR/{OVERRIDES_NAME} for local, ./{OVERRIDES_NAME} for neo4j)",
    )


def _add_read_commands(sub: Any) -> None:
    from cadregraph.graph.formats import EXPORT_FORMATS, TABLE_FORMATS

    query = sub.add_parser("query", help="run a saved query (queries/*.cypher); --list shows them")
    query.add_argument("name", nargs="?", metavar="NAME")
    query.add_argument("-p", "--param", action="append", metavar="KEY=VALUE", help="a query parameter")
    query.add_argument("--format", choices=["table", "json", "csv"], default="table")
    query.add_argument("--list", action="store_true", help="list the saved queries and their parameters")
    query.add_argument("--print", dest="print_name", metavar="NAME", help="print a saved query's Cypher")
    query.add_argument(
        "--allow-file",
        action="store_true",
        help="NAME may be the path of a .cypher file from outside queries/ (same header; read-only, Neo4j only)",
    )
    _add_store_arguments(query)
    query.set_defaults(func=graph_commands.cmd_query)

    viz = sub.add_parser("viz", help="draw a picture as one HTML page that opens offline")
    viz.add_argument("view", choices=["who-leads-what", "career"])
    viz.add_argument("-p", "--param", action="append", metavar="KEY=VALUE", help="career: -p person=NAME")
    which = viz.add_mutually_exclusive_group()
    which.add_argument("--org", help="only organisations whose name contains this (or an alias)")
    which.add_argument("--place", help="only organisations in this place (name or alias)")
    viz.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help="who-leads-what: holders on this day (default: latest)"
    )
    viz.add_argument("--out", type=Path, required=True, metavar="FILE.html")
    _add_store_arguments(viz)
    viz.set_defaults(func=graph_commands.cmd_viz)

    export = sub.add_parser(
        "export", help="export the neighbourhood of an entity, or the career table (careers-csv)"
    )
    export.add_argument(
        "--center",
        metavar="NAME",
        help="entity name, alias or key (required except for careers-csv, where it picks one person)",
    )
    export.add_argument("--hops", type=int, default=1, metavar="N", help="steps from the center (default 1)")
    export.add_argument(
        "--types",
        metavar="T1,T2",
        help="relationship types to follow (default: every type except MENTIONS)",
    )
    export.add_argument("--format", choices=[*EXPORT_FORMATS, *TABLE_FORMATS], required=True)
    export.add_argument("--out", type=Path, required=True, metavar="PATH", help="file (csv: a folder)")
    _add_store_arguments(export)
    export.set_defaults(func=graph_commands.cmd_export)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = int(guarded(args.func)(args))
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _drop_stdout()
        return 0
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OSError as exc:
        # print() into a full disk (a file that fails names itself in exc.filename): one line, not a
        # traceback and then the interpreter's own report when it flushes at exit
        if exc.filename is not None or exc.errno not in OUTPUT_ERRNOS:
            raise
        fail(f"cannot write standard output: {exc.strerror or exc}")
        _drop_stdout()
        return EXIT_OUTPUT


def _drop_stdout() -> None:
    """Point standard output at /dev/null so that the interpreter's final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
