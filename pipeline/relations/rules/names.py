"""Names read after a title where the model missed or cut them (副主任衣萍, 常委陈社教、…)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline.lexicons import common_words
from cadregraph.pipeline.relations.chains import Segment, parse_chain, token_at
from cadregraph.pipeline.relations.clauses import surname_list
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
    per_starts = {t.idx for t in reader.doc if t.tag_ == "PER"}
    replaced: set[tuple[int, int]] = set()
    added: list[NameSpan] = []
    for sentence in reader.sentences:

        def boundary(j: int, sentence: Sentence = sentence) -> bool:
            return j >= sentence.end or text[j] in stops or text.startswith(after, j)

        for i in range(sentence.start + 2, sentence.end - 1):
            if (
                text[i - 1] not in head_ends
                or title_ending(text[max(sentence.start, i - windows().title_chars) : i]) is None
            ):
                continue
            # The name after the title, then the names of a 、-list it opens (常委陈社教、楼伟成、…程军才).
            listed = False
            while i < sentence.end:
                end = _read_name(reader, i, boundary, per_starts, not_last, replaced, added, listed)
                if end is None or text[end : end + 1] != "、":
                    break
                i, listed = end + 1, True
    kept = [p for p in people if (p.start_char, p.end_char) not in replaced]
    return sorted([*kept, *added], key=lambda p: p.start_char)


def _read_name(
    reader: Reader,
    i: int,
    boundary: Any,
    per_starts: set[int],
    not_last: set[str],
    replaced: set[tuple[int, int]],
    added: list[NameSpan],
    listed: bool = False,
) -> int | None:
    """The end of the name at `i` (the model's, or one read on the text and registered); None if none.
    `listed`: `i` follows a 、 of a list of names a title opened."""
    overlapping_people = [
        e for e in reader.doc_ents if e.label_ == "Person" and e.start_char <= i < e.end_char
    ]
    named_ends = {e.end_char for e in reader.doc.ents if e.label_ == "Person"} | {a.end_char for a in added}
    name = _name_at(reader, i, boundary, per_starts, not_last, listed, named_ends)
    if name is None and listed:
        name = _dotted_name_at(reader, i)
    if name is None:
        own = next((e for e in overlapping_people if e.start_char == i), None)
        return own.end_char if own is not None else None
    j = i + len(name)
    overlapping = [e for e in reader.doc_ents if e.start_char < j and i < e.end_char]
    if any(e.label_ != "Person" and not (e.end_char == j and e.start_char < i) for e in overlapping):
        return None
    persons = [e for e in overlapping if e.label_ == "Person"]
    if any(e.start_char != i for e in persons):
        return None
    if persons and (persons[0].end_char == j or boundary(persons[0].end_char)):
        return persons[0].end_char  # the model's own reading ends where a name may end: keep it
    if any(a.start_char == i for a in added):
        return j
    old = persons[0] if persons else None
    _register_name(reader, i, j, name, old)
    if old is not None:
        replaced.add((old.start_char, old.end_char))
    added.append(NameSpan(i, j, name))
    return j


def _name_at(
    reader: Reader,
    i: int,
    boundary: Any,
    per_starts: set[int],
    not_last: set[str],
    listed: bool = False,
    named_ends: set[int] | None = None,
) -> str | None:
    """The name at `i`, or None. Where the place says a name stands, the family-name list does not gate
    (issue 8: lists may add, never gate): a member of a 、-list a title opened (副主席…刘正东、磨长英、高枫),
    or the name after a bare title continuing a titled name (…高枫,秘书长全桂寿), when it ends at a list
    separator or at a word that follows names."""
    text = reader.text
    surnames = set(surname_list())
    double = text[i : i + 2] in surnames
    for length in (2, 3, 4):
        if length == 4 and not double:
            break
        name = text[i : i + length]
        if len(name) < length or not all(CJK.match(ch) for ch in name):
            return None
        if not boundary(i + length):
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
        ):
            return None  # 都|能得到, 包干; a one-character "verb" is often a family name (付|松柏)
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



def _opens_name_list(reader: Reader, end: int) -> bool:
    """副主席别胜学、薛康、支建华: the run after a title is the first of a list whose next item the model reads as a
    name (list items are alike), even when the model tags its first character otherwise (别/d)."""
    after = end + 1
    return reader.text[end:after] == "、" and any(
        e.start_char == after and e.label_ == "Person" for e in reader.doc.ents
    )


_DOTTED_NAME = re.compile(rf"[{HAN}]{{1,6}}(?:·[{HAN}]{{1,8}}){{1,3}}")


def _dotted_name_at(reader: Reader, i: int) -> str | None:
    """帕巴拉·格列朗杰, 阿不来提·阿不都热西提: a transcribed name written with ·, read whole as a member of a
    title's 、-list when it ends at a list separator (the model cuts or drops such names)."""
    m = _DOTTED_NAME.match(reader.text, i)
    ends = set(patterns().names_after_titles.list_name_ends)
    if m is None or reader.text[m.end() : m.end() + 1] not in ends:
        return None
    return m.group(0)


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


def _register_name(reader: Reader, start: int, end: int, name: str, old: DocSpan | None) -> None:
    """The entity of a name read after a title, with its mention; a cut or overlong reading of the model
    (陈社 for 陈社教) gives its mention up, and disappears when it had no other."""
    index, ctx = reader.index, reader.ctx
    key = index.ensure("Person", name)
    entity = next(e for e in index.entities if e.id == key)
    mention = ctx.span(start, end)
    if all((m.start, m.end) != (mention.start, mention.end) for m in entity.mentions):
        entity.mentions.append(mention)
    index.span_ids[(start, end)] = key
    if old is None:
        return
    old_key = index.id_of(old)
    index.span_ids[(old.start_char, old.end_char)] = key
    previous = next((e for e in index.entities if e.id == old_key), None)
    if previous is None or previous.id == key:
        return
    gone = ctx.span(old.start_char, old.end_char)
    previous.mentions = [m for m in previous.mentions if (m.start, m.end) != (gone.start, gone.end)]
    if not previous.mentions:
        index.entities.remove(previous)
        index.by_name = {k: v for k, v in index.by_name.items() if v != previous.id}
        for span, value in list(index.span_ids.items()):
            if value == previous.id:
                index.span_ids[span] = key
