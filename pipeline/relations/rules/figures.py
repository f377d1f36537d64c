"""HAS_FIGURE: the programme or body a figure measures."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline.relations.clauses import (
    actors_labelled,
    clause_opening,
    is_award,
    nearest_ent,
    opens_clause,
    paragraph_sentences_back,
    verb_before,
)
from cadregraph.pipeline.relations.document import Reader, Sentence
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.relations.rules.started import told_activities
from cadregraph.pipeline.relations.tiers import TierName, tiers, windows
from cadregraph.schemas import Figure

Owner = DocSpan | str  # a programme or body ent, or an entity id


@dataclass(frozen=True)
class FigureSite:
    """One figure where it stands: its sentence and offsets, the paragraph's topic so far, and the
    activities later 此次X sentences name (sentence start → programme)."""

    reader: Reader
    figure: Figure
    sentence: Sentence
    start: int
    end: int
    topic: Owner | None
    told: dict[int, DocSpan]

    @cached_property
    def programmes(self) -> list[DocSpan]:
        """The sentence's programmes, awards excepted (they are won, they hold no figures)."""
        ents = self.reader.ents("Programme", self.sentence.start, self.sentence.end)
        return [p for p in ents if not _counts_nothing(p.text)]


def _counts_nothing(name: str) -> bool:
    """An award is won and a rule of work (委员联系界别群众制度, patterns.toml figureless_heads) is kept: neither
    holds figures."""
    return is_award(name) or name.endswith(patterns().figures.figureless_heads)


def emit_figures(reader: Reader) -> None:
    """The figures of a paragraph belong to what the paragraph is about: OWNER_STRATEGIES, in order, says
    which reading wins. Durations (两个多月) measure no programme and are skipped."""
    durations = set(patterns().figures.duration_units)
    told: dict[int, DocSpan] = {}
    for activity in told_activities(reader):
        told.setdefault(activity.told.start, activity.programme)
    topics: dict[int, Owner] = {}  # paragraph start → owner of its last figure
    placed = [(reader.normalised(f.start), f) for f in reader.figures]
    for start, figure in sorted(((s, f) for s, f in placed if s is not None), key=lambda p: p[0]):
        fig_id = getattr(figure, "id", None)
        if fig_id is None or figure.unit in durations:
            continue
        end = reader.normalised(figure.end) or start + len(figure.text)
        sentence = reader.sentence_at(start)
        p_start, _ = reader.paragraph(start)
        site = FigureSite(reader, figure, sentence, start, end, topics.get(p_start), told)
        found = figure_owner(site)
        if found is None:
            continue
        owner, confidence = found
        key = owner if isinstance(owner, str) else reader.index.id_of(owner)
        if key:
            if confidence >= tiers().context:  # a surer owner becomes the paragraph's topic
                topics[p_start] = owner
            reader.sink.add("HAS_FIGURE", key, str(fig_id), sentence, confidence)


def figure_owner(site: FigureSite) -> tuple[Owner, float] | None:
    """The first strategy of OWNER_STRATEGIES that finds an owner, with its tier's confidence."""
    for strategy, tier in OWNER_STRATEGIES:
        owner = strategy(site)
        if owner is not None:
            return owner, tiers().of(tier)
    return None


def _named_in(site: FigureSite) -> Owner | None:
    """百名干部下企业活动: the figure is part of the programme's own name."""
    ents = site.reader.ents("Programme", site.sentence.start, site.sentence.end)
    return next((p for p in ents if p.start_char <= site.start and site.end <= p.end_char), None)


def _listed(site: FigureSite) -> Owner | None:
    return _listed_under(site.reader, site.sentence, site.end)


def _counted(site: FigureSite) -> Owner | None:
    return _counted_programme(site.reader, site.figure, site.end, site.sentence)


def _subject_programme(site: FigureSite) -> Owner | None:
    """The programme that is the subject of a clause before the figure."""
    reader, sentence = site.reader, site.sentence
    subject = [p for p in site.programmes if p.end_char <= site.start and opens_clause(reader, sentence, p)]
    return subject[-1] if subject else None


def _nearest_programme(site: FigureSite) -> Owner | None:
    return nearest_ent(site.programmes, site.start)


def _told_activity(site: FigureSite) -> Owner | None:
    """The activity a later 此次X names (rules/started.told_activities)."""
    return site.told.get(site.sentence.start)


def _anaphor(site: FigureSite) -> Owner | None:
    return _anaphor_referent(site.reader, site.sentence, site.start)


def _described(site: FigureSite) -> Owner | None:
    return _described_body(site.reader, site.sentence, site.start, site.end)


def _subject_body(site: FigureSite) -> Owner | None:
    """A sentence with a body of its own as subject (今年以来,X已累计为企业解决难题785个) is about that
    body, not about the programme the paragraph named before; it becomes the paragraph's topic."""
    reader, sentence = site.reader, site.sentence
    own = [
        o
        for o in actors_labelled(reader, "Organization", sentence.start, site.start)
        if opens_clause(reader, sentence, o)
    ]
    return own[-1] if own else None


def _paragraph_topic(site: FigureSite) -> Owner | None:
    """The owner of the paragraph's last figure."""
    return site.topic


def _previous(site: FigureSite) -> Owner | None:
    return _previous_programme(site.reader, site.sentence, site.start)


def _body_around(site: FigureSite) -> Owner | None:
    """上至区领导联系挂钩16个企业网格,…,平湖经开全体机关干部沉到网格里: the body the sentence (or the one
    before) is about, named after the figure."""
    reader = site.reader
    for candidate in paragraph_sentences_back(reader, site.sentence, site.start, 1):
        own = [
            o
            for o in actors_labelled(reader, "Organization", candidate.start, candidate.end)
            if opens_clause(reader, candidate, o)
        ]
        if own:
            return own[0]
    return None


# The owner of a figure, surest reading first: (strategy, the confidence tier of what it finds).
OWNER_STRATEGIES: tuple[tuple[Callable[[FigureSite], Owner | None], TierName], ...] = (
    (_named_in, "adjacent"),  # the programme's own name holds the figure
    (_listed, "pattern"),  # a list closed by 等 + the programme
    (_counted, "adjacent"),  # 4个破难专班: the figure counts the programme
    (_subject_programme, "clause"),  # the programme the clause is about
    (_nearest_programme, "sentence"),  # the nearest programme of the sentence
    (_told_activity, "sentence"),  # the activity a later 此次X names
    (_anaphor, "context"),  # 该企业…
    (_described, "context"),  # 这占地面积500亩的综合体
    (_subject_body, "context"),  # the body that is the sentence's subject
    (_paragraph_topic, "paragraph"),  # the owner of the paragraph's last figure
    (_previous, "paragraph"),  # the programme an earlier sentence introduced
    (_body_around, "fallback"),  # the body the sentence or the one before is about
)


def _previous_programme(reader: Reader, sentence: Sentence, char: int) -> DocSpan | None:
    """The programme an earlier sentence of the paragraph introduced (…常态化开展“网格连心”工作。全市457个…):
    the one a RUNS verb introduces (the figures that follow spell it out), else its subject, else the last."""
    verbs = sorted(patterns().verbs.runs, key=len, reverse=True)
    p_start, _ = reader.paragraph(char)
    i = reader.sentence_index(sentence.start) - 1
    while i >= 0 and reader.sentences[i].start >= p_start:
        prev = reader.sentences[i]
        named = [p for p in reader.ents("Programme", prev.start, prev.end) if not _counts_nothing(p.text)]
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
    closer = patterns().part_of.list_closer
    clause_end = re.search(r"[，,。；;：:]", reader.text[end : sentence.end])
    limit = end + clause_end.start() if clause_end else sentence.end
    for programme in reader.ents("Programme", end, limit):
        between = reader.text[end : programme.start_char]
        cut = between.rfind(closer)
        if cut >= 0 and len(between) - cut <= 3 and not _counts_nothing(programme.text):
            return programme
    return None


def _described_body(reader: Reader, sentence: Sentence, start: int, end: int) -> str | None:
    """这占地面积500亩的综合体: a demonstrative noun phrase whose figure describes a body or programme named
    earlier by the same head word (综合体 → 平湖市服装产业创新服务综合体)."""
    conf = patterns().figures
    clause_start = clause_opening(reader, sentence, start)
    lead = reader.text[clause_start:start]
    if not any(d in lead for d in conf.demonstratives) or not reader.text.startswith("的", end):
        return None
    after = reader.text[end + 1 : end + 1 + windows().head_word_chars]
    best: tuple[int, str] | None = None
    for entity in reader.index.entities:
        if entity.type not in {"Organization", "Programme"}:
            continue
        for k in range(len(entity.name) - 1, conf.head_word_min_chars - 1, -1):
            if after.startswith(entity.name[-k:]) and (best is None or k > best[0]):
                best = (k, entity.id)
                break
    return best[1] if best else None


def _counted_programme(reader: Reader, figure: Figure, end: int, sentence: Sentence) -> DocSpan | str | None:
    """4个破难专班 / 26个市级破难专班 / 3户“文明家庭”: the figure counts instances of a named programme."""
    gaps = sorted(patterns().figures.count_to_name_gap, key=len, reverse=True)
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
    anaphors: dict[str, str] = patterns().figures.anaphors
    # 据悉,该企业主要生产…,已拥有120多项专利技术: the anaphor may open an earlier clause of the sentence.
    clause = reader.text[sentence.start : start]
    label = next((anaphors[w] for w in anaphors if w in clause), None)
    if label is None:
        return None
    p_start, _ = reader.paragraph(sentence.start)
    floor = reader.paragraph(max(p_start - 3, 0))[0]
    before = [
        e for e in reader.ents(label, floor, sentence.start) if label != "Programme" or not _counts_nothing(e.text)
    ]
    return before[-1] if before else None
