"""PARTICIPATES_IN: people in programmes, by verb, assignment, photo caption, 此次 and awards."""

from __future__ import annotations

import re

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline.relations.chains import parse_chain
from cadregraph.pipeline.relations.clauses import clause_spans
from cadregraph.pipeline.relations.document import Reader, Sentence
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.relations.tiers import tiers, windows


def emit_participation(reader: Reader) -> None:
    """Person … 参与/入选/获得 … Programme in one clause → PARTICIPATES_IN."""
    verbs = patterns().verbs.participates
    for sentence in reader.sentences:
        for c_start, c_end in clause_spans(reader, sentence):
            for person in reader.ents("Person", c_start, c_end):
                for programme in reader.ents("Programme", person.end_char, c_end):
                    between = reader.text[person.end_char : programme.start_char]
                    verb = next((v for v in verbs if v in between), None)
                    pid, key = reader.index.id_of(person), reader.index.id_of(programme)
                    if verb and pid and key and len(between) <= windows().participation_gap_chars:
                        reader.sink.add("PARTICIPATES_IN", pid, key, sentence, tiers().sentence, role=verb)


def emit_assignments(reader: Reader) -> None:
    """屠东君…此次“练兵”他就抽调到了数字化改革专班, 同时还是X的成员 / 金伟(右一)在宣传“善治宝”: a person
    sent into a programme, a member of it, or shown at it in a photo caption → PARTICIPATES_IN."""
    conf = patterns().participation
    assigned = sorted(conf.assigned_verbs, key=len, reverse=True)
    members = tuple(conf.member_words)
    for sentence in reader.sentences:
        people = reader.ents("Person", sentence.start, sentence.end)
        if not people:
            continue
        for programme in reader.ents("Programme", sentence.start, sentence.end):
            key = reader.index.id_of(programme)
            before = [p for p in people if p.end_char <= programme.start_char]
            if key is None or not before:
                continue
            lead = reader.text[
                max(
                    sentence.start, programme.start_char - windows().assignment_lead_chars
                ) : programme.start_char
            ].rstrip('“"‘了')
            after = reader.text[
                programme.end_char : programme.end_char + windows().member_after_chars
            ].lstrip('”"’')
            pid = reader.index.id_of(before[0])
            if pid is None:
                continue
            if lead.endswith(tuple(assigned)):
                reader.sink.add("PARTICIPATES_IN", pid, key, sentence, tiers().sentence, role="抽调")
            elif after.startswith("的") and after[1:].startswith(members) and "是" in lead[-3:]:
                word = next(m for m in members if after[1:].startswith(m))
                reader.sink.add("PARTICIPATES_IN", pid, key, sentence, tiers().sentence, title=word)
            elif _caption_at(reader, sentence, before[0], programme):
                reader.sink.add("PARTICIPATES_IN", pid, key, sentence, tiers().context, role="图片")
    _this_round(reader)


def _caption_at(reader: Reader, sentence: Sentence, person: DocSpan, programme: DocSpan) -> bool:
    """王楠楠(左一)在指导… / 陈结加(左一)在“…”工作现场: a one-line caption, a person, the photo position, 在."""
    line = reader.text[sentence.start : sentence.end]
    if "\n" in line or len(line) > windows().caption_max_chars or person.start_char != sentence.start:
        return False
    rest = reader.text[person.end_char : programme.start_char]
    return bool(re.match(patterns().participation.caption_position, rest))


def _this_round(reader: Reader) -> None:
    """此次练兵,孙杰来到了… / 此次大练兵把我派到了曹桥街道的文旅发展岗位: 此次 + (a short name of) the
    programme the piece is about marks the person of the sentence (or, for 我/他/她, of the paragraph) as
    one of its participants; the post (…岗位) is kept."""
    conf = patterns().participation
    counts: dict[str, int] = {}
    for ent in reader.ents("Programme"):
        key = reader.index.id_of(ent)
        if key:
            counts[key] = counts.get(key, 0) + 1
    names = [
        (n.strip('“”"'), e.id)
        for e in reader.index.entities
        if e.type == "Programme"
        for n in (e.name, *e.aliases)
    ]
    for sentence in reader.sentences:
        text = reader.text[sentence.start : sentence.end]
        for m in re.finditer("|".join(conf.this_round), text):
            window = re.sub(r"[“”\"‘’]", "", text[m.end() : m.end() + conf.this_round_reach])
            window = re.split(r"[，,。]", window)[0]
            window = re.sub(conf.this_round_locative, "", window)
            window = re.sub(conf.this_round_count, "", window)  # 此次百个练兵场 → 练兵场
            hits = [
                (counts.get(k, 0), k) for n, k in names for w in _words_in(window) if len(w) >= 2 and w in n
            ]
            if not hits:
                continue
            key = max(hits)[1]
            people = reader.ents("Person", sentence.start, sentence.end)[:1]
            if not people and any(p in text for p in conf.person_pronouns):
                p_start, p_end = reader.paragraph(sentence.start)
                people = reader.ents("Person", p_start, p_end)[:1]
            elif not people and reader.paragraph(sentence.start)[0] == sentence.start:
                people = _profiled_people(reader, sentence)
            post = re.search(conf.post_pattern, text)
            for person in people:
                pid = reader.index.id_of(person)
                if pid:
                    value = post.group(1).replace("的", "") if post else None
                    reader.sink.add("PARTICIPATES_IN", pid, key, sentence, tiers().context, post=value)


def _profiled_people(reader: Reader, topic: Sentence) -> list[DocSpan]:
    """实干,是此次百个练兵场上最出彩…的特点。市科技局局长办公室主任张徐园…。市机关事务中心接待科科长徐菊…:
    a paragraph opened by a sentence about this round of a programme profiles its participants, each the
    titled subject of a sentence of the paragraph."""
    _, p_end = reader.paragraph(topic.start)
    found: list[DocSpan] = []
    i = reader.sentence_index(topic.start) + 1
    while i < len(reader.sentences) and reader.sentences[i].start < p_end:
        sentence = reader.sentences[i]
        first = next(iter(reader.ents("Person", sentence.start, sentence.end)), None)
        if first is not None:
            chain = parse_chain(reader, first.start_char, sentence.start)
            if chain and chain[0].start == sentence.start:
                found.append(first)
        i += 1
    return found


def _words_in(window: str) -> list[str]:
    """The programme word right after 此次: every prefix of the window (练兵, 大练兵, “练兵”过程)."""
    return [window[:k] for k in range(len(window), 1, -1)]


def emit_award_winners(reader: Reader) -> None:
    """“中国十佳时装设计师”陆敏超 / 获得浙江省十佳服装设计师称号的设计师俞芳 → PARTICIPATES_IN the award:
    an honour written as a label before a name, or won (获得…称号的) by the person named after it."""
    conf = patterns().participation
    markers, verbs, tails = conf.award_markers, tuple(conf.award_verbs), tuple(conf.award_tail)
    for programme in reader.ents("Programme"):
        if not any(m in programme.text for m in markers):
            continue
        sentence = reader.sentence_at(programme.start_char)
        people = [
            p
            for p in reader.ents(
                "Person",
                programme.end_char,
                min(sentence.end, programme.end_char + windows().award_person_chars),
            )
        ]
        if not people:
            continue
        person = people[0]
        between = reader.text[programme.end_char : person.start_char].strip('”"')
        before = reader.text[sentence.start : programme.start_char].rstrip('“"')
        won = before.endswith(verbs) and between.startswith(tails) and "的" in between
        label = len(between) <= 3 and "的" not in between and "、" not in between
        pid, key = reader.index.id_of(person), reader.index.id_of(programme)
        if pid and key and (won or label):
            reader.sink.add(
                "PARTICIPATES_IN", pid, key, sentence, tiers().clause, role="获奖" if won else "称号"
            )
