"""Relations between the entities of one document (issue 3): who holds which post, who leads what, who
wrote the piece, which body runs which programme, what is part of what.

Everything is read from the spaCy Doc over the normalised text with rules whose words live in
pipeline/data/relations/ (and the title lexicon in pipeline/data/lexicons/titles.txt). The genre writes a
person's posts as a chain of `organisation + title` segments right before the name
(市委常委、组织部长、市铁军打造工程指挥部副指挥长吴金华), in brackets after a byline name, or shared over a
list of names (副主任姚田宝、柯卫明); the chain parser below reads those right to left from the name.

Decisions worth knowing:
- `title` is the role as written without the organisation (常委 @ 中共平湖市委, 干部科科长 @ 市委组织部);
  an internal unit written between organisation and title (干部科, 局长办公室) stays in the title, and such
  a post does not LEAD the whole organisation.
- A title that names its own organisation (代市长, 组织部长, 镇长) without one written in reach goes to the
  government / the party committee's department of the place in reach, else of the home city.
- 市领导 X (one of the city's four leading bodies, not said which) gives no position: no organisation can
  be chosen without guessing.
- 我市 as the actor of a programme is the city (a Place, gold convention) and RUNS nothing; 我们 is
  read as the quoted speaker's body, the paragraph's organisation, or the body the signer heads.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from pipeline import tokens as doc_tokens
from pipeline.canonical import canonical_organisation, entity_id
from pipeline.lexicons import common_words, longest_suffix, word_list
from pipeline.title_chain import (
    ChainTitle,
    TitleInfo,
    chain_grammar,
    complete_organisations,
    division_as_body,
    is_generic_body,
    title_ending,
    title_table,
)
from schemas import Entity, Figure, Relation, Span
from schemas.records import RelationType

if TYPE_CHECKING:
    from pipeline.extract import DocumentContext

_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’\"」』]?|\n+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BRACKETED_TAIL = re.compile(r"[(（][^()（）]{1,8}[)）]$")
_BRACKETED_HEAD = re.compile(r"^[(（][^()（）]{1,8}[)）]")


# ---------------------------------------------------------------- data files


def _data_text(name: str) -> str:
    return resources.files("pipeline").joinpath("data", "relations", name).read_text(encoding="utf-8")


def _data_lines(name: str) -> list[str]:
    return [
        ln.strip() for ln in _data_text(name).splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]


@cache
def patterns() -> dict[str, Any]:
    return tomllib.loads(_data_text("patterns.toml"))


@cache
def _word_set(name: str) -> tuple[str, ...]:
    return tuple(sorted(set(_data_lines(name)), key=lambda w: (-len(w), w)))


# ---------------------------------------------------------------- document helpers


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of the normalised text: up to 。！？； or a line break (headlines and bylines are lines)."""
    out: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end() if not match.group().startswith("\n") else match.start()
        if text[start:end].strip():
            out.append(Sentence(*_strip(text, start, end)))
        start = match.end()
    if text[start:].strip():
        out.append(Sentence(*_strip(text, start, len(text))))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class EntityIndex:
    """Entity ids by doc ent, by canonical name and alias; appends implied entities (no mentions)."""

    ctx: DocumentContext
    entities: list[Entity]
    span_ids: dict[tuple[int, int], str]
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)
    short_form_ids: dict[tuple[int, int], str] = field(default_factory=dict)  # 平湖经开 → its organisation

    def __post_init__(self) -> None:
        for entity in self.entities:
            for name in (entity.name, *entity.aliases):
                self.by_name.setdefault((entity.type, name), entity.id)

    def id_of(self, ent: DocSpan) -> str | None:
        key = (ent.start_char, ent.end_char)
        return self.span_ids.get(key) or self.short_form_ids.get(key)

    def find(self, etype: str, name: str) -> str | None:
        return self.by_name.get((etype, name))

    def ensure(self, etype: str, name: str, division_key: str | None = None) -> str:
        """The id of the entity called `name`, appended (without mentions) when the text only implies it."""
        found = self.find(etype, name)
        if found is not None:
            return found
        key = f"place:{division_key}" if division_key else entity_id(etype, name, self.ctx.home)
        if not any(e.id == key for e in self.entities):
            self.entities.append(Entity(id=key, type=etype, name=name))  # type: ignore[arg-type]
        self.by_name[(etype, name)] = key
        return key

    def organisation(self, written: str) -> str:
        """An organisation as written (市委组织部) → the id of its canonical entity (平湖市委组织部)."""
        found = self.find("Organization", written)
        if found is not None:
            return found
        return self.ensure("Organization", canonical_organisation(written, self.ctx.home))

    def name_of(self, key: str) -> str | None:
        return next((e.name for e in self.entities if e.id == key), None)


class RelationSink:
    """One Relation per fact; a second sentence supporting it is kept in `evidence_all`."""

    def __init__(self, ctx: DocumentContext) -> None:
        self.ctx = ctx
        self.by_key: dict[tuple[str, str, str | None, str], Relation] = {}

    def add(
        self,
        rtype: RelationType,
        source: str,
        target: str | None,
        evidence: Sentence,
        confidence: float,
        **properties: Any,
    ) -> None:
        if target is not None and target == source:
            return
        detail = "" if rtype == "AUTHORED" else str(properties.get("title") or properties.get("role") or "")
        key = (rtype, source, target, detail)
        span = self.ctx.span(evidence.start, evidence.end)
        existing = self.by_key.get(key)
        if existing is None:
            self.by_key[key] = Relation(
                type=rtype,
                source=source,
                target=target,
                properties={k: v for k, v in properties.items() if v is not None},
                evidence=span,
                confidence=round(confidence, 3),
            )
            return
        seen = [existing.evidence, *getattr(existing, "evidence_all", [])]
        if all((s.start, s.end) != (span.start, span.end) for s in seen):
            existing.evidence_all = [*seen, span]  # type: ignore[attr-defined]
        existing.confidence = max(existing.confidence, round(confidence, 3))

    def relations(self) -> list[Relation]:
        return list(self.by_key.values())


@dataclass
class Reader:
    """What every rule needs: the doc, its sentences, ents by position, the entity index and the sink."""

    ctx: DocumentContext
    index: EntityIndex
    sink: RelationSink
    doc: Doc = field(init=False)
    text: str = field(init=False)
    sentences: list[Sentence] = field(init=False)
    sentence_starts: list[int] = field(init=False)
    dates: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, ISO value)
    credit_roles: dict[int, str] = field(default_factory=dict)  # byline person start → role
    doc_id: str = ""
    short_forms: list[DocSpan] = field(default_factory=list)  # organisations written abbreviated (平湖经开)
    told: dict[int, DocSpan] = field(
        default_factory=dict
    )  # sentence start → the programme a later 此次X names
    actors_cache: tuple[tuple[tuple[int, int, str], ...], list[DocSpan]] | None = field(
        default=None, init=False, repr=False
    )  # actor_ents' last answer, keyed by the short forms it was made from

    def __post_init__(self) -> None:
        self.doc = self.ctx.doc
        self.text = doc_tokens.doc_text(self.doc)
        self.sentences = split_sentences(self.text)
        self.sentence_starts = [s.start for s in self.sentences]

    @cached_property
    def doc_ents(self) -> tuple[DocSpan, ...]:
        """`doc.ents` once: the property builds every Span anew on each access (the rules are done)."""
        return tuple(self.doc.ents)

    def actor_ents(self) -> list[DocSpan]:
        """The doc ents with the organisations found written short put in place of the ents they cover
        (平湖经开: the place 平湖 is only the start of the zone's short name)."""
        if not self.short_forms:
            return list(self.doc_ents)
        key = tuple((s.start_char, s.end_char, s.label_) for s in self.short_forms)
        if self.actors_cache is not None and self.actors_cache[0] == key:
            return list(self.actors_cache[1])  # the same short forms as last time: the same answer
        covered = [(s.start_char, s.end_char) for s in self.short_forms]
        kept = [e for e in self.doc_ents if not any(e.start_char < b and a < e.end_char for a, b in covered)]
        actors = sorted([*kept, *self.short_forms], key=lambda e: e.start_char)
        self.actors_cache = (key, actors)
        return list(actors)

    def sentence_at(self, char: int) -> Sentence:
        i = max(bisect.bisect_right(self.sentence_starts, char) - 1, 0)
        return self.sentences[i] if self.sentences else Sentence(0, len(self.text))

    def sentence_index(self, char: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, char) - 1, 0)

    def ents(self, label: str, start: int = 0, end: int | None = None) -> list[DocSpan]:
        end = len(self.text) if end is None else end
        starts, ends, spans = self.ents_by_label.get(label, ([], [], []))
        # ents do not overlap: starts and ends both ascend, so the ents inside [start, end) are one run
        return spans[bisect.bisect_left(starts, start) : bisect.bisect_right(ends, end)]

    @cached_property
    def ents_by_label(self) -> dict[str, tuple[list[int], list[int], list[DocSpan]]]:
        """label → (starts, ends, ents) in document order, for `ents` to bisect."""
        index: dict[str, tuple[list[int], list[int], list[DocSpan]]] = {}
        for e in self.doc_ents:
            starts, ends, spans = index.setdefault(e.label_, ([], [], []))
            starts.append(e.start_char)
            ends.append(e.end_char)
            spans.append(e)
        return index

    def ent_ending_at(self, char: int, labels: Iterable[str]) -> DocSpan | None:
        wanted = set(labels)
        return next((e for e in self.doc_ents if e.end_char == char and e.label_ in wanted), None)

    def ent_covering(self, char: int) -> DocSpan | None:
        return next((e for e in self.doc_ents if e.start_char <= char < e.end_char), None)

    def normalised(self, original_start: int) -> int | None:
        """An original offset (a figure's) back to the normalised text: the ingest offset map, inverted."""
        offsets = getattr(self.ctx.ingested, "offsets", None)
        if offsets is None:
            return original_start
        i = bisect.bisect_left(offsets, original_start)
        return i if i < len(self.text) else None

    def paragraph(self, char: int) -> tuple[int, int]:
        start = self.text.rfind("\n\n", 0, char)
        end = self.text.find("\n\n", char)
        return (0 if start < 0 else start + 2), (len(self.text) if end < 0 else end)


# ---------------------------------------------------------------- title chains


@dataclass
class Segment:
    """One `organisation + title` of a chain, in normalised-text coordinates."""

    start: int
    title: str  # as written without the organisation: 副指挥长, 干部科科长, 组织部长
    base: str  # the lexicon title inside it: 指挥长, 科长, 组织部长
    org_written: str  # 市铁军打造工程指挥部, 市委, '' when none is written
    subunit: str  # 干部科 (kept in the title)
    org_ent: DocSpan | None = None  # the doc ent the organisation was written as, when there is one


@dataclass(frozen=True)
class Position:
    title: str
    organization: str  # as written (or the implied department / government)
    target: str  # entity id
    deputy: bool
    lead: bool
    confidence: float
    completed: str = ""  # the organisation as the chain completes it (市委组织部), before canonicalisation


def _match_title(text: str, end: int) -> tuple[str, str] | None:
    """The title (modifiers + head, pipeline.title_chain) written right before `end`, and its head."""
    found = title_ending(text[max(0, end - 12) : end])
    return (found.title, found.head) if found is not None else None


def _org_start(reader: Reader, end: int) -> int:
    """Walk left from `end` over the words an organisation name is made of (nominal tokens, brackets,
    quotes, tokens inside a named ent); function words, verbs and punctuation end it, except a short
    verb-tagged piece that a place or organisation name stands before (平湖经济技术开发区经发办: 经/p 发办/v)."""
    conf = patterns()["chains"]
    allowed, brackets = set(conf["org_token_tags"]), set(conf["org_bracket_chars"])
    anaphors = set(conf["org_anaphors"])
    limit = max(0, end - int(conf["max_org_chars"]))
    tokens = doc_tokens.tokens_overlapping(reader.doc, limit, end)

    def inside_named(tok: Any) -> bool:
        ent = reader.ent_covering(tok.idx)
        return ent is not None and ent.label_ in {"Organization", "Place", "Programme"}

    def anchor(tok: Any) -> bool:
        return tok.tag_ in {"LOC", "ORG", "ns", "nt"} or inside_named(tok)

    pos, i = end, len(tokens) - 1
    while i >= 0 and pos > limit:
        tok = tokens[i]
        if tok.text in brackets or all(ch in brackets or ch in '“”"' for ch in tok.text):
            if tok.text.endswith("”") and _named_body_starts_at(reader, tok.idx + len(tok.text)):
                break  # “十大桥梁人物”贵州桥梁建设集团…总工程师: a quoted honour before a named body
            pos, i = tok.idx, i - 1
            continue
        ent = reader.ent_covering(tok.idx)
        if ent is not None and ent.label_ == "Person" or tok.text.isspace():
            break
        if any(reader.text.startswith(a, tok.idx) and tok.idx + len(a) <= end for a in anaphors):
            pos = tok.idx  # 该村|党委书记 (or 该|村|党委书记): the anaphor opens the name
            break
        if inside_named(tok) or (tok.tag_ in allowed and tok.tag_ != "w") or _is_org_head(tok.text):
            pos, i = tok.idx, i - 1
            continue
        # 经/p 发办/v after 平湖经济技术开发区: keep going when an anchor follows within two short words.
        j, ok = i, False
        while j >= 0 and i - j < 2 and len(tokens[j].text) <= 2 and tokens[j].tag_ in {"v", "p", "vn", "d"}:
            j -= 1
            if j >= 0 and anchor(tokens[j]):
                ok = True
                break
        if not ok:
            break
        pos, i = tokens[j].idx, j - 1
    pos = max(pos, limit)
    # Never start inside a bracket pair we did not open, nor on a closing quote.
    while pos < end and reader.text[pos] in {")", "）", "”"}:
        pos += 1
    return pos


def _named_body_starts_at(reader: Reader, char: int) -> bool:
    """An organisation or place the model named opens at `char` (what a closing quote before it ends)."""
    return any(e.start_char == char and e.label_ in {"Organization", "Place"} for e in reader.doc.ents)


def _is_org_head(word: str) -> bool:
    """办, 发办: a verb-tagged word that is an organisation head (LAC tags 办 as a verb)."""
    return bool(_CJK.match(word[:1])) and longest_suffix(word, word_list("org_suffixes.txt")) is not None


def _split_org(reader: Reader, start: int, end: int) -> tuple[str, str, DocSpan | None] | None:
    """(organisation as written, internal unit, ent) for the text before a title; None if it is no organisation."""
    rest = reader.text[start:end]
    if not rest:
        return "", "", None
    org_suffixes = word_list("org_suffixes.txt")
    subunits = _word_set("subunits.txt")

    departments = _word_set("departments.txt")

    def is_org(s: int, e: int) -> tuple[bool, DocSpan | None]:
        piece = _BRACKETED_TAIL.sub("", reader.text[s:e]).strip('“”"')
        quoted = e - 1 if e - 1 > s and reader.text[e - 1] in '”"' else e
        ent = reader.ent_ending_at(quoted, {"Organization", "Place", "Programme"})
        if ent is not None and ent.start_char >= s:
            if ent.start_char == s or _plausible_prefix(reader.text[s : ent.start_char].strip('“"')):
                return True, ent
            before = doc_tokens.tokens_starting_in(reader.doc, s, ent.start_char)
            if before and before[-1].tag_ in {"p", "v", "c"}:
                return False, None  # 受|县委书记: a word before the named body is no part of it
        # 平湖服装创意服务有限公司 + 宣传推广部: a named organisation and one of its departments.
        head = next((o for o in reader.ents("Organization", s, e) if o.start_char == s), None)
        tail = reader.text[head.end_char : e] if head is not None else ""
        if head is not None and 2 <= len(tail) <= 8 and longest_suffix(tail, departments):
            return True, None
        # Words the model tags as organisations, even where its span was not kept (致公党北京市委会).
        inside = reader.doc.char_span(s, e)  # None unless [s, e) is whole tokens
        if inside is not None and all(t.tag_ in {"ORG", "nt"} for t in inside):
            return True, None
        if is_generic_body(piece):
            return True, None  # 村委会, 纪委: a body every place has (title_chain.toml), named by its kind
        return (len(piece) >= 2 and longest_suffix(piece, org_suffixes) is not None), None

    # The model named the whole run an organisation (铁山坪街道办事处): no unit is cut out of it, unless
    # the run ends in an internal unit rather than an organisation's own head word (市经信局综合科).
    whole = reader.ent_ending_at(end, {"Organization"})
    if whole is not None and whole.start_char != start:
        whole = None
    if whole is not None and (rest[-1] not in subunits or longest_suffix(rest, org_suffixes) is not None):
        return rest, "", whole
    # An internal unit (干部科, 局长办公室) between organisation and title stays in the title: the
    # longest unit after an organisation name.
    if rest[-1] in subunits:
        token_starts = doc_tokens.token_starts_between(reader.doc, start, end - 1)
        cuts = sorted(token_starts) + [c for c in range(start + 2, end - 1) if c not in token_starts]
        for cut in cuts:  # word boundaries first: 市科技局|局长办公室, not 市科技|局局长办公室
            ok, ent = is_org(start, cut)
            if ok and cut - start >= 2:
                return reader.text[start:cut], reader.text[cut:end], ent
        if whole is not None:
            return rest, "", whole
        if len(rest) <= 6:
            return "", rest, None
    ok, ent = is_org(start, end)
    if ok:
        return rest, "", ent
    # A place written before a title (新仓镇副镇长): its government or party committee, decided later.
    ent = reader.ent_ending_at(end, {"Place"})
    if ent is not None:
        return reader.text[ent.start_char : end], "", ent
    return None


def _plausible_prefix(text: str) -> bool:
    """What may stand before an organisation ent inside the same name: an administrative prefix."""
    return text in {"市", "县", "区", "省", "镇", "中共"} or not text


def parse_chain(reader: Reader, end: int, boundary: int = 0) -> list[Segment]:
    """The segments of the chain whose last title ends at `end`, left to right; [] when there is none.

    A segment further left is taken only when it is a whole clause (it starts at punctuation, a line
    start or `boundary`): so 只见自己的导师,新仓镇副镇长李俊 gives one segment, not a 导师 post."""
    separators = set(chain_grammar().separators)
    segments: list[Segment] = []
    pos = end
    while pos > boundary:
        matched = _match_title(reader.text[boundary:pos], pos - boundary)
        if matched is None:
            break
        title, base = matched
        title_start = pos - len(title)
        org_start = max(_org_start(reader, title_start), boundary)
        org_start = _back_to_separator(reader, org_start, title_start, boundary)
        split = _split_org(reader, org_start, title_start)
        if split is None:
            # The walk may have run into words before the name (对于市少体校): try shorter organisations.
            split = None
            for s in range(org_start + 1, title_start):
                split = _split_org(reader, s, title_start)
                if split is not None and split[0]:
                    org_start = s
                    break
                split = None
            if split is None:
                if segments or title_start == org_start:
                    org_start, split = title_start, ("", "", None)
                else:
                    break
        org_written, subunit, ent = split
        if subunit and (body := division_as_body(org_written, subunit)) is not None:
            org_written, subunit, ent = body, "", None  # 组织干部处副处长: title 副处长 (title_chain.py)
        whole_clause = (
            org_start == boundary
            or reader.text[org_start - 1] in separators | {"\n", "(", "（", "■", " "}
            or reader.text[max(0, org_start - 2) : org_start] in _QUOTE_CLOSES_SENTENCE
            or _opens_clause_after(reader, org_start)
        )
        if segments and not whole_clause:
            break
        segments.insert(0, Segment(org_start, subunit + title, base, org_written.strip('“”"'), subunit, ent))
        if not whole_clause or org_start <= boundary or reader.text[org_start - 1] not in separators:
            break
        pos = org_start - 1
    return segments


# …问计于民。”|该村党委书记: a closing quote after a sentence's end opens a clause as a line start does.
_QUOTE_CLOSES_SENTENCE = {"。”", "！”", "？”", '。"', '！"', '？"'}


def _opens_clause_after(reader: Reader, char: int) -> bool:
    """6月6日上午|市纪委常委、…, 推进会及|市委常委、…: a time word or a conjunction before a chain ends
    what comes before it as well as punctuation does."""
    tags = set(patterns()["chains"]["clause_opening_tags"])
    token = _token_at(reader, char - 1)
    return token is not None and token.idx + len(token.text) == char and token.tag_ in tags


def _token_at(reader: Reader, char: int) -> Any:
    """The token holding character `char` (None off the text)."""
    if not 0 <= char < len(reader.text):
        return None
    span = reader.doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _back_to_separator(reader: Reader, org_start: int, title_start: int, boundary: int) -> int:
    """、组织一处处长: an internal unit whose name holds a verb-tagged word (组织) stops the walk over
    organisation words; a short run of characters after a chain separator is the title's whole prefix."""
    reach = int(patterns()["chains"]["max_unit_chars"])
    separators = set(chain_grammar().separators)
    start = org_start
    while start > max(boundary, title_start - reach) and _CJK.match(reader.text[start - 1]):
        start -= 1
    if start == org_start or start <= boundary or reader.text[start - 1] not in separators:
        return org_start
    first = _token_at(reader, start)
    if first is None or first.idx != start or len(first.text) < 2 or first.tag_ in {"p", "c", "d", "u"}:
        return org_start  # ,受|县委书记: a one-character verb or a function word opens no unit's name
    ent = reader.ent_covering(start)
    if (
        ent is not None
        and ent.label_ == "Person"
        or any(e.label_ == "Person" and start < e.end_char <= title_start for e in reader.doc_ents)
    ):
        return org_start
    return start


class PositionResolver:
    """Segments → positions: organisations resolved to entities, inherited along the chain, implied."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.home = reader.ctx.home

    def resolve(self, segments: list[Segment], before: list[Position] | None = None) -> list[Position]:
        """`before`: the positions of the name this chain continues (主任胡水良,副主任姚田宝)."""
        positions: list[Position] = []
        inherited = before[-1] if before else None
        current: tuple[str, str] | None = (inherited.organization, inherited.target) if inherited else None
        chain = [ChainTitle(seg.org_written, (), seg.base) for seg in segments]
        completed = complete_organisations(chain, [p.completed for p in before or []])
        for seg, full in zip(segments, completed, strict=True):
            info = title_table().get(seg.base, TitleInfo("member", None))
            deputy = "副" in seg.title[: len(seg.title) - len(seg.base) + 1] and not seg.base.startswith("副")
            deputy = deputy or seg.base.startswith("副")
            lead = info.kind == "lead" and not seg.subunit
            resolved = self._organisation(seg, info, current, full)
            if resolved is None:
                continue
            written, target, confidence = resolved
            written_here = seg.org_written and not (seg.org_ent is not None and seg.org_ent.label_ == "Place")
            if written_here or (current is None and written):
                current = (written, target)
            positions.append(Position(seg.title, written, target, deputy, lead, confidence, full))
        return positions

    def _organisation(
        self, seg: Segment, info: TitleInfo, current: tuple[str, str] | None, full: str
    ) -> tuple[str, str, float] | None:
        """The organisation of one segment: a place written before the title (its government or party
        committee), a programme or organisation the model named, else the chain's completed organisation
        (pipeline.title_chain), else what the title implies for the home place."""
        index = self.reader.index
        if seg.org_ent is not None and seg.org_ent.label_ == "Place":
            place = seg.org_written
            place_id = index.id_of(seg.org_ent)
            place_name = (index.name_of(place_id) if place_id else None) or place
            if (
                info.implied == "government"
                or info.implied is None
                and seg.base not in {"书记", "委员", "常委"}
            ):
                return place, index.ensure("Organization", self._government_name(place_name)), 0.8
            return place, index.ensure("Organization", self._party_name(place_name)), 0.8
        if seg.org_written:
            if (
                seg.org_ent is not None
                and seg.org_ent.label_ == "Programme"
                and seg.org_ent.text == seg.org_written
            ):
                key = index.id_of(seg.org_ent)
                return (seg.org_written, key, 0.85) if key else None
            if (
                seg.org_ent is not None
                and seg.org_ent.label_ == "Organization"
                and seg.org_ent.text == seg.org_written == full
            ):
                key = index.id_of(seg.org_ent)
                if key:
                    return seg.org_written, key, 0.9
            return seg.org_written, index.organisation(full or seg.org_written), 0.9
        if full:
            # `organization` keeps what the title itself says (组织部长 → 组织部, 县长 → 县) when it says one.
            said = {None: full, "government": seg.base.rstrip("长")[-1:]}.get(info.implied, info.implied)
            return said or full, index.organisation(full), 0.8
        if info.implied == "government":
            name = self._government_for(seg.base, current)
            return (name[0], index.ensure("Organization", name[1]), 0.75) if name else None
        if info.implied:
            base = current[0] if current else (self.home.name[-1] + "委" if self.home else None)
            if base is None:
                return None
            return info.implied, index.organisation(_qualify(base, info.implied)), 0.8
        if current is not None:
            return current[0], current[1], 0.8
        return None

    def _government_for(self, base: str, current: tuple[str, str] | None) -> tuple[str, str] | None:
        """代市长 next to 市委副书记 → the home government; 镇长 next to 新仓镇党委书记 → 新仓镇人民政府."""
        level = base.rstrip("长")[-1:]
        if current is not None:
            written = current[0]
            place = re.sub(r"(党委|党工委|委)$", "", written)
            if place and place != written and place[-1] == level and len(place) > 1:
                return written, self._government_name(place)
        if self.home is not None and self.home.name.endswith(level):
            return level, self.home.government
        return None

    def _government_name(self, place: str) -> str:
        if self.home is not None and place in {self.home.name, self.home.name[-1]}:
            return self.home.government
        return place + "人民政府"

    def _party_name(self, place: str) -> str:
        if self.home is not None and place in {self.home.name, self.home.name[-1]}:
            return self.home.party_committee
        if place.endswith(("镇", "乡", "街道", "村", "社区")):
            return place + ("党工委" if place.endswith("街道") else "党委")
        return f"中共{place}委"


def _qualify(parent: str, generic: str) -> str:
    """管委会 under 平湖经济技术开发区(钟埭街道)党工委 → 平湖经济技术开发区管委会; 组织部 under 市委 → 市委组织部."""
    base = parent
    head = longest_suffix(parent, _word_set("party_bodies.txt"))
    if head and len(parent) > len(head) and not re.fullmatch(r"[市县区省]委", parent):
        base = parent[: -len(head)]
    if generic in {"组织部", "宣传部", "统战部"} and not base.endswith("委"):
        base = re.sub(r"(人民政府|政府)$", "", base) + "委"
    base = re.sub(r"[(（][^()（）]*[)）]$", "", base)
    return base + generic


# ---------------------------------------------------------------- HOLDS_POSITION / LEADS


def positions_of_people(reader: Reader, people: list[Any] | None = None) -> dict[int, list[Position]]:
    """Positions per person (by start char): chains before the name, in brackets after it, shared lists.
    `people`: the Person ents, or the list titled_names() corrected."""
    resolver = PositionResolver(reader)
    conf = patterns()["chains"]
    result: dict[int, list[Position]] = {}
    people = reader.ents("Person") if people is None else people
    list_seps = set(conf["name_list_separators"])
    for i, person in enumerate(people):
        sentence = reader.sentence_at(person.start_char)
        boundary = sentence.start
        segments = parse_chain(reader, person.start_char, boundary)
        inherited = None
        if segments and (not segments[0].org_written or is_generic_body(segments[0].org_written)):
            inherited = _previous_position(reader, people, i, result, segments[0].start, boundary)
        found = resolver.resolve(segments, inherited)
        if not found and segments and not segments[0].org_written:
            found = _same_head_earlier(reader, people, i, result, segments, boundary)
        if not found:
            found = _bracketed(reader, resolver, person)
        if not found:
            found = _copular(reader, resolver, person)
        if not found and i > 0 and segments == []:
            prev = people[i - 1]
            between = reader.text[prev.end_char : person.start_char]
            if between and between.strip() in list_seps and prev.start_char in result:
                found = [_shared(p) for p in result[prev.start_char]]
        if found:
            result[person.start_char] = found
    return result


def _shared(position: Position) -> Position:
    return Position(
        position.title,
        position.organization,
        position.target,
        position.deputy,
        position.lead,
        min(position.confidence, 0.85),
    )


def _previous_position(
    reader: Reader,
    people: list[DocSpan],
    i: int,
    result: dict[int, list[Position]],
    chain_start: int,
    boundary: int,
) -> list[Position] | None:
    """主任胡水良,副主任姚田宝: a chain opening without an organisation right after a titled name inherits it."""
    separators = set(chain_grammar().separators)
    for prev in reversed(people[:i]):
        if prev.end_char > chain_start or prev.start_char < boundary:
            continue
        between = reader.text[prev.end_char : chain_start]
        if len(between) == 1 and between in separators and prev.start_char in result:
            return result[prev.start_char]
        break
    return None


def _same_head_earlier(
    reader: Reader,
    people: list[DocSpan],
    i: int,
    result: dict[int, list[Position]],
    segments: list[Segment],
    boundary: int,
) -> list[Position]:
    """…常务副主任沙际涛主持会议,副主任刘自朝、袁永雨出席: a bare title takes the organisation of the same head
    held by a name earlier in the sentence (主任 → the same 人大常委会)."""
    out: list[Position] = []
    for seg in segments:
        for prev in reversed(people[:i]):
            if prev.start_char < boundary:
                break
            held = next((p for p in result.get(prev.start_char, []) if p.title.endswith(seg.base)), None)
            if held is not None:
                info = title_table().get(seg.base, TitleInfo("member", None))
                deputy = (
                    ChainTitle("", (), seg.base).deputy or seg.title.startswith("副") or "副" in seg.title
                )
                out.append(
                    Position(
                        seg.title,
                        held.organization,
                        held.target,
                        deputy,
                        info.kind == "lead",
                        0.75,
                        held.completed,
                    )
                )
                break
    return out


def _bracketed(reader: Reader, resolver: PositionResolver, person: DocSpan) -> list[Position]:
    """吴金华\\n\\n(市委常委、组织部长、…副指挥长): the posts of a signed commentary's author."""
    conf = patterns()["chains"]
    text = reader.text
    pos = person.end_char
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos >= len(text) or text[pos] not in conf["open_brackets"]:
        return []
    close = min((c for c in (text.find(b, pos) for b in conf["close_brackets"]) if c > 0), default=-1)
    if close < 0 or close - pos > 80:
        return []
    segments = parse_chain(reader, close, pos + 1)
    if not segments or segments[0].start != pos + 1:
        return []
    line = _line(text, person.start_char)
    if (line.start, line.end) == (person.start_char, person.end_char):
        # A name alone on its line over its posts in brackets signs a commentary (领导点评).
        _credit(
            reader,
            person.start_char,
            person.end_char,
            str(patterns()["bylines"]["signature_role"]),
            reader.doc_id,
        )
    return resolver.resolve(segments)


def _copular(reader: Reader, resolver: PositionResolver, person: DocSpan) -> list[Position]:
    """金伟是市农业农村局农村社会事业促进科科长。: the whole rest of the clause is the chain."""
    text = reader.text
    verb = next((v for v in patterns()["chains"]["copulas"] if text.startswith(v, person.end_char)), None)
    if verb is None:
        return []
    start = person.end_char + len(verb)
    end_match = re.compile(r"[，,。；;！!？?\n]").search(text, start, start + 60)
    if end_match is None:
        return []
    segments = parse_chain(reader, end_match.start(), start)
    if segments and segments[0].start != start and len(segments) == 1:
        # The walk over organisation words stopped at a verb inside a unit's name (促进科): here the
        # whole clause after the copula is the one title's prefix.
        seg = segments[0]
        title = seg.title[len(seg.subunit) :]
        split = _split_org(reader, start, end_match.start() - len(title))
        if split is not None and split[0]:
            segments = [Segment(start, split[1] + title, seg.base, split[0].strip('“”"'), split[1], split[2])]
    if not segments or segments[0].start != start:
        return []
    return resolver.resolve(segments)


@dataclass(frozen=True)
class NameSpan:
    """A name read after a title where the model missed or cut it; stands in for a Person DocSpan."""

    start_char: int
    end_char: int
    text: str
    label_: str = "Person"


def titled_names(reader: Reader) -> list[Any]:
    """The people of the document with the names right after a title read on the text (副主任衣萍,
    常委陈社教、, 市长王勇安排…): the model drops names whose family name is not in our list, cuts
    three-character names and runs names into the next verb. A name here is two or three characters
    (four after a two-character family name) that open with a family name or with a token the model tagged
    PER, and end at punctuation or before a word that follows names (出席, 主持, 安排, 等…). Entities are
    added or renamed in the index, with their mention."""
    conf = patterns()["names_after_titles"]
    after = tuple(sorted(conf["after_name"], key=lambda w: (-len(w), w)))
    stops = set(conf["stop_chars"])
    not_last = set(conf["not_last_chars"])
    text, people = reader.text, reader.ents("Person")
    head_ends = {h[-1] for h in title_table()}
    per_starts = {t.idx for t in reader.doc if t.tag_ == "PER"}
    replaced: set[tuple[int, int]] = set()
    added: list[NameSpan] = []
    for sentence in reader.sentences:

        def boundary(j: int, sentence: Sentence = sentence) -> bool:
            return j >= sentence.end or text[j] in stops or text.startswith(after, j)

        for i in range(sentence.start + 2, sentence.end - 1):
            if text[i - 1] not in head_ends or title_ending(text[max(sentence.start, i - 12) : i]) is None:
                continue
            # The name after the title, then the names of a 、-list it opens (常委陈社教、楼伟成、…程军才).
            listed = False
            while i < sentence.end:
                end = _read_name(reader, i, boundary, per_starts, not_last, replaced, added, listed)
                if end is None or text[end : end + 1] != "、":
                    break
                i, listed = end + 1, True
    kept = [p for p in people if (p.start_char, p.end_char) not in replaced]
    return sorted([*kept, *added], key=lambda p: p.start_char)


def _read_name(
    reader: Reader,
    i: int,
    boundary: Any,
    per_starts: set[int],
    not_last: set[str],
    replaced: set[tuple[int, int]],
    added: list[NameSpan],
    listed: bool = False,
) -> int | None:
    """The end of the name at `i` (the model's, or one read on the text and registered); None if none.
    `listed`: `i` follows a 、 of a list of names a title opened."""
    overlapping_people = [
        e for e in reader.doc_ents if e.label_ == "Person" and e.start_char <= i < e.end_char
    ]
    named_ends = {e.end_char for e in reader.doc.ents if e.label_ == "Person"} | {a.end_char for a in added}
    name = _name_at(reader, i, boundary, per_starts, not_last, listed, named_ends)
    if name is None and listed:
        name = _dotted_name_at(reader, i)
    if name is None:
        own = next((e for e in overlapping_people if e.start_char == i), None)
        return own.end_char if own is not None else None
    j = i + len(name)
    overlapping = [e for e in reader.doc_ents if e.start_char < j and i < e.end_char]
    if any(e.label_ != "Person" and not (e.end_char == j and e.start_char < i) for e in overlapping):
        return None
    persons = [e for e in overlapping if e.label_ == "Person"]
    if any(e.start_char != i for e in persons):
        return None
    if persons and (persons[0].end_char == j or boundary(persons[0].end_char)):
        return persons[0].end_char  # the model's own reading ends where a name may end: keep it
    if any(a.start_char == i for a in added):
        return j
    old = persons[0] if persons else None
    _register_name(reader, i, j, name, old)
    if old is not None:
        replaced.add((old.start_char, old.end_char))
    added.append(NameSpan(i, j, name))
    return j


def _name_at(
    reader: Reader,
    i: int,
    boundary: Any,
    per_starts: set[int],
    not_last: set[str],
    listed: bool = False,
    named_ends: set[int] | None = None,
) -> str | None:
    """The name at `i`, or None. Where the place says a name stands, the family-name list does not gate
    (issue 8: lists may add, never gate): a member of a 、-list a title opened (副主席…刘正东、磨长英、高枫),
    or the name after a bare title continuing a titled name (…高枫,秘书长全桂寿), when it ends at a list
    separator or at a word that follows names."""
    text = reader.text
    surnames = set(_surnames())
    double = text[i : i + 2] in surnames
    for length in (2, 3, 4):
        if length == 4 and not double:
            break
        name = text[i : i + length]
        if len(name) < length or not all(_CJK.match(ch) for ch in name):
            return None
        if not boundary(i + length):
            continue
        if name in common_words() or name[-1] in not_last or name in title_table():
            return None
        if i in per_starts or _opens_name_list(reader, i + length):
            return name  # the model read a name here (or right after it); only our family-name list dropped it
        first = _token_at(reader, i)
        tags = set(patterns()["names_after_titles"]["not_first_tags"])
        if (
            first is not None
            and first.idx == i
            and first.tag_ in tags
            and not (first.tag_ == "v" and len(first.text) == 1)
        ):
            return None  # 都|能得到, 包干; a one-character "verb" is often a family name (付|松柏)
        sentence = reader.sentence_at(i)
        segments = parse_chain(reader, i, sentence.start)
        if _name_by_place(reader, i, length, listed, segments, named_ends or set()):
            return name
        if not (name[0] in surnames or double):
            return None
        # Without the model's word for it, a name is read only after a title of a named body.
        if any(seg.org_written or title_table()[seg.base].implied for seg in segments):
            return name
        return None
    return None


def _opens_name_list(reader: Reader, end: int) -> bool:
    """副主席别胜学、薛康、支建华: the run after a title is the first of a list whose next item the model reads as a
    name (list items are alike), even when the model tags its first character otherwise (别/d)."""
    after = end + 1
    return reader.text[end : after] == "、" and any(
        e.start_char == after and e.label_ == "Person" for e in reader.doc.ents
    )


_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,8}){1,3}")


def _dotted_name_at(reader: Reader, i: int) -> str | None:
    """帕巴拉·格列朗杰, 阿不来提·阿不都热西提: a transcribed name written with ·, read whole as a member of a
    title's 、-list when it ends at a list separator (the model cuts or drops such names)."""
    m = _DOTTED_NAME.match(reader.text, i)
    ends = set(patterns()["names_after_titles"]["list_name_ends"])
    if m is None or reader.text[m.end() : m.end() + 1] not in ends:
        return None
    return m.group(0)


def _name_by_place(
    reader: Reader, i: int, length: int, listed: bool, segments: list[Segment], named_ends: set[int]
) -> bool:
    """The list member or the continuing chain of _name_at, 2–3 characters. A list member must end at a
    list separator or sentence punctuation (not merely before a verb: 各界代表出席); the name after a bare
    title that continues a titled name (…高枫,秘书长全桂寿出席) may end wherever _name_at lets a name end."""
    conf = patterns()["names_after_titles"]
    text = reader.text
    if not 2 <= length <= 3:
        return False
    if listed:
        return text[i + length : i + length + 1] in set(conf["list_name_ends"])
    separators = set(chain_grammar().separators)
    if not segments or any(seg.org_written for seg in segments):
        return False
    opening = segments[0].start
    return opening > 0 and text[opening - 1] in separators and opening - 1 in named_ends


def _register_name(reader: Reader, start: int, end: int, name: str, old: DocSpan | None) -> None:
    """The entity of a name read after a title, with its mention; a cut or overlong reading of the model
    (陈社 for 陈社教) gives its mention up, and disappears when it had no other."""
    index, ctx = reader.index, reader.ctx
    key = index.ensure("Person", name)
    entity = next(e for e in index.entities if e.id == key)
    mention = ctx.span(start, end)
    if all((m.start, m.end) != (mention.start, mention.end) for m in entity.mentions):
        entity.mentions.append(mention)
    index.span_ids[(start, end)] = key
    if old is None:
        return
    old_key = index.id_of(old)
    index.span_ids[(old.start_char, old.end_char)] = key
    previous = next((e for e in index.entities if e.id == old_key), None)
    if previous is None or previous.id == key:
        return
    gone = ctx.span(old.start_char, old.end_char)
    previous.mentions = [m for m in previous.mentions if (m.start, m.end) != (gone.start, gone.end)]
    if not previous.mentions:
        index.entities.remove(previous)
        index.by_name = {k: v for k, v in index.by_name.items() if v != previous.id}
        for span, value in list(index.span_ids.items()):
            if value == previous.id:
                index.span_ids[span] = key


def emit_positions(reader: Reader) -> None:
    people = titled_names(reader)
    by_start = {p.start_char: p for p in people}
    for start, positions in positions_of_people(reader, people).items():
        person = by_start[start]
        person_id = reader.index.id_of(person)
        if person_id is None:
            continue
        evidence = reader.sentence_at(start)
        for p in positions:
            target_type = next((e.type for e in reader.index.entities if e.id == p.target), "Organization")
            if target_type == "Organization":
                reader.sink.add(
                    "HOLDS_POSITION",
                    person_id,
                    p.target,
                    evidence,
                    p.confidence,
                    title=p.title,
                    organization=p.organization,
                    deputy=p.deputy,
                )
            if p.lead:
                reader.sink.add(
                    "LEADS", person_id, p.target, evidence, p.confidence, title=p.title, deputy=p.deputy
                )


# ---------------------------------------------------------------- AUTHORED


def emit_bylines(reader: Reader, doc_id: str) -> None:
    """■记者 李雨婷 通讯员 汪洵 摄影 王强; 本报讯(记者高轶鹏 通讯员张旭); 编辑/翁辰辰; 冯玉坤 摄; ■胡佳英.

    Read on the text, not only on the model's names: bylines are where NER fails most (王 强 split by a
    stray space, 郭喜地 cut to 郭喜 before a bracket), and the role word fixes where a name starts and ends."""
    conf = patterns()["bylines"]
    roles: dict[str, str] = conf["roles"]
    role_alt = "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True))
    markers = "".join(conf["markers"])
    joiner = _joiner_class(conf)
    outlet = "|".join(re.escape(o) for o in sorted(conf["outlet_endings"], key=len, reverse=True))
    # (河北日报记者李文亮): an outlet's name between the bracket and the role.
    outlet_run = rf"(?:(?<=[(（])[\u4e00-\u9fff]{{1,{int(conf['max_outlet_chars'])}}}?(?:{outlet}))"
    # A one-character role (文, 图) opens a byline only with its joiner or a space: 文章来源 is no byline.
    long_roles = "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True) if len(r) > 1)
    short_roles = "|".join(re.escape(r) for r in roles if len(r) == 1) or "(?!)"
    opener = re.compile(
        rf"(?:^|(?<=[\n{markers}(（ 　])|{outlet_run})(?:({long_roles}){joiner}?|({short_roles})(?={joiner}|[ 　]))"
        rf"{joiner}?[ 　]*(?=[\u4e00-\u9fff])",
        re.M,
    )
    text = reader.text
    for m in opener.finditer(text):
        role_word = m.group(1) or m.group(2)
        for start, end, role in _byline_names(text, m.end(), roles[role_word], roles, role_alt, joiner):
            _credit(reader, start, end, role, doc_id)
    for start, end in _bracket_signature(text, conf):
        _credit(reader, start, end, str(conf["bracket_signature_role"]), doc_id)
    for person in reader.ents("Person"):
        trailing = _trailing_or_signature(text, person, conf, set(conf["markers"]))
        if trailing is not None:
            _credit(reader, person.start_char, person.end_char, trailing, doc_id)


_NAME_RUN = re.compile(r"[\u4e00-\u9fff·]+")


def _joiner_class(conf: dict[str, Any]) -> str:
    """The characters written between a role and its name, as one regex class."""
    return "[" + "".join(re.escape(j) for j in conf["role_name_joiners"]) + "]"


_SIGNATURE = re.compile(r"[(（]([\u4e00-\u9fff][\u4e00-\u9fff 　]{1,14})[)）][ 　]*$", re.M)


def _bracket_signature(text: str, conf: dict[str, Any]) -> list[tuple[int, int]]:
    """…参加了民主协商会。(镇组轩 栾继业): a bracket ending a paragraph after its last sentence, holding only
    names apart by spaces, signs the piece. Every piece must read as a name, or nothing is credited."""
    out: list[tuple[int, int]] = []
    for m in _SIGNATURE.finditer(text):
        before = text[: m.start()].rstrip(" 　")
        if before and before[-1] not in "。！？!?”" and before[-1] != "\n":
            continue
        pieces = _join_split_names(
            text, [(p.start(), p.end()) for p in _NAME_RUN.finditer(text, m.start(1), m.end(1))]
        )
        if not 1 <= len(pieces) <= int(conf["bracket_signature_max_names"]):
            continue
        if all(2 <= e - s <= 4 and _surname_start("".join(text[s:e].split())) for s, e in pieces):
            out.extend(pieces)
    return out


def _byline_names(
    text: str, pos: int, role: str, roles: dict[str, str], role_alt: str, joiner: str = "[/:：]"
) -> list[tuple[int, int, str]]:
    """The names after a byline role, role by role (记者高轶鹏通讯员郭喜地): up to a bracket or a non-name;
    a next line holding only a name continues the byline (■摄影 王 强 陈明远 / 徐冰艳)."""
    names: list[tuple[int, int, str]] = []
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    # A one-character role (文, 图) inside a byline is a role only with its joiner: 李文亮 is one name.
    long_roles = "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True) if len(r) > 1)
    short_roles = "|".join(re.escape(r) for r in roles if len(r) == 1) or "(?!)"
    stop = re.compile(rf"(?:({long_roles}){joiner}?|({short_roles}){joiner})[ 　]*|[)）(（/:：,，。|｜]")
    while pos < line_end:
        cut = stop.search(text, pos, line_end)
        segment_end = cut.start() if cut else line_end
        pieces = _join_split_names(
            text, [(m.start(), m.end()) for m in _NAME_RUN.finditer(text, pos, segment_end)]
        )
        for start, end in pieces:
            if not (2 <= end - start <= 4 and _surname_start(text[start:end])):
                return names
            names.append((start, end, role))
        if cut is None or (cut.group(1) or cut.group(2)) is None:
            break
        role, pos = roles[cut.group(1) or cut.group(2)], cut.end()
    else:
        cut = None
    if names and cut is None:
        nxt = re.match(r"\n+([\u4e00-\u9fff]{2,3})\n", text[line_end : line_end + 8])
        if nxt and _surname_start(nxt.group(1)):
            s = line_end + nxt.start(1)
            names.append((s, s + len(nxt.group(1)), role))
    return names


def _join_split_names(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """王 强 → 王强: two one-character pieces split by a stray space are one name."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        s, e = pieces[i]
        if e - s == 1 and i + 1 < len(pieces) and pieces[i + 1][1] - pieces[i + 1][0] <= 2:
            out.append((s, pieces[i + 1][1]))
            i += 2
            continue
        out.append((s, e))
        i += 1
    return out


def _surnames() -> tuple[str, ...]:
    return word_list("surnames.txt")  # the project's one surname list (pipeline/data/lexicons)


def _surname_start(name: str) -> bool:
    return name.startswith(_surnames())


def _credit(reader: Reader, start: int, end: int, role: str, doc_id: str) -> None:
    text = reader.text
    name = "".join(text[start:end].split())
    ent = next((e for e in reader.ents("Person") if e.start_char == start and e.end_char == end), None)
    person_id = reader.index.id_of(ent) if ent is not None else reader.index.ensure("Person", name)
    if person_id is None:
        return
    reader.credit_roles[start] = role
    reader.sink.add("AUTHORED", person_id, None, _line(text, start), 0.9, role=role, document=doc_id)


def _trailing_or_signature(text: str, person: DocSpan, conf: dict[str, Any], markers: set[str]) -> str | None:
    after = text[person.end_char : person.end_char + 4]
    for word, role in conf["trailing_roles"].items():
        stripped = after.lstrip(" 　")
        if stripped.startswith(word) and (len(stripped) == len(word) or not _CJK.match(stripped[len(word)])):
            return str(role)
    line_end = text.find("\n", person.end_char)
    rest = text[person.end_char : line_end if line_end >= 0 else len(text)]
    if person.start_char > 0 and text[person.start_char - 1] in markers and not rest.strip():
        return str(conf["signature_role"])
    return None


def _line(text: str, char: int) -> Sentence:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return Sentence(*_strip(text, start, len(text) if end < 0 else end))


# ---------------------------------------------------------------- PART_OF


def emit_part_of(reader: Reader) -> None:
    _organisation_parents(reader)
    _place_chains(reader)
    _places_written_together(reader)
    _programme_parts(reader)
    _listed_parts(reader)


def _first_evidence(reader: Reader, key: str) -> Sentence | None:
    for ent in reader.doc_ents:
        if reader.index.id_of(ent) == key:
            return reader.sentence_at(ent.start_char)
    return None


def _organisation_parents(reader: Reader) -> None:
    """平湖市委组织部 → 中共平湖市委 (appended when only the department is written); X管委会 → X; X党支部 → X."""
    index, home = reader.index, reader.ctx.home
    orgs = [e for e in index.entities if e.type == "Organization"]
    org_suffixes = word_list("org_suffixes.txt")
    for child in orgs:
        evidence = _first_evidence(reader, child.id) or _evidence_of_target(reader, child.id)
        if evidence is None:
            continue
        best: Entity | None = None
        for parent in orgs:
            if parent.id == child.id:
                continue
            for name in _parent_forms(parent, home):
                rest = _BRACKETED_TAIL.sub("", _BRACKETED_HEAD.sub("", child.name[len(name) :]))
                if (
                    child.name.startswith(name)
                    and len(rest) >= 2
                    and longest_suffix(rest, org_suffixes)
                    and (best is None or len(parent.name) > len(best.name))
                ):
                    best = parent
        if best is not None:
            reader.sink.add("PART_OF", child.id, best.id, evidence, 0.85)
        elif (
            home is not None
            and child.name.startswith(home.name + "委")
            and len(child.name) > len(home.name) + 2
        ):
            parent_id = index.ensure("Organization", home.party_committee)
            reader.sink.add("PART_OF", child.id, parent_id, evidence, 0.85)


def _parent_forms(parent: Entity, home: Any) -> list[str]:
    forms = [parent.name]
    if parent.name.startswith("中共") and parent.name.endswith("委"):
        forms.append(parent.name[2:])
    return forms


def _evidence_of_target(reader: Reader, key: str) -> Sentence | None:
    for rel in reader.sink.relations():
        if rel.target == key and rel.type == "HOLDS_POSITION":
            return next(
                (s for s in reader.sentences if reader.ctx.span(s.start, s.end).start == rel.evidence.start),
                None,
            )
    return None


def _place_chains(reader: Reader) -> None:
    """Every place the gazetteer knows gets its chain: 双红村 → 新仓镇 → 平湖市 → 嘉兴市 → 浙江省."""
    index = reader.index
    for place in [e for e in index.entities if e.type == "Place" and e.id.startswith("place:")]:
        evidence = _first_evidence(reader, place.id)
        if evidence is None:
            continue
        parts = place.id[len("place:") :].split("/")
        child = place.id
        written = set(index.span_ids.values())
        for depth in range(len(parts) - 1, 0, -1):
            parent_key = "/".join(parts[:depth])
            parent_id = index.ensure("Place", parts[depth - 1], parent_key)
            # Two places the text names are linked only where the text links them (written together,
            # X的Y, 该镇Y): the gazetteer supplies the chain up to places the text leaves implicit.
            if not (child in written and parent_id in written):
                reader.sink.add("PART_OF", child, parent_id, evidence, 0.9, source_of_fact="gazetteer")
            child = parent_id


def _places_written_together(reader: Reader) -> None:
    """新仓镇双红村张家浜: a place written right after another is inside it (natural villages included)."""
    places = reader.ents("Place")
    for left, right in zip(places, places[1:], strict=False):
        if right.start_char != left.end_char:
            continue
        left_id, right_id = reader.index.id_of(left), reader.index.id_of(right)
        if not left_id or not right_id:
            continue
        if right_id.startswith("place:") and left_id.startswith("place:"):
            if not right_id.startswith(left_id + "/"):
                continue  # both known and not nested (a list without separators, an OCR join)
            reader.sink.add("PART_OF", right_id, left_id, reader.sentence_at(right.start_char), 0.9)
            continue
        reader.sink.add("PART_OF", right_id, left_id, reader.sentence_at(right.start_char), 0.8)
    _places_linked(reader)
    _organisations_written_together(reader)


def _place_level(name: str) -> int:
    levels: dict[str, int] = patterns()["part_of"]["place_levels"]
    return next((levels[s] for s in sorted(levels, key=len, reverse=True) if name.endswith(s)), 0)


def _places_linked(reader: Reader) -> None:
    """遵化店镇最西部的裴庄村 (a larger place, a locative, 的, a smaller one) and 该镇严村 (the last town
    named) → PART_OF."""
    conf = patterns()["part_of"]
    between_words = tuple(conf["place_between"])
    anaphors: dict[str, str] = conf["place_anaphors"]
    places = reader.ents("Place")
    for i, right in enumerate(places):
        right_id = reader.index.id_of(right)
        if right_id is None:
            continue
        sentence = reader.sentence_at(right.start_char)
        left = places[i - 1] if i > 0 else None
        if left is not None and left.start_char >= sentence.start:
            between = reader.text[left.end_char : right.start_char]
            left_id = reader.index.id_of(left)
            if (
                left_id
                and between in between_words
                and _place_level(left.text) > _place_level(right.text) > 0
            ):
                reader.sink.add("PART_OF", right_id, left_id, sentence, 0.75)
        for word, suffix in anaphors.items():
            if not reader.text.startswith(word, right.start_char - len(word)):
                continue
            earlier = [p for p in places[:i] if p.text.endswith(suffix)]
            earlier_id = reader.index.id_of(earlier[-1]) if earlier else None
            if earlier_id and _place_level(right.text) < _place_level(earlier[-1].text):
                reader.sink.add("PART_OF", right_id, earlier_id, sentence, 0.7, anaphor=word)


def _organisations_written_together(reader: Reader) -> None:
    """高新区皇台产业园区: an organisation written right after another is one of its units."""
    orgs = reader.ents("Organization")
    for left, right in zip(orgs, orgs[1:], strict=False):
        if right.start_char != left.end_char:
            continue
        left_id, right_id = reader.index.id_of(left), reader.index.id_of(right)
        if left_id and right_id and left_id != right_id:
            reader.sink.add("PART_OF", right_id, left_id, reader.sentence_at(right.start_char), 0.75)


def _listed_parts(reader: Reader) -> None:
    """A、B、C等4个破难专班 → A, B, C PART_OF 破难专班: a list closed by 等 + a count + the whole."""
    closer = str(patterns()["part_of"]["list_closer"])
    separators = set(patterns()["chains"]["name_list_separators"])
    tail = re.compile(rf"^[”\"]?{closer}[0-9一二三四五六七八九十两百]+[个项家批名]")
    for sentence in reader.sentences:
        programmes = reader.ents("Programme", sentence.start, sentence.end)
        for i, whole in enumerate(programmes):
            members: list[DocSpan] = []
            for j in range(i - 1, -1, -1):
                item = programmes[j]
                after = reader.text[item.end_char : (members[0].start_char if members else whole.start_char)]
                if not members:
                    m = tail.match(after)
                    if m is None or after[m.end() :].strip('“”"'):
                        break
                elif after.strip('“”"') not in separators:
                    break
                members.insert(0, item)
            whole_id = reader.index.id_of(whole)
            for item in members:
                item_id = reader.index.id_of(item)
                if whole_id and item_id:
                    reader.sink.add("PART_OF", item_id, whole_id, sentence, 0.75)


def _programme_parts(reader: Reader) -> None:
    """“创新学堂”是平湖“铁军打造”工程的一项重要内容 → 创新学堂 PART_OF 铁军打造工程."""
    markers = patterns()["verbs"]["part_of_markers"]
    for sentence in reader.sentences:
        programmes = reader.ents("Programme", sentence.start, sentence.end)
        for a, b in zip(programmes, programmes[1:], strict=False):
            between = reader.text[a.end_char : b.start_char]
            after = reader.text[b.end_char : b.end_char + 12]
            if between.startswith("是") and len(between) <= 6 and any(after.startswith(m) for m in markers):
                a_id, b_id = reader.index.id_of(a), reader.index.id_of(b)
                if a_id and b_id:
                    reader.sink.add("PART_OF", a_id, b_id, sentence, 0.8)


# ---------------------------------------------------------------- RUNS / STARTED / HAS_FIGURE


def _clauses(reader: Reader, sentence: Sentence) -> Iterator[tuple[int, int]]:
    start = sentence.start
    for m in re.finditer(r"[，,：:]", reader.text[sentence.start : sentence.end]):
        yield start, sentence.start + m.start()
        start = sentence.start + m.end()
    yield start, sentence.end


def emit_runs(reader: Reader) -> None:
    """平湖经开实施“铁军打造”工程 → RUNS; the subject may be the sentence's (…健全…,稳步实施X) or, when a
    sentence opens without one, the previous sentence's (近年来,开设了“耘庐学堂”): the genre drops
    repeated subjects. A Place as the actor gives LOCATED_IN instead (a town runs nothing, its campaign is
    there); 我市 is deixis, not an organisation, and gives nothing (gold convention)."""
    verbs = sorted(patterns()["verbs"]["runs"], key=len, reverse=True)
    for sentence in reader.sentences:
        for programme in reader.ents("Programme", sentence.start, sentence.end):
            found = _verb_before(reader, programme.start_char, verbs, sentence.start)
            target = reader.index.id_of(programme)
            if found is None or target is None:
                continue
            verb_start, verb = found
            actor, confidence = _actor(reader, sentence, verb_start)
            if confidence < 0:
                body, confidence = _we_referent(reader, sentence)
                if body is not None and body != target:
                    reader.sink.add("RUNS", body, target, sentence, confidence, verb=verb, actor="我们")
                continue
            source = reader.index.id_of(actor) if actor is not None else None
            if actor is None or source is None:
                continue
            if actor.label_ == "Organization":
                reader.sink.add("RUNS", source, target, sentence, confidence, verb=verb)
            elif actor.label_ == "Place" and not _is_home(reader, source):
                reader.sink.add("LOCATED_IN", target, source, sentence, confidence - 0.1, verb=verb)
    _bodies_named_after_programmes(reader)


def _bodies_named_after_programmes(reader: Reader) -> None:
    """市铁军打造工程指挥部 / X领导小组办公室: a body named after a programme plus a steering head runs it."""
    heads = tuple(patterns()["runs"]["steering_heads"])
    programmes = sorted(
        (
            (name, e.id)
            for e in reader.index.entities
            if e.type == "Programme"
            for name in (e.name, *e.aliases)
        ),
        key=lambda nk: -len(nk[0]),
    )
    for ent in reader.ents("Organization"):
        body = "".join(ent.text.split()).strip('“”"')
        head = next((h for h in heads if body.endswith(h)), None)
        if head is None:
            continue
        stem = body[: -len(head)].replace("“", "").replace("”", "")
        found = next(
            (key for name, key in programmes if len(name) >= 3 and stem.endswith(name.strip('“”"'))), None
        )
        source = reader.index.id_of(ent)
        if found and source:
            reader.sink.add("RUNS", source, found, reader.sentence_at(ent.start_char), 0.75, head=head)


def find_short_forms(reader: Reader) -> list[DocSpan]:
    """Organisations written as their abbreviation, a place name plus picked characters of the rest
    (平湖经开 = 平湖经济技术开发区, 平湖农开 = 平湖农业经济开发区): the picked characters keep their order,
    are no plain substring of the name (平湖经济 is a phrase, not a short name) and end in its head
    (开发区, 管委会)."""
    out: list[DocSpan] = []
    bodies = [e for e in reader.index.entities if e.type == "Organization" and len(e.name) >= 6]
    max_extra = int(patterns()["runs"]["short_form_max_extra"])
    place_names = {n for e in reader.index.entities if e.type == "Place" for n in (e.name, *e.aliases)}
    if reader.ctx.home is not None:
        home = reader.ctx.home.name
        place_names |= {home, home[:-1] if len(home) > 2 and home[-1] in "市县区" else home}
    taken: set[int] = set()
    for body in bodies:
        prefixes = sorted(
            (n for n in place_names if len(n) >= 2 and body.name.startswith(n)), key=len, reverse=True
        )
        if not prefixes:
            continue
        prefix = prefixes[0]
        tail = body.name[len(prefix) :]
        for m in re.finditer(re.escape(prefix), reader.text):
            if m.start() in taken:
                continue
            rest_text = reader.text[m.end() : m.end() + max_extra]
            for k in range(len(rest_text), 1, -1):
                picked = rest_text[:k]
                if not all(_CJK.match(ch) for ch in picked) or picked in tail:
                    continue
                if not (_is_subsequence(picked, tail) and picked[-1] in tail[-3:]):
                    continue
                span = reader.doc.char_span(
                    m.start(), m.end() + k, label="Organization", alignment_mode="expand"
                )
                if span is not None and span.end_char == m.end() + k:
                    out.append(span)
                    taken.add(m.start())
                    reader.index.short_form_ids[(span.start_char, span.end_char)] = body.id
                break
    return sorted(out, key=lambda e: e.start_char)


def _unlabelled_mentions(reader: Reader, taken: list[DocSpan]) -> list[DocSpan]:
    """这个临时党支部赴嘉兴之后采取了…: an organisation the document knows (a chain named it: 临时党支部书记)
    written again where the model labelled nothing is still that organisation."""
    out: list[DocSpan] = []
    covered = [(e.start_char, e.end_char) for e in (*reader.doc_ents, *taken)]
    names = sorted(
        ((n, e.id) for e in reader.index.entities if e.type == "Organization" for n in (e.name, *e.aliases)),
        key=lambda nk: -len(nk[0]),
    )
    for name, key in names:
        if len(name) < int(patterns()["runs"]["unlabelled_min_chars"]):
            continue
        for m in re.finditer(re.escape(name), reader.text):
            if any(a < m.end() and m.start() < b for a, b in covered):
                continue
            span = reader.doc.char_span(m.start(), m.end(), label="Organization", alignment_mode="strict")
            if span is None:
                continue
            out.append(span)
            covered.append((m.start(), m.end()))
            reader.index.short_form_ids[(m.start(), m.end())] = key
    return out


def _is_subsequence(short: str, full: str) -> bool:
    chars = iter(full)
    return all(ch in chars for ch in short)


def _we_referent(reader: Reader, sentence: Sentence) -> tuple[str | None, float]:
    """我们 as the actor: the body of the quoted speaker (“…我们…”朱娜说), else the organisation the
    paragraph (or the one before) is about, else the body led by the leader who signs the piece
    (领导点评: 吴金华(…组织部长…) … 我们…)."""
    conf = patterns()["runs"]
    close = reader.text.find("”", sentence.start)
    if close >= 0 and "“" not in reader.text[sentence.start : close] and close - sentence.end < 400:
        after = reader.text[close + 1 : close + 14]
        speaker = next((p for p in reader.ents("Person", close + 1, close + 14)), None)
        if speaker is not None and any(v in after for v in conf["speech_verbs"]):
            body = _body_led_by(reader, reader.index.id_of(speaker))
            if body is not None:
                return body, 0.6
    p_start, _ = reader.paragraph(sentence.start)
    floor = reader.paragraph(max(p_start - 3, 0))[0]
    i = reader.sentence_index(sentence.start) - 1
    while i >= 0 and reader.sentences[i].start >= floor:
        subject = _subject_of(reader, reader.sentences[i])
        if subject is not None and subject.label_ == "Organization":
            return reader.index.id_of(subject), 0.55
        i -= 1
    for _ in range(int(conf["signer_paragraphs"])):
        floor = reader.paragraph(max(floor - 3, 0))[0]
    people = reader.ents("Person", floor, sentence.start)
    for person in people[-1:]:
        body = _body_led_by(reader, reader.index.id_of(person))
        if body is not None:
            return body, 0.55
    return None, 0.0


def _body_led_by(reader: Reader, person: str | None) -> str | None:
    """The organisation a person heads (not as deputy), else the first one they hold a post in."""
    held = [
        r for r in reader.sink.relations() if r.source == person and r.type in {"LEADS", "HOLDS_POSITION"}
    ]
    lead = next((r.target for r in held if r.type == "LEADS" and not r.properties.get("deputy")), None)
    first = next((r.target for r in held if r.type == "HOLDS_POSITION"), None)
    return lead or first


def _is_home(reader: Reader, key: str) -> bool:
    home = reader.ctx.home
    return home is not None and reader.index.name_of(key) == home.name


def _verb_before(reader: Reader, char: int, verbs: list[str], floor: int) -> tuple[int, str] | None:
    """The RUNS verb written right before `char`, allowing a particle or an opening quote between."""
    gaps = sorted(patterns()["runs"]["verb_programme_gap"], key=len, reverse=True)
    end = char
    for _ in range(3):
        before = reader.text[max(floor, end - 8) : end]
        verb = next((v for v in verbs if before.endswith(v)), None)
        if verb is not None:
            return end - len(verb), verb
        gap = next((g for g in gaps if before.endswith(g)), None)
        if gap is None:
            return None
        end -= len(gap)
    return None


def _clause_start(reader: Reader, sentence: Sentence, char: int) -> int:
    cut = max(reader.text.rfind(p, sentence.start, char) for p in "，,：:")
    return sentence.start if cut < 0 else cut + 1


def _only_gap_words(text: str) -> bool:
    """True when `text` holds nothing but adverbs / time words that may stand between subject and verb."""
    rest = "".join(text.split())
    words = sorted(patterns()["runs"]["subject_gap_words"], key=len, reverse=True)
    while rest:
        word = next((w for w in words if rest.startswith(w)), None)
        if word is None:
            return False
        rest = rest[len(word) :]
    return True


def _actor(reader: Reader, sentence: Sentence, verb_start: int) -> tuple[DocSpan | None, float]:
    """The organisation (or place) doing what the verb at `verb_start` says, and how sure we are."""
    clause_start = _clause_start(reader, sentence, verb_start)
    blockers = tuple(patterns()["runs"]["not_actor_before"])
    candidates = [
        e
        for e in reader.actor_ents()
        if e.label_ in {"Organization", "Place", "Person"}
        and clause_start <= e.start_char
        and e.end_char <= verb_start
    ]
    adverbial = tuple(patterns()["runs"]["adverbial_before"])
    candidates = [e for e in candidates if not reader.text[clause_start : e.start_char].endswith(adverbial)]
    if candidates:
        ent = candidates[-1]
        between = reader.text[ent.end_char : verb_start]
        before = reader.text[clause_start : ent.start_char]
        if (
            ent.label_ != "Person"
            and "的" not in between
            and len(between) <= 8
            and not before.endswith(blockers)
        ):
            return ent, 0.8
        return None, 0.0
    if _we_opens_a_clause(reader, sentence, verb_start):
        return None, -1.0  # the caller reads 我们 (see _we_referent)
    if not _only_gap_words(reader.text[clause_start:verb_start]):
        return None, 0.0
    subject = _subject_of(reader, sentence, before=clause_start)
    if subject is not None:
        return (subject, 0.7) if subject.label_ != "Person" else (None, 0.0)
    # A sentence opening without a subject continues the previous sentence's (same paragraph).
    if clause_start != sentence.start and not _only_gap_words(
        reader.text[sentence.start : clause_start].strip("，,：: ")
    ):
        return None, 0.0
    i = reader.sentence_index(sentence.start)
    p_start, _ = reader.paragraph(sentence.start)
    if i > 0 and reader.sentences[i - 1].start >= p_start:
        subject = _subject_of(reader, reader.sentences[i - 1])
        if subject is not None and subject.label_ != "Person":
            return subject, 0.6
    return None, 0.0


def _we_opens_a_clause(reader: Reader, sentence: Sentence, verb_start: int) -> bool:
    """我们 opens the verb's clause or an earlier one of the sentence (我们在推出了…的基础上,创新开展…)."""
    words = tuple(patterns()["runs"]["we_words"])
    pieces = [
        p.strip().lstrip('“‘"') for p in re.split(r"[，,：:]", reader.text[sentence.start : verb_start])
    ]
    if pieces[-1].startswith(words):
        return True
    return len(pieces) > 1 and pieces[-2].startswith(words) and _only_gap_words(pieces[-1])


def _subject_of(reader: Reader, sentence: Sentence, before: int | None = None) -> DocSpan | None:
    """The sentence's subject: an organisation, place or person that opens one of its clauses (after an
    adverbial like 在打造铁军、培养干部中) and is not a possessor (X的)."""
    end = sentence.end if before is None else before
    for ent in reader.actor_ents():
        if ent.start_char < sentence.start or ent.end_char > end:
            continue
        if ent.label_ not in {"Organization", "Place", "Person"}:
            continue
        clause_start = _clause_start(reader, sentence, ent.start_char)
        lead = reader.text[clause_start : ent.start_char].strip()
        if (not lead or _only_gap_words(lead)) and not reader.text.startswith("的", ent.end_char):
            return ent
    return None


def _dates_in(reader: Reader, start: int, end: int) -> list[tuple[int, str]]:
    return [(s, v) for s, e, v in reader.dates if s >= start and e <= end]


def emit_this_round_origin(reader: Reader) -> None:
    """11月中旬,平湖经开组织了100多位青年干部…开展岗位实践。…在此次“百名干部下企业”活动中,…: 此次 + a
    programme names the activity an earlier sentence of the paragraph told; that sentence's opening date
    is when it started and its subject organisation runs it."""
    conf = patterns()["participation"]
    verbs = tuple(patterns()["started_back"]["organise_verbs"])
    for programme in reader.ents("Programme"):
        before = reader.text[max(0, programme.start_char - 4) : programme.start_char].rstrip('“"‘')
        key = reader.index.id_of(programme)
        if key is None or not before.endswith(tuple(conf["this_round"])) or _is_award(programme.text):
            continue
        p_start, _ = reader.paragraph(programme.start_char)
        i = reader.sentence_index(programme.start_char) - 1
        while i >= 0 and reader.sentences[i].start >= p_start:
            told = reader.sentences[i]
            i -= 1
            first_end = next(_clauses(reader, told))[1]
            dates = _dates_in(reader, told.start, first_end)
            lead = reader.text[told.start : first_end]
            for s, _ in dates:
                lead = lead.replace(reader.text[s : next(e for a, e, _ in reader.dates if a == s)], "")
            if not dates or lead.strip():
                continue
            actor = _subject_of(reader, told)
            clause_text = reader.text[actor.end_char : actor.end_char + 6] if actor is not None else ""
            if actor is None or actor.label_ != "Organization" or not clause_text.startswith(verbs):
                continue
            source = reader.index.id_of(actor)
            reader.told.setdefault(told.start, programme)
            reader.sink.add("STARTED", key, None, told, 0.6, date=dates[-1][1], verb="此次")
            if source:
                reader.sink.add("RUNS", source, key, told, 0.6, verb=clause_text[:2])
            break


def emit_started(reader: Reader) -> None:
    """自2017年我市开展创新学堂以来 → 创新学堂 STARTED 2017; 今年3月…启动实施“百岗大练兵”行动 → 2021-03."""
    verbs = sorted(patterns()["verbs"]["started"], key=len, reverse=True)
    for sentence in reader.sentences:
        for programme in reader.ents("Programme", sentence.start, sentence.end):
            found = _verb_before(reader, programme.start_char, verbs, sentence.start)
            if found is None:
                continue
            verb_start, verb = found
            clause_start = _clause_start(reader, sentence, verb_start)
            dates = _dates_in(reader, clause_start, verb_start)
            if not dates and clause_start > sentence.start:
                # 今年3月，为…，我市启动实施X: a clause holding only the date opens the sentence.
                lead = sentence.start
                first_end = next(_clauses(reader, sentence))[1]
                only = [(s, v) for s, e, v in reader.dates if s >= lead and e <= first_end]
                spans = [(s, e) for s, e, _ in reader.dates if s >= lead and e <= first_end]
                rest = reader.text[lead:first_end]
                for s, e in sorted(spans, reverse=True):
                    rest = rest[: s - lead] + rest[e - lead :]
                dates = only if only and not rest.strip(" 自从起以来") else []
            if not dates:
                continue
            key = reader.index.id_of(programme)
            if key:
                reader.sink.add("STARTED", key, None, sentence, 0.75, date=dates[-1][1], verb=verb)


def emit_figures(reader: Reader, figures: list[Figure]) -> None:
    """The figures of a paragraph belong to what the paragraph is about. In order: the programme the figure
    counts (4个破难专班, 3户“文明家庭”); the programme that is the sentence's subject; the nearest programme of
    the sentence (awards excepted: they are won, they hold no figures); the programme the paragraph's
    earlier figures went to, else the one the previous sentence names; the organisation that is the
    sentence's subject. Durations (两个多月) measure no programme and are skipped."""
    durations = set(patterns()["figures"]["duration_units"])
    topics: dict[int, DocSpan | str] = {}  # paragraph start → owner of its last figure
    placed = [(reader.normalised(f.start), f) for f in figures]
    for start, figure in sorted(((s, f) for s, f in placed if s is not None), key=lambda p: p[0]):
        fig_id = getattr(figure, "id", None)
        if fig_id is None or figure.unit in durations:
            continue
        end = reader.normalised(figure.end) or start + len(figure.text)
        sentence = reader.sentence_at(start)
        p_start, _ = reader.paragraph(start)
        owner, confidence = _figure_owner(reader, figure, sentence, start, end, topics.get(p_start))
        if owner is None:
            continue
        key = owner if isinstance(owner, str) else reader.index.id_of(owner)
        if key:
            if confidence >= 0.6:
                topics[p_start] = owner
            reader.sink.add("HAS_FIGURE", key, str(fig_id), sentence, confidence)


def _figure_owner(
    reader: Reader, figure: Figure, sentence: Sentence, start: int, end: int, topic: DocSpan | str | None
) -> tuple[DocSpan | str | None, float]:
    named_in = next(
        (
            p
            for p in reader.ents("Programme", sentence.start, sentence.end)
            if p.start_char <= start and end <= p.end_char
        ),
        None,
    )
    if named_in is not None:
        return named_in, 0.8  # 百名干部下企业活动: the figure is part of the programme's own name
    listed = _listed_under(reader, sentence, end)
    if listed is not None:
        return listed, 0.75
    counted = _counted_programme(reader, figure, end, sentence)
    if counted is not None:
        return counted, 0.8
    programmes = [p for p in reader.ents("Programme", sentence.start, sentence.end) if not _is_award(p.text)]
    subject = [p for p in programmes if p.end_char <= start and _opens_clause(reader, sentence, p)]
    if subject:
        return subject[-1], 0.7
    nearest = _nearest(programmes, start)
    if nearest is not None:
        return nearest, 0.65
    if sentence.start in reader.told:
        return reader.told[sentence.start], 0.65  # the activity a later 此次X names
    referred = _anaphor_referent(reader, sentence, start)
    if referred is not None:
        return referred, 0.6
    described = _described_body(reader, sentence, start, end)
    if described is not None:
        return described, 0.6
    # A sentence with a body of its own as subject (今年以来,X已累计为企业解决难题785个) is about that
    # body, not about the programme the paragraph named before; it becomes the paragraph's topic.
    own = [
        o
        for o in _actor_ents(reader, "Organization", sentence.start, start)
        if _opens_clause(reader, sentence, o)
    ]
    if own:
        return own[-1], 0.6
    if topic is not None:
        return topic, 0.55
    previous = _previous_programme(reader, sentence, start)
    if previous is not None:
        return previous, 0.55
    # 上至区领导联系挂钩16个企业网格,…,平湖经开全体机关干部沉到网格里: the body the sentence (or the one
    # before) is about, named after the figure.
    for candidate in _paragraph_sentences_back(reader, sentence, start, 1):
        own = [
            o
            for o in _actor_ents(reader, "Organization", candidate.start, candidate.end)
            if _opens_clause(reader, candidate, o)
        ]
        if own:
            return own[0], 0.5
    return None, 0.0


def _paragraph_sentences_back(reader: Reader, sentence: Sentence, char: int, count: int) -> list[Sentence]:
    """The sentence and up to `count` sentences before it, inside the paragraph."""
    p_start, _ = reader.paragraph(char)
    i = reader.sentence_index(sentence.start)
    return [
        reader.sentences[j]
        for j in range(i, max(i - count, 0) - 1, -1)
        if reader.sentences[j].start >= p_start
    ]


def _previous_programme(reader: Reader, sentence: Sentence, char: int) -> DocSpan | None:
    """The programme an earlier sentence of the paragraph introduced (…常态化开展“网格连心”工作。全市457个…):
    the one a RUNS verb introduces (the figures that follow spell it out), else its subject, else the last."""
    verbs = sorted(patterns()["verbs"]["runs"], key=len, reverse=True)
    p_start, _ = reader.paragraph(char)
    i = reader.sentence_index(sentence.start) - 1
    while i >= 0 and reader.sentences[i].start >= p_start:
        prev = reader.sentences[i]
        named = [p for p in reader.ents("Programme", prev.start, prev.end) if not _is_award(p.text)]
        if named:
            introduced = [
                p for p in named if _verb_before(reader, p.start_char, verbs, prev.start) is not None
            ]
            subjects = [p for p in named if _opens_clause(reader, prev, p)]
            return (introduced or subjects[:1] or named)[-1]
        i -= 1
    return None


def _listed_under(reader: Reader, sentence: Sentence, end: int) -> DocSpan | None:
    """制订一个攻坚作战计划、形成一张档案管理图等“六个一”的推进机制: a figure in a list closed by 等 + a
    programme belongs to that programme."""
    closer = str(patterns()["part_of"]["list_closer"])
    clause_end = re.search(r"[，,。；;：:]", reader.text[end : sentence.end])
    limit = end + clause_end.start() if clause_end else sentence.end
    for programme in reader.ents("Programme", end, limit):
        between = reader.text[end : programme.start_char]
        cut = between.rfind(closer)
        if cut >= 0 and len(between) - cut <= 3 and not _is_award(programme.text):
            return programme
    return None


def _described_body(reader: Reader, sentence: Sentence, start: int, end: int) -> str | None:
    """这占地面积500亩的综合体: a demonstrative noun phrase whose figure describes a body or programme named
    earlier by the same head word (综合体 → 平湖市服装产业创新服务综合体)."""
    conf = patterns()["figures"]
    clause_start = _clause_start(reader, sentence, start)
    lead = reader.text[clause_start:start]
    if not any(d in lead for d in conf["demonstratives"]) or not reader.text.startswith("的", end):
        return None
    after = reader.text[end + 1 : end + 12]
    best: tuple[int, str] | None = None
    for entity in reader.index.entities:
        if entity.type not in {"Organization", "Programme"}:
            continue
        for k in range(len(entity.name) - 1, int(conf["head_word_min_chars"]) - 1, -1):
            if after.startswith(entity.name[-k:]) and (best is None or k > best[0]):
                best = (k, entity.id)
                break
    return best[1] if best else None


def _actor_ents(reader: Reader, label: str, start: int, end: int) -> list[DocSpan]:
    """Ents of one label between two offsets, organisations written short (平湖经开) included."""
    return [
        e for e in reader.actor_ents() if e.label_ == label and e.start_char >= start and e.end_char <= end
    ]


def _counted_programme(reader: Reader, figure: Figure, end: int, sentence: Sentence) -> DocSpan | str | None:
    """4个破难专班 / 26个市级破难专班 / 3户“文明家庭”: the figure counts instances of a named programme."""
    gaps = sorted(patterns()["figures"]["count_to_name_gap"], key=len, reverse=True)
    pos = end
    while True:
        gap = next((g for g in gaps if reader.text.startswith(g, pos)), None)
        if gap is None:
            break
        pos += len(gap)
    after = next(
        (p for p in reader.ents("Programme", pos, sentence.end) if p.start_char == pos),
        None,
    )
    if after is not None:
        return after
    subject = figure.subject or ""
    for gap in gaps:
        subject = subject.removeprefix(gap)
    names = sorted(
        ((name, key) for (etype, name), key in reader.index.by_name.items() if etype == "Programme"),
        key=lambda nk: -len(nk[0]),
    )
    return next((key for name, key in names if len(name) >= 2 and subject.startswith(name)), None)


def _anaphor_referent(reader: Reader, sentence: Sentence, start: int) -> DocSpan | None:
    """该企业已拥有120多项专利技术 → the last organisation named before the sentence (same or previous paragraph)."""
    anaphors: dict[str, str] = patterns()["figures"]["anaphors"]
    # 据悉,该企业主要生产…,已拥有120多项专利技术: the anaphor may open an earlier clause of the sentence.
    clause = reader.text[sentence.start : start]
    label = next((anaphors[w] for w in anaphors if w in clause), None)
    if label is None:
        return None
    p_start, _ = reader.paragraph(sentence.start)
    floor = reader.paragraph(max(p_start - 3, 0))[0]
    before = [
        e for e in reader.ents(label, floor, sentence.start) if label != "Programme" or not _is_award(e.text)
    ]
    return before[-1] if before else None


def _is_award(name: str) -> bool:
    return any(m in name for m in patterns()["participation"]["award_markers"])


def _opens_clause(reader: Reader, sentence: Sentence, ent: DocSpan) -> bool:
    """The ent is a clause's subject: only adverbials stand before it, and it is no possessor (X的)."""
    lead = "".join(reader.text[_clause_start(reader, sentence, ent.start_char) : ent.start_char].split())
    lead = lead.strip('“”"')
    for word in sorted(patterns()["figures"]["subject_lead_words"], key=len, reverse=True):
        lead = lead.removeprefix(word)
    return (not lead or _only_gap_words(lead)) and not reader.text.startswith("的", ent.end_char)


def _nearest(ents: list[DocSpan], char: int) -> DocSpan | None:
    before = [e for e in ents if e.end_char <= char]
    if before:
        return before[-1]
    after = [e for e in ents if e.start_char >= char]
    return after[0] if after else None


# ---------------------------------------------------------------- ATTENDED / PARTICIPATES_IN / MENTORS / LOCATED_IN


def emit_attended(reader: Reader) -> None:
    """仲旭东、周军波…等市四套班子领导出席 → ATTENDED the event of the sentence or of the paragraph so far."""
    verbs: dict[str, str] = patterns()["verbs"]["attended"]
    for sentence in reader.sentences:
        text = reader.text[sentence.start : sentence.end]
        for verb, role in verbs.items():
            for m in re.finditer(verb, text):
                at = sentence.start + m.start()
                if text[: m.start()].endswith(tuple(patterns()["attended"]["noun_prefixes"])):
                    continue
                event = _event_for(reader, sentence, at)
                if event is None:
                    continue
                event_id = reader.index.id_of(event)
                people = [p for p in reader.ents("Person", sentence.start, at) if p.end_char <= at]
                previous_verb = max(
                    (sentence.start + x.end() for v in verbs for x in re.finditer(v, text[: m.start()])),
                    default=sentence.start,
                )
                for person in people:
                    pid = reader.index.id_of(person)
                    if pid and event_id and person.start_char >= previous_verb:
                        reader.sink.add("ATTENDED", pid, event_id, sentence, 0.75, role=role)


def _sentence_text(reader: Reader, char: int) -> str:
    sentence = reader.sentence_at(char)
    return reader.text[sentence.start : sentence.end]


def _event_for(reader: Reader, sentence: Sentence, at: int) -> DocSpan | None:
    """The event of the sentence; else the one the paragraph (or the piece so far) holds (…召开X。…主持会议。):
    the lead sentence names the meeting, later sentences call it 会议."""
    here = reader.ents("Event", sentence.start, sentence.end)
    if here:
        return _nearest(here, at)
    held = tuple(patterns()["attended"]["held_verbs"])
    p_start, _ = reader.paragraph(at)
    for start in (p_start, reader.text.rfind("\n\n", 0, max(p_start - 2, 0)) + 2):
        before = reader.ents("Event", start, sentence.start)
        holding = [e for e in before if any(v in _sentence_text(reader, e.start_char) for v in held)]
        if holding:
            return holding[0]
        if before:
            return before[0]
    return None


def emit_participation(reader: Reader) -> None:
    """Person … 参与/入选/获得 … Programme in one clause → PARTICIPATES_IN."""
    verbs = patterns()["verbs"]["participates"]
    for sentence in reader.sentences:
        for c_start, c_end in _clauses(reader, sentence):
            for person in reader.ents("Person", c_start, c_end):
                for programme in reader.ents("Programme", person.end_char, c_end):
                    between = reader.text[person.end_char : programme.start_char]
                    verb = next((v for v in verbs if v in between), None)
                    pid, key = reader.index.id_of(person), reader.index.id_of(programme)
                    if verb and pid and key and len(between) <= 12:
                        reader.sink.add("PARTICIPATES_IN", pid, key, sentence, 0.65, role=verb)


def emit_assignments(reader: Reader) -> None:
    """屠东君…此次“练兵”他就抽调到了数字化改革专班, 同时还是X的成员 / 金伟(右一)在宣传“善治宝”: a person
    sent into a programme, a member of it, or shown at it in a photo caption → PARTICIPATES_IN."""
    conf = patterns()["participation"]
    assigned = sorted(conf["assigned_verbs"], key=len, reverse=True)
    members = tuple(conf["member_words"])
    for sentence in reader.sentences:
        people = reader.ents("Person", sentence.start, sentence.end)
        if not people:
            continue
        for programme in reader.ents("Programme", sentence.start, sentence.end):
            key = reader.index.id_of(programme)
            before = [p for p in people if p.end_char <= programme.start_char]
            if key is None or not before:
                continue
            lead = reader.text[max(sentence.start, programme.start_char - 8) : programme.start_char].rstrip(
                '“"‘了'
            )
            after = reader.text[programme.end_char : programme.end_char + 6].lstrip('”"’')
            pid = reader.index.id_of(before[0])
            if pid is None:
                continue
            if lead.endswith(tuple(assigned)):
                reader.sink.add("PARTICIPATES_IN", pid, key, sentence, 0.65, role="抽调")
            elif after.startswith("的") and after[1:].startswith(members) and "是" in lead[-3:]:
                word = next(m for m in members if after[1:].startswith(m))
                reader.sink.add("PARTICIPATES_IN", pid, key, sentence, 0.65, title=word)
            elif _caption_at(reader, sentence, before[0], programme):
                reader.sink.add("PARTICIPATES_IN", pid, key, sentence, 0.6, role="图片")
    _this_round(reader)


def _caption_at(reader: Reader, sentence: Sentence, person: DocSpan, programme: DocSpan) -> bool:
    """王楠楠(左一)在指导… / 陈结加(左一)在“…”工作现场: a one-line caption, a person, the photo position, 在."""
    line = reader.text[sentence.start : sentence.end]
    if "\n" in line or len(line) > 40 or person.start_char != sentence.start:
        return False
    rest = reader.text[person.end_char : programme.start_char]
    return bool(re.match(patterns()["participation"]["caption_position"], rest))


def _this_round(reader: Reader) -> None:
    """此次练兵,孙杰来到了… / 此次大练兵把我派到了曹桥街道的文旅发展岗位: 此次 + (a short name of) the
    programme the piece is about marks the person of the sentence (or, for 我/他/她, of the paragraph) as
    one of its participants; the post (…岗位) is kept."""
    conf = patterns()["participation"]
    counts: dict[str, int] = {}
    for ent in reader.ents("Programme"):
        key = reader.index.id_of(ent)
        if key:
            counts[key] = counts.get(key, 0) + 1
    names = [
        (n.strip('“”"'), e.id)
        for e in reader.index.entities
        if e.type == "Programme"
        for n in (e.name, *e.aliases)
    ]
    for sentence in reader.sentences:
        text = reader.text[sentence.start : sentence.end]
        for m in re.finditer("|".join(conf["this_round"]), text):
            window = re.sub(r"[“”\"‘’]", "", text[m.end() : m.end() + int(conf["this_round_reach"])])
            window = re.split(r"[，,。]", window)[0]
            window = re.sub(conf["this_round_locative"], "", window)
            window = re.sub(conf["this_round_count"], "", window)  # 此次百个练兵场 → 练兵场
            hits = [
                (counts.get(k, 0), k) for n, k in names for w in _words_in(window) if len(w) >= 2 and w in n
            ]
            if not hits:
                continue
            key = max(hits)[1]
            people = reader.ents("Person", sentence.start, sentence.end)[:1]
            if not people and any(p in text for p in conf["person_pronouns"]):
                p_start, p_end = reader.paragraph(sentence.start)
                people = reader.ents("Person", p_start, p_end)[:1]
            elif not people and reader.paragraph(sentence.start)[0] == sentence.start:
                people = _profiled_people(reader, sentence)
            post = re.search(conf["post_pattern"], text)
            for person in people:
                pid = reader.index.id_of(person)
                if pid:
                    value = post.group(1).replace("的", "") if post else None
                    reader.sink.add("PARTICIPATES_IN", pid, key, sentence, 0.6, post=value)


def _profiled_people(reader: Reader, topic: Sentence) -> list[DocSpan]:
    """实干,是此次百个练兵场上最出彩…的特点。市科技局局长办公室主任张徐园…。市机关事务中心接待科科长徐菊…:
    a paragraph opened by a sentence about this round of a programme profiles its participants, each the
    titled subject of a sentence of the paragraph."""
    _, p_end = reader.paragraph(topic.start)
    found: list[DocSpan] = []
    i = reader.sentence_index(topic.start) + 1
    while i < len(reader.sentences) and reader.sentences[i].start < p_end:
        sentence = reader.sentences[i]
        first = next(iter(reader.ents("Person", sentence.start, sentence.end)), None)
        if first is not None:
            chain = parse_chain(reader, first.start_char, sentence.start)
            if chain and chain[0].start == sentence.start:
                found.append(first)
        i += 1
    return found


def _words_in(window: str) -> list[str]:
    """The programme word right after 此次: every prefix of the window (练兵, 大练兵, “练兵”过程)."""
    return [window[:k] for k in range(len(window), 1, -1)]


def emit_award_winners(reader: Reader) -> None:
    """“中国十佳时装设计师”陆敏超 / 获得浙江省十佳服装设计师称号的设计师俞芳 → PARTICIPATES_IN the award:
    an honour written as a label before a name, or won (获得…称号的) by the person named after it."""
    conf = patterns()["participation"]
    markers, verbs, tails = conf["award_markers"], tuple(conf["award_verbs"]), tuple(conf["award_tail"])
    for programme in reader.ents("Programme"):
        if not any(m in programme.text for m in markers):
            continue
        sentence = reader.sentence_at(programme.start_char)
        people = [
            p for p in reader.ents("Person", programme.end_char, min(sentence.end, programme.end_char + 12))
        ]
        if not people:
            continue
        person = people[0]
        between = reader.text[programme.end_char : person.start_char].strip('”"')
        before = reader.text[sentence.start : programme.start_char].rstrip('“"')
        won = before.endswith(verbs) and between.startswith(tails) and "的" in between
        label = len(between) <= 3 and "的" not in between and "、" not in between
        pid, key = reader.index.id_of(person), reader.index.id_of(programme)
        if pid and key and (won or label):
            reader.sink.add("PARTICIPATES_IN", pid, key, sentence, 0.7, role="获奖" if won else "称号")


def emit_mentors(reader: Reader) -> None:
    """孙杰 … 他的导师正是…李俊 / 自己的导师,新仓镇副镇长李俊 → 李俊 MENTORS 孙杰 (the other person of the paragraph)."""
    words = sorted(patterns()["verbs"]["mentor_words"], key=len, reverse=True)
    for sentence in reader.sentences:
        text = reader.text[sentence.start : sentence.end]
        for word in words:
            for m in re.finditer("的" + word, text):
                at = sentence.start + m.start()
                mentors = [p for p in reader.ents("Person", at, sentence.end)]
                if not mentors:
                    continue
                mentor = mentors[0]
                owner = reader.ent_ending_at(at, {"Person"})
                if owner is None:
                    p_start, p_end = reader.paragraph(at)
                    others = [p for p in reader.ents("Person", p_start, p_end) if p.text != mentor.text]
                    owner = _nearest(others, at)
                if owner is None:
                    continue
                mid, oid = reader.index.id_of(mentor), reader.index.id_of(owner)
                if mid and oid and mid != oid:
                    reader.sink.add("MENTORS", mid, oid, sentence, 0.6, word=word)
            text = text.replace("的" + word, "\0" * (len(word) + 1))


def emit_located(reader: Reader) -> None:
    """Where a body, programme or event is: a town/village/natural village its name opens with (遵化店镇党委,
    双红村张家浜全域秀美整治项目 → the innermost), a place written right before it (驻当湖街道“筑巢行动”项目),
    the venue of 在 Place|venue 召开 Event, and the home city for 我市举行 Event. Cities and counties are left
    out: a body named after its city is that city's (PART_OF), not merely in it."""
    index = reader.index
    _villages_in_names(reader)
    places = sorted(
        (e for e in index.entities if e.type == "Place" and 0 < _place_level(e.name) <= 3),
        key=lambda e: -len(e.name),
    )
    for named in [e for e in index.entities if e.type in {"Organization", "Programme"}]:
        where = _place_prefix(named.name, places)
        evidence = _first_evidence(reader, named.id)
        if where is not None and evidence is not None:
            reader.sink.add("LOCATED_IN", named.id, where.id, evidence, 0.8)
    _places_before_names(reader)
    _event_venues(reader)
    _places_as_subjects(reader)


def _places_as_subjects(reader: Reader) -> None:
    """遵化店镇吹响了农村人居环境整治“冬季战役”的冲锋号角 / 8日,皇台街道…,组织…开展“大排查、大整治”活动 /
    当湖街道在建的…时尚中心项目: a town or village that is the subject of the last clause opened before a
    programme holds it (not awards, not national or city-wide ones)."""
    broad = tuple(patterns()["located"]["not_local_markers"])
    for sentence in reader.sentences:
        for programme in reader.ents("Programme", sentence.start, sentence.end):
            subjects = [
                e
                for e in reader.actor_ents()
                if e.label_ in {"Organization", "Place", "Person"}
                and sentence.start <= e.start_char
                and e.end_char <= programme.start_char
                and _opens_clause(reader, sentence, e)
            ]
            subject = subjects[-1] if subjects else None
            if subject is None or subject.label_ != "Place" or not 0 < _place_level(subject.text) <= 3:
                continue
            pid, key = reader.index.id_of(subject), reader.index.id_of(programme)
            if pid is None or key is None or _is_home(reader, pid) or _is_award(programme.text):
                continue
            if not any(w in programme.text for w in broad) and _held_by_place(
                reader, sentence, subject, programme
            ):
                reader.sink.add("LOCATED_IN", key, pid, sentence, 0.6)


def _held_by_place(reader: Reader, sentence: Sentence, place: DocSpan, programme: DocSpan) -> bool:
    """The clause launches the programme (开展X, 吹响X的号角) or the place owns it (当湖街道在建的…X); a
    programme the town only joins, honours or links with (参加X, 评选X, 把X与…结合) is not its own."""
    conf = patterns()["located"]
    clause = reader.text[
        max(place.end_char, _clause_start(reader, sentence, programme.start_char)) : programme.start_char
    ]
    if any(v in clause for v in conf["joined_verbs"]):
        return False
    launched = any(v in clause for v in (*patterns()["verbs"]["runs"], *conf["launch_verbs"]))
    owned = place.end_char >= _clause_start(reader, sentence, programme.start_char) and "的" in clause
    return launched or owned


def _villages_in_names(reader: Reader) -> None:
    """陈庄村党群综合服务站, 裴庄村党支部: a village, town or 街道 an organisation's name opens with is a place
    even when the text never names it alone (appended as an implied Place, so LOCATED_IN can point at it)."""
    conf = patterns()["located"]
    opening = re.compile(str(conf["place_in_name"]))
    not_places = tuple(conf["not_place_prefixes"])
    org_suffixes = word_list("org_suffixes.txt")
    known = {n for e in reader.index.entities if e.type == "Place" for n in (e.name, *e.aliases)}
    for body in [e for e in reader.index.entities if e.type == "Organization"]:
        m = opening.match(body.name)
        if m is None or any(w in m.group(1) for w in not_places) or m.group(1) in known:
            continue
        rest = body.name[m.end(1) :]
        if len(rest) >= 2 and longest_suffix(rest, org_suffixes) is not None:
            reader.index.ensure("Place", m.group(1))
            known.add(m.group(1))


def _place_prefix(name: str, places: list[Entity]) -> Entity | None:
    """The innermost place a name opens with: 双红村张家浜全域秀美整治项目 → 张家浜; None if the rest is no name."""
    rest, found = name, None
    while True:
        place = next((p for p in places if rest.startswith(p.name) and len(rest) > len(p.name) + 1), None)
        if place is None:
            return found
        rest, found = rest[len(place.name) :], place


def _places_before_names(reader: Reader) -> None:
    """驻当湖街道“筑巢行动”项目 / 在裴庄村“三个一”活动: a place written right before a programme or body."""
    conf = patterns()["located"]
    for place in reader.ents("Place"):
        before = "".join(reader.text[max(0, place.start_char - 4) : place.start_char].split())
        if not before.endswith(tuple(conf["stationed_before"])) or _place_level(place.text) > 3:
            continue
        pos = place.end_char
        while pos < len(reader.text) and reader.text[pos] in '“"':
            pos += 1
        named = next(
            (
                e
                for e in reader.doc_ents
                if e.start_char in {place.end_char, pos} and e.label_ in {"Programme", "Organization"}
            ),
            None,
        )
        pid, nid = reader.index.id_of(place), (reader.index.id_of(named) if named is not None else None)
        if pid and nid:
            reader.sink.add("LOCATED_IN", nid, pid, reader.sentence_at(place.start_char), 0.75)


def _event_venues(reader: Reader) -> None:
    """遵化店镇在陈庄村党群综合服务站召开…表彰大会 → the event is in 陈庄村; 我市举行X → in the home city."""
    conf = patterns()["located"]
    held = tuple(conf["held_verbs"])
    deixis = tuple(patterns()["verbs"]["home_deixis"])
    home = reader.ctx.home
    places = sorted(
        (e for e in reader.index.entities if e.type == "Place" and 0 < _place_level(e.name) <= 3),
        key=lambda e: -len(e.name),
    )
    for sentence in reader.sentences:
        for event in reader.ents("Event", sentence.start, sentence.end):
            eid = reader.index.id_of(event)
            clause = reader.text[_clause_start(reader, sentence, event.start_char) : event.start_char]
            if not eid or not any(v in clause for v in held):
                continue
            venue_at = clause.rfind("在")
            if venue_at >= 0:
                venue_start = event.start_char - len(clause) + venue_at + 1
                venue = next((e for e in reader.doc_ents if e.start_char == venue_start), None)
                if venue is not None and venue.label_ == "Place":
                    pid = reader.index.id_of(venue)
                elif venue is not None and venue.label_ == "Organization":
                    inside = _place_prefix(venue.text, places)
                    pid = inside.id if inside is not None else None
                else:
                    pid = None
                if pid:
                    reader.sink.add("LOCATED_IN", eid, pid, sentence, 0.7)
                continue
            if home is not None and clause.lstrip().startswith(deixis):
                pid = reader.index.find("Place", home.name)
                if pid:
                    reader.sink.add("LOCATED_IN", eid, pid, sentence, 0.6)


# ---------------------------------------------------------------- entry point


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
        [*reader.short_forms, *_unlabelled_mentions(reader, reader.short_forms)], key=lambda e: e.start_char
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


__all__ = ["Span", "extract_relations", "parse_chain", "split_sentences"]
