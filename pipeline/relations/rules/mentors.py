"""MENTORS: 他的导师…李俊."""

from __future__ import annotations

import re

from cadregraph.pipeline.relations.clauses import nearest_ent
from cadregraph.pipeline.relations.document import Reader
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.relations.tiers import tiers


def emit_mentors(reader: Reader) -> None:
    """孙杰 … 他的导师正是…李俊 / 自己的导师,新仓镇副镇长李俊 → 李俊 MENTORS 孙杰 (the other person of the paragraph)."""
    words = sorted(patterns().verbs.mentor_words, key=len, reverse=True)
    for sentence in reader.sentences:
        text = reader.text[sentence.start : sentence.end]
        for word in words:
            for m in re.finditer("的" + word, text):
                at = sentence.start + m.start()
                mentors = [p for p in reader.ents("Person", at, sentence.end)]
                if not mentors:
                    continue
                mentor = mentors[0]
                owner = reader.ent_ending_at(at, {"Person"})
                if owner is None:
                    p_start, p_end = reader.paragraph(at)
                    others = [p for p in reader.ents("Person", p_start, p_end) if p.text != mentor.text]
                    owner = nearest_ent(others, at)
                if owner is None:
                    continue
                mid, oid = reader.index.id_of(mentor), reader.index.id_of(owner)
                if mid and oid and mid != oid:
                    reader.sink.add("MENTORS", mid, oid, sentence, tiers().context, word=word)
            text = text.replace("的" + word, "\0" * (len(word) + 1))
