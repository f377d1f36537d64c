"""The embedded store's answers to the saved queries: one function per query, registered under the
query's name, each following its Cypher (queries/NAME.cypher) clause by clause over a `GraphView`.

Every saved query ends in an ORDER BY over enough columns that equal rows are the only ties; the
functions sort the same way (`order_by`: ascending puts nulls last, descending first), so both stores
give the same rows in the same order. A change to a query's Cypher needs the same change here
(tests/test_store_parity.py compares the two).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from cadregraph.graph.cypher_view import (
    GraphView,
    coalesce,
    docs_of,
    max_present,
    min_present,
    order_by,
    union_docs,
)
from cadregraph.graph.model import REL_TYPES, evidence_from_props
from cadregraph.graph.person_links import LINK_TYPE
from cadregraph.graph.saved_queries import Params, QueryError

Row = dict[str, Any]
LocalQuery = Callable[[GraphView, Params], list[Row]]

LOCAL_QUERIES: dict[str, LocalQuery] = {}


def answers(name: str) -> Callable[[LocalQuery], LocalQuery]:
    """Register the decorated function as the local answer to the saved query `name`."""

    def register(function: LocalQuery) -> LocalQuery:
        if name in LOCAL_QUERIES:
            raise ValueError(f"two local answers to the saved query {name!r}")
        LOCAL_QUERIES[name] = function
        return function

    return register


def answer(graph: nx.MultiDiGraph, name: str, params: Params) -> list[Row]:
    """The rows of the saved query `name` over `graph`; Cypher text is not a name the registry knows."""
    implementation = LOCAL_QUERIES.get(name)
    if implementation is None:
        if name in _saved_names():
            raise QueryError(f"the local store cannot answer {name!r}; use --store neo4j")
        raise QueryError(
            "the local store answers only the saved queries; run a .cypher file with --store neo4j"
        )
    return implementation(GraphView(graph), params)


def _saved_names() -> set[str]:
    from cadregraph.graph.saved_queries import load_queries

    return set(load_queries())


# --- shared steps --------------------------------------------------------------------------------


def _documents_by_key(g: GraphView) -> dict[str, dict[str, Any]]:
    return {g.key(node): g.props(node) for node in g.match("Document")}


def _sorted_dates(documents: Mapping[str, Mapping[str, Any]], docs: Iterable[str]) -> list[str]:
    """`COLLECT { MATCH (d:Document) WHERE d.key IN docs AND d.date IS NOT NULL RETURN DISTINCT d.date ...}`"""
    dates = {documents[key].get("date") for key in docs if key in documents}
    return sorted(date for date in dates if date is not None)


def _title(props: Mapping[str, Any], *names: str) -> Any:
    return coalesce(*(props.get(name) for name in names), "")


# --- place areas (who-leads-what, officials-by-place) ---------------------------------------------

_AREA_TYPES = ("LOCATED_IN", "PART_OF")


def _area(g: GraphView, roots: Iterable[str]) -> list[str]:
    """The roots and the places 1..4 PART_OF steps below them."""
    area = list(dict.fromkeys(roots))
    for root in list(area):
        for sub in sorted(g.reach(root, ["PART_OF"], 4, forward=False)):
            if g.label(sub) == "Place" and sub not in area:
                area.append(sub)
    return area


def _area_names(g: GraphView, area: Iterable[str], extra: Sequence[str | None] = ()) -> list[str]:
    names = [*extra]
    for node in area:
        names += [g.name(node), *g.aliases(node)]
    return [name for name in names if name is not None and len(name) >= 2]


def _in_area(
    g: GraphView,
    org: str,
    area: Sequence[str],
    area_names: Sequence[str],
    reach_cache: dict[str, set[str]] | None = None,
) -> bool:
    """`any(n IN area_names WHERE o.name CONTAINS n)
    OR EXISTS { MATCH (o)-[:LOCATED_IN|PART_OF*1..4]->(x:Place) WHERE x IN area }`"""
    name = g.name(org) or ""
    if any(n in name for n in area_names):
        return True
    cache = {} if reach_cache is None else reach_cache
    if org not in cache:
        cache[org] = g.reach(org, _AREA_TYPES, 4)
    reached = cache[org]
    return any(place in reached for place in area)


def _holders(g: GraphView) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """(org, person, title) -> the edge attributes of its HOLDS_POSITION|LEADS relationships."""
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for person, org, attrs in g.rels(["HOLDS_POSITION", "LEADS"]):
        if g.label(person) != "Person":
            continue
        title = _title(attrs["props"], "title")
        grouped.setdefault((org, person, title), []).append(attrs)
    return grouped


def latest_date(g: GraphView) -> str | None:
    """`max(d.date)` over the Document nodes: the default `as_of`."""
    dates = [g.props(node).get("date") for node in g.match("Document")]
    present = [date for date in dates if date is not None]
    return max(present) if present else None


def _current_holders(
    g: GraphView, params: Params
) -> tuple[Any, list[tuple[tuple[str, str, str], list[dict[str, Any]]]]]:
    """The as_of day and the (org, person, title) groups who-leads-what keeps on it, each with the
    relationships seen on or before the day (the Cypher of queries/who-leads-what.cypher, step by step)."""
    day = coalesce(params.get("as_of"), latest_date(g))
    keep = _who_leads_filter(g, params)
    holders = _holders(g)
    by_post: dict[tuple[str, str], list[tuple[str, Any]]] = {}
    for (org, person, title), edges in holders.items():
        for attrs in edges:
            by_post.setdefault((org, title), []).append((person, attrs["props"].get("first_seen")))
    removals: dict[tuple[str, str, str], list[Any]] = {}
    for person, org, attrs in g.rels(["REMOVED_FROM"]):
        props = attrs["props"]
        if coalesce(props.get("status"), "decided") != "proposed":
            removals.setdefault((person, org, _title(props, "title")), []).append(props.get("date"))
    appointed: dict[tuple[str, str], list[tuple[str, Any]]] = {}
    for person, org, attrs in g.rels(["APPOINTED_TO"]):
        props = attrs["props"]
        if g.label(person) == "Person" and coalesce(props.get("status"), "decided") != "proposed":
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


def _who_leads_filter(g: GraphView, params: Params) -> Callable[[str], bool]:
    org_filter, place = params.get("org"), params.get("place")
    roots = [n for n in g.match("Place") if place is not None and g.is_named(n, place)]
    area = _area(g, roots)
    area_names = _area_names(g, area, [place])

    def keep(org: str) -> bool:
        if org_filter is not None and not g.name_contains(org, org_filter):
            return False
        return place is None or _in_area(g, org, area, area_names)

    return keep


@answers("who-leads-what")
def q_who_leads_what(g: GraphView, params: Params) -> list[Row]:
    day, kept = _current_holders(g, params)
    rows = [
        {
            "organisation": g.name(org),
            "organisation_label": g.label(org),
            "person": g.name(person),
            "title": title,
            "leads": any(attrs["type"] == "LEADS" for attrs in edges),
            "documents": len(union_docs(docs_of(attrs["props"]) for attrs in edges)),
            "first_seen": min_present(attrs["props"].get("first_seen") for attrs in edges),
            "last_seen": max_present(attrs["props"].get("last_seen") for attrs in edges),
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
    return order_by(rows, order, columns)


@answers("who-leads-what-graph")
def q_who_leads_what_graph(g: GraphView, params: Params) -> list[Row]:
    _, kept = _current_holders(g, params)
    rows = [
        {
            "person_key": g.key(person),
            "person": g.name(person),
            "relation": attrs["type"],
            "title": title,
            "target_key": g.key(org),
            "target": g.name(org),
            "target_label": g.label(org),
            "evidence": [item.as_map() for item in evidence_from_props(attrs["props"])],
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
    return order_by(rows, ["target", "person", "title", "relation", "person_key", "target_key"], columns)


def _place_of(g: GraphView, org: str) -> Any:
    """The smallest name among the places `org` is LOCATED_IN or PART_OF directly (null if none)."""
    names = [
        g.name(place)
        for _, place, _ in g.out(org, _AREA_TYPES)
        if g.label(place) == "Place" and g.name(place) is not None
    ]
    return min(names) if names else None


@answers("career")
def q_career(g: GraphView, params: Params) -> list[Row]:
    wanted = params.get("person")
    documents = _documents_by_key(g)
    groups = linked_groups(g)
    rows = []
    for (org, person, title), edges in _holders(g).items():
        group = groups.get(person, [person])
        if wanted is not None and not any(g.is_named(other, wanted) for other in group):
            continue
        docs = sorted({doc for attrs in edges for doc in docs_of(attrs["props"])})
        rows.append(
            {
                "person": g.name(person),
                "person_key": g.key(person),
                "title": title,
                "organisation": g.name(org),
                "organisation_key": g.key(org),
                "place": _place_of(g, org),
                "leads": any(attrs["type"] == "LEADS" for attrs in edges),
                "first_seen": min_present(attrs["props"].get("first_seen") for attrs in edges),
                "last_seen": max_present(attrs["props"].get("last_seen") for attrs in edges),
                "documents": docs,
                "sources": [documents[doc].get("source") for doc in docs if doc in documents],
                "identity": min(g.key(other) for other in group),
            }
        )
    columns = list(CAREER_COLUMNS)
    order = ["person", "person_key", "first_seen", "last_seen", "organisation", "organisation_key", "title"]
    return order_by(rows, order, columns)


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


def linked_groups(g: GraphView) -> dict[str, list[str]]:
    """Node -> every Person node joined to it by SAME_AS links (itself included), for the nodes that
    have a link: `(p)-[:SAME_AS*0..]-(x:Person)`."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    for a, b, _ in g.rels([LINK_TYPE]):
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        parent[root(a)] = root(b)
    members: dict[str, list[str]] = defaultdict(list)
    for node in parent:
        members[root(node)].append(node)
    return {node: sorted(members[root(node)]) for node in parent}


@answers("person-links")
def q_person_links(g: GraphView, params: Params) -> list[Row]:
    wanted = params.get("person")
    rows = []
    for a, b, attrs in g.rels([LINK_TYPE]):
        if wanted is not None and not (g.is_named(a, wanted) or g.is_named(b, wanted)):
            continue
        props = attrs["props"]
        rows.append(
            {
                "person": g.name(a),
                "person_key": g.key(a),
                "other": g.name(b),
                "other_key": g.key(b),
                "kind": props.get("kind"),
                "why": props.get("why"),
                "evidence": [item.as_map() for item in evidence_from_props(props)],
                "documents": list(dict.fromkeys(item.doc for item in evidence_from_props(props))),
            }
        )
    return order_by(rows, ["person_key", "other_key"], PERSON_LINKS_COLUMNS)


PERSON_LINKS_COLUMNS: tuple[str, ...] = (
    "person",
    "person_key",
    "other",
    "other_key",
    "kind",
    "why",
    "evidence",
    "documents",
)


@answers("succession")
def q_succession(g: GraphView, params: Params) -> list[Row]:
    org_filter, title = params["org"], params["title"]
    removals: dict[tuple[str, str], list[str]] = {}
    for person, org, attrs in g.rels(["REMOVED_FROM"]):
        props = attrs["props"]
        if (
            _title(props, "title") == title
            and coalesce(props.get("status"), "decided") != "proposed"
            and props.get("date") is not None
        ):
            removals.setdefault((person, org), []).append(props["date"])
    rows = []
    for (org, person, held), edges in _holders(g).items():
        if held != title or not g.name_contains(org, org_filter):
            continue
        first_seen = min_present(attrs["props"].get("first_seen") for attrs in edges)
        later = sorted(
            date for date in removals.get((person, org), []) if first_seen is None or date >= first_seen
        )
        rows.append(
            {
                "organisation": g.name(org),
                "organisation_key": g.key(org),
                "title": title,
                "person": g.name(person),
                "person_key": g.key(person),
                "first_seen": first_seen,
                "last_seen": max_present(attrs["props"].get("last_seen") for attrs in edges),
                "removed": later[0] if later else None,
                "documents": len(union_docs(docs_of(attrs["props"]) for attrs in edges)),
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
    return order_by(rows, order, columns)


@answers("person-profile")
def q_person_profile(g: GraphView, params: Params) -> list[Row]:
    documents = _documents_by_key(g)
    rows = []
    for person in g.match("Person"):
        if not g.is_named(person, params["person"]):
            continue
        edges = [(b, attrs, True) for _, b, attrs in g.out(person)]
        edges += [(a, attrs, False) for a, _, attrs in g.into(person)]
        for other, attrs, outgoing in edges:
            if attrs["type"] == "MENTIONS" or other == person:
                continue
            docs = docs_of(attrs["props"])
            rows.append(
                {
                    "person": g.name(person),
                    "relation": attrs["type"] if outgoing else "<-" + attrs["type"],
                    "title": _title(attrs["props"], "title", "role"),
                    "target": g.name(other),
                    "target_label": g.label(other),
                    "dates": _sorted_dates(documents, docs),
                    "sources": sorted(str(documents[key].get("source")) for key in docs if key in documents),
                }
            )
    columns = ["person", "relation", "title", "target", "target_label", "dates", "sources"]
    return order_by(
        rows, ["person", "relation", "target", "title", "target_label", "dates", "sources"], columns
    )


_ORG_ROLES = ("leader", "position", "sub-unit", "part of", "runs", "located in")


@answers("organisation-profile")
def q_organisation_profile(g: GraphView, params: Params) -> list[Row]:
    rows: list[Row] = []
    holders = _holders(g)
    for org in g.match("Organization"):
        if not g.name_contains(org, params["org"]):
            continue
        parts: list[tuple[str, Any, Any, list[str]]] = []
        for (holder_org, person, title), edges in holders.items():
            if holder_org == org:
                role = "leader" if any(attrs["type"] == "LEADS" for attrs in edges) else "position"
                doc_lists = [docs_of(attrs["props"]) for attrs in edges]
                parts.append((role, g.name(person), title, union_docs(doc_lists)))
        for unit, _, attrs in g.into(org, ["PART_OF"]):
            if unit != org:
                parts.append(("sub-unit", g.name(unit), "", docs_of(attrs["props"])))
        for _, unit, attrs in g.out(org, ["PART_OF"]):
            if unit != org:
                parts.append(("part of", g.name(unit), "", docs_of(attrs["props"])))
        for rel_type, role in (("RUNS", "runs"), ("LOCATED_IN", "located in"), ("HAS_FIGURE", "figure")):
            for _, other, attrs in g.out(org, [rel_type]):
                parts.append((role, g.name(other), "", docs_of(attrs["props"])))
        for role, name, title, docs in parts:
            rows.append(
                {
                    "organisation": g.name(org),
                    "role": role,
                    "name": name,
                    "title": title,
                    "documents": len(docs),
                    "_rank": _ORG_ROLES.index(role) if role in _ORG_ROLES else len(_ORG_ROLES),
                }
            )
    columns = ["organisation", "role", "name", "title", "documents"]
    return order_by(rows, ["organisation", "_rank", "name", "title", "documents"], columns)


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


@answers("programme-overview")
def q_programme_overview(g: GraphView, params: Params) -> list[Row]:
    documents = _documents_by_key(g)
    rows: list[Row] = []
    for programme in g.match("Programme"):
        if not g.name_contains(programme, params["programme"]):
            continue
        parts: list[tuple[str, Any, Any, list[str]]] = []
        for other, _, attrs in g.into(programme, ["RUNS"]):
            parts.append(("run by", g.name(other), "", docs_of(attrs["props"])))
        for other, _, attrs in g.into(programme, ["LEADS"]):
            parts.append(("led by", g.name(other), _title(attrs["props"], "title"), docs_of(attrs["props"])))
        for other, _, attrs in g.into(programme, ["PARTICIPATES_IN"]):
            detail = _title(attrs["props"], "title", "post", "role")
            parts.append(("participant", g.name(other), detail, docs_of(attrs["props"])))
        for _, figure, attrs in g.out(programme, ["HAS_FIGURE"]):
            detail = coalesce(g.props(figure).get("subject"), "")
            parts.append(("figure", g.name(figure), detail, docs_of(attrs["props"])))
        for date in g.props(programme).get("started") or []:
            parts.append(("started", date, "", g.props(programme).get("docs") or []))
        for _, other, attrs in g.out(programme, ["PART_OF"]):
            if other != programme:
                parts.append(("part of", g.name(other), "", docs_of(attrs["props"])))
        for other, _, attrs in g.into(programme, ["PART_OF"]):
            if other != programme:
                parts.append(("includes", g.name(other), "", docs_of(attrs["props"])))
        for _, other, attrs in g.out(programme, ["LOCATED_IN"]):
            parts.append(("located in", g.name(other), "", docs_of(attrs["props"])))
        for doc, _, attrs in g.into(programme, ["MENTIONS"]):
            if g.label(doc) == "Document":
                detail = coalesce(g.props(doc).get("source"), "")
                parts.append(("mentioned in", g.name(doc), detail, docs_of(attrs["props"])))
        for role, name, detail, docs in parts:
            dates = _sorted_dates(documents, docs)
            rows.append(
                {
                    "programme": g.name(programme),
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
    return order_by(rows, ["programme", "_rank", "first_date", "name", "detail", "documents"], columns)


@answers("place-timeline")
def q_place_timeline(g: GraphView, params: Params) -> list[Row]:
    roots = [node for node in g.match("Place") if g.is_named(node, params["place"])]
    area = set(_area(g, roots))
    rows = []
    for doc in g.match("Document"):
        mentioned = [b for _, b, _ in g.out(doc, ["MENTIONS"])]
        if not any(node in area for node in mentioned):
            continue
        props = g.props(doc)
        rows.append(
            {
                "date": props.get("date"),
                "source": props.get("source"),
                "title": props.get("title"),
                "places": _distinct_names(g, [n for n in mentioned if n in area], "Place"),
                "events": _distinct_names(g, mentioned, "Event"),
                "programmes": _distinct_names(g, mentioned, "Programme"),
            }
        )
    columns = ["date", "source", "title", "places", "events", "programmes"]
    return order_by(rows, columns, columns)


def _distinct_names(g: GraphView, nodes: Iterable[str], label: str) -> list[str]:
    """`COLLECT { ... (x:Label) RETURN DISTINCT x.name AS n ORDER BY n }`"""
    found = {g.name(node) for node in nodes if g.label(node) == label}
    return sorted(name for name in found if name is not None)


@answers("officials-by-place")
def q_officials_by_place(g: GraphView, params: Params) -> list[Row]:
    place = params.get("place")
    holders = _holders(g)
    reach_cache: dict[str, set[str]] = {}
    rows = []
    for root in g.match("Place"):
        if place is not None and not g.is_named(root, place):
            continue
        area = _area(g, [root])
        area_names = _area_names(g, area)
        for (org, person, title), edges in holders.items():
            if _in_area(g, org, area, area_names, reach_cache):
                rows.append(
                    {
                        "place": g.name(root),
                        "organisation": g.name(org),
                        "person": g.name(person),
                        "title": title,
                        "leads": any(attrs["type"] == "LEADS" for attrs in edges),
                    }
                )
    columns = ["place", "organisation", "person", "title", "leads"]
    return order_by(rows, columns, columns)


@answers("place-hierarchy")
def q_place_hierarchy(g: GraphView, params: Params) -> list[Row]:
    place = params.get("place")
    roots = [node for node in g.match("Place") if place is not None and g.is_named(node, place)]
    below: set[str] = set()
    above: set[str] = set()
    for root in roots:
        below |= {root} | g.reach(root, ["PART_OF"], 6, forward=False)
        above |= {root} | g.reach(root, ["PART_OF"], 6)
    rows = []
    for child, parent, attrs in g.rels(["PART_OF"]):
        if g.label(child) != "Place" or g.label(parent) != "Place":
            continue
        if place is not None and parent not in below and child not in above:
            continue
        rows.append(
            {
                "parent": g.name(parent),
                "place": g.name(child),
                "documents": len(docs_of(attrs["props"])),
            }
        )
    columns = ["parent", "place", "documents"]
    return order_by(rows, columns, columns)


@answers("programmes-by-year")
def q_programmes_by_year(g: GraphView, params: Params) -> list[Row]:
    year_filter = params.get("year")
    rows = []
    for programme in g.match("Programme"):
        mentioning = [a for a, _, _ in g.into(programme, ["MENTIONS"]) if g.label(a) == "Document"]
        seen_dates = sorted(d for d in (g.props(a).get("date") for a in mentioning) if d is not None)
        started_dates = sorted(g.props(programme).get("started") or [])
        first_seen = seen_dates[0] if seen_dates else None
        started = started_dates[0] if started_dates else None
        basis = coalesce(started, first_seen)
        year = basis[:4] if basis is not None else None
        if year_filter is not None and year != year_filter:
            continue
        run_by = {g.name(a) for a, _, _ in g.into(programme, ["RUNS"])}
        rows.append(
            {
                "year": year,
                "programme": g.name(programme),
                "first_seen": first_seen,
                "started": started,
                "run_by": sorted(name for name in run_by if name is not None),
                "documents": len(mentioning),
            }
        )
    columns = ["year", "programme", "first_seen", "started", "run_by", "documents"]
    return order_by(rows, columns, columns)


_FACT_TYPES = tuple(t for t in REL_TYPES if t != "MENTIONS")


@answers("shortest-connection")
def q_shortest_connection(g: GraphView, params: Params) -> list[Row]:
    facts = nx.Graph()
    facts.add_nodes_from(g.graph.nodes)
    facts.add_edges_from((a, b) for a, b, _ in g.rels(_FACT_TYPES) if a != b)
    people = g.match("Person")
    starts = [node for node in people if g.is_named(node, params["person"])]
    ends = [node for node in people if g.is_named(node, params["other"])]
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
                choices = [(attrs, True) for attrs in (rel.attrs for rel in g.between(u, v))]
                choices += [(attrs, False) for attrs in (rel.attrs for rel in g.between(v, u))]
                steps.append([(attrs, forward) for attrs, forward in choices if attrs["type"] in _FACT_TYPES])
            for chosen in itertools.product(*steps):
                text = str(g.name(nodes[0]))
                for (attrs, forward), node in zip(chosen, nodes[1:], strict=True):
                    title = attrs["props"].get("title")
                    label = attrs["type"] + ("" if title is None else " " + str(title))
                    text += (f" -[{label}]-> " if forward else f" <-[{label}]- ") + str(g.name(node))
                rows.append(
                    {
                        "person": g.name(a),
                        "other": g.name(b),
                        "hops": len(nodes) - 1,
                        "path": text,
                    }
                )
    columns = ["person", "other", "hops", "path"]
    return order_by(rows, ["hops", "path", "person", "other"], columns)[:50]


@answers("co-mentioned")
def q_co_mentioned(g: GraphView, params: Params) -> list[Row]:
    person = params.get("person")
    shared: dict[tuple[str, str], list[str]] = {}
    for doc in g.match("Document"):
        key = g.key(doc)
        people = sorted({b for _, b, _ in g.out(doc, ["MENTIONS"]) if g.label(b) == "Person"})
        for a, b in itertools.permutations(people, 2):
            if person is None and not g.key(a) < g.key(b):
                continue
            if person is not None and not g.is_named(a, person):
                continue
            shared.setdefault((a, b), []).append(key)
    rows = [
        {
            "person": g.name(a),
            "other": g.name(b),
            "shared_documents": len(docs),
            "documents": sorted(docs),
        }
        for (a, b), docs in shared.items()
    ]
    columns = ["person", "other", "shared_documents", "documents"]
    return order_by(rows, [("shared_documents", False), "person", "other", "documents"], columns)[:100]


@answers("relation-evidence")
def q_relation_evidence(g: GraphView, params: Params) -> list[Row]:
    source, target, rel_type = params["source"], params.get("target"), params.get("type")
    documents = _documents_by_key(g)
    rows = []
    for a, b, attrs in g.rels():
        if attrs["type"] == "MENTIONS" or not g.is_named(a, source):
            continue
        if target is not None and not g.is_named(b, target):
            continue
        if rel_type is not None and attrs["type"] != rel_type:
            continue
        for evidence in evidence_from_props(attrs["props"]):
            doc = documents.get(evidence.doc, {})
            rows.append(
                {
                    "source": g.name(a),
                    "relation": attrs["type"],
                    "title": _title(attrs["props"], "title", "role"),
                    "target": g.name(b),
                    "date": doc.get("date"),
                    "document": coalesce(doc.get("source"), evidence.doc),
                    "start": evidence.start,
                    "evidence": evidence.text.replace("\n", "").replace("\r", ""),
                }
            )
    columns = ["source", "relation", "title", "target", "date", "document", "start", "evidence"]
    return order_by(
        rows, ["source", "relation", "target", "title", "date", "document", "start", "evidence"], columns
    )


@answers("figures-by-programme")
def q_figures_by_programme(g: GraphView, params: Params) -> list[Row]:
    programme = params.get("programme")
    documents = _documents_by_key(g)
    rows = []
    for owner, figure, attrs in g.rels(["HAS_FIGURE"]):
        if g.label(figure) != "Figure":
            continue
        if programme is not None and not g.name_contains(owner, programme):
            continue
        fig = g.props(figure)
        for doc_key in docs_of(attrs["props"]):
            doc = documents.get(doc_key, {})
            rows.append(
                {
                    "owner": g.name(owner),
                    "owner_label": g.label(owner),
                    "figure": fig.get("text"),
                    "value": fig.get("value"),
                    "unit": fig.get("unit"),
                    "subject": fig.get("subject"),
                    "date": doc.get("date"),
                    "document": coalesce(doc.get("source"), doc_key),
                }
            )
    columns = ["owner", "owner_label", "figure", "value", "unit", "subject", "date", "document"]
    return order_by(
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


@answers("documents")
def q_documents(g: GraphView, params: Params) -> list[Row]:
    rows = []
    for doc in g.match("Document"):
        props = g.props(doc)
        row: Row = {
            "date": props.get("date"),
            "document": g.key(doc),
            "title": props.get("title"),
            "source": props.get("source"),
        }
        targets = [g.label(b) for _, b, _ in g.out(doc, ["MENTIONS"])]
        for column, label in _COUNTED:
            row[column] = targets.count(label)
        rows.append(row)
    columns = ["date", "document", "title", "source", *(column for column, _ in _COUNTED)]
    return order_by(rows, ["date", "document"], columns)


@answers("find-entity")
def q_find_entity(g: GraphView, params: Params) -> list[Row]:
    text = params["text"]
    rows = []
    for node in g.match():
        label = g.label(node)
        if label in ("Document", "Figure"):
            continue
        name = g.name(node)
        if not ((isinstance(name, str) and text in name) or any(text in alias for alias in g.aliases(node))):
            continue
        rows.append(
            {
                "label": label,
                "name": name,
                "key": g.key(node),
                "aliases": g.aliases(node),
                "documents": len(docs_of(g.props(node))),
            }
        )
    columns = ["label", "name", "key", "aliases", "documents"]
    return order_by(rows, ["label", "name", "key"], columns)


@answers("mentions")
def q_mentions(g: GraphView, params: Params) -> list[Row]:
    rows = []
    for doc, node, attrs in g.rels(["MENTIONS"]):
        if g.label(doc) != "Document" or not g.is_named(node, params["name"]):
            continue
        rows.append(
            {
                "entity": g.name(node),
                "label": g.label(node),
                "date": g.props(doc).get("date"),
                "document": g.props(doc).get("source"),
                "texts": list(attrs["props"].get("texts") or []),
                "offsets": list(attrs["props"].get("offsets") or []),
            }
        )
    columns = ["entity", "label", "date", "document", "texts", "offsets"]
    return order_by(rows, columns, columns)
