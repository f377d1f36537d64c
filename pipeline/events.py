"""Event names that the nominal walk in `components._event_spans` cannot build from LAC's words.

Two forms of real reports: the party congress written by its ordinal (党的二十大), and a meeting named
as the subject of "在…举行" (2020年全国劳动模范和先进工作者表彰大会在北京人民大会堂隆重举行), whose
name may hold verbs, 、-joined qualifiers and 暨 that stop the walk.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from cadregraph.pipeline import tokens
from cadregraph.pipeline.canonical import YEAR
from cadregraph.pipeline.figures import parse_chinese_number
from cadregraph.pipeline.lexicons import longest_suffix, word_list, word_set, word_table
from cadregraph.pipeline.tokens import CharSpan
from cadregraph.schemas.text_units import COUNT, HAN

# 党的十八大, 党的二十大: the national party congress by its ordinal; not 大会/大学/大厦 after it. In
# 中共十九大 the party is an organisation of its own (People's Daily NER gold: 中共 ORG), so it stays out.
_CONGRESS_ORDINAL = r"(?:二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_PARTY_CONGRESS = re.compile(rf"党的({_CONGRESS_ORDINAL})大(?![会学厦楼])")
# Where a meeting's subject clause starts; 、 and quotes stay inside names.
CLAUSE_BREAK = re.compile(r"[,，。;；:：!！?？\n]")
_HELD_NAME_CHARS = 48
# A wire dateline (北京1月18日电) or a byline in brackets ((记者 李京泽)) heads a report; a meeting's name
# starts after it.
_BYLINE = re.compile(r"\d{1,2}日电|[（(][^（）()\n]{0,30}?(?:记者|通讯员)[^（）()\n]{0,30}?[)）]")
# Between the head word and the holding verb: a place (在…) or a date (于…) in the same clause.
_HELD_GAP_CHARS = 24
# LAC's tags of time words that open a clause (11月24日, 近日, 上午) but are no part of a name; a year
# (2020年全国劳模表彰大会) is part of it.
_TIME_TAGS = {"TIME", "t"}
_NAME_START = re.compile(rf"[{HAN}\d“\"「《]")


# 省十三届人民代表大会, 辽宁省第十四届人民代表大会: a people's congress named by its term (届) alone is the
# legislature a delegate sits in for five years (补选…为省十三届人民代表大会代表), not a meeting; its
# sessions are named by 次 (第六次会议, 五届三次会议) and a party congress by 次 (第十二次代表大会).
def is_term_body(name: str) -> bool:
    """A people's congress without a session: a body, not an event. Named by its term (省十三届人民代表大会)
    or by its place alone (报通州区人民代表大会备案, the closing formula of a 任免 decision: h09,
    xcsrd.henanrd.gov.cn 2025/02-15/214535), it is the legislature; a sitting of it has a 次."""
    return name.endswith("人民代表大会") and "次" not in name


# 县(市、区), 村(社区、居), (第1期): a short bracketed qualifier inside a meeting's name, no clause in it.
_BRACKETED_QUALIFIER = re.compile(r"[（(][^（）()\s,，。;；:：!！?？]{1,8}[）)]")


# How far before its closing bracket a qualifier's opening bracket may stand.
_QUALIFIER_CHARS = 10


def qualifier_start(text: str, end: int) -> int | None:
    """美兰区第一届村(社区、居)干部本科班开学典礼: the opening bracket of the short bracketed qualifier that ends
    at `end` (its closing bracket included), which a name's walk crosses; None when the brackets hold more."""
    window = max(0, end - _QUALIFIER_CHARS)
    opened = max(text.rfind("(", window, end), text.rfind("（", window, end))
    if opened < 0 or _BRACKETED_QUALIFIER.fullmatch(text, opened, end) is None:
        return None
    return None if _BYLINE.fullmatch(text, opened, end) else opened  # 电(记者宗巍): a byline, no qualifier


def without_qualifiers(name: str) -> str:
    """The name with its short bracketed qualifiers taken out, for the checks that a name holds no clause
    break: 召开全市县(区)委书记座谈会 convenes one meeting, a byline in brackets does not."""
    return _BRACKETED_QUALIFIER.sub("", name)


# 省九次党代会, 市五次党代表大会: a count of 次 right before a party congress is its ordinal, 第 left out
# (一次会议 stays a count: only a congress is numbered so).
_CONGRESS_AFTER_COUNT = ("党代会", "党代表大会", "代表大会")


def congress_ordinal(text: str, count_end: int) -> bool:
    """The count ending at `count_end` (九次) numbers the party congress right after it."""
    return text.endswith("次", 0, count_end) and text.startswith(_CONGRESS_AFTER_COUNT, count_end)


# 第一次全体会议 with no owner: a plenary sitting inside the meeting the report is about (当天上午举行的第一次
# 全体会议上, 主持第一次全体会议), not an event of its own; with its owner (市委十四届十三次全体会议) it is one.
_SITTING = re.compile(f"第{COUNT}次全体会议")


# 举行/召开 right before a sitting, no 的 between (当天上午举行的第一次全体会议 is inside the meeting).
_HOLDING = ("举行", "召开")


# 省第十二次党代会 is the short form of 中国共产党山西省第十二次代表大会 (c08), 省第十四次党代会各代表团召集人会议
# of 中国共产党青海省第十四次代表大会各代表团召集人会议 (d01): the level (省/市/县…), the ordinal and what
# follows the congress agree; the short form leaves out the party and the owner's name.
_SHORT_CONGRESS = re.compile(f"^([省市县区州])第?({COUNT})次党(?:代会|代表大会)(.*)$")
_FULL_CONGRESS = re.compile(f"^(?:中国共产党|中共)[{HAN}]{{1,12}}?([省市县区州])第({COUNT})次(?:党的)?代表大会(.*)$")


def is_short_congress(short: str, full: str) -> bool:
    """`short` (省第十二次党代会…) names the party congress `full` names in full (中国共产党山西省第十二次代表大会…)."""
    a, b = _SHORT_CONGRESS.match(short), _FULL_CONGRESS.match(full)
    return a is not None and b is not None and a.groups() == b.groups()


# 第 before an ordinal (县第十七次党代会); a year opening an event's name is canonical.YEAR.
_ORDINAL_MARK = re.compile(f"第(?={COUNT}[次届期])")
# 民主生活会会议精神: a meeting head word ending in 会 with 会议 after it names the same meeting.
_REDUNDANT_MEETING = "会会议"


def _name_parts(name: str) -> tuple[str, str, str]:
    """(year, scope word, the rest) of an event's name, the rest without 第 before its ordinal."""
    year = YEAR.match(name)
    rest = name[year.end() :] if year else name
    scope = next((w for w in word_list("event_scope_prefixes.txt") if rest.startswith(w)), "")
    rest = _ORDINAL_MARK.sub("", rest[len(scope) :])
    if rest.endswith(_REDUNDANT_MEETING):
        rest = rest[: -len("会议")]
    return (year.group() if year else "", scope, rest)


def is_event_variant(a: str, b: str) -> bool:
    """One event written two ways in a report: with its year or its scope word in front (2020年“七·一”表彰大会
    in the headline, 全县“七·一”表彰大会 in the body), with or without 第 (县第十七次党代会, 县十七次党代会), or
    with 会议 after a 会 head (民主生活会会议精神). Two years or two scopes that differ name two events."""
    (year_a, scope_a, rest_a), (year_b, scope_b, rest_b) = _name_parts(a), _name_parts(b)
    if year_a and year_b and year_a != year_b or scope_a and scope_b and scope_a != scope_b:
        return False
    return a != b and rest_a == rest_b and len(rest_a) >= _VARIANT_CORE_CHARS


# The shortest rest two variants must share (表彰大会 alone after 全县/全市 is a kind, not one meeting).
_VARIANT_CORE_CHARS = 5


def _ceremony_stem(name: str) -> str | None:
    """开班仪式 → 开班: the name without the ceremony word it ends in (event_ceremony_heads.txt); None if none."""
    word = longest_suffix(name, word_list("event_ceremony_heads.txt"))
    return name[: -len(word)] if word is not None else None


def ceremony_stem_end(name: str) -> int | None:
    """…培训班开班式 → the length of …培训班: where the name of the class a ceremony opens or closes ends, before
    its stem and ceremony word (开班式, 开学典礼, 结业仪式: class_ceremony_stems.txt, event_ceremony_heads.txt)."""
    stem = _ceremony_stem(name)
    if stem is None:
        return None
    word = longest_suffix(stem, word_list("class_ceremony_stems.txt"))
    return len(stem) - len(word) if word is not None else None


# The shortest stem a ceremony's name must keep before its ceremony word (开班, 升旗).
_CEREMONY_STEM_CHARS = 2


def is_same_ceremony(short: str, full: str) -> bool:
    """出席开班典礼 … 主持开班仪式: 典礼, 仪式 and 式 are one word for a ceremony, so two names whose stems agree
    (the shorter one's stem the tail of the longer's: 开学仪式 after 第26期…进修班开学典礼) name one event."""
    a, b = _ceremony_stem(short), _ceremony_stem(full)
    if a is None or b is None or len(a) < _CEREMONY_STEM_CHARS:
        return False
    # …讲习所揭牌暨乡村振兴党建联盟成立仪式 (ze02): each part a 暨 joins is the ceremony with the shared ceremony word
    return any(part.endswith(a) or _one_stem(part).endswith(_one_stem(a)) for part in b.split(_JOINT_EVENTS))


_JOINT_EVENTS = "暨"  # joins two events held as one (揭牌暨…成立仪式, 总结表彰暨欢送…会议)


def _one_stem(stem: str) -> str:
    """开学 → 开班: a ceremony's stem as the stem it stands for (event_ceremony_stems.txt), where it ends in one."""
    table = word_table("event_ceremony_stems.txt")
    word = longest_suffix(stem, tuple(table))
    return stem if word is None else stem[: -len(word)] + table[word]


# The shortest tail two names of one event must share (双先表彰会, 建政70周年庆祝活动); a shorter one is a kind
# (工作会议), and a longer one may still belong to two owners (中央/省委经济工作会议). A tail that ends in a
# strong head word (event_words.txt: 仪式, 典礼), which names an event with any name before it, may be one
# character shorter (升旗仪式: i02's 庆祝回归升旗仪式 is 庆祝澳门特别行政区成立18周年升旗仪式).
_SHARED_TAIL_CHARS = 5
_STRONG_TAIL_CHARS = 4
# What the tail must hold before the head word (升旗 of 升旗仪式): a head word alone is a kind.
_TAIL_NAME_CHARS = 2
_NUMBER = re.compile(COUNT)


def _front_owner(front: str) -> tuple[str, bool] | None:
    """(the last owner character of an event name's front, whether the front is a home word standing for the
    paper's own division: 自治州, 全县), or None when the front names no owner."""
    levels = word_table("scope_words.txt")
    home = longest_suffix(front, word_list("scope_words.txt"))
    if home is not None:
        return levels[home], True
    marks = word_set("event_owner_marks.txt")
    return next(((ch, False) for ch in reversed(front) if ch in marks), None)


def is_same_event_tail(short: str, full: str) -> bool:
    """离退休干部“双先”表彰会 (the headline) and 上海市老干部庆祝新中国成立60周年暨“双先”表彰会 (the body, h04),
    自治州建政70周年庆祝活动 and 海北州建政70周年庆祝活动 (d02): two names that share a tail of at least five
    characters (four before a strong head word) are one event when one front names an owner or a number and the other does not, or when a home
    word (自治州) and an owner of its level are one owner. Each with a number (第一次/第二次), each with an owner
    (中央/省委经济工作会议, 海北州/玉树州) or neither (青年/妇女干部培训班开班仪式) make two. The tail never opens
    on an owner character or a digit: those belong to the fronts."""
    n = 0
    while n < min(len(short), len(full)) and short[-1 - n] == full[-1 - n]:
        n += 1
    marks = word_set("event_owner_marks.txt")
    while n and (short[-n] in marks or _NUMBER.match(short[-n])):
        n -= 1
    heads = word_table("event_words.txt")
    head = longest_suffix(short, word_list("event_words.txt")) or ""
    shortest = _STRONG_TAIL_CHARS if heads.get(head) == "strong" else _SHARED_TAIL_CHARS
    if n < max(shortest, len(head) + _TAIL_NAME_CHARS) or n == len(short) or n == len(full):
        return False  # 党代表大会 and 中国共产党嘉兴市第九次代表大会 share only the head word
    front_a, front_b = short[:-n], full[:-n]
    if _NUMBER.search(front_a) and _NUMBER.search(front_b):
        return False
    owner_a, owner_b = _front_owner(front_a), _front_owner(front_b)
    if owner_a is not None and owner_b is not None:
        return owner_a[0] == owner_b[0] and (owner_a[1] or owner_b[1])
    # the full form names whose or which event it is, the short one only qualifies it (离退休干部 beside
    # 上海市老干部…暨); two bare qualifiers (青年/妇女干部培训班开班仪式) are two events
    marked_a = owner_a is not None or _NUMBER.search(front_a) is not None
    marked_b = owner_b is not None or _NUMBER.search(front_b) is not None
    return marked_a != marked_b


# 自治区十四届人大三次会议 for 新疆维吾尔自治区第十四届人民代表大会第三次会议: a session of a legislature named by
# its term (届) and number, with the body's short form and 第 left out and the owner's name cut to its level
# word (自治区, 省, 市) or left whole.
_TERM_MARK = "届"


def _expanded_session(name: str) -> str:
    """The session's name with the body's standard short forms spelt out and no 第 before an ordinal."""
    for short, full in word_table("event_body_abbreviations.txt").items():
        if short in name and full not in name:
            name = name.replace(short, full)
            break
    return _ORDINAL_MARK.sub("", name)


def is_short_session(short: str, full: str) -> bool:
    """`short` (自治区十四届人大三次会议) names the session `full` names in full: with the short forms spelt out
    and 第 dropped, `full` ends with `short`, which keeps the term (届) and the legislature."""
    if short == full or _TERM_MARK not in short:
        return False
    a, b = _expanded_session(short), _expanded_session(full)
    if a == b:
        return True
    bodies = word_table("event_body_abbreviations.txt").values()
    return any(body in a for body in bodies) and b.endswith(a)


def is_short_event_name(short: str, full: str) -> bool:
    """`short` names the event `full` names: the congress's short form (省第十二次党代会), the name with a
    standard short form in front (政协X第四次会议 for 中国人民政治协商会议X第四次会议), a variant of it
    (`is_event_variant`), or the same ceremony under another ceremony word (`is_same_ceremony`)."""
    if (
        is_short_congress(short, full)
        or is_short_session(short, full)
        or is_event_variant(short, full)
        or is_same_ceremony(short, full)
        or is_same_event_tail(short, full)
    ):
        return True
    table = word_table("event_name_abbreviations.txt")
    return any(short.startswith(word) and table[word] + short[len(word) :] == full for word in table)


def body_plenary_spans(text: str) -> list[CharSpan]:
    """新区二届人大常委会举行第八次全体会议: a body's numbered plenary it holds is an event, though a bare
    第N次全体会议 is none (`names_no_event`); the body is named right before the holding verb."""
    holders = tuple(word_list("event_plenary_holders.txt"))
    found: list[CharSpan] = []
    for match in _SITTING.finditer(text):
        verb = next((v for v in _HOLDING if text.endswith(v, 0, match.start())), None)
        if verb is not None and text.endswith(holders, 0, match.start() - len(verb)):
            found.append((match.start(), match.end(), "Event"))
    return found


# 区人大常委会主任会议关于提请…的议案 (e03): a standing committee's 主任会议 is its council of chairpersons, a
# body that proposes bills; one sitting of it is numbered (第十次主任会议) and is a meeting.
_COUNCIL_OF_CHAIRS = re.compile("(?:常委会|常务委员会)主任会议$")
_NUMBERED_SITTING = re.compile(f"第{COUNT}次")


def is_council_of_chairs(name: str) -> bool:
    """X人大常委会主任会议 without a sitting's number: the organisation, not a meeting."""
    return _COUNCIL_OF_CHAIRS.search(name) is not None and _NUMBERED_SITTING.search(name) is None


def names_no_event(name: str) -> bool:
    """A span the event rules found that is no event: a term's congress, a sitting, a bare 仪式, a head word
    with only a describing word before it (重要会议)."""
    return (
        is_term_body(name)
        or _SITTING.fullmatch(name) is not None
        or name in word_list("event_heads_never_alone.txt")
        or _only_described(name)
    )


def _only_described(name: str) -> bool:
    """…关键节点召开的一次重要会议: an evaluative or kind word before the head describes a meeting, it names
    none (event_generic_modifiers.txt); 党政联席会议, 全县重点工作推进会 name one."""
    heads = word_table("event_words.txt")
    return any(
        name.startswith(modifier) and name[len(modifier) :] in heads
        for modifier in word_list("event_generic_modifiers.txt")
    )


def object_continues(text: str, head_end: int) -> bool:
    """举办…四中全会精神学习班: the head is inside the convened object, not its end."""
    return any(text.startswith(word, head_end) for word in word_list("event_object_continuations.txt"))


# 75周年, 七十周年: the anniversary an event celebrates.
_ANNIVERSARY = re.compile(f"{COUNT}周年")
# An anniversary ending right before a head word, or before a link word in front of it.
_ANNIVERSARY_BEFORE = re.compile(_ANNIVERSARY.pattern + r"$")


def anniversary_event_spans(doc: Doc, heads: re.Pattern[str], nominal_tags: set[str]) -> list[CharSpan]:
    """庆祝中国人民政治协商会议成立75周年大会, 海北州建政70周年庆祝活动: (opener) subject (verb) N周年 (link)
    head. The subject is the nominal words before the anniversary, with at most one verb after them
    (成立, 建政, 回归); the walk over nominal words alone stops at that verb."""
    text = tokens.doc_text(doc)
    words = word_table("event_anniversary.txt")
    found: list[CharSpan] = []
    for match in heads.finditer(text):
        before = text[max(0, match.start() - 4) : match.start()]
        link = next((w for w in words if before.endswith(w)), "")
        anniversary = _ANNIVERSARY_BEFORE.search(
            text, max(0, match.start() - len(link) - 8), match.start() - len(link)
        )
        if anniversary is None:
            continue
        token = tokens.token_at(doc, anniversary.start())
        if token is None or token.idx != anniversary.start() or token.i == 0:
            continue
        i = token.i - 1
        if doc[i].tag_ == "v" and doc[i].text not in words:
            i -= 1  # 成立, 建政, 回归
        subject_end = i
        while i >= 0 and doc[i].tag_ in nominal_tags and doc[i].text not in words:
            i -= 1
        if i == subject_end:
            continue  # no subject: 75周年大会 alone names no event
        if i >= 0 and words.get(doc[i].text) == "opener":
            i -= 1
        found.append((doc[i + 1].idx, match.end(), "Event"))
    return found


# 一场题为“加强领导干部作风建设”的研讨活动: the title a talk or seminar is given, then (的, a short qualifier
# such as 专题) its event head word.
_TITLED = "题为"
_TITLE_CHARS = 30
_TITLE_QUALIFIER_CHARS = 4


def titled_event_spans(text: str, heads: re.Pattern[str]) -> list[CharSpan]:
    """f05: 一场题为“加强领导干部作风建设”的研讨活动,在…党校悄然举行 — what is given a title (题为) and ends in an
    event head is one dated event named by its title, though a quoted name before a type word is otherwise
    a programme's; the span runs from the opening quote to the head."""
    pattern = re.compile(
        f"{_TITLED}([“《][^”》\n]{{2,{_TITLE_CHARS}}}[”》]的?[{HAN}]{{0,{_TITLE_QUALIFIER_CHARS}}}?"
        f"(?:{heads.pattern}))"
    )
    return [(m.start(1), m.end(1), "Event") for m in pattern.finditer(text)]


_LINKED_TITLE = re.compile("([”》])的")


def without_title_link(name: str) -> str:
    """“加强领导干部作风建设”的研讨活动 → “加强领导干部作风建设”研讨活动: the 的 linking a quoted title to its
    head word is no part of the event's name (the gold writes “铁军打造”工程 as 铁军打造工程 likewise)."""
    return _LINKED_TITLE.sub(r"\1", name)


# 党的十八大报告、十九大报告: a later congress of a list after 党的N大 leaves 党的 out (the fresh page
# hedong.gov.cn/info/9615/130777.htm); what may stand between (报告, 精神, 以来) is a short noun. A list of
# congresses counts upwards, so a smaller ordinal is a word's (党的十八大以来和一大批, 十九大精神和三大攻坚战).
_LISTED_CONGRESS = re.compile(rf"[{HAN}]{{0,4}}?[、和及与](({_CONGRESS_ORDINAL})大(?![会学厦楼]))")


# 县十七次党代会和镇十三次党代会 (the fresh page pingli.gov.cn/Content-2370384.html): a level's congress by its
# ordinal, whatever LAC makes of the level character (it tags 镇 there a numeral, or fuses 和镇).
_LEVEL_CONGRESS = re.compile(f"[省市县区州镇乡]第?{COUNT}次党(?:代会|代表大会)")


def party_congress_spans(text: str) -> list[CharSpan]:
    """党的二十大: a dated one-off, named by its ordinal alone; 十九大 after it in a list (党的十八大、十九大) too,
    and a level's congress by its ordinal (镇十三次党代会); a longer name the walk finds holds the latter."""
    found: list[CharSpan] = [(m.start(), m.end(), "Event") for m in _LEVEL_CONGRESS.finditer(text)]
    for match in _PARTY_CONGRESS.finditer(text):
        found.append((match.start(), match.end(), "Event"))
        end, ordinal = match.end(), parse_chinese_number(match.group(1)) or 0
        while (listed := _LISTED_CONGRESS.match(text, end)) is not None:
            listed_ordinal = parse_chinese_number(listed.group(2)) or 0
            if listed_ordinal <= ordinal:
                break
            found.append((listed.start(1), listed.end(1), "Event"))
            end, ordinal = listed.end(), listed_ordinal
    return found


# Between a meeting's name and the verb of learning: 上 or 中 (从…会议上获悉).
_LEARNED_PLACE = ("上", "中")
_LEARNED_NAME_CHARS = 40
# What a learned-from name may not hold: a clause break, brackets of a byline, a space.
_NOT_IN_LEARNED_NAME = re.compile(r"[,，。;；:：!！?？()（）《》\s]")


def _first_opener(text: str, window: int, end: int, openers: tuple[str, ...], taken: tuple[str, ...]) -> int:
    """The first opener of the clause before `end` that no longer word holds (在职, 正在): 王强在全市在职党员干部大会上
    讲话 opens at 在全市. -1 when there is none."""
    breaks = [m.end() for m in _NOT_IN_LEARNED_NAME.finditer(text, window, end)]
    start = breaks[-1] if breaks else window
    for i in range(start, end):
        if not text.startswith(openers, i):
            continue
        if any(0 <= text.find(word, max(0, i - len(word) + 1), i + len(word)) <= i for word in taken):
            continue  # 正在|召开的…会议上, 所在…, 在职…: the 在 is part of another word
        return i
    return -1


def learned_event_spans(text: str, heads: re.Pattern[str], non_openers: set[str]) -> list[CharSpan]:
    """记者从省脱贫攻坚专项巡视整改办调度会获悉: the meeting between 从/在 and (上)获悉 is a one-off event the
    news came from, its name the whole text between them (a determiner, 从本次会议上获悉, names none)."""
    cues = word_table("event_learned_cues.txt")
    openers = tuple(word for word, modes in cues.items() if "opener" in modes.split(","))
    verbs = tuple(word for word, modes in cues.items() if "verb" in modes.split(","))
    frames = tuple(word for word, modes in cues.items() if "frame" in modes.split(","))
    taken = tuple(word for word, modes in cues.items() if "not_frame" in modes.split(","))
    found: list[CharSpan] = []
    for match in heads.finditer(text):
        place = text[match.end() : match.end() + 1]
        after = match.end() + (1 if place in _LEARNED_PLACE else 0)
        window = max(0, match.start() - _LEARNED_NAME_CHARS)
        if text.startswith(verbs, after):
            opener = _first_opener(text, window, match.start(), openers, taken)
        elif place == "上":
            opener = _first_opener(text, window, match.start(), frames, taken)
        else:
            continue
        if opener < 0:
            continue
        start = after_last_de(text, opener + 1, match.start())
        name = text[start : match.end()]
        if len(name) <= len(match.group()) + 1 or _NOT_IN_LEARNED_NAME.search(name):
            continue
        if not _NAME_START.match(name) or name[0] in non_openers:
            continue
        found.append((start, match.end(), "Event"))
    return found


# 举办了2次专题座谈会, 先后召开三场推进会, 多次举办培训会: a count of meetings before the head names several
# held over time, not one dated event.
_SEVERAL = re.compile(f"^[了的]?(?:先后|共|累计)?(?:多|数|几|{COUNT})[次场期]")


def several_held(lead: str) -> bool:
    """The text between a convening verb and an event's name counts more than one meeting."""
    found = _SEVERAL.match(lead)
    if found is None:
        return False
    count = found.group()[:-1].lstrip("了的").removeprefix("先后").removeprefix("共").removeprefix("累计")
    return count not in {"一", "1"}


def held_event_spans(doc: Doc, heads: re.Pattern[str], non_openers: set[str]) -> list[CharSpan]:
    """X大会在北京举行 / X会议于6月5日在…召开 / X博览会20日在成都隆重开幕: the clause before the head is the event's name, whatever
    LAC's words inside it, without the leading time words and anything up to a 的 (…协办的2014年首届…晚会)."""
    text = tokens.doc_text(doc)
    held = [word for word, mode in word_table("event_cues.txt").items() if mode == "any"]
    verbs = tuple(sorted([*held, *word_list("event_held_verbs.txt")], key=len, reverse=True))
    found: list[CharSpan] = []
    for match in heads.finditer(text):
        if not _held_after(text, _past_time_words(doc, match.end()), verbs):
            continue
        window = max(0, match.start() - _HELD_NAME_CHARS)
        start = max(
            (m.end() for m in CLAUSE_BREAK.finditer(text, window, match.start())),
            default=-1 if window else 0,
        )
        if start < 0:
            continue  # the clause is longer than a name can be
        start = max((m.end() for m in _BYLINE.finditer(text, start, match.start())), default=start)
        start = after_last_de(text, _skip_time_words(doc, start, match.start()), match.start())
        start = _after_meeting_verb(doc, heads, start, match.start())
        start += next((len(v) for v in word_list("event_clause_verbs.txt") if text.startswith(v, start)), 0)
        while start < match.start() and text[start].isspace():
            start += 1
        name = text[start : match.end()]
        if len(name) <= len(match.group()) + 1 or not _NAME_START.match(name):
            continue
        if name.count("”") + name.count("」") > name.count("“") + name.count("「"):
            continue  # the clause break fell inside a quoted slogan (“…,绿色无毒”禁毒主题活动)
        if name[0] in non_openers:
            continue  # 本次会议在…召开: a determiner refers to a meeting named elsewhere
        found.append((start, match.end(), "Event"))
    return found


def _held_after(text: str, end: int, verbs: tuple[str, ...]) -> bool:
    """The head at `end` is followed by 举行/召开…, directly or after 在…/于…, and the verb closes the
    clause: in 讨论决定了县人大六次会议召开时间 the meeting is an object, 召开时间 a noun."""
    gap = text[end : end + _HELD_GAP_CHARS]
    stop = _break_outside_quotes(gap)
    if stop is None and end + len(gap) < len(text):
        return False
    gap = gap[: stop.start()] if stop else gap
    if not gap.endswith(verbs):
        return False
    return gap.startswith(verbs) or gap.startswith(("在", "于"))


_BREAK_OR_QUOTE = re.compile(rf"{CLAUSE_BREAK.pattern}|[“「]|[”」]")


def _break_outside_quotes(gap: str) -> re.Match[str] | None:
    """The first clause break of `gap` not inside quotes: 在“汉水之源,羌族故里”的汉中市宁强县召开 (a fresh 2010
    Shaanxi page, sxhonor.com/thread-5124-1-418.html) is one place, its quoted epithet's comma no break."""
    depth = 0
    for found in _BREAK_OR_QUOTE.finditer(gap):
        mark = found.group()
        if mark in "“「":
            depth += 1
        elif mark in "”」":
            depth = max(0, depth - 1)
        elif depth == 0:
            return found
    return None


def _past_time_words(doc: Doc, end: int) -> int:
    """颁奖会4月25号在宁夏工人文化宫隆重举行: a date between the head and 在…举行 is no part of the gap."""
    token = tokens.token_at(doc, end)
    while token is not None and token.idx == end and token.tag_ in _TIME_TAGS:
        end = token.idx + len(token.text)
        token = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return end


def _skip_time_words(doc: Doc, start: int, limit: int) -> int:
    """Past the time words opening a clause (6月29日上午江西省… → 江西省…), never past a year alone."""
    token = tokens.token_at(doc, start)
    while token is not None and token.idx < limit:
        if token.text.isspace() or (token.tag_ in _TIME_TAGS and not token.text.endswith("年")):
            start = token.idx + len(token.text)
        else:
            break
        token = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return start


def _after_meeting_verb(doc: Doc, heads: re.Pattern[str], start: int, limit: int) -> int:
    """会议决定市第十五次党代会于…召开: a meeting that is the subject of a verb is not in the name."""
    text = tokens.doc_text(doc)
    for inner in heads.finditer(text, start, limit):
        token = tokens.token_at(doc, inner.end())
        if token is not None and token.idx == inner.end() and token.tag_ == "v":
            start = token.idx + len(token.text)
    return start


def after_last_de(text: str, start: int, limit: int) -> int:
    """…等单位协办的2014年首届…颁奖晚会: a modifier clause ending in 的 is not in the name (党的 is)."""
    at = text.rfind("的", start, limit)
    while at > start and text[at - 1] == "党":
        at = text.rfind("的", start, at - 1)
    return at + 1 if at >= start else start


# 座谈会暨业务培训会议, 全体(扩大)会议暨…工作会议: 暨 ("and at the same time") joins two meetings held as one;
# the joined name is the event's.
JOINED = "暨"
_JOINED_NAME_CHARS = 30


def joined_event_spans(text: str, spans: list[CharSpan], heads: re.Pattern[str]) -> list[CharSpan]:
    """全市社会工作部部长座谈会暨业务培训会议: an event name, 暨, and a second name ending in an event head in
    the same clause name one event; the nominal walk stops at 暨 (LAC tags it c) and the second half alone
    (业务培训会议) is seldom anchored."""
    found: list[CharSpan] = []
    for start, end, _ in spans:
        if not text.startswith(JOINED, end):
            continue
        second = end + len(JOINED)
        head = heads.search(text, second, second + _JOINED_NAME_CHARS)
        if head is None or head.end() - second <= len(head.group()) or not _NAME_START.match(text, second):
            continue
        if CLAUSE_BREAK.search(without_qualifiers(text[second : head.end()])):
            continue
        found.append((start, head.end(), "Event"))
    return found


def with_scope_list(text: str, start: int) -> int:
    """全省、全市社会工作部部长座谈会: a name opening with a scope word (全市) keeps the scope words
    、-joined before it (全省、), whose meeting it is as much; the walk stops at 、."""
    scopes = tuple(word_list("event_scope_prefixes.txt"))
    while text.startswith(scopes, start) and text.endswith("、", 0, start):
        before = next((s for s in scopes if text.endswith(s, 0, start - 1)), None)
        if before is None:
            break
        start -= 1 + len(before)
    return start


# 升旗仪式和招待酒会, 县第十三次党代会和县两会: a coordinator right after a head word joins two events.
_COORDINATORS = (*tokens.NAME_CONJUNCTIONS, "以及")


def follows_coordinated_event(text: str, start: int, heads: re.Pattern[str]) -> bool:
    """包括早上的升旗仪式和国庆酒会 (fresh page news.gov.hk …/20130927_160802): a name right after an event's head
    word and a coordinator is the second of two events, anchored by the first as a name of its own would be."""
    word = next((w for w in _COORDINATORS if text.endswith(w, 0, start)), None)
    if word is None:
        return False
    before = start - len(word)
    return any(m.end() == before for m in heads.finditer(text, max(0, before - _LONGEST_HEAD_CHARS), before))


# The longest event head word (event_words.txt) a coordinated name may follow.
_LONGEST_HEAD_CHARS = 5


def split_coordinated(text: str, span: CharSpan, heads: re.Pattern[str]) -> list[CharSpan]:
    """召开老同志通报会和党外人士民主协商会, 举行…升旗仪式和招待酒会: a name read across 和 after an event head
    holds two events; each is named by its own side of the coordinator, and a side that is a bare anchored
    head word (召开座谈会和培训会) names none, as in the walk."""
    start, end, label = span
    for inner in heads.finditer(text, start, end):
        word = next((w for w in _COORDINATORS if text.startswith(w, inner.end())), None)
        if inner.end() >= end or word is None:
            continue
        second = inner.end() + len(word)
        rest = text[second:end]
        if heads.search(rest) is None or not _NAME_START.match(rest):
            return [span]  # 会议和活动精神: what follows names no second event
        parts = [(start, inner.end(), label), *split_coordinated(text, (second, end, label), heads)]
        table = word_table("event_words.txt")
        return [part for part in parts if table.get(text[part[0] : part[1]]) != "anchored"]
    return [span]


def fuses_events(span: CharSpan, events: list[CharSpan]) -> bool:
    """老同志通报会和党外人士民主协商会 read by the model as one organisation: a span that opens with one event
    and closes with another is the two events (split_coordinated), not a name of its own."""
    starts = {s for s, e, _ in events if e < span[1]}
    ends = {e for s, e, _ in events if s > span[0]}
    return span[0] in starts and span[1] in ends


def sessions_in_bodies(text: str, spans: list[CharSpan], events: list[CharSpan]) -> list[CharSpan]:
    """审议通过自治区十四届人大三次会议主席团…名单: a session written only inside the body it forms (主席团,
    session_bodies.txt) is an event of the article too, also where that body is itself written inside an
    event's name (海南省五届人大五次会议主席团第二次会议, l07); spans may not overlap, so it is given beside
    `doc.ents`, as events inside programmes are."""
    bodies = tuple(word_table("session_bodies.txt"))
    kept = {(s, e) for s, e, label in spans if label == "Organization"}
    return [
        event
        for event in events
        if event not in spans
        and any(s == event[0] and text[event[1] : e] in bodies for s, e in kept)
    ]


# doc.user_data: {(start, end): name} for the events whose name is not their written span (a plenum of a list).
EVENT_NAMES_KEY = "event_names"
# 十九届二中、三中、四中全会 (k02), 二十届二中、三中全会 (a04): plenums of one term listed with the term and 全会
# written once; each is a session of its own, named in full as the gold and a single mention name it.
_LISTED_PLENUMS = re.compile(f"({COUNT}届)((?:{COUNT}中、)+{COUNT}中)全会")
_PLENUM_HEAD = "全会"
# 党的二十届三中全会 (b14, i05, l08): the party's plenum keeps 党的, as the party's congress does (党的二十大); in
# 中共二十届四中全会 the name is written whole (d04's gold).
_PARTY_OF = "党的"
_PLENUM = re.compile(f"{COUNT}届{COUNT}中全会")


# 中共贵州省委十一届四次、五次全会 (m07): a local party committee's plenums, numbered by 次, listed the same
# way; each is named with the committee written before the term, as a single one is (黔东南州委九届五次全会).
_LISTED_SESSIONS = re.compile(f"({COUNT}届)((?:{COUNT}次、)+{COUNT}次)(全会|全体会议)")
_COMMITTEE_END = "委"


def listed_plenum_spans(text: str, owner_start: Callable[[int], int] | None = None) -> list[tuple[CharSpan, str]]:
    """Each plenum of 十九届二中、三中、四中全会 with its full name: the first item's span holds the term, the
    last one's 全会; 党的 right before the list is each one's as well. Plenums by 次 (省委十二届六次、七次全会)
    are read only after a committee (…委) whose name starts at `owner_start(term start)`; the first span
    holds it and each name starts with it."""

    def party_start(start: int) -> int:
        return start - len(_PARTY_OF) if text.endswith(_PARTY_OF, 0, start) else start

    found = _listed(text, _LISTED_PLENUMS, party_start)
    if owner_start is not None:
        found += _listed(text, _LISTED_SESSIONS, owner_start, needs_owner=True)
    return found


def _listed(
    text: str, pattern: re.Pattern[str], front: Callable[[int], int], *, needs_owner: bool = False
) -> list[tuple[CharSpan, str]]:
    found: list[tuple[CharSpan, str]] = []
    for match in pattern.finditer(text):
        start = front(match.start())
        if needs_owner and (start == match.start() or not text.endswith(_COMMITTEE_END, 0, match.start())):
            continue
        owner = text[start : match.start()]
        head = match.group(3) if needs_owner else _PLENUM_HEAD
        items = match.group(2).split("、")
        at = match.start(2)
        for i, item in enumerate(items):
            first = start if i == 0 else at
            end = match.end() if i == len(items) - 1 else at + len(item)
            found.append(((first, end, "Event"), f"{owner}{match.group(1)}{item}{head}"))
            at += len(item) + 1
    return found


def opens_with_year(word: str, following: str) -> bool:
    """“…”2024年|环人民广场中央商务区党建联席会议12月26日举行 (s07): a year word (LAC: TIME) right before a
    walked name opens it — the gold convention keeps an event's year prefix (2021年中青年干部…培训班开班式, o06).
    A year's edition (2021年度…“大比武”活动擂台赛, LAC: 2021年|度村) names a recurring programme's round, no
    one-off event: `following` is the text right after the word."""
    return YEAR.fullmatch(word) is not None and not (word.endswith("度") or following.startswith("度"))


def plenum_spans(text: str) -> list[CharSpan]:
    """学习贯彻十八届六中全会精神 (t02): a plenum named by its term and number is one dated meeting whatever
    LAC cut it into (十八届/m 六/m 中/f 全会/n stops the nominal walk at 中); 党的 is added by `with_party_of`,
    a longer name the walk finds (中共二十届四中全会) wins over it."""
    return [(m.start(), m.end(), "Event") for m in _PLENUM.finditer(text)]


def with_party_of(text: str, span: CharSpan) -> CharSpan:
    """党的|十九届四中全会: a plenum's span takes in 党的 right before it."""
    start, end, label = span
    if _PLENUM.fullmatch(text, start, end) and text.endswith(_PARTY_OF, 0, start):
        return (start - len(_PARTY_OF), end, label)
    return span
