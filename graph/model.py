"""The graph model every store shares: a `DocumentRecord` becomes typed node and relationship rows.

Vocabulary. Node labels come only from `NODE_LABELS`, relationship types only from `REL_TYPES`
(`schemas.RELATION_TYPES` plus MENTIONS); a record that names anything else is rejected with
`ModelError`, so text can never become a label or type. A node is identified by (label, `key`), the key
being the entity id, figure id or document id. A relationship is identified by (type, start node,
end node, `rel_key`), where `rel_key` is the value of the type's identity property in the relation-type
specification (`schemas/relations.toml`: `title` for HOLDS_POSITION, `role` for ATTENDED, '' for types
without one), so the same person can hold two titles in the same organisation.

Properties. Every node: `name`, `aliases` (list), `docs` (ids of the documents that mention it).
Document: also `source`, `title`, `date`, `date_source`, `place` (when known). Figure: also `value`,
`unit`, `approximate`, `subject`, `text`; its key is the record's figure `id`, else
`figure:<doc id>:<start>`. Every relationship: `docs`, and the evidence (`EVIDENCE_PROPS`) +
`confidence` or, for MENTIONS, `offsets` + `texts`; plus the relation's own properties (names that
clash become prop_*).

Contributions. `graph_rows(record)` gives one document's view: one props dict per node and per
relationship the document touches (its *contribution*; `docs == [doc_id]`). A store keeps every
document's contribution and shows, per node or relationship, `merge_node_props` /
`merge_rel_props` of the contributions of the documents that currently support it:
  - `docs`: sorted ids of the supporting documents;
  - nodes: `name` is the name most documents use (ties: the smallest string), `aliases` every other
    name or alias any supporting document gives, other properties from the supporting document with
    the smallest id that has them;
  - relationships: the evidence sentences of every supporting document as four parallel lists,
    `evidence_docs`, `evidence_starts`, `evidence_ends`, `evidence_texts` (same length, sorted by
    document, start, end, text; `r.evidence_texts[i]` in Cypher, `evidence_from_props` in Python),
    `confidence` the maximum, other properties from the smallest document id that has them;
    MENTIONS (Document -> entity or figure) carries `offsets` ("start-end") and `texts`;
    the types the specification marks `dated` (HOLDS_POSITION, LEADS) carry `first_seen` / `last_seen`,
    the earliest and latest date of the supporting documents that have a date (each contribution holds
    its document's date as both).

Store semantics (both the Neo4j and the networkx store implement exactly these):
  1. Loading a record whose document id is already loaded with identical rows changes nothing.
  2. Loading a changed record with a known document id first removes that document's contributions
     (its id leaves every `docs` list, its evidence and offsets go, the merged properties are
     recomputed), deletes every relationship and node no other document supports, then adds the new
     contributions.
  3. Deleting a document does step 2 without adding anything.
Hence the graph is a pure function of the set of loaded records: load order and batching do not
matter. `expected_graph(records)` computes that graph in memory; stores are tested against it.
Stores may keep equal contributions grouped (`group_contributions`: one dict whose `docs` lists
them all); the merge functions weigh a grouped contribution by its number of documents.

A null target is what the specification's `null_target` says: "skip" (the facts are only in the
properties; not drawn, counted in `DocumentGraph.null_target`), "document" (AUTHORED: this document)
or "source_list" (STARTED: the date joins the node's `started` list, a programme's start dates). Relations
whose ends are not an entity, figure or the document of the same record are counted in
`DocumentGraph.unresolved` and skipped.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from cadregraph.schemas import (
    ENTITY_TYPES,
    RELATION_SPEC,
    RELATION_TYPES,
    DocumentRecord,
    Figure,
    Relation,
    figure_id,
)
from cadregraph.schemas.relation_types import RelationTypeSpec

NODE_LABELS: tuple[str, ...] = ("Document", *ENTITY_TYPES, "Figure")
ENTITY_LABELS: tuple[str, ...] = tuple(ENTITY_TYPES)
REL_TYPES: tuple[str, ...] = (*RELATION_TYPES, "MENTIONS")

# Properties the model itself sets; a relation property with one of these names, or one that starts
# with "_" (stores keep internals there) or is empty, is kept as `prop_<name>`.
NODE_BASE_PROPS: frozenset[str] = frozenset({"key", "name", "aliases", "docs"})
# One evidence sentence is stored as the i-th item of each of these parallel lists (document id,
# start, end, text): a form both Cypher (`r.evidence_texts[0]`) and Python read without parsing.
EVIDENCE_PROPS: tuple[str, str, str, str] = (
    "evidence_docs",
    "evidence_starts",
    "evidence_ends",
    "evidence_texts",
)
REL_BASE_PROPS: frozenset[str] = frozenset(
    {"rel_key", "docs", *EVIDENCE_PROPS, "confidence", "offsets", "texts", "first_seen", "last_seen"}
)
# Positions are facts in time: each document's contribution carries its publication date as
# `first_seen` = `last_seen`, and the merge takes the earliest and the latest of the supporting
# documents, so the dates follow every load, replace and delete exactly as `docs` does.
DATED_REL_TYPES: frozenset[str] = frozenset(name for name, spec in RELATION_SPEC.types.items() if spec.dated)

PropValue = str | int | float | bool | list[str] | list[int] | list[float] | list[bool]
Props = dict[str, Any]
NodeId = tuple[str, str]  # (label, key)
RelId = tuple[str, str, str, str, str, str]  # (type, start_label, start_key, end_label, end_key, rel_key)


class ModelError(ValueError):
    """A record that the graph model refuses: an unknown label or type, or contradictory ids."""


@dataclass(frozen=True)
class NodeRow:
    label: str
    key: str
    props: Props

    @property
    def node_id(self) -> NodeId:
        return (self.label, self.key)


@dataclass(frozen=True)
class RelRow:
    type: str
    start_label: str
    start_key: str
    end_label: str
    end_key: str
    rel_key: str
    props: Props

    @property
    def rel_id(self) -> RelId:
        return (self.type, self.start_label, self.start_key, self.end_label, self.end_key, self.rel_key)


@dataclass(frozen=True)
class DocumentGraph:
    """One document's contribution, sorted by identity so that equal records give equal graphs."""

    doc_id: str
    nodes: list[NodeRow]
    rels: list[RelRow]
    null_target: int = 0
    unresolved: int = 0
    digest: str = field(default="", compare=False)

    def rows_by_label(self) -> dict[str, list[NodeRow]]:
        grouped: dict[str, list[NodeRow]] = {}
        for row in self.nodes:
            grouped.setdefault(row.label, []).append(row)
        return {label: grouped[label] for label in NODE_LABELS if label in grouped}

    def rows_by_type(self) -> dict[str, list[RelRow]]:
        grouped: dict[str, list[RelRow]] = {}
        for row in self.rels:
            grouped.setdefault(row.type, []).append(row)
        return {rel_type: grouped[rel_type] for rel_type in REL_TYPES if rel_type in grouped}


@dataclass
class GraphDump:
    """A whole graph in canonical form (no store internals), for comparing stores and runs."""

    nodes: dict[NodeId, Props] = field(default_factory=dict)
    rels: dict[RelId, Props] = field(default_factory=dict)


# --- validation helpers ------------------------------------------------------------------------


def check_label(label: str) -> str:
    """Return `label` if it is a model label; stores call this before putting a label into Cypher."""
    if label not in NODE_LABELS:
        raise ModelError(f"unknown node label {label!r}; expected one of {', '.join(NODE_LABELS)}")
    return label


def model_label(labels: Sequence[str]) -> str:
    """The model label among a stored node's labels (stores and exports read nodes back with it)."""
    for label in labels:
        if label in NODE_LABELS:
            return label
    raise ModelError(f"node without a model label: {list(labels)}")


def check_rel_type(rel_type: str) -> str:
    """Return `rel_type` if it is a model relationship type (safe to put into Cypher)."""
    if rel_type not in REL_TYPES:
        raise ModelError(f"unknown relationship type {rel_type!r}; expected one of {', '.join(REL_TYPES)}")
    return rel_type


def figure_key(doc_id: str, figure: Figure) -> str:
    """The figure's node key (schemas.figure_id)."""
    return figure_id(doc_id, figure)


def property_value(value: Any) -> PropValue | None:
    """Coerce a record property to something every store can hold (scalars, flat homogeneous lists).

    None means "no property". Nested or mixed values become a JSON string rather than being lost.
    """
    if value is None:
        return None
    if isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list | tuple):
        items = list(value)
        if all(isinstance(v, str) for v in items):
            return [str(v) for v in items]
        if all(isinstance(v, bool) for v in items):
            return [bool(v) for v in items]
        if all(isinstance(v, int) and not isinstance(v, bool) for v in items):
            return [int(v) for v in items]
        if all(isinstance(v, int | float) and not isinstance(v, bool) for v in items) and all(
            math.isfinite(v) for v in items
        ):
            return [float(v) for v in items]
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


@dataclass(frozen=True, order=True)
class Evidence:
    """One sentence that supports a relationship; ordered by document, start, end, text."""

    doc: str
    start: int
    end: int
    text: str

    def as_map(self) -> dict[str, Any]:
        """The map a saved query returns for it ({doc, start, end, text}, as the Cypher builds it)."""
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}


def evidence_to_props(items: Iterable[Evidence]) -> Props:
    """The four parallel list properties of `items`, repeats removed, in order."""
    ordered = sorted(set(items))
    return {
        "evidence_docs": [item.doc for item in ordered],
        "evidence_starts": [item.start for item in ordered],
        "evidence_ends": [item.end for item in ordered],
        "evidence_texts": [item.text for item in ordered],
    }


def evidence_from_props(props: Mapping[str, Any]) -> list[Evidence]:
    """The evidence a relationship's properties carry (none when it has no evidence lists)."""
    docs, starts, ends, texts = (props.get(name) or [] for name in EVIDENCE_PROPS)
    return [
        Evidence(str(d), int(s), int(e), str(t)) for d, s, e, t in zip(docs, starts, ends, texts, strict=True)
    ]


# --- one record -> rows ------------------------------------------------------------------------


def graph_rows(record: DocumentRecord) -> DocumentGraph:
    """One document's rows. Raises ModelError for unknown types or ids that name two things."""
    if not record.document.id:
        raise ModelError("document id is empty")
    rows = _DocumentRows(record)
    rows.add_entities()
    rows.add_figures()
    rows.add_relations()
    rels = {**rows.relationships(), **rows.mention_relationships()}
    nodes = rows.nodes
    node_rows = [NodeRow(label, key, nodes[(label, key)]) for label, key in sorted(nodes, key=_node_order)]
    rel_rows = [RelRow(*rel_id, props=rels[rel_id]) for rel_id in sorted(rels, key=_rel_order)]
    graph = DocumentGraph(rows.doc_id, node_rows, rel_rows, rows.null_target, rows.unresolved)
    return replace(graph, digest=graph_digest(graph))


_RelPart = tuple[tuple[int, int, str], float, Props]  # (evidence span, confidence, properties)


class _DocumentRows:
    """The rows of one record as they are gathered: nodes by id, every id's label, mention spans, and
    each relationship's parts (one per relation the record states for it)."""

    def __init__(self, record: DocumentRecord) -> None:
        self.record = record
        doc = record.document
        self.doc_id = doc.id
        self.labels: dict[str, str] = {doc.id: "Document"}
        doc_props: Props = {
            "name": doc.title or doc.id,
            "aliases": [],
            "docs": [doc.id],
            "source": doc.source,
        }
        for name in ("title", "date", "date_source", "place"):
            value = getattr(doc, name, None)
            if value is not None:
                doc_props[name] = value
        self.nodes: dict[NodeId, Props] = {("Document", doc.id): doc_props}
        self.mentions: dict[NodeId, set[tuple[int, int, str]]] = defaultdict(set)
        self.rel_parts: dict[RelId, list[_RelPart]] = defaultdict(list)
        self.null_target = self.unresolved = 0

    def _claim(self, key: str, label: str) -> None:
        known = self.labels.setdefault(key, label)
        if known != label:
            raise ModelError(f"id {key!r} names both {_a(known)} and {_a(label)}")

    def add_entities(self) -> None:
        for entity in self.record.entities:
            if entity.type not in ENTITY_LABELS:
                raise ModelError(f"entity {entity.id!r} has unknown type {entity.type!r}")
            label: str = entity.type
            self._claim(entity.id, label)
            props = self.nodes.setdefault(
                (label, entity.id), {"name": entity.name, "aliases": [], "docs": [self.doc_id]}
            )
            props["aliases"] = sorted(({*props["aliases"], entity.name, *entity.aliases}) - {props["name"]})
            self.mentions[(label, entity.id)].update((m.start, m.end, m.text) for m in entity.mentions)

    def add_figures(self) -> None:
        for figure in self.record.figures:
            key = figure_key(self.doc_id, figure)
            self._claim(key, "Figure")
            figure_props: Props = {
                "name": figure.text,
                "aliases": [],
                "docs": [self.doc_id],
                "text": figure.text,
                "value": figure.value,
                "unit": figure.unit,
                "approximate": figure.approximate,
            }
            if figure.subject is not None:
                figure_props["subject"] = figure.subject
            self.nodes.setdefault(("Figure", key), figure_props)
            self.mentions[("Figure", key)].add((figure.start, figure.end, figure.text))

    def add_relations(self) -> None:
        for relation in self.record.relations:
            rel_type = check_rel_type(relation.type)
            if rel_type == "MENTIONS":
                raise ModelError("MENTIONS is derived from entity mentions, not given as a relation")
            spec = RELATION_SPEC[rel_type]
            target = relation.target
            if target is None and spec.null_target == "document" and relation.source != self.doc_id:
                target = self.doc_id  # a byline: the person wrote this document
            if target is None and spec.null_target == "source_list" and self._kept_on_source(relation, spec):
                continue
            if target is None:
                self.null_target += 1
                continue
            start_label, end_label = self.labels.get(relation.source), self.labels.get(target)
            if start_label is None or end_label is None:
                self.unresolved += 1
                continue
            extra: Props = {}
            for name, raw in sorted(relation.properties.items()):
                value = property_value(raw)
                if value is not None:
                    clash = name in REL_BASE_PROPS or name.startswith("_") or not name
                    extra[f"prop_{name}" if clash else name] = value
            span = relation.evidence
            rel_id = (
                rel_type,
                start_label,
                relation.source,
                end_label,
                target,
                spec.key_of(relation.properties),
            )
            self.rel_parts[rel_id].append(((span.start, span.end, span.text), relation.confidence, extra))

    def _kept_on_source(self, relation: Relation, spec: RelationTypeSpec) -> bool:
        """铁军打造工程 since 2017: a dated fact about the programme itself, kept on its node."""
        if relation.source not in self.labels:
            return False
        value = relation.properties.get(spec.identity[0])
        node = self.nodes.get((self.labels[relation.source], relation.source))
        if not isinstance(value, str) or node is None:
            return False
        node[spec.source_list] = sorted({*node.get(spec.source_list, []), value})
        return True

    def relationships(self) -> dict[RelId, Props]:
        """Each stated relationship once: its evidence in order, the highest confidence, the first value
        of each property, and the document's date as first and last seen for a dated type."""
        date = self.record.document.date
        rels: dict[RelId, Props] = {}
        for rel_id, parts in self.rel_parts.items():
            parts.sort(key=lambda part: (part[0], json.dumps(part[2], sort_keys=True, ensure_ascii=False)))
            rel_props: Props = {
                "docs": [self.doc_id],
                **evidence_to_props(Evidence(self.doc_id, *part[0]) for part in parts),
                "confidence": max(part[1] for part in parts),
            }
            for _, _, extra in parts:
                for name, value in extra.items():
                    rel_props.setdefault(name, value)
            if rel_id[0] in DATED_REL_TYPES and date is not None:
                rel_props["first_seen"] = rel_props["last_seen"] = date
            rels[rel_id] = rel_props
        return rels

    def mention_relationships(self) -> dict[RelId, Props]:
        """Document MENTIONS each node it names, with the spans; an entity without spans is still
        mentioned by the document that lists it."""
        rels: dict[RelId, Props] = {}
        for (label, key), spans in self.mentions.items():
            ordered = sorted(spans)
            rels[("MENTIONS", "Document", self.doc_id, label, key, "")] = {
                "docs": [self.doc_id],
                "offsets": [f"{start}-{end}" for start, end, _ in ordered],
                "texts": [text for _, _, text in ordered],
            }
        for node_label, key in self.nodes:
            if node_label not in ("Document", "Figure") and (node_label, key) not in self.mentions:
                rels[("MENTIONS", "Document", self.doc_id, node_label, key, "")] = {
                    "docs": [self.doc_id],
                    "offsets": [],
                    "texts": [],
                }
        return rels


def _a(label: str) -> str:
    return f"{'an' if label[0] in 'AEIOU' else 'a'} {label}"


def _node_order(node_id: NodeId) -> tuple[int, str]:
    return (NODE_LABELS.index(node_id[0]), node_id[1])


def _rel_order(rel_id: RelId) -> tuple[int, int, str, int, str, str]:
    rel_type, start_label, start_key, end_label, end_key, rel_key = rel_id
    return (
        REL_TYPES.index(rel_type),
        NODE_LABELS.index(start_label),
        start_key,
        NODE_LABELS.index(end_label),
        end_key,
        rel_key,
    )


def graph_digest(graph: DocumentGraph) -> str:
    """A fingerprint of the rows: equal digests mean reloading the document would change nothing."""
    payload = {
        "nodes": [[row.label, row.key, row.props] for row in graph.nodes],
        "rels": [[*row.rel_id, row.props] for row in graph.rels],
    }
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- merging contributions ---------------------------------------------------------------------


def _by_doc(contributions: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    ordered = sorted(contributions, key=lambda props: min(props["docs"]))
    if not ordered:
        raise ValueError("nothing to merge")
    return ordered


def group_contributions(contributions: Iterable[Mapping[str, Any]]) -> list[Props]:
    """Fold contributions that are equal except for `docs` into one whose `docs` lists them all.

    Hundreds of documents name 平湖市 the same way; a store that keeps one contribution per
    distinct content stays small. The merge functions accept grouped contributions (a contribution
    with n docs counts as n equal ones), so grouping never changes the merged properties.
    """
    groups: dict[str, Props] = {}
    for props in contributions:
        content = {name: value for name, value in props.items() if name != "docs"}
        signature = json.dumps(content, ensure_ascii=False, sort_keys=True)
        group = groups.setdefault(signature, {**content, "docs": []})
        group["docs"].extend(props["docs"])
    for group in groups.values():
        group["docs"] = sorted(set(group["docs"]))
    return sorted(groups.values(), key=lambda props: props["docs"][0])


def without_documents(contributions: Iterable[Mapping[str, Any]], doc_ids: Collection[str]) -> list[Props]:
    """The contributions with the shares of all `doc_ids` taken out."""
    kept: list[Props] = []
    for props in contributions:
        if any(doc in doc_ids for doc in props["docs"]):
            docs = [doc for doc in props["docs"] if doc not in doc_ids]
            if docs:
                kept.append({**props, "docs": docs})
        else:
            kept.append(dict(props))
    return kept


def merge_node_props(contributions: Iterable[Mapping[str, Any]]) -> Props:
    """The node's properties given the contributions of its supporting documents."""
    ordered = _by_doc(contributions)
    votes: Counter[str] = Counter()
    for props in ordered:
        votes[str(props["name"])] += len(props["docs"])
    name = min(votes, key=lambda candidate: (-votes[candidate], candidate))
    every_name = {str(props["name"]) for props in ordered} | {
        a for props in ordered for a in props["aliases"]
    }
    merged: Props = {
        "name": name,
        "aliases": sorted(every_name - {name}),
        "docs": sorted({doc for props in ordered for doc in props["docs"]}),
    }
    for props in ordered:
        for prop, value in props.items():
            if prop not in NODE_BASE_PROPS:
                merged.setdefault(prop, value)
    return merged


_MERGED_REL_PROPS: frozenset[str] = frozenset(
    {"docs", *EVIDENCE_PROPS, "confidence", "first_seen", "last_seen"}
)


def merge_rel_props(contributions: Iterable[Mapping[str, Any]]) -> Props:
    """The relationship's properties given the contributions of its supporting documents."""
    ordered = _by_doc(contributions)
    merged: Props = {"docs": sorted({doc for props in ordered for doc in props["docs"]})}
    if any(EVIDENCE_PROPS[0] in props for props in ordered):
        merged.update(evidence_to_props(item for props in ordered for item in evidence_from_props(props)))
    confidences = [props["confidence"] for props in ordered if "confidence" in props]
    if confidences:
        merged["confidence"] = max(confidences)
    first_seen = [props["first_seen"] for props in ordered if "first_seen" in props]
    if first_seen:
        merged["first_seen"] = min(first_seen)
    last_seen = [props["last_seen"] for props in ordered if "last_seen" in props]
    if last_seen:
        merged["last_seen"] = max(last_seen)
    for props in ordered:
        for prop, value in props.items():
            if prop not in _MERGED_REL_PROPS:
                merged.setdefault(prop, value)
    return merged


def expected_graph(records: Iterable[DocumentRecord]) -> GraphDump:
    """The graph a store must hold after loading `records` in this order (a later record with the
    same document id replaces the earlier one). The reference both stores are tested against."""
    latest: dict[str, DocumentGraph] = {}
    for record in records:
        graph = graph_rows(record)
        latest[graph.doc_id] = graph
    return merge_graphs(latest.values())


def merge_graphs(graphs: Iterable[DocumentGraph]) -> GraphDump:
    """Merge the contributions of several documents (distinct ids) into one canonical graph."""
    node_parts: dict[NodeId, list[Props]] = defaultdict(list)
    rel_parts: dict[RelId, list[Props]] = defaultdict(list)
    for graph in graphs:
        for node in graph.nodes:
            node_parts[node.node_id].append(node.props)
        for rel in graph.rels:
            rel_parts[rel.rel_id].append(rel.props)
    return GraphDump(
        nodes={node_id: merge_node_props(parts) for node_id, parts in sorted(node_parts.items())},
        rels={rel_id: merge_rel_props(parts) for rel_id, parts in sorted(rel_parts.items())},
    )


# A record or document a store would not take: (0-based position in the input, document id, reason).
Reject = Callable[[int, str, str], None]


def numbered_graphs(
    records: Iterable[DocumentRecord], on_reject: Reject | None
) -> Iterator[tuple[int, DocumentGraph]]:
    """(position, rows) of each record; a record the model refuses goes to `on_reject` (raised
    without one), so one bad document does not end a load and both stores skip the same ones."""
    for index, record in enumerate(records):
        try:
            yield index, graph_rows(record)
        except ModelError as exc:
            if on_reject is None:
                raise
            on_reject(index, record.document.id, str(exc).splitlines()[0] if str(exc) else "refused")
