"""The units of Chinese text every layer counts in: a Chinese character, a sentence or clause end, a
column.

One definition of each, because the copies disagreed: a name rule took only U+4E00–U+9FFF as Chinese
while ingest also took Extension A (㐀), the compatibility ideographs and 〇 (二〇二一年); the date
scanner ended a sentence without ； and the relation splitter with it (both on purpose, so both are
named here: a sentence end and a clause end). Here (not in `pipeline/`) because the graph's
tables measure display width too, and `graph/` imports nothing from the pipeline but the records.
"""

from __future__ import annotations

import re
import unicodedata

# A Chinese character: the unified ideographs (the basic block, Extension A, Extensions B–H in the
# supplementary planes), the compatibility ideographs, and 〇, the ideographic zero of 二〇二一年.
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)
# The same as the body of a regex character class, to build patterns with: f"[{HAN}]{{2,4}}".
HAN = "".join(chr(low) if low == high else f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES)
HAN_CHAR = re.compile(f"[{HAN}]")

# What ends a sentence: full stops, question and exclamation marks. A date's year and month carry on
# until one (2020年7月，该镇被命名；9月，又获评: 9月 is 2020-09).
SENTENCE_ENDS = "。！？!?"
# What ends a clause the relation rules read as a unit: a sentence end, or the semicolon, which in this
# genre separates items with their own subject (…召开会议；吴金华主持) as a full stop would. A line
# break ends both where a splitter says so (headlines and bylines are lines of their own).
CLAUSE_ENDS = SENTENCE_ENDS + "；;"
# A count written in digits or Chinese numerals, as terms, sessions and anniversaries are numbered
# (十四届, 第六次, 75周年, 第一百期); a regex, to build patterns with: f"第{COUNT}次".
COUNT = "[一二三四五六七八九十百零〇\\d]+"


def is_han(char: str) -> bool:
    """Whether `char` (one character) is a Chinese character."""
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or any(low <= code <= high for low, high in HAN_RANGES)


def display_width(text: str) -> int:
    """Terminal columns: East Asian wide and fullwidth characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        for char in text
    )
