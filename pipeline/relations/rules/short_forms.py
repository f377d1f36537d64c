"""Organisations written short (平湖经开) or again where the model labelled nothing: more actors for the
rules that look for a clause's subject."""

from __future__ import annotations

import re
from functools import cache

from cadregraph.pipeline.canonical import PARENT_BODIES, canonical_organisation, counted_levels
from cadregraph.pipeline.relations.document import CJK, Reader
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.title_chain import chain_grammar


def find_short_forms(reader: Reader) -> None:
    """Organisations written as their abbreviation, a place name plus picked characters of the rest
    (平湖经开 = 平湖经济技术开发区, 平湖农开 = 平湖农业经济开发区): the picked characters keep their order,
    are no plain substring of the name (平湖经济 is a phrase, not a short name) and end in its head
    (开发区, 管委会). Each is registered in the index as an unlabelled mention of its organisation."""
    bodies = [e for e in reader.index.entities if e.type == "Organization" and len(e.name) >= 6]
    max_extra = patterns().runs.short_form_max_extra
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
                if not all(CJK.match(ch) for ch in picked) or picked in tail:
                    continue
                if not (_is_subsequence(picked, tail) and picked[-1] in tail[-3:]):
                    continue
                span = reader.doc.char_span(
                    m.start(), m.end() + k, label="Organization", alignment_mode="expand"
                )
                if span is not None and span.end_char == m.end() + k:
                    taken.add(m.start())
                    reader.index.add_unlabelled(span, body.id)
                break
    coordinated_levels(reader)


# 省、市委, 省市委, 市、县政府: a higher level word written before a lower one and the body they share (the ranks:
# title_chain.toml level_ranks); not after a determiner or a numeral (全省市委书记: the province's city secretaries)
# nor a count (6个市县委, 部分市县委: canonical.counted_levels)
@cache
def _shared_body() -> re.Pattern[str]:
    """A level word of title_chain.toml level_ranks, then (after an optional 、) another one."""
    levels = "".join(chain_grammar().level_ranks)
    return re.compile(f"(?<![全本该每此其一二三四五六七八九十两多])([{levels}])、?(?=[{levels}])")


def coordinated_levels(reader: Reader) -> None:
    """coordinated_levels: 既是省、市委和省、市委组织部对盐边县的要求, 贯彻中央和省市委要求: the higher level
    shares the body written after the lower one, so 省 stands for 省委 and 省委组织部 here. The body of the
    higher level is an organisation of the document, implied (no mention: the level word alone is no name
    of it), named as the body written whole would be (中共四川省委, 四川省委组织部 in a 盐边县 paper)."""
    if reader.ctx.home is None:
        return
    text = reader.text
    ents = {e.start_char: e.end_char for e in reader.doc_ents if e.label_ == "Organization"}
    ranks = chain_grammar().level_ranks
    for match in _shared_body().finditer(text):
        lower = match.end()
        if ranks[match.group(1)] >= ranks[text[lower]] or counted_levels(text, match.start()):
            continue
        end = ents.get(lower) or lower + 1 + max(
            (len(b) for b in PARENT_BODIES if text.startswith(b, lower + 1)), default=-1
        )
        written = match.group(1) + text[lower + 1 : end]
        if end <= lower + 1 or not all(CJK.match(ch) for ch in written):
            continue
        name = canonical_organisation(written, reader.ctx.home)
        if name != written:  # the home names the higher level's division
            reader.index.ensure("Organization", name)


def unlabelled_mentions(reader: Reader) -> None:
    """这个临时党支部赴嘉兴之后采取了…: an organisation the document knows (a chain named it: 临时党支部书记)
    written again where the model labelled nothing is still that organisation (registered in the index)."""
    covered = [(e.start_char, e.end_char) for e in (*reader.doc_ents, *reader.index.unlabelled)]
    names = sorted(
        ((n, e.id) for e in reader.index.entities if e.type == "Organization" for n in (e.name, *e.aliases)),
        key=lambda nk: -len(nk[0]),
    )
    for name, key in names:
        if len(name) < patterns().runs.unlabelled_min_chars:
            continue
        for m in re.finditer(re.escape(name), reader.text):
            if any(a < m.end() and m.start() < b for a, b in covered):
                continue
            span = reader.doc.char_span(m.start(), m.end(), label="Organization", alignment_mode="strict")
            if span is None:
                continue
            covered.append((m.start(), m.end()))
            reader.index.add_unlabelled(span, key)


def _is_subsequence(short: str, full: str) -> bool:
    chars = iter(full)
    return all(ch in chars for ch in short)
