"""HOLDS_POSITION and LEADS from leaders' rosters (issue 8): yearbook, newspaper and notice lines written
`TITLE:NAME NAME NAME` (副书记:徐福和 赵学礼 韩 伟, 主任：张三), each name holding the title, with lines of
names only after one continuing its list.

The analysis text joins hard wraps and drops the spaces between Chinese characters, so the names of such a
line run together there (徐福和赵学礼韩伟市人大主任); the lines and the spaces that separate the names are read
on the original text, and each name is mapped back to the analysis text. The title and its organisation are
read by the title-chain grammar (chains.py); a title written without one (副书记 under 市委书记) takes the
organisation of the roster line right above, as a chain continuing a titled name does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from cadregraph.pipeline.gazetteer import gazetteer
from cadregraph.pipeline.lexicons import common_words
from cadregraph.pipeline.relations.chains import Position, PositionResolver, Segment, parse_chain, split_org
from cadregraph.pipeline.relations.clauses import surname_list
from cadregraph.pipeline.relations.document import CJK, Reader, Sentence
from cadregraph.pipeline.relations.patterns import load_data
from cadregraph.pipeline.relations.rules.names import register_name
from cadregraph.pipeline.relations.rules.positions import add_position
from cadregraph.pipeline.title_chain import title_ending, title_table


@dataclass(frozen=True)
class RosterPatterns:
    """The roster vocabulary (pipeline/data/relations/rosters.toml [roster])."""

    colons: tuple[str, ...]
    name_separators: tuple[str, ...]
    gender_notes: tuple[str, ...]
    max_title_chars: int
    min_name_chars: int
    max_name_chars: int
    max_continuation_lines: int


@dataclass(frozen=True)
class NameFirstPatterns:
    """Name-first lines of honour and candidate lists (pipeline/data/relations/rosters.toml [name_first])."""

    person_note: str
    max_noted_name_chars: int
    trailing_separators: tuple[str, ...]


@dataclass(frozen=True)
class _RosterFile:
    roster: RosterPatterns
    name_first: NameFirstPatterns


@cache
def roster_patterns() -> RosterPatterns:
    return load_data(_RosterFile, "rosters.toml").roster


@cache
def name_first_patterns() -> NameFirstPatterns:
    return load_data(_RosterFile, "rosters.toml").name_first


@dataclass(frozen=True)
class RosterLine:
    """One title and the names it is given, in ORIGINAL-text offsets: the title's first character, the
    colon after it, and [start, end) of each name (a name an OCR space split, 韩 伟, spans the space)."""

    line: int  # the index of the title's line
    last_line: int  # the index of the last line its names stand on
    title_start: int
    colon: int
    names: tuple[tuple[int, int], ...]


def is_roster_name(name: str, by_model: bool = False) -> bool:
    """A person's name as rosters write them: Chinese characters opening with a family name, two to three
    (four after a two-character family name), not a place, a common word or a title. `by_model`: the model
    reads a name there; then the family-name list does not gate (issue 8: lists may add, never gate)."""
    conf = roster_patterns()
    surnames = surname_list()
    double = len(name) >= 2 and name[:2] in surnames
    longest = conf.max_name_chars + (1 if double else 0)
    if not conf.min_name_chars <= len(name) <= longest or not all(CJK.match(ch) for ch in name):
        return False
    if not (by_model or name[0] in surnames or double):
        return False
    return name not in common_words() and name not in title_table() and not gazetteer().lookup(name)


def is_roster_title(written: str) -> bool:
    """What stands before the colon, its spaces dropped (市 长 → 市长): an organisation and a title of the
    lexicon, nothing else (来源, 地址, 电话 are labels, not posts)."""
    return (
        0 < len(written) <= roster_patterns().max_title_chars
        and all(CJK.match(ch) for ch in written)
        and title_ending(written) is not None
    )


def read_rosters(
    original: str,
    is_title: Callable[[str], bool] = is_roster_title,
    is_name: Callable[[str, int], bool] = lambda name, _start: is_roster_name(name),
) -> list[RosterLine]:
    """Every roster line of `original` with its continuation lines: a title, a colon, then at least one
    name; what follows the last name (a biography: 于晓东 1953年4月生,…) is left. `is_name` takes a name
    and where it starts in `original`."""
    conf = roster_patterns()
    lines = _lines(original)
    out: list[RosterLine] = []
    k = 0
    while k < len(lines):
        start, end = lines[k]
        found = _title_and_colon(original, start, end, is_title)
        if found is None:
            k += 1
            continue
        title_start, colon = found
        names, _ = _names(original, colon + 1, end, is_name)
        if not names:
            k += 1
            continue
        last = k
        while last + 1 < len(lines) and last - k < conf.max_continuation_lines:
            more, whole = _names(original, *lines[last + 1], is_name)
            if not more or not whole:
                break
            names += more
            last += 1
        out.append(RosterLine(k, last, title_start, colon, tuple(names)))
        k = last + 1
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    """[start, end) of every line, blank ones included (a blank line ends a list)."""
    out, start = [], 0
    for match in re.finditer(r"\r?\n|\r", text):
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(text)))
    return out


def _title_and_colon(
    text: str, start: int, end: int, is_title: Callable[[str], bool]
) -> tuple[int, int] | None:
    """(the title's first character, the colon) when the line opens with a title and a colon."""
    conf = roster_patterns()
    while start < end and text[start].isspace():
        start += 1
    reach = min(end, start + 2 * conf.max_title_chars)  # room for OCR spaces inside the title
    colon = min((i for i in (text.find(c, start, reach) for c in conf.colons) if i > start), default=-1)
    if colon < 0:
        return None
    return (start, colon) if is_title("".join(text[start:colon].split())) else None


def _names(
    text: str, start: int, end: int, is_name: Callable[[str, int], bool]
) -> tuple[list[tuple[int, int]], bool]:
    """The names opening [start, end), separated by white space or a list separator, and whether they fill
    it. Two one-character pieces make one name when the first is a family name (韩 伟); a gender note after
    a name (王世翠(女)) is left out of it."""
    conf = roster_patterns()
    seps = "".join(re.escape(s) for s in conf.name_separators)
    pieces = [(m.start(), m.end()) for m in re.finditer(rf"[^\s{seps}]+", text[start:end])]
    pieces = [(start + s, start + e) for s, e in pieces]
    surnames = surname_list()
    names: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        s, e = pieces[i]
        if text[s:e] in conf.gender_notes and names:
            i += 1
            continue
        e = _without_note(text, s, e)
        if e - s == 1 and i + 1 < len(pieces) and text[s:e] in surnames:
            s2, e2 = pieces[i + 1]
            e2 = _without_note(text, s2, e2)
            if e2 - s2 == 1 and is_name(text[s] + text[s2], s):
                names.append((s, e2))
                i += 2
                continue
        if not is_name(text[s:e], s):
            break
        names.append((s, e))
        i += 1
    return names, i == len(pieces)


def _without_note(text: str, start: int, end: int) -> int:
    """The end of a piece without the gender note it closes with."""
    note = next((n for n in roster_patterns().gender_notes if text[start:end].endswith(n)), "")
    return end - len(note)


def emit_rosters(reader: Reader) -> None:
    """HOLDS_POSITION (and LEADS for a lead title) for every name of every roster line; the names are
    registered as people with their mentions, taking the mentions of the ents the joined text ran them into."""
    resolver = PositionResolver(reader)
    given_up: set[tuple[int, int]] = set()
    previous: tuple[RosterLine, list[Position]] | None = None
    read_by_model = reader.person_tag_starts | {e.start_char for e in reader.ents("Person")}

    def is_name(name: str, start: int) -> bool:
        return is_roster_name(name, reader.normalised(start) in read_by_model)

    for roster in read_rosters(_analysis_view(reader), is_name=is_name):
        positions = _positions(reader, resolver, roster, previous)
        previous = (roster, positions)
        line_start = reader.normalised(roster.title_start)
        if line_start is None:
            continue
        last_name_end = _to_text(reader, *roster.names[-1])
        evidence = Sentence(line_start, last_name_end[1] if last_name_end else line_start)
        for start, end in roster.names:
            span = _to_text(reader, start, end)
            if span is None:
                continue
            person_id = _register(reader, span[0], span[1], given_up)
            for p in positions:
                add_position(reader, person_id, p, evidence)
    _emit_name_first_lines(reader, resolver, is_name)


@dataclass(frozen=True)
class NameFirstLine:
    """A line NAME (note) CHAIN, in ORIGINAL-text offsets: [start, end) of the name (an OCR space may split it:
    马  兰) and of the title chain after it."""

    name: tuple[int, int]
    chain: tuple[int, int]


@cache
def _name_first_line() -> re.Pattern[str]:
    conf = name_first_patterns()
    return re.compile(
        rf"[ \t\u3000]*(?P<name>{CJK.pattern}(?:[ \t\u3000]{{0,3}}{CJK.pattern}){{1,{conf.max_noted_name_chars - 1}}}?)"
        rf"(?P<note>{conf.person_note})?[ \t\u3000]+(?P<chain>\S.*?)[ \t\u3000]*$"
    )


def read_name_first_lines(original: str, is_name: Callable[[str, int], bool]) -> list[NameFirstLine]:
    """Every line of `original` that opens with a person's name and gives the person's title chain after white
    space (rosters.toml [name_first]); whether the chain is one is left to the caller (it needs the analysis)."""
    conf = name_first_patterns()
    out: list[NameFirstLine] = []
    for start, end in _lines(original):
        match = _name_first_line().fullmatch(original, start, end)
        if match is None:
            continue
        name = "".join(match.group("name").split())
        noted = match.group("note") is not None
        # the note says a person is named: a place's or a common word's reading (马兰) does not outweigh it
        if not (
            2 <= len(name) <= conf.max_noted_name_chars and name not in title_table()
            if noted
            else is_name(name, match.start("name"))
        ):
            continue
        chain_end = match.end("chain")
        while chain_end > match.start("chain") and original[chain_end - 1] in conf.trailing_separators:
            chain_end -= 1
        out.append(NameFirstLine((match.start("name"), match.end("name")), (match.start("chain"), chain_end)))
    return out


def _emit_name_first_lines(reader: Reader, resolver: PositionResolver, is_name: Callable[[str, int], bool]) -> None:
    """HOLDS_POSITION (and LEADS) for each title of a name-first line's chain, when the chain is the whole rest
    of the line; the name is registered as a person, taking over the mentions the model read over it."""
    given_up: set[tuple[int, int]] = set()
    for line in read_name_first_lines(_analysis_view(reader), is_name):
        name, chain = _to_text(reader, *line.name), _to_text(reader, *line.chain)
        if name is None or chain is None:
            continue
        segments = parse_chain(reader, chain[1], chain[0])
        if not segments or segments[0].start != chain[0]:
            continue
        positions = resolver.resolve(segments, None)
        if not positions:
            continue
        person_id = _register(reader, name[0], name[1], given_up)
        for p in positions:
            add_position(reader, person_id, p, Sentence(name[0], chain[1]))


def _analysis_view(reader: Reader) -> str:
    """The original text with every character the analysis text keeps replaced by its reading there
    (Traditional → Simplified, full-width digits folded): the original's lines and spaces with the
    analysis text's characters, so the word lists (Simplified) match and offsets stay the original's."""
    ingested = reader.ctx.ingested
    chars = list(ingested.original)
    for i, at in enumerate(ingested.offsets[: len(reader.text)]):
        chars[at] = reader.text[i]
    return "".join(chars)


def _positions(
    reader: Reader,
    resolver: PositionResolver,
    roster: RosterLine,
    previous: tuple[RosterLine, list[Position]] | None,
) -> list[Position]:
    """The posts the roster's title gives; a title written without an organisation takes the one of the
    roster line right above (副书记 under 市委书记)."""
    start, colon = reader.normalised(roster.title_start), reader.normalised(roster.colon)
    if start is None or colon is None or reader.ctx.ingested.offsets[colon] != roster.colon:
        return []
    segments = parse_chain(reader, colon, start)
    if segments and segments[0].start > start and not segments[0].org_written:
        # The walk over organisation words stopped at an ent the joined text ran over it (韩伟市人大): the
        # line's start bounds the organisation instead.
        first = segments[0]
        split = split_org(reader, start, first.start, first.base)
        if split is not None and split[0] and not split[1]:
            segments[0] = Segment(start, first.title, first.base, split[0], "", split[2])
    if not segments or segments[0].start != start:
        return []
    before = None
    if previous is not None and previous[0].last_line + 1 == roster.line and not segments[0].org_written:
        before = previous[1] or None
    return resolver.resolve(segments, before)


def _to_text(reader: Reader, start: int, end: int) -> tuple[int, int] | None:
    """An original [start, end) as [start, end) of the analysis text, when both ends are kept there."""
    a, b = reader.normalised(start), reader.normalised(end - 1)
    offsets = reader.ctx.ingested.offsets
    if a is None or b is None or offsets[a] != start or offsets[b] != end - 1:
        return None
    return a, b + 1


def _register(reader: Reader, start: int, end: int, given_up: set[tuple[int, int]]) -> str:
    """The person written at [start, end) of the analysis text, registered with its mention; an ent of the
    model's lying over it (徐福 for 徐福和, 韩伟市人大 over a name and the next title) gives its mention up."""
    old = next(
        (
            e
            for e in reader.doc_ents
            if e.start_char < end and start < e.end_char and (e.start_char, e.end_char) not in given_up
        ),
        None,
    )
    if old is not None:
        given_up.add((old.start_char, old.end_char))
    register_name(reader, start, end, reader.text[start:end], old)
    return reader.index.span_ids[(start, end)]
