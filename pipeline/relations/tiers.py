"""Named confidence tiers and look-around windows of the relation rules
(pipeline/data/relations/confidence.toml): a rule says which kind of reading a fact rests on, the data
file says how sure that kind is."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from cadregraph.pipeline.relations.patterns import load_data

TierName = Literal[
    "written", "derived", "adjacent", "pattern", "clause", "sentence", "context", "paragraph", "fallback"
]


@dataclass(frozen=True)
class Tiers:
    """Confidence by the kind of reading, surest first (confidence.toml [tiers] says which is which)."""

    written: float
    derived: float
    adjacent: float
    pattern: float
    clause: float
    sentence: float
    context: float
    paragraph: float
    fallback: float

    def of(self, name: TierName) -> float:
        """The confidence of the tier called `name` (Tiers and TierName list the same names)."""
        return float(getattr(self, name))


@dataclass(frozen=True)
class Adjust:
    """Adjustments to a tier for one kind of fact."""

    place_actor_penalty: float


@dataclass(frozen=True)
class Windows:
    """Characters looked at around a word (confidence.toml [windows] says where each is used)."""

    title_chars: int
    bracket_chain_chars: int
    copular_clause_chars: int
    verb_lookback_chars: int
    actor_verb_gap_chars: int
    quote_reach_chars: int
    speaker_chars: int
    part_of_copula_chars: int
    part_of_marker_chars: int
    participation_gap_chars: int
    assignment_lead_chars: int
    member_after_chars: int
    award_person_chars: int
    caption_max_chars: int
    head_word_chars: int
    this_round_chars: int
    stationed_chars: int
    organise_verb_chars: int
    byline_next_line_chars: int
    trailing_role_chars: int


@dataclass(frozen=True)
class Tuning:
    """confidence.toml, section by section."""

    tiers: Tiers
    adjust: Adjust
    windows: Windows


@cache
def tuning() -> Tuning:
    """confidence.toml, loaded once."""
    return load_data(Tuning, "confidence.toml")


def tiers() -> Tiers:
    """The named confidence tiers."""
    return tuning().tiers


def windows() -> Windows:
    """The look-around windows."""
    return tuning().windows
