"""The home place: the city or county the publication reports on.

Local papers write 市委, 我市, 全市 for their own city and name it outright only now and then, so the home
place decides what relative names mean. The sidecar's `place` wins; otherwise the city- or county-level
division named most often, not counting places the text travels to (赴/到/前往 秀洲高新区挂职); a page that
names no city or county is its province's (a provincial paper).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cadregraph.pipeline.canonical import ZONE_HEADS, HomePlace
from cadregraph.pipeline.gazetteer import Division, gazetteer
from cadregraph.pipeline.lexicons import longest_suffix, word_list

# Words right before a place that make it a destination, not home.
_TRAVEL_CUES = ("赴", "到", "前往", "去", "走进", "来自")
_MAX_NAME = 6


def _city_or_county(name: str) -> Division | None:
    """A city- or county-level division by full name or by a short name the whole country agrees on;
    a town by its full name (遵化店镇, not 遵化市) votes for its county when the name is unique."""
    places = gazetteer()
    found = [
        d
        for d in places.by_name.get(name, []) + places.by_short.get(name, [])
        if d.level in ("city", "county")
    ]
    if not found:
        towns = [d for d in places.by_name.get(name, []) if d.level == "town" and d.parent is not None]
        found = [t.parent for t in towns if t.parent is not None] if len(towns) == 1 else []
    unique = {d.key: d for d in found}
    return next(iter(unique.values())) if len(unique) == 1 else None


def _is_destination(text: str, start: int) -> bool:
    """赴秀洲高新区, 前往浙江嘉兴秀洲高新区: a travel cue right before, over any province/city names."""
    places = gazetteer()
    end = start
    while True:
        if text[max(0, end - 2) : end].endswith(_TRAVEL_CUES):
            return True
        for length in (3, 2):
            word = text[max(0, end - length) : end]
            if len(word) == length and any(
                d.level in ("province", "city")
                for d in places.by_name.get(word, []) + places.by_short.get(word, [])
            ):
                end -= length
                break
        else:
            return False




def _names_a_body_of(division: Division, prefix: str, rest: str) -> bool:
    """A longer name opening with a division votes for it when it writes the division's full name (平湖市委),
    or its short name for a prefecture (嘉兴日报, 宁波诺丁汉大学); a county's short name opens a body's or a
    zone's name only when the rest ends in an organisation or zone head word (秀洲高新区, 平湖嘉兴纳美新材料有限公司).
    中原经济区, 滨江宾馆, 同心会堂礼堂, 独山能源 name a region, a hotel, a hall, a company of other words: the
    county's short name is only the start of another word there."""
    if division.name == prefix or division.level != "county":
        return True
    return longest_suffix(rest, word_list("org_suffixes.txt")) is not None or rest.endswith(ZONE_HEADS)


def _province_named(text: str, candidates: Iterable[tuple[int, str]]) -> HomePlace | None:
    """A provincial paper (湖北日报 on 省委 and 省人大) names no city or county of its own: the province named
    most often, by a whole name or at the start of one (湖北省委, 云南人大), is home, so that 省委 is its
    committee: when it holds more than half of the provinces' votes; else None."""
    places = gazetteer()
    votes: Counter[str] = Counter()
    found: dict[str, Division] = {}
    for start, name in candidates:
        if _is_destination(text, start):
            continue
        for length in range(min(len(name), _MAX_NAME), 1, -1):
            provinces = [
                d
                for d in places.by_name.get(name[:length], []) + places.by_short.get(name[:length], [])
                if d.level == "province"
            ]
            if len({d.key for d in provinces}) == 1:
                votes[provinces[0].name] += 1
                found[provinces[0].name] = provinces[0]
                break
    best = max(votes, key=lambda n: votes[n], default=None)
    if best is None or votes[best] * 2 <= sum(votes.values()):
        return None  # 辽宁省委…, 吉林省委…: two provinces side by side, neither the paper's
    return HomePlace(best, found[best])


def _places_held(candidates: Iterable[tuple[int, str]], divisions: list[Division]) -> Counter[str]:
    """How many of the distinct names of streets, towns and villages on the page each division holds
    (北环路街道, 东安路街道, 五一路街道 are all in 平顶山's 卫东区; 明珠社区 is in a hundred places)."""
    places = gazetteer()
    held: Counter[str] = Counter()
    for name in {name for _, name in candidates}:
        inside: set[str] = set()
        for place in places.by_name.get(name, []):
            if place.level not in ("town", "village"):
                continue
            chain = place.chain
            # equal divisions share a name: one set lookup spares the dataclass comparisons of most pairs
            names = {d.name for d in chain}
            inside.update(d.key for d in divisions if d.name in names and d in chain)
        held.update(inside)
    return held


def infer_home_place(text: str, candidates: Iterable[tuple[int, str]], given: str | None) -> HomePlace | None:
    """`candidates` are (start offset, text) of the model's place and organisation names."""
    places = gazetteer()
    if given:
        division = places.resolve(given) or _city_or_county(given)
        return HomePlace(division.name if division else given, division)
    votes: Counter[str] = Counter()
    found: dict[str, Division] = {}
    for start, name in candidates:
        if _is_destination(text, start):
            continue
        whole = _city_or_county(name)
        if whole is not None:
            votes[whole.name] += 1
            found[whole.name] = whole
            continue
        for length in range(min(len(name) - 1, _MAX_NAME), 1, -1):
            division = _city_or_county(name[:length])
            if division is not None:
                if _names_a_body_of(division, name[:length], name[length:]):
                    votes[division.name] += 1
                    found[division.name] = division
                break
    if not votes:
        return _province_named(text, candidates)
    # A county-level city beats its prefecture at equal counts: the paper of 平湖 mentions 嘉兴 too; at equal
    # counts again, the division that holds more of the streets and villages the page names.
    held = _places_held(candidates, [found[n] for n in votes])
    best = max(votes, key=lambda n: (votes[n], found[n].level == "county", held[found[n].key]))
    # A page that spreads over several counties of one city with none of them dominant is the city's
    # paper (嘉兴日报 reporting 海宁, 嘉善 and 海盐 side by side).
    parent = found[best].parent
    if found[best].level == "county" and parent is not None and votes[best] * 2 < sum(votes.values()):
        same_city = sum(n for name, n in votes.items() if parent in found[name].chain)
        if same_city * 2 > sum(votes.values()):
            return HomePlace(parent.name, parent)
    if parent is not None and parent.short == best:
        return HomePlace(parent.name, parent)  # 澳门, the one city of 澳门特别行政区: the region's paper, as given
    return HomePlace(best, found[best])
