"""The embedded store: the graph model (graph/model.py) in an SQLite database, exported as JSON.

Files in DATA_DIR:
  graph.sqlite  the record (graph/local_db.py): every document's contribution, the merged nodes and
                relationships. A load or delete runs in one SQLite transaction and, per document,
                reads only the contributions of the nodes and relationships the document touches, so
                its memory does not grow with the graph.
  graph.json    the same graph for anyone to read, rewritten from the database after every write
                that changed something, one item at a time (UTF-8 JSON object):
  {"format": "cadregraph-local-graph", "version": 1,
   "graph": <networkx node-link data: directed multigraph; "edges" key>,
   "contributions": {doc_id: {"digest", "null_target", "unresolved",
                              "nodes": [[label, key, props], ...],
                              "rels": [[type, start_label, start_key, end_label, end_key, rel_key, props], ...]}}}
In "graph", a node's id is "Label/key" with attributes label, key and props (the merged properties,
exactly what Neo4j shows); an edge's key is "TYPE:rel_key" with attributes type, rel_key and props.
Anyone can read it with `networkx.node_link_graph(data["graph"], edges="edges")`. "contributions" is
every loaded document's own rows: keeping them is what makes replace and delete exact (a document's
facts go, facts another document supports stay), the same way Neo4jStore's `_contrib` property does.
A data dir that has only graph.json (written before the database existed) is read from the file and
moved into a new database by its first write.

Writes are atomic and serialised: an exclusive lock file across processes, one SQLite transaction,
graph.json written to a temporary file in the same directory (fsync) before the commit and renamed
over the old one after it. Anything that fails rolls the transaction back and removes the temporary
file, so two `kg` processes cannot lose each other's work and a crash never leaves half a file.
Reads that walk the graph (saved queries, neighbourhoods, exports) build a networkx MultiDiGraph
from the database; a write never does.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from cadregraph.graph.cypher_view import GraphView
from cadregraph.graph.local_db import (
    DB_NAME,
    SCHEMA_VERSION,
    Writer,
    connect,
    counts,
    create_schema,
    documents,
    edge_name,
    has_tables,
    meta,
    migrate,
    node_name,
    person_facts,
    set_meta,
    write_json,
)
from cadregraph.graph.model import (
    NODE_LABELS,
    REL_TYPES,
    DocumentGraph,
    GraphDump,
    NodeId,
    Props,
    Reject,
    numbered_graphs,
)
from cadregraph.graph.person_links import PersonFacts, view_facts
from cadregraph.graph.store import LoadStats, Neighbourhood, Row, StoreError, StoreInfo, referenced_documents
from cadregraph.schemas import DocumentRecord

FILE_NAME = "graph.json"
LOCK_NAME = ".graph.lock"
FORMAT_NAME = "cadregraph-local-graph"
FORMAT_VERSION = 1
__all__ = [
    "DB_NAME",
    "FILE_NAME",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "LOCK_NAME",
    "LocalStore",
    "edge_name",
    "node_name",
]


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()


class LocalStore:
    """The graph in `data_dir/graph.sqlite` (the record) and `data_dir/graph.json` (its export, rewritten
    after every write); a data dir with only graph.json (older kg) is read from the file and moved
    into the database by its first write."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / FILE_NAME
        self.db_path = self.data_dir / DB_NAME
        self._graph: nx.MultiDiGraph | None = None
        self._legacy: dict[str, Any] | None = None  # graph.json of a data dir without a database
        if not self._ready() and self.path.is_file():
            self._legacy = self._read_file()

    def _ready(self) -> bool:
        """Whether the database holds the graph (else graph.json of an older kg, or nothing yet)."""
        if not self.db_path.is_file():
            return False
        with self._connection() as con:
            try:
                if not has_tables(con):
                    return False
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.db_path} is not a cadregraph local graph database: {exc}") from exc
            self._check(con)
        return True

    # -- files ------------------------------------------------------------------------------------

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The whole graph in networkx, for the reads that walk it (queries, neighbourhoods, dumps);
        built on first use, again after a write. Writes never build it."""
        if self._graph is None:
            self._graph = self._build_graph()
        return self._graph

    def _build_graph(self) -> nx.MultiDiGraph:
        if self._legacy is not None:
            return nx.node_link_graph(self._legacy["graph"], directed=True, multigraph=True, edges="edges")
        graph = nx.MultiDiGraph()
        if not self._ready():
            return graph
        with self._connection(snapshot=True) as con:
            for label, key, props in con.execute("SELECT label, key, props FROM nodes ORDER BY seq"):
                graph.add_node(node_name(label, key), label=label, key=key, props=json.loads(props))
            for rel_type, sl, sk, el, ek, rk, props in Writer(con).edges_in_order():
                graph.add_edge(
                    node_name(sl, sk),
                    node_name(el, ek),
                    key=edge_name(rel_type, rk),
                    type=rel_type,
                    rel_key=rk,
                    props=json.loads(props),
                )
        return graph

    def _read_file(self) -> dict[str, Any]:
        """graph.json, whole: only for a data dir that has no database yet (written by an older kg)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise StoreError(f"{self.path} is not a cadregraph local graph (no format {FORMAT_NAME!r})")
        if data.get("version") != FORMAT_VERSION:
            raise StoreError(
                f"{self.path} has format version {data.get('version')!r}; this kg reads version {FORMAT_VERSION}"
            )
        if not isinstance(data.get("graph"), dict) or not isinstance(data.get("contributions"), dict):
            raise StoreError(f"{self.path} is damaged: no graph or contributions")
        return data

    @contextlib.contextmanager
    def _connection(self, *, snapshot: bool = False) -> Iterator[sqlite3.Connection]:
        """A connection to the database; with `snapshot`, every read through it sees one committed
        state (a read transaction: WAL lets it run beside a writer's long load)."""
        try:
            con = connect(self.db_path)
            if snapshot:
                con.execute("BEGIN")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.db_path}: {exc}") from exc
        try:
            yield con
        finally:
            con.close()

    def _check(self, con: sqlite3.Connection) -> None:
        try:
            found = (meta(con, "format"), meta(con, "version"), meta(con, "schema"))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.db_path} is not a cadregraph local graph database: {exc}") from exc
        if found != (FORMAT_NAME, str(FORMAT_VERSION), SCHEMA_VERSION):
            raise StoreError(
                f"{self.db_path} is not a cadregraph local graph database of this kg ({found!r})"
            )

    def _write_file(self, con: sqlite3.Connection) -> None:
        """graph.json streamed from the database (inside its transaction): temporary file, fsync, rename."""
        handle, temp_name = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=self.data_dir)
        try:
            os.fchmod(handle, _FILE_MODE)  # mkstemp makes 0600; the graph is as readable as any other file
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                write_json(con, out, {"format": FORMAT_NAME, "version": FORMAT_VERSION}, json.dump)
                out.flush()
                os.fsync(out.fileno())
            set_meta(con, "json_stale", "1")
            con.execute("COMMIT")
            os.replace(temp_name, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name)
            raise
        with contextlib.suppress(OSError):  # make the rename itself durable
            dir_fd = os.open(self.data_dir, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        con.execute("UPDATE meta SET value = '0' WHERE name = 'json_stale'")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[tuple[sqlite3.Connection, list[bool]]]:
        """Exclusive lock and one SQLite transaction for a write. The body sets `changed[0]` when it
        changed the graph; then graph.json is rewritten and the transaction committed (graph.json is
        renamed into place after the commit; a writer killed between the two leaves `json_stale`,
        and the next write rewrites the file). Anything raised rolls everything back."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / LOCK_NAME, "a+b") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                self._remove_stale_temporaries()
                legacy = None if self._ready() or not self.path.is_file() else self._read_file()
                with self._connection() as con:
                    con.execute("BEGIN IMMEDIATE")
                    try:
                        create_schema(con, FORMAT_NAME, FORMAT_VERSION)
                        self._check(con)
                        if legacy is not None:
                            migrate(con, legacy)
                        del legacy
                        changed = [meta(con, "json_stale") == "1"]
                        yield con, changed
                        if changed[0]:
                            self._write_file(con)
                        else:
                            con.execute("COMMIT")
                        self._legacy = None  # committed: the database holds the graph now
                    except BaseException:
                        if con.in_transaction:
                            con.execute("ROLLBACK")
                        raise
                    finally:
                        self._graph = None
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def _remove_stale_temporaries(self) -> None:
        """Temporary files a killed writer left. Every writer holds the lock while its temporary file
        exists, so under the lock any that is there is stale."""
        for stale in self.data_dir.glob(".graph-*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()

    # -- writes -----------------------------------------------------------------------------------

    def load(self, records: Iterable[DocumentRecord], *, on_reject: Reject | None = None) -> LoadStats:
        """Load every record (add, replace or skip if unchanged) as it comes, in one transaction. A
        record the model refuses goes to `on_reject` (position, document id, reason) and the others
        load, as in Neo4j; without `on_reject` the error is raised and nothing is written."""
        return self.load_graphs(graph for _, graph in numbered_graphs(records, on_reject))

    def load_graphs(self, graphs: Iterable[DocumentGraph]) -> LoadStats:
        total = LoadStats()
        with self._transaction() as (con, changed):
            writer = Writer(con)
            for graph in graphs:
                stats = writer.apply(graph.doc_id, graph)
                stats.relations_null_target += graph.null_target
                stats.relations_unresolved += graph.unresolved
                total = total + stats
            changed[0] = changed[0] or bool(total.documents_added or total.documents_replaced)
        return total

    def delete_document(self, doc_id: str) -> LoadStats:
        with self._transaction() as (con, changed):
            stats = Writer(con).apply(doc_id, None)
            changed[0] = changed[0] or bool(stats.documents_deleted)
        return stats

    # -- reads ------------------------------------------------------------------------------------

    def documents(self) -> list[str]:
        if self._legacy is not None:
            return sorted(self._legacy["contributions"])
        if not self._ready():
            return []
        with self._connection(snapshot=True) as con:
            return documents(con)

    def counts(self) -> dict[str, int]:
        result = dict.fromkeys(NODE_LABELS, 0)
        result.update(dict.fromkeys(REL_TYPES, 0))
        if self._legacy is not None or not self._ready():
            for _, label in self.graph.nodes(data="label"):
                result[label] += 1
            types: dict[str, int] = {}
            for _, _, rel_type in self.graph.edges(data="type"):
                types[rel_type] = types.get(rel_type, 0) + 1
        else:
            with self._connection(snapshot=True) as con:
                labels, types = counts(con)
            result.update(labels)
        # SAME_AS links (graph/person_links.py) are outside the model's counts
        result.update({rel_type: n for rel_type, n in types.items() if rel_type in REL_TYPES})
        return result

    def dump(self) -> GraphDump:
        dump = GraphDump()
        for _, attrs in self.graph.nodes(data=True):
            dump.nodes[(attrs["label"], attrs["key"])] = dict(attrs["props"])
        for start, end, attrs in self.graph.edges(data=True):
            rel_id = (attrs["type"], *self._node_id(start), *self._node_id(end), attrs["rel_key"])
            dump.rels[rel_id] = dict(attrs["props"])
        dump.nodes = dict(sorted(dump.nodes.items()))
        dump.rels = dict(sorted(dump.rels.items()))
        return dump

    def person_facts(self) -> PersonFacts:
        if self._legacy is not None or not self._ready():
            return view_facts(GraphView(self.graph))
        with self._connection(snapshot=True) as con:
            return person_facts(con)

    def existing_persons(self, keys: Iterable[str]) -> set[str]:
        if self._legacy is not None or not self._ready():
            return {key for key in set(keys) if node_name("Person", key) in self.graph}
        with self._connection(snapshot=True) as con:
            writer = Writer(con)
            return {key for key in set(keys) if writer.exists(node_name("Person", key))}

    def replace_person_links(self, links: Sequence[tuple[str, str, Props]]) -> None:
        """Every SAME_AS edge replaced by `links` (person key, person key, props): graph/person_links.py
        recomputes them after each write; they are no document's contribution. Saved only when changed."""
        new = {(node_name("Person", a), node_name("Person", b)): dict(props) for a, b, props in links}
        if not new and not self.exists:  # nothing loaded yet: no database to make
            return
        with self._transaction() as (con, changed):
            writer = Writer(con)
            old = writer.links()
            if old != new:
                writer.replace_links(old, new)
                changed[0] = True

    def run_query(self, name_or_cypher: str, params: Mapping[str, Any]) -> list[Row]:
        """A saved query by name, answered in Python (graph/local_queries.py); Cypher text cannot run here."""
        from cadregraph.graph.local_queries import answer

        return answer(self.graph, name_or_cypher, dict(params))

    def subgraph(self, center: str, hops: int, types: Sequence[str]) -> Neighbourhood:
        """The neighbourhood of `center`: breadth first along `types`, either direction."""
        wanted = set(types)
        start = [
            node
            for node, attrs in self.graph.nodes(data=True)
            if attrs["label"] != "Document" and _is_center(attrs["key"], attrs["props"], center)
        ]
        seen = set(start)
        frontier = list(start)
        for _ in range(hops):
            following = []
            for node in frontier:
                edges = list(self.graph.out_edges(node, data="type")) + list(
                    self.graph.in_edges(node, data="type")
                )
                for a, b, rel_type in edges:
                    other = b if a == node else a
                    if rel_type in wanted and other not in seen:
                        seen.add(other)
                        following.append(other)
            frontier = following
        dump = GraphDump()
        for node in seen:
            attrs = self.graph.nodes[node]
            dump.nodes[(attrs["label"], attrs["key"])] = dict(attrs["props"])
        for a, b, attrs in self.graph.edges(data=True):
            if attrs["type"] in wanted and a in seen and b in seen:
                rel_id = (attrs["type"], *self._node_id(a), *self._node_id(b), attrs["rel_key"])
                dump.rels[rel_id] = dict(attrs["props"])
        dump.nodes = dict(sorted(dump.nodes.items()))
        dump.rels = dict(sorted(dump.rels.items()))
        keys = referenced_documents(dump)
        documents = {
            attrs["key"]: dict(attrs["props"])
            for _, attrs in self.graph.nodes(data=True)
            if attrs["label"] == "Document" and attrs["key"] in keys
        }
        return Neighbourhood(dump, documents)

    def _node_id(self, node: str) -> NodeId:
        attrs = self.graph.nodes[node]
        return attrs["label"], attrs["key"]

    def describe(self) -> StoreInfo:
        if self.exists:
            return StoreInfo(f"the local store {self.path}")
        return StoreInfo(
            f"the local store {self.path}",
            f"note: {self.path} does not exist yet; the graph is empty (run kg build first)",
        )

    def close(self) -> None:
        """Nothing to release: every write is saved when it happens."""

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _is_center(key: str, props: Mapping[str, Any], center: str) -> bool:
    """`n.key = $center OR n.name = $center OR $center IN n.aliases`"""
    return key == center or props.get("name") == center or center in (props.get("aliases") or [])
