"""The records `kg extract` prints, one `DocumentRecord` per document per line.

Every offset (`start`, `end`) points into the ORIGINAL decoded text of the file, so that
`original[start:end] == text` holds for every mention, evidence span, date and figure.
Extra keys beyond the contract are allowed (and kept) so that consumers can ignore what they do not know.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

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
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)

# A change of post a notice only proposes (公示, 拟任, 提名, 推荐…人选) or states as decided.
AppointmentStatus = Literal["proposed", "decided"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="allow")


class Span(_Record):
    """A stretch of the original text: `original[start:end] == text`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span ends ({self.end}) before it starts ({self.start})")
        return self


class DocumentInfo(_Record):
    id: str
    source: str = Field(description="The path as given on the command line.")
    title: str | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    date_source: DateSource = "unknown"
    place: str | None = Field(default=None, description="The city or county the publication reports on.")
    encoding: str | None = Field(default=None, description="How the file was decoded.")


class Entity(_Record):
    id: str = Field(description="Deterministic key: the same entity gets the same id on every run.")
    type: EntityType
    name: str = Field(description="Canonical name, Simplified Chinese, without quotes.")
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


class Relation(_Record):
    type: RelationType
    source: str = Field(description="Entity id (or the document id for AUTHORED).")
    target: str | None = Field(default=None, description="Entity or figure id, or null.")
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: Span
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    evidence_all: list[Span] = Field(
        default_factory=list,
        description="Every sentence that supports the relation (the first is `evidence`).",
    )


class AppointmentProperties(_Record):
    """The properties of APPOINTED_TO and REMOVED_FROM: the post, when the notice dates the change, and
    whether it is only proposed."""

    title: str = Field(description="The title as written without the organisation (副县长, 代理县长).")
    organization: str | None = Field(default=None, description="The organisation as written.")
    date: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="The date the notice gives for the change, else the document date.",
    )
    status: AppointmentStatus = "decided"


class DateMention(_Record):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    end_value: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Figure(_Record):
    id: str | None = Field(default=None, description="Key of the Figure node: figure:<doc id>:<start>.")
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: float | int
    unit: str
    approximate: bool = False
    subject: str | None = None
    measure: str | None = Field(
        default=None, description="What a rate or total measures (完成率 in 完成率95%)."
    )


def figure_id(doc_id: str, figure: Figure) -> str:
    """A figure's key: its own `id` when the record has one, else `figure:<doc id>:<start>`.

    The one rule shared by extraction (which writes the id), the graph model and the scorer."""
    return figure.id or f"figure:{doc_id}:{figure.start}"


class DocumentRecord(_Record):
    """One line of `kg extract` output."""

    document: DocumentInfo
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
