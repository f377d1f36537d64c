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
('evidence' | 'merge'), `why` and its evidence in the parallel lists every relationship uses (`cadregraph.graph.model.EVIDENCE_PROPS`;
no `docs`: the loader reads relationships by `docs`, and links are no document's contribution).
"""

from __future__ import annotations

import json
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from cadregraph.graph.model import Evidence, evidence_from_props, evidence_to_props

if TYPE_CHECKING:  # the view is the embedded store's; kg extract need not import networkx
    from cadregraph.graph.cypher_view import GraphView

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
    evidence: tuple[Evidence, ...]
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
    evidence: tuple[Evidence, ...] = ()

    def props(self) -> dict[str, Any]:
        return {"kind": self.kind, "why": self.why, **evidence_to_props(self.evidence)}


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
        links.append(Link(a, b, "evidence", why, tuple(evidence)))
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
    "r.former_organization AS former_org, r.evidence_docs AS evidence_docs, "
    "r.evidence_starts AS evidence_starts, r.evidence_ends AS evidence_ends, r.evidence_texts AS evidence_texts, "
    "r.docs AS docs"
)
_POSTS_CYPHER = (
    "MATCH (q:Person) WHERE q.name IN $names "
    "OPTIONAL MATCH (q)-[:HOLDS_POSITION|LEADS|APPOINTED_TO|REMOVED_FROM]->(o:Organization) "
    "RETURN q.key AS person, q.name AS name, collect(DISTINCT o.key) AS orgs"
)

ReadCypher = Callable[[str, Mapping[str, Any]], list[dict[str, Any]]]


class LinkStore(Protocol):
    """What the linker needs of a store (both stores have it; tests/test_store_parity.py holds the
    facts equal): the facts it reads, which person keys exist, and a place to write the links."""

    def person_facts(self) -> PersonFacts: ...

    def existing_persons(self, keys: Iterable[str]) -> set[str]: ...

    def replace_person_links(self, links: Sequence[tuple[str, str, dict[str, Any]]]) -> None: ...


def _transfer(row: Mapping[str, Any]) -> Transfer:
    return Transfer(
        str(row["person"]),
        str(row["org"]),
        str(row.get("title") or ""),
        str(row.get("former_title") or ""),
        str(row["former_org"]),
        tuple(evidence_from_props(row)),
        tuple(sorted(row.get("docs") or [])),
    )


def cypher_facts(read: ReadCypher) -> PersonFacts:
    """The linker's facts through Cypher reads (the Neo4j store)."""
    transfers = [_transfer(row) for row in read(_TRANSFERS_CYPHER, {})]
    names_rows = read(
        "MATCH (p:Person) WHERE p.key IN $keys RETURN p.key AS k, p.name AS n",
        {"keys": sorted({t.person for t in transfers})},
    )
    wanted = sorted({str(row["n"]) for row in names_rows})
    names: dict[str, str] = {}
    posts: dict[str, set[str]] = {}
    for row in read(_POSTS_CYPHER, {"names": wanted}):
        names[str(row["person"])] = str(row["name"])
        posts[str(row["person"])] = set(row["orgs"])
    return PersonFacts(names, posts, transfers)


def view_transfer(person: str, org: str, props: Mapping[str, Any]) -> Transfer:
    """The transfer an APPOINTED_TO with a former organisation states, from the embedded store's
    properties (graph/local_db.py reads them without networkx)."""
    return _transfer({"person": person, "org": org, **props, "former_org": props["former_organization"]})


def view_facts(g: GraphView) -> PersonFacts:
    """The same facts from the embedded store's graph, following the two Cypher reads above."""
    transfers = [
        view_transfer(g.key(start), g.key(end), attrs["props"])
        for start, end, attrs in g.rels(["APPOINTED_TO"])
        if attrs["props"].get("former_organization") is not None
    ]
    keys = {t.person for t in transfers}
    persons = g.match("Person")
    wanted = {g.name(node) for node in persons if g.key(node) in keys}
    names: dict[str, str] = {}
    posts: dict[str, set[str]] = {}
    for node in persons:
        if g.name(node) not in wanted:
            continue
        names[g.key(node)] = str(g.name(node))
        posts[g.key(node)] = {
            g.key(org) for _, org, _ in g.out(node, POST_TYPES) if g.label(org) == "Organization"
        }
    return PersonFacts(names, posts, transfers)


def apply_links(store: LinkStore, overrides: Overrides) -> LinkReport:
    """Recompute every SAME_AS link from the graph's evidence and the overrides, and write them."""
    evidence = evidence_links(store.person_facts())
    merged = {key for pair_ in overrides.merges for key in pair_}
    report = final_links(evidence, overrides, store.existing_persons(merged))
    store.replace_person_links([(link.a, link.b, link.props()) for link in report.links])
    return report


def describe(report: LinkReport) -> str:
    from_evidence = sum(link.kind == "evidence" for link in report.links)
    return (
        f"person links {len(report.links)}: {from_evidence} from evidence, "
        f"{len(report.links) - from_evidence} merged by override, {report.vetoed} vetoed by a split"
        + (f", {report.waiting} merges waiting for their nodes" if report.waiting else "")
    )


def record_override(path: Path, kind: Literal["merge", "split"], a: str, b: str, why: str) -> None:
    """`kg merge` / `kg split`: the decision written to the overrides file (the last one for a pair wins)."""
    overrides = read_overrides(path)
    (overrides.merge if kind == "merge" else overrides.split)(a, b, why)
    write_overrides(path, overrides)
