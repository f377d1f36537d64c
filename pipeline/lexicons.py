"""Loading the genre lexicons kept as data files under pipeline/data/lexicons/."""

from __future__ import annotations

from collections.abc import Iterable
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


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """Distinct words, longest first, so that a first-match loop finds the longest."""
    return tuple(sorted(set(words), key=len, reverse=True))


def match_word_at(text: str, pos: int, words: tuple[str, ...]) -> str | None:
    """The first of `words` (longest first, as word_list gives them) that starts at text[pos]."""
    for word in words:
        if text.startswith(word, pos):
            return word
    return None


def match_word_ending_at(text: str, end: int, words: tuple[str, ...]) -> str | None:
    """The first of `words` that ends exactly at text[end]."""
    for word in words:
        if end >= len(word) and text.endswith(word, 0, end):
            return word
    return None


def longest_prefix(text: str, words: tuple[str, ...]) -> str | None:
    for word in words:
        if text.startswith(word):
            return word
    return None


@cache
def common_words() -> frozenset[str]:
    """The headwords of jionlp's Chinese word dictionary (about 34,000 common words).

    Read from the package's data file without importing jionlp (whose import prints a banner)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "chinese_word_dictionary.txt"
    with path.open(encoding="utf-8") as lines:
        return frozenset(line.split("\t", 1)[0].strip() for line in lines if line.strip())
