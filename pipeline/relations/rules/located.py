"""LOCATED_IN: where a body, programme or event is."""

from __future__ import annotations

import re

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline.lexicons import longest_suffix, word_list
from cadregraph.pipeline.places_words import describes_a_kind, level_compound_at
from cadregraph.pipeline.relations.clauses import (
    clause_opening,
    first_evidence,
    is_award,
    is_home,
    opens_clause,
    place_level,
)
from cadregraph.pipeline.relations.document import Reader, Sentence
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.relations.tiers import tiers, windows
from cadregraph.schemas import Entity


def emit_located(reader: Reader) -> None:
    """Where a body, programme or event is: a town/village/natural village its name opens with (遵化店镇党委,
    双红村张家浜全域秀美整治项目 → the innermost), a place written right before it (驻当湖街道“筑巢行动”项目),
    the venue of 在 Place|venue 召开 Event, and the home city for 我市举行 Event. Cities and counties are left
    out: a body named after its city is that city's (PART_OF), not merely in it."""
    index = reader.index
    _villages_in_names(reader)
    places = sorted(
        (e for e in index.entities if e.type == "Place" and 0 < place_level(e.name) <= 3),
        key=lambda e: -len(e.name),
    )
    for named in [e for e in index.entities if e.type in {"Organization", "Programme"}]:
        where = _place_prefix(named.name, places)
        evidence = first_evidence(reader, named.id)
        if where is not None and evidence is not None:
            reader.sink.add("LOCATED_IN", named.id, where.id, evidence, tiers().adjacent)
    _places_before_names(reader)
    _event_venues(reader)
    _places_as_subjects(reader)


def _places_as_subjects(reader: Reader) -> None:
    """遵化店镇吹响了农村人居环境整治“冬季战役”的冲锋号角 / 8日,皇台街道…,组织…开展“大排查、大整治”活动 /
    当湖街道在建的…时尚中心项目: a town or village that is the subject of the last clause opened before a
    programme holds it (not awards, not national or city-wide ones)."""
    broad = tuple(patterns().located.not_local_markers)
    for sentence in reader.sentences:
        for programme in reader.ents("Programme", sentence.start, sentence.end):
            subjects = [
                e
                for e in reader.actor_ents()
                if e.label_ in {"Organization", "Place", "Person"}
                and sentence.start <= e.start_char
                and e.end_char <= programme.start_char
                and opens_clause(reader, sentence, e)
            ]
            subject = subjects[-1] if subjects else None
            if subject is None or subject.label_ != "Place" or not 0 < place_level(subject.text) <= 3:
                continue
            pid, key = reader.index.id_of(subject), reader.index.id_of(programme)
            if pid is None or key is None or is_home(reader, pid) or is_award(programme.text):
                continue
            if not any(w in programme.text for w in broad) and _held_by_place(
                reader, sentence, subject, programme
            ):
                reader.sink.add("LOCATED_IN", key, pid, sentence, tiers().context)


def _held_by_place(reader: Reader, sentence: Sentence, place: DocSpan, programme: DocSpan) -> bool:
    """The clause launches the programme (开展X, 吹响X的号角) or the place owns it (当湖街道在建的…X); a
    programme the town only joins, honours or links with (参加X, 评选X, 把X与…结合) is not its own."""
    conf = patterns().located
    clause = reader.text[
        max(place.end_char, clause_opening(reader, sentence, programme.start_char)) : programme.start_char
    ]
    if any(v in clause for v in conf.joined_verbs):
        return False
    launched = any(v in clause for v in (*patterns().verbs.runs, *conf.launch_verbs))
    owned = place.end_char >= clause_opening(reader, sentence, programme.start_char) and "的" in clause
    return launched or owned


def _villages_in_names(reader: Reader) -> None:
    """陈庄村党群综合服务站, 裴庄村党支部: a village, town or 街道 an organisation's name opens with is a place
    even when the text never names it alone (appended as an implied Place, so LOCATED_IN can point at it)."""
    conf = patterns().located
    opening = re.compile(conf.place_in_name)
    not_places = tuple(conf.not_place_prefixes)
    org_suffixes = word_list("org_suffixes.txt")
    known = {n for e in reader.index.entities if e.type == "Place" for n in (e.name, *e.aliases)}
    for body in [e for e in reader.index.entities if e.type == "Organization"]:
        m = opening.match(body.name)
        if m is None or any(w in m.group(1) for w in not_places) or m.group(1) in known:
            continue
        if level_compound_at(body.name, m.end(1)) or describes_a_kind(m.group(1), m.group(2)):
            continue  # 滕头乡|村振兴学院 (乡村 is one word); 优秀村(社区)党组织 (a kind of village)
        rest = body.name[m.end(1) :]
        if len(rest) >= 2 and longest_suffix(rest, org_suffixes) is not None:
            reader.index.ensure("Place", m.group(1))
            known.add(m.group(1))


def _place_prefix(name: str, places: list[Entity]) -> Entity | None:
    """The innermost place a name opens with: 双红村张家浜全域秀美整治项目 → 张家浜; None if the rest is no name."""
    rest, found = name, None
    while True:
        place = next((p for p in places if rest.startswith(p.name) and len(rest) > len(p.name) + 1), None)
        if place is None:
            return found
        rest, found = rest[len(place.name) :], place


def _places_before_names(reader: Reader) -> None:
    """驻当湖街道“筑巢行动”项目 / 在裴庄村“三个一”活动: a place written right before a programme or body."""
    conf = patterns().located
    for place in reader.ents("Place"):
        before = "".join(
            reader.text[max(0, place.start_char - windows().stationed_chars) : place.start_char].split()
        )
        if not before.endswith(tuple(conf.stationed_before)) or place_level(place.text) > 3:
            continue
        pos = place.end_char
        while pos < len(reader.text) and reader.text[pos] in '“"':
            pos += 1
        named = next(
            (
                e
                for e in reader.doc_ents
                if e.start_char in {place.end_char, pos} and e.label_ in {"Programme", "Organization"}
            ),
            None,
        )
        pid, nid = reader.index.id_of(place), (reader.index.id_of(named) if named is not None else None)
        if pid and nid:
            reader.sink.add("LOCATED_IN", nid, pid, reader.sentence_at(place.start_char), tiers().pattern)


def _event_venues(reader: Reader) -> None:
    """遵化店镇在陈庄村党群综合服务站召开…表彰大会 → the event is in 陈庄村; 我市举行X → in the home city."""
    conf = patterns().located
    held = tuple(conf.held_verbs)
    deixis = tuple(patterns().verbs.home_deixis)
    home = reader.ctx.home
    places = sorted(
        (e for e in reader.index.entities if e.type == "Place" and 0 < place_level(e.name) <= 3),
        key=lambda e: -len(e.name),
    )
    for sentence in reader.sentences:
        for event in reader.ents("Event", sentence.start, sentence.end):
            eid = reader.index.id_of(event)
            clause = reader.text[clause_opening(reader, sentence, event.start_char) : event.start_char]
            if not eid or not any(v in clause for v in held):
                continue
            venue_at = clause.rfind("在")
            if venue_at >= 0:
                venue_start = event.start_char - len(clause) + venue_at + 1
                venue = next((e for e in reader.doc_ents if e.start_char == venue_start), None)
                if venue is not None and venue.label_ == "Place":
                    pid = reader.index.id_of(venue)
                elif venue is not None and venue.label_ == "Organization":
                    inside = _place_prefix(venue.text, places)
                    pid = inside.id if inside is not None else None
                else:
                    pid = None
                if pid:
                    reader.sink.add("LOCATED_IN", eid, pid, sentence, tiers().clause)
                continue
            if home is not None and clause.lstrip().startswith(deixis):
                pid = reader.index.find("Place", home.name)
                if pid:
                    reader.sink.add("LOCATED_IN", eid, pid, sentence, tiers().context)
