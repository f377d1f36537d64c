"""The rule table: every relation rule, the relation types it emits and the rules it must run after.

`extract_relations` walks RULES in order. The order is also the order of the output (a fact found twice
keeps its first finding), so a new rule goes where its `after` allows and the golden output stays put.
Adding a relation type: its specification in schemas/, one rule module under rules/, one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline.appointments import emit_appointments
from pipeline.context import DocumentContext
from pipeline.relations.document import DateSpan, EntityIndex, Reader, RelationSink
from pipeline.relations.rules.attended import emit_attended
from pipeline.relations.rules.bylines import emit_bylines
from pipeline.relations.rules.figures import emit_figures
from pipeline.relations.rules.located import emit_located
from pipeline.relations.rules.mentors import emit_mentors
from pipeline.relations.rules.part_of import emit_part_of
from pipeline.relations.rules.participation import emit_assignments, emit_award_winners, emit_participation
from pipeline.relations.rules.positions import emit_positions
from pipeline.relations.rules.runs import emit_runs
from pipeline.relations.rules.short_forms import find_short_forms, unlabelled_mentions
from pipeline.relations.rules.started import emit_started, emit_this_round_origin
from schemas import Entity, Figure, Relation
from schemas.records import RelationType


@dataclass(frozen=True)
class Rule:
    """One entry of the table: `run` reads the document view and fills its index and sink."""

    name: str
    run: Callable[[Reader], None]
    emits: frozenset[RelationType]
    after: tuple[str, ...] = ()  # rules whose findings (entities, names, relations) this one reads
    why: str = ""  # what it reads from those rules, one line


def _rule(name: str, run: Callable[[Reader], None], emits: str, after: str = "", why: str = "") -> Rule:
    return Rule(name, run, frozenset(emits.split()), tuple(after.split()), why)  # type: ignore[arg-type]


RULES: tuple[Rule, ...] = (
    _rule("short_forms", find_short_forms, "", why="organisations written short (平湖经开) become actors"),
    _rule("bylines", emit_bylines, "AUTHORED"),
    _rule(
        "positions",
        emit_positions,
        "HOLDS_POSITION LEADS AUTHORED",
        why="a name over its posts in brackets signs the piece",
    ),
    _rule(
        "appointments",
        emit_appointments,
        "APPOINTED_TO REMOVED_FROM",
        "positions",
        why="names read after titles (positions) are the people's mentions",
    ),
    _rule(
        "part_of",
        emit_part_of,
        "PART_OF",
        "positions",
        why="organisations the chains implied; a post's sentence is a department's evidence",
    ),
    _rule(
        "unlabelled_mentions",
        unlabelled_mentions,
        "",
        "short_forms positions part_of",
        why="organisations the chains and parents added, written again unlabelled",
    ),
    _rule(
        "runs",
        emit_runs,
        "RUNS LOCATED_IN",
        "unlabelled_mentions positions",
        why="actors; 我们 is the body its speaker or signer leads (positions)",
    ),
    _rule("started", emit_started, "STARTED"),
    _rule("this_round_origin", emit_this_round_origin, "STARTED RUNS", "unlabelled_mentions", why="actors"),
    _rule("figures", emit_figures, "HAS_FIGURE", "unlabelled_mentions", why="actors"),
    _rule("attended", emit_attended, "ATTENDED"),
    _rule("participation", emit_participation, "PARTICIPATES_IN"),
    _rule("award_winners", emit_award_winners, "PARTICIPATES_IN"),
    _rule("assignments", emit_assignments, "PARTICIPATES_IN"),
    _rule("mentors", emit_mentors, "MENTORS"),
    _rule("located", emit_located, "LOCATED_IN", "unlabelled_mentions", why="actors"),
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
        with sink.emitting(rule.name, rule.emits):
            rule.run(reader)
    return sink.relations()


def rule_table_markdown() -> str:
    """RULES as the Markdown table README's "How it works" shows (a test keeps the two the same)."""
    rows = ["| rule | module | emits | runs after |", "| --- | --- | --- | --- |"]
    for rule in RULES:
        emits = ", ".join(sorted(rule.emits)) or "(entities only)"
        module = rule.run.__module__.replace(".", "/") + ".py"
        rows.append(f"| {rule.name} | `{module}` | {emits} | {', '.join(rule.after) or '-'} |")
    return "\n".join(rows) + "\n"
