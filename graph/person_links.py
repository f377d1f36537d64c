"""The same person across documents (issue 13): SAME_AS links between Person nodes, kept apart from the
loader and rewritten after every build, load and delete.

A person is one node per home place (`person:<home>:<name>`, pipeline/canonical.py): the same name in
two places is two nodes, and a name alone never joins them. A link needs evidence, a document that ties
the two places: an APPOINTED_TO that names the post the person leaves (`former_organization`,
pipeline/appointments.py: 前任黄山市委书记任泽锋调任淮南市委书记). Person P of that relation and another
node Q of the same name are linked when Q holds, leads, is appointed to or removed from the organisation
left or the organisation joined. Organisations match by key, or by name (中共 dropped) when one of the
two is a global node (`organization:NAME`, a name that opens with its own place): a scoped name such as
`organization:-:人事局` names no place and ties nothing.

Overrides (`kg merge KEY1 KEY2 [--why TEXT]`, `kg split KEY1 KEY2`) live in a TOML file, by default
`<data-dir>/person-overrides.toml` for the local store and `./person-overrides.toml` for Neo4j
(`--overrides PATH` for either). They are applied after the evidence on every write, so they survive
re-extraction and re-load: a split vetoes the evidence link of that pair, a merge links two nodes
without evidence (its `why` kept). A merge naming a node not (yet) in the graph waits in the file.

Each link is one relationship (a)-[:SAME_AS]->(b), a < b by key, with `rel_key` '' (as stores keep it), `kind`
('evidence' | 'merge'), `why`, `evidence` (JSON strings as on every relationship) and `evidence_docs`
(not `docs`: the loader reads relationships by `docs`, and links are no document's contribution).
"""

from __future__ import annotations

import json
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

LINK_TYPE = "SAME_AS"
POST_TYPES: tuple[str, ...] = ("HOLDS_POSITION", "LEADS", "APPOINTED_TO", "REMOVED_FROM")
OVERRIDES_NAME = "person-overrides.toml"
PARTY_PREFIX = "中共"

LinkKind = Literal["evidence", "merge"]


class OverrideError(ValueError):
    """An override file that cannot be read, or a merge/split that makes no sense; one line."""


@dataclass(frozen=True)
class Transfer:
    """An APPOINTED_TO that names the post left: the evidence that ties two places."""

    person: str
    org: str
    title: str
    former_title: str
    former_org: str  # canonical name as the notice gives it
    evidence: tuple[str, ...]
    docs: tuple[str, ...]


@dataclass(frozen=True)
class PersonFacts:
    """What the linker reads from a store: person names, their posts' organisations, the transfers."""

    names: dict[str, str]  # person key -> name
    posts: dict[str, set[str]]  # person key -> organisation keys
    transfers: list[Transfer]


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    kind: LinkKind
    why: str
    evidence: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()

    def props(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "why": self.why,
            "evidence": list(self.evidence),
            "evidence_docs": list(self.docs),
        }


def pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


# --- organisations --------------------------------------------------------------------------------


def _org_name(key: str) -> tuple[str, bool]:
    """(name without 中共, whether the key is global) of `organization:NAME` / `organization:SCOPE:NAME`."""
    _, _, rest = key.partition(":")
    scope, sep, name = rest.partition(":")
    named = name if sep else scope
    return named.removeprefix(PARTY_PREFIX), not sep


def same_organisation(key: str, other: str) -> bool:
    """The same key, or the same name where one of the two is global (a name that opens with its place)."""
    if key == other:
        return True
    name, is_global = _org_name(key)
    other_name, other_is_global = _org_name(other)
    return name == other_name and (is_global or other_is_global)


def _left_matches(former_org: str, other: str) -> bool:
    """The organisation left (a canonical name) is `other`'s, a global node of that name."""
    name, is_global = _org_name(other)
    return is_global and name == former_org.removeprefix(PARTY_PREFIX)


# --- evidence -------------------------------------------------------------------------------------


def evidence_links(facts: PersonFacts) -> list[Link]:
    """Links the documents give: for every transfer, the other nodes of the name at either organisation."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for key, name in facts.names.items():
        by_name[name].append(key)
    found: dict[tuple[str, str], list[Transfer]] = defaultdict(list)
    for transfer in facts.transfers:
        person_name = facts.names.get(transfer.person)
        for other in by_name.get(person_name or "", []):
            if other == transfer.person:
                continue
            orgs = facts.posts.get(other, set())
            if any(
                _left_matches(transfer.former_org, org) or same_organisation(transfer.org, org)
                for org in orgs
            ):
                found[pair(transfer.person, other)].append(transfer)
    links = []
    for (a, b), transfers in sorted(found.items()):
        first = min(transfers, key=lambda t: (t.docs, t.org, t.title))
        why = (
            f"{facts.names[first.person]}: {first.former_org} {first.former_title} → "
            f"{_org_name(first.org)[0]} {first.title}"
        )
        evidence = sorted({item for t in transfers for item in t.evidence})
        docs = sorted({doc for t in transfers for doc in t.docs})
        links.append(Link(a, b, "evidence", why, tuple(evidence), tuple(docs)))
    return links


# --- overrides ------------------------------------------------------------------------------------


@dataclass
class Overrides:
    """The user's decisions by pair: merge (with why) or split (with why)."""

    merges: dict[tuple[str, str], str] = field(default_factory=dict)
    splits: dict[tuple[str, str], str] = field(default_factory=dict)

    def merge(self, a: str, b: str, why: str) -> None:
        key = self._pair(a, b)
        self.splits.pop(key, None)
        self.merges[key] = why

    def split(self, a: str, b: str, why: str) -> None:
        key = self._pair(a, b)
        self.merges.pop(key, None)
        self.splits[key] = why

    @staticmethod
    def _pair(a: str, b: str) -> tuple[str, str]:
        for key in (a, b):
            if not key.startswith("person:"):
                raise OverrideError(
                    f"{key!r} is not a person key (person:PLACE:NAME; kg query career lists them)"
                )
        if a == b:
            raise OverrideError(f"{a!r} twice: a merge or split needs two person keys")
        return pair(a, b)


def overrides_path(store_kind: str, data_dir: Path, given: Path | None) -> Path:
    """`--overrides PATH`, else `<data-dir>/person-overrides.toml` (local) or `./person-overrides.toml` (neo4j)."""
    if given is not None:
        return given
    return Path(data_dir) / OVERRIDES_NAME if store_kind == "local" else Path(OVERRIDES_NAME)


def read_overrides(path: Path) -> Overrides:
    if not path.is_file():
        return Overrides()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise OverrideError(f"cannot read {path}: {exc}") from exc
    overrides = Overrides()
    unknown = sorted(set(raw) - {"merge", "split"})
    if unknown:
        raise OverrideError(f"{path}: unknown table {unknown[0]!r} (expected [[merge]] and [[split]])")
    for kind in ("merge", "split"):
        for entry in raw.get(kind, []):
            if (
                not isinstance(entry, dict)
                or not isinstance(entry.get("a"), str)
                or not isinstance(entry.get("b"), str)
            ):
                raise OverrideError(f'{path}: every [[{kind}]] needs a = "person:…" and b = "person:…"')
            why = str(entry.get("why", ""))
            (overrides.merge if kind == "merge" else overrides.split)(entry["a"], entry["b"], why)
    return overrides


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def write_overrides(path: Path, overrides: Overrides) -> None:
    """The file, rewritten whole (temporary file + rename); pairs sorted so that it diffs well."""
    lines = [
        "# Person merges and splits (kg merge / kg split), applied after every kg build, load and delete.",
        "# A split vetoes the evidence link of a pair; a merge links two person nodes without evidence.",
    ]
    for kind, table in (("merge", overrides.merges), ("split", overrides.splits)):
        for (a, b), why in sorted(table.items()):
            lines += ["", f"[[{kind}]]", f"a = {_toml_string(a)}", f"b = {_toml_string(b)}"]
            if why:
                lines.append(f"why = {_toml_string(why)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temp.replace(path)


@dataclass(frozen=True)
class LinkReport:
    links: list[Link]
    vetoed: int
    waiting: int  # merges naming a node not in the graph


def final_links(evidence: Sequence[Link], overrides: Overrides, persons: Iterable[str]) -> LinkReport:
    """Evidence minus the splits, plus the merges whose two nodes exist."""
    known = set(persons)
    links: dict[tuple[str, str], Link] = {}
    vetoed = 0
    for link in evidence:
        if (link.a, link.b) in overrides.splits:
            vetoed += 1
        else:
            links[(link.a, link.b)] = link
    waiting = 0
    for (a, b), why in sorted(overrides.merges.items()):
        if a in known and b in known:
            links[(a, b)] = Link(a, b, "merge", why or "kg merge")
        else:
            waiting += 1
    return LinkReport([links[k] for k in sorted(links)], vetoed, waiting)


# --- stores ---------------------------------------------------------------------------------------

_TRANSFERS_CYPHER = (
    "MATCH (p:Person)-[r:APPOINTED_TO]->(o:Organization) WHERE r.former_organization IS NOT NULL "
    "RETURN p.key AS person, o.key AS org, r.title AS title, r.former_title AS former_title, "
    "r.former_organization AS former_org, r.evidence AS evidence, r.docs AS docs"
)
_POSTS_CYPHER = (
    "MATCH (q:Person) WHERE q.name IN $names "
    "OPTIONAL MATCH (q)-[:HOLDS_POSITION|LEADS|APPOINTED_TO|REMOVED_FROM]->(o:Organization) "
    "RETURN q.key AS person, q.name AS name, collect(DISTINCT o.key) AS orgs"
)


def _transfer(row: Mapping[str, Any]) -> Transfer:
    return Transfer(
        str(row["person"]),
        str(row["org"]),
        str(row.get("title") or ""),
        str(row.get("former_title") or ""),
        str(row["former_org"]),
        tuple(sorted(row.get("evidence") or [])),
        tuple(sorted(row.get("docs") or [])),
    )


def read_facts(store: Any) -> PersonFacts:
    """The facts the linker needs, from either store (the same facts: the parity test holds them equal)."""
    from graph.local_store import LocalStore

    if isinstance(store, LocalStore):
        return _local_facts(store)
    transfers = [_transfer(row) for row in store.run_read(_TRANSFERS_CYPHER)]
    names_rows = store.run_read(
        "MATCH (p:Person) WHERE p.key IN $keys RETURN p.key AS k, p.name AS n",
        {"keys": sorted({t.person for t in transfers})},
    )
    wanted = sorted({str(row["n"]) for row in names_rows})
    names: dict[str, str] = {}
    posts: dict[str, set[str]] = {}
    for row in store.run_read(_POSTS_CYPHER, {"names": wanted}):
        names[str(row["person"])] = str(row["name"])
        posts[str(row["person"])] = set(row["orgs"])
    return PersonFacts(names, posts, transfers)


def _local_facts(store: Any) -> PersonFacts:
    graph = store.graph
    transfers = []
    for start, end, attrs in graph.edges(data=True):
        props = attrs["props"]
        if attrs["type"] == "APPOINTED_TO" and props.get("former_organization") is not None:
            transfers.append(
                _transfer(
                    {
                        "person": graph.nodes[start]["key"],
                        "org": graph.nodes[end]["key"],
                        **props,
                        "former_org": props["former_organization"],
                    }
                )
            )
    keys = {t.person for t in transfers}
    wanted = {
        graph.nodes[node]["props"].get("name")
        for node, label in graph.nodes(data="label")
        if label == "Person" and graph.nodes[node]["key"] in keys
    }
    names: dict[str, str] = {}
    posts: dict[str, set[str]] = {}
    for node, label in graph.nodes(data="label"):
        name = graph.nodes[node]["props"].get("name")
        if label != "Person" or name not in wanted:
            continue
        key = graph.nodes[node]["key"]
        names[key] = str(name)
        posts[key] = {
            graph.nodes[b]["key"]
            for _, b, rel_type in graph.out_edges(node, data="type")
            if rel_type in POST_TYPES and graph.nodes[b]["label"] == "Organization"
        }
    return PersonFacts(names, posts, transfers)


def existing_persons(store: Any, keys: Iterable[str]) -> set[str]:
    from graph.local_store import LocalStore, node_name

    wanted = sorted(set(keys))
    if isinstance(store, LocalStore):
        return {key for key in wanted if node_name("Person", key) in store.graph}
    rows = store.run_read("MATCH (p:Person) WHERE p.key IN $keys RETURN p.key AS k", {"keys": wanted})
    return {str(row["k"]) for row in rows}


def apply_links(store: Any, overrides: Overrides) -> LinkReport:
    """Recompute every SAME_AS link from the graph's evidence and the overrides, and write them."""
    evidence = evidence_links(read_facts(store))
    merged = {key for pair_ in overrides.merges for key in pair_}
    report = final_links(evidence, overrides, existing_persons(store, merged))
    store.replace_person_links([(link.a, link.b, link.props()) for link in report.links])
    return report


def describe(report: LinkReport) -> str:
    from_evidence = sum(link.kind == "evidence" for link in report.links)
    return (
        f"person links {len(report.links)}: {from_evidence} from evidence, "
        f"{len(report.links) - from_evidence} merged by override, {report.vetoed} vetoed by a split"
        + (f", {report.waiting} merges waiting for their nodes" if report.waiting else "")
    )


# --- reading the links (the local store's answers to the saved queries) -----------------------------


def linked_groups(graph: Any) -> dict[str, list[str]]:
    """networkx node -> every Person node joined to it by SAME_AS links (itself included), for the
    nodes that have a link (`(p)-[:SAME_AS*0..]-(x:Person)`)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    for a, b, rel_type in graph.edges(data="type"):
        if rel_type == LINK_TYPE:
            parent.setdefault(a, a)
            parent.setdefault(b, b)
            parent[root(a)] = root(b)
    members: dict[str, list[str]] = defaultdict(list)
    for node in parent:
        members[root(node)].append(node)
    return {node: sorted(members[root(node)]) for node in parent}


def q_person_links(graph: Any, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Saved query `person-links` on the local store."""
    wanted = params.get("person")

    def named(node: str) -> bool:
        props = graph.nodes[node]["props"]
        return bool(props.get("name") == wanted or wanted in (props.get("aliases") or []))

    rows = []
    for a, b, attrs in graph.edges(data=True):
        if attrs["type"] != LINK_TYPE or (wanted is not None and not (named(a) or named(b))):
            continue
        props = attrs["props"]
        rows.append(
            {
                "person": graph.nodes[a]["props"].get("name"),
                "person_key": graph.nodes[a]["key"],
                "other": graph.nodes[b]["props"].get("name"),
                "other_key": graph.nodes[b]["key"],
                "kind": props.get("kind"),
                "why": props.get("why"),
                "evidence": props.get("evidence"),
                "documents": props.get("evidence_docs"),
            }
        )
    return sorted(rows, key=lambda row: (row["person_key"], row["other_key"]))


# --- the kg commands' part ------------------------------------------------------------------------


def add_overrides_argument(parser: Any) -> None:
    parser.add_argument(
        "--overrides",
        type=Path,
        metavar="PATH",
        help=f"person merge/split file (default: DATA_DIR/{OVERRIDES_NAME} for local, ./{OVERRIDES_NAME} for neo4j)",
    )


def relink(store: Any, args: Any) -> str:
    """After a write: the links recomputed with the overrides file `args` names; the line to print."""
    path = overrides_path(args.store, args.data_dir, getattr(args, "overrides", None))
    return describe(apply_links(store, read_overrides(path)))


def record_override(args: Any, kind: Literal["merge", "split"]) -> Path:
    """`kg merge` / `kg split`: the decision written to the overrides file (the last one for a pair wins)."""
    path = overrides_path(args.store, args.data_dir, args.overrides)
    overrides = read_overrides(path)
    (overrides.merge if kind == "merge" else overrides.split)(args.key1, args.key2, args.why or "")
    write_overrides(path, overrides)
    return path
