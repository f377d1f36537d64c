"""HAS_FIGURE: the programme or body a figure measures."""

from __future__ import annotations

import re

from spacy.tokens import Span as DocSpan

from pipeline.relations.clauses import (
    actors_labelled,
    clause_opening,
    is_award,
    nearest_ent,
    opens_clause,
    paragraph_sentences_back,
    verb_before,
)
from pipeline.relations.document import Reader, Sentence
from pipeline.relations.patterns import patterns
from schemas import Figure


def emit_figures(reader: Reader, figures: list[Figure]) -> None:
    """The figures of a paragraph belong to what the paragraph is about. In order: the programme the figure
    counts (4个破难专班, 3户“文明家庭”); the programme that is the sentence's subject; the nearest programme of
    the sentence (awards excepted: they are won, they hold no figures); the programme the paragraph's
    earlier figures went to, else the one the previous sentence names; the organisation that is the
    sentence's subject. Durations (两个多月) measure no programme and are skipped."""
    durations = set(patterns()["figures"]["duration_units"])
    topics: dict[int, DocSpan | str] = {}  # paragraph start → owner of its last figure
    placed = [(reader.normalised(f.start), f) for f in figures]
    for start, figure in sorted(((s, f) for s, f in placed if s is not None), key=lambda p: p[0]):
        fig_id = getattr(figure, "id", None)
        if fig_id is None or figure.unit in durations:
            continue
        end = reader.normalised(figure.end) or start + len(figure.text)
        sentence = reader.sentence_at(start)
        p_start, _ = reader.paragraph(start)
        owner, confidence = _figure_owner(reader, figure, sentence, start, end, topics.get(p_start))
        if owner is None:
            continue
        key = owner if isinstance(owner, str) else reader.index.id_of(owner)
        if key:
            if confidence >= 0.6:
                topics[p_start] = owner
            reader.sink.add("HAS_FIGURE", key, str(fig_id), sentence, confidence)


def _figure_owner(
    reader: Reader, figure: Figure, sentence: Sentence, start: int, end: int, topic: DocSpan | str | None
) -> tuple[DocSpan | str | None, float]:
    named_in = next(
        (
            p
            for p in reader.ents("Programme", sentence.start, sentence.end)
            if p.start_char <= start and end <= p.end_char
        ),
        None,
    )
    if named_in is not None:
        return named_in, 0.8  # 百名干部下企业活动: the figure is part of the programme's own name
    listed = _listed_under(reader, sentence, end)
    if listed is not None:
        return listed, 0.75
    counted = _counted_programme(reader, figure, end, sentence)
    if counted is not None:
        return counted, 0.8
    programmes = [p for p in reader.ents("Programme", sentence.start, sentence.end) if not is_award(p.text)]
    subject = [p for p in programmes if p.end_char <= start and opens_clause(reader, sentence, p)]
    if subject:
        return subject[-1], 0.7
    nearest = nearest_ent(programmes, start)
    if nearest is not None:
        return nearest, 0.65
    if sentence.start in reader.told:
        return reader.told[sentence.start], 0.65  # the activity a later 此次X names
    referred = _anaphor_referent(reader, sentence, start)
    if referred is not None:
        return referred, 0.6
    described = _described_body(reader, sentence, start, end)
    if described is not None:
        return described, 0.6
    # A sentence with a body of its own as subject (今年以来,X已累计为企业解决难题785个) is about that
    # body, not about the programme the paragraph named before; it becomes the paragraph's topic.
    own = [
        o
        for o in actors_labelled(reader, "Organization", sentence.start, start)
        if opens_clause(reader, sentence, o)
    ]
    if own:
        return own[-1], 0.6
    if topic is not None:
        return topic, 0.55
    previous = _previous_programme(reader, sentence, start)
    if previous is not None:
        return previous, 0.55
    # 上至区领导联系挂钩16个企业网格,…,平湖经开全体机关干部沉到网格里: the body the sentence (or the one
    # before) is about, named after the figure.
    for candidate in paragraph_sentences_back(reader, sentence, start, 1):
        own = [
            o
            for o in actors_labelled(reader, "Organization", candidate.start, candidate.end)
            if opens_clause(reader, candidate, o)
        ]
        if own:
            return own[0], 0.5
    return None, 0.0


def _previous_programme(reader: Reader, sentence: Sentence, char: int) -> DocSpan | None:
    """The programme an earlier sentence of the paragraph introduced (…常态化开展“网格连心”工作。全市457个…):
    the one a RUNS verb introduces (the figures that follow spell it out), else its subject, else the last."""
    verbs = sorted(patterns()["verbs"]["runs"], key=len, reverse=True)
    p_start, _ = reader.paragraph(char)
    i = reader.sentence_index(sentence.start) - 1
    while i >= 0 and reader.sentences[i].start >= p_start:
        prev = reader.sentences[i]
        named = [p for p in reader.ents("Programme", prev.start, prev.end) if not is_award(p.text)]
        if named:
            introduced = [
                p for p in named if verb_before(reader, p.start_char, verbs, prev.start) is not None
            ]
            subjects = [p for p in named if opens_clause(reader, prev, p)]
            return (introduced or subjects[:1] or named)[-1]
        i -= 1
    return None


def _listed_under(reader: Reader, sentence: Sentence, end: int) -> DocSpan | None:
    """制订一个攻坚作战计划、形成一张档案管理图等“六个一”的推进机制: a figure in a list closed by 等 + a
    programme belongs to that programme."""
    closer = str(patterns()["part_of"]["list_closer"])
    clause_end = re.search(r"[，,。；;：:]", reader.text[end : sentence.end])
    limit = end + clause_end.start() if clause_end else sentence.end
    for programme in reader.ents("Programme", end, limit):
        between = reader.text[end : programme.start_char]
        cut = between.rfind(closer)
        if cut >= 0 and len(between) - cut <= 3 and not is_award(programme.text):
            return programme
    return None


def _described_body(reader: Reader, sentence: Sentence, start: int, end: int) -> str | None:
    """这占地面积500亩的综合体: a demonstrative noun phrase whose figure describes a body or programme named
    earlier by the same head word (综合体 → 平湖市服装产业创新服务综合体)."""
    conf = patterns()["figures"]
    clause_start = clause_opening(reader, sentence, start)
    lead = reader.text[clause_start:start]
    if not any(d in lead for d in conf["demonstratives"]) or not reader.text.startswith("的", end):
        return None
    after = reader.text[end + 1 : end + 12]
    best: tuple[int, str] | None = None
    for entity in reader.index.entities:
        if entity.type not in {"Organization", "Programme"}:
            continue
        for k in range(len(entity.name) - 1, int(conf["head_word_min_chars"]) - 1, -1):
            if after.startswith(entity.name[-k:]) and (best is None or k > best[0]):
                best = (k, entity.id)
                break
    return best[1] if best else None


def _counted_programme(reader: Reader, figure: Figure, end: int, sentence: Sentence) -> DocSpan | str | None:
    """4个破难专班 / 26个市级破难专班 / 3户“文明家庭”: the figure counts instances of a named programme."""
    gaps = sorted(patterns()["figures"]["count_to_name_gap"], key=len, reverse=True)
    pos = end
    while True:
        gap = next((g for g in gaps if reader.text.startswith(g, pos)), None)
        if gap is None:
            break
        pos += len(gap)
    after = next(
        (p for p in reader.ents("Programme", pos, sentence.end) if p.start_char == pos),
        None,
    )
    if after is not None:
        return after
    subject = figure.subject or ""
    for gap in gaps:
        subject = subject.removeprefix(gap)
    names = sorted(
        ((name, key) for (etype, name), key in reader.index.by_name.items() if etype == "Programme"),
        key=lambda nk: -len(nk[0]),
    )
    return next((key for name, key in names if len(name) >= 2 and subject.startswith(name)), None)


def _anaphor_referent(reader: Reader, sentence: Sentence, start: int) -> DocSpan | None:
    """该企业已拥有120多项专利技术 → the last organisation named before the sentence (same or previous paragraph)."""
    anaphors: dict[str, str] = patterns()["figures"]["anaphors"]
    # 据悉,该企业主要生产…,已拥有120多项专利技术: the anaphor may open an earlier clause of the sentence.
    clause = reader.text[sentence.start : start]
    label = next((anaphors[w] for w in anaphors if w in clause), None)
    if label is None:
        return None
    p_start, _ = reader.paragraph(sentence.start)
    floor = reader.paragraph(max(p_start - 3, 0))[0]
    before = [
        e for e in reader.ents(label, floor, sentence.start) if label != "Programme" or not is_award(e.text)
    ]
    return before[-1] if before else None
