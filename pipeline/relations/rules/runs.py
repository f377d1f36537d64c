"""RUNS (and LOCATED_IN for a place as actor): the body that carries out a programme."""

from __future__ import annotations

import re
from enum import Enum

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline.relations.clauses import (
    body_led_by,
    clause_opening,
    is_home,
    only_gap_words,
    subject_of,
    verb_before,
)
from cadregraph.pipeline.relations.document import Reader, Sentence
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.relations.tiers import tiers, tuning, windows


def emit_runs(reader: Reader) -> None:
    """平湖经开实施“铁军打造”工程 → RUNS; the subject may be the sentence's (…健全…,稳步实施X) or, when a
    sentence opens without one, the previous sentence's (近年来,开设了“耘庐学堂”): the genre drops
    repeated subjects. A Place as the actor gives LOCATED_IN instead (a town runs nothing, its campaign is
    there); 我市 is deixis, not an organisation, and gives nothing (gold convention)."""
    verbs = sorted(patterns().verbs.runs, key=len, reverse=True)
    for sentence in reader.sentences:
        for programme in reader.ents("Programme", sentence.start, sentence.end):
            found = verb_before(reader, programme.start_char, verbs, sentence.start)
            target = reader.index.id_of(programme)
            if found is None or target is None:
                continue
            verb_start, verb = found
            read = _actor(reader, sentence, verb_start)
            if read is We.WE:
                we = _we_referent(reader, sentence)
                if we is not None and we[0] != target:
                    reader.sink.add("RUNS", we[0], target, sentence, we[1], verb=verb, actor="我们")
                continue
            if read is None:
                continue
            actor, confidence = read
            source = reader.index.id_of(actor)
            if source is None:
                continue
            if actor.label_ == "Organization":
                reader.sink.add("RUNS", source, target, sentence, confidence, verb=verb)
            elif actor.label_ == "Place" and not is_home(reader, source):
                reader.sink.add(
                    "LOCATED_IN",
                    target,
                    source,
                    sentence,
                    confidence - tuning().adjust.place_actor_penalty,
                    verb=verb,
                )
    _bodies_named_after_programmes(reader)


def _bodies_named_after_programmes(reader: Reader) -> None:
    """市铁军打造工程指挥部 / X领导小组办公室: a body named after a programme plus a steering head runs it."""
    heads = tuple(patterns().runs.steering_heads)
    programmes = sorted(
        (
            (name, e.id)
            for e in reader.index.entities
            if e.type == "Programme"
            for name in (e.name, *e.aliases)
        ),
        key=lambda nk: -len(nk[0]),
    )
    for ent in reader.ents("Organization"):
        body = "".join(ent.text.split()).strip('“”"')
        head = next((h for h in heads if body.endswith(h)), None)
        if head is None:
            continue
        stem = body[: -len(head)].replace("“", "").replace("”", "")
        found = next(
            (key for name, key in programmes if len(name) >= 3 and stem.endswith(name.strip('“”"'))), None
        )
        source = reader.index.id_of(ent)
        if found and source:
            reader.sink.add(
                "RUNS", source, found, reader.sentence_at(ent.start_char), tiers().pattern, head=head
            )


class We(Enum):
    """The actor of a verb is written 我们: who that is, _we_referent reads from the context."""

    WE = "我们"


def _we_referent(reader: Reader, sentence: Sentence) -> tuple[str, float] | None:
    """我们 as the actor: the body of the quoted speaker (“…我们…”朱娜说), else the organisation the
    paragraph (or the one before) is about, else the body led by the leader who signs the piece
    (领导点评: 吴金华(…组织部长…) … 我们…)."""
    conf = patterns().runs
    close = reader.text.find("”", sentence.start)
    if (
        close >= 0
        and "“" not in reader.text[sentence.start : close]
        and close - sentence.end < windows().quote_reach_chars
    ):
        reach = close + 1 + windows().speaker_chars
        after = reader.text[close + 1 : reach]
        speaker = next((p for p in reader.ents("Person", close + 1, reach)), None)
        if speaker is not None and any(v in after for v in conf.speech_verbs):
            body = body_led_by(reader, reader.index.id_of(speaker))
            if body is not None:
                return body, tiers().context
    p_start, _ = reader.paragraph(sentence.start)
    floor = reader.paragraph(max(p_start - 3, 0))[0]
    i = reader.sentence_index(sentence.start) - 1
    while i >= 0 and reader.sentences[i].start >= floor:
        subject = subject_of(reader, reader.sentences[i])
        if subject is not None and subject.label_ == "Organization":
            key = reader.index.id_of(subject)
            return (key, tiers().paragraph) if key is not None else None
        i -= 1
    for _ in range(conf.signer_paragraphs):
        floor = reader.paragraph(max(floor - 3, 0))[0]
    people = reader.ents("Person", floor, sentence.start)
    for person in people[-1:]:
        body = body_led_by(reader, reader.index.id_of(person))
        if body is not None:
            return body, tiers().paragraph
    return None


def _actor(reader: Reader, sentence: Sentence, verb_start: int) -> tuple[DocSpan, float] | We | None:
    """The organisation (or place) doing what the verb at `verb_start` says, and how sure we are; We.WE
    when the actor is written 我们; None when there is none."""
    clause_start = clause_opening(reader, sentence, verb_start)
    blockers = tuple(patterns().runs.not_actor_before)
    candidates = [
        e
        for e in reader.actor_ents()
        if e.label_ in {"Organization", "Place", "Person"}
        and clause_start <= e.start_char
        and e.end_char <= verb_start
    ]
    adverbial = tuple(patterns().runs.adverbial_before)
    candidates = [e for e in candidates if not reader.text[clause_start : e.start_char].endswith(adverbial)]
    if candidates:
        ent = candidates[-1]
        between = reader.text[ent.end_char : verb_start]
        before = reader.text[clause_start : ent.start_char]
        if (
            ent.label_ != "Person"
            and "的" not in between
            and len(between) <= windows().actor_verb_gap_chars
            and not before.endswith(blockers)
        ):
            return ent, tiers().adjacent
        return None
    if _we_opens_a_clause(reader, sentence, verb_start):
        return We.WE
    if not only_gap_words(reader.text[clause_start:verb_start]):
        return None
    subject = subject_of(reader, sentence, before=clause_start)
    if subject is not None:
        return (subject, tiers().clause) if subject.label_ != "Person" else None
    # A sentence opening without a subject continues the previous sentence's (same paragraph).
    if clause_start != sentence.start and not only_gap_words(
        reader.text[sentence.start : clause_start].strip("，,：: ")
    ):
        return None
    i = reader.sentence_index(sentence.start)
    p_start, _ = reader.paragraph(sentence.start)
    if i > 0 and reader.sentences[i - 1].start >= p_start:
        subject = subject_of(reader, reader.sentences[i - 1])
        if subject is not None and subject.label_ != "Person":
            return subject, tiers().context
    return None


def _we_opens_a_clause(reader: Reader, sentence: Sentence, verb_start: int) -> bool:
    """我们 opens the verb's clause or an earlier one of the sentence (我们在推出了…的基础上,创新开展…)."""
    words = tuple(patterns().runs.we_words)
    pieces = [
        p.strip().lstrip('“‘"') for p in re.split(r"[，,：:]", reader.text[sentence.start : verb_start])
    ]
    if pieces[-1].startswith(words):
        return True
    return len(pieces) > 1 and pieces[-2].startswith(words) and only_gap_words(pieces[-1])
