"""China's administrative divisions from jionlp's dataset: names, levels and the hierarchy.

Used to tell places from other names, to give short forms (平湖) their full name (平湖市), to infer which city
a paper reports on, and to build PART_OF chains (双红村 → 新仓镇 → 平湖市 → 嘉兴市 → 浙江省).
"""

from __future__ import annotations

import contextlib
import io
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

LEVELS = ("province", "city", "county", "town", "village")


@dataclass(frozen=True)
class Division:
    name: str  # full name: 平湖市
    short: str | None  # jionlp's alias: 平湖 (province..county only)
    level: str
    parent: Division | None
    code: str | None

    @property
    def chain(self) -> list[Division]:
        """This division and its ancestors, nearest first."""
        node: Division | None = self
        out: list[Division] = []
        while node is not None:
            out.append(node)
            node = node.parent
        return out

    @property
    def key(self) -> str:
        return "/".join(d.name for d in reversed(self.chain))


class Gazetteer:
    def __init__(self) -> None:
        with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import: keep stdout JSON
            import jionlp

            tree = jionlp.china_location_loader(detail=True)
        self.by_name: dict[str, list[Division]] = defaultdict(list)
        self.by_short: dict[str, list[Division]] = defaultdict(list)
        for prov_name, prov in tree.items():
            province = self._add(prov_name, prov, "province", None)
            for city_name, city in _children(prov):
                city_div = self._add(city_name, city, "city", province)
                for county_name, county in _children(city):
                    county_div = self._add(county_name, county, "county", city_div)
                    for town_name, town in _children(county):
                        town_div = self._add(town_name, town, "town", county_div)
                        for village_name in town or {}:
                            self._add(village_name, None, "village", town_div)

    def _add(self, name: str, node: dict | None, level: str, parent: Division | None) -> Division:
        info = node if isinstance(node, dict) else {}
        full = str(info.get("_full_name") or name)
        alias = info.get("_alias")
        shorts = [str(a) for a in alias] if isinstance(alias, list) else [str(alias)] if alias else []
        division = Division(full, shorts[0] if shorts else None, level, parent, info.get("_admin_code"))
        self.by_name[full].append(division)
        for short in shorts:
            if short != full:
                self.by_short[short].append(division)
        return division

    def lookup(self, name: str, within: Division | None = None) -> list[Division]:
        """Divisions called `name` (full or short form), those under `within` first."""
        found = self.by_name.get(name, []) + self.by_short.get(name, [])
        if within is None:
            return found
        inside = [d for d in found if within in d.chain]
        return inside or found

    def resolve(self, name: str, home: Division | None = None) -> Division | None:
        """One division for a name as a local paper would mean it, or None.

        Short forms are dangerous (太湖 is a lake before it is 太湖县; 中原 in 中原城市群 is no 中原区), and
        so are the 600,000 town and village names. So: provinces and prefecture cities by full or short
        name anywhere; counties by full name anywhere, by short name only in the home province; towns and
        villages only inside the home city.
        """
        home_province = home.chain[-1] if home else None
        home_city = next((d for d in home.chain if d.level == "city"), None) if home else None
        candidates: list[Division] = []
        for division in self.by_name.get(name, []):
            if division.level in ("province", "city", "county") or (
                home_city and home_city in division.chain
            ):
                candidates.append(division)
        for division in self.by_short.get(name, []):
            if division.level in ("province", "city") or (home_province and home_province in division.chain):
                candidates.append(division)
        if home is not None:
            near = [d for d in candidates if home in d.chain or d in home.chain]
            if near:
                return min(near, key=lambda d: LEVELS.index(d.level))
            near = [d for d in candidates if home_city is not None and home_city in d.chain]
            if near:
                return min(near, key=lambda d: LEVELS.index(d.level))
        unique = {d.key: d for d in candidates}
        # 上海市 is a province and a city of itself: keep the outermost of a nested pair.
        outer = [d for d in unique.values() if not any(a.key in unique for a in d.chain[1:])]
        return outer[0] if len(outer) == 1 else None


def _children(node: object) -> list[tuple[str, dict | None]]:
    if not isinstance(node, dict):
        return []
    return [(k, v) for k, v in node.items() if not k.startswith("_")]


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
