"""The document as the relation rules read it: sentences, ents by position, the entity index and the sink
that keeps one Relation per fact."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from cadregraph.pipeline import tokens as doc_tokens
from cadregraph.pipeline.canonical import canonical_organisation, entity_id
from cadregraph.pipeline.context import DocumentContext
from cadregraph.schemas import RELATION_SPEC, Entity, Figure, Relation, Span
from cadregraph.schemas.records import RelationType
from cadregraph.schemas.text_units import CLAUSE_ENDS, HAN_CHAR

_SENTENCE_END = re.compile(f"[{re.escape(CLAUSE_ENDS)}]+[”’\"」』]?|\n+")

CJK = HAN_CHAR  # one definition of a Chinese character (cadregraph.schemas.text_units)


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a line) as [start, end) of the normalised text."""

    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of the normalised text: up to 。！？； or a line break (headlines and bylines are lines)."""
    out: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end() if not match.group().startswith("\n") else match.start()
        if text[start:end].strip():
            out.append(Sentence(*_strip(text, start, end)))
        start = match.end()
    if text[start:].strip():
        out.append(Sentence(*_strip(text, start, len(text))))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class EntityIndex:
    """Entity ids by doc ent, by canonical name and alias; appends implied entities (no mentions)."""

    ctx: DocumentContext
    entities: list[Entity]
    span_ids: dict[tuple[int, int], str]
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)
    # Mentions of known organisations the model labelled nothing (平湖经开 written short, 临时党支部
    # written again): their ids, and the spans in text order (they stand in for doc ents as actors).
    unlabelled_ids: dict[tuple[int, int], str] = field(default_factory=dict)
    unlabelled: list[DocSpan] = field(default_factory=list)

    def __post_init__(self) -> None:
        for entity in self.entities:
            for name in (entity.name, *entity.aliases):
                self.by_name.setdefault((entity.type, name), entity.id)

    def id_of(self, ent: DocSpan) -> str | None:
        key = (ent.start_char, ent.end_char)
        return self.span_ids.get(key) or self.unlabelled_ids.get(key)

    def add_unlabelled(self, span: DocSpan, key: str) -> None:
        """A mention of entity `key` the model did not label (kept in text order)."""
        self.unlabelled_ids[(span.start_char, span.end_char)] = key
        bisect.insort(self.unlabelled, span, key=lambda e: e.start_char)

    def find(self, etype: str, name: str) -> str | None:
        return self.by_name.get((etype, name))

    def ensure(self, etype: str, name: str, division_key: str | None = None) -> str:
        """The id of the entity called `name`, appended (without mentions) when the text only implies it."""
        found = self.find(etype, name)
        if found is not None:
            return found
        key = f"place:{division_key}" if division_key else entity_id(etype, name, self.ctx.home)
        if not any(e.id == key for e in self.entities):
            self.entities.append(Entity(id=key, type=etype, name=name))  # type: ignore[arg-type]
        self.by_name[(etype, name)] = key
        return key

    def organisation(self, written: str) -> str:
        """An organisation as written (市委组织部) → the id of its canonical entity (平湖市委组织部)."""
        found = self.find("Organization", written)
        if found is not None:
            return found
        return self.ensure("Organization", canonical_organisation(written, self.ctx.home))

    def name_of(self, key: str) -> str | None:
        return next((e.name for e in self.entities if e.id == key), None)

    def merge_into(self, old_key: str, new_key: str) -> None:
        """The entity `old_key` is another name of `new_key` (该村党支部 of 裴庄村党支部): its names become
        aliases and its mentions move over; it is dropped."""
        old = next((e for e in self.entities if e.id == old_key), None)
        new = next((e for e in self.entities if e.id == new_key), None)
        if old is None or new is None or old is new:
            return
        for name in (old.name, *old.aliases):
            if name != new.name and name not in new.aliases:
                new.aliases.append(name)
            self.by_name[(new.type, name)] = new_key
        spans = {(m.start, m.end) for m in new.mentions}
        new.mentions.extend(m for m in old.mentions if (m.start, m.end) not in spans)
        self.entities.remove(old)
        for span, value in list(self.span_ids.items()):
            if value == old_key:
                self.span_ids[span] = new_key

    def move_mention(self, span: tuple[int, int], new_key: str) -> str | None:
        """The mention at `span` (doc offsets) names `new_key` (人武部 of 县委常委、人武部部长: the chain's county's,
        not the home's): it moves over with its text as an alias. The entity it leaves, with no mention left, is folded into
        `new_key` (merge_into); its id is returned then, for the facts stated about it to be repointed."""
        old_key = self.span_ids.get(span)
        old = next((e for e in self.entities if e.id == old_key), None)
        new = next((e for e in self.entities if e.id == new_key), None)
        if old is None or new is None or old is new or old.type != new.type:
            return None
        original = self.ctx.span(*span)  # mentions hold offsets into the original text
        at = (original.start, original.end)
        moved = [m for m in old.mentions if (m.start, m.end) == at]
        if not moved:
            return None
        if len(moved) == len(old.mentions):
            self.merge_into(old.id, new_key)
            return old.id
        old.mentions = [m for m in old.mentions if (m.start, m.end) != at]
        new.mentions.extend(moved)
        written = moved[0].text.strip()
        if written != new.name and written not in new.aliases:
            new.aliases.append(written)
        self.span_ids[span] = new_key
        return None


class UndeclaredRelation(Exception):
    """A rule emitted a relation type its entry in the rule table does not list."""


def _identity(
    rtype: str, source: str, target: str | None, properties: dict[str, Any]
) -> tuple[str, str, str | None, str]:
    """The graph's identity of a relation: one Relation per fact."""
    return (rtype, source, target, RELATION_SPEC[rtype].key_of(properties))


def _support(relation: Relation, spans: list[Span], confidence: float) -> None:
    """Another statement of the same fact: its sentences join the relation's evidence (each once), and the
    relation keeps the higher confidence."""
    seen = [relation.evidence, *relation.evidence_all]
    new = [s for s in spans if all((s.start, s.end) != (o.start, o.end) for o in seen)]
    if new:
        relation.evidence_all = [*seen, *new]
    relation.confidence = max(relation.confidence, confidence)


class RelationSink:
    """One Relation per fact; a second sentence supporting it is kept in `evidence_all`. While a rule of
    the table runs, the sink takes only the types the rule declares (`emitting`)."""

    def __init__(self, ctx: DocumentContext) -> None:
        self.ctx = ctx
        self.by_key: dict[tuple[str, str, str | None, str], Relation] = {}
        self.rule: tuple[str, frozenset[str]] | None = None  # the running rule and what it may emit

    @contextmanager
    def emitting(self, rule: str, types: frozenset[str]) -> Iterator[None]:
        """Within the block, a relation of a type outside `types` is an error of the rule table."""
        self.rule = (rule, types)
        try:
            yield
        finally:
            self.rule = None

    def add(
        self,
        rtype: RelationType,
        source: str,
        target: str | None,
        evidence: Sentence,
        confidence: float,
        **properties: Any,
    ) -> None:
        if self.rule is not None and rtype not in self.rule[1]:
            raise UndeclaredRelation(f"rule {self.rule[0]!r} emits {rtype}, which it does not declare")
        if target is not None and target == source:
            return
        key = _identity(rtype, source, target, properties)
        span = self.ctx.span(evidence.start, evidence.end)
        existing = self.by_key.get(key)
        if existing is None:
            self.by_key[key] = Relation(
                type=rtype,
                source=source,
                target=target,
                properties={k: v for k, v in properties.items() if v is not None},
                evidence=span,
                confidence=round(confidence, 3),
            )
            return
        _support(existing, [span], round(confidence, 3))

    def repoint(self, old_id: str, new_id: str | None) -> None:
        """Facts already stated about an entity that a later rule folded into another of its type (徐福 cut
        from 徐福和, 该村党支部 of 裴庄村党支部) are the other's; with no such entity (`None`: the span was a
        person, not the organisation the model read) they go. No relation may name an entity the record no
        longer has."""
        moved = [r for r in self.by_key.values() if old_id in (r.source, r.target)]
        if not moved:
            return
        self.by_key = {k: r for k, r in self.by_key.items() if old_id not in (r.source, r.target)}
        if new_id is None:
            return
        for r in moved:
            source = new_id if r.source == old_id else r.source
            target = new_id if r.target == old_id else r.target
            if target is not None and target == source:
                continue
            key = _identity(r.type, source, target, r.properties)
            existing = self.by_key.get(key)
            if existing is None:
                self.by_key[key] = r.model_copy(update={"source": source, "target": target})
            else:
                _support(existing, [r.evidence, *r.evidence_all], r.confidence)

    def relations(self) -> list[Relation]:
        return list(self.by_key.values())


class DateSpan(NamedTuple):
    """A date written in the text (normalised offsets) and its ISO value."""

    start: int
    end: int
    value: str


@dataclass
class Reader:
    """The document view every rule reads: the doc, its sentences, ents by position, its dates, figures and
    id, the entity index and the sink (which the rules fill). Set once per document; it keeps no rule's
    findings (those go into the index and the sink)."""

    ctx: DocumentContext
    index: EntityIndex
    sink: RelationSink
    dates: tuple[DateSpan, ...] = ()
    figures: tuple[Figure, ...] = ()
    doc_id: str = ""
    doc: Doc = field(init=False)
    text: str = field(init=False)
    sentences: list[Sentence] = field(init=False)
    sentence_starts: list[int] = field(init=False)
    _actors: tuple[tuple[tuple[int, int], ...], list[DocSpan]] | None = field(
        default=None, init=False, repr=False
    )  # actor_ents' last answer, keyed by the unlabelled mentions it was made from

    def __post_init__(self) -> None:
        self.doc = self.ctx.doc
        self.text = doc_tokens.doc_text(self.doc)
        self.sentences = split_sentences(self.text)
        self.sentence_starts = [s.start for s in self.sentences]

    @cached_property
    def doc_ents(self) -> tuple[DocSpan, ...]:
        """`doc.ents` once: the property builds every Span anew on each access (the rules are done)."""
        return tuple(self.doc.ents)

    @cached_property
    def person_tag_starts(self) -> frozenset[int]:
        """Where a token the model tagged PER starts: read once, not once per name looked for."""
        starts = doc_tokens.token_starts(self.doc)
        return frozenset(starts[i] for i, tag in enumerate(doc_tokens.tags(self.doc)) if tag == "PER")

    def actor_ents(self) -> list[DocSpan]:
        """The doc ents with the organisations the index found unlabelled (平湖经开) put in place of the ents
        they cover (平湖经开: the place 平湖 is only the start of the zone's short name)."""
        found = self.index.unlabelled
        if not found:
            return list(self.doc_ents)
        key = tuple((s.start_char, s.end_char) for s in found)
        if self._actors is not None and self._actors[0] == key:
            return list(self._actors[1])  # the same mentions as last time: the same answer
        covered = [(s.start_char, s.end_char) for s in found]
        kept = [e for e in self.doc_ents if not any(e.start_char < b and a < e.end_char for a, b in covered)]
        actors = sorted([*kept, *found], key=lambda e: e.start_char)
        self._actors = (key, actors)
        return list(actors)

    def sentence_at(self, char: int) -> Sentence:
        i = max(bisect.bisect_right(self.sentence_starts, char) - 1, 0)
        return self.sentences[i] if self.sentences else Sentence(0, len(self.text))

    def sentence_index(self, char: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, char) - 1, 0)

    def ents(self, label: str, start: int = 0, end: int | None = None) -> list[DocSpan]:
        end = len(self.text) if end is None else end
        starts, ends, spans = self.ents_by_label.get(label, ([], [], []))
        # ents do not overlap: starts and ends both ascend, so the ents inside [start, end) are one run
        return spans[bisect.bisect_left(starts, start) : bisect.bisect_right(ends, end)]

    @cached_property
    def ents_by_label(self) -> dict[str, tuple[list[int], list[int], list[DocSpan]]]:
        """label → (starts, ends, ents) in document order, for `ents` to bisect."""
        index: dict[str, tuple[list[int], list[int], list[DocSpan]]] = {}
        for e in self.doc_ents:
            starts, ends, spans = index.setdefault(e.label_, ([], [], []))
            starts.append(e.start_char)
            ends.append(e.end_char)
            spans.append(e)
        return index

    def ent_ending_at(self, char: int, labels: Iterable[str]) -> DocSpan | None:
        wanted = set(labels)
        return next((e for e in self.doc_ents if e.end_char == char and e.label_ in wanted), None)

    def ent_covering(self, char: int) -> DocSpan | None:
        return next((e for e in self.doc_ents if e.start_char <= char < e.end_char), None)

    def normalised(self, original_start: int) -> int | None:
        """An original offset (a figure's) back to the normalised text: the ingest offset map, inverted."""
        i = bisect.bisect_left(self.ctx.ingested.offsets, original_start)
        return i if i < len(self.text) else None

    def paragraph(self, char: int) -> tuple[int, int]:
        start = self.text.rfind("\n\n", 0, char)
        end = self.text.find("\n\n", char)
        return (0 if start < 0 else start + 2), (len(self.text) if end < 0 else end)


def line_at(text: str, char: int) -> Sentence:
    """The line holding `char`, stripped (a byline's evidence)."""
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return Sentence(*_strip(text, start, len(text) if end < 0 else end))
