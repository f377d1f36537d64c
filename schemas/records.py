"""The records `kg extract` prints, one `DocumentRecord` per document per line.

Every offset (`start`, `end`) points into the ORIGINAL decoded text of the file, so that
`original[start:end] == text` holds for every mention, evidence span, date and figure.
Extra keys beyond the contract are allowed (and kept) so that consumers can ignore what they do not know.

What a record may hold is bounded (`schemas/limits.toml`): string lengths, list lengths, offsets, and
property values (finite numbers, 64-bit integers, bounded strings, lists and nesting), so that a record
either store would choke on (a 5 MB name breaks Neo4j's index, NaN is not JSON) is refused here, the
same way for both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from cadregraph.schemas.datafile import DataFileError, load_section, read_toml
from cadregraph.schemas.relation_types import DOCUMENT_LABEL, FIGURE_LABEL, SPEC_FILE, load_relation_spec

EntityType = Literal["Person", "Organization", "Place", "Programme", "Event"]
ENTITY_TYPES: tuple[str, ...] = ("Person", "Organization", "Place", "Programme", "Event")

DateSource = Literal["given", "inferred", "unknown"]
DATE_SOURCES: tuple[str, ...] = ("given", "inferred", "unknown")

# The relation types the extraction may emit; the graph model takes types only from this list.
RelationType = Literal[
    "HOLDS_POSITION",
    "LEADS",
    "RUNS",
    "PART_OF",
    "PARTICIPATES_IN",
    "MENTORS",
    "HAS_FIGURE",
    "LOCATED_IN",
    "ATTENDED",
    "AUTHORED",
    "STARTED",
    "APPOINTED_TO",  # Person → Organization: properties AppointmentProperties (title, date, status)
    "REMOVED_FROM",  # Person → Organization: properties AppointmentProperties (title, date, status)
]
# The specification (schemas/relations.toml) says what each type joins; the Literal above is its list
# of names for the type checker, and the two are checked equal when this module loads.
RELATION_SPEC = load_relation_spec(SPEC_FILE, (DOCUMENT_LABEL, *ENTITY_TYPES, FIGURE_LABEL))
RELATION_TYPES: tuple[str, ...] = RELATION_SPEC.names()
if get_args(RelationType) != RELATION_TYPES:
    raise DataFileError(
        f"{SPEC_FILE}: the types {RELATION_TYPES} are not RelationType's {get_args(RelationType)}"
    )

# A change of post a notice only proposes (公示, 拟任, 提名, 推荐…人选) or states as decided.
AppointmentStatus = Literal["proposed", "decided"]
# Neo4j integers are 64-bit: a larger JSON integer cannot be stored, so no record may carry one.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


@dataclass(frozen=True)
class Limits:
    """The bounds of `schemas/limits.toml` (each explained there)."""

    document_bytes: int
    id_chars: int
    name_chars: int
    text_chars: int
    aliases: int
    mentions: int
    items: int
    property_keys: int
    property_key_chars: int
    property_chars: int
    property_items: int
    property_depth: int


LIMITS_FILE = Path(__file__).with_name("limits.toml")


def load_limits(path: Path = LIMITS_FILE) -> Limits:
    """Read and type-check the limits file: every field present, a positive integer."""
    limits = load_section(read_toml(path).get("limits", {}), Limits, f"{path}: [limits]")
    for spec in fields(Limits):
        if getattr(limits, spec.name) <= 0:
            raise DataFileError(f"{path}: limits.{spec.name} must be a positive integer")
    return limits


LIMITS = load_limits()

Id = Annotated[str, StringConstraints(max_length=LIMITS.id_chars)]
Name = Annotated[str, StringConstraints(max_length=LIMITS.name_chars)]
Text = Annotated[str, StringConstraints(max_length=LIMITS.text_chars)]
Offset = Annotated[int, Field(ge=0, le=LIMITS.document_bytes)]


def check_value(value: Any, depth: int = 0) -> None:
    """Refuse a free-form value (a relation property, an extra key) that a store could not hold or
    that is unbounded: NaN or infinite numbers, integers past 64 bits, over-long strings and lists,
    deep nesting. Raises ValueError saying which."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            raise ValueError("integer out of the 64-bit range")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"number must be finite, not {value}")
    elif isinstance(value, str):
        if len(value) > LIMITS.property_chars:
            raise ValueError(f"string of {len(value)} characters (at most {LIMITS.property_chars})")
    elif isinstance(value, list | tuple | dict):
        if depth >= LIMITS.property_depth:
            raise ValueError(f"nested deeper than {LIMITS.property_depth} levels")
        if len(value) > LIMITS.property_items:
            raise ValueError(f"{len(value)} items (at most {LIMITS.property_items})")
        if isinstance(value, dict):
            check_keys(value)
        for item in value.values() if isinstance(value, dict) else value:
            check_value(item, depth + 1)
    else:
        raise ValueError(f"unsupported value of type {type(value).__name__}")


def check_keys(mapping: dict[Any, Any]) -> None:
    if len(mapping) > LIMITS.property_keys:
        raise ValueError(f"{len(mapping)} keys (at most {LIMITS.property_keys})")
    for key in mapping:
        if not isinstance(key, str) or len(key) > LIMITS.property_key_chars:
            raise ValueError(f"key longer than {LIMITS.property_key_chars} characters")


class _Record(BaseModel):
    model_config = ConfigDict(extra="allow")

    @model_validator(mode="after")
    def _bounded_extras(self) -> _Record:
        """Extra keys are kept, so they are bounded like properties."""
        if self.model_extra:
            check_keys(self.model_extra)
            for key, value in self.model_extra.items():
                try:
                    check_value(value)
                except ValueError as exc:
                    raise ValueError(f"extra key {key[:40]!r}: {exc}") from None
        return self


class Span(_Record):
    """A stretch of the original text: `original[start:end] == text`."""

    start: Offset
    end: Offset
    text: Text

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span ends ({self.end}) before it starts ({self.start})")
        return self


class DocumentInfo(_Record):
    id: Id
    source: Text = Field(description="The path as given on the command line.")
    title: Name | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    date_source: DateSource = "unknown"
    place: Name | None = Field(default=None, description="The city or county the publication reports on.")
    encoding: Name | None = Field(default=None, description="How the file was decoded.")


class Entity(_Record):
    id: Id = Field(description="Deterministic key: the same entity gets the same id on every run.")
    type: EntityType
    name: Name = Field(description="Canonical name, Simplified Chinese, without quotes.")
    aliases: list[Name] = Field(default_factory=list, max_length=LIMITS.aliases)
    mentions: list[Span] = Field(default_factory=list, max_length=LIMITS.mentions)


class Relation(_Record):
    type: RelationType
    source: Id = Field(description="Entity id (or the document id for AUTHORED).")
    target: Id | None = Field(default=None, description="Entity or figure id, or null.")
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: Span
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    evidence_all: list[Span] = Field(
        default_factory=list,
        max_length=LIMITS.mentions,
        description="Every sentence that supports the relation (the first is `evidence`).",
    )

    @field_validator("properties")
    @classmethod
    def _bounded_properties(cls, properties: dict[str, Any]) -> dict[str, Any]:
        check_keys(properties)
        for key, value in properties.items():
            try:
                check_value(value)
            except ValueError as exc:
                raise ValueError(f"property {key!r}: {exc}") from None
        return properties


class AppointmentProperties(_Record):
    """The properties of APPOINTED_TO and REMOVED_FROM: the post, when the notice dates the change,
    whether it is only proposed, and the post the person leaves when the text names it."""

    title: str = Field(description="The title as written without the organisation (副县长, 代理县长).")
    organization: str | None = Field(default=None, description="The organisation as written.")
    date: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="The date the notice gives for the change, else the document date.",
    )
    status: AppointmentStatus = "decided"
    former_title: str | None = Field(
        default=None, description="APPOINTED_TO: the post the person leaves, named before the name (书记)."
    )
    former_organization: str | None = Field(
        default=None,
        description="APPOINTED_TO: that post's organisation, canonical (黄山市委): the tie across places.",
    )


class DateMention(_Record):
    text: Text
    start: Offset
    end: Offset
    value: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    end_value: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Figure(_Record):
    id: Id | None = Field(default=None, description="Key of the Figure node: figure:<doc id>:<start>.")
    text: Name = Field(description="As written; also the Figure node's name.")
    start: Offset
    end: Offset
    value: float | int = Field(description="A finite number (NaN and infinities are not JSON).")
    unit: Name
    approximate: bool = False
    subject: Name | None = None
    measure: Name | None = Field(
        default=None, description="What a rate or total measures (完成率 in 完成率95%)."
    )

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float | int) -> float | int:
        check_value(value)
        return value


def figure_id(doc_id: str, figure: Figure) -> str:
    """A figure's key: its own `id` when the record has one, else `figure:<doc id>:<start>`.

    The one rule shared by extraction (which writes the id), the graph model and the scorer."""
    return figure.id or f"figure:{doc_id}:{figure.start}"


class DocumentRecord(_Record):
    """One line of `kg extract` output."""

    document: DocumentInfo
    entities: list[Entity] = Field(default_factory=list, max_length=LIMITS.items)
    relations: list[Relation] = Field(default_factory=list, max_length=LIMITS.items)
    dates: list[DateMention] = Field(default_factory=list, max_length=LIMITS.items)
    figures: list[Figure] = Field(default_factory=list, max_length=LIMITS.items)

    @model_validator(mode="after")
    def _relation_endpoints(self) -> DocumentRecord:
        """Each relation joins the labels its type allows (schemas/relations.toml): no HOLDS_POSITION from
        a Place to a Figure. An end that names nothing in the record is left to the graph model, which
        counts it as unresolved; so is an id the record gives two labels, which the model refuses whole."""
        labels: dict[str, str | None] = {self.document.id: DOCUMENT_LABEL}
        named = [(figure_id(self.document.id, f), FIGURE_LABEL) for f in self.figures]
        for key, label in [*named, *((entity.id, entity.type) for entity in self.entities)]:
            labels[key] = label if labels.setdefault(key, label) == label else None
        for number, relation in enumerate(self.relations):
            source = labels.get(relation.source)
            target = None if relation.target is None else labels.get(relation.target)
            if source is None or (relation.target is not None and target is None):
                continue
            error = RELATION_SPEC.endpoint_error(relation.type, source, target)
            if error is not None:
                ends = f"{relation.source} -> {relation.target}"
                raise ValueError(f"relation {number} ({relation.type} {ends}): {error}")
        return self
