"""The graph commands of `kg` (build, load, import, delete, merge, split, query, viz, export): each takes the parsed
arguments, calls plain functions of `graph/` on the store `--store` names, and returns an exit code.

The parser (pipeline/cli.py) builds every subcommand and applies the one error policy: problems the
user can fix (server down, wrong password, unknown query or entity) are one line on stderr and exit
2; a bad input among many (a file, a record, an unknown document) is one line each and exit 1.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from cadregraph.graph.model import NODE_LABELS, REL_TYPES
from cadregraph.graph.person_links import apply_links, overrides_path, read_overrides, record_override
from cadregraph.graph.person_links import describe as describe_links
from cadregraph.graph.store import Store
from cadregraph.graph.stores import open_store
from cadregraph.pipeline.exits import EXIT_FAILED, EXIT_UNAVAILABLE, fail


def _open(args: argparse.Namespace, write: bool = False) -> Store:
    store = open_store(args.store, args.data_dir, write=write)
    note = store.describe().note
    if not write and note:
        fail(note)
    return store


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


def cmd_build(args: argparse.Namespace) -> int:
    from cadregraph.pipeline.batch import extraction_run

    run = extraction_run(args)
    store = _open(args, write=True)
    sources = Origins()
    rejected: list[str] = []  # only the refused documents: the load keeps no list of every record

    def records() -> Iterator[Any]:
        for record in run.records(args.paths):
            if args.fail_fast and rejected:
                return  # the store refused a document: --fail-fast stops here
            sources.append(record.document.source)
            yield record

    try:
        stats = store.load(records(), on_reject=_rejecter(sources, rejected))
        print_summary(stats, store.counts(), store.describe().where)
        print(_relink(store, args))
    finally:
        store.close()
    return EXIT_FAILED if run.failures or rejected else 0


class Origins:
    """Where the records of a load came from (a file, FILE:LINE), to name one the store refuses.

    A store refuses a record of the group it is writing (tens of documents), never one far behind,
    so only the last `keep` are held: a load of a million records holds no list of them all."""

    def __init__(self, keep: int = 10_000) -> None:
        self._recent: deque[str] = deque(maxlen=keep)
        self.count = 0

    def append(self, origin: str) -> None:
        self._recent.append(origin)
        self.count += 1

    def name(self, index: int) -> str:
        """The origin of the `index`-th record (0-based), or `record N` when it is not held."""
        back = self.count - index
        if 0 < back <= len(self._recent):
            return self._recent[-back]
        return f"record {index + 1}"


def _rejecter(origins: Origins, failures: list[str]) -> Callable[[int, str, str], None]:
    """`FILE:LINE: document ID: reason` on stderr for a document the store refused; the load goes on."""

    def reject(index: int, doc_id: str, reason: str) -> None:
        message = f"{origins.name(index)}: document {doc_id}: {reason}"
        failures.append(message)
        fail(message)

    return reject


def _read_records(
    paths: list[str], failures: list[str], origins: Origins | None = None, *, fail_fast: bool = False
) -> Iterator[Any]:
    """Records from JSONL files ('-' is stdin); a bad line is reported and skipped. `origins` gets
    FILE:LINE of every record yielded, in order (so a store's reject can name the line). With
    `fail_fast`, reading stops at the first failure in `failures` (a bad line, or a record the store
    refused)."""
    from pydantic import ValidationError

    from cadregraph.schemas import DocumentRecord

    for name in paths:
        handle: BinaryIO = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115 - closed below
        try:
            for number, raw in enumerate(handle, start=1):
                if fail_fast and failures:
                    return
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    message = f"{name}:{number}: not UTF-8 text"
                    failures.append(message)
                    fail(message)
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
                    fail(message)
                    continue
                if fail_fast and failures:
                    return
                if origins is not None:
                    origins.append(f"{name}:{number}")
                yield parsed
        finally:
            if handle is not sys.stdin.buffer:
                handle.close()


def _record_files_exist(names: list[str]) -> bool:
    """Whether every JSONL file named exists ('-' is stdin); the first missing one is one line."""
    for name in names:
        if name != "-" and not Path(name).is_file():
            fail(f"{name}: {'is a folder, not a JSONL file' if Path(name).is_dir() else 'no such file'}")
            return False
    return True


def cmd_load(args: argparse.Namespace) -> int:
    failures: list[str] = []
    if not _record_files_exist(args.records):
        return EXIT_UNAVAILABLE
    store = _open(args, write=True)
    origins = Origins()
    try:
        records = _read_records(args.records, failures, origins, fail_fast=args.fail_fast)
        stats = store.load(records, on_reject=_rejecter(origins, failures))
        print_summary(stats, store.counts(), store.describe().where)
        print(_relink(store, args))
    finally:
        store.close()
    return EXIT_FAILED if failures else 0


def cmd_import(args: argparse.Namespace) -> int:
    """First load of an empty Neo4j database through neo4j-admin (graph/importer.py)."""
    from cadregraph.graph.importer import run_import

    failures: list[str] = []
    if not _record_files_exist(args.records):
        return EXIT_UNAVAILABLE
    origins = Origins()
    records = _read_records(args.records, failures, origins)
    stats = run_import(records, on_reject=_rejecter(origins, failures), keep_files=args.keep_files)
    store = open_store("neo4j")
    try:
        print_summary(stats, store.counts(), store.describe().where)
        print(_relink(store, args))
    finally:
        store.close()
    return EXIT_FAILED if failures else 0


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
                fail(f"no document {doc_id!r} in {store.describe().where} (kg query documents lists them)")
        _print_counts(store.counts(), sys.stdout)
        print(_relink(store, args))
    finally:
        store.close()
    return EXIT_FAILED if missing else 0


# --- person links (issue 13) ----------------------------------------------------------------------


def _overrides_path(args: argparse.Namespace) -> Path:
    return overrides_path(args.store, args.data_dir, getattr(args, "overrides", None))


def _relink(store: Store, args: argparse.Namespace) -> str:
    """After a write: the SAME_AS links recomputed with the overrides file; the line to print."""
    return describe_links(apply_links(store, read_overrides(_overrides_path(args))))


def cmd_person_override(args: argparse.Namespace) -> int:
    """kg merge / kg split: write the decision to the overrides file, then apply it to the store."""
    path = _overrides_path(args)
    record_override(path, args.override, args.key1, args.key2, args.why or "")
    print(f"{args.override} {args.key1} {args.key2}: written to {path}")
    store = _open(args, write=True)
    try:
        print(_relink(store, args))
    finally:
        store.close()
    return 0


# --- query ----------------------------------------------------------------------------------------


def cmd_query(args: argparse.Namespace) -> int:
    from cadregraph.graph.queries import run_query
    from cadregraph.graph.saved_queries import get_query, load_queries, parse_param_pairs
    from cadregraph.graph.tables import cut_to_width, format_rows

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
        fail("give a query name (kg query --list shows them)")
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


def cmd_viz(args: argparse.Namespace) -> int:
    from cadregraph.graph.saved_queries import QueryError, parse_param_pairs
    from cadregraph.graph.viz import write_career, write_who_leads_what

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


def cmd_export(args: argparse.Namespace) -> int:
    from cadregraph.graph.export import (
        ExportError,
        export,
        parse_types,
        select_subgraph,
        write_careers_csv,
    )
    from cadregraph.graph.formats import TABLE_FORMATS

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
