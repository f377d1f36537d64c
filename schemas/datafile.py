"""Typed data files: a TOML table becomes a frozen dataclass, or the load fails saying which key.

One reader for every tunable and pattern file, so that a misspelt or dead key fails when the file is
read instead of being silently ignored, and a value of the wrong type fails before a rule uses it. It
lives in `schemas/` because the record limits and the relation-type specification are read with it
too, and `schemas/` imports nothing from the pipeline or the graph.

Field types understood: str, int, float (an int is accepted), bool, tuple[str, ...], tuple[int, ...],
tuple[float, ...], dict[str, X] for X one of the scalars or tuples, a nested frozen dataclass, and
`X | None` (the key may be absent).
"""

from __future__ import annotations

import dataclasses
import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

T = TypeVar("T")


class DataFileError(ValueError):
    """A data file that does not match its dataclass: a missing, unknown or mistyped key."""


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict; a syntax error names the file."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{path}: {exc}") from None


def load_section(table: Mapping[str, Any], cls: type[T], where: str) -> T:
    """`table` as a `cls` (a frozen dataclass): every field present unless optional, no other key, each
    value of its field's type. `where` (file and section) starts every error message."""
    if not isinstance(table, Mapping):
        raise DataFileError(f"{where}: expected a table, not {type(table).__name__}")
    unknown = sorted(set(table) - {spec.name for spec in dataclasses.fields(cls)})  # type: ignore[arg-type]
    if unknown:
        raise DataFileError(f"{where}: unknown key {', '.join(map(repr, unknown))}")
    hints = get_type_hints(cls)
    values: dict[str, Any] = {}
    for spec in dataclasses.fields(cls):  # type: ignore[arg-type]
        hint = hints[spec.name]
        if spec.name not in table:
            if _optional(hint) or spec.default is not dataclasses.MISSING:
                continue
            raise DataFileError(f"{where}: missing key {spec.name!r}")
        values[spec.name] = _convert(table[spec.name], hint, f"{where}.{spec.name}")
    return cls(**values)


def _optional(hint: Any) -> bool:
    return get_origin(hint) in (typing.Union, types.UnionType) and type(None) in get_args(hint)


def _convert(value: Any, hint: Any, where: str) -> Any:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _convert(value, inner, where)
    if dataclasses.is_dataclass(hint):
        return load_section(value, hint, where)  # type: ignore[arg-type]
    if origin is tuple:
        if not isinstance(value, list):
            raise DataFileError(f"{where}: expected a list, not {value!r}")
        return tuple(_convert(item, args[0], f"{where}[{i}]") for i, item in enumerate(value))
    if origin is dict:
        if not isinstance(value, Mapping):
            raise DataFileError(f"{where}: expected a table, not {value!r}")
        return {str(k): _convert(v, args[1], f"{where}.{k}") for k, v in value.items()}
    if hint is float and type(value) is int:
        return float(value)
    if hint in (str, int, float, bool) and type(value) is hint:
        return value
    raise DataFileError(f"{where}: expected {getattr(hint, '__name__', hint)}, not {value!r}")
