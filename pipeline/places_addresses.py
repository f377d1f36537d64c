"""Addresses the model cut across their level words: 都/LOC 龙镇堡/LOC 良街村/LOC is 都龙镇 and 堡良街村.

On county pages the model meets town and village names it has never seen and may cut a run of place words
in the wrong places (one character of the town's name left alone, the next village's first character glued
to the town's level word). The run is read again: each link of an address ends in a level word (镇, 乡,
村, …), and the first link must be a division the gazetteer knows near the page's home, so the new cuts rest
on evidence; a last link of a village's level may be a name the gazetteer does not hold.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import get_args

from spacy.tokens import Doc

from cadregraph.pipeline import tokens
from cadregraph.pipeline.gazetteer import Division, gazetteer
from cadregraph.pipeline.lexicons import DivisionTier, level_chars, level_words, longest_suffix, two_levels

CharSpan = tuple[int, int, str]

# 州 ends cities' names (杭州), 旗 and 盟 are words of their own (红旗, 联盟): no address link is cut at them
_NAME_LEVELS = frozenset({"州", "旗", "盟"})
# The one-character level words (division_levels.txt) that are never a name's own character: a link never opens
# with one (桐乡|市濮院镇: a wrong cut).
LEVEL_CHARS = frozenset(level_chars(*get_args(DivisionTier))) - _NAME_LEVELS
# The level words an address's link ends in, one level each (not 乡镇); a village's (村, 社区) ends the last link.
_LINK_ENDS = tuple(
    w for w in level_words(*get_args(DivisionTier)) if not two_levels(w) and w not in _NAME_LEVELS
)
_LAST_LINK_ENDS = level_words("village")


def _known_link(name: str, within: Division | None) -> Division | None:
    """The division of this full name (桐乡 is 桐乡市's short name, no link) under the home or the link before."""
    if within is None:
        return None
    return next((found for found in gazetteer().by_name.get(name, []) if within in found.chain), None)


def _walk(
    text: str,
    within: Division | None,
    first: Callable[[str], Division | None] | None = None,
    limit: int | None = None,
) -> tuple[list[tuple[int, int]], int]:
    """The links that open `text`, each the shortest name ending in a level word that is a division inside the
    one before (the first inside `within`, or the one `first` accepts when `within` is None), and the offset
    where the walk stopped; a link is at most `limit` characters long when one is given."""
    links: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        stop = len(text) if limit is None else min(len(text), start + limit)
        found = next(
            (
                (e, division)
                for e in range(start + 2, stop + 1)
                if longest_suffix(text[start:e], _LINK_ENDS)
                and (
                    division := first(text[start:e])
                    if within is None and first is not None
                    else _known_link(text[start:e], within)
                )
                is not None
            ),
            None,
        )
        if found is None:
            break
        links.append((start, found[0]))
        start, within = found
    return links, start


def address_links(text: str, home: Division | None) -> list[tuple[int, int]] | None:
    """The links of an address written without separators, as (start, end) in `text`, or None when the
    text does not read as one: 都龙镇堡良街村 (home 马关县) → 都龙镇, 堡良街村."""
    links, start = _walk(text, home)
    if start < len(text):
        last = text[start:]
        suffix = longest_suffix(last, _LAST_LINK_ENDS)
        if (
            links
            and suffix
            and len(last) - len(suffix) >= 2
            and last[0] not in LEVEL_CHARS
            and not _holds_a_town(last)
        ):
            links.append((start, len(text)))  # 堡良街村: a village the gazetteer does not hold
            return links
        return None
    return links if links else None


def top_down_links(text: str) -> list[tuple[int, int]]:
    """The links of an address that opens `text` from a province or a prefecture city down, as (start, end):
    河北省沧州市海兴县影剧院 → 河北省, 沧州市, 海兴县. The first link is a province or a city the gazetteer knows
    by its full name, each next one a division inside the one before; the rest of `text` is left out."""
    return _walk(text, None, first=_top_link, limit=_TOP_LINK_MAX)[0]


_TOP_LINK_MAX = 8  # characters of one link of a written-out address (内蒙古自治区 has 6)


def _top_link(name: str) -> Division | None:
    """The province or prefecture city of this full name (河北省, 沧州市), which opens a top-down address."""
    division = gazetteer().resolve(name)
    if division is not None and division.name == name and division.level in ("province", "city"):
        return division
    return None


# the level words of a town-level division (components and canonical read them too; 乡镇 ends in 镇)
TOWN_LEVELS = level_words("township")


def _holds_a_town(last: str) -> bool:
    """云阳县|清水土家族乡建兴村: a town the gazetteer does not hold and its village are two links, not one
    village's name; a town's level word with a name of two characters or more on either side is a cut."""
    return any(
        last.find(end, 2) >= 0 and len(last) - last.find(end, 2) - len(end) >= 3 for end in TOWN_LEVELS
    )


def recut_address_runs(doc: Doc, home: Division | None) -> list[CharSpan]:
    """Places for the runs of adjacent LOC words whose address links end elsewhere than the model's words."""
    text = tokens.doc_text(doc)
    found: list[CharSpan] = []
    tags, starts, ends = tokens.tags(doc), tokens.token_starts(doc), tokens.token_ends(doc)
    i = 0
    while i < len(tags):
        j = i
        while tags[i] == "LOC" and j + 1 < len(tags) and tags[j + 1] == "LOC":
            j += 1
        if j > i:
            start, end = starts[i], ends[j]
            links = address_links(text[start:end], home)
            model_cuts = {e - start for e in ends[i : j + 1]}
            if links is not None and {e for _, e in links} != model_cuts:
                found.extend((start + s, start + e, "Place") for s, e in links)
        i = j + 1
    return found
