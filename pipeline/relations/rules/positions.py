"""HOLDS_POSITION and LEADS: the posts written before, after or around a person's name."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import cache
from itertools import takewhile
from typing import Any

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline import tokens as doc_tokens
from cadregraph.pipeline.appointments import notice_patterns
from cadregraph.pipeline.relations.chains import (
    Position,
    PositionResolver,
    Segment,
    _layout_space,
    _org_start,
    _whole_clause,
    current_segments,
    parse_chain,
    place_read_as_name,
    split_org,
    title_written_at,
    token_at,
    without_former_marker,
)
from cadregraph.pipeline.relations.document import CJK, Reader, Sentence, line_at
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.relations.rules.bylines import credit
from cadregraph.pipeline.relations.rules.names import titled_names
from cadregraph.pipeline.relations.tiers import tiers, windows
from cadregraph.pipeline.title_chain import (
    ChainTitle,
    TitleInfo,
    chain_grammar,
    is_bare_party_body,
    is_generic_body,
    is_placeless_department,
    title_ending,
    title_table,
)


def positions_of_people(reader: Reader, people: list[Any] | None = None) -> dict[int, list[Position]]:
    """Positions per person (by start char): chains before the name, in brackets after it, shared lists.
    `people`: the Person ents, or the list titled_names() corrected."""
    resolver = PositionResolver(reader)
    conf = patterns().chains
    result: dict[int, list[Position]] = {}
    people = reader.ents("Person") if people is None else people
    list_seps = set(conf.name_list_separators)
    remark = re.compile(conf.name_list_remark)
    for i, person in enumerate(people):
        if place_read_as_name(reader, person):
            continue  # 成县|县委书记李祥: the place of the next name's title, no holder
        if person.text in chain_grammar().modifiers:
            continue  # 书记蔡勇、常务|副院长何云葵: a title's modifier a list rule read as a name holds nothing
        sentence = reader.sentence_at(person.start_char)
        boundary = sentence.start
        chain = parse_chain(reader, person.start_char, boundary)
        if chain and _object_of_a_subject_verb(reader, chain[0].start, person):
            chain = []  # 强卫当选…人大常委会主任 宋秀岩当选省长: 强卫's post, not 宋秀岩's
        segments, former = current_segments(reader, chain)
        held_before = _former_posts(reader, resolver, chain, segments) if former else []
        if former and not segments:
            if held_before:  # 原上海市委组织部长应勇: the former post only, and no other reading of the titles
                result[person.start_char] = held_before
            continue
        inherited = None
        opening = segments[0].org_written if segments else ""
        if segments and (
            not opening or is_generic_body(opening) or is_bare_party_body(opening) or is_placeless_department(opening)
        ):
            inherited = _previous_position(reader, people, i, result, segments[0].start, boundary)
        found = resolver.resolve(segments, inherited)
        if not found and segments and not segments[0].org_written:
            found = _same_head_earlier(reader, people, i, result, segments, boundary)
        if not found and segments and not segments[0].org_written:
            found = _same_head_written_earlier(reader, resolver, segments, boundary)
        if not found and segments and not any(seg.org_written for seg in segments):
            found = _bare_officer(reader, resolver, segments)
        elif segments and not segments[0].org_written:
            found += [p for p in _leading_bare_officers(reader, resolver, segments, found) if p not in found]
        if not found:
            found = _bracketed(reader, resolver, person)
        if not found and not segments:
            found = _bracketed_before(reader, resolver, person)
        if not found:
            found = _copular(reader, resolver, person)
        if not found:
            found = _appositive(reader, resolver, person)
        if not found and not segments:
            found = _title_after_name(reader, resolver, person)
        if not found and not segments:
            found = _attributive(reader, resolver, person, boundary)
        if not found and not segments:
            found = _colon_list(reader, resolver, people, i)
        if not found and not segments:
            found = _title_after_list(reader, resolver, people, i)
        if not found and i > 0 and segments == []:
            prev = people[i - 1]
            between = reader.text[prev.end_char : person.start_char]
            noted = remark.match(between)  # 王小平(女)、赵红梅: the remark is no gap
            between = between[noted.end() if noted else 0 :]
            if between and between.strip() in list_seps and prev.start_char in result:
                found = [_shared(p) for p in result[prev.start_char]]
        found += [p for p in held_before if p not in found]
        found += _led_by(reader, resolver, person, segments[0].start if segments else person.start_char)
        found += [
            p
            for p in _held_by(reader, resolver, person, segments[0].start if segments else person.start_char)
            if p not in found
        ]
        found += [p for p in _biography(reader, resolver, person) if p not in found]
        if found:
            result[person.start_char] = found
    return result


def _object_of_a_subject_verb(reader: Reader, chain_start: int, person: DocSpan) -> bool:
    """强卫当选青海省十一届人大常委会主任 宋秀岩当选省长 (a headline whose space the ingest took out): the chain before
    a name the page sets apart by a space is the object of the subject verb before it (appointments.toml
    subject_verbs), the post of the name before that verb, not of the name after the space."""
    if not _layout_space(reader, person.start_char):
        return False
    text = reader.text
    verbs = sorted(notice_patterns().subject_verbs, key=len, reverse=True)
    verb = next((v for v in verbs if text.endswith(v, 0, chain_start)), None)
    if verb is None:
        return False
    subject_end = chain_start - len(verb)
    return any(e.label_ == "Person" and e.end_char == subject_end for e in reader.doc_ents)


def _former_posts(
    reader: Reader, resolver: PositionResolver, chain: list[Segment], current: list[Segment]
) -> list[Position]:
    """原保定市委书记许宁, 农业农村部原党组副书记、副部长: the posts of a chain a former marker scopes were held
    (gold: every post named counts); none is led now, as a résumé's former posts (_biography) are not."""
    former = [without_former_marker(reader, seg) for seg in chain if seg not in current]
    return [replace(p, lead=False) for p in resolver.resolve(former)] if former else []


def _led_by(reader: Reader, resolver: PositionResolver, person: Any, chain_start: int) -> list[Position]:
    """以丽江市委书记罗杰为团长的丽江市党政代表团: the body a name heads, written after the title and 的;
    the body's name ends with the character its head's title opens with (团长 → 代表团). The opener stands
    right before the name's chain (or the name)."""
    conf = patterns().chains
    text = reader.text
    at = person.end_char
    if not any(text[:chain_start].endswith(o) for o in conf.led_by_openers):
        return []
    if not text.startswith(conf.led_by_copula, at):
        return []
    at += len(conf.led_by_copula)
    limit = min(len(text), at + windows().title_chars)
    joiner = text.find(conf.led_by_joiner, at, limit)
    if joiner < 0:
        return []
    title = text[at:joiner]
    head = title_ending(title)
    if head is None or head.title != title or len(head.head) != 2 or not head.head.endswith("长"):
        return []
    start = joiner + len(conf.led_by_joiner)
    end = text.find(head.head[0], start, start + conf.led_by_max_chars)
    if end <= start + 1 or not all(CJK.match(ch) for ch in text[start : end + 1]):
        return []
    body = text[start : end + 1]
    ent = reader.ent_ending_at(end + 1, {"Organization"})
    named = ent if ent is not None and ent.start_char == start else None
    return resolver.resolve([Segment(start, title, head.head, body, "", named)])


def _held_by(reader: Reader, resolver: PositionResolver, person: Any, chain_start: int) -> list[Position]:
    """陵水县委书记由海南省纪委常委符鸣担任, 领导小组组长由县长李四担任: the post written before 由 is held by the
    name after it, when a verb of holding (担任) follows the name; the chain before 由 runs back to its clause's
    start (patterns.toml held_by_opener, held_by_verbs)."""
    conf = patterns().chains
    text = reader.text
    opener = chain_start - len(conf.held_by_opener)
    if opener <= 0 or not text.startswith(conf.held_by_opener, opener):
        return []
    if not any(text.startswith(v, person.end_char) for v in conf.held_by_verbs):
        return []
    clause = max(text.rfind(mark, 0, opener) for mark in "，,。；;：:\n") + 1
    segments = parse_chain(reader, opener, clause)
    if not segments or segments[0].start != clause:
        return []
    return resolver.resolve(segments)


def _title_after_list(reader: Reader, resolver: PositionResolver, people: list[Any], i: int) -> list[Position]:
    """彭世忠、马建刚等区委常委参加: names joined by list separators, then 等 and a title chain that a verb or
    punctuation ends; the chain is every listed name's (patterns.toml names_then_title). A chain with no body
    written is a bare officer's (汤莹丽、王洁、王金玉等委员 in a report on a council)."""
    conf = patterns().chains
    remark = re.compile(conf.name_list_remark)
    text, j = reader.text, i
    while True:
        noted = remark.match(text, people[j].end_char)
        at = noted.end() if noted else people[j].end_char
        nxt = people[j + 1] if j + 1 < len(people) else None
        if nxt is None or text[at : nxt.start_char] not in conf.name_list_separators:
            break
        j += 1
    joiner = next((w for w in conf.names_then_title if text.startswith(w, at)), None)
    if joiner is None:
        return []
    start = at + len(joiner)
    limit = min(len(text), start + windows().title_chars)
    token_ends = doc_tokens.token_ends(reader.doc)  # ascending: the window is a slice, no Token per token
    ends = token_ends[bisect_right(token_ends, start) : bisect_right(token_ends, limit)]
    for end in sorted(ends, reverse=True):
        after = token_at(reader, end)
        if after is not None and after.tag_ not in {"v", "w", "p", "c", "d"}:
            continue
        segments = parse_chain(reader, end, start)
        if segments and segments[0].start == start:
            found = resolver.resolve(segments)
            if not found and not any(seg.org_written for seg in segments):
                found = _bare_officer(reader, resolver, segments)  # …等委员: the council the report is on
            return found
    return []


def _colon_list(reader: Reader, resolver: PositionResolver, people: list[Any], i: int) -> list[Position]:
    """受邀将出任行政会委员的11人分别是:陈海帆(女)、梁庆庭、…: every name of a list opened by a colon holds the
    title (chain) written before the colon (patterns.toml [chains].colon_list_intro / colon_list_gap)."""
    conf = patterns().chains
    text = reader.text
    sentence = reader.sentence_at(people[i].start_char)
    gap = re.compile(conf.colon_list_gap)
    first = i
    while first > 0:
        prev = people[first - 1]
        if prev.start_char < sentence.start or not gap.match(text[prev.end_char : people[first].start_char]):
            break
        first -= 1
    intro = re.compile(conf.colon_list_intro).search(text, sentence.start, people[first].start_char)
    if intro is None or intro.start() <= sentence.start:
        return []
    segments, former = current_segments(reader, parse_chain(reader, intro.start(), sentence.start))
    if former or not segments:
        return []
    found = resolver.resolve(segments)
    if not found and not any(seg.org_written for seg in segments):
        found = _bare_officer(reader, resolver, segments)  # 出席投票的委員包括: the council the report is on
    return found


def _shared(position: Position) -> Position:
    return Position(
        position.title,
        position.organization,
        position.target,
        position.deputy,
        position.lead,
        min(position.confidence, tiers().derived),
    )


def _previous_position(
    reader: Reader,
    people: list[DocSpan],
    i: int,
    result: dict[int, list[Position]],
    chain_start: int,
    boundary: int,
) -> list[Position] | None:
    """主任胡水良,副主任姚田宝: a chain opening without an organisation right after a titled name inherits it;
    so does one after the list word that joins a list's last member (副主任肖云刚、…、孙贵宝和秘书长袁进琳)."""
    separators = set(chain_grammar().separators) | set(patterns().chains.name_list_separators)
    for prev in reversed(people[:i]):
        if prev.end_char > chain_start or prev.start_char < boundary:
            continue
        between = reader.text[prev.end_char : chain_start]
        if len(between) == 1 and between in separators and prev.start_char in result:
            return result[prev.start_char]
        break
    return None


def _same_head_earlier(
    reader: Reader,
    people: list[DocSpan],
    i: int,
    result: dict[int, list[Position]],
    segments: list[Segment],
    boundary: int,
) -> list[Position]:
    """…常务副主任沙际涛主持会议,副主任刘自朝、袁永雨出席: a bare title takes the organisation of the same head
    held by a name earlier in the sentence (主任 → the same 人大常委会), or in the clause a semicolon joins to it
    (市人大常委会主任王图强主持会议并讲话;副主任沈中林、查镜波…出席会议, zzp06)."""
    out: list[Position] = []
    boundary = _semicolon_clause_start(reader, boundary)
    for title, base in (r for seg in segments for r in _readings(seg)):
        for prev in reversed(people[:i]):
            if prev.start_char < boundary:
                break
            held = next((p for p in result.get(prev.start_char, []) if p.title.endswith(base)), None)
            if held is not None:
                info = title_table().get(base, TitleInfo("member", None))
                deputy = ChainTitle("", (), base).deputy or title.startswith("副") or "副" in title
                out.append(
                    Position(
                        title,
                        held.organization,
                        held.target,
                        deputy,
                        info.kind == "lead",
                        tiers().pattern,
                        held.completed,
                    )
                )
                break
    return out


_CLAUSE_JOINERS = "；;"  # a semicolon joins two clauses of one report sentence (the sentence splitter cuts there)


def _semicolon_clause_start(reader: Reader, start: int) -> int:
    """The start of the clause before `start` when a semicolon joins it to the one at `start`, else `start`."""
    before = start - 1
    while before >= 0 and reader.text[before].isspace():
        before -= 1
    if before < 0 or reader.text[before] not in _CLAUSE_JOINERS:
        return start
    return reader.sentence_at(before).start


def _same_head_written_earlier(
    reader: Reader, resolver: PositionResolver, segments: list[Segment], boundary: int
) -> list[Position]:
    """县人大常委会主任边疆主持召开…会议,副主任卢晓红、王林桐…出席: the earlier holder's name was not read (边疆 is a
    common word), but the head is written with its organisation earlier in the sentence; a bare title of the same
    head (副主任) takes that organisation, as it would from the holder (_same_head_earlier)."""
    out: list[Position] = []
    text = reader.text
    for seg in segments:
        head = seg.base.removeprefix("副")
        at = text.rfind(head, boundary, segments[0].start)
        while at >= 0:
            written = parse_chain(reader, at + len(head), boundary)
            held = resolver.resolve(written) if written and written[-1].org_written else []
            if held and held[-1].title.endswith(head):
                info = title_table().get(seg.base, TitleInfo("member", None))
                deputy = "副" in seg.title
                out.append(
                    Position(seg.title, held[-1].organization, held[-1].target, deputy, info.kind == "lead",
                             tiers().pattern, held[-1].completed)
                )
                break
            at = text.rfind(head, boundary, at)
    return out


def _leading_bare_officers(
    reader: Reader, resolver: PositionResolver, segments: list[Segment], found: list[Position]
) -> list[Position]:
    """分管日常工作的副校(院)长、省委讲师团团长吴刚平 (y04): the titles before the first one written with its body
    are bare officers' (_bare_officer) when the chain's later bodies gave them no post."""
    leading = list(takewhile(lambda seg: not seg.org_written, segments))
    held = {p.title for p in found}
    if not leading or any(title in held for seg in leading for title, _ in _readings(seg)):
        return []
    return _bare_officer(reader, resolver, leading)


def _readings(seg: Segment) -> list[tuple[str, str]]:
    """(title, head) of a segment: one, or two for a bracketed head (副校(院)长: 副校长 and 副院长)."""
    alternative = seg.alternative
    return [(seg.title, seg.base)] + ([(alternative.second.title, alternative.second.head)] if alternative else [])


def _bare_officer(reader: Reader, resolver: PositionResolver, segments: list[Segment]) -> list[Position]:
    """Bare officers' titles with no organisation written or in reach, in a report on a school or an association
    (patterns.toml school_heads, association_heads): 分管日常工作的副校(院)長鄧泉國 after 省委黨校(遼寧行政學院…)
    舉行…; 會長陳明金、理事長陳季敏 on a page about 澳門中華聯誼會. The nearest body of the paragraph whose name ends as
    the head's body does decides, and only when it has one of the head's endings (浙江工商学院师生到…中级人民法院
    参观。院长张三: the court's, nothing); with none in the paragraph, the body the document names most often with
    such an ending (none on a tie). A bracketed head gives both posts. Nothing unless every title finds its body."""
    out: list[Position] = []
    for seg in segments:
        for title, base in _readings(seg):
            found = _officer_post(reader, resolver, seg, title, base)
            if not found:
                return []
            out += found
    return out


def _officer_post(reader: Reader, resolver: PositionResolver, seg: Segment, title: str, head: str) -> list[Position]:
    """The post of one bare officer's title (see _bare_officer)."""
    endings = patterns().chains.officer_endings(head)
    if not endings:
        return []
    marks = tuple({e[-1] for e in endings})
    text = reader.text
    paragraph = line_at(text, seg.start).start
    bodies = [e for e in reader.ents("Organization", paragraph, seg.start) if e.text.endswith(marks)]
    if bodies:
        body = _first_listed(reader, bodies, endings, paragraph) if bodies[-1].text.endswith(endings) else None
        return resolver.resolve([Segment(seg.start, title, head, body.text, "", body)]) if body else []
    counts = {
        e.id: len(e.mentions)
        for e in reader.index.entities
        if e.type == "Organization" and e.mentions and e.name.endswith(endings)
    }
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return []
    key = ranked[0][0]
    name = reader.index.name_of(key) or ""
    info = title_table()[head]
    return [Position(title, name, key, "副" in title, info.kind == "lead", tiers().derived, name)]


def _first_listed(reader: Reader, bodies: list[DocSpan], endings: tuple[str, ...], paragraph: int) -> DocSpan:
    """The last of `bodies`, or of the names listed in the bracket it stands in (省委黨校(遼寧行政學院、省社會主義學院)),
    the first."""
    text, conf = reader.text, patterns().chains
    body = bodies[-1]
    opening = max(text.rfind(b, paragraph, body.start_char) for b in conf.open_brackets)
    if opening >= 0 and not any(c in text[opening : body.start_char] for c in conf.close_brackets):
        body = next(e for e in bodies if e.start_char > opening and e.text.endswith(endings))
    return body


def _bracketed(reader: Reader, resolver: PositionResolver, person: DocSpan) -> list[Position]:
    """吴金华\\n\\n(市委常委、组织部长、…副指挥长): the posts of a signed commentary's author."""
    conf = patterns().chains
    text = reader.text
    pos = person.end_char
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos >= len(text) or text[pos] not in conf.open_brackets:
        return []
    close = min((c for c in (text.find(b, pos) for b in conf.close_brackets) if c > 0), default=-1)
    if close < 0 or close - pos > windows().bracket_chain_chars:
        return []
    segments = parse_chain(reader, close, pos + 1)
    if not segments or segments[0].start != pos + 1:
        return []
    line = line_at(text, person.start_char)
    if (line.start, line.end) == (person.start_char, person.end_char):
        # A name alone on its line over its posts in brackets signs a commentary (领导点评).
        credit(reader, person.start_char, person.end_char, patterns().bylines.signature_role)
    return resolver.resolve(segments)


def _bracketed_before(reader: Reader, resolver: PositionResolver, person: DocSpan) -> list[Position]:
    """太康县老冢镇老冢村人(中原越秀实业有限公司董事长)李玉平: the posts in brackets right before the name, a whole
    chain filling the brackets, when the name's own chain is empty (an award list's residence, then the post)."""
    conf = patterns().chains
    text = reader.text
    close = person.start_char - 1
    if close <= 0 or text[close] not in conf.close_brackets:
        return []
    opening = max(text.rfind(b, max(0, close - windows().bracket_chain_chars), close) for b in conf.open_brackets)
    if opening < 0:
        return []
    segments, former = current_segments(reader, parse_chain(reader, close, opening + 1))
    if former or not segments or segments[0].start != opening + 1:
        return []
    return resolver.resolve(segments)


def _copular(reader: Reader, resolver: PositionResolver, person: DocSpan) -> list[Position]:
    """金伟是市农业农村局农村社会事业促进科科长。: the whole rest of the clause is the chain."""
    text = reader.text
    at = person.end_char
    verb = next((v for v in patterns().chains.copulas if text.startswith(v, at)), None)
    if verb is None:
        at, verb = _later_copula(reader, person)
    if verb is None:
        return []
    start = at + len(verb)
    end_match = re.compile(r"[，,。；;！!？?\n]").search(text, start, start + windows().copular_clause_chars)
    if end_match is None:
        return []
    segments = parse_chain(reader, end_match.start(), start)
    if segments and segments[0].start != start and len(segments) == 1:
        # The walk over organisation words stopped at a verb inside a unit's name (促进科): here the
        # whole clause after the copula is the one title's prefix.
        seg = segments[0]
        title = seg.title[len(seg.subunit) :]
        split = split_org(reader, start, end_match.start() - len(title))
        if split is not None and split[0]:
            segments = [Segment(start, split[1] + title, seg.base, split[0].strip('“”"'), split[1], split[2])]
    if not segments or segments[0].start != start:
        return []
    return resolver.resolve(segments)


# What may open an item of a list before its name: a number and its mark (1. / 2、/ (3) / 一、), spaces.
_ITEM_OPENING = re.compile(r"^[\s\u3000]*(?:[(（]?[0-9０-９一二三四五六七八九十]{1,3}[.．、)）]?)?[\s\u3000]*$")
# Where an item of such a list ends: the posts after the name run to it.
_ITEM_END = re.compile(r"[；;。\n]")
# A table row as a page's text keeps it (1 | 刘中义 | 武汉市黄陂区林业和园林局局长 |, its lines maybe joined): the name
# fills a cell of its own, bars on both sides; the bar after it opens the posts' cell, which ends at the next bar.
_TABLE_BARS = ("|", "｜")
_CELL_SPACES = " \t\u3000"
_TABLE_BAR = re.compile(r"[ \t\u3000]*[|｜][ \t\u3000]*")
_TABLE_CELL_END = re.compile(r"[ \t\u3000]*(?:[|｜]|$)", re.M)


def _appositive(reader: Reader, resolver: PositionResolver, person: DocSpan) -> list[Position]:
    """1. 赵磊,北京市委常委、秘书长;: a list item that opens with the name and gives its posts after a comma;
    the posts must be the whole rest of the item (up to ； 。 or the line's end), so that a clause going on
    after the name (张三,主持会议) or another name's chain (…张三,县委书记李四) is not read. A table row of an honour
    list (zzp03: 1 | 刘中义 | 武汉市黄陂区林业和园林局局长 |) is such an item: the name's cell, then the posts' cell."""
    text = reader.text
    at = person.end_char
    row = _TABLE_BAR.match(text, at)
    if row is not None:
        if not text[: person.start_char].rstrip(_CELL_SPACES).endswith(_TABLE_BARS):
            return []  # the name's own cell: a bar on both sides
        start = row.end()
        end_match = _TABLE_CELL_END.search(text, start, start + windows().copular_clause_chars)
    else:
        if text[at : at + 1] not in {",", "，"}:
            return []
        opening = max(text.rfind(c, 0, person.start_char) for c in "\n；;：:。")
        if not _ITEM_OPENING.match(text[opening + 1 : person.start_char]):
            return []
        start = at + 1
        end_match = _ITEM_END.search(text, start, start + windows().copular_clause_chars)
    end = end_match.start() if end_match is not None else -1
    if end <= start or reader.ents("Person", start, end):
        return []
    segments = parse_chain(reader, end, start)
    if not segments or segments[0].start != start:
        return []
    return resolver.resolve(segments)


def _attributive(reader: Reader, resolver: PositionResolver, person: DocSpan, boundary: int) -> list[Position]:
    """身为台州市文联主席的丁琦娅学员 (w02), 被新推选为黄石市代表团团长的董卫民同志 (zq04), 卸任延边州委书记的田锦尘 (zl07): a
    chain that ends in 的 right before the name is the name's posts, written as an attribute; a chain naming
    no organisation (书记的张三) is too thin to read so."""
    at = person.start_char - len(_ATTRIBUTE_MARK)
    if reader.text[at : person.start_char] != _ATTRIBUTE_MARK:
        return []
    segments, former = current_segments(reader, parse_chain(reader, at, boundary))
    if former or not segments or not segments[0].org_written:
        return []
    return resolver.resolve(segments)


_ATTRIBUTE_MARK = "的"  # what joins an attribute to the noun it describes


def _title_after_name(reader: Reader, resolver: PositionResolver, person: DocSpan) -> list[Position]:
    """陕西省外国专家局李晓东副局长、…, 台州市委组织部蔡周钧副部长专程来上海: the courteous order of a guest list,
    organisation + name + title. The organisation opens a clause and ends right at the name, the title (a
    lexicon head, nothing after it but what patterns.toml title_after_name_followers lists) starts right after."""
    at = person.end_char
    written = title_written_at(reader.text, at, len(reader.text))
    if written is None:
        return []
    title, head = written
    end = at + len(title)
    after = token_at(reader, end)
    if after is None or after.idx != end or after.tag_ not in patterns().chains.title_after_name_followers:
        return []
    if reader.ents("Person", end, end + 1):
        return []
    boundary = reader.sentence_at(person.start_char).start
    org_start = max(_org_start(reader, person.start_char), boundary)
    if org_start >= person.start_char:
        return []
    if not _whole_clause(reader, org_start, boundary, set(chain_grammar().separators), False, []):
        return []
    split = split_org(reader, org_start, person.start_char, head)
    if split is None or not split[0]:
        return []
    organisation, subunit, ent = split
    return resolver.resolve([Segment(org_start, subunit + title, head, organisation, subunit, ent)])


def _later_copula(reader: Reader, person: DocSpan) -> tuple[int, str | None]:
    """A later clause about the name opening with 现任: in its sentence after clauses with no other name
    (黄力平于1968年出生，现任…), or as the next sentence on the line when the name opens its own (a
    biography: 张晓强,男,…硕士。现任绍兴市委常委、…); (where the copula starts, the copula) or (0, None)."""
    text, sentence = reader.text, reader.sentence_at(person.start_char)
    limit = min(sentence.end, person.end_char + windows().copular_clause_chars)
    for verb in patterns().chains.later_copulas:
        at = text.find(verb, person.end_char, limit)
        if at > person.end_char and text[at - 1] in "，," and not _names_between(reader, person, at):
            return at, verb
        after = sentence.end
        while after < len(text) and text[after] in " \u3000":
            after += 1
        if person.start_char == sentence.start and text.startswith(verb, after):
            return after, verb
    return 0, None


@cache
def _biography_grammar() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    """patterns.toml [biography], compiled: the clause opening, the clause end, the verbs and the tails,
    longest first."""
    conf = patterns().biography
    return (
        re.compile(conf.clause_opening),
        re.compile(conf.clause_ends),
        tuple(sorted(conf.verbs, key=lambda v: (-len(v), v))),
        tuple(sorted(conf.tails, key=lambda t: (-len(t), t))),
    )


def _biography(reader: Reader, resolver: PositionResolver, person: DocSpan) -> list[Position]:
    """The posts a résumé gives in clauses after the name (patterns.toml [biography]): 曾担任…副主任。2011年2月
    任…副书记、代理区长; 历任A,B. The clauses run to the next name; into later sentences of the line when the
    name opens its sentence (a biography) or the clause opens with 他/她. A former or changed post is held
    (tests/gold/README.md: former posts count) but LEADS nothing: the text does not say it is held now."""
    opening, clause_end, verbs, tails = _biography_grammar()
    text = reader.text
    sentence = reader.sentence_at(person.start_char)
    opens_sentence = not text[sentence.start : person.start_char].strip()
    line = line_at(text, person.start_char)
    later = reader.ents("Person", person.end_char)  # bisected: the names after this one, in order
    stop = min(later[0].start_char, line.end) if later else line.end
    out: list[Position] = []
    licensed = {sentence.start}  # the sentences whose clauses are the name's: its own, and those 他/她 opened
    at, timed, running = person.end_char, False, None  # running: the sentence of the last former verb
    while at < stop:
        found = clause_end.search(text, at, stop)
        end = found.start() if found is not None else stop
        here = reader.sentence_at(at).start
        subject = opening.match(text, at, end)
        if subject is not None and subject.group("who"):
            licensed.add(here)  # 之后,|他转战平湖,|先后任…: 他 makes the sentence the name's
        clause = _biography_clause(text, at, end, opening, verbs, first=at == person.end_char)
        if clause is not None and not (opens_sentence or here in licensed):
            break  # a later sentence about someone else
        if clause is not None:
            verb_end, kind, time = clause
            if kind != "dated" or time or timed or here == sentence.start:
                out += _whole_chain(reader, resolver, verb_end, _untailed(text, verb_end, end, tails))
            running = here if kind == "former" else None
        elif running == here and found is not None and (
            posts := _whole_chain(reader, resolver, at, _untailed(text, at, end, tails))
        ):
            out += posts  # 历任A,|B: the former posts run on, in their sentence, up to punctuation (not a name)
        else:
            running = None
        whole = opening.fullmatch(text, at, end)
        timed = clause is None and end > at and whole is not None and bool(whole.group("time"))  # 四年后,|他调任
        at = end + 1
    return [replace(p, lead=False) for p in out]


def _biography_clause(
    text: str, start: int, end: int, opening: re.Pattern[str], verbs: tuple[str, ...], *, first: bool
) -> tuple[int, str, bool] | None:
    """(where the posts start, the verb's kind, whether a time opened the clause) of a résumé
    clause [start, end) opening with a verb of [biography].verbs; the clause right after the name may
    hold only a former verb (the copulas and the notices read the others)."""
    kinds = patterns().biography.verbs
    for verb in verbs:
        at = text.find(verb, start, end)
        while at >= 0:
            found = opening.fullmatch(text, start, at)
            if found is not None and (not first or (kinds[verb] == "former" and at == start)):
                return at + len(verb), kinds[verb], bool(found.group("time"))
            at = text.find(verb, at + 1, end)
    return None


def _untailed(text: str, start: int, end: int, tails: tuple[str, ...]) -> int:
    """`end` with the tails of [biography].tails written before it dropped (…主任等要职)."""
    tail = next((t for t in tails if text.endswith(t, start, end) and end - len(t) > start), "")
    return end - len(tail)


def _whole_chain(reader: Reader, resolver: PositionResolver, start: int, end: int) -> list[Position]:
    """The positions of a chain of titles that is the whole of [start, end), none when it is not one or it
    is a former post (原…)."""
    segments, former = current_segments(reader, parse_chain(reader, end, start))
    if former or not segments or segments[0].start != start:
        return []
    return resolver.resolve(segments)


def _names_between(reader: Reader, person: DocSpan, char: int) -> bool:
    return any(person.end_char <= p.start_char < char for p in reader.ents("Person"))


def emit_positions(reader: Reader) -> None:
    """HOLDS_POSITION for every post of every person (names after titles read first); LEADS for a lead title."""
    people = titled_names(reader)
    by_start = {p.start_char: p for p in people}
    held: list[tuple[str, Position, Sentence]] = []
    for start, positions in positions_of_people(reader, people).items():
        person_id = reader.index.id_of(by_start[start])
        if person_id is not None:
            held.extend((person_id, p, reader.sentence_at(start)) for p in positions)
    for person_id, p, evidence in held:
        if not _named_in_full_elsewhere(p, [q for other, q, _ in held if other == person_id]):
            add_position(reader, person_id, p, evidence)


def _named_in_full_elsewhere(position: Position, same_person: list[Position]) -> bool:
    """郑州大学党委副书记李兴成… 党委副书记李兴成首先致欢迎辞: a later mention writes the body by its kind only (党委,
    组织部: title_chain.toml), and nothing before it in its sentence says whose; the same person holds the same
    title at a body whose full name ends with it, and that is the post (no second one at a bare 党委)."""
    written = position.organization
    if not (is_bare_party_body(written) or is_generic_body(written)) or position.completed != written:
        return False
    return any(
        q.title == position.title and q.target != position.target and q.organization.endswith(written)
        and len(q.organization) > len(written)
        for q in same_person
    )


def add_position(reader: Reader, person_id: str, p: Position, evidence: Sentence) -> None:
    """HOLDS_POSITION for a post at an organisation (a programme's head only LEADS it); LEADS for a lead title."""
    target_type = next((e.type for e in reader.index.entities if e.id == p.target), "Organization")
    if target_type == "Organization":
        reader.sink.add(
            "HOLDS_POSITION",
            person_id,
            p.target,
            evidence,
            p.confidence,
            title=p.title,
            organization=p.organization,
            deputy=p.deputy,
        )
    if p.lead:
        reader.sink.add("LEADS", person_id, p.target, evidence, p.confidence, title=p.title, deputy=p.deputy)
