"""RUNS (and LOCATED_IN for a place as actor): the body that carries out a programme."""

from __future__ import annotations

import re

from spacy.tokens import Span as DocSpan

from pipeline.relations.clauses import (
    body_led_by,
    clause_opening,
    is_home,
    only_gap_words,
    subject_of,
    verb_before,
)
from pipeline.relations.document import Reader, Sentence
from pipeline.relations.patterns import patterns


def emit_runs(reader: Reader) -> None:
    """平湖经开实施“铁军打造”工程 → RUNS; the subject may be the sentence's (…健全…,稳步实施X) or, when a
    sentence opens without one, the previous sentence's (近年来,开设了“耘庐学堂”): the genre drops
    repeated subjects. A Place as the actor gives LOCATED_IN instead (a town runs nothing, its campaign is
    there); 我市 is deixis, not an organisation, and gives nothing (gold convention)."""
    verbs = sorted(patterns()["verbs"]["runs"], key=len, reverse=True)
    for sentence in reader.sentences:
        for programme in reader.ents("Programme", sentence.start, sentence.end):
            found = verb_before(reader, programme.start_char, verbs, sentence.start)
            target = reader.index.id_of(programme)
            if found is None or target is None:
                continue
            verb_start, verb = found
            actor, confidence = _actor(reader, sentence, verb_start)
            if confidence < 0:
                body, confidence = _we_referent(reader, sentence)
                if body is not None and body != target:
                    reader.sink.add("RUNS", body, target, sentence, confidence, verb=verb, actor="我们")
                continue
            source = reader.index.id_of(actor) if actor is not None else None
            if actor is None or source is None:
                continue
            if actor.label_ == "Organization":
                reader.sink.add("RUNS", source, target, sentence, confidence, verb=verb)
            elif actor.label_ == "Place" and not is_home(reader, source):
                reader.sink.add("LOCATED_IN", target, source, sentence, confidence - 0.1, verb=verb)
    _bodies_named_after_programmes(reader)


def _bodies_named_after_programmes(reader: Reader) -> None:
    """市铁军打造工程指挥部 / X领导小组办公室: a body named after a programme plus a steering head runs it."""
    heads = tuple(patterns()["runs"]["steering_heads"])
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
            reader.sink.add("RUNS", source, found, reader.sentence_at(ent.start_char), 0.75, head=head)


def _we_referent(reader: Reader, sentence: Sentence) -> tuple[str | None, float]:
    """我们 as the actor: the body of the quoted speaker (“…我们…”朱娜说), else the organisation the
    paragraph (or the one before) is about, else the body led by the leader who signs the piece
    (领导点评: 吴金华(…组织部长…) … 我们…)."""
    conf = patterns()["runs"]
    close = reader.text.find("”", sentence.start)
    if close >= 0 and "“" not in reader.text[sentence.start : close] and close - sentence.end < 400:
        after = reader.text[close + 1 : close + 14]
        speaker = next((p for p in reader.ents("Person", close + 1, close + 14)), None)
        if speaker is not None and any(v in after for v in conf["speech_verbs"]):
            body = body_led_by(reader, reader.index.id_of(speaker))
            if body is not None:
                return body, 0.6
    p_start, _ = reader.paragraph(sentence.start)
    floor = reader.paragraph(max(p_start - 3, 0))[0]
    i = reader.sentence_index(sentence.start) - 1
    while i >= 0 and reader.sentences[i].start >= floor:
        subject = subject_of(reader, reader.sentences[i])
        if subject is not None and subject.label_ == "Organization":
            return reader.index.id_of(subject), 0.55
        i -= 1
    for _ in range(int(conf["signer_paragraphs"])):
        floor = reader.paragraph(max(floor - 3, 0))[0]
    people = reader.ents("Person", floor, sentence.start)
    for person in people[-1:]:
        body = body_led_by(reader, reader.index.id_of(person))
        if body is not None:
            return body, 0.55
    return None, 0.0


def _actor(reader: Reader, sentence: Sentence, verb_start: int) -> tuple[DocSpan | None, float]:
    """The organisation (or place) doing what the verb at `verb_start` says, and how sure we are."""
    clause_start = clause_opening(reader, sentence, verb_start)
    blockers = tuple(patterns()["runs"]["not_actor_before"])
    candidates = [
        e
        for e in reader.actor_ents()
        if e.label_ in {"Organization", "Place", "Person"}
        and clause_start <= e.start_char
        and e.end_char <= verb_start
    ]
    adverbial = tuple(patterns()["runs"]["adverbial_before"])
    candidates = [e for e in candidates if not reader.text[clause_start : e.start_char].endswith(adverbial)]
    if candidates:
        ent = candidates[-1]
        between = reader.text[ent.end_char : verb_start]
        before = reader.text[clause_start : ent.start_char]
        if (
            ent.label_ != "Person"
            and "的" not in between
            and len(between) <= 8
            and not before.endswith(blockers)
        ):
            return ent, 0.8
        return None, 0.0
    if _we_opens_a_clause(reader, sentence, verb_start):
        return None, -1.0  # the caller reads 我们 (see _we_referent)
    if not only_gap_words(reader.text[clause_start:verb_start]):
        return None, 0.0
    subject = subject_of(reader, sentence, before=clause_start)
    if subject is not None:
        return (subject, 0.7) if subject.label_ != "Person" else (None, 0.0)
    # A sentence opening without a subject continues the previous sentence's (same paragraph).
    if clause_start != sentence.start and not only_gap_words(
        reader.text[sentence.start : clause_start].strip("，,：: ")
    ):
        return None, 0.0
    i = reader.sentence_index(sentence.start)
    p_start, _ = reader.paragraph(sentence.start)
    if i > 0 and reader.sentences[i - 1].start >= p_start:
        subject = subject_of(reader, reader.sentences[i - 1])
        if subject is not None and subject.label_ != "Person":
            return subject, 0.6
    return None, 0.0


def _we_opens_a_clause(reader: Reader, sentence: Sentence, verb_start: int) -> bool:
    """我们 opens the verb's clause or an earlier one of the sentence (我们在推出了…的基础上,创新开展…)."""
    words = tuple(patterns()["runs"]["we_words"])
    pieces = [
        p.strip().lstrip('“‘"') for p in re.split(r"[，,：:]", reader.text[sentence.start : verb_start])
    ]
    if pieces[-1].startswith(words):
        return True
    return len(pieces) > 1 and pieces[-2].startswith(words) and only_gap_words(pieces[-1])
