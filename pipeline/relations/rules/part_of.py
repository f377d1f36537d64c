"""PART_OF: departments of organisations, places inside places, parts of programmes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline.canonical import ABBREVIATED, canonical_organisation
from cadregraph.pipeline.lexicons import longest_suffix, word_list
from cadregraph.pipeline.relations.chains import BRACKETED_HEAD, BRACKETED_TAIL
from cadregraph.pipeline.relations.clauses import first_evidence, place_level
from cadregraph.pipeline.relations.document import Reader, Sentence
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.relations.tiers import tiers, windows
from cadregraph.schemas import Entity


def emit_part_of(reader: Reader) -> None:
    """PART_OF from names (departments, places), the gazetteer, adjacency, lists and 是…的组成部分."""
    _organisation_parents(reader)
    _place_chains(reader)
    _places_written_together(reader)
    _programme_parts(reader)
    _listed_parts(reader)


def _organisation_parents(reader: Reader) -> None:
    """平湖市委组织部 → 中共平湖市委 (appended when only the department is written); X管委会 → X; X党支部 → X."""
    index, home = reader.index, reader.ctx.home
    orgs = [e for e in index.entities if e.type == "Organization"]
    org_suffixes = word_list("org_suffixes.txt")
    for child in orgs:
        evidence = first_evidence(reader, child.id) or _evidence_of_target(reader, child.id)
        if evidence is None:
            continue
        best: Entity | None = None
        for parent in orgs:
            if parent.id == child.id:
                continue
            for name in _parent_forms(parent):
                rest = BRACKETED_TAIL.sub("", BRACKETED_HEAD.sub("", child.name[len(name) :]))
                if (
                    child.name.startswith(name)
                    and len(rest) >= 2
                    and longest_suffix(rest, org_suffixes)
                    and (best is None or len(parent.name) > len(best.name))
                ):
                    best = parent
        if best is not None:
            reader.sink.add("PART_OF", child.id, best.id, evidence, tiers().derived)
        elif (
            home is not None
            and child.name.startswith(home.name + "委")
            and len(child.name) > len(home.name) + 2
        ):
            parent_id = index.ensure("Organization", home.party_committee)
            reader.sink.add("PART_OF", child.id, parent_id, evidence, tiers().derived)
        elif (committee := _division_committee(child.name)) is not None:
            parent_id = index.ensure("Organization", canonical_organisation(committee, home))
            reader.sink.add("PART_OF", child.id, parent_id, evidence, tiers().derived)


_COMMITTEE_DEPARTMENT = "部"  # 组织部, 宣传部, 统战部: a committee's department (its 党校 is a school of its own)


def _division_committee(name: str) -> str | None:
    """陕西省委组织部, 靖边县委组织部, 平定县委组织部: a department of a division's party committee (a division the
    gazetteer knows by that full name, then 委, then a name ending in 部) implies the committee, an organisation of
    the document (gold: a parent written inside a longer name is annotated). The committee's school
    (北京市委党校) and X县委员会 name no department; the corpus gold lists no committee for them."""
    from cadregraph.pipeline.gazetteer import gazetteer

    for cut in range(2, min(len(name) - 3, 8) + 1):
        division, rest = name[:cut], name[cut + 1 :]
        if name[cut] != "委" or len(rest) < 2 or not rest.endswith(_COMMITTEE_DEPARTMENT):
            continue
        if any(school in rest for school in word_list("designated_institution_heads.txt")):
            return None  # 上海市委党校党史党建教研部: a school's department
        found = gazetteer().resolve(division)
        if found is not None and found.name == division:
            return name[: cut + 1]
    return None


def _parent_forms(parent: Entity) -> list[str]:
    """The names a parent organisation is written by before its unit: 中共X委 also as X委, X人民代表大会 also
    as X人大 (济南市十四届人大法制委员会, canonical 济南市人大法制委员会, is a committee of 济南市人民代表大会)."""
    forms = [parent.name]
    if parent.name.startswith("中共") and parent.name.endswith("委"):
        forms.append(parent.name[2:])
    for word, short in ABBREVIATED.items():
        if parent.name.endswith(word):
            forms.append(parent.name[: -len(word)] + short)
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
        evidence = first_evidence(reader, place.id)
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
                reader.sink.add(
                    "PART_OF", child, parent_id, evidence, tiers().written, source_of_fact="gazetteer"
                )
            child = parent_id


def _written_together(reader: Reader, label: str) -> Iterator[tuple[DocSpan, DocSpan, str, str]]:
    """Two ents of `label` with no character between them: (the left one, the right one, their ids)."""
    ents = reader.ents(label)
    for left, right in zip(ents, ents[1:], strict=False):
        left_id, right_id = reader.index.id_of(left), reader.index.id_of(right)
        if right.start_char == left.end_char and left_id and right_id:
            yield left, right, left_id, right_id


def _places_written_together(reader: Reader) -> None:
    """新仓镇双红村张家浜: a place written right after another is inside it (natural villages included)."""
    for _, right, left_id, right_id in _written_together(reader, "Place"):
        if right_id.startswith("place:") and left_id.startswith("place:"):
            if not right_id.startswith(left_id + "/"):
                continue  # both known and not nested (a list without separators, an OCR join)
            reader.sink.add(
                "PART_OF", right_id, left_id, reader.sentence_at(right.start_char), tiers().written
            )
            continue
        reader.sink.add("PART_OF", right_id, left_id, reader.sentence_at(right.start_char), tiers().adjacent)
    _places_linked(reader)
    _organisations_written_together(reader)


def _places_linked(reader: Reader) -> None:
    """遵化店镇最西部的裴庄村 (a larger place, a locative, 的, a smaller one) and 该镇严村 (the last town
    named) → PART_OF."""
    conf = patterns().part_of
    between_words = tuple(conf.place_between)
    anaphors: dict[str, str] = conf.place_anaphors
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
            if left_id and between in between_words and place_level(left.text) > place_level(right.text) > 0:
                reader.sink.add("PART_OF", right_id, left_id, sentence, tiers().pattern)
        for word, suffix in anaphors.items():
            if not reader.text.startswith(word, right.start_char - len(word)):
                continue
            earlier = [p for p in places[:i] if p.text.endswith(suffix)]
            earlier_id = reader.index.id_of(earlier[-1]) if earlier else None
            if earlier_id and place_level(right.text) < place_level(earlier[-1].text):
                reader.sink.add("PART_OF", right_id, earlier_id, sentence, tiers().clause, anaphor=word)


def _organisations_written_together(reader: Reader) -> None:
    """高新区皇台产业园区: an organisation written right after another is one of its units. Two bodies that each
    open with their own division (九江市关心下一代工作委员会景德镇市关心下一代工作委员会, an honour list read as one
    run) are items side by side, not a body and its unit."""
    from cadregraph.pipeline.canonical import opens_with_division

    for left, right, left_id, right_id in _written_together(reader, "Organization"):
        if opens_with_division(right.text) and opens_with_division(left.text):
            continue
        if left_id != right_id:
            reader.sink.add(
                "PART_OF", right_id, left_id, reader.sentence_at(right.start_char), tiers().pattern
            )


def _listed_parts(reader: Reader) -> None:
    """A、B、C等4个破难专班 → A, B, C PART_OF 破难专班: a list closed by 等 + a count + the whole."""
    closer = patterns().part_of.list_closer
    separators = set(patterns().chains.name_list_separators)
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
                    reader.sink.add("PART_OF", item_id, whole_id, sentence, tiers().pattern)


def _programme_parts(reader: Reader) -> None:
    """“创新学堂”是平湖“铁军打造”工程的一项重要内容 → 创新学堂 PART_OF 铁军打造工程."""
    markers = patterns().verbs.part_of_markers
    for sentence in reader.sentences:
        programmes = reader.ents("Programme", sentence.start, sentence.end)
        for a, b in zip(programmes, programmes[1:], strict=False):
            between = reader.text[a.end_char : b.start_char]
            after = reader.text[b.end_char : b.end_char + windows().part_of_marker_chars]
            if (
                between.startswith("是")
                and len(between) <= windows().part_of_copula_chars
                and any(after.startswith(m) for m in markers)
            ):
                a_id, b_id = reader.index.id_of(a), reader.index.id_of(b)
                if a_id and b_id:
                    reader.sink.add("PART_OF", a_id, b_id, sentence, tiers().adjacent)
