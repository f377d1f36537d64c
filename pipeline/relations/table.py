"""The rule table: every relation rule, the relation types it emits and the rules it must run after.

`extract_relations` walks RULES in order. The order is also the order of the output (a fact found twice
keeps its first finding), so a new rule goes where its `after` allows and the golden output stays put.
Adding a relation type: its specification in schemas/, one rule module under rules/, one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cadregraph.pipeline.appointments import emit_appointments
from cadregraph.pipeline.context import DocumentContext
from cadregraph.pipeline.relations.document import DateSpan, EntityIndex, Reader, RelationSink
from cadregraph.pipeline.relations.rules.attended import emit_attended
from cadregraph.pipeline.relations.rules.bylines import emit_bylines
from cadregraph.pipeline.relations.rules.figures import emit_figures
from cadregraph.pipeline.relations.rules.located import emit_located
from cadregraph.pipeline.relations.rules.mentors import emit_mentors
from cadregraph.pipeline.relations.rules.part_of import emit_part_of
from cadregraph.pipeline.relations.rules.participation import (
    emit_assignments,
    emit_award_winners,
    emit_participation,
)
from cadregraph.pipeline.relations.rules.positions import emit_positions
from cadregraph.pipeline.relations.rules.rosters import emit_rosters
from cadregraph.pipeline.relations.rules.runs import emit_runs
from cadregraph.pipeline.relations.rules.short_forms import find_short_forms, unlabelled_mentions
from cadregraph.pipeline.relations.rules.started import emit_started, emit_this_round_origin
from cadregraph.schemas import Entity, Figure, Relation
from cadregraph.schemas.records import RelationType


@dataclass(frozen=True)
class Rule:
    """One entry of the table: `run` reads the document view and fills its index and sink."""

    name: str
    run: Callable[[Reader], None]
    emits: tuple[RelationType, ...]  # the only relation types the sink takes from it
    after: tuple[str, ...] = ()  # the rules whose findings this one reads
    reads: str = ""  # what it reads from them


PEOPLE = "the people's ids, names read after titles included"

RULES: tuple[Rule, ...] = (
    Rule("short_forms", find_short_forms, ()),
    Rule("bylines", emit_bylines, ("AUTHORED",)),
    Rule("positions", emit_positions, ("HOLDS_POSITION", "LEADS", "AUTHORED")),
    Rule(
        "rosters",
        emit_rosters,
        ("HOLDS_POSITION", "LEADS"),
        ("positions",),
        "the names read after titles (a roster's names take their mentions over)",
    ),
    Rule(
        "appointments",
        emit_appointments,
        ("APPOINTED_TO", "REMOVED_FROM", "HOLDS_POSITION", "LEADS"),
        ("positions",),
        PEOPLE,
    ),
    Rule(
        "part_of",
        emit_part_of,
        ("PART_OF",),
        ("positions",),
        "the organisations chains imply; a post's sentence as a department's evidence",
    ),
    Rule(
        "unlabelled_mentions",
        unlabelled_mentions,
        (),
        ("short_forms", "positions", "part_of"),
        "the organisations known so far, written again unlabelled",
    ),
    Rule(
        "runs",
        emit_runs,
        ("RUNS", "LOCATED_IN"),
        ("unlabelled_mentions", "positions"),
        "actors written short; the body a speaker or signer of 我们 leads",
    ),
    Rule("started", emit_started, ("STARTED",)),
    Rule(
        "this_round_origin",
        emit_this_round_origin,
        ("STARTED", "RUNS"),
        ("unlabelled_mentions",),
        "actors written short",
    ),
    Rule("figures", emit_figures, ("HAS_FIGURE",), ("unlabelled_mentions",), "actors written short"),
    Rule("attended", emit_attended, ("ATTENDED",), ("positions",), PEOPLE),
    Rule("participation", emit_participation, ("PARTICIPATES_IN",), ("positions",), PEOPLE),
    Rule("award_winners", emit_award_winners, ("PARTICIPATES_IN",), ("positions",), PEOPLE),
    Rule("assignments", emit_assignments, ("PARTICIPATES_IN",), ("positions",), PEOPLE),
    Rule("mentors", emit_mentors, ("MENTORS",), ("positions",), PEOPLE),
    Rule("located", emit_located, ("LOCATED_IN",), ("unlabelled_mentions",), "actors written short"),
)


def extract_relations(
    ctx: DocumentContext, entities: list[Entity], span_ids: dict[tuple[int, int], str], figures: list[Figure]
) -> list[Relation]:
    """All relations of one document, rule by rule; implied entities (parents, governments, ancestor
    places) are appended to `entities`."""
    sink = RelationSink(ctx)
    reader = Reader(
        ctx,
        EntityIndex(ctx, entities, span_ids),
        sink,
        dates=tuple(DateSpan(m.start, m.end, m.value) for m in ctx.date_matches),
        figures=tuple(figures),
        doc_id=ctx.ingested.doc_id,
    )
    for rule in RULES:
        with sink.emitting(rule.name, frozenset(rule.emits)):
            rule.run(reader)
    return sink.relations()


def rule_table_markdown() -> str:
    """RULES as the Markdown table README's "How it works" shows (a test keeps the two the same)."""
    rows = ["| rule | module | emits | runs after: reads |", "| --- | --- | --- | --- |"]
    for rule in RULES:
        emits = ", ".join(rule.emits) or "(entities only)"
        module = rule.run.__module__.removeprefix("cadregraph.").replace(".", "/") + ".py"  # the file in the repo
        after = f"{', '.join(rule.after)}: {rule.reads}" if rule.after else "-"
        rows.append(f"| {rule.name} | `{module}` | {emits} | {after} |")
    return "\n".join(rows) + "\n"
