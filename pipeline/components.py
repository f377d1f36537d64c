"""Registered spaCy components on top of the backend: what the statistical model does not know.

Order in the pipeline (see `cadregraph.pipeline.nlp.build_nlp`):
  cadre_backend_ner  → the backend's PER/LOC/ORG tags become entity candidates
  cadre_entity_rules → organisations, programmes, events, natural villages from lexicons and context,
                       and a filter for the model's known confusions; writes `doc.ents`
Each component reads and writes only the Doc, so they can be tested and reordered one by one.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, get_args

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from cadregraph.pipeline import tokens
from cadregraph.pipeline.backends import LAC_ENTITY_LABELS, NAME_WORD_TAGS
from cadregraph.pipeline.canonical import (
    _DEMOCRATIC_PARTIES,
    DEICTIC_SCHOOL_OWNERS,
    PARENT_BODIES,
    REFERRING_OPENERS,
    TERM,
    YEAR,
    ZONE_HEADS,
    address_free_name,
    counted_levels,
    level_before_term,
    listed_place,
    party_committees,
)
from cadregraph.pipeline.canonical import _NAMED_LEVELS as _NAMED_DIVISION_LEVELS
from cadregraph.pipeline.canonical import opens_with_division as _opens_with_division
from cadregraph.pipeline.events import (
    CLAUSE_BREAK,
    EVENT_NAMES_KEY,
    JOINED,
    after_last_de,
    anniversary_event_spans,
    body_plenary_spans,
    congress_ordinal,
    follows_coordinated_event,
    fuses_events,
    held_event_spans,
    is_council_of_chairs,
    joined_event_spans,
    learned_event_spans,
    listed_plenum_spans,
    names_no_event,
    object_continues,
    opens_with_year,
    party_congress_spans,
    plenum_spans,
    qualifier_start,
    sessions_in_bodies,
    several_held,
    split_coordinated,
    titled_event_spans,
    with_party_of,
    with_scope_list,
    without_qualifiers,
)
from cadregraph.pipeline.figures import CHINESE_NUMERAL_CHARS, parse_chinese_number
from cadregraph.pipeline.lexicons import (
    DivisionTier,
    division_tiers,
    idiom_set,
    level_chars,
    level_words,
    longest_first,
    longest_prefix,
    longest_suffix,
    match_word_at,
    two_levels,
    word_list,
    word_set,
    word_table,
    words_in,
    world_places,
)
from cadregraph.pipeline.place_scorer import kept as scored_places
from cadregraph.pipeline.places_addresses import (
    LEVEL_CHARS,
    TOWN_LEVELS,
    address_links,
    recut_address_runs,
    top_down_links,
)
from cadregraph.pipeline.places_words import crosses_a_word, describes_a_kind, level_compound_at
from cadregraph.pipeline.programme_scorer import choose as choose_programmes
from cadregraph.pipeline.programme_scorer import settings as scorer_settings
from cadregraph.pipeline.programmes import (
    ALIASES_KEY,
    HeadWord,
    award_cues,
    batch_list_spans,
    cooperation_spans,
    describes,
    enumerated_parts,
    events_in_programmes,
    extend_quoted,
    figure_of_speech,
    formula_spans,
    head_spans,
    honour_list_spans,
    in_activity_list,
    in_model_list,
    inside_book_title,
    levelled_honours,
    longer_word_at,
    phrase_rules,
    plan_spans,
    programmes_in_events,
    record_aliases,
    role_studios,
    scoped_forms,
)
from cadregraph.pipeline.title_chain import before_rank_remark, chain_grammar, title_table
from cadregraph.schemas.text_units import COUNT, HAN, HAN_CHAR, is_han

if TYPE_CHECKING:
    from cadregraph.pipeline.canonical import HomePlace

CANDIDATES_KEY = "cadre_candidates"
_WRITTEN_DIVISIONS_KEY = "cadre_written_division_openings"  # derived from the candidates
_PUNCT_TAGS = {"w", "_SP"}
# Tags a name may be built of: nouns, proper nouns, places, organisations, nominal verbs.
_NOMINAL_TAGS = {"n", "nz", "nw", "vn", "an", "LOC", "ORG", "ns", "nt", "j", "s"}
# The longest quotation read as a name (“海外致公协会海南行暨海外投资与贸易座谈会”, “2016年度科学发展综合考核评价先进
# 县(市、区)”荣誉称号: 24 characters).
_QUOTED_NAME_CHARS = 30
_QUOTED = re.compile(rf"[“\"「『‘]([^“”\"「」『』‘’\n]{{2,{_QUOTED_NAME_CHARS}}})[”\"」』’]")
# Characters that open a clause, never a name (是创新学堂 → 创新学堂).
_FUNCTION_CHARS = set("是在的和与及对把被为从向于将并或")
# Determiners that make a place word generic (各村, 每个镇, 全市, 该区).
_DETERMINERS = set("各每全本该此其两三四五六七八九十百千万多")
# What a determiner counts divisions with (每个镇, 两个村, 多地县: many places' counties); any other character
# after a numeral makes a name (八顷村 of 驻围场县八顷村第一书记, zzc03; 三家村, 五星村: villages' own names).
_COUNT_MEASURES = frozenset({"个", "地"})
# The levels with a people's congress and a government of their own (省市县区州旗; not 盟, nor a town): the level
# word a 、-list of leadership bodies shares (省人大、政府、政协) and the one 我/本 make the home's (我省, 本市).
_GOVERNED_LEVELS = level_chars("province", "prefecture", "county")


CharSpan = tokens.CharSpan


def _chars(span: Span) -> CharSpan:
    return (span.start_char, span.end_char, span.label_)


def char_spans_to_ents(doc: Doc, spans: Iterable[CharSpan]) -> list[Span]:
    """Spans at exact character offsets, splitting backend tokens where a boundary falls inside one.

    Rules work on characters because LAC's words do not always end where a name does (科科长).
    Splitting happens once, after every rule has run, so no Span is invalidated midway.
    """
    chosen = _non_overlapping(spans)
    for start, end, _ in chosen:
        _split_at(doc, start)
        _split_at(doc, end)
    result = [doc.char_span(start, end, label=label) for start, end, label in chosen]
    return [span for span in result if span is not None]


def _non_overlapping(spans: Iterable[CharSpan]) -> list[CharSpan]:
    """Longest first; on equal length the earlier-listed (higher priority) wins."""
    listed = list(spans)
    order = sorted(range(len(listed)), key=lambda i: (listed[i][0] - listed[i][1], i))
    taken: list[CharSpan] = []
    # the taken spans' starts and ends, in order: they do not overlap, so the one starting last before a
    # candidate's end is the only one that can reach into it (one bisection, not a pass over every span)
    starts: list[int] = []
    ends: list[int] = []
    for i in order:
        start, end, label = listed[i]
        if end <= start:
            continue
        at = bisect.bisect_left(starts, end)
        if at == 0 or ends[at - 1] <= start:
            taken.append((start, end, label))
            starts.insert(at, start)
            ends.insert(at, end)
    return sorted(taken)


def _split_at(doc: Doc, char: int) -> None:
    index = tokens.token_index_at(doc, char)
    if index is not None and doc[index].idx < char:
        token = doc[index]
        cut = char - token.idx
        with doc.retokenize() as retokenizer:
            retokenizer.split(token, [token.text[:cut], token.text[cut:]], heads=[(token, 1), (token, 1)])
        tokens.forget(doc)


HOME_KEY = "home_place"  # doc.user_data: the HomePlace the paper reports on, or None
GIVEN_PLACE_KEY = "given_place"  # doc.user_data: the sidecar's place, set before the pipeline runs
HOME_COMPONENT = "cadre_home_place"  # decides the home place; a long document's sections share one


@Language.component(HOME_COMPONENT)
def home_place(doc: Doc) -> Doc:
    """Which city 市委/我市 mean in this document; place and organisation rules depend on it."""
    from cadregraph.pipeline.home import infer_home_place

    candidates = [(s.start_char, s.text) for s in doc.spans.get(CANDIDATES_KEY, []) if s.label_ != "Person"]
    doc.user_data[HOME_KEY] = infer_home_place(
        tokens.doc_text(doc), candidates, doc.user_data.get(GIVEN_PLACE_KEY)
    )
    return doc


@Language.component("cadre_backend_ner")
def backend_ner(doc: Doc) -> Doc:
    """LAC tags PER/LOC/ORG per word; they become candidate spans (labels from the entity types)."""
    spans = [
        Span(doc, i, i + 1, label=LAC_ENTITY_LABELS[tag])
        for i, tag in enumerate(tokens.tags(doc))
        if tag in LAC_ENTITY_LABELS
    ]
    _set_candidates(doc, spans)
    return doc


def _set_candidates(doc: Doc, spans: list[Span]) -> None:
    """The model's spans the entity rules filter; what was derived from earlier candidates goes with them."""
    doc.spans[CANDIDATES_KEY] = spans
    doc.user_data.pop(_WRITTEN_DIVISIONS_KEY, None)
    doc.user_data.pop(_QUOTED_SLOGANS_KEY, None)


def _is_cjk_name(text: str) -> bool:
    return bool(text) and all(is_han(ch) or ch == "·" for ch in text)


def _filter_backend(doc: Doc, span: Span) -> CharSpan | None:
    """LAC's PER/LOC/ORG spans stay as they are unless a named confusion rule rejects or relabels them.

    Issue 8: gates (a surname list, a country list, organisation suffixes) dropped about two right spans
    for every wrong one. Lists now only add or boost; each rule in `backend_confusion` has its own test
    with real sentences (tests/test_backend_confusions.py)."""
    if backend_confusion(doc, span) is not None:
        return None
    return _trimmed_or_extended(doc, span) or _relabelled(doc, span)


def _trimmed_or_extended(doc: Doc, span: Span) -> CharSpan | None:
    """The first trim (a glued word cut off) or, failing that, the first extension (a name cut short) that
    applies to the model's span; the trims run first, the tail trim after the title and county rules. A
    village's name after its township's is read whole before any trim (桂林书院/LOC 社区: no 书院 cut off)."""
    village = _village_after_township(doc, span)
    if village is not None:
        return village
    trimmed = (
        _trim_glued_dateline(doc, span)
        or _trim_credit_word(doc, span)
        or _trim_glued_function_char(doc, span)
        or _trim_gender_note(doc, span)
        or _trim_title_and_body(span)
        or _trim_former_marker(doc, span)
        or _trim_glued_common_word(doc, span)
        or _trim_glued_national_body(span)
        or _trim_party_group(doc, span)
        or _trim_glued_party_phrase(doc, span)
        or _trim_glued_locative(doc, span)
        or _trim_glued_area_part(doc, span)
        or _trim_glued_verb(doc, span)
        or _trim_appointed_glue(span)
        or _trim_counted_tail(span)
        or _trim_level_compound(doc, span)
        or _trim_title_overlap(doc, span)
        or _trim_title_after_name(span)
        or _trim_joined_body(span)
        or _trim_title_start(doc, span)
        or _trim_department_head(doc, span)
    )
    if trimmed is not None:
        return trimmed
    return (
        _name_cut_short(doc, span)
        or _appointee_surname_cut(doc, span)
        or _committee_cut_off(doc, span)
        or _strong_suffix_cut_off(doc, span)
        or _surname_glued_to_title(doc, span)
        or _trim_glued_title(span)
        or _autonomous_county_cut(doc, span)
        or _autonomous_area_cut(doc, span)
        or _first_character_cut(doc, span)
        or _division_opening_cut(doc, span)
        or _level_word_left_out(doc, span)
        or _trim_glued_tail(span)  # after the title and the county's head: they know their tails
    )


def _relabelled(doc: Doc, span: Span) -> CharSpan | None:
    """The model's span with the label a named confusion rule gives it, as it is when none applies, or None
    for a generic organisation's name the model tagged LOC."""
    text = span.text
    start, end = span.start_char, span.end_char
    if (
        span.label_ == "Person"
        and len(text) >= 3
        and (text[-1] in _place_suffix_chars() or text.endswith("街道"))
        and not _counted_persons_after(tokens.doc_text(doc), end)
    ):
        return (start, end, "Place")  # relabel: 蒲楼村 tagged PER is a village
    if (
        span.label_ == "Organization"
        and len(text) in (2, 3)
        and text[0] in _surnames()
        and longest_suffix(text, _org_suffixes()) is None
        and _title_ends_at(tokens.doc_text(doc), at := before_rank_remark(tokens.doc_text(doc), start), at)
    ):
        return (
            start,
            end,
            "Person",
        )  # relabel (a list boosts): 董事长万传军, 主任(正厅级)麦正华 tagged ORG is the title's holder
    if span.label_ == "Place" and _PHOTO_CREDIT.match(tokens.doc_text(doc), end):
        return (start, end, "Person")  # relabel: (南海生/摄)/LOC, the photographer's credit names a person
    if _unknown_place_holding_title(doc, span):
        return (start, end, "Person")  # relabel: 市人大常委会主任洛桑旦巴/LOC, is the title's holder
    held = _festival_event_end(text) if span.label_ == "Organization" else None
    if held is not None:
        return (start, start + held, "Event")  # relabel: 民政事务局新春酒会/ORG, the bureau's reception
    if _division_tagged_as_body(doc, span):
        return (start, end, "Place")  # relabel: 代表辽源、绍兴/ORG 两市政府: a division's name alone is a place
    if span.label_ == "Place" and _company_before_title(doc, span):
        return (start, end, "Organization")  # relabel: 嘉兴市海德五金/LOC 董事长瞿宏, the chairman's company
    if span.label_ == "Person" and text in world_places():
        return (start, end, "Place")  # relabel (a list boosts): 牙买加首都金斯敦, 基里巴斯总统
    if span.label_ == "Person" and _short_of_a_written_division(doc, text):
        return (start, end, "Place")  # relabel: 对石首/PER 今后的发展 in a page that writes 石首市
    if span.label_ == "Place" and (
        longest_suffix(text, _org_suffixes())
        or (text.endswith(ZONE_HEADS) and not _zone_named_division(text))
        or _ends_in_owned_body(text)
    ):
        if generic_organisation(text):
            return None  # generic_org after the relabel: 中尼两国政府
        # relabel: 中国驻埃及大使馆, 平湖经济技术开发区 (a zone opening an address is a place again at the end:
        # _zones_opening_addresses)
        return (start, end, "Organization")
    return _chars(span)


def _zone_named_division(name: str) -> bool:
    """滨海新区, 浦东新区 (e06, zzi03): a new area the state made a county-level division is a place, as the
    gazetteer holds it; a development zone it does not hold (平湖经济技术开发区) is the zone's body."""
    from cadregraph.pipeline.gazetteer import gazetteer

    return any(d.level == "county" for d in gazetteer().by_name.get(name, []))


_FESTIVAL_GAP = 2  # what may stand between the festival and the event's head: 新春|团拜|酒会


def _festival_event_end(name: str) -> int | None:
    """festival_event: 民政事务局新春酒会, 新界乡议局新春团拜酒会 (one ORG word of the model): a festival
    (event_festivals.txt) and an event's head word (event_words.txt) after it name the gathering the body
    holds, an event, not the body; the end of that head word in `name`, or None."""
    heads = word_list("event_words.txt")
    for festival in word_list("event_festivals.txt"):
        at = name.find(festival, 1)
        for gap in range(_FESTIVAL_GAP + 1) if at > 0 else ():
            head = match_word_at(name, at + len(festival) + gap, heads)
            if head is not None:
                return at + len(festival) + gap + len(head)
    return None


def _company_before_title(doc: Doc, span: Span) -> bool:
    """company_before_title: 在嘉兴市海德五金/LOC 董事长瞿宏陪同下 (seed 003): a LOC right before a title only a
    company has (company_titles.txt) that no division of the gazetteer bears and no place suffix ends names the
    company; 海宁市/LOC 董事长协会 (a division) stays a place."""
    from cadregraph.pipeline.gazetteer import gazetteer

    text = span.text
    return (
        match_word_at(tokens.doc_text(doc), span.end_char, word_list("company_titles.txt")) is not None
        and text[-1] not in _place_suffix_chars()
        and not gazetteer().lookup(text)
    )


def _ends_in_owned_body(text: str) -> bool:
    """伊犁哈萨克自治州代表总团/LOC: a body that takes its place into its name (place_owned_heads.txt) ends
    the span after that place; the span names the body."""
    head = longest_suffix(text, word_list("place_owned_heads.txt"))
    return head is not None and len(text) > len(head) and head not in _titles()


@cache
def _count_of_persons(measures: str) -> re.Pattern[str]:
    """等 and a count of persons: 房巧/n 等16人入选 (p05), 罗新辉等8人, 潘建清等14位 (measures 人名位); 等10名同志
    only (名) where the name's last character may end a place."""
    return re.compile(f"等[{CHINESE_NUMERAL_CHARS}0-9]+[{measures}]")


def _counted_persons_after(text: str, end: int) -> bool:
    """persons_counted: 会议表决通过了宁书桥/PER 等10名同志的任职议案 (n02): a name closed by 等 and a count of
    persons (名) is a person's, though its last character may end a place (桥, 庄); 蒲楼村/PER 等3个村 stays
    a village."""
    return _count_of_persons("名").match(text, end) is not None


_PHOTO_CREDIT = re.compile("[ \t\u3000]*[/／][ \t\u3000]*摄")
_HOLDER_FOLLOWERS = set("，,、；;。")


def _division_tagged_as_body(doc: Doc, span: Span) -> bool:
    """division_as_body: 分别代表辽源、绍兴/ORG 两/m 市政府: an ORG span that is a division's name the gazetteer
    knows, with no organisation head word, names the place; 云南/ORG 省委书记 (a level word and a body after it)
    opens the body's name and is left to the rules that read it. A town known only by its short form does not
    outweigh the model: 共青团/ORG (共青团镇) and 中原油田/ORG (中原油田街道) name the League and the oilfield."""
    from cadregraph.pipeline.canonical import canonical_place

    text = span.text
    if span.label_ != "Organization" or longest_suffix(text, _org_suffixes()) is not None:
        return False
    division = canonical_place(text, doc.user_data.get(HOME_KEY))[1]
    if division is None or (division.level == "town" and division.name != text):
        return False
    return not tokens.doc_text(doc).startswith(word_list("admin_prefixes.txt"), span.end_char)


def _unknown_place_holding_title(doc: Doc, span: Span) -> bool:
    """title_holder: 市委副书记、市人大常委会主任洛桑旦巴/LOC,市委副书记…: a LOC span right after a title and
    right before a list mark, that no gazetteer, country list or place suffix knows, is the title's holder
    (names not written with a Han family name: 洛桑旦巴, 斯朗尼玛); 市长/n 太原/LOC would stay a place. A LOC
    span of two or three characters opening with a family name between a title and a reporting verb
    (常务副市长吉林出席欢送会) is the holder too, whatever the gazetteer knows."""
    from cadregraph.pipeline.canonical import canonical_place

    text = span.text
    full = tokens.doc_text(doc)
    if span.label_ != "Place" or not 2 <= len(text) <= 6 or not _is_cjk_name(text):
        return False
    if not _title_ends_at(full, span.start_char, span.start_char):
        return False
    if 2 <= len(text) <= 3 and text[0] in _surnames() and _reporting_verb_at(doc, span.end_char):
        return True  # title_holder_verb: 常务副市长吉林出席欢送会 (f06): a title, a name, a reporting verb
    if full[span.end_char : span.end_char + 1] not in _HOLDER_FOLLOWERS:
        return False
    return (
        text not in world_places()
        and longest_suffix(text, word_list("place_suffixes.txt")) is None
        and canonical_place(text, doc.user_data.get(HOME_KEY))[1] is None
    )


def _reporting_verb_at(doc: Doc, char: int) -> bool:
    """A verb that follows a name in a report (name_cut_verbs.txt) starts at `char`; a one-character verb only
    as a word of its own (韩国河作/v 动员讲话, zb01; not 作为/v, 'as')."""
    verb = match_word_at(tokens.doc_text(doc), char, word_list("name_cut_verbs.txt"))
    if verb is None or len(verb) > 1:
        return verb is not None
    token = tokens.token_at(doc, char)
    return token is not None and token.idx == char and token.text == verb


def _trim_glued_title(span: Span) -> CharSpan | None:
    """glued_title: 中共陆良县委书记/ORG, 鄠邑区委书记/ORG: LAC reads the organisation and the title after
    it as one name; the organisation is the part before the title when that part ends in an organisation
    head word (the title goes to the position rules, which read the text, not this span). The title may
    carry its holder's name too (民建辽源市委会主委兰刚/ORG): glued_title_name gives the name back. A head's
    title fused over the body's head word (泰国外交部长/ORG: 外交部 and 部长) leaves the body (fused_title)."""
    cut = _glued_title_cut(span)
    return None if cut is None else (span.start_char, span.start_char + cut[0], "Organization")


def _trim_title_start(doc: Doc, span: Span) -> CharSpan | None:
    """title_start_glued: 中组部部务/ORG 委员/n 邓声明: LAC reads the first characters of a title into the body
    before it; the body ends where the title (titles.txt) that runs into the next word starts, when the part
    before ends in an organisation head word. A place the lists know before the title's start is the place
    (候任香港特/ORG 首/n 林鄭月娥, e02: 香港 and 特首). 省委/ORG 常委/n (nothing of the title in the span) stays."""
    if span.label_ != "Organization" or span.end >= len(doc):
        return None
    text, after = span.text, doc[span.end].text
    for cut in range(len(text) - 1, max(1, len(text) - 3), -1):
        body = text[:cut]
        if text[cut:] + after in _titles() and (
            longest_suffix(body, _org_suffixes()) is not None or (len(body) >= 3 and body[-1] in _BODY_HEAD_CHARS)
        ):
            return (span.start_char, span.start_char + cut, "Organization")
        if _listed_place(doc, body):  # the lists first: few spans open with a place, every span is asked
            title = longest_prefix(tokens.doc_text(doc)[span.start_char + cut : span.end_char + _TITLE_REACH], _chain_titles())
            if title is not None and len(title) > len(text) - cut:
                return (span.start_char, span.start_char + cut, "Place")  # 候任香港特/ORG 首林/n: 香港 and 特首
    return None


_TITLE_REACH = 4  # how far past a span a title that starts inside it may run (香港特|首: 特首)


@cache
def _chain_titles() -> tuple[str, ...]:
    """The title chain's heads (title_chain.title_table), longest first, for a title opening inside a span."""
    return longest_first(title_table())


_BODY_HEAD_CHARS = "部委办局厅署"  # 中组部, 国资委: a short form's head, which org_suffixes.txt lists in longer words


def _glued_title_cut(span: Span) -> tuple[int, int] | None:
    """Where the organisation ends and where the title after it ends, in an ORG span that glues them (and
    perhaps a 2-3 character name opening with a family name after the title). LAC tags such a run LOC too
    (山东日照市委常委、东港区委书记/LOC): a body and its title are no place either way."""
    text = span.text
    if span.label_ not in ("Organization", "Place"):
        return None
    for cut in range(2, len(text) - 1):
        if not longest_suffix(text[:cut], _org_suffixes()):
            continue
        for title_end in range(len(text), cut + 1, -1):
            name = text[title_end:]
            if text[cut:title_end] in _titles() and (
                not name or (2 <= len(name) <= 3 and _is_cjk_name(name) and name[0] in _surnames())
            ):
                return cut, title_end
    if len(text) >= 4 and _HEAD_OF.fullmatch(text[-2:]) and text[-2:] in _titles() and text[-2] in _org_head_chars():
        return len(text) - 1, len(text)  # fused_title: 泰国外交部长/ORG is 泰国外交部 and 部长 sharing its 部
    return None


_HEAD_OF = re.compile(".长")  # 部长, 局长, 院长: the head of the body its first character ends (not 委员)


@cache
def _org_head_chars() -> frozenset[str]:
    """The last characters of the organisation head words (部 of 组织部, 局, 院): the one a fused title (部长,
    局长, 院长) shares with the body it heads."""
    return frozenset(suffix[-1] for suffix in _org_suffixes())


def _glued_title_names(doc: Doc) -> list[CharSpan]:
    """glued_title_name: 民建辽源市委会主委兰刚/ORG: the name after the glued title is a person."""
    found: list[CharSpan] = []
    for span in doc.spans.get(CANDIDATES_KEY, []):
        cut = _glued_title_cut(span)
        if cut is not None and cut[1] < len(span.text):
            found.append((span.start_char + cut[1], span.end_char, "Person"))
    return found


def _autonomous_county_cut(doc: Doc, span: Span) -> CharSpan | None:
    """autonomous_cut: 中共沧源佤族自治/ORG 县委书记, 中共石林彝族/ORG 自治县委书记: LAC ends the name of an
    autonomous county's party committee at 自治 or at the people's name; the name runs on to 县委/州委/旗委."""
    if span.label_ != "Organization" or not span.text.endswith(("自治", "族")):
        return None
    after = tokens.doc_text(doc)[span.end_char : span.end_char + 4]
    heads = ("县委", "州委", "旗委") if span.text.endswith("自治") else ("自治县委", "自治州委", "自治旗委")
    head = next((h for h in heads if after.startswith(h)), None)
    if head is None:
        return None
    return (span.start_char, span.end_char + len(head), "Organization")


_AUTONOMOUS_AREAS = ("自治州", "自治县", "自治旗")  # below a province (自治区 is one: _BARE_AUTONOMOUS)


def _autonomous_area_cut(doc: Doc, span: Span) -> CharSpan | None:
    """autonomous_area_cut: 伊犁/LOC 哈萨克自治州/LOC 党委书记: LAC cuts an autonomous area's name before the
    people's name; the place written right before it and the rest are one name when the gazetteer knows the
    whole (伊犁哈萨克自治州). 云南/LOC 哈尼族彝族自治州 (no such division) stays two places."""
    from cadregraph.pipeline.canonical import canonical_place

    if span.label_ != "Place" or not span.text.endswith(_AUTONOMOUS_AREAS) or span.start == 0:
        return None
    before = doc[span.start - 1]
    if before.tag_ != "LOC" or not _is_cjk_name(before.text):
        return None
    name = before.text + span.text
    if canonical_place(name, doc.user_data.get(HOME_KEY))[1] is None:
        return None
    return (before.idx, span.end_char, "Place")


def _autonomous_short_form(name: str, home: HomePlace | None) -> bool:
    """围场县, 恩施州: an autonomous division written by its short name and its level word (the gazetteer
    lists only 围场满族蒙古族自治县 and the bare short form 围场)."""
    from cadregraph.pipeline.canonical import canonical_place

    division = canonical_place(name, home)[1]
    return division is not None and division.name != name and "自治" in division.name


def _first_character_cut(doc: Doc, span: Span) -> CharSpan | None:
    """first_char_cut: 准/LOC 格尔旗/LOC 按照…, 四川省|内/LOC 江市/LOC (省内 read as a word), 丰都县栗子乡|双/m
    石磙村/LOC: LAC cuts off a division's first character as a word of its own; one character before the span
    and the span are one name when the gazetteer knows the whole and not the rest alone (内江市, not 江市), or,
    for a village, when the whole is a village of the place written before it and the rest is none (栗子乡's
    双石磙村). 在/p 江西 (在江西 no division) and 市委/n 书记 stay as they are."""
    from cadregraph.pipeline.canonical import canonical_place
    from cadregraph.pipeline.gazetteer import gazetteer

    if span.label_ != "Place" or span.start == 0:
        return None
    before = doc[span.start - 1]
    if _numeral_opened_village(doc, span):
        return (before.idx, span.end_char, "Place")
    if len(before.text) != 1 or not is_han(before.text) or before.text in _FUNCTION_CHARS:
        return None
    joined = (before.idx, span.end_char, "Place")
    name = before.text + span.text
    places = gazetteer()
    home = doc.user_data.get(HOME_KEY)
    within = home.division if home else None
    if places.resolve(span.text, within) is None and places.resolve(name, within) is not None:
        return joined
    if canonical_place(span.text, home)[1] is None and _autonomous_short_form(name, home):
        return joined  # 驻|围/LOC 场县/LOC (zzc03): 围场县, the autonomous county's usual short form
    owner = doc[span.start - 2] if span.start >= 2 else None
    if owner is None or owner.tag_ != "LOC":
        return None
    return joined if _joined_is_village_of(owner.text, name, span.text) else None


_CITY_OR_COUNTY_LEVELS = level_chars("prefecture", "county")  # 市, 县, 区, 州, 旗: what ends 离石区


def _division_opening_cut(doc: Doc, span: Span) -> CharSpan | None:
    """division_opening_cut: 现任离/v 石区委/ORG 副书记 (zq01): LAC cuts off the first character of the county or city
    that opens a body's name (alone, or the last character of the word before); that character and the span
    are one body when a division's full name (离石区) runs from it into the span and the part inside the span
    (石区) opens with none. A span that opens with a division of its own (江西省委 after 在) is left as it is."""
    from cadregraph.pipeline.gazetteer import gazetteer

    if span.label_ != "Organization" or span.start == 0 or len(span.text) < 3:
        return None
    cut_off = doc[span.start - 1].text[-1]
    if not is_han(cut_off) or _opens_with_division(span.text):
        return None
    places = gazetteer()
    for length in range(2, min(5, len(span.text))):
        opening = cut_off + span.text[:length]
        if opening[-1] in _CITY_OR_COUNTY_LEVELS and any(
            d.level in ("city", "county") for d in places.by_name.get(opening, [])
        ):
            return (span.start_char - 1, span.end_char, "Organization")
    return None


def _joined_is_village_of(owner: str, joined: str, rest: str) -> bool:
    """The gazetteer holds `joined` as a division under a place called `owner` and not `rest` alone: the piece the
    model cut off before `rest` is the start of its name (栗子乡's 双石磙村, 阳原县's 四十亩滩村)."""
    from cadregraph.pipeline.gazetteer import gazetteer

    places = gazetteer()
    parents = places.lookup(owner)

    def under_owner(text: str) -> bool:
        return any(p in child.chain[1:] for p in parents for child in places.lookup(text, p))

    return under_owner(joined) and not under_owner(rest)


def _numeral_opened_village(doc: Doc, span: Span) -> bool:
    """numeral_village: 阳原县|四十亩/m 滩村/LOC (zzc03), 宁城县|三家/m 村/LOC: a village whose name opens with a
    count reaches LAC as a number and the rest; the two are one village when the gazetteer holds the whole as a
    village of the place written right before it and not the rest (四十亩滩村 of 阳原县, not 滩村)."""
    before = doc[span.start - 1]
    if before.tag_ != "m" or not 2 <= len(before.text) <= 3 or not all(is_han(ch) for ch in before.text):
        return False
    if span.start < 2 or doc[span.start - 2].tag_ != "LOC":
        return False
    return _joined_is_village_of(doc[span.start - 2].text, before.text + span.text, span.text)


_LEFT_OUT_LEVELS = level_words("village")  # 社区, 村


def _level_word_left_out(doc: Doc, span: Span) -> CharSpan | None:
    """level_word_left_out: 三华/LOC 社区/n 后备干部 (q04): LAC tags a community's or a village's name and leaves
    its level word out as a noun of its own; the name and the level word are one place. A division the
    gazetteer knows by the span alone (平湖/LOC 村/n 干部: the city's villages) or a span that already ends in a
    level word stays as it is; so does a region (长三角社区治理, 京津冀社区: regions.txt, countries.txt) or a
    province's part by its compass (苏南村干部: a place abbreviation and 东南西北), whose communities those are."""
    from cadregraph.pipeline.canonical import canonical_place

    if span.label_ != "Place" or span.end >= len(doc) or not _is_cjk_name(span.text):
        return None
    if _names_a_region(span.text):
        return None
    after = doc[span.end]
    if after.text not in _LEFT_OUT_LEVELS or after.tag_ != "n":
        return None
    if longest_suffix(span.text, word_list("division_levels.txt")) is not None:
        return None
    if canonical_place(span.text, doc.user_data.get(HOME_KEY))[1] is not None:
        return None
    return (span.start_char, after.idx + len(after.text), "Place")


def _village_after_township(doc: Doc, span: Span) -> CharSpan | None:
    """village_after_township: 来凤县百福司镇|桂林书院/LOC 社区/n (zzs06, an honour list's address): right after a
    township's name, a place the model read, maybe one noun, then 社区 or 村 is a community's or a village's
    name, though the span alone names a city elsewhere (桂林市); a township's village needs no gazetteer."""
    if span.label_ != "Place" or span.start == 0 or not _is_cjk_name(span.text):
        return None
    township = doc[span.start - 1]
    if longest_suffix(township.text, level_words("township")) is None or township.tag_ != "LOC":
        return None
    end = span.end
    noun = doc[end] if end + 1 < len(doc) else None
    if noun is not None and noun.text not in _LEFT_OUT_LEVELS and noun.tag_ in _NOUN_TAGS and len(noun.text) <= 3:
        end += 1  # 书院 of 桂林书院社区
    if end >= len(doc) or doc[end].text not in _LEFT_OUT_LEVELS:
        return None
    return (span.start_char, doc[end].idx + len(doc[end].text), "Place")


_NOUN_TAGS = frozenset({"n", "nz"})


def _names_a_region(name: str) -> bool:
    """长三角, 京津冀 (regions.txt), 中国 (countries.txt), 苏南, 浙北 (a place abbreviation and a compass point)."""
    return (
        name in word_list("regions.txt")
        or name in word_list("countries.txt")
        or (len(name) == 2 and name[0] in word_list("place_abbreviations.txt") and name[1] in "东南西北")
    )


_NAME_LIST_MARKS = set("、，,；;)）")


def _name_cut_short(doc: Doc, span: Span) -> CharSpan | None:
    """name_cut_short: LAC cuts a three-character name after its second character when the third reads as
    a word of its own (黄选/PER 能/v 、, 张义/PER 中/f ,). A two-character name opening with a family name,
    followed by one character and then a comma, a list mark or a reporting verb (程步/PER 一/d 出席), is the
    whole name; words that do follow names there (张三说, 李四等) are listed in name_cut_stops.txt."""
    if span.label_ != "Person" or len(span.text) != 2 or span.text[0] not in _surnames():
        return None
    if span.end >= len(doc) or span.end + 1 >= len(doc):
        return None
    tail, after = doc[span.end], doc[span.end + 1]
    if len(tail.text) != 1 or not is_han(tail.text) or tail.tag_ in LAC_ENTITY_LABELS:
        return None
    if word_table("name_cut_stops.txt").get(tail.text) == "joins":
        return (span.start_char, span.end_char + 1, "Person") if _joins_nothing(doc, span.end + 1) else None
    if tail.text in word_list("name_cut_stops.txt") or (
        after.text not in _NAME_LIST_MARKS and after.text not in word_list("name_cut_verbs.txt")
    ):
        return None
    return (span.start_char, span.end_char + 1, "Person")


def _joins_nothing(doc: Doc, index: int) -> bool:
    """A conjunction read after a name joins it to nothing when a reporting verb follows it (洪礼/PER 和/c 主持会议, zq07)
    or a title with no name after it (蔡建/PER 和/c 副部长/n 的, zzp04): the character ends the name. A title with
    a name after it (张三和副市长李四) is the next person of a list."""
    after = doc[index]
    if after.text.startswith(tuple(word_list("name_cut_verbs.txt"))):
        return True  # 主持/v, or 主持会议/v as one word
    if after.text not in _titles():
        return False
    return index + 1 < len(doc) and doc[index + 1].tag_ != "PER" and doc[index + 1].text not in _NAME_LIST_MARKS


def _appointee_surname_cut(doc: Doc, span: Span) -> CharSpan | None:
    """appointee_surname_cut: 决定于/p 海田/PER 为济南市人民政府代理市长 (zzn08): after a verb that names whom a notice
    appoints or removes (appointments.toml object verbs, and 决定), a family name the model read as a
    preposition or alone, then a two-character name and 为 or 的 (…职务), is one name (于海田)."""
    if span.label_ != "Person" or len(span.text) != 2 or span.start < 2 or span.end >= len(doc):
        return None
    first, verb, after = doc[span.start - 1], doc[span.start - 2], doc[span.end]
    if len(first.text) != 1 or first.tag_ not in {"p", "PER"} or first.text not in _surnames():
        return None
    if after.text[:1] not in _APPOINTEE_ENDS or verb.text not in _appointing_verbs():
        return None
    return (first.idx, span.end_char, "Person")


_APPOINTEE_ENDS = frozenset("为的")


@cache
def _appointing_verbs() -> frozenset[str]:
    """The verbs a notice writes right before whom it appoints or removes (任命, 免去, 决定)."""
    from cadregraph.pipeline.appointments import notice_patterns

    patterns = notice_patterns()
    return frozenset({*patterns.object_verbs, *patterns.object_removal_verbs, "决定"})


def _committee_cut_off(doc: Doc, span: Span) -> CharSpan | None:
    """committee_cut_off: 云南/ORG 省委书记/n, 临高/ORG 县委书记/n (zr08): LAC tags a division's name ORG and
    reads its party committee's 省委 into the title's word; the name and the level word with 委 are the
    committee's name (云南省委), which the title chain reads as the body too; with the party's prefix (中共陆良/ORG
    县委书记, 中共/ORG 鞍山/LOC 市委书记: 中共陆良县委, 中共鞍山市委) as well. A span the gazetteer knows no division
    by, or whose division's level word does not follow (云南/ORG 大学), stays as it is."""
    from cadregraph.pipeline.canonical import PARTY_PREFIX, canonical_place

    if span.label_ != "Organization":
        return None
    text, name, end = tokens.doc_text(doc), span.text.removeprefix(PARTY_PREFIX), span.end_char
    if not name and span.end < len(doc) and doc[span.end].tag_ == "LOC":
        # 中共/ORG 鞍山/LOC 市委书记/n: the party's prefix, the division, its committee read into the title
        name, end = doc[span.end].text, span.end_char + len(doc[span.end].text)
    if not name or not text.startswith(_COMMITTEE, end + 1):
        return None  # no 委 after one level character: most ORG spans, without a gazetteer lookup
    division = canonical_place(name, doc.user_data.get(HOME_KEY))[1]
    if division is None or division.name == name:
        return None
    committee = division.name[-1] + _COMMITTEE
    if not text.startswith(committee, end):
        return None
    return (span.start_char, end + len(committee), "Organization")


_COMMITTEE = "委"  # 省委, 县委: a division's level word and 委 name its party committee


def _strong_suffix_cut_off(doc: Doc, span: Span) -> CharSpan | None:
    """strong_suffix_cut_off: 南平军/ORG 分区/n 司令员, 县人大/ORG 常委会: LAC ends an organisation's span inside a
    strong head word of org_suffixes.txt (军分区, 人大常委会); the span and the next word, when together they end
    in that head word and it starts inside the span, are the body's name. A weak head (局, 办) or a head the span
    already ends in (XX大学/ORG 党委) extends nothing."""
    if span.label_ != "Organization" or span.end >= len(doc):
        return None
    after = doc[span.end].text
    head = longest_suffix(span.text + after, _strong_org_heads())
    if head is not None and len(head) > len(after):
        return (span.start_char, doc[span.end].idx + len(after), "Organization")
    return None


@cache
def _strong_org_heads() -> tuple[str, ...]:
    """The strong head words of org_suffixes.txt, read once (every model ORG span is asked about them)."""
    return tuple(head for head, strength in word_table("org_suffixes.txt").items() if strength == "strong")


def _trim_department_head(doc: Doc, span: Span) -> CharSpan | None:
    """department_head_glued: 领事/n 司宫晓冬/PER 参赞, 经济/n 司肖南/PER 参赞 (zg06): in the courteous order
    (department, name, title) the model reads the department's last character (司, 局, 厅: title_chain.toml
    fused_department_heads) into the name when it is also a family name. A person of three or four characters
    right after a noun, opening with such a character, then a family name, with a title right after it, is the
    rest; a name after a word the character does not complete (农民司小红说) or with no title after it stays."""
    name = span.text
    if span.label_ != "Person" or not 3 <= len(name) <= 4 or span.start == 0 or span.end >= len(doc):
        return None
    if name[0] not in chain_grammar().fused_department_heads or name[1] not in _surnames():
        return None
    before = doc[span.start - 1]
    if before.idx + len(before.text) != span.start_char or before.tag_ not in _DEPARTMENT_WORD_TAGS:
        return None
    if doc[span.end].text not in title_table():
        return None
    return (span.start_char + 1, span.end_char, "Person")


_DEPARTMENT_WORD_TAGS = frozenset({"n", "an", "vn", "nz", "ORG"})  # 领事/n, 安全/an, 外管/ORG: a department's word


def _surname_glued_to_title(doc: Doc, span: Span) -> CharSpan | None:
    """surname_glued_to_title: 行政长/a 官林/n 郑月娥/PER, 香港特/ORG 首林/n 郑月娥/PER: after a title (行政长官, 特首)
    the model reads the name's first family name into the title's word and the rest (a second family name and
    the given name: a married name, 林郑月娥, 范徐丽泰) as the name. A three-character person right after a
    family-name character that the model glued to the end of a title is one name with it. A character the
    model reads as a word of its own (主任/n 向/p 李明华), or one that ends a longer title (秘书长), is not glued."""
    text = tokens.doc_text(doc)
    start = span.start_char
    if span.label_ != "Person" or len(span.text) != 3 or span.start == 0:
        return None
    if text[start - 1] not in _surnames() or span.text[0] not in _surnames():
        return None  # a married name: two family names, then the given name
    glued = doc[span.start - 1]
    if len(glued.text) < 2 or glued.idx + len(glued.text) != start or text[start - 1] in _GLUED_BEFORE:
        return None
    if not any(text[s : start - 1] in title_table() for s in range(max(0, start - 7), start - 2)):
        return None
    if any(text[s:start] in title_table() for s in range(max(0, start - 7), start - 1)):
        return None  # 秘书长/n 张三丰: the character ends a longer title (秘书 and 长 of 秘书长)
    return (start - 1, span.end_char, "Person")


@cache
def _titles() -> frozenset[str]:
    """Titles (书记, 镇长, 董事长) and their deputy forms, from the title lexicon."""
    titles = set(word_table("titles.txt"))
    return frozenset(titles | {"副" + t for t in titles})


def _title_suffixes(text: str) -> list[str]:
    """The titles of the chain lexicon (two characters or more) that end `text` after a one-character first
    part (司长 of 司司长, 主任 of 姚主任); a longer first part may be a name the title is glued to."""
    return [text[1:]] if len(text) >= 3 and text[1:] in title_table() else []


_REDUPLICATED_VERB = re.compile(r"(.)一\1")


def _acting_title_at(text: str, pos: int) -> bool:
    """代省长, 副市长 starts at pos: an acting (代) or deputy (副) modifier and a title after it."""
    if text[pos : pos + 1] not in {"代", "副"}:
        return False
    return any(text[pos + 1 : pos + 1 + n] in _titles() for n in (2, 3, 4))


def _title_glued_name(span: Span) -> CharSpan | None:
    """The name after the first character of a PER span, when it is two or three Han characters: 副区|长颉喜东
    (LAC: 副区/n 长颉喜东/PER) is the title's last character and the whole name."""
    rest = span.text[1:]
    if span.label_ != "Person" or not 2 <= len(rest) <= 3 or not all(is_han(ch) for ch in rest):
        return None
    return (span.start_char + 1, span.end_char, "Person")


def _trim_title_after_name(span: Span) -> CharSpan | None:
    """name_glued_title: 柳学全主委/PER 出席 (zv01): LAC glued the title written after a name into the name; a PER
    span that is a two- or three-character name opening with a family name, then a whole title of two
    characters or more, is the name (the position rules read the title from the text)."""
    text = span.text
    if span.label_ != "Person" or not 4 <= len(text) <= 7 or not all(is_han(ch) for ch in text):
        return None
    for cut in (2, 3):
        # 习总书记: 总书记 (an honorific) is the title and 习 no whole name: no cut falls inside a longer title
        longer = text[cut - 1 :]
        if (
            text[cut:] in _titles()
            and longer not in _titles()
            and longer not in word_list("name_honorifics.txt")
            and text[0] in _surnames()
        ):
            return (span.start_char, span.start_char + cut, "Person")
    return None


def _trim_joined_body(span: Span) -> CharSpan | None:
    """name_joined_body: 万明云和市中级人民法院/PER (zzx02): LAC read a name, the conjunction 和 and the organisation
    it joins (市人民政府副市长万明云和市中级人民法院、…列席) as one name; the span is the name (_name_joined_to_body),
    and _organisation_spans reads the organisation after 和."""
    cut = _name_joined_to_body(span.text) if span.label_ == "Person" else None
    return (span.start_char, span.start_char + cut, "Person") if cut is not None else None


def _name_joined_to_body(word: str) -> int | None:
    """Where the name ends in a word of a name, 和 and an organisation (万明云|和市中级人民法院): the part before 和 is
    a two- to four-character name opening with a family name, the part after it three characters or more ending with
    an organisation's head word (法院, 人民检察院); None for any other word (朱永和, 李明和平)."""
    if len(word) < 6 or not all(is_han(ch) for ch in word) or word[0] not in _surnames():
        return None
    for cut in (2, 3, 4):
        body = word[cut + 1 :]
        if word[cut] == _JOINER and len(body) >= 3 and longest_suffix(body, _org_suffixes()) is not None:
            return cut
    return None


_JOINER = "和"


def _trim_title_overlap(doc: Doc, span: Span) -> CharSpan | None:
    """title_glued_name: a PER span whose first character ends a title written before it, and whose rest is a
    whole name (副区|长颉喜东: 副区长 and 颉喜东), is the name; with one character left (镇|长桂|小辉) the span
    is the model's cut across the title and title_overlap rejects it."""
    if not _title_ends_at(tokens.doc_text(doc), span.start_char + 1, span.start_char):
        return None
    return _title_glued_name(span)


def _title_ends_at(text: str, end: int, before: int) -> bool:
    """A title ends at `end` and starts before `before` (镇长 ends one character into 长桂)."""
    return any(text[s:end] in _titles() for s in range(max(0, end - 5), before))


def backend_confusion(doc: Doc, span: Span) -> str | None:
    """The name of the confusion rule that rejects this backend span, or None (the span stays).

    Each rule's name and what it rejects: pipeline/data/nlp/confusion_rules.toml.
    """
    text = span.text
    label = span.label_
    if len(text.strip()) < 2 and not _city_one_char_form(doc, span):
        return "too_short"
    if _NUMERAL_NAME.fullmatch(text) or (
        label != "Person" and (_ROOM_NUMBER.search(text) or _HAN_NUMERAL.fullmatch(text))
    ):
        return "numeral"
    if label != "Person" and _measure_after_numeral(tokens.doc_text(doc), span.start_char):
        return "measure_after_numeral"
    if any(word in word_list(stoplist) for stoplist in _STOPLISTS.values() for word in _stop_forms(span)):
        return "stoplisted"  # also with one character glued on: 中涅槃 (“破茧成蝶”中涅槃升华)
    if label == "Person" and (rule := _person_confusion(doc, span)) is not None:
        return rule
    if _joined_abbreviations(text):
        return "joined_abbreviations"
    if label == "Place" and (rule := _place_confusion(doc, span)) is not None:
        return rule
    if _idiom_overlap(tokens.doc_text(doc), span.start_char, span.end_char):
        return "idiom_overlap"
    if label != "Person" and (_quoted_slogan(doc, span) or text in _quoted_slogans(doc)):
        return "quoted_slogan"
    if label == "Organization" and (rule := _organisation_confusion(tokens.doc_text(doc), span)) is not None:
        return rule
    if label != "Person" and _in_web_address(tokens.doc_text(doc), span.start_char, span.end_char):
        return "web_address"
    if label == "Place" and _generic_place_here(doc, span):
        return "generic_place"
    if label == "Place" and _inside_longer_name(tokens.doc_text(doc), span.end_char, text):
        return "inside_longer_name"
    return None


def _city_one_char_form(doc: Doc, span: Span) -> bool:
    """city_one_char_form: 中央文明办在/p 京/LOC 召开/v (s05), 圆满完成在/p 京/LOC 挂职锻炼任务离/v 京/LOC (c06): the model's
    LOC word of one character that city_one_char_forms.txt lists, right after a word of being or going there, is
    the city (the genre's 在京, 来京, 离京: city_form_verbs.txt); elsewhere one character stays too short (京/LOC 津/LOC 冀 joined)."""
    return (
        span.label_ == "Place"
        and span.start > 0
        and span.text in word_table("city_one_char_forms.txt")
        and doc[span.start - 1].text in word_set("city_form_verbs.txt")
    )


def _person_confusion(doc: Doc, span: Span) -> str | None:
    """The confusion rules of backend_confusion that only a person's span meets (their names are listed there)."""
    text = span.text
    if not HAN_CHAR.search(text):
        return "latin_fragment"
    if len(text) == 2 and text.startswith(("小", "老")):
        return "nickname"
    if _title_suffixes(text):
        return "role_word"
    if _REDUPLICATED_VERB.fullmatch(text):
        return "reduplicated_verb"
    if _title_ends_at(tokens.doc_text(doc), span.start_char + 1, span.start_char) and _title_glued_name(span) is None:
        return "title_overlap"
    if len(text) == 2 and _acting_title_at(tokens.doc_text(doc), span.end_char - 1):
        return "acting_title"
    if len(text) == 2 and _listed_with_common_words(doc, span):
        return "common_word_list"
    return None


def _short_of_a_written_division(doc: Doc, name: str) -> bool:
    """division_short_form: 干部能力问题是鄠邑/PER 发展的根本问题, 对石首/PER 今后的发展 (b05, g04): a two-character
    PER that the document also writes with a county or city level word (鄠邑区, 石首市), the gazetteer's short name
    of that division, is the place."""
    from cadregraph.pipeline.gazetteer import gazetteer

    if len(name) != 2:
        return False
    written = _written_division_names(tokens.doc_text(doc))
    for level in level_chars("prefecture", "county"):
        if name + level in written:
            division = gazetteer().resolve(name + level)
            if division is not None and division.name == name + level and division.short == name:
                return True
    return False


@lru_cache(maxsize=4)
def _written_division_names(text: str) -> frozenset[str]:
    """Every two characters and a city or county level word after them (石首市, 鄠邑区) that the text writes,
    collected once per document for _short_of_a_written_division."""
    levels = level_chars("prefecture", "county")
    return frozenset(text[at - 2 : at + 1] for at, ch in enumerate(text) if ch in levels and at >= 2)


def _listed_with_common_words(doc: Doc, span: Span) -> bool:
    """common_word_list: 自治、法治、德治/PER 相结合, 城管、卫健/PER、投资: a two-character PER in a 、-list whose
    nearest items (up to two on each side, one word each) are words the model reads as no name, one of them
    a verb or a common word (jionlp's dictionary), is a word of the same kind; a name listed beside names the
    model tagged (姚田宝、柯卫明) or beside words it reads as plain nouns only keeps its reading."""
    from cadregraph.pipeline.lexicons import common_words

    text = tokens.doc_text(doc)
    starts, ends = tokens.TokensByOffset(doc), tokens.TokensByOffset(doc, by_end=True)
    seen = _list_items_seen()
    items: list[Token] = []
    at = span.start_char
    while len(items) < seen and text[at - 1 : at] == "、" and (token := ends.get(at - 1)) is not None:
        items.append(token)
        at = token.idx
    at = span.end_char
    while len(items) < 2 * seen and text[at : at + 1] == "、" and (token := starts.get(at + 1)) is not None:
        items.append(token)
        at = token.idx + len(token.text)
    return (
        len(items) >= seen
        and all(t.tag_ not in _LIST_NAME_TAGS for t in items)
        and any(t.tag_ in _LIST_VERB_TAGS or t.text in common_words() for t in items)
    )


@cache
def _list_items_seen() -> int:
    """confusion_rules.toml [tunables] common_word_list_items."""
    from cadregraph.pipeline.resources import data_toml

    return int(data_toml("nlp", "confusion_rules.toml")["tunables"]["common_word_list_items"])


_LIST_VERB_TAGS = frozenset({"v", "vn", "vd"})
_LIST_NAME_TAGS = tokens.NAMED_TAGS | {"PER", "nr", "nz", "nw"}


def _stop_forms(span: Span) -> tuple[str, ...]:
    """The forms of a span looked up in the stoplists: itself, and with one character glued on at either end
    (中涅槃). Not the given name of a PER span of three characters that opens with a family name: 陈全国, 张铁军
    are names whose given name is a common word (全国, 铁军), not a stop word with a character glued on."""
    text = span.text
    if span.label_ == "Person" and len(text) == 3 and text[0] in _surnames():
        return (text, text[:-1])
    return (text, text[1:], text[:-1])


def _place_confusion(doc: Doc, span: Span) -> str | None:
    """The rules of backend_confusion that only a LOC span can break (its table says what each rejects)."""
    text = span.text
    if _abbreviates_written_places(doc, text):
        return "abbreviated_places"
    if _division_slogan(doc, text):
        return "division_slogan"
    if _slogan_phrase(doc, span):
        return "slogan_phrase"
    if _in_peoples_list(tokens.doc_text(doc), span.start_char, span.end_char):
        return "peoples_list"
    if _EPITHET.search(text):
        return "epithet"
    if _cut_across_a_word(doc, span):
        return "cut_across_word"
    if _era_name(doc, span):
        return "era_name"
    if _direction_of_a_place(doc, span):
        return "direction_of_place"
    if _figurative_bridge(doc, span):
        return "figurative_bridge"
    if _branch_store(doc, span):
        return "branch_store"
    if len(text) == 2 and text[0] == _STATIONED:
        return "stationed_abbreviation"
    return None


def _direction_of_a_place(doc: Doc, span: Span) -> bool:
    """direction_of_place: 饶河县地处黑龙江省/LOC 东北/LOC 边陲 (p03): directions only (东北, 西南) right after a
    place the model tags are a part of that place (its north-east), no region of their own; 东北/LOC 地区 after
    a verb (振兴东北) stays the region."""
    return (
        span.start > 0
        and len(span.text) == 2
        and set(span.text) <= _COMPASS - {"中", "部"}
        and doc[span.start - 1].tag_ == "LOC"
    )


_BRANCH_WORDS = ("分店", "店")


def _branch_store(doc: Doc, span: Span) -> bool:
    """branch_store: 国际饭店、上海书城福州路/LOC 店、泰康之家… (s07): a place right after a name and right before
    店 (分店) that closes the name names the branch of a shop (品牌 + 地名 + 店, as shops name their branches);
    the place is inside the body's name, no place of its own. 在福州路开店 (a verb before 店) and 福州路店铺 (a
    longer word) stay places."""
    text = tokens.doc_text(doc)
    end = span.end_char
    branch = next((w for w in _BRANCH_WORDS if text.startswith(w, end)), None)
    if branch is None or span.start == 0 or doc[span.start - 1].tag_ in _PUNCT_TAGS | _VERB_TAGS:
        return False
    after = end + len(branch)
    return after >= len(text) or not is_han(text[after])


_BRIDGE = "桥"
_CLAUSE_MARKS = "，,。；;！？!?：:\n"


def _figurative_bridge(doc: Doc, span: Span) -> bool:
    """figurative_bridge: 为藏区干部群众沟通交流搭建的连心桥/LOC (u04): a bridge that a verb of putting one up
    (bridge_verbs.txt: 搭建, 架起; 架起政企沟通桥梁 in seed 003, 架起友谊的桥梁 in h07) builds earlier in the same
    clause is the genre's figure for a tie between people, no place. A bridge a place list or the gazetteer
    knows stays, and so does one no such verb puts up (车辆途经连心桥), and one the verb does not put up
    itself: the verb must stand right before the bridge (搭建的, 架起了一座); 为搭建交流平台车辆途经南京长江大桥
    builds a platform, and the bridge stays a place."""
    if not span.text.endswith(_BRIDGE) or _listed_place(doc, span.text):
        return False
    text = tokens.doc_text(doc)
    opening = max(text.rfind(mark, 0, span.start_char) for mark in _CLAUSE_MARKS) + 1
    return _bridge_building().search(text[opening : span.start_char]) is not None


@cache
def _bridge_building() -> re.Pattern[str]:
    """A verb of bridge_verbs.txt that ends the words before the bridge: 搭建的, 架起了一座, 筑起一道."""
    verbs = "|".join(sorted(map(re.escape, word_list("bridge_verbs.txt")), key=len, reverse=True))
    return re.compile(f"(?:{verbs})[了起好]?(?:一座座|一座|一道)?的?$")


_ERA_MARKS = frozenset({"新", "旧"})
_ERA_COUNTRY = "中国"  # 新中国, 旧中国: fixed names of the state's eras; 新西藏, 新上海 describe the place itself


def _era_name(doc: Doc, span: Span) -> bool:
    """era_name: 颁发新/a 中国/LOC 成立60周年纪念章, 畅谈新中国发展史: 新中国 (the PRC since 1949) and 旧中国 are
    fixed names of the country's eras, no place the article is about (gold: l08's note); new or old before
    another place (建设新/a 西藏) describes that place, 刷新/v 中国 (新 inside a verb) keeps the country, and so
    does 讲述“新旧/a 西藏”对比故事."""
    if span.start == 0 or span.text != _ERA_COUNTRY:
        return False
    before = doc[span.start - 1]
    return before.text in _ERA_MARKS and before.tag_ == "a"


def _cut_across_a_word(doc: Doc, span: Span) -> bool:
    """cut_across_word: 民主党|派州(市)级, 往|后方, 论坛|暨村: a LOC span whose first character ends a
    dictionary word or that opens with a conjunction (places_words.crosses_a_word), unless a list knows it
    (当选美国总统: 选美 is a word, 美国 a country)."""
    after_place = span.start > 0 and doc[span.start - 1].tag_ == "LOC"
    if crosses_a_word(tokens.doc_text(doc), span.start_char, span.end_char, after_place) is None:
        return False
    return not _listed_place(doc, span.text)


def _listed_place(doc: Doc, name: str) -> bool:
    """canonical.listed_place from the document's home place."""
    return listed_place(name, doc.user_data.get(HOME_KEY))


_EPITHET = re.compile(f"[{HAN}]之[{HAN}]$")  # 长寿之乡, 鱼米之乡, 能源之都: 之 joins a quality to a kind of place


_PHRASE = 4  # a slogan's phrase: four characters (团结协作, 比翼双飞)


def _slogan_phrase(doc: Doc, span: Span) -> bool:
    """slogan_phrase: 广深“双城联动、比翼双飞”, 围绕团结协作、和谐共进的主题: a LOC span inside a four-character
    phrase that a 、 joins to another four-character phrase is a slogan's word, when no gazetteer, country or
    region list knows it and it ends in no place suffix (江苏、浙江 are known; 阿穆尔州 ends in 州)."""
    text = tokens.doc_text(doc)
    name = span.text
    if (
        len(name) > _PHRASE
        or _listed_place(doc, name)
        or longest_suffix(name, word_list("place_suffixes.txt")) is not None
    ):
        return False

    def han_run(at: int) -> bool:  # text[at:at + 4] is four Han characters
        return at >= 0 and at + _PHRASE <= len(text) and all(is_han(ch) for ch in text[at : at + _PHRASE])

    def ends(at: int) -> bool:  # no Han character after text[at - 1] but 的 (…和谐共进的主题)
        return at >= len(text) or not is_han(text[at]) or text[at] == "的"

    for at in range(max(0, span.end_char - _PHRASE), span.start_char + 1):
        if not han_run(at):
            continue
        joined_after = text[at + _PHRASE : at + _PHRASE + 1] == "、" and han_run(at + _PHRASE + 1)
        if joined_after and ends(at + 2 * _PHRASE + 1):
            return True
        if at > 0 and text[at - 1] == "、" and han_run(at - 1 - _PHRASE) and ends(at + _PHRASE):
            return True
    return False


def _organisation_confusion(text: str, span: Span) -> str | None:
    """The rules of backend_confusion that only an ORG span can break (its table says what each rejects)."""
    name = span.text
    if longest_suffix(name, _org_suffixes()) is None and longest_suffix(
        name, word_list("abstract_heads.txt")
    ):
        return "abstract_head"
    if generic_organisation(name) or _after_each(text, span.start_char):
        return "generic_org"
    if longest_suffix(name, word_list("religions.txt")):
        return "religion"
    if names_a_document(text, span.start_char, span.end_char) or inside_a_law_title(
        text, span.start_char, span.end_char
    ):
        return "document_title"
    if name[0] in _NOT_ORG_OPENERS:
        return "function_char_opening"
    if _designation(text, span.start_char, span.end_char):
        return "designation"
    if _paired_committees(text, span.start_char, span.end_char):
        return "paired_levels"
    if name in word_set("nation_attributes.txt"):
        return "nation_attribute"
    if name in _titles():
        return "title_only"
    if name in _FUSED_BODIES:
        return "bare_party_body"
    if name in _PARTY_NAMES and text.startswith(_MEMBERSHIP, span.end_char):
        return "party_membership"
    if 2 <= len(name) <= 4 and name.endswith("族") and longest_suffix(name, _org_suffixes()) is None:
        return "ethnic_group"
    if _in_peoples_list(text, span.start_char, span.end_char):
        return "peoples_list"
    return None


def _after_crossed_word(text: str, span: CharSpan) -> CharSpan:
    """crossed_word_start: 《足球》报聚焦山东泰山队 (报聚/v 焦山东泰山队/LOC): a body's name whose first character
    ends a word with the one before it (聚焦) and whose rest opens with a division (山东) opens after that
    character; a name that opens with a division itself (内江市…) is left whole."""
    from cadregraph.pipeline.lexicons import common_words

    start, end, label = span
    name = text[start:end]
    if (
        label != "Organization"
        or start == 0
        or len(name) < 5
        or text[start - 1 : start + 1] not in common_words()
        or _opens_with_division(name)
        or not _opens_with_division(name[1:])
    ):
        return span
    return (start + 1, end, label)


def _after_designation(text: str, span: CharSpan) -> CharSpan:
    """after_designation: 民政部研究基地东北大学城乡社区建设研究院, 全国党员教育培训示范基地辽宁社区工作者学院 (p02),
    实践教育基地小平干部学院 (c05): a designation's head (designation_glued_heads.txt) glued before an
    institution's name of four characters or more ending in its head word (designated_institution_heads.txt)
    leaves the institution; the designation is no part of its name. A name going on after the head with no
    such ending (基地管理委员会) stays whole."""
    start, end, label = span
    if label != "Organization":
        return span
    name = text[start:end]
    institutions = word_list("designated_institution_heads.txt")
    for head in word_list("designation_glued_heads.txt"):
        at = name.rfind(head)
        rest = name[at + len(head) :] if at > 0 else ""
        if len(rest) >= 4 and longest_suffix(rest, institutions) is not None:
            return (start + at + len(head), end, label)
    return span


_PARTY_NAMES = frozenset({"中共", "中国共产党"})
_MEMBERSHIP = ("党员", "预备党员")


_MEASURE_CHARS = set("元亿万个名家")
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[A-Za-z0-9_.\-/%?=&#:~+]+", re.IGNORECASE)


_LIST_MARK = "[ \t\u3000]*、[ \t\u3000]*"
_PEOPLES_CLOSE = re.compile(
    rf"(?:{_LIST_MARK}[{HAN}]{{1,6}})*[ \t\u3000]*等(?:[0-9一二三四五六七八九十百几多]+个)?(?:少数)?民族"
)


def _in_peoples_list(text: str, start: int, end: int) -> bool:
    """The span is an item of a 、-list (a 、 before or after it) that closes with 等(30个)(少数)民族."""
    listed = re.match(_LIST_MARK, text[end:]) is not None or re.search(_LIST_MARK + "$", text[max(0, start - 4) : start]) is not None
    return listed and _PEOPLES_CLOSE.match(text, end) is not None


def _in_web_address(text: str, start: int, end: int) -> bool:
    """The span lies inside a web address written in the text (http://www.sina.com.cn)."""
    line_start = text.rfind("\n", 0, start) + 1
    return any(
        m.start() <= start and end <= m.end() for m in _WEB_ADDRESS.finditer(text, line_start, end + 200)
    )


def _after_web_addresses(text: str, spans: list[CharSpan]) -> list[CharSpan]:
    """address_glued: http://m-jingzhou.cjyun.org/p/135158.html|市政府与…: a page's address on the line above
    its headline is joined to it (a line that ends in no punctuation is a wrap to ingest), and the model reads
    the address's tail into the first name (html市政府/n, 1862353.shtml【/ORG). A name never holds part of a web
    address: a span starts after it, and one left with fewer than two characters, or opening with a
    determiner (htm|本报讯: the paper itself, as the outlet rules read 本报), is none."""
    addresses = [(m.start(), m.end()) for m in _WEB_ADDRESS.finditer(text)]
    if not addresses:
        return spans
    kept: list[CharSpan] = []
    for start, end, label in spans:
        after = max([start, *(b for a, b in addresses if a <= start < b)])
        if end - after >= 2 and (after == start or text[after] not in _DETERMINERS):
            kept.append((after, end, label))
    return kept


_DOCUMENT_TAIL = 4  # 组织法: at most this many characters between the name and the closing 》


def names_a_document(text: str, start: int, end: int) -> bool:
    """The span, with at most a few characters more, ends in a document's head word right before 》
    (《…人民政府组织法》); 《铁岭市人民代表大会常务委员会关于促进…的决定》 has a body named before 关于."""
    closing = text.find("》", end, end + _DOCUMENT_TAIL + 1)
    if closing < 0 or not _inside_book_title(text, start, end):
        return False
    return longest_suffix(text[start:closing], word_list("document_heads.txt")) is not None


def inside_a_law_title(text: str, start: int, end: int) -> bool:
    """The span stands inside a 《》 title that ends in a law's head word (组织法, 条例: document_heads.txt), or
    inside a 〈〉 title nested in one (《吉林省贯彻〈中国共产党政治协商工作条例〉实施办法》)."""
    closing = text.find("》", end, end + _BOOK_TITLE_CHARS)
    if closing < 0 or not _inside_book_title(text, start, end):
        return False
    inner = text.find("〉", end, closing)
    if inner >= 0 and "〈" in text[text.rfind("《", 0, start) : start] and "〈" not in text[end:inner]:
        closing = inner
    head = longest_suffix(text[end:closing], word_list("document_heads.txt"))
    return head is not None and word_table("document_heads.txt")[head] == "law"


def _measure_after_numeral(text: str, start: int) -> bool:
    """百亿元村 (a village worth ten billion) reaches LAC as 百亿/m 元村/LOC: a span that opens with a measure
    word right after a numeral is the figure's unit and what it counts, no name (三元村 tagged whole stays)."""
    return (
        start > 0
        and text[start] in _MEASURE_CHARS
        and (text[start - 1] in _NUMERAL_CHARS or text[start - 1].isdigit() or text[start - 1] in "亿万")
    )


def _inside_longer_name(text: str, end: int, name: str) -> bool:
    """独山能源 (a company), 环太湖经济圈 (a region): a place that ends in, or runs into, the head word of a
    company or of a compound region is part of that longer name, not a place of its own."""
    heads = word_list("place_compound_heads.txt")
    return longest_suffix(name, heads) is not None or match_word_at(text, end, heads) is not None


_NOT_ORG_OPENERS = set("从在对把被向于将")


_ROOM_NUMBER = re.compile(r"[一二三四五六七八九十\d]+号$")
_NUMERAL_NAME = re.compile(rf"[\d０-９]+[{HAN}]?")
_HAN_NUMERAL = re.compile("[一二三四五六七八九十百千万亿零〇两]+")  # 百亿; a person may be called 万千


@cache
def _idioms() -> frozenset[str]:
    """jionlp's idioms and ours (idioms.txt), joined once rather than on every span."""
    return idiom_set() | frozenset(word_list("idioms.txt"))


def _idiom_overlap(text: str, start: int, end: int) -> bool:
    """A four-character idiom (jionlp's idiom dictionary) that holds the span or crosses its edge."""
    idioms = _idioms()
    for pos in range(max(0, start - 3), end):
        word = text[pos : pos + 4]
        if len(word) == 4 and word in idioms and not (start <= pos and pos + 4 <= end):
            return True
    return False


def _quoted_slogan(doc: Doc, span: Span) -> bool:
    from cadregraph.pipeline.canonical import canonical_place

    text = tokens.doc_text(doc)
    start, end = span.start_char, span.end_char
    # ‘’ and 『』 quote inside a quotation (说:“…亲眼看到‘龙江第一村’的风采…”)
    if start == 0 or end >= len(text) or text[start - 1] not in '“"「‘『' or text[end] not in '”"」’』':
        return False
    if longest_suffix(span.text, _org_suffixes()) or span.text in word_list("countries.txt"):
        return False
    return canonical_place(span.text, doc.user_data.get(HOME_KEY))[1] is None


_QUOTED_SLOGANS_KEY = "cadre_quoted_slogans"  # doc.user_data, derived from the candidates


def _quoted_slogans(doc: Doc) -> frozenset[str]:
    """quoted_elsewhere: 突出“双城”特色,安排了双城/LOC 辩论赛、双城/LOC 论坛 (a20): a word the page quotes whole as a
    slogan (quoted_slogan) is that slogan's word wherever the page writes it, quoted or not. Once per set of
    candidates, as _written_division_openings."""
    slogans = doc.user_data.get(_QUOTED_SLOGANS_KEY)
    if slogans is None:
        slogans = frozenset(
            span.text
            for span in doc.spans.get(CANDIDATES_KEY, [])
            if span.label_ != "Person" and _quoted_slogan(doc, span)
        )
        doc.user_data[_QUOTED_SLOGANS_KEY] = slogans
    return slogans


# 各镇区|人大, 各县区|人大常委会, 各街镇: each town's, each district's (街 of 街道 is written alone before 镇)
_EACH_LEVELS = re.compile(f"各[{level_chars('province', 'prefecture', 'county', 'township', 'village')}街]{{1,3}}$")


def _after_each(text: str, start: int) -> bool:
    """各工作委员会, 各镇/ORG 人大, 各镇区人大: a body written after (or from) 各 (each), maybe with the levels it
    ranges over between, is every body of a kind, no one body."""
    return "各" in text[max(start - 1, 0) : start + 1] or _EACH_LEVELS.search(text, max(start - 4, 0), start) is not None


def _drop_each_bodies(
    text: str, organisations: list[CharSpan], backend: list[CharSpan]
) -> tuple[list[CharSpan], list[CharSpan]]:
    """each_body: 各街道人大工委 (the rules' 街道人大工委 after 各): the body of every street, so no body; nor is
    a shorter name of the model inside it (人大工委/ORG)."""
    each = [o for o in organisations if _after_each(text, o[0])]

    def kept(span: CharSpan) -> bool:
        if span[2] == "Organization" and _each_inside(text, span):
            return False
        return span[2] != "Organization" or not any(s <= span[0] and span[1] <= e for s, e, _ in each)

    return [o for o in organisations if kept(o)], [b for b in backend if kept(b)]


@cache
def _designation_pattern() -> re.Pattern[str]:
    verbs = "|".join(re.escape(w) for w in (*word_list("designation_cues.txt"), *word_list("award_cues.txt")))
    levels = "|".join(re.escape(w) for w in word_list("award_levels.txt"))
    # the level may have a grade after it (全国重点|农业大学)
    return re.compile(f"(?:{verbs})(?:[{HAN}]{{1,4}}?直属)?(?:第{COUNT}批)?(?:({levels})[{HAN}]{{0,2}}?)?$")


_DESIGNATION_LOOKBACK = 16


def _designation(text: str, start: int, end: int) -> bool:
    """designation: 是第五批省级|爱国主义教育基地, 作为教育部直属|全国重点农业大学, 被省委确定为全省|…教育培训基地: a
    name of a designated kind (designation_heads.txt) after a designation or award verb and the level that
    grants it (written before the name or opening it) names a designation the unit holds, no body."""
    name = text[start:end]
    if longest_suffix(name, word_list("designation_heads.txt")) is None:
        return False
    before = _designation_pattern().search(text, max(0, start - _DESIGNATION_LOOKBACK), start)
    if before is None:
        return False
    return before.group(1) is not None or longest_prefix(name, word_list("award_levels.txt")) is not None


def _paired_committees(text: str, start: int, end: int) -> bool:
    """paired_levels: 6个市县委的组织部长 (市/n 县委/ORG), 召开部分市县委组织部长参加的座谈会: two level words and
    委 after a count, 部分 or a mark are the committees of every city and county counted, no one body (a
    district named 沙市区 opens with no count)."""
    name = text[start:end]
    if len(name) >= 3 and name.startswith("部分"):
        name, start = name[2:], start + 2
    if name in {pair + "委" for pair in _PAIRED_LEVELS}:
        return _paired_context(text, start)
    return (
        len(name) == 2
        and name[1] == "委"
        and start > 0
        and text[start - 1] + name[0] in _PAIRED_LEVELS
        and _paired_context(text, start - 1)
    )


def _paired_context(text: str, level: int) -> bool:
    """6个|市县委, 部分|市县委, 、市县委: the paired level words at `level` open a list item or follow a count."""
    return level == 0 or text[level - 1] in "、,，" or counted_levels(text, level)


def _each_inside(text: str, span: CharSpan) -> bool:
    """区各部委办局, 县人大各专门委员会工作室: 各 after an owner's name makes every body of a kind the owner has,
    no one body; the owner (区, 县人大) keeps its own span when one names it."""
    return "各" in text[span[0] + 1 : span[1]]


_COUNTED_DIVISIONS = re.compile(
    f"[两二三四五六七八九十]+个?[{level_chars('province', 'prefecture', 'agency', 'county', 'township')}]"
)


def _counted_divisions(text: str) -> bool:
    """五市, 两县, 三个区: a count of divisions (the places a list names), not one division's name; 三乡镇
    (a town the gazetteer knows) is one."""
    from cadregraph.pipeline.gazetteer import gazetteer

    return any(not gazetteer().lookup(m.group()) for m in _COUNTED_DIVISIONS.finditer(text))


def generic_organisation(text: str) -> bool:
    """当地政府, 两国政府, 有关部门, 世界500强企业: a generic modifier and a head word name no particular body;
    nor does a kind of body written alone (人大, 人民政协: org_bare_types.txt)."""
    if text in word_list("org_bare_types.txt"):
        return True
    head = longest_suffix(text, word_list("org_generic_heads.txt")) or longest_suffix(text, _org_suffixes())
    if head is not None and word_table("org_generic_heads.txt").get(head) == "always":
        return True  # 柏林当局: the authorities of a place, no body's name
    before = text[: -len(head)] if head else text
    if longest_suffix(before, word_list("org_generic_modifiers.txt")) is not None:
        return True  # 当地政府, 中尼两国政府, 世界500强企业
    if _counted_divisions(before):
        return True  # 中卫五市人大常委会: the bodies of the five cities listed before, no one body
    return before in word_list("countries.txt") and head in {"公司", "企业"}  # 中国公司, 日本企业


_STOPLISTS = {
    "Person": "person_stoplist.txt",
    "Place": "place_stoplist.txt",
    "Organization": "org_stoplist.txt",
}


def _joined_abbreviations(text: str) -> bool:
    abbreviations = set(word_list("place_abbreviations.txt"))
    return (
        2 <= len(text) <= 3
        and all(ch in abbreviations for ch in text)
        and text not in word_list("regions.txt")
    )


def _written_division_openings(doc: Doc) -> frozenset[str]:
    """The two- and three-character openings of the model's spans that name a division (深圳 of 深圳市委).
    Computed once per set of candidates: every short LOC candidate asks, and the candidates do not change
    while the entity rules read them (`_set_candidates` drops it with the old ones)."""
    from cadregraph.pipeline.canonical import canonical_place

    openings = doc.user_data.get(_WRITTEN_DIVISIONS_KEY)
    if openings is None:
        home = doc.user_data.get(HOME_KEY)
        openings = frozenset(
            span.text[:n]
            for span in doc.spans.get(CANDIDATES_KEY, [])
            for n in (2, 3)
            if canonical_place(span.text[:n], home)[1] is not None
        )
        doc.user_data[_WRITTEN_DIVISIONS_KEY] = openings
    return openings


def _abbreviates_written_places(doc: Doc, text: str) -> bool:
    """广深 in a text that writes 广州 and 深圳 (a20): every character opens a different division the document
    names (the start of a LOC or ORG span of the model, 深圳市委 included), and no division, region or
    country is called so itself."""
    from cadregraph.pipeline.canonical import canonical_place
    from cadregraph.pipeline.gazetteer import gazetteer

    if not 2 <= len(text) <= 3 or text in word_list("regions.txt") or text in world_places():
        return False
    written = {name for name in _written_division_openings(doc) if name != text}
    firsts = [{name for name in written if name[0] == ch} for ch in text]
    if not (all(firsts) and len(set().union(*firsts)) >= len(text)):
        return False  # the cheap test first: most short spans have a character no written division opens with
    home = doc.user_data.get(HOME_KEY)
    return canonical_place(text, home)[1] is None and not gazetteer().lookup(text)


def _division_slogan(doc: Doc, text: str) -> bool:
    """民生安市 (d09: 环境立市、文化兴市、民生安市): common word + slogan verb + 省/市/县, no division's name."""
    from cadregraph.pipeline.canonical import canonical_place
    from cadregraph.pipeline.gazetteer import gazetteer
    from cadregraph.pipeline.lexicons import common_words

    if len(text) < 4 or text[-1] not in "省市县" or text[-2] not in word_list("slogan_verbs.txt"):
        return False
    if text[:-2] not in common_words() or gazetteer().lookup(text):
        return False
    return canonical_place(text, doc.user_data.get(HOME_KEY))[1] is None


_BARE_AUTONOMOUS = frozenset({"自治区", *_AUTONOMOUS_AREAS})
_VILLAGE_LEVEL = tuple(w for w in level_words("township", "village") if not two_levels(w))  # 社区, 街道, 村, 镇, 乡
_DIVISION_LEVEL = ("省", "市", "县", "区")  # also 省十二届人大常委会: the level word of a body written with its term
_AREA_WORDS = ("地区",)  # 对口合作地区, 贫困地区: an area of a kind, when a common word names the kind
_COMPASS = set("东南西北中部")  # 中东地区, 西北地区, 中部地区: a region named by its direction


def _generic_place(text: str) -> bool:
    """各村, 每个镇, 镇村, 乡镇街道, 工业社区, 文明村, 聚焦县: no particular place. A name the gazetteer
    holds stays (和平区)."""
    suffixes = word_list("place_suffixes.txt")
    rest = text
    while rest:
        suffix = longest_suffix(rest, suffixes)
        if suffix is None:
            break
        rest = rest[: -len(suffix)]
    if not rest or set(text) <= _ALL_LEVELS or text in _BARE_AUTONOMOUS:
        return True  # level words only: 镇村, 镇街道, 镇街, 省州; 自治州 (the home's, said without its name)
    if rest != text and rest[0] in _DETERMINERS and (len(rest) == 1 or rest[1:] in _COUNT_MEASURES):
        from cadregraph.pipeline.canonical import canonical_place

        # 各村, 全市, 每个镇 (not 多哈: no level word stripped); 九江市, 六安市: a division of that name
        return canonical_place(text, None)[1] is None
    if "级" in rest:
        return True  # 3A级景区, 省级开发区: a grade, not a name
    from cadregraph.pipeline.gazetteer import gazetteer
    from cadregraph.pipeline.lexicons import common_words

    division = longest_suffix(text, _AREA_WORDS + _DIVISION_LEVEL)
    kind = text[: -len(division)] if division else ""
    if (
        kind in common_words()
        and not set(kind) <= _COMPASS
        and not gazetteer().lookup(text)
        and not (division == "地区" and any(d.level in ("province", "city") for d in gazetteer().lookup(kind)))
    ):
        # 聚焦县, 合作区, 合作地区: a common word before a division suffix, and no division of it; 山南地区 is
        # the prefecture's former name (山南市 now): 地区 after a province's or a prefecture's name is a place
        return True
    suffix = longest_suffix(text, _VILLAGE_LEVEL + ("县", "城"))
    if suffix is None:
        return False

    if text in common_words() and text not in word_list("countries.txt"):
        from cadregraph.pipeline.canonical import canonical_place

        return canonical_place(text, None)[1] is None  # 农村, 郡县, 乡村
    if suffix not in _VILLAGE_LEVEL:
        return False
    # 文明村, 工业社区: a dictionary word; 基地村, 边境村: an ordinary word no gazetteer place is named by
    return not _reads_as_proper_name(text[: -len(suffix)]) or describes_a_kind(text, suffix)


def _generic_place_here(doc: Doc, span: Span) -> bool:
    """A generic place name (_generic_place) that its context does not make a particular place: after a
    higher division, a town of the home place, or listed beside a named place of its level."""
    return (
        _generic_place(span.text)
        and not _after_higher_division(doc, span)
        and not _home_town(doc, span.text)
        and not _listed_with_a_place(doc, span)
    )


def _home_town(doc: Doc, text: str) -> bool:
    """home_town: 到五台乡红场村 in a 房县 paper, 向阳、洄水…四镇 in a 紫阳县 one: a town of the home place that the
    model reads as a place stays, though a numeral or a common word opens its name; elsewhere such a name is
    too often a word before a level word (联合街道、村(社区)干部: 联合 is the verb)."""
    from cadregraph.pipeline.gazetteer import gazetteer

    home = doc.user_data.get(HOME_KEY)
    if home is None or home.division is None or not text.endswith(TOWN_LEVELS):
        return False
    return any(d.level == "town" and home.division in d.chain for d in gazetteer().lookup(text))


def _listed_with_a_place(doc: Doc, span: Span) -> bool:
    """listed_village: 来到桃园村、杨家庄村、西坡村: the model reads each item of the list as a place, and a
    neighbour with the same level word is a proper name (杨家庄村), so 桃园村 is a village's name, not the
    common word 桃园 before 村; 文明村、卫生村 (kinds both) rescue neither."""
    text = tokens.doc_text(doc)
    suffix = longest_suffix(span.text, _VILLAGE_LEVEL)
    if suffix is None:
        return False
    for other in doc.spans.get(CANDIDATES_KEY, []):
        if other.label_ != "Place" or not other.text.endswith(suffix) or other.start_char == span.start_char:
            continue
        gap = text[other.end_char : span.start_char] if other.end_char <= span.start_char else ""
        gap = gap or (text[span.end_char : other.start_char] if span.end_char <= other.start_char else "")
        if len(gap) == 1 and gap in _LIST_JOINERS and not _generic_place(other.text):
            return True
    return False


# An address goes down one level at a time: a county-level division before a town, a town before a village.
_LEVEL_ABOVE = {"镇": ("县", "市", "区", "旗"), "乡": ("县", "市", "区", "旗"), "街道": ("县", "市", "区")}
_LEVEL_ABOVE |= {"村": ("镇", "乡", "街道"), "社区": ("镇", "乡", "街道")}


def _after_higher_division(doc: Doc, span: Span) -> bool:
    """周庄镇山泉村, 盘州市淤泥乡: a village or town the model tags right after the division one level up
    (a LOC word ending in that level word) is the next link of an address, even when its name is a common
    word (山泉, 淤泥); 沧源县边境村 (a county, then a village) or 各村 standing alone is still no place. The
    link before is judged in its own context: 彭水苗族土家族自治县三义乡五丰村, 万盛经开区万东镇五和村 (a town
    whose name opens with a numeral is a link after its county, and so its village after it)."""
    suffix = longest_suffix(span.text, tuple(_LEVEL_ABOVE))
    if span.start == 0 or suffix is None:
        return False
    before = doc[span.start - 1]
    return (
        before.tag_ == "LOC"
        and len(before.text) >= 3
        and longest_suffix(before.text, _LEVEL_ABOVE[suffix]) is not None
        and not _generic_place_here(doc, doc[span.start - 1 : span.start])
    )


def _trim_glued_dateline(doc: Doc, span: Span) -> CharSpan | None:
    """glued_dateline: 新华社北京12月28日电 新华社体育部 reaches LAC as 电新华社体育部/ORG once the space is
    gone; 电/讯 right after a date belongs to the dateline, not to the name. A place written as a dateline
    (南宁讯 before the byline's bracket) keeps the place without its 讯/电."""
    text = span.text
    outlet = span.label_ == "Organization" and (
        longest_suffix(text[:-1], _media_heads(outlet=True)) or _opens_a_byline(doc, span)
    )
    if outlet and text.endswith(_OWN_PAPER_DATELINES) and len(text) > 5:
        return (span.start_char, span.end_char - 3, span.label_)  # 福州日报|本报讯 (zzl03): the masthead, then its dateline
    if (span.label_ == "Place" or outlet) and len(text) >= 3 and text[-1] in "电讯":
        # 广西日报南宁讯 (记者…), 本报郑州讯(记者…): the dateline's place with its 讯/电 glued on;
        # 湖北日报讯(记者…): the outlet's masthead with it.
        after = tokens.doc_text(doc)[span.end_char : span.end_char + 1]
        if not after or not is_han(after) or (outlet and _opens_its_line(doc, span)):
            # 金山网讯 由市委统战部举办…: a masthead opening its line keeps its 讯 out though the reader
            # dropped the space after it (金山网讯由…)
            return (span.start_char, span.end_char - 1, span.label_)
    if span.start == 0 or text[0] not in "电讯" or len(text) < 3:
        return None
    if not doc[span.start - 1].text.endswith("日"):
        return None
    return (span.start_char + 1, span.end_char, span.label_)


_OWN_PAPER_DATELINES = ("本报讯", "本报电")  # "this paper's news", written after the masthead that names the paper


def _opens_its_line(doc: Doc, span: Span) -> bool:
    """The span starts the text or a line, or follows the 【 that opens one (【文匯網訊】)."""
    text = tokens.doc_text(doc)
    before = text[: span.start_char].rstrip("【 \t\u3000")
    return not before or before.endswith("\n")


def _opens_a_byline(doc: Doc, span: Span) -> bool:
    """中国报道讯/ORG (邓小保 凌勇 报道): a model's name that opens its line and ends in 讯 right before the
    byline's bracket is an outlet's dateline, whatever its head word (报道 is no masthead's)."""
    text = tokens.doc_text(doc)
    line_start = span.start_char == 0 or text[span.start_char - 1] == "\n"
    return line_start and span.text.endswith("讯") and text[span.end_char : span.end_char + 1] in {"(", "（"}


# 祝特朗普, 习近平和: a function character LAC glued to a name found bare elsewhere in the document.
_GLUED_BEFORE = set("祝同向和与对把被为从于将并或在")
_GLUED_AFTER = set("和与及同")


def _trim_glued_function_char(doc: Doc, span: Span) -> CharSpan | None:
    """glued_function_char: the name without the glued character, when the document has it bare, or when the
    character is an adverb's or a verb's that never ends a name (name_glued_tails.txt: 李军作/PER 讲话)."""
    text = span.text
    if span.label_ != "Person" or len(text) < 3:
        return None
    if text[-1] in word_set("name_glued_tails.txt"):
        return (span.start_char, span.end_char - 1, "Person")
    bare = _person_candidate_texts(doc)
    if text[0] in _GLUED_BEFORE and text[1:] in bare:
        return (span.start_char + 1, span.end_char, "Person")
    if text[-1] in _GLUED_AFTER and text[:-1] in bare:
        return (span.start_char, span.end_char - 1, "Person")
    return None


def _trim_gender_note(doc: Doc, span: Span) -> CharSpan | None:
    """gender_note: 夏林茂 男,汉族,1970年5月生 (zzj01) reaches LAC as 夏林茂男/PER once the space is gone; in a
    résumé the person's gender written after the name, then a comma and the people or the birth, is no part
    of the name, when the document writes the name without it elsewhere (夏林茂当选…区长). A name that ends with
    the character (王胜男,汉族) and is never written without it stays."""
    text = tokens.doc_text(doc)
    name = span.text
    if span.label_ != "Person" or len(name) < 3 or name[-1] not in "男女":
        return None
    if _RESUME_AFTER_GENDER.match(text, span.end_char) is None:
        return None
    bare = name[:-1]
    if not any(text[m.end() : m.end() + 1] != name[-1] for m in re.finditer(re.escape(bare), text)):
        return None
    return (span.start_char, span.end_char - 1, "Person")


# After a résumé's gender: a comma, then the person's people (汉族, 蒙古族) or birth (1970年5月生).
_RESUME_AFTER_GENDER = re.compile(rf"[,，、]\s*(?:[{HAN}]{{1,5}}族|(?:19|20)\d\d年)")


def _trim_title_and_body(span: Span) -> CharSpan | None:
    """title_and_body: 乡镇党委书记、镇长和县扶贫办/ORG 主任 (zf02): LAC reads a title, a conjunction and the next
    body as one name; the body is the part after the conjunction (_body_after_title). 科技与人才局 (no title
    before 与) stays one bureau."""
    if span.label_ != "Organization":
        return None
    cut = _body_after_title(span.text)
    return None if cut is None else (span.start_char + cut, span.end_char, "Organization")


def _body_after_title(text: str) -> int | None:
    """Where the body's name opens after a title (titles.txt) and a conjunction written before it (镇长和|县扶贫办),
    when the rest ends in an organisation head word; None when no title and conjunction open the text."""
    for at, ch in enumerate(text):
        if (
            ch in tokens.NAME_CONJUNCTIONS
            and 0 < at < len(text) - 2
            and longest_suffix(text[:at], word_list("titles.txt"))
            and longest_suffix(text[at + 1 :], _org_suffixes()) is not None
        ):
            return at + 1
    return None


def _trim_former_marker(doc: Doc, span: Span) -> CharSpan | None:
    """former_marker: 免去柳耀华原/PER 自治区公安厅/ORG 厅长职务 (zze01): 原 (former) before the post a name held is
    no character of the name when a body, a place or a title follows (title_chain.toml former); 张原/PER alone,
    or before a verb, stays whole."""
    text = span.text
    if span.label_ != "Person" or len(text) < 3 or not text.endswith(chain_grammar().former) or span.end >= len(doc):
        return None
    after = doc[span.end]
    full = tokens.doc_text(doc)
    titled = longest_prefix(full[span.end_char : span.end_char + 8], word_list("titles.txt")) is not None
    if after.tag_ in {"ORG", "LOC"} or titled or full.startswith(word_list("admin_prefixes.txt"), span.end_char):
        return (span.start_char, span.end_char - 1, "Person")
    return None


_CREDIT_CLOSERS = frozenset(")）/／\n")  # what may follow a photo credit: its bracket, a slash, the line end


def _trim_credit_word(doc: Doc, span: Span) -> CharSpan | None:
    """glued_credit: (徐诗乾 摄), (记者 刘明 摄): the space before a credit word (patterns.toml
    trailing_roles) is gone from the analysis text, and the model reads 徐诗乾摄 as one name; the name is the
    span without the credit word when the credit closes its bracket or line."""
    from cadregraph.pipeline.relations.patterns import patterns

    text = span.text
    if span.label_ != "Person":
        return None
    full = tokens.doc_text(doc)
    closed = span.end_char >= len(full) or full[span.end_char] in _CREDIT_CLOSERS
    for word in patterns().bylines.trailing_roles:
        if closed and text.endswith(word) and len(text) - len(word) >= 2:
            return (span.start_char, span.end_char - len(word), "Person")
    return None


def _person_candidate_texts(doc: Doc) -> frozenset[str]:
    """The texts of the model's PER spans, read once per Doc (not once per span asked about)."""
    group = doc.spans.get(CANDIDATES_KEY, [])
    held, texts = tokens.derived(doc, "person_candidates", lambda: (group, _texts_of_persons(group)))
    return texts if held is group else _texts_of_persons(group)


def _texts_of_persons(spans: Iterable[Span]) -> frozenset[str]:
    return frozenset(s.text for s in spans if s.label_ == "Person")


_LOCATIVES = set("边畔旁")


def _trim_glued_locative(doc: Doc, span: Span) -> CharSpan | None:
    """glued_locative: 从太湖边沿通锡高速: 边 (畔, 旁) after a place is where, by the place; the place is
    太湖. A name of one character before it (定边, 靖边) or a division the gazetteer holds stays whole. 在石首分会场
    reaches LAC as 石首分/LOC 会场: 分 (主) opens the venue word, the place is 石首."""
    from cadregraph.pipeline.canonical import canonical_place

    text = span.text
    if span.label_ != "Place" or len(text) < 3:
        return None
    if text[-1] in "分主" and tokens.doc_text(doc).startswith("会场", span.end_char):
        return (span.start_char, span.end_char - 1, "Place")  # 在石首分|会场: the place's 分会场 (主会场)
    if text[-1] not in _LOCATIVES or canonical_place(text, doc.user_data.get(HOME_KEY))[1] is not None:
        return None
    return (span.start_char, span.end_char - 1, "Place")


def _trim_glued_area_part(doc: Doc, span: Span) -> CharSpan | None:
    """glued_area_part: 黑河市位于黑龙江省北部/LOC, 四川境内: a word for a part of an area
    (place_part_words.txt) after a place the gazetteer or a country list knows is where in it; the place is
    the part before. A name the gazetteer holds whole stays, and so does a part after an unknown word
    (中西部 alone, 华北部 is no 华北 the gazetteer holds)."""
    from cadregraph.pipeline.canonical import canonical_place

    text = span.text
    if span.label_ != "Place":
        return None
    part = longest_suffix(text, word_list("place_part_words.txt"))
    if part is None or len(text) - len(part) < 2:
        return None
    place = text[: -len(part)]
    home = doc.user_data.get(HOME_KEY)
    if canonical_place(text, home)[1] is not None:
        return None
    if canonical_place(place, home)[1] is None and place not in world_places():
        return None
    return (span.start_char, span.end_char - len(part), "Place")


def _trim_glued_verb(doc: Doc, span: Span) -> CharSpan | None:
    """glued_verb: 受中央委派/ORG, …区举办: a verb of org_glued_verbs.txt never ends a name; the span is the
    name before it (a place when the gazetteer knows it, else a body). One character left is no name."""
    from cadregraph.pipeline.canonical import canonical_place

    text = span.text
    if span.label_ not in {"Organization", "Place"}:
        return None
    verb = longest_suffix(text, word_list("org_glued_verbs.txt"))
    if verb is None or len(text) - len(verb) < 2:
        return None
    rest = text[: -len(verb)]
    is_place = longest_suffix(rest, _org_suffixes()) is None and (
        canonical_place(rest, doc.user_data.get(HOME_KEY))[1] is not None or rest in world_places()
    )
    return (span.start_char, span.end_char - len(verb), "Place" if is_place else "Organization")


def _verb_glued_bodies(text: str, spans: list[CharSpan]) -> list[CharSpan]:
    """glued_leading_verb: 由街党工委依托文澜花园社区党群服务中心,统筹街道党校、…: a verb of org_glued_verbs.txt
    between two bodies' names (each ending in an organisation head word) joins two bodies, and one opening a
    name before a body's level word (admin_prefixes.txt) or a division opens the clause, not the name (统筹|街道党校).
    联合国 keeps its name: no level word follows 联合, and 国 is no body's name."""
    verbs, suffixes = _glued_verbs(), _org_suffixes()
    found: list[CharSpan] = []
    for start, end, label in spans:
        name = text[start:end]
        verb = longest_prefix(name, verbs) if label == "Organization" else None
        rest = name[len(verb) :] if verb else ""
        if (
            verb is not None
            and len(rest) >= 3
            and longest_suffix(rest, suffixes) is not None
            and (rest.startswith(word_list("admin_prefixes.txt")) or _opens_with_division(rest))
        ):
            start += len(verb)
            name = rest
        cut = next(
            (
                (k, k + len(v))
                for k in range(2, len(name) - 2)
                if (v := match_word_at(name, k, verbs)) is not None
                and longest_suffix(name[:k], suffixes) is not None
                and len(name) - k - len(v) > 2
                and longest_suffix(name[k + len(v) :], suffixes) is not None
            ),
            None,
        ) if label == "Organization" else None
        if cut is None:
            found.append((start, end, label))
        else:
            found += [(start, start + cut[0], label), (start + cut[1], end, label)]
    return found


# a body's level word right after the verb 任 (任市公用事业局局长)
_APPOINTED_LEVELS = level_chars("province", "prefecture", "county", "township")


def _appointed_cut(text: str) -> int | None:
    """appointed_glued: 张好富任市公用事业局/PER 局长: LAC writes a name, the verb 任 (takes the post of) or 代理
    (acts in it: 关于杨鑫代理自治区监察委员会/PER 主任的决定, zzm01) and the body's name as one word in a 任免 list.
    Where the verb follows a family name and one or two characters and opens a level word (or 自治区) and a
    body's name that ends in a head word, the offset of the verb, else None; a county named 任县 after no name
    stays (任县委组织部)."""
    for cut in (2, 3):
        verb = next((v for v in _APPOINTING_GLUES if text.startswith(v, cut)), None)
        if (
            verb is not None
            and len(text) > cut + len(verb) + 2
            and text[0] in _surnames()
            and (text[cut + len(verb)] in _APPOINTED_LEVELS or text.startswith("自治", cut + len(verb)))
            and longest_suffix(text, _org_suffixes()) is not None
        ):
            return cut
    return None


# The verbs of a 任免 item the model glues between a name and a body: takes the post (任), acts in it (代理).
_APPOINTING_GLUES = ("代理", "任")


def _trim_appointed_glue(span: Span) -> CharSpan | None:
    """appointed_glued: the model's word that fuses a name, 任 and a body keeps the name as a person; the body
    after 任 is read by the organisation rules (_organisation_spans)."""
    cut = _appointed_cut(span.text)
    if span.label_ not in {"Person", "Organization"} or cut is None:
        return None
    return (span.start_char, span.start_char + cut, "Person")


def _trim_counted_tail(span: Span) -> CharSpan | None:
    """counted_tail: …上海合作交流绿色产业服务中心7家协会/ORG: a count and its measure word inside the span start
    the sentence's count of bodies (7家协会, the list's seven associations); the name is the part before the
    count when that part ends in an organisation head word."""
    cut = _counted_tail(span.text) if span.label_ == "Organization" else None
    if cut is None or longest_suffix(span.text[:cut], _org_suffixes()) is None:
        return None
    return (span.start_char, span.start_char + cut, "Organization")


def _counted_tail(text: str) -> int | None:
    """Where a count ends the name: a numeral and a measure word followed by nothing but a head word (7家协会);
    五家渠市委 is a city's committee (渠市委 is no head word)."""
    for count in _COUNT_INSIDE.finditer(text, 2):
        rest = text[count.end() :]
        if rest and longest_suffix(rest, _org_suffixes()) == rest:
            return count.start()
    return None


_COUNT_INSIDE = re.compile(f"{COUNT}[多余]?[个家所支]")


_LEVEL_CHARS = LEVEL_CHARS
# every one-character level word, and 街 of 街道 written alone (镇街)
_ALL_LEVELS = frozenset(level_chars(*get_args(DivisionTier))) | {"街"}


def _trim_level_compound(doc: Doc, span: Span) -> CharSpan | None:
    """level_compound: 东莞镇村经济活跃 reaches LAC as 东莞镇/LOC 村/n: 镇村 (towns and villages) is one word
    of two level characters, and the place is 东莞. When the word after a place is one level character and
    the place's last character is another, that character belongs to the compound, and the name before it
    stays if the gazetteer knows it; 新仓镇/LOC 村民/n (a longer word after it) keeps its 镇."""
    from cadregraph.pipeline.canonical import canonical_place

    text = span.text
    if span.label_ != "Place" or len(text) < 3 or text[-1] not in _LEVEL_CHARS:
        return None
    home = doc.user_data.get(HOME_KEY)
    kept = text[:-1]
    if text[-2] in _LEVEL_CHARS and text[-2] != text[-1]:
        # 美兰区村/LOC (社区、居)干部: the district, then 村 of 村(社区、居); the part kept is a division's
        # full name (桐乡市 is no 桐乡 + 市)
        if canonical_place(kept, home)[0] != kept:
            return None
    elif span.end >= len(doc) or doc[span.end].text not in _LEVEL_CHARS - {text[-1]}:
        return None  # 东莞镇/LOC 村/n trims; 莽张镇/LOC 镇/n 长桂 (镇镇长: the town, its head's title) stays
    if canonical_place(kept, home)[1] is None and not _division_of_that_name(kept, text):
        return None
    return (span.start_char, span.start_char + len(kept), "Place")


def _division_of_that_name(kept: str, text: str) -> bool:
    """大城子镇村/LOC without a home: two towns are named 大城子镇, so no one division resolves, yet the name
    is a division's full name of the town level or above and the whole (大城子镇村) is no division's name."""
    from cadregraph.pipeline.gazetteer import gazetteer

    places = gazetteer()
    return not places.by_name.get(text) and any(d.level != "village" for d in places.by_name.get(kept, []))


def _trim_glued_common_word(doc: Doc, span: Span) -> CharSpan | None:
    """glued_common_word: 上海中转 (或在上海中转前往德国) is the place 上海 and the verb 中转. A place the
    gazetteer or the country list knows, followed by a common word that is no place suffix, keeps the place."""
    from cadregraph.pipeline.canonical import canonical_place
    from cadregraph.pipeline.lexicons import common_words

    text = span.text
    if span.label_ != "Place" or len(text) < 4:
        return None
    home = doc.user_data.get(HOME_KEY)
    for cut in range(len(text) - 2, 1, -1):
        place, rest = text[:cut], text[cut:]
        if (
            rest in common_words()
            # 桐梓乡村: the place suffix 村 is only the end of the word 乡村 (a compound of level words)
            and (longest_suffix(text, word_list("place_suffixes.txt")) is None or _level_compound_rest(text, cut))
            and rest not in word_list("place_landmarks.txt")
            and (place in word_list("countries.txt") or canonical_place(place, home)[1] is not None)
        ):
            return (span.start_char, span.start_char + cut, "Place")
    return None


def _level_compound_rest(text: str, cut: int) -> bool:
    """桐梓|乡村: what follows the cut is one word of two level words (乡村, 乡镇), no place suffix."""
    return len(text) - cut == 2 and level_compound_at(text, cut + 1)


def _trim_glued_tail(span: Span) -> CharSpan | None:
    """glued_tail: 市委党校党史党建/ORG 教研部: an ORG span that ends in no head word but holds a whole name
    ending in a strong one (党校, 大学) with two characters or more after it is that name; the words after
    it are the sentence's (or a unit's, cut in two by the model)."""
    text = span.text
    if span.label_ != "Organization" or longest_suffix(text, _org_suffixes()) is not None:
        return None
    strength = word_table("org_suffixes.txt")
    for cut in range(len(text) - 2, 1, -1):
        head = longest_suffix(text[:cut], _org_suffixes())
        if head is not None and strength[head] == "strong" and cut > len(head):
            return (span.start_char, span.start_char + cut, "Organization")
    return None


def _trim_glued_national_body(span: Span) -> CharSpan | None:
    """glued_national_body: 是党中央站在…高度 reaches LAC as 党中央站/ORG: a national body
    (national_bodies.txt) with a word glued on that ends in no organisation head word is the body; 中共中央
    办公厅 (a head word after it) stays whole."""
    text = span.text
    body = longest_prefix(text, word_list("national_bodies.txt")) if span.label_ == "Organization" else None
    if body is None or body == text or longest_suffix(text[len(body) :], _org_suffixes()):
        return None
    return (span.start_char, span.start_char + len(body), "Organization")


_PARTY_GROUP = "党组"


def _trim_party_group(doc: Doc, span: Span) -> CharSpan | None:
    """party_group_cut: 市政协党组/ORG 书记, 克拉玛依市工商联党/ORG 组/n 成员/n: a 党组 (the leading party group of
    a state body) goes with the title (党组书记, 党组成员 at the body: tests/gold/README.md), so a model name
    ending in it, or cut across it, is the body written before it when that ends in a head word."""
    text = span.text
    if span.label_ != "Organization":
        return None
    for reach in range(len(_PARTY_GROUP)):  # 党组 inside the span, or cut after its first character
        written = text + tokens.doc_text(doc)[span.end_char : span.end_char + reach]
        body = written[: -len(_PARTY_GROUP)]
        if written.endswith(_PARTY_GROUP) and body and longest_suffix(body, _org_suffixes()) is not None:
            return (span.start_char, span.start_char + len(body), "Organization")
    return None


def _trim_glued_party_phrase(doc: Doc, span: Span) -> CharSpan | None:
    """glued_party_phrase: 推动红桥党的建设 reaches LAC as 红桥党/ORG 的/u 建设: 党 opens the phrase 党的建设
    (党的领导, 党的事业), and the name before it is the place, when the gazetteer knows it; 中国共产党的领导
    (中国共产 is no place) stays the party."""
    from cadregraph.pipeline.canonical import canonical_place

    text = span.text
    full = tokens.doc_text(doc)
    if span.label_ != "Organization" or len(text) < 3 or text[-1] != "党":
        return None
    after = full[span.end_char : span.end_char + 1]
    if after != "的" or canonical_place(text[:-1], doc.user_data.get(HOME_KEY))[1] is None:
        return None
    return (span.start_char, span.end_char - 1, "Place")


def _abbreviations_of_organisations(
    doc: Doc, backend: list[CharSpan], organisations: list[CharSpan]
) -> list[CharSpan]:
    """abbreviation_cut: LAC cuts 平湖经开 as 平湖经/开; when the span and the next one or two characters
    abbreviate an organisation named in the document (平湖经济技术开发区), the cut piece is no name. It is
    dropped: the short form's referent is resolved where short forms are (extract's variants, relations)."""
    from cadregraph.pipeline.canonical import canonical_place, is_abbreviation

    text = tokens.doc_text(doc)
    home = doc.user_data.get(HOME_KEY)
    names = {text[s:e] for s, e, label in organisations + backend if label == "Organization"}
    # each name from its first four characters on, by first character: an abbreviation opens as its name
    # does (is_abbreviation), so only those are tried
    tails: dict[str, list[str]] = {}
    for n in names:
        for k in range(min(4, len(n))):
            tails.setdefault(n[k], []).append(n[k:])
    result: list[CharSpan] = []
    for start, end, label in backend:
        name = text[start:end]
        if label == "Person" or name in word_list("countries.txt") or canonical_place(name, home)[1]:
            result.append((start, end, label))
            continue
        for extra in (1, 2):
            short = text[start : end + extra]
            if len(short) < end + extra - start or not is_han(short[-1]) or _NUMERAL_CHARS & set(short):
                continue
            if any(is_abbreviation(short, tail) for tail in tails.get(short[0], ())):
                break
        else:
            result.append((start, end, label))
    return result


_NUMERAL_CHARS = set("一二三四五六七八九十百千万零〇")


def _surnames() -> frozenset[str]:
    return word_set("surnames.txt")


def _reads_as_proper_name(prefix: str) -> bool:
    """工业社区, 文明村 put a common word before the suffix; 张家浜, 蒲楼村 a name. A word of the general
    dictionary (jionlp's Chinese word dictionary) is a common word."""
    from cadregraph.pipeline.lexicons import common_words

    return prefix not in common_words()


def _place_suffix_chars() -> set[str]:
    return {w for w in word_list("place_suffixes.txt") if len(w) == 1} - {"市", "省", "县", "区"}


def _org_suffixes() -> tuple[str, ...]:
    return word_list("org_suffixes.txt")


def _previous_nominal_start(doc: Doc, end_token: int, max_chars: int, stop_words: Iterable[str] = ()) -> int:
    """Walk left from end_token over nominal tokens; return the first token index of the run.

    A short bracket inside a name belongs to it (平湖经济技术开发区(钟埭街道)党工委), and so does a personal
    name that is followed by more of the name (徐威大哥外资企业党建工作室).
    """
    stops = set(stop_words)
    start = end_token
    chars = len(doc[end_token].text)
    while start > 0:
        prev = doc[start - 1]
        if _dateline_end(doc, start - 1):
            break  # 新华社北京12月28日电 新华社体育部: the dateline ends before the name
        if prev.text in {")", "）"}:
            opening = start - 2
            while opening > 0 and start - opening <= 5 and doc[opening].text not in {"(", "（"}:
                opening -= 1
            inner = doc[opening + 1 : start - 1].text
            if (
                opening > 0
                and doc[opening].text in {"(", "（"}
                and 1 < len(inner) <= 8
                and not any(t.tag_ in {"PER", "_SP"} for t in doc[opening + 1 : start - 1])  # (记者 周音)
                and doc[opening - 1].tag_ in _NOMINAL_TAGS
            ):
                chars += len(doc[opening:start].text)
                start = opening
                continue
            break
        if prev.text in tokens.NAME_CONJUNCTIONS and _joins_domains(doc, start, end_token):
            chars += len(prev.text)  # 科技与人才局, 城乡建设和生态环境局
            start -= 1
            continue
        ordinal = prev.tag_ == "m" and _ORDINAL.fullmatch(prev.text) is not None  # 第十五届纪律检查委员会
        # 省/v 十二届/m 人大常委会/ORG: the level word before a body's term opens its name, whatever its tag
        ordinal = ordinal or (
            prev.text in _DIVISION_LEVEL and start < end_token and _ORDINAL.fullmatch(doc[start].text) is not None
        )
        # 省教育厅组织/v 干部/n 处/n: 组织 read as a verb inside a division's name
        inner_verb = prev.text in _VERBS_IN_NAMES and start < end_token
        if (
            prev.tag_ not in _NOMINAL_TAGS | {"PER"} and not ordinal and not inner_verb
        ) or prev.text in stops:
            break
        termed = any(_ORDINAL.fullmatch(t.text) for t in doc[start:end_token])
        # a body with a term (政协沧源佤族自治县第十四届委员会常务委员会) may open past the limit, over the term and
        # the division that owns it (青海省/LOC 第十三届/m 人民代表大会常务委员会代表资格审查委员会, m05, e03)
        if chars + len(prev.text) > max_chars and not (
            (termed and prev.tag_ in _tag_group("termed_body_openers")) or (ordinal and prev.tag_ == "m" and end_token > start)
        ):
            break
        chars += len(prev.text)
        start -= 1
        if prev.tag_ == "PER":
            if doc[start + 1].tag_ in {"ORG", "LOC", "ns", "nt"}:
                start += 1  # 刘志勇政协第十一届…委员会: the organisation's own name opens it, not the person
                break
            break  # a name opens an organisation's name (徐威大哥…工作室); nothing before it belongs
    if start < end_token and doc[start].text in tokens.NAME_CONJUNCTIONS:
        start += 1  # 民革中央和|中国国民党革命委员会平湖市委员会: the word before the conjunction was not taken
    return start


_VERB_TAGS = {"v", "vd"}
_PREPOSITION_TAGS = {"p"}  # a preposition (not c: 大安区/LOC 教育/vn 和体育局/c is one bureau)
_VERBS_IN_NAMES = {"组织"}  # words LAC reads as verbs that the genre's body names hold (组织干部处)


_DATELINE_WORDS = frozenset({"电", "讯"})  # 新华社北京1月1日电, 本报郑州讯: the word that ends a dateline


def _dateline_end(doc: Doc, index: int) -> bool:
    """电/讯 right after a date (12月28日电) closes a news dateline; no name runs over it."""
    return doc[index].text in _DATELINE_WORDS and index > 0 and doc[index - 1].text.endswith("日")


def _joins_domains(doc: Doc, right_start: int, end_token: int) -> bool:
    """科技与人才局 is one bureau; 宁波诺丁汉大学和上海划艇赛艇俱乐部 and 工作报告和纪委 are two things.

    The conjunction joins two domain nouns: the word before it is no organisation or place, and the part
    after it holds more than the head word."""
    if right_start < 2:
        return False
    left = doc[right_start - 2]
    if left.tag_ not in {"n", "vn", "nz", "ORG"} or longest_suffix(left.text, _org_suffixes()):
        return False
    if longest_suffix(left.text, word_list("place_suffixes.txt")):
        return False
    first = doc[right_start].text
    if first.startswith(word_list("admin_prefixes.txt")) or _opens_with_division(first):
        return False  # 地方组织法和遂宁市人大常委会, 组织部门和市委党校: a second name starts after it
    right = doc[right_start : end_token + 1].text
    head = longest_suffix(right, _org_suffixes()) or ""
    return len(right) > len(head) + 1


def _head_inside_other_word(token: Token, suffix: str) -> bool:
    """verb_head: 办 of 举办/主办 (…区举办), 署 of 部署/vn ends no organisation's name; nor does a head word the
    model glued into a preposition (落实党中央/ORG 关于党校/p (行政学院): no body is named). A long word
    that ends in a body's multi-character head is a name the model misread as a verb, not a verb
    (萍乡市莲花县/ORG 关心下一代工作委员会/v): a verb glued to a head word is short (举办, 部署)."""
    if token.tag_ in _VERB_TAGS and len(suffix) >= _NAMED_HEAD_MIN and len(token.text) >= len(suffix) + 3:
        return False
    return len(token.text) > len(suffix) and (
        token.tag_ in _VERB_TAGS | _PREPOSITION_TAGS or (token.tag_ == "vn" and len(token.text) == 2)
    )


_NAMED_HEAD_MIN = 3  # 委员会, 领导小组: a head word no verb ends in


def _organisation_run_start(doc: Doc, token: Token, programmes: list[CharSpan], titles: set[str]) -> int:
    """The token an organisation's name opens at: the nominal run before its head word `token`, kept apart from
    the sentence's common nouns and a verb 任, and extended over a programme name standing inside it."""
    start = _previous_nominal_start(doc, token.i, 20, stop_words=titles)
    if token.tag_ == "ORG" and _opens_with_division(token.text):
        # whole_model_name: 52名党务/n 干部/n 浙江大学/ORG: the model's name opens with its place and is
        # whole; common nouns before it are the sentence's (中国共产党/ORG 平湖市委员会/ORG stays one), and so is a
        # person with the address after it (免去马廷贵/PER 同志/n 西昌市人民政府/ORG 市长职务, zzo07)
        while start < token.i and (doc[start].tag_ in _COMMON_NOUN_TAGS or doc[start].tag_ == "PER"):
            start += 1
    if start < token.i and doc[start].text == "任" and start > 0 and doc[start - 1].tag_ == "PER":
        start += 1  # appointed_glued: 赵六/PER 任/ORG 县委组织部/ORG: 任 after a name is the verb
    run_start = doc[start].idx
    inner = [p for p in programmes if p[0] < run_start < p[1] <= token.idx]
    if inner:  # 市铁军打造工程指挥部: the run extends over the programme name
        first = _token_at(doc, min(p[0] for p in inner))
        if first is not None:
            start = _previous_nominal_start(doc, first.i, len(first.text) + 4, stop_words=titles)
    return start


def _registered_place_start(doc: Doc, start: int, titles: set[str]) -> int | None:
    """Company names carry their registered place in brackets (日本电产芝浦(浙江)有限公司): the token the name
    opens at before the bracket, None when no short bracket closes right before `start`."""
    if start < 3 or doc[start - 1].text not in {")", "）"}:
        return None
    bracket = start - 2
    while bracket > 0 and doc[bracket].text not in {"(", "（"}:
        bracket -= 1
    if bracket > 0 and start - bracket <= 4:
        return _previous_nominal_start(doc, bracket - 1, 16, stop_words=titles)
    return None


def _bare_head_word(doc: Doc, span: Span, text: str, suffix: str) -> bool:
    """The run is no more than its head word (局, 公安局): no organisation is named, unless it is a body every
    place has (市委, 县政府) or a bureau's own head word listed with owned bodies."""
    return (
        len(text) <= len(suffix)
        and text not in {"市委", "县委", "区委", "市政府", "县政府"}
        # 县政府办、公安局、财政局: a bureau's own head word (公安局) as an item of a list of owned bodies
        and not (
            len(suffix) >= _OWN_HEAD_MIN
            and span.start > 0
            and doc[span.start - 1].tag_ == "w"  # the item opens after a mark, not inside a name
            and _listed_with_owned_body(doc, span)
        )
    )


def _name_after_lead(span: Span, text: str, appointed: int | None, suffix: str) -> tuple[int, str]:
    """(start char, text) of the name once the words leading into it are cut off: a verb 任 glued to the body,
    an unnamed lead (_unnamed_lead) and a leading word (org_leading_words.txt) before a longer name."""
    start_char = span.start_char
    if appointed is not None:  # 张好富任市公用事业局/PER: the body opens after 任
        verb = next(v for v in _APPOINTING_GLUES if text.startswith(v, appointed))
        text = text[appointed + len(verb) :]
        start_char += appointed + len(verb)
    body = _unnamed_lead(span)
    if body is not None:
        text = text[body - start_char :]
        start_char = body
    leading = longest_prefix(text, word_list("org_leading_words.txt"))
    if leading and len(text) - len(leading) > len(suffix):
        text = text[len(leading) :]
        start_char += len(leading)
    after_title = _body_after_title(text)
    if after_title is not None:  # 镇长和县扶贫办/ORG: the title and the conjunction before the body are cut off
        text = text[after_title:]
        start_char += after_title
    full = tokens.doc_text(span.doc)
    if start_char > 0 and full[start_char - 1 : start_char + 1] in DEICTIC_SCHOOL_OWNERS and len(text) - 1 > len(suffix):
        # 我|校商/n 学院/n 党委 (zzb03): the model glued the school of 我校 (our school) to the unit's name
        text = text[1:]
        start_char += 1
    return start_char, text


def _organisation_spans(doc: Doc, programmes: list[CharSpan]) -> list[CharSpan]:
    """Organisation names: a nominal run ending in an organisation head word (局, 组织部, 有限公司…).

    A programme name may stand inside (市铁军打造工程指挥部): the run then extends over it.
    """
    suffixes = _org_suffixes()
    titles = set(word_list("titles.txt"))
    found: list[CharSpan] = []
    tags = tokens.tags(doc)
    for i, word in enumerate(tokens.words(doc)):
        title = _fused_title(word)  # 党委书记: the name ends before the title
        suffix = longest_suffix(word[: len(word) - title], suffixes)
        if suffix is None or tags[i] in _PUNCT_TAGS:
            continue
        token = doc[i]
        if token.tag_ == "PER" and (cut := _name_joined_to_body(token.text)) is not None:
            # 万明云和|市中级人民法院/PER: the body joined to a name is named from 和 on, never with the words before
            found.append((token.idx + cut + len(_JOINER), token.idx + len(token.text), "Organization"))
            continue
        if _head_inside_other_word(token, suffix) or token.text in word_set("org_false_heads.txt"):
            continue
        if not title and longest_suffix(token.text, word_list("titles.txt")):
            continue  # 市委常委 is a title, not an organisation
        start = _organisation_run_start(doc, token, programmes, titles)
        if start == token.i and token.tag_ in _VERB_TAGS:
            continue  # a misread name (_head_inside_other_word) is kept only with the owner before it
        span = doc[start : token.i + 1]
        text = span.text[: len(span.text) - title]
        appointed = _appointed_cut(token.text) if start == token.i else None
        registered = _registered_place_start(doc, start, titles) if suffix.endswith("公司") else None
        if registered is not None:
            span = doc[registered : token.i + 1]
            text = span.text
        if _bare_head_word(doc, span, text, suffix):
            continue
        start_char, text = _name_after_lead(span, text, appointed, suffix)
        if text in word_list("org_stoplist.txt") or generic_organisation(text):
            continue
        if _generic_modifier_before(doc, span, start_char, text):
            continue
        # 市建设局办公室主任: the office is part of the title; the organisation is 市建设局.
        if (
            suffix in {"办公室", "办"}
            and longest_suffix(text[: -len(suffix)], suffixes)
            and _title_follows(doc, token.i)
        ):
            continue
        if _names_no_body(doc, span, (start_char, text), suffix, bool(title)) or _stationed_at_a_level(doc, span):
            continue
        # venue_of_body: 县委报告厅, 市政府大礼堂: a hall (place_landmarks.txt) ends in 厅 or 堂 but is the
        # body's meeting place, no body
        label = "Place" if token.text in word_list("place_landmarks.txt") or _memorial_hall(token) else "Organization"
        # party_group_cut: 文化和旅游部/n 党组/n 书记: 党组 goes with the title, the run before it is the body
        end_char = span.end_char - title - (len(suffix) if suffix == _PARTY_GROUP else 0)
        if end_char - start_char >= 2:
            found.append((start_char, end_char, label))
    return [part for span in found for part in _joined_bodies(doc, span)]


# A list item ends at a mark, a space or a quote; brackets stay inside it (方特欢乐世界(大同)旅游发展有限公司).
_ITEM_END = re.compile(r"[、，,。；;：:！？!?“”《》\s]")
_ITEM_REST_MAX = 16
# Words that open a clause: a verb, a preposition, a conjunction, a particle, a pronoun or a person.
_CLAUSE_TAGS = {"v", "vd", "p", "c", "u", "r", "d", "PER", "xc"}


def _names_run_on_to_head(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """model_name_runs_on: 大同市平城区第十八/ORG 小/a 学校/n、, 方特/ORG 欢乐/a 世界/n (大同)旅游发展有限公司、: LAC
    ends a body's name before its head word. Where the model's name has no head word and the rest of its list
    item (up to the next mark) ends in one and holds no word that opens a clause, the whole item is the body
    (华翔翔/ORG 能/v、: no head word after it, left as it is)."""
    text = tokens.doc_text(doc)
    found: list[CharSpan] = []
    for start, end, label in backend:
        if label != "Organization" or longest_suffix(text[start:end], _org_suffixes()) is not None:
            continue
        mark = _ITEM_END.search(text, end)
        stop = mark.start() if mark else len(text)
        rest = text[end:stop]
        if not 2 <= len(rest) <= _ITEM_REST_MAX or longest_suffix(rest, _org_suffixes()) is None:
            continue
        inside = [t for t in tokens.tokens_overlapping(doc, end, stop) if t.idx >= end]
        if not inside or (inside[-1].tag_ == "vn" and len(inside[-1].text) == 2):
            continue  # 党中央/ORG 决策/n 部署/vn: 署 of 部署 ends no name (verb_head, as in _organisation_spans)
        if any(t.tag_ in _CLAUSE_TAGS or (t.tag_ == "m" and not t.text.startswith("第")) for t in inside):
            continue
        if longest_suffix(rest, word_list("titles.txt")) is None:
            found.append((start, stop, "Organization"))
    return found


_MODIFIER_REACH = 6  # characters before a run a generic modifier may end in (国内一流, 世界500强)


def _generic_modifier_before(doc: Doc, span: Span, start_char: int, text: str) -> bool:
    """generic_org: 作为国内/s 一流/a 投资/vn 建设/vn 集团/n: a generic modifier (org_generic_modifiers.txt) right
    before a run the model's tags cut it from makes the run a kind of body, as it would inside it, when nothing
    names an owner in the run (no level word, no tagged place or body)."""
    if text.startswith(word_list("admin_prefixes.txt")) or any(t.tag_ in tokens.NAMED_TAGS for t in span):
        return False
    before = tokens.doc_text(doc)[max(start_char - _MODIFIER_REACH, 0) : start_char]
    return longest_suffix(before, word_list("org_generic_modifiers.txt")) is not None


def _memorial_hall(token: Token) -> bool:
    """memorial_hall: 马本斋纪念馆/LOC, 嘉兴南湖革命纪念馆/LOC: a hall visited (memorial_hall_heads.txt) the model read
    as one place word stays a place, as the corpus gold reads it; 海北州民族博物馆/ORG stays a body."""
    return token.tag_ == "LOC" and longest_suffix(token.text, word_list("memorial_hall_heads.txt")) is not None


def _stationed_at_a_level(doc: Doc, span: Span) -> bool:
    """stationed_kind: 听取了驻/v 村/n 工作队/n 的汇报, 驻镇工作队: a level word alone after 驻 (or 派驻) is where a
    kind of team is stationed, no owner: the run names the kind (every village has one), no body; negative:
    省纪监委驻省人大机关纪检监察组 (the host a name, _stationed_bodies)."""
    first = doc[span.start]
    if span.start == 0 or len(first.text) != 1 or first.text not in level_chars(*get_args(DivisionTier)):
        return False
    return doc[span.start - 1].text in _STATIONED_VERBS


def _names_no_body(doc: Doc, span: Span, written: tuple[int, str], suffix: str, titled: bool) -> bool:
    """A run ending in a head word that names no particular body: a weak head with no owner (a level word, a
    tagged place or body, the model's ORG, its own head's title, a deictic 我院), a count before it or glued
    inside it, or a fused title or a `named` head with no tagged name."""
    start_char, text = written
    token = span[-1]
    strength = word_table("org_suffixes.txt").get(suffix)
    named = any(t.tag_ in tokens.NAMED_TAGS for t in span)
    anchored = (
        text.startswith(word_list("admin_prefixes.txt"))
        or named
        or token.tag_ == "ORG"
        or _own_head_follows(doc, token)
        or _deictic_owner(tokens.doc_text(doc), start_char, start_char + len(text))
        or _listed_with_owned_body(doc, span)
    )
    if strength != "strong" and not anchored:
        return True
    if not named and _COUNTED.search(tokens.doc_text(doc), max(start_char - 8, 0), start_char):
        return True  # counted_kind: 确定了100个村民委员会 counts bodies of a kind, names none
    if _counted_tail(text) is not None:
        return True  # counted_tail: …服务中心7家协会 (the model's span keeps the name before the count)
    return (titled or strength == "named") and not named  # 镇党委书记, 省直机关党组织: every town's, organ's


def _list_items(doc: Doc, span: Span) -> list[Span]:
    """The other items of the 、-list the span is a whole item of (县政府办、公安局、财政局): runs of nominal
    tokens between 、 marks, walking out from the span each way while a 、 joins the next item."""
    items: list[Span] = []
    for step in (-1, 1):
        edge = span.start - 1 if step < 0 else span.end
        while 0 <= edge < len(doc) and doc[edge].text == "、" and len(items) < _LIST_ITEMS_MAX:
            end = edge + step
            while 0 <= end < len(doc) and doc[end].tag_ in _NOMINAL_TAGS:
                end += step
            first, last = (end + 1, edge) if step < 0 else (edge + 1, end)
            if last <= first:
                break
            items.append(doc[first:last])
            edge = end
    return items


_LIST_ITEMS_MAX = 16
_OWN_HEAD_MIN = 3  # 公安局, 派出所: a head word that names a kind of bureau; 局, 办 alone name none


def _listed_with_owned_body(doc: Doc, span: Span) -> bool:
    """listed_body: 县政府办/ORG、公安局/n、财政局/n, 县林业局/ORG、农业农村局/n: in a list of bodies the owner
    written on one item (a level word or a division's name) is elided on the others, so a weak-headed item
    (局, 中心, 办) is a body when another item of the same list is one with its owner; a name the model tags
    is no owner (国际化学校/ORG、科创中心, 美树/ORG 商业中心、政务服务中心 list kinds of facility). The item must be
    whole (written between 、 marks) and open with no determiner or numeral (各单位办公室, 一分厂/m name no
    body of their own)."""
    whole = (span.start > 0 and doc[span.start - 1].text == "、") or (
        span.end < len(doc) and doc[span.end].text == "、"
    )
    if not whole or span.text[0] in _DETERMINERS or span[0].tag_ in {"r", "m"}:
        return False
    prefixes = word_list("admin_prefixes.txt")
    return any(
        longest_suffix(item.text, _org_suffixes()) not in {None, item.text}
        and (item.text.startswith(prefixes) or _opens_with_division(item.text))
        for item in _list_items(doc, span)
    )


_COMMON_NOUN_TAGS = {"n", "vn"}
_COUNTED = re.compile(f"{COUNT}[多余]?[个家所支]$")  # 100个, 10余家: a count and its measure word right before
# deictic_owner: 我/r 院/n 党委/n, 该村/n 党支部/n: "our" or "this" and a body's or a division's one-character head,
# right before or opening the name, name one body (the writer's own, the village just named) as an owner's
# name does; the body is resolved where short forms are.
_DEICTIC_OWNER = re.compile("[我本该][院校局厅委会司所部村镇乡]")


def _deictic_owner(text: str, start: int, end: int) -> bool:
    """deictic_owner: the name text[start:end] opens with, or follows, 我院/该村…, and a body's head comes after
    it (该局 alone is a reference, no name)."""
    owner = _DEICTIC_OWNER.search(text, max(start - 2, 0), start + 2)
    return owner is not None and owner.end() < end


_CENTRE_FOLLOWERS = {"c", "v", "vd", "p", "u", "d"}  # not 、: 到中央、国家机关挂职 (the central organs)


def _bare_centre(doc: Doc) -> list[CharSpan]:
    """bare_centre: 坚决贯彻中央/n 和/c 省市委要求, 是中央/n 交给/v 本市的…任务: 中央 written alone and followed by
    a conjunction, a verb, a particle or a mark is the party's central committee (canonical 中共中央, as the
    corpus gold has it); 中央八项规定/nz, 中央商务区/LOC are other words of the model."""
    words, tags, starts = tokens.words(doc), tokens.tags(doc), tokens.token_starts(doc)
    return [
        (starts[i], starts[i] + 2, "Organization")
        for i in range(len(words) - 1)
        if words[i] == "中央"
        and tags[i] == "n"
        and (tags[i + 1] in _CENTRE_FOLLOWERS or _listed_with_committees(doc, i))
        and not _scope_shared(words, tags, i)
    ]


def _scope_shared(words: list[str], tags: list[str], i: int) -> bool:
    """来自中央/n 和/c 国家机关/n, 中央和地方各级政府: 中央 conjoined with the state or the localities is one half of a
    scope (centre_scope_partners.txt), the organs of both levels, not the central committee."""
    if i + 2 >= len(words) or tags[i + 1] != "c":
        return False
    return words[i + 2].startswith(tuple(word_list("centre_scope_partners.txt")))


def _listed_with_committees(doc: Doc, i: int) -> bool:
    """贯彻落实中央、省委、州委和县委关于…的部署: 中央 listed before party committees (省委, 市委: the level word and 委
    of place_owned_heads.txt) is the party's central committee; 到中央、国家机关挂职 lists organs, no committee."""
    if i + 2 >= len(doc) or doc[i + 1].text != "、":
        return False
    levels = level_chars(*get_args(DivisionTier))
    after = doc[i + 2].text
    if len(after) == 2 and after[0] in levels and after[1] == "委":
        return True
    # 贯彻落实中央、浙江与四川省委…: the next item names places that share one committee head (四川省委/ORG)
    for token in doc[i + 2 : i + 2 + _SHARED_HEAD_ITEMS]:
        if token.tag_ == "ORG" and len(token.text) > 2 and token.text[-2] in levels and token.text[-1] == "委":
            return True
        if token.tag_ not in {"LOC", "ns"} and token.text not in tokens.NAME_CONJUNCTIONS:
            return False
    return False


_SHARED_HEAD_ITEMS = 4  # 浙江/LOC 与/p 四川省委/ORG: the places and conjunctions of one list item


def _bare_committees(doc: Doc) -> list[CharSpan]:
    """bare_committee: 旗委/n 高度重视外出学习工作: a division's level word and 委 as one word of the model (旗委,
    盟委, 州委 in a banner's or a prefecture's paper) is that division's party committee, as 县委/ORG and
    市委/ORG are (place_owned_heads.txt; canonical_organisation expands it with the home)."""
    levels = level_chars(*get_args(DivisionTier))
    committees = {w for w in word_list("place_owned_heads.txt") if len(w) == 2 and w[0] in levels and w[1] == "委"}
    if not tokens.text_holds_any(doc, committees):
        return []
    return [
        (start, end, "Organization")
        for word, tag, start, end in zip(
            tokens.words(doc), tokens.tags(doc), tokens.token_starts(doc), tokens.token_ends(doc), strict=True
        )
        if word in committees and tag in _BARE_COMMITTEE_TAGS
    ]


_BARE_COMMITTEE_TAGS = frozenset({"n", "nz"})


# 中共黄平县委员会, 中共上海建工房产有限公司委员会: the formal name of a party organisation, 中共 up to the first 委员会
_PARTY_FORMAL_NAME = re.compile(f"中共([{HAN}]{{2,40}}?)委员会")


def _crosses_formal(span: CharSpan, formal: list[CharSpan]) -> bool:
    """A span overlapping a formal party name without being it."""
    return any(span[0] < e and s < span[1] and (span[0], span[1]) != (s, e) for s, e, _ in formal)


def _party_formal_names(doc: Doc) -> list[CharSpan]:
    """party_formal_name: 中共广西壮族自治区赴广东省挂职锻炼党员干部临时支部委员会在此宣告成立, 中共上海建工房产有限公司
    委员会与…签约: 中共 … 委员会 written as one run of characters is one party organisation's formal name, however
    the model cut it (中共/ORG alone, 支部委员会/ORG). 中共党员 is a member, and a function word inside
    (party_formal_name_stops.txt) joins two phrases, not one name."""
    text = tokens.doc_text(doc)
    if "中共" not in text:
        return []
    stops = word_set("party_formal_name_stops.txt")
    return [
        (match.start(), match.end(), "Organization")
        for match in _PARTY_FORMAL_NAME.finditer(text)
        if not match.group(1).startswith("党员") and not any(ch in stops for ch in match.group(1))
    ]


def _sar_bodies(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """sar_body: 向立法会/v 提交法案, 澳门特区/ORG 行政/n 会/v 11日公布: an organ of a special administrative region
    (sar_bodies.txt) is an organisation wherever it is written as a word of its own, and with the region's name
    the model tagged right before it (澳门特区行政会) one name with it. The model's word may run on from the organ
    into a title that follows it (立法/vn 会议员/n 廖长江, zzo08): the organ ends where the title starts."""
    text = tokens.doc_text(doc)
    words = word_list("sar_bodies.txt")
    regions = {e: s for s, e, label in backend if text[s:e].startswith(("香港", "澳门", "特区"))}
    starts = set(tokens.token_starts(doc))
    ends = set(tokens.token_ends(doc))
    found: list[CharSpan] = []
    # the positions words_in finds, at a token's start: match_word_at at every token start, in order
    for pos, word in words_in(text, words):
        end = pos + len(word)
        if pos in starts and (end in ends or _title_rest_of_word(doc, end)):  # a word of its own, or up to a title
            found.append((regions.get(pos, pos), end, "Organization"))
    return found


def _title_rest_of_word(doc: Doc, char: int) -> bool:
    """The model's word runs on over `char` and its rest from there is a whole title (立法/vn 会|议员/n)."""
    word = tokens.tokens_overlapping(doc, char, char + 1)
    return bool(word) and word[0].idx < char and tokens.doc_text(doc)[char : word[0].idx + len(word[0].text)] in title_table()


def _national_ministries(doc: Doc) -> list[CharSpan]:
    """national_ministry: 农业农村部/n 公布第三批全国乡村治理示范村镇创建公示名单: a ministry of the State Council
    (national_ministries.txt) written as one word of the model is an organisation, whatever its tag, and so is
    one of its units written as one word with it (农业农村部办公厅/n)."""
    ministries = word_list("national_ministries.txt")
    found: list[CharSpan] = []
    if not tokens.text_holds_any(doc, ministries):
        return found  # no ministry named: no token to look at
    for word, start, end in zip(tokens.words(doc), tokens.token_starts(doc), tokens.token_ends(doc), strict=True):
        ministry = longest_prefix(word, ministries)
        rest = word[len(ministry) :] if ministry else ""
        # 农业农村部办公厅/n: the ministry's office, written as one word with it
        if ministry and (not rest or longest_suffix(rest, _org_suffixes()) is not None):
            found.append((start, end, "Organization"))
    return found + _split_ministries(doc, ministries)


def _split_ministries(doc: Doc, ministries: tuple[str, ...]) -> list[CharSpan]:
    """split_ministry: 从文化/n 和/c 旅游部/n 了解到: a ministry whose name joins two domains (文化和旅游部,
    住房和城乡建设部) reaches the model as several words; written whole from a word's start to a word's end,
    it is the ministry all the same. After a place's word (中国/LOC 文化和旅游部) it is left to the model: the
    place may own it, and its own reading stays."""
    text = tokens.doc_text(doc)
    starts = {t.idx for t in doc if t.i == 0 or doc[t.i - 1].tag_ not in {"LOC", "ns"}}
    ends = {t.idx + len(t.text) for t in doc}
    found: list[CharSpan] = []
    for ministry in ministries:
        if not any(joiner in ministry for joiner in tokens.NAME_CONJUNCTIONS):
            continue
        for match in re.finditer(re.escape(ministry), text):
            if match.start() in starts and match.end() in ends:
                found.append((match.start(), match.end(), "Organization"))
    return found


def _own_head_follows(doc: Doc, token: Token) -> bool:
    """own_head_title: 财政/n 司/n 司长/n 陈茂波, 政制/n 及/c 内地/s 事务局/n 局长/n: the title of the body's
    own head (司长 of a 司, 局长 of a 局) right after a head word makes the run before it that body's name,
    with no place or tag to anchor it (Hong Kong's bureaus)."""
    if token.i + 1 >= len(doc) or token.text[-1] in _FUNCTION_CHARS:
        return False
    title = doc[token.i + 1].text.removeprefix("副")
    return title in _titles() and title.startswith(token.text[-1]) and len(title) == 2


def _fused_title(word: str) -> int:
    """fused_title_head: LAC writes 岩博联村/n 党委书记/n: a word of a party body's head word (党委, 党支部)
    and a title after it. The title's length, or 0 when the word is no such fusion."""
    if word[:1] not in _FUSED_BODY_OPENERS:
        return 0  # most words: no body's head word opens them
    for cut in range(2, len(word) - 1):
        if word[:cut] in _FUSED_BODIES and word[cut:] in _titles():
            return len(word) - cut
    return 0


_FUSED_BODIES = frozenset({"党委", "党工委", "党组", "党支部", "党总支", "党组织"})
_FUSED_BODY_OPENERS = frozenset(body[0] for body in _FUSED_BODIES)


_UNNAMED_LEVELS = ("乡镇", "村")
_PLURAL_LEVELS = ("乡镇", "镇村", "村居")  # two level words together name every division of both levels
# Two levels written alone before a body: 省市委 (中央和省市委要求), 市区党校 (推动市区党校一体化办学: the city's and
# the districts' schools); only alone, as a district's name may end in them (沙市区政府).
# A closed list of the pairs the genre writes, not a set of levels (division_levels.txt): 省县, 县乡 share no body.
_PAIRED_LEVELS = ("省市", "市县", "县市", "市区", "区县", "县区")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_GOVERNMENTS = ("人民政府", "政府")


def _unnamed_lead(span: Span) -> int | None:
    """时期|市委市政府, 两地|市委, 新一届|区委: a common word, a count or a term before a body written with
    its level word (市委, 区委) is the sentence's, not part of a name; the name starts at the level word.
    The character offset where it starts, or None."""
    from cadregraph.pipeline.lexicons import common_words

    prefixes = word_list("admin_prefixes.txt")
    for index, token in enumerate(span[:-1]):
        following = span[index + 1]
        unnamed = token.tag_ in {"n", "m"} and (
            token.text in common_words() or _ORDINAL.fullmatch(token.text) or token.text[0] in _DETERMINERS
        )
        if not unnamed:
            return None
        if following.text.startswith(prefixes) and following.tag_ == "ORG":
            return following.idx
    return None


def _coordination_cut(text: str) -> tuple[int, int] | None:
    """coordinated_bodies: LAC reads 县妇联和/ORG 县教委/ORG, 县委组织部和县人社局/ORG: where a conjunction (和, 与,
    及, 、) or a verb joining bodies (县妇联联合县政协: org_glued_verbs.txt) follows a whole body's name and either ends the span or opens a second name with its own level word
    or division (县人社局, 上海划艇赛艇俱乐部), the span is two bodies (or one and the glued conjunction); 科技与
    人才局 and 城乡建设和生态环境局 join two domains of one bureau (no body's head before the conjunction)."""
    suffixes = _org_suffixes()
    for cut in range(2, len(text)):
        joiner = text[cut] if text[cut] in _COORDINATORS else match_word_at(text, cut, _glued_verbs())
        if not joiner or longest_suffix(text[:cut], suffixes) is None:
            continue
        right = text[cut + len(joiner) :]
        if not right or (
            longest_suffix(right, suffixes) is not None
            and len(right) > 2
            and (right.startswith(word_list("admin_prefixes.txt")) or _opens_with_division(right))
        ):
            return cut, cut + len(joiner)
    return None


def _repeated_head_cut(text: str) -> int | None:
    """listed_units: an honour list written one unit a line reaches the model as one run
    (九江市关心下一代工作委员会景德镇市关心下一代工作委员会): where a whole body's name is followed by a
    second that opens with its own division and ends in the same head (_REPEATED_HEAD_MIN characters or
    more), the run is two parallel names; one body's head differs (国家税务总局平湖市税务局), and a national
    body whose local committee follows (中国国民党革命委员会浙江省委员会: the first opens with no division) is
    one name of the local body."""
    suffixes = _org_suffixes()
    for cut in range(2, len(text) - 2):
        left, right = text[:cut], text[cut:]
        suffix = longest_suffix(left, suffixes)
        if suffix is None or not _opens_with_division(right) or not _opens_with_division(left):
            continue
        shared = len(os.path.commonprefix([left[::-1], right[::-1]]))
        if shared >= max(_REPEATED_HEAD_MIN, len(suffix)) and shared < len(right):
            return cut
    return None


_REPEATED_HEAD_MIN = 3


def _bracketed_levels(owner: str) -> bool:
    """县(市、区), 县(市)区: a level word with the levels that rank with it in brackets names every division of
    those levels (the genre's way to write "each county-level division"), no one owner."""
    if not _BRACKETED.search(owner):
        return False
    bare = re.sub(r"[()（）、]", "", owner)
    levels = level_chars(*get_args(DivisionTier))
    return len(bare) >= 2 and all(ch in levels for ch in bare)


def _glued_verbs() -> tuple[str, ...]:
    return word_list("org_glued_verbs.txt")


_COORDINATORS = {*tokens.NAME_CONJUNCTIONS, "、"}


def _joined_bodies(doc: Doc, span: CharSpan) -> list[CharSpan]:
    """市委市政府, 自治区党委政府: a party committee and a government written as one word are two bodies
    (the government kept when it has its own level word, 市政府, not as a bare 政府). 乡镇党委, 村党支部:
    a level word and a body name no body at all (every township's, every village's)."""
    start, end, label = span
    text = tokens.doc_text(doc)[start:end]
    if label != "Organization":
        return [span]
    cut = _coordination_cut(text)
    if cut is not None:  # 县妇联和县教委: the two bodies, each split further as one span would be
        parts = [(start, start + cut[0], label), (start + cut[1], end, label)]
        return [piece for part in parts if part[1] > part[0] for piece in _joined_bodies(doc, part)]
    repeated = _repeated_head_cut(text)
    if repeated is not None:
        parts = [(start, start + repeated, label), (start + repeated, end, label)]
        return [piece for part in parts for piece in _joined_bodies(doc, part)]
    suffix = longest_suffix(text, _org_suffixes())
    if suffix is not None and _bracketed_levels(text[: -len(suffix)]):
        return []  # 县(市、区)党委: every county's, city's and district's committee
    before = _BRACKETED.sub("", text[: -len(suffix)]) if suffix is not None else ""
    if before in _UNNAMED_LEVELS or before.endswith(_PLURAL_LEVELS) or before in _PAIRED_LEVELS:
        return []  # 村(社区)党组织 too; 西藏山南地区乡镇党委: the prefecture's townships, each its own body
    if text in {levels + "委" for levels in _PAIRED_LEVELS}:
        return []  # 省市委: the province's and the city's committees (the suffix 市委 holds a level word)
    government = longest_suffix(text, _GOVERNMENTS)
    if government is None:
        return [span]
    rest = text[: -len(government)]
    level = longest_suffix(rest, word_list("admin_prefixes.txt")) or ""
    party = rest[: len(rest) - len(level)]
    if not party or longest_suffix(party, party_committees()) is None:
        return [span]
    second = [(start + len(party), end, label)] if level else []
    return [(start, start + len(party), label), *second]


@cache
def _media_heads(*, outlet: bool, before_staff: bool = False) -> tuple[str, ...]:
    """The head words of outlets' names, or (outlet=False) the words that end a document's name instead; the
    heads marked `staff` (江西台记者: a broadcaster's short name) name an outlet only before its staff's word."""
    table = word_table("media_heads.txt")
    if not outlet:
        return tuple(w for w in word_list("media_heads.txt") if table[w] == "not")
    kinds = {"", "staff"} if before_staff else {""}
    return tuple(w for w in word_list("media_heads.txt") if table[w] in kinds)


# the dashes that join two outlets, or an outlet and its channel, on a source line (人民网-人民日报, 人民网—广西频道)
_DASHES = "-—－"
_DASH = f"[{_DASHES}]"


_SOURCE_WORD = "(?:来源于?|出处)"  # the label of a page's source field


@cache
def _media_pattern() -> re.Pattern[str]:
    heads = "|".join(re.escape(w) for w in _media_heads(outlet=True))
    tails = "|".join(re.escape(w) for w in word_list("media_source_tails.txt"))
    name = f"([{HAN}]{{1,10}}?(?:{heads}))"
    # the field's value may run into the next text once the page's spaces are gone (来源:杭州日报8月17日,
    # 来源于财新网可以听文章啦): the name ends at the first head word, or at a channel, an edition or a
    # platform written right after it (来源:新华网宁夏频道, 人民日报海外版) or instead (辽沈智慧党建云平台), a dash
    # maybe between (转自:人民网-广西频道, as 人民网 writes its local channels)
    source_name = f"([{HAN}]{{1,10}}?(?:(?:{heads})(?:{_DASH}?[{HAN}]{{0,4}}?(?:{tails}))?|{tails}))"
    source_line = f"(?:{_SOURCE_WORD}[ \t\u3000]*[:：]?|转自[ \t\u3000]*[:：])[ \t\u3000]*{source_name}"
    masthead = f"^[ \t\u3000]*[【◎]?据?{name}(?={_MASTHEAD_END})"
    return re.compile(f"{source_line}|{masthead}", re.MULTILINE)


# What follows a masthead that opens a line: a dash or a dot joining a second outlet, the line's end, a
# dateline (中红网贵州黄平2015年7月2日电, 东北网5月5日讯, 中国组织人事报银川讯 (通讯员…), 讯 or 消息 (今日竹山网消息,
# 【文匯網訊】), or a page's date field after spaces (中国市场调查网  时间:10/12/2011)
_MASTHEAD_END = (
    f"[ \t\u3000]*[{_DASHES}·]|[ \t\u3000]*$|[{HAN}]{{0,6}}?(?:{COUNT}年)?{COUNT}月{COUNT}日[讯电]|讯|消息"
    f"|[{HAN}]{{2,4}}?讯[ \t\u3000]*[(（]"
    "|[ \t\u3000]+(?:时间|日期|发布时间)[:：]"
)


@cache
def _second_masthead() -> re.Pattern[str]:
    heads = "|".join(re.escape(w) for w in _media_heads(outlet=True))
    # 来源:人民网-人民日报: the outlet a source field names after the site that reprints it, to the line's end
    return re.compile(
        f"[ \t\u3000]*[{_DASHES}·][ \t\u3000]*([{HAN}]{{1,10}}?(?:{heads}))(?=[(（]|记者|讯|[ \t\u3000]*(?:\n|$))"
    )


_EDITION_FOLLOWERS = re.compile("[ \t\u3000]|$|发自|新闻", re.M)


def _regional_edition_end(text: str, end: int) -> int:
    """regional_edition: 来源:中新网四川 (zze08), 来源:中新网天津 (t07), 凤凰网广东发自中山 (zr01): an outlet's name followed
    by a province's or a great city's name, then the field's end or the edition's news channel (中新网四川新闻9月2日电), is
    the outlet's regional edition, one organisation; the place is part of its name. 中新网北京12月20日电 and 中国组织人事报银川讯 (a
    dateline's place before its date or 讯) stay an outlet and a place."""
    from cadregraph.pipeline.gazetteer import gazetteer

    for length in (3, 2):
        place = text[end : end + length]
        division = gazetteer().resolve(place)
        if (
            division is not None
            and division.level in ("province", "city")
            and _EDITION_FOLLOWERS.match(text, end + length) is not None
        ):
            return end + length
    return end


def _media_spans(doc: Doc) -> list[CharSpan]:
    """遂宁新闻网, 杭州日报, 沧源融媒: the outlet a page names as its source (来源:X) or as the masthead
    opening a line before the dateline (东北网5月5日讯, 湖北日报讯) is an organisation, whatever the model
    tagged the words (LAC reads 沧源融媒 as a place and a verb). 本报讯 names no outlet."""
    text = tokens.doc_text(doc)
    found: list[CharSpan] = []
    for match in _media_pattern().finditer(text):
        group = 1 if match.group(1) else 2
        if not _names_an_outlet(match.group(group)):
            continue
        found.append((match.start(group), _regional_edition_end(text, match.end(group)), "Organization"))
        second = _second_masthead().match(text, match.end(group))
        if second is not None and _names_an_outlet(second.group(1)):
            # 阿勒泰新闻网-阿勒泰地区融媒体中心(记者, 山东商报·速豹新闻网记者: the outlet joined to the masthead
            found.append((second.start(1), second.end(1), "Organization"))
    return found + _cited_outlets(doc) + _quoted_papers(doc) + _source_field_bodies(doc, found)


# 来源:中国永修 作者:…, 来源:教务处 浏览次数:2210: a source field's whole value, up to a space, a bar or the line end
_SOURCE_VALUE = re.compile(f"{_SOURCE_WORD}[ \t\u3000]*[:：][ \t\u3000]*([{HAN}]{{2,12}})(?=[ \t\u3000|｜]|$)", re.M)


def _source_field_bodies(doc: Doc, outlets: list[CharSpan]) -> list[CharSpan]:
    """source_field_body: 来源:中国永修 (zi06), 来源:庐山市组微讯 (ze06), 来源:教务处 (zk02): the whole value of a page's
    source field names the outlet or body that published it, an organisation, though no outlet's head word
    ends it; an outlet the head words found there stays as found, and a common word (来源:网络), a
    determiner's name (本站) or a value with neither a proper noun nor a body's suffix (来源:原创) names none."""
    from cadregraph.pipeline.lexicons import common_words

    text = tokens.doc_text(doc)
    found_at = {start for start, _, _ in outlets}
    found: list[CharSpan] = []
    for match in _SOURCE_VALUE.finditer(text):
        value, start, end = match.group(1), match.start(1), match.end(1)
        if start in found_at or value in common_words() or value[0] in _DETERMINERS:
            continue
        named = any(t.tag_ in _PROPER_TAGS for t in tokens.tokens_overlapping(doc, start, end))
        if named or longest_suffix(value, _org_suffixes()) is not None:
            found.append((start, end, "Organization"))
    return found


_PAPER_HEAD = "报"  # 日报, 晚报, 早报, 报: the outlet heads (media_heads.txt) that name a paper
_QUOTED_PAPER = re.compile(f"《([{HAN}]{{2,12}})》")


def _quoted_papers(doc: Doc) -> list[CharSpan]:
    """quoted_paper: 《河北日报》记者 (r01), 在当地官方媒体《吕梁日报》发布公告 (zq01): a paper cited by its name in
    title marks is an organisation, as news NER and the corpus gold read it; a document's name that ends in
    报 (《情况通报》, 年报: media_heads.txt's not-words) is none."""
    text = tokens.doc_text(doc)
    heads = tuple(h for h in _media_heads(outlet=True) if h.endswith(_PAPER_HEAD))
    return [
        (match.start(1), match.end(1), "Organization")
        for match in _QUOTED_PAPER.finditer(text)
        if longest_suffix(match.group(1), heads) is not None and _names_an_outlet(match.group(1))
    ]


def _outlets_of_channels(text: str, spans: list[CharSpan]) -> list[CharSpan]:
    """channel_outlet: 新华网宁夏频道, 人民网-广西频道, 人民日报海外版: the outlet whose channel or edition a
    source field names (media_source_tails.txt) is an organisation of the article too, as the corpus gold
    writes it (k06, i06: a parent organisation inside a longer name), beside `doc.ents`. The longest name
    before the tail that ends in an outlet's head word is the outlet (中国日报网 of 中国日报网英文频道)."""
    tails = word_list("media_source_tails.txt")
    heads = _media_heads(outlet=True)
    found: list[CharSpan] = []
    for start, end, label in spans:
        tail = longest_suffix(text[start:end], tails) if label == "Organization" else None
        if tail is None:
            continue
        before = text[start : end - len(tail)]
        # the longest outlet's name: 中国新闻网 of 中国新闻网宁夏频道, never the 中国新闻 its 闻 ends
        outlet = next(
            (before[:k] for k in range(len(before), 1, -1) if longest_suffix(before[:k], heads) is not None), None
        )
        if outlet is not None and _names_an_outlet(outlet):
            found.append((start, start + len(outlet), "Organization"))
    return found


def _names_an_outlet(name: str) -> bool:
    """A name before its head word (本报, 各网站 and a bare 网 name none; 年报 ends a document's name)."""
    return not (
        name[0] in _DETERMINERS
        or longest_suffix(name, _media_heads(outlet=True)) == name
        or longest_suffix(name, _media_heads(outlet=False))
    )


_CITED_AFTER = re.compile(f"[{HAN}]{{0,4}}?(?:{COUNT}月)?{COUNT}日[电讯]|报道|消息|{_DASH}")


def _cited_outlets(doc: Doc) -> list[CharSpan]:
    """cited_outlet: 据中新网沈阳22日电, 广西新闻网-广西日报南宁讯: a word ending in an outlet's head word
    (media_heads.txt) after 据 and before a dateline or 报道/消息, or before the dash that joins two
    mastheads, or before a dateline alone (…培训人民网武汉7月24日电, zb02), is the outlet the page cites
    (wraps are joined, so a masthead need not open a line).
    据统计网上数据 cites no outlet: nothing of a dateline follows."""
    text = tokens.doc_text(doc)
    heads = _media_heads(outlet=True)
    found: list[CharSpan] = []
    for i, word in enumerate(tokens.words(doc)):
        head = longest_suffix(word, heads)
        if head is None or len(word) == len(head) or not all(is_han(ch) for ch in word):
            continue
        token = doc[i]
        end = token.idx + len(word)
        cited = token.i > 0 and doc[token.i - 1].text == "据"
        after = _CITED_AFTER.match(text, end)
        # 青年干部培训|人民网/nz 武汉7月24日电: a dateline's outlet after the headline the reader joined to it
        dateline = after is not None and after.group().endswith(("电", "讯")) and _names_an_outlet(word)
        if after is not None and (cited or dateline or after.group().startswith(tuple(_DASHES))):
            found.append((token.idx, end, "Organization"))
            second = _second_masthead().match(text, end)
            if second is not None and _names_an_outlet(second.group(1)):
                found.append((second.start(1), second.end(1), "Organization"))
    return found + _glued_mastheads(doc, heads)


_OUTLET_NAME_TAGS = frozenset({"n", "nz", "ORG", "LOC", "ns", "nt"})  # an outlet name's words (经济/n 日报/n)


_MASTHEAD_AFTER = re.compile(rf"讯[ \t\u3000]*(?:[(（:：]|{COUNT}月|{COUNT}日)")


def _glued_mastheads(doc: Doc, heads: tuple[str, ...]) -> list[CharSpan]:
    """glued_masthead: 宁夏人大常委会召开人大工作座谈会|宁夏人大网讯(南海生), 摄)中国甘肃网讯(记者 麦迪逊): a
    dateline's outlet (X网讯, X日报讯 before the byline's bracket, a colon or the date) after a headline or
    caption the reader joined to it, so it opens no line. The name is the token before 讯 (中国甘肃网讯), or
    the proper-noun token before a bare head (宁夏人大|网讯). 通讯 and 本报讯 name no outlet."""
    text = tokens.doc_text(doc)
    words = tokens.words(doc)
    starts = tokens.token_starts(doc)
    found: list[CharSpan] = []
    for match in _MASTHEAD_AFTER.finditer(text):
        end = match.start()
        i = next((k for k, s in enumerate(starts) if s <= end - 1 < s + len(words[k])), None)
        if i is None:
            continue
        name_start = starts[i]
        name = text[name_start:end]
        head = longest_suffix(name, heads)
        if head is None or name == head:
            # 宁夏人大|网讯, 宿松/LOC 融/v 媒讯/n: the head (or the word before 讯) cut off, the name opens with
            # the proper-noun token up to two words before it
            opening = next(
                (
                    j
                    for j in range(i - 1, max(i - 3, -1), -1)
                    if doc[j].tag_ in _PROPER_TAGS
                    and all(map(is_han, text[starts[j] : end]))
                    and longest_suffix(text[starts[j] : end], heads) not in {None, text[starts[j] : end]}
                ),
                None,
            )
            if opening is None:
                continue
            name_start = starts[opening]
            name = text[name_start:end]
            head = longest_suffix(name, heads) or ""
        if len(name) > len(head) and name[0] not in _DETERMINERS and all(map(is_han, name)):
            found.append((name_start, end, "Organization"))
    return found


_PROPER_TAGS = frozenset({"ORG", "LOC", "nz", "ns", "nt"})


@dataclass(frozen=True)
class ProgrammeType:
    """A type word from programme_types.txt: whether it ends unquoted names, and the shortest name before it."""

    word: str
    open: bool
    shortest: int
    bare: bool = False
    longest: int | None = None




def _outlets_before_staff(doc: Doc) -> list[CharSpan]:
    """outlet_staff: 告诉经济/n 日报/n 记者 (p06), 山东商报·速豹新闻网/nz 记者 (l04): a name ending in an
    outlet's head word (media_heads.txt) right before a word for its staff (outlet_staff_words.txt) is the
    outlet, an organisation, whatever the model tagged it; a head word alone takes the noun before it into
    the name (经济|日报). 本报记者, 该报记者 name no outlet (a determiner opens them)."""
    staff = word_set("outlet_staff_words.txt")
    if not tokens.text_holds_any(doc, staff):
        return []  # no staff word: no token to look at (the scan costs a pass over the words)
    heads = _media_heads(outlet=True, before_staff=True)
    words, tags = tokens.words(doc), tokens.tags(doc)
    starts, ends = tokens.token_starts(doc), tokens.token_ends(doc)
    found: list[CharSpan] = []
    for index in range(1, len(words)):
        if words[index] not in staff:
            continue
        last = index - 1
        head = longest_suffix(words[last], heads)
        if head is None or tags[last] not in _OUTLET_NAME_TAGS:
            continue
        first = last
        if head == words[last] and index >= 2:
            before = index - 2
            if tags[before] not in _OUTLET_NAME_TAGS or ends[before] != starts[last]:
                continue
            first = before
        start, end = starts[first], ends[last]
        name = tokens.doc_text(doc)[start:end]
        if len(name) < 3 or name[0] in _DETERMINERS or not _is_cjk_name(name):
            continue
        found.append((start, end, "Organization"))
    return found


def _programme_types() -> list[ProgrammeType]:
    table = word_table("programme_types.txt")
    types = []
    for word in word_list("programme_types.txt"):
        kind, shortest, longest, *_ = (table[word].split("\t") + ["", ""])[:3]
        longest_name = int(longest) if longest else None
        types.append(ProgrammeType(word, kind == "open", int(shortest or 2), kind == "bare", longest_name))
    return types


_NOT_IN_QUOTED_NAME = re.compile(r"[,，。;；:：!！?？]")


def _title_follows(doc: Doc, index: int) -> bool:
    following = doc[index + 1].text if index + 1 < len(doc) else ""
    return bool(following) and longest_prefix(following, word_list("titles.txt")) is not None


def programme_rule_spans(doc: Doc) -> list[CharSpan]:
    """Programme names: quoted names with a type word (“铁军打造”工程), and nominal runs ending in one."""
    types = _programme_types()
    type_words = tuple(t.word for t in types)
    verbs = word_list("programme_verbs.txt")
    stoplist = set(word_list("programme_stoplist.txt"))
    text = tokens.doc_text(doc)
    found: list[CharSpan] = []
    quoted_names: set[str] = set()
    quotes = [m for m in _QUOTED.finditer(text) if not _NOT_IN_QUOTED_NAME.search(m.group(1))]
    for index, match in enumerate(quotes):
        inner = match.group(1)
        if not HAN_CHAR.search(inner) or phrase_rules().plan_period.match(inner):
            continue  # “十四五”规划: the quoted period's plan is no programme
        after = text[match.end() : match.end() + 6]
        kind = None if longer_word_at(after) else next((t for t in types if after.startswith(t.word)), None)
        chained = _chain_type(text, quotes, index, types)
        qualified = _qualified_type(doc, match.end(), types) if kind is None else None
        if kind is None and (counted := _counted_bare_type(text, match.end(), types)) is not None:
            found.append((match.start(), counted, "Programme"))  # “环境立市、…、法治稳市”五大战略
            record_aliases(doc, (match.start(), counted), [text[match.end() : counted]])
            quoted_names.add(inner)
        elif kind is not None and kind.bare and len(inner) >= kind.shortest:
            found.append((match.start(1), match.end(1), "Programme"))
            quoted_names.add(inner)
        elif kind is not None and len(inner) >= kind.shortest and inner + kind.word not in stoplist:
            found.append(_with_qualifier(doc, match.start(), _type_run_end(doc, match.end() + len(kind.word), types)))
            quoted_names.add(inner)
        elif kind is None and chained is not None and inner not in stoplist:
            found.append((match.start(1), match.end(1), "Programme"))  # “一带一路”“长江经济带”战略
            quoted_names.add(inner)
        elif (
            kind is None
            and _level_before(text, match.start())
            and len(inner) >= 3
            and inner not in stoplist
            and not longest_suffix(inner, type_words)  # 全市“年轻干部成长工程”: a programme, no title
        ):
            # 省级“美丽小镇”, 全国“文明城市”: a quoted title granted at a level is an honour
            found.append((match.start() - len(_level_before(text, match.start())), match.end(), "Programme"))
            quoted_names.add(inner)
        elif qualified is not None and len(inner) >= 2 and inner not in stoplist:
            found.append(_with_qualifier(doc, match.start(), _type_run_end(doc, qualified, types)))  # “挂图作战”比进度行动
            quoted_names.add(inner)
        elif kind is None and inner not in stoplist and _ends_in_type(inner, type_words):
            span = _with_qualifier(doc, match.start(), match.end())  # 中国服装设计“金顶奖”
            found.append(span if span[0] < match.start() else (match.start(1), match.end(1), "Programme"))
            quoted_names.add(inner)
        elif kind is None and inner not in stoplist and (_quoted_honour(inner) or _honour_after_quote(text, match.end(), inner)):
            found.append((match.start(1), match.end(1), "Programme"))  # 100名“全省优秀共产党员”
            quoted_names.add(inner)
        elif (
            kind is None
            and inner not in stoplist
            and len(inner) >= 3
            and (
                _cue_before(text, match.start())
                or in_activity_list(text, match.start(), match.end())
                or in_model_list(text, match.end())  # “积分制”“村民说事”等典型治理模式
            )
            and not text.startswith("的", match.end())  # 启动“白天上班、晚上和周末上课”的…模式: it describes
            and not describes(inner)  # 打造“没有围墙的开放学院”: a slogan, no name
        ):
            found.append((match.start(1), match.end(1), "Programme"))
            quoted_names.add(inner)
    quoted_names |= _listed_with_programmes(text, quotes, quoted_names, stoplist)
    # A quoted name seen once with its type word is a programme wherever else it is quoted alone.
    for match in quotes:
        if match.group(1) in quoted_names:
            found.append((match.start(1), match.end(1), "Programme"))
    found += _unquoted_programme_spans(doc, types, stoplist, verbs)
    found = [span for span in found if not figure_of_speech(doc, span[0], span[1])]
    found = [span for span in found if not _enumerated_items(text, span[0], span[1])]
    for start, end, _ in found:
        record_aliases(doc, (start, end), scoped_forms(doc, start, end))  # 全区|村(社区)党组织书记培训班
    return found


_LIST_GOES_ON = ("等", "、")


def _enumerated_items(text: str, start: int, end: int) -> bool:
    """采取工作交流、现场教学、学员论坛等形式, 依托各级党校、农民夜校等: a 、-list the text goes on with (等, or
    one more 、) enumerates things of a kind, each its own; the run is no one name (a class named by the groups
    it trains, 农村党组织书记、普通党员培训班, ends the list with its head; a 、 inside a quotation belongs to a
    name: 乡镇领导干部“脱贫攻坚、乡村振兴”专题研讨班、建档立卡…培训班)."""
    unquoted = _QUOTED.sub("", text[start:end])
    return "、" in unquoted and text.startswith(_LIST_GOES_ON, end)


def _unquoted_programme_spans(
    doc: Doc, types: list[ProgrammeType], stoplist: set[str], verbs: tuple[str, ...]
) -> list[CharSpan]:
    """The names no quotation marks: nominal runs ending in an open type word, awards, levelled honours, batch
    lists, enumerated parts, role studios, formulas and plans."""
    text = tokens.doc_text(doc)
    found: list[CharSpan] = []
    heads = [HeadWord(t.word, t.shortest, t.longest) for t in types if t.open]
    for start_char, end_char, names in head_spans(doc, heads, stoplist, verbs):
        if _is_generic_programme(text[start_char:end_char], stoplist):
            continue
        found.append((start_char, end_char, "Programme"))
        record_aliases(doc, (start_char, end_char), names)
    found += _award_spans(doc)
    found += [(start, end, "Programme") for start, end in levelled_honours(doc)]
    found += [(start, end, "Programme") for start, end in batch_list_spans(doc)]
    found += [(start, end, "Programme") for start, end in enumerated_parts(text)]
    found += [(start, end, "Programme") for start, end in role_studios(doc)]
    found += [(start, end, "Programme") for start, end in formula_spans(doc)]
    found += [(start, end, "Programme") for start, end in plan_spans(doc)]
    found += [(start, end, "Programme") for start, end in cooperation_spans(text)]
    return found


def _listed_with_programmes(
    text: str, quotes: list[re.Match[str]], programmes: set[str], stoplist: set[str]
) -> set[str]:
    """有“中国公路百名优秀工程师”、“十大桥梁人物”: quoted names listed back to back or with 、 are of one kind;
    when one of them is a programme, so are the others, except a name ending in a body's suffix (“啄木鸟工作室”)."""
    found: set[str] = set()
    group: list[str] = []
    for index, match in enumerate(quotes):
        group.append(match.group(1))
        joined = index + 1 < len(quotes) and text[match.end() : quotes[index + 1].start()] in {"", "、"}
        if joined:
            continue
        if len(group) > 1 and programmes & set(group):
            found |= {
                n
                for n in group
                if len(n) >= 3
                and HAN_CHAR.search(n)
                and n not in stoplist
                and longest_suffix(n, _org_suffixes()) is None
            }
        group = []
    return found


def _with_qualifier(doc: Doc, start: int, end: int) -> CharSpan:
    """A quoted programme with the qualifier or owner written before it (see programmes.extend_quoted)."""
    new_start, shorter = extend_quoted(doc, start, end)
    if new_start < start:
        record_aliases(doc, (new_start, end), shorter)
    return (new_start, end, "Programme")


def _type_run_end(doc: Doc, end: int, types: list[ProgrammeType]) -> int:
    """“青年干部成长工程”三年行动计划: a type word right after the type word ending the name (行动|计划) goes on
    with it, when it ends where a word of the backend ends (not 专班: phrase.toml serving_heads); returns the
    name's new end."""
    text = tokens.doc_text(doc)
    while not inside_book_title(text, end):  # 《…“亲清下午茶·政企话发展”活动工作机制》 names a document
        serving = phrase_rules().serving_heads  # “万人助万企”活动|专班: a body for the programme, not its name
        kind = next(
            (t for t in types if t.open and len(t.word) >= 2 and text.startswith(t.word, end) and t.word not in serving),
            None,
        )
        token = _token_at(doc, end + len(kind.word) - 1) if kind is not None else None
        if kind is None or token is None or token.idx + len(token.text) != end + len(kind.word):
            return end
        end += len(kind.word)
    return end


def _chain_type(text: str, quotes: list[re.Match[str]], index: int, types: list[ProgrammeType]) -> str | None:
    """“一带一路”“长江经济带”“长江三角洲一体化发展”战略: quoted names written back to back (or with 、)
    share the type word after the last one; returns it, or None."""
    position = index
    while position + 1 < len(quotes) and text[quotes[position].end() : quotes[position + 1].start()] in {
        "",
        "、",
    }:
        position += 1
    if position == index and not (
        index > 0 and text[quotes[index - 1].end() : quotes[index].start()] in {"", "、"}
    ):
        return None
    after = text[quotes[position].end() : quotes[position].end() + 6]
    kind = next((t for t in types if after.startswith(t.word)), None)
    return kind.word if kind is not None else None


_QUALIFIER_CHARS = 3
_COUNTED_KIND = re.compile(f"{COUNT}[大项个]")


def _counted_bare_type(text: str, quote_end: int, types: list[ProgrammeType]) -> int | None:
    """“环境立市、文化兴市、…、法治稳市”五大战略: a count of the quoted items before a bare type word (战略) names
    them together, the count and the type word inside (五大战略 is the short form); returns the name's end."""
    count = _COUNTED_KIND.match(text, quote_end)
    if count is None:
        return None
    kind = next((t for t in types if t.bare and text.startswith(t.word, count.end())), None)
    return count.end() + len(kind.word) if kind is not None else None



def _qualified_type(doc: Doc, quote_end: int, types: list[ProgrammeType]) -> int | None:
    """“挂图作战”比进度行动, “一对一”保姆式服务, “六个一”的推进机制: a short qualifier of CJK characters
    between the quoted name and its type word; returns where the type word ends, or None."""
    text = tokens.doc_text(doc)
    linked = text.startswith("的", quote_end)  # “六个一”的推进机制: 的 links the name to its type
    opening = max(text.rfind(q, 0, quote_end - 1) for q in "“\"「『‘")
    if linked and quote_end - 1 - (opening + 1) > phrase_rules().max_quoted_chars:
        return None  # “领导干部（市领导或科级领导）+业务骨干+优秀年轻干部”的破难专班: a long one says its make-up
    for gap in range(1 + linked, _QUALIFIER_CHARS + 1 + linked):
        between = text[quote_end + linked : quote_end + gap]
        if not all(is_han(ch) and ch not in _FUNCTION_CHARS | {"等"} for ch in between):
            return None  # “耘庐学堂”等活动 lists examples of a kind, it names none
        rest = text[quote_end + gap : quote_end + gap + 6]
        qualified = phrase_rules().qualified_quoted_heads  # “我为群众办实事”实践活动
        kind = next((t for t in types if (t.open or t.word in qualified) and rest.startswith(t.word)), None)
        if kind is None:
            continue
        end = quote_end + gap + len(kind.word)
        token = _token_at(doc, end - 1)
        if token is not None and token.idx + len(token.text) > end:
            return None  # the type word is only part of a longer word (活动室, 项目部)
        if token is not None and len(kind.word) == 1 and token.idx < end - 1 and len(token.text) == 2:
            return None  # “沉浸式”跟班: a one-character type word ending a two-character word is that word's
        return end
    return None


def _award_spans(doc: Doc) -> list[CharSpan]:
    """获评全国文明村, 被评为第二批全国乡村治理示范村, 荣获第六届全国文明村镇称号, 获得浙江省十佳服装设计师称号:
    an award is named after an award verb (a batch or session ordinal may stand between them), opens with the
    level that grants it and runs to the clause's end or 称号."""
    text = tokens.doc_text(doc)
    cues = award_cues()
    levels = "|".join(re.escape(w) for w in word_list("award_levels.txt"))
    pattern = re.compile(
        f"(?:{cues})(?:{COUNT}个)?(?:第{COUNT}[批届])?((?:{levels}|[{HAN}]{{2,3}}省)[{HAN}]{{2,12}}?)"
        "(?=(?:荣誉)?称号|[,，。;；、!！?？)）]|$)"  # 荣获全国五一巾帼标兵岗荣誉称号: 荣誉 is 称号's
    )
    # 授予张晓欢等596人全国三八红旗手称号: after the count of those it is granted to, up to 称号
    counted = re.compile(
        f"等{COUNT}(?:人|名|个|家)(?:单位|集体)?((?:{levels}|[{HAN}]{{2,3}}省)[{HAN}]{{2,12}}?)(?=(?:荣誉)?称号)"
    )
    # 被评为优秀共产党员: with no level, a word of commendation (honour_words.txt) opens the title
    honours = "|".join(re.escape(w) for w in word_list("honour_words.txt"))
    unlevelled = re.compile(
        f"(?:{cues})((?:(?:19|20)\\d{{2}}年度?)?(?:{honours})[{HAN}]{{2,8}}?)(?=(?:荣誉)?称号|[,，。;；、!！?？]|$)"
    )
    found: list[CharSpan] = []
    for match in [*pattern.finditer(text), *counted.finditer(text), *unlevelled.finditer(text)]:
        name = match.group(1)
        if any(w in name for w in ("的", "和", "了", "在")):
            continue
        found.append((match.start(1), match.end(1), "Programme"))
    found += [(start, end, "Programme") for start, end in honour_list_spans(text)]
    found += _held_titles(text, levels)
    return found


_HELD_TITLE_LEADS = ("是", "成为")
_HELD_TITLE_HEADS = "县|市|区|镇|乡|村"


def _held_titles(text: str, levels: str) -> list[CharSpan]:
    """我县是全国粮食生产先进县、全国生猪调出大县、全省产油大县: after 是/成为, a 、-list of titles that
    open with the level granting them and end in a division's level word are titles the place holds."""
    item = f"(?:{levels})[{HAN}]{{2,10}}?(?:{_HELD_TITLE_HEADS})"
    leads = "|".join(_HELD_TITLE_LEADS)
    pattern = re.compile(f"(?:{leads})({item}(?:、{item})*)(?=[,，。;；、]|$)")
    found: list[CharSpan] = []
    for match in pattern.finditer(text):
        position = match.start(1)
        for name in match.group(1).split("、"):
            if not any(ch in _FUNCTION_CHARS for ch in name):
                found.append((position, position + len(name), "Programme"))
            position += len(name) + 1
    return found


def _ends_in_type(inner: str, type_words: tuple[str, ...]) -> bool:
    """A quotation that ends in a type word names a programme (“金顶奖”, 共同富裕“十项工程”), unless it is a
    、-list whose last item counts the type: “一个目标、二个平台、三个体系、四个领域、五个行动” lists, it names none."""
    head = longest_suffix(inner, type_words)
    last = inner.rsplit("、", 1)[-1]
    return head is not None and ("、" not in inner or re.fullmatch(f"{COUNT}[个项条]{head}", last) is None)


def _quoted_honour(inner: str) -> bool:
    """“全国优秀共产党员”, “贵州省新型职业农民培育教学名师”: a quoted title that opens with the level granting
    it (全国, 全省, a province or city) and holds a word of commendation is an honour; “全国两会”,
    “中国梦” hold none."""
    from cadregraph.pipeline.gazetteer import gazetteer

    opens = longest_prefix(inner, word_list("award_levels.txt")) or any(
        gazetteer().resolve(inner[:n]) is not None for n in (2, 3, 4) if n < len(inner)
    )
    return bool(opens) and len(inner) >= 4 and any(w in inner for w in word_list("honour_words.txt"))


_HOLDERS_COUNTED = re.compile(rf"[(（]{COUNT}[个名人位户家][)）]")


def _honour_after_quote(text: str, quote_end: int, inner: str) -> bool:
    """“最美家庭”(10个), “最美家庭”提名, 授予…“十佳村官”称号 (zx07): a quoted title holding a word of commendation
    (honour_words.txt) and followed by a count of its holders in brackets or a word of a title granted
    (honour_followers.txt) is an honour, whatever level grants it; “最美乡村”建设 is none."""
    if len(inner) < 3 or not any(w in inner for w in word_list("honour_words.txt")):
        return False
    return bool(_HOLDERS_COUNTED.match(text, quote_end)) or match_word_at(
        text, quote_end, word_list("honour_followers.txt")
    ) is not None


def _level_before(text: str, quote_start: int) -> str:
    """The award level (省级, 全国) written right before an opening quote, or ''."""
    levels = word_list("award_levels.txt")
    return next((w for w in levels if text.endswith(w, 0, quote_start)), "")


def _cue_before(text: str, quote_start: int) -> bool:
    """启动“百岗大练兵” / 荣膺“全国文明城市”: a programme verb right before the opening quote."""
    before = text[max(0, quote_start - 4) : quote_start].rstrip("了")
    return longest_suffix(before, word_list("programme_cues.txt")) is not None


def _is_generic_programme(name: str, stoplist: set[str]) -> bool:
    """体制机制, 市级重点项目, 新仓镇在建项目: a generic compound, maybe behind a level or a place name."""
    if name in stoplist or _strip_admin(name) in stoplist:
        return True
    place_suffixes = word_list("place_suffixes.txt")
    return any(
        name.endswith(word) and name[: -len(word)].endswith(place_suffixes) and len(name) - len(word) <= 5
        for word in stoplist
    )


def _strip_admin(name: str) -> str:
    """市级重点项目 → 重点项目: a level prefix does not make a generic compound a name."""
    for prefix in ("市级", "县级", "区级", "省级", "镇级", "市", "县", "区"):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _token_at(doc: Doc, char: int) -> Token | None:
    return tokens.token_at(doc, char)


# 第十五次, 十四届, 二十届四中 (the fourth plenum), 第一百期 are ordinals; 一次 alone is a count
# (一次临时党支部会议), 十三次 only after 十四届.
_ORDINAL = re.compile(f"第{COUNT}(?:次|届|期)|{COUNT}届(?:{COUNT}[中次])?")
_SESSION = re.compile(f"{COUNT}次")
# How far before a session count (三次) its term (十三届) may stand, a body's name between (十三届人大三次).
_TERM_BEFORE_SESSION = 8
_EVENT_TAGS = _NOMINAL_TAGS | {"m", "w", "a"}


@cache
def _event_heads() -> re.Pattern[str]:
    """Any event head word of event_words.txt, longest first, not followed by a word that makes it part of
    a longer one (人民大会堂, 协商会议, 中国人民政治协商会议成立), nor by a term (澳门中华联谊会第七届架构成员:
    what has terms is a body; a meeting's ordinal stands before its head, 第七届运动会)."""
    heads = "|".join(re.escape(h) for h in sorted(word_table("event_words.txt"), key=len, reverse=True))
    followers = "|".join(re.escape(w) for w in word_list("event_head_followers.txt"))
    return re.compile(f"(?:{heads})(?!{followers}|第?{COUNT}届)")


def _event_spans(doc: Doc, named: list[CharSpan]) -> list[CharSpan]:
    """One-off events: a name ending in an event head word (仪式, 党代会, 会议…), anchored as event_words.txt
    says. The name runs left over nominal words, ordinals, quotes and named entities."""
    table = word_table("event_words.txt")
    pattern = _event_heads()
    text = tokens.doc_text(doc)
    found = [
        span
        for match in pattern.finditer(text)
        if (span := _walked_event(doc, match, named, table, pattern)) is not None
    ]
    spans = (
        found
        + _convened_event_spans(text, pattern, table, set(tokens.token_starts(doc)))
        + held_event_spans(doc, pattern, _EVENT_NON_OPENERS)
        + learned_event_spans(text, pattern, _EVENT_NON_OPENERS)
        + party_congress_spans(text)
        + plenum_spans(text)
        + anniversary_event_spans(doc, pattern, _NOMINAL_TAGS)
        + titled_event_spans(text, pattern)
    )
    spans = [part for s, e, lab in spans for part in split_coordinated(text, (with_scope_list(text, s), e, lab), pattern)]
    spans += joined_event_spans(text, spans, pattern)
    kept = [span for span in spans if not names_no_event(text[span[0] : span[1]])] + body_plenary_spans(text)
    kept = [with_party_of(text, span) for span in kept]
    return [(s, e, "Organization" if is_council_of_chairs(text[s:e]) else label) for s, e, label in kept]


def _walked_event(
    doc: Doc, match: re.Match[str], named: list[CharSpan], table: dict[str, str], pattern: re.Pattern[str]
) -> CharSpan | None:
    """The event named by the words before the head word `match`, or None when nothing names it (a bare weak
    head, a title after the head, a name not anchored as event_words.txt asks)."""
    text = tokens.doc_text(doc)
    first = _token_at(doc, match.start())
    if first is None:
        return None
    if _title_after_head(text, match.end()):
        return None  # 部务会议成员, 大会执行主席
    fused_verb = first.idx < match.start() and first.tag_ in {"v", "vd"}  # 主持会议: no name before
    start = first.i if fused_verb else _event_walk_start(doc, first, match.start(), named)
    while start < first.i and (doc[start].text == JOINED or (doc[start].tag_ == "w" and doc[start].text in "”」")):
        start += 1
    start_char = match.start() if fused_verb else _after_fused_coordinator(doc, start, first.i, match.start())
    if table[match.group()] == "strong":
        start_char = _quoted_name_start(text, start_char, match.start())
    name = text[start_char : match.end()]
    if table[match.group()] != "strong" and not _anchored(text, start_char, match, named, pattern):
        return None
    if name == match.group() and table[match.group()] != "strong":
        return None
    return (start_char, match.end(), "Event")


def _event_walk_start(doc: Doc, first: Token, head_start: int, named: list[CharSpan]) -> int:
    """The index of the token the event's name opens with: the walk left from its head word `first` over
    nominal words, ordinals, quotes and the names inside it, at most 24 characters."""
    text = tokens.doc_text(doc)
    start = first.i
    chars = 0
    while start > 0:
        prev = doc[start - 1]
        covering = next(
            (
                n
                for n in named
                if n[2] != "Person" and n[0] < prev.idx + len(prev.text) <= n[1] and n[1] <= head_start
            ),
            None,
        )
        if covering is not None and _holds_a_person(covering, named):
            break  # 主委侯茂丰出席培训班 is no name: a person attends the event
        if covering is not None and prev.tag_ not in _EVENT_TAGS:
            # a programme or organisation name inside the event's (第一百期创新学堂主题学习活动)
            landing = _token_at(doc, covering[0])
            if landing is None or chars + (prev.idx + len(prev.text) - covering[0]) > 24:
                break
            chars += prev.idx + len(prev.text) - covering[0]
            start = landing.i
            continue
        if level_before_term(prev.text, doc[start].text, 0) and chars + len(prev.text) <= 24:
            chars += len(prev.text)  # 省|十二届人大常委会第二十七次会议: LAC tags a lone 省 a verb
            start -= 1
            continue
        if start < first.i and opens_with_year(prev.text, doc[prev.i + 1].text) and chars + len(prev.text) <= 24:
            start -= 1  # 2024年|环人民广场…联席会议: the year opens the name, nothing before it does
            break
        festival = prev.tag_ == "TIME" and prev.text in word_set("event_festivals.txt")  # 国庆酒会
        if (prev.tag_ not in _EVENT_TAGS and prev.text != JOINED and not festival) or chars + len(prev.text) > 24:
            break  # 暨 joins two names into one (全市县城暨小城镇建设现场观摩推进会)
        if prev.tag_ == "m" and not (
            _ORDINAL.fullmatch(prev.text)
            or _session_after_term(text, prev)
            or congress_ordinal(text, prev.idx + len(prev.text))
        ):
            break
        crossed = _crossed_qualifier(doc, prev, chars)
        if crossed is not None:
            chars, start = crossed  # 村(社区、居)干部本科班: a short qualifier inside the name
            continue
        if prev.tag_ == "w" and prev.text not in '“”"「」':
            break
        chars += len(prev.text)
        start -= 1
    return start


def _crossed_qualifier(doc: Doc, closing: Token, chars: int) -> tuple[int, int] | None:
    """(chars walked, the token index the walk goes on from) past a short bracketed qualifier that ends in
    `closing` and the word it qualifies (村(社区、居)干部本科班开学典礼, d03); None when no nominal word stands
    right before it (LAC may tag 第一届村 a numeral) or the name would grow too long."""
    if closing.text not in ")）":
        return None
    opened = qualifier_start(tokens.doc_text(doc), closing.idx + 1)
    landing = _token_at(doc, opened) if opened is not None else None
    if landing is None or landing.idx != opened or landing.i == 0:
        return None
    if doc[landing.i - 1].tag_ not in _EVENT_TAGS or doc[landing.i - 1].tag_ == "w":
        return None
    word = doc[landing.i - 1]  # the word the qualifier qualifies (村) is in the name too
    walked = chars + closing.idx + 1 - word.idx
    return (walked, word.i) if walked <= 24 else None


# A coordinator LAC fused into the word before a name (党的十九大和|十九届一中全会 on the fresh page
# zyx.gov.cn/Content-2105227.html): the name starts after it.
def _after_fused_coordinator(doc: Doc, start: int, head: int, head_start: int) -> int:
    """Where a walked name starts: after the last coordinator LAC fused into one of its words, never into a
    place or organisation the model named."""
    start_char = min(doc[start].idx, head_start)
    for token in doc[start:head]:
        if token.tag_ not in LAC_ENTITY_LABELS and len(token.text) > 1 and token.text.endswith(tokens.NAME_CONJUNCTIONS):
            start_char = token.idx + len(token.text)
    return min(start_char, head_start)


def _anchored(text: str, start_char: int, head: re.Match[str], named: list[CharSpan], heads: re.Pattern[str]) -> bool:
    """An anchored head (会议, 活动) names one event only with an ordinal, a quoted or named part, an owner's
    prefix or scope word, or an event coordinated before it (升旗仪式和国庆酒会) in its name."""
    name = text[start_char : head.end()]
    return bool(
        _ORDINAL.search(name[: -len(head.group())])
        or "“" in name
        or any(start_char <= n[0] and n[1] <= head.start() for n in named)
        or (len(name) > len(head.group()) + 1 and name.startswith(word_list("admin_prefixes.txt")))
        or (len(name) > len(head.group()) + 2 and name.startswith(word_list("event_scope_prefixes.txt")))
        or (name != head.group() and follows_coordinated_event(text, start_char, heads))
    )


def _session_after_term(text: str, token: Token) -> bool:
    """三次 is a session's ordinal after a term: 十四届十三次, 省十三届人大三次, 十四届全国人大一次会议."""
    before = text[max(0, token.idx - _TERM_BEFORE_SESSION) : token.idx]
    return _SESSION.fullmatch(token.text) is not None and "届" in before


def _holds_a_person(span: CharSpan, named: list[CharSpan]) -> bool:
    """A candidate name with a person inside (主委侯茂丰出席培训班) is a clause, not a name to walk over."""
    return any(n[2] == "Person" and span[0] <= n[0] and n[1] <= span[1] for n in named)


def _title_after_head(text: str, head_end: int) -> bool:
    """The head word is part of a title (部务会议成员, 大会执行主席), not the end of an event's name; a body the
    session forms (会议主席团, session_bodies.txt) holds a title word (主席) but follows the session's name."""
    after = text[head_end : head_end + 8]
    if after.startswith(tuple(word_table("session_bodies.txt"))):
        return False
    rest = after
    while modifier := longest_prefix(rest, chain_grammar().modifiers):  # 执行, 常务副: the chain's modifiers
        rest = rest[len(modifier) :]
    return longest_prefix(rest, word_list("titles.txt")) is not None


def _quoted_name_start(text: str, start_char: int, head_start: int) -> int:
    """“平顶山市…服务工作站”揭牌仪式: a quoted name right before the head belongs to the event's name
    whole, wherever LAC's words inside it stopped the walk."""
    if head_start == 0 or text[head_start - 1] not in '”」"':
        return start_char
    opening = max(text.rfind("“", 0, head_start - 1), text.rfind("「", 0, head_start - 1))
    quoted = text[opening + 1 : head_start - 1]
    if opening < 0 or opening >= start_char or len(quoted) > _QUOTED_NAME_CHARS or _NOT_IN_QUOTED_NAME.search(quoted):
        return start_char
    return opening


_EVENT_NAME_CHARS = 40
_EVENT_NON_OPENERS = set("其各该此这本有相")
# After the convening verb: 了/的, a count (一次, 一场) and a quoted slogan with punctuation
# (举办了“学习归来借东风,砥砺前行共奋进”赴…分享会) stand before the name, not in it.
_CONVENED_LEAD = re.compile(f'^[了的]?(?:{COUNT}[次场届])?(?:[“"][^”"]{{0,30}}[,，;；!！][^”"]{{0,30}}[”"])?')
_NOT_IN_EVENT_NAME = re.compile(r"[,，。;；:：!！?？()（）《》\s]")


def _convened_event_spans(
    text: str, heads: re.Pattern[str], table: dict[str, str], word_starts: set[int]
) -> list[CharSpan]:
    """召开疫情防控专题会议, 举行赴浙江嘉兴秀洲高新区挂职锻炼干部授旗仪式, 在…返区欢迎仪式上: the text
    between a convening verb and an event head word in one clause is the event's name, verbs and all;
    LAC cuts such long names into pieces the nominal walk cannot join. A recurring meeting (每周…召开) is
    a practice, not an event."""
    cues = word_table("event_cues.txt")
    cue_words = word_list("event_cues.txt")
    recurrence = word_list("recurrence_words.txt")
    found: list[CharSpan] = []
    for match in heads.finditer(text):
        window_start = max(0, match.start() - _EVENT_NAME_CHARS - 12)
        clause_start = max(
            (m.end() for m in _NOT_IN_EVENT_NAME.finditer(text, window_start, match.start())),
            default=window_start,
        )
        cue_end = None
        cue = ""
        for pos in range(match.start() - 1, window_start - 1, -1):
            # a cue opens a word of its own: 举办 inside 选举|办法 (l07, c13) convenes nothing
            word = match_word_at(text, pos, cue_words) if pos in word_starts else None
            if word is not None and pos + len(word) <= match.start():
                cue, cue_end = word, pos + len(word)
                break
        if cue_end is None or object_continues(text, match.end()):
            continue
        if several_held(text[cue_end : match.start()]):
            continue  # 举办了2次专题座谈会: meetings held over time, no one event
        lead = _CONVENED_LEAD.match(text[cue_end : match.start()])
        name_from = cue_end + (lead.end() if lead else 0)
        if CLAUSE_BREAK.search(text, name_from, match.start()):
            continue  # …在宁强县召开,来自…的150多名代表参加了会议: the verb convened an earlier clause's event
        # 举行的「…」成就展的开幕仪式: what a 的 modifies is the name (the opening), as for held events
        name_start = after_last_de(text, name_from, match.start())
        name = text[name_start : match.end()]
        if len(name) <= len(match.group()) + 1 or len(name) > _EVENT_NAME_CHARS:
            continue
        if _NOT_IN_EVENT_NAME.search(without_qualifiers(name)) or "或" in name:
            continue  # 召开党代表大会或党员大会: alternatives name a kind of meeting, not one
        # a quoted qualifier opens a name (召开“保稳定、求发展”首次边界联谊会); a slogan was taken off above
        if not re.match(rf"[{HAN}\d“「]", name) or name[0] in _FUNCTION_CHARS | _EVENT_NON_OPENERS:
            continue  # 举办其他党员活动, 召开该…会议: a determiner refers to meetings, it names none
        if cues[cue] == "strong" and not (
            table[match.group()] == "strong" and text[match.end() : match.end() + 1] in {"上", "中"}
        ):
            continue
        clause = text[min(clause_start, cue_end - len(cue)) : cue_end]
        if any(word in clause for word in recurrence):
            continue
        found.append((name_start, match.end(), "Event"))
    return found


def _names_in_lists(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """姚田宝、柯卫明、徐锦连、刘皆安、富国权出席: a word in a 、-list of persons that opens with a family
    name and is 2-3 characters long is a person too, whatever the model tagged it."""
    persons = {(s, e) for s, e, label in backend if label == "Person"}
    person_starts = {s for s, _ in persons}
    starts = tokens.TokensByOffset(doc)
    ends = tokens.TokensByOffset(doc, by_end=True)
    text = tokens.doc_text(doc)
    found: list[CharSpan] = []
    for start, end in sorted(persons):
        for forward in (True, False):
            item_start, item_end = start, end
            while True:
                if forward and text[item_end : item_end + 1] == "、" and item_end + 1 in starts:
                    token = starts[item_end + 1]
                elif (
                    not forward and item_start > 0 and text[item_start - 1] == "、" and item_start - 1 in ends
                ):
                    token = ends[item_start - 1]
                else:
                    break
                name = token.text
                item = (token.idx, token.idx + len(name))
                if item in persons:
                    break
                if not _listed_name(doc, token, item, person_starts):
                    # 白/n 能/v 礼/n: a name the model cut into words, read whole between two list marks
                    marked = _item_between_marks(text, item[0] if forward else item[1])
                    if marked is None or marked in persons or not _listed_name(doc, None, marked, person_starts):
                        break
                    item = marked
                found.append((item[0], item[1], "Person"))
                item_start, item_end = item
    return found


def _names_between_listed_persons(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """listed_between_persons: 郭娜、海英/n、盛文玉, 盛文玉、额尔/LOC 登/v 图/n、霍建强 (zr04): an item between two 、
    marks whose neighbours on both sides are persons is a person too, whatever words the model cut it into: a
    list does not change kind for one item. The item is 2-4 Han characters, no common word, title or role word
    (_no_name_word), and no name the model gave another kind whole that is one (_kept_kind_in_list)."""
    text = tokens.doc_text(doc)
    persons = {(s, e) for s, e, label in backend if label == "Person"}
    others = {(s, e) for s, e, label in backend if label != "Person" and _kept_kind_in_list(doc, text[s:e], label)}
    found: list[CharSpan] = []
    for _start, end in sorted(persons):
        mark = text.find(_LIST_MARK, end + 1, end + 2 + _LISTED_NAME_CHARS[1])
        if text[end : end + 1] != _LIST_MARK or mark < 0:
            continue
        item = (end + 1, mark)
        name = text[item[0] : item[1]]
        if item in persons or item in others or not _LISTED_NAME_CHARS[0] <= len(name) <= _LISTED_NAME_CHARS[1]:
            continue
        if not _is_cjk_name(name):
            continue
        following = next((e for s, e in persons if s == item[1] + 1), None)
        if following is None or _no_name_word(name):
            continue
        found.append((item[0], item[1], "Person"))
    return found


def _kept_kind_in_list(doc: Doc, name: str, label: str) -> bool:
    """Whether a whole list item the model gave another kind than person keeps it between two persons: a place
    the gazetteer resolves from the home (张三、北京、李四) or a body that is no family name's short name; 洛桑江村/LOC
    (d11, zt08: no village of the home) and 王大学/ORG (zs03) among persons are persons."""
    from cadregraph.pipeline.canonical import canonical_place

    if label == "Place":
        return canonical_place(name, doc.user_data.get(HOME_KEY))[1] is not None
    return label != "Organization" or len(name) > 3 or name[0] not in _surnames()


_LISTED_NAME_CHARS = (2, 4)  # an untagged item read as a person between two: 海英, 额尔登图


def _names_in_rows(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """name_grid_row: 周华保 吴木才 温昭铨 段华胜 李维正 (s05): a line of an honour list's name grid (ingest keeps
    each row apart with its spaces) of grid_min_names items or more (layout.json), every item shaped like a
    name (ingest.looks_like_name) and no common word, title, role or credit word (王强 文图, 邓小平 文选), and
    half of whose items or more the model reads as persons, is a row of persons: each item is one, cut where
    the separators cut it (the model's 刘玉|发 and 张茂|棉 give way)."""
    from cadregraph.pipeline.ingest import byline_words, looks_like_name, name_grid_min
    from cadregraph.pipeline.lexicons import common_words

    text = tokens.doc_text(doc)
    persons = [(s, e) for s, e, label in backend if label == "Person"]
    found: list[CharSpan] = []
    for line in re.finditer("[^\n]+", text):
        items = [(line.start() + m.start(), line.start() + m.end()) for m in re.finditer(r"\S+", line.group())]
        if len(items) < name_grid_min() or not all(
            looks_like_name(text[s:e])
            and text[s:e] not in common_words()
            and text[s:e] not in _titles()
            and text[s:e] not in byline_words()
            and text[s:e] not in word_list("person_stoplist.txt")  # 通讯员 赵泽曦 单炯炯: a byline's role word
            for s, e in items
        ):
            continue
        tagged = sum(any(s < pe and ps < e for ps, pe in persons) for s, e in items)
        if 2 * tagged >= len(items):
            found += [(s, e, "Person") for s, e in items]
    kept = [b for b in backend if not any(b[0] < e and s < b[1] for s, e, _ in found)]
    return found + kept


def _listed_name(doc: Doc, token: Token | None, item: tuple[int, int], person_starts: set[int]) -> bool:
    """An item of a 、-list of persons that is a name: 2-3 characters opening with a family name; not a place the
    model tags (`token`, the item's one word when it is one), a role word, a common word or a title's owner."""
    from cadregraph.pipeline.lexicons import common_words

    text = tokens.doc_text(doc)
    name = text[item[0] : item[1]]
    return not (
        not (2 <= len(name) <= 3 and _is_cjk_name(name))
        or name[0] not in _surnames()
        or (token is not None and _division_the_model_tags(doc, token))  # 杜爱英、沈丘县/LOC 付井镇王营村人周纳纳
        or name in word_list("person_stoplist.txt")  # 记者刘胜、通讯员韩勇: a role word
        or (token is None and name in common_words())
        or _opens_a_titled_name(text, item[1], person_starts)
    )


_LIST_MARK = "、"


def _item_between_marks(text: str, start: int) -> tuple[int, int] | None:
    """The text from `start` to the next 、 (or back from `start` to the one before), when a 、 bounds it on
    both sides within three characters: one item of the list, whatever words the model cut it into."""
    if start < len(text) and text[start - 1 : start] == _LIST_MARK:  # forward: the item opens after a mark
        end = text.find(_LIST_MARK, start, start + 4)
        return (start, end) if end > start else None
    if start > 0 and text[start : start + 1] == _LIST_MARK:  # backward: the item ends before a mark
        begin = text.rfind(_LIST_MARK, max(0, start - 4), start)
        return (begin + 1, start) if begin >= 0 else None
    return None


def _division_the_model_tags(doc: Doc, token: Token) -> bool:
    """list_item_division: 村民杜爱英、沈丘县/LOC 付井镇王营村人周纳纳 (m03): the next item of a list of persons may
    open with a person's address; a word the model tags as a place, ending in a level word of a division the
    gazetteer knows (沈丘县), is that place, though its first character is a family name."""
    from cadregraph.pipeline.canonical import canonical_place

    return (
        token.tag_ == "LOC"
        and longest_suffix(token.text, word_list("division_levels.txt")) is not None
        and canonical_place(token.text, doc.user_data.get(HOME_KEY))[1] is not None
    )


# 、成县县委书记李祥, 、常务副院长何云葵 (fresh pages, l05): how far after a list item a titled name may start.
_TITLE_TO_NAME_CHARS = 10


def _opens_a_titled_name(text: str, end: int, person_starts: set[int]) -> bool:
    """A list item that a title and then a person follow (成县|县委书记|李祥, 常务|副院长|何云葵) is a place or a
    modifier of that person's title, not a name of its own."""
    for start in range(end + 1, min(len(text), end + _TITLE_TO_NAME_CHARS) + 1):
        between = text[end:start]
        if CLAUSE_BREAK.search(between) or "、" in between:
            return False
        if start in person_starts and longest_suffix(between, word_list("titles.txt")) is not None:
            return True
    return False


def _names_whole_elsewhere(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """会上,纪道/PER 清庄/LOC 严向宪法宣誓: the model cuts a three-character name it (or a rule) reads whole
    elsewhere in the document (任命县委副书记纪道清同志); a two-character person whose next character
    completes a three-character person of the document is that person, and so is one whose previous
    character opens it (任命于|海田 where the notice writes 决定于海田为…, zzn08). The document, not a list,
    decides."""
    text = tokens.doc_text(doc)
    whole = {text[s:e] for s, e, label in backend if label == "Person" and e - s == 3}

    def completed(s: int, e: int, label: str) -> CharSpan:
        if label != "Person" or e - s != 2:
            return (s, e, label)
        if text[s : e + 1] in whole:
            return (s, e + 1, label)
        return (s - 1, e, label) if s > 0 and text[s - 1 : e] in whole else (s, e, label)

    return [completed(*span) for span in backend]


def _names_joined_from_elsewhere(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """余功斌主持并讲话 王忠昆吴开华/PER 作表态发言 (zv04): a headline runs two names together with no mark; a
    person span that is exactly two persons the document names apart elsewhere is those two."""
    text = tokens.doc_text(doc)
    persons = {text[s:e] for s, e, label in backend if label == "Person"}
    found: list[CharSpan] = []
    for s, e, label in backend:
        cut = next(
            (
                c
                for c in range(s + 2, e - 1)
                if label == "Person" and text[s:c] in persons and text[c:e] in persons
            ),
            None,
        )
        found += [(s, e, label)] if cut is None else [(s, cut, label), (cut, e, label)]
    return found


def _holders_named_again(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """holder_named_again: 常务副市长吉林/LOC 出席欢送会。吉林/LOC 在讲话中…: a LOC span the title rule read as
    the title's holder (_unknown_place_holding_title) names that person wherever the document writes it
    again; a page names its official with the title first and then by the name alone. A place of that name
    the model tags where no holder is read (吉林省, 到吉林) keeps its reading when the document names no
    such holder."""
    text = tokens.doc_text(doc)
    holders = {
        span.text
        for span in doc.spans.get(CANDIDATES_KEY, [])
        if span.label_ == "Place" and _unknown_place_holding_title(doc, span)
    }
    if not holders:
        return backend
    return [
        (s, e, "Person") if label == "Place" and text[s:e] in holders else (s, e, label) for s, e, label in backend
    ]


def _names_before_honorifics(doc: Doc) -> list[CharSpan]:
    """免除路正阳/n 同志/n 常务副县长一职: a noun of 2-3 Han characters (4 after a two-character family name)
    right before 同志 (name_honorifics.txt) or a count of persons (房巧/n 等16人入选) that opens with a family
    name is a person, whatever the model tagged it. Common words (全体同志, 青年同志, 新型职业农民等2000人),
    titles, role words and non-nouns (负责/v 同志, 广大/a 同志) are not names."""
    from cadregraph.pipeline.ingest import looks_like_name

    text = tokens.doc_text(doc)
    honorifics = word_list("name_honorifics.txt")
    openers = frozenset(h[0] for h in honorifics)  # a token neither followed by nor holding these is skipped at once
    followers = openers | {"等"}
    found: list[CharSpan] = []
    for start, word, tag in zip(tokens.token_starts(doc), tokens.words(doc), tokens.tags(doc), strict=True):
        name, end = word, start + len(word)
        if text[end : end + 1] not in followers and not openers.intersection(name[2:5]):
            continue
        counted = not match_word_at(text, end, honorifics) and _count_of_persons("人名位").match(text, end) is not None
        if counted and longest_suffix(name, _titles_and_org_endings()) is not None:
            continue  # 主任等5人, 宣传部等3人: a title or a body counted with its people, no name
        if not match_word_at(text, end, honorifics) and not counted:
            glued = _name_glued_to_honorific(word, honorifics)  # 习近平总书记系列重要讲话精神/nz
            if glued is None:
                continue
            name, end = word[:glued], start + glued
        if not _is_cjk_name(name):
            continue
        if not looks_like_name(name):  # ingest's one test: a family name first, 2-3 characters (4 after 欧阳)
            continue
        if tag not in NAME_WORD_TAGS or _no_name_word(name):
            continue
        found.append((start, end, "Person"))
    return found


def _no_name_word(word: str) -> bool:
    """A common word, a title or a role word (person_stoplist.txt): shaped like a name, never one."""
    from cadregraph.pipeline.lexicons import common_words

    return word in common_words() or word in _titles() or word in word_list("person_stoplist.txt")


def _untagged_title_holders(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """title_holder_untagged: 井冈山市委书记龙波舟/nz at a caption line's end (za05): a noun of 2-3 Han characters
    opening with a family name, right after a title and right before a line end, a list mark or a reporting
    verb, that the model tagged a proper noun and no entity, is the title's holder (a title and a name at a line's end: 10 times
    in 3 dev articles). Common words, titles and role words are no names."""
    from cadregraph.pipeline.ingest import looks_like_name

    text = tokens.doc_text(doc)
    taken = [(s, e) for s, e, _ in backend]
    found: list[CharSpan] = []
    for token in doc:
        name, start = token.text, token.idx
        end = start + len(name)
        short_noun = token.tag_ in _tag_group("untagged_short_name") and len(name) == 2
        if (token.tag_ not in _tag_group("untagged_name") and not short_noun) or not looks_like_name(name):
            continue
        if not _title_ends_at(text, start, start):
            continue
        if not (end == len(text) or text[end] in _LINE_END_OR_LIST or _reporting_verb_at(doc, end)):
            continue
        if _no_name_word(name):
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        found.append((start, end, "Person"))
    return found


def _titled_names_run_on(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """titled_name_run_on: 旗委常委、统战部长莫日根/PER 吉雅/a ,旗委常委… (zr04): a transcribed name (Mongolian, Tibetan,
    Uyghur) runs past the model's cut; after a title, a person the model read and the one or two words up to a
    list mark or a line end, none a name, verb or common word of their own, are one name of six characters at
    most. A name before 等, 同志 or a verb (主任王明同志,) ends where the model read it."""
    text = tokens.doc_text(doc)
    found: list[CharSpan] = []
    for start, end, label in backend:
        if label != "Person" or not _title_ends_at(text, start, start):
            continue
        index = tokens.token_index_at(doc, end)
        last = index
        while last is not None and last < len(doc) and doc[last].tag_ in _tag_group("name_run_on"):
            last += 1
        if index is None or last is None or last == index or last - index > _RUN_ON_WORDS:
            continue
        run_end = doc[last - 1].idx + len(doc[last - 1].text)
        rest = text[end:run_end]
        if run_end - start > _RUN_ON_CHARS or _no_name_word(rest) or not _is_cjk_name(rest):
            continue
        if longest_suffix(rest, word_list("name_honorifics.txt")) is not None:
            continue  # 王明同志: the address after the name
        if run_end < len(text) and text[run_end] not in _LINE_END_OR_LIST:
            continue
        found.append((start, run_end, "Person"))
    return found


_RUN_ON_WORDS = 2  # 吉雅 of 莫日根吉雅: the words a transcribed name may run on by
_RUN_ON_CHARS = 6  # 阿布都热西提: the longest transcribed name read so


def _names_split_before_honorifics(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """title_holder_honorific: 组织部部长迟/ad 行/v 刚/a 同志参加…(zd01): the 2-3 Han characters between a title and
    同志 (name_honorifics.txt) are the title's holder when they open with a family name, though the model cut them
    into several words (one word there is _names_before_honorifics'). A title, a name and 同志: 13 times in 10 dev
    articles. Common words, titles and role words are no names."""
    from cadregraph.pipeline.ingest import looks_like_name
    from cadregraph.pipeline.lexicons import common_words

    text = tokens.doc_text(doc)
    starts = set(tokens.token_starts(doc))
    taken = [(s, e) for s, e, _ in backend]
    found: list[CharSpan] = []
    for honorific in word_list("name_honorifics.txt"):
        for at in (m.start() for m in re.finditer(re.escape(honorific), text)):
            for start in (at - 3, at - 2):
                name = text[start:at] if start >= 0 else ""
                if start not in starts or at not in starts or not _is_cjk_name(name) or not looks_like_name(name):
                    continue
                if len(tokens.token_starts_between(doc, start, at)) == 0 or not _title_ends_at(text, start, start):
                    continue  # one word is the other rule's; the holder follows a title
                if _no_name_word(name):
                    continue
                word = tokens.token_at(doc, start)  # a word starts there (checked above)
                if name[1:] in common_words() or (word is not None and word.tag_ in _tag_group("joining")):
                    continue  # 书记和/c 广大同志: a conjunction and a common word, no 和 family
                if not any(s < at and start < e for s, e in taken):
                    found.append((start, at, "Person"))
                break
    return found




_LINE_END_OR_LIST = frozenset(_HOLDER_FOLLOWERS | {"\n"})


@cache
def _titles_and_org_endings() -> tuple[str, ...]:
    return longest_first((*_titles(), *_org_suffixes()))


def _name_glued_to_honorific(word: str, honorifics: tuple[str, ...]) -> int | None:
    """习近平总书记系列重要讲话精神/nz: where the name ends when the model read a name, the honorific after it and
    more into one word (2-3 characters, 4 after a two-character family name); None when no honorific follows."""
    for cut in (2, 3, 4):
        if cut < len(word) and match_word_at(word, cut, honorifics):
            return cut
    return None


def _place_spans(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """Places the model misses or cuts: named regions, landmarks after a place (新仓老街, 江浙沪地区),
    villages after 该镇/本乡 (该镇严村), and more villages in a list with one (严村、西赵村)."""
    text = tokens.doc_text(doc)
    places = [(s, e) for s, e, label in backend if label == "Place"]
    found: list[CharSpan] = []
    regions = word_list("regions.txt")
    word_starts = tokens.TokensByOffset(doc)
    word_ends = tokens.TokensByOffset(doc, by_end=True)
    for pos, region in words_in(text, regions):
        if (
            not (pos > 0 and text[pos - 1] in "沪苏浙皖")
            and pos in word_starts  # word boundary: 东北地区 not inside 东北地区性
            and pos + len(region) in word_ends
        ):
            found.append((pos, pos + len(region), "Place"))
    places += [(s, e) for s, e, _ in found]
    found += _landmark_spans(doc, places) + _venue_spans(text)
    level_words = "|".join(re.escape(w) for w in ("镇", "乡", "街道"))
    determiners = "|".join(re.escape(w) for w in ("该", "本", "全"))
    for match in re.finditer(f"(?:{determiners})(?:{level_words})([{HAN}]{{1,3}}?(?:村|社区))", text):
        village = match.group(1)
        prefix = village[: -1 if village.endswith("村") else -2]
        if (
            _reads_as_proper_name(village)  # 全镇农村: a common word, no village
            and _reads_as_proper_name(prefix)
            and not any(ch in _DETERMINERS or ch in _FUNCTION_CHARS for ch in prefix)
            and not _verb_before_level_word(doc, match.start(1), prefix)
        ):
            found.append((match.start(1), match.end(1), "Place"))
    places += [(s, e) for s, e, _ in found]
    found += _places_in_lists(doc, places) + _counted_list_places(doc, places) + _divisions_between_places(doc, places)
    found += _address_links(text, places)
    return found


_BETWEEN_PLACE_TAGS = frozenset({"s", "n", "nz", "ns", "j"})  # words the model did not call a place (LOC is one)


# The level words of a township and of a village as one division's (乡镇 names two levels, no one link)
_TOWNSHIP_WORDS = tuple(w for w in level_words("township") if not two_levels(w))
_VILLAGE_WORDS = level_words("village")
_TOWN_LINK = re.compile(f"[{HAN}]{{2,4}}?(?:{'|'.join(_TOWNSHIP_WORDS)})")
_VILLAGE_LINK = re.compile(f"[{HAN}]{{2,4}}?(?:{'|'.join(_VILLAGE_WORDS)})(?=$|[\\s,，。;；、:：)）])", re.M)


def _address_links(text: str, places: list[tuple[int, int]]) -> list[CharSpan]:
    """address_link: 兴义市/LOC 则戎镇/c 冷洞村/LOC, 雷山县丹江镇/LOC 脚/n 猛/a 村/n (zzf02, one address a line):
    the links of an address are each a place (tests/gold/README.md), whatever the model tagged them. A town's
    name that fills the whole gap between two places, or a village's name right after a township that ends
    the address (the line, or punctuation), is the next link; its name is no common word (该镇农村)."""
    starts = {s for s, _ in places}
    found: list[CharSpan] = []
    for _, end in places:
        town = _TOWN_LINK.match(text, end)
        if town is not None and town.end() in starts and _names_a_link(town.group()):
            found.append((end, town.end(), "Place"))
            continue
        if longest_suffix(text[max(0, end - 2) : end], _TOWNSHIP_WORDS) is None:
            continue
        village = _VILLAGE_LINK.match(text, end)
        if village is not None and village.end() not in starts and _names_a_link(village.group()):
            found.append((end, village.end(), "Place"))
    return found


def _names_a_link(name: str) -> bool:
    """A link's name before its level word is a proper name, holding no function character or determiner."""
    level = longest_suffix(name, _TOWNSHIP_WORDS + _VILLAGE_WORDS)
    prefix = name[: -len(level)] if level else name
    return (
        _reads_as_proper_name(prefix)
        and not any(ch in _DETERMINERS or ch in _FUNCTION_CHARS for ch in prefix)
        and not any(ch in _LINK_LEVELS for ch in prefix)
    )


# The one-character level words no link's own name holds (桂镇村 is no village's name)
_LINK_LEVELS = level_chars("province", "prefecture", "county", "township", "village")


def _divisions_between_places(doc: Doc, places: list[tuple[int, int]]) -> list[CharSpan]:
    """division_between_places: 到台北/LOC、桃园/LOC、台中/s、嘉义/LOC、高雄/LOC 等地考察 (s04): a word of a 、-list
    with a place right before and right after it, that the gazetteer knows as a province, city or county, is
    a place of the list too, whatever tag the model gave it (中 read as a locative). A word between places
    the gazetteer does not know (台北、乡镇、高雄) or next to one place only stays the model's."""
    from cadregraph.pipeline.gazetteer import gazetteer

    ends = {e for _, e in places}
    starts = {s for s, _ in places}
    words, tags = tokens.words(doc), tokens.tags(doc)
    token_starts, token_ends = tokens.token_starts(doc), tokens.token_ends(doc)
    found: list[CharSpan] = []
    for i in range(2, len(words) - 2):
        start, end = token_starts[i], token_ends[i]
        if (
            tags[i] in _BETWEEN_PLACE_TAGS
            and words[i - 1] == "、"
            and words[i + 1] == "、"
            and start - 1 in ends
            and end + 1 in starts
            and (division := gazetteer().resolve(words[i])) is not None
            and division.level in _NAMED_DIVISION_LEVELS
        ):
            found.append((start, end, "Place"))
    return found


_DATELINE_PLACE_TAGS = frozenset({"nz", "ns"})  # proper nouns the model did not call a place (LOC stays its own)


def _dateline_places(doc: Doc) -> list[CharSpan]:
    """dateline_place: 本报/n 嘉积/nz 6月17日/TIME 电/n (q06): the one proper noun between a dateline's agency
    (dateline_agencies.txt) and its date, or its 电/讯, is the place the report was filed from (gold: a
    dateline's place is a Place, 郑州 of 本报郑州讯), though the model did not tag it a place."""
    agencies = word_set("dateline_agencies.txt")
    if not tokens.text_holds_any(doc, agencies):
        return []  # no agency word: no dateline (the scan costs a pass over the words)
    words, tags = tokens.words(doc), tokens.tags(doc)
    starts, ends = tokens.token_starts(doc), tokens.token_ends(doc)
    found: list[CharSpan] = []
    for index in range(len(words) - 2):
        name = words[index + 1]
        if words[index] not in agencies or tags[index + 1] not in _DATELINE_PLACE_TAGS:
            continue
        if not (2 <= len(name) <= 4 and all(is_han(ch) for ch in name)):
            continue
        after = index + 2
        if tags[after] == "TIME" and words[after].endswith("日") and index + 3 < len(words):
            after = index + 3
        if words[after] in _DATELINE_WORDS and starts[index + 1] == ends[index]:
            found.append((starts[index + 1], ends[index + 1], "Place"))
    return found


def _verb_before_level_word(doc: Doc, start: int, prefix: str) -> bool:
    """verb_before_level_word: 为全镇加快村级集体经济发展 reaches LAC as 全镇/n 加快/v 村级/a: the model reads the
    words before the level word as one verb of their own, so they name no village (该镇严村 is 严村/PER, a
    name; a village named by a verb, 团结村, is one word of the model's)."""
    token = _token_at(doc, start)
    return token is not None and token.idx == start and token.text == prefix and token.tag_ in _VERB_TAGS


_HOLDING_VERBS = ("召开", "举行", "举办", "开幕", "开班", "闭幕", "开赛")
_HOLDING_MANNERS = ("隆重", "正式", "顺利")  # 在县体育馆正式开赛: an adverb between the venue and the verb
_FLOOR = "[0-9一二三四五六七八九十]+[楼层]"  # 在区会议中心二楼隆重召开: the floor is no part of the venue's name
_VENUE_DETERMINERS = set("各每全本该此其这那")


@cache
def _venue_pattern() -> re.Pattern[str]:
    heads = "|".join(re.escape(w) for w in word_list("venue_heads.txt"))
    verbs = "|".join(_HOLDING_VERBS)
    manners = "|".join(_HOLDING_MANNERS)
    school = "|".join(DEICTIC_SCHOOL_OWNERS)
    rooms = "|".join(re.escape(w) for w in word_list("venue_rooms.txt"))
    return re.compile(
        f"[在于](?:{school})?([{HAN}0-9]{{1,10}}?(?:{heads}))"
        f"(?=(?:{_FLOOR}(?:{rooms})?)?(?:{manners})?(?:{verbs}))"
    )


def _venue_spans(text: str) -> list[CharSpan]:
    """The venues of `text` (see _venues_of); the place rules and entity_rules both ask, per document."""
    return list(_venues_of(text))


@lru_cache(maxsize=4)
def _venues_of(text: str) -> tuple[CharSpan, ...]:
    """venue: 会议在胜利宾馆召开, 颁奖会…在宁夏工人文化宫隆重举行, 开班典礼在我校十一号楼举行: a name ending in a
    venue's head word (venue_heads.txt) between 在 (or 于, 於 of a Traditional page) and the verb that holds
    the meeting is a place, with a floor (二楼, 二楼会议室: venue_rooms.txt) or a manner (隆重, 正式) before
    the verb outside its name;
    one character before the head is a division's level (县体育馆); 在各宾馆 (a determiner) or 在会议室的
    (no head, no verb) names none."""
    found: list[CharSpan] = []
    for match in _venue_pattern().finditer(text):
        name = match.group(1)
        if name[0] in _VENUE_DETERMINERS or any(ch in _FUNCTION_CHARS for ch in name):
            continue  # a numeral may open a venue's name (十一号楼)
        head = longest_suffix(name, word_list("venue_heads.txt")) or ""
        if len(name) - len(head) == 1 and name[0] not in word_list("division_levels.txt"):
            continue  # 县体育馆, 区会议中心: the division's own; 新体育馆 (one modifier) names no venue
        found.append((match.start(1), match.end(1), "Place"))
    return tuple(found)


def _joined_divisions(doc: Doc, span: CharSpan) -> list[CharSpan]:
    """joined_divisions: 西安市鄠邑区, 西安鄠邑: LAC reads a division written after its parent as one
    place; they are two places (the parent, then the division inside it), each with its own name. A town is
    known without a home by its full name when the village after it is one of its own (卧牛河镇一心村)."""
    from cadregraph.pipeline.gazetteer import gazetteer

    start, end, label = span
    text = tokens.doc_text(doc)[start:end]
    if label != "Place" or len(text) < 4:
        return [span]
    places = gazetteer()
    for cut in range(2, len(text) - 1):
        parent = places.resolve(text[:cut])
        parents = [parent] if parent is not None else places.by_name.get(text[:cut])
        if any(p in child.chain[1:] for p in parents for child in places.lookup(text[cut:], p)):
            return [(start, start + cut, label), *_joined_divisions(doc, (start + cut, end, label))]
    address_cut = _township_village_cut(text)
    if address_cut is not None:
        return [(start, start + address_cut, label), (start + address_cut, end, label)]
    return [span]


def _township_village_cut(text: str) -> int | None:
    """新仁乡化屋村, 顶效街道楼纳村 (zzf02), 大连乡林楼村 (m03): a township's name and a village's name read as one
    place the gazetteer does not know are two links of an address, each a place (tests/gold/README.md), cut
    after the township's level word. Each name keeps two characters or more before its level word and holds
    no other level word (镇帮镇扶村 of 驻镇帮镇扶村 is no address)."""
    tiers = division_tiers()
    levels = tuple(word for word in tiers if len(word) <= 2)
    for word in sorted((w for w, t in tiers.items() if t == "township"), key=len, reverse=True):
        cut = text.find(word, 2)
        if cut < 0:
            continue
        left, right = text[:cut], text[cut + len(word) :]
        village = longest_suffix(right, tuple(w for w, t in tiers.items() if t == "village"))
        if village is None or len(right) - len(village) < 2:
            return None
        if any(level in left or level in right[: -len(village)] for level in levels):
            return None
        return cut + len(word)
    return None


def _landmark_spans(doc: Doc, places: list[tuple[int, int]]) -> list[CharSpan]:
    """新仓老街, 曹桥赛艇小镇, 平湖市行政中心: a place name (a candidate or a division of the gazetteer)
    right before a landmark word, with at most a short name part between them."""
    from cadregraph.pipeline.canonical import canonical_place

    text = tokens.doc_text(doc)
    home = doc.user_data.get(HOME_KEY)
    table = word_table("place_landmarks.txt")
    word_starts = tokens.TokensByOffset(doc)
    own_names = set(places)
    found: list[CharSpan] = []
    for word in word_list("place_landmarks.txt"):
        for match in re.finditer(re.escape(word), text):
            token = _token_at(doc, match.end() - 1)
            if token is not None and token.idx + len(token.text) > match.end() and token.tag_ != "ORG":
                continue  # 地区 inside 地区性: no landmark
            longest_between = int(table[word] or 0)
            for gap in range(longest_between + 1):
                place_end = match.start() - gap
                between = text[place_end : match.start()]
                if not all(is_han(ch) for ch in between):
                    break
                if gap and (place_end, match.end()) in own_names:
                    break  # two names: 鹤壁 + 桑园小镇, a place the model reads on its own
                starts = [s for s, e in places if e == place_end]
                starts += [
                    place_end - n
                    for n in (5, 4, 3, 2)
                    if place_end - n in word_starts  # word boundary: no division inside a word
                    and _is_cjk_name(text[place_end - n : place_end])
                    and canonical_place(text[place_end - n : place_end], home)[1] is not None
                ]
                if starts:
                    found.append((min(starts), match.end(), "Place"))
                    break
    return found


_LIST_JOINERS = ("、", "和", "及", "与")


def _places_in_lists(doc: Doc, places: list[tuple[int, int]]) -> list[CharSpan]:
    """严村、西赵村 / 蒲楼村和溪庄村: the next item of a list that starts with a place and ends in the same
    place suffix is a place too, when it starts and ends where the model's words do (list_word_boundary:
    东风村和平安村民 reads 平安/村民, no 平安村)."""
    text = tokens.doc_text(doc)
    word_starts = tokens.TokensByOffset(doc)
    word_ends = tokens.TokensByOffset(doc, by_end=True)
    suffixes = tuple(w for w in word_list("place_suffixes.txt") if w in {"村", "社区", "镇", "乡", "街道"})
    found: list[CharSpan] = []
    queue = sorted(set(places))
    seen = set(queue)
    while queue:
        start, end = queue.pop(0)
        suffix = longest_suffix(text[start:end], suffixes)
        if suffix is None or end >= len(text) or text[end] not in _LIST_JOINERS:
            continue
        match = re.match(f"[{HAN}]{{1,4}}?{re.escape(suffix)}", text[end + 1 : end + 8])
        if match is None:
            continue
        prefix = match.group()[: -len(suffix)]
        if (
            len(prefix) < 2
            or any(ch in _DETERMINERS or ch in _FUNCTION_CHARS for ch in prefix)
            or not _reads_as_proper_name(prefix)
        ):
            continue
        item = (end + 1, end + 1 + len(match.group()))
        if item[0] not in word_starts or item[1] not in word_ends:
            continue
        if item not in seen:
            seen.add(item)
            queue.append(item)
            found.append((item[0], item[1], "Place"))
    return found


@cache
def _counted_list_pattern() -> re.Pattern[str]:
    kinds = sorted({*word_list("division_levels.txt"), *_COUNTED_SEATS}, key=len, reverse=True)
    levels = "|".join(re.escape(w) for w in kinds)
    # 等 may carry the count of every division of the kind, the listed and the others (吴航、…、玉田等5个乡镇(街道),
    # 罗联、鹤上、古槐等其余13个乡镇, 丰都、…、彭水等18个区县: w04, zc06, q06, h07, t05); two level words may
    # run together (区县, 市县)
    return re.compile(
        f"、([{HAN}]{{2,4}}?)([{CHINESE_NUMERAL_CHARS}]+个?|等(?:其余|其他)?(?:[{CHINESE_NUMERAL_CHARS}0-9]+个)?)"
        f"(?:{levels})+"
    )


_LONGEST_LIST = 20  # items of a 等-closed list read back at most
# Seats counted as their divisions are: 授予鄯善、沙雅、…、吉木萨尔等13个县城…称号 (zzq04: the county towns).
_COUNTED_SEATS = ("县城",)


def _total_after_etc(closing: str) -> int | None:
    """等5个, 等其余13个: the count of every division of the kind a 等-closed list gives, or None."""
    digits = closing.removeprefix("等").removeprefix("其余").removeprefix("其他").removesuffix("个")
    if not digits:
        return None
    return int(digits) if digits.isdigit() else parse_chinese_number(digits)


def _counted_list_places(doc: Doc, places: list[tuple[int, int]]) -> list[CharSpan]:
    """counted_list: 向阳、洄水、瓦庙、汉王四镇, 银川、石嘴山、吴忠、固原、中卫五市: a list of short names closed by a
    count and a division's level word names that many divisions, each item a place, whatever the model
    reads the names as (向阳 a person, 汉王四镇 an organisation). The count must equal the items (a list
    that goes on before them names no divisions), and every item starts and ends where the model's words do
    (the last ends at the count). A list closed by 等 and the level word (肖岭、沙坪、石城等乡镇) has no count
    to check: one of its items must already be a place and none the model's person (王道平、毛捷等市领导)."""
    text = tokens.doc_text(doc)
    word_starts = tokens.TokensByOffset(doc)
    word_ends = tokens.TokensByOffset(doc, by_end=True)
    known = set(places)
    persons = {(s.start_char, s.end_char) for s in doc.spans.get(CANDIDATES_KEY, []) if s.label_ == "Person"}
    found: list[CharSpan] = []
    for match in _counted_list_pattern().finditer(text):
        counted = not match.group(2).startswith("等")
        count = parse_chinese_number(match.group(2).rstrip("个")) if counted else _LONGEST_LIST
        if count is None or count < 2 or match.start(1) not in word_starts:
            continue
        items = [(match.start(1), match.end(1))]
        joiner: int | None = match.start()  # the 、 before the first item found so far
        while joiner is not None and len(items) < count and joiner in word_ends:
            before = text.rfind("、", max(0, joiner - 5), joiner)
            if before >= 0 and joiner - before > 2 and all(is_han(ch) for ch in text[before + 1 : joiner]):
                items.insert(0, (before + 1, joiner))
                joiner = before
                continue
            token = word_ends.get(joiner)  # the list's first item: the model's word before the first 、
            if token is not None and 2 <= len(token.text) <= 4 and all(is_han(ch) for ch in token.text):
                items.insert(0, (token.idx, joiner))
            joiner = None
        if joiner is not None or not all(s in word_starts for s, _ in items):
            continue
        total = _total_after_etc(match.group(2))
        if counted:
            listed = len(items) == count
        else:  # 李锡勇、张思民、王建林等县领导: the model's persons; 河塘沟渠等区域: 区 inside the word 区域
            listed = (
                len(items) >= 2
                and match.end() in word_ends
                and bool(known & set(items))
                # 吴航/PER、…等5个乡镇: persons are counted by 名, never by 个 and a level word
                and (not persons & set(items) or total is not None)
                and (total is None or total >= len(items))
            )
        if listed:
            found += [(s, e, "Place") for s, e in items]
    return found


def _backend_names(doc: Doc) -> list[CharSpan]:
    """The model's candidates that pass the filters, with the names rules find where the model misread them
    (glued titles, lists of persons, 同志 after a name), recut at joined divisions and bodies."""
    backend = [s for s in (_filter_backend(doc, s) for s in doc.spans.get(CANDIDATES_KEY, [])) if s]
    backend = _glued_title_names(doc) + backend
    backend = _names_in_lists(doc, backend) + backend  # a list of persons outranks the model's label
    backend = _names_between_listed_persons(doc, backend) + backend  # as it does between two of them
    backend = _names_in_rows(doc, backend)  # so does a row of an honour list's name grid
    backend = _names_before_honorifics(doc) + backend  # so does 同志 after a name
    backend = _untagged_title_holders(doc, backend) + backend  # and a title before, a line end after
    backend = _titled_names_run_on(doc, backend) + backend  # a transcribed name past the model's cut
    backend = _names_split_before_honorifics(doc, backend) + backend  # or a title before, 同志 after
    backend = _names_whole_elsewhere(doc, backend)
    backend = _names_joined_from_elsewhere(doc, backend)
    backend = _holders_named_again(doc, backend)
    backend = [part for span in backend for part in _joined_divisions(doc, span)]
    backend = [part for span in backend for part in _joined_bodies(doc, span)]
    backend = [_without_full_time(tokens.doc_text(doc), b) for b in backend]
    return _party_joined_to_committee(doc, _stationed_bodies(doc, _owner_joined_to_body(doc, backend)))


_FULL_TIME = "专职"


def _without_full_time(text: str, span: CharSpan) -> CharSpan:
    """full_time: 民进河南省委专职副主委 (t01, LAC: 河南省委专职/ORG), 领导小组办公室专职副主任: 专职 (full-time) qualifies
    the title after it; no body's name ends in it."""
    start, end, label = span
    if label == "Organization" and end - start > len(_FULL_TIME) + 1 and text.endswith(_FULL_TIME, start, end):
        return (start, end - len(_FULL_TIME), label)
    return span


# 省委会, 海南省委会, 市委: a democratic party's committee written after the party's name
_PARTY_COMMITTEE = re.compile(f"[{HAN}]{{0,8}}?[省市县区州]委会?")


def _party_joined_to_committee(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """party_committee: 省政协副主席、致公党/ORG 省委会/ORG 主委侯茂丰 (d04), 民进/ORG 河南省委/ORG 专职副主委 (t01): a
    democratic party's name (canonical._DEMOCRATIC_PARTIES) right before a committee is one name with it, the
    party's committee (gold: 致公党省委会, alias of 致公党海南省委会), not the Communist Party's."""
    text = tokens.doc_text(doc)
    parties = {(s, e) for s, e, label in backend if label == "Organization" and text[s:e] in _DEMOCRATIC_PARTIES}
    if not parties:
        return backend
    ends = {e: s for s, e in parties}
    joined = {
        (ends[s], e)
        for s, e, label in backend
        if label == "Organization" and s in ends and _PARTY_COMMITTEE.fullmatch(text, s, e) is not None
    }
    if not joined:
        return backend
    committees = {e for _, e in joined}
    kept = [b for b in backend if b[1] not in committees]
    return [(s, e, "Organization") for s, e in sorted(joined)] + kept


def _rule_programmes(doc: Doc) -> tuple[list[CharSpan], list[CharSpan], set[tuple[int, int]]]:
    """(programmes the rules found, programmes kept, the spans of both): the learned scorer, when on, chooses
    among the rules' candidates; a titled event's quoted name is never a programme."""
    # 题为“…”的研讨活动 is an event, though its quoted name before a type word reads as a programme's
    titled = {(s, e) for s, e, _ in titled_event_spans(tokens.doc_text(doc), _event_heads())}
    ruled = programmes = [p for p in programme_rule_spans(doc) if (p[0], p[1]) not in titled]
    programme_spans = {(s, e) for s, e, _ in programmes}
    if scorer_settings().scorer.enabled:  # the learned scorer chooses among candidates (programme_scorer.py)
        programmes = [(s, e, "Programme") for s, e in choose_programmes(doc, sorted(programme_spans))]
        programme_spans |= {(s, e) for s, e, _ in programmes}
    return ruled, programmes, programme_spans


def _rule_organisations(
    doc: Doc, programmes: list[CharSpan], backend: list[CharSpan]
) -> tuple[list[CharSpan], list[CharSpan]]:
    """(organisations the rules name, backend spans): both cut after a designation and before a verb, and
    kept from running into the dateline's outlet, a document's name or an 各 list's bodies."""
    media = _media_spans(doc)
    formal = _party_formal_names(doc)
    organisations = media + _organisation_spans(doc, programmes) + _bare_centre(doc) + _bare_committees(doc)
    # a name cut out of a formal party name, or running into it (贵州省中共黄平县委员会), gives way to it
    organisations = formal + [o for o in organisations if not _crosses_formal(o, formal)]
    backend = [b for b in backend if not _crosses_formal(b, formal)]
    organisations += _national_ministries(doc) + _sar_bodies(doc, backend)
    organisations += _names_run_on_to_head(doc, backend)
    organisations += _shared_owner_bodies(doc) + _outlets_before_staff(doc) + _shared_committee_heads(doc)
    # a document's name or a body named inside a law's title (《中国共产党党校(行政学院)工作条例》: zzy02, y04) is no
    # body of the text, as the model's spans there are not (backend_confusion document_title)
    organisations = [
        o
        for o in organisations
        if not names_a_document(tokens.doc_text(doc), o[0], o[1])
        and not inside_a_law_title(tokens.doc_text(doc), o[0], o[1])
    ]
    organisations = [_after_designation(tokens.doc_text(doc), o) for o in organisations]
    backend = [_after_designation(tokens.doc_text(doc), b) for b in backend]
    organisations = [_after_crossed_word(tokens.doc_text(doc), o) for o in organisations]
    backend = [_after_crossed_word(tokens.doc_text(doc), b) for b in backend]
    # a name never runs into the outlet that opens the dateline (座谈会|宁夏人大网讯: the headline ends before it)
    organisations = [o for o in organisations if not _runs_into(o, media)]
    backend = [b for b in backend if not _runs_into(b, media)]
    organisations, backend = _drop_each_bodies(tokens.doc_text(doc), organisations, backend)
    organisations = _verb_glued_bodies(tokens.doc_text(doc), organisations)
    backend = _verb_glued_bodies(tokens.doc_text(doc), backend)
    organisations = [
        o
        for o in organisations
        if not _designation(tokens.doc_text(doc), o[0], o[1]) and not _paired_committees(tokens.doc_text(doc), o[0], o[1])
    ]
    organisations = [_with_study_group(tokens.doc_text(doc), o) for o in organisations]
    backend = [_with_study_group(tokens.doc_text(doc), b) for b in backend]
    organisations = [_with_working_group(tokens.doc_text(doc), o) for o in organisations]
    backend = [_with_working_group(tokens.doc_text(doc), b) for b in backend]
    return organisations, _abbreviations_of_organisations(doc, backend, organisations)


_STUDY_GROUP = "中心组"  # 理论学习中心组: a party committee's (or party group's) theory study group
_STUDY_GROUP_OWNERS = ("党委", "党组", "学习")


def _with_working_group(text: str, span: CharSpan) -> CharSpan:
    """working_group: 省人大常委会执法检查组关于检查…的报告 (z05), 县人大常委会调研组 (j04), 省关工委组织协调组 (r04):
    a group word of org_group_heads.txt right after a body's name (one that ends in an organisation head
    word) ends the name; the body is kept beside it (_bodies_of_working_groups). A party committee's team
    (接受省委考核组的检查验收, g03; 甘孜州委考核组: canonical.party_committees) is an ad-hoc errand the gold does not
    name: the committee stays as written."""
    start, end, label = span
    if label != "Organization" or longest_suffix(text[start:end], _org_suffixes()) is None:
        return span
    if text.endswith(party_committees(), start, end):
        return span
    group = next((g for g in word_list("org_group_heads.txt") if text.startswith(g, end)), None)
    return span if group is None else (start, end + len(group), label)


def _bodies_of_working_groups(text: str, spans: list[CharSpan]) -> list[CharSpan]:
    """The body whose working group a kept name is (吉林省人大常委会 of 省人大常委会执法检查组): an organisation of
    the article too (a parent organisation inside a longer name), beside `doc.ents`."""
    found: list[CharSpan] = []
    for start, end, label in spans:
        group = longest_suffix(text[start:end], word_list("org_group_heads.txt")) if label == "Organization" else None
        body_end = end - len(group) if group is not None else start
        if body_end - start >= 2 and longest_suffix(text[start:body_end], _org_suffixes()) is not None:
            found.append((start, body_end, "Organization"))
    return found


def _with_study_group(text: str, span: CharSpan) -> CharSpan:
    """study_group: 吉林市政府党组理论学习中心组召开2026年第一次集体学习会 (v05), 高新区党委(党组)中心组秘书 (m06):
    the model stops a party body's study group at 中心; its name ends in 中心组. 服务中心组织开展 (组织, the verb)
    and a centre of no party body (党群服务中心组) are left as cut."""
    start, end, label = span
    if label != "Organization" or not text.endswith(_STUDY_GROUP[:-1], start, end):
        return span
    if not text.startswith(_STUDY_GROUP, end - 2) or text.startswith("组织", end):
        return span
    if not any(owner in text[start : end - 2] for owner in _STUDY_GROUP_OWNERS):
        return span
    return (start, end + 1, label)


def _record_nested_names(
    doc: Doc,
    spans: list[CharSpan],
    organisations: list[CharSpan],
    backend: list[CharSpan],
    places: list[CharSpan],
    ruled: list[CharSpan],
    events: list[CharSpan],
) -> None:
    """Keep on the doc what the kept `spans` hide, for the relations and the record: names nested in them
    (bodies in events, places opening names, parents in bodies…), the places only written inside names, and
    those never written on their own."""
    bodies = _bodies_in_events(tokens.doc_text(doc), spans, organisations + backend)
    bodies += _bodies_opening_programmes(tokens.doc_text(doc), spans, organisations + backend)
    owners = _places_opening_names(tokens.doc_text(doc), doc.user_data.get(HOME_KEY), spans, places + backend)
    parents = _parents_in_bodies(tokens.doc_text(doc), spans, organisations + backend)
    parents += _bodies_in_venues(tokens.doc_text(doc), spans)
    parents += _addresses_of_units(doc, spans, doc.user_data.get(HOME_KEY))
    parents += _outlets_of_channels(tokens.doc_text(doc), spans)
    parents += _bodies_of_working_groups(tokens.doc_text(doc), spans)
    doc.user_data[NESTED_NAMES_KEY] = (
        bodies
        + owners
        + parents
        + programmes_in_events(tokens.doc_text(doc), spans, ruled)
        + events_in_programmes(tokens.doc_text(doc), spans, events)
        + sessions_in_bodies(tokens.doc_text(doc), spans + bodies, events)
    )
    doc.user_data[NAME_OWNER_PLACES_KEY] = (
        _places_only_in_names(doc, spans, _NAMES_OWNING_PLACES)
        | _persons_only_in_doctrines(doc, spans)
        | {(s, e) for s, e, _ in owners}
    )
    doc.user_data[UNWRITTEN_PLACES_KEY] = _unwritten_places(
        doc, _places_only_in_names(doc, spans, _NAMES_OWNING_PLACES) | {(s, e) for s, e, _ in owners}
    )


_LOCATIVE_PREPOSITIONS = frozenset("在于於")  # 在…举行, 於 of a Traditional page


def _after_locative_preposition(doc: Doc, start: int) -> bool:
    """在/p 河北省沧州市海兴县影剧院: the word right before the name is a preposition of place (a whole token, so
    关于/p and 对于/p, which end in 于, name a topic, no venue)."""
    before = tokens.token_at(doc, start - 1) if start > 0 else None
    return before is not None and before.tag_ == "p" and before.text in _LOCATIVE_PREPOSITIONS


def _addresses_of_units(doc: Doc, spans: list[CharSpan], home: HomePlace | None) -> list[CharSpan]:
    """address_of_unit: 禹城市伦镇|视界牧业特色养殖基地 (p04), 在施甸县水长乡|保山澳鑫电子商务有限公司举行 (u06): a body
    with a proper name of its own written after the address of the town it stands in (canonical.address_free_name,
    which names the body without it) is located there; each link of that address is a place of the article (gold:
    the links of an address are each a Place), found beside `doc.ents`. A body the division owns
    (平湖市人民政府, 蛟河市松江镇永兴村党组织) has no address before its name: its places stay inside it. A venue after
    在 written with its address from the province or city down (河北省沧州市海兴县影剧院) gives that address too."""
    text = tokens.doc_text(doc)
    found: list[CharSpan] = []
    for start, end, label in spans:
        own = address_free_name(text[start:end]) if label == "Organization" else None
        if own is None and label == "Organization" and _after_locative_preposition(doc, start):
            # venue_address: 在河北省沧州市海兴县影剧院第一会议室开讲 (r01): a venue after 在 written with its full
            # address from the province down (gold: each link a Place; the hall left out)
            chain = top_down_links(text[start:end])
            rest = text[start + chain[-1][1] : end] if len(chain) >= 2 else ""
            if rest and longest_suffix(rest, word_list("venue_heads.txt")) is not None:
                found += [(start + s, start + e, "Place") for s, e in chain]
            continue
        if own is None:
            continue
        links = address_links(text[start : end - len(own)], home.division if home else None)
        found += [(start + s, start + e, "Place") for s, e in links or []]
    return found


def _national_campaigns(doc: Doc) -> list[CharSpan]:
    """national_campaign: 深入开展创先争优活动 (z07), 支持西部大开发 (zh05): a nationwide campaign or strategy of the
    central Party and State (national_campaigns.txt) is a programme wherever written, quoted or not."""
    text = tokens.doc_text(doc)
    return [(pos, pos + len(word), "Programme") for pos, word in words_in(text, word_list("national_campaigns.txt"))]


_JOINED_AUDIENCES = "暨"  # 人大代表暨人大干部学习培训班: one class for both


def _ceremony_named_starts(
    doc: Doc, programmes: list[CharSpan], events: list[CharSpan]
) -> dict[tuple[int, int], int]:
    """ceremony_programme: 黔西南州2025年人大代表暨人大干部学习培训班开班式 (zk07): a class's opening or closing
    ceremony names the class in full with the audiences 暨 joins; a programme the rules read ending right before
    the ceremony's word, cut at a 暨 inside the ceremony's name, starts where the ceremony does: {(start, end):
    the wider start}, each span's shorter name recorded once as its alias. Without 暨 the rules' left edge stands
    (我县…培训班开班仪式 keeps no 我县)."""
    from cadregraph.pipeline.events import ceremony_stem_end

    text = tokens.doc_text(doc)
    widened: dict[tuple[int, int], int] = {}
    for start, end, _ in programmes:
        if (start, end) in widened:
            continue  # the rules' list and the kept list share most spans
        starts = [
            e_start
            for e_start, e_end, _ in events
            if e_start < start
            and ceremony_stem_end(text[e_start:e_end]) == end - e_start
            and _JOINED_AUDIENCES in text[e_start:start]
        ]
        if starts:
            widened[(start, end)] = min(starts)
            known = doc.user_data.get(ALIASES_KEY, {}).get((start, end), [])
            record_aliases(doc, (min(starts), end), [text[start:end], *known])
    return widened


@Language.component("cadre_entity_rules")
def entity_rules(doc: Doc) -> Doc:
    """Rule spans first (longer wins), then the filtered backend candidates; the result is `doc.ents`."""
    backend = _backend_names(doc)
    home = doc.user_data.get(HOME_KEY)
    addresses = recut_address_runs(doc, home.division if home else None)  # the model's cuts give way
    backend = [b for b in backend if not any(b[0] < e and s < b[1] for s, e, _ in addresses)]
    places = addresses + _place_spans(doc, backend) + _dateline_places(doc)
    ruled, programmes, programme_spans = _rule_programmes(doc)
    programmes = _national_campaigns(doc) + programmes
    organisations, backend = _rule_organisations(doc, programmes, backend)
    # an event's name holds the rules' programme names (首期“亲清下午茶”交流活动), whatever the scorer chose
    named = ruled + programmes + organisations + backend
    # “三个一”活动 named as a campaign is a programme, even where a convening verb stands before it.
    events = [
        e
        for e in _event_spans(doc, named)
        if (e[0], e[1]) not in programme_spans and not inside_a_law_title(tokens.doc_text(doc), e[0], e[1])
    ]
    events = _with_listed_plenums(doc, events)
    widened = _ceremony_named_starts(doc, ruled + programmes, events)
    ruled = [(widened.get((s, e), s), e, label) for s, e, label in ruled]
    programmes = [(widened.get((s, e), s), e, label) for s, e, label in programmes]
    organisations = _session_bodies(tokens.doc_text(doc), events) + organisations
    organisations = [o for o in organisations if not fuses_events(o, events)]
    backend = [b for b in backend if not fuses_events(b, events)]
    venues = {(s, e) for s, e, _ in _venue_spans(tokens.doc_text(doc))}  # 在区会议中心召开: a place, not a body
    organisations = [o for o in organisations if (o[0], o[1]) not in venues]
    spans = _non_overlapping(
        _after_web_addresses(tokens.doc_text(doc), events + programmes + organisations + places + backend)
    )
    spans = _zones_opening_addresses(tokens.doc_text(doc), spans)
    spans = _organisations_written_again(doc, spans)
    _record_nested_names(doc, spans, organisations, backend, places, ruled, events)
    # the learned check on the places and organisations left (place_scorer.py; each off unless its
    # scorer.toml turns it on)
    hidden = doc.user_data[NAME_OWNER_PLACES_KEY]
    spans = scored_places(doc, spans, places + organisations, hidden, doc.user_data.get(HOME_KEY))
    doc.ents = char_spans_to_ents(doc, spans)
    return doc


@cache
def _tag_group(name: str) -> frozenset[str]:
    """nlp/tag_groups.toml [groups]: a group of the model's tags a rule reads (each explained there)."""
    from cadregraph.pipeline.resources import data_toml

    return frozenset(data_toml("nlp", "tag_groups.toml")["groups"][name])


@cache
def _written_again_min() -> int:
    """organisations/rules.toml [written_again] min_chars."""
    from cadregraph.pipeline.resources import data_toml

    return int(data_toml("organisations", "rules.toml")["written_again"]["min_chars"])




def _a_specific_name(doc: Doc, start: int, end: int) -> bool:
    """A body's name the text may write again: one word the model reads as an organisation (黑龙江省关心下一代工作委员会
    /ORG, r04), or a name opening with a place or a proper name the model or the gazetteer knows (辽宁省政协/ORG
    委员/n 培训基地/n), with no verb or pronoun inside (考察组代表/v 区委: a clause; 我校继续教育学院: our school's).
    干部培训中心 (干部/n 培训/vn 中心/n) is a kind of body every unit has, no name."""
    from cadregraph.pipeline.gazetteer import gazetteer

    text = tokens.doc_text(doc)
    words = tokens.tokens_overlapping(doc, start, end)
    if not words or any(w.tag_ in _tag_group("no_name_word") for w in words) or text[start] in REFERRING_OPENERS:
        return False
    if len(words) == 1:
        return words[0].tag_ == "ORG"
    first = words[0]
    return first.tag_ in _PROPER_OPENING_TAGS or any(
        gazetteer().resolve(text[start : start + n]) is not None for n in (2, 3, 4) if start + n < end
    )


_PROPER_OPENING_TAGS = tokens.NAMED_TAGS | {"nz", "nw"}


def _organisations_written_again(doc: Doc, spans: list[CharSpan]) -> list[CharSpan]:
    """written_again: 受理单位:黑龙江省/ORG 关心下一代工作/v 委员会/n 联系电话 (r04): a body's full and specific name
    (`_a_specific_name`) read as one name elsewhere in the document names that body wherever the text writes it
    again, starting and ending where the model's words do and where no kept name crosses it; the places and
    names the model read inside it give way (the document, not a list, decides). 高新区|城乡建设和生态环境局
    starts inside a word: another district's bureau."""
    text = tokens.doc_text(doc)
    word_starts = tokens.TokensByOffset(doc)
    word_ends = tokens.TokensByOffset(doc, by_end=True)
    names = {
        text[s:e]
        for s, e, label in spans
        if label == "Organization"
        and e - s >= _written_again_min()
        and longest_suffix(text[s:e], _org_suffixes())
        and _a_specific_name(doc, s, e)
    }
    added: list[CharSpan] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(re.escape(name), text):
            start, end = match.span()
            if start not in word_starts or end not in word_ends:
                continue
            if any(s < end and start < e and not (start <= s and e <= end) for s, e, _ in spans + added):
                continue  # a kept name crosses it, or holds it (平湖市委组织部 holds 市委组织部)
            if any(s == start and e == end for s, e, _ in spans + added):
                continue
            added.append((start, end, "Organization"))
    if not added:
        return spans
    kept = [sp for sp in spans if not any(a[0] <= sp[0] and sp[1] <= a[1] for a in added)]
    return sorted(kept + added)


def _zones_opening_addresses(text: str, spans: list[CharSpan]) -> list[CharSpan]:
    """zone_in_address: 重庆高新区白市驿镇海龙村, 万盛经开区万东镇五和村: a development zone written right before a
    town of an address is used as a location, a link of the address, so a place (tests/gold/README.md: a zone
    is a place only when used as a location; corpus gold o04). Elsewhere it stays the body."""
    towns = {s for s, e, label in spans if label == "Place" and text[s:e].endswith(TOWN_LEVELS)}
    return [
        (s, e, "Place") if label == "Organization" and text[s:e].endswith(ZONE_HEADS) and e in towns else (s, e, label)
        for s, e, label in spans
    ]


def _with_listed_plenums(doc: Doc, events: list[CharSpan]) -> list[CharSpan]:
    """十九届二中、三中、四中全会: each plenum of the list in place of what the walk read there, its full name
    recorded for `extract.build_entities`."""
    listed = listed_plenum_spans(tokens.doc_text(doc), lambda at: _named_run_start(doc, at))
    doc.user_data[EVENT_NAMES_KEY] = {(p[0], p[1]): name for p, name in listed}
    return [e for e in events if not any(e[0] < p[1] and p[0] < e[1] for p, _ in listed)] + [p for p, _ in listed]


def _named_run_start(doc: Doc, end: int) -> int:
    """Start of the run of the model's named tokens (ORG, LOC, nt, ns) that ends at character `end`
    (中共|贵州省委 before 十一届); `end` itself when none ends there."""
    words, tags, starts = tokens.words(doc), tokens.tags(doc), tokens.token_starts(doc)
    i = tokens.token_index_at(doc, end - 1) if end > 0 else None
    start = end
    while i is not None and i >= 0 and tags[i] in tokens.NAMED_TAGS and starts[i] + len(words[i]) == start:
        start = starts[i]
        i -= 1
    return start


@cache
def _session_body_pattern() -> re.Pattern[str]:
    table = word_table("session_bodies.txt")
    bare = "|".join(re.escape(w) for w in word_list("session_bodies.txt") if table[w] == "bare")
    qualified = "|".join(re.escape(w) for w in word_list("session_bodies.txt") if table[w] == "qualified")
    return re.compile(f"(?:{bare})|(?:[{HAN}]{{1,4}}、)?[{HAN}]{{0,4}}?(?:{qualified})")


def _session_bodies(text: str, events: list[CharSpan]) -> list[CharSpan]:
    """session_body: 审议通过自治区政协十二届一次会议主席团、…提案审查委员会名单: a body the session forms
    (session_bodies.txt) written right after a session's name (an event ending in 会议, wherever the text
    writes that name again) is an organisation named with the session; the name alone stays the event."""
    sessions = {
        text[start:end] for start, end, _ in events if text.endswith("会议", 0, end) and end - start >= 6
    }
    found: list[CharSpan] = []
    for name in sessions:
        at = text.find(name)
        while at >= 0:
            match = _session_body_pattern().match(text, at + len(name))
            if match is not None:
                found.append((at, match.end(), "Organization"))
            at = text.find(name, at + 1)
    return found


def _runs_into(span: CharSpan, outlets: list[CharSpan]) -> bool:
    """The span starts before an outlet's name and ends inside or after its start."""
    return any(span[0] < start < span[1] for start, _, _ in outlets)


NESTED_NAMES_KEY = "nested_names"  # doc.user_data: entity spans inside a longer name, beside doc.ents


def _unwritten_places(doc: Doc, inside_names: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """home_deixis: the places seen only inside names that the record does not list: all of them but the
    place a first-person deixis (我市, 本县) names. That is the paper's home when its level word is the
    deixis's (a15's 河北省, written only in 河北省委 and 河北新闻网 and never called 我省, is no place of it);
    when the home is of another level, the places of the deixis's level seen only inside names (seed 002's
    gold lists 平顶山市 with the alias 我市, while 平顶山 stands only inside names and the home found is 秀洲区)."""
    from cadregraph.pipeline.canonical import canonical_place

    home = doc.user_data.get(HOME_KEY)
    text = tokens.doc_text(doc)
    levels = {m.group(1) for m in _DEIXIS.finditer(text)}
    if home is not None and home.name[-1] in levels:
        return {(s, e) for s, e in inside_names if canonical_place(text[s:e], home)[0] != home.name}
    return {(s, e) for s, e in inside_names if canonical_place(text[s:e], home)[0][-1:] not in levels}


_DEIXIS = re.compile(f"[我本]([{_GOVERNED_LEVELS}])")


def _places_opening_names(
    text: str, home: HomePlace | None, spans: list[CharSpan], candidates: list[CharSpan]
) -> list[CharSpan]:
    """place_opening_name: 贵州省黔东南州施秉县2020年党务干部专题培训班, 澧县2015年领导干部…培训班: the places
    that open a programme's or an event's name are found beside `doc.ents`, without a mention, so that a
    relation may name them and the written form (黔东南州) joins the place's aliases; like places inside a
    body's name they are not listed when they stand nowhere else (gold convention, tests/gold/README.md).
    Only divisions the gazetteer knows: 耘庐学堂, 五美庭院 open with words the model tags LOC and no place."""
    from cadregraph.pipeline.canonical import canonical_place

    places = {
        (s, e)
        for s, e, label in candidates
        if label == "Place" and canonical_place(text[s:e], home)[1] is not None
    }
    found: list[CharSpan] = []
    for start, end, label in spans:
        if label not in {"Programme", "Event"}:
            continue
        pos = start
        while True:
            nxt = max((p for p in places if p[0] == pos and p[1] < end), key=lambda p: p[1], default=None)
            if nxt is None:
                break
            found.append((nxt[0], nxt[1], "Place"))
            pos = nxt[1]
    return found


def _bodies_in_events(text: str, spans: list[CharSpan], candidates: list[CharSpan]) -> list[CharSpan]:
    """body_in_event: 湖北省第十四届人大常委会第十四次会议表决通过…: the body that holds a session is named
    in the event's name and is an organisation of the article too (gold convention); an entity span may
    not overlap another, so the longest organisation inside each event is given beside `doc.ents`. Only a
    body followed by the session's ordinal (第十四次, 六届) holds it: 中央人大工作会议 is a meeting about
    人大 work, 中国共产党嘉兴市第九次代表大会 a congress of the party's city organisation."""
    found: list[CharSpan] = []
    for start, end, label in spans:
        if label != "Event":
            continue
        inside = [
            c
            for c in candidates
            if c[2] == "Organization" and start <= c[0] and c[1] < end and _ORDINAL.match(text, c[1])
        ]
        if inside:
            found.append(max(inside, key=lambda c: (c[1] - c[0], -c[0])))
    return found


def _bodies_opening_programmes(text: str, spans: list[CharSpan], candidates: list[CharSpan]) -> list[CharSpan]:
    """body_opening_programme: 郑州大学2024年秋季学期中层干部培训班 (zb01), 省委组织部新任党组织书记轮训班, 河北省委
    组织部万人示范培训班 (m04), 省委统战部爱国宗教人士研修班 (t01): the body that runs a programme and opens
    its name is an organisation of the article too (gold convention: a parent organisation written inside
    a longer name is annotated; a place opening it is not, tests/gold/README.md), beside `doc.ents`. The
    longest organisation the model or the rules read at the programme's start that ends in a head word of an
    institution or a department (org_parent_heads.txt); 共青团统战干部培训班, 中华技能大奖 name a kind."""
    heads = word_list("org_parent_heads.txt")

    def named_before_a_head(s: int, e: int, end: int) -> bool:
        head = longest_suffix(text[s:e], heads)
        return head is not None and e - s > len(head)

    opening = (_longest_opener(span, candidates, named_before_a_head) for span in spans if span[2] == "Programme")
    return [body for body in opening if body is not None]


def _longest_opener(
    span: CharSpan, candidates: list[CharSpan], accepts: Callable[[int, int, int], bool]
) -> CharSpan | None:
    """The longest organisation the model or the rules read at `span`'s start, ending inside it, that `accepts`
    (its start, its end, the span's end) takes: the body opening a programme's or a longer body's name
    (_bodies_opening_programmes, _parents_in_bodies)."""
    start, end, _ = span
    inside = [c for c in candidates if c[2] == "Organization" and c[0] == start and c[1] < end and accepts(*c[:2], end)]
    return max(inside, key=lambda c: c[1]) if inside else None


def _parents_in_bodies(text: str, spans: list[CharSpan], candidates: list[CharSpan]) -> list[CharSpan]:
    """parent_in_body: 贵州大学农学院, 铜仁市公安局刑事侦查支队, 中铁建电气化局党委: the body a longer name
    opens with is an organisation of the article too (gold convention: a parent organisation written
    inside a longer name is annotated). The parent is a name the model or the rules found on its own at
    the same start (贵州大学/ORG before 农学院) that ends in a head word of org_parent_heads.txt, with a unit
    of two characters or more after it; the longest such one, beside `doc.ents`."""
    heads = word_list("org_parent_heads.txt")

    def parent_of_a_unit(s: int, e: int, end: int) -> bool:
        head = longest_suffix(text[s:e], heads)
        return (
            e + 2 <= end
            and all(is_han(ch) for ch in text[e : e + 2])
            and (
                text.startswith(_STATIONED_VERBS, e)  # 外交部 of 外交部驻澳门公署: the body that stations the office
                or text[s:e] in _DEMOCRATIC_PARTIES  # 民进 of 民进河南省委: the party of its committee
                or (head is not None and e - s > len(head) + 1)
            )
            and not generic_organisation(text[s:e])
        )

    found: list[CharSpan] = []
    for start, end, label in spans:
        if label != "Organization":
            continue
        parent = _longest_opener((start, end, label), candidates, parent_of_a_unit)
        if parent is None and not _PARTY_FORMAL_NAME.fullmatch(text, start, end):
            # (中共…临时支部委员会: 中共 opens the formal name, no parent's)
            parent = _parent_by_head(text, start, end, heads)
        if parent is not None:
            found.append(parent)
    return found


_BRANCH = re.compile("分(?:公司|院|行|局|校|厂)$")
# 市委党校东报告厅, 市委党校大礼堂: a side of the building or a size before the hall is no part of the body
_HALL_MODIFIERS = "东西南北大小"
_VENUE_OWNER_MIN = 3  # 市委党校; 区|会议中心 names the division's venue, not a body's


_CAMPUS = "校区"
_CAMPUS_NAME_MAX = 4  # 长清 of 山东管理学院长清校区, 金明 of 河南大学金明校区


def _campus_owner(owner: str) -> str:
    """campus_owner: 在山东管理学院长清校区举办: a campus is named after its school and its own short name (长清,
    a district or a street): the school is the name before that short name when it ends in a head word of
    designated_institution_heads.txt."""
    if longest_suffix(owner, _org_suffixes()) is not None:
        return owner
    for cut in range(len(owner) - 1, max(len(owner) - _CAMPUS_NAME_MAX, 2) - 1, -1):
        if longest_suffix(owner[:cut], word_list("designated_institution_heads.txt")) is not None:
            return owner[:cut]
    return owner


def _bodies_in_venues(text: str, spans: list[CharSpan]) -> list[CharSpan]:
    """body_in_venue: 在市委党校大礼堂举行, 市委党校东报告厅内: a venue named by the body that owns it and a hall
    or room (venue_heads.txt, venue_rooms.txt) is a place, and the body before the hall (ending in an
    organisation head word, maybe with a side or a size between) is an organisation of the article
    too (corpus gold h04, m06), beside `doc.ents`. 湖北宾馆 and 区会议中心 name no body."""
    halls = tuple(sorted({*word_list("venue_heads.txt"), *word_list("venue_rooms.txt")}, key=len, reverse=True))
    found: list[CharSpan] = []
    for start, end, label in spans:
        hall = longest_suffix(text[start:end], halls) if label == "Place" else None
        if hall is None:
            continue
        owner = text[start : end - len(hall)]
        owner = owner[:-1] if owner.endswith(tuple(_HALL_MODIFIERS)) else owner
        if hall == _CAMPUS:
            owner = _campus_owner(owner)
        head = longest_suffix(owner, _org_suffixes())
        if (
            len(owner) >= _VENUE_OWNER_MIN
            and head is not None
            and head != owner
            and all(map(is_han, owner))
            and not any(h in owner for h in halls)  # 南郊宾馆俱乐部|礼堂: a part of a venue, no body
        ):
            found.append((start, start + len(owner), "Organization"))
    return found


def _parent_by_head(text: str, start: int, end: int, heads: tuple[str, ...]) -> CharSpan | None:
    """贵州大学农学院/ORG (one word of the model): the longest part before a unit that ends in a parent
    head word, when the model gave no shorter name at that start; 中央政府驻澳门联络办公室/ORG: the body
    before 驻 that ends in an organisation head word (the office's owner)."""
    stationed = text.find(_STATIONED, start + 2, end - 2)
    if stationed > 0 and text.endswith(_STATIONED_VERBS[0], 0, stationed + 1):  # 市纪委|派驻
        stationed -= len(_STATIONED_VERBS[0]) - len(_STATIONED)
    owner = text[start:stationed] if stationed > 0 else ""
    if any(longest_suffix(owner, heads) not in {None, owner} for heads in (_org_suffixes(), _stationed_owner_heads())):
        return (start, stationed, "Organization")
    for cut in range(end - 2, start + 2, -1):
        name = text[start:cut]
        head = longest_suffix(name, heads)
        unit = text[cut:end]
        if (
            head is not None
            and len(name) > len(head) + 1
            and longest_suffix(unit, _org_suffixes()) != unit  # 集团|有限公司 is one company's name
            and not _BRANCH.search(unit)  # 上海纳铁福传动系统有限公司平湖分公司: a branch bears the name
            and not generic_organisation(name)
        ):
            return (start, cut, "Organization")
    return None


def _owner_joined_to_body(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """owner_split_from_body: 中国/LOC 共产党/ORG, 福建/LOC 民盟/ORG: the model splits a body that takes its
    place into its name (place_owned_heads.txt) from the place; the two are one organisation's name."""
    text = tokens.doc_text(doc)
    heads = set(word_list("place_owned_heads.txt"))
    places = {end: (start, end) for start, end, label in backend if label == "Place"}
    joined: dict[tuple[int, int], CharSpan] = {}
    for start, end, label in backend:
        if label == "Organization" and text[start:end] in heads and start in places:
            joined[places[start]] = (places[start][0], end, "Organization")
            joined[(start, end)] = joined[places[start]]
    short = {end: (start, end) for start, end, label in backend if label in ("Place", "Organization")}
    for start, end, label in backend:
        owner = short.get(start)
        if label == "Organization" and owner is not None and _level_opens_owned_body(text, owner, end):
            joined[owner] = (owner[0], end, "Organization")
            joined[(start, end)] = joined[owner]
    result = [joined.get((s, e), (s, e, label)) for s, e, label in backend]
    return list(dict.fromkeys(result))


def _level_opens_owned_body(text: str, owner: tuple[int, int], end: int) -> bool:
    """平定/ORG 县委组织部/ORG: a division's short name (平定) and a body opening with that division's level word
    and a body it owns (县委…, 县政府…: canonical.PARENT_BODIES) are one name (平定县委组织部). Stricter than
    relations.chains._division_prefix (any division the gazetteer calls so, for a title chain's walk): two of the
    model's names become one, so the division must resolve with exactly that short name and own the body."""
    from cadregraph.pipeline.gazetteer import gazetteer

    name, body = text[owner[0] : owner[1]], text[owner[1] : end]
    if len(name) < 2 or len(body) < 2 or not body[1:].startswith(PARENT_BODIES):
        return False
    division = gazetteer().resolve(name + body[0])
    return division is not None and division.name == name + body[0] and division.short == name


def _stationed_bodies(doc: Doc, backend: list[CharSpan]) -> list[CharSpan]:
    """stationed_body: 外交部/ORG 驻/v 澳门公署/ORG: a body's office stationed elsewhere is named X驻Y…; the model
    cuts it at the verb 驻, leaving the office without its owner (澳门公署). A body the model tags before 驻 (or
    派驻) and a body after it are one name, with the office's head word when the host's name is followed by
    one (市纪委派驻市政协纪检组, 省纪监委驻省人大机关纪检监察组: stationed_office_heads.txt); the owner stays a
    name of its own inside it (_parents_in_bodies)."""
    text = tokens.doc_text(doc)
    ends = {end: start for start, end, label in backend if label == "Organization"}
    joined: dict[CharSpan, CharSpan] = {}
    for start, end, label in backend:
        verb = next((v for v in _STATIONED_VERBS if text.endswith(v, 0, start)), None)
        owner = ends.get(start - len(verb)) if verb is not None else None
        if label == "Organization" and owner is not None:
            joined[(start, end, label)] = (owner, end, label)
    stationed = [joined.get(b, b) for b in backend]
    # the model's one word 省纪监委驻省人大 or the joined name, before the office's head word
    return [
        (s, office.end(), label)
        if label == "Organization" and _STATIONED in text[s + 2 : e] and (office := _stationed_office().match(text, e))
        else (s, e, label)
        for s, e, label in stationed
    ]


_STATIONED = "驻"


def _stationed_owner_heads() -> tuple[str, ...]:
    return word_list("stationed_owner_heads.txt")
_STATIONED_VERBS = ("派驻", _STATIONED)


@cache
def _stationed_office() -> re.Pattern[str]:
    heads = "|".join(re.escape(w) for w in word_list("stationed_office_heads.txt"))
    return re.compile(f"(?:机关)?(?:{heads})")


def _owns_name_at(text: str, pos: int) -> bool:
    """A title (副省长, 省长) or a body that takes the place into its name (省委, 民盟) starts at pos, maybe
    after a village the model did not read as a place (_village_before_body)."""
    return _owned_head_at(text, pos) or _village_before_body(text, pos, _owned_head_at)


def _body_owns_name_at(text: str, pos: int) -> bool:
    """A body that takes the place into its name (省委, 民盟, 村党支部) starts at pos; a title (副省长) does
    not: 湖北省 of 湖北省副省长 is a place the text names (gold convention)."""
    return _body_head_at(text, pos) or _village_before_body(text, pos, _body_head_at)


def _body_head_at(text: str, pos: int) -> bool:
    return match_word_at(text, pos, word_list("place_owned_heads.txt")) is not None


def _owned_head_at(text: str, pos: int) -> bool:
    return _body_head_at(text, pos) or any(text[pos : pos + n] in _titles() for n in (2, 3, 4))


_VILLAGE_RUN = re.compile(f"[{HAN}]{{1,4}}?(?:村|社区)")


def _village_before_body(text: str, pos: int, head_at: Callable[[str, int], bool]) -> bool:
    """village_body_owner: 三江镇|茄苪村/v 党支部书记, 西华县艾岗乡|半截楼村/m 党支部书记: the model tags the
    village of a party body's name as a verb or a numeral, so no place span joins the town to the body; a
    village-level word (a short run ending in 村/社区) and then an owned head (`head_at`: 党支部) still make
    the town part of that body's name. 三江镇茄苪村探讨 (no body) names the town."""
    match = _VILLAGE_RUN.match(text, pos)
    return match is not None and head_at(text, match.end())


_NAMES_OWNING_PLACES = frozenset({"Organization", "Programme", "Event"})
# doc.user_data: (start, end) of places seen only inside names (bodies', programmes', events', quoted
# names), titles and 《》 titles: no place of the article, so `kg extract` lists them only where a relation
# needs them (黔东南州 of 贵州省黔东南州施秉县…培训班 is not listed), or where 我市 names them (home_deixis).
UNWRITTEN_PLACES_KEY = "unwritten_places"
_BOOK_TITLE_CHARS = 80  # the longest 《》 title looked through (a law's full name is about 40 characters)


def _inside_book_title(text: str, start: int, end: int) -> bool:
    """The span stands between 《 and its 》 on one line: part of a document's title."""
    opening = text.rfind("《", max(0, start - _BOOK_TITLE_CHARS), start)
    if opening < 0 or "》" in text[opening:start] or "\n" in text[opening:start]:
        return False
    closing = text.find("》", end, end + _BOOK_TITLE_CHARS)
    return closing >= 0 and "《" not in text[end:closing] and "\n" not in text[end:closing]


_ABOUT_TITLE_CHARS = 40  # the longest stretch read from 关于 to the place, and from the place to 的<head>
_TITLE_BREAKS = set("，,。；;！？!?、：:\n《》“”「」")


def _inside_about_title(text: str, start: int, end: int) -> bool:
    """about_title: 表决通过了关于济南市国民经济…规划纲要的决议: the span stands between 关于 and 的 + a
    motion's head word (motion_heads.txt) ending the name, with no clause break between; 关于济南市的发展
    (no head) or 关于济南市的决定性作用 (the head runs on) is no title."""
    opening = text.rfind("关于", max(0, start - _ABOUT_TITLE_CHARS), start)
    if opening < 0 or any(ch in _TITLE_BREAKS for ch in text[opening:start]):
        return False
    heads = word_list("motion_heads.txt")
    for pos in range(end, min(len(text), end + _ABOUT_TITLE_CHARS)):
        if text[pos] in _TITLE_BREAKS:
            return False
        head = match_word_at(text, pos + 1, heads) if text[pos] == "的" else None
        if head is not None:
            after = text[pos + 1 + len(head) : pos + 3 + len(head)]
            if not after or not is_han(after[0]) or after.startswith("草案"):
                return True
    return False


# term_ordinal: 辽宁省第十四届…, 济南市十四届人大: a term's ordinal after a place opens the name of a body or a
# session held in terms (a congress, a conference, a games), whatever the model or the rules made of the rest.
_YEAR_BEFORE = re.compile(f"{YEAR.pattern}$")
_DATED_NAME_TAGS = _NOMINAL_TAGS - {"PER"} | {"m", "a", "b"}
_DATED_NAME_WORDS = 8  # the most words read from the place to the head word


@cache
def _dated_name_heads() -> tuple[str, ...]:
    """Head words that end a programme's name on their own (the `open` types of programme_types.txt, not
    工作 or 活动, which need quotes), an event's, and 培训工作 (a training named by its verb noun)."""
    table = word_table("programme_types.txt")
    words = {w for w in word_list("programme_types.txt") if table[w].startswith("open")}
    return longest_first({*words, *word_list("event_words.txt"), "培训工作"})


def _opens_a_dated_name(doc: Doc, start: int, end: int) -> bool:
    """dated_name: 2016年度吉林省新一轮村干部培训工作在我校正式启动: a place right after a year, followed by
    nominal words only (the model's tags) up to a programme's or an event's head word, opens that name (gold
    convention: 吉林省 of 2016年度吉林省新一轮村干部培训 is no place), whether or not the programme rules found
    it; so does one followed by a quotation, maybe after a qualifier (2023年度濮阳市“乡村光荣榜”, p05;
    2021年度河南省防汛救灾和疫情防控“乡村光荣榜”, m03; a verb of the qualifier follows a noun). 2020年杭州市培训干部3000人
    or 2021年平湖市GDP增长 (no head word, no quotation), 2023年平湖市入选“…” (a verb after the place) open no name."""
    text = tokens.doc_text(doc)
    if not _YEAR_BEFORE.search(text[max(0, start - 8) : start]):
        return False
    first = tokens.TokensByOffset(doc).get(end)
    if first is None:
        return False
    heads = _dated_name_heads()
    after_nominal = False  # a verb of the qualifier follows a noun (疫情/n 防控/v)
    for token in doc[first.i : first.i + _DATED_NAME_WORDS]:
        if token.text in _QUOTE_PAIRS:
            return True  # dated_quoted_name: 2023年度濮阳市|“乡村光荣榜”, 2021年度河南省防汛救灾和疫情防控|“乡村光荣榜”
        nominal = token.tag_ in _DATED_NAME_TAGS
        if not nominal and not (after_nominal and _dated_qualifier(token)):
            return False  # 2023年平湖市|入选“…”, 2020年嘉兴市|完成“十三五”…: the place does something
        after_nominal = nominal
        if longest_suffix(text[end : token.idx + len(token.text)], heads) is not None:
            return True
    return False


_DATED_QUALIFIER_TAGS = {"v", "c"}  # 防汛救灾和疫情防控: a dated name's qualifier before its quoted head


def _dated_qualifier(token: Token) -> bool:
    """A verb or a conjunction of Han characters inside a dated name's qualifier (防控, 和); a programme's cue
    verb (2021年平湖市开展“…”活动: 开展, programme_verbs.txt) says the place does something, no name."""
    return (
        token.tag_ in _DATED_QUALIFIER_TAGS
        and all(is_han(ch) for ch in token.text)
        and token.text not in word_list("programme_verbs.txt")
    )


_NOMINAL_NAME_TAGS = {"n", "nz", "nw", "vn", "j"}  # a name's words after its place: nouns only, no verb


def _opens_a_nominal_name(doc: Doc, end: int) -> bool:
    """nominal_name: 双林街/LOC 社区/n 书记工作室/n 揭牌 (n05), 平湖市 干部 培训班: a place followed by nouns only
    (the model's tags) up to a head word that ends a name on its own (a programme's, an event's, or a strong
    organisation head of org_suffixes.txt) opens that name, as a year-dated one does (dated_name). A verb or
    a function word ends the run: 平湖市 召开 …会议, 平湖市 的 培训班 open no name."""
    text = tokens.doc_text(doc)
    first = tokens.TokensByOffset(doc).get(end)
    if first is None:
        return False
    heads = _nominal_name_heads()
    for token in doc[first.i : first.i + _DATED_NAME_WORDS]:
        if token.tag_ not in _NOMINAL_NAME_TAGS:
            return False
        if longest_suffix(text[end : token.idx + len(token.text)], heads) is not None:
            return True
    return False


@cache
def _nominal_name_heads() -> tuple[str, ...]:
    table = word_table("org_suffixes.txt")
    strong = (w for w in word_list("org_suffixes.txt") if table[w] == "strong")
    return longest_first([*_dated_name_heads(), *strong])


_QUOTE_PAIRS = {"“": "”", "「": "」"}


@cache
def _quoted_name_heads() -> tuple[str, ...]:
    """Head words that make a quotation a name: a programme's type, an event's or a document's head. Not an
    honour's (萍乡市“…先进设区市”荣誉称号, 奖, 奖章): a place before an honour is its holder, not its owner."""
    words = {
        *word_list("programme_types.txt"),
        *word_list("event_words.txt"),
        *word_list("document_heads.txt"),
    }
    return longest_first(w for w in words if not w.endswith(_HONOUR_HEADS))


_HONOUR_HEADS = ("奖", "奖章", "奖状", "称号")


def _quoted_name_end(text: str, opening: int) -> int | None:
    """Where the name ends that a quotation opening at `opening` starts, or None when the quotation names
    nothing: its text ends in a head word (“…座谈会”), or a head word follows the closing quote
    (“百千万工程”, “十三五”规划纲要; 工程 inside the quotation counts as well)."""
    closing_mark = _QUOTE_PAIRS.get(text[opening : opening + 1])
    if closing_mark is None:
        return None
    closing = text.find(closing_mark, opening + 1, opening + 2 + _QUOTED_NAME_CHARS)
    if closing < 0 or "\n" in text[opening:closing]:
        return None
    heads = _quoted_name_heads()
    if longest_suffix(text[opening + 1 : closing], heads) is not None:
        return closing + 1
    after = match_word_at(text, closing + 1, heads)
    return None if after is None else closing + 1 + len(after)


def _quoted_name_at(text: str, pos: int) -> bool:
    """quoted_name_owner: 入选广东“百千万工程”首批…, 广西“十三五”规划纲要草案: a quoted name (a programme, an
    event, a document) starts right after the place, which is its owner prefix, not a place of its own."""
    return _quoted_name_end(text, pos) is not None


def _inside_quoted_name(text: str, start: int, end: int) -> bool:
    """quoted_name_inside: 办好“海外致公协会海南行暨海外投资与贸易座谈会”: the place stands inside a quoted
    name that ends in a head word."""
    line_start = text.rfind("\n", 0, start) + 1
    for opening in range(max(line_start, start - _QUOTED_NAME_CHARS), start):
        name_end = _quoted_name_end(text, opening)
        if (
            name_end is not None
            and end < name_end
            and text.find(_QUOTE_PAIRS[text[opening]], opening, start) < 0
        ):
            return True
    return False


# doc.user_data: (start, end) of places seen only inside names and of persons seen only inside doctrines
NAME_OWNER_PLACES_KEY = "name_owner_places"


# doc.user_data: (start, end) of a body written without its owner in a list that names the owner once
# (政府 of 省人大、政府、政协) → the name with the owner (省政府), for `extract.build_entities`
SHARED_OWNER_NAMES_KEY = "shared_owner_names"


@cache
def _shared_owner_pattern() -> re.Pattern[str]:
    bodies = "|".join(re.escape(b) for b in word_list("level_owned_bodies.txt"))
    return re.compile(f"([{_GOVERNED_LEVELS}])(委|{bodies})((?:、(?:{bodies}))+)")


def _shared_committee_heads(doc: Doc) -> list[CharSpan]:
    """shared_committee: 贯彻落实中央、浙江与四川省委、丽水与泸州市委关于…: a division's name joined by 与/和/及 to
    another's party committee of its own level (四川省委/ORG, 泸州市委/ORG) shares that head: 浙江 stands for
    浙江省委, 丽水 for 丽水市委 (as the corpus gold reads them). 浙江和四川省委组织部 (a department, not the
    committee) and a place the level does not fit (杭州与四川省委) are left to the model."""
    from cadregraph.pipeline.gazetteer import gazetteer

    found: list[CharSpan] = []
    words, tags = tokens.words(doc), tokens.tags(doc)
    for i in range(len(words) - 2):
        word, body = words[i], words[i + 2]
        if tags[i] not in {"LOC", "ns"} or words[i + 1] not in tokens.NAME_CONJUNCTIONS or tags[i + 2] != "ORG":
            continue
        if len(body) < 4 or body[-1] != "委" or body[-2] not in _GOVERNED_LEVELS:
            continue
        if gazetteer().by_name.get(word + body[-2]) and not word.endswith(body[-2]):
            start = tokens.token_starts(doc)[i]
            found.append((start, start + len(word), "Organization"))
    return found



def _shared_owner_bodies(doc: Doc) -> list[CharSpan]:
    """shared_owner: 明年省人大、政府、政协换届 (o07): a 、-list of a division's leadership bodies
    (level_owned_bodies.txt) with the level word written once before the first is one body of that level
    each (省人大, 省政府, 省政协). The level word must not end a word (城市政府 is no 市's), and no title
    may follow the last item (政协委员, 政府副秘书长: the chains read those). A division written before the
    level word (浙江省人大、政府、政协: the model's word 浙江省人大) owns them all: 浙江省政府, not the home's."""
    from cadregraph.pipeline.gazetteer import gazetteer
    from cadregraph.pipeline.lexicons import common_words

    text = tokens.doc_text(doc)
    found: list[CharSpan] = []
    names: dict[tuple[int, int], str] = {}
    word_starts: dict[int, int] = {}
    for match in _shared_owner_pattern().finditer(text):
        if not word_starts:  # built on the first match only: most pages have none
            word_starts = {i: t.idx for t in doc for i in range(t.idx, t.idx + len(t.text))}
        start = match.start()
        owner_start = word_starts.get(start, start)  # 浙江|省人大 in one word: the division is the owner
        if owner_start < start and not gazetteer().lookup(text[owner_start : start + 1]):
            owner_start = start  # 明年省人大: no division before the level word
        level = text[owner_start : start + 1]
        if start > 0 and owner_start == start and text[start - 1 : start + 1] in common_words():
            continue  # 城市政府、人大: the level character ends a word
        if _owns_name_at(text, match.end()) or text[match.end() : match.end() + 2] in ("委员", "代表"):
            continue
        found.append((owner_start, match.end(2), "Organization"))
        pos = match.start(3)
        for item in match.group(3).split("、")[1:]:
            pos += 1  # the 、
            names[(pos, pos + len(item))] = level + item
            found.append((pos, pos + len(item), "Organization"))
            pos += len(item)
    doc.user_data[SHARED_OWNER_NAMES_KEY] = names
    return found


def _persons_only_in_doctrines(doc: Doc, spans: list[CharSpan]) -> set[tuple[int, int]]:
    """person_only_in_doctrines: 学习贯彻习近平新时代中国特色社会主义思想: a person whose every mention opens
    the name of a doctrine is no person the article is about (gold convention); one mention elsewhere
    (习近平总书记) keeps them all. The spans stay entities, without a mention, as places inside names do."""
    text = tokens.doc_text(doc)
    heads = word_list("doctrine_heads.txt")
    inside: dict[str, bool] = {}
    for start, end, label in spans:
        if label == "Person":
            name = text[start:end]
            inside[name] = inside.get(name, True) and match_word_at(text, end, heads) is not None
    return {(s, e) for s, e, label in spans if label == "Person" and inside[text[s:e]]}


def _places_only_in_names(doc: Doc, spans: list[CharSpan], owning: frozenset[str]) -> set[tuple[int, int]]:
    """place_only_in_names: 任河北省委书记, 福建民盟: a place whose every mention in the document is the
    owner part of a body's name names no place the article is about (gold convention, tests/gold/README.md);
    one mention standing alone keeps them all. Before a title it names the place of the post
    (任命…为湖北省副省长, 小垭村第一书记) and stays, as news NER tags it. So is a place that opens
    another name (辽宁省|第十四届人民代表大会, 盘州市|淤泥乡|岩博联村党委: a name starts where it ends, maybe
    after more places), an honour's (表彰天津市红桥区|优秀共产党员: a word of commendation follows), is the
    attribute of what follows (place_attribute: 中国式现代化福建实践, place_attribute_heads.txt) or stands
    inside a 《》 title (《铁岭市城市机动车停车管理条例》) or an unquoted one (关于济南市…规划纲要的决议), or opens
    a dated name the programme rules may have missed (2016年度吉林省新一轮村干部培训), or a name of nouns only up to a
    head word (双林街|社区书记工作室, nominal_name); `owning`: the labels of the names that may
    follow (Organization, Programme, Event). The spans stay
    entities (the title chains read 湖北省 of 湖北省委 as the committee's place); `kg extract` gives them
    no mention, as an implied entity."""
    from cadregraph.pipeline.canonical import canonical_place

    text = tokens.doc_text(doc)
    home = doc.user_data.get(HOME_KEY)
    following = {start: (end, label) for start, end, label in spans}

    def opens_a_name(end: int) -> bool:
        while end in following and following[end][1] == "Place":
            end = following[end][0]  # 盘州市淤泥乡…: the next place continues the address of the name
        return (
            _body_owns_name_at(text, end)
            or following.get(end, (0, ""))[1] in owning
            or match_word_at(text, end, word_list("honour_words.txt")) is not None  # 红桥区|优秀共产党员
            or _quoted_name_at(text, end)  # 广东|“百千万工程”
            or match_word_at(text, end, word_list("place_attribute_heads.txt")) is not None  # 中国|式现代化
            or TERM.match(text, end) is not None  # 辽宁省|第十四届人民代表|(line wrap)大会
        )

    places_ending = {end for _, end, label in spans if label == "Place"}
    owned: dict[str, bool] = {}
    for start, end, label in spans:
        if label == "Place":
            name = canonical_place(text[start:end], home)[0]
            # listed_place_item: 精武镇、津门湖街|优秀治理案例 (t07): the last item of a 、-list of places is one
            # of the places the list names, as the items before it are; what follows is said of them all
            listed = start > 0 and text[start - 1] == "、" and start - 1 in places_ending
            inside = not listed and (
                opens_a_name(end)
                or _opens_a_dated_name(doc, start, end)
                or _opens_a_nominal_name(doc, end)
                or _inside_book_title(text, start, end)
                or _inside_about_title(text, start, end)
                or _inside_quoted_name(text, start, end)
            )
            owned[name] = owned.get(name, True) and inside
    return {
        (start, end)
        for start, end, label in spans
        if label == "Place" and owned[canonical_place(text[start:end], home)[0]]
    }


# spaCy's own NER labels (OntoNotes) mapped to ours, for the spaCy-model and pkuseg backends.
SPACY_ENTITY_LABELS = {
    "PERSON": "Person",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "ORG": "Organization",
}


@Language.component("cadre_spacy_ner_candidates")
def spacy_ner_candidates(doc: Doc) -> Doc:
    """A spaCy model's entities become candidates, as LAC's do; a pipeline without NER gives none."""
    _set_candidates(
        doc,
        [
            Span(doc, ent.start, ent.end, label=SPACY_ENTITY_LABELS[ent.label_])
            for ent in doc.ents
            if ent.label_ in SPACY_ENTITY_LABELS
        ],
    )
    doc.ents = []
    return doc
