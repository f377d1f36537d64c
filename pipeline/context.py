"""The document as every extraction step sees it: the ingested text, the spaCy Doc, its date and home place.

Its own module so that cadregraph.pipeline.extract (which builds it) and cadregraph.pipeline.relations (which reads it) both
import it without importing each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc

from cadregraph.pipeline.canonical import HomePlace
from cadregraph.pipeline.dates import DateMatch, extract_dates
from cadregraph.pipeline.ingest import IngestedDocument
from cadregraph.schemas import Span


@dataclass
class DocumentContext:
    """What the whole document tells us and every sentence needs: its date and its home place."""

    ingested: IngestedDocument
    doc: Doc
    date: dt.date | None
    date_source: str
    home: HomePlace | None

    @cached_property
    def date_matches(self) -> list[DateMatch]:
        """The text's dates, found once: the record's dates and the relations' both read them."""
        return extract_dates(self.ingested.text, self.date)

    def span(self, start: int, end: int) -> Span:
        """A span of the normalised text as a record span over the original text."""
        o_start, o_end = self.ingested.to_original(start, end)
        return Span(start=o_start, end=o_end, text=self.ingested.original[o_start:o_end])


__all__ = ["DocumentContext"]
