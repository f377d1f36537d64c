"""The relation rules' word lists and patterns (pipeline/data/relations/patterns.toml), loaded into frozen
dataclasses: a key the file has and no field names, or a field the file lacks, fails at load, so a
misspelt or dead key cannot sit there unread."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from cadregraph.pipeline.resources import data_lines, data_text
from cadregraph.schemas.datafile import load_section

T = TypeVar("T")


@cache
def word_set(name: str) -> tuple[str, ...]:
    """A word list of pipeline/data/relations/, longest word first."""
    return tuple(sorted(set(data_lines("relations", name)), key=lambda w: (-len(w), w)))


def load_data(cls: type[T], name: str, text: str | None = None) -> T:
    """The TOML file pipeline/data/relations/NAME (or `text` read as it) → `cls` (a DataFileError, a
    ValueError, on an unknown, missing or mistyped key)."""
    raw = tomllib.loads(data_text("relations", name) if text is None else text)
    return load_section(raw, cls, f"pipeline/data/relations/{name}")


@dataclass(frozen=True)
class Chains:
    """Title chains before a name (cadregraph.pipeline.relations.chains)."""

    clause_opening_tags: tuple[str, ...]
    verb_opening_tags: tuple[str, ...]
    verb_opening_separators: tuple[str, ...]
    subject_verb_chars: int
    max_unit_chars: int
    name_list_separators: tuple[str, ...]
    names_then_title: tuple[str, ...]
    name_list_remark: str
    colon_list_intro: str
    colon_list_gap: str
    open_brackets: tuple[str, ...]
    close_brackets: tuple[str, ...]
    org_token_tags: tuple[str, ...]
    org_bracket_chars: tuple[str, ...]
    org_bracket_separators: tuple[str, ...]
    max_org_chars: int
    org_anaphors: tuple[str, ...]
    post_openers: tuple[str, ...]
    own_body_anaphors: dict[str, tuple[str, ...]]
    session_organs: dict[str, tuple[str, ...]]
    copulas: tuple[str, ...]
    later_copulas: tuple[str, ...]
    led_by_openers: tuple[str, ...]
    led_by_copula: str
    led_by_joiner: str
    led_by_max_chars: int
    held_by_opener: str
    held_by_verbs: tuple[str, ...]
    title_after_name_followers: tuple[str, ...]
    school_heads: dict[str, tuple[str, ...]]
    association_heads: tuple[str, ...]
    association_endings: tuple[str, ...]
    council_member_heads: dict[str, tuple[str, ...]]

    def officer_endings(self, head: str) -> tuple[str, ...]:
        """The name endings of the body a bare officer's `head` is held at (副校长: a school's; 会长: an
        association's; 委员: a council's), one table over school_heads, association_heads and
        council_member_heads; () for any other head."""
        if head in self.association_heads:
            return self.association_endings
        if head in self.council_member_heads:
            return tuple(self.council_member_heads[head])
        return next((tuple(v) for k, v in self.school_heads.items() if head.endswith(k)), ())


@dataclass(frozen=True)
class Biography:
    """The clauses of a résumé after the name (rules/positions.py _biography): verb → kind, what may open
    a clause before the verb, what may close the posts."""

    verbs: dict[str, str]
    clause_opening: str
    clause_ends: str
    tails: tuple[str, ...]


@dataclass(frozen=True)
class NamesAfterTitles:
    """Names read after a title (rules/names.py)."""

    stop_chars: tuple[str, ...]
    after_name: tuple[str, ...]
    run_on_words: tuple[str, ...]
    not_last_chars: tuple[str, ...]
    list_name_ends: tuple[str, ...]
    not_first_tags: tuple[str, ...]
    preposition_surname_rest_tags: tuple[str, ...]


@dataclass(frozen=True)
class Bylines:
    """Bylines, credits and signatures (rules/bylines.py)."""

    roles: dict[str, str]
    trailing_roles: dict[str, str]
    signature_role: str
    markers: tuple[str, ...]
    role_name_joiners: tuple[str, ...]
    outlet_endings: tuple[str, ...]
    max_outlet_chars: int
    bracket_signature_role: str
    bracket_signature_max_names: int
    bracketed_name_chars: int
    dateline_endings: tuple[str, ...]


@dataclass(frozen=True)
class Verbs:
    """The verbs of the relation families."""

    runs: tuple[str, ...]
    started: tuple[str, ...]
    attended: dict[str, str]
    participates: tuple[str, ...]
    mentor_words: tuple[str, ...]
    part_of_markers: tuple[str, ...]
    home_deixis: tuple[str, ...]


@dataclass(frozen=True)
class Runs:
    """RUNS: actors, the verb-programme gap, 我们, steering bodies, short forms."""

    verb_programme_gap: tuple[str, ...]
    subject_gap_words: tuple[str, ...]
    adverbial_before: tuple[str, ...]
    not_actor_before: tuple[str, ...]
    we_words: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    steering_heads: tuple[str, ...]
    short_form_max_extra: int
    unlabelled_min_chars: int
    signer_paragraphs: int


@dataclass(frozen=True)
class Participation:
    """PARTICIPATES_IN: awards, members, assignments, captions, 此次."""

    award_verbs: tuple[str, ...]
    award_tail: tuple[str, ...]
    award_markers: tuple[str, ...]
    member_words: tuple[str, ...]
    assigned_verbs: tuple[str, ...]
    caption_position: str
    this_round: tuple[str, ...]
    this_round_reach: int
    this_round_locative: str
    this_round_count: str
    person_pronouns: tuple[str, ...]
    post_pattern: str


@dataclass(frozen=True)
class Attended:
    """ATTENDED: verbs read as nouns, the verbs that hold a meeting."""

    noun_prefixes: tuple[str, ...]
    held_verbs: tuple[str, ...]


@dataclass(frozen=True)
class PartOf:
    """PART_OF: lists closed by 等, places inside places."""

    list_closer: str
    place_between: tuple[str, ...]
    place_anaphors: dict[str, str]
    place_levels: dict[str, int]


@dataclass(frozen=True)
class Figures:
    """HAS_FIGURE: durations, counts of a programme, subjects, anaphors."""

    duration_units: tuple[str, ...]
    count_to_name_gap: tuple[str, ...]
    subject_lead_words: tuple[str, ...]
    demonstratives: tuple[str, ...]
    head_word_min_chars: int
    anaphors: dict[str, str]
    figureless_heads: tuple[str, ...]


@dataclass(frozen=True)
class Located:
    """LOCATED_IN: stationed places, venues, places in names, launched and joined programmes."""

    stationed_before: tuple[str, ...]
    held_verbs: tuple[str, ...]
    place_in_name: str
    not_place_prefixes: tuple[str, ...]
    launch_verbs: tuple[str, ...]
    joined_verbs: tuple[str, ...]
    not_local_markers: tuple[str, ...]


@dataclass(frozen=True)
class Started:
    """When a dated programme was not started then (rules/started.py)."""

    year_count_after: str


@dataclass(frozen=True)
class StartedBack:
    """The activity a later 此次X names (rules/started.py)."""

    organise_verbs: tuple[str, ...]


@dataclass(frozen=True)
class Patterns:
    """patterns.toml, section by section."""

    chains: Chains
    biography: Biography
    names_after_titles: NamesAfterTitles
    bylines: Bylines
    verbs: Verbs
    runs: Runs
    participation: Participation
    attended: Attended
    part_of: PartOf
    figures: Figures
    located: Located
    started: Started
    started_back: StartedBack


@cache
def patterns() -> Patterns:
    """patterns.toml, loaded once."""
    return load_data(Patterns, "patterns.toml")
