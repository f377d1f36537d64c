"""Pydantic records: the `kg extract` contract, shared by the pipeline, the stores and `kg eval`."""

from cadregraph.schemas.records import (
    DATE_SOURCES,
    ENTITY_TYPES,
    LIMITS,
    RELATION_SPEC,
    RELATION_TYPES,
    DateMention,
    DocumentInfo,
    DocumentRecord,
    Entity,
    Figure,
    Relation,
    Span,
    figure_id,
)

__all__ = [
    "DATE_SOURCES",
    "LIMITS",
    "ENTITY_TYPES",
    "RELATION_SPEC",
    "RELATION_TYPES",
    "DateMention",
    "DocumentInfo",
    "DocumentRecord",
    "Entity",
    "Figure",
    "Relation",
    "Span",
    "figure_id",
]
