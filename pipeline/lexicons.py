"""Loading the genre lexicons kept as data files under pipeline/data/lexicons/."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Literal, cast, get_args

from cadregraph.pipeline.resources import data_lines


def _lines(name: str) -> list[str]:
    return data_lines("lexicons", name)


@cache
def word_list(name: str) -> tuple[str, ...]:
    """A one-word-per-line lexicon, longest first so that longest-match loops can stop at the first hit."""
    return tuple(sorted({line.split("\t")[0] for line in _lines(name)}, key=lambda w: (-len(w), w)))


@cache
def word_set(name: str) -> frozenset[str]:
    """The same lexicon as a set, built once, for membership tests on hot paths."""
    return frozenset(word_list(name))


@cache
def word_table(name: str) -> dict[str, str]:
    """A `word<TAB>value` lexicon."""
    table: dict[str, str] = {}
    for line in _lines(name):
        word, _, value = line.partition("\t")
        table[word] = value.strip()
    return table


DivisionTier = Literal["province", "prefecture", "agency", "county", "township", "village"]


@cache
def division_tiers() -> dict[str, DivisionTier]:
    """division_levels.txt: each level word of an administrative division and the tier of division it names."""
    tiers: dict[str, DivisionTier] = {}
    for word, tier in word_table("division_levels.txt").items():
        if tier not in get_args(DivisionTier):
            raise ValueError(f"division_levels.txt: {word} has no known tier ({tier!r})")
        tiers[word] = cast(DivisionTier, tier)
    return tiers


@cache
def level_chars(*tiers: DivisionTier) -> str:
    """The one-character level words of these tiers, in file order, for a regex character class or an `in` test
    (level_chars("province", "prefecture", "county") is 省市县区州旗)."""
    return "".join(w for w, t in division_tiers().items() if len(w) == 1 and t in tiers)


@cache
def level_words(*tiers: DivisionTier) -> tuple[str, ...]:
    """The level words of these tiers, longest first (level_words("township") is 乡镇, 街道, 乡, 镇)."""
    return tuple(w for w in word_list("division_levels.txt") if division_tiers()[w] in tiers)


def two_levels(word: str) -> bool:
    """乡镇 (乡 and 镇): a level word made of two one-character level words names both levels, no one level."""
    chars = level_chars(*get_args(DivisionTier))
    return len(word) == 2 and word[0] in chars and word[1] in chars


class _WordIndex:
    """A word tuple as sets by length: a match costs one slice per distinct length, not one comparison per
    word. Answers are those of the first-match loops over the tuple (the earliest-listed matching word)."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words
        self.rank: dict[str, int] = {}
        for i, word in enumerate(words):
            self.rank.setdefault(word, i)
        self.lengths = sorted({len(w) for w in words}, reverse=True)
        self._lookahead: re.Pattern[str] | None = None
        # longest first: within one length at most one word can match, so the first hit is the answer
        self.sorted = all(len(a) >= len(b) for a, b in zip(words, words[1:], strict=False))
        # the characters words start and end with: most positions are rejected by one set lookup
        # (an empty word matches anywhere, so then nothing is rejected)
        self.any_first = "" in self.rank
        self.first = {w[0] for w in words if w}
        self.last = {w[-1] for w in words if w}
        # the characters a word can open with, as one character class: scans jump from one to the next
        self.opener = (
            None
            if self.any_first
            else re.compile("[" + "".join(re.escape(c) for c in sorted(self.first)) + "]")
        )

    def lookahead(self) -> re.Pattern[str]:
        """The words as one zero-width alternation in list order, made on first use: at each position the
        engine tries them in that order, so its first hit is `match_word_at`'s answer there."""
        if self._lookahead is None:
            ordered = "|".join(re.escape(w) for w in dict.fromkeys(self.words))
            self._lookahead = re.compile(f"(?=({ordered}))")
        return self._lookahead

    def best(self, pieces: Iterable[str]) -> str | None:
        found: str | None = None
        for piece in pieces:
            rank = self.rank.get(piece)
            if rank is not None:
                if self.sorted:
                    return piece
                if found is None or rank < self.rank[found]:
                    found = piece
        return found


_SMALL = 4  # tuples shorter than this are scanned
# Keyed by the tuple's value: rules that build the same tuple on every call share one index, so the
# indexes stay as many as the distinct word lists (a bound guards against unbounded distinct tuples).
_indexes: dict[tuple[str, ...], _WordIndex] = {}
# The same tuple object asked again (a cached word list): found by its identity, without hashing a tuple
# of hundreds of words on every call. One entry per index, for the last tuple object that asked for it
# (a rule building its tuple anew on each call replaces its entry, it adds none); the entry holds the
# tuple, so its id is not reused while it stands.
_by_identity: dict[int, tuple[tuple[str, ...], _WordIndex]] = {}
_owner: dict[int, int] = {}  # id of an index -> id of the tuple its identity entry is for


def _index(words: tuple[str, ...]) -> _WordIndex:
    known = _by_identity.get(id(words))
    if known is not None and known[0] is words:
        return known[1]
    index = _indexes.get(words)
    if index is None:
        if len(_indexes) > 4096:
            _indexes.clear()
            _by_identity.clear()
            _owner.clear()
        index = _indexes[words] = _WordIndex(words)
    previous = _owner.get(id(index))
    if previous is not None:
        del _by_identity[previous]
    _owner[id(index)] = id(words)
    _by_identity[id(words)] = (words, index)
    return index


def longest_suffix(text: str, words: tuple[str, ...]) -> str | None:
    """The longest lexicon word that `text` ends with."""
    if len(words) >= _SMALL:
        index = _index(words)
        n = len(text)
        if not index.any_first and (not n or text[-1] not in index.last):
            return None
        return index.best(text[n - k :] if k else "" for k in index.lengths if k <= n)
    for word in words:
        if text.endswith(word):
            return word
    return None


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """Distinct words, longest first, so that a first-match loop finds the longest."""
    return tuple(sorted(set(words), key=len, reverse=True))


def match_word_at(text: str, pos: int, words: tuple[str, ...]) -> str | None:
    """The first of `words` (longest first, as word_list gives them) that starts at text[pos]."""
    if len(words) >= _SMALL and 0 <= pos <= len(text):
        index = _index(words)
        n = len(text)
        if not index.any_first and (pos >= n or text[pos] not in index.first):
            return None
        return index.best(text[pos : pos + k] for k in index.lengths if pos + k <= n)
    for word in words:
        if text.startswith(word, pos):
            return word
    return None


def words_in(
    text: str, words: tuple[str, ...], start: int = 0, stop: int | None = None
) -> Iterator[tuple[int, str]]:
    """Each position in [start, stop) where `match_word_at` finds one of `words`, with that word, in
    order: only the positions holding a character a word opens with are tried."""
    stop = len(text) if stop is None else min(stop, len(text))
    opener = _index(words).opener if len(words) >= _SMALL else None
    if opener is None:
        candidates: Iterable[int] = range(max(start, 0), stop)
    else:
        candidates = (m.start() for m in opener.finditer(text, max(start, 0), stop))
    for pos in candidates:
        word = match_word_at(text, pos, words)
        if word is not None:
            yield pos, word


def first_word_in(
    text: str, words: tuple[str, ...], start: int = 0, stop: int | None = None
) -> tuple[int, str] | None:
    """`next(words_in(...), None)` by one regex search instead of a `match_word_at` per candidate position
    (a scan for a sentence's first verb of a table whose words open with common characters). As there, a
    word may run past `stop`; only its start must lie before it."""
    stop = len(text) if stop is None else min(stop, len(text))
    if not words or "" in words:
        return next(words_in(text, words, start, stop), None)
    index = _index(words)
    found = index.lookahead().search(text, max(start, 0), min(len(text), stop + index.lengths[0] - 1))
    return (found.start(), found.group(1)) if found is not None and found.start() < stop else None


def match_word_ending_at(text: str, end: int, words: tuple[str, ...]) -> str | None:
    """The first of `words` that ends exactly at text[end]."""
    if len(words) >= _SMALL and 0 <= end <= len(text):
        index = _index(words)
        if not index.any_first and (end == 0 or text[end - 1] not in index.last):
            return None
        return index.best(text[end - k : end] for k in index.lengths if k <= end)
    for word in words:
        if end >= len(word) and text.endswith(word, 0, end):
            return word
    return None


def longest_prefix(text: str, words: tuple[str, ...]) -> str | None:
    for word in words:
        if text.startswith(word):
            return word
    return None


def jionlp_dictionary_lines(name: str, folder: Path | None = None) -> list[str]:
    """The lines of one of jionlp's dictionary files (``chinese_idiom.txt``…), without importing jionlp
    (whose import prints a banner). A fresh install ships some of them only as ``NAME.zip``, which jionlp
    unpacks on first use into its own folder; here the zip is read in place, nothing is written."""
    import importlib.util
    import zipfile

    if folder is None:
        spec = importlib.util.find_spec("jionlp")
        if spec is None or not spec.submodule_search_locations:
            return []
        folder = Path(next(iter(spec.submodule_search_locations))) / "dictionary"
    path = folder / name
    if path.is_file():
        return path.read_text(encoding="utf-8").splitlines()
    packed = path.with_suffix(".zip")
    if packed.is_file():
        with zipfile.ZipFile(packed) as archive:
            return archive.read(name).decode("utf-8").splitlines()
    return []


@cache
def common_words() -> frozenset[str]:
    """The headwords of jionlp's Chinese word dictionary (about 34,000 common words)."""
    lines = jionlp_dictionary_lines("chinese_word_dictionary.txt")
    return frozenset(line.split("\t", 1)[0].strip() for line in lines if line.strip())


@cache
def idiom_set() -> frozenset[str]:
    """The four-character idioms of jionlp's idiom dictionary (长治久安, 见贤思齐)."""
    words = (line.split("\t", 1)[0].strip() for line in jionlp_dictionary_lines("chinese_idiom.txt"))
    return frozenset(w for w in words if len(w) == 4)


@cache
def world_places() -> frozenset[str]:
    """Countries (short and full names), capitals and major cities of jionlp's world location list. The
    entity rules use it to relabel a PER span the model gave a foreign place (it rejects nothing); the
    place scorer never judges a place it holds."""
    names: set[str] = set()
    for line in jionlp_dictionary_lines("world_location.txt"):
        for field in line.split("\t"):
            names.update(n.strip() for n in field.split("/") if len(n.strip()) >= 2)
    return frozenset(n for n in names if not n.endswith(":"))
