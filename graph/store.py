"""What every graph store offers `kg`, and how a command picks one.

Two stores implement the same semantics (graph/model.py): `Neo4jStore` (a server, connection from the
environment or `.env`) and `LocalStore` (an SQLite database and its JSON export under a data directory, no server).
Commands talk only to the `Store` protocol (graph/stores.py opens one): each store answers its own reads (saved queries, the
neighbourhood of an entity, where it is), so no caller needs to know which kind it holds. The
protocol's own types (`LoadStats`, `StoreError`, `Neighbourhood`) live here, so that the embedded
store never imports the Neo4j driver.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from cadregraph.graph.model import GraphDump, Props, Reject
from cadregraph.graph.person_links import PersonFacts
from cadregraph.schemas import DocumentRecord

STORE_KINDS: tuple[str, ...] = ("local", "neo4j")
DEFAULT_DATA_DIR = Path("kg-data")

Row = dict[str, Any]


class StoreError(RuntimeError):
    """A store that cannot be opened or read (bad data file, unknown kind); one-line message."""


@dataclass
class LoadStats:
    """What a load or delete did, in documents, nodes and relationships (both stores count alike)."""

    documents_added: int = 0
    documents_replaced: int = 0
    documents_unchanged: int = 0
    documents_deleted: int = 0
    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_deleted: int = 0
    rels_created: int = 0
    rels_updated: int = 0
    rels_deleted: int = 0
    relations_null_target: int = 0  # relations kept only as properties (target null)
    relations_unresolved: int = 0  # relations naming an id the record does not define

    def __add__(self, other: LoadStats) -> LoadStats:
        return LoadStats(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass
class Neighbourhood:
    """The nodes within some hops of an entity, the relationships among them (canonical form, no
    store internals) and the Document nodes their `docs` name (key -> properties)."""

    graph: GraphDump
    documents: dict[str, Props] = field(default_factory=dict)


@dataclass(frozen=True)
class StoreInfo:
    """Where a store keeps the graph, for messages; `note` is a warning worth showing before a read
    (the local graph file does not exist yet)."""

    where: str
    note: str | None = None


@runtime_checkable
class Store(Protocol):
    """The operations `kg` and the tests use on either store."""

    def load(self, records: Iterable[DocumentRecord], *, on_reject: Reject | None = None) -> LoadStats:
        """Add, replace (same document id, changed content) or skip (unchanged) each record; a
        record the store refuses goes to `on_reject` (position, document id, reason)."""
        ...

    def delete_document(self, doc_id: str) -> LoadStats:
        """Remove a document and every fact only it supported."""
        ...

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type, every model label and type (zeros too)."""
        ...

    def dump(self) -> GraphDump:
        """The whole graph in canonical form (no store internals)."""
        ...

    def run_query(self, name_or_cypher: str, params: Mapping[str, Any]) -> list[Row]:
        """The rows of a saved query (by name) or of Cypher text, with bound parameters; rows are the
        same on both stores. A store that cannot answer raises `QueryError`."""
        ...

    def subgraph(self, center: str, hops: int, types: Sequence[str]) -> Neighbourhood:
        """Entities named, aliased or keyed `center` (never Documents) and what `hops` steps along
        `types` (either direction) reach."""
        ...

    def describe(self) -> StoreInfo:
        """Where the graph lives, for messages."""
        ...

    def person_facts(self) -> PersonFacts:
        """What graph/person_links.py reads to link the same person across places."""
        ...

    def existing_persons(self, keys: Iterable[str]) -> set[str]:
        """The person keys among `keys` that have a node."""
        ...

    def replace_person_links(self, links: Sequence[tuple[str, str, Props]]) -> None:
        """Every SAME_AS link replaced by `links` (person key, person key, properties)."""
        ...

    def close(self) -> None: ...


def referenced_documents(dump: GraphDump) -> set[str]:
    """Keys of the documents that the nodes and relationships of `dump` name in `docs`."""
    keys = {doc for props in dump.nodes.values() for doc in props.get("docs") or []}
    keys |= {doc for props in dump.rels.values() for doc in props.get("docs") or []}
    return keys
