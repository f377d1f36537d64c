"""Clause and subject helpers several relation families share: where a clause opens, its subject, the
verb before a name, a place's level."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline.lexicons import word_list, word_set
from cadregraph.pipeline.relations.document import Reader, Sentence
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.relations.tiers import windows


def surname_list() -> tuple[str, ...]:
    """The family names (the project's one list, pipeline/data/lexicons/surnames.txt)."""
    return word_list("surnames.txt")  # the project's one surname list (pipeline/data/lexicons)


def surname_set() -> frozenset[str]:
    """The family names as a set, for membership tests."""
    return word_set("surnames.txt")


def surname_start(name: str) -> bool:
    """The name opens with a listed family name."""
    return name.startswith(surname_list())


def first_evidence(reader: Reader, key: str) -> Sentence | None:
    """The sentence of the entity's first mention (None when the text never names it)."""
    for ent in reader.doc_ents:
        if reader.index.id_of(ent) == key:
            return reader.sentence_at(ent.start_char)
    return None


def place_level(name: str) -> int:
    """A place's administrative level by its last characters (省 6 … 村 2; unknown 0)."""
    levels: dict[str, int] = patterns().part_of.place_levels
    return next((levels[s] for s in sorted(levels, key=len, reverse=True) if name.endswith(s)), 0)


def clause_spans(reader: Reader, sentence: Sentence) -> Iterator[tuple[int, int]]:
    """The clauses of a sentence: cut at commas and colons."""
    start = sentence.start
    for m in re.finditer(r"[，,：:]", reader.text[sentence.start : sentence.end]):
        yield start, sentence.start + m.start()
        start = sentence.start + m.end()
    yield start, sentence.end


def body_led_by(reader: Reader, person: str | None) -> str | None:
    """The organisation a person heads (not as deputy), else the first one they hold a post in."""
    held = [
        r for r in reader.sink.relations() if r.source == person and r.type in {"LEADS", "HOLDS_POSITION"}
    ]
    lead = next((r.target for r in held if r.type == "LEADS" and not r.properties.get("deputy")), None)
    first = next((r.target for r in held if r.type == "HOLDS_POSITION"), None)
    return lead or first


def is_home(reader: Reader, key: str) -> bool:
    """The entity is the paper's home place (我市 means it)."""
    home = reader.ctx.home
    return home is not None and reader.index.name_of(key) == home.name


def verb_before(reader: Reader, char: int, verbs: list[str], floor: int) -> tuple[int, str] | None:
    """The RUNS verb written right before `char`, allowing a particle or an opening quote between."""
    gaps = sorted(patterns().runs.verb_programme_gap, key=len, reverse=True)
    end = char
    for _ in range(3):
        before = reader.text[max(floor, end - windows().verb_lookback_chars) : end]
        verb = next((v for v in verbs if before.endswith(v)), None)
        if verb is not None:
            return end - len(verb), verb
        gap = next((g for g in gaps if before.endswith(g)), None)
        if gap is None:
            return None
        end -= len(gap)
    return None


def clause_opening(reader: Reader, sentence: Sentence, char: int) -> int:
    """Where the clause holding `char` opens (after the last comma or colon before it)."""
    cut = max(reader.text.rfind(p, sentence.start, char) for p in "，,：:")
    return sentence.start if cut < 0 else cut + 1


def only_gap_words(text: str) -> bool:
    """True when `text` holds nothing but adverbs / time words that may stand between subject and verb."""
    rest = "".join(text.split())
    words = sorted(patterns().runs.subject_gap_words, key=len, reverse=True)
    while rest:
        word = next((w for w in words if rest.startswith(w)), None)
        if word is None:
            return False
        rest = rest[len(word) :]
    return True


def subject_of(reader: Reader, sentence: Sentence, before: int | None = None) -> DocSpan | None:
    """The sentence's subject: an organisation, place or person that opens one of its clauses (after an
    adverbial like 在打造铁军、培养干部中) and is not a possessor (X的)."""
    end = sentence.end if before is None else before
    for ent in reader.actor_ents():
        if ent.start_char < sentence.start or ent.end_char > end:
            continue
        if ent.label_ not in {"Organization", "Place", "Person"}:
            continue
        clause_start = clause_opening(reader, sentence, ent.start_char)
        lead = reader.text[clause_start : ent.start_char].strip()
        if (not lead or only_gap_words(lead)) and not reader.text.startswith("的", ent.end_char):
            return ent
    return None


def dates_in(reader: Reader, start: int, end: int) -> list[tuple[int, str]]:
    """The dates written inside [start, end): (start, ISO value)."""
    return [(s, v) for s, e, v in reader.dates if s >= start and e <= end]


def paragraph_sentences_back(reader: Reader, sentence: Sentence, char: int, count: int) -> list[Sentence]:
    """The sentence and up to `count` sentences before it, inside the paragraph."""
    p_start, _ = reader.paragraph(char)
    i = reader.sentence_index(sentence.start)
    return [
        reader.sentences[j]
        for j in range(i, max(i - count, 0) - 1, -1)
        if reader.sentences[j].start >= p_start
    ]


def actors_labelled(reader: Reader, label: str, start: int, end: int) -> list[DocSpan]:
    """Ents of one label between two offsets, organisations written short (平湖经开) included."""
    return [
        e for e in reader.actor_ents() if e.label_ == label and e.start_char >= start and e.end_char <= end
    ]


@lru_cache(maxsize=1 << 14)
def is_award(name: str) -> bool:
    """The programme's name says it is an award or honour (won, not run). Cached: the figure rules ask it
    about the sentence's programmes once per figure."""
    return any(m in name for m in patterns().participation.award_markers)


def opens_clause(reader: Reader, sentence: Sentence, ent: DocSpan) -> bool:
    """The ent is a clause's subject: only adverbials stand before it, and it is no possessor (X的)."""
    lead = "".join(reader.text[clause_opening(reader, sentence, ent.start_char) : ent.start_char].split())
    lead = lead.strip('“”"')
    for word in sorted(patterns().figures.subject_lead_words, key=len, reverse=True):
        lead = lead.removeprefix(word)
    return (not lead or only_gap_words(lead)) and not reader.text.startswith("的", ent.end_char)


def nearest_ent(ents: list[DocSpan], char: int) -> DocSpan | None:
    """The last ent before `char`, else the first after it."""
    before = [e for e in ents if e.end_char <= char]
    if before:
        return before[-1]
    after = [e for e in ents if e.start_char >= char]
    return after[0] if after else None


def sentence_text(reader: Reader, char: int) -> str:
    """The text of the sentence holding `char`."""
    sentence = reader.sentence_at(char)
    return reader.text[sentence.start : sentence.end]
