"""The relation rules' word lists and patterns (pipeline/data/relations/)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


def _data_text(name: str) -> str:
    return resources.files("pipeline").joinpath("data", "relations", name).read_text(encoding="utf-8")


def _data_lines(name: str) -> list[str]:
    return [
        ln.strip() for ln in _data_text(name).splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]


@cache
def patterns() -> dict[str, Any]:
    return tomllib.loads(_data_text("patterns.toml"))


@cache
def word_set(name: str) -> tuple[str, ...]:
    return tuple(sorted(set(_data_lines(name)), key=lambda w: (-len(w), w)))
