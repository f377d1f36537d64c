"""The pipeline's data files (pipeline/data/): one reader for word lists, TOML and JSON.

The rule modules used to open their files four ways (importlib.resources, Path(__file__), each with
its own comment convention). Here: files are found inside the installed package, a word list drops
blank lines and `#` comments the same way everywhere, and a TOML file is read either straight into
frozen dataclasses (`toml_sections`, cadregraph.schemas.datafile) or, where a loader derives its dataclass
(longest-first word tuples, compiled patterns), through `checked_toml`, which fails when the loader
is done if it left a key unread. Either way a misspelt or dead key fails when the file is loaded.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib import resources
from typing import Any, TypeVar

from cadregraph.schemas.datafile import DataFileError, load_section

T = TypeVar("T")


def data_text(*parts: str) -> str:
    """The text of pipeline/data/<parts…>."""
    return resources.files("cadregraph.pipeline").joinpath("data", *parts).read_text(encoding="utf-8")


def data_lines(*parts: str) -> list[str]:
    """The lines of a word list or table, stripped, without blank lines and `#` comment lines."""
    return [
        line.strip()
        for line in data_text(*parts).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def data_toml(*parts: str) -> dict[str, Any]:
    """A TOML file under pipeline/data/; a syntax error names the file."""
    try:
        return tomllib.loads(data_text(*parts))
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"pipeline/data/{'/'.join(parts)}: {exc}") from None


def data_json(*parts: str) -> Any:
    """A JSON file under pipeline/data/. JSON has no comments, so a top-level key starting with `_`
    is one (`"_max_control_share": "why this share"`) and is dropped."""
    value = json.loads(data_text(*parts))
    if isinstance(value, dict):
        return {key: item for key, item in value.items() if not key.startswith("_")}
    return value


def toml_sections(cls: type[T], *parts: str) -> T:
    """A whole TOML file under pipeline/data/ as `cls`, whose fields are its sections (each a frozen
    dataclass): a section or key that is missing, unknown or mistyped fails here."""
    return load_section(data_toml(*parts), cls, f"pipeline/data/{'/'.join(parts)}")


class ReadTable(Mapping[str, Any]):
    """A TOML table that remembers which keys were read (iterating it reads them all: a table of words
    used whole); a missing key is a DataFileError naming it."""

    def __init__(self, table: Mapping[str, Any], where: str) -> None:
        self._table = table
        self._where = where
        self._read: set[str] = set()
        self._children: dict[str, ReadTable] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._table:
            near = difflib.get_close_matches(key, [str(k) for k in self._table], n=1)
            hint = f" (is {near[0]!r} misspelt?)" if near else ""
            raise DataFileError(f"{self._where}: missing key {key!r}{hint}")
        self._read.add(key)
        value = self._table[key]
        if isinstance(value, Mapping):
            return self._children.setdefault(key, ReadTable(value, f"{self._where}.{key}"))
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._table

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._table else default

    def __iter__(self) -> Iterator[str]:
        self._read.update(self._table)
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def unread(self) -> list[str]:
        """The dotted names of the keys nobody read, here and in the tables below."""
        names = [f"{self._where}.{key}" for key in self._table if key not in self._read]
        for child in self._children.values():
            names.extend(child.unread())
        return names


@contextmanager
def checked(table: Mapping[str, Any], where: str) -> Iterator[ReadTable]:
    """Read `table` inside the block; a key still unread at its end (dead or misspelt) fails."""
    tracked = ReadTable(table, where)
    yield tracked
    unread = tracked.unread()
    if unread:
        raise DataFileError(f"unknown key {', '.join(unread)}: read by nothing")


def checked_toml(*parts: str) -> Any:
    """`checked` over a TOML file under pipeline/data/ (use as `with checked_toml(...) as raw:`)."""
    return checked(data_toml(*parts), f"pipeline/data/{'/'.join(parts)}")
