"""Is a place word a name or a description? Two word-level checks shared by every rule that makes a place.

Issue 8 saw places made of ordinary words on unseen pages: a division suffix cut out of a longer word
(江门市乡|村振兴培训中心 read as 江门市乡, 桐梓乡村 as a village), and a generic place word after an ordinary
modifier (基地村, 边境村, 优秀村, 直管镇) read as a village's or a town's name. Both are decided from closed
classes and general word statistics, never from lists of particular places. Tunables:
pipeline/data/places/descriptions.toml.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from cadregraph.pipeline.lexicons import common_words, jionlp_dictionary_lines
from cadregraph.pipeline.resources import checked_toml


@dataclass(frozen=True)
class DescriptionRules:
    """descriptions.toml, typed."""

    min_count: int
    min_chars: int
    level_chars: frozenset[str]
    opening_conjunctions: frozenset[str]


@cache
def description_rules() -> DescriptionRules:
    with checked_toml("places", "descriptions.toml") as raw:
        return DescriptionRules(
            min_count=int(raw["modifier"]["min_count"]),
            min_chars=int(raw["modifier"]["min_chars"]),
            level_chars=frozenset(raw["compounds"]["level_chars"]),
            opening_conjunctions=frozenset(raw["boundaries"]["opening_conjunctions"]),
        )


@cache
def _word_counts() -> dict[str, int]:
    """jionlp's word-frequency list (one JSON pair ["word", count] per line), read once."""
    counts: dict[str, int] = {}
    for line in jionlp_dictionary_lines("word_distribution.json"):
        line = line.strip().rstrip(",")
        if not line.startswith("["):
            continue
        try:
            word, count = json.loads(line)
        except (ValueError, TypeError):
            continue
        if isinstance(word, str) and isinstance(count, int):
            counts[word] = count
    return counts


def word_count(word: str) -> int:
    """How often jionlp's word-frequency list counts the word (0 when it does not list it)."""
    return _word_counts().get(word, 0)


def ordinary_word(word: str) -> bool:
    """基地, 优秀, 边境, 直管: a word of the general vocabulary (jionlp's dictionary, or frequent in its
    word-frequency list), so a modifier that describes; 蒲楼, 茄苪, 新仓 are rare there and read as names.
    A modifier shorter than min_chars is never judged (严村, 珠江)."""
    rules = description_rules()
    if len(word) < rules.min_chars:
        return False
    return word in common_words() or word_count(word) >= rules.min_count


def level_compound_at(text: str, end: int) -> bool:
    """江门市乡|村振兴, 东莞镇|村经济: the level word ending at `end` and the character after it make one word
    of two level words (乡村, 镇村, 乡镇), so no division's name ends at `end`; 茄苪村|村委会 repeats the level
    word (the village's committee), which ends the name."""
    chars = description_rules().level_chars
    return (
        0 < end < len(text) and text[end - 1] in chars and text[end] in chars and text[end - 1] != text[end]
    )


def describes_a_kind(text: str, suffix: str) -> bool:
    """基地村, 边境村, 优秀村, 直管镇: an ordinary word before a village-level word describes a kind of place
    when neither the whole nor the modifier is a division the gazetteer knows anywhere (红旗村, 张家村 are
    villages' names in hundreds of places; 青海湖 opens with a province)."""
    from cadregraph.pipeline.gazetteer import gazetteer

    modifier = text[: -len(suffix)] if suffix and text.endswith(suffix) else ""
    if not modifier or not ordinary_word(modifier):
        return False
    places = gazetteer()
    return not places.lookup(text) and not places.lookup(modifier)


def crosses_a_word(text: str, start: int, end: int, after_place: bool) -> str | None:
    """Where a LOC span text[start:end] cuts across the segmentation, or None. 民主党|派州(市)级: its first
    character makes a dictionary word (党派) with the one before it ("start"), unless a place ends there
    (`after_place`: 民权县|人民路, where 县人 is a word too); 论坛|暨村: it opens with a conjunction
    ("conjunction"). Its last character is not judged: place names end in 湖, 区, 首 that open common
    words (太湖|边, 高新区|区情). The caller keeps places it knows."""
    rules = description_rules()
    name = text[start:end]
    if len(name) >= 2 and name[0] in rules.opening_conjunctions:
        return "conjunction"
    if start > 0 and not after_place and text[start - 1 : start + 1] in common_words():
        return "start"
    return None
