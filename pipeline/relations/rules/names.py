"""Names read after a title where the model missed or cut them (副主任衣萍, 常委陈社教、…)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline import tokens as doc_tokens
from cadregraph.pipeline.backends import NAME_WORD_TAGS
from cadregraph.pipeline.lexicons import common_words
from cadregraph.pipeline.relations.chains import Segment, parse_chain, token_at
from cadregraph.pipeline.relations.clauses import surname_set
from cadregraph.pipeline.relations.document import CJK, Reader, Sentence
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.relations.tiers import windows
from cadregraph.pipeline.title_chain import (
    chain_grammar,
    title_ending,
    title_table,
)
from cadregraph.schemas.text_units import HAN


@dataclass(frozen=True)
class NameSpan:
    """A name read after a title where the model missed or cut it; stands in for a Person DocSpan."""

    start_char: int
    end_char: int
    text: str
    label_: str = "Person"


def titled_names(reader: Reader) -> list[Any]:
    """The people of the document with the names right after a title read on the text (副主任衣萍,
    常委陈社教、, 市长王勇安排…): the model drops names whose family name is not in our list, cuts
    three-character names and runs names into the next verb. A name here is two or three characters
    (four after a two-character family name) that open with a family name or with a token the model tagged
    PER, and end at punctuation or before a word that follows names (出席, 主持, 安排, 等…). Entities are
    added or renamed in the index, with their mention."""
    conf = patterns().names_after_titles
    after = tuple(sorted(conf.after_name, key=lambda w: (-len(w), w)))
    stops = set(conf.stop_chars)
    not_last = set(conf.not_last_chars)
    text, people = reader.text, reader.ents("Person")
    head_ends = {h[-1] for h in title_table()}
    per_starts = reader.person_tag_starts
    replaced: set[tuple[int, int]] = set()
    added: list[NameSpan] = []
    remark = re.compile(patterns().chains.name_list_remark)
    for sentence in reader.sentences:

        def boundary(j: int, sentence: Sentence = sentence) -> bool:
            return j >= sentence.end or text[j] in stops or text.startswith(after, j)

        for i in range(sentence.start + 2, sentence.end - 1):
            colon = _colon_list_opens(reader, sentence, i)
            if not colon and (
                text[i - 1] not in head_ends
                or title_ending(text[max(sentence.start, i - windows().title_chars) : i]) is None
                or _title_runs_on(text, i, sentence.start)
            ):
                continue
            # The name after the title, then the names of a 、-list it opens (常委陈社教、楼伟成、…程军才); a list a
            # title opened before a colon (出任行政会委员的11人分别是:陈海帆(女)、…、马有礼、…) is read as one from its start.
            listed = colon
            while i < sentence.end:
                end = _read_name(reader, i, boundary, per_starts, not_last, replaced, added, listed)
                noted = remark.match(text, end) if end is not None and colon else None
                end = noted.end() if noted else end
                if end is None or text[end : end + 1] != "、":
                    break
                i, listed = end + 1, True
    kept = [p for p in people if (p.start_char, p.end_char) not in replaced]
    return sorted([*kept, *added], key=lambda p: p.start_char)


def _title_runs_on(text: str, i: int, start: int) -> bool:
    """秘书|长魏民: a title that ends at `i` (秘书) inside a longer one that runs past it (秘书长) ends nothing there;
    the name stands after the longer title."""
    return any(
        text[s:e] in title_table() for e in (i + 1, i + 2) for s in range(max(start, e - _LONGEST_TITLE), i)
    )


_LONGEST_TITLE = 6  # characters of the longest title the run-on check tries (常务副秘书长)


def _colon_list_opens(reader: Reader, sentence: Sentence, i: int) -> bool:
    """A list of names opens at `i`, after a colon that a title chain stands before (patterns.toml colon_list_intro:
    受邀将出任行政会委员的11人分别是:|陈海帆(女)、…), as the colon lists of rules/positions.py read it."""
    text = reader.text
    if text[i - 1] not in ":：":
        return False
    intro = re.compile(patterns().chains.colon_list_intro).search(text, sentence.start, i)
    if intro is None or intro.end() != i or intro.start() <= sentence.start:
        return False
    return bool(parse_chain(reader, intro.start(), sentence.start))


def list_member_at(reader: Reader, i: int, register: bool = True) -> NameSpan | None:
    """A name of a 、-list that a verb opened (选举黄道伟、李康、…、磨长英、…为…副主席: the model drops 磨长英,
    cuts 万鄂湘 to 万鄂) read on the text as a title's list member is (a name ending at a list separator),
    registered (when `register`: once the list is known to be an item's) as an entity with its mention;
    None when none stands at `i` or the model has it whole."""
    conf = patterns().names_after_titles
    text, sentence = reader.text, reader.sentence_at(i)
    stops = set(conf.stop_chars)

    def boundary(j: int) -> bool:
        return j >= sentence.end or text[j] in stops

    if any(e.label_ == "Person" and e.start_char < i < e.end_char for e in reader.doc_ents):
        return None
    per_starts = reader.person_tag_starts
    added: list[NameSpan] = []
    not_last = set(conf.not_last_chars)
    end = _read_name(
        reader, i, boundary, per_starts, not_last, set(), added, listed=True, supersede=True, register=register
    )
    if added:
        return added[0]
    if end is not None:
        return NameSpan(i, end, text[i:end])
    return _cut_member_at(reader, i, register)


def _cut_member_at(reader: Reader, i: int, register: bool) -> NameSpan | None:
    """向巴平措 (the model reads 巴平措), 艾力更‧依明巴海 (艾力 and 巴海): a list member, up to four characters
    or a dotted name, ending at a list separator, inside which the model read a shorter name; read whole,
    the model's pieces give their mentions up."""
    text = reader.text
    ends = set(patterns().names_after_titles.list_name_ends)
    dotted = _DOTTED_NAME.match(text, i)
    j = dotted.end() if dotted is not None else i
    while dotted is None and j < len(text) and j - i < 4 and CJK.match(text[j]):
        j += 1
    if j - i < 2 or text[j : j + 1] not in ends:
        return None
    name = text[i:j]
    pieces = [e for e in reader.doc_ents if e.start_char < j and i < e.end_char]
    if not pieces or any(e.label_ != "Person" or e.start_char < i or e.end_char > j for e in pieces):
        return None
    if name in common_words() or (pieces[0].start_char, pieces[0].end_char) == (i, j):
        return None
    for piece in pieces if register else []:
        register_name(reader, i, j, name, piece)
    return NameSpan(i, j, name)


def framed_name_at(reader: Reader, start: int, end: int) -> NameSpan | None:
    """The name a notice's frame puts at [start, end) — between an object verb and 为 (选举肖友才为…,
    补选斯朗尼玛为…) — where the model cut it (肖友) or labelled it otherwise (斯朗尼玛 as an organisation):
    2 to 4 characters, words the model reads as names, places, organisations or nouns, not a common word,
    a title or a body's head (人选, 县委); registered with its mention. None when the model has it whole."""
    text = reader.text
    name = text[start:end]
    conf = patterns().names_after_titles
    if not _plausible_name(name) or name[-1] in set(conf.not_last_chars):
        return None
    tokens = doc_tokens.tokens_overlapping(reader.doc, start, end)
    overlapping = [e for e in reader.doc_ents if e.start_char < end and start < e.end_char]
    cut = any(e.label_ == "Person" and e.start_char == start for e in overlapping)  # 肖友|才 (才/d)
    if not tokens or tokens[0].idx != start:
        return None
    if tokens[-1].idx + len(tokens[-1].text) != end and not cut:
        return None  # 周明|国辞|去市: a name the model cut may end inside its word glued to the frame's verb
    if not cut and any(t.tag_ not in NAME_WORD_TAGS for t in tokens):
        return None
    if any(e.start_char < start or e.end_char > end for e in overlapping) or len(overlapping) > 1:
        return None
    old = overlapping[0] if overlapping else None
    if old is not None and old.label_ == "Person" and (old.start_char, old.end_char) == (start, end):
        return None
    register_name(reader, start, end, name, old)
    return NameSpan(start, end, name)


def glued_name_at(reader: Reader, opener: int, start: int) -> NameSpan | None:
    """任命|方卫春: the model read the word at [opener, start) (a notice's verb) and the name after it as one
    name (任命方卫春). The name is the rest of that reading, 2 to 4 characters, not a common word or a title;
    registered with its mention (the glued reading gives it up). None when no reading runs over `start`."""
    glued = next(
        (e for e in reader.doc_ents if e.label_ == "Person" and e.start_char == opener and start < e.end_char),
        None,
    )
    if glued is None:
        return None
    return _reread_name(reader, start, glued.end_char, glued)


def name_before_verb_at(reader: Reader, person: DocSpan, verb_start: int) -> NameSpan | None:
    """刘程|任副组长: the model read the name and the first character(s) of the verb after it as one name (刘程任,
    夏林茂当|选为). The name is the reading up to `verb_start`, 2 to 4 characters, not a common word or a title;
    registered with its mention (the glued reading gives it up)."""
    return _reread_name(reader, person.start_char, verb_start, person)


def _plausible_name(name: str) -> bool:
    """2 to 4 Han characters, not a common word or a title: what a name read again on the text must be."""
    if not 2 <= len(name) <= 4 or not all(CJK.match(ch) for ch in name):
        return False
    return name not in common_words() and name not in title_table()


def _reread_name(reader: Reader, start: int, end: int, old: DocSpan) -> NameSpan | None:
    """The name at [start, end), read where the model's reading `old` ran past it, registered with its
    mention (the old reading gives it up); None when it is no plausible name."""
    name = reader.text[start:end]
    if not _plausible_name(name):
        return None
    register_name(reader, start, end, name, old)
    return NameSpan(start, end, name)


def _read_name(
    reader: Reader,
    i: int,
    boundary: Any,
    per_starts: frozenset[int],
    not_last: set[str],
    replaced: set[tuple[int, int]],
    added: list[NameSpan],
    listed: bool = False,
    supersede: bool = False,
    register: bool = True,
) -> int | None:
    """The end of the name at `i` (the model's, or one read on the text and registered); None if none.
    `listed`: `i` follows a 、 of a list of names a title opened. `supersede`: an ent of another label
    lying inside the name (磨|长英: a place) gives its mention up to it."""
    overlapping_people = [
        e for e in reader.doc_ents if e.label_ == "Person" and e.start_char <= i < e.end_char
    ]
    named_ends = {e.end_char for e in reader.doc_ents if e.label_ == "Person"} | {a.end_char for a in added}
    name = _name_at(reader, i, boundary, per_starts, not_last, listed, named_ends)
    if name is None:
        name = _dotted_name_at(reader, i, boundary, listed)
    if name is None:
        own = next((e for e in overlapping_people if e.start_char == i), None)
        return own.end_char if own is not None else None
    j = i + len(name)
    overlapping = [e for e in reader.doc_ents if e.start_char < j and i < e.end_char]
    dotted = any(dot in name for dot in NAME_DOTS)
    if dotted and (_pieces_inside(overlapping, i, j) or (not listed and _people_within(overlapping, i, j))):
        # 主任赛力克·哈布肯 (the model reads 赛力克 and 哈布肯): the pieces give their mentions up to the whole name
        for piece in overlapping if register else []:
            register_name(reader, i, j, name, piece)
        replaced.update((e.start_char, e.end_char) for e in overlapping)
        added.append(NameSpan(i, j, name))
        return j
    inside = [e for e in overlapping if i <= e.start_char and e.end_char <= j and (e.start_char, e.end_char) != (i, j)]
    # 副主任…尼玛卓玛、鸟成云、吴海昆: a list member the model read without its first character (成云) is read whole;
    # so is a name right after a title that ends before a word that follows names, whose tail the model read as a
    # place (政法委书记成|广平/LOC 出席: the county 广平 inside the name), or that the model opened as a name and
    # that ends where a name may (党委书记任/PER 海航/ORG 等出席: the company 海航 inside the name)
    # or that ends at a list item's end (主任戴/v 长江/LOC 及: the river 长江 inside the name)
    closed = (
        listed
        or supersede
        or _before_name_follower(reader.text, j)
        or reader.text[j : j + 1] in _ITEM_ENDS
        or (i in per_starts and boundary(j))
    )
    if not (closed and len(inside) == 1 and (inside[0].label_ != "Person" or inside[0].start_char > i)):
        inside = []
    if any(
        e.label_ != "Person" and not (e.end_char == j and e.start_char < i) and e not in inside
        for e in overlapping
    ):
        return None
    persons = [e for e in overlapping if e.label_ == "Person" and e not in inside]
    if any(e.start_char != i for e in persons):
        return None
    ran_on = bool(persons) and reader.text[j : persons[0].end_char] in patterns().names_after_titles.run_on_words
    cut = persons and _item_runs_on(reader.text, i, persons[0].end_char - i, name[:2] in surname_set())
    if persons and not ran_on and (persons[0].end_char == j or (boundary(persons[0].end_char) and not cut)):
        return persons[0].end_char  # the model's own reading ends where a name may end: keep it
    # 科长荆一|说: the model's reading runs into a word that follows names (run_on_words): the name ends before it
    if any(a.start_char == i for a in added):
        return j
    old = persons[0] if persons else next(iter(inside), None)
    if register:
        register_name(reader, i, j, name, old)
    if old is not None:
        replaced.add((old.start_char, old.end_char))
    added.append(NameSpan(i, j, name))
    return j


def _before_name_follower(text: str, j: int) -> bool:
    """A word that follows names (patterns.toml after_name, two characters or more: 出席, 主持, 讲话) starts at `j`."""
    return any(len(w) > 1 and text.startswith(w, j) for w in patterns().names_after_titles.after_name)


def _name_at(
    reader: Reader,
    i: int,
    boundary: Any,
    per_starts: frozenset[int],
    not_last: set[str],
    listed: bool = False,
    named_ends: set[int] | None = None,
) -> str | None:
    """The name at `i`, or None. Where the place says a name stands, the family-name list does not gate
    (issue 8: lists may add, never gate): a member of a 、-list a title opened (副主席…刘正东、磨长英、高枫),
    or the name after a bare title continuing a titled name (…高枫,秘书长全桂寿), when it ends at a list
    separator or at a word that follows names."""
    text = reader.text
    surnames = surname_set()
    double = text[i : i + 2] in surnames
    for length in (2, 3, 4):
        if length == 4 and not double:
            break
        name = text[i : i + length]
        if len(name) < length or not all(CJK.match(ch) for ch in name):
            return None
        if not boundary(i + length) or _item_runs_on(text, i, length, double):
            continue
        if name in common_words() or name[-1] in not_last or name in title_table():
            return None
        if i in per_starts or _opens_name_list(reader, i + length):
            return name  # the model read a name here (or right after it); only our family-name list dropped it
        first = token_at(reader, i)
        tags = set(patterns().names_after_titles.not_first_tags)
        if (
            first is not None
            and first.idx == i
            and first.tag_ in tags
            and not (first.tag_ == "v" and len(first.text) == 1)
            and not _preposition_surname(reader, first, i + length)
        ):
            return None  # 都|能得到, 包干; a one-character "verb" is often a family name (付|松柏)
        if first is not None and first.idx == i and first.text == name and first.tag_ in _COMMON_NOUN_TAGS:
            return None  # “两委”成员|后备库/n: one common noun of the model's, written whole, is no name it missed
        sentence = reader.sentence_at(i)
        segments = parse_chain(reader, i, sentence.start)
        if _name_by_place(reader, i, length, listed, segments, named_ends or set()):
            return name
        if not (name[0] in surnames or double):
            return None
        # Without the model's word for it, a name is read only after a title of a named body.
        if any(seg.org_written or title_table()[seg.base].implied for seg in segments):
            return name
        return None
    return None



def _preposition_surname(reader: Reader, first: Any, end: int) -> bool:
    """于|水 (于/p 水/n) after a title: a family name the model tagged as a preposition opens the name when the rest
    of it is a PER token or one-character tokens (patterns.toml preposition_surname_rest_tags), no word of the
    model's (向|记者, 于|近日, 于|会上); or when one two-character word that is no common noun closes it right
    before a list's joiner (检察长于|占发/v|及: a preposition's phrase is not followed by 、, 及 or 和, a list
    member is)."""
    if first.tag_ != "p" or len(first.text) != 1 or first.text not in surname_set():
        return False
    allowed = set(patterns().names_after_titles.preposition_surname_rest_tags)
    rest = [t for t in reader.doc if first.idx < t.idx < end]
    if not rest or rest[-1].idx + len(rest[-1].text) != end:
        return False
    if len(rest) == 1 and len(rest[0].text) == 2 and reader.text[end : end + 1] in _LIST_JOINERS:
        return rest[0].tag_ not in _NOT_NAME_WORD_TAGS
    return all(t.tag_ in allowed and (t.tag_ == "PER" or len(t.text) == 1) for t in rest)


# Tags of a word that is not a name's given part, even before a list's joiner: punctuation, numbers, times,
# places, bodies and common nouns (于|会议|及…: at the meeting).
_NOT_NAME_WORD_TAGS = frozenset({"w", "m", "q", "TIME", "LOC", "ORG", "n", "vn"})
_LIST_JOINERS = frozenset("、及和")
# Characters that end a list's item of names for sure (和 also ends words and opens given names: 洪礼和).
_ITEM_ENDS = frozenset("、及")


# The model's tags of a common noun: a run it read as one such word is not a name (names are PER, or pieces).
_COMMON_NOUN_TAGS = frozenset({"n", "vn", "nz"})


def _item_runs_on(text: str, i: int, length: int, double: bool) -> bool:
    """副主任王旺来、施爱枝: a name that would end before a one-character word that follows names (来, 和, 正)
    while its list item runs on to a 、 within a name's length is cut; the item is the name (a verb or
    conjunction is not followed by a list separator)."""
    if text[i + length : i + length + 1] in patterns().names_after_titles.stop_chars:
        return False
    longest = 4 if double else 3
    for end in range(i + length + 1, i + longest + 1):
        if end >= len(text) or not CJK.match(text[end - 1]):
            return False
        if text[end : end + 1] == "、":
            return True
    return False


def _people_within(overlapping: list[Any], i: int, j: int) -> bool:
    """The model's readings over [i, j), if any, are names inside it (检察长吾|提|库尔•阿不|都…: pieces of one
    transcribed name, none opening it)."""
    return all(e.label_ == "Person" and i <= e.start_char and e.end_char <= j for e in overlapping)


def _pieces_inside(overlapping: list[Any], i: int, j: int) -> bool:
    """The model's readings over [i, j) are names, each inside it, the first opening it and none the whole."""
    return (
        bool(overlapping)
        and all(e.label_ == "Person" and i <= e.start_char and e.end_char <= j for e in overlapping)
        and min(e.start_char for e in overlapping) == i
        and all((e.start_char, e.end_char) != (i, j) for e in overlapping)
    )


def _opens_name_list(reader: Reader, end: int) -> bool:
    """副主席别胜学、薛康、支建华: the run after a title is the first of a list whose next item the model reads as a
    name (list items are alike), even when the model tags its first character otherwise (别/d)."""
    after = end + 1
    return reader.text[end:after] == "、" and any(
        e.start_char == after and e.label_ == "Person" for e in reader.doc_ents
    )


# The dot between the parts of a transcribed name, as pages write it (·, ‧ hyphenation point, • bullet, ・).
NAME_DOTS = "·‧•・"
_DOTTED_NAME = re.compile(rf"[{HAN}]{{1,6}}(?:[{NAME_DOTS}][{HAN}]{{1,8}}){{1,3}}")


def _dotted_name_at(reader: Reader, i: int, boundary: Any, listed: bool) -> str | None:
    """帕巴拉·格列朗杰, 阿不来提·阿不都热西提: a transcribed name written with ·, read whole as a member of a
    title's 、-list when it ends at a list separator (the model cuts or drops such names); right after a title
    (主任赛力克·哈布肯为…), where the model read the parts on both sides of the dot as names, when the second
    ends where a name may end."""
    m = _DOTTED_NAME.match(reader.text, i)
    if m is None:
        return None
    ends = set(patterns().names_after_titles.list_name_ends)
    if reader.text[m.end() : m.end() + 1] in ends and listed:
        return m.group(0)
    first = next((e for e in reader.doc_ents if e.label_ == "Person" and e.start_char == i), None)
    if first is not None and first.end_char < m.end() and _dotted_whole(first.text):
        return None  # 市长丹尼尔·哈杜埃/PER 举行工作会谈: the model read the name with its dot; the pattern runs on
    if first is None or first.end_char < m.end() and reader.text[first.end_char] not in NAME_DOTS:
        return _dotted_before_reporting_verb(reader.text, i, m)  # 吾|提|库尔•阿不, 吐尔|买买提·马提
    if first.end_char >= m.end():
        return None
    # the last part ends where the model's reading of it ends (哈布肯|为代表团…: the pattern alone runs on)
    last = next(
        (e for e in reader.doc_ents if e.label_ == "Person" and e.start_char == first.end_char + 1), None
    )
    if last is None or last.end_char > m.end() or not boundary(last.end_char):
        return None
    return reader.text[i : last.end_char]


def _dotted_whole(name: str) -> bool:
    """A transcribed name with a part on each side of a dot (丹尼尔·哈杜埃), not one ending at its dot."""
    return any(0 < name.find(d) < len(name) - 1 for d in NAME_DOTS)


def _dotted_before_reporting_verb(text: str, i: int, m: re.Match[str]) -> str | None:
    """检察长吾提库尔•阿不都热合曼说 (zze01), 常务副主任吐尔买买提·马提 (zt01): right after a title, a transcribed name
    the model cut elsewhere than at its dot (检察长吾/v 提/PER 库尔•阿不/PER 都/d) is read whole when its last part,
    two characters or more, ends right before a reporting verb (patterns.toml run_on_words: 说, 表示, 介绍…),
    punctuation or the line's end."""
    conf = patterns().names_after_titles
    last_dot = max(text.rfind(d, i, m.end()) for d in NAME_DOTS)
    stops = set(conf.stop_chars)
    for end in range(last_dot + 3, m.end() + 1):
        if end == len(text) or text[end] in stops or text.startswith(tuple(conf.run_on_words), end):
            return text[i:end]
    return None


def _name_by_place(
    reader: Reader, i: int, length: int, listed: bool, segments: list[Segment], named_ends: set[int]
) -> bool:
    """The list member or the continuing chain of _name_at, 2–3 characters. A list member must end at a
    list separator or sentence punctuation (not merely before a verb: 各界代表出席); the name after a bare
    title that continues a titled name (…高枫,秘书长全桂寿出席) may end wherever _name_at lets a name end."""
    conf = patterns().names_after_titles
    text = reader.text
    if not 2 <= length <= 3:
        return False
    if listed:
        return text[i + length : i + length + 1] in set(conf.list_name_ends)
    separators = set(chain_grammar().separators)
    if not segments or any(seg.org_written for seg in segments):
        return False
    opening = segments[0].start
    return opening > 0 and text[opening - 1] in separators and opening - 1 in named_ends


def register_name(reader: Reader, start: int, end: int, name: str, old: DocSpan | None) -> None:
    """The entity of a name read after a title, with its mention; a cut or overlong reading of the model
    (陈社 for 陈社教) gives its mention up, and disappears when it had no other."""
    index, ctx = reader.index, reader.ctx
    old_key = index.id_of(old) if old is not None else None  # before the span is given to the name
    key = index.ensure("Person", name)
    entity = next(e for e in index.entities if e.id == key)
    mention = ctx.span(start, end)
    if all((m.start, m.end) != (mention.start, mention.end) for m in entity.mentions):
        entity.mentions.append(mention)
    index.span_ids[(start, end)] = key
    if old is None:
        return
    index.span_ids[(old.start_char, old.end_char)] = key
    previous = next((e for e in index.entities if e.id == old_key), None)
    if previous is None or previous.id == key:
        return
    gone = ctx.span(old.start_char, old.end_char)
    previous.mentions = [m for m in previous.mentions if (m.start, m.end) != (gone.start, gone.end)]
    if not previous.mentions:
        index.entities.remove(previous)
        reader.sink.repoint(previous.id, key if previous.type == entity.type else None)
        index.by_name = {k: v for k, v in index.by_name.items() if v != previous.id}
        for span, value in list(index.span_ids.items()):
            if value == previous.id:
                index.span_ids[span] = key
