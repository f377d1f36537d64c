"""The compact gazetteer (flat arrays in a cache file) gives the same answers as the dict of 700,000
Division objects it replaced, built here again from jionlp the old way as the reference."""

from __future__ import annotations

import contextlib
import io
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from cadregraph.pipeline.gazetteer import Division, Gazetteer, _children, compile_arrays, gazetteer

REPO = Path(__file__).resolve().parents[1]


class LegacyGazetteer(Gazetteer):
    """The old construction, verbatim: one Division per entry, dicts of lists; lookup/resolve inherited."""

    def __init__(self) -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            import jionlp

            tree = jionlp.china_location_loader(detail=True)
        self.by_name: dict[str, list[Division]] = defaultdict(list)  # type: ignore[assignment]
        self.by_short: dict[str, list[Division]] = defaultdict(list)  # type: ignore[assignment]
        self.all: list[Division] = []
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
        self.by_name[full].append(division)  # type: ignore[index]
        for short in shorts:
            if short != full:
                self.by_short[short].append(division)  # type: ignore[index]
        self.all.append(division)
        return division


@pytest.fixture(scope="module")
def legacy() -> LegacyGazetteer:
    return LegacyGazetteer()


def _sample_names(legacy: LegacyGazetteer) -> list[str]:
    """Every province, city and county name and short form, every 53rd town and village, the names the
    seeds' records mention, and names that are no division at all."""
    names = {d.name for d in legacy.all if d.level in ("province", "city", "county")}
    names |= {d.short for d in legacy.all if d.short}
    names |= {d.name for d in legacy.all[::53]}
    for line in (REPO / "tests" / "data" / "golden" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        for entity in json.loads(line)["entities"]:
            names.add(entity["name"])
            names.update(entity["aliases"])
    names |= {"", "太湖", "中原", "新仓", "新仓镇", "双红村", "不是地名的词", "平湖经开区"}
    return sorted(names)


def test_same_size_and_every_division_in_order(legacy: LegacyGazetteer) -> None:
    compact = gazetteer()
    assert len(compact) == len(legacy.all) > 600_000
    for node in list(range(0, len(legacy.all), 997)) + [len(legacy.all) - 1]:
        assert compact.division(node) == legacy.all[node]


def test_same_lookups_and_resolutions(legacy: LegacyGazetteer) -> None:
    compact = gazetteer()
    homes = [None, *legacy.by_name["平湖市"], *legacy.by_name["平顶山市"], *legacy.by_name["新仓镇"][:1]]
    names = _sample_names(legacy)
    assert len(names) > 15_000
    resolved = 0
    for name in names:
        assert compact.by_name.get(name, []) == legacy.by_name.get(name, []), name
        assert compact.by_short.get(name, []) == legacy.by_short.get(name, []), name
        assert compact.lookup(name) == legacy.lookup(name), name
        for home in homes:
            expected = legacy.resolve(name, home)
            assert compact.resolve(name, home) == expected, (name, home)
            resolved += expected is not None
    assert resolved > 5_000


def test_cache_file_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first use writes the cache file; the next load reads the same arrays back from it."""
    monkeypatch.setenv("CADREGRAPH_CACHE_DIR", str(tmp_path))
    built = Gazetteer()
    files = list(tmp_path.glob("gazetteer-*.npz"))
    assert len(files) == 1 and not list(tmp_path.glob("*.tmp"))
    loaded = Gazetteer()
    assert sorted(loaded.arrays) == sorted(built.arrays)
    for name, array in built.arrays.items():
        assert np.array_equal(loaded.arrays[name], array), name
    assert loaded.resolve("平湖市") == built.resolve("平湖市") and loaded.resolve("平湖市") is not None


def test_compile_keeps_dataset_order_for_shared_names() -> None:
    """Two divisions of one name and one short form come back in the order the dataset gives them."""
    records = [
        ("浙江省", ["浙江"], "province", -1, "330000"),
        ("新仓镇", [], "town", 0, None),
        ("安徽省", ["安徽"], "province", -1, "340000"),
        ("新仓镇", ["新仓"], "town", 2, None),
    ]
    small = Gazetteer(compile_arrays(iter(records)))
    assert [d.parent.name for d in small.by_name.get("新仓镇") if d.parent] == ["浙江省", "安徽省"]
    assert [d.parent.name for d in small.by_short.get("新仓") if d.parent] == ["安徽省"]
    assert small.by_name.get("新仓") == [] and "新仓" in small.by_short and "新仓" not in small.by_name
