"""`kg import`: a first load of a corpus into an EMPTY Neo4j database with `neo4j-admin database import full`.

Why: the batched loader pays a transaction, index updates and MERGE checks per group of documents;
the offline importer writes the store files directly and is several times faster for a first load.
It only fills an empty database (it replaces the store files), so `kg import` refuses one that holds
data; later documents go through `kg load`, which keeps working on the imported graph because the
CSV files hold exactly what the loader would have written (merged properties, `_digest` on
documents, each document's contributions on its MENTIONS: `_c` to the node, `_r` to the relationships
that start there).

Files: one CSV per label (nodes) or per type and end labels (relationships) and per property
signature, since neo4j-admin types a column once per file (826 stays an integer, 95.5 a float).
The server is stopped and started around the import by the project's own script
(`tools/neo4j/neo4jctl.sh import DIR`).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cadregraph.graph.model import (
    DocumentGraph,
    NodeId,
    Props,
    Reject,
    RelId,
    check_label,
    check_rel_type,
    merge_node_props,
    numbered_graphs,
)
from cadregraph.graph.neo4j_store import (
    CONTRIBUTION_PROPERTY,
    REL_CONTRIBUTION_PROPERTY,
    Neo4jStore,
    StoreUnavailable,
    contribution_json,
    rel_contributions,
    rel_write_props,
)
from cadregraph.graph.store import LoadStats
from cadregraph.schemas import DocumentRecord

REPO_ROOT = Path(__file__).resolve().parents[1]
NEO4JCTL = REPO_ROOT / "tools" / "neo4j" / "neo4jctl.sh"
ARRAY_DELIMITER = "\x1f"  # unit separator: never in news text, unlike neo4j-admin's default ';'


class ImportRefused(RuntimeError):
    """The import cannot run (database not empty, no local server, a value CSV cannot carry); one line."""


@dataclass
class ImportFiles:
    """The CSV files of one import and the neo4j-admin arguments that read them."""

    directory: Path
    arguments: list[str] = field(default_factory=list)
    stats: LoadStats = field(default_factory=LoadStats)
    # neo4j-admin reads an empty field as "no property": empty lists are set after the import.
    empty_node_lists: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label -> rows
    empty_rel_lists: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)


def _csv_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        kinds = {_csv_type(item) for item in value}
        return f"{kinds.pop() if len(kinds) == 1 else 'string'}[]"
    raise ImportRefused(f"a property value of type {type(value).__name__} cannot go into a CSV file")


def _csv_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        items = [_csv_value(item) for item in value]
        if any(ARRAY_DELIMITER in item for item in items):
            raise ImportRefused(
                "a list value holds the array delimiter U+001F; load this corpus with kg load"
            )
        return ARRAY_DELIMITER.join(items)
    return str(value)


def final_rows(graphs: Iterable[DocumentGraph]) -> tuple[dict[NodeId, Props], dict[RelId, Props]]:
    """Every node's and relationship's stored properties, as the loader leaves them after a load of
    these documents (a later graph with the same document id replaces an earlier one)."""
    latest: dict[str, DocumentGraph] = {}
    for graph in graphs:
        latest[graph.doc_id] = graph
    node_parts: dict[NodeId, list[Props]] = defaultdict(list)
    rel_parts: dict[RelId, list[Props]] = defaultdict(list)
    contributions: dict[tuple[str, NodeId], str] = {}
    rel_parts_at: dict[tuple[str, NodeId], str] = {}
    nodes: dict[NodeId, Props] = {}
    for doc_id, graph in latest.items():
        rel_parts_at.update(((doc_id, start), rels) for start, rels in rel_contributions(graph).items())
        for node in graph.nodes:
            if node.label == "Document":
                nodes[node.node_id] = {
                    **merge_node_props([node.props]),
                    "key": node.key,
                    "_digest": graph.digest,
                }
                continue
            node_parts[node.node_id].append(node.props)
            contributions[(doc_id, node.node_id)] = contribution_json(node.props)
        for rel in graph.rels:
            rel_parts[rel.rel_id].append(rel.props)
    for node_id, parts in node_parts.items():
        nodes[node_id] = {**merge_node_props(parts), "key": node_id[1]}
    rels: dict[RelId, Props] = {}
    for rel_id, parts in rel_parts.items():
        props = rel_write_props(rel_id, parts)
        if rel_id[0] == "MENTIONS":
            mentioned = (rel_id[2], (rel_id[3], rel_id[4]))
            props[CONTRIBUTION_PROPERTY] = contributions[mentioned]
            props[REL_CONTRIBUTION_PROPERTY] = rel_parts_at.get(mentioned, "[]")
        rels[rel_id] = {name: value for name, value in props.items() if value is not None}
    return nodes, rels


def _signature(props: Mapping[str, Any], skip: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted((name, _csv_type(value)) for name, value in props.items() if name not in skip and value != [])
    )


def _empty_lists(props: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {name: [] for name, value in props.items() if value == []}


def write_import_files(
    graphs: Iterable[DocumentGraph], directory: Path, database: str = "neo4j"
) -> ImportFiles:
    """CSV files for neo4j-admin and its arguments (`directory/import.args`, one per line)."""
    graphs = list(graphs)
    nodes, rels = final_rows(graphs)
    files = ImportFiles(directory)
    node_groups: dict[tuple[str, tuple[tuple[str, str], ...]], list[Props]] = defaultdict(list)
    for (label, key), props in nodes.items():
        node_groups[(check_label(label), _signature(props, ["key"]))].append(props)
        if empty := _empty_lists(props):
            files.empty_node_lists.setdefault(label, []).append({"key": key, "props": empty})
    for number, ((label, signature), rows) in enumerate(sorted(node_groups.items())):
        path = directory / f"nodes-{label}-{number}.csv"
        header = [f"key:ID({label})"] + [f"{name}:{kind}" for name, kind in signature]
        _write_csv(path, header, ([props["key"], *(props[name] for name, _ in signature)] for props in rows))
        files.arguments.append(f"--nodes={label}={path.name}")
    rel_groups: dict[tuple[str, str, str, tuple[tuple[str, str], ...]], list[tuple[RelId, Props]]] = (
        defaultdict(list)
    )
    for rel_id, props in rels.items():
        group = (check_rel_type(rel_id[0]), rel_id[1], rel_id[3], _signature(props, []))
        rel_groups[group].append((rel_id, props))
        if empty := _empty_lists(props):
            files.empty_rel_lists.setdefault((rel_id[0], rel_id[1], rel_id[3]), []).append(
                {"s": rel_id[2], "e": rel_id[4], "rk": rel_id[5], "props": empty}
            )
    for number, ((rel_type, start, end, signature), rel_rows) in enumerate(sorted(rel_groups.items())):
        path = directory / f"rels-{rel_type}-{number}.csv"
        header = [f":START_ID({start})", f":END_ID({end})"] + [f"{name}:{kind}" for name, kind in signature]
        _write_csv(
            path,
            header,
            ([rel_id[2], rel_id[4], *(props[name] for name, _ in signature)] for rel_id, props in rel_rows),
        )
        files.arguments.append(f"--relationships={rel_type}={path.name}")
    files.arguments += [
        "--overwrite-destination=true",
        "--multiline-fields=true",
        "--array-delimiter=U+001F",
        "--skip-bad-relationships=false",
        "--skip-duplicate-nodes=false",
        "--bad-tolerance=0",
        database,
    ]
    (directory / "import.args").write_text("\n".join(files.arguments) + "\n", encoding="utf-8")
    files.stats = LoadStats(
        documents_added=len({graph.doc_id for graph in graphs}),
        nodes_created=len(nodes),
        rels_created=len(rels),
        relations_null_target=sum(graph.null_target for graph in graphs),
        relations_unresolved=sum(graph.unresolved for graph in graphs),
    )
    return files


def _write_csv(path: Path, header: list[str], rows: Iterable[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_value(value) for value in row])


FIX_BATCH = 5000


def set_empty_lists(store: Neo4jStore, files: ImportFiles) -> None:
    """Give back the empty lists (`aliases: []`, `offsets: []`) CSV cannot carry; by key, after the
    constraints exist, in batches."""
    statements: list[tuple[str, list[dict[str, Any]]]] = []
    for label, rows in files.empty_node_lists.items():
        statements.append(
            (f"UNWIND $rows AS row MATCH (n:{check_label(label)} {{key: row.key}}) SET n += row.props", rows)
        )
    for (rel_type, start_label, end_label), rel_rows in files.empty_rel_lists.items():
        statement = (
            f"UNWIND $rows AS row MATCH (a:{check_label(start_label)} {{key: row.s}})"
            f"-[r:{check_rel_type(rel_type)} {{rel_key: row.rk}}]->(b:{check_label(end_label)} {{key: row.e}}) "
            "SET r += row.props"
        )
        statements.append((statement, rel_rows))
    with store.driver.session(database=store.database) as session:
        for statement, rows in statements:
            for start in range(0, len(rows), FIX_BATCH):
                session.execute_write(_run_rows, statement, rows[start : start + FIX_BATCH])


def _run_rows(tx: Any, statement: str, rows: list[dict[str, Any]]) -> None:
    tx.run(statement, rows=rows).consume()


def refuse_unless_empty(store: Neo4jStore) -> None:
    """neo4j-admin replaces the store files: only an empty database may be imported into."""
    rows = store.run_read("MATCH (n) RETURN count(n) AS nodes")
    held = int(rows[0]["nodes"]) if rows else 0
    if held:
        raise ImportRefused(
            f"Neo4j at {store.uri} already holds {held} nodes; kg import only fills an empty database "
            "(add documents with kg load, or empty the database first)"
        )


def run_import(
    records: Iterable[DocumentRecord], *, on_reject: Reject | None = None, keep_files: Path | None = None
) -> LoadStats:
    """Check the database is empty, write the CSV files, stop the server, import, start it again,
    create the constraints and indexes. Returns what was imported."""
    store = Neo4jStore.from_env()
    try:
        refuse_unless_empty(store)
        database = store.database or "neo4j"
    finally:
        store.close()
    if not NEO4JCTL.is_file():
        raise ImportRefused(f"{NEO4JCTL} is missing; kg import runs the project's Neo4j script")
    return import_graphs(
        (graph for _, graph in numbered_graphs(records, on_reject)), database=database, keep_files=keep_files
    )


def import_graphs(
    graphs: Iterable[DocumentGraph], *, database: str = "neo4j", keep_files: Path | None = None
) -> LoadStats:
    """The import itself, for rows already made by graph_rows (the benchmark starts here)."""
    directory = Path(tempfile.mkdtemp(prefix="kg-import-")) if keep_files is None else keep_files
    directory.mkdir(parents=True, exist_ok=True)
    try:
        files = write_import_files(graphs, directory, database)
        log = directory / "import.log"
        with log.open("w", encoding="utf-8") as out:
            done = subprocess.run(["bash", str(NEO4JCTL), "import", str(directory)], stdout=out, stderr=out)
        if done.returncode != 0:
            last = [
                line
                for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
                if line.strip()
            ]
            keep_files = directory  # the log explains the failure: keep it
            raise ImportRefused(f"neo4j-admin import failed ({last[-1] if last else 'no output'}); see {log}")
        try:
            store = Neo4jStore.from_env()
        except StoreUnavailable as exc:
            raise ImportRefused(f"the import ran but the server did not come back: {exc}") from exc
        try:
            store.ensure_schema()
            set_empty_lists(store, files)
        finally:
            store.close()
        return files.stats
    finally:
        if keep_files is None:
            shutil.rmtree(directory, ignore_errors=True)
