"""What every graph store offers `kg`, and how a command picks one.

Two stores implement the same semantics (graph/model.py): `Neo4jStore` (a server, connection from the
environment or `.env`) and `LocalStore` (networkx, one JSON file under a data directory, no server).
Commands talk to the `Store` protocol; saved queries and exports dispatch on the store's kind because
Neo4j answers Cypher while the local store answers with Python over networkx.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from graph.model import GraphDump, Reject
from schemas import DocumentRecord

if TYPE_CHECKING:
    from graph.neo4j_store import LoadStats

StoreKind = Literal["local", "neo4j"]
STORE_KINDS: tuple[str, ...] = ("local", "neo4j")
DEFAULT_DATA_DIR = Path("kg-data")


class StoreError(RuntimeError):
    """A store that cannot be opened or read (bad data file, unknown kind); one-line message."""


@runtime_checkable
class Store(Protocol):
    """The operations `kg build/load/delete` and the tests use on either store."""

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

    def close(self) -> None: ...


def open_store(kind: str, data_dir: str | Path = DEFAULT_DATA_DIR, *, write: bool = False) -> Store:
    """The store `--store KIND` names. `neo4j` reads NEO4J_URI/USER/PASSWORD (environment, else .env)
    and raises `StoreUnavailable` with a one-line message when the server cannot be used (with
    `write`, it also makes sure constraints and indexes exist); `local` opens (or starts)
    `DATA_DIR/graph.json`."""
    if kind == "local":
        from graph.local_store import LocalStore

        return LocalStore(Path(data_dir))
    if kind == "neo4j":
        from graph.neo4j_store import Neo4jStore

        store = Neo4jStore.from_env()
        if write:
            store.ensure_schema()
        return store
    raise StoreError(f"unknown store {kind!r}; expected one of {', '.join(STORE_KINDS)}")
