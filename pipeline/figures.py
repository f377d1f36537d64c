"""Figures (a number with its measure word and what it counts) in normalised Chinese news text.

A figure is anchored on a unit from `data/figures/units.tsv`: "826名干部", "32.5亿元", "95%". Requiring
the unit is what keeps idioms and names ("一线", "十四五", "两不误") out; the remaining traps of the genre
(ordinals, slogans in quotes, "一" used as an article, meeting numbers) are vetoed by rules whose word
lists live in `data/figures/lexicon.toml`. Pure functions, no model: the caller maps offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from cadregraph.pipeline.lexicons import longest_first as _longest_first
from cadregraph.pipeline.lexicons import match_word_at as _match_word
from cadregraph.pipeline.lexicons import match_word_ending_at as _match_word_ending
from cadregraph.pipeline.resources import checked_toml, data_lines, data_toml
from cadregraph.schemas.text_units import HAN, is_han

_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
_MULTIPLIER_CHARS = "十百千万亿"
# Tens written as one character (廿八名 = 28, 卅 = 30), as Hong Kong and Macau papers and older texts count.
_TENS_CHARS: dict[str, str] = {"廿": "二十", "卅": "三十"}
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + _MULTIPLIER_CHARS + "".join(_TENS_CHARS)

# A Chinese "一" or "二" alone is an article or an ordinal in the genre ("一名导师", "二次创业"):
# counting with a classifier uses Arabic 1/2 or "两".
_ARTICLE_NUMERALS = frozenset({"一", "二"})


@dataclass(frozen=True)
class FigureMatch:
    """One figure; `text == source[start:end]`; `value` already includes 万/亿 multipliers."""

    start: int
    end: int
    text: str
    value: int | float
    unit: str
    approximate: bool
    subject: str | None
    measure: str | None = None
    value_max: int | float | None = None


# One item of a bracketed qualifier of a counted noun (市 of 县(市、区)): N Han characters at most.
_QUALIFIER_ITEM = f"[{HAN}]{{1,N}}"


@dataclass(frozen=True)
class _Lexicon:
    units: dict[str, str]
    approx_prefixes: tuple[str, ...]
    approx_suffixes: tuple[str, ...]
    approx_after_unit: tuple[str, ...]
    approx_after_duration_or_money: tuple[str, ...]
    half_after_duration: str
    bound_prefixes: tuple[str, ...]
    bare_multipliers: frozenset[str]
    prefix_needs_bare_multiplier: frozenset[str]
    ordinal_prefixes: frozenset[str]
    vague_prefixes: tuple[str, ...]
    code_neighbours: frozenset[str]
    division_name_chars: int
    division_name_levels: frozenset[str]
    division_short_name_levels: frozenset[str]
    needs_approximate: frozenset[str]
    length_markers: tuple[str, ...]
    length_cues: tuple[str, ...]
    span_suffixes: tuple[str, ...]
    span_suffix_blockers: tuple[str, ...]
    no_subject_kinds: frozenset[str]
    unit_word_blocks: tuple[str, ...]
    ordinal_followers: dict[str, tuple[str, ...]]
    needs_follower: dict[str, tuple[str, ...]]
    chinese_numeral_only: frozenset[str]
    masthead_units: frozenset[str]
    masthead_after: re.Pattern[str]
    masthead_line_after: re.Pattern[str]
    masthead_before: re.Pattern[str]
    ordinal_after: dict[str, tuple[str, ...]]
    slogan_max_chars: int
    slogan_list_marks: frozenset[str]
    slogan_openers: frozenset[str]
    slogan_closers: frozenset[str]
    slogan_breaks: frozenset[str]
    title_pairs: tuple[tuple[str, str], ...]
    title_max_chars: int
    idioms: tuple[str, ...]
    subject_max_chars: int
    subject_keep_words: tuple[str, ...]
    subject_stop_words: tuple[str, ...]
    subject_rejected_heads: tuple[str, ...]
    subject_verb_modifier_heads: tuple[str, ...]
    subject_single_chars: frozenset[str]
    subject_single_char_units: frozenset[str]
    subject_closed_heads: tuple[str, ...]
    subject_inner_stops: frozenset[str]
    subject_inner_stop_words: tuple[str, ...]
    subject_qualifier: re.Pattern[str]
    measure_suffixes: tuple[str, ...]
    measure_linkers: tuple[str, ...]
    measure_max_chars: int
    measure_stop_chars: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    units: dict[str, str] = {}
    for line in data_lines("figures", "units.tsv"):
        unit, kind = line.split("\t")[:2]
        units[unit.strip()] = kind.strip()
    spans = data_toml("dates", "lexicon.toml")["words"]  # "5年来" is a span for the dates and figures alike
    with checked_toml("figures", "lexicon.toml") as raw:
        numbers, unit_rules, text_rules = raw["numbers"], raw["units"], raw["text"]
        subject, measure = raw["subject"], raw["measure"]
        return _Lexicon(
            units=units,
            approx_prefixes=_longest_first(numbers["approx_prefixes"]),
            approx_suffixes=_longest_first(numbers["approx_suffixes"]),
            approx_after_unit=_longest_first(numbers["approx_after_unit"]),
            approx_after_duration_or_money=_longest_first(numbers["approx_after_duration_or_money"]),
            half_after_duration=str(numbers["half_after_duration"]),
            bound_prefixes=_longest_first(numbers["bound_prefixes"]),
            bare_multipliers=frozenset(numbers["bare_multipliers"]),
            prefix_needs_bare_multiplier=frozenset(numbers["prefix_needs_bare_multiplier"]),
            ordinal_prefixes=frozenset(numbers["ordinal_prefixes"]),
            vague_prefixes=_longest_first(numbers["vague_prefixes"]),
            code_neighbours=frozenset(numbers["code_neighbours"]),
            division_name_chars=int(numbers["division_name_chars"]),
            division_name_levels=frozenset(numbers["division_name_levels"]),
            division_short_name_levels=frozenset(numbers["division_short_name_levels"]),
            needs_approximate=frozenset(unit_rules["needs_approximate"]),
            length_markers=_longest_first(unit_rules["length_markers"]),
            length_cues=_longest_first(unit_rules["length_cues"]),
            span_suffixes=_longest_first(spans["recent_years_suffixes"]),
            span_suffix_blockers=_longest_first(spans["recent_years_suffix_blockers"]),
            no_subject_kinds=frozenset(unit_rules["no_subject_kinds"]),
            unit_word_blocks=_longest_first(unit_rules["unit_word_blocks"]),
            masthead_units=frozenset(unit_rules["masthead"]["units"]),
            masthead_after=re.compile(unit_rules["masthead"]["after"]),
            masthead_line_after=re.compile(unit_rules["masthead"]["line_after"]),
            masthead_before=re.compile(unit_rules["masthead"]["before"]),
            ordinal_followers={
                unit: _longest_first(words) for unit, words in unit_rules["ordinal_followers"].items()
            },
            needs_follower={unit: _longest_first(words) for unit, words in unit_rules["needs_follower"].items()},
            chinese_numeral_only=frozenset(unit_rules["chinese_numeral_only"]["units"]),
            ordinal_after={
                unit: _longest_first(words) for unit, words in unit_rules["ordinal_after"].items()
            },
            slogan_max_chars=int(text_rules["slogan_max_chars"]),
            slogan_list_marks=frozenset(text_rules["slogan_list_marks"]),
            slogan_openers=frozenset(text_rules["slogan_openers"]),
            slogan_closers=frozenset(text_rules["slogan_closers"]),
            slogan_breaks=frozenset(text_rules["slogan_breaks"]),
            title_pairs=tuple((pair[0], pair[1]) for pair in text_rules["title_pairs"]),
            title_max_chars=int(text_rules["title_max_chars"]),
            idioms=_longest_first(text_rules["idioms"]),
            subject_max_chars=int(subject["max_chars"]),
            subject_keep_words=_longest_first(subject["keep_words"]),
            subject_stop_words=_longest_first(subject["stop_words"]),
            subject_rejected_heads=_longest_first(subject["rejected_heads"]),
            subject_verb_modifier_heads=_longest_first(subject["verb_modifier_heads"]),
            subject_single_chars=frozenset(subject["single_char_subjects"]),
            subject_single_char_units=frozenset(subject["single_char_subject_units"]),
            subject_closed_heads=_longest_first(subject["closed_heads"]),
            subject_inner_stops=frozenset(subject["inner_stops"]),
            subject_inner_stop_words=_longest_first(subject["inner_stop_words"]),
            subject_qualifier=re.compile(
                f"[（(]{_QUALIFIER_ITEM}(?:、{_QUALIFIER_ITEM})*[）)]".replace(
                    "N", str(int(subject["qualifier_item_chars"]))
                )
            ),
            measure_suffixes=_longest_first(measure["suffixes"]),
            measure_linkers=_longest_first(measure["linkers"]),
            measure_max_chars=int(measure["max_chars"]),
            measure_stop_chars=frozenset(measure["stop_chars"]),
        )


@lru_cache(maxsize=1)
def _units_longest_first() -> tuple[str, ...]:
    return _longest_first(list(_lexicon().units))


def parse_chinese_number(numeral: str) -> int | None:
    """Value of a positional Chinese numeral ("一千二百", "两万", "十五", "百", "廿八"), None if it is not one.

    Digit strings ("二〇二一", "一二三") and repeated units ("千千万万") are rejected on purpose: they are
    years, lists or idioms, never counts.
    """
    if not numeral or any(ch not in CHINESE_NUMERAL_CHARS for ch in numeral):
        return None
    if any(ch in _TENS_CHARS for ch in numeral[1:]):
        return None  # 廿 and 卅 only open a numeral: 廿八, never 一廿
    numeral = _TENS_CHARS.get(numeral[0], numeral[0]) + numeral[1:]
    total = 0  # everything above the current 万/亿 section
    section = 0  # the current section below 万
    pending: int | None = None  # a digit waiting for its unit
    last_small = 10_000  # small units must fall within a section: 千 > 百 > 十
    last_big = 10**12
    zero_gap = False
    for index, ch in enumerate(numeral):
        if ch in "零〇":
            if pending is not None or (section == 0 and total == 0):
                return None
            zero_gap = True
            continue
        if ch in _DIGITS:
            if pending is not None:
                return None
            pending = _DIGITS[ch]
            continue
        if ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_small:
                return None
            if pending is None:
                # An implicit 1 only opens a section: "十五", "百名"; "三百十" is not a numeral.
                if section != 0 or index > 0 and numeral[index - 1] not in _BIG_UNITS:
                    return None
                pending = 1
            section += pending * unit
            pending, last_small, zero_gap = None, unit, False
            continue
        big = _BIG_UNITS[ch]
        if big >= last_big:
            return None
        value = section + (pending or 0)
        if value == 0:
            if index != 0:
                return None
            value = 1  # a bare "万": the caller decides whether that counts
        total = (total + value) * big if big > 10_000 else total + value * big
        section, pending, last_small, last_big, zero_gap = 0, None, 10_000, big, False
    if pending is not None:
        if last_small < 10_000 and not zero_gap and last_small >= 100 and section > 0:
            # "三百五" is 350, "两千五" is 2500: a trailing digit fills the next lower place.
            pending *= last_small // 10
        section += pending
    return total + section


def _arabic_value(digits: str) -> Decimal:
    return Decimal(digits.replace(",", ""))


def _as_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _title_spans(text: str, lex: _Lexicon) -> list[tuple[int, int]]:
    """《...》 stretches: numbers in document titles are part of the name."""
    spans: list[tuple[int, int]] = []
    for opener, closer in lex.title_pairs:
        search_from = 0
        while (open_at := text.find(opener, search_from)) >= 0:
            close_at = text.find(closer, open_at + 1)
            if close_at < 0:
                break
            if close_at - open_at - 1 <= lex.title_max_chars:
                spans.append((open_at, close_at + 1))
            search_from = open_at + 1
    return spans


def _in_slogan(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """True when a short quotation encloses [start, end): "两个维护", "四个意识", "十个一". An item of a list of
    quotations whose opening quote the OCR lost (d09: “一个中心”、两件大事”、四个确保”) opens after the
    previous item's closing quote and the list mark."""
    left = start - 1
    while left >= 0 and start - left <= lex.slogan_max_chars:
        ch = text[left]
        if ch in lex.slogan_openers:
            break
        if ch in lex.slogan_list_marks and left > 0 and text[left - 1] in lex.slogan_closers:
            break
        if ch in lex.slogan_breaks or ch in lex.slogan_closers:
            return False
        left -= 1
    else:
        return False
    if left < 0:
        return False
    right = end
    while right < len(text) and right - left - 1 <= lex.slogan_max_chars:
        ch = text[right]
        if ch in lex.slogan_closers:
            return True
        if ch in lex.slogan_breaks or ch in lex.slogan_openers:
            return False
        right += 1
    return False


def _idiom_spans(text: str, lex: _Lexicon) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for idiom in lex.idioms:
        for found in re.finditer(re.escape(idiom), text):
            spans.append((found.start(), found.end()))
    return spans


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def _subject_after(text: str, pos: int, lex: _Lexicon, unit: str | None = None) -> str | None:
    """The nominal run right after the unit ("个破难项目" -> "破难项目"), or None when unsure."""
    if pos < len(text) and text[pos] == " ":
        pos += 1
    closed = _match_word(text, pos, lex.subject_closed_heads)
    if closed is not None:
        return closed  # "四个方面发力", "12个类别基层先进人物": the noun counted is the classifier noun alone
    collected: list[str] = []
    qualified = ""
    i = pos
    while i < len(text):
        keep = _match_word(text, i, lex.subject_keep_words)
        qualifier = lex.subject_qualifier.match(text, i) if collected else None
        if qualifier is not None and not any(char in CHINESE_NUMERAL_CHARS for char in qualifier.group()):
            # "266名村(社区)党组织书记", "42个县(市、区)": a bracketed qualifier of divisions or kinds, not a phase or
            # a count (3个重点项目(一期)开工 ends at the bracket)
            collected.append(qualifier.group())
            qualified = qualifier.group()
            i = qualifier.end()
        elif keep is not None:
            collected.append(keep)
            i += len(keep)
        elif text[i] in lex.slogan_openers or text[i] in lex.slogan_closers:
            i += 1
        elif (modifier := _verb_modifier_at(text, i, lex)) is not None:
            collected.append(modifier)  # "服务工作组", "培训班": the verb is part of the noun
            i += len(modifier)
        elif (
            not is_han(text[i])
            or text[i] in CHINESE_NUMERAL_CHARS
            or (collected and _match_word(text, i, lex.subject_inner_stop_words) is not None)
            or (
                collected
                and text[i] in lex.subject_inner_stops
                and len(_match_word(text, i + 1, lex.subject_stop_words) or "") > 1
            )
            or _match_word(text, i, lex.subject_stop_words) is not None
        ):
            break
        else:
            collected.append(text[i])
            i += 1
        if sum(len(part) for part in collected) > lex.subject_max_chars:
            return None  # no natural end: the run is a clause, not a noun phrase
    subject = "".join(collected)
    if _match_word_ending(subject, len(subject), lex.subject_rejected_heads) is not None:
        return None  # "353人“福建省劳动模范”称号": the title awarded, not what is counted
    if len(subject) - len(qualified) == 1:  # 村, 村(社区): a level alone is a subject only after 个 (a19's 369名 none)
        single = subject[0] in lex.subject_single_chars and unit in lex.subject_single_char_units
        return subject if single else None
    return subject or None


def _verb_modifier_at(text: str, pos: int, lex: _Lexicon) -> str | None:
    """A stop-listed verb of two or more characters at `pos` directly followed by a noun head, verb included."""
    verb = _match_word(text, pos, lex.subject_stop_words)
    if verb is None or len(verb) < 2:
        return None
    head = _match_word(text, pos + len(verb), lex.subject_verb_modifier_heads)
    return verb + head if head is not None else None


def _measure_before(text: str, pos: int, lex: _Lexicon) -> str | None:
    """The noun a figure measures when it comes first ("完成率达95%" -> "完成率"), else None."""
    end = pos
    while end > 0 and text[end - 1] == " ":
        end -= 1
    while True:
        linker = _match_word_ending(text, end, lex.measure_linkers)
        if linker is None:
            break
        end -= len(linker)
    start = end
    while start > 0 and end - start < lex.measure_max_chars:
        ch = text[start - 1]
        if not is_han(ch) or ch in CHINESE_NUMERAL_CHARS:
            break
        if ch in lex.measure_stop_chars:
            break
        start -= 1
    candidate = text[start:end]
    if len(candidate) >= 2 and _match_word_ending(candidate, len(candidate), lex.measure_suffixes):
        return candidate
    return None


_NUMBER_RX = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[" + CHINESE_NUMERAL_CHARS + r"]+")
_RANGE_JOINERS = ("至", "到", "-", "－", "~", "～", "—")
_PERCENT_WORDS_RX = re.compile(r"百分之(\d+(?:\.\d+)?|[" + CHINESE_NUMERAL_CHARS + r"]+)")


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: Decimal
    chinese: str | None  # the numeral when written in Chinese characters
    upper: Decimal | None = None  # "七八个", "三四十人": two neighbouring digits give a range


# Two neighbouring digits, optionally times a unit: "一两个", "七八家", "三四十人" (a vague range).
_DIGIT_PAIR_RX = re.compile(r"([一两二三四五六七八])([两三四五六七八九])([十百千万]?)")


def _chinese_number_at(text: str, start: int, end: int) -> _Number | None:
    """The longest valid Chinese numeral ending at `end`: "第二两个" yields "两"."""
    for begin in range(start, end):
        value = parse_chinese_number(text[begin:end])
        if value is not None:
            return _Number(begin, end, Decimal(value), text[begin:end])
    return None


def _digit_pair(text: str, start: int, end: int) -> _Number | None:
    pair = _DIGIT_PAIR_RX.fullmatch(text, start, end)
    if pair is None:
        return None
    low, high = _DIGITS[pair.group(1)], _DIGITS[pair.group(2)]
    if high != low + 1:
        return None
    scale = Decimal(_SMALL_UNITS.get(pair.group(3)) or _BIG_UNITS.get(pair.group(3)) or 1)
    return _Number(start, end, low * scale, text[start:end], upper=high * scale)


def _bare_multiplier(numeral: str | None) -> bool:
    return numeral is not None and all(ch in "百千万亿" for ch in numeral)


def extract_figures(
    text: str, verb_starts: frozenset[int] = frozenset(), adverb_starts: frozenset[int] = frozenset()
) -> list[FigureMatch]:
    """Every figure in `text`, left to right, without overlaps; `verb_starts` are the offsets where the
    model's words tagged as verbs begin, where a counted noun ends (47名学员抵达我市 → 学员); `adverb_starts`
    where it tags a one-character word as an adverb (d: 百余名党员干部正认真听取 → 党员干部)."""
    lex = _lexicon()
    vetoed = _title_spans(text, lex) + _idiom_spans(text, lex)
    figures: list[FigureMatch] = []
    last_end = 0
    for found in _NUMBER_RX.finditer(text):
        if found.start() < last_end:
            continue
        figure = _figure_at(text, found, lex)
        if (
            figure is None
            or figure.start < last_end  # a prefix or lower bound reaching into the previous figure
            or _overlaps(figure.start, figure.end, vetoed)
            or _in_slogan(text, figure.start, figure.end, lex)
            or _opens_division_name(text, figure.start, figure.end, lex)
        ):
            continue
        figures.append(figure)
        last_end = figure.end
    figures.extend(_percent_words(text, lex, figures, vetoed))
    figures.sort(key=lambda figure: figure.start)
    return [_subject_before_verb(text, figure, verb_starts, adverb_starts, lex) for figure in figures]


def _opens_division_name(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """拟推荐七台河市勃力县关工委 (r04): a Chinese numeral and a unit that open a city's or a county's name
    (七台河市, 三台县, 五台县, 九台区, 万年县) are that place, no count. Only full names and short names
    of three characters or more (七台河) are tried; 五台 alone stays a count (五台机器)."""
    if text[start].isdigit() or not is_han(text[end : end + 1] or " "):
        return False
    from cadregraph.pipeline.gazetteer import gazetteer

    places = gazetteer()
    for stop in range(end + 1, min(len(text), start + lex.division_name_chars) + 1):
        name = text[start:stop]
        if any(d.level in lex.division_name_levels for d in places.by_name.get(name)):
            return True
        if len(name) >= 3 and any(d.level in lex.division_short_name_levels for d in places.by_short.get(name)):
            return True
    return False


def _subject_before_verb(
    text: str, figure: FigureMatch, verb_starts: frozenset[int], adverb_starts: frozenset[int], lex: _Lexicon
) -> FigureMatch:
    """6支参赛队伍展开了激烈角逐: the character scan stops only at listed function words and verbs; the
    model's verb tag ends the counted noun where the list knows nothing (展开, 抵达), and so does its adverb
    tag on 全/新/正 once the noun has begun (百余名党员干部正认真听取, m06; not 乡镇新进领导班子成员, j03, nor
    村级新时代文明实践站, where 新 opens a word)."""
    subject = figure.subject
    if not subject or not (verb_starts or adverb_starts):
        return figure
    start = figure.end + (1 if text.startswith(" ", figure.end) else 0)
    if not text.startswith(subject, start):
        return figure  # quotes taken out of the subject: offsets no longer line up
    cut = next(
        (
            i
            for i in range(start + 1, start + len(subject))
            if (i >= start + 2 and i in verb_starts) or (i in adverb_starts and text[i] in lex.subject_inner_stops)
        ),
        None,
    )
    return figure if cut is None else replace(figure, subject=text[start:cut])


def _percent_words(
    text: str, lex: _Lexicon, found: list[FigureMatch], vetoed: list[tuple[int, int]]
) -> list[FigureMatch]:
    """ "百分之八十五" -> 85 %."""
    extra: list[FigureMatch] = []
    for match in _PERCENT_WORDS_RX.finditer(text):
        digits = match.group(1)
        if digits[0].isdigit():
            value: Decimal | None = _arabic_value(digits)
        else:
            parsed = parse_chinese_number(digits)
            value = Decimal(parsed) if parsed is not None else None
        if value is None or value <= 0 or _overlaps(match.start(), match.end(), vetoed):
            continue
        if _in_slogan(text, match.start(), match.end(), lex):
            continue
        if any(match.start() < figure.end and figure.start < match.end() for figure in found):
            continue
        extra.append(
            FigureMatch(
                start=match.start(),
                end=match.end(),
                text=match.group(0),
                value=_as_number(value),
                unit="%",
                approximate=False,
                subject=_subject_after(text, match.end(), lex),
                measure=_measure_before(text, match.start(), lex),
            )
        )
    return extra


def _figure_at(text: str, found: re.Match[str], lex: _Lexicon) -> FigureMatch | None:
    raw = found.group(0)
    if raw[0].isdigit():
        number = _Number(found.start(), found.end(), _arabic_value(raw), None)
        before = text[number.start - 1] if number.start > 0 else ""
        is_range = before == "-" and number.start > 1 and text[number.start - 2].isdigit()
        if before.isascii() and (before.isalnum() or before in lex.code_neighbours) and not is_range:
            return None  # "C2版", "G60", "vip.163.com", "20:00"
        if number.end < len(text) and text[number.end] in lex.code_neighbours and text[number.end] != "-":
            return None
    else:
        chinese = _digit_pair(text, found.start(), found.end()) or _chinese_number_at(
            text, found.start(), found.end()
        )
        if chinese is None or chinese.chinese in _ARTICLE_NUMERALS:
            return None
        number = chinese
    return _figure_from_number(text, number, lex)


def _opening(text: str, number: _Number, lex: _Lexicon) -> tuple[int, int, bool] | None:
    """Words before the number: vague or ordinal ("数十", "第100期") end it (None); approximate or bound
    ("近千", "不少于") open it. (start with the prefix, where the prefix was looked for, approximate)."""
    start = number.start
    approximate = False
    look = start - 1 if start > 0 and text[start - 1] == " " else start
    if look > 0 and text[look - 1] in lex.ordinal_prefixes:
        return None
    if number.chinese is not None and _match_word_ending(text, look, lex.vague_prefixes) is not None:
        return None
    prefix = _match_word_ending(text, look, lex.bound_prefixes) or _match_word_ending(
        text, look, lex.approx_prefixes
    )
    if prefix in lex.prefix_needs_bare_multiplier and not _bare_multiplier(number.chinese):
        prefix = None
    if prefix is not None:
        approximate = True
        start = look - len(prefix)
    if _bare_multiplier(number.chinese) and not (number.chinese in lex.bare_multipliers or approximate):
        return None  # "万家", "万人助万企"
    return start, look, approximate


def _scaled(text: str, number: _Number, lex: _Lexicon) -> tuple[Decimal, int, str | None]:
    """The number times the multipliers after it, where it ends, and an approximation word after it."""
    value = number.value
    i = number.end
    suffix = _match_word(text, i, lex.approx_suffixes)
    if suffix is not None:
        i += len(suffix)
    # A Chinese multiplier after the number: "1.2万", "32.5亿", "100多万", "三十多万". A unit starting
    # with a multiplier character ("千米") is a unit, not a multiplier.
    while i < len(text) and text[i] in "万亿千百" and _unit_at(text, i, lex) is None:
        value *= _SMALL_UNITS.get(text[i]) or _BIG_UNITS[text[i]]
        i += 1
    if suffix is None and (suffix := _match_word(text, i, lex.approx_suffixes)) is not None:
        i += len(suffix)  # "1.2万余人"
    if i < len(text) and text[i] == " ":
        i += 1
    return value, i, suffix


_ISSUE_OPENER_CHARS = 8  # how far back a periodical's year or title before an issue number is looked for


def _in_masthead(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """1886 期 / 第2版: the issue number a paper's masthead gives, which a slash or a page follows, or which
    fills its line; 《云南林业》2025年4期: one a periodical's year, edition or title opens."""
    if lex.masthead_after.match(text, end) is not None or lex.masthead_before.search(text, max(0, start - _ISSUE_OPENER_CHARS), start) is not None:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and lex.masthead_line_after.match(text, end) is not None


def _figure_from_number(text: str, number: _Number, lex: _Lexicon) -> FigureMatch | None:
    opening = _opening(text, number, lex)
    if opening is None:
        return None
    start, look, approximate = opening
    value, i, suffix = _scaled(text, number, lex)
    approximate = approximate or suffix is not None

    unit, i, approximate = _unit_with_variants(text, i, approximate, lex)
    if unit is None:
        return None
    if (
        lex.units[unit.split("/")[0]] == "duration"
        and _match_word(text, i, lex.span_suffixes) is not None
        and _match_word(text, i, lex.span_suffix_blockers) is None
    ):
        return None  # "三十余年来", "4个月来" (a20): a time span up to now, no count; not 走了3个小时来到村里
    if unit in lex.masthead_units and _in_masthead(text, start, i, lex):
        return None  # "1886 期 / 第2版" (i07's masthead): a paper's issue number
    if _match_word(text, i, lex.ordinal_followers.get(unit, ())) is not None:
        return None  # "十三次全体会议", "三期项目"
    if unit in lex.needs_follower and _match_word(text, i, lex.needs_follower[unit]) is None:
        return None  # "上午9点": 点 counts only the points of a speech ("三点要求")
    if unit in lex.chinese_numeral_only and number.chinese is None:
        return None  # "上午9点要求大家到场": a clock time, though a speech's noun follows
    if _match_word_ending(text, look, lex.ordinal_after.get(unit, ())) is not None:
        return None  # "六届十八次主席会议": a session of the sixth term
    if lex.units[unit.split("/")[0]] == "tenths" and value > 10:
        return None  # "八成" is 80%; a bigger number before 成 is something else
    half = lex.units[unit.split("/")[0]] == "duration" and text.startswith(lex.half_after_duration, i)
    if half and suffix is None:
        value += Decimal("0.5")  # 4天半, 三年半: half a unit more, never a year (2021年)
        i += len(lex.half_after_duration)
    after_unit = _match_word(text, i, lex.approx_after_unit)
    if after_unit is None and lex.units[unit.split("/")[0]] in ("duration", "money"):
        after_unit = _match_word(text, i, lex.approx_after_duration_or_money)
    if after_unit is not None:
        approximate = True
        i += len(after_unit)
    bare = suffix is None and after_unit is None and not half or value >= 1000
    if unit in lex.needs_approximate and bare and not _length_of_service(text, look, value, lex):
        return None  # "2021年", "2021年多地", "10年的", "近3年": years, bare durations, spans
    if value <= 0:
        return None

    value_max: int | float | None = None
    if number.upper is not None:
        value_max = _as_number(number.upper * (value / number.value))
        approximate = True
    lower = _range_lower_bound(text, start, number, lex) if number.upper is None else None
    if lower is not None:
        # "6至12个月", "3-5万元": the lower bound shares the upper bound's multiplier.
        value_max = _as_number(value)
        value = lower.value * (value / number.value)
        start = lower.start
        approximate = True
    if _length_of_event(text, start, unit, lex):
        return None
    return FigureMatch(
        start=start,
        end=i,
        text=text[start:i],
        value=_as_number(value),
        unit=unit,
        approximate=approximate,
        subject=None
        if lex.units[unit.split("/")[0]] in lex.no_subject_kinds
        else _subject_after(text, i, lex, unit),
        measure=_measure_before(text, start, lex),
        value_max=value_max,
    )


def _length_of_event(text: str, start: int, unit: str, lex: _Lexicon) -> bool:
    """为期两周的培训活动, 为期6至12个月: a duration after 为期 is how long the event lasts, said of the
    event, not a figure counted in it (the gold leaves these out)."""
    look = start - 1 if start > 0 and text[start - 1] == " " else start
    duration = lex.units[unit.split("/")[0]] == "duration"
    return duration and _match_word_ending(text, look, lex.length_markers) is not None


_LENGTH_CUE_LIMIT = 100  # 连续3年 is a length; 连续2021年 is no count of years


def _length_of_service(text: str, look: int, value: Decimal, lex: _Lexicon) -> bool:
    """连续3年, 挂职期为1年: a count of years after a length cue (lexicon.toml length_cues) is a length, a figure."""
    return value < _LENGTH_CUE_LIMIT and _match_word_ending(text, look, lex.length_cues) is not None


def _range_lower_bound(text: str, start: int, number: _Number, lex: _Lexicon) -> _Number | None:
    """ "6至12个月": the bare number before a range joiner is the lower bound (same script)."""
    if start != number.start:
        return None
    joiner = _match_word_ending(text, start, _RANGE_JOINERS)
    if joiner is None:
        return None
    end = start - len(joiner)
    if number.chinese is None:
        found = re.search(r"(?<![\d.,A-Za-z])\d+(?:\.\d+)?$", text[max(0, end - 12) : end])
        if found is None:
            return None
        lower = _Number(end - len(found.group(0)), end, _arabic_value(found.group(0)), None)
    else:
        begin = end
        while begin > 0 and text[begin - 1] in CHINESE_NUMERAL_CHARS:
            begin -= 1
        parsed = _chinese_number_at(text, begin, end) if begin < end else None
        if parsed is None or parsed.chinese in _ARTICLE_NUMERALS:
            return None
        lower = parsed
    if lower.value <= 0 or lower.value >= number.value:
        return None
    if lower.start > 0 and text[lower.start - 1] in lex.ordinal_prefixes:
        return None
    return lower


def _unit_at(text: str, pos: int, lex: _Lexicon) -> str | None:
    for unit in _units_longest_first():
        if text.startswith(unit, pos):
            return unit
    return None


def _unit_with_variants(
    text: str, pos: int, approximate: bool, lex: _Lexicon
) -> tuple[str | None, int, bool]:
    """The unit at `pos` and where it ends; handles "个多月" (approximate 个月) and "元/亩"."""
    if text.startswith("个多", pos):
        split = _unit_at("个" + text[pos + 2 : pos + 8], 0, lex)
        if split is not None and split != "个":
            return split, pos + len(split) + 1, True
    unit = _unit_at(text, pos, lex)
    if unit is None or lex.units[unit] == "block":
        return None, pos, approximate
    if _match_word(text, pos, lex.unit_word_blocks) is not None:
        return None, pos, approximate  # "百亿项目": 项目 is a noun, not 项 + 目
    end = pos + len(unit)
    if text.startswith("/", end):
        per = _unit_at(text, end + 1, lex)
        if per is not None and lex.units[per] != "block":
            return unit + "/" + per, end + 1 + len(per), approximate
    return unit, end, approximate
