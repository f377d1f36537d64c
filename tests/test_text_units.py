"""cadregraph.schemas.text_units: the one definition of a Chinese character, a sentence and clause end, and a
display column; and no other module keeps a copy of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cadregraph.pipeline.dates import extract_dates
from cadregraph.schemas.text_units import CLAUSE_ENDS, COUNT, HAN_CHAR, SENTENCE_ENDS, display_width, is_han

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("char", ["中", "〇", "㐀", "\uf900", "\U00020000", "\U0003134a"])
def test_chinese_characters(char: str) -> None:
    assert is_han(char) and HAN_CHAR.fullmatch(char)


@pytest.mark.parametrize("char", ["a", "1", "，", "。", "·", "ー", "가", "\u3006", "\U00031350"])
def test_not_chinese_characters(char: str) -> None:
    assert not is_han(char) and not HAN_CHAR.fullmatch(char)


def test_the_function_and_the_pattern_agree_on_every_character_of_the_planes_we_read() -> None:
    for code in [*range(0x3000, 0xFB00), *range(0x1FFF0, 0x20010), *range(0x31340, 0x31360)]:
        char = chr(code)
        assert is_han(char) == bool(HAN_CHAR.fullmatch(char)), hex(code)


def test_display_width_counts_wide_characters_twice_and_combining_marks_not_at_all() -> None:
    assert display_width("吴金华") == 6
    assert display_width("ＡＢ") == 4
    assert display_width("e\u0301") == 1
    assert display_width("平湖 2021") == 9


def test_a_semicolon_ends_a_clause_but_not_the_sentence_a_date_reads() -> None:
    assert "；" in CLAUSE_ENDS and "；" not in SENTENCE_ENDS
    assert set(SENTENCE_ENDS) <= set(CLAUSE_ENDS)
    found = [(d.text, d.value) for d in extract_dates("2020年7月，该镇被命名；9月，又获评。11月，", None)]
    # The year holds across ；, not across 。: the 11月 of the next sentence has none.
    assert found == [("2020年7月", "2020-07"), ("9月", "2020-09")]


def test_a_count_is_written_in_digits_or_chinese_numerals() -> None:
    count = re.compile(f"第?{COUNT}届")
    assert [count.fullmatch(s) is not None for s in ("十四届", "第13届", "第二〇届", "届", "第几届")] == [
        True,
        True,
        True,
        False,
        False,
    ]


def test_no_module_keeps_its_own_copy() -> None:
    copies = re.compile(r"\\u4e00|\\u3400|0x4E00|east_asian_width|\"。！？|百零〇\\{1,2}d")
    found = []
    for path in sorted([*REPO.glob("pipeline/**/*.py"), *REPO.glob("graph/**/*.py")]):
        name = path.relative_to(REPO).as_posix()
        if copies.search(path.read_text(encoding="utf-8")):
            found.append(name)
    assert found == []
