"""Dates in normalised Chinese news text, as ISO strings at the precision the text gives.

jionlp's `extract_time` was the starting point, but on the seed pages it also fires on "下午茶",
"一号会议室", "第一时间", "一亩三分地", "今天天爆满", reads "10年的运动员" as the year 2010 and
ignores that "12月28日" in a January article is last December. So the grammar here is our own, built
from the lexicon in `data/dates/lexicon.toml`; jionlp is kept for what it does well, the lunar calendar
of festivals ("2021年春节" -> 2021-02-12), and imported only when a festival is seen.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime
import io
import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from cadregraph.pipeline.figures import parse_chinese_number
from cadregraph.pipeline.lexicons import longest_first as _longest_first
from cadregraph.pipeline.lexicons import match_word_at as _match_word
from cadregraph.pipeline.lexicons import match_word_ending_at as _match_word_ending
from cadregraph.pipeline.lexicons import word_list
from cadregraph.pipeline.resources import checked_toml
from cadregraph.schemas.text_units import HAN, SENTENCE_ENDS, is_han

# How much farther a bare day ahead of the page's date counts than one behind it (`_nearest_month`).
_FUTURE_WEIGHT = 2
# A month/day with no year more than this far after the document date is read as last year's.
_FUTURE_TOLERANCE = datetime.timedelta(days=183)


@dataclass(frozen=True)
class DateMatch:
    """One time expression; `text == source[start:end]`; `value`/`end_value` are "YYYY[-MM[-DD]]"."""

    start: int
    end: int
    text: str
    value: str
    end_value: str | None = None


@dataclass(frozen=True)
class _Lexicon:
    relative_years: dict[str, int]
    relative_months: dict[str, int]
    relative_days: dict[str, int]
    relative_days_needing_part: dict[str, int]
    relative_year_words: tuple[str, ...]
    relative_month_words: tuple[str, ...]
    named_months: dict[str, int]
    named_month_words: tuple[str, ...]
    lunar_markers: tuple[str, ...]
    lunar_year: re.Pattern[str]
    relative_day_words: tuple[str, ...]
    relative_day_words_needing_part: tuple[str, ...]
    context_relative_years: dict[str, int]
    context_relative_year_words: tuple[str, ...]
    anaphoric_days: dict[str, int]
    anaphoric_day_words: tuple[str, ...]
    anaphoric_day_blockers: frozenset[str]
    anaphoric_across_paragraphs: frozenset[str]
    anaphoric_across_followers: tuple[str, ...]
    anaphoric_paragraph_opener_blockers: tuple[str, ...]
    report_relative_years: frozenset[str]
    bare_year_parts: frozenset[str]
    bare_year_parts_after: tuple[str, ...]
    bare_year_part_idiom_followers: tuple[str, ...]
    bare_month_parts: tuple[str, ...]
    bare_month_parts_after: tuple[str, ...]
    day_word_followers: tuple[str, ...]
    day_parts: tuple[str, ...]
    month_parts: tuple[str, ...]
    year_parts: tuple[str, ...]
    single_char_part_blockers: frozenset[str]
    range_joiners: tuple[str, ...]
    bare_word_month_blockers: tuple[str, ...]
    range_start_marks: tuple[str, ...]
    span_start_prefixes: tuple[str, ...]
    span_start_suffixes: tuple[str, ...]
    span_suffix_blockers: tuple[str, ...]
    until_now: tuple[str, ...]
    recurring_prefixes: tuple[str, ...]
    comparison_markers: tuple[str, ...]
    festivals: tuple[str, ...]
    festival_dots: tuple[str, ...]
    festival_blockers: tuple[str, ...]
    recent_years_prefixes: tuple[str, ...]
    recent_years_suffixes: tuple[str, ...]
    recent_years_suffix_blockers: tuple[str, ...]
    recent_years_approx_markers: tuple[str, ...]
    recent_years_clause_openers: frozenset[str]
    recent_years_duration_followers: tuple[str, ...]
    recent_years_clause_closers: tuple[str, ...]
    recent_years_span_prefixes: frozenset[str]
    recent_years_vague_counts: tuple[str, ...]
    subject_day_blockers_before: tuple[str, ...]
    subject_day_blockers_after: frozenset[str]
    clause_day_closers: tuple[str, ...]
    weather_words: tuple[str, ...]
    bracketed_days: dict[str, int]
    labels: tuple[str, ...]
    weekdays: tuple[tuple[str, ...], ...]  # each weekday's names, longest first
    weekday_openers: frozenset[str]  # the characters a weekday's name opens with: most positions hold none
    dateline_openers: tuple[str, ...]
    wire_day_marks: tuple[str, ...]
    dateline_window: int
    wire_place_chars: int
    wire_dateline_chars: int
    wire_agency_endings: frozenset[str]
    weekday_blockers: frozenset[str]
    future_cues_before: tuple[str, ...]
    future_cues_after: tuple[str, ...]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    with checked_toml("dates", "lexicon.toml") as raw:
        words, furniture, subject_day = raw["words"], raw["document_date"], raw["subject_day"]
        return _Lexicon(
            relative_years=dict(raw["relative_years"]),
            relative_months=dict(raw["relative_months"]),
            relative_days=dict(raw["relative_days"]),
            relative_days_needing_part=dict(raw["relative_days_needing_part"]),
            relative_year_words=_longest_first(raw["relative_years"]),
            relative_month_words=_longest_first(raw["relative_months"]),
            named_months=dict(raw["named_months"]),
            named_month_words=_longest_first(raw["named_months"]),
            lunar_markers=_longest_first(raw["lunar"]["markers"]),
            lunar_year=re.compile(f"[{raw['lunar']['stems']}][{raw['lunar']['branches']}]年$"),
            relative_day_words=_longest_first(raw["relative_days"]),
            relative_day_words_needing_part=_longest_first(raw["relative_days_needing_part"]),
            context_relative_years=dict(raw["context_relative_years"]),
            context_relative_year_words=_longest_first(raw["context_relative_years"]),
            anaphoric_days=dict(raw["anaphoric_days"]),
            anaphoric_day_words=_longest_first(raw["anaphoric_days"]),
            anaphoric_day_blockers=frozenset(raw["anaphoric_day_blockers"]["before"]),
            anaphoric_across_paragraphs=frozenset(raw["anaphoric_across_paragraphs"]["words"]),
            anaphoric_across_followers=_longest_first(raw["anaphoric_across_paragraphs"]["followers"]),
            anaphoric_paragraph_opener_blockers=_longest_first(
                raw["anaphoric_across_paragraphs"]["paragraph_opener_blockers"]
            ),
            report_relative_years=frozenset(raw["report_relative_years"]["words"]),
            bare_year_parts=frozenset(raw["bare_year_parts"]["words"]),
            bare_year_parts_after=_longest_first(raw["bare_year_parts"]["after"]),
            bare_year_part_idiom_followers=_longest_first(raw["bare_year_parts"]["idiom_followers"]),
            bare_month_parts=_longest_first(raw["bare_month_parts"]["words"]),
            bare_month_parts_after=_longest_first(raw["bare_month_parts"]["after"]),
            day_word_followers=_longest_first(raw["day_word_followers"]["words"]),
            day_parts=_longest_first(words["day_parts"]),
            month_parts=_longest_first(words["month_parts"]),
            year_parts=_longest_first(words["year_parts"]),
            single_char_part_blockers=frozenset(words["single_char_part_blockers"]),
            range_joiners=_longest_first(words["range_joiners"]),
            bare_word_month_blockers=_longest_first(words["bare_word_month_blockers"]),
            range_start_marks=_longest_first(words["range_start_marks"]),
            span_start_prefixes=_longest_first(words["span_start_prefixes"]),
            span_start_suffixes=_longest_first(words["span_start_suffixes"]),
            span_suffix_blockers=_longest_first(words["span_suffix_blockers"]),
            until_now=_longest_first(words["until_now"]),
            recurring_prefixes=_longest_first(words["recurring_prefixes"]),
            comparison_markers=_longest_first(words["comparison_markers"]),
            festivals=_longest_first(words["festivals"]),
            festival_dots=tuple(words["festival_dots"]),
            festival_blockers=_longest_first(words["festival_blockers"]),
            recent_years_prefixes=_longest_first(words["recent_years_prefixes"]),
            recent_years_suffixes=_longest_first(words["recent_years_suffixes"]),
            recent_years_suffix_blockers=_longest_first(words["recent_years_suffix_blockers"]),
            recent_years_approx_markers=_longest_first(words["recent_years_approx_markers"]),
            recent_years_clause_openers=frozenset(words["recent_years_clause_openers"]),
            recent_years_duration_followers=_longest_first(words["recent_years_duration_followers"]),
            recent_years_clause_closers=_longest_first(words["recent_years_clause_closers"]),
            recent_years_span_prefixes=frozenset(words["recent_years_span_prefixes"]),
            recent_years_vague_counts=_longest_first(words["recent_years_vague_counts"]),
            subject_day_blockers_before=_longest_first(subject_day["blockers_before"]),
            subject_day_blockers_after=frozenset(subject_day["blockers_after"]),
            clause_day_closers=_longest_first(subject_day["clause_day_closers"]),
            weather_words=_longest_first(raw["weather"]["words"]),
            bracketed_days=dict(raw["bracketed_day_words"]),
            labels=_longest_first(furniture["labels"]),
            weekdays=tuple(_longest_first(names) for names in furniture["weekdays"]),
            weekday_openers=frozenset(name[0] for names in furniture["weekdays"] for name in names),
            dateline_openers=_longest_first(
                [*furniture["dateline_openers"], *word_list("dateline_agencies.txt")]
            ),
            wire_day_marks=_longest_first(furniture["wire_day_marks"]),
            dateline_window=int(furniture["dateline_window"]),
            wire_place_chars=int(furniture["wire_place_chars"]),
            wire_dateline_chars=int(furniture["wire_dateline_chars"]),
            wire_agency_endings=frozenset(furniture["wire_agency_endings"]),
            weekday_blockers=frozenset(furniture["weekday_blockers"]),
            future_cues_before=_longest_first(furniture["future_cues_before"]),
            future_cues_after=_longest_first(furniture["future_cues_after"]),
        )


_CN_DIGIT = "〇零一二三四五六七八九"
# The zero of a year in Chinese numerals is also typeset as a circle, a letter O or the digit 0 (二○二一年,
# OCR'd 二O二一年, 某基金二0二一年年度报告: typed announcements).
_CN_ZEROS = "○O0"
_CN_DIGIT_VALUE = {ch: max(0, index - 1) for index, ch in enumerate(_CN_DIGIT)} | dict.fromkeys(_CN_ZEROS, 0)
_CN_YEAR_DIGIT = _CN_DIGIT + _CN_ZEROS
_YEAR_RX = re.compile(r"(?<![\d.])((?:19|20)\d{2}|[" + _CN_YEAR_DIGIT + r"]{4}) ?年")
_MONTH_RX = re.compile(r"(?<![\d.])(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]) ?月份?")
# A day of the month, in Arabic or Chinese numerals.
_DAY_NUMBER = (
    r"(3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
)
_DAY_RX = re.compile(r"(?<![\d.])" + _DAY_NUMBER + r" ?[日号]")
# The days of a range written once with 日 ("24—28日", "12至15日"), after its month.
_DAY_RANGE_RX = re.compile(_DAY_NUMBER + r" ?(?:—+|[-－~～至到]) ?" + _DAY_NUMBER + r" ?[日号]")
# A day with no month in front ("26日党代表报到") is a date only in Arabic or with 十, and only with 日.
_BARE_DAY_RX = re.compile(
    r"(?<![\d.])(3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?)日"
)
_RECENT_YEARS_RX = re.compile(r"(?<![\d.])(\d{1,2}|[一二两三四五六七八九十]{1,3}) ?年")
# The count of years alone, for "40多年来": an approximation marker stands between it and 年.
_RECENT_COUNT_RX = re.compile(r"(?<![\d.])(\d{1,2}|[一二两三四五六七八九十]{1,3})")
_YEAR_RANGE_RX = re.compile(r"(?<![\d.])((?:19|20)\d{2}) ?[-—－~～至到] ?((?:19|20)\d{2}) ?年")
_MONTH_RANGE_RX = re.compile(
    r"(?<![\d.])(1[0-2]|0?[1-9]) ?[-—－~～至到] ?(1[0-2]|0?[1-9]) ?月(?!份?[\d一二三四五六七八九十])"
)
_ISO_RX = re.compile(r"(?<![\d.])((?:19|20)\d{2})([-/.])(1[0-2]|0?[1-9])\2(3[01]|[12]\d|0?[1-9])(?![\d])日?")
# Page furniture with two two-digit numbers, one separator and a four-digit year: day first, "21.08.2014
# 19:49", "21/06/2017" (Hong Kong pages), or month first, "10/12/2011 13:31:00" (US-style site templates);
# `_day_month_value` chooses.
_DMY_RX = re.compile(r"(?<![\d./])(\d{2})([./])(\d{2})\2((?:19|20)\d{2})(?![\d./])")
_BRACKETED_DAY_RX = re.compile(r"[（(] ?" + _DAY_NUMBER + r" ?[）)] ?日")
_CN_FULL_DATE_RX = re.compile(
    r"((?:19|20)\d{2}|["
    + _CN_YEAR_DIGIT
    + r"]{4}) ?年 ?(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]) ?月 ?"
    r"(3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]) ?[日号]"
)
# Digits only, the 年/月/日 lost: an optional year, then a month and a day in three or four digits.
_COMPACT_RX = re.compile(r"(?<![\d.])((?:19|20)\d{2})?(\d{3,4})(?![\d.])")
_WIRE_DAY_RX = re.compile(r"(3[01]|[12]\d|0?[1-9])日电")
# A wire dateline's month and day with 日 left out before 电 (香港新聞網6月30電, read in Simplified).
_WIRE_MONTH_DAY_RX = re.compile(r"(1[0-2]|0?[1-9])月(3[01]|[12]\d|0?[1-9])电")
_HAN_RX = re.compile(f"[{HAN}]")
# A date's context (the year and month a bare 5日 takes) lasts until the sentence ends.
_SENTENCE_END = SENTENCE_ENDS + "\n"


def _year_number(raw: str) -> int:
    if raw.isdigit() and raw.isascii():
        return int(raw)
    return int("".join(str(_CN_DIGIT_VALUE[ch]) for ch in raw))


def _small_number(raw: str) -> int | None:
    if raw.isascii():
        return int(raw)
    return parse_chinese_number(raw)


@dataclass(frozen=True)
class _Parsed:
    """A time expression before it is resolved against the document date."""

    start: int
    end: int
    year: int | None = None
    year_offset: int | None = None  # relative to the document year
    context_year_offset: int | None = None  # relative to the year in context ("次年")
    month: int | None = None
    month_offset: int | None = None  # relative to the document month
    day: int | None = None
    day_offset: int | None = None  # relative to the document date
    festival: str | None = None


def _past_spaces(text: str, pos: int) -> int:
    """Past the spaces an OCR'd page leaves inside a date ("2021 年 12 月 20 日", "12月 20日")."""
    while pos < len(text) and text[pos] in " \u3000":
        pos += 1
    return pos


def _part(text: str, pos: int, parts: tuple[str, ...], lex: _Lexicon) -> int:
    """End of a part word ("上旬", "底", "上午") at `pos`, or `pos` when there is none."""
    word = _match_word(text, pos, parts)
    if word is None:
        return pos
    after = pos + len(word)
    if len(word) == 1 and after < len(text) and text[after] in lex.single_char_part_blockers:
        return pos  # "2021年初步建成"
    return after


def _month_day(
    text: str, pos: int, lex: _Lexicon, after_year: bool = False, range_end: bool = False
) -> tuple[int, int | None, int] | None:
    """Month, optional day and end of "12月20日晚" / "3月" / "6月上旬" at `pos`; `range_end` for the second end
    of a range (五月至七月), which the first end already makes a date."""
    if _lunar_at(text, pos, lex):
        return None  # 农历辛丑年十一月十八
    named = _match_word(text, pos, lex.named_month_words)
    if named is not None:
        return _named_month_day(text, pos, named, lex, after_year)
    month_match = _MONTH_RX.match(text, pos)
    if month_match is None:
        return None
    month = _small_number(month_match.group(1))
    if month is None or not 1 <= month <= 12:
        return None
    end = month_match.end()
    day_match = _DAY_RX.match(text, _past_spaces(text, end))
    if day_match is not None:
        day = _small_number(day_match.group(1))
        if day is None:
            return None
        return month, day, _part(text, day_match.end(), lex.day_parts, lex)
    if not month_match.group(1).isascii() and text[end : end + 1] in _CN_DIGIT + "两":
        return None  # 一月一调度, 一季度一观摩: one per month, a rhythm, not the month of January
    part_end = _part(text, end, lex.month_parts, lex)
    if (
        not after_year
        and not range_end
        and not month_match.group(1).isascii()
        and not month_match.group(0).endswith("份")
        and part_end == end
        and _match_word(text, end, lex.bare_word_month_blockers) is not None
    ):
        return None  # 五月你最美: a season in a title, no date
    return month, None, part_end


def _lunar_at(text: str, pos: int, lex: _Lexicon) -> bool:
    """A month at `pos` right after 农历, or after 农历 and a sexagenary year (农历辛丑年), is a lunar month."""
    before = text[max(0, pos - 8) : pos]
    found = lex.lunar_year.search(before)
    if found is not None:
        before = before[: found.start()]
    return before.endswith(lex.lunar_markers)


def _named_month_day(
    text: str, pos: int, word: str, lex: _Lexicon, after_year: bool
) -> tuple[int, int | None, int] | None:
    """元月三日, 2021年元月: a named month, read only with a day after it or a year before it."""
    end = pos + len(word)
    day_match = _DAY_RX.match(text, _past_spaces(text, end))
    if day_match is not None and (day := _small_number(day_match.group(1))) is not None:
        return lex.named_months[word], day, _part(text, day_match.end(), lex.day_parts, lex)
    if not after_year:
        return None
    return lex.named_months[word], None, _part(text, end, lex.month_parts, lex)


def _parse_core(
    text: str, pos: int, lex: _Lexicon, allow_bare_day: bool, range_end: bool = False
) -> _Parsed | None:
    """One date at `pos`: year-led, month-led, relative word, or (when allowed) a bare day; `range_end` when
    it is the second end of a range."""
    year_match = _YEAR_RX.match(text, pos)
    relative_year = None if year_match else _match_word(text, pos, lex.relative_year_words)
    if relative_year in lex.bare_year_parts and not _bare_year_part_stands(text, pos, relative_year, lex):
        relative_year = None  # 多年初心, 新年初一, 年末岁尾
    context_year = _match_word(text, pos, lex.context_relative_year_words)
    if year_match is not None or relative_year is not None or context_year is not None:
        if year_match is not None:
            parsed = _Parsed(pos, year_match.end(), year=_year_number(year_match.group(1)))
        elif relative_year is not None:
            parsed = _Parsed(pos, pos + len(relative_year), year_offset=lex.relative_years[relative_year])
        else:
            assert context_year is not None
            offset = lex.context_relative_years[context_year]
            parsed = _Parsed(pos, pos + len(context_year), context_year_offset=offset)
        month_day = _month_day(text, _past_spaces(text, parsed.end), lex, after_year=True)
        if month_day is not None:
            month, day, end = month_day
            return replace(parsed, end=end, month=month, day=day)
        festival = _match_word(text, parsed.end, lex.festivals)
        if festival is not None and _match_word(text, parsed.end + len(festival), lex.festival_blockers) is None:
            undotted = "".join(ch for ch in festival if ch not in lex.festival_dots)
            return replace(parsed, end=parsed.end + len(festival), festival=undotted)
        return replace(parsed, end=_part(text, parsed.end, lex.year_parts, lex))
    month_day = _month_day(text, pos, lex, range_end=range_end)
    if month_day is not None:
        month, day, end = month_day
        return _Parsed(pos, end, month=month, day=day)
    word = _match_word(text, pos, lex.relative_month_words)
    if word is not None:
        day_match = _DAY_RX.match(text, pos + len(word))  # 本月25日
        if day_match is not None and (day := _small_number(day_match.group(1))) is not None:
            end = _part(text, day_match.end(), lex.day_parts, lex)
            return _Parsed(pos, end, month_offset=lex.relative_months[word], day=day)
        end = _part(text, pos + len(word), lex.month_parts, lex)  # 上月底, 本月中旬
        return _Parsed(pos, end, month_offset=lex.relative_months[word])
    word = _match_word(text, pos, lex.relative_day_words)
    if word is not None:
        end = _part(text, pos + len(word), lex.day_parts, lex)
        return _Parsed(pos, end, day_offset=lex.relative_days[word])
    word = _match_word(text, pos, lex.relative_day_words_needing_part)
    if word is not None:
        end = _part(text, pos + len(word), lex.day_parts, lex)
        weather = _match_word(text, end, lex.weather_words) is not None  # "今天多云到晴"
        followed = _match_word(text, end, lex.day_word_followers) is not None and not text.endswith("的", 0, pos)
        if end > pos + len(word) or weather or followed or _adverbial_day(text, pos, end, lex):
            return _Parsed(pos, end, day_offset=lex.relative_days_needing_part[word])
        return None
    if allow_bare_day:
        day_match = _BARE_DAY_RX.match(text, pos)
        if day_match is not None:
            day = _small_number(day_match.group(1))
            if day is not None:
                return _Parsed(pos, _part(text, day_match.end(), lex.day_parts, lex), day=day)
    return None


def _bare_year_part_stands(text: str, pos: int, word: str, lex: _Lexicon) -> bool:
    """年底 at `pos` is the part of a year only at a clause's start or after a word that places it (临近, 截至,
    到): 多年初心, 新年初一, 青年初创 end other words; 年末岁尾 is an idiom for the season."""
    if _match_word(text, pos + len(word), lex.bare_year_part_idiom_followers) is not None:
        return False
    return _stands_alone(text, pos, lex.bare_year_parts_after)


def _stands_alone(text: str, pos: int, placers: tuple[str, ...]) -> bool:
    """A part word without its year or month (年底, 月底) at `pos` opens a clause (after punctuation, a space
    or the text's start) or follows a word that places it (临近, 截至, 于)."""
    return pos == 0 or not is_han(text[pos - 1]) or _match_word_ending(text, pos, placers) is not None


def _adverbial_day(text: str, pos: int, end: int, lex: _Lexicon) -> bool:
    """ "(记者 林洁)今天,广东省团校举行…": a day word opening a clause with a comma after it is the time of
    what follows, not "nowadays" (今天的平湖)."""
    opens = pos == 0 or text[pos - 1] in _CLAUSE_OPENERS or text[pos - 1] in "）)"
    return opens and _match_word(text, end, lex.clause_day_closers) is not None


@dataclass(frozen=True)
class _Context:
    """What resolving a date may lean on: the document date and earlier dates in the same sentence."""

    doc_date: datetime.date | None
    year: int | None  # the last explicit year in this sentence
    month: tuple[int, int] | None  # the last (year, month) in this sentence


def _festival_day(year: int, festival: str) -> datetime.date | None:
    """Gregorian date of a festival in `year`, via jionlp's lunar calendar (slow import, so lazy)."""
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp

    root = logging.getLogger()
    was_disabled = root.disabled
    root.disabled = True  # jionlp logs tracebacks for strings it cannot parse
    try:
        parsed = jionlp.parse_time(f"{year}年{festival}", time_base={"year": year, "month": 1, "day": 1})
    except (ValueError, TypeError, KeyError):
        return None
    finally:
        root.disabled = was_disabled
    try:
        return datetime.date.fromisoformat(parsed["time"][0][:10])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO string at the given precision, None for an impossible date (2月30日)."""
    if not 1900 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _resolve(
    parsed: _Parsed, context: _Context, start_of: _Parsed | None = None
) -> tuple[str, int, int | None] | None:
    """ISO value of a parsed expression, plus its (year, month) for later context; None if unknowable.

    `start_of` is the start of a range whose end this is ("12月26日至29日"): missing parts come from it.
    """
    doc = context.doc_date
    if parsed.day_offset is not None:
        if doc is None:
            return None
        shifted = doc + datetime.timedelta(days=parsed.day_offset)
        return shifted.isoformat(), shifted.year, shifted.month
    if parsed.month_offset is not None:
        if doc is None:
            return None
        index = doc.year * 12 + doc.month - 1 + parsed.month_offset
        value = _iso(index // 12, index % 12 + 1, parsed.day)
        return (value, index // 12, index % 12 + 1) if value is not None else None
    month, day = parsed.month, parsed.day
    if start_of is not None and month is None and day is not None:
        month = start_of.month
    if month is None and day is not None and context.month is not None:
        year, month = context.month  # "26日党代表报到" after "12月26日至29日"
    elif parsed.year is not None:
        year = parsed.year
    elif parsed.year_offset is not None:
        if doc is None:
            return None
        year = doc.year + parsed.year_offset
    elif parsed.context_year_offset is not None:
        known = start_of.year if start_of is not None else context.year
        if known is None:
            return None
        year = known + parsed.context_year_offset
    elif start_of is not None and start_of.year is not None:
        year = start_of.year
    elif context.year is not None:
        year = context.year
    elif doc is not None and month is not None:
        year = doc.year
        if datetime.date(year, month, min(day or 1, 28)) - doc > _FUTURE_TOLERANCE:
            year -= 1  # "12月28日" in a January article
    else:
        return None
    if month is None and day is not None:
        return None
    if parsed.festival is not None:
        festival_day = _festival_day(year, parsed.festival)
        if festival_day is None:
            return None
        return festival_day.isoformat(), festival_day.year, festival_day.month
    value = _iso(year, month, day)
    return (value, year, month) if value is not None else None


_SENTENCE_END_RX = re.compile("[" + re.escape(_SENTENCE_END) + "]")


def _sentence_index(text: str) -> list[int]:
    return [found.start() for found in _SENTENCE_END_RX.finditer(text)]


@lru_cache(maxsize=1)
def _start_rx() -> re.Pattern[str]:
    """The characters a date can start with: a digit, a Chinese numeral, or the first character of a
    lexicon word `_date_at` tries at its position (a prefix, a relative word, a bracketed day's word,
    a weekday).
    Every other position is skipped without trying the grammar (most of a page: about 15% of the CPU
    when each character was tried)."""
    lex = _lexicon()
    words = (
        *lex.span_start_prefixes,
        *lex.recent_years_prefixes,
        *lex.relative_year_words,
        *lex.context_relative_year_words,
        *lex.relative_month_words,
        *lex.named_month_words,
        *lex.relative_day_words,
        *lex.relative_day_words_needing_part,
        *lex.bracketed_days,
        *lex.anaphoric_day_words,
        *(name for names in lex.weekdays for name in names),
    )
    if not all(words) or not all(lex.bare_month_parts):
        return re.compile(r"(?s).")  # an empty word matches anywhere: try every position
    chars = set(_CN_DIGIT + "十两") | {word[0] for word in words}
    # the bare parts of a month (月底, 中旬) as whole words: their first characters (月, 中) open 中共, 中国…
    parts = "".join(f"|{re.escape(word)}" for word in lex.bare_month_parts)
    return re.compile(r"\d|[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]" + parts)


def extract_dates(text: str, doc_date: datetime.date | None) -> list[DateMatch]:
    """Every date in `text`, left to right, without overlaps; relative ones need `doc_date` or context."""
    return scan_dates(text, doc_date, _start_rx())


def scan_dates(text: str, doc_date: datetime.date | None, starts: re.Pattern[str]) -> list[DateMatch]:
    """`extract_dates`, trying the grammar only where `starts` matches (tests pass every character, to
    check that the prefilter skips no date)."""
    lex = _lexicon()
    ends = _sentence_index(text)
    next_start = starts.search
    dates: list[DateMatch] = []
    sentence = -1
    context = _Context(doc_date, None, None)
    last_day: DateMatch | None = None  # the last single day found, for "当天"
    last_told: DateMatch | None = None  # the last single day found that no plan sets (将于, 决定)
    earlier_month: tuple[int, int] | None = None  # the last (year, month) named anywhere before
    fixed_weekdays: dict[int, DateMatch] = {}  # weekday -> the day a "(周日)" after a date fixed
    title_end = text.find("\n")  # the headline of a text of several lines ends there
    wire_day: datetime.date | None = None  # the day of a wire dateline (6月17日电), which 今天 after it means
    pos = 0
    while (candidate := next_start(text, pos)) is not None:
        pos = candidate.start()
        here = bisect.bisect_left(ends, pos)
        if here != sentence:
            sentence, context = here, _Context(doc_date, None, None)
        match = _anaphoric_day_at(text, pos, lex, _anaphor_anchor(text, pos, lex, last_day, last_told)) or _weekday_at(
            text, pos, lex, dates[-1] if dates else None, fixed_weekdays
        )
        if match is not None:
            pos = match.end
        else:
            step = _date_at(text, pos, lex, context, earlier_month, in_title=pos < title_end)
            if step is None:
                pos += 1
                continue
            match, context, pos = step
            if match is None:
                earlier_month = None  # a time we cannot place ("今年3月" with no document date) came last
        if match is not None:
            match = _in_reported_year(text, match, lex, dates)
            if wire_day is not None and doc_date is not None:
                match = _from_wire_day(match, wire_day, doc_date, lex)
            if wire_day is None and _opens_wire_report(text, match, lex):
                wire_day = datetime.date.fromisoformat(match.value)
            dates.append(match)
            if len(match.value) >= len("2021-12"):
                earlier_month = int(match.value[:4]), int(match.value[5:7])
            if len(match.value) == len("2021-12-20") and match.end_value is None:
                last_day = match
                if _match_word_ending(text, match.start, lex.future_cues_before) is None:
                    last_told = match
    return dates


def _anaphor_anchor(
    text: str, pos: int, lex: _Lexicon, last_day: DateMatch | None, last_told: DateMatch | None
) -> DateMatch | None:
    """The day a 当天 at `pos` may mean: 当天上午举行 after "11月10日,…会议决定11月28日召开…" (r07) is the
    10th, as a day a plan sets is not the day a later sentence tells of; in the plan's own sentence, or in
    a plan again (将于同日宣誓就职 after 将于本月20日公布, e01), it is the planned day."""
    if (
        last_told is None
        or last_day is None
        or _match_word_ending(text, pos, lex.future_cues_before) is not None
        or _SENTENCE_END_RX.search(text, last_day.end, pos) is None
    ):
        return last_day
    return last_told


def _opens_wire_report(text: str, match: DateMatch, lex: _Lexicon) -> bool:
    """本报嘉积6月17日电: a day right before 电 is the day the report was filed — only in a dateline, where
    an agency and a short place come before the day (新华社北京, 本报嘉积), or the place alone opens the line
    and 电 ends the word (蘭州6月14日電(記者…); 截至12月18日电费 is a fee)."""
    if match.end_value is not None or len(match.value) != len("2021-12-20"):
        return False
    mark = _match_word(text, match.end, lex.wire_day_marks)
    if mark is None:
        return False
    run = match.start  # the run of Han characters right before the day: agency and place
    while run > 0 and match.start - run < lex.wire_dateline_chars and is_han(text[run - 1]):
        run -= 1
    head = text[run : match.start]
    agency_end = max((head.rfind(ch) for ch in lex.wire_agency_endings), default=-1)
    # 本报讯截至…: a complete opener (本报讯, 本报消息) ending past the agency's last character leaves no place
    opener_past_agency = any(
        o in head and head.find(o) + len(o) > agency_end + 1 for o in lex.dateline_openers
    )
    if agency_end >= 0 and len(head) - agency_end - 1 <= lex.wire_place_chars and not opener_past_agency:
        return True
    after = match.end + len(mark)
    at_line_start = run == 0 or text[run - 1] in "\n \u3000】]）)"
    return (
        at_line_start
        and len(head) <= lex.wire_place_chars
        and not (after < len(text) and is_han(text[after]))
    )


def _from_wire_day(match: DateMatch, wire_day: datetime.date, doc: datetime.date, lex: _Lexicon) -> DateMatch:
    """今天下午 after 本报嘉积6月17日电 in the paper of 6月18日 (q06) is the 17th: a relative day word of a wire
    report counts from the day the report was filed, not from the day the paper came out."""
    if wire_day == doc or match.end_value is not None or len(match.value) != len("2021-12-20"):
        return match
    words = (*lex.relative_day_words, *lex.relative_day_words_needing_part)
    if _match_word(match.text, 0, words) is None:
        return match
    shifted = datetime.date.fromisoformat(match.value) + (wire_day - doc)
    return replace(match, value=shifted.isoformat())


def _in_reported_year(text: str, match: DateMatch, lex: _Lexicon, earlier: list[DateMatch]) -> DateMatch:
    """上年 after "1999年," in the same paragraph is 1998: a report's year word counts from the year the
    paragraph reports on (the last one named before it, written out or 今年/去年), not from the publication."""
    word = next((w for w in lex.report_relative_years if match.text.startswith(w)), None)
    if word is None or match.end_value is not None:
        return match
    paragraph = text.rfind("\n", 0, match.start)
    named = next(
        (
            d
            for d in reversed(earlier)
            if d.start > paragraph
            and not d.text.startswith(tuple(lex.report_relative_years))
            and (_YEAR_RX.search(d.text) or _match_word(d.text, 0, lex.relative_year_words))
        ),
        None,
    )
    if named is None:
        return match
    year = int((named.end_value or named.value)[:4]) + lex.relative_years[word]
    return replace(match, value=f"{year:04d}{match.value[4:]}")


def _weekday_at(
    text: str, pos: int, lex: _Lexicon, previous: DateMatch | None, fixed: dict[int, DateMatch]
) -> DateMatch | None:
    """ "本月25日(周日)": a weekday in brackets right after a day that falls on it is that day; the same
    weekday named again later in the document ("梁振英周日前往北京") is the day the bracket fixed."""
    if text[pos : pos + 1] not in lex.weekday_openers or (pos > 0 and text[pos - 1] in lex.weekday_blockers):
        return None
    for index, names in enumerate(lex.weekdays):
        word = _match_word(text, pos, names)  # longest first already
        if word is None:
            continue
        end = pos + len(word)
        if (
            previous is not None
            and _bracketed_after(text, previous.end, pos, end)
            and len(previous.value) == len("2021-12-20")
            and previous.end_value is None
            and datetime.date.fromisoformat(previous.value).weekday() == index
        ):
            fixed[index] = DateMatch(pos, end, word, previous.value)
            return fixed[index]
        if index in fixed:
            return DateMatch(pos, end, word, fixed[index].value)
        return None
    return None


def _bracketed_after(text: str, previous_end: int, start: int, end: int) -> bool:
    """text[start:end] stands in brackets right after `previous_end`: "25日(周日)", "25日 （周日）"."""
    if not 0 < start - previous_end <= 3:
        return False
    before = text[previous_end:start].replace(" ", "").replace("\u3000", "")
    return before in {"(", "（"} and text[end : end + 1] in {")", "）"}


def _anaphoric_day_at(text: str, pos: int, lex: _Lexicon, last_day: DateMatch | None) -> DateMatch | None:
    """ "当天", "当日下午": the day last named in the same paragraph (no line break since), shifted; 同日 and
    the like mean nothing else, so they reach back to the day last named in an earlier paragraph."""
    word = _match_word(text, pos, lex.anaphoric_day_words)
    if word is None or last_day is None:
        return None
    if (
        word not in lex.anaphoric_across_paragraphs
        and not _a_time_of_that_day(text, pos + len(word), lex)
        and not _opens_paragraph(text, pos, pos + len(word), lex)
        and "\n" in text[last_day.end : pos]
    ):
        return None
    if pos > 0 and text[pos - 1] in lex.anaphoric_day_blockers:
        return None
    day = datetime.date.fromisoformat(last_day.value) + datetime.timedelta(days=lex.anaphoric_days[word])
    end = _part(text, pos + len(word), lex.day_parts, lex)
    return DateMatch(pos, end, text[pos:end], day.isoformat())


def _opens_paragraph(text: str, pos: int, end: int, lex: _Lexicon) -> bool:
    """當日培訓班上,… (q04) opening a paragraph: a time topic heading the paragraph's news, so it reaches back
    to the day an earlier paragraph named — unless a trip follows (当天往返: "the same day", no day)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return (
        line_start > 0
        and not text[line_start:pos].strip()
        and _match_word(text, end, lex.anaphoric_paragraph_opener_blockers) is None
    )


# A clock time after a day word: 7时, 八時, 16点 (read on the Simplified text: 時 is 时 there).
_CLOCK_TIME = re.compile(f"[\\d{_CN_DIGIT}十]{{1,3}}[时点]")


def _a_time_of_that_day(text: str, end: int, lex: _Lexicon) -> bool:
    """当晚7时, 当天上午, 当日的升旗仪式: the anaphor names a time of a day or that day's event, which only a
    day named before can be; 当天往返 ("there and back the same day") is none."""
    return (
        _match_word(text, end, lex.day_parts) is not None
        or _match_word(text, end, lex.anaphoric_across_followers) is not None
        or _CLOCK_TIME.match(text, end) is not None
    )


# What a scan step found: the date (None when it parsed but cannot be resolved), the context after it,
# and where scanning resumes. An unresolvable "次年3月" is skipped whole, so "3月" is not read alone.
_Step = tuple[DateMatch | None, _Context, int]


def _date_at(
    text: str,
    pos: int,
    lex: _Lexicon,
    context: _Context,
    earlier_month: tuple[int, int] | None = None,
    *,
    in_title: bool = False,
) -> _Step | None:
    if pos > 0 and (text[pos - 1].isdigit() or text[pos - 1] in _CN_DIGIT + "十"):
        return None  # inside a longer number
    if _match_word_ending(text, pos, lex.recurring_prefixes) is not None:
        return None  # "每月19日", "每年"
    for special in _SPECIAL_FORMS:
        found = special(text, pos, lex, context)
        if found is not None:
            return found[0], found[1], found[0].end
    prefix = _match_word(text, pos, lex.span_start_prefixes)
    core_at = pos + len(prefix) if prefix else pos
    after_dateline = context.month is None and _after_dateline(text, core_at, lex)
    opens_clause = context.month is None and not prefix and _opens_clause(text, pos)
    headline = in_title and context.month is None and context.doc_date is not None
    # a subject's bare day is the page's news only when the sentence has named no year of its own
    # ("2021年20日" is no day near the page)
    nearest = headline or (
        context.month is None
        and context.year is None
        and context.doc_date is not None
        and _subject_day(text, core_at, lex)
    )
    first = _parse_core(
        text,
        core_at,
        lex,
        allow_bare_day=context.month is not None or after_dateline or opens_clause or nearest,
    )
    if first is not None and context.month is None:
        first = _place_bare_day(
            text, core_at, first, context.doc_date, earlier_month, nearest, after_dateline, lex
        )
    if first is None:
        return None
    resolved = _resolve(first, context)
    if resolved is None:
        # The sentence now talks about a time we cannot place ("今年" with no document date), so
        # the year it carried so far no longer holds for what follows.
        return None, _Context(context.doc_date, None, None), first.end
    value, year, month = resolved
    start, end = pos, first.end
    end_value: str | None = None
    marked = end + len(_match_word(text, end, lex.range_start_marks) or "")  # 2015年起|到2017年
    joiner = _match_word(text, marked, lex.range_joiners)
    until = _match_word(text, marked, lex.until_now)
    if until is not None:
        end = marked + len(until)
        if context.doc_date is not None:
            value, year, end_value = _to_now(first, value, year, context.doc_date)
    elif joiner is not None:
        second = _parse_core(
            text,
            _past_spaces(text, marked + len(joiner)),
            lex,
            allow_bare_day=first.month is not None,
            range_end=True,
        )
        if second is not None:
            resolved_end = _range_end(first, year, second, value, context)
            if resolved_end is not None:
                end_value, end = resolved_end[0], second.end
                year, month = resolved_end[1], resolved_end[2]
    if end_value is None and until is None:
        suffix = _match_word(text, end, lex.span_start_suffixes)
        if suffix is not None and _match_word(text, end, lex.span_suffix_blockers) is None:
            end += len(suffix)
    if not prefix:
        start = first.start
    if _match_word_ending(text, start, lex.comparison_markers) is not None:
        return DateMatch(start, end, text[start:end], value, end_value), context, end
    return DateMatch(start, end, text[start:end], value, end_value), _context_after(first, year, month, context), end


def _context_after(first: _Parsed, year: int, month: int | None, context: _Context) -> _Context:
    """The year and month a date leaves for the rest of its sentence; a baseline of a comparison (较去年, 比2018年)
    leaves none: the sentence keeps reporting on its own year (`_date_at`)."""
    explicit_year = (
        first.year is not None or first.year_offset is not None or first.context_year_offset is not None
    )
    return _Context(
        context.doc_date,
        year if explicit_year or context.year is not None else None,
        (year, month) if month is not None else context.month,
    )


def _to_now(first: _Parsed, value: str, year: int, doc: datetime.date) -> tuple[str, int, str | None]:
    """(value, year, end_value) of a span to now (至今): 2月至今 in a January page began the year before; a
    written year after the page makes no span, for none ends before it starts."""
    end_value = _same_precision(doc, value)
    if end_value >= value[: len(end_value)]:
        return value, year, end_value
    if first.year is None and first.year_offset is None and first.context_year_offset is None:
        return f"{year - 1:04d}{value[4:]}", year - 1, end_value
    return value, year, None


def _range_end(
    first: _Parsed, first_year: int, second: _Parsed, first_value: str, context: _Context
) -> tuple[str, int, int | None] | None:
    """The end of "2017年至2021年", "3月至5月", "12月26日至29日"; a range never runs backwards, so
    "12月至1月" ends next year."""
    resolved = _resolve(second, context, start_of=replace(first, year=first_year))
    if resolved is None:
        return None
    if resolved[0] < first_value[: len(resolved[0])]:
        if (
            second.year is not None
            or second.year_offset is not None
            or second.context_year_offset is not None
        ):
            return None
        resolved = _resolve(second, context, start_of=replace(first, year=first_year + 1))
    return resolved


def _same_precision(day: datetime.date, like: str) -> str:
    return day.isoformat()[: len(like)]


def _iso_at(text: str, pos: int, lex: _Lexicon, context: _Context) -> tuple[DateMatch, _Context] | None:
    found = _ISO_RX.match(text, pos)
    if found is None:
        return None
    value = _iso(int(found.group(1)), int(found.group(3)), int(found.group(4)))
    if value is None:
        return None
    year, month = int(found.group(1)), int(found.group(3))
    return DateMatch(pos, found.end(), found.group(0), value), _Context(context.doc_date, year, (year, month))


def _day_month_value(found: re.Match[str], doc_date: datetime.date | None) -> str | None:
    """The date `_DMY_RX` matched. Day first, as Europe and Hong Kong write it, unless that is impossible
    (10/23/2011) or, with "/", falls after the document date while month first does not (a page of
    2011-10-12 stamped 10/12/2011): a page is not stamped after it was published."""
    first, second, year = int(found.group(1)), int(found.group(3)), int(found.group(4))
    day_first = _iso(year, second, first)
    month_first = _iso(year, first, second) if found.group(2) == "/" else None
    if day_first is None or month_first is None:
        return day_first or month_first
    if doc_date is not None and day_first > doc_date.isoformat() >= month_first:
        return month_first
    return day_first


def _dmy_at(text: str, pos: int, lex: _Lexicon, context: _Context) -> tuple[DateMatch, _Context] | None:
    """ "21.08.2014 19:49", "10/12/2011 13:31:00": the numeric date some news sites print under the
    headline."""
    found = _DMY_RX.match(text, pos)
    value = _day_month_value(found, context.doc_date) if found is not None else None
    if found is None or value is None:
        return None
    year, month = int(value[:4]), int(value[5:7])
    return DateMatch(pos, found.end(), found.group(0), value), _Context(context.doc_date, year, (year, month))


def _bracketed_day_at(
    text: str, pos: int, lex: _Lexicon, context: _Context
) -> tuple[DateMatch, _Context] | None:
    """ "今(26)日", "昨（25）日": a relative day with its day of the month; the two must agree."""
    offset = lex.bracketed_days.get(text[pos]) if pos < len(text) else None
    found = _BRACKETED_DAY_RX.match(text, pos + 1) if offset is not None else None
    if offset is None or found is None or context.doc_date is None:
        return None
    day = _small_number(found.group(1))
    shifted = context.doc_date + datetime.timedelta(days=offset)
    if day != shifted.day:
        return None  # the page's date is not the one the text was written on
    end = _part(text, found.end(), lex.day_parts, lex)
    return (
        DateMatch(pos, end, text[pos:end], shifted.isoformat()),
        _Context(context.doc_date, shifted.year, (shifted.year, shifted.month)),
    )


# What may stand right before a date that opens a clause ("\n\n29日下午举行了", "此前,827下午").
_CLAUSE_OPENERS = frozenset(SENTENCE_ENDS + "\n \u3000,，:：、")


def _opens_clause(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in _CLAUSE_OPENERS


def _compact_at(text: str, pos: int, lex: _Lexicon, context: _Context) -> tuple[DateMatch, _Context] | None:
    """ "2011828下午", "20151018上午", "827下午", "523日": a date whose 年/月/日 the page lost, read only when it
    opens a clause, 日 or a part of the day follows, and exactly one split of the digits is a calendar date."""
    found = _COMPACT_RX.match(text, pos)
    if found is None or not _opens_clause(text, pos):
        return None
    day_end = (
        found.end() + 1 if text.startswith("日", found.end()) else found.end()
    )  # "本站讯 523日,": 月 lost
    end = _part(text, day_end, lex.day_parts, lex)
    if end == found.end():
        return None  # "20151018号文件", "1230人"
    year_digits, rest = found.group(1), found.group(2)
    splits = {(int(rest[:k]), int(rest[k:])) for k in (1, 2) if 0 < k < len(rest) and len(rest) - k <= 2}
    values: list[tuple[str, int, int | None]] = []
    for month, day in splits:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        parsed = _Parsed(pos, end, year=int(year_digits) if year_digits else None, month=month, day=day)
        resolved = _resolve(parsed, context)
        if resolved is not None:
            values.append(resolved)
    if len(values) != 1:
        return None  # "111下午": 1月11日 or 11月1日
    value, year, month_found = values[0]
    return DateMatch(pos, end, text[pos:end], value), _Context(
        context.doc_date, year, (year, month_found or 1)
    )


def _wire_day_at(text: str, pos: int, lex: _Lexicon, context: _Context) -> tuple[DateMatch, _Context] | None:
    """ "据中新网沈阳22日电": a wire dateline's bare day, after the agency and a short place name."""
    found = _WIRE_DAY_RX.match(text, pos)
    if found is None or context.doc_date is None:
        return None
    for at in range(pos, max(0, pos - lex.wire_place_chars) - 1, -1):
        if at < pos and not _HAN_RX.match(text[at]):
            return None
        if _match_word_ending(text, at, lex.dateline_openers) is not None:
            day = int(found.group(1))
            parsed = _Parsed(pos, found.end() - 1, month=_dateline_month(context.doc_date, day), day=day)
            resolved = _resolve(parsed, context)
            if resolved is None:
                return None
            value, year, month = resolved
            end = found.end() - 1  # "22日", without 电
            return DateMatch(pos, end, text[pos:end], value), _Context(
                context.doc_date, year, (year, month or 1)
            )
    return None


def _wire_month_day_at(
    text: str, pos: int, lex: _Lexicon, context: _Context
) -> tuple[DateMatch, _Context] | None:
    """ "香港新聞網6月30電 據…": a wire dateline's month and day with 日 left out, read only at the head of
    its line after an agency (…社, …网) and a short place; the text is the date without 电, as "22日" of 沈阳22日电."""
    found = _WIRE_MONTH_DAY_RX.match(text, pos)
    if found is None:
        return None
    head = text[text.rfind("\n", 0, pos) + 1 : pos].strip(" \u3000")
    if len(head) > lex.wire_dateline_chars or not all(is_han(ch) for ch in head):
        return None
    agency_end = max((head.rfind(ch) for ch in lex.wire_agency_endings), default=-1)
    if agency_end < 0 or len(head) - agency_end - 1 > lex.wire_place_chars:
        return None  # 会议决定于6月30电告: no agency and place before it
    end = found.end() - 1
    month = int(found.group(1))
    resolved = _resolve(_Parsed(pos, end, month=month, day=int(found.group(2))), context)
    if resolved is None:
        return None
    value, year, _ = resolved
    return DateMatch(pos, end, text[pos:end], value), _Context(context.doc_date, year, (year, month))


def _bare_month_part_at(
    text: str, pos: int, lex: _Lexicon, context: _Context
) -> tuple[DateMatch, _Context] | None:
    """ "…于9月中旬全面实施并于月底前完成": a part of a month written without the month is in the month the
    sentence named last, else the page's; it stands alone only where `_stands_alone` lets it."""
    word = _match_word(text, pos, lex.bare_month_parts)
    if word is None or not _stands_alone(text, pos, lex.bare_month_parts_after):
        return None
    if context.month is not None:
        year, month = context.month
    elif context.doc_date is not None:
        year, month = context.doc_date.year, context.doc_date.month
    else:
        return None
    end = pos + len(word)
    return DateMatch(pos, end, word, f"{year:04d}-{month:02d}"), _Context(context.doc_date, context.year, (year, month))


def _after_dateline(text: str, pos: int, lex: _Lexicon) -> bool:
    """True when `pos` follows a dateline opener, an optional "（记者 X）" and spaces or a colon."""
    at = pos
    while at > 0 and text[at - 1] in " \u3000:：":
        at -= 1
    if at > 0 and text[at - 1] in "）)":
        opened = max(text.rfind("（", max(0, at - 32), at), text.rfind("(", max(0, at - 32), at))
        if opened < 0:
            return False
        at = opened
        while at > 0 and text[at - 1] in " \u3000":
            at -= 1
    return _match_word_ending(text, at, lex.dateline_openers) is not None


def _place_bare_day(
    text: str,
    core_at: int,
    first: _Parsed,
    doc: datetime.date | None,
    earlier_month: tuple[int, int] | None,
    nearest: bool,
    after_dateline: bool,
    lex: _Lexicon,
) -> _Parsed | None:
    """The month (and year) of a day written without one, when no date before it in the sentence gives
    it; None when such a day is no date. Any other expression is returned as it is."""
    if first.day is None or first.month is not None or first.month_offset is not None:
        return first
    if nearest and doc is not None:
        # "梁振英25日赴京" (a headline, or a subject's day in the body): the page's news, the nearest such
        # day to its date
        year, month = _nearest_month(doc, first.day)
        return replace(first, year=year, month=month)
    if not after_dateline:
        # "29日下午举行了开班仪式", "24日,市委副书记…": a bare day opening a clause is a date only with a
        # part of the day or a comma after it, in the month named last in the document, or else in the
        # dateline's month.
        if (
            first.end == text.index("日", core_at) + 1
            and _match_word(text, first.end, lex.clause_day_closers) is None
        ):
            return None  # "26日党代表报到": no part of the day
        if earlier_month is not None:
            return replace(first, year=earlier_month[0], month=earlier_month[1])
        if doc is None:
            return None
    return replace(first, month=_dateline_month(doc, first.day)) if doc is not None else first


def _subject_day(text: str, pos: int, lex: _Lexicon) -> bool:
    """ "澳门特区行政会11日公布": an Arabic bare day right after its subject, not a count of days."""
    if pos == 0 or not _HAN_RX.match(text[pos - 1]):
        return False
    if _match_word_ending(text, pos, lex.subject_day_blockers_before) is not None:
        return False
    found = _BARE_DAY_RX.match(text, pos)
    if found is None or not text[pos].isdigit():
        return False
    return text[found.end() : found.end() + 1] not in lex.subject_day_blockers_after


def _nearest_month(doc: datetime.date, day: int) -> tuple[int, int]:
    """(year, month) of the day of the month `day` nearest to `doc`: this month's, last month's or next.
    News reports what happened more than what is planned, so a day ahead counts twice its distance (on a
    page of 10-31, 14日 is 10-14, not 11-14; on one of 06-21, 25日 is still 06-25)."""
    index = doc.year * 12 + doc.month - 1
    candidates = []
    for shift in (0, -1, 1):
        year, month = divmod(index + shift, 12)
        value = _iso(year, month + 1, day)
        if value is not None:
            days = (datetime.date.fromisoformat(value) - doc).days
            candidates.append((days * _FUTURE_WEIGHT if days > 0 else -days, year, month + 1))
    if not candidates:
        return doc.year, doc.month
    _, year, month = min(candidates)
    return year, month


def _dateline_month(doc: datetime.date, day: int) -> int:
    """The month of a dateline's bare day: the document's, or the one before when the day is still ahead."""
    if day <= doc.day:
        return doc.month
    return doc.month - 1 if doc.month > 1 else 12


def _year_range_at(
    text: str, pos: int, lex: _Lexicon, context: _Context
) -> tuple[DateMatch, _Context] | None:
    """ "2021-2025年": a range of years written once with 年."""
    found = _YEAR_RANGE_RX.match(text, pos)
    if found is None or found.group(1) >= found.group(2):
        return None
    year = int(found.group(2))
    return (
        DateMatch(pos, found.end(), found.group(0), found.group(1), found.group(2)),
        _Context(context.doc_date, year, context.month),
    )


def _month_range_at(
    text: str, pos: int, lex: _Lexicon, context: _Context
) -> tuple[DateMatch, _Context] | None:
    """ "6-8月", "今年1至8月", "2022年1—6月": a range of months written once with 月, after its year or not;
    without one the year comes from context or the document."""
    parsed = _year_prefix(text, pos, lex)
    found = _MONTH_RANGE_RX.match(text, _past_spaces(text, parsed.end))
    if found is None:
        return None
    first, last = int(found.group(1)), int(found.group(2))
    if first >= last:
        return None
    resolved = _resolve(replace(parsed, end=found.end(), month=first), context)
    if resolved is None:
        return None
    value, year, _ = resolved
    explicit = parsed.year is not None or parsed.year_offset is not None
    return (
        DateMatch(pos, found.end(), text[pos : found.end()], value, f"{year:04d}-{last:02d}"),
        _Context(context.doc_date, year if explicit else context.year, (year, last)),
    )


def _year_prefix(text: str, pos: int, lex: _Lexicon) -> _Parsed:
    """The year ("2022年", "今年") a range written once with its unit may open with; empty when none."""
    year_match = _YEAR_RX.match(text, pos)
    if year_match is not None:
        return _Parsed(pos, year_match.end(), year=_year_number(year_match.group(1)))
    relative = _match_word(text, pos, lex.relative_year_words)
    if relative is not None:
        return _Parsed(pos, pos + len(relative), year_offset=lex.relative_years[relative])
    return _Parsed(pos, pos)


def _day_range_at(text: str, pos: int, lex: _Lexicon, context: _Context) -> tuple[DateMatch, _Context] | None:
    """ "11月24—28日", "3月12至15日", "2023年3月12-15日": a range of days written once with 日, after its
    month (and year); a range that runs backwards is none."""
    parsed = _year_prefix(text, pos, lex)
    month_match = _MONTH_RX.match(text, _past_spaces(text, parsed.end))
    if month_match is None or month_match.group(0).endswith("份"):
        return None
    found = _DAY_RANGE_RX.match(text, _past_spaces(text, month_match.end()))
    month = _small_number(month_match.group(1))
    if found is None or month is None:
        return None
    first, last = _small_number(found.group(1)), _small_number(found.group(2))
    if first is None or last is None or first >= last:
        return None
    end = _part(text, found.end(), lex.day_parts, lex)
    resolved = _resolve(replace(parsed, end=end, month=month, day=first), context)
    if resolved is None:
        return None
    value, year, _ = resolved
    end_value = _iso(year, month, last)
    if end_value is None:
        return None
    explicit = parsed.year is not None or parsed.year_offset is not None
    return (
        DateMatch(pos, end, text[pos:end], value, end_value),
        _Context(context.doc_date, year if explicit else context.year, (year, month)),
    )


def _recent_years_at(
    text: str, pos: int, lex: _Lexicon, context: _Context
) -> tuple[DateMatch, _Context] | None:
    """ "5年来", "近3年来", "过去6年": the last N years, from document year - N to the document year."""
    prefix = _match_word(text, pos, lex.recent_years_prefixes)
    at = pos + len(prefix) if prefix else pos
    if _match_word_ending(text, at, lex.recent_years_vague_counts) is not None:
        return None  # 过去几|十年来: several decades, no count of years
    found = _RECENT_YEARS_RX.match(text, at)
    counted = (found.group(1), found.end()) if found is not None else _approximate_years(text, at, lex)
    if counted is None:
        return None
    number, years_end = counted
    suffix = _match_word(text, years_end, lex.recent_years_suffixes)
    if _match_word(text, years_end, lex.recent_years_suffix_blockers) is not None:
        suffix = None  # 五年来自各地: 来 opens a verb
    if prefix is None and suffix is None:
        return None  # "6年" alone is a duration
    if prefix == "这" and suffix is None:
        return None
    if suffix is None and (
        prefix not in lex.recent_years_span_prefixes
        and _match_word(text, years_end, lex.recent_years_duration_followers) is not None
        or pos > 0
        and text[pos - 1] not in lex.recent_years_clause_openers
        and (years_end == len(text) or _match_word(text, years_end, lex.recent_years_clause_closers))
    ):
        return None  # "工作学习近40年", "副书记近一年半": how long, not since when
    count = _small_number(number) if number != "两" else 2
    if count is None or not 1 <= count <= 50 or context.doc_date is None:
        return None
    end = years_end + (len(suffix) if suffix else 0)
    if suffix is None and prefix in lex.recent_years_span_prefixes:
        end += len(_match_word(text, end, lex.recent_years_duration_followers) or "")  # 过去四年多
    year = context.doc_date.year
    return DateMatch(pos, end, text[pos:end], f"{year - count:04d}", f"{year:04d}"), context


def _approximate_years(text: str, pos: int, lex: _Lexicon) -> tuple[str, int] | None:
    """The count and the end of its 年 in "40多年来", "十余年以来" (a marker between them), only when a suffix
    (来, 以来) follows: without one, "十余年间" is a duration."""
    count = _RECENT_COUNT_RX.match(text, pos)
    if count is None:
        return None
    marker = _match_word(text, count.end(), lex.recent_years_approx_markers)
    if marker is None:
        return None
    after = _past_spaces(text, count.end() + len(marker))
    if not text.startswith("年", after) or _match_word(text, after + 1, lex.recent_years_suffixes) is None:
        return None
    return count.group(1), after + 1


# The forms `_date_at` tries before the general grammar, each complete in itself.
_SPECIAL_FORMS = (
    _iso_at,
    _dmy_at,
    _compact_at,
    _wire_day_at,
    _wire_month_day_at,
    _bare_month_part_at,
    _bracketed_day_at,
    _year_range_at,
    _month_range_at,
    _day_range_at,
    _recent_years_at,
)


def _weekday_of(text: str, pos: int, lex: _Lexicon) -> int | None:
    if pos < len(text) and text[pos] in " \u3000":
        pos += 1
    for index, names in enumerate(lex.weekdays):
        if _match_word(text, pos, names) is not None:
            return index
    return None


@dataclass(frozen=True)
class _FullDate:
    start: int
    end: int
    value: datetime.date
    iso_form: bool  # written "2021-12-21" (page furniture) rather than "2021年12月21日"


def _full_dates(text: str) -> list[_FullDate]:
    """Every fully written date ("2021年12月21日", "2021-12-21") with its calendar value."""
    found: list[_FullDate] = []
    for match in _CN_FULL_DATE_RX.finditer(text):
        month, day = _small_number(match.group(2)), _small_number(match.group(3))
        if month is None or day is None:
            continue
        value = _iso(_year_number(match.group(1)), month, day)
        if value is not None:
            found.append(_FullDate(match.start(), match.end(), datetime.date.fromisoformat(value), False))
    for match in _ISO_RX.finditer(text):
        value = _iso(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        if value is not None:
            found.append(_FullDate(match.start(), match.end(), datetime.date.fromisoformat(value), True))
    for match in _DMY_RX.finditer(text):
        value = _day_month_value(match, None)
        if value is not None:
            found.append(_FullDate(match.start(), match.end(), datetime.date.fromisoformat(value), True))
    found.sort(key=lambda full: full.start)
    return found


def infer_document_date(text: str) -> datetime.date | None:
    """The publication date the page itself shows, or None when nothing credible is there.

    In order of trust: a full date with a matching weekday ("2021年12月21日 星期二"), a labelled date
    ("发布时间：2021-12-21"), an ISO date ("2021-12-21"), and last the latest dateline
    ("本报讯（记者 X）12月20日"), whose year must come from a full date in the text that is not a plan.
    """
    lex = _lexicon()
    full = _full_dates(text)
    for date in full:
        weekday = _weekday_of(text, date.end, lex)
        if weekday is not None and weekday == date.value.weekday():
            return date.value
    for date in full:
        before = text[max(0, date.start - 8) : date.start].rstrip(" :：\u3000")
        if _match_word_ending(before, len(before), lex.labels) is not None:
            return date.value
    for date in full:
        if date.iso_form:
            return date.value
    return _dateline_date(text, full, lex)


def _is_planned(text: str, date: _FullDate, lex: _Lexicon) -> bool:
    return (
        _match_word_ending(text, date.start, lex.future_cues_before) is not None
        or _match_word(text, date.end, lex.future_cues_after) is not None
    )


@lru_cache(maxsize=1)
def _dateline_rx() -> re.Pattern[str]:
    """Opener, optional "（记者 X）", optional place ("新华社北京"), then the month-day."""
    openers = "|".join(re.escape(word) for word in _lexicon().dateline_openers)
    return re.compile(
        r"(?:" + openers + r")[ \u3000]*(?:[（(][^）)\n]{0,30}[）)])?[ \u3000:：]*"
        rf"(?:[{HAN}]{{0,4}}?)(?=(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]) ?月)"
    )


def _dateline_date(text: str, full: list[_FullDate], lex: _Lexicon) -> datetime.date | None:
    anchors = [date.value for date in full if not _is_planned(text, date, lex)]
    if not anchors:
        return None
    anchor = max(anchors)
    datelines: list[datetime.date] = []
    for found in _dateline_rx().finditer(text):
        month_day = _month_day(text, found.end(), lex)
        if month_day is None or month_day[1] is None:
            continue
        month, day, _ = month_day
        for year in (anchor.year, anchor.year + 1):
            value = _iso(year, month, day)
            if value is not None and datetime.date.fromisoformat(value) >= anchor:
                datelines.append(datetime.date.fromisoformat(value))
                break
    # A 本报讯 dateline gives the day of the event; a local paper prints it the next morning, which is what
    # 昨天 in the same page means.
    return max(datelines) + datetime.timedelta(days=1) if datelines else None
