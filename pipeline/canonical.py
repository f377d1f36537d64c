"""Canonical names: one entity per name within a document, and deterministic ids across documents.

The genre writes organisations relative to the paper's own city (市委, 市政府, 市公务员局); they are expanded
with that city so that the same organ is the same node in every Pinghu article and different from
Pingdingshan's. Places take their full name from the administrative-division dataset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from cadregraph.pipeline.gazetteer import Division, gazetteer
from cadregraph.pipeline.lexicons import (
    level_words,
    longest_suffix,
    two_levels,
    word_list,
    word_set,
    word_table,
    world_places,
)
from cadregraph.pipeline.places_addresses import LEVEL_CHARS, TOWN_LEVELS
from cadregraph.schemas.text_units import COUNT, HAN

_QUOTES = re.compile(r"[“”\"「」『』‘’'《》\s]")


def strip_quotes(text: str) -> str:
    return _QUOTES.sub("", text)


@dataclass(frozen=True)
class HomePlace:
    """The city or county the publication reports on (平湖市), and its division when known."""

    name: str
    division: Division | None

    @property
    def party_committee(self) -> str:
        return party_committee_of(self.name)

    @property
    def government(self) -> str:
        return f"{self.name}人民政府"


_REGION = "自治区"
_REGION_COMMITTEE = "党委"


def party_committee_of(place: str) -> str:
    """The party committee of a division by its short name: 中共平湖市委, 中共澧县县委; an autonomous region's is its
    党委 (广西壮族自治区党委, never 中共广西壮族自治区委: every corpus gold, as 西藏自治区党委组织部 for its departments)."""
    if place.endswith(_REGION):
        return place + _REGION_COMMITTEE
    return f"中共{committee_owner(place)}委"


def committee_department_owner(place: str) -> str:
    """What a department of a division's party committee is named after: 平湖市委 (平湖市委组织部), 澧县县委, and an
    autonomous region's 广西壮族自治区党委 (广西壮族自治区党委组织部)."""
    if place.endswith(_REGION):
        return place + _REGION_COMMITTEE
    return committee_owner(place) + "委"


def committee_owner(name: str) -> str:
    """A party committee is named after its division's full name; a two-character one doubles its level word
    (澧县 → 澧县县委, 忠县县委组织部, as every corpus gold writes them), a longer one does not (平湖市委)."""
    return name + name[-1] if len(name) == 2 and name[-1] in "县区" else name


# Relative forms → how they expand; order matters (longest first).
_RELATIVE_PREFIXES = ("市委", "市政府", "市", "县委", "县政府", "县", "区委", "区政府", "区")

# A congress or a political consultative conference is named with its session (省十三届人大常委会, 政协第十一届
# 广西壮族自治区委员会), a government with its term (官底镇第十九届人民政府, elected by that session); the body is
# the same from one session to the next. 新一届 (the new term: 当选为新一届石景山区人大常委会委员, zzj01) is a term too.
TERM = re.compile(f"新一届|第?{COUNT}届")
# A year word (2020年, 二〇二〇年度): it opens a dated name (2020年“七·一”表彰大会, 2016年度吉林省…培训).
YEAR = re.compile("(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年度?")


@cache
def _term_levels() -> tuple[str, ...]:
    """Every level from the province down to the town, one level each (not 乡镇): division_levels.txt."""
    return tuple(w for w in level_words("province", "prefecture", "agency", "county", "township") if not two_levels(w))


def level_before_term(word: str, text: str, after: int) -> bool:
    """省|十二届人大常委会第二十七次会议 (s03), 辞去省/v|十二届/m|人大常委会委员: a level word alone right before a
    term's ordinal (TERM: 十二届, 第十四届) at `after` in `text` opens the name of the congress or its session, as
    the genre writes it, whatever the model tagged it (a lone 省 is often a verb, "to save")."""
    return word in _term_levels() and TERM.match(text, after) is not None
_SESSIONED_BODIES = ("人大", "人民代表大会", "政协", "政治协商会议", "政府")
# 政协X委员会 (the conference's formal name) is X政协; its standing committee (常务委员会) is X政协常委会.
_CONFERENCE = re.compile(r"(?:中国人民政治协商会议|政协)(.+?(?:省|市|县|区|州|旗|盟))委员会(.*)")
_PROVINCE_LEVELS = ("自治区", "省")
_NOT_OWNED_AFTER = set("省份级内外")  # 省份政府, 省级部门, 市内: not a body of the home's division
_AUTONOMOUS = {"县": "自治县", "旗": "自治旗", "州": "自治州"}  # a level word and its autonomous form
_AUTONOMOUS_LEVELS = tuple(_AUTONOMOUS.values())


@cache
def _formal_heads() -> tuple[tuple[str, str, str], ...]:
    """(short head, formal head, level words) of org_formal_heads.txt, longest short head first."""
    rows = []
    for head, value in word_table("org_formal_heads.txt").items():
        formal, _, levels = value.partition("\t")
        rows.append((head, formal, levels.strip()))
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


def _formal_name(name: str) -> str:
    """云南省政府 is 云南省人民政府, 通州区法院 通州区人民法院: a division's government, court or procuratorate
    written short takes its formal name (org_formal_heads.txt), so the short and the full form in one article
    are one body; 当地政府 (no division) is left alone, and so is a special administrative region's
    (澳门特别行政区政府, 特区政府: no people's government)."""
    for head, formal, levels in _formal_heads():
        owner = name[: -len(head)]
        if not name.endswith(head) or name.endswith(formal) or len(owner) < 2 or owner[-1] not in levels:
            continue
        return name if owner.endswith(_SAR_WORDS) else owner + formal
    return name


_SARS = ("香港", "澳门")
_SAR_WORDS = ("特区", "特别行政区")
_SAR_TERM = re.compile(f"^第?{COUNT}届")


def _special_region(name: str, home: HomePlace | None) -> str:
    """澳门特区行政会 is 澳门特别行政区行政会; in a Macau or Hong Kong paper 特区政府 and 特区第四届政府 are
    澳门特别行政区政府 (the corpus gold e01, d08), the term left out as a congress's session is."""
    own = home.name[:2] if home is not None and home.name.startswith(_SARS) else None
    for sar in _SARS:
        if name.startswith(sar + "特区"):
            name = sar + "特别行政区" + name[len(sar) + 2 :]
    if own is not None and name.startswith("特区"):
        name = own + "特别行政区" + name[2:]
    if own is not None and name in word_set("sar_bodies.txt"):
        name = own + "特别行政区" + name  # 立法会 in a Macau paper: the region's own organ
    for sar in _SARS:
        full = sar + "特别行政区"
        if name.startswith(full) and len(name) > len(full):
            name = full + _SAR_TERM.sub("", name[len(full) :])
    return name


def congress_name(name: str) -> str:
    """One name per congress or conference across its sessions and word orders: 云南省第十三届人大常委会 →
    云南省人大常委会; 政协第十一届广西壮族自治区委员会 → 广西壮族自治区政协; 中国人民政治协商会议沧源佤族
    自治县第十四届委员会常务委员会 → 沧源佤族自治县政协常委会; a government's term goes too (官底镇第十九届人民政府
    → 官底镇人民政府). Other names are returned unchanged."""
    if not any(body in name for body in _SESSIONED_BODIES):
        return name
    name = TERM.sub("", name)
    conference = _CONFERENCE.fullmatch(name)
    if conference is None:
        return name
    owner, rest = conference.groups()
    return owner + "政协" + ("常委会" if rest == "常务委员会" else rest)


def _without_province(name: str) -> str:
    """青海省海北州委 is 海北州委, 浙江省杭州市人民政府 杭州市人民政府: a province written before a body of one
    of its own cities or counties adds nothing to the body's name (the gold lists it as an alias). A body
    of the province itself (青海省人民政府) keeps it."""
    places = gazetteer()
    for cut in (2, 3, 4, 5):
        province = places.resolve(name[:cut])
        if province is None or province.level != "province":
            continue
        rest = name[cut:]
        for length in (4, 3, 2):
            inner = places.lookup(rest[:length], province) if len(rest) > length else []
            if any(province in d.chain[1:] and d.level in ("city", "county") for d in inner):
                return rest
    return name


def relative_owner(prefix: str, home: HomePlace) -> str | None:
    """The division a relative prefix means in a paper of `home`: 省 or 自治区 its province (省委 in a
    Kunming paper is 云南省委). None when the home division is unknown or has no such level."""
    if home.division is None:
        return None
    province = home.division.chain[-1]
    if province.level == "province" and province.name.endswith(prefix):
        return province.name
    return None


_PARTY_FORMAL = re.compile("中共(.+)委员会")


def _party_committee_short(name: str) -> str:
    """中共黄平县委员会 is 中共黄平县委 (every corpus gold names a division's party committee by its short form and
    keeps the formal one as an alias). A region's committee (广西壮族自治区委员会, the 自治区党委) and a committee
    of no division (中共上海建工房产有限公司委员会, a street's 社区委员会) keep their names."""
    formal = _PARTY_FORMAL.fullmatch(name)
    if formal is None or formal.group(1).endswith("自治区") or gazetteer().resolve(formal.group(1)) is None:
        return name
    return f"中共{formal.group(1)}委"


def canonical_organisation(name: str, home: HomePlace | None) -> str:
    """市委 → 中共平湖市委; 市委组织部 → 平湖市委组织部; 市政府 → 平湖市人民政府; 市公务员局 → 平湖市公务员局;
    省委 → 中共浙江省委 and 省人大常委会 → 浙江省人大常委会 (the home's province); congress and conference
    names without their session (congress_name), but a body a session forms keeps its name as written."""
    if "会议" in name and longest_suffix(name, word_list("session_bodies.txt")):
        return strip_quotes(name)  # 自治区政协十二届一次会议主席团: a session's body, named with the session
    name = _party_committee_short(strip_quotes(name))
    name = _special_region(_formal_name(_without_province(congress_name(_without_deictic_owner(name)))), home)
    if name == "党中央":
        return "中共中央"  # the party's central committee by its party-relative form, as 市委 is 中共平湖市委's
    if name == "中央":
        # 受中央委派: the party's central committee (every corpus gold); in Hong Kong's and Macau's papers the
        # central government (e02: 中央任命第五屆港府主要官員)
        return "中央政府" if home is not None and home.name.startswith(_SARS) else "中共中央"
    if home is None:
        return name
    for prefix in _PROVINCE_LEVELS:
        owner = relative_owner(prefix, home) if name.startswith(prefix) else None
        if owner is not None and name[len(prefix) : len(prefix) + 1] not in _NOT_OWNED_AFTER:
            return _expanded(owner, name[len(prefix) :])
    if name in _bare_departments():
        return committee_department_owner(home.name) + name  # 市委常委、宣传部部长: the home committee's department
    name = _one_character_level(name, home)
    level = home.name[-1]  # 市, 县 or 区
    if name in (
        f"{home.name}委",
        f"{home.name}{level}委",  # 黑河市市委: the level word written twice, as papers often do
        f"中共{home.name}委",
        home.party_committee,
        home.party_committee[2:],
    ):
        return home.party_committee
    parent = _parent_city(home)
    if parent is not None and name.startswith(parent[-1]) and name[1:].startswith(PARENT_BODIES):
        return _expanded(parent, name[1:])  # 市委组织部 in a county's paper: its city's
    if _bare_bureau(name, home):
        return home.name + name  # 财政局 in 紫阳县's paper (县政府办、公安局、财政局): the home's bureau
    if not name.startswith(level) or name[1:2] in _NOT_OWNED_AFTER or name.startswith(level + level):
        return _formal_name(name)
    if name in (f"{level}委", f"{home.name}委", f"中共{home.name[:-1]}{level}委"):
        return home.party_committee  # 市委, 平湖市委 and 中共平湖市委 are one body
    return _expanded(home.name, name[1:])


# The writer's own school written by deixis (我校继续教育学院, 在本校礼堂召开): one definition for the rules.
DEICTIC_SCHOOL_OWNERS = ("我校", "我院", "本校", "本院", "该校")
_DEICTIC_REST = 4  # a unit's own name after the owner: 继续教育学院, 干部培训中心 (院党委, 校团委 stay as written)


def _without_deictic_owner(name: str) -> str:
    """deictic_owner: 我校继续教育学院 and 校继续教育学院 (LAC's 我/r 校继续教育学院/n) are the writer's school's
    unit, written elsewhere as 继续教育学院: the unit's own name, so the forms are one body. A bare 校 counts
    only where it makes no word with the next character (校园文化中心, 校区管委会 keep it); a bare 院 never
    (院士工作站)."""
    from cadregraph.pipeline.lexicons import common_words

    for owner in (*DEICTIC_SCHOOL_OWNERS, "校"):
        rest = name[len(owner) :]
        if not name.startswith(owner) or len(rest) < _DEICTIC_REST:
            continue
        if owner == "校" and (owner + rest[0] in common_words() or rest[0] == "区"):
            continue
        if longest_suffix(rest, word_list("org_suffixes.txt")):
            return rest
    return name


def opens_with_division(text: str) -> bool:
    """遂宁市人大常委会, 杭州日报: the word opens with a province, city or county's name; a full county name
    that two provinces share (通州区人民法院: Beijing's and Nantong's) opens it as well."""
    places = gazetteer()
    return any(
        places.resolve(text[:n]) is not None
        or any(d.level in _NAMED_LEVELS for d in places.by_name.get(text[:n], []))
        for n in (2, 3, 4)
        if n < len(text)
    )


_NAMED_LEVELS = ("province", "city", "county")


def _bare_bureau(name: str, home: HomePlace) -> bool:
    """bare_bureau: a city's or county's paper writes its own government's bureaus with no owner at all
    (公安局、财政局 in a list after 县政府办; 水利局, 农业农村局): a name of a domain (2 to 5 characters) and 局,
    with no level word or division opening it, is the home's bureau, as the corpus gold names it (紫阳县财政局).
    Hong Kong's and Macau's bureaus (旅游局, 民政事务局) keep their names as written."""
    if not name.endswith("局") or not 3 <= len(name) <= 6 or home.name.startswith(_SARS):
        return False
    if any(ch in _BUREAU_NUMERALS for ch in name):
        return False  # 中铁十局: a company's numbered bureau, no government's
    if home.name[-1] not in "市县区" or name.startswith(("国家", "中国", "全国", *word_list("admin_prefixes.txt"))):
        return False
    return not opens_with_division(name) and name[0] not in REFERRING_OPENERS


# a determiner or pronoun that refers to a body named elsewhere (该局, 本局, 我校, 各局): no body's own name opens
# with one
REFERRING_OPENERS = frozenset("该本各我其此每")
_BUREAU_NUMERALS = set("一二三四五六七八九十0123456789")  # 该局, 本局: a reference to a bureau named before


# Level words of more than one character a home's name ends in; its paper writes the relative form with the
# whole word (自治县委, 新区人大常委会) as often as with the last character (县委, 区人大常委会).
_COMPOUND_LEVELS = (*_AUTONOMOUS_LEVELS, "新区", "林区")


def _one_character_level(name: str, home: HomePlace) -> str:
    """自治县委 in 石林彝族自治县's paper is 县委, 新区二届人大常委会 in 滨海新区's 区人大常委会: the compound level
    word of the home's own name, written for the home, is read as its last character. Other names, and a
    level word of another kind (新区 in a county's paper), are left alone."""
    for word in _COMPOUND_LEVELS:
        rest = name[len(word) :]
        if home.name.endswith(word) and name.startswith(word) and rest and rest[0] not in _NOT_OWNED_AFTER:
            return word[-1] + rest
    return name


@cache
def _bare_departments() -> frozenset[str]:
    """The party committee's departments of the title-chain grammar that name a department when written
    alone (宣传部, 统战部); 办公室, 党校 and 秘书长 name other things as often."""
    from cadregraph.pipeline.title_chain import chain_grammar

    return chain_grammar().committee_departments - _NOT_BARE_DEPARTMENTS


_NOT_BARE_DEPARTMENTS = frozenset({"办公室", "委办", "党校", "秘书长"})


# What follows the parent city's level word in a county's paper when it names the city's body (市委, 市委组织部,
# 市政府, 市人大常委会, 市政协, 市纪委, 州委); 市场监管局 and the like are left alone.
# The head words of a development zone's name (秀洲高新区, 平湖经济技术开发区): a body, or a place where the text
# uses it as one (an address's link before its towns: 重庆高新区白市驿镇海龙村).
ZONE_HEADS = ("开发区", "经开区", "高新区", "新区", "园区")
PARENT_BODIES = ("委", "政府", "人民政府", "人大", "政协", "纪委")


def _parent_city(home: HomePlace) -> str | None:
    """The prefecture a county- or district-level home lies in (盐边县 → 攀枝花市, 共和县 → 海南藏族自治州 is
    left out: its level word is no one character), when its level word differs from the home's."""
    division = home.division
    if division is None or division.level != "county" or division.parent is None:
        return None
    parent = division.parent
    if parent.level != "city" or parent.name[-1] not in "市州盟" or parent.name[-1] == home.name[-1]:
        return None
    return None if parent.name.endswith("自治州") else parent.name


def _expanded(owner: str, rest: str) -> str:
    """A relative name with its owner written out: 委 → 中共X委, 政府 → X人民政府, anything else → X + rest
    (a committee's body after the committee's owner: 澧县 + 委组织部 → 澧县县委组织部)."""
    if rest == "委":
        return party_committee_of(owner)
    if rest.startswith("委"):
        return committee_department_owner(owner) + rest[1:]
    return _formal_name(owner + rest)


def canonical_programme(name: str, home: HomePlace | None) -> str:
    """平湖“铁军打造”工程 in a Pinghu paper is the same programme as 铁军打造工程: ids are scoped by the home
    place already, so its own name before a programme's is left out (the written form stays an alias). A place
    that opens a body's name stays (南京市委基层组织负责人培训班: 南京市委 runs it, 委… is no name)."""
    name = strip_quotes(name)
    if home is None:
        return name
    bodies = ("委", *word_list("org_suffixes.txt"))
    for owner in (home.name, home.name[:-1] if len(home.name) > 2 else ""):
        if owner and name.startswith(owner) and len(name) - len(owner) >= 4:
            return name if name.startswith(bodies, len(owner)) else name[len(owner) :]
    return name


@lru_cache(maxsize=1 << 16)
def listed_place(name: str, home: HomePlace | None) -> bool:
    """The gazetteer resolves the name from the home, or the world list, the country list or the region list
    holds it: what a rule or a scorer on a word's shape must never reject (双城 alone resolves to no one
    双城区)."""
    return (
        canonical_place(name, home)[1] is not None
        or name in world_places()
        or name in word_list("regions.txt")
        or name in word_list("countries.txt")
    )


@lru_cache(maxsize=1 << 16)
def canonical_place(name: str, home: HomePlace | None) -> tuple[str, Division | None]:
    """The full administrative name (平湖 → 平湖市, 新仓 → 新仓镇), nearest the home place first.
    Cached: a pure function of the gazetteer, and the place rules ask it about the same prefixes of every
    candidate span again and again (31,000 calls for the five seeds four times over)."""
    name = strip_quotes(name)
    places = gazetteer()
    within = home.division if home else None
    division = places.resolve(name, within)
    if division is None and within is not None:
        for suffix in ("镇", "街道", "乡"):
            candidate = places.resolve(name + suffix, within)
            if candidate is not None and candidate.level == "town":
                division = candidate
                break
    if division is not None and (division.name == name or name in _short_forms(division, name)):
        return division.name, division
    autonomous = _autonomous_division(name, within)
    if autonomous is not None:
        return autonomous.name, autonomous
    return name, None




def _autonomous_division(name: str, within: Division | None) -> Division | None:
    """沧源县 is 沧源佤族自治县, 石林县 石林彝族自治县: an autonomous division written with its short form
    and the plain level word. One division of that short form and kind (nearest the home place first)."""
    level_word = name[-1:]
    if len(name) < 3 or level_word not in _AUTONOMOUS or gazetteer().by_name.get(name):
        return None
    found = [d for d in gazetteer().lookup(name[:-1], within) if d.name.endswith(_AUTONOMOUS[level_word])]
    if within is not None:
        near = [d for d in found if within.chain[-1] in d.chain]
        found = near or found
    unique = {d.key: d for d in found}
    return next(iter(unique.values())) if len(unique) == 1 else None


def _short_forms(division: Division, name: str) -> set[str]:
    forms = {division.short} if division.short else set()
    for suffix in ("镇", "街道", "乡"):
        if division.name.endswith(suffix):
            forms.add(division.name[: -len(suffix)])
    return {f for f in forms if f}


def is_abbreviation(short: str, full: str) -> bool:
    """平湖经开区 abbreviates 平湖经济技术开发区: same first character, an ordered subsequence with a gap.

    A plain prefix is a parent, not an abbreviation (平湖市委 is not short for 平湖市委组织部)."""
    if len(short) >= len(full) - 1 or len(short) < 3 or short[0] != full[0] or full.startswith(short):
        return False
    if _with_short_congress_words(full) == short:
        return True  # 青海省人大常委会代表资格审查委员会 of 青海省人民代表大会常务委员会代表资格审查委员会 (m05)
    if _skips_a_body(short, full) or _own_head_word(short, full):
        return False
    if _adds_a_division(short, full) or _names_a_body_inside(short, full) or _committee_of_another_body(short, full):
        return False
    pos = 0
    for ch in short:
        pos = full.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


_COUNT_WORDS = ("部分", "个", "各")


def counted_levels(text: str, level: int) -> bool:
    """6个|市县委, 部分|市县委, 各|市县: level words after a count, 部分 or 各 stand for every division of those
    levels counted, no one body (components._paired_committees, short_forms.coordinated_levels)."""
    return text[:level].endswith(_COUNT_WORDS)


def is_two_character_short_form(short: str, full: str) -> bool:
    """浙大 is 浙江大学's short form (b03, p06: 赴浙大培训 after 在浙江大学举办): the full name's first character
    and its head's one character (two_character_short_heads.txt). The full name is exactly two characters before
    the head (浙江 + 大学): 浙江工业大学 and 南京农业大学 are other universities, not 浙大 or 南大."""
    if len(short) != 2 or short[0] != full[0]:
        return False
    heads = word_table("two_character_short_heads.txt")
    head = longest_suffix(full, tuple(heads))
    return head is not None and heads[head] == short[1] and len(full) - len(head) == 2


def _company_core(name: str) -> str:
    """中建三局集团有限公司 → 中建三局: the name without its legal form and group word (org_company_forms.txt)."""
    for _ in range(2):
        form = longest_suffix(name, word_list("org_company_forms.txt"))
        if form is None or len(name) - len(form) < 2:
            break
        name = name[: -len(form)]
    return name


# Divisions opening a body's name: 蒸湘区呆鹰岭镇 of 蒸湘区呆鹰岭镇中平村股份经济合作社.
_DIVISION_RUN = re.compile(rf"(?:[{HAN}]{{1,6}}?(?:省|自治区|市|州|区|县|旗|镇|乡|街道))+")
_RELATIVE_NAME_MIN = 4  # 镇委党校; 镇委 alone is left to the home's expansion
_OWN_NAME_MIN = 4  # 中平村股份经济合作社; a shorter tail (人民政府, 县委) is left to the short-form rules


def address_free_name(name: str) -> str | None:
    """禹城市伦镇视界牧业特色养殖基地, 乐陵市铁营镇东亚飞蝗养殖基地: a body that takes a proper name of its own (a
    brand, not a kind: no level word, no party or state head after the address) written after the address of
    the town it stands in; the name without the address, as the corpus gold names such bodies (p04, n01), or
    None. 长子县融媒体中心 and 平湖市人民政府 keep their division (a kind of
    body the division owns), and so does 蒸湘区呆鹰岭镇中平村股份经济合作社 (a village's body opens with it)."""
    run = _DIVISION_RUN.match(name)
    # the address must reach the town the body stands in
    if run is None or run.end() < 3 or not name[: run.end()].endswith(TOWN_LEVELS):
        return None  # 深圳市新博电科技开发有限公司: a city opening a company's registered name is part of it
    rest = name[run.end() :]
    if len(rest) < _OWN_NAME_MIN + 1 or rest[0] in LEVEL_CHARS or rest.startswith(_BODY_OPENINGS):
        return None
    if gazetteer().resolve(name[: run.end()]) is None and gazetteer().resolve(name[:3]) is None:
        return None
    if longest_suffix(rest, word_list("address_body_heads.txt")) is None:
        return None
    return rest


_BODY_OPENINGS = ("委", "人大", "政协", "政府", "人民", "党", "纪委", "公安", "村", "社区")


def _short_division_name(prefix: str) -> bool:
    """山东, 嘉兴: the gazetteer's short name of a province or a city (no level word written)."""
    found = gazetteer().resolve(prefix) if len(prefix) >= 2 else None
    return found is not None and found.short == prefix and found.level in ("province", "city")


PARTY_PREFIX = "中共"
# the eight democratic parties, whose committees are named party + division + 委/委会 (民进河南省委, 致公党海南省委会)
_DEMOCRATIC_PARTIES = ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟")
_PARTY_OWNED_MIN = 4  # 省委党校 and longer; 中共中央 has its own rule (党中央, 中央)


def is_second_plaque(name: str) -> bool:
    """second_plaque: 中共广安市委党校(小平干部学院), 上海市团校(上海青年管理干部学院), 诸暨市委党校(枫桥学院): a body
    named in brackets right after another body's name is the same institution under its second plaque (一个机构
    两块牌子), an alias of the first, as the corpus gold writes it (c05, q01, v02, zc06). The bodies of
    parallel_plaques.txt (国家行政学院 after 中央党校) are bodies of their own, and so is any body of a kind
    second_plaque_heads.txt does not list (平湖市监察委员会 after its 纪委)."""
    return (
        longest_suffix(name, word_list("second_plaque_heads.txt")) is not None
        and longest_suffix(name, word_list("parallel_plaques.txt")) is None
    )


def same_body(short: str, full: str) -> bool:
    """same_body: two written forms of one organisation that no abbreviation rule joins: a company with or
    without its legal form (中建三局 and 中建三局集团有限公司, 中国交通建设股份公司 and 中国交通建设股份有限公司), a
    body with or without the divisions that open its name (中平村股份经济合作社 and 蒸湘区呆鹰岭镇中平村股份经济合作社),
    and a body whose level word alone stands for its division written in the fuller form (镇委党校, 均安镇委党校)."""
    if short == full:
        return False
    written_short, written = _with_short_congress_words(short), _with_short_congress_words(full)
    if (written_short, written) != (short, full):
        # 金湾区人大常委会代表资格审查委员会 of 珠海市金湾区人民代表大会常务委员会代表资格审查委员会 (e03), and
        # 金湾区人民代表大会常务委员会 of 珠海市金湾区人民代表大会常务委员会: the congress written short on both
        # sides, the rest compared as it stands; one name in two forms joins the longer form only
        if written_short == written:
            return len(short) < len(full)
        return same_body(written_short, written)
    if len(short) >= len(full):
        return False
    if full == PARTY_PREFIX + short and len(short) >= _PARTY_OWNED_MIN:
        return True  # 贵州省委党校 of 中共贵州省委党校: the party's body with or without 中共 before its name
    party = next((p for p in _DEMOCRATIC_PARTIES if short.startswith(p) and full.startswith(p)), None)
    if party is not None and len(short) > len(party):
        # 致公党省委会 of 致公党海南省委会: a democratic party's committee whose level word stands for its division
        return same_body(short[len(party) :], full[len(party) :])
    core = _company_core(full)
    if core != full and core == _company_core(short):
        return True
    if (
        len(short) >= _RELATIVE_NAME_MIN
        and full.endswith(short)
        and short[0] in LEVEL_CHARS
        and _DIVISION_RUN.fullmatch(full[: -len(short)] + short[0]) is not None
        and longest_suffix(short, word_list("org_suffixes.txt")) is not None
    ):
        return True  # 镇委党校 of 均安镇委党校: the level word alone stands for the division written before it
    if full.endswith(short) and len(short) >= 2 and _short_division_name(full[: -len(short)]):
        # 商报 of 山东商报: a province's or a city's short name opening the longer form
        head = longest_suffix(short, (*word_list("org_suffixes.txt"), *word_list("media_heads.txt")))
        return head is not None and head != short
    return (
        len(short) >= _OWN_NAME_MIN
        and full.endswith(short)
        and _DIVISION_RUN.fullmatch(full[: -len(short)]) is not None
        and longest_suffix(short, word_list("org_suffixes.txt")) is not None
    )


_LEVEL_WORDS = ("街道", "区", "市", "县", "镇", "乡")


def is_place_short_form(short: str, full: str) -> bool:
    """临安 beside 临安区 in one article (在临安和浙江大学开办…, 杭州市临安区) is the same place: the
    gazetteer gives short forms of counties only inside the home province, so the document says it."""
    return len(short) >= 2 and any(full == short + level for level in _LEVEL_WORDS)


def _own_head_word(short: str, full: str) -> bool:
    """河南大学 abbreviates nothing in 河南财经政法大学(电子商务与物流管理学院): a name that ends in an
    institution's own head word of two characters or more (org_parent_heads.txt), written whole in the longer
    name too, is that institution's own full name. An abbreviation shortens its head (平湖经开区) or leaves
    out a place (中共县委组织部 of 中共忠县县委组织部: party bodies are no such heads)."""
    head = longest_suffix(short, word_list("org_parent_heads.txt"))
    own = head is not None and word_table("org_parent_heads.txt")[head] == "own"
    return own and head is not None and len(head) >= 2 and head in full


@cache
def _committee_full_form() -> str:
    """organisations/rules.toml [committee] full_form (委员会)."""
    from cadregraph.pipeline.resources import data_toml

    return str(data_toml("organisations", "rules.toml")["committee"]["full_form"])


def _committee_of_another_body(short: str, full: str) -> bool:
    """阿勒泰地委 (the prefecture's party committee) abbreviates nothing in 阿勒泰地区人大工委 (its congress's
    working committee), as 平湖市委 nothing but 平湖市委员会: a division's party committee (地委, 市委, 县委 …,
    its level word and 委 in place_owned_heads.txt) is short only for a name that ends in the same committee
    or writes it out (委员会)."""
    committee = longest_suffix(short, _division_committees())
    return committee is not None and not full.endswith((committee, _committee_full_form()))


@cache
def _division_committees() -> tuple[str, ...]:
    """地委, 市委, 县委 …: a division's party committee written with its level word (place_owned_heads.txt)."""
    return tuple(w for w in word_list("place_owned_heads.txt") if len(w) == 2 and w[1] == "委" and w != "党委")


# the party committee of a unit or a zone, written with no level word
_UNIT_PARTY_COMMITTEES = ("党委", "党工委")


@cache
def party_committees() -> tuple[str, ...]:
    """省委, 州委, 地委 … (a division's, `_division_committees`) and 党委, 党工委 (a unit's or a zone's): the words
    that end a party committee's name."""
    return (*_division_committees(), *_UNIT_PARTY_COMMITTEES)


def _skips_a_body(short: str, full: str) -> bool:
    """安徽省人大财政经济委员会 (the congress's committee) abbreviates nothing in 安徽省人大常委会财政经济工作委员会
    (a committee of its standing committee): a body word inside the longer name (常委会), absent from the
    shorter, makes the longer name a body inside another; 平湖经开区 keeps every body word of its full name."""
    inner = full[:-1]
    return any(
        len(word) >= 3 and word in inner and word not in short and ABBREVIATED.get(word, word) not in short
        for word in word_list("org_suffixes.txt")
    )


def _adds_a_division(short: str, full: str) -> bool:
    """中共天津市委 abbreviates nothing in 中共天津市红桥区委: the longer name writes a whole division more (红桥区)
    inside the shorter one, so it is the body of a division below the shorter one's (a district's committee
    and its city's), not a longer form of it. 中共县委组织部 of 中共忠县县委组织部 stays an abbreviation: what
    the shorter name leaves out (忠县) follows no division it writes, and its 县 is the relative form."""
    return any(
        short[cut - 1] in LEVEL_CHARS
        and full.startswith(short[:cut])
        and full.endswith(short[cut:])
        and _DIVISION_RUN.fullmatch(full[cut : len(full) - len(short) + cut]) is not None
        and gazetteer().resolve(full[cut : len(full) - len(short) + cut]) is not None
        for cut in range(1, len(short))
    )


def _names_a_body_inside(short: str, full: str) -> bool:
    """济南市人大 (the congress) abbreviates nothing in 济南市人民代表大会常务委员会 (its standing committee), nor
    滨海新区人民代表大会 in its session's 滨海新区第二届人民代表大会第二次会议主席团, but 济南市人民代表大会: the
    shorter name's head word (人大, written out 人民代表大会) stands inside the longer name with more of a name
    after it, so the longer name is a body of the shorter one's body or of its session."""
    head = longest_suffix(short, word_list("org_suffixes.txt"))
    if head is None or len(head) < 2:
        return False
    word = next((w for w, a in ABBREVIATED.items() if a == head), head)
    # the head as the shorter name writes it too (青海省人大 in 青海省纪监委驻省人大机关纪检监察组: the host body)
    return any(
        (inside := full.find(form)) >= 0 and len(full) - inside - len(form) >= 2 for form in dict.fromkeys((word, head))
    )


# A congress and its standing committee written out and short, longest first (event_body_abbreviations.txt, the
# one list of them): 人民代表大会常务委员会 is 人大常委会, 人民代表大会 人大.
_CONGRESS_WORDS = {full: short for short, full in word_table("event_body_abbreviations.txt").items()}
# The body word itself and the short form names abbreviate it to: 辽宁省人大常委会 keeps the 人民代表大会 of 辽宁省
# 人民代表大会常务委员会 as 人大. A word holding another (人民代表大会常务委员会) is a body inside it, named in its own right.
ABBREVIATED = {
    full: short for full, short in _CONGRESS_WORDS.items() if not any(o != full and o in full for o in _CONGRESS_WORDS)
}


def _with_short_congress_words(name: str) -> str:
    """The name with a congress and its standing committee written short (人大常委会, 人大), so that the written-out
    and the short form of one body's name compare equal; nothing else of the name changes."""
    for long, short in _CONGRESS_WORDS.items():
        name = name.replace(long, short)
    return name


def other_written_forms(name: str) -> tuple[str, ...]:
    """浙江省人大 is also written 浙江省人民代表大会, and the other way round: the body's other form, offered as an
    alias so a search (and a reader's list) finds the body under either. Only a name that ends in the body word
    (浙江省人大常委会 is its standing committee, named in its own right)."""
    return tuple(
        name[: -len(form)] + other
        for full, short in ABBREVIATED.items()
        for form, other in ((full, short), (short, full))
        if name.endswith(form) and len(name) > len(form)
    )


def entity_id(entity_type: str, name: str, home: HomePlace | None, division: Division | None = None) -> str:
    """Deterministic keys. Places resolved in the dataset are global; people, programmes and events are
    scoped by the home place (the same name in two cities is two people); organisations are global once
    expanded, scoped otherwise."""
    kind = entity_type.lower()
    if division is not None:
        return f"place:{division.key}"
    if (
        entity_type == "Organization"
        and home is not None
        and name.removeprefix("中共").startswith(home.name[:2])
    ):
        return f"{kind}:{name}"
    scope = home.name if home else "-"
    return f"{kind}:{scope}:{name}"


def renamed_division(name: str, home: HomePlace | None = None) -> Division | None:
    """The district a renamed county-level name became: 富阳市 (until 2014) is 富阳区 today.

    The name is kept as the text writes it (a historical name is what the article says); the current
    division is only offered as an alias. None unless the name is unknown to the dataset and its stem names
    one district (the one under the home place when there are several)."""
    name = strip_quotes(name)
    places = gazetteer()
    if len(name) < 3 or not name.endswith(("市", "县")) or places.by_name.get(name):
        return None
    stem = name[:-1]
    found = {
        d.key: d
        for d in places.by_short.get(stem, []) + places.by_name.get(stem + "区", [])
        if d.level == "county" and d.name.endswith("区")
    }
    if home is not None and home.division is not None and len(found) > 1:
        found = {k: d for k, d in found.items() if home.division in d.chain or d in home.division.chain}
    return next(iter(found.values())) if len(found) == 1 else None
