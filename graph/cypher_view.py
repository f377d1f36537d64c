"""The local graph seen the way Cypher sees it, so that each local answer to a saved query can follow
its Cypher clause by clause (graph/local_queries.py).

`GraphView` wraps the embedded store's networkx MultiDiGraph (node attributes label, key, props; edge
attributes type, rel_key, props). Its methods are the MATCH patterns the saved queries use:
`match("Person")` is `MATCH (n:Person)`, `out(n, ["LEADS"])` is `(n)-[r:LEADS]->(m)`, `into` the
other direction, `rels(["PART_OF"])` is `()-[r:PART_OF]->()`, `reach(n, types, 4)` is
`(n)-[:T*1..4]->(m)`. The functions below it are the Cypher expressions and clauses Python lacks:
`coalesce`, `min`/`max` that skip nulls, ORDER BY with Cypher's null order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import networkx as nx

Row = dict[str, Any]


class Rel(NamedTuple):
    """One relationship: `(start)-[attrs]->(end)`; `attrs["type"]`, `attrs["props"]`."""

    start: str
    end: str
    attrs: dict[str, Any]


class GraphView:
    """Cypher-shaped reads of the embedded store's graph; node handles are networkx node ids."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph

    # -- node properties --------------------------------------------------------------------------

    def label(self, node: str) -> str:
        return str(self.graph.nodes[node]["label"])

    def key(self, node: str) -> str:
        return str(self.graph.nodes[node]["key"])

    def props(self, node: str) -> dict[str, Any]:
        props: dict[str, Any] = self.graph.nodes[node]["props"]
        return props

    def name(self, node: str) -> Any:
        return self.props(node).get("name")

    def aliases(self, node: str) -> list[str]:
        return list(self.props(node).get("aliases") or [])

    def is_named(self, node: str, value: str) -> bool:
        """`n.name = $value OR $value IN n.aliases`"""
        return self.name(node) == value or value in self.aliases(node)

    def name_contains(self, node: str, value: str) -> bool:
        """`n.name CONTAINS $value OR $value IN n.aliases`"""
        name = self.name(node)
        return (isinstance(name, str) and value in name) or value in self.aliases(node)

    # -- patterns ---------------------------------------------------------------------------------

    def match(self, label: str | None = None) -> list[str]:
        """`MATCH (n:Label)` (every node without a label)."""
        return [
            node
            for node, node_label in self.graph.nodes(data="label")
            if label is None or node_label == label
        ]

    def out(self, node: str, types: Iterable[str] | None = None) -> list[Rel]:
        """`(node)-[r:T1|T2]->(m)`; every type when `types` is None."""
        return _of_types(self.graph.out_edges(node, data=True), types)

    def into(self, node: str, types: Iterable[str] | None = None) -> list[Rel]:
        """`(node)<-[r:T1|T2]-(m)`; every type when `types` is None."""
        return _of_types(self.graph.in_edges(node, data=True), types)

    def rels(self, types: Iterable[str] | None = None) -> list[Rel]:
        """`()-[r:T1|T2]->()`; every relationship when `types` is None."""
        return _of_types(self.graph.edges(data=True), types)

    def between(self, a: str, b: str) -> list[Rel]:
        """`(a)-[r]->(b)`: every relationship from `a` to `b`."""
        return [Rel(a, b, attrs) for attrs in self.graph.get_edge_data(a, b, default={}).values()]

    def reach(self, start: str, types: Iterable[str], max_hops: int, forward: bool = True) -> set[str]:
        """Nodes reachable in 1..max_hops steps along `types` (`(start)-[:T*1..max_hops]->(x)`,
        or `<-` when not `forward`)."""
        wanted = set(types)
        seen: dict[str, int] = {}
        queue = deque([(start, 0)])
        while queue:
            node, depth = queue.popleft()
            if depth == max_hops:
                continue
            edges = (
                self.graph.out_edges(node, data="type") if forward else self.graph.in_edges(node, data="type")
            )
            for a, b, rel_type in edges:
                if rel_type not in wanted:
                    continue
                nxt = b if forward else a
                if nxt not in seen:
                    seen[nxt] = depth + 1
                    queue.append((nxt, depth + 1))
        return set(seen)


def _of_types(edges: Iterable[tuple[str, str, dict[str, Any]]], types: Iterable[str] | None) -> list[Rel]:
    wanted = None if types is None else set(types)
    return [Rel(a, b, attrs) for a, b, attrs in edges if wanted is None or attrs["type"] in wanted]


# --- expressions and clauses ---------------------------------------------------------------------


def coalesce(*values: Any) -> Any:
    """`coalesce(a, b, ...)`: the first value that is not null."""
    for value in values:
        if value is not None:
            return value
    return None


def min_present(values: Iterable[Any]) -> Any:
    """`min(x)`: nulls are skipped; null when nothing is left."""
    present = [value for value in values if value is not None]
    return min(present) if present else None


def max_present(values: Iterable[Any]) -> Any:
    """`max(x)`: nulls are skipped; null when nothing is left."""
    present = [value for value in values if value is not None]
    return max(present) if present else None


def union_docs(doc_lists: Iterable[list[str]]) -> list[str]:
    """`reduce(acc = [], ds IN doc_lists | acc + [d IN ds WHERE NOT d IN acc])`"""
    acc: list[str] = []
    for docs in doc_lists:
        acc = acc + [doc for doc in docs if doc not in acc]
    return acc


def docs_of(props: Mapping[str, Any]) -> list[str]:
    """`coalesce(x.docs, [])`"""
    return list(props.get("docs") or [])


def cypher_order(rows: list[Row], keys: Sequence[str | tuple[str, bool]]) -> list[Row]:
    """Sort like Cypher's ORDER BY: each key ascending (nulls last) unless given as (key, False)
    (descending, nulls first)."""
    ordered = list(rows)
    for spec in reversed(keys):
        column, ascending = (spec, True) if isinstance(spec, str) else spec
        ordered.sort(key=_column_key(column), reverse=not ascending)
    return ordered


def _column_key(column: str) -> Callable[[Row], tuple[bool, Any]]:
    return lambda row: _null_last(row.get(column))


def _null_last(value: Any) -> tuple[bool, Any]:
    return (value is None, value if value is not None else 0)


def order_by(rows: list[Row], keys: Sequence[str | tuple[str, bool]], columns: Sequence[str]) -> list[Row]:
    """`RETURN columns ORDER BY keys`: sort, then keep only the RETURN columns in RETURN order."""
    return [{column: row[column] for column in columns} for row in cypher_order(rows, keys)]
