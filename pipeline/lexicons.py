"""Loading the genre lexicons kept as data files under pipeline/data/lexicons/."""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("pipeline").joinpath("data", "lexicons", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@cache
def word_list(name: str) -> tuple[str, ...]:
    """A one-word-per-line lexicon, longest first so that longest-match loops can stop at the first hit."""
    return tuple(sorted({line.split("\t")[0] for line in _lines(name)}, key=lambda w: (-len(w), w)))


@cache
def word_table(name: str) -> dict[str, str]:
    """A `word<TAB>value` lexicon."""
    table: dict[str, str] = {}
    for line in _lines(name):
        word, _, value = line.partition("\t")
        table[word] = value.strip()
    return table


def longest_suffix(text: str, words: tuple[str, ...]) -> str | None:
    """The longest lexicon word that `text` ends with."""
    for word in words:
        if text.endswith(word):
            return word
    return None


def longest_prefix(text: str, words: tuple[str, ...]) -> str | None:
    for word in words:
        if text.startswith(word):
            return word
    return None
