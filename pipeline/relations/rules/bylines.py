"""AUTHORED: bylines, photo credits and signatures."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline.relations.clauses import surname_start
from cadregraph.pipeline.relations.document import CJK, Reader, line_at
from cadregraph.pipeline.relations.patterns import Bylines, patterns
from cadregraph.pipeline.relations.tiers import tiers, windows
from cadregraph.schemas.text_units import HAN, SENTENCE_ENDS


def emit_bylines(reader: Reader) -> None:
    """■记者 李雨婷 通讯员 汪洵 摄影 王强; 本报讯(记者高轶鹏 通讯员张旭); 编辑/翁辰辰; 冯玉坤 摄; ■胡佳英.

    Read on the text, not only on the model's names: bylines are where NER fails most (王 强 split by a
    stray space, 郭喜地 cut to 郭喜 before a bracket), and the role word fixes where a name starts and ends."""
    conf = patterns().bylines
    spaced = _spaced_in_original(reader)
    roles: dict[str, str] = conf.roles
    role_alt = "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True))
    markers = "".join(conf.markers)
    joiner = _joiner_class(conf)
    outlet = "|".join(re.escape(o) for o in sorted(conf.outlet_endings, key=len, reverse=True))
    # (河北日报记者李文亮): an outlet's name between the bracket and the role.
    outlet_run = rf"(?:(?<=[(（])[{HAN}]{{1,{conf.max_outlet_chars}}}?(?:{outlet}))"
    # A one-character role (文, 图) opens a byline only with its joiner or a space: 文章来源 is no byline.
    long_roles = "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True) if len(r) > 1)
    short_roles = "|".join(re.escape(r) for r in roles if len(r) == 1) or "(?!)"
    role_then_name = (
        rf"(?:({long_roles}){joiner}?|({short_roles})(?={joiner}|[ 　])){joiner}?[ 　]*(?=[{HAN}])"
    )
    opener = re.compile(rf"(?:^|(?<=[\n{markers}(（ 　])|{outlet_run}){role_then_name}", re.M)
    # 时间:2020/8/19 6:38:25    作者:通讯员 杨旭 潘仁健 (normalised: …6:38:25作者:通讯员杨旭潘仁健): a role the
    # original writes after a space opens a byline as one after a line start does.
    anywhere = re.compile(role_then_name)
    text = reader.text
    opened = list(opener.finditer(text))
    roles_at = {m.start(1) if m.group(1) else m.start(2) for m in opened}
    opened += [
        m for m in anywhere.finditer(text) if m.start() not in roles_at and _space_before(reader, m.start())
    ]
    for m in opened:
        role_word = m.group(1) or m.group(2)
        for start, end, role in _byline_names(
            text, m.end(), roles[role_word], roles, role_alt, joiner, spaced
        ):
            credit(reader, start, end, role)
    for start, end in [*_bracket_signature(text, conf, spaced), *_dateline_bracket(text, conf, spaced)]:
        credit(reader, start, end, conf.bracket_signature_role)
    for person in reader.ents("Person"):
        trailing = _trailing_or_signature(text, person, conf, set(conf.markers))
        if trailing is not None:
            credit(reader, person.start_char, person.end_char, trailing)


_NAME_RUN = re.compile(rf"[{HAN}·]+")


def _joiner_class(conf: Bylines) -> str:
    """The characters written between a role and its name, as one regex class."""
    return "[" + "".join(re.escape(j) for j in conf.role_name_joiners) + "]"


_SIGNATURE = re.compile(rf"[(（]([{HAN}][{HAN} 　]{{1,14}})[)）][ 　]*$", re.M)


def _bracket_signature(text: str, conf: Bylines, spaced: Pieces | None = None) -> list[tuple[int, int]]:
    """…参加了民主协商会。(镇组轩 栾继业): a bracket ending a paragraph after its last sentence, holding only
    names apart by spaces (in the original: ingest joins running text), signs the piece. Every piece must read
    as a name, or nothing is credited."""
    out: list[tuple[int, int]] = []
    for m in _SIGNATURE.finditer(text):
        before = text[: m.start()].rstrip(" 　")
        if before and before[-1] not in SENTENCE_ENDS + "”" and before[-1] != "\n":
            continue
        out.extend(_names_only(text, m.start(1), m.end(1), conf, spaced))
    return out


def _names_only(
    text: str, start: int, end: int, conf: Bylines, spaced: Pieces | None = None
) -> list[tuple[int, int]]:
    """The names of text[start:end] when it holds nothing else (each piece a family name and 1-3 more
    characters; a run too long for one name split where the original writes a space); else []."""
    pieces = _join_split_names(text, [(p.start(), p.end()) for p in _NAME_RUN.finditer(text, start, end)])
    pieces = _without_credit(text, pieces)
    if spaced is not None:
        pieces = [part for s, e in pieces for part in (spaced(s, e) if e - s > 4 else [(s, e)])]
    while len(pieces) > 1 and _names_a_division(text[pieces[-1][0] : pieces[-1][1]]):
        pieces = pieces[:-1]  # (袁祖星 大华镇): the signer's town after the name is no name
    if not 1 <= len(pieces) <= conf.bracket_signature_max_names:
        return []
    names = ["".join(text[s:e].split()) for s, e in pieces]
    if any(_names_a_body(n) for n in names):
        return []  # 会议结束。(宣传部 组织部): the departments that sign a notice are no authors
    if all(2 <= len(n) <= 4 and surname_start(n) and n not in conf.roles for n in names):
        return pieces
    if _names_apart(names, conf):
        return pieces
    return []


def _without_credit(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(记者 刘明 摄), (徐诗乾 摄): the credit word after a name (patterns.toml trailing_roles) is no part of it;
    ingest joins running text, so the run reads 刘明摄. A piece that is the credit word alone is dropped."""
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        word = next((w for w in patterns().bylines.trailing_roles if text[s:e].endswith(w)), "")
        if word and e - s - len(word) < 2:
            continue
        out.append((s, e - len(word)))
    return out


def _names_a_body(piece: str) -> bool:
    """宣传部, 办公室: a piece ending in an organisation's ending (org_suffixes.txt) names a body, not a person."""
    from cadregraph.pipeline.lexicons import longest_suffix, word_list

    return longest_suffix(piece, word_list("org_suffixes.txt")) is not None


def _names_an_outlet(piece: str) -> bool:
    """吉林日报, 青海新闻网: a piece ending in a news outlet's head word (media_heads.txt, not a document's) names the
    paper, not a person."""
    from cadregraph.pipeline.lexicons import longest_suffix, word_table

    heads = word_table("media_heads.txt")
    head = longest_suffix(piece, tuple(sorted(heads, key=len, reverse=True)))
    return head is not None and len(piece) > len(head) and heads[head] != "not"


def _names_a_division(piece: str) -> bool:
    """大华镇, 枫桥镇: a piece ending in a division's level word (division_levels.txt) names a place."""
    from cadregraph.pipeline.lexicons import longest_suffix, word_list

    return len(piece) > 2 and longest_suffix(piece, word_list("division_levels.txt")) is not None


def _names_apart(names: list[str], conf: Bylines) -> bool:
    """(镇组轩 栾继业) (a07): two or more pieces the original writes apart, each of three characters and no common
    word or role, one opening with a listed family name: the others are names too, their family name (镇) unlisted.
    Lists add, never gate."""
    from cadregraph.pipeline.lexicons import common_words

    return (
        len(names) >= 2
        and all(len(n) == conf.bracketed_name_chars and n not in common_words() and n not in conf.roles for n in names)
        and any(surname_start(n) for n in names)
    )


_DATELINE_BRACKET = re.compile(rf"[(（]([{HAN}][{HAN} 　]{{1,14}})[)）]")


def _dateline_bracket(text: str, conf: Bylines, spaced: Pieces) -> list[tuple[int, int]]:
    """宁夏人大网讯(南海生)为改进人大工作…, 福鼎新闻网讯(汪斯敏)7月21日…: a bracket right after a dateline's
    讯 or 电 (patterns.toml dateline_endings) holding only names signs the piece, without a role word."""
    out: list[tuple[int, int]] = []
    for m in _DATELINE_BRACKET.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in conf.dateline_endings:
            out.extend(_names_only(text, m.start(1), m.end(1), conf, spaced))
    return out


Pieces = Callable[[int, int], list[tuple[int, int]]]


def _space_before(reader: Reader, char: int) -> bool:
    """The original writes whitespace right before text[char] (normalisation may have dropped it)."""
    return char > 0 and any(c.isspace() for c in reader.ctx.span(char - 1, char + 1).text[1:-1])


def _spaced_in_original(reader: Reader) -> Pieces:
    """The parts of text[start:end] the original writes apart by spaces (normalisation joins CJK words in
    running text: 本报乌鲁木齐8月12日电 (记者苏宁 盛若蔚) reads 记者苏宁盛若蔚); the whole when it writes none."""

    def pieces(start: int, end: int) -> list[tuple[int, int]]:
        lengths = [len(part) for part in reader.ctx.span(start, end).text.split()]
        if sum(lengths) != end - start:
            return [(start, end)]  # a replacement that is not one character for one: no split
        out, at = [], start
        for length in lengths:
            out.append((at, at + length))
            at += length
        return out

    return pieces


def _byline_names(
    text: str,
    pos: int,
    role: str,
    roles: dict[str, str],
    role_alt: str,
    joiner: str = "[/:：]",
    spaced: Pieces | None = None,
) -> list[tuple[int, int, str]]:
    """The names after a byline role, role by role (记者高轶鹏通讯员郭喜地): up to a bracket or a non-name;
    a next line holding only a name continues the byline (■摄影 王 强 陈明远 / 徐冰艳). A run too long for
    one name is the names the original writes apart (`spaced`), when each of them reads as a name."""
    names: list[tuple[int, int, str]] = []
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    # A one-character role (文, 图) inside a byline is a role only with its joiner: 李文亮 is one name.
    long_roles = "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True) if len(r) > 1)
    short_roles = "|".join(re.escape(r) for r in roles if len(r) == 1) or "(?!)"
    stop = re.compile(rf"(?:({long_roles}){joiner}?|({short_roles}){joiner})[ 　]*|[)）(（/:：,，。|｜]")
    while pos < line_end:
        cut = stop.search(text, pos, line_end)
        segment_end = cut.start() if cut else line_end
        pieces = _join_split_names(
            text, [(m.start(), m.end()) for m in _NAME_RUN.finditer(text, pos, segment_end)]
        )
        for start, end in _without_credit(text, pieces):
            parts = spaced(start, end) if spaced is not None and end - start > 4 else [(start, end)]
            if len(parts) == 1 and end - start > 4:
                parts = _two_names(text, start, end)
            bracketed = len(pieces) == 1 and cut is not None and cut.group(0) in _CLOSING_BRACKETS
            for s, e in parts:  # the names up to the first part that is none (沈晓颜 of 沈晓颜    来源:…)
                if _names_an_outlet(text[s:e]):
                    continue  # 作者:吉林日报记者 李抑嫱: the paper its staff write for, no author
                if text[e : e + 1] in _FIELD_COLONS:
                    return names  # 作者:刘文博 查看:81: the next field's label ends the byline
                if not (2 <= e - s <= 4 and (surname_start(text[s:e]) or _bracketed_name(text, s, e, bracketed))):
                    return names
                names.append((s, e, role))
        if cut is None or (cut.group(1) or cut.group(2)) is None:
            break
        role, pos = roles[cut.group(1) or cut.group(2)], cut.end()
    else:
        cut = None
    if names and cut is None:
        nxt = re.match(
            rf"\n+([{HAN}]{{2,3}})\n", text[line_end : line_end + windows().byline_next_line_chars]
        )
        if nxt and surname_start(nxt.group(1)):
            s = line_end + nxt.start(1)
            names.append((s, s + len(nxt.group(1)), role))
    return names


_CLOSING_BRACKETS = (")", "）")
_FIELD_COLONS = (":", "：")


def _bracketed_name(text: str, start: int, end: int, bracketed: bool) -> bool:
    """本报西安11月8日电(记者原韬雄) (i03): the one run of three characters between a role and the closing bracket
    is the name the role and the bracket bound, though its family name (原) is not in the list; two characters
    there are more often a word (记者观察), and a common word is none. Lists add, never gate."""
    from cadregraph.pipeline.lexicons import common_words

    return (
        bracketed
        and end - start == patterns().bylines.bracketed_name_chars
        and text[start:end] not in common_words()
    )


def _two_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """本报讯 (记者徐飞鹏周暹): a run of five or six characters after a role, written without a space, is two
    names when exactly one cut gives two of two or three characters each opening with a family name
    (徐飞鹏|周暹, not 徐飞|鹏周暹); the whole run otherwise (it then reads as no name)."""
    cuts = [
        k
        for k in range(start + 2, end - 1)
        if k - start <= 3 and end - k <= 3 and surname_start(text[start:k]) and surname_start(text[k:end])
    ]
    return [(start, cuts[0]), (cuts[0], end)] if len(cuts) == 1 else [(start, end)]


def _join_split_names(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """王 强 → 王强: two one-character pieces split by a stray space are one name."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        s, e = pieces[i]
        if e - s == 1 and i + 1 < len(pieces) and pieces[i + 1][1] - pieces[i + 1][0] <= 2:
            out.append((s, pieces[i + 1][1]))
            i += 2
            continue
        out.append((s, e))
        i += 1
    return out


def credit(reader: Reader, start: int, end: int, role: str) -> None:
    """The person written at [start, end) AUTHORED the document as `role` (evidence: the line)."""
    text = reader.text
    name = "".join(text[start:end].split())
    ent = next((e for e in reader.ents("Person") if e.start_char == start and e.end_char == end), None)
    person_id = reader.index.id_of(ent) if ent is not None else reader.index.ensure("Person", name)
    if person_id is None:
        return
    if ent is None:  # the name is written here though the model read none: its mention (traceable, as a model name)
        mention = reader.ctx.span(start, end)
        person = next(e for e in reader.index.entities if e.id == person_id)
        if not any(m.start == mention.start for m in person.mentions):
            person.mentions.append(mention)
    reader.sink.add(
        "AUTHORED", person_id, None, line_at(text, start), tiers().written, role=role, document=reader.doc_id
    )


def _trailing_or_signature(text: str, person: DocSpan, conf: Bylines, markers: set[str]) -> str | None:
    """The role a name's credit word gives it (冯玉坤 摄 → 摄影), or the signature role for a lone name after
    ■ at the end of its line; None for neither."""
    after = text[person.end_char : person.end_char + windows().trailing_role_chars]
    for word, role in conf.trailing_roles.items():
        stripped = after.lstrip(" 　")
        if stripped.startswith(word) and (len(stripped) == len(word) or not CJK.match(stripped[len(word)])):
            return str(role)
    line_end = text.find("\n", person.end_char)
    rest = text[person.end_char : line_end if line_end >= 0 else len(text)]
    if person.start_char > 0 and text[person.start_char - 1] in markers and not rest.strip():
        return conf.signature_role
    return None
