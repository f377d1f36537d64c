"""STARTED: the date a programme began (and the RUNS an earlier sentence of a 此次X tells)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline.relations.clauses import (
    clause_opening,
    clause_spans,
    dates_in,
    is_award,
    subject_of,
    verb_before,
)
from cadregraph.pipeline.relations.document import Reader, Sentence
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.relations.tiers import tiers, windows


@dataclass(frozen=True)
class ToldActivity:
    """A programme a later 此次X names, and the earlier sentence of the paragraph that told it."""

    programme: DocSpan
    key: str
    told: Sentence
    date: str  # the told sentence's opening date
    actor: str | None  # the id of its subject organisation
    verb: str


def told_activities(reader: Reader) -> list[ToldActivity]:
    """11月中旬,平湖经开组织了100多位青年干部…开展岗位实践。…在此次“百名干部下企业”活动中,…: 此次 + a
    programme names the activity an earlier sentence of the paragraph told: one that opens with a date
    and whose subject organisation organises something."""
    conf = patterns().participation
    verbs = tuple(patterns().started_back.organise_verbs)
    found: list[ToldActivity] = []
    for programme in reader.ents("Programme"):
        before = reader.text[
            max(0, programme.start_char - windows().this_round_chars) : programme.start_char
        ].rstrip('“"‘')
        key = reader.index.id_of(programme)
        if key is None or not before.endswith(tuple(conf.this_round)) or is_award(programme.text):
            continue
        p_start, _ = reader.paragraph(programme.start_char)
        i = reader.sentence_index(programme.start_char) - 1
        while i >= 0 and reader.sentences[i].start >= p_start:
            told = reader.sentences[i]
            i -= 1
            first_end = next(clause_spans(reader, told))[1]
            dates = dates_in(reader, told.start, first_end)
            lead = reader.text[told.start : first_end]
            for s, _ in dates:
                lead = lead.replace(reader.text[s : next(e for a, e, _ in reader.dates if a == s)], "")
            if not dates or lead.strip():
                continue
            actor = subject_of(reader, told)
            clause_text = (
                reader.text[actor.end_char : actor.end_char + windows().organise_verb_chars]
                if actor is not None
                else ""
            )
            if actor is None or actor.label_ != "Organization" or not clause_text.startswith(verbs):
                continue
            source = reader.index.id_of(actor)
            found.append(ToldActivity(programme, key, told, dates[-1][1], source, clause_text[:2]))
            break
    return found


def emit_this_round_origin(reader: Reader) -> None:
    """The activity a 此次X names (told_activities) STARTED on its told sentence's date, and the told
    sentence's subject organisation RUNS it."""
    for activity in told_activities(reader):
        told, key = activity.told, activity.key
        reader.sink.add("STARTED", key, None, told, tiers().context, date=activity.date, verb="此次")
        if activity.actor:
            reader.sink.add("RUNS", activity.actor, key, told, tiers().context, verb=activity.verb)


def emit_started(reader: Reader) -> None:
    """自2017年我市开展创新学堂以来 → 创新学堂 STARTED 2017; 今年3月…启动实施“百岗大练兵”行动 → 2021-03."""
    verbs = sorted(patterns().verbs.started, key=len, reverse=True)
    year_count = re.compile(patterns().started.year_count_after)
    for sentence in reader.sentences:
        for programme in reader.ents("Programme", sentence.start, sentence.end):
            found = verb_before(reader, programme.start_char, verbs, sentence.start)
            if found is None or year_count.match(reader.text, programme.end_char, sentence.end):
                continue
            verb_start, verb = found
            clause_start = clause_opening(reader, sentence, verb_start)
            dates = dates_in(reader, clause_start, verb_start)
            if not dates and clause_start > sentence.start:
                # 今年3月，为…，我市启动实施X: a clause holding only the date opens the sentence.
                lead = sentence.start
                first_end = next(clause_spans(reader, sentence))[1]
                only = [(s, v) for s, e, v in reader.dates if s >= lead and e <= first_end]
                spans = [(s, e) for s, e, _ in reader.dates if s >= lead and e <= first_end]
                rest = reader.text[lead:first_end]
                for s, e in sorted(spans, reverse=True):
                    rest = rest[: s - lead] + rest[e - lead :]
                dates = only if only and not rest.strip(" 自从起以来") else []
            if not dates:
                continue
            key = reader.index.id_of(programme)
            if key:
                reader.sink.add("STARTED", key, None, sentence, tiers().pattern, date=dates[-1][1], verb=verb)
