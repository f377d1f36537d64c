"""Saved queries: Cypher files under queries/, run in a read transaction on Neo4j, and the same
questions answered in Python over the local store's networkx graph.

A saved query is `queries/NAME.cypher` with a header:
    // name: NAME
    // description: what it answers
    // params: a, b (optional)          (or `none`)
    // columns: x, y, z                 (the RETURN columns, in order)
Parameters arrive as strings (`-p key=value`); an optional one left out is null. Every query ends in
an ORDER BY over enough columns that equal rows are the only ties, and the local implementation
sorts the same way (`cypher_order`: ascending puts nulls last, descending first), so both stores give
the same rows in the same order. The local functions follow the Cypher clause by clause; a change to
one side needs the same change on the other (tests/test_store_parity.py compares them).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graph.model import REL_TYPES
from graph.person_links import linked_groups, q_person_links

QUERIES_DIR = Path(__file__).resolve().parents[1] / "queries"
TABLE_CELL_WIDTH = 80  # display columns; longer cells are cut with … in table output (not json/csv)

Row = dict[str, Any]
Params = dict[str, Any]


class QueryError(ValueError):
    """Unknown query, bad header, or parameters that do not fit; the message is one line."""


@dataclass(frozen=True)
class QueryParam:
    name: str
    required: bool


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    params: tuple[QueryParam, ...]
    columns: tuple[str, ...]
    cypher: str
    path: Path

    def bind(self, given: Mapping[str, str]) -> Params:
        """The parameter map the Cypher expects: every declared name, optional ones null if absent."""
        known = {param.name for param in self.params}
        unknown = sorted(set(given) - known)
        if unknown:
            expected = ", ".join(sorted(known)) or "none"
            raise QueryError(f"{self.name}: unknown parameter {', '.join(unknown)} (parameters: {expected})")
        missing = [param.name for param in self.params if param.required and not given.get(param.name)]
        if missing:
            raise QueryError(
                f"{self.name}: missing parameter {', '.join(missing)} (give -p {missing[0]}=...)"
            )
        bound = {param.name: (given.get(param.name) or None) for param in self.params}
        as_of = bound.get("as_of")
        if as_of is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of):
            # Dates compare as strings in both stores: only the full ISO form orders right.
            raise QueryError(f"{self.name}: as_of {as_of!r} is not a date YYYY-MM-DD")
        return bound


_HEADER = re.compile(r"^//\s*(name|description|params|columns)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(\s*\(optional\))?$")


def parse_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            header[match.group(1)] = match.group(2)
    for field in ("name", "description", "params", "columns"):
        if field not in header:
            raise QueryError(f"{path}: header line `// {field}: ...` is missing")
    params: list[QueryParam] = []
    if header["params"].lower() not in ("", "none"):
        for part in header["params"].split(","):
            match = _PARAM.match(part.strip())
            if not match:
                raise QueryError(f"{path}: cannot read parameter {part.strip()!r}")
            params.append(QueryParam(match.group(1), required=match.group(2) is None))
    columns = tuple(column.strip() for column in header["columns"].split(",") if column.strip())
    if header["name"] != path.stem:
        raise QueryError(f"{path}: name {header['name']!r} differs from the file name")
    return SavedQuery(header["name"], header["description"], tuple(params), columns, text, path)


def load_queries(directory: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Every saved query in `directory`, by name."""
    return {path.stem: parse_query(path) for path in sorted(directory.glob("*.cypher"))}


_SAVED_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def get_query(name: str, directory: Path = QUERIES_DIR, *, allow_file: bool = False) -> SavedQuery:
    """The saved query `name` from `directory`; or, with `allow_file`, a .cypher file named by path.

    A name that is a path (`/tmp/x.cypher`, `../x`) never reaches outside `directory` by itself: a
    Cypher file from elsewhere runs only when the user asks for it (`kg query PATH --allow-file`)."""
    if _SAVED_NAME.match(name):
        path = directory / f"{name}.cypher"
        if path.is_file():
            return parse_query(path)
        if not allow_file:
            known = ", ".join(sorted(load_queries(directory)))
            raise QueryError(f"no saved query {name!r} (known: {known})")
    if not allow_file:
        raise QueryError(
            f"{name!r} is a path, not a saved query name; to run a .cypher file from outside "
            f"{directory.name}/ add --allow-file"
        )
    path = Path(name)
    if path.suffix != ".cypher" or not path.is_file():
        raise QueryError(f"{name}: no such .cypher file")
    return parse_query(path)


def is_saved(query: SavedQuery, directory: Path = QUERIES_DIR) -> bool:
    """Whether the query is one of the project's saved queries (not a file given with --allow-file)."""
    return query.path.resolve().parent == directory.resolve()


def parse_param_pairs(pairs: Iterable[str]) -> dict[str, str]:
    """`-p key=value` arguments as a dict; the value may contain '='."""
    given: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"parameter {pair!r} is not key=value")
        given[key.strip()] = value.strip()
    return given


def run_query(store: Any, query: SavedQuery, given: Mapping[str, str]) -> list[Row]:
    """Run a saved query on either store: Cypher on Neo4j (read transaction), Python on the local one."""
    params = query.bind(given)
    from graph.local_store import LocalStore

    if isinstance(store, LocalStore):
        if not is_saved(query):
            raise QueryError(
                f"{query.path}: the local store answers only the saved queries; run a .cypher file with --store neo4j"
            )
        implementation = LOCAL_QUERIES.get(query.name)
        if implementation is None:
            raise QueryError(f"the local store cannot answer {query.name!r}; use --store neo4j")
        return implementation(store.graph, params)
    rows: list[Row] = store.run_read(query.cypher, params)
    return rows


# --- output ----------------------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Terminal columns: East Asian wide and fullwidth characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def cut_to_width(text: str, limit: int) -> str:
    """`text` shortened to `limit` display columns, ending in … when cut."""
    if display_width(text) <= limit:
        return text
    out, width = [], 0
    for char in text:
        char_width = display_width(char)
        if width + char_width > limit - 1:
            break
        out.append(char)
        width += char_width
    return "".join(out) + "…"


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def cell_text(value: Any) -> str:
    """How a value reads in a table cell: lists joined, null empty, page line breaks removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(cell_text(item) for item in value)
    return re.sub(r"\s*\n\s*", "", str(value))


def format_table(rows: Sequence[Row], columns: Sequence[str]) -> str:
    """Aligned columns that stay aligned with Chinese text (numbers right-aligned)."""
    columns = list(columns) or (list(rows[0]) if rows else [])
    cells = [
        [cut_to_width(cell_text(row.get(column)), TABLE_CELL_WIDTH) for column in columns] for row in rows
    ]
    widths = [
        max([display_width(column)] + [display_width(line[i]) for line in cells])
        for i, column in enumerate(columns)
    ]
    numeric = [
        bool(rows)
        and all(isinstance(row.get(c), int | float) and not isinstance(row.get(c), bool) for row in rows)
        for c in columns
    ]
    lines = ["  ".join(_pad(c, w, False) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for line in cells:
        lines.append("  ".join(_pad(t, w, n) for t, w, n in zip(line, widths, numeric, strict=True)).rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def format_json(rows: Sequence[Row]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2)


def format_csv(rows: Sequence[Row], columns: Sequence[str]) -> str:
    """CSV with a header; lists and nested values as JSON so that nothing is lost."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        values = []
        for column in columns:
            value = row.get(column)
            if value is None:
                values.append("")
            elif isinstance(value, bool):
                values.append("true" if value else "false")
            elif isinstance(value, list | dict):
                values.append(json.dumps(value, ensure_ascii=False))
            else:
                values.append(str(value))
        writer.writerow(values)
    return out.getvalue().rstrip("\n")


def format_rows(rows: Sequence[Row], columns: Sequence[str], fmt: str) -> str:
    if fmt == "json":
        return format_json(rows)
    if fmt == "csv":
        return format_csv(rows, columns)
    return format_table(rows, columns)


# --- Cypher semantics the local implementations need ---------------------------------------------


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


def _order_by(rows: list[Row], keys: Sequence[str | tuple[str, bool]], columns: Sequence[str]) -> list[Row]:
    """Sort, then keep only the RETURN columns in RETURN order."""
    return [{column: row[column] for column in columns} for row in cypher_order(rows, keys)]


def _node(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    attrs: dict[str, Any] = graph.nodes[node]
    return attrs


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node]["label"])


def _props(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    props: dict[str, Any] = graph.nodes[node]["props"]
    return props


def _name(graph: nx.MultiDiGraph, node: str) -> Any:
    return _props(graph, node).get("name")


def _aliases(graph: nx.MultiDiGraph, node: str) -> list[str]:
    return list(_props(graph, node).get("aliases") or [])


def _is(graph: nx.MultiDiGraph, node: str, value: str) -> bool:
    """`n.name = $value OR $value IN n.aliases`"""
    return _name(graph, node) == value or value in _aliases(graph, node)


def _contains(graph: nx.MultiDiGraph, node: str, value: str) -> bool:
    """`n.name CONTAINS $value OR $value IN n.aliases`"""
    name = _name(graph, node)
    return (isinstance(name, str) and value in name) or value in _aliases(graph, node)


def _nodes(graph: nx.MultiDiGraph, label: str | None = None) -> list[str]:
    return [node for node, node_label in graph.nodes(data="label") if label is None or node_label == label]


def _out_edges(
    graph: nx.MultiDiGraph, node: str, types: Iterable[str]
) -> list[tuple[str, str, dict[str, Any]]]:
    wanted = set(types)
    return [(a, b, attrs) for a, b, attrs in graph.out_edges(node, data=True) if attrs["type"] in wanted]


def _in_edges(
    graph: nx.MultiDiGraph, node: str, types: Iterable[str]
) -> list[tuple[str, str, dict[str, Any]]]:
    wanted = set(types)
    return [(a, b, attrs) for a, b, attrs in graph.in_edges(node, data=True) if attrs["type"] in wanted]


def _edges(graph: nx.MultiDiGraph, types: Iterable[str]) -> list[tuple[str, str, dict[str, Any]]]:
    wanted = set(types)
    return [(a, b, attrs) for a, b, attrs in graph.edges(data=True) if attrs["type"] in wanted]


def _reach(
    graph: nx.MultiDiGraph, start: str, types: Iterable[str], max_hops: int, forward: bool = True
) -> set[str]:
    """Nodes reachable in 1..max_hops steps along `types` (`(start)-[:T*1..max_hops]->(x)`)."""
    wanted = set(types)
    seen: dict[str, int] = {}
    queue = deque([(start, 0)])
    while queue:
        node, depth = queue.popleft()
        if depth == max_hops:
            continue
        edges = graph.out_edges(node, data="type") if forward else graph.in_edges(node, data="type")
        for a, b, rel_type in edges:
            if rel_type not in wanted:
                continue
            nxt = b if forward else a
            if nxt not in seen:
                seen[nxt] = depth + 1
                queue.append((nxt, depth + 1))
    return set(seen)


def _docs(props: Mapping[str, Any]) -> list[str]:
    return list(props.get("docs") or [])


def _union_docs(doc_lists: Iterable[list[str]]) -> list[str]:
    """`reduce(acc = [], ds IN doc_lists | acc + [d IN ds WHERE NOT d IN acc])`"""
    acc: list[str] = []
    for docs in doc_lists:
        acc = acc + [doc for doc in docs if doc not in acc]
    return acc


def _coalesce(*values: Any) -> Any:
    for value in values:
        if value is not None:
            return value
    return None


def _documents_by_key(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    return {graph.nodes[node]["key"]: _props(graph, node) for node in _nodes(graph, "Document")}


def _sorted_dates(documents: Mapping[str, Mapping[str, Any]], docs: Iterable[str]) -> list[str]:
    """`COLLECT { MATCH (d:Document) WHERE d.key IN docs AND d.date IS NOT NULL RETURN DISTINCT d.date ...}`"""
    dates = {documents[key].get("date") for key in docs if key in documents}
    return sorted(date for date in dates if date is not None)


def _title(props: Mapping[str, Any], *names: str) -> Any:
    return _coalesce(*(props.get(name) for name in names), "")


# --- place areas (who-leads-what, officials-by-place) ---------------------------------------------

_AREA_TYPES = ("LOCATED_IN", "PART_OF")


def _area(graph: nx.MultiDiGraph, roots: Iterable[str]) -> list[str]:
    """The roots and the places 1..4 PART_OF steps below them."""
    area = list(dict.fromkeys(roots))
    for root in list(area):
        for sub in sorted(_reach(graph, root, ["PART_OF"], 4, forward=False)):
            if _label(graph, sub) == "Place" and sub not in area:
                area.append(sub)
    return area


def _area_names(graph: nx.MultiDiGraph, area: Iterable[str], extra: Sequence[str | None] = ()) -> list[str]:
    names = [*extra]
    for node in area:
        names += [_name(graph, node), *_aliases(graph, node)]
    return [name for name in names if name is not None and len(name) >= 2]


def _in_area(
    graph: nx.MultiDiGraph,
    org: str,
    area: Sequence[str],
    area_names: Sequence[str],
    reach_cache: dict[str, set[str]] | None = None,
) -> bool:
    """`any(n IN area_names WHERE o.name CONTAINS n)
    OR EXISTS { MATCH (o)-[:LOCATED_IN|PART_OF*1..4]->(x:Place) WHERE x IN area }`"""
    name = _name(graph, org) or ""
    if any(n in name for n in area_names):
        return True
    cache = {} if reach_cache is None else reach_cache
    if org not in cache:
        cache[org] = _reach(graph, org, _AREA_TYPES, 4)
    reached = cache[org]
    return any(place in reached for place in area)


def _holders(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """(org, person, title) -> the edge attributes of its HOLDS_POSITION|LEADS relationships."""
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for person, org, attrs in _edges(graph, ["HOLDS_POSITION", "LEADS"]):
        if _label(graph, person) != "Person":
            continue
        title = _title(attrs["props"], "title")
        grouped.setdefault((org, person, title), []).append(attrs)
    return grouped


def latest_date(graph: nx.MultiDiGraph) -> str | None:
    """`max(d.date)` over the Document nodes: the default `as_of`."""
    dates = [_props(graph, node).get("date") for node in _nodes(graph, "Document")]
    present = [date for date in dates if date is not None]
    return max(present) if present else None


def _current_holders(
    graph: nx.MultiDiGraph, params: Params
) -> tuple[Any, list[tuple[tuple[str, str, str], list[dict[str, Any]]]]]:
    """The as_of day and the (org, person, title) groups who-leads-what keeps on it, each with the
    relationships seen on or before the day (the Cypher of queries/who-leads-what.cypher, step by step)."""
    day = _coalesce(params.get("as_of"), latest_date(graph))
    keep = _who_leads_filter(graph, params)
    holders = _holders(graph)
    by_post: dict[tuple[str, str], list[tuple[str, Any]]] = {}
    for (org, person, title), edges in holders.items():
        for attrs in edges:
            by_post.setdefault((org, title), []).append((person, attrs["props"].get("first_seen")))
    removals: dict[tuple[str, str, str], list[Any]] = {}
    for person, org, attrs in _edges(graph, ["REMOVED_FROM"]):
        props = attrs["props"]
        if _coalesce(props.get("status"), "decided") != "proposed":
            removals.setdefault((person, org, _title(props, "title")), []).append(props.get("date"))
    appointed: dict[tuple[str, str], list[tuple[str, Any]]] = {}
    for person, org, attrs in _edges(graph, ["APPOINTED_TO"]):
        props = attrs["props"]
        if _label(graph, person) == "Person" and _coalesce(props.get("status"), "decided") != "proposed":
            appointed.setdefault((org, _title(props, "title")), []).append((person, props.get("date")))
    kept = []
    for (org, person, title), edges in holders.items():
        if not keep(org):
            continue
        seen_edges = [
            attrs
            for attrs in edges
            if day is None or attrs["props"].get("first_seen") is None or attrs["props"]["first_seen"] <= day
        ]
        if not seen_edges:
            continue
        lasts = [
            attrs["props"]["last_seen"] for attrs in seen_edges if attrs["props"].get("last_seen") is not None
        ]
        last_seen = max(lasts) if lasts else None
        seen = day if last_seen is not None and day is not None and last_seen > day else last_seen
        if seen is not None and day is not None:
            succeeded = any(
                other != person and first is not None and first > seen and first <= day
                for other, first in by_post.get((org, title), []) + appointed.get((org, title), [])
            )
            removed = any(
                date is not None and date >= seen and date <= day
                for date in removals.get((person, org, title), [])
            )
            if succeeded or removed:
                continue
        kept.append(((org, person, title), seen_edges))
    return day, kept


def _who_leads_filter(graph: nx.MultiDiGraph, params: Params) -> Callable[[str], bool]:
    org_filter, place = params.get("org"), params.get("place")
    roots = [n for n in _nodes(graph, "Place") if place is not None and _is(graph, n, place)]
    area = _area(graph, roots)
    area_names = _area_names(graph, area, [place])

    def keep(org: str) -> bool:
        if org_filter is not None and not _contains(graph, org, org_filter):
            return False
        return place is None or _in_area(graph, org, area, area_names)

    return keep


# --- the local implementations, one per saved query ----------------------------------------------


def _min_present(values: Iterable[Any]) -> Any:
    present = [value for value in values if value is not None]
    return min(present) if present else None


def _max_present(values: Iterable[Any]) -> Any:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def q_who_leads_what(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    day, kept = _current_holders(graph, params)
    rows = [
        {
            "organisation": _name(graph, org),
            "organisation_label": _label(graph, org),
            "person": _name(graph, person),
            "title": title,
            "leads": any(attrs["type"] == "LEADS" for attrs in edges),
            "documents": len(_union_docs(_docs(attrs["props"]) for attrs in edges)),
            "first_seen": _min_present(attrs["props"].get("first_seen") for attrs in edges),
            "last_seen": _max_present(attrs["props"].get("last_seen") for attrs in edges),
            "as_of": day,
        }
        for (org, person, title), edges in kept
    ]
    columns = [
        "organisation",
        "organisation_label",
        "person",
        "title",
        "leads",
        "documents",
        "first_seen",
        "last_seen",
        "as_of",
    ]
    order = [
        "organisation",
        "person",
        "title",
        "organisation_label",
        "leads",
        "documents",
        "first_seen",
        "last_seen",
    ]
    return _order_by(rows, order, columns)


def q_who_leads_what_graph(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    _, kept = _current_holders(graph, params)
    rows = [
        {
            "person_key": _node(graph, person)["key"],
            "person": _name(graph, person),
            "relation": attrs["type"],
            "title": title,
            "target_key": _node(graph, org)["key"],
            "target": _name(graph, org),
            "target_label": _label(graph, org),
            "evidence": list(attrs["props"].get("evidence") or []),
            "first_seen": attrs["props"].get("first_seen"),
            "last_seen": attrs["props"].get("last_seen"),
        }
        for (org, person, title), edges in kept
        for attrs in edges
    ]
    columns = [
        "person_key",
        "person",
        "relation",
        "title",
        "target_key",
        "target",
        "target_label",
        "evidence",
        "first_seen",
        "last_seen",
    ]
    return _order_by(rows, ["target", "person", "title", "relation", "person_key", "target_key"], columns)


def _place_of(graph: nx.MultiDiGraph, org: str) -> Any:
    """The smallest name among the places `org` is LOCATED_IN or PART_OF directly (null if none)."""
    names = [
        _name(graph, place)
        for _, place, _ in _out_edges(graph, org, _AREA_TYPES)
        if _label(graph, place) == "Place" and _name(graph, place) is not None
    ]
    return min(names) if names else None


def q_career(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    wanted = params.get("person")
    documents = _documents_by_key(graph)
    groups = linked_groups(graph)
    rows = []
    for (org, person, title), edges in _holders(graph).items():
        if wanted is not None and not any(
            _is(graph, other, wanted) for other in groups.get(person, [person])
        ):
            continue
        docs = sorted({doc for attrs in edges for doc in _docs(attrs["props"])})
        rows.append(
            {
                "person": _name(graph, person),
                "person_key": _node(graph, person)["key"],
                "title": title,
                "organisation": _name(graph, org),
                "organisation_key": _node(graph, org)["key"],
                "place": _place_of(graph, org),
                "leads": any(attrs["type"] == "LEADS" for attrs in edges),
                "first_seen": _min_present(attrs["props"].get("first_seen") for attrs in edges),
                "last_seen": _max_present(attrs["props"].get("last_seen") for attrs in edges),
                "documents": docs,
                "sources": [documents[doc].get("source") for doc in docs if doc in documents],
                "identity": min(_node(graph, other)["key"] for other in groups.get(person, [person])),
            }
        )
    columns = list(CAREER_COLUMNS)
    order = ["person", "person_key", "first_seen", "last_seen", "organisation", "organisation_key", "title"]
    return _order_by(rows, order, columns)


CAREER_COLUMNS: tuple[str, ...] = (
    "person",
    "person_key",
    "title",
    "organisation",
    "organisation_key",
    "place",
    "leads",
    "first_seen",
    "last_seen",
    "documents",
    "sources",
    "identity",
)


def q_succession(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    org_filter, title = params["org"], params["title"]
    removals: dict[tuple[str, str], list[str]] = {}
    for person, org, attrs in _edges(graph, ["REMOVED_FROM"]):
        props = attrs["props"]
        if (
            _title(props, "title") == title
            and _coalesce(props.get("status"), "decided") != "proposed"
            and props.get("date") is not None
        ):
            removals.setdefault((person, org), []).append(props["date"])
    rows = []
    for (org, person, held), edges in _holders(graph).items():
        if held != title or not _contains(graph, org, org_filter):
            continue
        first_seen = _min_present(attrs["props"].get("first_seen") for attrs in edges)
        later = sorted(
            date for date in removals.get((person, org), []) if first_seen is None or date >= first_seen
        )
        rows.append(
            {
                "organisation": _name(graph, org),
                "organisation_key": _node(graph, org)["key"],
                "title": title,
                "person": _name(graph, person),
                "person_key": _node(graph, person)["key"],
                "first_seen": first_seen,
                "last_seen": _max_present(attrs["props"].get("last_seen") for attrs in edges),
                "removed": later[0] if later else None,
                "documents": len(_union_docs(_docs(attrs["props"]) for attrs in edges)),
            }
        )
    columns = [
        "organisation",
        "organisation_key",
        "title",
        "person",
        "person_key",
        "first_seen",
        "last_seen",
        "removed",
        "documents",
    ]
    order = ["organisation", "organisation_key", "first_seen", "last_seen", "person", "person_key"]
    return _order_by(rows, order, columns)


def q_person_profile(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    documents = _documents_by_key(graph)
    rows = []
    for person in _nodes(graph, "Person"):
        if not _is(graph, person, params["person"]):
            continue
        edges = [(b, attrs, True) for _, b, attrs in graph.out_edges(person, data=True)]
        edges += [(a, attrs, False) for a, _, attrs in graph.in_edges(person, data=True)]
        for other, attrs, outgoing in edges:
            if attrs["type"] == "MENTIONS" or other == person:
                continue
            docs = _docs(attrs["props"])
            rows.append(
                {
                    "person": _name(graph, person),
                    "relation": attrs["type"] if outgoing else "<-" + attrs["type"],
                    "title": _title(attrs["props"], "title", "role"),
                    "target": _name(graph, other),
                    "target_label": _label(graph, other),
                    "dates": _sorted_dates(documents, docs),
                    "sources": sorted(str(documents[key].get("source")) for key in docs if key in documents),
                }
            )
    columns = ["person", "relation", "title", "target", "target_label", "dates", "sources"]
    return _order_by(
        rows, ["person", "relation", "target", "title", "target_label", "dates", "sources"], columns
    )


_ORG_ROLES = ("leader", "position", "sub-unit", "part of", "runs", "located in")


def q_organisation_profile(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    rows: list[Row] = []
    holders = _holders(graph)
    for org in _nodes(graph, "Organization"):
        if not _contains(graph, org, params["org"]):
            continue
        parts: list[tuple[str, Any, Any, list[str]]] = []
        for (holder_org, person, title), edges in holders.items():
            if holder_org == org:
                role = "leader" if any(attrs["type"] == "LEADS" for attrs in edges) else "position"
                doc_lists = [_docs(attrs["props"]) for attrs in edges]
                parts.append((role, _name(graph, person), title, _union_docs(doc_lists)))
        for unit, _, attrs in _in_edges(graph, org, ["PART_OF"]):
            if unit != org:
                parts.append(("sub-unit", _name(graph, unit), "", _docs(attrs["props"])))
        for _, unit, attrs in _out_edges(graph, org, ["PART_OF"]):
            if unit != org:
                parts.append(("part of", _name(graph, unit), "", _docs(attrs["props"])))
        for rel_type, role in (("RUNS", "runs"), ("LOCATED_IN", "located in"), ("HAS_FIGURE", "figure")):
            for _, other, attrs in _out_edges(graph, org, [rel_type]):
                parts.append((role, _name(graph, other), "", _docs(attrs["props"])))
        for role, name, title, docs in parts:
            rows.append(
                {
                    "organisation": _name(graph, org),
                    "role": role,
                    "name": name,
                    "title": title,
                    "documents": len(docs),
                    "_rank": _ORG_ROLES.index(role) if role in _ORG_ROLES else len(_ORG_ROLES),
                }
            )
    columns = ["organisation", "role", "name", "title", "documents"]
    return _order_by(rows, ["organisation", "_rank", "name", "title", "documents"], columns)


_PROGRAMME_ROLES = (
    "run by",
    "led by",
    "participant",
    "figure",
    "started",
    "part of",
    "includes",
    "located in",
)


def q_programme_overview(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    documents = _documents_by_key(graph)
    rows: list[Row] = []
    for programme in _nodes(graph, "Programme"):
        if not _contains(graph, programme, params["programme"]):
            continue
        parts: list[tuple[str, Any, Any, list[str]]] = []
        for other, _, attrs in _in_edges(graph, programme, ["RUNS"]):
            parts.append(("run by", _name(graph, other), "", _docs(attrs["props"])))
        for other, _, attrs in _in_edges(graph, programme, ["LEADS"]):
            parts.append(
                ("led by", _name(graph, other), _title(attrs["props"], "title"), _docs(attrs["props"]))
            )
        for other, _, attrs in _in_edges(graph, programme, ["PARTICIPATES_IN"]):
            detail = _title(attrs["props"], "title", "post", "role")
            parts.append(("participant", _name(graph, other), detail, _docs(attrs["props"])))
        for _, figure, attrs in _out_edges(graph, programme, ["HAS_FIGURE"]):
            detail = _coalesce(_props(graph, figure).get("subject"), "")
            parts.append(("figure", _name(graph, figure), detail, _docs(attrs["props"])))
        for date in _props(graph, programme).get("started") or []:
            parts.append(("started", date, "", _props(graph, programme).get("docs") or []))
        for _, other, attrs in _out_edges(graph, programme, ["PART_OF"]):
            if other != programme:
                parts.append(("part of", _name(graph, other), "", _docs(attrs["props"])))
        for other, _, attrs in _in_edges(graph, programme, ["PART_OF"]):
            if other != programme:
                parts.append(("includes", _name(graph, other), "", _docs(attrs["props"])))
        for _, other, attrs in _out_edges(graph, programme, ["LOCATED_IN"]):
            parts.append(("located in", _name(graph, other), "", _docs(attrs["props"])))
        for doc, _, attrs in _in_edges(graph, programme, ["MENTIONS"]):
            if _label(graph, doc) == "Document":
                detail = _coalesce(_props(graph, doc).get("source"), "")
                parts.append(("mentioned in", _name(graph, doc), detail, _docs(attrs["props"])))
        for role, name, detail, docs in parts:
            dates = _sorted_dates(documents, docs)
            rows.append(
                {
                    "programme": _name(graph, programme),
                    "role": role,
                    "name": name,
                    "detail": detail,
                    "first_date": dates[0] if dates else None,
                    "documents": len(docs),
                    "_rank": _PROGRAMME_ROLES.index(role)
                    if role in _PROGRAMME_ROLES
                    else len(_PROGRAMME_ROLES),
                }
            )
    columns = ["programme", "role", "name", "detail", "first_date", "documents"]
    return _order_by(rows, ["programme", "_rank", "first_date", "name", "detail", "documents"], columns)


def q_place_timeline(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    roots = [node for node in _nodes(graph, "Place") if _is(graph, node, params["place"])]
    area = set(_area(graph, roots))
    rows = []
    for doc in _nodes(graph, "Document"):
        mentioned = [b for _, b, _ in _out_edges(graph, doc, ["MENTIONS"])]
        if not any(node in area for node in mentioned):
            continue
        props = _props(graph, doc)
        rows.append(
            {
                "date": props.get("date"),
                "source": props.get("source"),
                "title": props.get("title"),
                "places": _distinct_names(graph, [n for n in mentioned if n in area], "Place"),
                "events": _distinct_names(graph, mentioned, "Event"),
                "programmes": _distinct_names(graph, mentioned, "Programme"),
            }
        )
    columns = ["date", "source", "title", "places", "events", "programmes"]
    return _order_by(rows, columns, columns)


def _distinct_names(graph: nx.MultiDiGraph, nodes: Iterable[str], label: str) -> list[str]:
    """`COLLECT { ... (x:Label) RETURN DISTINCT x.name AS n ORDER BY n }`"""
    found = {_name(graph, node) for node in nodes if _label(graph, node) == label}
    return sorted(name for name in found if name is not None)


def q_officials_by_place(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    place = params.get("place")
    holders = _holders(graph)
    reach_cache: dict[str, set[str]] = {}
    rows = []
    for root in _nodes(graph, "Place"):
        if place is not None and not _is(graph, root, place):
            continue
        area = _area(graph, [root])
        area_names = _area_names(graph, area)
        for (org, person, title), edges in holders.items():
            if _in_area(graph, org, area, area_names, reach_cache):
                rows.append(
                    {
                        "place": _name(graph, root),
                        "organisation": _name(graph, org),
                        "person": _name(graph, person),
                        "title": title,
                        "leads": any(attrs["type"] == "LEADS" for attrs in edges),
                    }
                )
    columns = ["place", "organisation", "person", "title", "leads"]
    return _order_by(rows, columns, columns)


def q_place_hierarchy(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    place = params.get("place")
    roots = [node for node in _nodes(graph, "Place") if place is not None and _is(graph, node, place)]
    below: set[str] = set()
    above: set[str] = set()
    for root in roots:
        below |= {root} | _reach(graph, root, ["PART_OF"], 6, forward=False)
        above |= {root} | _reach(graph, root, ["PART_OF"], 6)
    rows = []
    for child, parent, attrs in _edges(graph, ["PART_OF"]):
        if _label(graph, child) != "Place" or _label(graph, parent) != "Place":
            continue
        if place is not None and parent not in below and child not in above:
            continue
        rows.append(
            {
                "parent": _name(graph, parent),
                "place": _name(graph, child),
                "documents": len(_docs(attrs["props"])),
            }
        )
    columns = ["parent", "place", "documents"]
    return _order_by(rows, columns, columns)


def q_programmes_by_year(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    year_filter = params.get("year")
    rows = []
    for programme in _nodes(graph, "Programme"):
        mentioning = [
            a for a, _, _ in _in_edges(graph, programme, ["MENTIONS"]) if _label(graph, a) == "Document"
        ]
        seen_dates = sorted(d for d in (_props(graph, a).get("date") for a in mentioning) if d is not None)
        started_dates = sorted(_props(graph, programme).get("started") or [])
        first_seen = seen_dates[0] if seen_dates else None
        started = started_dates[0] if started_dates else None
        basis = _coalesce(started, first_seen)
        year = basis[:4] if basis is not None else None
        if year_filter is not None and year != year_filter:
            continue
        run_by = {_name(graph, a) for a, _, _ in _in_edges(graph, programme, ["RUNS"])}
        rows.append(
            {
                "year": year,
                "programme": _name(graph, programme),
                "first_seen": first_seen,
                "started": started,
                "run_by": sorted(name for name in run_by if name is not None),
                "documents": len(mentioning),
            }
        )
    columns = ["year", "programme", "first_seen", "started", "run_by", "documents"]
    return _order_by(rows, columns, columns)


_FACT_TYPES = tuple(t for t in REL_TYPES if t != "MENTIONS")


def q_shortest_connection(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    facts = nx.Graph()
    facts.add_nodes_from(graph.nodes)
    facts.add_edges_from((a, b) for a, b, _ in _edges(graph, _FACT_TYPES) if a != b)
    people = _nodes(graph, "Person")
    starts = [node for node in people if _is(graph, node, params["person"])]
    ends = [node for node in people if _is(graph, node, params["other"])]
    rows = []
    for a, b in itertools.product(starts, ends):
        if a == b:
            continue
        try:
            node_paths = list(nx.all_shortest_paths(facts, a, b))
        except nx.NetworkXNoPath:
            continue
        if len(node_paths[0]) - 1 > 8:
            continue
        for nodes in node_paths:
            steps = []
            for u, v in itertools.pairwise(nodes):
                choices = [(attrs, True) for attrs in graph.get_edge_data(u, v, default={}).values()]
                choices += [(attrs, False) for attrs in graph.get_edge_data(v, u, default={}).values()]
                steps.append([(attrs, forward) for attrs, forward in choices if attrs["type"] in _FACT_TYPES])
            for chosen in itertools.product(*steps):
                text = str(_name(graph, nodes[0]))
                for (attrs, forward), node in zip(chosen, nodes[1:], strict=True):
                    title = attrs["props"].get("title")
                    label = attrs["type"] + ("" if title is None else " " + str(title))
                    text += (f" -[{label}]-> " if forward else f" <-[{label}]- ") + str(_name(graph, node))
                rows.append(
                    {
                        "person": _name(graph, a),
                        "other": _name(graph, b),
                        "hops": len(nodes) - 1,
                        "path": text,
                    }
                )
    columns = ["person", "other", "hops", "path"]
    return _order_by(rows, ["hops", "path", "person", "other"], columns)[:50]


def q_co_mentioned(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    person = params.get("person")
    shared: dict[tuple[str, str], list[str]] = {}
    for doc in _nodes(graph, "Document"):
        key = _node(graph, doc)["key"]
        people = sorted(
            {b for _, b, _ in _out_edges(graph, doc, ["MENTIONS"]) if _label(graph, b) == "Person"}
        )
        for a, b in itertools.permutations(people, 2):
            if person is None and not _node(graph, a)["key"] < _node(graph, b)["key"]:
                continue
            if person is not None and not _is(graph, a, person):
                continue
            shared.setdefault((a, b), []).append(key)
    rows = [
        {
            "person": _name(graph, a),
            "other": _name(graph, b),
            "shared_documents": len(docs),
            "documents": sorted(docs),
        }
        for (a, b), docs in shared.items()
    ]
    columns = ["person", "other", "shared_documents", "documents"]
    return _order_by(rows, [("shared_documents", False), "person", "other", "documents"], columns)[:100]


def evidence_fields(evidence: str) -> tuple[str, int | None, str]:
    """(document key, start, text) of one evidence JSON string, read exactly the way the Cypher of
    relation-evidence reads it with split/replace (Cypher has no JSON parser), line breaks removed."""
    doc_key = evidence.split('"doc": "')[1].split('"')[0]
    start_text = evidence.split('"start": ')[1].split(",")[0]
    start = int(start_text) if start_text.strip().lstrip("-").isdigit() else None
    tail = evidence.split('"text": "')[1]
    text = tail[: len(tail) - 2]
    text = text.replace("\\n", "").replace("\\r", "").replace('\\"', '"').replace("\\\\", "\\")
    return doc_key, start, text


def q_relation_evidence(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    source, target, rel_type = params["source"], params.get("target"), params.get("type")
    documents = _documents_by_key(graph)
    rows = []
    for a, b, attrs in graph.edges(data=True):
        if attrs["type"] == "MENTIONS" or not _is(graph, a, source):
            continue
        if target is not None and not _is(graph, b, target):
            continue
        if rel_type is not None and attrs["type"] != rel_type:
            continue
        for evidence in attrs["props"].get("evidence") or []:
            doc_key, start, text = evidence_fields(evidence)
            doc = documents.get(doc_key, {})
            rows.append(
                {
                    "source": _name(graph, a),
                    "relation": attrs["type"],
                    "title": _title(attrs["props"], "title", "role"),
                    "target": _name(graph, b),
                    "date": doc.get("date"),
                    "document": _coalesce(doc.get("source"), doc_key),
                    "start": start,
                    "evidence": text,
                }
            )
    columns = ["source", "relation", "title", "target", "date", "document", "start", "evidence"]
    return _order_by(
        rows, ["source", "relation", "target", "title", "date", "document", "start", "evidence"], columns
    )


def q_figures_by_programme(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    programme = params.get("programme")
    documents = _documents_by_key(graph)
    rows = []
    for owner, figure, attrs in _edges(graph, ["HAS_FIGURE"]):
        if _label(graph, figure) != "Figure":
            continue
        if programme is not None and not _contains(graph, owner, programme):
            continue
        fig = _props(graph, figure)
        for doc_key in _docs(attrs["props"]):
            doc = documents.get(doc_key, {})
            rows.append(
                {
                    "owner": _name(graph, owner),
                    "owner_label": _label(graph, owner),
                    "figure": fig.get("text"),
                    "value": fig.get("value"),
                    "unit": fig.get("unit"),
                    "subject": fig.get("subject"),
                    "date": doc.get("date"),
                    "document": _coalesce(doc.get("source"), doc_key),
                }
            )
    columns = ["owner", "owner_label", "figure", "value", "unit", "subject", "date", "document"]
    return _order_by(
        rows, ["owner", "figure", "value", "unit", "document", "owner_label", "subject", "date"], columns
    )


_COUNTED = (
    ("people", "Person"),
    ("organisations", "Organization"),
    ("places", "Place"),
    ("programmes", "Programme"),
    ("events", "Event"),
    ("figures", "Figure"),
)


def q_documents(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    rows = []
    for doc in _nodes(graph, "Document"):
        props = _props(graph, doc)
        row: Row = {
            "date": props.get("date"),
            "document": _node(graph, doc)["key"],
            "title": props.get("title"),
            "source": props.get("source"),
        }
        targets = [_label(graph, b) for _, b, _ in _out_edges(graph, doc, ["MENTIONS"])]
        for column, label in _COUNTED:
            row[column] = targets.count(label)
        rows.append(row)
    columns = ["date", "document", "title", "source", *(column for column, _ in _COUNTED)]
    return _order_by(rows, ["date", "document"], columns)


def q_find_entity(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    text = params["text"]
    rows = []
    for node, label in graph.nodes(data="label"):
        if label in ("Document", "Figure"):
            continue
        name = _name(graph, node)
        if not (
            (isinstance(name, str) and text in name) or any(text in alias for alias in _aliases(graph, node))
        ):
            continue
        rows.append(
            {
                "label": label,
                "name": name,
                "key": _node(graph, node)["key"],
                "aliases": _aliases(graph, node),
                "documents": len(_docs(_props(graph, node))),
            }
        )
    columns = ["label", "name", "key", "aliases", "documents"]
    return _order_by(rows, ["label", "name", "key"], columns)


def q_mentions(graph: nx.MultiDiGraph, params: Params) -> list[Row]:
    rows = []
    for doc, node, attrs in _edges(graph, ["MENTIONS"]):
        if _label(graph, doc) != "Document" or not _is(graph, node, params["name"]):
            continue
        rows.append(
            {
                "entity": _name(graph, node),
                "label": _label(graph, node),
                "date": _props(graph, doc).get("date"),
                "document": _props(graph, doc).get("source"),
                "texts": list(attrs["props"].get("texts") or []),
                "offsets": list(attrs["props"].get("offsets") or []),
            }
        )
    columns = ["entity", "label", "date", "document", "texts", "offsets"]
    return _order_by(rows, columns, columns)


LOCAL_QUERIES: dict[str, Callable[[nx.MultiDiGraph, Params], list[Row]]] = {
    "who-leads-what": q_who_leads_what,
    "who-leads-what-graph": q_who_leads_what_graph,
    "career": q_career,
    "succession": q_succession,
    "person-profile": q_person_profile,
    "organisation-profile": q_organisation_profile,
    "programme-overview": q_programme_overview,
    "place-timeline": q_place_timeline,
    "officials-by-place": q_officials_by_place,
    "place-hierarchy": q_place_hierarchy,
    "programmes-by-year": q_programmes_by_year,
    "shortest-connection": q_shortest_connection,
    "co-mentioned": q_co_mentioned,
    "relation-evidence": q_relation_evidence,
    "figures-by-programme": q_figures_by_programme,
    "documents": q_documents,
    "find-entity": q_find_entity,
    "mentions": q_mentions,
    "person-links": q_person_links,
}
