"""The home place: the city or county the publication reports on.

Local papers write 市委, 我市, 全市 for their own city and name it outright only now and then, so the home
place decides what relative names mean. The sidecar's `place` wins; otherwise the city- or county-level
division named most often, not counting places the text travels to (赴/到/前往 秀洲高新区挂职).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cadregraph.pipeline.canonical import HomePlace
from cadregraph.pipeline.gazetteer import Division, gazetteer

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
                votes[division.name] += 1
                found[division.name] = division
                break
    if not votes:
        return None
    # A county-level city beats its prefecture at equal counts: the paper of 平湖 mentions 嘉兴 too.
    best = max(votes, key=lambda n: (votes[n], found[n].level == "county"))
    # A page that spreads over several counties of one city with none of them dominant is the city's
    # paper (嘉兴日报 reporting 海宁, 嘉善 and 海盐 side by side).
    parent = found[best].parent
    if found[best].level == "county" and parent is not None and votes[best] * 2 < sum(votes.values()):
        same_city = sum(n for name, n in votes.items() if parent in found[name].chain)
        if same_city * 2 > sum(votes.values()):
            return HomePlace(parent.name, parent)
    return HomePlace(best, found[best])
