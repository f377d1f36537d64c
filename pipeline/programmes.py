"""Programme names read as noun phrases over the backend's POS tags.

A programme name is the longest noun phrase that ends in a programme head word (培训班, 行动, 工程, 奖章…):
walking left from the head over nominal words, quoted names, 、-joined qualifiers, ordinals and a year or
an owner (2021年中青年干部、二级机构负责人培训班; 项目建设“百日攻坚”行动). Cutting at the first
unknown word lost those prefixes. The shorter forms the text also uses (the name without its year or
owner, the quoted core with its head) are kept as aliases, so that later mentions find the same programme.
A phrase whose modifiers are all generic (技能比武, 重大项目, 工作机制) names no programme.
The tunables live in pipeline/data/programmes/phrase.toml and pipeline/data/lexicons/.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from cadregraph.pipeline import tokens
from cadregraph.pipeline.events import CLAUSE_BREAK
from cadregraph.pipeline.figures import parse_chinese_number
from cadregraph.pipeline.gazetteer import gazetteer
from cadregraph.pipeline.lexicons import common_words, longest_prefix, longest_suffix, word_list, word_table
from cadregraph.pipeline.places_addresses import LEVEL_CHARS
from cadregraph.pipeline.resources import checked_toml
from cadregraph.schemas.text_units import HAN, is_han

ALIASES_KEY = "programme_aliases"  # doc.user_data: {(start_char, end_char): (alias, ...)}
OPENING_QUOTES = "“「『‘"
CLOSING_QUOTES = "”」』’"
_PAIR = {"”": "“", "」": "「", "』": "『", "’": "‘"}
# Characters that open a clause, never a name (是创新学堂 → 创新学堂); as in components.py.
_FUNCTION_CHARS = set("是在的和与及对把被为从向于将并或")
# Tags of a name's owner or date, which a shorter alias leaves out (复旦大学党校第20期青年干部培训班).
_OWNER_TAGS = tokens.NAMED_TAGS
# One-character locatives LAC may cut off the name word after them (中|青年干部培训班).
_LOCATIVES = {"中"}
_PLACE_TAGS = {"LOC", "ns"}


@dataclass(frozen=True)
class PhraseRules:
    """phrase.toml, typed."""

    max_chars: int
    name_tags: frozenset[str]
    verb_tags: frozenset[str]
    clause_adverb_tags: frozenset[str]
    name_adverbs: frozenset[str]
    activity_tags: frozenset[str]
    time_locatives: frozenset[str]
    max_verbs: int
    compound_verbs: frozenset[str]
    max_quoted_chars: int
    min_quoted_opening_chars: int
    max_joined: int
    min_joined_chars: int
    joiners: frozenset[str]
    name_conjunctions: frozenset[str]
    noun_conjunctions: frozenset[str]
    max_conjoined: int
    type_word_chars: int
    conjoined_heads: tuple[str, ...]
    document_words: tuple[str, ...]
    open_brackets: frozenset[str]
    close_brackets: frozenset[str]
    max_bracket_chars: int
    time_in_name: tuple[re.Pattern[str], ...]
    anniversary: re.Pattern[str]
    founding_verbs: frozenset[str]
    years: tuple[re.Pattern[str], ...]
    numeric_years: tuple[re.Pattern[str], ...]
    dated_heads: frozenset[str]
    numbers_in_name: tuple[re.Pattern[str], ...]
    ordinals: tuple[re.Pattern[str], ...]
    terms: frozenset[str]
    range_links: frozenset[str]
    place_links: frozenset[str]
    leading: frozenset[str]
    scopes: frozenset[str]
    scoped_leading: tuple[str, ...]
    level_compound_chars: frozenset[str]
    name_links: tuple[str, ...]
    min_tail_chars: int
    complements: frozenset[str]
    generic_patterns: tuple[re.Pattern[str], ...]
    verb_head_tags: frozenset[str]
    descriptive_tags: frozenset[str]
    honour_list_closers: tuple[str, ...]
    commend_cues: tuple[str, ...]
    commend_closers: tuple[str, ...]
    commend_joiners: tuple[str, ...]
    longer_words: tuple[str, ...]
    holder_suffixes: frozenset[str]
    modifier_tails: tuple[str, ...]
    verbless_heads: frozenset[str]
    batched_heads: frozenset[str]
    batch_ordinal: re.Pattern[str]
    serving_heads: tuple[str, ...]
    qualified_quoted_heads: frozenset[str]
    leading_counts: tuple[re.Pattern[str], ...]
    holder_counts: re.Pattern[str]
    holder_list_ends: frozenset[str]
    conjunctions: frozenset[str]
    class_kinds: tuple[str, ...]
    class_core_min_chars: int
    formula_heads: tuple[str, ...]
    formula_links: tuple[str, ...]
    formula_max_chars: int
    formula_stop_tags: frozenset[str]
    indefinite: tuple[re.Pattern[str], ...]
    numbered_heads: frozenset[str]
    drafting_verbs: frozenset[str]
    drafted_heads: frozenset[str]
    class_ordinals: tuple[re.Pattern[str], ...]
    unquoted_heads: dict[str, int]
    region_heads: frozenset[str]
    region_words: tuple[str, ...]
    topic_meetings: tuple[str, ...]
    topic_work_words: tuple[str, ...]
    topic_activities: tuple[str, ...]
    topic_min_chars: int
    study_topic: re.Pattern[str]
    plan_period: re.Pattern[str]
    plan_documents: tuple[str, ...]
    plan_heads: tuple[str, ...]
    plan_min_core_chars: int
    plan_clause_marks: tuple[str, ...]
    cooperation_name: re.Pattern[str]


@cache
def phrase_rules() -> PhraseRules:
    with checked_toml("programmes", "phrase.toml") as raw:
        phrase, time, numbers = raw["phrase"], raw["time"], raw["numbers"]
        return PhraseRules(
            max_chars=int(phrase["max_chars"]),
            name_tags=frozenset(phrase["name_tags"]),
            verb_tags=frozenset(phrase["verb_tags"]),
            clause_adverb_tags=frozenset(phrase["clause_adverb_tags"]),
            name_adverbs=frozenset(phrase["name_adverbs"]),
            activity_tags=frozenset(phrase["activity_tags"]),
            time_locatives=frozenset(phrase["time_locatives"]),
            max_verbs=int(phrase["max_verbs"]),
            compound_verbs=frozenset(phrase["compound_verbs"]),
            max_quoted_chars=int(phrase["max_quoted_chars"]),
            min_quoted_opening_chars=int(phrase["min_quoted_opening_chars"]),
            max_joined=int(phrase["max_joined"]),
            min_joined_chars=int(phrase["min_joined_chars"]),
            joiners=frozenset(phrase["joiners"]),
            name_conjunctions=frozenset(phrase["name_conjunctions"]),
            noun_conjunctions=frozenset(phrase["noun_conjunctions"]),
            max_conjoined=int(phrase["max_conjoined"]),
            type_word_chars=int(phrase["type_word_chars"]),
            conjoined_heads=tuple(phrase["conjoined_heads"]),
            # the words that end a document in running text: lexicons/document_heads.txt less the laws' heads
            document_words=tuple(w for w, kind in word_table("document_heads.txt").items() if kind != "law"),
            open_brackets=frozenset(phrase["open_brackets"]),
            close_brackets=frozenset(phrase["close_brackets"]),
            max_bracket_chars=int(phrase["max_bracket_chars"]),
            **_time_rules(time, numbers, phrase),
            **_trim_rules(raw),
        )


def _time_rules(time: Mapping[str, Any], numbers: Mapping[str, Any], phrase: Mapping[str, Any]) -> dict[str, Any]:
    """The years, times and numbers a name may hold (phrase.toml [time] and [numbers])."""
    return {
        "time_in_name": tuple(re.compile(p) for p in [*time["in_name"], time["anniversary"]]),
        "anniversary": re.compile(time["anniversary"]),
        "founding_verbs": frozenset(time["founding_verbs"]),
        "years": tuple(re.compile(p) for p in time["year"]),
        "numeric_years": tuple(re.compile(p) for p in time["numeric_years"]),
        "plan_period": re.compile(time["plan_period"]),
        "dated_heads": frozenset(time["dated_heads"]),
        "numbers_in_name": tuple(re.compile(p) for p in numbers["in_name"] + numbers["ordinals"]),
        "ordinals": tuple(re.compile(p) for p in numbers["ordinals"]),
        "terms": frozenset(time["terms"]),
        "range_links": frozenset([*time["range_links"], *phrase["dashes"]]),
        "place_links": frozenset(phrase["dashes"]),
    }


def _trim_rules(raw: Mapping[str, Any]) -> dict[str, Any]:
    """What trims a walked phrase and the span families built on it (phrase.toml [trim] and after)."""
    numbers = raw["numbers"]
    return {
        "leading": frozenset([*raw["trim"]["leading"], *raw["trim"]["scoped_leading"]]),
        "scopes": frozenset(raw["trim"]["scopes"]),
        "scoped_leading": tuple(raw["trim"]["scoped_leading"]),
        "level_compound_chars": LEVEL_CHARS | frozenset(raw["trim"]["level_compound_ranks"]),
        "name_links": tuple(raw["trim"]["name_links"]),
        "min_tail_chars": int(raw["trim"]["min_tail_chars"]),
        "complements": frozenset(raw["trim"]["complements"]),
        "generic_patterns": tuple(re.compile(p) for p in raw["generic"]["patterns"]),
        "verb_head_tags": frozenset(raw["generic"]["verb_head_tags"]),
        "descriptive_tags": frozenset(raw["generic"]["descriptive_tags"]),
        "honour_list_closers": tuple(sorted(raw["honours"]["list_closers"], key=len, reverse=True)),
        "commend_cues": tuple(raw["honours"]["commend_cues"]),
        "commend_closers": tuple(raw["honours"]["commend_closers"]),
        "commend_joiners": tuple(raw["honours"]["commend_joiners"]),
        "longer_words": tuple(raw["trim"]["longer_words"]),
        "holder_suffixes": frozenset(raw["trim"]["holder_suffixes"]),
        "modifier_tails": tuple(raw["trim"]["modifier_tails"]),
        "verbless_heads": frozenset(raw["trim"]["verbless_heads"]),
        "batched_heads": frozenset(numbers["batched_heads"]),
        "batch_ordinal": re.compile(numbers["batch_ordinal"]),
        "serving_heads": tuple(raw["trim"]["serving_heads"]),
        "qualified_quoted_heads": frozenset(raw["trim"]["qualified_quoted_heads"]),
        "leading_counts": tuple(re.compile(p) for p in raw["trim"]["leading_counts"]),
        "holder_counts": re.compile(raw["trim"]["holder_counts"]),
        "holder_list_ends": frozenset(raw["trim"]["holder_list_ends"]),
        "conjunctions": frozenset(raw["trim"]["conjunctions"]),
        "class_kinds": tuple(sorted(raw["trim"]["class_kinds"], key=len, reverse=True)),
        "class_core_min_chars": int(raw["trim"]["class_core_min_chars"]),
        "formula_heads": tuple(raw["formula"]["heads"]),
        "formula_links": tuple(raw["formula"]["links"]),
        "formula_max_chars": int(raw["formula"]["max_chars"]),
        "formula_stop_tags": frozenset(raw["formula"]["stop_tags"]),
        "indefinite": tuple(re.compile(p) for p in numbers["indefinite"]),
        "numbered_heads": frozenset(numbers["numbered_heads"]),
        "drafting_verbs": frozenset(raw["drafted"]["verbs"]),
        "drafted_heads": frozenset(raw["drafted"]["heads"]),
        "class_ordinals": tuple(re.compile(p) for p in numbers["class_ordinals"]),
        "unquoted_heads": {k: int(v) for k, v in raw["unquoted"]["heads"].items()},
        "region_heads": frozenset(raw["unquoted"]["region_heads"]),
        "region_words": tuple(raw["unquoted"]["region_words"]),
        "topic_meetings": tuple(raw["event_topic"]["meetings"]),
        "topic_work_words": tuple(raw["event_topic"]["work_words"]),
        "topic_activities": tuple(raw["event_topic"]["activities"]),
        "topic_min_chars": int(raw["event_topic"]["min_chars"]),
        "study_topic": _study_pattern(raw["study"]),
        "plan_documents": tuple(sorted(raw["plans"]["documents"], key=len, reverse=True)),
        "plan_heads": tuple(raw["plans"]["heads"]),
        "plan_min_core_chars": int(raw["plans"]["min_core_chars"]),
        "plan_clause_marks": tuple(raw["plans"]["clause_marks"]),
        "cooperation_name": _cooperation_pattern(raw["cooperation"]),
    }


def _cooperation_pattern(rules: dict[str, Any]) -> re.Pattern[str]:
    """phrase.toml [cooperation] as one pattern: a region or two different provinces, then the head."""
    partners = rules["partners"]
    regions = "|".join(re.escape(r) for r in rules["regions"])
    heads = "|".join(re.escape(h) for h in sorted(rules["heads"], key=len, reverse=True))
    return re.compile(f"(?:{regions}|([{partners}])(?!\\1)[{partners}])(?:{heads})")


def _study_pattern(study: dict[str, Any]) -> re.Pattern[str]:
    """学习贯彻…精神 up to where the name's walk starts (phrase.toml [study])."""
    verbs = "|".join(re.escape(v) for v in sorted(study["verbs"], key=len, reverse=True))
    ends = "|".join(re.escape(e) for e in study["topic_ends"])
    topic = rf"[^,，。;；:：!！?？\n“”《》、]{{2,{int(study['max_topic_chars'])}}}?"
    return re.compile(f"(?:{verbs}){topic}(?:{ends})")


@cache
def generic_modifiers() -> frozenset[str]:
    """The listed generic modifiers and the modifier of every stop-listed compound (长效 of 长效机制)."""
    types = word_list("programme_types.txt")
    derived = set()
    for compound in word_list("programme_stoplist.txt"):
        head = longest_suffix(compound, types)
        if head and len(compound) > len(head):
            derived.add(compound[: -len(head)])
    return frozenset(word_list("programme_generic_modifiers.txt")) | derived


@dataclass(frozen=True)
class Phrase:
    """A programme name found by the walk: its characters, and where the part after year/owner starts."""

    start: int
    end: int
    core_start: int
    words: tuple[Token, ...]  # the words before the head word, left to right


def _word_allowed(token: Token, rules: PhraseRules) -> bool:
    if token.tag_ in rules.name_tags:
        return True
    if token.tag_ == "TIME":
        return any(p.match(token.text) for p in rules.time_in_name)
    if token.tag_ == "m":
        return any(p.match(token.text) for p in rules.numbers_in_name) or _is_year(token, rules)
    return False


def _opens_name(token: Token, rules: PhraseRules) -> bool:
    """An owner (复旦大学党校) or a year (2021年) may open a name before its ordinal (第20期)."""
    return (
        token.tag_ in _OWNER_TAGS
        or token.text in rules.close_brackets
        or _is_year(token, rules)
    )


def _quote_opening(doc: Doc, close: int, rules: PhraseRules) -> int | None:
    """Index of the token opening the quote closed at doc[close], when the quoted part can be a name."""
    wanted = _PAIR.get(doc[close].text)
    chars = 0
    index = close - 1
    while index >= 0 and chars <= rules.max_quoted_chars:
        token = doc[index]
        if token.text == wanted:
            return index if chars > 0 else None
        if CLAUSE_BREAK.search(token.text) or token.text in CLOSING_QUOTES:
            return None
        chars += len(token.text)
        index -= 1
    return None


def _bracket_opening(doc: Doc, close: int, rules: PhraseRules) -> int | None:
    """中央党校(国家行政学院)中青年干部培训班: a short bracket after a name word stays inside."""
    index = close - 1
    chars = 0
    while index > 0 and chars <= rules.max_bracket_chars:
        token = doc[index]
        if token.text in rules.open_brackets:
            if chars > 0 and doc[index - 1].tag_ in rules.name_tags:
                return index
            return None
        if CLAUSE_BREAK.search(token.text):
            return None
        chars += len(token.text)
        index -= 1
    return None


@dataclass
class _Walk:
    """The state of one walk left from a head word: the words taken (right to left) and the counts that
    bound the phrase (characters, verbs, joiners, conjunctions)."""

    doc: Doc
    last: int
    budget: int
    stops: set[str]
    allowed_verbs: int
    barrier: str | None
    heads: tuple[str, ...]
    trains: bool  # a class's head: its name lists the groups trained
    index: int
    taken: list[Token] = field(default_factory=list)
    chars: int = 0
    verbs: int = 0
    joined: int = 0
    conjoined: int = 0
    ordinal_taken: bool = False
    quoted: bool = False

    def take(self, token: Token) -> None:
        self.taken.append(token)
        self.chars += len(token.text)
        self.index -= 1


def walk_left(
    doc: Doc,
    last: int,
    budget: int,
    stop_words: Iterable[str] = (),
    verbs_allowed: int | None = None,
    barrier: str | None = None,
    heads: tuple[str, ...] = (),
) -> list[Token]:
    """The words of the phrase ending at doc[last] (inclusive), left to right.

    Verbs may stand inside (铁军打造工程) but never open the name; a determiner or the paper's own
    division word before it is left out (全市…, 我县…); so is a word ending in the same head word
    (百亿项目长城汽车项目 holds two projects)."""
    rules = phrase_rules()
    walk = _Walk(
        doc=doc,
        last=last,
        budget=budget,
        stops=set(stop_words),
        allowed_verbs=rules.max_verbs if verbs_allowed is None else verbs_allowed,
        barrier=barrier,
        heads=heads,
        trains=(barrier or "").endswith(rules.conjoined_heads),
        index=last,
    )
    while walk.index >= 0 and _walk_step(walk, rules):
        pass
    words = list(reversed(walk.taken))
    return _trim_left(words, rules, walk.trains)


def _walk_step(walk: _Walk, rules: PhraseRules) -> bool:
    """Take the word at walk.index (or the quote or bracket it closes) into the phrase; False ends the walk."""
    doc, index = walk.doc, walk.index
    token = doc[index]
    text = token.text
    if _walk_stops_at(walk, token, rules):
        return False
    if (
        (text in rules.name_conjunctions or text in rules.noun_conjunctions and _between_nouns(doc, index, walk.taken))
        and walk.conjoined < rules.max_conjoined
        and walk.trains
        and _joins_parts(doc, index, walk.taken, rules, walk.heads)
    ):
        walk.conjoined += 1  # 党员教育和远程教育骨干队伍培训班: the conjunction joins parts of the name
        walk.take(token)
        return True
    if _walk_closes_at(walk, token, rules):
        return False
    if text in CLOSING_QUOTES or text in rules.close_brackets:
        return _take_enclosed(walk, token, rules)
    if _links_years(doc, index, walk.taken, rules) or _pairs_places(doc, index, walk.taken, rules):
        # 2014|-|2016年度…: inside the name's span of years; 莲都|-|叙永2021年…: the paired owners
        walk.take(token)
        return True
    if text in rules.joiners:
        if walk.joined >= rules.max_joined or not _joins_qualifiers(
            doc, index, walk.taken, rules, walk.heads, walk.trains
        ):
            return False
        walk.joined += 1
        walk.take(token)
        return True
    return _take_word(walk, token, rules)


def _walk_stops_at(walk: _Walk, token: Token, rules: PhraseRules) -> bool:
    """A word that opens a phrase of its own, a stop word, or the end of the budget ends the walk."""
    text = token.text
    if walk.taken and _opens_phrase(token, walk.taken, rules):
        return True
    compound = text in rules.compound_verbs and (
        (
            all(t.tag_ in {"TIME", "m"} for t in walk.taken)  # right before the head, or before 三年 there
            and _after_noun(walk.doc, walk.index)
        )
        or (walk.trains and _after_scope(walk.doc, walk.index, rules))
    )
    return (
        text in walk.stops and not compound and not _founding(walk.taken, rules) and not _nominal_stop(walk.doc, walk.index)
    ) or walk.chars + len(text) > walk.budget


def _nominal_stop(doc: Doc, index: int) -> bool:
    """南京市委基层|组织/n|负责人培训班 (zy06): a stop verb the model reads as a noun right after a noun is the
    compound's head (基层组织, grass-roots organisations), no verb that opens a clause; 组织/v 开展 still stops."""
    return doc[index].tag_ == "n" and _after_noun(doc, index)


def _after_scope(doc: Doc, index: int, rules: PhraseRules) -> bool:
    """全省|提升生态环境保护能力研讨班, 全市|选派干部挂职工作培训班: a scope word (全省, 全市: phrase.toml scopes and
    the 全 words of scoped_leading) right before the verb opens a class's name, and the verb is the name's own."""
    if index == 0:
        return False
    before = doc[index - 1].text
    return before in rules.scopes or (before in rules.scoped_leading and len(before) > 1)


def _walk_closes_at(walk: _Walk, token: Token, rules: PhraseRules) -> bool:
    """A function word, the barrier's head word, or an owner before a quoted name closes the phrase."""
    text = token.text
    if all(ch in _FUNCTION_CHARS for ch in text):
        return True  # 创新学堂是平湖铁军打造工程: a function word ends the phrase
    if walk.barrier and walk.index < walk.last and text.endswith(walk.barrier) and token.tag_ not in {"w"}:
        return True
    if (
        walk.quoted
        and token.tag_ in _OWNER_TAGS | {"PER"}
        and token.text not in word_list("award_levels.txt")
        and not (walk.trains and token.tag_ in _OWNER_TAGS)
    ):
        # 驻当湖街道“筑巢行动”项目: a place or body before a quoted name stays its own entity; a class's
        # owner opens its name (虹口“菁英100”青年英才研修营)
        return True
    if walk.taken and walk.taken[-1].text in OPENING_QUOTES and walk.heads and longest_suffix(text, walk.heads):
        return True  # 认领了重点项目“跳动三原色”街区点亮行动: a word ending in a type word names a kind of its own
    # 汇聚“强磁场” 虹口“菁英100”…研修营: the owner opened the class's name
    return text in CLOSING_QUOTES and walk.quoted and walk.taken[-1].tag_ in _OWNER_TAGS


def _take_enclosed(walk: _Walk, token: Token, rules: PhraseRules) -> bool:
    """A quoted name, or a bracketed note, taken whole; False when it does not open in reach."""
    doc, index = walk.doc, walk.index
    is_quote = token.text in CLOSING_QUOTES  # a quoted name, or a bracketed note taken whole
    opening = _quote_opening(doc, index, rules) if is_quote else _bracket_opening(doc, index, rules)
    if opening is None or walk.chars + len(doc[opening : index + 1].text) > walk.budget:
        return False
    walk.quoted = walk.quoted or is_quote
    walk.taken.extend(reversed(doc[opening : index + 1]))
    walk.chars += len(doc[opening : index + 1].text)
    walk.index = opening - 1
    return True


def _take_word(walk: _Walk, token: Token, rules: PhraseRules) -> bool:
    """A name word, or a verb inside the name (within the verbs allowed); False when it opens a clause."""
    doc, index, text = walk.doc, walk.index, token.text
    if walk.ordinal_taken and not _opens_name(token, rules):
        return False  # 30名同志第27届“中国青年五四奖章”: only an owner or a year stands before an ordinal
    if not _word_allowed(token, rules) and not (walk.taken and _fused_locative(token, [token, walk.taken[-1]])):
        # 新进人员培训班: 新 counts as no verb in a class's name, nor against the verbs allowed (第72期省直机关
        # 新录用公务员初任培训班: 录用 and 初任 are the two)
        free = walk.trains and text in rules.name_adverbs
        if token.tag_ not in rules.verb_tags or (walk.verbs >= walk.allowed_verbs and not free) or walk.quoted:
            return False  # …汇报“百日攻坚”行动: what qualifies a quoted name is nominal, a verb opens a clause
        if _verb_opens_clause(doc, index, walk.taken, rules, walk.trains):
            return False
        walk.verbs += not free
    # …村干部培训第一期班: an ordinal right before the head word numbers the class of a longer name
    numbered = index == walk.last and index + 1 < len(doc) and doc[index + 1].text in rules.numbered_heads
    walk.ordinal_taken = walk.ordinal_taken or (
        not numbered and token.tag_ == "m" and any(p.match(text) for p in rules.ordinals)
    )
    walk.take(token)
    return True


def _founding(taken: list[Token], rules: PhraseRules) -> bool:
    """新中国成立|60周年纪念章: a verb right before the anniversary a name counts is the founding it counts from."""
    return bool(taken) and rules.anniversary.match(taken[-1].text) is not None


def _opens_phrase(token: Token, taken: list[Token], rules: PhraseRules) -> bool:
    """The words taken (right to left) open the noun phrase, so token is none of it: a determiner (承担|全市…),
    or a scope that only a year may stand before (承担陕西省委组织部|全省乡镇党委书记、…工程, 2018年全国…)."""
    if len(taken[-1].text) > 1 and taken[-1].text in rules.leading:
        return True
    return any(t.text in rules.scopes and not _conjoined_part(t, rules) for t in taken) and not _is_year(token, rules)


def _conjoined_part(token: Token, rules: PhraseRules) -> bool:
    """党外全国及省人大代表培训班: a scope joined to the next part by a conjunction is one of the name's parts."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text in rules.name_conjunctions


def _verb_opens_clause(doc: Doc, index: int, taken: list[Token], rules: PhraseRules, trains: bool = False) -> bool:
    """The verb at doc[index] is no part of the name the walk has taken (taken: right to left); before a class's
    head (trains) a verb after 新 names the group trained (新进人员培训班)."""
    if doc[index].tag_ == "f" and not (taken and _word_allowed(taken[-1], rules)) and not _time_compound(doc, index):
        return True  # 演讲中获一等奖: a locative before a verb closes a clause
    if index > 0 and _subject(doc[index - 1]):
        return True  # 主委侯茂丰出席培训班, 平山镇开办党员夜校: a person or place before a verb is its subject
    adverbs = rules.clause_adverb_tags
    before = doc[index - 1] if index > 0 else None
    if before is not None and doc[index].tag_ not in adverbs and before.tag_ in adverbs:
        # 要严格执行值班制度: a verb after an adverb is the clause's predicate; not after 新 (新进人员培训班)
        return not (trains and before.text in rules.name_adverbs)
    # 承担陕西省委组织部全省…工程: a body after a verb is its object and opens the name
    return bool(taken) and taken[-1].tag_ in {"ORG", "nt"}


def _time_compound(doc: Doc, index: int) -> bool:
    """灾|后|重建村党支部书记示范培训班: a one-character locative of time after a one-character noun makes one
    word with it (灾后, 战后, 会后), which qualifies the verb after it; no clause opens there."""
    token = doc[index]
    before = doc[index - 1] if index > 0 else None
    return (
        token.text in phrase_rules().time_locatives
        and before is not None
        and before.tag_ == "n"
        and len(before.text) == 1
    )


def _subject(token: Token) -> bool:
    """A person's name, or a place written with its level word (平山镇, not 海南 of 海南|致公党员…, which LAC
    cut as a verb): a clause's subject, when a verb follows it."""
    return token.tag_ == "PER" or (token.tag_ in _PLACE_TAGS and token.text[-1] in LEVEL_CHARS)


def _links_years(doc: Doc, index: int, taken: list[Token], rules: PhraseRules) -> bool:
    """doc[index] is a range link (phrase.toml range_links and dashes) between two years of the phrase."""
    return (
        doc[index].text in rules.range_links
        and bool(taken)
        and _is_year(taken[-1], rules)
        and index > 0
        and _is_year(doc[index - 1], rules)
    )


def _pairs_places(doc: Doc, index: int, taken: list[Token], rules: PhraseRules) -> bool:
    """doc[index] is a dash between two owners, a place first (phrase.toml dashes): the paired owners of a
    programme of cooperation (莲都-叙永2021年东西部协作…培训班, 中國-東盟經貿記者研修班)."""
    return (
        doc[index].text in rules.place_links
        and bool(taken)
        and taken[-1].tag_ in _OWNER_TAGS
        and index > 0
        and doc[index - 1].tag_ in _PLACE_TAGS
    )


def _after_noun(doc: Doc, index: int) -> bool:
    """doc[index] follows a noun, or a one-character degree adjective after one (环境整治大|提升行动:
    大 marks the campaign's scale, the verb still closes the nominal compound)."""
    before = doc[index - 1] if index > 0 else None
    if before is not None and before.tag_ == "a" and len(before.text) == 1 and index > 1:
        before = doc[index - 2]
    return before is not None and before.tag_ in {"n", "vn", "nz"}


def _joins_qualifiers(
    doc: Doc, index: int, taken: list[Token], rules: PhraseRules, heads: tuple[str, ...], trains: bool = False
) -> bool:
    """青年干部、新任职干部培训班: the 、 at doc[index] joins qualifiers of one name when a name word stands on
    both sides of it."""
    if (
        not taken
        or index == 0
        or taken[-1].text in rules.joiners
        or not (
            _word_allowed(taken[-1], rules)
            or taken[-1].text in OPENING_QUOTES
            or (trains and taken[-1].text in rules.name_adverbs)  # 直属单位、新进人员培训班
        )
    ):
        return False  # 建立台账、列出行动时间表: a part opening with a verb is another clause
    if _is_year(taken[-1], rules):
        return False  # …奖章获得者、2017年上海市五一劳动奖状: a part opening with its own year is a list's item
    before = doc[index - 1]
    if not (_word_allowed(before, rules) or before.text in CLOSING_QUOTES):
        return False
    # 青年干部论坛、无领导小组讨论、破难比拼赛, 全国先进基层党组织、全国创先争优先进基层党组织: a list of
    # programmes, not one (the type word may span LAC's words: 先进|基层|党组织)
    if _ends_in_type_word(doc, index, heads, rules):
        return False
    if before.text.endswith(rules.document_words):
        return False  # 印发…工作任务清单、“农村家庭能人”培养计划: a document before the 、 is a list's item
    if longest_suffix(before.text, word_list("titles.txt")) and not (
        _names_holders(taken, rules) or (trains and _names_group(taken, rules))
    ):
        return False  # 组织部长、市铁军打造工程: a chain of titles, not qualifiers
    if before.tag_ in _PLACE_TAGS and taken[-1].tag_ in _PLACE_TAGS:
        return True  # 帮扶临县、岚县乡村振兴干部能力提升研学班: places joined as the name's owners
    # 海宁市委统战部、市工商联计划出台…: a list of bodies is a subject, not a qualifier
    return before.tag_ not in {"ORG", "LOC", "PER", "nt", "ns"}


def _between_nouns(doc: Doc, index: int, taken: list[Token]) -> bool:
    """The words on both sides of doc[index] are common nouns (理论/n 与 技能/n)."""
    return bool(taken) and index > 0 and doc[index - 1].tag_ == "n" and taken[-1].tag_ == "n"


def _joins_parts(doc: Doc, index: int, taken: list[Token], rules: PhraseRules, heads: tuple[str, ...]) -> bool:
    """The conjunction at doc[index] joins two parts of one name (phrase.toml name_conjunctions): a name word on
    both sides, neither a person nor a body (places joined as owners excepted), none ending in a type word."""
    if not taken or index == 0:
        return False
    after, before = taken[-1], doc[index - 1]
    if after.text in rules.joiners or _is_year(after, rules):
        return False
    if not (_word_allowed(after, rules) or after.tag_ in rules.verb_tags):
        return False  # 暨中层/f 干部培训班: the walk took the part's first word as a name word or a verb
    if not _word_allowed(before, rules) or "PER" in {before.tag_, after.tag_}:
        return False
    if (before.tag_ in _OWNER_TAGS or after.tag_ in _OWNER_TAGS) and not (
        before.tag_ in _PLACE_TAGS and after.tag_ in _PLACE_TAGS
    ):
        return False  # 县委组织部和县委党校…: bodies joined are a clause's subjects
    if longest_suffix(_written_before(doc, index, rules), word_list("event_words.txt")):
        return False  # 揭牌仪式暨第一期培训班, 建设推进|会暨…培训班 (LAC's words): an event and a class
    if before.tag_ in rules.activity_tags and after.text in rules.name_adverbs:
        return False  # 加强理论学习和新进人员培训班建设: an activity and a group newly taken in are two objects
    return not _ends_in_type_word(doc, index, heads, rules)


def _ends_in_type_word(doc: Doc, index: int, heads: tuple[str, ...], rules: PhraseRules) -> bool:
    """The word before doc[index], or the text written before it (phrase.toml type_word_chars: the type word
    may span LAC's words, 先进|基层|党组织), ends in a type word: a name ends there."""
    before = doc[index - 1]
    written = _written_before(doc, index, rules)
    return bool(heads) and bool(longest_suffix(before.text, heads) or longest_suffix(written, heads))


def _written_before(doc: Doc, index: int, rules: PhraseRules) -> str:
    """The text written right before doc[index], as far as a type or event word may span LAC's words
    (phrase.toml type_word_chars)."""
    return tokens.doc_text(doc)[max(0, doc[index].idx - rules.type_word_chars) : doc[index].idx]


def _names_holders(taken: list[Token], rules: PhraseRules) -> bool:
    """乡镇党委书记、乡镇长轮训工程: the part after the 、 (taken holds it right to left) opens with a title too,
    so the 、 joins the kinds of holders a class trains; after 组织部长、 an owner opens a name of its own."""
    part = ""
    for token in reversed(taken):
        if token.text in rules.joiners:
            break
        part += token.text
        if longest_suffix(part, word_list("titles.txt")):
            return True
    return False


def _names_group(taken: list[Token], rules: PhraseRules) -> bool:
    """农村党组织书记、普通党员培训班: before a class's head (trains), the part after a title's 、 (taken holds it
    right to left) is another group the class trains, unless it opens with an owner (组织部长、市…班)."""
    first = taken[-1]
    return first.tag_ not in _OWNER_TAGS | {"PER"} and first.text not in rules.leading


def _trim_left(words: list[Token], rules: PhraseRules, trains: bool = False) -> list[Token]:
    """No name opens with a verb, a joiner, a function word or a determiner, nor with a 、-joined part
    too short to be a qualifier; a class's name that a scope word opens keeps the verb after it
    (全市|选派干部挂职工作培训班: _after_scope; `trains`: the head word is a class's)."""
    while words:
        first = words[0]
        if (
            trains
            and first.tag_ in rules.verb_tags
            and first.text not in word_list("programme_verbs.txt")
            and _after_scope(first.doc, first.i, rules)
        ):
            break
        if _fused_locative(first, words):
            break  # 举办中|青年干部培训班: LAC cut 中 off 中青年; after a verb it is the name's first character
        if first.text in rules.founding_verbs and len(words) > 1 and rules.anniversary.match(words[1].text):
            break  # 建党|100周年|知识竞赛: the founding the anniversary counts from opens the name
        if (
            first.tag_ in rules.verb_tags - {"ad"}
            or first.text in rules.joiners
            or first.text in rules.leading
            or any(p.match(first.text) for p in rules.leading_counts)
            or _describes_count(words, rules)
            or _counted_noun(words, rules)
            or first.text in OPENING_QUOTES
            and not _closes_inside(words)
            or first.text in CLOSING_QUOTES
            or first.text in rules.close_brackets
            or first.text in rules.complements and first.i > 0 and first.doc[first.i - 1].tag_ in {"v", "vd"}
            or (first.text[0] in _FUNCTION_CHARS and first.tag_ not in _OWNER_TAGS)
        ):
            words = words[1:]
            continue
        if first.text in rules.open_brackets:
            # 南召县2021年度村|(社区)党支部书记…: a bracketed note explains the word before it; when the walk
            # stopped at that word, the note goes with it
            close = next((i for i, w in enumerate(words) if w.text in rules.close_brackets), len(words) - 1)
            words = words[close + 1 :]
            continue
        joiner = next((i for i, w in enumerate(words) if w.text in rules.joiners), None)
        if joiner is not None and len("".join(w.text for w in words[:joiner])) < rules.min_joined_chars:
            words = words[joiner + 1 :]
            continue
        break
    return words


def _counted_noun(words: list[Token], rules: PhraseRules) -> bool:
    """等20个|单位|长春市五一劳动奖状: a noun right after 等 and a count of holders (phrase.toml holder_counts) is
    what was counted, not the first word of the name an owner opens after it; with no owner after it the
    counted thing is the programme itself (“筑巢行动”项目等4个|破难专班, seed 004)."""
    first, doc = words[0], words[0].doc
    return (
        len(words) > 1
        and first.i > 1
        and first.tag_.startswith("n")
        and words[1].tag_ in _OWNER_TAGS | _PLACE_TAGS
        and rules.holder_counts.match(doc[first.i - 1].text) is not None
        and doc[first.i - 2].text in rules.holder_list_ends
    )


def _describes_count(words: list[Token], rules: PhraseRules) -> bool:
    """最后一期培训班, 新一期…: a describing word before a count of sessions says which of so many classes,
    and goes with the count (phrase.toml leading_counts)."""
    return (
        len(words) > 1
        and words[0].tag_ in rules.descriptive_tags
        and any(p.match(words[1].text) for p in rules.leading_counts)
    )


def _fused_locative(first: Token, words: list[Token]) -> bool:
    """A one-character locative (中) right after a verb or a preposition and before a name word: a
    postposition follows a noun phrase (工作中), so after a verb or 在 LAC cut it off the word that follows
    (举办中|青年…, 在中|青年干部培训班, where it may read 中 as a time word)."""
    doc = first.doc
    return (
        first.tag_ in {"f", "TIME"}
        and first.text in _LOCATIVES
        and first.i > 0
        and doc[first.i - 1].tag_ in {"v", "vd", "p"}
        and len(words) > 1
        and words[1].tag_ in {"n", "nz", "vn"}
    )


def _closes_inside(words: list[Token]) -> bool:
    wanted = next((c for c, o in _PAIR.items() if o == words[0].text), "")
    return any(w.text == wanted for w in words[1:])


def core_start(words: list[Token] | tuple[Token, ...], head_start: int) -> int:
    """Where the name starts without its year, owner and ordinal (复旦大学党校第20期青年干部培训班 →
    青年干部培训班); the head's start when nothing else is left."""
    rules = phrase_rules()
    index = 0
    levels = word_list("award_levels.txt")  # 全国工人先锋号 is written 工人先锋号 too
    while index < len(words):
        token = words[index]
        if _opens_name(token, rules) or token.tag_ == "m" or token.text in rules.terms or token.text in levels:
            index += 1
        elif token.text in rules.open_brackets:
            index += 1
            while index < len(words) and words[index - 1].text not in rules.close_brackets:
                index += 1
        else:
            break
    if index > 0 and words[index - 1].tag_ in {"TIME", "m"}:
        # 2021年中|青年干部…, 第30期中|青年干部…: LAC fused the year or the ordinal with the name's first
        # character; the core starts inside
        last = words[index - 1]
        patterns = rules.years if last.tag_ == "TIME" else rules.ordinals
        prefix = next((m for p in patterns if (m := p.match(last.text))), None)
        if prefix is not None and prefix.end() < len(last.text):
            return last.idx + prefix.end()
    return words[index].idx if index < len(words) else head_start


def is_generic(words: list[Token] | tuple[Token, ...], head_start: int, stoplist: set[str]) -> bool:
    """技能比武, 市重大项目, 领导挂钩…等工作机制: the modifiers before the head word (after year, owner
    and ordinal) are all generic, so the phrase names a kind, not a programme. A quote names."""
    if any(w.text in OPENING_QUOTES or w.text in CLOSING_QUOTES or w.text == '"' for w in words):
        return False
    start = core_start(words, head_start)
    inside = [w for w in words if w.idx >= start and w.idx < head_start]
    if inside and all(w.tag_ in phrase_rules().descriptive_tags and w.text in common_words() for w in inside):
        return True  # 最好的课堂: an adjective of the general dictionary describes (破难专班: LAC's 'a', no word)
    modifiers = [w.text[: max(0, head_start - w.idx)] for w in words if w.idx >= start]
    if not any(modifiers):  # 长城汽车项目: the owner's name is the only modifier, and it names
        modifiers = [w.text for w in words if w.tag_ in _OWNER_TAGS | {"nz", "PER"}]
    joiners = phrase_rules().joiners
    last_part = modifiers[max((i for i, m in enumerate(modifiers) if m in joiners), default=-1) + 1 :]
    modifiers = [m for m in modifiers if m and m not in joiners]
    if not modifiers:
        return True
    # 在法规标准、制度机制上: when the part the head word closes is generic (制度机制), the 、 before it joins
    # kinds of things in a list, no qualifiers of one name (青年干部、新任职干部培训班)
    return _generic_modifiers(modifiers, stoplist) or (
        len(last_part) < len(modifiers) and _generic_modifiers([m for m in last_part if m], stoplist)
    )


def _generic_modifiers(modifiers: list[str], stoplist: set[str]) -> bool:
    generic = generic_modifiers()
    patterns = phrase_rules().generic_patterns
    joined = "".join(modifiers)
    return (
        joined in generic
        or joined in stoplist
        or joined in word_list("programme_types.txt")  # 推荐的奖章先进个人: a kind of winner, no name
        or all(m in generic or any(p.match(m) for p in patterns) for m in modifiers)
    )


def aliases(
    doc: Doc, start: int, end: int, words: list[Token] | tuple[Token, ...], head_start: int
) -> list[str]:
    """The shorter forms of a name: without its year and owner, and the quoted core with its head; and
    each form in between that starts at a word (贵州省黔东南州施秉县2020年党务干部专题培训班 is written
    施秉县2020年党务干部专题培训班 too: the outer places, one by one, then the year)."""
    text = tokens.doc_text(doc)
    found: list[str] = []
    core = core_start(words, head_start)
    if start < core < head_start:
        rules = phrase_rules()  # 2021年春季|学期…: a form opening with a term word is no name
        found.extend(
            text[w.idx : end]
            for w in words
            if start < w.idx < core and w.text not in rules.terms and not _in_brackets(text, start, w.idx)
        )
        # 莲都|-|叙永…: the core after the first owner opens with the pair's dash, no name
        if not _opens_with_title(text[core:end], rules) and not text[core:end].startswith(tuple(rules.place_links)):
            found.append(text[core:end])
    level = longest_prefix(text[start:head_start], word_list("award_levels.txt"))
    if level and start + len(level) not in {core, head_start}:
        found.append(text[start + len(level) : end])  # 全国工人先锋号/nz, one word: 工人先锋号
    if head_start > start and text[head_start - 1] in CLOSING_QUOTES:
        opening = text.rfind(_PAIR[text[head_start - 1]], start, head_start - 1)
        if opening >= 0:
            found.append(text[opening:end])
    found.extend(_quoted_opening(text, start, head_start))
    return found


def _quoted_opening(text: str, start: int, head_start: int) -> list[str]:
    """“农村家庭能人”培养计划, “菁英100”人才培养计划: a quote opening the name, with name words between it and the
    head word, is the programme's short form (“农村家庭能人”78.51万名 is that programme's); one closing right
    before the head word is the quoted form with its head (see aliases)."""
    closing = next((c for c, o in _PAIR.items() if o == text[start : start + 1]), "")
    if not closing:
        return []
    end = text.find(closing, start + 1, head_start)
    if end < 0 or end + 1 >= head_start or end - start - 1 < phrase_rules().min_quoted_opening_chars:
        return []  # 举办“两委”干部培训班: a quote of two characters names a body, no short form
    return [text[start + 1 : end]]


def refers_back(tail: str, name: str) -> bool:
    """轮训工程 after 陕西省乡镇党委书记、乡镇长轮训工程: a programme's name without its opening words refers back
    to it, unless the name joins two (…学习班暨…培训班: the tail is the second one)."""
    rules = phrase_rules()
    opening = name[: -len(tail)] if len(tail) >= rules.min_tail_chars and name.endswith(tail) else ""
    return bool(opening) and not any(link in opening for link in rules.name_links)


def same_class(name: str, other: str) -> bool:
    """全省乡镇党委书记示范培训班 and 全省乡镇党委书记培训示范班, …专题研讨班 and …专题培训班 in one paper: the same
    words before the class's kind (phrase.toml class_kinds) name one class written two ways."""
    rules = phrase_rules()
    cores = []
    for written in (name, other):
        if not written.endswith("班"):
            return False
        core = written[:-1]
        while (kind := next((k for k in rules.class_kinds if core.endswith(k)), None)) is not None:
            core = core[: -len(kind)]
        cores.append(core)
    return name != other and cores[0] == cores[1] and len(cores[0]) >= rules.class_core_min_chars


@lru_cache(maxsize=1 << 14)
def _scope_word(name: str) -> str | None:
    """The scope word (scope_words.txt: 全省, 我县) `name` opens with. Cached: the variant merge asks it
    about every pair of programme names."""
    return longest_prefix(name, tuple(word_table("scope_words.txt")))


def scope_variant(scoped: str, named: str, owners: tuple[str, ...] | None) -> bool:
    """全省乡镇党委书记、乡镇长轮训工程 and 陕西省乡镇党委书记、乡镇长轮训工程 in one paper (j07): a scope word
    (全省, 我县) stands for a division's name before the same core, so both name one programme. The written
    owner must be of the scope's level and, when the paper's home is known, one of `owners` (the home's division,
    then its ancestors); otherwise a division the gazetteer knows. A name without owner is the home's own (its
    name is left out of the canonical one) when the home is of the scope's level. Two cores stay two."""
    levels = word_table("scope_words.txt")
    scope = _scope_word(scoped)
    core = scoped[len(scope) :] if scope else ""
    if len(core) < 4 or not named.endswith(core):
        return False
    owner = named[: -len(core)]
    if not owner:
        return owners is not None and owners[0].endswith(levels[scope or ""])
    if len(owner) < 2 or not owner.endswith(levels[scope or ""]):
        return False
    return owner in owners if owners is not None else gazetteer().resolve(owner) is not None


def _opens_with_title(form: str, rules: PhraseRules) -> bool:
    """书记、乡镇长轮训工程: LAC read 陕西省乡镇党委 as the owner, so the core would open with the rest of a title
    joined to the next; a title alone before the 、 is no qualifier of a name."""
    part = re.split("|".join(map(re.escape, rules.joiners)), form, maxsplit=1)
    return len(part) > 1 and part[0] in word_list("titles.txt")


def _in_brackets(text: str, start: int, pos: int) -> bool:
    """浙江省委党校(行政学院)名师研修班: no shorter form opens inside a bracketed note or at its end."""
    rules = phrase_rules()
    opened = max((text.rfind(b, start, pos) for b in rules.open_brackets), default=-1)
    closed = max((text.rfind(b, start, pos) for b in rules.close_brackets), default=-1)
    return opened > closed or text[pos] in rules.open_brackets | rules.close_brackets


def serves_another(name: str) -> bool:
    """万人助万企活动专班: a body's type word after a whole programme name (phrase.toml serving_heads); the
    name before it is that other programme, not a shorter form of this one."""
    head = next((h for h in phrase_rules().serving_heads if name.endswith(h)), None)
    return head is not None and longest_suffix(name[: -len(head)], word_list("programme_types.txt")) is not None


def describes(quoted: str) -> bool:
    """打造“没有围墙的开放学院”: a quoted phrase with 的 inside is a clause describing a thing, a slogan; no
    quoted name of the gold holds one (“六个一”的推进机制 has it after the quote)."""
    return "的" in quoted


def longer_word_at(text: str) -> bool:
    """村“两委”班子: the text after a quoted name opens with a word that only starts with a type word."""
    return text.startswith(phrase_rules().longer_words)


def record_aliases(doc: Doc, span: tuple[int, int], names: Iterable[str]) -> None:
    """Keep the aliases of a programme span for the record builder (pipeline/extract.py)."""
    names = [n for n in names if n]
    if names:
        doc.user_data.setdefault(ALIASES_KEY, {}).setdefault(span, []).extend(names)


def strip_quotes_simple(text: str) -> str:
    return "".join(ch for ch in text if ch not in OPENING_QUOTES + CLOSING_QUOTES + '"')


def inside_book_title(text: str, pos: int) -> bool:
    """《双红村…考核奖励实施办法》 is a document's title, not a programme."""
    opening = text.rfind("《", max(0, pos - 40), pos)
    return opening >= 0 and text.find("》", opening, pos) < 0


def _inside_longer_quote(text: str, start: int, end: int) -> bool:
    """The head word stands inside a quoted name that does not end with it."""
    window = text[max(0, start - 20) : start]
    opening = max(window.rfind(q) for q in OPENING_QUOTES)
    if opening < 0 or any(q in window[opening:] for q in CLOSING_QUOTES):
        return False
    closing = min((i for i in (text.find(q, end, end + 20) for q in CLOSING_QUOTES) if i >= 0), default=-1)
    return closing > end


@dataclass(frozen=True)
class HeadWord:
    """An open type word of programme_types.txt and the shortest name part before it."""

    word: str
    shortest: int
    longest: int | None = None  # 班 ends only short forms (青干班, 中青班), not team names


def _ends_a_name(doc: Doc, head: HeadWord, head_start: int, end: int, last_char: int, rules: PhraseRules) -> bool:
    """Whether the head word found in the text at head_start..end can end a programme's name: it ends LAC's
    word there (not 工程师), as a noun (not 积极行动起来), outside a quoted name that goes on."""
    text = tokens.doc_text(doc)
    ending = doc[last_char]
    rest = ending.text[end - ending.idx :]  # 勋章|者: the honour's holders, fused on by the backend
    if rest and rest not in rules.holder_suffixes and ending.tag_ not in {"ORG", "nz"}:
        return False  # the head word is only the start of a longer word (工程师, 奖励, 活动室)
    if _inside_longer_quote(text, head_start, end):
        return False  # “中国青年五四奖章集体”: the quoted name goes on after the head word
    if ending.tag_ in rules.verb_head_tags and ending.idx <= head_start:
        return False  # 积极行动起来: the head word is a verb (百岗/大/练兵 starts before the verb)
    if ending.idx < head_start and ending.tag_ in {"v", "vn", "vd"}:
        return False  # 大赛获奖作品: the head word only ends a verbal word
    # 航班, 跟班: a one-character head word ending a two-character word is that word's
    return not (
        len(head.word) == 1
        and ending.idx < head_start
        and len(ending.text) == 2
        and not _cut_locative(doc, last_char)
    )


def head_spans(
    doc: Doc, heads: list[HeadWord], stoplist: set[str], verbs: tuple[str, ...]
) -> list[tuple[int, int, list[str]]]:
    """Unquoted programme names: the phrase before each head word found in the text, with its aliases.

    The head is found in the text, not in LAC's words, because LAC cuts unknown names anywhere (破难专|班);
    it must end where a word ends (工程 is no head inside 工程师)."""
    text = tokens.doc_text(doc)
    rules = phrase_rules()
    by_word = {h.word: h for h in heads}
    unquoted = {w: HeadWord(w, n) for w, n in rules.unquoted_heads.items()}
    unquoted |= {w: HeadWord(w, 2) for w in rules.region_heads | rules.dated_heads}
    by_word |= {w: h for w, h in unquoted.items() if w not in by_word}
    type_words = word_list("programme_types.txt")
    # A verb that grants an award ends the name too (获一等奖).
    stops = set(verbs) | set(word_list("award_cues.txt")) | {"获"}
    pattern = re.compile("|".join(re.escape(w) for w in sorted(by_word, key=len, reverse=True)))
    found: list[tuple[int, int, list[str]]] = []
    for match in pattern.finditer(text):
        head, head_start = _shorter_head(doc, by_word[match.group()], match.start(), by_word)
        if inside_book_title(text, head_start) or text.startswith(rules.modifier_tails, match.end()):
            continue  # 任务项目化、清单化, 战略合作协议: a type word turned into a modifier names nothing
        if head.word in rules.dated_heads and text.startswith(word_list("honour_words.txt"), match.end()):
            continue  # 2016年度…考核评价先进市: the round's name opens an honour's name that goes on
        first = tokens.token_index_at(doc, head_start)
        last_char = tokens.token_index_at(doc, match.end() - 1)
        if first is None or last_char is None:
            continue
        if not _ends_a_name(doc, head, head_start, match.end(), last_char, rules):
            continue
        # 2018年全国|五一劳动奖: LAC read the name's start and the head word as a time word; it is the name's
        fused = [doc[first]] if doc[first].idx < head_start and doc[first].tag_ == "TIME" else []
        last = first if doc[first].idx < head_start and not fused else first - 1
        if last < 0 and not fused:
            continue
        # A weak type word (项目) takes no verb into its name; the others up to two (容错免责赋码管理机制).
        verbs_allowed = 0 if head.word in rules.verbless_heads else None
        budget = rules.max_chars - (match.end() - doc[last + len(fused)].idx)
        words = walk_left(doc, last, budget, stops, verbs_allowed, barrier=head.word, heads=type_words)
        words = _trim_left(words + fused, rules) if fused else words
        words = _from_owner_year(doc, words, stops, rules, match.end())
        if head.word in unquoted and words and words[-1].text in CLOSING_QUOTES:
            continue  # “3815”战略: a quoted name before it is the quoted-name rules'
        if head.word in rules.region_heads:
            words = _region(words, rules)
        if not words:
            continue
        if words[0].i > 0 and any(p.match(doc[words[0].i - 1].text) for p in rules.indefinite):
            continue  # 制订一个攻坚作战计划: a count makes it a common noun
        if _drafted(doc, words[0].i, head.word, rules):
            continue  # 制定干部教育培训计划: the plan being written is a document
        if _conjoined(doc, words[0].i, rules):
            continue  # 公开遴选优秀干部和人才培训班: the tail of a longer name, no name alone
        if len(words) > 1 and len(words[0].text) == 1 and words[0].i > 0 and doc[words[0].i - 1].tag_ == "m":
            words = words[1:]  # 世界500|强|企业投资项目: a character after a number belongs to it
        start_char = words[0].idx
        name = text[start_char : match.end()]
        scoped_verb = head.word.endswith(rules.conjoined_heads) and _after_scope(doc, words[0].i, rules)
        for verb in () if scoped_verb else verbs:  # 健全容错纠错机制 → 容错纠错机制 when LAC fused the verb in
            if name.startswith(verb) and len(name) > len(verb) + len(head.word):
                start_char += len(verb)
                name = name[len(verb) :]
                break
        if not _names_one(name, head, words, rules) or name in stoplist:
            continue
        generic = is_generic(words, head_start, stoplist) and not _batch_of_campaign(words, head, rules)
        if generic and not numbered_class(name):
            continue
        shorter = aliases(doc, start_char, match.end(), words, head_start)
        start_char = _study_start(text, start_char, head_start)
        noted = _quoted_with_note(text, start_char, match.end(), head, rules)
        if noted is not None:  # “2024年巩固…专题培训班(乡村治理)”: the quotation closes after the class's track
            found.append((*noted, list(dict.fromkeys([text[noted[0] : match.end()], *shorter]))))
            continue
        whole = _quoted_whole(text, start_char, match.end(), rules)
        found.append((whole, match.end(), []) if whole < start_char else (start_char, match.end(), shorter))
    return found


def _batch_of_campaign(words: list[Token], head: HeadWord, rules: PhraseRules) -> bool:
    """第二批主题教育: a party-wide campaign run in batches (phrase.toml batched_heads) is named by its batch
    ordinal alone; 开展主题教育 names none."""
    return (
        head.word in rules.batched_heads
        and bool(words)
        and all(w.tag_ == "m" and rules.batch_ordinal.match(w.text) is not None for w in words)
    )


def _from_owner_year(doc: Doc, words: list[Token], stops: set[str], rules: PhraseRules, end_char: int) -> list[Token]:
    """甘谷县2021年东西部协作乡村振兴干部能力素质提升培训班, 盐边县2013年面向全社会公开遴选优秀干部和人才培训班: a
    name that opens with its owner and year (or year and owner: 2023-2027年美兰区村(社区、居)…教育工程) runs back
    to them whatever verbs, conjunctions and bracketed notes stand inside, as long as nothing between them and
    the walk's words breaks the clause (see _inside_dated_name)."""
    if not words or words[0].i < 2:
        return words
    type_words = word_list("programme_types.txt")
    index = words[0].i - 1
    while index > 0 and end_char - doc[index].idx <= rules.max_chars:
        token = doc[index]
        if _is_year(token, rules) and doc[index - 1].tag_ in _OWNER_TAGS:
            if index == words[0].i - 1:
                return words  # the walk stopped at the year itself: it knew why
            opening = walk_left(doc, index, rules.max_chars - (end_char - doc[index + 1].idx), stops)
            if not opening or opening[0].tag_ not in _OWNER_TAGS or end_char - opening[0].idx > rules.max_chars:
                return words
            return opening + list(doc[index + 1 : words[0].i]) + words
        if token.tag_ in _OWNER_TAGS and _is_year(doc[index - 1], rules) and index < words[0].i - 1:
            # 2023-2027年美兰区村(社区、居)党员干部和群众本科学历教育工程: the year, then the owner
            return list(doc[index - 1 : words[0].i]) + words
        if token.text in rules.close_brackets and (opening_at := _bracket_opening(doc, index, rules)) is not None:
            index = opening_at - 1  # 村(社区、居): a bracketed note inside the name
            continue
        if not _inside_dated_name(token, stops, rules, type_words):
            return words
        index -= 1
    return words


def _inside_dated_name(token: Token, stops: set[str], rules: PhraseRules, type_words: tuple[str, ...]) -> bool:
    """A word that may stand between a name's year and the words the walk took: a name word, a verb or a
    conjunction; not punctuation, a function word, a programme verb (举办), a person, a count or a time, nor a
    word ending in a type word (which would end another name: 容错纠错机制和…)."""
    text = token.text
    if text in stops or token.tag_ in {"w", "PER", "TIME", "m"} or longest_suffix(text, type_words):
        return False
    if text in rules.conjunctions:
        return True
    if all(ch in _FUNCTION_CHARS for ch in text):
        return False
    return _word_allowed(token, rules) or token.tag_ in rules.verb_tags


def _cut_locative(doc: Doc, index: int) -> bool:
    """2019年春季中|青班: a one-character locative right before the word (after no noun, which it would
    follow as a postposition) was cut off the short form of the class by LAC."""
    before = doc[index - 1] if index > 0 else None
    return (
        before is not None
        and before.tag_ == "f"
        and len(before.text) == 1
        and (index < 2 or doc[index - 2].tag_ not in {"n", "nz", "vn", "ORG", "LOC", "PER"})
    )


def _quoted_whole(text: str, start: int, end: int, rules: PhraseRules) -> int:
    """“村党组织书记任职暨脱贫攻坚、乡村振兴示范培训班”: a name that ends where a quotation ends is the whole
    quotation when it opens inside the clause, however far the walk reached; returns the name's start."""
    closing = text[end : end + 1]
    if closing not in _PAIR:
        return start
    opening = text.rfind(_PAIR[closing], max(0, end - rules.max_chars), start)
    if opening < 0 or CLAUSE_BREAK.search(text, opening, end) or any(q in text[opening + 1 : end] for q in CLOSING_QUOTES):
        return start
    return opening + 1


def _quoted_with_note(text: str, start: int, end: int, head: HeadWord, rules: PhraseRules) -> tuple[int, int] | None:
    """第26期“2024年巩固脱贫攻坚成果同乡村振兴专题培训班(乡村治理)”: a class's name whose quotation closes right
    after a bracketed note on the class's track is the whole quotation, the note inside; an ordinal in the brackets
    (“…培训班(第一期)”) numbers a batch of the class and stays out. Returns the name's (start, end), or None."""
    note = _bracket_note(rules.open_brackets, rules.close_brackets, rules.max_bracket_chars).match(text, end)
    if not head.word.endswith(rules.conjoined_heads) or note is None:
        return None
    if any(p.match(note.group(1)) for p in rules.ordinals):
        return None
    new_end = note.end()
    closing = text[new_end : new_end + 1]
    whole = _quoted_whole(text, start, new_end, rules)
    reached = whole < start or (closing in _PAIR and start > 0 and text[start - 1] == _PAIR[closing])
    return (min(whole, start), new_end) if reached else None


@lru_cache(maxsize=4)
def _bracket_note(opening: frozenset[str], closing: frozenset[str], max_chars: int) -> re.Pattern[str]:
    """(乡村治理): a bracketed note of Han characters, compiled once per bracket set."""
    opens, closes = re.escape("".join(sorted(opening))), re.escape("".join(sorted(closing)))
    return re.compile(f"[{opens}]([{HAN}]{{1,{max_chars}}})[{closes}]")


def _study_start(text: str, start: int, head_start: int) -> int:
    """Where a class named by what it studies starts: at its study verb (学习贯彻…精神学习班), when the topic
    ends inside the phrase the walk found (start..head_start); else the phrase's start."""
    window = max(0, start - 40)
    for match in phrase_rules().study_topic.finditer(text, window, head_start):
        if match.start() < start <= match.end():
            return match.start()
    return start


def _names_one(name: str, head: HeadWord, words: list[Token], rules: PhraseRules) -> bool:
    """The phrase before the head word is long enough and of the kind that names one programme."""
    prefix = name[: -len(head.word)]
    if len(prefix) < head.shortest or _ends_in_modifier(prefix, words):
        return False
    if strip_quotes_simple(prefix) in word_list("titles.txt"):
        return False  # 第一书记班: a title alone before the head names a kind of class
    if _only_time(words, rules):
        return False  # 2013年至2014年计划培养680名: a span of years before a verb-like head names nothing
    if head.word in rules.dated_heads and not any(_is_year(w, rules) for w in words):
        return False  # 干部培训: a round of training is named by its year
    if head.longest is not None and len(prefix) > head.longest and not _owned(words, rules):
        return False  # 重庆市忠县2020年年轻干部能力提升班: an owner or a year makes a long 班 name a class
    return bool(re.match(rf"[{HAN}\dA-Za-z“「『‘\"]", name))


def _only_time(words: list[Token], rules: PhraseRules) -> bool:
    """The words before the head are a year or a span of years (2013年至2014年计划培养680名): no word says
    what the programme is about, and 计划 there is a verb; 冲刺100天行动 has one."""
    return any(w.tag_ == "TIME" for w in words) and all(
        w.tag_ in {"TIME", "m"} or w.text in rules.range_links for w in words
    )


def _shorter_head(
    doc: Doc, head: HeadWord, start: int, by_word: dict[str, HeadWord]
) -> tuple[HeadWord, int]:
    """在大专|班: the longest type word found (专班) starts inside a word of LAC that ends where a shorter type
    word (班) starts, and leaves too short a name before it; the shorter one is the head."""
    index = tokens.token_index_at(doc, start)
    if index is None or doc[index].idx >= start or start - doc[index].idx >= head.shortest:
        return head, start
    word_end = doc[index].idx + len(doc[index].text)
    shorter = by_word.get(head.word[word_end - start :])
    return (shorter, word_end) if shorter is not None and word_end > start else (head, start)


def _region(words: list[Token], rules: PhraseRules) -> list[Token]:
    """The words naming a region at the end of the phrase (成渝地区双城经济圈, 新福建, “强富美高”新镇江), or
    none when the phrase ends in no region."""
    places = {"LOC", "ns"}
    if words and words[-1].text.endswith(rules.region_words):
        start = len(words) - 1
        while start > 0 and words[start - 1].tag_ in places | {"nz"}:
            start -= 1
    elif len(words) >= 2 and words[-1].tag_ in places and words[-2].tag_ == "a":
        start = len(words) - 2
    else:
        return []
    if start > 0 and words[start - 1].text in CLOSING_QUOTES:
        opening = next((i for i in range(start - 2, -1, -1) if words[i].text in OPENING_QUOTES), None)
        start = opening if opening is not None else start
    return words[start:]


def _conjoined(doc: Doc, first: int, rules: PhraseRules) -> bool:
    """The phrase starting at doc[first] follows a conjunction with a name word before it; one ending in
    a type word ends a name of its own (容错纠错机制和澄清保护机制, 三大工程及平安平湖建设)."""
    before = doc[first - 2] if first > 1 else None
    return (
        before is not None
        and doc[first - 1].text in rules.conjunctions
        and _word_allowed(before, rules)
        and before.tag_ not in _OWNER_TAGS | {"PER"}
        and not longest_suffix(before.text, word_list("programme_types.txt"))
    )


def _is_year(token: Token, rules: PhraseRules) -> bool:
    """A year or term word; also a whole year LAC tagged as a number (2025年/m 村(社区)后备干部培训班)."""
    if token.tag_ == "m":
        return any(p.fullmatch(token.text) for p in rules.numeric_years)
    return token.tag_ == "TIME" and any(p.match(token.text) for p in rules.years)


def _owned(words: list[Token], rules: PhraseRules) -> bool:
    """The phrase holds an owner (a place or body) or a year or term (党校秋季班)."""
    return any(_opens_name(w, rules) and w.text not in rules.close_brackets for w in words)


def _predicative(doc: Doc, word: Token) -> bool:
    """A dictionary adjective, or any after an adverb (不断丰富) or a verb it completes (建设好“一群三圈”城市规划),
    says something; it names nothing."""
    return word.text in common_words() or (word.i > 0 and doc[word.i - 1].tag_ in {"d", "ad", "v"})


def extend_quoted(doc: Doc, start: int, end: int) -> tuple[int, list[str]]:
    """农村人居环境整治“冬季战役”, 中国服装设计“金顶奖”: the qualifier or owner written before a quoted
    programme belongs to its name; returns the new start and the shorter forms."""
    text = tokens.doc_text(doc)
    quote = start if text[start : start + 1] in OPENING_QUOTES + '"' else start - 1
    if quote < 1 or text[quote] not in OPENING_QUOTES + '"':
        return start, []
    if text[quote - 1] in CLOSING_QUOTES:
        return start, []  # 推进“千万工程”“枫桥经验”等做法: quoted names written back to back are a list's items
    ending = tokens.TokensByOffset(doc, by_end=True).get(quote)
    if ending is None:
        return start, []
    before = ending.i
    rules = phrase_rules()
    stops = set(word_list("programme_verbs.txt"))
    words = walk_left(
        doc, before, rules.max_chars - (end - quote), stops, 0, heads=word_list("programme_types.txt")
    )
    words = [w for w in words if w.idx < quote]
    # 驻当湖街道“筑巢行动”项目: a place or body before a quoted name says where it runs or who runs it;
    # it stays its own entity (LOCATED_IN, RUNS), only qualifiers join the name.
    levels = set(word_list("award_levels.txt"))  # 中国服装设计“金顶奖”: 中国 grants, it is no place here
    owners = [i for i, w in enumerate(words) if w.tag_ in _OWNER_TAGS | {"PER"} and w.text not in levels]
    words = _trim_left(words[owners[-1] + 1 :] if owners else words, rules)  # 全市“年轻干部成长工程”
    # 不断丰富“清廉村居”建设: an adjective used as a verb opens the clause, not the name
    while words and words[0].tag_ in rules.descriptive_tags and _predicative(doc, words[0]):
        words = words[1:]
    if not words or words[-1].idx + len(words[-1].text) != quote:
        return start, []
    if words[0].i > 0 and doc[words[0].i - 1].text in rules.joiners:
        return start, []  # 村委会主任、村集体经济负责人“三肩挑”改革: the words before are a list's last item
    new_start = words[0].idx
    shorter = [text[start:end]]
    core = core_start(words, quote)
    if new_start < core < quote:
        shorter.append(text[core:end])
    return new_start, shorter


def award_cues() -> str:
    """The award verbs of award_cues.txt as a regex alternation, longest first (获评为全省…, not 获评|为全省…)."""
    return "|".join(re.escape(c) for c in sorted(word_list("award_cues.txt"), key=len, reverse=True))


_HONOUR_ITEM = re.compile(rf"[{HAN}\dA-Za-z“”]{{3,24}}")


def honour_list_spans(text: str) -> list[tuple[int, int]]:
    """荣获全国119先进集体、省直机关先进基层党组织、辽宁五四红旗团支部等荣誉称号: every item of a 、-list
    between an award verb and 称号 is an honour, whatever its first word."""
    rules = phrase_rules()
    cues = award_cues()
    closers = "|".join(re.escape(c) for c in rules.honour_list_closers)
    pattern = re.compile(
        f"(?:{cues})((?:[^,，。;；:：!！?？\\n]{{3,24}}、)+[^,，。;；:：!！?？\\n]{{3,24}}?)(?:{closers})"
    )
    found: list[tuple[int, int]] = []
    cue_or_closer = re.compile(f"{cues}|{closers}")
    for match in pattern.finditer(text):
        if cue_or_closer.search(match.group(1)):
            continue  # 荣获“A”称号、17人荣获“B”称号: two awards, each closed on its own, no list
        if re.search("[^、“]“[^”]+”$", match.group(1)):
            continue  # 授予赣州市、…、萍乡市“…先进设区市”荣誉称号: a list of recipients, then the quoted honour
        if "的" in match.group(1):
            continue  # 授予…劳动者职工、企事业单位、机关团体的光荣称号: a 的-clause says who, it lists no honour
        position = match.start(1)
        for item in match.group(1).split("、"):
            start, end = position, position + len(item)
            position = end + 1
            stripped = item.strip("“”")
            if _HONOUR_ITEM.fullmatch(item) and not any(ch in _FUNCTION_CHARS for ch in stripped):
                if item.startswith("“") and item.endswith("”"):
                    start, end = start + 1, end - 1
                found.append((start, end))
    return found + _commended(text, rules)


_DIVISION_ENDS = ("省", "市", "区", "县", "州", "旗")


def levelled_honours(doc: Doc) -> list[tuple[int, int]]:
    """全国劳动模范, 福建省先进工作者, 天津市红桥区优秀共产党员: a title of merit (honour_titles.txt) right after
    the level granting it (award_levels.txt) or the names of the divisions granting it (the backend's place
    words) is an honour, with or without an award verb before it."""
    text = tokens.doc_text(doc)
    levels = word_list("award_levels.txt")
    by_end = tokens.TokensByOffset(doc, by_end=True)
    found: list[tuple[int, int]] = []
    for match in _honour_titles().finditer(text):
        start = match.start()
        level = next((w for w in levels if text.endswith(w, 0, start)), None)
        if level is not None:
            found.append((start - len(level), match.end()))
            continue
        opening = _level_before_field(doc, by_end, start, levels)
        if opening is not None:
            found.append((opening, match.end()))  # 全国|绿化|劳动模范
            continue
        first = None
        token = by_end.get(start)
        while token is not None and token.tag_ in {"LOC", "ns"} and token.text.endswith(_DIVISION_ENDS):
            first = token.idx
            token = by_end.get(token.idx)
        if first is not None:
            found.append((first, match.end()))
    return found + levelled_holder_titles(doc)


@cache
def _honour_titles() -> re.Pattern[str]:
    """Every title of merit, each taking a bracketed alternative inside it (built once, not per document)."""
    return re.compile("|".join(_with_notes(t) for t in word_list("honour_titles.txt")))


def _with_notes(title: str) -> str:
    """A title as a regex that takes a bracketed alternative inside it (金山区先进生产(工作)者: 先进生产者 or 先进
    工作者): the note offers another reading of the same honour and stays in its name. A note after the title
    may say anything (先进生产者(左一)): it stays out."""
    rules = phrase_rules()
    opening = re.escape("".join(sorted(rules.open_brackets)))
    closing = re.escape("".join(sorted(rules.close_brackets)))
    note = f"(?:[{opening}][{HAN}、]{{1,{rules.max_bracket_chars}}}[{closing}])?"
    return note.join(re.escape(ch) for ch in title)


def levelled_holder_titles(doc: Doc) -> list[tuple[int, int]]:
    """国家生态文明建设示范县, 全国绿化模范县: a holder's title (honour_holders.txt) ends an honour when the
    noun phrase before it opens with the level that grants it (award_levels.txt); 创建示范县 names a kind."""
    text = tokens.doc_text(doc)
    levels = word_list("award_levels.txt")
    stops = set(word_list("programme_verbs.txt")) | set(word_list("award_cues.txt"))
    titles = "|".join(re.escape(t) for t in word_list("honour_holders.txt"))
    found: list[tuple[int, int]] = []
    for match in re.finditer(titles, text):
        first = tokens.token_index_at(doc, match.start())
        ending = tokens.token_index_at(doc, match.end() - 1)
        if first is None or ending is None or doc[ending].idx + len(doc[ending].text) != match.end():
            continue  # 示范区域: the title is only the start of a longer word
        # 全国全域旅游示范区/nz: a title inside one word of the backend ends the phrase with that word
        last = first - 1 if doc[first].idx == match.start() else first
        budget = phrase_rules().max_chars - (match.end() - doc[last + 1].idx if last < first else 0)
        words = walk_left(doc, last, budget, stops) if last >= 0 else []
        while words and not words[0].text.startswith(levels):
            words = words[1:]  # the phrase may open with an owner; the honour opens at its level
        level = next((w for w in levels if words and words[0].text.startswith(w)), "")
        if words and match.start() - (words[0].idx + len(level)) >= 2:  # 全国文明城市: a title, no holder's
            found.append((words[0].idx, match.end()))
    return found


def _commended(text: str, rules: PhraseRules) -> list[tuple[int, int]]:
    """关于表彰A、B和C的决定: each item of the list a decision commends is an honour."""
    cues = "|".join(re.escape(c) for c in rules.commend_cues)
    closers = "|".join(re.escape(c) for c in rules.commend_closers)
    item = re.compile(f"[^{re.escape(''.join(rules.commend_joiners))}]+")
    pattern = re.compile(f"(?:{cues})([^,，。;；:：!！?？\n]{{4,120}}?)(?:{closers})")
    honours = word_list("honour_words.txt")
    found: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        items = item.finditer(match.group(1))
        spans = [(match.start(1) + m.start(), match.start(1) + m.end()) for m in items]
        if len(spans) < 2 or not all(
            _HONOUR_ITEM.fullmatch(text[s:e]) and any(w in text[s:e] for w in honours) for s, e in spans
        ):
            continue
        found.extend(spans)
    return found


def programmes_in_events(
    text: str, spans: Iterable[tuple[int, int, str]], programmes: Iterable[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """河南省高校干部培训中心第30期中青年干部培训班开学典礼: a programme named inside an event's name is an
    entity of the article too (corpus gold lists both); entity spans may not overlap, so the longest
    programme inside each event is given beside `doc.ents`, as the bodies holding a session are. A quoted
    name there is the event's theme, not a programme the gold lists (“两优一先”表彰大会)."""
    quotes = set(OPENING_QUOTES + CLOSING_QUOTES + '"')
    candidates = [p for p in programmes if p[2] == "Programme" and not _theme(text, p[0], p[1], quotes)]
    candidates += [topic for span in spans if (topic := _meeting_topic(text, span)) is not None]
    found: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if label != "Event":
            continue
        inside = [p for p in candidates if start <= p[0] and p[1] <= end and (p[0], p[1]) != (start, end)]
        if inside:
            found.append(max(inside, key=lambda p: (p[1] - p[0], -p[0])))
    return found


def _theme(text: str, start: int, end: int, quotes: set[str]) -> bool:
    """A quoted name inside an event's name is the event's theme (“两优一先”表彰大会, 项目建设“百日攻坚”行动
    推进会, “最美黔西人”颁奖晚会), even with its type word after the quote; only a quotation that qualifies
    words after it, before the type word (沛县“五星”村党支部书记培训班开班仪式), is inside a programme's name."""
    inner = text[start:end]
    if text[start - 1 : start] in quotes or text[end : end + 1] in quotes:
        return True
    closing = max(inner.rfind(q) for q in quotes)
    if closing < 0:
        return False
    tail = inner[closing + 1 :]
    head = longest_suffix(tail, word_list("programme_types.txt"))
    return head is None or len(tail) - len(head) < 2


def events_in_programmes(
    text: str, spans: Iterable[tuple[int, int, str]], events: Iterable[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """学习贯彻中共二十届四中全会精神学习班: a meeting a class studies (phrase.toml [study]) is named inside the
    class's name and is an event of the article too (corpus gold lists both); spans may not overlap, so it
    is given beside `doc.ents`, as programmes inside events are."""
    kept = list(spans)
    study = phrase_rules().study_topic
    programmes = [(s, e) for s, e, label in kept if label == "Programme" and study.match(text, s)]
    return [
        event
        for event in events
        if event not in kept and any(s <= event[0] and event[1] <= e and (s, e) != event[:2] for s, e in programmes)
    ]


def _meeting_topic(text: str, span: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """年轻干部赴新城区实践锻炼动员会 → 年轻干部赴新城区实践锻炼: the activity a work meeting is named after
    (phrase.toml [event_topic])."""
    rules = phrase_rules()
    start, end, label = span
    name = text[start:end]
    meeting = next((m for m in rules.topic_meetings if name.endswith(m)), None)
    if label != "Event" or meeting is None:
        return None
    topic = name[: -len(meeting)]
    while (work := next((w for w in rules.topic_work_words if topic.endswith(w)), None)) is not None:
        topic = topic[: -len(work)]
    activity = next((a for a in rules.topic_activities if topic.endswith(a)), None)
    if activity is None or len(topic) - len(activity) < rules.topic_min_chars:
        return None
    if not all(is_han(ch) or ch.isdigit() for ch in topic):
        return None  # a quote, a bracket or a list inside: the meeting's name is no plain activity
    return (start, start + len(topic), "Programme")


_FORMULA_QUOTE = re.compile(r"[“\"]([^“”\"\n,，。;；:：、!！?？]{1,30})[”\"]")
_FORMULA = re.compile(r"^(?:\d+|[^+＋]+(?:[+＋][^+＋]+)+)$")


def formula_spans(doc: Doc) -> list[tuple[int, int]]:
    """“1279”典型引领工作体系, “清单制+责任制+督导制”的工作考评机制: a quoted formula and the nominal words
    after it up to a head word (phrase.toml [formula]); the quoted formula alone is an alias."""
    text = tokens.doc_text(doc)
    rules = phrase_rules()
    found: list[tuple[int, int]] = []
    for match in _FORMULA_QUOTE.finditer(text):
        if not _FORMULA.match(match.group(1)):
            continue
        pos = match.end()
        link = next((w for w in rules.formula_links if text.startswith(w, pos)), "")
        index = tokens.token_index_at(doc, pos + len(link))
        if index is None or doc[index].idx != pos + len(link):
            continue
        end = chars = 0
        while index < len(doc) and doc[index].tag_ not in rules.formula_stop_tags:
            chars += len(doc[index].text)
            if chars > rules.formula_max_chars:
                break
            if doc[index].text.endswith(rules.formula_heads):
                end = doc[index].idx + len(doc[index].text)
            index += 1
        if end:
            found.append((match.start(), end))
            record_aliases(doc, (match.start(), end), [match.group(1)])
    return found


_BOOK_TITLE = re.compile(r"《([^《》\n]{4,60})》")


def plan_spans(doc: Doc) -> list[tuple[int, int]]:
    """《宝鸡市凤翔区国家慢性病综合防控示范区建设工作实施方案》: the programme a plan document carries out, named
    by its title less the document word (phrase.toml [plans]); the name without its owner, scope, year and
    leading programme verb is recorded as an alias."""
    text = tokens.doc_text(doc)
    rules = phrase_rules()
    verbs = word_list("programme_verbs.txt")
    found: list[tuple[int, int]] = []
    for match in _BOOK_TITLE.finditer(text):
        title = match.group(1)
        document = next((d for d in rules.plan_documents if title.endswith(d)), None)
        if document is None or any(mark in title for mark in rules.plan_clause_marks):
            continue
        start, end = match.start(1), match.end(1) - len(document)
        end = _before_trailing_year(doc, start, end, rules)
        head = next((h for h in rules.plan_heads if text.endswith(h, start, end)), None)
        if head is None:
            continue
        openings = _owner_openings(doc, start, end, rules)
        core = openings[-1] if openings else start
        verb = longest_prefix(text[core:end], verbs) or ""
        if end - len(head) - (core + len(verb)) < rules.plan_min_core_chars:
            continue
        if _generic_modifiers([text[core + len(verb) : end - len(head)]], set(word_list("programme_stoplist.txt"))):
            continue
        found.append((start, end))
        shorter = [text[at:end] for at in openings]  # 全国青年…试点 and 青年…试点 after 宝鸡市凤翔区
        if verb:
            shorter.append(text[core + len(verb) : end])
        record_aliases(doc, (start, end), shorter)
    return found


def _before_trailing_year(doc: Doc, start: int, end: int, rules: PhraseRules) -> int:
    """…中心建设2019年|工作方案: a year between the programme and the document word dates the plan."""
    index = tokens.token_index_at(doc, end - 1)
    if (
        index is not None
        and doc[index].idx > start
        and doc[index].idx + len(doc[index].text) == end
        and _is_year(doc[index], rules)
    ):
        return doc[index].idx
    return end


def _owner_openings(doc: Doc, start: int, end: int, rules: PhraseRules) -> list[int]:
    """Where the plan's programme may start after each word of the owner, scope and year opening the title
    (宝鸡市|凤翔区|全国…, 全省…, 石楼县|2024年|…), left to right; none when nothing opens it."""
    index = tokens.token_index_at(doc, start)
    position = start
    openings: list[int] = []
    while index is not None and index < len(doc) and doc[index].idx == position:
        token = doc[index]
        if not (token.tag_ in _OWNER_TAGS or _is_year(token, rules) or token.text in rules.scopes | rules.leading):
            break
        position += len(token.text)
        if position >= end:
            return []
        openings.append(position)
        index += 1
    return openings


@dataclass(frozen=True)
class BatchLists:
    """batch_lists.toml, typed."""

    ordinal: str
    cues: tuple[str, ...]
    closers: tuple[str, ...]
    min_chars: int
    max_chars: int


@cache
def batch_lists() -> BatchLists:
    with checked_toml("programmes", "batch_lists.toml") as raw:
        table = raw["batch_lists"]
        return BatchLists(
            ordinal=str(table["ordinal"]),
            cues=tuple(sorted(table["cues"], key=len, reverse=True)),
            closers=tuple(sorted(table["closers"], key=len, reverse=True)),
            min_chars=int(table["min_chars"]),
            max_chars=int(table["max_chars"]),
        )


def batch_list_spans(doc: Doc) -> list[tuple[int, int]]:
    """公布第三批全国乡村治理示范村镇名单, 发布首批全国乡村治理典型案例: a list of models published in batches is
    named by its batch ordinal, its level and what it lists; the form without the ordinal is an alias."""
    text = tokens.doc_text(doc)
    rules = batch_lists()
    levels = "|".join(re.escape(w) for w in sorted(word_list("award_levels.txt"), key=len, reverse=True))
    closers = "|".join(re.escape(c) for c in rules.closers)
    body = f"[{HAN}]{{{rules.min_chars},{rules.max_chars}}}?"
    pattern = re.compile(f"({rules.ordinal})((?:{levels}){body})(?=({closers})|[,，。;；、:：!！?？\\s]|$)")
    found: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        cued = any(text.endswith(c, 0, match.start()) for c in rules.cues)
        if not (cued or match.group(3)) or any(ch in _FUNCTION_CHARS for ch in match.group(2)):
            continue  # 是第五批省级爱国主义教育基地: no list is published; 的/和 inside: a clause, no name
        found.append((match.start(), match.end()))
        record_aliases(doc, (match.start(), match.end()), [match.group(2)])
    return found


def numbered_class(name: str) -> bool:
    """首期培训班, 第一期培训班: a class named by its ordinal alone is one class (the first of a series the page
    reports on); a longer name holding the same ordinal is the same class (see numbered_short_form)."""
    rules = phrase_rules()
    head = next((h for h in sorted(rules.numbered_heads, key=len, reverse=True) if name.endswith(h)), None)
    return head is not None and any(p.fullmatch(name[: -len(head)]) for p in rules.class_ordinals)


def numbered_short_form(short: str, name: str) -> bool:
    """第一期培训班 after 2016年度吉林省新一轮村干部培训第一期班: the ordinal class refers back to the named class
    that holds its ordinal."""
    if not numbered_class(short) or short == name:
        return False
    head = next(h for h in sorted(phrase_rules().numbered_heads, key=len, reverse=True) if short.endswith(h))
    ordinal = short[: -len(head)]
    return ordinal in name and name.endswith(tuple(phrase_rules().numbered_heads))


@dataclass(frozen=True)
class Enumerations:
    """enumerations.toml, typed."""

    numbered_set: re.Pattern[str]
    before: re.Pattern[str]
    after: re.Pattern[str]
    window: int
    joiner: str
    min_item_chars: int


@cache
def enumerations() -> Enumerations:
    with checked_toml("programmes", "enumerations.toml") as raw:
        table = raw["enumerations"]
        return Enumerations(
            numbered_set=re.compile(table["numbered_set"]),
            before=re.compile(table["before"]),
            after=re.compile(table["after"]),
            window=int(table["window"]),
            joiner=str(table["joiner"]),
            min_item_chars=int(table["min_item_chars"]),
        )


def enumerated_parts(text: str) -> list[tuple[int, int]]:
    """“学习年、调研年、创新年、制度建设年”的“四个年”活动: a programme named by a count of kinds (“四个年”) is written
    beside the list of its parts; every item of a 、-list right before it (quoted, 的 between or not) or right
    after it (in brackets or after 即/:) that ends in the counted word, as many items as the count, is a named
    part. A list of another length or of other words is no enumeration of it."""
    rules = enumerations()
    found: list[tuple[int, int]] = []
    for match in rules.numbered_set.finditer(text):
        count, kind = parse_chinese_number(match.group(1)), match.group(2)
        window = max(0, match.start() - rules.window)
        lists = (
            (rules.before.search(text[window : match.start()]), window),
            (rules.after.match(text[match.end() : match.end() + rules.window + 8]), match.end()),
        )
        for listed, offset in lists:
            if listed is None:
                continue
            items = listed.group(1).split(rules.joiner)
            if len(items) != count or not all(len(i) >= rules.min_item_chars and i.endswith(kind) for i in items):
                continue
            position = offset + listed.start(1)
            for item in items:
                found.append((position, position + len(item)))
                position += len(item) + len(rules.joiner)
    return found


def cooperation_spans(text: str) -> list[tuple[int, int]]:
    """东西部协作, 苏陕协作, 沪滇协作: the national east-west cooperation and its provincial pairings (phrase.toml
    [cooperation])."""
    return [match.span() for match in phrase_rules().cooperation_name.finditer(text)]


@dataclass(frozen=True)
class Studios:
    """studios.toml, typed."""

    heads: tuple[str, ...]
    owner_tags: frozenset[str]
    name_tags: frozenset[str]
    max_words: int


@cache
def studios() -> Studios:
    with checked_toml("programmes", "studios.toml") as raw:
        table = raw["studios"]
        return Studios(
            heads=tuple(table["heads"]),
            owner_tags=frozenset(table["owner_tags"]),
            name_tags=frozenset(table["name_tags"]),
            max_words=int(table["max_words"]),
        )


def role_studios(doc: Doc) -> list[tuple[int, int]]:
    """“书记工作室”, 双林街社区书记工作室: a studio named after a role (a title right before the head word) is a
    platform, quoted or opening with its owner."""
    rules = studios()
    text = tokens.doc_text(doc)
    titles = word_list("titles.txt")
    found: list[tuple[int, int]] = []
    for match in re.finditer("|".join(re.escape(h) for h in rules.heads), text):
        title = longest_suffix(text[max(0, match.start() - 8) : match.start()], titles)
        if title is None:
            continue
        start = match.start() - len(title)
        if text[start - 1 : start] in OPENING_QUOTES and text[match.end() : match.end() + 1] in CLOSING_QUOTES:
            found.append((start, match.end()))
            continue
        index = tokens.token_index_at(doc, start)
        if index is None or doc[index].idx != start:
            continue  # the title is the end of a longer word
        words: list[Token] = []
        index -= 1
        while index >= 0 and len(words) < rules.max_words and doc[index].tag_ in rules.name_tags:
            words.insert(0, doc[index])
            index -= 1
        while words and words[0].tag_ not in rules.owner_tags:
            words = words[1:]
        if words:
            found.append((words[0].idx, match.end()))
    return found


def _drafted(doc: Doc, first: int, head: str, rules: PhraseRules) -> bool:
    """制定干部教育培训计划 (j06), 帮助贫困村制定帮扶工作计划 (n06): an unquoted plan right after a verb of drafting
    is the document being written, not a named programme."""
    return head in rules.drafted_heads and first > 0 and doc[first - 1].text.rstrip("了") in rules.drafting_verbs


@dataclass(frozen=True)
class ActivityLists:
    """activity_lists.toml, typed."""

    cues: tuple[str, ...]
    closers: tuple[str, ...]
    max_gap: int
    closer_chars: int
    model_closers: tuple[str, ...]
    model_max_gap: int
    model_closer_chars: int


@cache
def activity_lists() -> ActivityLists:
    with checked_toml("programmes", "activity_lists.toml") as raw:
        table, models = raw["activity_lists"], raw["model_lists"]
        return ActivityLists(
            cues=tuple(table["cues"]),
            closers=tuple(table["closers"]),
            max_gap=int(table["max_gap"]),
            closer_chars=int(table["closer_chars"]),
            model_closers=tuple(models["closers"]),
            model_max_gap=int(models["max_gap"]),
            model_closer_chars=int(models["closer_chars"]),
        )


def in_activity_list(text: str, start: int, end: int) -> bool:
    """开展…、“将荣誉送家”、…等一系列关爱礼遇活动: the quoted name at text[start:end] (quotes included) is an item
    of a list of activities carried out, in one clause."""
    rules = activity_lists()
    before = CLAUSE_BREAK.split(text[max(0, start - rules.max_gap) : start])[-1]
    after = CLAUSE_BREAK.split(text[end : end + rules.max_gap])[0]
    if not any(c in before for c in rules.cues) or "等" not in after:
        return False
    return _closed_after_deng(after[after.index("等") :], rules.closers, rules.closer_chars)


@lru_cache(maxsize=8)
def _closing_pattern(closers: tuple[str, ...], reach: int) -> re.Pattern[str]:
    return re.compile(rf"等[{HAN}]{{0,{reach}}}?(?:{'|'.join(map(re.escape, closers))})")


def _closed_after_deng(tail: str, closers: tuple[str, ...], reach: int) -> bool:
    """等典型治理模式, 等一系列关爱礼遇活动: a closer ends the noun phrase 等 opens, at most `reach` Han characters on."""
    return _closing_pattern(closers, reach).match(tail) is not None


@dataclass(frozen=True)
class Metaphors:
    """descriptions.toml [metaphors], typed."""

    heads: tuple[str, ...]
    qualifier_chars: int
    linkers: tuple[str, ...]
    numerals: frozenset[str]
    quoted_frames: frozenset[str]
    frame_chars: int


def metaphors() -> Metaphors:
    return _descriptions()[0]


def figure_of_speech(doc: Doc, start: int, end: int) -> bool:
    """精准脱贫的“引领工程”, 组织力的基础工程: the name at start..end (quotes in or out) is two characters of praise
    and a type word right after 的, a description of what something is like; a count (的“千万工程”) names one, and so
    does a clause of carrying it out or its owner before 的 (新田县大力推行的“头雁工程”, 县委的“强基工程”). A quoted
    name is one only in a clause framing it as what something is built into or is (打造…的“龙头工程”)."""
    rules = metaphors()
    text = tokens.doc_text(doc)
    name = text[start:end].strip(OPENING_QUOTES + CLOSING_QUOTES + '"')
    head = next((h for h in rules.heads if name.endswith(h)), None)
    if head is None:
        return False
    qualifier = name[: -len(head)]
    if len(qualifier) != rules.qualifier_chars or not all(is_han(ch) and ch not in rules.numerals for ch in qualifier):
        return False
    before = start
    while before > 0 and text[before - 1] in _QUOTE_MARKS:
        before -= 1
    quoted = before < start or text[start] in _QUOTE_MARKS
    linker = next((w for w in rules.linkers if text.endswith(w, 0, before)), None)
    if linker is None:
        return False
    clause = before - len(linker)
    if text.endswith(_carrying_out_words(), 0, clause):
        return False  # 大力推行的“头雁工程”: the programme carried out
    last = tokens.token_index_at(doc, clause - 1) if clause else None
    if last is not None and doc[last].tag_ in _OWNER_TAGS:
        return False  # 县委的“强基工程”: its owner's
    return not quoted or _framed(doc, text, clause, rules)


_QUOTE_MARKS = OPENING_QUOTES + '"'


@cache
def _carrying_out_words() -> tuple[str, ...]:
    """The cue and verb words of carrying a programme out (programme_cues.txt, programme_verbs.txt), as one tuple."""
    return tuple(word_list("programme_cues.txt")) + tuple(word_list("programme_verbs.txt"))


def _framed(doc: Doc, text: str, end: int, rules: Metaphors) -> bool:
    """打造固本强基的“龙头工程”: a word that frames what follows as what something is built into or is (descriptions.toml
    quoted_frames) opens the clause's phrase before `end`."""
    window = max(0, end - rules.frame_chars)
    opening = max((m.end() for m in CLAUSE_BREAK.finditer(text, window, end)), default=window)
    return any(t.text in rules.quoted_frames for t in tokens.tokens_overlapping(doc, opening, end))


@dataclass(frozen=True)
class ModifierSuffixes:
    """descriptions.toml [modifier_suffixes], typed."""

    suffixes: tuple[str, ...]
    noun_suffixes: tuple[str, ...]
    noun_tags: frozenset[str]
    noun_chars: int


def modifier_suffixes() -> ModifierSuffixes:
    return _descriptions()[1]


@cache
def _descriptions() -> tuple[Metaphors, ModifierSuffixes, HonourFields]:
    with checked_toml("programmes", "descriptions.toml") as raw:
        table, suffixes, fields = raw["metaphors"], raw["modifier_suffixes"], raw["honour_fields"]
        return (
            Metaphors(
                heads=tuple(table["heads"]),
                qualifier_chars=int(table["qualifier_chars"]),
                linkers=tuple(table["linkers"]),
                numerals=frozenset(table["numerals"]),
                quoted_frames=frozenset(table["quoted_frames"]),
                frame_chars=int(table["frame_chars"]),
            ),
            ModifierSuffixes(
                suffixes=tuple(suffixes["suffixes"]),
                noun_suffixes=tuple(suffixes["noun_suffixes"]),
                noun_tags=frozenset(raw["nominal_tags"]),
                noun_chars=int(suffixes["noun_chars"]),
            ),
            HonourFields(
                tags=frozenset(raw["nominal_tags"]),
                max_words=int(fields["max_words"]),
                max_chars=int(fields["max_chars"]),
                collectives=tuple(fields["collectives"]),
            ),
        )


def _ends_in_modifier(prefix: str, words: list[Token]) -> bool:
    """常态化机制, 全局性工程: the phrase before the type word ends in a modifier's suffix; 全国绿化先进集体 ends in a
    two-character noun (绿化/vn) that only ends in the suffix's character."""
    rules = modifier_suffixes()
    if not prefix.endswith(rules.suffixes):
        return False
    last = words[-1] if words else None
    return not (
        last is not None
        and prefix.endswith(last.text)
        and len(prefix) > len(last.text)  # 文化工程, 党性培训班 alone name kinds
        and len(last.text) == rules.noun_chars
        and last.text.endswith(rules.noun_suffixes)
        and last.tag_ in rules.noun_tags
    )


@dataclass(frozen=True)
class HonourFields:
    """descriptions.toml [honour_fields], typed."""

    tags: frozenset[str]
    max_words: int
    max_chars: int
    collectives: tuple[str, ...]


def _level_before_field(doc: Doc, by_end: tokens.TokensByOffset, start: int, levels: tuple[str, ...]) -> int | None:
    """全国|绿化|劳动模范, 全国|教育|系统|先进工作者: the nominal words naming a field of work before the title of
    merit at start, with the level granting it right before them; returns where the level opens, or None."""
    rules = _descriptions()[2]
    text = tokens.doc_text(doc)
    token = by_end.get(start)
    for _ in range(rules.max_words):
        if token is None or token.tag_ not in rules.tags or not all(is_han(ch) for ch in token.text):
            return None
        if start - token.idx > rules.max_chars:
            return None
        level = next((w for w in levels if text.endswith(w, 0, token.idx)), None)
        if level is not None:
            return None if text.startswith(rules.collectives, token.idx) else token.idx - len(level)
        token = by_end.get(token.idx)
    return None


def scoped_forms(doc: Doc, start: int, end: int) -> list[str]:
    """全区|村(社区)党组织书记培训班, 全县|“百名干部赴外培训计划”, 县|乡村三级书记大讲堂: the name at start..end
    written after a word of the paper's own division (phrase.toml scoped_leading), which the walk leaves out of the
    name; the form with it is an alias. The word is one of the backend's words (not the 市 of 平湖市), and a
    one-character one opens a compound of levels with the name (县乡村, 乡科级)."""
    text = tokens.doc_text(doc)
    opening = start - 1 if start > 0 and text[start - 1] in OPENING_QUOTES else start
    word = next((w for w in phrase_rules().scoped_leading if text.endswith(w, 0, opening)), None)
    first = tokens.token_index_at(doc, opening - len(word)) if word is not None else None
    if word is None or first is None or doc[first].idx != opening - len(word):
        return []
    if len(word) == 1 and text[opening : opening + 1] not in phrase_rules().level_compound_chars:
        return []  # 献|县|健康TV大讲堂: no compound of levels (县乡村, 乡科级) opens there
    return [text[opening - len(word) : end]]


def in_model_list(text: str, end: int) -> bool:
    """系统讲解“积分制”“村民说事”等典型治理模式: the quoted name ending at text[end] (its closing quote included) is
    listed before 等 and a word of a working model or practice, in one clause (activity_lists.toml [model_lists])."""
    rules = activity_lists()
    after = CLAUSE_BREAK.split(text[end : end + rules.model_max_gap])[0]
    if "等" not in after:
        return False
    listed = after[: after.index("等")]
    if re.fullmatch(r"(?:、?“[^“”]+”)*", listed) is None:
        return False  # only more quoted names stand between the quote and 等
    return _closed_after_deng(after[after.index("等") :], rules.model_closers, rules.model_closer_chars)
