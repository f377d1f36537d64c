"""Read real input files into an analysis text that keeps an exact map back to the original.

OCR'd newspaper pages arrive hard-wrapped (sometimes inside a name: ``吴金\\n华``), with stray spaces
(``开 发区``), column fragments, headlines, bylines, captions and page furniture, in whatever encoding the
archive used. The extraction pipeline needs clean running text, but every mention it reports must point
into the ORIGINAL text. So normalisation never invents characters: each character of ``text`` is a
character of ``original`` and ``offsets`` records where it came from. The only exceptions are 1:1
replacements (Traditional → Simplified, full-width digits/letters → ASCII, an HTML entity → the
character it names) and, in HTML only, a block separator or word space standing at the position of the
tag that caused it when the source has no line break there.

Text is a sequence of blocks (headline, byline, paragraph, caption, furniture) joined by "\n\n";
inside a block there are no line breaks (hard wraps are joined, ``吴金\n华`` → ``吴金华``) and, in
running text, no spaces between CJK characters (``开 发区`` → ``开发区``).

Layout rules (punctuation sets, byline role words, furniture and caption patterns, surnames, pinyin
syllables) live in ``pipeline/data/ingest/``.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

import opencc

from cadregraph.pipeline.lexicons import longest_suffix, word_list
from cadregraph.pipeline.resources import data_json, data_lines
from cadregraph.schemas import LIMITS
from cadregraph.schemas.datafile import load_section
from cadregraph.schemas.text_units import display_width, is_han

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_SIDECAR_BYTES",
    "SUPPORTED_SUFFIXES",
    "Block",
    "BlockKind",
    "DocMeta",
    "IngestError",
    "IngestedDocument",
    "is_traditional_only",
    "iter_input_files",
    "normalise",
    "read_document",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
SIDECAR_SUFFIX = ".meta.json"

# A newspaper page is tens of KB; anything past this is not an article, and reading it whole would
# make memory unbounded. Checked against the file size before reading, and again while reading. The
# number lives in schemas/limits.toml with the other bounds (no offset of a record can be past it).
MAX_FILE_BYTES = LIMITS.document_bytes
MAX_SIDECAR_BYTES = 1024 * 1024

# A block is treated as written in Traditional script when this share of its ideographs is
# Traditional-only (and at least two are); then every run of ideographs in it is converted.
TRADITIONAL_BLOCK_SHARE = 0.05
# A line that ends a sentence still continues its paragraph in a hard-wrapped column if it fills at
# least this share of the column width.
FULL_LINE_SHARE = 0.85

BlockKind = Literal["headline", "byline", "paragraph", "caption", "furniture"]
Gap = Literal["start", "newline", "blank", "hard"]


class IngestError(Exception):
    """A file that cannot be read as a document; ``str(e)`` is one line, ``"{source}: {cause}"``."""

    def __init__(self, source: str, cause: str) -> None:
        cause = " ".join(cause.split())
        super().__init__(f"{source}: {cause}")
        self.source = source
        self.cause = cause


@dataclass(frozen=True)
class Block:
    """A headline, byline, paragraph, caption or piece of page furniture, in ``text`` coordinates."""

    start: int
    end: int
    kind: BlockKind


@dataclass(frozen=True)
class DocMeta:
    """What a sidecar ``NAME.meta.json`` says about ``NAME.txt``; every field is optional."""

    date: str | None = None
    title: str | None = None
    source_url: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class IngestedDocument:
    """One input file: the decoded original, the analysis text, and the map between them.

    ``offsets[i]`` is the index in ``original`` of ``text[i]`` (non-decreasing, so it can be bisected);
    ``offsets[len(text)]`` is ``len(original)``. ``char_ends`` is only set when a text character can stand for several original
    characters (HTML entities such as ``&amp;``); then ``char_ends[i]`` is the index just past its source.
    """

    source: str
    doc_id: str
    original: str
    text: str
    offsets: tuple[int, ...]
    blocks: tuple[Block, ...]
    encoding: str
    meta: DocMeta
    title_guess: str | None
    char_ends: tuple[int, ...] | None = field(default=None, repr=False)
    # Set when bytes had to be replaced to decode the file (kg extract prints it, and goes on).
    warning: str | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `text` to the original: original[s:e] covers exactly those chars
        (e = offsets[end-1]+1 for non-empty spans, so removed joins/spaces inside a span are included)."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) is outside the text (length {len(self.text)})")
        if start == end:
            return self.offsets[start], self.offsets[start]
        last = end - 1
        stop = self.char_ends[last] if self.char_ends is not None else self.offsets[last] + 1
        return self.offsets[start], stop


# ---------------------------------------------------------------------------------------------------
# Character classes


def _is_cjk_punct(ch: str) -> bool:
    """CJK and full-width punctuation, plus the typographic quotes, dashes and dots Chinese text uses."""
    cp = ord(ch)
    return (
        (0x3001 <= cp <= 0x303F)
        or (0xFF01 <= cp <= 0xFF0F)
        or (0xFF1A <= cp <= 0xFF20)
        or (0xFF3B <= cp <= 0xFF40)
        or (0xFF5B <= cp <= 0xFF65)
        or (0x2010 <= cp <= 0x2027)
        or (0x25A0 <= cp <= 0x25FF)  # ■□▲△●◆
        or (0xFE30 <= cp <= 0xFE4F)
        or cp in (0x00B7, 0x2E3A, 0x2E3B)
    )


def _is_fullwidth_alnum(ch: str) -> bool:
    cp = ord(ch)
    return 0xFF10 <= cp <= 0xFF19 or 0xFF21 <= cp <= 0xFF3A or 0xFF41 <= cp <= 0xFF5A


def _is_cjkish(ch: str) -> bool:
    return is_han(ch) or _is_cjk_punct(ch) or _is_fullwidth_alnum(ch)


_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _joins_tightly(left: str, right: str) -> bool:
    """Whether whitespace between these two characters is a layout artefact in Chinese running text.

    Chinese does not separate words; a space between two CJK characters, or between CJK and a digit or
    a punctuation mark, comes from OCR of column wraps (``开 发区``, ``选派 14批次``). Between Latin
    letters it is a real word boundary and is kept."""

    def tight(ch: str) -> bool:
        return _is_cjkish(ch) or ch.isdigit() or ch in _ASCII_PUNCT

    return tight(left) and tight(right) and (_is_cjkish(left) or _is_cjkish(right))


_LINE_BREAK_CHARS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# U+FFFD stands where the decoder replaced a bad byte or a NUL: dropped from the analysis text like an
# invisible character, so that 吴金<bad byte>华 still reads 吴金华 (the original keeps it, 1:1).
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffd")


def _is_space(ch: str) -> bool:
    return ch.isspace()


def _is_dropped_control(ch: str) -> bool:
    return ch in _INVISIBLE or (unicodedata.category(ch) == "Cc" and not ch.isspace())


def _is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and ord(ch) < 0x2E80 and not _is_cjkish(ch)


# ---------------------------------------------------------------------------------------------------
# Data files


@dataclass(frozen=True)
class _Rules:
    sentence_final: frozenset[str]
    closing: frozenset[str]
    opening: frozenset[str]
    clause_punct: frozenset[str]
    wrap_continues_after: frozenset[str]
    number_joiners: frozenset[str]
    url_tail: re.Pattern[str]
    headline_max_width: int
    headline_run_max_lines: int
    headline_clause_max_chars: int
    byline_max_width: int
    caption_max_width: int
    list_item_max_width: int
    list_run_min_lines: int
    list_opener: re.Pattern[str]
    dateline_opener: re.Pattern[str]
    holder_line_max_width: int
    byline_markers: frozenset[str]
    byline_role: re.Pattern[str]
    byline_credit: re.Pattern[str]
    byline_role_words: re.Pattern[str]
    credit_after_name: re.Pattern[str]
    byline_max_names: int
    grid_min_names: int
    caption_patterns: tuple[re.Pattern[str], ...]
    caption_prefix_patterns: tuple[re.Pattern[str], ...]
    furniture_field: re.Pattern[str]
    furniture_patterns: tuple[re.Pattern[str], ...]
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    pinyin_syllables: frozenset[str]


def _read_word_list(name: str) -> list[str]:
    return [word for line in data_lines("ingest", name) for word in line.split()]


def _str_list(config: dict[str, Any], key: str) -> list[str]:
    value = config[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"layout.json: {key} must be a list of strings")
    return list(value)


def _spaced(word: str) -> str:
    """A regex for `word` that tolerates OCR spaces between its characters (``记 者``)."""
    return r"\s*".join(re.escape(ch) for ch in word)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    config = data_json("ingest", "layout.json")
    prefixes = "|".join(
        _spaced(p) for p in sorted(_str_list(config, "byline_role_prefixes"), key=len, reverse=True)
    )
    roles = "|".join(_spaced(r) for r in sorted(_str_list(config, "byline_roles"), key=len, reverse=True))
    sep_roles = "|".join(
        _spaced(r) for r in sorted(_str_list(config, "byline_roles_needing_separator"), key=len, reverse=True)
    )
    credits = "|".join(
        _spaced(c) for c in sorted(_str_list(config, "byline_credit_suffixes"), key=len, reverse=True)
    )
    byline_role = re.compile(rf"(?:(?:{prefixes})?(?:{roles})\s*[/:：]?|(?:{sep_roles})\s*[/:：])")
    byline_credit = re.compile(rf"^[(（]?\s*(?P<names>.+?)[\s/]+(?:{credits})\s*[)）]?$")
    all_role_words = sorted(
        _str_list(config, "byline_role_prefixes") + _str_list(config, "byline_roles"), key=len, reverse=True
    )
    role_words = re.compile("|".join(_spaced(w) for w in all_role_words if len(w) > 1))
    # 陈进宇 摄, 陈进宇 文 / 图: a credit word or a role that needs a separator, then a separator or the end
    credit_after_name = re.compile(rf"(?:{credits}|{sep_roles})(?=[\s/／)）]|$)")
    fields = "|".join(
        re.escape(f) for f in sorted(_str_list(config, "furniture_field_names"), key=len, reverse=True)
    )
    surname_list = list(word_list("surnames.txt"))
    return _Rules(
        sentence_final=frozenset(config["sentence_final"]),
        closing=frozenset(config["closing"]),
        opening=frozenset(config["opening"]),
        clause_punct=frozenset(config["clause_punct"]),
        wrap_continues_after=frozenset(config["wrap_continues_after"]),
        number_joiners=frozenset(config["number_joiners"]),
        url_tail=re.compile(config["url_tail"]),
        headline_max_width=int(config["headline_max_width"]),
        headline_run_max_lines=int(config["headline_run_max_lines"]),
        headline_clause_max_chars=int(config["headline_clause_max_chars"]),
        byline_max_width=int(config["byline_max_width"]),
        caption_max_width=int(config["caption_max_width"]),
        list_item_max_width=int(config["list_item_max_width"]),
        list_run_min_lines=int(config["list_run_min_lines"]),
        list_opener=re.compile(str(config["list_opener_pattern"])),
        dateline_opener=re.compile(str(config["dateline_opener_pattern"])),
        holder_line_max_width=int(config["holder_line_max_width"]),
        byline_markers=frozenset(config["byline_markers"]),
        byline_role=byline_role,
        byline_credit=byline_credit,
        byline_role_words=role_words,
        credit_after_name=credit_after_name,
        byline_max_names=int(config["byline_max_names"]),
        grid_min_names=int(config["grid_min_names"]),
        caption_patterns=tuple(re.compile(p) for p in _str_list(config, "caption_patterns")),
        caption_prefix_patterns=tuple(re.compile(p) for p in _str_list(config, "caption_prefix_patterns")),
        furniture_field=re.compile(rf"(?:^|\s)(?:{fields})\s*[/:：]"),
        furniture_patterns=tuple(re.compile(p) for p in _str_list(config, "furniture_patterns")),
        surnames=frozenset(s for s in surname_list if len(s) == 1),
        compound_surnames=frozenset(s for s in surname_list if len(s) > 1),
        pinyin_syllables=frozenset(_read_word_list("pinyin_syllables.txt")),
    )


# ---------------------------------------------------------------------------------------------------
# Decoding


class _DecodeProblem(ValueError):
    pass


@dataclass(frozen=True)
class _DecodeRules:
    """pipeline/data/ingest/decoding.json, type-checked."""

    max_control_share: float
    min_plausible_share: float
    max_undecodable_share: float
    utf16_max_bad_share: float
    utf16_sample_bytes: int
    listed_offsets: int


@lru_cache(maxsize=1)
def _decode_rules() -> _DecodeRules:
    rules = load_section(
        data_json("ingest", "decoding.json"), _DecodeRules, "pipeline/data/ingest/decoding.json"
    )
    for spec in dataclasses.fields(_DecodeRules):
        value = getattr(rules, spec.name)
        if spec.type == "int" and value <= 0:
            raise ValueError(f"decoding.json: {spec.name} must be a positive integer")
        if spec.type == "float" and not 0.0 <= value <= 1.0:
            raise ValueError(f"decoding.json: {spec.name} must be a share between 0 and 1")
    return rules


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# How a file decoded after its byte-order mark is named in records (as before: the BOM-reading codecs).
_BOM_NAMES = {
    "utf-32-le": "utf-32",
    "utf-32-be": "utf-32",
    "utf-8": "utf-8-sig",
    "utf-16-le": "utf-16",
    "utf-16-be": "utf-16",
}
_TEXT_CONTROL_BYTES = frozenset(b"\t\n\r\x0b\x0c\x1b")
_WIDE_UNITS = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_EIGHT_BIT = ("gb18030", "big5", "cp950")

# Byte ranges the lenient decoder replaced, per thread (codecs error handlers are global by name).
_replaced = threading.local()


class _TooBroken(ValueError):
    """More bad bytes than a reading may have: stop decoding (each one costs a Python call)."""


def _record_and_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _replaced.ranges.append((exc.start, exc.end))
    if len(_replaced.ranges) > _replaced.limit:
        raise _TooBroken()
    return "\ufffd", exc.end


codecs.register_error("cadregraph-replace", _record_and_replace)


@dataclass(frozen=True)
class _Reading:
    """One way to decode the bytes: the text, and the byte offsets of what had to be replaced."""

    encoding: str
    text: str
    bad: tuple[int, ...]  # byte offsets (in the file) of undecodable sequences and NUL characters
    share: float  # bad bytes as a share of the non-ASCII bytes (all bytes for UTF-16/32); 1.0: hopeless


_HIGH_BYTES = bytes(range(0x80, 0x100))
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in _TEXT_CONTROL_BYTES) + b"\x7f"


def _aligned_finds(data: bytes, needle: bytes, start: int) -> list[int]:
    """Offsets of `needle` in data[start:] at multiples of its length from `start` (code units)."""
    found: list[int] = []
    at = data.find(needle, start)
    while at >= 0:
        if (at - start) % len(needle) == 0:
            found.append(at)
            at = data.find(needle, at + len(needle))
        else:
            at = data.find(needle, at + 1)
    return found


def _encoded_count(body: bytes, char: str, encoding: str) -> int:
    """How often `char` is written in `body` as such (so not every U+FFFD is a replacement)."""
    try:
        return body.count(char.encode(encoding))
    except UnicodeEncodeError:
        return 0


def _lenient(data: bytes, encoding: str, skip: int = 0) -> _Reading:
    """Decode, replacing each undecodable sequence and each NUL character with U+FFFD (one for one, so
    offsets into the text stay offsets into the original), and note where they were."""
    body = data[skip:]
    wide = encoding in _WIDE_UNITS
    high = len(body) - len(body.translate(None, _HIGH_BYTES))
    limit = _decode_rules().max_undecodable_share * (len(body) if wide else high + body.count(0))
    # First at C speed: a clean reading needs nothing more, a hopeless one is refused at once; only a
    # few bad bytes are decoded again through the handler that notes where they are.
    quick = body.decode(encoding, errors="replace")
    replaced = quick.count("\ufffd") - _encoded_count(body, "\ufffd", encoding)
    if replaced <= 0 and "\x00" not in quick:
        return _Reading(encoding, quick, (), 0.0)
    if replaced > limit:
        return _Reading(encoding, "", (), 1.0)
    _replaced.ranges = []
    _replaced.limit = limit
    try:
        text = body.decode(encoding, errors="cadregraph-replace")
    except _TooBroken:
        return _Reading(encoding, "", (), 1.0)
    bad = [skip + start for start, _ in _replaced.ranges]
    bad_bytes = sum(end - start for start, end in _replaced.ranges)
    if "\x00" in text:
        unit = 2 if encoding.startswith("utf-16") else 4 if encoding.startswith("utf-32") else 1
        nuls = _aligned_finds(data, b"\x00" * unit, skip)
        bad = sorted(bad + nuls)
        bad_bytes += len(nuls) * unit
        text = text.replace("\x00", "\ufffd")
    if not bad:
        return _Reading(encoding, text, (), 0.0)
    total = len(body) if wide else high + body.count(0)  # UTF-8/GB/Big5: non-ASCII bytes and NULs
    return _Reading(encoding, text, tuple(bad), bad_bytes / total if total else 0.0)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """Characters that real Chinese text is mostly made of: GB2312 level 1 (the 3,755 most common
    Simplified hanzi), Big5 level 1 (the 5,401 common Traditional ones) and CJK punctuation. A wrong
    decoding of GB18030 or Big5 bytes lands mostly outside this set."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            if (lead, trail) >= (0xC6, 0x7F):
                break
            try:
                chars.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                continue
    chars.update(chr(cp) for cp in range(0x3000, 0x3040))
    chars.update(chr(cp) for cp in range(0xFF01, 0xFF5F))
    chars.update("“”‘’…—·")
    return frozenset(chars)


def _plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are common Chinese (replacement characters left out)."""
    common = _common_chars()
    wide = [c for c in text if ord(c) > 0x7F and not c.isspace() and c != "\ufffd"]
    if not wide:
        return 1.0
    return sum(1 for c in wide if c in common) / len(wide)


def _control_share_text(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\x0b\x0c\x1b")
    return bad / len(text)


def _utf16_without_bom(data: bytes) -> _Reading | None:
    """A BOM-less UTF-16 file, little- or big-endian, or None.

    Chinese in UTF-16 has no byte-level signature, so a byte order is taken when its reading of the
    file's start is text (few controls, almost no bad units) and plausible Chinese, and the other
    order's is not. ASCII in UTF-16 (a zero byte in every other position) passes the same test: its
    reading is plain text, the other order's is CJK-range noise."""
    rules = _decode_rules()
    if len(data) < 4:
        return None
    sample = data[: rules.utf16_sample_bytes]
    found = []
    for encoding in ("utf-16-le", "utf-16-be"):
        reading = _lenient(sample[: len(sample) - len(sample) % 2], encoding)
        if reading.share > rules.utf16_max_bad_share:
            continue
        if _control_share_text(reading.text.replace("\ufffd", "")) > rules.max_control_share:
            continue
        if _plausibility(reading.text) >= rules.min_plausible_share and any(
            ord(c) > 0x7F or c.isalpha() for c in reading.text
        ):
            found.append(encoding)
    if len(found) != 1:
        return None  # neither order reads as text, or both do: not a clear UTF-16 file
    reading = _lenient(data, found[0])
    return reading if reading.share <= rules.max_undecodable_share else None


def _decode_bytes(data: bytes) -> tuple[str, str, tuple[int, ...]]:
    """Decode file bytes, detecting the encoding: a BOM first, then UTF-8, BOM-less UTF-16, and the
    more plausible of GB18030 and Big5. Isolated bad bytes are replaced with U+FFFD.

    Returns (text, encoding, byte offsets of replaced bytes); raises _DecodeProblem with the cause."""
    rules = _decode_rules()
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            reading = _lenient(data, encoding, skip=len(bom))
            if reading.share > rules.max_undecodable_share:
                raise _DecodeProblem(
                    f"cannot decode: {reading.share:.0%} of it is not valid {_BOM_NAMES[encoding]} after its byte-order mark"
                )
            if _control_share_text(reading.text.replace("\ufffd", "")) > rules.max_control_share:
                raise _DecodeProblem("binary file, not text")
            if reading.bad and _plausibility(reading.text) < rules.min_plausible_share:
                # Repaired bytes are kept only in text that otherwise reads as Chinese.
                raise _DecodeProblem(
                    f"cannot decode: {len(reading.bad)} invalid {_BOM_NAMES[encoding]} sequences after its "
                    "byte-order mark, and the rest is not Chinese text"
                )
            return reading.text, _BOM_NAMES[encoding], reading.bad
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if data and controls / len(data) > rules.max_control_share:
        # Zero bytes: binary, unless it is UTF-16 text (each ASCII character in UTF-16 has one).
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise _DecodeProblem("binary file, not text")
        return utf16.text, utf16.encoding, utf16.bad
    utf8 = _lenient(data, "utf-8")
    if not utf8.bad and utf8.share == 0.0:
        return utf8.text, "utf-8", ()
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16.text, utf16.encoding, utf16.bad
    # A clean GB18030 or Big5 reading, the more plausible (as always); only when there is none are
    # readings with replaced bytes weighed, the bad bytes counted against them.
    strict: list[tuple[float, int, _Reading]] = []
    for rank, encoding in enumerate(_EIGHT_BIT, start=1):
        if encoding == "cp950" and any(c[2].encoding == "big5" for c in strict):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        strict.append((_plausibility(text), -rank, _Reading(encoding, text, (), 0.0)))
    best_strict = max(strict, key=lambda c: (c[0], c[1])) if strict else None
    if best_strict is not None and best_strict[0] >= rules.min_plausible_share:
        return best_strict[2].text, best_strict[2].encoding, ()
    candidates = list(strict)
    for rank, reading in enumerate([utf8] + [_lenient(data, encoding) for encoding in _EIGHT_BIT]):
        if reading.bad and reading.share <= rules.max_undecodable_share:
            score = _plausibility(reading.text) * (1.0 - reading.share)
            candidates.append((score, -rank, reading))
    if not candidates:
        raise _DecodeProblem("cannot decode: not valid UTF-8, GB18030 or Big5")
    score, _, best = max(candidates, key=lambda c: (c[0], c[1]))
    if score < rules.min_plausible_share:
        raise _DecodeProblem(
            f"cannot decode: not UTF-8, and as {best.encoding} only {score:.0%} of its characters are common Chinese"
        )
    return best.text, best.encoding, best.bad


def describe_replaced(bad: Sequence[int], encoding: str) -> str:
    """The warning for a file decoded with replacements: how many, where (byte offsets), as what."""
    listed = _decode_rules().listed_offsets
    where = ", ".join(str(offset) for offset in bad[:listed])
    more = f" and {len(bad) - listed} more" if len(bad) > listed else ""
    noun = "sequence" if len(bad) == 1 else "sequences"
    return (
        f"{len(bad)} undecodable or NUL byte {noun} replaced with U+FFFD (as {encoding}; at byte "
        f"{where}{more}); the rest of the article is kept"
    )


# ---------------------------------------------------------------------------------------------------
# Traditional → Simplified


# OpenCC's hk2s is its t2s after folding the Hong Kong variant forms (衞 → 衛, 敍 → 敘) into the standard
# Traditional ones, which t2s alone leaves as they are (馬治衞 stays 马治衞, 食物及衞生局 no organisation).
T2S_CONFIG = "hk2s"


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC(T2S_CONFIG)


@lru_cache(maxsize=65536)
def _t2s_char(ch: str) -> str:
    return str(_t2s().convert(ch))


@lru_cache(maxsize=65536)
def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def is_traditional_only(ch: str) -> bool:
    """A character that only Traditional script uses: OpenCC would simplify it and it is not in GB2312.

    Characters such as 乾 (a surname, 乾隆) or 於 are valid Simplified too; they are converted only
    inside Traditional context, so a Simplified 丁乾 stays 丁乾. Nor is a character whose simplified form lies
    beyond the Basic Multilingual Plane (晛 → 𬀪): papers write such a rare name character as it is (李晛 of
    zd05, a Simplified page), and few fonts or readers have the other form."""
    if not is_han(ch):
        return False
    simple = _t2s_char(ch)
    return simple != ch and not _in_gb2312(ch) and all(ord(c) <= 0xFFFF for c in simple)


def _convert_run(run: str, convert: Callable[[str], str]) -> str:
    """Convert one run of ideographs, keeping one output character per input character.

    OpenCC's t2s tables are length-preserving, but if a conversion ever changes the length the run
    is converted character by character, and a character whose conversion is not one character is
    kept as it is, so offsets stay exact."""
    converted = convert(run)
    if len(converted) == len(run):
        return converted
    out: list[str] = []
    for ch in run:
        single = convert(ch)
        out.append(single if len(single) == 1 else ch)
    return "".join(out)


# ---------------------------------------------------------------------------------------------------
# Lines


# One character of working text: (char, start in original, end in original).
_Char = tuple[str, int, int]


@dataclass
class _Line:
    """One source line (or HTML block/`<br>` line) with surrounding whitespace stripped."""

    chars: list[_Char]
    gap: Gap
    indented: bool = False
    forced: BlockKind | None = None
    markdown_level: int = 0

    @cached_property
    def string(self) -> str:
        return "".join(c[0] for c in self.chars)

    @cached_property
    def simplified(self) -> str:
        """The line in Simplified script, 1:1 with ``string``: the layout patterns (责任编辑, 记者, surnames)
        are written in Simplified, and a Traditional page's 責任編輯:孫婷 is furniture all the same."""
        return "".join(c[0] for c in _simplify(self.chars))


# A web page's dateline written in digits alone on its line (21/06/2017, 2024-01-31, 2019.05.21).
_DATE_LINE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")
# A line that opens with a month and a day (3月14日,): the dateline of the body, not the rest of a number the
# line before ends in (发布日期:2025-03-20 over it on a fresh tzswdx.cn page; 阅读数:323 on is0817.com).
_OPENS_WITH_DAY = re.compile(r"(\d{1,2})月\d{1,2}[日号號]")
_TRAILING_DIGITS = re.compile(r"\d+$")


def _date_after_number(prev: str, line: str) -> bool:
    """`line` opens with a month and a day that the digits ending `prev` do not belong to: 323 / 4月29日, but
    not 1 / 2月16日, where a wrap cut the month 12 in two."""
    day = _OPENS_WITH_DAY.match(line)
    before = _TRAILING_DIGITS.search(prev)
    if day is None or before is None:
        return False
    return not 1 <= int(before.group() + day.group(1)) <= 12
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})[ \t]+(?=\S)")


def _strip_chars(chars: list[_Char]) -> tuple[list[_Char], bool]:
    """Strip leading/trailing whitespace and invisible characters; report whether the line was indented."""
    start, stop = 0, len(chars)
    while start < stop and (_is_space(chars[start][0]) or _is_dropped_control(chars[start][0])):
        start += 1
    while stop > start and (_is_space(chars[stop - 1][0]) or _is_dropped_control(chars[stop - 1][0])):
        stop -= 1
    indented = start > 0 and any(_is_space(c[0]) for c in chars[:start])
    return chars[start:stop], indented


def _text_lines(original: str) -> list[_Line]:
    """The lines of a plain-text file. A working character is a tuple per character of the original,
    so its parts are shared: one str object per distinct character and one int per position (the end
    of one character is the start of the next); a fresh str and two fresh ints per character tripled
    the memory of a long file."""
    lines: list[_Line] = []
    blank_run = 0
    pos = 0
    ends = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(original)]
    ends.append((len(original), len(original)))
    shared: dict[str, str] = {}
    letters = [shared.setdefault(ch, ch) for ch in original]
    positions = list(range(len(original) + 1))
    for line_end, next_start in ends:
        raw = [(letters[i], positions[i], positions[i + 1]) for i in range(pos, line_end)]
        pos = next_start
        chars, indented = _strip_chars(raw)
        if not chars:
            blank_run += 1
            continue
        gap: Gap = "start" if not lines else ("blank" if blank_run else "newline")
        blank_run = 0
        heading = _MARKDOWN_HEADING.match("".join(c[0] for c in chars[:8]))
        if heading:
            chars = chars[heading.end() :]
        line = _Line(chars, gap, indented)
        if heading:
            line.markdown_level = len(heading.group(1))
            line.forced = "headline"
        lines.append(line)
    return lines


# HTML: elements whose content is not visible text, and elements that break blocks.
_HTML_SKIP = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "svg", "canvas", "select"}
)
_HTML_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
    }
)  # fmt: skip
_HTML_FORCED: dict[str, BlockKind] = {
    "title": "headline", "h1": "headline", "h2": "headline", "h3": "headline", "h4": "headline",
    "h5": "headline", "h6": "headline", "figcaption": "caption", "caption": "caption",
}  # fmt: skip


_GAP_STRENGTH: dict[Gap, int] = {"start": 0, "newline": 1, "blank": 2, "hard": 3}


class _HtmlLines(HTMLParser):
    """Visible text of an HTML page as lines, each character carrying its span in the source."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.lines: list[_Line] = []
        self._current: list[_Char] = []
        self._pending_gap: Gap = "start"
        self._skip_depth = 0
        self._in_head = False
        self._in_title = False
        self._in_pre = 0
        self._kinds: list[tuple[str, BlockKind]] = []
        self.title: str | None = None
        self.title_line: int | None = None
        self.h1_line: int | None = None

    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _flush(self, gap_after: Gap) -> None:
        chars, _ = _strip_chars(self._current)
        self._current = []
        if chars:
            gap: Gap = "start" if not self.lines else self._pending_gap
            forced = self._kinds[-1][1] if self._kinds else None
            inside = {tag for tag, _ in self._kinds}
            if "title" in inside and self.title_line is None:
                self.title_line = len(self.lines)
            if "h1" in inside and self.h1_line is None:
                self.h1_line = len(self.lines)
            self.lines.append(_Line(chars, gap, forced=forced))
            self._pending_gap = gap_after
        elif gap_after == "newline" and self._pending_gap == "newline":
            self._pending_gap = "blank"  # <br><br>: an empty line between two lines
        elif _GAP_STRENGTH[gap_after] > _GAP_STRENGTH[self._pending_gap]:
            self._pending_gap = gap_after

    def _visible(self) -> bool:
        return self._skip_depth == 0 and (not self._in_head or self._in_title)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIP:
            self._skip_depth += 1
            return
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        if tag == "br":
            self._flush("newline")
            return
        if tag in _HTML_BLOCKS:
            self._flush("hard")
            self._pending_gap = "hard" if self.lines else "start"
        if tag == "title":
            self._in_title = True
        if tag == "pre":
            self._in_pre += 1
        if tag in _HTML_FORCED:
            self._kinds.append((tag, _HTML_FORCED[tag]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._flush("newline")
        elif tag in _HTML_BLOCKS:
            self._flush("hard")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if tag in _HTML_BLOCKS:
            self._flush("hard")
        if tag == "head":
            self._in_head = False
        if tag == "title":
            self._in_title = False
        if tag == "pre":
            self._in_pre = max(0, self._in_pre - 1)
        if tag in _HTML_FORCED:
            for i in range(len(self._kinds) - 1, -1, -1):
                if self._kinds[i][0] == tag:
                    del self._kinds[i:]
                    break

    def handle_data(self, data: str) -> None:
        if not self._visible():
            return
        start = self._pos()
        for i, ch in enumerate(data):
            if self._in_pre and ch == "\n":
                self._flush("newline")
                continue
            self._current.append((ch, start + i, start + i + 1))

    def _entity(self, raw_prefix: str, name: str) -> None:
        if not self._visible():
            return
        start = self._pos()
        stop = start + len(raw_prefix) + len(name)
        if stop < len(self._source) and self._source[stop] == ";":
            stop += 1
        raw = self._source[start:stop]
        decoded = unescape(raw)
        if decoded == raw:
            self._current.extend((ch, start + i, start + i + 1) for i, ch in enumerate(raw))
        else:
            self._current.extend((ch, start, stop) for ch in decoded)

    def handle_entityref(self, name: str) -> None:
        self._entity("&", name)

    def handle_charref(self, name: str) -> None:
        self._entity("&#", name)

    def close(self) -> None:
        super().close()
        self._flush("hard")


# ---------------------------------------------------------------------------------------------------
# Layout: classify lines, then join them into blocks


def _ends_sentence(chars: Sequence[_Char], rules: _Rules) -> bool:
    i = len(chars) - 1
    while i >= 0 and chars[i][0] in rules.closing:
        i -= 1
    return i >= 0 and chars[i][0] in rules.sentence_final


def _ends_at_wrap(chars: Sequence[_Char], rules: _Rules) -> bool:
    """Whether a line that a single line break follows ends its paragraph there.

    A sentence end does, except a bare ellipsis: …… closes a list or a trailing thought inside a
    paragraph (修整沙河河堤……近段时间), so a column wrap right after it is still a wrap. With a
    closing quote after it (……”) it ends like any sentence."""
    return _ends_sentence(chars, rules) and chars[-1][0] not in rules.wrap_continues_after


def _headlinish(line: _Line, rules: _Rules, *, strict: bool) -> bool:
    """Short, not a sentence. `strict` (for lines inside a multi-line group) also forbids commas."""
    text = line.string
    if display_width(text) > rules.headline_max_width or _ends_sentence(line.chars, rules):
        return False
    if text[-1] in rules.clause_punct or text[-1] in rules.opening:
        return False
    if text.count("(") + text.count("（") != text.count(")") + text.count("）"):
        return False  # an open bracket: the line is cut out of a sentence
    if any(ch in rules.clause_punct for ch in text):
        if strict:
            return False
        # A headline with commas pairs short phrases (人在网格走,事在网格办); a long clause after a
        # comma is a sentence cut off by the column (今年,秀洲区高照街道扎实推进).
        pieces = re.split(rf"[{re.escape(''.join(rules.clause_punct))}\s]+", text)
        return max(len(p) for p in pieces) <= rules.headline_clause_max_chars
    return True


def looks_like_name(token: str) -> bool:
    """The one test of "shaped like a person's name" that ingest and the name-grid rule share: Han
    characters only, a family name first, 2-3 characters (3-4 after a two-character family name)."""
    return _is_name_token(token, _rules())


def name_grid_min() -> int:
    """grid_min_names (layout.json): names a row of an honour list's name grid has at least."""
    return _rules().grid_min_names


@lru_cache(maxsize=1)
def byline_words() -> frozenset[str]:
    """The byline's role and credit words (记者, 通讯员, 文图, 摄影; layout.json): no person's name."""
    config = data_json("ingest", "layout.json")
    keys = ("byline_role_prefixes", "byline_roles", "byline_roles_needing_separator", "byline_credit_suffixes")
    return frozenset(word.replace("/", "") for key in keys for word in _str_list(config, key))


def _is_name_token(token: str, rules: _Rules) -> bool:
    if not all(is_han(ch) for ch in token):
        return False
    if token[:2] in rules.compound_surnames:
        return 3 <= len(token) <= 4
    return token[0] in rules.surnames and 2 <= len(token) <= 3


def _name_list(text: str, rules: _Rules) -> int:
    """Number of bare person names on the line (``王炜 邱丽娟``), or 0 if it is not such a line."""
    tokens = text.split()
    if not 1 <= len(tokens) <= rules.byline_max_names:
        return 0
    return len(tokens) if all(_is_name_token(t, rules) for t in tokens) else 0


def _grid_names(text: str, rules: _Rules) -> int:
    """Number of names on a row of an honour list's name grid (``周华保 吴木才 温昭铨``, ``于联明 叶 飞 张 云``), or
    0 if the row is not one."""
    names = ["".join(text[s:e].split()) for s, e in _grid_pieces(text)]
    return len(names) if all(_is_name_token(n, rules) for n in names) else 0


def _grid_pieces(text: str) -> list[tuple[int, int]]:
    """Where the names of a byline or a grid row stand. A grid pads a two-character name to the width of three
    with a space inside it (``陈 忠``): two lone ideographs side by side, paired from the left (``叶 飞 张 云`` is
    叶飞 and 张云), are one name; every other run between separators is one."""
    runs = list(re.finditer(r"\S+", text))
    pieces: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        left, right = runs[i], runs[i + 1] if i + 1 < len(runs) else None
        if right is not None and all(len(r.group()) == 1 and is_han(r.group()) for r in (left, right)):
            pieces.append((left.start(), right.end()))
            i += 2
        else:
            pieces.append((left.start(), left.end()))
            i += 1
    return pieces


def _name_grid_rows(lines: list[_Line], rules: _Rules) -> set[int]:
    """name_grid: the rows of an honour list printed as a grid of names, several lines running with
    ``grid_min_names`` names or more each, and the short last row under them (``辛玉芝``). Running text joins
    the lines of a paragraph without separators, which would fuse the names (吴木才温昭铨); each row is kept
    apart instead, with its names' separators."""
    def count(line: _Line) -> int:  # a row of names has a separator; most lines have none (no OpenCC for them)
        return _grid_names(line.simplified, rules) if line.forced is None else 0

    full = [re.search(r"\S\s+\S", line.string) is not None and count(line) >= rules.grid_min_names for line in lines]

    def joined(i: int) -> bool:  # line i follows line i - 1 in the same run of lines
        return 0 < i < len(lines) and lines[i].gap in ("newline", "blank")

    rows = {
        i
        for i in range(len(lines))
        if full[i] and ((joined(i) and full[i - 1]) or (joined(i + 1) and full[i + 1]))
    }
    return rows | {i + 1 for i in rows if joined(i + 1) and count(lines[i + 1])}


def _drop_name_padding(chars: list[_Char]) -> list[_Char]:
    """``陈 忠`` -> ``陈忠``: in a byline or a grid row the space inside a padded name (_grid_pieces) goes; the
    other spaces separate names and stay."""
    text = "".join(c[0] for c in chars)
    drop = {i for s, e in _grid_pieces(text) for i in range(s, e) if text[i].isspace()}
    return [c for i, c in enumerate(chars) if i not in drop] if drop else chars


def _is_name_part(token: str) -> bool:
    return 1 <= len(token) <= 4 and all(is_han(ch) or ch == "·" for ch in token)


def _is_role_byline(text: str, rules: _Rules) -> bool:
    """``记者 李雨婷 通讯员 汪洵``, ``通讯员 赵泽曦 单炯炯``, ``记者高轶鹏``: role words, each followed by names.

    A name glued to its role (``记者高轶鹏``) must start with a known surname, so that running text
    such as ``记者驱车来到`` is not taken for a byline."""
    roles = list(rules.byline_role.finditer(text))
    if not roles or roles[0].start() != 0:
        return False
    for k, role in enumerate(roles):
        stop = roles[k + 1].start() if k + 1 < len(roles) else len(text)
        segment = text[role.end() : stop]
        tokens = segment.split()
        if not tokens or not all(_is_name_part(t) for t in tokens):
            return False
        separated = role.group(0)[-1] in "/:：" or segment[:1].isspace()
        if not separated and not _is_name_token(tokens[0], rules):
            return False
    return True


def _is_credit_line(text: str, rules: _Rules) -> bool:
    """``冯玉坤 摄``, ``王强 陈明远/摄影``: names of photographers before a credit word."""
    m = rules.byline_credit.match(text)
    return m is not None and all(_is_name_token(t, rules) for t in m.group("names").split())


def _pattern_kind(
    line: _Line, rules: _Rules, *, single: bool, after_headline_or_byline: bool
) -> BlockKind | None:
    """The kind a line has by its own content, or None for running text / headlines."""
    text = line.simplified
    width = display_width(text)
    if any(p.search(text) for p in rules.furniture_patterns):
        return "furniture"
    if (
        width <= 2 * rules.byline_max_width
        and not _ends_sentence(line.chars, rules)
        and rules.furniture_field.search(text)
    ):
        return "furniture"
    if single and not any(is_han(ch) for ch in text) and width <= rules.headline_max_width:
        return "furniture"
    if width <= rules.byline_max_width and not _ends_sentence(line.chars, rules):
        if text[0] in rules.byline_markers:
            return "byline"
        if _is_role_byline(text, rules) or _is_credit_line(text, rules):
            return "byline"
        # Bare names (``彭菲 张峰 丁宇红``) only stand alone or right under a headline or byline.
        names = _name_list(text, rules)
        if (names >= 2 and single) or (names >= 1 and after_headline_or_byline):
            return "byline"
    if single and width <= rules.caption_max_width:
        if any(p.search(text) for p in rules.caption_prefix_patterns):
            return "caption"
        if not _ends_sentence(line.chars, rules) and any(p.search(text) for p in rules.caption_patterns):
            return "caption"
    return None


def _leading_headlines(lines: list[_Line], run: list[int], group: list[int], rules: _Rules) -> int:
    """How many lines opening a group are headlines over running text with no blank line between (zy02:
    锤炼本领提升素质 争做优秀基层宣传干部 / 河北举办全省基层宣传骨干培训班 / 河北农民报讯(记者刘英)为…): short
    unpunctuated lines, at most a headline run, right before a line that opens with a news dateline. A line's
    shape alone does not tell them from a wrapped sentence's first line (基层是离群众最 / 近的地方,…)."""
    if not run or run[0] != group[0]:
        return 0
    for n, j in enumerate(run[: rules.headline_run_max_lines + 1]):
        if _opens_with_dateline(lines[j], rules):
            return n
        if not _headlinish(lines[j], rules, strict=True):
            return 0
    return 0


def _opens_with_dateline(line: _Line, rules: _Rules) -> bool:
    """河北农民报讯(记者刘英)…, 本报讯, 新华社北京3月5日电: the line opens an article's body (layout.json
    dateline_opener_pattern)."""
    return rules.dateline_opener.match(line.simplified) is not None


def _classify(lines: list[_Line], rules: _Rules) -> list[BlockKind]:
    kinds: list[BlockKind | None] = [None] * len(lines)
    groups: list[list[int]] = []
    for i, line in enumerate(lines):
        if line.gap == "newline" and groups:
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        single = len(group) == 1
        for pos, i in enumerate(group):
            line = lines[i]
            if line.forced is not None:
                kinds[i] = line.forced
                continue
            if pos > 0:
                prev = lines[group[pos - 1]]
                prev_kind = kinds[group[pos - 1]]
                special_prev = prev_kind is not None and prev_kind != "paragraph"
                # A line after running text that has not ended its sentence is that sentence's
                # continuation, whatever it looks like (a wrap can leave 记者高轶鹏 alone on a line).
                if not (
                    special_prev or _ends_at_wrap(prev.chars, rules) or _headlinish(prev, rules, strict=True)
                ):
                    continue
                after = prev_kind in ("headline", "byline")
            else:
                after = i > 0 and kinds[i - 1] in ("headline", "byline")
            kinds[i] = _pattern_kind(line, rules, single=single, after_headline_or_byline=after)
        # Runs of lines without a kind: short unpunctuated runs are headlines, the rest running text.
        run: list[int] = []
        for i in [*group, -1]:
            if i >= 0 and kinds[i] is None:
                run.append(i)
                continue
            if run:
                strict = len(group) > 1
                is_headline = len(run) <= rules.headline_run_max_lines and all(
                    _headlinish(lines[j], rules, strict=strict) for j in run
                )
                heads = 0 if is_headline else _leading_headlines(lines, run, group, rules)
                for n, j in enumerate(run):
                    kinds[j] = "headline" if is_headline or n < heads else "paragraph"
                run = []
    for i in _name_grid_rows(lines, rules):
        kinds[i] = "byline"  # each row a block of its own, its separators kept (_clean_whitespace)
    return [k if k is not None else "paragraph" for k in kinds]


def _wrap_width(lines: list[_Line], kinds: list[BlockKind]) -> float | None:
    """The column width of a hard-wrapped page (seed 004 wraps every 14-16 characters), or None.

    Measured on running-text lines that are followed by another line of their paragraph: in a
    hard-wrapped page most of them fill the column, so their widths cluster tightly."""
    widths: list[int] = []
    for i in range(len(lines) - 1):
        if kinds[i] == "paragraph" and kinds[i + 1] == "paragraph" and lines[i + 1].gap == "newline":
            widths.append(display_width(lines[i].string))
    if len(widths) < 6:
        return None
    widths.sort()
    median = widths[len(widths) // 2]
    if median > 120:
        return None
    near = sum(1 for w in widths if 0.8 * median <= w <= 1.15 * median)
    return float(median) if near >= 0.6 * len(widths) else None


@dataclass
class _RawBlock:
    kind: BlockKind
    chars: list[_Char]
    markdown_level: int = 0


def _holder_after_title(prev: _Line, line: _Line, rules: _Rules) -> bool:
    """…党委书记\n\n张三: a line ending in a title and a line no longer than a name (its holder) are one item;
    a longer line after the title is the next item (…张福庆任贵溪市委书记\n\n吉安市委常委,…龙波舟, za05)."""
    ends_in_title = longest_suffix(prev.string.rstrip(), word_list("titles.txt")) is not None
    return ends_in_title and display_width(line.string.strip()) <= rules.holder_line_max_width


def _continues(
    prev: _Line,
    prev_kind: BlockKind,
    line: _Line,
    kind: BlockKind,
    wrap: float | None,
    rules: _Rules,
    after: _Line | None = None,
) -> bool:
    """Whether `line` continues the block that `prev` ended (a hard wrap) rather than starting one."""
    if line.gap in ("start", "hard") or kind != prev_kind:
        return False
    if kind == "headline":
        return (
            line.gap == "newline"
            and not line.indented
            and not prev.markdown_level
            and not line.markdown_level
        )
    if kind != "paragraph":
        return False
    if _opens_with_dateline(line, rules):
        return False  # …培训班 / 河北农民报讯(记者刘英)为…: a dateline opens the article's body
    if line.gap == "newline":
        if not _ends_at_wrap(prev.chars, rules):
            return True
        return wrap is not None and not line.indented and display_width(prev.string) >= FULL_LINE_SHARE * wrap
    # Across a blank line: a column or page break inside a sentence (``双方园\n\n区布局``).
    if _ends_sentence(prev.chars, rules):
        return False
    if (
        wrap is None
        and display_width(prev.string) <= rules.list_item_max_width
        and display_width(line.string) <= rules.list_item_max_width
        and prev.chars[-1][0] not in rules.clause_punct  # 市委常委、\n\n副市长张三: a chain goes on
        and not _holder_after_title(prev, line, rules)  # …党委书记\n\n张三: its holder
        and not _ends_sentence(line.chars, rules)
        and (after is None or after.gap != "newline")
    ):
        # list_item_lines: on a page whose paragraphs are one line each, the text after a break inside a
        # sentence finishes it or runs on (seed 003's 扎实推进\n\n全国文明城市创建,… over 40 characters); two
        # short unfinished lines standing alone between blank lines are two items of a list (za05's
        # 吉安市委常委,…井冈山市委书记龙波舟 / 新余市委常委、副市长…李新华).
        return False
    last, first = prev.chars[-1][0], line.chars[0][0]
    last_ok = _is_cjkish(last) or last.isdigit()
    first_ok = is_han(first) or first.isdigit() or first in rules.opening
    return last_ok and first_ok


def _is_digit(ch: str) -> bool:
    return ch.isdigit() and (ch.isascii() or _is_fullwidth_alnum(ch))


def _breaks_token(prev: _Line, line: _Line, rules: _Rules) -> bool:
    """Whether the break between two lines falls inside a number (``2`` / ``024-01-31``, ``11:`` / ``21``)
    or a web address (``http://www.s`` / ``ina.com.cn``): no layout puts a line break there."""
    left, right = prev.chars, line.chars
    last, first = left[-1][0], right[0][0]
    if _is_digit(last) and (
        _is_digit(first) or (first in rules.number_joiners and len(right) > 1 and _is_digit(right[1][0]))
    ):
        return True
    if last in rules.number_joiners and len(left) > 1 and _is_digit(left[-2][0]) and _is_digit(first):
        return True
    return first.isascii() and not first.isspace() and rules.url_tail.search(prev.string) is not None


def _join_token_wraps(lines: list[_Line], wrap: float, rules: _Rules) -> list[_Line]:
    """Join a full line of a hard-wrapped page to the next when the wrap cut a number or an address in
    two, before the lines are classified: a wrapped dateline (``…责任编辑:百花残 2`` / ``024-01-31
    11:21:01``) is one furniture line, not furniture and a headline."""
    out: list[_Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and line.gap == "newline"
            and prev.forced is None
            and line.forced is None
            and not line.markdown_level
            and display_width(prev.string) >= FULL_LINE_SHARE * wrap
            and _breaks_token(prev, line, rules)
        ):
            out[-1] = _Line(prev.chars + line.chars, prev.gap, prev.indented, None, prev.markdown_level)
        else:
            out.append(line)
    return out


def _list_runs(lines: list[_Line], kinds: list[BlockKind], rules: _Rules) -> set[int]:
    """list_run: 一、全国关心下一代工作先进集体 / …委员会 / 二、… / 一师十三团关工委常务副主任解金芳 / 二师铁门关市…梁伟国
    (zt01): on a page with no column width, a list that a paragraph break, a sentence's end or an ordinal
    (list_opener_pattern) opens, whose lines run on with single line breaks, at least list_run_min_lines of
    them, each short (list_item_max_width) with no clause or sentence punctuation and no punctuation opening the
    line after it, is a list whose lines are items, not one sentence broken at every line: the indices of the
    lines after the first of each such run, which start blocks of their own."""

    def item(i: int) -> bool:
        text = lines[i].string.strip()
        after = lines[i + 1].string.strip() if i + 1 < len(lines) else ""
        return (
            kinds[i] == "paragraph"
            and len(text) >= 2
            and display_width(text) <= rules.list_item_max_width
            and not any((ch in rules.clause_punct and ch != "、") or ch in rules.sentence_final for ch in text)
            and text[-1] != "、"
            and not (after and _is_cjk_punct(after[0]))
        )

    def opened(i: int) -> bool:
        """The line opens a list: after a paragraph break (never the text's first line: a sentence may
        open it), after a line that ends a sentence or is a heading with an ordinal (二、先进个人), or opening
        with an ordinal itself. A colon opens none: a clause after one may be wrapped short (…机制:|每日|…)."""
        before = lines[i - 1].string.strip() if i > 0 else ""
        return (
            lines[i].gap not in ("start", "newline")
            or (bool(before) and before[-1] in rules.sentence_final)
            or rules.list_opener.match(before) is not None
            or rules.list_opener.match(lines[i].string.strip()) is not None
        )

    items = [item(i) for i in range(len(lines))]
    found: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and lines[j + 1].gap == "newline" and items[j] and items[j + 1]:
            j += 1
        # the list starts at its first opened line (a headline wrapped before it runs on unpunctuated too)
        first = next((k for k in range(i, j + 1) if opened(k)), None)
        if first is not None and j - first + 1 >= rules.list_run_min_lines:
            found.update(range(first + 1, j + 1))
        i = j + 1
    return found


def _layout(lines: list[_Line], rules: _Rules, original: str) -> list[_RawBlock]:
    kinds = _classify(lines, rules)
    wrap = _wrap_width(lines, kinds)
    if wrap is not None:
        joined = _join_token_wraps(lines, wrap, rules)
        if len(joined) != len(lines):
            lines, kinds = joined, _classify(joined, rules)
    listed = _list_runs(lines, kinds, rules) if wrap is None else set()
    blocks: list[_RawBlock] = []
    for i, line in enumerate(lines):
        kind = kinds[i]
        after = lines[i + 1] if i + 1 < len(lines) else None
        if i in listed:
            blocks.append(_RawBlock(kind, list(line.chars), line.markdown_level))
        elif blocks and i > 0 and _continues(lines[i - 1], kinds[i - 1], line, kind, wrap, rules, after):
            block = blocks[-1]
            left, right = block.chars[-1], line.chars[0]
            if (
                (_is_latin_letter(left[0]) and _is_latin_letter(right[0]))
                or (_is_digit(right[0]) and _DATE_LINE.fullmatch(lines[i - 1].string) is not None)
                or (_is_digit(left[0]) and _date_after_number(lines[i - 1].string, line.string))
            ):
                # Between two words the break is a word boundary; after a line that is a numeric date alone
                # (21/06/2017 over a view count 42340) it ends the date, and a number before a line that opens
                # with a month and a day (阅读数:323 / 4月29日) ends there: keep one whitespace character.
                block.chars.append(_break_between(original, left, right))
            block.chars.extend(line.chars)
        else:
            blocks.append(_RawBlock(kind, list(line.chars), line.markdown_level))
    return blocks


def _break_between(original: str, left: _Char, right: _Char) -> _Char:
    """A whitespace character of the original between two characters (normally the line break).

    Only HTML (``word<br>word``) can lack one; then a space stands at the position of the tag."""
    for i in range(left[2], right[1]):
        if original[i].isspace():
            return (original[i], i, i + 1)
    return (" ", left[2], left[2] + 1)


# ---------------------------------------------------------------------------------------------------
# Character-level cleanup inside a block


def _drop_role_word_spaces(chars: list[_Char], rules: _Rules) -> list[_Char]:
    text = "".join(c[0] for c in chars)
    drop: set[int] = set()
    for m in rules.byline_role_words.finditer(text):
        drop.update(i for i in range(m.start(), m.end()) if text[i].isspace())
    return [c for i, c in enumerate(chars) if i not in drop] if drop else chars


_NEEDS_WHITESPACE_WORK = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff\ufffd]")


def _clean_whitespace(chars: list[_Char], kind: BlockKind, rules: _Rules) -> list[_Char]:
    """Drop layout whitespace; keep one character of a real separator.

    In running text and captions whitespace between CJK characters is an OCR artefact. In headlines,
    bylines and furniture a space separates parts (``百岗淬炼 铁军涅槃``, ``记者 李雨婷``) and is kept,
    except a pure line break between CJK characters (an HTML source wrap) and, in headlines and
    furniture, a space that leaves one ideograph alone (``北 京日报``)."""
    if not _NEEDS_WHITESPACE_WORK.search("".join(c[0] for c in chars)):
        return chars
    out: list[_Char] = []
    i, n = 0, len(chars)
    running_text = kind in ("paragraph", "caption")
    while i < n:
        ch = chars[i][0]
        if _is_dropped_control(ch):
            i += 1
            continue
        if not _is_space(ch):
            out.append(chars[i])
            i += 1
            continue
        j = i
        while j < n and (_is_space(chars[j][0]) or _is_dropped_control(chars[j][0])):
            j += 1
        run = [c for c in chars[i:j] if _is_space(c[0])]
        left = out[-1][0] if out else None
        right = chars[j][0] if j < n else None
        i = j
        if left is None or right is None or not run:
            continue
        if running_text and _joins_tightly(left, right):
            continue
        if all(c[0] in _LINE_BREAK_CHARS for c in run) and _is_cjkish(left) and _is_cjkish(right):
            continue
        if kind in ("headline", "furniture") and _splits_off_one_ideograph(out, chars, j, rules):
            continue
        out.append(next((c for c in run if c[0] == " "), run[0]))
    return out


def _splits_off_one_ideograph(out: list[_Char], chars: list[_Char], j: int, rules: _Rules) -> bool:
    """Whether a space between two ideographs leaves one of them alone (``北 京日报``, ``校对/张 真``).

    A headline's separator stands between phrases (``百岗淬炼 铁军涅槃``); a single ideograph between
    a space and a punctuation mark, another space or the end is a word an OCR space broke."""
    left, right = out[-1][0], chars[j][0]
    if not (is_han(left) and is_han(right)):
        return False
    if _credit_after_a_name(out, chars, j, rules):
        return False  # 作者:李永春 陈进宇 文/图, 陈进宇 摄: the space parts a name from the credit after it
    before = out[-2][0] if len(out) > 1 else ""
    after = chars[j + 1][0] if j + 1 < len(chars) else ""
    return not before.isalnum() or not after.isalnum()


def _credit_after_a_name(out: list[_Char], chars: list[_Char], j: int, rules: _Rules) -> bool:
    """作者:李永春 陈进宇 摄 / 文 / 图: the word left of the space is a name (_is_name_token) and a credit word
    or a role that needs a separator (layout.json) follows it, then a separator or the end; 致 记者们 is none."""
    left = re.search(r"[^\s/／:：(（]+$", "".join(c[0] for c in out[-6:]))
    right = "".join(c[0] for c in chars[j:])
    return left is not None and _is_name_token(left.group(), rules) and rules.credit_after_name.match(right) is not None


_GLOSS = re.compile(
    r"\s*[(（]\s*([A-Za-z\u00c0-\u024f\u0300-\u036f][A-Za-z\u00c0-\u024f\u0300-\u036f0-5'’·\-\s]*?)\s*[)）]"
)
_TONE_MARKS = frozenset("\u0300\u0301\u0304\u030c")


def _segment_pinyin(letters: str, syllables: frozenset[str]) -> int | None:
    """Fewest syllables that `letters` splits into, or None if it is not pinyin."""
    n = len(letters)
    best: list[int | None] = [0] + [None] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - 6), end):
            prior = best[start]
            if prior is not None and letters[start:end] in syllables:
                candidate = prior + 1
                current = best[end]
                if current is None or candidate < current:
                    best[end] = candidate
    return best[n]


def _pinyin_syllable_count(gloss: str, syllables: frozenset[str]) -> int | None:
    """Syllables in a pinyin gloss such as ``kèhùduān`` or ``ke4 hu4 duan1``; None if it is not one.

    A gloss must carry tones (marks or digits): a toneless bracket (``(AI)``, ``(Li)``) is left alone."""
    decomposed = unicodedata.normalize("NFD", gloss.lower()).replace("u\u0308", "ü")
    has_tone = any(c in _TONE_MARKS for c in decomposed) or re.search(r"[a-zü][1-5]", decomposed) is not None
    if not has_tone:
        return None
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("v", "ü")
    plain = re.sub(r"(?<=[jqxy])ü", "u", plain)
    total = 0
    for token in re.split(r"[\s'’·\-]+", plain):
        if not token:
            continue
        if not re.fullmatch(r"(?:[a-zêü]+[0-5]?)+", token):
            return None
        for letters, digit in re.findall(r"([a-zêü]+)([0-5]?)", token):
            if digit:
                if letters not in syllables:
                    return None
                total += 1
            else:
                count = _segment_pinyin(letters, syllables)
                if count is None:
                    return None
                total += count
    return total or None


def _drop_pinyin_glosses(chars: list[_Char], rules: _Rules) -> list[_Char]:
    """Remove ``(kèhùduān)`` after ``客户端``: a bracket of toned pinyin right after as many hanzi."""
    text = "".join(c[0] for c in chars)
    if "(" not in text and "（" not in text:
        return chars
    keep = [True] * len(chars)
    for m in _GLOSS.finditer(text):
        count = _pinyin_syllable_count(m.group(1), rules.pinyin_syllables)
        if count is None:
            continue
        k = m.start()
        while k > 0 and is_han(text[k - 1]) and m.start() - k < count:
            k -= 1
        if m.start() - k < count:
            continue
        for i in range(m.start(), m.end()):
            keep[i] = False
    return [c for c, kept in zip(chars, keep, strict=True) if kept]


_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _fold_fullwidth(chars: list[_Char]) -> list[_Char]:
    if not _FULLWIDTH_ALNUM.search("".join(c[0] for c in chars)):
        return chars
    return [(chr(ord(c) - 0xFEE0), s, e) if _is_fullwidth_alnum(c) else (c, s, e) for c, s, e in chars]


def _simplify(chars: list[_Char], convert: Callable[[str], str] | None = None) -> list[_Char]:
    """Traditional → Simplified, one run of ideographs at a time, 1:1 in characters.

    A run is converted when it holds a Traditional-only character, or when the whole block is
    Traditional; Simplified text is left exactly as it is (OpenCC would turn the surname 乾 into 干)."""
    whole = "".join(c[0] for c in chars)
    if convert is None and _t2s().convert(whole) == whole:
        return chars  # nothing Traditional here: the common case, one call into OpenCC
    ideographs = [c for c in whole if is_han(c)]
    if not ideographs:
        return chars
    traditional = sum(1 for c in ideographs if is_traditional_only(c))
    if traditional == 0:
        return chars
    whole_block = traditional >= 2 and traditional >= TRADITIONAL_BLOCK_SHARE * len(ideographs)
    conv = convert or (lambda s: str(_t2s().convert(s)))
    out = list(chars)
    i, n = 0, len(chars)
    while i < n:
        if not is_han(chars[i][0]):
            i += 1
            continue
        j = i
        while j < n and is_han(chars[j][0]):
            j += 1
        run = "".join(c[0] for c in chars[i:j])
        if whole_block or any(is_traditional_only(c) for c in run):
            converted = _convert_run(run, conv)
            for k, ch in enumerate(converted):
                _, s, e = chars[i + k]
                out[i + k] = (ch, s, e)
        i = j
    return out


def _clean_block(block: _RawBlock, rules: _Rules) -> list[_Char]:
    chars = block.chars
    if block.kind == "byline":
        chars = _drop_role_word_spaces(chars, rules)
        if _grid_names("".join(c[0] for c in _simplify(chars)), rules):
            chars = _drop_name_padding(chars)
    chars = _clean_whitespace(chars, block.kind, rules)
    chars = _drop_pinyin_glosses(chars, rules)
    chars = _clean_whitespace(chars, block.kind, rules)
    chars = _fold_fullwidth(chars)
    return _simplify(chars)


# ---------------------------------------------------------------------------------------------------
# Assembly


@dataclass(frozen=True)
class _Normalised:
    text: str
    offsets: list[int]
    ends: list[int]
    blocks: list[Block]
    title_guess: str | None
    exact_ends: bool


def _separator(original: str, after: int, before: int) -> tuple[int, int]:
    """Original positions for the two characters of a "\\n\\n" block separator: the line breaks between
    the blocks when there are two, the one break twice, else (HTML blocks on one source line) the
    first character after the previous block: the "<" of the tag that breaks it."""
    first = original.find("\n", after, before)
    if first < 0:
        return after, after
    second = original.find("\n", first + 1, before)
    return first, (second if second >= 0 else first)


def _normalise_full(original: str, *, html: bool = False) -> _Normalised:
    rules = _rules()
    html_title: str | None = None
    if html:
        parser = _HtmlLines(original)
        parser.feed(original)
        parser.close()
        lines = parser.lines
        for index in (parser.title_line, parser.h1_line):
            if html_title is None and index is not None and index < len(lines):
                html_title = "".join(
                    c[0] for c in _clean_block(_RawBlock("headline", list(lines[index].chars)), rules)
                )
                html_title = html_title or None
        del parser  # it holds the lines too
    else:
        lines = _text_lines(original)
    raw_blocks = _layout(lines, rules, original)
    del lines  # the lines' cached strings and lists: the blocks hold the characters now
    parts: list[str] = []
    offsets: list[int] = []
    ends: list[int] = []
    blocks: list[Block] = []
    length = 0
    title_guess: str | None = None
    fallback_title: str | None = None
    raw_blocks.reverse()  # consumed from the end: each raw block is freed once it is cleaned
    while raw_blocks:
        raw = raw_blocks.pop()
        chars = _clean_block(raw, rules)
        if not chars:
            continue
        if parts:
            a, b = _separator(original, ends[-1], chars[0][1])
            parts.append("\n\n")
            offsets.extend((a, b))
            ends.extend((a + 1, b + 1))
            length += 2
        block_text = "".join(c[0] for c in chars)
        parts.append(block_text)
        offsets.extend(c[1] for c in chars)
        ends.extend(c[2] for c in chars)
        blocks.append(Block(length, length + len(block_text), raw.kind))
        length += len(block_text)
        if raw.kind == "headline" and sum(1 for ch in block_text if is_han(ch)) >= 4:
            if raw.markdown_level == 1 and title_guess is None:
                title_guess = block_text
            if fallback_title is None:
                fallback_title = block_text
    text = "".join(parts)
    offsets.append(len(original))
    exact = all(e == s + 1 for s, e in zip(offsets, ends, strict=False))
    # A guess, so an over-long one (a page <title> of 400 characters) is cut to what a record may hold.
    guess = (html_title or title_guess or fallback_title or "")[: LIMITS.name_chars] or None
    return _Normalised(text, offsets, ends, blocks, guess, exact)


def normalise(original: str, *, html: bool = False) -> tuple[str, list[int], list[Block]]:
    """Layout-repaired analysis text for `original`, the offset of each of its characters in `original`
    (plus an end sentinel, len(original)), and its blocks. Pure: no file access."""
    result = _normalise_full(original, html=html)
    return result.text, result.offsets, result.blocks


# ---------------------------------------------------------------------------------------------------
# Files


def _doc_id(path: Path) -> str:
    name = path.name
    suffix = path.suffix
    if suffix.lower() in SUPPORTED_SUFFIXES:
        return name[: -len(suffix)]
    return path.stem


def _read_sidecar(path: Path, source: str) -> DocMeta:
    sidecar = path.with_name(_doc_id(path) + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return DocMeta()

    def bad(reason: str) -> IngestError:
        return IngestError(source, f"malformed sidecar {sidecar}: {reason}")

    try:
        with sidecar.open("rb") as fh:
            data = fh.read(MAX_SIDECAR_BYTES + 1)
    except OSError as exc:
        raise bad(f"cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_SIDECAR_BYTES:
        raise bad(f"larger than {MAX_SIDECAR_BYTES} bytes")
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise bad("not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise bad(f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    if not isinstance(content, dict):
        raise bad("not a JSON object")
    values: dict[str, str | None] = {}
    for key in ("date", "title", "source_url", "place"):
        value = content.get(key)
        if value is not None and not isinstance(value, str):
            raise bad(f"{key} must be a string or null")
        values[key] = (value.strip() or None) if isinstance(value, str) else None
        limit = LIMITS.text_chars if key == "source_url" else LIMITS.name_chars
        if len(values[key] or "") > limit:
            raise bad(f"{key} longer than {limit} characters (schemas/limits.toml)")
    day = values["date"]
    if day is not None:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            raise bad(f"date {day!r} is not YYYY-MM-DD")
        try:
            date.fromisoformat(day)
        except ValueError:
            raise bad(f"date {day!r} is not a calendar date") from None
    return DocMeta(date=day, title=values["title"], source_url=values["source_url"], place=values["place"])


def read_document(path: Path, source: str) -> IngestedDocument:
    """Read, decode and normalise one input file; raises IngestError with a one-line cause."""
    try:
        if path.is_dir():
            raise IngestError(source, "is a directory")
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError(source, "no such file or directory") from None
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise IngestError(source, f"file too large ({size} bytes > {MAX_FILE_BYTES})")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(source, f"file too large (more than {MAX_FILE_BYTES} bytes)")
    if not data.strip():
        raise IngestError(source, "empty file")
    try:
        original, encoding, replaced = _decode_bytes(data)
    except _DecodeProblem as exc:
        raise IngestError(source, str(exc)) from None
    if not original.strip():
        raise IngestError(source, "empty file")
    meta = _read_sidecar(path, source)
    html = path.suffix.lower() in HTML_SUFFIXES
    result = _normalise_full(original, html=html)
    if not result.text:
        raise IngestError(source, "empty file (no visible text)" if html else "empty file")
    return IngestedDocument(
        source=source,
        doc_id=_doc_id(path),
        original=original,
        text=result.text,
        offsets=tuple(result.offsets),
        blocks=tuple(result.blocks),
        encoding=encoding,
        meta=meta,
        title_guess=result.title_guess,
        char_ends=None if result.exact_ends else tuple(result.ends),
        warning=describe_replaced(replaced, encoding) if replaced else None,
    )


def _wanted(name: str) -> bool:
    lowered = name.lower()
    return (
        not name.startswith(".")
        and not lowered.endswith(SIDECAR_SUFFIX)
        and lowered.endswith(SUPPORTED_SUFFIXES)
    )


def iter_input_files(paths: Sequence[str]) -> Iterator[tuple[str, Path | None, IngestError | None]]:
    """Yield (source, path, None) for each input file, or (source, None, error) for a bad path.

    Files are taken as given; directories are walked recursively in sorted order for
    SUPPORTED_SUFFIXES (hidden entries and *.meta.json sidecars skipped)."""
    for given in paths:
        root = Path(given)
        if root.is_dir():
            found: list[tuple[tuple[str, ...], Path]] = []
            problems: list[OSError] = []
            for dirpath, dirnames, filenames in os.walk(root, onerror=problems.append):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in filenames:
                    if _wanted(name):
                        full = Path(dirpath) / name
                        found.append((full.relative_to(root).parts, full))
            for problem in problems:
                where = str(problem.filename) if problem.filename else given
                yield where, None, IngestError(where, f"cannot read directory: {problem.strerror or problem}")
            for _, full in sorted(found):
                yield str(full), full, None
        elif root.is_file():
            yield given, root, None
        elif root.exists():
            yield given, None, IngestError(given, "not a regular file")
        else:
            yield given, None, IngestError(given, "no such file or directory")
