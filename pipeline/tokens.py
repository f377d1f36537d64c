"""Character offsets of a Doc's tokens, kept as arrays so that rules find a token by bisection.

Iterating a spaCy Doc creates a Python `Token` per token: rules that scanned the whole Doc to find the
token at a character made tens of millions of them per page. The arrays are built once per Doc state
(C speed, `Doc.to_array`) and rebuilt only after the Doc is retokenised (`forget` must be called then).
Rules that look at every token read the words and tags as plain lists (`words`, `tags`), made once per
Doc state as well, and build a `Token` only for the few they keep.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import numpy as np
from spacy.attrs import IDX, LENGTH, TAG
from spacy.tokens import Doc, Token

CharSpan = tuple[int, int, str]  # start_char, end_char, label: a rule's span before it becomes an entity
# The model's tags of a named place or body: its NER labels and the part-of-speech tags of the same names.
NAMED_TAGS = frozenset({"LOC", "ORG", "ns", "nt"})
# The conjunctions that join two names, or sit inside one (中国科学技术协会和|…, 交通与运输局).
NAME_CONJUNCTIONS = ("和", "与", "及")

# One slot: the Doc the rules are working on now, its length when the arrays were built, its text, the
# arrays, and the values derived from this Doc state (`derived`). A strong reference keeps the Doc's
# identity from being reused while the slot holds it.
_slot: list[Any] = [None, -1, "", None, None, {}]

_T = TypeVar("_T")


def _fill(doc: Doc) -> list[Any]:
    if _slot[0] is not doc or _slot[1] != len(doc):
        pairs = doc.to_array([IDX, LENGTH]).astype(np.int64).reshape(-1, 2)
        starts = np.ascontiguousarray(pairs[:, 0])
        text = _slot[2] if _slot[0] is doc else doc.text
        _slot[:] = [doc, len(doc), text, starts, starts + pairs[:, 1], {}]
    return _slot


def remember_text(doc: Doc, text: str) -> None:
    """The text the tokenizer built the Doc from (its words joined with no spaces: `doc.text` exactly), so
    that `doc_text` need not join every token again."""
    _slot[:] = [doc, -1, text, None, None, {}]


def derived(doc: Doc, key: str, make: Callable[[], _T]) -> _T:
    """`make()` once per Doc state: kept in the slot beside the arrays, dropped with them when another Doc
    comes or this one is retokenised. For values that only the Doc's tokens and spans decide."""
    values = _fill(doc)[5]
    if key not in values:
        values[key] = make()
    return values[key]  # type: ignore[no-any-return]


def words(doc: Doc) -> list[str]:
    """Every token's text, in order, without a `Token` per token."""

    def make() -> list[str]:
        _, _, text, starts, ends, _ = _fill(doc)
        return [text[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]

    return derived(doc, "words", make)


def token_starts(doc: Doc) -> list[int]:
    """Every token's `idx`, in order, as plain integers."""
    return derived(doc, "starts", lambda: _fill(doc)[3].tolist())


def token_ends(doc: Doc) -> list[int]:
    """Every token's end offset, in order (ascending: tokens do not overlap), as plain integers."""
    return derived(doc, "ends", lambda: [s + len(w) for s, w in zip(token_starts(doc), words(doc), strict=True)])


def tags(doc: Doc) -> list[str]:
    """Every token's `tag_`, in order, without a `Token` per token."""

    def make() -> list[str]:
        strings = doc.vocab.strings
        names: dict[int, str] = {}
        return [names.get(h) or names.setdefault(h, strings[h]) for h in doc.to_array(TAG).tolist()]

    return derived(doc, "tags", make)


def forget(doc: Doc) -> None:
    """The Doc was retokenised: its token arrays are stale."""
    if _slot[0] is doc:
        _slot[1] = -1


def doc_text(doc: Doc) -> str:
    """`doc.text` without rebuilding it from the tokens on every call (retokenising keeps the text)."""
    if _slot[0] is not doc:
        _fill(doc)
    return str(_slot[2])


def text_holds_any(doc: Doc, words: Iterable[str]) -> bool:
    """Whether the page's text holds one of `words`: a whole-document scan over the tokens for those words
    may return at once when it does not (the scan costs a pass that builds every token)."""
    text = doc_text(doc)
    return any(word in text for word in words)


def token_index_at(doc: Doc, char: int) -> int | None:
    """Index of the token covering character `char`, or None (a gap or out of range)."""
    _, _, _, starts, ends, _ = _fill(doc)
    i = int(np.searchsorted(starts, char, side="right")) - 1
    return i if i >= 0 and char < ends[i] else None


def token_at(doc: Doc, char: int) -> Token | None:
    i = token_index_at(doc, char)
    return None if i is None else doc[i]


def tokens_overlapping(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens that share at least one character with [start, end), in order."""
    _, _, _, starts, ends, _ = _fill(doc)
    first = int(np.searchsorted(ends, start, side="right"))
    stop = int(np.searchsorted(starts, end, side="left"))
    return [doc[i] for i in range(first, stop)]


def token_starts_between(doc: Doc, start: int, end: int) -> set[int]:
    """Start offsets of the tokens that start strictly inside (start, end)."""
    _, _, _, starts, _, _ = _fill(doc)
    lo = int(np.searchsorted(starts, start, side="right"))
    hi = int(np.searchsorted(starts, end, side="left"))
    return {int(s) for s in starts[lo:hi]}


class TokensByOffset:
    """`{token.idx: token}` (or keyed by token end) without making a Token per token: `in` and `[]`."""

    def __init__(self, doc: Doc, by_end: bool = False) -> None:
        _, _, _, starts, ends, _ = _fill(doc)
        self._doc, self._keys = doc, ends if by_end else starts

    def _index(self, char: object) -> int | None:
        if not isinstance(char, int | np.integer):
            return None
        i = int(np.searchsorted(self._keys, char, side="left"))
        return i if i < len(self._keys) and self._keys[i] == char else None

    def __contains__(self, char: object) -> bool:
        return self._index(char) is not None

    def __getitem__(self, char: int) -> Token:
        i = self._index(char)
        if i is None:
            raise KeyError(char)
        return self._doc[i]

    def get(self, char: int, default: Token | None = None) -> Token | None:
        i = self._index(char)
        return default if i is None else self._doc[i]


def tokens_starting_in(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens whose first character lies in [start, end), in order."""
    _, _, _, starts, _, _ = _fill(doc)
    lo = int(np.searchsorted(starts, start, side="left"))
    hi = int(np.searchsorted(starts, end, side="left"))
    return [doc[i] for i in range(lo, hi)]
