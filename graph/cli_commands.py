"""Graph commands of `kg`: build, load, delete, query, viz, export.

Every command works on either store (`--store local`, the default, keeps the graph in
`--data-dir/graph.json`; `--store neo4j` uses the server named in the environment or `.env`).
Problems the user can fix (server down, wrong password, unknown query or entity, bad records) are
one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from graph.model import NODE_LABELS, REL_TYPES, ModelError
from graph.person_links import OverrideError, add_overrides_argument, record_override, relink
from graph.store import DEFAULT_DATA_DIR, STORE_KINDS, Store, StoreError, open_store

EXIT_FAILED = 1  # the command ran but some input was bad (a file, a record, an unknown document)
EXIT_UNAVAILABLE = 2  # the store or the request could not be used at all


def _add_store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        choices=STORE_KINDS,
        default="local",
        help="where the graph lives: local (networkx, --data-dir) or neo4j (NEO4J_URI/USER/PASSWORD, .env)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"folder of the local store's graph.json (default: {DEFAULT_DATA_DIR}/)",
    )


def _fail(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr)


def _guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """One clear line instead of a traceback for every error a user can act on."""

    def run(args: argparse.Namespace) -> int:
        from neo4j.exceptions import Neo4jError

        from graph.export import ExportError
        from graph.importer import ImportRefused
        from graph.neo4j_store import StoreUnavailable
        from graph.queries import QueryError
        from graph.viz import VizError

        try:
            return command(args)
        except (
            StoreUnavailable,
            StoreError,
            QueryError,
            ExportError,
            VizError,
            ModelError,
            ImportRefused,
            OverrideError,
        ) as exc:
            _fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            return EXIT_UNAVAILABLE
        except Neo4jError as exc:  # a query the server refused: syntax, access mode, a constraint
            from graph.neo4j_store import neo4j_error_line

            _fail(neo4j_error_line(exc))
            return EXIT_UNAVAILABLE
        except BrokenPipeError:
            raise  # the reader went away (kg query ... | head); pipeline.cli.main handles it
        except OSError as exc:
            _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
            return EXIT_UNAVAILABLE

    return run


def _open(args: argparse.Namespace, write: bool = False) -> Store:
    store = open_store(args.store, args.data_dir, write=write)
    from graph.local_store import LocalStore

    if not write and isinstance(store, LocalStore) and not store.exists:
        _fail(f"note: {store.path} does not exist yet; the graph is empty (run kg build first)")
    return store


def _where(args: argparse.Namespace, store: Store) -> str:
    from graph.local_store import LocalStore

    if isinstance(store, LocalStore):
        return f"the local store {store.path}"
    return f"Neo4j at {getattr(store, 'uri', 'the server')}"


def print_summary(stats: Any, counts: dict[str, int], where: str, out: TextIO = sys.stdout) -> None:
    """Documents added/replaced/unchanged by this run, then what the graph now holds."""
    done = stats.documents_added + stats.documents_replaced + stats.documents_unchanged
    print(
        f"loaded {done} document{'s' if done != 1 else ''} into {where}: "
        f"{stats.documents_added} added, {stats.documents_replaced} replaced, "
        f"{stats.documents_unchanged} unchanged",
        file=out,
    )
    _print_counts(counts, out)
    if stats.relations_null_target or stats.relations_unresolved:
        print(
            f"relations not drawn: {stats.relations_null_target} without a target, "
            f"{stats.relations_unresolved} naming an unknown id",
            file=out,
        )


def _print_counts(counts: dict[str, int], out: TextIO) -> None:
    labels = [(label, counts.get(label, 0)) for label in NODE_LABELS]
    types = [(rel_type, counts.get(rel_type, 0)) for rel_type in REL_TYPES]
    print(
        f"nodes {sum(n for _, n in labels)}: " + ", ".join(f"{label} {n}" for label, n in labels if n),
        file=out,
    )
    print(
        f"relationships {sum(n for _, n in types)}: " + ", ".join(f"{t} {n}" for t, n in types if n),
        file=out,
    )


# --- build / load / delete ------------------------------------------------------------------------


@_guarded
def cmd_build(args: argparse.Namespace) -> int:
    from pipeline.cli import extraction_run

    run = extraction_run(args)
    store = _open(args, write=True)
    sources: list[str] = []
    rejected: list[str] = []

    def records() -> Iterator[Any]:
        for record in run.records(args.paths):
            sources.append(record.document.source)
            yield record

    try:
        stats = store.load(records(), on_reject=_rejecter(sources, rejected))
        print_summary(stats, store.counts(), _where(args, store))
        print(relink(store, args))
    finally:
        store.close()
    return EXIT_FAILED if run.failures or rejected else 0


def _rejecter(origins: list[str], failures: list[str]) -> Callable[[int, str, str], None]:
    """`FILE:LINE: document ID: reason` on stderr for a document the store refused; the load goes on."""

    def reject(index: int, doc_id: str, reason: str) -> None:
        where = origins[index] if index < len(origins) else f"record {index + 1}"
        message = f"{where}: document {doc_id}: {reason}"
        failures.append(message)
        _fail(message)

    return reject


def _read_records(paths: list[str], failures: list[str], origins: list[str] | None = None) -> Iterator[Any]:
    """Records from JSONL files ('-' is stdin); a bad line is reported and skipped. `origins` gets
    FILE:LINE of every record yielded, in order (so a store's reject can name the line)."""
    from pydantic import ValidationError

    from schemas import DocumentRecord

    for name in paths:
        handle: BinaryIO = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115 - closed below
        try:
            for number, raw in enumerate(handle, start=1):
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    message = f"{name}:{number}: not UTF-8 text"
                    failures.append(message)
                    _fail(message)
                    continue
                if not line.strip():
                    continue
                try:
                    parsed = DocumentRecord.model_validate_json(line)
                except ValidationError as exc:
                    first = exc.errors()[0] if exc.errors() else {"msg": str(exc), "loc": ()}
                    where = ".".join(str(part) for part in first.get("loc", ()))
                    message = f"{name}:{number}: not a record ({where + ': ' if where else ''}{first['msg']})"
                    failures.append(message)
                    _fail(message)
                    continue
                if origins is not None:
                    origins.append(f"{name}:{number}")
                yield parsed
        finally:
            if handle is not sys.stdin.buffer:
                handle.close()


@_guarded
def cmd_load(args: argparse.Namespace) -> int:
    failures: list[str] = []
    for name in args.records:
        if name != "-" and not Path(name).is_file():
            _fail(f"{name}: {'is a folder, not a JSONL file' if Path(name).is_dir() else 'no such file'}")
            return EXIT_UNAVAILABLE
    store = _open(args, write=True)
    origins: list[str] = []
    try:
        records = _read_records(args.records, failures, origins)
        stats = store.load(records, on_reject=_rejecter(origins, failures))
        print_summary(stats, store.counts(), _where(args, store))
        print(relink(store, args))
    finally:
        store.close()
    return EXIT_FAILED if failures else 0


@_guarded
def cmd_import(args: argparse.Namespace) -> int:
    """First load of an empty Neo4j database through neo4j-admin (graph/importer.py)."""
    from graph.importer import run_import

    failures: list[str] = []
    for name in args.records:
        if name != "-" and not Path(name).is_file():
            _fail(f"{name}: {'is a folder, not a JSONL file' if Path(name).is_dir() else 'no such file'}")
            return EXIT_UNAVAILABLE
    origins: list[str] = []
    records = _read_records(args.records, failures, origins)
    stats = run_import(records, on_reject=_rejecter(origins, failures), keep_files=args.keep_files)
    store = open_store("neo4j")
    try:
        print_summary(stats, store.counts(), _where(args, store))
        print(relink(store, args))
    finally:
        store.close()
    return EXIT_FAILED if failures else 0


@_guarded
def cmd_delete(args: argparse.Namespace) -> int:
    store = _open(args, write=True)
    missing = 0
    try:
        for doc_id in args.doc_ids:
            stats = store.delete_document(doc_id)
            if stats.documents_deleted:
                print(
                    f"deleted {doc_id}: {stats.nodes_deleted} nodes and {stats.rels_deleted} relationships removed, "
                    f"{stats.nodes_updated} nodes and {stats.rels_updated} relationships kept by other documents"
                )
            else:
                missing += 1
                _fail(f"no document {doc_id!r} in {_where(args, store)} (kg query documents lists them)")
        _print_counts(store.counts(), sys.stdout)
        print(relink(store, args))
    finally:
        store.close()
    return EXIT_FAILED if missing else 0


@_guarded
def cmd_person_override(args: argparse.Namespace) -> int:
    """kg merge / kg split: write the decision to the overrides file, then apply it to the store."""
    path = record_override(args, args.override)
    print(f"{args.override} {args.key1} {args.key2}: written to {path}")
    store = _open(args, write=True)
    try:
        print(relink(store, args))
    finally:
        store.close()
    return 0


# --- query ----------------------------------------------------------------------------------------


@_guarded
def cmd_query(args: argparse.Namespace) -> int:
    from graph.queries import cut_to_width, format_rows, get_query, load_queries, parse_param_pairs, run_query

    if args.list:
        for query in load_queries().values():
            params = ", ".join(p.name + ("" if p.required else "?") for p in query.params) or "-"
            summary = re.split(r"\.\s+(?=[A-Z])", query.description, maxsplit=1)[0].rstrip(".")
            print(f"{query.name:<22} {params:<24} {cut_to_width(summary, 90)}")
        return 0
    if args.print_name:
        print(get_query(args.print_name, allow_file=args.allow_file).cypher, end="")
        return 0
    if not args.name:
        _fail("give a query name (kg query --list shows them)")
        return EXIT_UNAVAILABLE
    query = get_query(args.name, allow_file=args.allow_file)
    given = parse_param_pairs(args.param or [])
    query.bind(given)  # check the parameters before connecting
    store = _open(args)
    try:
        rows = run_query(store, query, given)
    finally:
        store.close()
    print(format_rows(rows, query.columns, args.format))
    return 0


# --- viz / export ---------------------------------------------------------------------------------


@_guarded
def cmd_viz(args: argparse.Namespace) -> int:
    from graph.queries import QueryError, parse_param_pairs
    from graph.viz import write_career, write_who_leads_what

    given = parse_param_pairs(args.param or [])
    if args.view == "career":
        unknown = sorted(set(given) - {"person"})
        if unknown or not given.get("person"):
            raise QueryError("viz career takes one parameter: -p person=NAME")
        store = _open(args)
        try:
            career = write_career(store, args.out, given["person"])
        finally:
            store.close()
        print(f"wrote {career.path}: {career.edges} spells in {career.nodes} organisations (opens offline)")
        return 0
    if given:
        raise QueryError("viz who-leads-what takes --org or --place, not -p")
    store = _open(args)
    try:
        summary = write_who_leads_what(store, args.out, org=args.org, place=args.place, as_of=args.as_of)
    finally:
        store.close()
    print(f"wrote {summary.path}: {summary.nodes} nodes, {summary.edges} relationships (opens offline)")
    return 0


@_guarded
def cmd_export(args: argparse.Namespace) -> int:
    from graph.export import (
        TABLE_FORMATS,
        ExportError,
        export,
        parse_types,
        select_subgraph,
        write_careers_csv,
    )

    if args.format in TABLE_FORMATS:
        store = _open(args)
        try:
            count = write_careers_csv(store, args.out, args.center)
        finally:
            store.close()
        print(f"wrote {args.out}: {count} person-post spells")
        return 0
    if not args.center:
        raise ExportError(
            f"--format {args.format} needs --center NAME (the entity whose neighbourhood to export)"
        )
    types = parse_types(args.types)
    store = _open(args)
    try:
        sub = select_subgraph(store, args.center, args.hops, types)
    finally:
        store.close()
    summary = export(sub, args.format, args.out)
    written = ", ".join(str(path) for path in summary.paths)
    print(f"wrote {written}: {summary.nodes} nodes, {summary.relationships} relationships")
    return 0


# --- the parser -----------------------------------------------------------------------------------


def register(sub: Any) -> None:
    """Add the graph subcommands to the `kg` parser."""
    from graph.export import EXPORT_FORMATS, TABLE_FORMATS
    from pipeline.cli import add_extract_arguments

    build = sub.add_parser("build", help="extract files and load them into a graph store (default: local)")
    add_extract_arguments(build)
    _add_store_arguments(build)
    add_overrides_argument(build)
    build.set_defaults(func=cmd_build)

    load = sub.add_parser("load", help="load records printed by kg extract (JSONL; - for stdin)")
    load.add_argument("records", nargs="+", metavar="RECORDS.jsonl")
    _add_store_arguments(load)
    add_overrides_argument(load)
    load.set_defaults(func=cmd_load)

    imp = sub.add_parser(
        "import",
        help="first load of an EMPTY Neo4j database with neo4j-admin (fast; refuses a database with data)",
    )
    imp.add_argument("records", nargs="+", metavar="RECORDS.jsonl")
    imp.add_argument("--keep-files", type=Path, metavar="DIR", help="write the CSV files here and keep them")
    add_overrides_argument(imp)
    imp.set_defaults(func=cmd_import, store="neo4j", data_dir=DEFAULT_DATA_DIR)

    delete = sub.add_parser("delete", help="remove documents and every fact only they supported")
    delete.add_argument("doc_ids", nargs="+", metavar="DOC_ID")
    _add_store_arguments(delete)
    add_overrides_argument(delete)
    delete.set_defaults(func=cmd_delete)

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
        add_overrides_argument(override)
        override.set_defaults(func=cmd_person_override, override=kind)

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
    query.set_defaults(func=cmd_query)

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
    viz.set_defaults(func=cmd_viz)

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
    export.set_defaults(func=cmd_export)
