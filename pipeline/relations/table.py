"""The entry point: `extract_relations` runs the rules in their order on one document."""

from __future__ import annotations

from pipeline import tokens as doc_tokens
from pipeline.context import DocumentContext
from pipeline.relations.document import EntityIndex, Reader, RelationSink
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


def _document_dates(ctx: DocumentContext) -> list[tuple[int, int, str]]:
    try:
        from pipeline.dates import extract_dates
    except ImportError:  # the dates module lands separately; STARTED then waits for it
        return []
    matches = getattr(ctx, "date_matches", None)  # found once per document by pipeline.extract
    if matches is None:
        matches = extract_dates(doc_tokens.doc_text(ctx.doc), ctx.date)
    return [(m.start, m.end, m.value) for m in matches]


def _document_id(ctx: DocumentContext) -> str:
    """The record's document id (pipeline.extract.document_id: the file stem)."""
    return str(getattr(ctx.ingested, "doc_id", "") or getattr(ctx.ingested, "source", ""))


def extract_relations(
    ctx: DocumentContext, entities: list[Entity], span_ids: dict[tuple[int, int], str], figures: list[Figure]
) -> list[Relation]:
    """All relations of one document; implied entities (parents, governments, ancestor places) are
    appended to `entities`."""
    index = EntityIndex(ctx, entities, span_ids)
    reader = Reader(ctx, index, RelationSink(ctx))
    reader.dates = _document_dates(ctx)
    reader.doc_id = _document_id(ctx)
    reader.short_forms = find_short_forms(reader)
    emit_bylines(reader, reader.doc_id)
    emit_positions(reader)
    from pipeline.appointments import emit_appointments  # imports this module: appointments read chains

    emit_appointments(reader)
    emit_part_of(reader)
    # Organisations the chains added (临时党支部书记 → 临时党支部) are known only now.
    reader.short_forms = sorted(
        [*reader.short_forms, *unlabelled_mentions(reader, reader.short_forms)], key=lambda e: e.start_char
    )
    emit_runs(reader)
    emit_started(reader)
    emit_this_round_origin(reader)
    emit_figures(reader, figures)
    emit_attended(reader)
    emit_participation(reader)
    emit_award_winners(reader)
    emit_assignments(reader)
    emit_mentors(reader)
    emit_located(reader)
    return reader.sink.relations()
