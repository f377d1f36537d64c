"""The rule table of pipeline/relations (issue 11): its order, what each rule may emit, the typed data
files the rules read, and README's copy of the table."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import get_args

import pytest

from cadregraph.pipeline.extract import extract_record
from cadregraph.pipeline.ingest import read_document
from cadregraph.pipeline.nlp import cached_nlp
from cadregraph.pipeline.relations import table
from cadregraph.pipeline.relations.document import UndeclaredRelation
from cadregraph.pipeline.relations.patterns import Patterns, load_data
from cadregraph.pipeline.relations.rules.figures import OWNER_STRATEGIES
from cadregraph.pipeline.relations.tiers import TierName, Tiers, Tuning, tiers
from cadregraph.pipeline.resources import data_text
from cadregraph.schemas.records import RELATION_TYPES

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "004_8658860eb72b6ef5.txt"


def test_every_rule_runs_after_the_rules_it_names() -> None:
    names = [rule.name for rule in table.RULES]
    assert len(names) == len(set(names)), "two rules share a name"
    for position, rule in enumerate(table.RULES):
        for earlier in rule.after:
            assert earlier in names, f"{rule.name} runs after {earlier}, which is no rule"
            assert names.index(earlier) < position, f"{rule.name} comes before {earlier}, which it reads"


def test_every_emitted_type_is_a_relation_type_and_every_type_has_a_rule() -> None:
    emitted = set().union(*(rule.emits for rule in table.RULES))
    assert emitted <= set(RELATION_TYPES)
    assert set(RELATION_TYPES) <= emitted, "a relation type no rule emits"


def test_the_real_rules_emit_only_what_they_declare_on_a_seed() -> None:
    record = extract_record(read_document(SEED, "seeds/004.txt"), cached_nlp())
    assert {r.type for r in record.relations} >= {"HOLDS_POSITION", "LEADS", "AUTHORED"}


def test_a_rule_emitting_an_undeclared_type_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    bylines = next(rule for rule in table.RULES if rule.name == "bylines")
    narrowed = dataclasses.replace(bylines, emits=("RUNS",))  # it writes AUTHORED on this seed
    monkeypatch.setattr(table, "RULES", (narrowed,))
    with pytest.raises(UndeclaredRelation, match="bylines.*AUTHORED"):
        extract_record(read_document(SEED, "seeds/004.txt"), cached_nlp())


def test_patterns_load_into_typed_sections() -> None:
    loaded = load_data(Patterns, "patterns.toml")
    assert loaded.chains.max_org_chars == 32
    assert "记者" in loaded.bylines.roles and "/" in loaded.bylines.role_name_joiners
    assert isinstance(loaded.verbs.runs, tuple)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("max_org_chars = 32", "max_org_chars = 32\nmax_org_char = 3", "unknown key 'max_org_char'"),
        ("max_org_chars = 32", "", "missing key 'max_org_chars'"),
        ("max_org_chars = 32", 'max_org_chars = "32"', "max_org_chars"),
    ],
)
def test_a_misspelt_dead_or_mistyped_pattern_key_fails_at_load(old: str, new: str, message: str) -> None:
    text = data_text("relations", "patterns.toml")
    assert old in text
    with pytest.raises(ValueError, match=message):
        load_data(Patterns, "patterns.toml", text.replace(old, new))


def test_confidence_tiers_are_named_and_ordered() -> None:
    loaded = load_data(Tuning, "confidence.toml")
    values = list(dataclasses.asdict(loaded.tiers).values())
    assert values == sorted(values, reverse=True) and len(set(values)) == len(values)
    assert tiers().written == 0.9 and tiers().fallback == 0.5
    assert set(get_args(TierName)) == {f.name for f in dataclasses.fields(Tiers)}
    assert tiers().of("clause") == 0.7
    assert all(tier in get_args(TierName) for _, tier in OWNER_STRATEGIES)
    with pytest.raises(ValueError, match="unknown key 'strong'"):
        load_data(
            Tuning,
            "confidence.toml",
            data_text("relations", "confidence.toml").replace("[tiers]", "[tiers]\nstrong = 0.95"),
        )


def test_readme_shows_the_rule_table() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert table.rule_table_markdown() in readme, "README's rule table differs: paste rule_table_markdown()"
