"""The offset invariant of cadregraph.pipeline.ingest, on real seed sentences made as messy as OCR makes them.

Clean sentences come from the seeds; hypothesis adds hard wraps (also inside names), stray spaces,
Traditional script (OpenCC s2t/s2tw on whole runs of hanzi), full-width digits and letters, and pinyin
glosses (from jionlp's real pinyin table). Normalising must give back exactly the clean text, with each
character's offset pointing at the character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cadregraph.pipeline.ingest import (
    Block,
    DocMeta,
    IngestedDocument,
    is_traditional_only,
    normalise,
    read_document,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
T2S = opencc.OpenCC("t2s")
TO_TRADITIONAL = {"s2t": opencc.OpenCC("s2t"), "s2tw": opencc.OpenCC("s2tw")}
SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)\"'"


def is_hanzi(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def is_cjk_punct(ch: str) -> bool:
    return (
        "\u3001" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff0f" or "\uff1a" <= ch <= "\uff20" or ch in "“”‘’"
    )


@lru_cache(maxsize=1)
def clean_sentences() -> tuple[str, ...]:
    """Whole sentences from the seeds that OCR left clean: no whitespace, no markup, and text that
    OpenCC converts to Traditional and back unchanged (so the expected result is well defined)."""
    found: list[str] = []
    pattern = re.compile(rf"[^{SENTENCE_END}]+[{SENTENCE_END}]+[{re.escape(CLOSERS)}]*")
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line) < 30 or line.startswith("#"):
                continue
            for m in pattern.finditer(line):
                sentence = m.group(0)
                if not 8 <= len(sentence) <= 120 or any(ch.isspace() for ch in sentence):
                    continue
                if sum(1 for ch in sentence if is_hanzi(ch)) < 6 or T2S.convert(sentence) != sentence:
                    continue
                if any(T2S.convert(c.convert(sentence)) != sentence for c in TO_TRADITIONAL.values()):
                    continue
                found.append(sentence)
    return tuple(found)


@lru_cache(maxsize=4096)
def pinyin(chars: str, numbered: bool) -> tuple[str, ...] | None:
    import jionlp

    syllables = jionlp.pinyin(chars, formater="simple" if numbered else "standard")
    if len(syllables) != len(chars) or not all(
        re.fullmatch(r"[a-zA-Zü\u00c0-\u024f]+[0-5]?", s) for s in syllables
    ):
        return None
    if not any(re.search(r"[1-4\u00e0-\u024f]", s) for s in syllables):
        return None  # a gloss of neutral tones only (的 de) carries no sign of being pinyin
    return tuple(syllables)


@dataclass
class Messy:
    clean: str  # what normalisation must give back
    original: str  # the messy text
    positions: list[int]  # original index of each clean character
    written: str  # each clean character as written in the original (Traditional, full-width or same)
    replaced: set[int]  # clean indices whose written character differs


@st.composite
def messy_paragraphs(draw: st.DrawFn) -> Messy:
    pool = clean_sentences()
    clean = "".join(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3)))
    assume(len(clean) <= 240)
    written = list(clean)
    replaced: set[int] = set()

    # Traditional script on whole runs of hanzi, as a Traditional source would have them.
    runs = [(m.start(), m.end()) for m in re.finditer(r"[\u3400-\u9fff]+", clean)]
    converter = TO_TRADITIONAL[draw(st.sampled_from(sorted(TO_TRADITIONAL)))]
    for start, end in runs:
        if draw(st.booleans()) and draw(st.booleans()):
            run = clean[start:end]
            traditional = converter.convert(run)
            assert len(traditional) == len(run)
            # A run is recognised as Traditional by a character only Traditional script has.
            assume(traditional == run or any(is_traditional_only(ch) for ch in traditional))
            for k, ch in enumerate(traditional):
                if ch != run[k]:
                    written[start + k] = ch
                    replaced.add(start + k)

    # Full-width digits and letters.
    for i, ch in enumerate(clean):
        if ch.isascii() and ch.isalnum() and draw(st.integers(0, 4)) == 0:
            written[i] = chr(ord(ch) + 0xFEE0)
            replaced.add(i)

    # Noise between characters: hard wraps, stray spaces, pinyin glosses.
    pieces: list[str] = []
    positions: list[int] = []
    length = 0
    hanzi_since_gloss = 0
    for i, ch in enumerate(clean):
        if i > 0:
            left, right = clean[i - 1], ch
            j = i - 1
            while j >= 0 and clean[j] in CLOSERS:
                j -= 1
            after_sentence_end = j >= 0 and clean[j] in SENTENCE_END
            options = ["none"]
            if not after_sentence_end and not (
                left.isascii() and left.isalpha() and right.isascii() and right.isalpha()
            ):
                options += ["wrap", "wrap+spaces"]
            if (is_hanzi(left) and (is_hanzi(right) or is_cjk_punct(right))) or (
                is_cjk_punct(left) and is_hanzi(right)
            ):
                options += ["space", "spaces", "ideographic space"]
            if is_hanzi(left) and hanzi_since_gloss >= 1:
                options += ["gloss"]
            choice = draw(st.sampled_from(options)) if draw(st.integers(0, 3)) == 0 else "none"
            noise = ""
            if choice == "wrap":
                noise = "\n"
            elif choice == "wrap+spaces":
                noise = draw(st.sampled_from([" \n", "\n ", "\r\n", "  \n\u3000\u3000"]))
            elif choice == "space":
                noise = " "
            elif choice == "spaces":
                noise = "  "
            elif choice == "ideographic space":
                noise = "\u3000"
            elif choice == "gloss":
                k = draw(st.integers(1, min(4, hanzi_since_gloss)))
                numbered = draw(st.booleans())
                syllables = pinyin(clean[i - k : i], numbered)
                if syllables is not None:
                    joiner = draw(st.sampled_from(["", " "]))
                    brackets = draw(st.sampled_from(["()", "（）"]))
                    noise = brackets[0] + joiner.join(syllables) + brackets[1]
                    hanzi_since_gloss = 0
            pieces.append(noise)
            length += len(noise)
        hanzi_since_gloss = hanzi_since_gloss + 1 if is_hanzi(ch) else 0
        positions.append(length)
        pieces.append(written[i])
        length += 1
    return Messy(clean, "".join(pieces), positions, "".join(written), replaced)


def check_document(
    text: str, offsets: list[int] | tuple[int, ...], blocks: list[Block], messy: Messy
) -> None:
    assert text == messy.clean
    assert list(offsets[:-1]) == messy.positions
    assert offsets[-1] == len(messy.original)
    # One block of running text (a photo caption, 图为……, is running text of its own kind).
    assert [(b.start, b.end) for b in blocks] == [(0, len(messy.clean))]
    assert blocks[0].kind == (
        "caption" if blocks[0].kind == "caption" and messy.clean.startswith("图为") else "paragraph"
    )
    assert "".join(messy.original[o] for o in offsets[:-1]) == messy.written
    # Every other character of the original is noise the generator added, so nothing was kept twice
    # or lost; converted characters (Traditional, full-width) are exactly the ones it replaced.
    assert {i for i, ch in enumerate(text) if messy.original[offsets[i]] != ch} == messy.replaced


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy=messy_paragraphs(), data=st.data())
def test_messy_seed_sentences_normalise_back_with_exact_offsets(messy: Messy, data: st.DataObject) -> None:
    text, offsets, blocks = normalise(messy.original)
    check_document(text, offsets, blocks, messy)
    doc = IngestedDocument(
        source="x", doc_id="x", original=messy.original, text=text, offsets=tuple(offsets),
        blocks=tuple(blocks), encoding="utf-8", meta=DocMeta(), title_guess=None,
    )  # fmt: skip
    for _ in range(5):
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        o_start, o_end = doc.to_original(start, end)
        assert (o_start, o_end) == (messy.positions[start], messy.positions[end - 1] + 1)
        # The original slice with the same edits applied (noise removed, characters converted) is
        # the span: every character of the slice is either noise the generator added or the source
        # of exactly one character of the span, in order.
        sources = messy.positions[start:end]
        assert sources == sorted(set(sources)) and o_start == sources[0] and o_end == sources[-1] + 1
        edited = "".join(
            text[start + k] if (start + k) in messy.replaced else messy.original[p]
            for k, p in enumerate(sources)
        )
        assert edited == text[start:end]
        noise = "".join(messy.original[p] for p in range(o_start, o_end) if p not in set(sources))
        assert all(
            ch.isspace() or ch.isascii() or ch in "（）ü" or unicodedata.category(ch) == "Ll" for ch in noise
        )


@settings(max_examples=50, deadline=None)
@given(messy=messy_paragraphs())
def test_messy_file_reads_back_the_same(messy: Messy) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "messy.txt"
        path.write_bytes(messy.original.encode("utf-8"))
        doc = read_document(path, str(path))
    check_document(doc.text, doc.offsets, list(doc.blocks), messy)


@lru_cache(maxsize=1)
def seed_documents() -> tuple[IngestedDocument, ...]:
    return tuple(read_document(p, str(p)) for p in sorted(SEEDS.glob("*.txt")))


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_random_spans_of_the_seeds_map_to_the_same_characters(data: st.DataObject) -> None:
    doc = data.draw(st.sampled_from(seed_documents()))
    start = data.draw(st.integers(0, len(doc.text) - 1))
    end = data.draw(st.integers(start + 1, min(len(doc.text), start + 200)))
    o_start, o_end = doc.to_original(start, end)
    assert 0 <= o_start < o_end <= len(doc.original)
    span, source = doc.text[start:end], doc.original[o_start:o_end]
    assert source[0] == span[0] and source[-1] == span[-1]
    # Only layout was removed: whitespace, and the "#" of markdown headings.
    assert "".join(span.split()) == "".join(re.sub(r"(?m)^#+", "", source).split())
