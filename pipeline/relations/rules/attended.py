"""ATTENDED: the people at an event, with the verb's role."""

from __future__ import annotations

import re

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline.relations.clauses import nearest_ent, sentence_text
from cadregraph.pipeline.relations.document import Reader, Sentence
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.relations.tiers import tiers


def emit_attended(reader: Reader) -> None:
    """仲旭东、周军波…等市四套班子领导出席 → ATTENDED the event of the sentence or of the paragraph so far."""
    verbs: dict[str, str] = patterns().verbs.attended
    for sentence in reader.sentences:
        text = reader.text[sentence.start : sentence.end]
        for verb, role in verbs.items():
            for m in re.finditer(verb, text):
                at = sentence.start + m.start()
                if text[: m.start()].endswith(tuple(patterns().attended.noun_prefixes)):
                    continue
                event = _event_for(reader, sentence, at)
                if event is None:
                    continue
                event_id = reader.index.id_of(event)
                people = [p for p in reader.ents("Person", sentence.start, at) if p.end_char <= at]
                previous_verb = max(
                    (sentence.start + x.end() for v in verbs for x in re.finditer(v, text[: m.start()])),
                    default=sentence.start,
                )
                for person in people:
                    pid = reader.index.id_of(person)
                    if pid and event_id and person.start_char >= previous_verb:
                        reader.sink.add("ATTENDED", pid, event_id, sentence, tiers().pattern, role=role)


def _event_for(reader: Reader, sentence: Sentence, at: int) -> DocSpan | None:
    """The event of the sentence; else the one the paragraph (or the piece so far) holds (…召开X。…主持会议。):
    the lead sentence names the meeting, later sentences call it 会议."""
    here = reader.ents("Event", sentence.start, sentence.end)
    if here:
        return nearest_ent(here, at)
    held = tuple(patterns().attended.held_verbs)
    p_start, _ = reader.paragraph(at)
    for start in (p_start, reader.text.rfind("\n\n", 0, max(p_start - 2, 0)) + 2):
        before = reader.ents("Event", start, sentence.start)
        holding = [e for e in before if any(v in sentence_text(reader, e.start_char) for v in held)]
        if holding:
            return holding[0]
        if before:
            return before[0]
    return None
