"""Declared short forms: 2020年全省党外县(处)级中青年干部培训班(以下简称“中青班”) — the form in the brackets is
another name of the one written right before them, never an entity of its own. One definition for every entity
type (the cue words are pipeline/data/lexicons/short_form_cues.txt)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cadregraph.pipeline.lexicons import word_list

_LONGEST_SHORT_FORM = 20


@dataclass(frozen=True)
class ShortForm:
    """A declaration: the name before it ends at `named_end`; the short form is text[start:end], quotes off."""

    named_end: int
    start: int
    end: int


@cache
def _declaration() -> re.Pattern[str]:
    cues = "|".join(re.escape(cue) for cue in word_list("short_form_cues.txt"))
    return re.compile(
        rf"[(（](?:{cues})[:：]?[“\"「]?([^“”\"「」()（），,、。；;\s]{{2,{_LONGEST_SHORT_FORM}}}?)[”\"」]?[)）]"
    )


def declared_short_forms(text: str) -> list[ShortForm]:
    """Every (以下简称X) / (下称“X”) / (简称X) declaration in `text`, in text order."""
    return [ShortForm(m.start(), m.start(1), m.end(1)) for m in _declaration().finditer(text)]
