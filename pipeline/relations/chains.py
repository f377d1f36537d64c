"""The title-chain reader: `organisation + title` segments written before a name, read right to left,
and their organisations resolved to entities (cadregraph.pipeline.title_chain knows the titles, this the Doc)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline import tokens as doc_tokens
from cadregraph.pipeline.canonical import (
    PARTY_PREFIX,
    committee_department_owner,
    level_before_term,
    party_committee_of,
    relative_owner,
)
from cadregraph.pipeline.gazetteer import gazetteer
from cadregraph.pipeline.lexicons import common_words, longest_suffix, word_list, word_table
from cadregraph.pipeline.relations.document import CJK, Reader, line_at
from cadregraph.pipeline.relations.patterns import patterns, word_set
from cadregraph.pipeline.relations.tiers import tiers, windows
from cadregraph.pipeline.title_chain import (
    AlternativeTitle,
    ChainTitle,
    TitleInfo,
    alternative_title_ending,
    before_rank_remark,
    chain_grammar,
    chain_item_title,
    complete_organisations,
    division_as_body,
    former_title,
    former_title_ending,
    government_level,
    is_bare_party_body,
    is_former_title,
    is_generic_body,
    is_placeless_department,
    open_title,
    title_ending,
    title_table,
)

BRACKETED_TAIL = re.compile(r"[(（][^()（）]{1,16}[)）]$")


BRACKETED_HEAD = re.compile(r"^[(（][^()（）]{1,8}[)）]")


@dataclass
class Segment:
    """One `organisation + title` of a chain, in normalised-text coordinates."""

    start: int
    title: str  # as written without the organisation: 副指挥长, 干部科科长, 组织部长
    base: str  # the lexicon title inside it: 指挥长, 科长, 组织部长
    org_written: str  # 市铁军打造工程指挥部, 市委, '' when none is written
    subunit: str  # 干部科 (kept in the title)
    org_ent: DocSpan | None = None  # the doc ent the organisation was written as, when there is one
    alternative: AlternativeTitle | None = None  # 常务副校(院)长: both readings of a bracket in the head


@dataclass(frozen=True)
class Position:
    """A post a chain gives a person: the title, its organisation as written and as an entity id."""

    title: str
    organization: str  # as written (or the implied department / government)
    target: str  # entity id
    deputy: bool
    lead: bool
    confidence: float
    completed: str = ""  # the organisation as the chain completes it (市委组织部), before canonicalisation


def _match_title(text: str, end: int) -> tuple[str, str] | None:
    """The title (modifiers + head, cadregraph.pipeline.title_chain) written right before `end`, and its head."""
    found = title_ending(text[max(0, end - windows().title_chars) : end])
    return (found.title, found.head) if found is not None else None


def _match_former_title(text: str, end: int) -> tuple[str, str] | None:
    """The former post written right before `end` with 原 before its title (区人大常委会原主任), and its head."""
    found = former_title(text[max(0, end - windows().title_chars) : end])
    return (found.title, found.head) if found is not None else None


def title_written_at(text: str, start: int, stop: int) -> tuple[str, str] | None:
    """The longest title (modifiers + head) written whole from `start` (副区长 after a name), ending by `stop` and
    at most windows().title_chars long; (title, head) or None."""
    for end in range(min(stop, start + windows().title_chars), start + 1, -1):
        found = title_ending(text[start:end])
        if found is not None and found.title == text[start:end]:
            return found.title, found.head
    return None


def _open_title(reader: Reader, end: int, boundary: int) -> tuple[str, str] | None:
    """The title whose head no lexicon lists, written as the model's word ending at `end` (县人民医院|护士长):
    cadregraph.pipeline.title_chain.open_title decides on the word; (title, head) or None."""
    token = token_at(reader, end - 1)
    if token is None or token.idx < boundary or token.idx + len(token.text) != end:
        return None
    before = reader.text[max(boundary, token.idx - windows().title_chars) : token.idx]
    found = open_title(token.text, token.tag_, before)
    return (found.title, found.head) if found is not None else None


def _org_start(reader: Reader, end: int) -> int:
    """Walk left from `end` over the words an organisation name is made of (nominal tokens, brackets,
    quotes, tokens inside a named ent); function words, verbs and punctuation end it, except a short
    verb-tagged piece that a place or organisation name stands before (平湖经济技术开发区经发办: 经/p 发办/v)."""
    conf = patterns().chains
    allowed, brackets = set(conf.org_token_tags), set(conf.org_bracket_chars)
    anaphors = set(conf.org_anaphors)
    limit = max(0, end - conf.max_org_chars)
    tokens = doc_tokens.tokens_overlapping(reader.doc, limit, end)

    def inside_named(tok: Any) -> bool:
        ent = reader.ent_covering(tok.idx)
        return ent is not None and ent.label_ in {"Organization", "Place", "Programme"}

    def anchor(tok: Any) -> bool:
        return tok.tag_ in doc_tokens.NAMED_TAGS or inside_named(tok)

    pos, i = end, len(tokens) - 1
    outlet = _quoted_outlet_before(reader.text, end, limit)
    if outlet is not None:
        return outlet  # 、《海丝商报》|副总编辑: the quoted name is the whole organisation
    in_bracket = False  # inside a bracket pair the walk has passed the closing bracket of
    while i >= 0 and pos > limit:
        tok = tokens[i]
        if tok.text in brackets or all(ch in brackets or ch in '“”"' for ch in tok.text):
            if tok.text.endswith("”") and _named_body_starts_at(reader, tok.idx + len(tok.text)):
                break  # “十大桥梁人物”贵州桥梁建设集团…总工程师: a quoted honour before a named body
            if any(ch in conf.close_brackets for ch in tok.text):
                in_bracket = True
            if any(ch in conf.open_brackets for ch in tok.text):
                in_bracket = False
            pos, i = tok.idx, i - 1
            continue
        if in_bracket and tok.text in conf.org_bracket_separators:
            pos, i = tok.idx, i - 1  # 市委党校(行政学院、|市社会主义学院)校(院)长: the body's other names
            continue
        ent = reader.ent_covering(tok.idx)
        if ent is not None and ent.label_ == "Person" and not place_read_as_name(reader, ent) or tok.text.isspace():
            break
        if tok.text in conf.post_openers:
            break  # 新任|副省长姜德果: the post is newly taken, no organisation is named
        if any(reader.text.startswith(a, tok.idx) and tok.idx + len(a) <= end for a in anaphors):
            pos = tok.idx  # 该村|党委书记 (or 该|村|党委书记): the anaphor opens the name
            break
        if inside_named(tok) or (tok.tag_ in allowed and tok.tag_ != "w") or _is_org_head(tok.text):
            pos, i = tok.idx, i - 1
            continue
        if (
            _misread_place(tok)
            or _misread_unit(tok)
            or _place_name_before_level(reader, tok, pos)
            or _level_before_session(reader, tok, pos)
        ):
            pos, i = tok.idx, i - 1  # 三江镇|茄苪村/v|党支部, 市委组织部|组织二科/v|科长: a name read as a verb
            continue
        if pos == end and i > 0 and _department_head_after_noun(tok, tokens[i - 1], allowed):
            pos, i = tok.idx, i - 1  # 二道岗经营|所|主任: 所 tagged a particle is the unit's head word
            continue
        # 经/p 发办/v after 平湖经济技术开发区: keep going when an anchor follows within two short words, inside
        # a unit's short name only (院党委|荣获|“…”荣誉称号院党委书记: a verb before a longer run ends a clause).
        j, ok = i, False
        while end - pos <= conf.max_unit_chars and j >= 0 and i - j < 2 and len(tokens[j].text) <= 2 and tokens[j].tag_ in {"v", "p", "vn", "d"}:
            j -= 1
            if j >= 0 and anchor(tokens[j]):
                ok = True
                break
        if not ok:
            break
        pos, i = tokens[j].idx, j - 1
    pos = max(pos, limit)
    # Never start inside a bracket pair we did not open, nor on a closing quote; nor on an opening bracket
    # that does not close before the title: (县委宣传部副部长、…主持会议) is a caption in brackets.
    while pos < end and (
        reader.text[pos] in {")", "）", "”"}
        or reader.text[pos] in {"(", "（"} and not any(c in reader.text[pos:end] for c in ")）")
    ):
        pos += 1
    pos = _after_count(reader.text, pos, end)
    pos = _after_leading_title(reader, pos, end)
    return _after_home_deixis(reader.text, pos, end, _place_word_at(reader, pos + 1))


def place_read_as_name(reader: Reader, person: Any) -> bool:
    """成县|县委书记李祥, 常山县|县长周向军 (items of a list of `place + title + name`): a Person span whose every
    word the model tagged a place or a body, written right before a title (nothing between) that the next name
    holds, is the place the title's organisation opens with, not a name; a rule read it as a list's name."""
    text = reader.text
    words = doc_tokens.tokens_overlapping(reader.doc, person.start_char, person.end_char)
    if not words or any(t.tag_ not in doc_tokens.NAMED_TAGS for t in words):
        return False
    after = next((e for e in reader.doc_ents if e.label_ == "Person" and e.start_char >= person.end_char), None)
    if after is None or after.start_char - person.end_char > windows().title_chars:
        return False
    between = text[person.end_char : after.start_char]
    return bool(between) and all(CJK.match(ch) for ch in between) and title_ending(between) is not None


def _after_count(text: str, pos: int, end: int) -> int:
    """369名|村(社区)“两委”成员, 3位|县政协副主席: a count of the holders opens no organisation's name."""
    found = _COUNT_OPENING.match(text, pos, end)
    return found.end() if found is not None and end - found.end() >= 2 else pos


def _after_leading_title(reader: Reader, pos: int, end: int) -> int:
    """現任|司長|政務司|司長張建宗: a word of the model's that is a whole title head (司长, 书记) opens no
    organisation's name; the title before it has lost its separator, and the organisation starts after it."""
    heads = title_table()
    while pos < end:
        token = token_at(reader, pos)
        if token is None or token.idx != pos or token.text not in heads:
            return pos
        after = token.idx + len(token.text)
        if end - after < 2 or reader.ent_covering(pos) is not None:
            return pos
        pos = after
    return pos


# A count of people opening the text before a title (369名, 三位): no part of an organisation.
_COUNT_OPENING = re.compile(r"[0-9０-９一二三四五六七八九十百千两]{1,5}(?:名|位)")


def _quoted_outlet_before(text: str, end: int, limit: int) -> int | None:
    """Where 《…》 ending at `end` opens, when what it quotes is a news outlet's name (lexicons/media_heads.txt:
    海丝商报, 人民日报), a newspaper or magazine whose post (副总编辑, 主编) the title after it is."""
    if not text.startswith("》", end - 1):
        return None
    opening = text.rfind("《", limit, end - 1)
    name = text[opening + 1 : end - 1] if opening >= 0 else ""
    return opening if len(name) >= 3 and _outlet_name(name) else None


def _outlet_name(name: str) -> bool:
    """海丝商报: a name ending with an outlet's head word (media_heads.txt; not 通报, 年报: marked `not`)."""
    table = word_table("media_heads.txt")
    head = longest_suffix(name, word_list("media_heads.txt"))
    return head is not None and table.get(head) != "not" and all(CJK.match(ch) for ch in name)


def _after_home_deixis(text: str, pos: int, end: int, place_follows: bool = False) -> int:
    """我市|市委书记王敏, 我区|赤峰市阿鲁科尔沁旗委书记于伟东: the level word of a first-person deixis (patterns.toml
    home_deixis: 我市, 我县, 我区) is not the organisation's first word when the name after it opens with a level
    again (市委 → the home's) or with a place the model tagged (`place_follows`: a place inside the home)."""
    levels = chain_grammar().levels
    if (
        0 < pos < end - 1
        and text[pos - 1 : pos + 1] in patterns().verbs.home_deixis
        and (text[pos + 1 : end].startswith(levels) or place_follows)
    ):
        return pos + 1
    return pos


def _place_word_at(reader: Reader, char: int) -> bool:
    """A word of the model's opens at `char` and is tagged a place (赤峰市阿鲁科尔沁/LOC)."""
    token = token_at(reader, char)
    return token is not None and token.idx == char and token.tag_ in doc_tokens.NAMED_TAGS


# Tags of words that are never a place's own name (各乡镇/r, 到村/p…): pronouns, function words, numbers.
_NOT_PLACE_TAGS = frozenset({"r", "p", "c", "u", "d", "m", "q", "w"})


def _misread_place(tok: Any) -> bool:
    """茄苪村 (tagged a verb): a word of three or more characters ending with a level or a zone word
    (title_chain.toml levels, zone_words: 村, 镇, 社区…) inside an organisation's name is a place's name
    whatever content tag the model gave it; two-character verbs (进村, 驻村) and pronouns (各乡镇) are not."""
    grammar = chain_grammar()
    return (
        len(tok.text) >= 3
        and tok.tag_ not in _NOT_PLACE_TAGS
        and all(CJK.match(ch) for ch in tok.text)
        and tok.text.endswith((*grammar.levels, *grammar.zone_words))
    )


def _place_name_before_level(reader: Reader, tok: Any, after: int) -> bool:
    """平定/v|县委常委: a word the model read as a verb (平定, "to pacify") that the level word opening the name after it
    (县委 at `after`) completes into a division the gazetteer knows (平定县) is that place's name."""
    following = reader.text[after : after + max(len(lv) for lv in chain_grammar().levels)]
    return tok.idx + len(tok.text) == after and _division_prefix(tok.text, following)


def _level_before_session(reader: Reader, tok: Any, after: int) -> bool:
    """辞去|省/v|十二届/m|人大常委会委员: canonical.level_before_term, the token ending right at `after`."""
    return tok.idx + len(tok.text) == after and level_before_term(tok.text, reader.text, after)


def _misread_unit(tok: Any) -> bool:
    """组织二科 (tagged a verb): a word of three or more characters ending with an internal unit's head
    (subunits.txt: 科, 股, 处, 室) inside an organisation's name is the unit's name whatever content tag the
    model gave it; two-character words (相处, 学科) are not read so."""
    return (
        len(tok.text) >= 3
        and tok.tag_ not in _NOT_PLACE_TAGS
        and all(CJK.match(ch) for ch in tok.text)
        and tok.text[-1] in word_set("subunits.txt")
    )


def _department_head_after_noun(tok: Any, before: Any, allowed: set[str]) -> bool:
    """A one-character department head (所, 队: departments.txt) the model tagged a particle or a verb,
    right before a title and after a word an organisation name is made of (经营所主任, 派出所所长)."""
    return (
        len(tok.text) == 1
        and tok.tag_ in {"u", "v"}
        and tok.text in word_set("departments.txt")
        and before.tag_ in allowed
        and before.tag_ != "w"
    )


def _named_body_starts_at(reader: Reader, char: int) -> bool:
    """An organisation or place the model named opens at `char` (what a closing quote before it ends)."""
    return any(e.start_char == char and e.label_ in {"Organization", "Place"} for e in reader.doc.ents)


def _is_org_head(word: str) -> bool:
    """办, 发办: a verb-tagged word that is an organisation head (LAC tags 办 as a verb)."""
    return bool(CJK.match(word[:1])) and longest_suffix(word, word_list("org_suffixes.txt")) is not None


def _names_organisation(reader: Reader, s: int, e: int, title_head: str) -> tuple[bool, DocSpan | None]:
    """(whether reader.text[s:e] names an organisation, the ent that names it): a named body (with an
    administrative prefix or its place's parents before it), a body with one of its departments, words the
    model tags as organisations, a body every place has, or a run ending in an organisation head word.
    `title_head` as in split_org."""
    piece = BRACKETED_TAIL.sub("", reader.text[s:e]).strip('“”"')
    quoted = e - 1 if e - 1 > s and reader.text[e - 1] in '”"' else e
    ent = reader.ent_ending_at(quoted, {"Organization", "Place", "Programme"})
    if ent is not None and ent.start_char >= s:
        prefix = reader.text[s : ent.start_char].strip('“"')
        if ent.start_char == s or _plausible_prefix(prefix) or _division_prefix(prefix, ent.text):
            return True, ent
        if ent.label_ == "Place" and _tiled_by_places(reader, s, ent.start_char):
            return True, ent  # 四川省德阳市|市长: the place's parents written before it (the government of 德阳市)
        before = doc_tokens.tokens_starting_in(reader.doc, s, ent.start_char)
        if before and before[-1].tag_ in {"p", "v", "c"}:
            return False, None  # 受|县委书记: a word before the named body is no part of it
    if (glued := _ent_with_modifier(reader, s, e)) is not None:
        return True, glued  # 文化和旅游部|党组书记: the model's 文化和旅游部党组 holds the title's modifier
    # 平湖服装创意服务有限公司 + 宣传推广部: a named organisation and one of its departments.
    head = next((o for o in reader.ents("Organization", s, e) if o.start_char == s), None)
    tail = reader.text[head.end_char : e] if head is not None else ""
    if head is not None and 2 <= len(tail) <= 8 and longest_suffix(tail, word_set("departments.txt")):
        return True, None
    # Words the model tags as organisations, even where its span was not kept (致公党北京市委会).
    inside = reader.doc.char_span(s, e)  # None unless [s, e) is whole tokens
    if inside is not None and all(t.tag_ in {"ORG", "nt"} for t in inside):
        return True, None
    if is_generic_body(piece) or piece in patterns().chains.session_organs:
        return True, None  # 村委会, 纪委, 主席团: a body every place (or session) has, named by its kind
    if any(is_generic_body(piece[k:]) and piece[:k].endswith(chain_grammar().levels) for k in range(1, len(piece))):
        return True, None  # 县文联, 梅山镇文联: such a body of the place written (or a level word) before it
    if _echoes_head(piece, title_head) or _shortened_body(reader, s, piece, title_head) is not None:
        return True, None
    if len(piece) >= 4 and piece.endswith(chain_grammar().unit_party_bodies):
        return True, None  # 永兴村党组织: a unit's party body (title_chain.toml)
    return (len(piece) >= 2 and longest_suffix(piece, word_list("org_suffixes.txt")) is not None), None


def split_org(
    reader: Reader, start: int, end: int, title_head: str = ""
) -> tuple[str, str, DocSpan | None] | None:
    """(organisation as written, internal unit, ent) for the text before a title; None if it is no
    organisation. `title_head`: the title's head, when known (财政司|司长: a unit whose last character the head
    repeats is the organisation, whatever our suffix list says)."""
    rest = reader.text[start:end]
    if not rest:
        return "", "", None
    org_suffixes = word_list("org_suffixes.txt")
    subunits = word_set("subunits.txt")
    if rest.startswith("《") and rest.endswith("》") and _outlet_name(rest[1:-1]):
        return rest[1:-1], "", None  # 《海丝商报》副总编辑 (_org_start)

    if (misread := _place_misread_as_name(reader, start, end)) is not None:
        return rest, "", misread  # 常山县|县长: a place (its government or party committee, decided later)
    # The model named the whole run an organisation (铁山坪街道办事处): no unit is cut out of it, unless
    # the run ends in an internal unit rather than an organisation's own head word (市经信局综合科).
    whole = next((o for o in [reader.ent_ending_at(end, {"Organization"})] if o and o.start_char == start), None)
    if whole is not None and (rest[-1] not in subunits or longest_suffix(rest, org_suffixes) is not None):
        return rest, "", whole
    # An internal unit (干部科, 局长办公室) between organisation and title stays in the title: the
    # longest unit after an organisation name.
    if rest[-1] in subunits:
        token_starts = doc_tokens.token_starts_between(reader.doc, start, end - 1)
        cuts = sorted(token_starts) + [c for c in range(start + 2, end - 1) if c not in token_starts]
        last = token_at(reader, end - 1)
        if last is None or last.idx + len(last.text) != end or last.text not in common_words():
            last = None  # only a common word (办公室) is kept whole; 经信局综合科 may be cut
        for cut in cuts:  # word boundaries first: 市科技局|局长办公室, not 市科技|局局长办公室
            if last is not None and last.idx < cut < end:
                continue  # 候任行政长官|办公室: the unit is one common word, not cut inside it
            ok, ent = _names_organisation(reader, start, cut, title_head)
            if ok and cut - start >= 2:
                return reader.text[start:cut], reader.text[cut:end], ent
        if whole is not None:
            return rest, "", whole
        if len(rest) <= 6:
            return "", rest, None
    ok, ent = _names_organisation(reader, start, end, title_head)
    if ok:
        return rest, "", ent
    # A place written before a title (新仓镇副镇长): its government or party committee, decided later.
    ent = reader.ent_ending_at(end, {"Place"})
    if ent is not None:
        return reader.text[ent.start_char : end], "", ent
    # 澳门|特区行政长官: the place the model named, then the word for its kind of region (title_chain.toml)
    word = next((w for w in chain_grammar().region_words if rest.endswith(w)), None)
    ent = reader.ent_ending_at(end - len(word), {"Place"}) if word else None
    if ent is not None and ent.start_char >= start:
        return reader.text[ent.start_char : end], "", ent
    grammar = chain_grammar()
    if rest in grammar.relative_government_places and title_head in grammar.relative_government_heads:
        return rest, "", None  # 自治区|常务副主席: the home province's government (ChainResolver._organisation)
    return None


def _place_misread_as_name(reader: Reader, start: int, end: int) -> DocSpan | None:
    """The Person span that is exactly [start, end) and a place a list rule misread as a name (place_read_as_name)."""
    ent = reader.ent_ending_at(end, {"Person"})
    return ent if ent is not None and ent.start_char == start and place_read_as_name(reader, ent) else None


# 政协第十二届全国委员会23位副主席, 县政协3位副主席: a count of the holders between a body and their title.
_COUNT_BEFORE_TITLE = re.compile(r"[0-9０-９一二三四五六七八九十]{1,3}(?:位|名)$")


def _fused_department(reader: Reader, start: int, end: int, head: str, unread: bool) -> tuple[str, str] | None:
    """公安局长, 市财政局长, 武装部长: a department's name fused with its head's title (局长, 部长, 厅长), so
    that the department's last character is written once. (The department as its name ends, the title as
    written without the place's level: (市公安局, 公安)) or None. A party committee's department
    (通化市委老干部局长: title_chain.toml committee_departments) is read so even where the text before the
    head reads as an organisation; otherwise only where it does not (`unread`), and it must be one or two
    nouns. The head must open with a department's last character (title_chain.toml fused_department_heads)."""
    grammar = chain_grammar()
    if len(head) != 2 or head[1] != "长" or head[0] not in grammar.fused_department_heads:
        return None
    written = reader.text[start:end]
    department = next((d for d in grammar.committee_departments if (written + head[0]).endswith(d)), None)
    if department is not None and len(department) >= 3 and len(written) >= len(department):
        return written + head[0], department[:-1]
    if not unread:
        return None
    # 特区政府|政务司长: the department may follow the body it belongs to, a name the model found
    owners = (e.end_char for label in ("Organization", "Place") for e in reader.ents(label, start, end))
    for cut in (start, *sorted(c for c in owners if start < c < end)):
        stem = _fused_stem(reader, cut, end)
        if stem is not None:
            return reader.text[cut:end] + head[0], stem
    return None


def _fused_stem(reader: Reader, start: int, end: int) -> str | None:
    """The department's name before a fused head, without the place's level (公安 of 市公安|局长): one or two
    nouns of two to four characters; None when [start, end) is no such name."""
    written = reader.text[start:end]
    level = next((lv for lv in chain_grammar().levels if written.startswith(lv)), "")
    stem = written[len(level) :]
    if not 2 <= len(stem) <= 4 or not all(CJK.match(ch) for ch in stem):
        return None
    tokens = doc_tokens.tokens_overlapping(reader.doc, start + len(level), end)
    if not tokens or tokens[0].idx != start + len(level) or any(t.tag_ not in {"n", "nz", "vn", "j"} for t in tokens):
        return None
    return stem


def _echoes_head(piece: str, head: str) -> bool:
    """财政司|司长, 发展局|局长: a unit named with the character its head's title opens with (X司 → 司长);
    省十三届人民代表大会|代表: the body a bound head (title_chain.toml) is a post of."""
    if len(head) == 2 and head.endswith("长") and len(piece) >= 3 and piece.endswith(head[0]):
        return True
    bodies = chain_grammar().bound_heads.get(head, ())
    return any(piece.endswith(b) and len(piece) > len(b) for b in bodies)


def _shortened_body(reader: Reader, start: int, piece: str, head: str) -> str | None:
    """…代表总团团长;…为总团副团长, …代表团团长,…为代表团副团长: a body written by the end of its name, which the
    head's title echoes (团 of 团长), standing for the organisation the sentence named before in full (the last
    longer name written there that ends so, in the same line: a semicolon may part the two); None when `piece` is
    no such short form."""
    if len(head) != 2 or not head.endswith("长") or len(piece) < 2 or not piece.endswith(head[0]):
        return None
    if is_placeless_department(piece) or is_generic_body(piece):
        return None  # 全市公安局长会议…副市长、公安局长: a place's department is the place's (complete_organisations)
    sentence = line_at(reader.text, start)
    at = reader.text.rfind(piece, sentence.start, start)
    while at > sentence.start:
        if CJK.match(reader.text[at - 1]):
            full = reader.text[_org_start(reader, at + len(piece)) : at + len(piece)]
            if len(full) > len(piece) and all(CJK.match(ch) for ch in full):
                return full
        at = reader.text.rfind(piece, sentence.start, at)
    return None


def _ent_with_modifier(reader: Reader, start: int, end: int) -> DocSpan | None:
    """The model's organisation opening at `start` that runs past `end` over a modifier of the title written
    there (文化和旅游部党组|书记: 党组, title_chain.toml modifiers): the organisation is [start, end)."""
    ent = next(
        (o for o in reader.doc_ents if o.label_ == "Organization" and o.start_char == start and o.end_char > end), None
    )
    if ent is None or reader.text[end : ent.end_char] not in chain_grammar().modifiers:
        return None
    return ent


def _tiled_by_places(reader: Reader, start: int, end: int) -> bool:
    """[start, end) is places the model named, one after another with nothing between (四川省|德阳市)."""
    places = reader.ents("Place", start, end)
    return bool(places) and places[0].start_char == start and places[-1].end_char == end and all(
        a.end_char == b.start_char for a, b in zip(places, places[1:], strict=False)
    )


def _division_prefix(prefix: str, name: str) -> bool:
    """平定 before 县委: a place's short name that the level word opening the organisation's name completes into a
    division the gazetteer knows (平定县委 is the county's committee, whatever tag the model gave 平定). The one
    test of "a short name plus a level word is a known division" (_place_name_before_level reads the model's
    words with it). components._level_opens_owned_body is the stricter test for joining two model names."""
    level = next((lv for lv in chain_grammar().levels if name.startswith(lv)), None)
    return (
        level is not None
        and len(prefix) >= 2
        and all(CJK.match(ch) for ch in prefix)
        and bool(gazetteer().lookup(prefix + level))
    )


def _plausible_prefix(text: str) -> bool:
    """What may stand before an organisation ent inside the same name: an administrative prefix (admin_prefixes.txt)."""
    return not text or text in word_list("admin_prefixes.txt")


def _shorter_organisation(
    reader: Reader, org_start: int, title_start: int, base: str
) -> tuple[int, tuple[str, str, DocSpan | None]] | None:
    """(start, split_org's answer) for the longest organisation opening after `org_start` at a word's start and
    ending at the title, for when the walk ran into words before the name (对于市少体校); None if there is none."""
    for s in range(org_start + 1, title_start):
        if not _starts_word(reader, s):
            continue  # 调整|河北省委主要负责人: never 整河北省委, a name opening inside a word
        split = split_org(reader, s, title_start, base)
        if split is not None and split[0]:
            return s, split
    return None


def _whole_clause(
    reader: Reader, org_start: int, boundary: int, separators: set[str], spaced: bool, segments: list[Segment]
) -> bool:
    """Whether a segment opening at `org_start` is a whole clause: it starts at the boundary, after a separator,
    a clause opener or a sentence's closing quote, after a space, or a verb opens the chain read so far."""
    return (
        org_start == boundary
        or reader.text[org_start - 1] in separators | _CLAUSE_OPENERS
        or reader.text[max(0, org_start - 2) : org_start] in _QUOTE_CLOSES_SENTENCE
        or _opens_clause_after(reader, org_start)
        or spaced
        or bool(segments)
        and _verb_opens_chain(reader, org_start, segments[0].start - 1)
    )


def parse_chain(reader: Reader, end: int, boundary: int = 0) -> list[Segment]:
    """The segments of the chain whose last title ends at `end`, left to right; [] when there is none.

    A segment further left is taken only when it is a whole clause (it starts at punctuation, a line
    start or `boundary`): so 只见自己的导师,新仓镇副镇长李俊 gives one segment, not a 导师 post."""
    separators = set(chain_grammar().separators)
    segments: list[Segment] = []
    right_of_comma: int | None = None  # how many segments were read when the walk last crossed a comma
    pos = before_rank_remark(reader.text, end, boundary)
    while pos > boundary:
        alternative = alternative_title_ending(reader.text[max(boundary, pos - windows().title_chars) : pos])
        first = (alternative.first.title, alternative.first.head) if alternative is not None else None
        matched = (
            first
            or _match_title(reader.text[boundary:pos], pos - boundary)
            or _match_former_title(reader.text[boundary:pos], pos - boundary)
        )
        unlisted = matched is None
        if unlisted:
            matched = _open_title(reader, pos, boundary) or _chain_item(reader, pos, boundary)
        if matched is None:
            break
        title, base = matched
        title_start = pos - (alternative.written if alternative is not None else len(title))
        org_start = max(_org_start(reader, title_start), boundary)
        walked = org_start  # where the walk over organisation words stopped, before reading back to a separator
        org_start = _back_to_separator(reader, org_start, title_start, boundary)
        org_start = _after_joined_title(reader, org_start, title_start)
        org_start = _after_spaced_title(reader, org_start, title_start)
        org_start = _after_glued_member_title(reader, org_start, title_start)
        glued = org_start > boundary and _glued_member_title_before(reader, org_start, title_start, boundary)
        spaced = glued or (org_start > boundary and _spaced_after_title(reader, org_start, boundary))
        counted = _COUNT_BEFORE_TITLE.search(reader.text, org_start, title_start)
        org_end = counted.start() if counted is not None and counted.start() > org_start else title_start
        split = split_org(reader, org_start, org_end, base)
        fused = _fused_department(reader, org_start, title_start, base, split is None)
        if fused is not None:  # 副市长、公安局长王伟: the title names its own department
            split, title = (fused[0], "", None), fused[1] + title
        if split is None:
            # The walk may have run into words before the name (对于市少体校): try shorter organisations.
            shorter = _shorter_organisation(reader, org_start, title_start, base)
            if shorter is not None:
                org_start, split = shorter
            worded = _worded_title(reader, org_start, title_start, base) if split is None else None
            named = split_org(reader, org_start, worded, base) if worded is not None else None
            if worded is not None and named is not None:  # 陕西省编制办公室|督查专员: the body, then the title's word
                word = reader.text[worded:title_start]  # the head is the word's: a specialist's post, no LEADS
                split, title, base, title_start = named, word + title, word + base, worded
            if split is None and (item := _chain_item(reader, pos, boundary)) is not None:
                title, base = item  # 、二级警务专员周海林: 警务 is no organisation; the item is one post
                title_start = org_start = pos - len(title)
                split = ("", "", None)
            if split is None:
                # 感谢现任|特首梁振英: no organisation between the separator and the title, and no organisation word
                # before it (the walk stopped at the title): the title stands alone, as right after a separator
                if segments or title_start == org_start or walked == title_start:
                    org_start, split = title_start, ("", "", None)
                else:
                    break
        org_written, subunit, ent = split
        if unlisted and not org_written and not (segments or _title_before_separator(reader, title_start, boundary)):
            break  # 队员张三: a head no lexicon lists is a post only after an organisation or inside a chain
        if subunit and (body := division_as_body(org_written, subunit)) is not None:
            org_written, subunit, ent = body, "", None  # 组织干部处副处长: title 副处长 (title_chain.py)
        whole_clause = _whole_clause(reader, org_start, boundary, separators, spaced, segments)
        if segments and not whole_clause:
            break
        written = org_written.strip('“”"')
        segments.insert(0, Segment(org_start, subunit + title, base, written, subunit, ent, alternative))
        for level_start, level in _levels_sharing(reader, org_start, written, boundary):
            # 辞去市、县人大代表职务: the levels listed before the body share it and the title (市人大代表, 县人大代表)
            body = level + written[len(_opening_level(written)) :]
            segments.insert(0, Segment(level_start, subunit + title, base, body, subunit, None, None))
            org_start = level_start
        if not whole_clause or org_start <= boundary or reader.text[org_start - 1] not in separators and not spaced:
            break
        if reader.text[org_start - 1] in _CLAUSE_SEPARATORS:
            right_of_comma = len(segments)
        pos = org_start if spaced else org_start - 1
    return _without_dangling_list(reader, segments, right_of_comma, end)


def _opening_level(written: str) -> str:
    """The level word an organisation's name opens with (县人大 → 县), '' when none."""
    return next((lv for lv in chain_grammar().levels if written.startswith(lv)), "")


def _level_word(reader: Reader, char: int) -> bool:
    """The level word at `char` stands alone: the model's word opens there, or it glued the level to the end of a
    verb (辞去|市 read 去市/v); not inside a noun (全市/n)."""
    token = token_at(reader, char)
    return token is not None and (token.idx == char or token.tag_ in {"v", "p", "c"})


def _levels_sharing(reader: Reader, org_start: int, written: str, boundary: int) -> list[tuple[int, str]]:
    """省、市、县人大代表: the level words written before an organisation that opens with one, each a word of the
    model's followed by 、 (where each starts, and the level), right to left; [] when none is (全市、…: 市 is no word
    of its own)."""
    text = reader.text
    if not _opening_level(written):
        return []
    found: list[tuple[int, str]] = []
    at = org_start
    while at - 1 > boundary and text[at - 1] == "、":
        level = next((lv for lv in chain_grammar().levels if text.endswith(lv, boundary, at - 1)), None)
        if level is None or not _level_word(reader, at - 1 - len(level)):
            break
        at = at - 1 - len(level)
        found.append((at, level))
    return found


# Characters after which a chain opens a clause of its own: a line start, a bracket, a bullet, a space, and a
# colon or semicolon opening or dividing a list (校友有:市委宣传部副部长、《海丝商报》副总编辑、…).
_CLAUSE_OPENERS = {"\n", "(", "（", "■", " ", ":", "：", ";", "；"}

# Separators that also end a clause: a chain read on over one of them may have reached another's list.
_CLAUSE_SEPARATORS = {"，", ","}


def _worded_title(reader: Reader, org_start: int, title_start: int, base: str) -> int | None:
    """陕西省编制办公室督查专员: one two-character noun of the model's (督查/vn) between an organisation it named
    and a listed head is the title's own word (督查专员 at the office: a specialist's post, not the body's
    head, so no LEADS); for a member's head, also the last two characters of a longer word that ends a name with
    an organisation's head word before them (新林林场营林|技术员); where that word starts, or None."""
    word = token_at(reader, title_start - 1)
    if word is None or word.idx + len(word.text) != title_start:
        return None
    if len(word.text) > 2 and title_table().get(base, TitleInfo("lead", None)).kind == "member":
        # 新林林场营林|技术员 (LAC: 新林林场营林/a): the model glued the word to the body's name, whose head ends it
        at = title_start - 2
        body_name = reader.text[org_start:at]
        if all(CJK.match(ch) for ch in reader.text[at:title_start]) and longest_suffix(body_name, word_list("org_suffixes.txt")):
            return at
        return None
    if len(word.text) != 2 or word.tag_ not in {"n", "vn"}:
        return None
    body = reader.ent_ending_at(word.idx, {"Organization"})
    return word.idx if body is not None and body.start_char >= org_start else None


def _without_dangling_list(
    reader: Reader, segments: list[Segment], right_of_comma: int | None, end: int
) -> list[Segment]:
    """…原任教育部部长助理、人事司司长,西藏自治区党委组织部长梁田庚: the part of a chain read over a comma must
    open a clause itself; when the walk stops at a 、 instead (its list goes on with words that are no title),
    that part is the end of another clause's list, and only the titles after the comma are the name's."""
    if right_of_comma is None or not segments or segments[0].start == 0:
        return segments
    named_after = any(e.label_ == "Person" and e.start_char == end for e in reader.doc_ents)
    if named_after and _after_named_item(reader, segments[0].start):
        crossed = [k for k in range(1, len(segments)) if reader.text[segments[k].start - 1] in _CLAUSE_SEPARATORS]
        return segments[crossed[-1] :] if crossed else segments
    if reader.text[segments[0].start - 1] != "、" and not _after_named_subject(reader, segments[0].start):
        return segments
    return segments[len(segments) - right_of_comma :]


def _after_named_item(reader: Reader, char: int) -> bool:
    """副省长严金海,|省监察委员会负责人,省高级人民法院院长陈明国: the part of a chain before a name read over a comma
    opens right after a name and a comma of a list of attendees, where each item is titles and a name; a post
    written there with no name of its own is an office's (one whose holder the list does not name), not the next
    name's. (Posts after a name, 沈莹,黑龙江省委常委、副省长,省政府党组副书记;, are that name's: the chain ends at no
    name.)"""
    if char < 2 or reader.text[char - 1] not in _CLAUSE_SEPARATORS:
        return False
    return any(e.label_ == "Person" and e.end_char == char - 1 for e in reader.doc_ents)


def _after_named_subject(reader: Reader, char: int) -> bool:
    """吴德刚原任|教育部部长助理、人事司司长,西藏…: the titles at `char` follow a name and a short verb written
    after it (原任, 任, 为), so they are that name's, written after it, not the next name's chain."""
    reach = patterns().chains.subject_verb_chars
    gap_start = max(0, char - reach - 1)
    person = next(
        (e for e in reader.doc_ents if e.label_ == "Person" and gap_start <= e.end_char < char), None
    )
    if person is None:
        return False
    gap = doc_tokens.tokens_overlapping(reader.doc, person.end_char, char)
    return bool(gap) and all(t.tag_ in {"v", "d"} for t in gap)


def current_segments(reader: Reader, segments: list[Segment]) -> tuple[list[Segment], bool]:
    """The current segments of a chain, and whether a former marker was read. 原 opening the chain
    (原上海市委组织部长) scopes over all of it; 原 written after an organisation or a place (农业农村部原党组副书记,
    肇庆市原市委常委) scopes over that one's posts and the titles written after it without an organisation
    of their own (副部长, 常务副市长); a later title with its own organisation (中国农业绿色发展研究会理事长,
    广东省农业农村厅厅长) is current again."""
    scoped = _former_title_before(reader, segments[0].start) if segments else None
    if scoped is not None:
        return _current_after(reader, segments, scoped), True  # 农业农村部原党组副书记、|副部长、…
    for k, seg in enumerate(segments):
        if is_former_title(seg.title):  # 区人大常委会原主任: held as written; the titles after it without a body of
            return segments[: k + 1] + _current_after(reader, segments[k + 1 :], seg.org_written), True  # their own too
        at = _former_marker(reader, seg)
        if at is not None:
            return segments[:k] + _current_after(reader, segments[k + 1 :], seg.org_written[:at]), True
    return segments, False


def _current_after(reader: Reader, segments: list[Segment], scoped: str) -> list[Segment]:
    """The segments from the first whose organisation is its own (not `scoped`'s, nor completed from it),
    read again for former markers; none when 原 opened the chain (`scoped` is '')."""
    if not scoped:
        return []
    own = next((k for k, seg in enumerate(segments) if _own_organisation(seg.org_written, scoped)), None)
    return [] if own is None else current_segments(reader, segments[own:])[0]


def _own_organisation(written: str, scoped: str) -> bool:
    """广东省农业农村厅 after 肇庆市原…: an organisation named whole, neither the former one's (it opens with
    `scoped`) nor one the chain completes from it (市委, 政府, 组织部, 公安局: a level word or a kind only)."""
    return (
        bool(written)
        and not written.startswith(scoped)
        and not written.startswith(chain_grammar().levels)
        and not is_generic_body(written)
        and (_opens_with_place(written) or not is_placeless_department(written))
    )


def _opens_with_place(written: str) -> bool:
    """广东省农业农村厅: a gazetteer place opens the name (the department is that place's)."""
    return any(gazetteer().lookup(written[:n]) for n in range(2, len(written)))


def _former_title_before(reader: Reader, start: int) -> str | None:
    """农业农村部原党组副书记、|副部长: the chain walk stops at a former post (title_chain.title_ending); what
    it is scoped by when one ends right before the separator at `start` (title_chain.former_title_ending)."""
    if start <= 0 or reader.text[start - 1] not in chain_grammar().separators:
        return None
    return former_title_ending(reader.text[max(0, start - 1 - windows().title_chars) : start - 1])


def without_former_marker(reader: Reader, seg: Segment) -> Segment:
    """The segment with the 原 that marks its post former taken out of its organisation (原|保定市委 → 保定市委,
    肇庆市|原|市委 → 肇庆市委), so the post is the body's; the segment itself when none is written there."""
    at = _former_marker(reader, seg)
    if at is None:
        return seg
    marker = next(m for m in chain_grammar().former if seg.org_written.startswith(m, at))
    before, after = seg.org_written[:at], seg.org_written[at + len(marker) :]
    if before and after.startswith(before[-1]):
        after = after[1:]  # 江苏省|原|省委: the province's committee, 江苏省委
    written = before + after
    return replace(seg, org_written=written, start=seg.start + len(marker) if at == 0 else seg.start, org_ent=None)


def _former_marker(reader: Reader, seg: Segment) -> int | None:
    """Where in the organisation 原 marks a former post: a word of its own (原/a), opening the organisation
    or right after a place's name (肇庆市|原|市委: a name ending with a level word, title_chain.toml levels); not
    the first character of a word (原子能) nor of a place's own name (原阳县委, 原平市委)."""
    written = seg.org_written
    for marker in chain_grammar().former:
        at = written.find(marker)
        while at >= 0:
            before, after = written[:at], written[at + len(marker) :]
            token = token_at(reader, seg.start + at)
            if (
                (not before or len(before) >= 2 and before.endswith(chain_grammar().levels))
                and len(after) >= 2
                and token is not None
                and token.idx == seg.start + at
                and token.text == marker
                and not any(gazetteer().lookup(written[at : at + n]) for n in (2, 3))
            ):
                return at
            at = written.find(marker, at + 1)
    return None


# …问计于民。”|该村党委书记: a closing quote after a sentence's end opens a clause as a line start does.
_QUOTE_CLOSES_SENTENCE = {"。”", "！”", "？”", '。"', '！"', '？"'}


def _opens_clause_after(reader: Reader, char: int) -> bool:
    """6月6日上午|市纪委常委、…, 推进会及|市委常委、…: a time word or a conjunction before a chain ends
    what comes before it as well as punctuation does."""
    tags = set(patterns().chains.clause_opening_tags)
    token = token_at(reader, char - 1)
    return token is not None and token.idx + len(token.text) == char and token.tag_ in tags


def _verb_opens_chain(reader: Reader, char: int, joint: int) -> bool:
    """陪同|省委常委、市委书记张三: a verb right before a segment joined to the next by 、 opens the chain."""
    conf = patterns().chains
    if reader.text[joint : joint + 1] not in conf.verb_opening_separators:
        return False
    token = token_at(reader, char - 1)
    return token is not None and token.idx + len(token.text) == char and token.tag_ in conf.verb_opening_tags


def _chain_item(reader: Reader, end: int, boundary: int) -> tuple[str, str] | None:
    """(title, head) of the chain item ending at `end` that opens right after a separator with a title
    before it (政委、二级警务专员|周海林, 局长、督察/长|郝建): cadregraph.pipeline.title_chain.chain_item_title."""
    separators = chain_grammar().separators
    start = end
    while start > max(boundary, end - windows().title_chars) and reader.text[start - 1] not in separators:
        start -= 1
    if start == end or not _title_before_separator(reader, start, boundary):
        return None
    found = chain_item_title(reader.text[start:end])
    return (found.title, found.head) if found is not None else None


def _title_before_separator(reader: Reader, char: int, boundary: int) -> bool:
    """常务副局长、|督察长黄伟: a chain separator right before `char` with a listed title ending right before it,
    so that a head no lexicon lists written at `char` without an organisation is the chain's next title
    (its organisation completed from the titles before it, cadregraph.pipeline.title_chain)."""
    if char - 1 <= boundary or reader.text[char - 1] not in chain_grammar().separators:
        return False
    return _match_title(reader.text[boundary : char - 1], char - 1 - boundary) is not None


def _starts_word(reader: Reader, char: int) -> bool:
    """A token of the model's opens at `char`."""
    token = token_at(reader, char)
    return token is not None and token.idx == char


def token_at(reader: Reader, char: int) -> Any:
    """The token holding character `char` (None off the text)."""
    if not 0 <= char < len(reader.text):
        return None
    span = reader.doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _back_to_separator(reader: Reader, org_start: int, title_start: int, boundary: int) -> int:
    """、组织一处处长: an internal unit whose name holds a verb-tagged word (组织) stops the walk over
    organisation words; a short run of characters after a chain separator is the title's whole prefix."""
    reach = patterns().chains.max_unit_chars
    separators = set(chain_grammar().separators)
    start = org_start
    while start > max(boundary, title_start - reach) and CJK.match(reader.text[start - 1]):
        start -= 1
    if start == org_start or start <= boundary or reader.text[start - 1] not in separators:
        return org_start
    if reader.text[org_start:title_start].startswith(chain_grammar().levels):
        return org_start  # ,传达贯彻|县委书记: a place's body written whole from its level; the words before are no part
    if reader.text.startswith(patterns().chains.post_openers, start):
        return org_start  # ,新任|副省长姜德果: the post is newly taken, the word names no unit
    first = token_at(reader, start)
    if first is None or first.idx != start or len(first.text) < 2 or first.tag_ in {"p", "c", "d", "u"}:
        return org_start  # ,受|县委书记: a one-character verb or a function word opens no unit's name
    ent = reader.ent_covering(start)
    if (
        ent is not None
        and ent.label_ == "Person"
        or any(e.label_ == "Person" and start < e.end_char <= title_start for e in reader.doc_ents)
    ):
        return org_start
    return start


def _after_joined_title(reader: Reader, org_start: int, title_start: int) -> int:
    """副县长兼县公安局|局长: the model reads 副县长兼县公安局 as one organisation, and the walk over its words
    runs over the separator; a separator inside the run that follows a title (副县长兼) ends the chain's
    previous title, and the organisation starts after it."""
    text = reader.text
    words = {s for s in chain_grammar().separators if CJK.match(s)}  # 兼: a separator that is a word
    for at in range(title_start - 1, org_start, -1):
        if text[at] in words and title_ending(text[org_start:at]) is not None:
            return at + 1
    return org_start


def _glued_member_title_before(reader: Reader, org_start: int, title_start: int, boundary: int) -> bool:
    """县委常委|组织部部长 (zz05): a standing-committee member's title (title_chain.toml glued_member_heads) ends right
    before a department it heads (glued_member_departments), with no separator: the chain goes on to its left."""
    grammar = chain_grammar()
    text = reader.text
    return (
        text[org_start:title_start] in grammar.glued_member_departments
        and text.endswith(grammar.glued_member_heads, boundary, org_start)
        and title_ending(text[boundary:org_start]) is not None
    )


def _after_glued_member_title(reader: Reader, org_start: int, title_start: int) -> int:
    """县委常委武装部|部长: the walk over organisation words runs over a member's title glued to the department;
    the organisation is the department after it (_glued_member_title_before)."""
    grammar = chain_grammar()
    text = reader.text
    for department in grammar.glued_member_departments:
        at = title_start - len(department)
        if at > org_start and text.startswith(department, at) and text.endswith(grammar.glued_member_heads, org_start, at):
            return at
    return org_start


def _layout_space(reader: Reader, char: int) -> bool:
    """A space of the page (OCR, a caption's layout) stood right before `char` and was taken out of the text
    (cadregraph.pipeline.ingest joins CJK across spaces): the original has only spaces between the two."""
    ingested = reader.ctx.ingested
    if not 0 < char < len(ingested.text) or len(ingested.text) != len(reader.text):
        return False
    gap = ingested.original[ingested.offsets[char - 1] + 1 : ingested.offsets[char]]
    return bool(gap) and all(ch in " \t\u3000\u00a0" for ch in gap)


def _spaced_after_title(reader: Reader, char: int, boundary: int) -> bool:
    """县委常委 组织部部长 王刚: a space of the page right after a title is the chain's separator (title_chain.toml
    lists the space; the ingested text no longer holds it)."""
    return _layout_space(reader, char) and _match_title(reader.text[boundary:char], char - boundary) is not None


def _after_spaced_title(reader: Reader, org_start: int, title_start: int) -> int:
    """县委常委 组织部|部长: the walk over organisation words runs over a space the page had after a title; the
    organisation starts after the last such space (none is written when the space stands right before the
    title: 区委常委 常务副区长高岗)."""
    for at in range(title_start, org_start, -1):
        if _spaced_after_title(reader, at, org_start):
            return at
    return org_start


class PositionResolver:
    """Segments → positions: organisations resolved to entities, inherited along the chain, implied."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.home = reader.ctx.home

    def resolve(self, segments: list[Segment], before: list[Position] | None = None) -> list[Position]:
        """`before`: the positions of the name this chain continues (主任胡水良,副主任姚田宝)."""
        positions: list[Position] = []
        inherited = before[-1] if before else None
        current: tuple[str, str] | None = (inherited.organization, inherited.target) if inherited else None
        seconds = [_other_name_posts(seg) for seg in segments]
        segments = [
            self._unglued(self._unbracketed(self._antecedent(self._session_organ(self._shortened(seg)))))
            for seg in segments
        ]
        chain = [ChainTitle(seg.org_written, (), seg.base) for seg in segments]
        completed = complete_organisations(chain, [p.completed for p in before or []])
        read: list[tuple[Segment, str]] = []
        for seg, full, second in zip(segments, completed, seconds, strict=True):
            read += [(seg, full)] + [(other, other.org_written) for other in second]
        for seg, full in read:
            info = title_table().get(seg.base, TitleInfo("member", None))
            deputy = "副" in seg.title[: len(seg.title) - len(seg.base) + 1] and not seg.base.startswith("副")
            deputy = deputy or seg.base.startswith("副")
            lead = info.kind == "lead" and not seg.subunit and not is_former_title(seg.title)  # 原主任 leads nothing now
            resolved = self._organisation(seg, info, current, full)
            if resolved is None:
                continue
            written, target, confidence = resolved
            written_here = seg.org_written and not (seg.org_ent is not None and self._place(seg.org_ent))
            if written_here or (current is None and written):
                current = (written, target)
            positions.append(Position(seg.title, written, target, deputy, lead, confidence, full))
        return positions

    def _place(self, ent: DocSpan) -> bool:
        """A place the model named, or one a rule misread as a name (place_read_as_name)."""
        return ent.label_ == "Place" or ent.label_ == "Person" and place_read_as_name(self.reader, ent)

    def _antecedent(self, seg: Segment) -> Segment:
        """该村党委书记 after 山泉村 is named: an organisation opening with an anaphor (patterns.toml
        org_anaphors: 该村, 该镇, 该局…) is the last place or organisation named before it whose name ends
        with the anaphor's noun (山泉村党委); as written when none is."""
        anaphor = next((a for a in patterns().chains.org_anaphors if seg.org_written.startswith(a)), None)
        labels = {"Place", "Organization"}
        endings: tuple[str, ...] = (anaphor[1:],) if anaphor else ()
        if anaphor is None:
            anaphor, endings = _own_body_anaphor(seg.org_written)
            labels = {"Organization"}
        if not anaphor:
            return seg
        named = [
            e
            for e in self.reader.doc_ents
            if e.end_char <= seg.start
            and e.label_ in labels
            and e.text.endswith(endings)
            and e.text not in endings
        ]
        if not named:
            return seg
        written = named[-1].text + seg.org_written[len(anaphor) :]
        self._fold(seg, written)  # the model's 该村党支部: a name of the same body
        return Segment(seg.start, seg.title, seg.base, written, seg.subunit, None)

    def _shortened(self, seg: Segment) -> Segment:
        """总团副团长 after …伊犁哈萨克自治州代表总团团长: the short form is the body named before (_shortened_body)."""
        if not seg.org_written or seg.org_ent is not None:
            return seg
        named = _shortened_body(self.reader, seg.start, seg.org_written, seg.base)
        if named is None:
            return seg
        return Segment(seg.start, seg.title, seg.base, named, seg.subunit, None)

    def _session_organ(self, seg: Segment) -> Segment:
        """大会主席团常务主席罗保铭: a session's organ written by its kind (patterns.toml session_organs) is the one
        such organ the document names in full (海南省五届人大五次会议主席团, maybe only inside the name of the
        organ's meeting); as written when it names none or several."""
        organs = patterns().chains.session_organs
        endings = tuple(organs.get(seg.org_written, ()))
        named = {
            e.name
            for e in self.reader.index.entities
            if endings and e.type == "Organization" and e.mentions and e.name.endswith(endings) and e.name not in organs
        }
        if len(named) != 1:
            return seg
        return Segment(seg.start, seg.title, seg.base, named.pop(), seg.subunit, None)

    def _unbracketed(self, seg: Segment) -> Segment:
        """中共广安市委党校(小平干部学院)二级调研员: a body's second name in brackets after its name (a name:
        it ends with an organisation suffix) is no part of the organisation; the model's entity of the whole
        becomes a name of the body."""
        found = _TRAILING_BRACKET.match(seg.org_written)
        if found is None or longest_suffix(found.group(2), word_list("org_suffixes.txt")) is None:
            return seg  # 招商服务办(欧美): a qualifier in brackets is part of the name
        written = found.group(1)
        self._fold(seg, written)
        return Segment(seg.start, seg.title, seg.base, written, seg.subunit, None)

    @staticmethod
    def _unglued(seg: Segment) -> Segment:
        """文化和旅游部|党组书记 with the model's entity 文化和旅游部党组: the post is the ministry's (党组 is the
        title's modifier, tests/gold/README.md); the party group stays an entity of its own, as the corpus
        gold lists 遂宁市人大常委会党组."""
        ent = seg.org_ent
        if ent is None or ent.label_ != "Organization" or ent.end_char <= seg.start + len(seg.org_written):
            return seg
        return Segment(seg.start, seg.title, seg.base, seg.org_written, seg.subunit, None)

    def _fold(self, seg: Segment, written: str) -> None:
        """The model's entity for the organisation as written (该村党支部, …党校(小平干部学院)) is another name
        of the organisation the chain reads (`written`)."""
        ent = seg.org_ent
        if ent is not None and ent.label_ == "Organization" and ent.text == seg.org_written:
            old = self.reader.index.id_of(ent)
            if old is not None:
                new = self.reader.index.organisation(written)
                self.reader.index.merge_into(old, new)
                self.reader.sink.repoint(old, new)

    def _organisation(
        self, seg: Segment, info: TitleInfo, current: tuple[str, str] | None, full: str
    ) -> tuple[str, str, float] | None:
        """The organisation of one segment: a place written before the title (its government or party
        committee), a programme or organisation the model named, else the chain's completed organisation
        (cadregraph.pipeline.title_chain), else what the title implies for the home place."""
        index = self.reader.index
        if seg.org_ent is None and seg.org_written in chain_grammar().relative_government_places:
            # 自治区主席: the word alone stands for the home's province (title_chain.toml relative_government_places)
            owner = relative_owner(seg.org_written, self.home) if self.home is not None else None
            if owner is None:
                return None
            return seg.org_written, index.ensure("Organization", owner + chain_grammar().named_government), tiers().adjacent
        if seg.org_ent is not None and self._place(seg.org_ent):
            place = seg.org_written
            place_id = index.id_of(seg.org_ent)
            place_name = (index.name_of(place_id) if place_id else None) or place
            if (
                info.implied == "government"
                or info.implied is None
                and seg.base not in {"书记", "委员", "常委"}
            ):
                if place_name.endswith(chain_grammar().governmentless_places):
                    return None  # 黄家梁村第一书记: a village has no government (title_chain.toml)
                return (
                    place,
                    index.ensure("Organization", self._government_name(place_name)),
                    tiers().adjacent,
                )
            if info.implied is not None and is_bare_party_body(info.implied):
                # 杨儿庄村|支书: the head names its own body, the place's 党支部
                return place, index.ensure("Organization", place_name + info.implied), tiers().adjacent
            return place, index.ensure("Organization", self._party_name(place_name)), tiers().adjacent
        if seg.org_written:
            if (
                seg.org_ent is not None
                and seg.org_ent.label_ == "Programme"
                and seg.org_ent.text == seg.org_written
            ):
                key = index.id_of(seg.org_ent)
                return (seg.org_written, key, tiers().derived) if key else None
            if (
                seg.org_ent is not None
                and seg.org_ent.label_ == "Organization"
                and seg.org_ent.text == seg.org_written == full
            ):
                key = index.id_of(seg.org_ent)
                if key:
                    return seg.org_written, key, tiers().written
            key = index.organisation(full or seg.org_written)
            self._written_mention(seg, key)
            self._completed_mention(seg, full, key)
            return seg.org_written, key, tiers().written
        if full:
            # `organization` keeps what the title itself says (组织部长 → 组织部, 县长 → 县) when it says one.
            said = {None: full, "government": government_level(seg.base)}.get(info.implied, info.implied)
            return said or full, index.organisation(full), tiers().adjacent
        if info.implied == "government":
            name = self._government_for(seg.base, current)
            return (name[0], index.ensure("Organization", name[1]), tiers().pattern) if name else None
        if info.implied:
            base = current[0] if current else (self.home.name[-1] + "委" if self.home else None)
            if base is None:
                return None
            return info.implied, index.organisation(_qualify(base, info.implied)), tiers().adjacent
        if current is not None:
            return current[0], current[1], tiers().adjacent
        return None

    def _written_mention(self, seg: Segment, key: str) -> None:
        """对于市少体校|副校长王楠楠: the organisation a chain reads, written out before the title where no entity of
        the model's covers any of it, is a mention of the entity it resolves to (its written form an alias), as a name the
        model found would be; an entity that has mentions already keeps them as they are."""
        written = seg.org_written
        text = self.reader.text
        if seg.org_ent is not None or not text.startswith(written, seg.start) or len(written) < 3:
            return
        end = seg.start + len(written)
        if not text.startswith(seg.title, end):
            return  # 外交部长王毅: a department fused with its head's title is not written out on its own
        if any(e.start_char < end and seg.start < e.end_char for e in self.reader.doc_ents):
            return
        entity = next((e for e in self.reader.index.entities if e.id == key), None)
        if entity is None or entity.mentions:
            return
        entity.mentions.append(self.reader.ctx.span(seg.start, end))
        clean = written.strip()
        if clean != entity.name and clean not in entity.aliases:
            entity.aliases.append(clean)

    def _completed_mention(self, seg: Segment, full: str, key: str) -> None:
        """县委常委、人武部部长田晖, 區委常委、宣傳部部長楊林: the model's name of a body the chain completes with an
        owner written before it (甘谷县人武部, 金水区委宣传部) is a mention of the completed body, not of the body
        the home alone would give it (郑州市委宣传部)."""
        ent = seg.org_ent
        if ent is None or ent.label_ != "Organization" or ent.text != seg.org_written:
            return
        if not full or full == seg.org_written or not full.endswith(seg.org_written):
            return
        level = full[: -len(seg.org_written)].removeprefix(PARTY_PREFIX).removesuffix("委")
        if level in chain_grammar().levels and (self.home is None or not self.home.name.endswith(level)):
            return  # 區委常委、宣傳部部長 on 郑州市's page: a bare level word not the home's owns the chain
        index = self.reader.index
        if self.home is not None:
            # 万州区委常委、组织部部长 on 万州区's page: the home gave the mention the chain's owner already
            names = (index.name_of(index.id_of(ent) or "") or "", index.name_of(key) or "")
            if all(name.removeprefix(PARTY_PREFIX).startswith(self.home.name) for name in names):
                return
        old = index.move_mention((ent.start_char, ent.end_char), key)
        if old is not None:
            self.reader.sink.repoint(old, key)

    def _government_for(self, base: str, current: tuple[str, str] | None) -> tuple[str, str] | None:
        """代市长 next to 市委副书记 → the home government; 镇长 next to 新仓镇党委书记 → 新仓镇人民政府."""
        level = government_level(base)
        if current is not None:
            written = current[0]
            place = re.sub(r"(党委|党工委|委)$", "", written)
            if place and place != written and place[-1] == level and len(place) > 1:
                return written, self._government_name(place)
        if self.home is not None and self.home.name.endswith(level):
            return level, self._government_name(self.home.name)
        return None

    def _government_name(self, place: str) -> str:
        """The government of a place: 新仓镇人民政府; a special administrative region's is 政府 (香港特别行政区政府,
        title_chain.toml own_governments)."""
        own = next((g for end, g in chain_grammar().own_governments.items() if place.endswith(end)), None)
        if own is not None:
            return place + own
        if self.home is not None and place in {self.home.name, self.home.name[-1]}:
            return self.home.government
        return place + "人民政府"

    def _party_name(self, place: str) -> str:
        if self.home is not None and place in {self.home.name, self.home.name[-1]}:
            return self.home.party_committee
        if place.endswith(("镇", "乡", "街道", "村", "社区")):
            return place + ("党工委" if place.endswith("街道") else "党委")
        return party_committee_of(place)


def _other_name_posts(seg: Segment) -> list[Segment]:
    """市委党校(重庆行政学院)常务副校(院)长: the post the bracket in the head writes is held at the body's other name,
    written in brackets after its name and ending with the bracket's character (学院 for 院长), as written
    (the chain completes no place into a name); at each of its other names when the bracket lists several
    (市委党校(行政学院、市社会主义学院)校(院)长, zzx04). Without such a name (市委党校常务副校(院)长) the text names no
    second body, and the chain holds the one post ([])."""
    found = _TRAILING_BRACKET.match(seg.org_written)
    if seg.alternative is None or found is None:
        return []
    first, other = seg.alternative.first, seg.alternative.second
    # the bracket's character (院 of 校(院)长): the two heads differ in that one place (same length)
    written = next((b for a, b in zip(first.head, other.head, strict=True) if a != b), None)
    if written is None:
        return []
    separators = "".join(patterns().chains.org_bracket_separators)
    names = re.split(f"[{re.escape(separators)}]", found.group(2)) if separators else [found.group(2)]
    return [Segment(seg.start, other.title, other.head, name, "", None) for name in names if name.endswith(written)]


def _own_body_anaphor(written: str) -> tuple[str, tuple[str, ...]]:
    """厅党委, 局党委, 校党委, 院办公室: one character standing for an organisation the text named before
    (patterns.toml own_body_anaphors: 厅 → a name ending with 厅, 校 → 大学, 学院…) followed by a body it has
    (a party body or a body every place has): (the character, the endings its antecedent's name may have),
    ('', ()) when `written` is no such name."""
    table = patterns().chains.own_body_anaphors
    head, rest = written[:1], written[1:]
    if head not in table or not (is_bare_party_body(rest) or is_generic_body(rest)):
        return "", ()
    return head, tuple(table[head])


# An organisation written with its second name in brackets at the end: (name, second name).
_TRAILING_BRACKET = re.compile(r"^(.{2,}?)[(（]([^()（）]{4,})[)）]$")


def _qualify(parent: str, generic: str) -> str:
    """管委会 under 平湖经济技术开发区(钟埭街道)党工委 → 平湖经济技术开发区管委会; 组织部 under 市委 → 市委组织部."""
    base = parent
    head = longest_suffix(parent, word_set("party_bodies.txt"))
    if head and len(parent) > len(head) and not re.fullmatch(r"[市县区省]委", parent):
        base = parent[: -len(head)]
    if generic in {"组织部", "宣传部", "统战部"} and not base.endswith("委"):
        base = committee_department_owner(re.sub(r"(人民政府|政府)$", "", base))
    base = re.sub(r"[(（][^()（）]*[)）]$", "", base)
    return base + generic
