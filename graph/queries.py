"""Running a saved query on either store: parameters bound and checked here, then the store answers
(Cypher in a read transaction on Neo4j, graph/local_queries.py on the embedded store)."""

from __future__ import annotations

from collections.abc import Mapping

from cadregraph.graph.saved_queries import QueryError, SavedQuery, is_saved
from cadregraph.graph.store import Row, Store


def run_query(store: Store, query: SavedQuery, given: Mapping[str, str]) -> list[Row]:
    """The rows of `query` on `store`, from `-p key=value` strings; a saved query goes by name, a
    .cypher file from elsewhere (--allow-file) as its text."""
    params = query.bind(given)
    if is_saved(query):
        return store.run_query(query.name, params)
    try:
        return store.run_query(query.cypher, params)
    except QueryError as exc:
        raise QueryError(f"{query.path}: {exc}") from exc
