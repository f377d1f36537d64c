"""The embedded store's record: an SQLite database (`DATA_DIR/graph.sqlite`, stdlib sqlite3).

It holds what graph.json holds, in rows a write can reach one at a time: each document's contribution
(as its JSON text, and by node and relationship), the merged nodes and relationships, and the order
networkx would list them in. A document's load reads only the contributions of the nodes and
relationships it touches and merges them with the model's own functions (graph/model.py), so a load
holds one document and the facts it touches, never the whole graph; graph.json is then written from
the rows, one node, edge or contribution at a time (`write_json`).

Order: graph.json lists nodes and edges as networkx's node-link data does (insertion order), so the
file is the same, byte for byte, as the one the networkx store wrote for the same loads. `nodes.seq`
is a node's insertion (a node deleted and made again goes to the end), `pairs` is the
(source, target) entry of networkx's adjacency (made with the first edge between the two, gone with
the last), `edges.seq` an edge's insertion among its pair's.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from cadregraph.graph.model import (
    DocumentGraph,
    NodeId,
    NodeRow,
    Props,
    RelId,
    RelRow,
    merge_node_props,
    merge_rel_props,
)
from cadregraph.graph.person_links import LINK_TYPE, POST_TYPES, PersonFacts, view_transfer
from cadregraph.graph.store import LoadStats, StoreError

DB_NAME = "graph.sqlite"
SCHEMA_VERSION = "1"
JSON_OPTIONS: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}
_CHUNK = 500  # host parameters per IN (...) list

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY, digest TEXT NOT NULL, part TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS node_rows (
    label TEXT NOT NULL, key TEXT NOT NULL, doc_id TEXT NOT NULL, content TEXT NOT NULL,
    PRIMARY KEY (label, key, doc_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rel_rows (
    type TEXT NOT NULL, sl TEXT NOT NULL, sk TEXT NOT NULL, el TEXT NOT NULL, ek TEXT NOT NULL,
    rk TEXT NOT NULL, doc_id TEXT NOT NULL, content TEXT NOT NULL,
    PRIMARY KEY (type, sl, sk, el, ek, rk, doc_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS nodes (
    seq INTEGER PRIMARY KEY, label TEXT NOT NULL, key TEXT NOT NULL, name TEXT, props TEXT NOT NULL,
    UNIQUE (label, key));
CREATE INDEX IF NOT EXISTS nodes_name ON nodes (label, name);
CREATE TABLE IF NOT EXISTS pairs (
    seq INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, UNIQUE (source, target));
CREATE INDEX IF NOT EXISTS pairs_target ON pairs (target);
CREATE TABLE IF NOT EXISTS edges (
    seq INTEGER PRIMARY KEY, pair INTEGER NOT NULL, type TEXT NOT NULL, sl TEXT NOT NULL, sk TEXT NOT NULL,
    el TEXT NOT NULL, ek TEXT NOT NULL, rk TEXT NOT NULL, props TEXT NOT NULL, transfer INTEGER NOT NULL,
    UNIQUE (type, sl, sk, el, ek, rk));
CREATE INDEX IF NOT EXISTS edges_start ON edges (sl, sk, pair, seq);
CREATE INDEX IF NOT EXISTS edges_end ON edges (el, ek);
CREATE INDEX IF NOT EXISTS edges_pair ON edges (pair);
CREATE INDEX IF NOT EXISTS edges_transfer ON edges (transfer) WHERE transfer;
"""

_REL_WHERE = "type = ? AND sl = ? AND sk = ? AND el = ? AND ek = ? AND rk = ?"


def node_name(label: str, key: str) -> str:
    """The networkx node id of (label, key); labels never contain '/', so it splits back uniquely."""
    return f"{label}/{key}"


def edge_name(rel_type: str, rel_key: str) -> str:
    """The networkx edge key among parallel edges; types never contain ':'."""
    return f"{rel_type}:{rel_key}"


def _dumps(value: Any) -> str:
    return json.dumps(value, **JSON_OPTIONS)


def connect(path: Path) -> sqlite3.Connection:
    """A connection that starts transactions only when told, waits for other processes' (up to ten
    minutes) and keeps SQLite's bounded page cache (2 MB). Write-ahead log: readers (kg query) see
    the last committed graph while a long load writes, instead of waiting for it."""
    con = sqlite3.connect(path, timeout=600, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    return con


def create_schema(con: sqlite3.Connection, format_name: str, format_version: int) -> None:
    """The tables, inside the caller's transaction (a failed first write leaves no empty tables that
    would hide an older graph.json)."""
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            con.execute(statement)
    con.execute(
        "INSERT OR IGNORE INTO meta VALUES ('format', ?), ('version', ?), ('schema', ?), ('json_stale', '0')",
        (format_name, str(format_version), SCHEMA_VERSION),
    )


def has_tables(con: sqlite3.Connection) -> bool:
    """Whether a write ever committed here (a database file can exist without: a first write that failed)."""
    return (
        con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
        is not None
    )


def meta(con: sqlite3.Connection, name: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(con: sqlite3.Connection, name: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))


# --- contributions <-> JSON ----------------------------------------------------------------------


def graph_to_json(graph: DocumentGraph) -> dict[str, Any]:
    return {
        "digest": graph.digest,
        "null_target": graph.null_target,
        "unresolved": graph.unresolved,
        "nodes": [[row.label, row.key, row.props] for row in graph.nodes],
        "rels": [[*row.rel_id, row.props] for row in graph.rels],
    }


def graph_from_json(doc_id: str, part: dict[str, Any]) -> DocumentGraph:
    return DocumentGraph(
        doc_id=doc_id,
        nodes=[NodeRow(label, key, props) for label, key, props in part["nodes"]],
        rels=[RelRow(*row) for row in part["rels"]],
        null_target=int(part["null_target"]),
        unresolved=int(part["unresolved"]),
        digest=str(part["digest"]),
    )


def _content(doc_id: str, props: Props) -> str:
    """A row's properties without `docs` (always [doc_id]), so that equal rows group in SQL."""
    if props.get("docs") != [doc_id]:
        raise ValueError(f"a row of document {doc_id!r} names docs {props.get('docs')!r}")
    return _dumps({name: value for name, value in props.items() if name != "docs"})


def _grouped(rows: Iterable[tuple[str, str]]) -> list[Props]:
    """Grouped contributions (graph/model.py group_contributions) from (content, JSON list of docs)."""
    return [{**json.loads(content), "docs": sorted(json.loads(docs))} for content, docs in rows]


# --- one document's write ------------------------------------------------------------------------


class Writer:
    """Per-document writes inside the caller's transaction, the same steps as the networkx store had."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def document(self, doc_id: str) -> tuple[str, str] | None:
        row = self.con.execute("SELECT digest, part FROM docs WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def apply(self, doc_id: str, graph: DocumentGraph | None) -> LoadStats:
        """Replace `doc_id`'s contribution by `graph`'s (remove it when None). Statistics: a node or
        relationship is created when it did not exist, deleted when nothing supports it any more,
        updated when its visible properties changed."""
        stats = LoadStats()
        stored = self.document(doc_id)
        if graph is not None and stored is not None and stored[0] == graph.digest:
            stats.documents_unchanged = 1
            return stats
        if graph is None and stored is None:
            return stats
        old = graph_from_json(doc_id, json.loads(stored[1])) if stored is not None else None
        if old is not None:
            self._drop_rows(old)
        if graph is not None:
            self.add_rows(graph)

        old_nodes = {row.node_id for row in old.nodes} if old else set()
        old_rels = {row.rel_id for row in old.rels} if old else set()
        new_nodes = {row.node_id for row in graph.nodes} if graph else set()
        new_rels = {row.rel_id for row in graph.rels} if graph else set()
        touched_rels = sorted(old_rels | new_rels)
        supported = {rel_id: self._rel_supported(rel_id) for rel_id in touched_rels}
        for rel_id in touched_rels:
            if not supported[rel_id]:
                self._remove_edge(rel_id)
                stats.rels_deleted += 1
        for node_id in sorted(old_nodes | new_nodes):
            before = self.node_props(node_id)
            parts = self._node_parts(node_id)
            if not parts:
                self._remove_node(node_id)
                stats.nodes_deleted += 1
                continue
            after = merge_node_props(parts)
            self._set_node(node_id, after, exists=before is not None)
            stats.nodes_created += before is None
            stats.nodes_updated += before is not None and before != after
        for rel_id in touched_rels:
            if supported[rel_id]:
                before = self.edge_props(rel_id)
                after = merge_rel_props(self._rel_parts(rel_id))
                self.set_edge(rel_id, after, exists=before is not None)
                stats.rels_created += before is None
                stats.rels_updated += before is not None and before != after

        if graph is None:
            stats.documents_deleted = 1
        elif old is not None:
            stats.documents_replaced = 1
        else:
            stats.documents_added = 1
        return stats

    # -- rows ---------------------------------------------------------------------------------------

    def _drop_rows(self, old: DocumentGraph) -> None:
        self.con.execute("DELETE FROM docs WHERE doc_id = ?", (old.doc_id,))
        self.con.executemany(
            "DELETE FROM node_rows WHERE label = ? AND key = ? AND doc_id = ?",
            [(*row.node_id, old.doc_id) for row in old.nodes],
        )
        self.con.executemany(
            f"DELETE FROM rel_rows WHERE {_REL_WHERE} AND doc_id = ?",
            [(*row.rel_id, old.doc_id) for row in old.rels],
        )

    def add_rows(self, graph: DocumentGraph) -> None:
        self.add_document(graph.doc_id, graph.digest, _dumps(graph_to_json(graph)))
        self.con.executemany(
            "INSERT INTO node_rows VALUES (?, ?, ?, ?)",
            [(*row.node_id, graph.doc_id, _content(graph.doc_id, row.props)) for row in graph.nodes],
        )
        self.con.executemany(
            "INSERT INTO rel_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row.rel_id, graph.doc_id, _content(graph.doc_id, row.props)) for row in graph.rels],
        )

    def add_document(self, doc_id: str, digest: str, part: str) -> None:
        self.con.execute("INSERT INTO docs VALUES (?, ?, ?)", (doc_id, digest, part))

    def _node_parts(self, node_id: NodeId) -> list[Props]:
        return _grouped(
            self.con.execute(
                "SELECT content, json_group_array(doc_id) FROM node_rows WHERE label = ? AND key = ? "
                "GROUP BY content",
                node_id,
            )
        )

    def _rel_parts(self, rel_id: RelId) -> list[Props]:
        return _grouped(
            self.con.execute(
                f"SELECT content, json_group_array(doc_id) FROM rel_rows WHERE {_REL_WHERE} GROUP BY content",
                rel_id,
            )
        )

    def _rel_supported(self, rel_id: RelId) -> bool:
        return (
            self.con.execute(f"SELECT 1 FROM rel_rows WHERE {_REL_WHERE} LIMIT 1", rel_id).fetchone()
            is not None
        )

    # -- the merged graph ---------------------------------------------------------------------------

    def node_props(self, node_id: NodeId) -> Props | None:
        row = self.con.execute("SELECT props FROM nodes WHERE label = ? AND key = ?", node_id).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def edge_props(self, rel_id: RelId) -> Props | None:
        row = self.con.execute(f"SELECT props FROM edges WHERE {_REL_WHERE}", rel_id).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def _set_node(self, node_id: NodeId, props: Props, *, exists: bool) -> None:
        name = props.get("name") if isinstance(props.get("name"), str) else None
        if exists:
            self.con.execute(
                "UPDATE nodes SET name = ?, props = ? WHERE label = ? AND key = ?",
                (name, _dumps(props), *node_id),
            )
        else:
            self.add_node(node_id, props)

    def add_node(self, node_id: NodeId, props: Props) -> None:
        name = props.get("name") if isinstance(props.get("name"), str) else None
        self.con.execute(
            "INSERT INTO nodes (label, key, name, props) VALUES (?, ?, ?, ?)", (*node_id, name, _dumps(props))
        )

    def _remove_node(self, node_id: NodeId) -> None:
        """The node and every edge at it (networkx's remove_node), SAME_AS links too."""
        name = node_name(*node_id)
        self.con.execute("DELETE FROM nodes WHERE label = ? AND key = ?", node_id)
        self.con.execute(
            "DELETE FROM edges WHERE (sl = ? AND sk = ?) OR (el = ? AND ek = ?)", (*node_id, *node_id)
        )
        self.con.execute("DELETE FROM pairs WHERE source = ? OR target = ?", (name, name))

    def set_edge(self, rel_id: RelId, props: Props, *, exists: bool) -> None:
        transfer = int(rel_id[0] == "APPOINTED_TO" and props.get("former_organization") is not None)
        if exists:
            self.con.execute(
                f"UPDATE edges SET props = ?, transfer = ? WHERE {_REL_WHERE}",
                (_dumps(props), transfer, *rel_id),
            )
            return
        rel_type, start_label, start_key, end_label, end_key, _ = rel_id
        source, target = node_name(start_label, start_key), node_name(end_label, end_key)
        row = self.con.execute(
            "SELECT seq FROM pairs WHERE source = ? AND target = ?", (source, target)
        ).fetchone()
        pair = (
            row[0]
            if row
            else self.con.execute(
                "INSERT INTO pairs (source, target) VALUES (?, ?)", (source, target)
            ).lastrowid
        )
        self.con.execute(
            "INSERT INTO edges (pair, type, sl, sk, el, ek, rk, props, transfer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (pair, *rel_id, _dumps(props), transfer),
        )

    def _remove_edge(self, rel_id: RelId) -> None:
        row = self.con.execute(f"SELECT seq, pair FROM edges WHERE {_REL_WHERE}", rel_id).fetchone()
        if row is None:
            return
        self.con.execute("DELETE FROM edges WHERE seq = ?", (row[0],))
        if self.con.execute("SELECT 1 FROM edges WHERE pair = ? LIMIT 1", (row[1],)).fetchone() is None:
            self.con.execute("DELETE FROM pairs WHERE seq = ?", (row[1],))

    # -- person links -------------------------------------------------------------------------------

    def links(self) -> dict[tuple[str, str], Props]:
        """The SAME_AS edges, (source node id, target node id) -> props, in graph order."""
        return {
            (node_name(sl, sk), node_name(el, ek)): json.loads(props)
            for _, sl, sk, el, ek, _, props in self.edges_in_order(LINK_TYPE)
        }

    def replace_links(self, old: Iterable[tuple[str, str]], new: dict[tuple[str, str], Props]) -> None:
        for a, b in old:
            self._remove_edge((LINK_TYPE, *_split(a), *_split(b), ""))
        for (a, b), props in new.items():
            if self.exists(a) and self.exists(b):
                rel_id = (LINK_TYPE, *_split(a), *_split(b), "")
                self.set_edge(rel_id, props, exists=self.edge_props(rel_id) is not None)

    def exists(self, name: str) -> bool:
        return (
            self.con.execute("SELECT 1 FROM nodes WHERE label = ? AND key = ?", _split(name)).fetchone()
            is not None
        )

    # -- reads in graph order -----------------------------------------------------------------------

    def edges_in_order(
        self, rel_type: str | None = None
    ) -> Iterator[tuple[str, str, str, str, str, str, str]]:
        """(type, sl, sk, el, ek, rk, props) of every edge (of `rel_type`), in networkx's order: by
        source node, then adjacency entry, then insertion. One node's edges at a time."""
        where = "" if rel_type is None else " AND type = ?"
        extra: tuple[str, ...] = () if rel_type is None else (rel_type,)
        nodes = self.con.execute("SELECT label, key FROM nodes ORDER BY seq")
        for label, key in nodes:
            yield from self.con.execute(
                f"SELECT type, sl, sk, el, ek, rk, props FROM edges WHERE sl = ? AND sk = ?{where} ORDER BY pair, seq",
                (label, key, *extra),
            )


def migrate(con: sqlite3.Connection, data: dict[str, Any]) -> None:
    """An older data dir's graph.json (parsed) into the empty tables: contributions as they are,
    nodes and edges in the file's order (which is networkx's), so the next graph.json is the same."""
    writer = Writer(con)
    try:
        for doc_id, part in data["contributions"].items():
            writer.add_rows(graph_from_json(doc_id, part))
        for node in data["graph"]["nodes"]:
            writer.add_node((node["label"], node["key"]), node["props"])
        for edge in data["graph"]["edges"]:
            rel_id = (edge["type"], *_split(edge["source"]), *_split(edge["target"]), edge["rel_key"])
            writer.set_edge(rel_id, edge["props"], exists=False)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, sqlite3.IntegrityError) as exc:
        raise StoreError(f"graph.json is damaged: {exc!r}") from exc


def _split(name: str) -> NodeId:
    label, _, key = name.partition("/")
    return label, key


# --- graph.json, streamed --------------------------------------------------------------------------


def write_json(con: sqlite3.Connection, out: IO[str], header: dict[str, Any], dump: Any = json.dump) -> None:
    """graph.json from the rows: exactly `json.dump({**header, "graph": node_link_data, "contributions":
    ...}, separators=(",", ":"), ensure_ascii=False)` of the networkx store, one item at a time."""
    out.write(_dumps(header)[:-1] + ',"graph":{"directed":true,"multigraph":true,"graph":{},"nodes":[')
    for index, (label, key, props) in enumerate(
        con.execute("SELECT label, key, props FROM nodes ORDER BY seq")
    ):
        if index:
            out.write(",")
        item = {"label": label, "key": key, "props": json.loads(props), "id": node_name(label, key)}
        dump(item, out, **JSON_OPTIONS)
    out.write('],"edges":[')
    for index, (rel_type, sl, sk, el, ek, rk, props) in enumerate(Writer(con).edges_in_order()):
        if index:
            out.write(",")
        item = {
            "type": rel_type,
            "rel_key": rk,
            "props": json.loads(props),
            "source": node_name(sl, sk),
            "target": node_name(el, ek),
            "key": edge_name(rel_type, rk),
        }
        dump(item, out, **JSON_OPTIONS)
    out.write(']},"contributions":{')
    for index, (doc_id, part) in enumerate(con.execute("SELECT doc_id, part FROM docs ORDER BY doc_id")):
        out.write(("," if index else "") + _dumps(doc_id) + ":" + part)
    out.write("}}")


# --- reads -----------------------------------------------------------------------------------------


def person_facts(con: sqlite3.Connection) -> PersonFacts:
    """What graph/person_links.py view_facts reads from the networkx graph, read from the rows: the
    transfers (APPOINTED_TO with a former organisation, flagged `transfer`), then only the persons
    named like a transferred person and their posts."""
    transfers = [
        view_transfer(sk, ek, json.loads(props)) for _, _, sk, _, ek, _, props in _transfer_edges(con)
    ]
    keys = sorted({t.person for t in transfers})
    wanted: set[str] = set()
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        wanted |= {
            str(name)
            for (name,) in con.execute(
                f"SELECT name FROM nodes WHERE label = 'Person' AND key IN ({marks}) AND name IS NOT NULL",
                chunk,
            )
        }
    names: dict[str, str] = {}
    posts: dict[str, set[str]] = {}
    types = ",".join("?" * len(POST_TYPES))
    for name in sorted(wanted):
        for (key,) in con.execute("SELECT key FROM nodes WHERE label = 'Person' AND name = ?", (name,)):
            names[key] = name
            posts[key] = {
                org
                for (org,) in con.execute(
                    f"SELECT ek FROM edges WHERE sl = 'Person' AND sk = ? AND el = 'Organization' AND type IN ({types})",
                    (key, *POST_TYPES),
                )
            }
    return PersonFacts(names, posts, transfers)


def _transfer_edges(con: sqlite3.Connection) -> Iterator[tuple[str, str, str, str, str, str, str]]:
    """The transfer edges in graph order (the order view_facts meets them)."""
    rows = con.execute(
        "SELECT e.type, e.sl, e.sk, e.el, e.ek, e.rk, e.props FROM edges e "
        "JOIN nodes n ON n.label = e.sl AND n.key = e.sk WHERE e.transfer ORDER BY n.seq, e.pair, e.seq"
    )
    yield from rows


def counts(con: sqlite3.Connection) -> tuple[dict[str, int], dict[str, int]]:
    labels = {
        str(label): int(n) for label, n in con.execute("SELECT label, count(*) FROM nodes GROUP BY label")
    }
    types = {str(t): int(n) for t, n in con.execute("SELECT type, count(*) FROM edges GROUP BY type")}
    return labels, types


def documents(con: sqlite3.Connection) -> list[str]:
    return [str(doc_id) for (doc_id,) in con.execute("SELECT doc_id FROM docs ORDER BY doc_id")]
