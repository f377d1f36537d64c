"""How a command picks a store: `--store local|neo4j` to an open `Store`.

Apart from graph/store.py (the protocol both stores import), so that the protocol never imports
a store and the layers have no import cycle.
"""

from __future__ import annotations

from pathlib import Path

from cadregraph.graph.store import DEFAULT_DATA_DIR, STORE_KINDS, Store, StoreError


def open_store(kind: str, data_dir: str | Path = DEFAULT_DATA_DIR, *, write: bool = False) -> Store:
    """The store `--store KIND` names. `neo4j` reads NEO4J_URI/USER/PASSWORD (environment, else .env)
    and raises `StoreUnavailable` with a one-line message when the server cannot be used (with
    `write`, it also makes sure constraints and indexes exist); `local` opens (or starts)
    `DATA_DIR/graph.sqlite` (and `graph.json`)."""
    if kind == "local":
        from cadregraph.graph.local_store import LocalStore

        return LocalStore(Path(data_dir))
    if kind == "neo4j":
        from cadregraph.graph.neo4j_store import Neo4jStore

        store = Neo4jStore.from_env()
        if write:
            store.ensure_schema()
        return store
    raise StoreError(f"unknown store {kind!r}; expected one of {', '.join(STORE_KINDS)}")
