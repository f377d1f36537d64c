"""The embedded store: the graph model (graph/model.py) kept in a networkx MultiDiGraph, saved as JSON.

File format: `DATA_DIR/graph.json`, UTF-8 JSON object
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

Writes are whole-file and atomic (temporary file in the same directory, fsync, rename), under an
exclusive lock file, re-reading the file first, so two `kg` processes cannot lose each other's work and
a crash never leaves half a file.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from cadregraph.graph.cypher_view import GraphView
from cadregraph.graph.model import (
    NODE_LABELS,
    REL_TYPES,
    DocumentGraph,
    GraphDump,
    NodeId,
    NodeRow,
    Props,
    Reject,
    RelId,
    RelRow,
    merge_node_props,
    merge_rel_props,
    numbered_graphs,
)
from cadregraph.graph.person_links import LINK_TYPE, PersonFacts, view_facts
from cadregraph.graph.store import LoadStats, Neighbourhood, Row, StoreError, StoreInfo, referenced_documents
from cadregraph.schemas import DocumentRecord

FILE_NAME = "graph.json"
LOCK_NAME = ".graph.lock"
FORMAT_NAME = "cadregraph-local-graph"
FORMAT_VERSION = 1


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()


def node_name(label: str, key: str) -> str:
    """The networkx node id of (label, key); labels never contain '/', so it splits back uniquely."""
    return f"{label}/{key}"


def edge_name(rel_type: str, rel_key: str) -> str:
    """The networkx edge key among parallel edges; types never contain ':'."""
    return f"{rel_type}:{rel_key}"


class LocalStore:
    """The graph in `data_dir/graph.json`; read when opened, rewritten by every load or delete."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / FILE_NAME
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self._contrib: dict[str, DocumentGraph] = {}
        self._rows: dict[str, _RowIndex] = {}  # the same rows, by identity
        self._node_docs: dict[NodeId, set[str]] = {}
        self._rel_docs: dict[RelId, set[str]] = {}
        self._read()

    # -- file -------------------------------------------------------------------------------------

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    def _read(self) -> None:
        self.graph = nx.MultiDiGraph()
        self._contrib = {}
        self._rows = {}
        self._node_docs = {}
        self._rel_docs = {}
        if not self.path.is_file():
            return
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
        try:
            self.graph = nx.node_link_graph(data["graph"], directed=True, multigraph=True, edges="edges")
            for doc_id, part in data["contributions"].items():
                self._contrib[doc_id] = _graph_from_json(doc_id, part)
                self._rows[doc_id] = _RowIndex.of(self._contrib[doc_id])
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise StoreError(f"{self.path} is damaged: {exc!r}") from exc
        for doc_id, contribution in self._contrib.items():
            for node in contribution.nodes:
                self._node_docs.setdefault(node.node_id, set()).add(doc_id)
            for rel in contribution.rels:
                self._rel_docs.setdefault(rel.rel_id, set()).add(doc_id)

    def _write(self) -> None:
        data = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "graph": nx.node_link_data(self.graph, edges="edges"),
            "contributions": {
                doc_id: _graph_to_json(self._contrib[doc_id]) for doc_id in sorted(self._contrib)
            },
        }
        self.data_dir.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=self.data_dir)
        try:
            os.fchmod(handle, _FILE_MODE)  # mkstemp makes 0600; the graph is as readable as any other file
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
                out.flush()
                os.fsync(out.fileno())
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

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Exclusive lock for a read-modify-write cycle; state is re-read under the lock."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / LOCK_NAME, "a+b") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                self._remove_stale_temporaries()
                self._read()
                yield
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
        """Load every record (add, replace or skip if unchanged), then save once. A record the model
        refuses goes to `on_reject` (position, document id, reason) and the others load, as in Neo4j;
        without `on_reject` the error is raised and nothing is written."""
        graphs = [graph for _, graph in numbered_graphs(records, on_reject)]
        return self.load_graphs(graphs)

    def load_graphs(self, graphs: Iterable[DocumentGraph]) -> LoadStats:
        graphs = list(graphs)
        total = LoadStats()
        with self._locked():
            for graph in graphs:
                stats = self._apply(graph.doc_id, graph)
                stats.relations_null_target += graph.null_target
                stats.relations_unresolved += graph.unresolved
                total = total + stats
            if total.documents_added or total.documents_replaced:
                self._write()
        return total

    def delete_document(self, doc_id: str) -> LoadStats:
        with self._locked():
            stats = self._apply(doc_id, None)
            if stats.documents_deleted:
                self._write()
        return stats

    def _apply(self, doc_id: str, graph: DocumentGraph | None) -> LoadStats:
        """Replace `doc_id`'s contribution by `graph`'s (remove it when None). Statistics: a node or
        relationship is created when it did not exist, deleted when nothing supports it any more,
        updated when its visible properties changed."""
        stats = LoadStats()
        old = self._contrib.get(doc_id)
        if graph is not None and old is not None and old.digest == graph.digest:
            stats.documents_unchanged = 1
            return stats
        if graph is None and old is None:
            return stats

        old_nodes = {row.node_id for row in old.nodes} if old else set()
        old_rels = {row.rel_id for row in old.rels} if old else set()
        new_nodes = {row.node_id for row in graph.nodes} if graph else set()
        new_rels = {row.rel_id for row in graph.rels} if graph else set()
        if graph is None:
            del self._contrib[doc_id], self._rows[doc_id]
        else:
            self._contrib[doc_id] = graph
            self._rows[doc_id] = _RowIndex.of(graph)

        touched_rels = sorted(old_rels | new_rels)
        for rel_id in touched_rels:
            docs = self._rel_docs.setdefault(rel_id, set())
            docs.discard(doc_id)
            if rel_id in new_rels:
                docs.add(doc_id)
            if not docs:
                del self._rel_docs[rel_id]
                self._remove_edge(rel_id)
                stats.rels_deleted += 1
        for node_id in sorted(old_nodes | new_nodes):
            docs = self._node_docs.setdefault(node_id, set())
            docs.discard(doc_id)
            if node_id in new_nodes:
                docs.add(doc_id)
            name = node_name(*node_id)
            before = self.graph.nodes[name]["props"] if name in self.graph else None
            if not docs:
                del self._node_docs[node_id]
                self.graph.remove_node(name)
                stats.nodes_deleted += 1
                continue
            after = self._set_node(node_id)
            stats.nodes_created += before is None
            stats.nodes_updated += before is not None and before != after
        for rel_id in touched_rels:
            if rel_id in self._rel_docs:
                before = self._edge_props(rel_id)
                after = self._set_edge(rel_id)
                stats.rels_created += before is None
                stats.rels_updated += before is not None and before != after

        if graph is None:
            stats.documents_deleted = 1
        elif old is not None:
            stats.documents_replaced = 1
        else:
            stats.documents_added = 1
        return stats

    def _edge_props(self, rel_id: RelId) -> Props | None:
        rel_type, start_label, start_key, end_label, end_key, rel_key = rel_id
        data = self.graph.get_edge_data(
            node_name(start_label, start_key), node_name(end_label, end_key), key=edge_name(rel_type, rel_key)
        )
        return None if data is None else dict(data["props"])

    def _set_node(self, node_id: NodeId) -> Props:
        label, key = node_id
        props = merge_node_props([self._rows[doc].nodes[node_id] for doc in sorted(self._node_docs[node_id])])
        self.graph.add_node(node_name(label, key), label=label, key=key, props=props)
        return props

    def _set_edge(self, rel_id: RelId) -> Props:
        rel_type, start_label, start_key, end_label, end_key, rel_key = rel_id
        props = merge_rel_props([self._rows[doc].rels[rel_id] for doc in sorted(self._rel_docs[rel_id])])
        self.graph.add_edge(
            node_name(start_label, start_key),
            node_name(end_label, end_key),
            key=edge_name(rel_type, rel_key),
            type=rel_type,
            rel_key=rel_key,
            props=props,
        )
        return props

    def _remove_edge(self, rel_id: RelId) -> None:
        rel_type, start_label, start_key, end_label, end_key, rel_key = rel_id
        with contextlib.suppress(nx.NetworkXError):
            self.graph.remove_edge(
                node_name(start_label, start_key),
                node_name(end_label, end_key),
                key=edge_name(rel_type, rel_key),
            )

    # -- reads ------------------------------------------------------------------------------------

    def documents(self) -> list[str]:
        return sorted(self._contrib)

    def counts(self) -> dict[str, int]:
        result = dict.fromkeys(NODE_LABELS, 0)
        for _, label in self.graph.nodes(data="label"):
            result[label] += 1
        result.update(dict.fromkeys(REL_TYPES, 0))
        for _, _, rel_type in self.graph.edges(data="type"):
            if rel_type in result:  # SAME_AS links (graph/person_links.py) are outside the model's counts
                result[rel_type] += 1
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
        return view_facts(GraphView(self.graph))

    def existing_persons(self, keys: Iterable[str]) -> set[str]:
        return {key for key in set(keys) if node_name("Person", key) in self.graph}

    def replace_person_links(self, links: Sequence[tuple[str, str, Props]]) -> None:
        """Every SAME_AS edge replaced by `links` (person key, person key, props): graph/person_links.py
        recomputes them after each write; they are no document's contribution. Saved only when changed."""
        new = {(node_name("Person", a), node_name("Person", b)): dict(props) for a, b, props in links}
        if self._links() == new:  # the usual case after a load: no need to lock and re-read the file
            return
        with self._locked():
            old = self._links()
            if old == new:
                return
            for a, b in old:
                self.graph.remove_edge(a, b, key=edge_name(LINK_TYPE, ""))
            for (a, b), props in new.items():
                if a in self.graph and b in self.graph:
                    self.graph.add_edge(
                        a, b, key=edge_name(LINK_TYPE, ""), type=LINK_TYPE, rel_key="", props=props
                    )
            self._write()

    def _links(self) -> dict[tuple[str, str], Props]:
        return {(a, b): attrs["props"] for a, b, attrs in GraphView(self.graph).rels([LINK_TYPE])}

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


# --- contributions <-> JSON ----------------------------------------------------------------------


@dataclass(frozen=True)
class _RowIndex:
    nodes: dict[NodeId, Props]
    rels: dict[RelId, Props]

    @classmethod
    def of(cls, graph: DocumentGraph) -> _RowIndex:
        return cls(
            {row.node_id: row.props for row in graph.nodes}, {row.rel_id: row.props for row in graph.rels}
        )


def _graph_to_json(graph: DocumentGraph) -> dict[str, Any]:
    return {
        "digest": graph.digest,
        "null_target": graph.null_target,
        "unresolved": graph.unresolved,
        "nodes": [[row.label, row.key, row.props] for row in graph.nodes],
        "rels": [[*row.rel_id, row.props] for row in graph.rels],
    }


def _graph_from_json(doc_id: str, part: dict[str, Any]) -> DocumentGraph:
    return DocumentGraph(
        doc_id=doc_id,
        nodes=[NodeRow(label, key, props) for label, key, props in part["nodes"]],
        rels=[RelRow(*row) for row in part["rels"]],
        null_target=int(part["null_target"]),
        unresolved=int(part["unresolved"]),
        digest=str(part["digest"]),
    )
