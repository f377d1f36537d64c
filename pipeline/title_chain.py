"""The title-chain grammar: how official news writes a person's posts before the name.

    市委常委、组织部部长、市委党校校长张三
    县委副书记、代县长李四
    副市长、市公安局党委书记、局长王五

A chain is titles joined by separators (、 ， 兼 or a space). One title is an organisation as written
(maybe nothing) + modifiers (常务, 副, 代理, 党组, 一级…) + a head from the title lexicon. The genre leaves out
what the reader can supply from the titles before: 组织部 after 市委常委 is the 市委's, 县人大常委会 after
县委书记 is the same county's, 局长 after 公安局党委书记 is the bureau's, 县长 is the county government's. This
module knows only text: it splits one title and completes the organisations of a chain; cadregraph.pipeline.relations
finds where a chain starts and ends in a document (tokens, named entities) and turns the completed
organisations into canonical entities (cadregraph.pipeline.canonical).

Words and rules live in data/relations/title_chain.toml and the title lexicons; see there for each list.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from cadregraph.pipeline.lexicons import level_words, longest_suffix, two_levels, word_table
from cadregraph.pipeline.resources import checked, data_lines, data_text
from cadregraph.schemas.text_units import is_han

# 平湖经济技术开发区(钟埭街道)党工委: the zone is the name before the bracket.
_BRACKETED_TAIL = re.compile(r"[(（][^()（）]*[)）]$")


@dataclass(frozen=True)
class TitleInfo:
    """What a title head says: `lead` heads LEAD their organisation; `implied` is the organisation the head
    names itself when none is written ("government" for 市长/县长, 组织部 for 组织部长)."""

    kind: str  # lead | member
    implied: str | None


@dataclass(frozen=True)
class ChainGrammar:
    separators: tuple[str, ...]
    assistant_suffixes: tuple[str, ...]
    modifiers: tuple[str, ...]  # longest first
    former: tuple[str, ...]
    former_after: frozenset[str]
    rank_remark: re.Pattern[str]  # matched ending right before a name
    open_head_endings: tuple[str, ...]
    open_head_tags: frozenset[str]
    open_head_stop: tuple[str, ...]
    open_head_prefixes: tuple[str, ...]
    bound_heads: Mapping[str, tuple[str, ...]]
    heads: Mapping[str, TitleInfo]
    heads_longest_first: tuple[str, ...]
    levels: tuple[str, ...]
    level_ranks: Mapping[str, int]
    committees: tuple[str, ...]
    committee_departments: frozenset[str]
    glued_member_heads: tuple[str, ...]
    glued_member_departments: tuple[str, ...]
    place_bodies: frozenset[str]
    zone_bodies: frozenset[str]
    unit_party_bodies: tuple[str, ...]
    unit_discipline_bodies: tuple[str, ...]
    party_heads: frozenset[str]
    committee_member_heads: tuple[str, ...]
    place_department_heads: tuple[str, ...]
    national_openers: tuple[str, ...]
    fused_department_heads: tuple[str, ...]
    zone_words: tuple[str, ...]
    region_words: tuple[str, ...]
    division_heads: tuple[str, ...]
    government: str
    named_government: str
    government_levels: Mapping[str, str]
    own_governments: Mapping[str, str]
    relative_government_places: tuple[str, ...]
    relative_government_heads: frozenset[str]
    governmentless_places: tuple[str, ...]


@dataclass(frozen=True)
class ChainTitle:
    """One title of a chain as written: organisation + modifiers + head; `title` is the post without the
    organisation (常务副县长, 党组书记), as the graph records it."""

    organisation: str
    modifiers: tuple[str, ...]
    head: str

    @property
    def title(self) -> str:
        return "".join(self.modifiers) + self.head

    @property
    def deputy(self) -> bool:
        return "副" in self.modifiers or self.head.startswith("副")


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def _relations_lines(name: str) -> list[str]:
    return data_lines("relations", name)


def _heads(assistant_suffixes: Iterable[str] = ()) -> dict[str, TitleInfo]:
    """The shared title lexicon (titles.txt) overlaid with the chain table (titles.tsv), minus the words
    that never make a position (记者, 市领导), and every leading head with an assistant's suffix
    (区长助理, 部长助理, 总经理助理: a member's post of the body the head leads, title_chain.toml)."""
    table = {t: TitleInfo(kind or "member", None) for t, kind in word_table("titles.txt").items() if kind}
    for line in _relations_lines("titles.tsv"):
        parts = line.split("\t")
        table[parts[0]] = TitleInfo(
            parts[1] if len(parts) > 1 else "member", parts[2] if len(parts) > 2 else None
        )
    for word in _relations_lines("not_position_titles.txt"):
        table.pop(word, None)
    for head, info in list(table.items()):
        if info.kind == "lead":
            for suffix in assistant_suffixes:
                table.setdefault(head + suffix, TitleInfo("member", info.implied))
    return table


@cache
def chain_grammar() -> ChainGrammar:
    """The grammar of data/relations/title_chain.toml and the title lexicons, loaded once."""
    return load_grammar(data_text("relations", "title_chain.toml"))


_RANK_REMARK_CHARS = 10  # the longest rank in brackets read: （正厅级）, (副处长级)


def before_rank_remark(text: str, end: int, boundary: int = 0) -> int:
    """县委书记(正厅级)|李江华: where a rank in brackets written right before the name at `end` starts
    (title_chain.toml rank_remark), or `end` when none stands there (not before `boundary`)."""
    start = max(boundary, end - _RANK_REMARK_CHARS)
    found = chain_grammar().rank_remark.search(text, start, end)
    return found.start() if found is not None else end


def load_grammar(toml_text: str) -> ChainGrammar:
    """A grammar from TOML text; a missing, unknown or misspelt key is a ValueError naming it."""
    with checked(tomllib.loads(toml_text), "pipeline/data/relations/title_chain.toml") as raw:
        chain, orgs = raw["chain"], raw["organisations"]
        heads = _heads(chain["assistant_suffixes"])
        return ChainGrammar(
            separators=tuple(chain["separators"]),
            assistant_suffixes=tuple(chain["assistant_suffixes"]),
            modifiers=_longest_first(chain["modifiers"]),
            former=_longest_first(chain["former"]),
            former_after=frozenset(chain["former_after"]),
            rank_remark=re.compile(f"(?:{chain['rank_remark']})$"),
            open_head_endings=tuple(chain["open_head_endings"]),
            open_head_tags=frozenset(chain["open_head_tags"]),
            open_head_stop=tuple(chain["open_head_stop"]),
            open_head_prefixes=_longest_first(chain["open_head_prefixes"]),
            bound_heads=MappingProxyType(
                {str(h): tuple(str(w) for w in words) for h, words in chain["bound_heads"].items()}
            ),
            heads=MappingProxyType(heads),
            heads_longest_first=_longest_first(heads),
            # every level from the province down to the town, one level each (not 乡镇): division_levels.txt
            levels=_longest_first(
                w
                for w in level_words("province", "prefecture", "agency", "county", "township")
                if not two_levels(w)
            ),
            level_ranks=MappingProxyType({str(k): int(v) for k, v in orgs["level_ranks"].items()}),
            committees=_longest_first(orgs["committees"]),
            committee_departments=frozenset(orgs["committee_departments"]),
            glued_member_heads=tuple(orgs["glued_member_heads"]),
            glued_member_departments=_longest_first(orgs["glued_member_departments"]),
            place_bodies=frozenset(orgs["place_bodies"]),
            zone_bodies=frozenset(orgs["zone_bodies"]),
            unit_party_bodies=_longest_first(orgs["unit_party_bodies"]),
            unit_discipline_bodies=_longest_first(orgs["unit_discipline_bodies"]),
            party_heads=frozenset(orgs["party_heads"]),
            committee_member_heads=tuple(orgs["committee_member_heads"]),
            place_department_heads=tuple(orgs["place_department_heads"]),
            national_openers=tuple(orgs["national_openers"]),
            fused_department_heads=tuple(orgs["fused_department_heads"]),
            zone_words=tuple(orgs["zone_words"]),
            region_words=_longest_first(orgs["region_words"]),
            division_heads=tuple(orgs["division_heads"]),
            government=str(orgs["government"]),
            named_government=str(orgs["named_government"]),
            government_levels=MappingProxyType({str(k): str(v) for k, v in orgs["government_levels"].items()}),
            own_governments=MappingProxyType({str(k): str(v) for k, v in orgs["own_governments"].items()}),
            relative_government_places=tuple(orgs["relative_government_places"]),
            relative_government_heads=frozenset(orgs["relative_government_heads"]),
            governmentless_places=tuple(orgs["governmentless_places"]),
        )


def title_table() -> Mapping[str, TitleInfo]:
    return chain_grammar().heads


# ---------------------------------------------------------------- one title


def _head_at_end(text: str) -> str | None:
    return longest_suffix(text, chain_grammar().heads_longest_first)  # indexed: the first head `text` ends with


def _peel_modifiers(text: str) -> tuple[str, tuple[str, ...]]:
    """(what is left, modifiers) with the modifiers written at the end of `text` taken off, right to left."""
    grammar = chain_grammar()
    found: list[str] = []
    while True:
        mod = next((m for m in grammar.modifiers if text.endswith(m)), None)
        if mod is None or mod in found:
            break
        found.insert(0, mod)
        text = text[: -len(mod)]
    return text, tuple(found)


def _is_former(rest: str) -> bool:
    """区人大常委会原主任: 原 right after an organisation, opening the title or a chain's item (…米绍林、原一级巡视员)
    marks a former post."""
    grammar = chain_grammar()
    marker = next((m for m in grammar.former if rest.endswith(m)), None)
    if marker is None:
        return False
    before = rest[: -len(marker)]
    return not before or before[-1] in grammar.former_after or before.endswith(grammar.separators)


def former_title_ending(text: str) -> str | None:
    """农业农村部原党组副书记: what a former post written at the end of `text` is scoped by (the organisation
    written before 原, '' when 原 opens the title); None when no former post ends `text`."""
    head = _head_at_end(text)
    if head is None:
        return None
    rest, _ = _peel_modifiers(text[: -len(head)])
    marker = next((m for m in chain_grammar().former if rest.endswith(m)), None)
    if marker is None or not _is_former(rest):
        return None
    return rest[: -len(marker)]


def former_title(text: str) -> ChainTitle | None:
    """区人大常委会原主任, 、原一级巡视员: a former post written at the end of `text` with its marker right before
    the modifiers and head, read as written, marker and all (原主任: tests/gold/README.md); None when there is
    none. Who held it leads nothing now; the organisation before it is left to the caller."""
    head = _head_at_end(text)
    if head is None:
        return None
    rest, modifiers = _peel_modifiers(text[: -len(head)])
    marker = next((m for m in chain_grammar().former if rest.endswith(m)), None)
    if marker is None or not _is_former(rest) or not _bound_head_ok(head, rest[: -len(marker)]):
        return None
    return ChainTitle("", (marker, *modifiers), head)


def is_former_title(title: str) -> bool:
    """原主任: the title of a post read by former_title."""
    return title.startswith(chain_grammar().former)


def title_ending(text: str) -> ChainTitle | None:
    """The title (modifiers + head, no organisation) written at the end of `text`; None when there is
    none or it is a former post. The organisation before it is left to the caller."""
    head = _head_at_end(text)
    if head is None:
        return None
    rest, modifiers = _peel_modifiers(text[: -len(head)])
    if _is_former(rest) or not _bound_head_ok(head, rest):
        return None
    return ChainTitle("", modifiers, head)


# 常务副校(院)长: one character of the head in brackets, the other character it stands for before it.
_ALTERNATIVE_HEAD = re.compile(r"([^()（）])[(（]([^()（）])[)）]([^()（）]{1,2})$")


@dataclass(frozen=True)
class AlternativeTitle:
    """常务副校(院)长: the post written with its other name in brackets inside the head (a party school that is
    also the administration institute); `first` as read without the bracket, `second` with the bracket's
    character, `written` the characters the whole title takes."""

    first: ChainTitle
    second: ChainTitle
    written: int


def alternative_title_ending(text: str) -> AlternativeTitle | None:
    """The title with a bracketed alternative in its head (常务副校(院)长) written at the end of `text`; None
    unless both readings end in a lexicon head that spans the bracket (校长 and 院长)."""
    found = _ALTERNATIVE_HEAD.search(text)
    if found is None:
        return None
    shown, other, tail = found.groups()
    if other == shown:  # 校(校)长 writes one post twice
        return None
    first = title_ending(text[: found.start()] + shown + tail)
    if first is None or not first.head.endswith(shown + tail):
        return None
    second_head = first.head[: -len(tail) - 1] + other + tail
    if second_head not in chain_grammar().heads:
        return None
    written = len(first.title) + len(found.group(0)) - len(shown + tail)
    return AlternativeTitle(first, ChainTitle("", first.modifiers, second_head), written)


def _bound_head_ok(head: str, rest: str) -> bool:
    """省人民代表大会代表 is a post, 学员代表 is not: a head of [chain].bound_heads is a title only right
    after one of its bodies."""
    bodies = chain_grammar().bound_heads.get(head)
    return bodies is None or rest.endswith(bodies)


def open_title(word: str, tag: str, before: str) -> ChainTitle | None:
    """A post whose head no lexicon lists (总农艺师, 护士长), written as one word of the model's segmentation
    (`word`, tagged `tag`) after `before`: its head ends with a character of the closed class
    [chain].open_head_endings, it is no known non-post (not_position_titles.txt, open_head_stop), and
    modifiers written before it (副, 一级) belong to it. Whether an organisation stands before it is the
    caller's to check."""
    grammar = chain_grammar()
    rest, inner = _peel_leading_modifiers(word)
    if tag not in grammar.open_head_tags or not _open_head(rest, word) or rest in grammar.heads:
        return None
    prefix = next((p for p in grammar.open_head_prefixes if before.endswith(p)), "")
    rest, before = prefix + rest, before[: len(before) - len(prefix)]
    before_rest, modifiers = _peel_modifiers(before)
    if _is_former(before_rest):
        return None
    return ChainTitle("", modifiers + inner, rest)


def _open_head(rest: str, written: str) -> bool:
    """`rest` (`written` without its leading modifiers) has the shape of a post no lexicon lists: two to
    five Han characters ending with a character of [chain].open_head_endings, and no known non-post."""
    grammar = chain_grammar()
    return (
        2 <= len(rest) <= 5
        and all(is_han(ch) for ch in rest)
        and rest.endswith(grammar.open_head_endings)
        and not written.endswith(grammar.open_head_stop)
        and rest not in _not_posts()
    )


def chain_item_title(written: str) -> ChainTitle | None:
    """督察长, 二级警务专员: a whole item of a chain (between a separator after another title and the next
    separator or the name) with no organisation written, read as modifiers + a post's head whatever the
    model's segmentation (督察/n 长/a) or the lexicons say; the chain around it licenses it, and its
    organisation is completed from the titles before it (complete_organisations)."""
    rest, modifiers = _peel_leading_modifiers(written)
    return ChainTitle("", modifiers, rest) if _open_head(rest, written) else None


def _peel_leading_modifiers(word: str) -> tuple[str, tuple[str, ...]]:
    """副总农艺师 → (总农艺师, (副,)): modifiers the model's word opens with, left to right."""
    grammar = chain_grammar()
    found: list[str] = []
    while True:
        mod = next((m for m in grammar.modifiers if word.startswith(m) and len(word) > len(m) + 1), None)
        if mod is None or mod in found:
            return word, tuple(found)
        found.append(mod)
        word = word[len(mod) :]


@cache
def _not_posts() -> frozenset[str]:
    return frozenset(_relations_lines("not_position_titles.txt"))


def split_title(written: str) -> ChainTitle | None:
    """One title written whole (县人大常委会党组书记) → organisation, modifiers, head; None if it is no title."""
    found = title_ending(written)
    if found is None:
        return None
    organisation = written[: len(written) - len(found.title)]
    return ChainTitle(organisation, found.modifiers, found.head)


# ---------------------------------------------------------------- organisations along a chain


@dataclass(frozen=True)
class _Reach:
    """What the titles so far make available to the ones after: a place (县, 双凤开发区), its party
    committee as written (县委, 商丘市委), and the last organisation."""

    place: str = ""
    committee: str = ""
    last: str = ""


def _committee_of(organisation: str) -> tuple[str, str] | None:
    """市委 → (市委, 市); 商丘市委组织部 → (商丘市委, 商丘市); 双凤开发区工委 → (双凤开发区工委, 双凤开发区)."""
    grammar = chain_grammar()
    for level in grammar.levels:
        i = organisation.find(level + "委")
        if i >= 0:
            return organisation[: i + len(level) + 1], organisation[: i + len(level)].removeprefix("中共")
    suffix = next(
        (c for c in grammar.committees if organisation.endswith(c) and len(organisation) > len(c)), None
    )
    if suffix is not None and suffix != "委":
        return organisation, _BRACKETED_TAIL.sub("", organisation[: -len(suffix)])
    return None


def _place_of(organisation: str) -> str:
    """The place an organisation's name opens with: 县人大常委会 → 县, 市纪委 → 市, 滔溪镇人民政府 → 滔溪镇,
    下姜村党支部 → 下姜村 (a place's own body or party body after its name), '' when it names none."""
    grammar = chain_grammar()
    level = next((lv for lv in grammar.levels if organisation.startswith(lv)), "")
    if level:
        return level
    body = next((b for b in _place_bodies_longest_first() if organisation.endswith(b)), "")
    named = organisation[: len(organisation) - len(body)] if body else ""
    ends = (*grammar.levels, *grammar.zone_words)
    if len(named) < 2 or not named.endswith(ends):
        return ""
    # 三江镇茄苪村党支部 → 茄苪村: the last place of an address is the body's
    inner = max((named.rfind(e, 0, len(named) - 1) + len(e) for e in ends if named.rfind(e, 0, len(named) - 1) > 0), default=0)
    return named[inner:] if len(named) - inner >= 2 else named


@cache
def _place_bodies_longest_first() -> tuple[str, ...]:
    """A place's own bodies and the party bodies of a unit (下姜村|党支部), longest first."""
    grammar = chain_grammar()
    return _longest_first((*grammar.place_bodies, *grammar.unit_party_bodies))


def _complete(title: ChainTitle, reach: _Reach) -> str:
    grammar = chain_grammar()
    written = title.organisation
    info = grammar.heads.get(title.head, TitleInfo("member", None))
    if written:
        if is_bare_party_body(written):
            # 龙阳镇党委书记X,党委副书记、镇长Y → 龙阳镇党委; the same body again after a name: that body
            same = next((o for o in (reach.committee, reach.last) if o.endswith(written)), None)
            if same is not None:
                return same
        own = _committee_of(written)
        if own is not None and own[0] == written and info.implied not in (None, "government"):
            return written + str(info.implied)  # 区委统战部长 → 区委统战部
        if written in grammar.place_bodies and not reach.place and info.implied == "government":
            return government_level(title.head) + written  # 政府县长 → 县政府
        if written in grammar.committee_departments and reach.committee:
            return reach.committee + written
        if written in grammar.place_bodies and reach.place:
            return reach.place + written
        level = _place_of(written)
        if level and written[len(level) :] in grammar.place_bodies and reach.place.endswith(level) and reach.place != level:
            return reach.place + written[len(level) :]  # 滔溪镇人民政府镇长和镇人大主席团主席 → 滔溪镇人大主席团
        if written in grammar.zone_bodies and reach.place:
            return reach.place + written
        if written in grammar.unit_party_bodies and reach.last and not reach.last.endswith(grammar.government):
            return _unit(reach.last) + written  # a government (镇政府) has no 党委 of its own: the place's is
        if reach.place in grammar.levels and is_placeless_department(written):
            return reach.place + written  # 副市长、公安局局长 → 市公安局
        if reach.last and _is_division(written):
            return _unit(reach.last) + written  # 市委组织部部务委员、组织一处处长 → 市委组织部组织一处
        return written
    if info.implied == "government":
        if title.head in grammar.government_levels:
            return ""  # 行政长官: only the home place, if it is such a region, can say whose (relations.chains)
        level = government_level(title.head)
        if reach.place.endswith(level) and reach.place not in grammar.levels:
            return reach.place + grammar.named_government  # 新仓镇党委书记、镇长 → 新仓镇人民政府
        return level + grammar.government
    if info.implied:
        return reach.committee + info.implied if reach.committee else ""
    if title.head.endswith(grammar.committee_member_heads) and reach.committee:
        # 镇党委委员、武装部长、统战委员 → a member of the 镇党委, not of the 武装部; of the last body when it is a
        # committee itself (…开发区工作委员会书记、委员)
        return reach.last if _committee_of(reach.last) is not None else reach.committee
    if reach.last and title.head not in grammar.party_heads and _unit(reach.last) != reach.last:
        return _unit(reach.last)  # 公安局党委书记、局长 → the bureau
    return reach.last


def government_level(head: str) -> str:
    """The level of the place whose government a head leads: 市长 → 市, 县长 → 县, 行政长官 → 特别行政区
    (title_chain.toml government_levels); an assistant's post is of its head's (区长助理 → 区)."""
    grammar = chain_grammar()
    head = next((head.removesuffix(s) for s in grammar.assistant_suffixes if head.endswith(s)), head)
    return grammar.government_levels.get(head) or head.rstrip("长")[-1:]


def _unit(organisation: str) -> str:
    """市公安局党委 → 市公安局, 省公安厅纪委 → 省公安厅: the unit a party or discipline body sits in; a place's
    or zone's own committee (新杭镇党委, 县纪委) and any other organisation are themselves."""
    grammar = chain_grammar()
    bodies = (*grammar.unit_party_bodies, *grammar.unit_discipline_bodies)
    body = next((b for b in bodies if organisation.endswith(b)), None)
    if body is None or len(organisation) <= len(body):
        return organisation
    rest = organisation[: -len(body)]
    if any(rest.endswith(level) for level in grammar.levels) or rest.endswith(grammar.zone_words):
        return organisation
    return rest


def division_as_body(organisation: str, unit: str) -> str | None:
    """省教育厅 + 组织干部处 before 副处长: a division (处) is a body of its own, so the title is what is left
    (副处长 at 省教育厅组织干部处, the corpus gold); a section or an office (干部科, 办公室) stays in the title
    (干部科科长 at 市委组织部, the seeds' gold). The division's full name, or None when `unit` is no division."""
    return organisation + unit if unit.endswith(chain_grammar().division_heads) else None


def _is_division(written: str) -> bool:
    """组织一处, 驻北京联络处: a division named without the body it belongs to."""
    grammar = chain_grammar()
    return written.endswith(grammar.division_heads) and not _place_of(written) and _committee_of(written) is None


def is_placeless_department(written: str) -> bool:
    """公安局, 公安局党委, 农业农村局: a department of a place's government (or its party body) written
    without the place (no level opens it), whose place the titles or names before it must supply; 国家外国专家局
    (title_chain.toml national_openers) is the nation's."""
    grammar = chain_grammar()
    if written.startswith(grammar.national_openers):
        return False
    return not _place_of(written) and _unit(written).endswith(grammar.place_department_heads)


def is_bare_party_body(written: str) -> bool:
    """党委, 党工委, 党支部 written alone: a party body whose owner the titles or names before must supply."""
    grammar = chain_grammar()
    return written in grammar.committees or written in grammar.unit_party_bodies


def is_generic_body(written: str) -> bool:
    """管委会, 组织部, 政协: a body named by its kind only, whose owner the text before must supply."""
    grammar = chain_grammar()
    return written in grammar.committee_departments | grammar.place_bodies | grammar.zone_bodies


def _after(reach: _Reach, organisation: str) -> _Reach:
    committee = _committee_of(organisation)
    if committee is not None:
        return _Reach(committee[1], committee[0], organisation)
    return _Reach(_place_of(organisation) or reach.place, reach.committee, organisation)


def complete_organisations(chain: list[ChainTitle], before: Iterable[str] = ()) -> list[str]:
    """The organisation of every title of a chain, left to right, as written or completed from the titles
    before it; '' when nothing in the chain names one (a bare 常委 — the caller may know more). `before`
    are the organisations of a chain this one continues (罗志军,管委会副主任刘志鸣: 罗志军's)."""
    out: list[str] = []
    reach = _Reach()
    for organisation in before:
        if organisation:
            reach = _after(reach, organisation)
    for title in chain:
        organisation = _complete(title, reach)
        out.append(organisation)
        if organisation:
            reach = _after(reach, organisation)
    return out
