"""China's administrative divisions from jionlp's dataset: names, levels and the hierarchy.

Used to tell places from other names, to give short forms (平湖) their full name (平湖市), to infer which city
a paper reports on, and to build PART_OF chains (双红村 → 新仓镇 → 平湖市 → 嘉兴市 → 浙江省).

The dataset has 700,000 divisions. Held as Python objects they cost 5.7 CPU-s to build at every start and
slow every later garbage-collector pass, so they are compiled once into a cache file of flat arrays (one
UTF-8 blob of names, hashed sorted name indexes, parent pointers) that loads in milliseconds; a `Division`
object is made only for the divisions a document asks about.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np

LEVELS = ("province", "city", "county", "town", "village")
_FORMAT = 1  # bump when the cache layout or the way it is built changes


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

    @cached_property
    def key(self) -> str:
        """省/市/县/…: made once per division (entity ids and the resolvers' dedup ask it per mention)."""
        return "/".join(d.name for d in reversed(self.chain))


# ---------------------------------------------------------------- building the cache from jionlp

Record = tuple[str, list[str], str, int, str | None]  # full name, short forms, level, parent index, code


def _records() -> Iterator[Record]:
    """Every division in jionlp's order (parents before children), as the dataset gives it."""
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import: keep stdout JSON
        import jionlp

        tree = jionlp.china_location_loader(detail=True)
    count = 0

    def record(name: str, node: dict | None, level: str, parent: int) -> Record:
        info = node if isinstance(node, dict) else {}
        full = str(info.get("_full_name") or name)
        alias = info.get("_alias")
        shorts = [str(a) for a in alias] if isinstance(alias, list) else [str(alias)] if alias else []
        code = info.get("_admin_code")
        return full, shorts, level, parent, None if code is None else str(code)

    for prov_name, prov in tree.items():
        yield record(prov_name, prov, "province", -1)
        province, count = count, count + 1
        for city_name, city in _children(prov):
            yield record(city_name, city, "city", province)
            city_i, count = count, count + 1
            for county_name, county in _children(city):
                yield record(county_name, county, "county", city_i)
                county_i, count = count, count + 1
                for town_name, town in _children(county):
                    yield record(town_name, town, "town", county_i)
                    town_i, count = count, count + 1
                    for village_name in town or {}:
                        yield record(village_name, None, "village", town_i)
                        count += 1


def _children(node: object) -> list[tuple[str, dict | None]]:
    if not isinstance(node, dict):
        return []
    return [(k, v) for k, v in node.items() if not k.startswith("_")]


def _hash(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest(), "little")


def compile_arrays(records: Iterator[Record]) -> dict[str, np.ndarray]:
    """The flat arrays of the cache file; name indexes list divisions in dataset order, as before."""
    strings: dict[str, int] = {}

    def sid(text: str) -> int:
        return strings.setdefault(text, len(strings))

    names, shorts, levels, parents, codes = [], [], [], [], []
    index: dict[str, tuple[list[int], list[int]]] = {"name": ([], []), "short": ([], [])}
    for node, (full, short_forms, level, parent, code) in enumerate(records):
        names.append(sid(full))
        shorts.append(sid(short_forms[0]) if short_forms else -1)
        levels.append(LEVELS.index(level))
        parents.append(parent)
        codes.append(-1 if code is None else sid(code))
        index["name"][0].append(sid(full))
        index["name"][1].append(node)
        for short in short_forms:
            if short != full:
                index["short"][0].append(sid(short))
                index["short"][1].append(node)
    blob = "".join(strings).encode("utf-8")
    lengths = [len(s.encode("utf-8")) for s in strings]
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    string_hashes = np.array([_hash(s) for s in strings], dtype=np.uint64)
    arrays: dict[str, np.ndarray] = {
        "blob": np.frombuffer(blob, dtype=np.uint8),
        "offsets": offsets,
        "name": np.array(names, dtype=np.int32),
        "short": np.array(shorts, dtype=np.int32),
        "level": np.array(levels, dtype=np.int8),
        "parent": np.array(parents, dtype=np.int32),
        "code": np.array(codes, dtype=np.int32),
    }
    for kind, (keys, nodes) in index.items():
        key_array, node_array = np.array(keys, dtype=np.int32), np.array(nodes, dtype=np.int32)
        hashes = string_hashes[key_array]
        order = np.lexsort((node_array, hashes))  # by hash, then dataset order
        arrays[f"{kind}_hash"] = hashes[order]
        arrays[f"{kind}_key"] = key_array[order]
        arrays[f"{kind}_node"] = node_array[order]
    return arrays


def cache_dir() -> Path:
    """CADREGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/cadregraph, else ~/.cache/cadregraph."""
    given = os.environ.get("CADREGRAPH_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cadregraph"


def cache_path() -> Path:
    from importlib.metadata import version

    return cache_dir() / f"gazetteer-v{_FORMAT}-jionlp-{version('jionlp')}.npz"


def _load_arrays() -> dict[str, np.ndarray]:
    path = cache_path()
    if not path.exists():
        arrays = compile_arrays(_records())
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
                np.savez(tmp, **arrays)  # type: ignore[arg-type]
            os.replace(tmp.name, path)  # atomic: a concurrent run sees the whole file or none
        except OSError as exc:
            print(
                f"kg: cannot write the gazetteer cache {path}: {exc}; it is rebuilt each run", file=sys.stderr
            )
        return arrays
    with np.load(path) as stored:
        return {name: stored[name] for name in stored.files}


# ---------------------------------------------------------------- lookups


class _NameIndex:
    """name → divisions (dataset order), like the dict of lists it replaces: `.get(name, default)`."""

    def __init__(self, gazetteer: Gazetteer, kind: str) -> None:
        self._gazetteer = gazetteer
        self._hashes = gazetteer.arrays[f"{kind}_hash"]
        self._keys = gazetteer.arrays[f"{kind}_key"]
        self._nodes = gazetteer.arrays[f"{kind}_node"]
        self._memo: dict[str, tuple[int, ...]] = {}

    def nodes(self, name: str) -> tuple[int, ...]:
        found = self._memo.get(name)
        if found is None:
            h = np.uint64(_hash(name))
            lo = int(np.searchsorted(self._hashes, h, side="left"))
            hi = int(np.searchsorted(self._hashes, h, side="right"))
            text = self._gazetteer.string
            found = tuple(int(self._nodes[i]) for i in range(lo, hi) if text(int(self._keys[i])) == name)
            self._memo[name] = found
        return found

    def get(self, name: str, default: list[Division] | None = None) -> list[Division]:
        nodes = self.nodes(name)
        if not nodes:
            return [] if default is None else default
        return [self._gazetteer.division(i) for i in nodes]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self.nodes(name))


class Gazetteer:
    def __init__(self, arrays: dict[str, np.ndarray] | None = None) -> None:
        self.arrays = _load_arrays() if arrays is None else arrays
        self._blob = self.arrays["blob"].tobytes()
        self._offsets = self.arrays["offsets"]
        self._divisions: dict[int, Division] = {}
        self.by_name = _NameIndex(self, "name")
        self.by_short = _NameIndex(self, "short")

    def __len__(self) -> int:
        return len(self.arrays["name"])

    def string(self, sid: int) -> str:
        return self._blob[int(self._offsets[sid]) : int(self._offsets[sid + 1])].decode("utf-8")

    def division(self, node: int) -> Division:
        """The Division of a node index, made once (its parents too)."""
        found = self._divisions.get(node)
        if found is None:
            arrays = self.arrays
            parent = int(arrays["parent"][node])
            short, code = int(arrays["short"][node]), int(arrays["code"][node])
            found = Division(
                self.string(int(arrays["name"][node])),
                self.string(short) if short >= 0 else None,
                LEVELS[int(arrays["level"][node])],
                self.division(parent) if parent >= 0 else None,
                self.string(code) if code >= 0 else None,
            )
            self._divisions[node] = found
        return found

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


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
