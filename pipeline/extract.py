"""From an ingested document to the `kg extract` record: entities, dates, figures, relations.

Everything is computed on the normalised text and mapped back through the ingest offset map, so every
span in the record satisfies `original[start:end] == text`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from cadregraph.pipeline import tokens
from cadregraph.pipeline.backends import LacTokenizer, settings
from cadregraph.pipeline.canonical import (
    HomePlace,
    address_free_name,
    canonical_organisation,
    canonical_place,
    canonical_programme,
    entity_id,
    is_abbreviation,
    is_place_short_form,
    is_second_plaque,
    is_two_character_short_form,
    other_written_forms,
    renamed_division,
    same_body,
    strip_quotes,
)
from cadregraph.pipeline.components import (
    CANDIDATES_KEY,
    GIVEN_PLACE_KEY,
    HOME_COMPONENT,
    HOME_KEY,
    NAME_OWNER_PLACES_KEY,
    NESTED_NAMES_KEY,
    SHARED_OWNER_NAMES_KEY,
    UNWRITTEN_PLACES_KEY,
)
from cadregraph.pipeline.context import DocumentContext
from cadregraph.pipeline.dates import infer_document_date
from cadregraph.pipeline.events import EVENT_NAMES_KEY, is_short_event_name, without_title_link
from cadregraph.pipeline.figures import extract_figures
from cadregraph.pipeline.gazetteer import Division
from cadregraph.pipeline.ingest import IngestedDocument
from cadregraph.pipeline.lexicons import longest_suffix, word_list, word_table
from cadregraph.pipeline.programmes import ALIASES_KEY as PROGRAMME_ALIASES_KEY
from cadregraph.pipeline.programmes import (
    numbered_short_form,
    refers_back,
    same_class,
    scope_variant,
    serves_another,
)
from cadregraph.pipeline.relations import extract_relations
from cadregraph.pipeline.short_forms import declared_short_forms
from cadregraph.schemas import (
    RELATION_SPEC,
    DateMention,
    DocumentInfo,
    DocumentRecord,
    Entity,
    Figure,
    Relation,
    Span,
    figure_id,
)
from cadregraph.schemas.text_units import CLAUSE_ENDS


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
        # 京 of 在京召开 is 北京市 (components._city_one_char_form)
        return canonical_place(word_table("city_one_char_forms.txt").get(surface, surface), home)
    if entity_type == "Event":
        return strip_quotes(without_title_link(surface)), None
    name = canonical_programme(surface, home) if entity_type == "Programme" else strip_quotes(surface)
    if entity_type == "Programme" and name.startswith(_LEVEL_PREFIXES) and len(name) > 5:
        name = name[2:]  # 市级破难专班 is the city's level of 破难专班, not another programme
    return name, None


@cache
def _programme_stem(name: str) -> str:
    """The name without its type word (a pure function of the word lists: cached, the variant merge asks
    it about every pair of programme names)."""
    type_word = longest_suffix(name, word_list("programme_types.txt"))
    if serves_another(name):
        return name  # 万人助万企活动专班: 万人助万企活动 is another programme
    return name[: -len(type_word)] if type_word and len(name) > len(type_word) + 1 else name


def _programme_forms(name: str, surfaces: list[str]) -> set[str]:
    """The forms a later mention of a programme may take: its stem, its shorter forms and theirs, down
    through stacked type words (“大比武”活动擂台赛 → 大比武活动 → 大比武)."""
    stems = {_programme_stem(name)} | {f for s in surfaces for f in (s, _programme_stem(s))}
    return stems | {_programme_stem(s) for s in stems}


def build_entities(ctx: DocumentContext) -> tuple[list[Entity], dict[tuple[int, int], str]]:
    """One entity per canonical name; returns the entities and a map from ent char span to entity id."""
    builders: dict[tuple[str, str], EntityBuilder] = {}
    shorter_forms = ctx.doc.user_data.get(PROGRAMME_ALIASES_KEY, {})
    owner_places = ctx.doc.user_data.get(NAME_OWNER_PLACES_KEY, set())
    text = tokens.doc_text(ctx.doc)
    spans = [(ent.start_char, ent.end_char, ent.label_) for ent in ctx.doc.ents]
    # and the names written inside longer ones: 湖北省人大常委会 in its session's name, 澧县 in 澧县…培训班
    spans += ctx.doc.user_data.get(NESTED_NAMES_KEY, [])
    event_names = ctx.doc.user_data.get(EVENT_NAMES_KEY, {})
    shared_owners = ctx.doc.user_data.get(SHARED_OWNER_NAMES_KEY, {})
    for start, end, label in spans:
        # a plenum of a list (三中 of 十九届二中、三中、四中全会) is named in full, its written piece no alias
        surface = event_names.get((start, end), text[start:end]) if label == "Event" else text[start:end]
        # 政府 of 省人大、政府、政协 is named with the owner the list wrote once (components._shared_owner_bodies)
        owned = shared_owners.get((start, end)) if label == "Organization" else None
        name, division = canonical_name(label, owned or surface, ctx.home)
        if not name:
            continue
        builder = builders.setdefault((label, name), EntityBuilder(label, name, division))
        builder.surfaces.append(strip_quotes(surface))
        if label == "Organization" and (own := address_free_name(strip_quotes(surface))) is not None:
            builder.surfaces.append(own)  # 视界牧业特色养殖基地 of 禹城市伦镇视界牧业特色养殖基地
        if label == "Programme":
            # the name without its year or owner and the quoted core (pipeline/programmes.py)
            shorter = shorter_forms.get((start, end), ())
            builder.surfaces.extend(strip_quotes(a) for a in shorter)
        builder.spans.append((start, end))
    _fold_declared_short_forms(builders, text)
    _fold_second_plaques(builders, text)
    _merge_variants(builders, home_owners(ctx.home))
    _fold_current_into_written(builders, ctx.home)
    entities: list[Entity] = []
    span_ids: dict[tuple[int, int], str] = {}
    for builder in sorted(builders.values(), key=lambda b: (b.type, b.name)):
        key = entity_id(builder.type, builder.name, ctx.home, builder.division)
        aliases = sorted({s for s in builder.surfaces if s != builder.name})
        renamed = renamed_division(builder.name, ctx.home) if builder.type == "Place" else None
        if renamed is not None and builder.division is None:
            aliases = sorted({*aliases, renamed.name})  # 富阳市 as written, 富阳区 today
        if builder.type == "Organization":
            aliases = sorted({*aliases, *other_written_forms(builder.name)} - {builder.name})
        # a place seen only inside names (湖北省副省长) is kept for relations, without a mention
        mentions = [ctx.span(s, e) for s, e in sorted(set(builder.spans)) if (s, e) not in owner_places]
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
    # mention-less ones (a place only inside names) after the named, as a long document's merger orders them
    entities = [e for e in entities if e.mentions] + [e for e in entities if not e.mentions]
    return entities, span_ids


def _fold_declared_short_forms(builders: dict[tuple[str, str], EntityBuilder], text: str) -> None:
    """…中青年干部培训班(以下简称“中青班”): the declared short form is an alias of the name ending at the bracket
    (pipeline/short_forms.py): its entity of the same type joins that one, and a programme keeps the form for
    its later mentions even where the bracket held no entity."""
    for declared in declared_short_forms(text):
        named = [b for b in builders.values() if any(end == declared.named_end for _, end in b.spans)]
        for key, short in list(builders.items()):
            inside = any(declared.start - 1 <= s and e <= declared.end + 1 for s, e in short.spans)
            target = next((b for b in named if b.type == short.type and b is not short), None)
            if inside and target is not None:
                target.surfaces.extend(short.surfaces + [short.name])
                target.spans.extend(short.spans)
                del builders[key]
        for builder in named:
            if builder.type == "Programme":
                builder.surfaces.append(text[declared.start : declared.end])


def _fold_second_plaques(builders: dict[tuple[str, str], EntityBuilder], text: str) -> None:
    """中共广安市委党校(小平干部学院): an organisation that fills a bracket right after another organisation's
    name is that body's second plaque (canonical.is_second_plaque): its entity joins the first one, so its
    later mentions (走进小平干部学院学习) name the same body."""
    opening, closing = _plaque_brackets()
    ends = {
        end: builder
        for builder in builders.values()
        if builder.type == "Organization"
        for _, end in builder.spans
        if text[end : end + 1] in opening
    }
    for key, second in list(builders.items()):
        if second.type != "Organization" or not is_second_plaque(second.name):
            continue
        first = next(
            (
                ends[start - 1]
                for start, end in second.spans
                if start - 1 in ends and text[end : end + 1] in closing
            ),
            None,
        )
        if first is not None and first is not second and any(b is first for b in builders.values()):
            first.surfaces.extend(second.surfaces + [second.name])
            first.spans.extend(second.spans)
            del builders[key]


@cache
def _plaque_brackets() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """organisations/rules.toml [second_plaque]: the opening and the closing brackets of a second plaque."""
    from cadregraph.pipeline.resources import data_toml

    table = data_toml("organisations", "rules.toml")["second_plaque"]
    return tuple(table["opening_brackets"]), tuple(table["closing_brackets"])


def _fold_current_into_written(builders: dict[tuple[str, str], EntityBuilder], home: HomePlace | None) -> None:
    """富陽 read as today's 富阳区 on a page that writes 富陽市 (renamed in 2014): one place, named as the text
    writes it (renamed_division), today's name and the short form its aliases, not a second place. A page
    that writes today's name too (撤销县级富阳市,设立杭州市富阳区) keeps the two."""
    for (etype, name), builder in list(builders.items()):
        renamed = renamed_division(name, home) if etype == "Place" and builder.division is None else None
        current = builders.get(("Place", renamed.name)) if renamed is not None else None
        if current is not None and current is not builder and current.name not in current.surfaces:
            builder.surfaces.extend(current.surfaces + [current.name])
            builder.spans.extend(current.spans)
            del builders[("Place", current.name)]


def home_owners(home: HomePlace | None) -> tuple[str, ...] | None:
    """The names a scope word may stand for in a paper of `home`: its division's and its ancestors' (None:
    unknown, as for 杨凌示范区, which no gazetteer division names)."""
    if home is None or home.division is None:
        return None
    return tuple(d.name for d in home.division.chain)


def _merge_variants(builders: dict[tuple[str, str], EntityBuilder], owners: tuple[str, ...] | None = None) -> None:
    """Fold short forms into the full one: 铁军打造 into 铁军打造工程, 平湖经开区 into 平湖经济技术开发区, and a
    scope word's form into the named one (全省…轮训工程 into 陕西省…轮训工程)."""
    for (etype, name), builder in sorted(builders.items(), key=lambda kv: len(kv[0][1])):
        if etype not in {"Programme", "Organization", "Event", "Place"}:
            continue
        targets = [
            other
            for (otype, oname), other in builders.items()
            if otype == etype
            and oname != name
            and not (etype == "Programme" and scope_variant(oname, name, owners))  # 全省X joins X, not the reverse
            and (
                (etype == "Programme" and name in _programme_forms(oname, other.surfaces))
                # 中青班, 广深两地中青年干部培训班: a short form of a form the text gave (中青年干部培训班)
                or (etype == "Programme" and any(is_abbreviation(name, s) for s in other.surfaces))
                or (etype == "Programme" and scope_variant(name, oname, owners))
                # 轮训工程 after 陕西省乡镇党委书记、乡镇长轮训工程: the name's tail, referring back to it
                or (etype == "Programme" and refers_back(name, oname))
                or (etype == "Programme" and same_class(name, oname))  # 专题研讨班, 专题培训班: one class
                or (etype == "Programme" and numbered_short_form(name, oname))  # 第一期培训班: …第一期班
                or (etype == "Event" and oname.endswith(name))  # 出征仪式 after “百岗大练兵”出征仪式
                or (etype == "Event" and is_short_event_name(name, oname))  # 省第十二次党代会, 政协X会议
                or (etype == "Place" and is_place_short_form(name, oname))
                or (etype != "Place" and is_abbreviation(name, oname))
                or (etype == "Organization" and same_body(name, oname))  # 中建三局, 中建三局集团有限公司
                or (etype == "Organization" and is_two_character_short_form(name, oname))  # 浙大, 浙江大学
            )
        ]
        if len(targets) > 1 and etype == "Programme":
            # 中青班 after 中青年干部培训班 and the full name holding it: the longest one, which holds the rest;
            # 轮训工程 after 全省…轮训工程 and 陕西省…轮训工程: the named one, which the scope word's form joins
            targets = [
                t
                for t in targets
                if not any(
                    o is not t
                    and (
                        scope_variant(t.name, o.name, owners)
                        or (t.name in _programme_forms(o.name, o.surfaces) and not scope_variant(o.name, t.name, owners))
                    )
                    for o in targets
                )
            ]
        if len(targets) > 1 and etype == "Programme":
            # 百千万工程 written in 全省“百千万工程” and abbreviating 百县千镇万村高质量发展工程三年行动: the one
            # that wrote it
            written = [t for t in targets if name in _programme_forms(t.name, t.surfaces)]
            targets = written if len(written) == 1 else targets
        if len(targets) > 1 and etype == "Event":
            # 省十三届人大五次会议 (a headline) before 湖南省十三届人大五次会议 and 湖南省第十三届人民代表大会第五次会议
            # (q03): one session written three ways; the target the other targets fold into
            folded = [
                t
                for t in targets
                if not any(
                    len(o.name) > len(t.name) and (o.name.endswith(t.name) or is_short_event_name(t.name, o.name))
                    for o in targets
                )
            ]
            targets = folded or targets
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
        for m in ctx.date_matches
    ]


# A verb (LAC: v, vd; vn, a verb used as a noun, is none) followed by a particle, a pronoun, a preposition or
# an adverb is a predicate (展开了, 抵达我市), which ends a figure's counted noun; one followed by a noun or a
# break may be inside it (在职在编党员, 专利发明).
_VERB_TAGS = frozenset({"v", "vd"})
_PREDICATE_FOLLOWER_TAGS = frozenset({"u", "r", "p", "d"})


def predicate_starts(doc: Doc) -> frozenset[int]:
    """Where the model's predicate verbs start (454名贫困村党组织书记提出了…: 提出), for figures' subjects."""
    starts, tags = tokens.token_starts(doc), tokens.tags(doc)  # cached arrays: no Token objects are built
    return frozenset(
        starts[i] for i in range(len(tags) - 1) if tags[i] in _VERB_TAGS and tags[i + 1] in _PREDICATE_FOLLOWER_TAGS
    )


def adverb_starts(doc: Doc) -> frozenset[int]:
    """Where the model tags a one-character word as an adverb (正/d in 党员干部正认真听取), for figures' subjects."""
    rows = zip(tokens.token_starts(doc), tokens.words(doc), tokens.tags(doc), strict=True)
    return frozenset(start for start, word, tag in rows if tag == "d" and len(word) == 1)


_NAMES_COUNTING_NOTHING = frozenset({"Person", "Place"})


def build_figures(ctx: DocumentContext) -> list[Figure]:
    """The text's figures, none inside a date (过去四年多 is a span of years, not the count 四年多) and none inside a
    person's or a place's name (副主任王百家, 阳原县四十亩滩村, 祁浜村三株浜: a name's characters count nothing)."""
    dated = [(d.start, d.end) for d in ctx.date_matches]
    named = [(e.start_char, e.end_char) for e in ctx.doc.ents if e.label_ in _NAMES_COUNTING_NOTHING]
    figures = []
    for m in extract_figures(ctx.ingested.text, predicate_starts(ctx.doc), adverb_starts(ctx.doc)):
        if any(m.start < end and start < m.end for start, end in dated + named):
            continue
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


def document_info(
    ingested: IngestedDocument, date: dt.date | None, date_source: str, home: HomePlace | None
) -> DocumentInfo:
    """The record's document part, the same for a document analysed whole or in sections."""
    return DocumentInfo(
        id=document_id(ingested),
        source=ingested.source,
        title=ingested.meta.title or ingested.title_guess,
        date=date.isoformat() if date else None,
        date_source=date_source,  # type: ignore[arg-type]
        place=home.name if home else None,
        encoding=ingested.encoding,
    )


def extract_record(
    ingested: IngestedDocument, nlp: Language, doc_date: dt.date | None = None
) -> DocumentRecord:
    limits = settings().sections
    if len(ingested.text) > limits.whole_max_chars:
        return extract_sectioned(ingested, nlp, split_sections(ingested.text, limits.max_chars), doc_date)
    date, date_source = document_date(ingested, doc_date)
    doc = nlp.make_doc(ingested.text)
    doc.user_data[GIVEN_PLACE_KEY] = ingested.meta.place
    doc = nlp(doc)
    home = doc.user_data.get(HOME_KEY)
    ctx = DocumentContext(ingested, doc, date, date_source, home)
    entities, span_ids = build_entities(ctx)
    figures = build_figures(ctx)
    relations = extract_relations(ctx, entities, span_ids, figures)
    info = document_info(ingested, date, date_source, home)
    entities, relations = named_places_only(
        in_record_order(entities), relations, info.place, _unwritten_places(ctx, span_ids)
    )
    entities, relations = credited_names_apart(entities, relations)
    return DocumentRecord(
        document=info, entities=entities, relations=relations, dates=build_dates(ctx), figures=figures
    )


def _unwritten_places(ctx: DocumentContext, span_ids: dict[tuple[int, int], str]) -> set[str]:
    """Ids of the places the pipeline saw only inside bodies' names, titles and 《》 titles."""
    spans = ctx.doc.user_data.get(UNWRITTEN_PLACES_KEY, set())
    return {span_ids[span] for span in spans if span in span_ids}


def named_places_only(
    entities: list[Entity], relations: list[Relation], home: str | None, unwritten: set[str] | None = None
) -> tuple[list[Entity], list[Relation]]:
    """Drop the gazetteer's ancestor places the text never writes and link each place to its nearest
    written ancestor instead (双红村 PART_OF 平湖市 when 新仓镇 is not written). A record lists what its text
    says: a reader looking for 浙江省 in the article would not find it, and the corpus gold
    (tests/gold/README.md) names no such place; nor a place written only inside bodies' names
    (`unwritten`: 辽宁省 of 辽宁省第十四届人民代表大会) unless a relation needs it. A place the paper reports
    on (`home`) stays, and so does one a relation other than PART_OF needs (an event held 在陈庄村党群服务站
    is LOCATED_IN 陈庄村), unless only bodies whose names hold it need it (新州镇东方社区党支部 LOCATED_IN 新州镇
    says what the name says, and the gold lists no place written only so; an ancestor of a written place
    stays: 曹石村 PART_OF 伯阳镇 of 伯阳镇党委); implied organisations stay too: they are the targets of positions (组织部长 →
    市委组织部)."""
    names = {e.id: (e.name, *e.aliases) for e in entities}

    def nested(relation: Relation) -> bool:
        """均安镇党委 LOCATED_IN 均安镇: the body's name holds the place, which says no more than the name."""
        source, target = names.get(relation.source, ()), names.get(relation.target or "", ())
        return relation.type == "LOCATED_IN" and any(p in s for p in target for s in source if p != s)

    located = {
        r.target for r in relations if r.type != "PART_OF"
    }  # 在陈庄村党群服务站召开: the event's place
    ancestors = {r.target for r in relations if r.type == "PART_OF"}
    only_ancestors = ancestors - located
    only_in_names = {r.target for r in relations if nested(r)} - ancestors - {
        r.target for r in relations if r.type != "PART_OF" and not nested(r)
    }
    needed = located | {r.source for r in relations if r.type != "PART_OF"}
    unwritten = (unwritten or set()) - needed
    implied = {
        e.id
        for e in entities
        if e.type == "Place"
        and not e.mentions
        and (e.id in unwritten or (e.name != home and e.id in only_ancestors | only_in_names))
    }
    if not implied:
        return entities, relations
    parent: dict[str, str] = {}
    for relation in relations:
        if relation.type == "PART_OF" and relation.source in implied and relation.target is not None:
            parent.setdefault(relation.source, relation.target)

    def named(place: str | None) -> str | None:
        seen: set[str] = set()
        while place in implied and place not in seen:
            seen.add(place)
            place = parent.get(place)
        return place

    merger = _RecordMerger()
    kept: list[Relation] = []
    for relation in relations:
        if relation.source in implied:
            continue
        if relation.target in implied:
            target = named(relation.target)
            if target is None or target == relation.source:
                continue
            relation = relation.model_copy(update={"target": target})
        kept.append(relation)
    merger.add([], kept, [], [])
    return [e for e in entities if e.id not in implied], list(merger.relations.values())


def credited_names_apart(entities: list[Entity], relations: list[Relation]) -> tuple[list[Entity], list[Relation]]:
    """(记者苏宁 盛若蔚), ■通讯员李沛冯永恒: the byline rule reads the names a run holds (written apart, or cut
    where each part opens with a family name), while the model took the run for one name (苏宁盛若蔚). Each
    credited name takes its piece of that mention, and the run is no entity of its own once no mention is
    left to it."""
    credited = {r.source for r in relations if r.type == "AUTHORED"}
    persons = {e.name: e for e in entities if e.type == "Person" and e.id in credited}
    if len(persons) < 2:
        return entities, relations  # most pages: no byline, or one name
    longest_first = sorted(persons, key=len, reverse=True)
    emptied: set[str] = set()
    for entity in entities:
        if entity.id in credited or entity.type not in ("Person", "Organization"):
            continue
        kept = [m for m in entity.mentions if not _give_to_credited(m, persons, longest_first)]
        if len(kept) < len(entity.mentions):
            entity.mentions[:] = kept
            if not kept:
                emptied.add(entity.id)
    if not emptied:
        return entities, relations
    return (
        [e for e in entities if e.id not in emptied],
        [r for r in relations if r.source not in emptied and r.target not in emptied],
    )


def _give_to_credited(mention: Span, persons: dict[str, Entity], longest_first: list[str]) -> bool:
    """Whether `mention` is two or more credited names back to back (spaces between allowed); if so, each
    of them gets its piece as a mention."""
    pieces: list[tuple[int, str]] = []
    at, text = 0, mention.text
    while at < len(text):
        if text[at].isspace():
            at += 1
            continue
        name = next((n for n in longest_first if text.startswith(n, at)), None)
        if name is None:
            return False
        pieces.append((at, name))
        at += len(name)
    if len(pieces) < 2:
        return False
    for offset, name in pieces:
        person, start = persons[name], mention.start + offset
        if not any(m.start == start for m in person.mentions):
            person.mentions.append(Span(start=start, end=start + len(name), text=name))
            person.mentions.sort(key=lambda m: m.start)
    return True


# ---------------------------------------------------------------- long documents

_PARAGRAPH_BREAKS = ("\n\n", "\n")


def split_sections(text: str, max_chars: int) -> list[tuple[int, int]]:
    """[start, end) sections of at most max_chars, cut after a paragraph break where there is one in the
    second half of the window, else after a line break, a sentence end, or (one endless line) anywhere.

    Rules and relations look at most a paragraph around a name, so a section behaves as the whole
    document would; and each section costs the same, so a long document costs time linear in length.
    """
    if len(text) <= max_chars:
        return [(0, len(text))]
    sections: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        low, limit = start + max_chars // 2, start + max_chars
        cut = -1
        for brk in _PARAGRAPH_BREAKS:
            found = text.rfind(brk, low, limit)
            if found >= 0:
                cut = found + len(brk)
                break
        if cut < 0:
            cut = max(text.rfind(ch, low, limit) for ch in CLAUSE_ENDS) + 1
        if cut <= start:
            cut = limit
        sections.append((start, cut))
        start = cut
    sections.append((start, len(text)))
    return sections


def section_of(ingested: IngestedDocument, start: int, end: int) -> IngestedDocument:
    """The document restricted to text[start:end]; its offsets still point into the whole original."""
    return dataclasses.replace(
        ingested,
        text=ingested.text[start:end],
        offsets=ingested.offsets[start : end + 1],
        char_ends=ingested.char_ends[start:end] if ingested.char_ends is not None else None,
    )


def _run_components(nlp: Language, doc: Doc, home: HomePlace | None, until_home: bool = False) -> Doc:
    """The pipeline on one section: up to the home-place component (`until_home`, the first pass), or
    every other component with the home place decided once for the whole document."""
    names = nlp.pipe_names
    at = names.index(HOME_COMPONENT)
    if until_home:
        with nlp.select_pipes(enable=names[:at]):
            return nlp(doc)
    doc.user_data[HOME_KEY] = home
    with nlp.select_pipes(disable=[HOME_COMPONENT]):
        return nlp(doc)


def extract_sectioned(
    ingested: IngestedDocument,
    nlp: Language,
    sections: list[tuple[int, int]],
    doc_date: dt.date | None = None,
) -> DocumentRecord:
    """A long document, section by section, as one record.

    The date and the home place are decided over the whole text (the home place from every section's
    candidate names, as for a short document); each section then goes through the rules and relations
    with that date and home, and the section records are merged: one entity per id (mentions and
    aliases united), one relation per fact (evidence united), dates and figures in text order.
    """
    from cadregraph.pipeline.home import infer_home_place

    date, date_source = document_date(ingested, doc_date)
    given = ingested.meta.place
    tokenizer = nlp.tokenizer if isinstance(nlp.tokenizer, LacTokenizer) else None
    unwritten: set[str] = set()
    try:
        if tokenizer is not None:
            tokenizer.kept = {}  # first pass's words kept for the second: the model runs once
        candidates: list[tuple[int, str]] = []
        if not given:
            for start, end in sections:
                doc = nlp.make_doc(ingested.text[start:end])
                doc.user_data[GIVEN_PLACE_KEY] = None
                doc = _run_components(nlp, doc, None, until_home=True)
                candidates += [
                    (s.start_char + start, s.text)
                    for s in doc.spans.get(CANDIDATES_KEY, [])
                    if s.label_ != "Person"
                ]
        home = infer_home_place(ingested.text, candidates, given)
        merged = _RecordMerger()
        for start, end in sections:
            section = section_of(ingested, start, end)
            doc = nlp.make_doc(section.text)
            doc.user_data[GIVEN_PLACE_KEY] = given
            doc = _run_components(nlp, doc, home)
            ctx = DocumentContext(section, doc, date, date_source, home)
            entities, span_ids = build_entities(ctx)
            figures = build_figures(ctx)
            relations = extract_relations(ctx, entities, span_ids, figures)
            unwritten |= _unwritten_places(ctx, span_ids)
            merged.add(entities, relations, build_dates(ctx), figures)
    finally:
        if tokenizer is not None:
            tokenizer.kept = None
    info = document_info(ingested, date, date_source, home)
    entities, relations = named_places_only(
        merged.entities(), list(merged.relations.values()), info.place, unwritten
    )
    entities, relations = credited_names_apart(entities, relations)
    return DocumentRecord(
        document=info,
        entities=entities,
        relations=relations,
        dates=merged.dates,
        figures=merged.figures,
    )


def in_record_order(entities: list[Entity]) -> list[Entity]:
    """Named entities by type and name, implied ones (no mention) after in the order they were found: one order
    for a short document and a sectioned one, whichever rule gave an entity its first mention (a relation rule
    may write out an organisation a title chain implied)."""
    named = sorted((e for e in entities if e.mentions), key=lambda e: (e.type, e.name))
    return named + [e for e in entities if not e.mentions]


class _RecordMerger:
    """Section records into one: entities by id, relations by fact (as RelationSink keys them)."""

    def __init__(self) -> None:
        self.by_id: dict[str, Entity] = {}
        self.relations: dict[tuple[str, str, str | None, str], Relation] = {}
        self.dates: list[DateMention] = []
        self.figures: list[Figure] = []

    def add(
        self,
        entities: list[Entity],
        relations: list[Relation],
        dates: list[DateMention],
        figures: list[Figure],
    ) -> None:
        for entity in entities:
            known = self.by_id.get(entity.id)
            if known is None:
                self.by_id[entity.id] = entity.model_copy(deep=True)
                continue
            known.aliases = sorted(set(known.aliases) | set(entity.aliases))
            spans = {(m.start, m.end): m for m in [*known.mentions, *entity.mentions]}
            known.mentions = [spans[k] for k in sorted(spans)]
        for relation in relations:
            key = (
                relation.type,
                relation.source,
                relation.target,
                RELATION_SPEC[relation.type].key_of(relation.properties),
            )
            existing = self.relations.get(key)
            if existing is None:
                self.relations[key] = relation
                continue
            for span in [relation.evidence, *relation.evidence_all]:
                seen = [existing.evidence, *existing.evidence_all]
                if all((s.start, s.end) != (span.start, span.end) for s in seen):
                    existing.evidence_all = [*seen, span]
            existing.confidence = max(existing.confidence, relation.confidence)
        self.dates += dates
        self.figures += figures

    def entities(self) -> list[Entity]:
        return in_record_order(list(self.by_id.values()))
