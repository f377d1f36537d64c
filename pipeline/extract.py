"""From an ingested document to the `kg extract` record: entities, dates, figures, relations.

Everything is computed on the normalised text and mapped back through the ingest offset map, so every
span in the record satisfies `original[start:end] == text`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.canonical import (
    HomePlace,
    canonical_organisation,
    canonical_place,
    canonical_programme,
    entity_id,
    is_abbreviation,
    strip_quotes,
)
from pipeline.components import GIVEN_PLACE_KEY, HOME_KEY
from pipeline.dates import extract_dates, infer_document_date
from pipeline.figures import extract_figures
from pipeline.gazetteer import Division
from pipeline.ingest import IngestedDocument
from pipeline.lexicons import longest_suffix, word_list
from pipeline.programmes import ALIASES_KEY as PROGRAMME_ALIASES_KEY
from schemas import DateMention, DocumentInfo, DocumentRecord, Entity, Figure, Span, figure_id


@dataclass
class DocumentContext:
    """What the whole document tells us and every sentence needs: its date and its home place."""

    ingested: IngestedDocument
    doc: Doc
    date: dt.date | None
    date_source: str
    home: HomePlace | None

    def span(self, start: int, end: int) -> Span:
        """A span of the normalised text as a record span over the original text."""
        o_start, o_end = self.ingested.to_original(start, end)
        return Span(start=o_start, end=o_end, text=self.ingested.original[o_start:o_end])


@dataclass
class EntityBuilder:
    type: str
    name: str
    division: Division | None = None
    surfaces: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


def document_date(ingested: IngestedDocument, override: dt.date | None) -> tuple[dt.date | None, str]:
    if override is not None:
        return override, "given"
    if ingested.meta.date:
        return dt.date.fromisoformat(ingested.meta.date), "given"
    inferred = infer_document_date(ingested.text)
    if inferred is not None:
        return inferred, "inferred"
    return None, "unknown"


_LEVEL_PREFIXES = ("省级", "市级", "县级", "区级", "镇级", "村级")


def canonical_name(entity_type: str, surface: str, home: HomePlace | None) -> tuple[str, Division | None]:
    if entity_type == "Organization":
        return canonical_organisation(surface, home), None
    if entity_type == "Place":
        return canonical_place(surface, home)
    name = canonical_programme(surface, home) if entity_type == "Programme" else strip_quotes(surface)
    if entity_type == "Programme" and name.startswith(_LEVEL_PREFIXES) and len(name) > 5:
        name = name[2:]  # 市级破难专班 is the city's level of 破难专班, not another programme
    return name, None


def _programme_stem(name: str) -> str:
    type_word = longest_suffix(name, word_list("programme_types.txt"))
    return name[: -len(type_word)] if type_word and len(name) > len(type_word) + 1 else name


def _programme_forms(name: str, surfaces: list[str]) -> set[str]:
    """The forms a later mention of a programme may take: its stem, its shorter forms and theirs."""
    return {_programme_stem(name)} | {f for s in surfaces for f in (s, _programme_stem(s))}


def build_entities(ctx: DocumentContext) -> tuple[list[Entity], dict[tuple[int, int], str]]:
    """One entity per canonical name; returns the entities and a map from ent char span to entity id."""
    builders: dict[tuple[str, str], EntityBuilder] = {}
    shorter_forms = ctx.doc.user_data.get(PROGRAMME_ALIASES_KEY, {})
    for ent in ctx.doc.ents:
        name, division = canonical_name(ent.label_, ent.text, ctx.home)
        if not name:
            continue
        builder = builders.setdefault((ent.label_, name), EntityBuilder(ent.label_, name, division))
        builder.surfaces.append(strip_quotes(ent.text))
        if ent.label_ == "Programme":
            # the name without its year or owner and the quoted core (pipeline/programmes.py)
            shorter = shorter_forms.get((ent.start_char, ent.end_char), ())
            builder.surfaces.extend(strip_quotes(a) for a in shorter)
        builder.spans.append((ent.start_char, ent.end_char))
    _merge_variants(builders)
    entities: list[Entity] = []
    span_ids: dict[tuple[int, int], str] = {}
    for builder in sorted(builders.values(), key=lambda b: (b.type, b.name)):
        key = entity_id(builder.type, builder.name, ctx.home, builder.division)
        aliases = sorted({s for s in builder.surfaces if s != builder.name})
        mentions = [ctx.span(s, e) for s, e in sorted(set(builder.spans))]
        entities.append(
            Entity.model_validate(
                {
                    "id": key,
                    "type": builder.type,
                    "name": builder.name,
                    "aliases": aliases,
                    "mentions": mentions,
                }
            )
        )
        for span in builder.spans:
            span_ids[span] = key
    return entities, span_ids


def _merge_variants(builders: dict[tuple[str, str], EntityBuilder]) -> None:
    """Fold short forms into the full one: 铁军打造 into 铁军打造工程, 平湖经开区 into 平湖经济技术开发区."""
    for (etype, name), builder in sorted(builders.items(), key=lambda kv: len(kv[0][1])):
        if etype not in {"Programme", "Organization", "Event"}:
            continue
        targets = [
            other
            for (otype, oname), other in builders.items()
            if otype == etype
            and oname != name
            and (
                (etype == "Programme" and name in _programme_forms(oname, other.surfaces))
                or (etype == "Event" and oname.endswith(name))  # 出征仪式 after “百岗大练兵”出征仪式
                or is_abbreviation(name, oname)
            )
        ]
        if len(targets) > 1 and etype == "Event":
            # 党代会 alone: the event of that kind last named before it
            first = min(builder.spans)[0]
            before = [t for t in targets if min(t.spans)[0] < first]
            targets = [max(before, key=lambda t: max(s for s, _ in t.spans if s < first))] if before else []
        if len(targets) == 1 and (etype, name) in builders:
            target = targets[0]
            target.surfaces.extend(builder.surfaces + [name])
            target.spans.extend(builder.spans)
            del builders[(etype, name)]


def build_dates(ctx: DocumentContext) -> list[DateMention]:
    return [
        DateMention(**ctx.span(m.start, m.end).model_dump(), value=m.value, end_value=m.end_value)
        for m in extract_dates(ctx.ingested.text, ctx.date)
    ]


def build_figures(ctx: DocumentContext) -> list[Figure]:
    figures = []
    for m in extract_figures(ctx.ingested.text):
        span = ctx.span(m.start, m.end)
        fields = {
            **span.model_dump(),
            "value": m.value,
            "unit": m.unit,
            "approximate": m.approximate,
            "subject": m.subject,
            "measure": m.measure,
        }
        if m.value_max is not None:
            fields["value_max"] = m.value_max  # 6至12个月: the top of a range, an extra key
        figure = Figure.model_validate(fields)
        figure.id = figure_id(ctx.ingested.doc_id, figure)
        figures.append(figure)
    return figures


def document_id(ingested: IngestedDocument) -> str:
    return ingested.doc_id or hashlib.sha1(ingested.source.encode()).hexdigest()[:16]


def extract_record(
    ingested: IngestedDocument, nlp: Language, doc_date: dt.date | None = None
) -> DocumentRecord:
    date, date_source = document_date(ingested, doc_date)
    doc = nlp.make_doc(ingested.text)
    doc.user_data[GIVEN_PLACE_KEY] = ingested.meta.place
    for _, component in nlp.pipeline:
        doc = component(doc)
    home = doc.user_data.get(HOME_KEY)
    ctx = DocumentContext(ingested, doc, date, date_source, home)
    entities, span_ids = build_entities(ctx)
    figures = build_figures(ctx)
    from pipeline.relations import extract_relations  # issue 3: relations need entities and figures

    relations = extract_relations(ctx, entities, span_ids, figures)
    info = DocumentInfo(
        id=document_id(ingested),
        source=ingested.source,
        title=ingested.meta.title or ingested.title_guess,
        date=date.isoformat() if date else None,
        date_source=date_source,  # type: ignore[arg-type]
        place=home.name if home else None,
        encoding=ingested.encoding,
    )
    return DocumentRecord(
        document=info, entities=entities, relations=relations, dates=build_dates(ctx), figures=figures
    )


def group_by_type(entities: list[Entity]) -> dict[str, list[Entity]]:
    grouped: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        grouped[entity.type].append(entity)
    return grouped
