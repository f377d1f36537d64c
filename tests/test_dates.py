"""Dates: ISO values at the text's precision, spans, relative words, and the document date."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadregraph.pipeline.dates import DateMatch, extract_dates, infer_document_date
from cadregraph.pipeline.ingest import normalise

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DEC_2021 = datetime.date(2021, 12, 21)
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # the DateMention pattern in schemas/records.py


def seed_text(name: str) -> str:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    text, _, _ = normalise(path.read_text(encoding="utf-8"))
    return text


def triples(matches: list[DateMatch]) -> list[tuple[str, str, str | None]]:
    return [(match.text, match.value, match.end_value) for match in matches]


# (text, document date, expected (text, value, end_value) in order)
POSITIVES = [
    # the examples
    ("2021年", DEC_2021, [("2021年", "2021", None)]),
    ("今年3月", DEC_2021, [("今年3月", "2021-03", None)]),
    ("12月20日晚", DEC_2021, [("12月20日晚", "2021-12-20", None)]),
    ("2021年2月20日", DEC_2021, [("2021年2月20日", "2021-02-20", None)]),
    ("自2017年", DEC_2021, [("自2017年", "2017", None)]),
    ("2017年至2021年", DEC_2021, [("2017年至2021年", "2017", "2021")]),
    ("3月至5月", DEC_2021, [("3月至5月", "2021-03", "2021-05")]),
    ("去年", DEC_2021, [("去年", "2020", None)]),
    ("5年来", DEC_2021, [("5年来", "2016", "2021")]),
    # seed sentences (normalised)
    (
        "本报讯 12月20日晚，我市举行第一百期创新学堂主题学习活动。",
        DEC_2021,
        [("12月20日晚", "2021-12-20", None)],
    ),
    (
        "新闻回放：2021年2月20日上午举行的2021四大工程动员令发布暨全市三级干部大会上，我市今年第一批共26个市级破难专班出征。",
        DEC_2021,
        [("2021年2月20日上午", "2021-02-20", None), ("今年", "2021", None)],
    ),
    (
        "值得一提的是，本期是创新学堂第100期，自2017年我市开展创新学堂以来",
        DEC_2021,
        [("自2017年", "2017", None)],
    ),
    (
        "会议决定市第十五次党代会于12月26日至29日召开，26日党代表报到，27日开幕，29日闭幕。",
        DEC_2021,
        [
            ("12月26日至29日", "2021-12-26", "2021-12-29"),
            ("26日", "2021-12-26", None),
            ("27日", "2021-12-27", None),
            ("29日", "2021-12-29", None),
        ],
    ),
    (
        "我市于2016年12月选举产生的十四届市委将于今年进行换届。从今年9月份开始，市委专门成立",
        DEC_2021,
        [("2016年12月", "2016-12", None), ("今年", "2021", None), ("从今年9月份开始", "2021-09", None)],
    ),
    ("本报讯 昨天上午，市委十四届十三次全体会议召开", DEC_2021, [("昨天上午", "2021-12-20", None)]),
    ("自2018年起，遵化店镇就采取“示范带动、整乡推进”方针", DEC_2021, [("自2018年起", "2018", None)]),
    (
        "2020年7月，该镇被河南省命名为50个第一批省级“美丽小镇”；今年9月，该镇严村被评为",
        DEC_2021,
        [("2020年7月", "2020-07", None), ("今年9月", "2021-09", None)],
    ),
    (
        "2019年、2020年，该镇严村、西赵村分别荣获",
        DEC_2021,
        [("2019年", "2019", None), ("2020年", "2020", None)],
    ),
    (
        "12月13日起，赴浙江嘉兴秀洲高新区挂职锻炼干部回到原单位。",
        DEC_2021,
        [("12月13日起", "2021-12-13", None)],
    ),
    ("近3年来，高新区在国家高新区排名中前进了28个位次", DEC_2021, [("近3年来", "2018", "2021")]),
    ("6月上旬已完成20余家企业的首轮实地走访调研", DEC_2021, [("6月上旬", "2021-06", None)]),
    ("截至2021年底，濮院镇镇区范围内6个社区34个网格内", DEC_2021, [("2021年底", "2021", None)]),
    (
        "今天白天最高气温16℃，明天早晨最低气温4℃。",
        DEC_2021,
        [("今天白天", "2021-12-21", None), ("明天早晨", "2021-12-22", None)],
    ),
    ("作为农口条线的干部，过去6年时间，姚怡琴多次下农田", DEC_2021, [("过去6年", "2015", "2021")]),
    # forms beyond the seeds
    ("二〇二一年十二月二十一日", None, [("二〇二一年十二月二十一日", "2021-12-21", None)]),
    # the zero typed as the digit 0 (a fund's report title: 某基金二0二一年年度报告)
    ("某基金二0二一年年度报告", None, [("二0二一年", "2021", None)]),
    ("2021-2025年", None, [("2021-2025年", "2021", "2025")]),
    ("6-8月", DEC_2021, [("6-8月", "2021-06", "2021-08")]),
    ("2020年12月至次年1月", None, [("2020年12月至次年1月", "2020-12", "2021-01")]),
    ("2014年至今", DEC_2021, [("2014年至今", "2014", "2021")]),
    ("2021年春节期间", None, [("2021年春节", "2021-02-12", None)]),
    ("发布时间：2021-12-21", None, [("2021-12-21", "2021-12-21", None)]),
    ("本月发布的第13条招工信息", DEC_2021, [("本月", "2021-12", None)]),
    # day-first page furniture under headlines (corpus b18, b19; guiyang.baogaosu.com)
    (
        "首届水西古城杯“最美黔西人”评选表彰落下帷幕\n\n21.08.2014 19:49\n\n经过近五个月的筹备",
        None,
        [("21.08.2014", "2014-08-21", None)],
    ),
    (
        "我省表彰2016年度科学发展综合考评先进市县\n\n31.10.2017 09:07\n\n日前,省委、省政府",
        None,
        [("2016年", "2016", None), ("31.10.2017", "2017-10-31", None)],
    ),
    (
        "贵州省公职人员赴港专题培训 5年共派出4100人\n\n19.03.2016 09:34\n\n3月18日,记者从贵州省",
        datetime.date(2016, 3, 19),
        [("19.03.2016", "2016-03-19", None), ("3月18日", "2016-03-18", None)],
    ),
    # a relative day with its day of the month in brackets (corpus a14)
    (
        "今(26)日,市七届人大常委会第二十三次会议接受杨自力辞去市人民政府市长职务",
        datetime.date(2018, 12, 26),
        [("今(26)日", "2018-12-26", None)],
    ),
    # the same form in Taiwanese news (a public text dataset), through the normaliser
    (
        normalise("台灣首富換人了！昨（6）日美國商業雜誌富比士（Forbes）公布了2021台灣10大首富排行榜")[0],
        datetime.date(2021, 4, 7),
        [("昨（6）日", "2021-04-06", None)],
    ),
    (
        normalise("昨(7)日上午,,20名旁聽公民整齊地佩戴著“公民旁聽證”")[0],
        datetime.date(2011, 1, 8),
        [("昨(7)日上午", "2011-01-07", None)],
    ),
    # a bare day right after the dateline is a day of the document's month (corpus a07)
    (
        "本报讯 27日,市委分别召开老同志通报会和党外人士民主协商会",
        datetime.date(2020, 4, 28),
        [("27日", "2020-04-27", None)],
    ),
    # an approximate count of years with 来 is the last N years too (corpus m04)
    (
        "让学员们亲眼目睹兴十四村40多年来发生的翻天覆地变化",
        DEC_2021,
        [("40多年来", "1981", "2021")],
    ),
    # a start mark (起) between a range's start and its joiner (corpus n06, read in Simplified)
    (
        "从2015年起到2017年,甘肃省委组织部还将选派1000名干部到部分贫困村担任村第一书记",
        DEC_2021,
        [("从2015年起到2017年", "2015", "2017")],
    ),
    ("2018年起至今", DEC_2021, [("2018年起至今", "2018", "2021")]),
    # negative: 起 opening a word (起到) is no start mark, and no range follows
    ("2015年起到了示范作用", DEC_2021, [("2015年", "2015", None)]),
    # 元月 is January, with a day after it or a year before it (a Yunnan report, stored public text)
    ("元月三日晚,在该村五队村口发生了一起交通事故", DEC_2021, [("元月三日晚", "2021-01-03", None)]),
    ("2021年元月，全县开展活动", None, [("2021年元月", "2021-01", None)]),
    # a newspaper page's header: the Gregorian date is one, the lunar one after 农历 is none
    ("2021年12月21日 星期二 农历辛丑年十一月十八", None, [("2021年12月21日", "2021-12-21", None)]),
    # the party's day by month and day after its year (corpus m07, a dotted form)
    (
        "在今年七•一建党日里,中共黄平县委发出文件",
        datetime.date(2015, 7, 10),
        [("今年七•一", "2015-07-01", None)],
    ),
    # ... but not in an award's name: the year alone is the date (the 七一勋章, awarded since 2021)
    ("2021年七一勋章获得者", None, [("2021年", "2021", None)]),
    ("五月以来，五月份，五月，全县开展活动", DEC_2021, [("五月以来", "2021-05", None), ("五月份", "2021-05", None), ("五月", "2021-05", None)]),
    # a wire report's 今天 is the day it was filed, not the paper's next morning (corpus q06) ...
    (
        "本报嘉积6月17日电 (记者黄晓华)今天下午,省委组织部在琼海召开部分市县委组织部长参加的组织工作座谈会",
        datetime.date(2008, 6, 18),
        [("6月17日", "2008-06-17", None), ("今天下午", "2008-06-17", None)],
    ),
    # ... while without a wire dateline it is the paper's day
    ("本报讯 今天下午,省委组织部召开组织工作座谈会", datetime.date(2008, 6, 18), [("今天下午", "2008-06-18", None)]),
    # ... and a full date before 电费 (a fee), after the 本报讯 opener, is no wire dateline either
    (
        "本报讯 截至12月18日电费回收率达98%。今天上午,公司召开会议",
        datetime.date(2008, 12, 20),
        [("12月18日", "2008-12-18", None), ("今天上午", "2008-12-20", None)],
    ),
    # ... while a dateline's place alone at the head of a line, 电 then a bracket, is one (corpus n06)
    (
        "蘭州6月14日電(記者 張欽)今天上午,省委召开会议",
        datetime.date(2008, 6, 15),
        [("6月14日", "2008-06-14", None), ("今天上午", "2008-06-14", None)],
    ),
    # a month in Chinese numerals before a verb or a place is a date (only 你, 的… after it make a title's
    # season, corpus d06), and so is a range's second end whatever follows it
    ("五月召开全县大会", DEC_2021, [("五月", "2021-05", None)]),
    ("十月在北京召开会议", DEC_2021, [("十月", "2021-10", None)]),
    ("五月至七月开展活动", DEC_2021, [("五月至七月", "2021-05", "2021-07")]),
    ("从三月到五月的活动", DEC_2021, [("从三月到五月", "2021-03", "2021-05")]),
    # a month-day with no year that would lie far in the future is last year's
    ("12月28日，我市召开会议", datetime.date(2022, 1, 5), [("12月28日", "2021-12-28", None)]),
]


@pytest.mark.parametrize(("text", "doc_date", "expected"), POSITIVES)
def test_positive_dates(
    text: str, doc_date: datetime.date | None, expected: list[tuple[str, str, str | None]]
) -> None:
    found = extract_dates(text, doc_date)
    assert triples(found) == expected
    for match in found:
        assert text[match.start : match.end] == match.text


# Text that holds numbers or time words but no date.
NEGATIVES = [
    "开展为期3个月的练兵，两年，两个多月时间里",  # durations
    "市第十五次党代会，第十四届委员会",  # ordinals
    "“十四五”开局之年",  # plan name
    "平均年龄36岁",  # age
    "近年来，平湖经开实施“铁军打造”工程",  # vague
    "我曾经做过10年的赛艇专业运动员",  # duration, not the year 2010
    "“亲清下午茶”交流活动",  # jionlp reads 下午
    "平湖市行政中心一号会议室内",  # jionlp reads 一号
    "设计师还能第一时间获取很多资讯",  # jionlp reads 一时
    "现了从“一亩三分地”到新型职业农民",  # jionlp reads 三分
    "看着如今天天爆满的小镇",  # jionlp reads 今天
    "为金平湖新崛起描绘更加灿烂的明天",  # 明天 = the future
    "每月19日为“微服务日”，每年都要评选，每周六上午开展党建学习",  # recurring
    "当天由部门一把手上讲台",  # anaphoric
    "2月30日",  # impossible
    "已有一000年历史",  # a thousand years typed with the digit 0: a zero stands for 〇 only in a year's digits
    # how long, not the last N years (corpus a18)
    "在青海工作学习近40年,此前担任云南省委副书记近一年半;",
    "年降雨量为15.5毫米，只有金华的1%",  # a decimal is no day-first date
    "会议决定市第十五次党代会召开，26日党代表报到，27日开幕",  # a bare day with no month or dateline
    # a month in Chinese numerals alone before a word names a season in a title (corpus d06, in Simplified)
    "颁奖会以“铸梦新时代”为主题,分为奋斗正当时、五月你最美、花开新时代三个篇章",
    "五月的鲜花开遍了原野",
    # a lunar month and day (tj.wenming.cn/hxwmw/ztpd/2020wmdjrzq/): no Gregorian date
    "根据我国古代历法,农历八月十五日",
    # 元 ending money before 月 (30元月卡, 300美元月度订阅: stored public texts) is no January
    "30元月卡：购买立赠6000元宝，300美元月度订阅",
    # an approximate count of years without 来 is how long (corpus a19)
    "十余年间,山泉村从一个发展停滞、人心涣散的“后进村”,蜕变成美丽乡村",
    # one per month, a rhythm (zhld.com/szb/pc/col/202209/06/content_177770.html, a county paper's 党政联席会议)
    "坚持“一季度一观摩、一月一调度”,切实提高工作执行力",
    # a vague count of decades (zzo08, in Simplified: 自己过去几十年来,积极研究香港的政治和社會變遷): no span of years
    "自己过去几十年来,积极研究香港的政治和社会变迁",
    "数十年来如一日扎根基层",
]


def test_a_month_in_chinese_numerals_is_still_a_month() -> None:
    """The rhythm rule (一月一调度) takes only a month followed by a count: 一月, 一月份 and 一月十五日 stay."""
    assert triples(extract_dates("今年一月,全县召开大会;一月份以来;一月十五日", DEC_2021)) == [
        ("今年一月", "2021-01", None),
        ("一月份以来", "2021-01", None),
        ("一月十五日", "2021-01-15", None),
    ]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_date(text: str) -> None:
    assert extract_dates(text, DEC_2021) == []


@pytest.mark.parametrize(
    "text", ["今年3月", "去年", "12月20日晚", "5年来", "3月至5月", "昨天上午", "本月", "次年3月"]
)
def test_relative_dates_need_a_document_date(text: str) -> None:
    assert extract_dates(text, None) == []


def test_a_bracketed_day_must_agree_with_the_document_date() -> None:
    """ "今(26)日" on a page dated the 27th was written the day before: no value is safe to give."""
    text = "今(26)日,市七届人大常委会第二十三次会议接受杨自力辞去市人民政府市长职务"
    assert extract_dates(text, datetime.date(2018, 12, 27)) == []
    assert extract_dates(text, None) == []


def test_year_from_the_same_sentence_places_a_bare_month() -> None:
    assert triples(extract_dates("2020年7月，该镇被命名；9月，又获评。", None)) == [
        ("2020年7月", "2020-07", None),
        ("9月", "2020-09", None),
    ]
    # a relative year in between, which cannot be placed, breaks that context
    assert triples(extract_dates("2020年7月，今年3月，9月。", None)) == [("2020年7月", "2020-07", None)]
    # the context does not cross sentences
    assert triples(extract_dates("2020年7月获评。9月，又获评。", None)) == [("2020年7月", "2020-07", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平湖日报 2021年12月21日 星期二 第3版", datetime.date(2021, 12, 21)),
        ("发布时间：2021-12-21 10:00", datetime.date(2021, 12, 21)),
        ("2021-12-21", datetime.date(2021, 12, 21)),
        (
            "本报讯（记者 张三）12月20日，会议召开。新闻回放：2021年2月20日上午举行。",
            datetime.date(2021, 12, 21),
        ),
        ("新华社北京1月5日电 2021年12月28日，某事。", datetime.date(2022, 1, 6)),
        # a planned date cannot give the dateline its year
        ("本报讯 12月20日晚，我市。2022年1月1日起施行。2021年3月2日，某事。", datetime.date(2021, 12, 21)),
        # not credible: the weekday contradicts the date; a dateline without any year; no date at all
        ("2021年12月21日 星期一", None),
        ("本报讯（记者 张三）12月20日，会议召开。", None),
        ("本报讯 昨天上午，市委召开会议。", None),
    ],
)
def test_infer_document_date(text: str, expected: datetime.date | None) -> None:
    assert infer_document_date(text) == expected


def test_same_day_needs_a_day_named_before_it() -> None:
    """当天 with no day named before it is no date (seed 004's sentence alone); inside a paragraph it needs a day
    named earlier in that paragraph (领导们当天就由…). Opening a paragraph it heads that paragraph's news and
    reaches back to the day the paragraph before named (seed 004 with a break, q04: 當日培訓班上)."""
    alone = "当天由部门一把手上讲台，领导干部们利用休息时间充电学习。"
    assert extract_dates(alone, DEC_2021) == []
    text = seed_text("004")
    inside = text.replace("第一课。当天由", "第一课。领导们当天就由", 1)
    assert "当天" not in {match.text for match in extract_dates(inside.replace("第一课。", "第一课。\n\n", 1), DEC_2021)}
    paragraph_break = text.replace("第一课。当天", "第一课。\n\n当天", 1)
    assert ("当天", "2017-02-03", None) in triples(extract_dates(paragraph_break, DEC_2021))
    q04 = "2月26日上午,均安镇党建组织办在镇委党校举办2025年村(社区)后备干部培训班。\n\n当日培训班上,讲师以“村居干部工作入门”为题授课。"
    assert triples(extract_dates(q04, datetime.date(2025, 2, 26)))[-1] == ("当日", "2025-02-26", None)


def test_seed_document_dates() -> None:
    # 004 has a dateline (本报讯 12月20日晚, printed the next day) and full dates that give it its year
    assert infer_document_date(seed_text("004")) == datetime.date(2021, 12, 21)
    for seed in ("000", "001", "002", "003"):
        assert infer_document_date(seed_text(seed)) is None, seed


def test_seed_004_dates() -> None:
    text = seed_text("004")
    found = triples(extract_dates(text, infer_document_date(text)))
    for expected in [
        ("12月20日晚", "2021-12-20", None),
        ("5年来", "2016", "2021"),
        ("五年来", "2016", "2021"),
        ("2017年2月3日晚上", "2017-02-03", None),
        ("当天", "2017-02-03", None),  # 新闻回放：2017年2月3日晚上，…开讲第一课。当天由部门一把手上讲台
        ("2016年12月", "2016-12", None),
        ("今年4月", "2021-04", None),
        ("12月26日至29日", "2021-12-26", "2021-12-29"),
    ]:
        assert expected in found, expected
    without_document_date = triples(extract_dates(text, None))
    assert without_document_date == [
        ("自2017年", "2017", None),
        ("2021年2月20日上午", "2021-02-20", None),
        ("2017年2月3日晚上", "2017-02-03", None),
        ("当天", "2017-02-03", None),
        ("自2017年", "2017", None),
        ("2020年", "2020", None),
        ("2016年12月", "2016-12", None),
    ]


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_dates_are_well_formed(seed: str) -> None:
    text = seed_text(seed)
    found = extract_dates(text, DEC_2021)
    assert found
    for match in found:
        assert text[match.start : match.end] == match.text
        assert ISO.match(match.value)
        assert match.end_value is None or ISO.match(match.end_value)


_PIECES = list("0123456789-至到年月日号晚上午今去明昨天近来以起自从每第个两三五十一二〇，。、；")
_PIECES += [
    "2021年",
    "12月",
    "20日",
    "星期二",
    "本报讯",
    "（记者 张三）",
    "个月",
    "年底",
    "上旬",
    "次年",
    "上年",
    "春节",
]
_DOC_DATES = st.one_of(
    st.none(), st.dates(min_value=datetime.date(1995, 1, 1), max_value=datetime.date(2090, 12, 31))
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), _DOC_DATES)
def test_every_date_points_at_its_text(text: str, doc_date: datetime.date | None) -> None:
    found = extract_dates(text, doc_date)
    for match in found:
        assert text[match.start : match.end] == match.text
        assert ISO.match(match.value), match
        if match.end_value is not None:
            assert ISO.match(match.end_value), match
            assert match.end_value >= match.value[: len(match.end_value)], match
    for left, right in zip(found, found[1:], strict=False):
        assert left.end <= right.start
    inferred = infer_document_date(text)
    assert inferred is None or 1900 <= inferred.year <= 2100


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), _DOC_DATES)
def test_a_document_date_only_adds_dates(text: str, doc_date: datetime.date | None) -> None:
    """What is found without a document date is found, unchanged, with one."""
    if doc_date is None:
        return
    with_date = set(triples(extract_dates(text, doc_date)))
    assert set(triples(extract_dates(text, None))) <= with_date


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), _DOC_DATES)
def test_a_preceding_sentence_only_shifts_offsets(text: str, doc_date: datetime.date | None) -> None:
    prefix = "会议召开。"
    shifted = [
        (m.start - len(prefix), m.end - len(prefix), m.value, m.end_value)
        for m in extract_dates(prefix + text, doc_date)
    ]
    assert shifted == [(m.start, m.end, m.value, m.end_value) for m in extract_dates(text, doc_date)]


# Real sentences from the corpus's dev articles (normalised text, as the pipeline reads it).
A15 = datetime.date(2011, 11, 30)  # a15_9d6a912f, a year-review page about a meeting in August


@pytest.mark.parametrize(
    ("text", "doc_date", "expected"),
    [
        # a15, d07: the page lost 年/月/日; a part of the day follows and one split is a calendar date
        ("\n\n2011828下午,省委在石家庄召开全省领导干部会议", A15, [("2011828下午", "2011-08-28", None)]),
        ("此前,827下午,省十一届人大常委会在石家庄举行第二十五次会议", A15, [("827下午", "2011-08-27", None)]),
        (
            "20151018上午,西藏山南地区乡镇党委书记班在我校继续教育学院隆重开班",
            datetime.date(2015, 10, 20),
            [("20151018上午", "2015-10-18", None)],
        ),
    ],
)
def test_digits_that_lost_their_date_characters(
    text: str, doc_date: datetime.date, expected: list[tuple[str, str, str | None]]
) -> None:
    assert triples(extract_dates(text, doc_date)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "此前,111下午,会议召开",  # 1月11日 or 11月1日
        "根据20151018号文件精神",  # no part of the day
        "会议827下午召开",  # inside a clause: a number, not a date
        "共投入资金1230万元,下午",
    ],
)
def test_digits_without_a_single_date_reading_are_no_date(text: str) -> None:
    assert extract_dates(text, A15) == []


def test_wire_dateline_day() -> None:
    """c02: 据中新网沈阳22日电 names the day in the page's month, as the body's 12月22日 does."""
    text = "【本报讯】据中新网沈阳22日电:12月22日上午,辽宁省十届人大常委会第三十五次会议在沈阳召开。"
    assert triples(extract_dates(text, datetime.date(2007, 12, 23))) == [
        ("22日", "2007-12-22", None),
        ("12月22日上午", "2007-12-22", None),
    ]
    # without an agency before the place, 22日电 is no dateline: the day is read as its subject's day (the
    # nearest 22nd), and a count of days is no date at all
    assert triples(extract_dates("沈阳市22日电力供应恢复", datetime.date(2007, 12, 23))) == [
        ("22日", "2007-12-22", None)
    ]
    assert extract_dates("连续22日电力供应恢复", datetime.date(2007, 12, 23)) == []


HK_2017 = datetime.date(2017, 6, 21)  # d08_e6281e7e, a Wednesday


def test_relative_month_day_weekday_brackets_and_next_day() -> None:
    """d08: 本月25日(周日), 翌日(周一), the weekday named again later, and 当天 after 翌日."""
    text = (
        "行政长官梁振英与候任行政长官林郑月娥本月25日(周日)将启程前往北京,出席翌日(周一)举行的香港回归"
        "20周年成就展。梁振英届时会主持开幕仪式,有六名问责官员将会随行。\n\n政府新闻处昨日公布,梁振英周日前往"
        "北京,主持翌日举行的成就展的开幕仪式,当天晚上返港。"
    )
    assert triples(extract_dates(text, HK_2017)) == [
        ("本月25日", "2017-06-25", None),
        ("周日", "2017-06-25", None),
        ("翌日", "2017-06-26", None),
        ("周一", "2017-06-26", None),
        ("昨日", "2017-06-20", None),
        ("周日", "2017-06-25", None),
        ("翌日", "2017-06-26", None),
        ("当天晚上", "2017-06-26", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "梁振英周日前往北京",  # no bracket fixed which Sunday
        "本月25日(周一)将启程",  # the 25th is a Sunday: the bracket disagrees, only 本月25日 is a date
        "本月25日起,上周日和每周一不再开放",
        "两者不可同日而语,做一次日常检查",
    ],
)
def test_weekdays_and_next_days_need_a_day_that_fixes_them(text: str) -> None:
    assert [m.text for m in extract_dates(text, HK_2017) if not m.text.startswith("本月25日")] == []


def test_bare_day_opening_a_clause_with_a_part_of_the_day() -> None:
    """c05: 29日下午 opens a paragraph; its month is the one named last (7月29日), else the page's."""
    text = (
        "7月29日,小平干部学院迎来了重庆市忠县2020年年轻干部能力提升班的44名学员。\n\n29日下午举行了开班仪式"
    )
    page = datetime.date(2020, 7, 29)
    assert triples(extract_dates(text, page)) == [
        ("7月29日", "2020-07-29", None),
        ("2020年", "2020", None),
        ("29日下午", "2020-07-29", None),
    ]
    assert triples(extract_dates("29日下午举行了开班仪式", page)) == [("29日下午", "2020-07-29", None)]
    assert extract_dates("29日举行了开班仪式", page) == []  # no part of the day


def test_spaces_left_inside_a_date() -> None:
    """Seed 004's raw lines ("于 12月 26日至 29日召开"), as a page whose wraps ingest did not join gives them."""
    raw = "市第十五次党代会将于 12月 26日至 29日召开，26日党代表报到。我市于 2016年 12月选举产生"
    assert triples(extract_dates(raw, DEC_2021)) == [
        ("12月 26日至 29日", "2021-12-26", "2021-12-29"),
        ("26日", "2021-12-26", None),
        ("2016年 12月", "2016-12", None),
    ]
    # a space before a count is no part of a date
    assert triples(extract_dates("2016年 12人参加", DEC_2021)) == [("2016年", "2016", None)]


def test_a_headline_bare_day_is_the_nearest_such_day() -> None:
    """d08's headline 梁振英25日赴京 on a page of 2017-06-21: the coming 25th, not May's."""
    text = "梁振英25日赴京 主持回归20周年展\n\n2017-06-21来源:香港商报\n"
    assert triples(extract_dates(text, HK_2017)) == [
        ("25日", "2017-06-25", None),
        ("2017-06-21", "2017-06-21", None),
    ]
    # in the body, or in a one-line text, a bare day right after its subject is read the same way (e01's
    # 澳门特区行政会11日公布 is gold); opening a clause without a part of the day or a comma, it stays no date
    assert triples(extract_dates("标题\n梁振英25日赴京", HK_2017)) == [("25日", "2017-06-25", None)]
    assert triples(extract_dates("梁振英25日赴京", HK_2017)) == [("25日", "2017-06-25", None)]
    assert extract_dates("标题\n25日赴京", HK_2017) == []


E01_2014 = datetime.date(2014, 12, 11)  # e01_ed211613


@pytest.mark.parametrize(
    ("text", "page", "expected"),
    [
        # e01: wire copy writes the day right after its subject, without a month
        (
            "澳门特区行政会11日公布,依照《澳门特别行政区基本法》的有关规定",
            E01_2014,
            [("11日", "2014-12-11", None)],
        ),
        # a stored news page: a bare day opening a clause with a comma after it is the dateline's month
        (
            "24日,市委副书记、市长、市政府党组书记吴开华主持召开市政府党组会议",
            datetime.date(2021, 12, 25),
            [("24日", "2021-12-24", None)],
        ),
    ],
)
def test_a_bare_day_after_its_subject_or_before_a_comma(
    text: str, page: datetime.date, expected: list[tuple[str, str, str | None]]
) -> None:
    assert triples(extract_dates(text, page)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "公示期为5日",  # a count of days after a word that counts
        "连续7日参加集中培训",
        "7日内办结",  # ... or before a word that makes it one
        "3日后返回",
        "公示时间不少于5日",  # a bound on a count of days (于 alone stays a date's: 于11日召开)
        "26日党代表报到",  # opening a clause, with neither a part of the day nor a comma
        "会议十一日公布",  # Chinese numerals after a subject stay out (十日谈)
    ],
)
def test_a_bare_day_that_counts_days_is_no_date(text: str) -> None:
    assert extract_dates(text, E01_2014) == []


E02_2017 = datetime.date(2017, 6, 21)  # e02_4028f435, a Hong Kong page


def test_hong_kong_page_forms() -> None:
    """e02: the day-first 21/06/2017 under the headline, 今早, and 过去四年多 looking back from the page."""
    text = (
        "林郑率新班子首见传媒\n21/06/2017\n候任香港特首林郑月娥的政府班子今早正式获国务院任命。"
        "另外,她也表示,感谢现任特首梁振英过去四年多的支持"
    )
    assert triples(extract_dates(text, E02_2017)) == [
        ("21/06/2017", "2017-06-21", None),
        ("今早", "2017-06-21", None),
        ("过去四年多", "2013", "2017"),
    ]
    # a count of years after 近 still is how long, not since when (corpus a18)
    assert extract_dates("此前担任云南省委副书记近一年半;", E02_2017) == []
    # day and month must be two digits each; 2017/06/21 stays year-first
    assert extract_dates("1/6/2017", E02_2017) == []
    assert triples(extract_dates("2017/06/21", E02_2017)) == [("2017/06/21", "2017-06-21", None)]


@pytest.mark.parametrize(
    ("text", "doc_date", "expected"),
    [
        # h10: a US-style site template; day first (2011-12-10) would be after the page's own date
        ("中国市场调查网  时间:10/12/2011 13:31:00   来源:北京晨报", datetime.date(2011, 10, 12), "2011-10-12"),
        # month first because day first is impossible
        ("时间:10/23/2011 13:31:00", None, "2011-10-23"),
        # both readings precede the page: day first, as Hong Kong and European pages write it
        ("05/06/2017", datetime.date(2017, 6, 21), "2017-06-05"),
        # no page date to choose by: day first
        ("10/12/2011", None, "2011-12-10"),
        # a dot is never month first
        ("10.12.2011 09:07", datetime.date(2011, 10, 12), "2011-12-10"),
    ],
)
def test_a_numeric_date_is_read_month_first_only_when_day_first_cannot_be(
    text: str, doc_date: datetime.date | None, expected: str
) -> None:
    values = [date.value for date in extract_dates(text, doc_date) if "/" in date.text or "." in date.text]
    assert values == [expected]


def test_same_day_words_reach_back_past_a_paragraph_break() -> None:
    """d08: 同日 opens a new paragraph and means the day last named (翌日 = 06-26); 当晚 follows it."""
    text = (
        "梁振英周日前往北京,主持翌日举行的成就展的开幕仪式,当天晚上返港。\n\n"
        "林郑月娥亦会于同日前往北京出席开幕仪式,并于当晚返港"
    )
    assert triples(extract_dates("本月25日(周日)将启程。" + text, HK_2017))[-3:] == [
        ("当天晚上", "2017-06-26", None),
        ("同日", "2017-06-26", None),
        ("当晚", "2017-06-26", None),
    ]
    # 当天 does not: it also means "the same day" of a trip (当天往返)
    assert "当天" not in [m.text for m in extract_dates("本月25日启程。\n\n当天往返", HK_2017)]


def test_a_report_year_word_counts_from_the_year_its_paragraph_reports_on() -> None:
    """g09 (a yearbook page dated 2000-01-01): 上年 after "1999年," in its paragraph is 1998, in the next
    sentence too; in a paragraph that names no year it is the year before the page, as 去年 always is."""
    g09 = datetime.date(2000, 1, 1)
    text = "1999年,全市国内生产总值实现74.67亿元,与上年基本持平。一般性财政收入完成3.59亿 元,比上年增长4.5%。"
    assert triples(extract_dates(text, g09)) == [
        ("1999年", "1999", None),
        ("上年", "1998", None),
        ("上年", "1998", None),
    ]
    # negative: the year named in the paragraph before does not carry over, nor does 去年 follow it
    assert triples(extract_dates(text + "\n全市工业增加值比上年增长3%,比去年多", g09))[-2:] == [
        ("上年", "1999", None),
        ("去年", "1999", None),
    ]
    assert triples(extract_dates("1999年,全市粮食产量比去年增长", g09))[-1] == ("去年", "1999", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stored news page (Traditional, as normalised): the year's zero typeset as ○
        (
            "二○二二年是虎年,华南虎双胞胎庆祝元旦。广东省林业局发布,二○二一年十二月三十一日二十三时",
            [("二○二二年", "2022", None), ("二○二一年十二月三十一日", "2021-12-31", None)],
        ),
        # a stored page: a range joined by a double dash
        (
            "2006年11月22日——24日,民建中央在京召开全国组织处长工作会议",
            [("2006年11月22日——24日", "2006-11-22", "2006-11-24")],
        ),
        # a stored news page: two parts of the month at once
        ("他们在3月中下旬的一次泰国游中", [("3月中下旬", "2021-03", None)]),
    ],
)
def test_typeset_and_compound_forms(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert triples(extract_dates(text, DEC_2021)) == expected


def test_a_day_word_opening_a_clause_before_a_comma() -> None:
    """A stored 中国青年报 page: …广州3月21日电(中青报·中青网记者 林洁)今天,广东省团校…举行 — 今天 with a
    comma after it, opening the clause, is the page's day; 今天的平湖 and 灿烂的明天 are not days."""
    text = "中国青年报客户端广州3月21日电(中青报·中青网记者 林洁)今天,广东省团校(广东青年政治学院)举行2023年春季学期开学典礼"
    page = datetime.date(2023, 3, 21)
    assert ("今天", "2023-03-21", None) in triples(extract_dates(text, page))
    assert extract_dates("今天的平湖,处处生机", page) == []
    assert extract_dates("为金平湖新崛起描绘更加灿烂的明天,", page) == []


def test_a_compact_day_that_lost_its_month_character() -> None:
    """A stored school page: 本站讯 523日,2022年全省党外县(处)级中青年干部培训班…开班 (5月23日, 月 lost)."""
    text = "本站讯 523日,2022年全省党外县(处)级中青年干部培训班在省社会主义学院开班"
    assert triples(extract_dates(text, datetime.date(2022, 5, 26)))[0] == ("523日", "2022-05-23", None)
    # digits with no single calendar reading stay no date
    assert extract_dates("全年,365日,", datetime.date(2022, 5, 26)) == []


def test_today_and_tomorrow_in_a_weather_box() -> None:
    """Seed 004's weather box: 今天多云到晴。明天多云到阴 — the day words are days before a weather word, as
    before a part of the day (今天白天); 今天天爆满 and 今天的平湖 stay no date."""
    text = "今天多云到晴。明天多云到阴，偏北风 3级。今天白天最高气温16℃"
    assert triples(extract_dates(text, DEC_2021)) == [
        ("今天", "2021-12-21", None),
        ("明天", "2021-12-22", None),
        ("今天白天", "2021-12-21", None),
    ]
    assert extract_dates("看着如今天天爆满的小镇,今天的平湖", DEC_2021) == []


def test_a_month_range_after_its_year() -> None:
    """A stored 宝鸡 page (2023-09): 会议通报了今年1至8月经济运行情况 — one range, the year written once before
    it, not 今年 and 1至8月 apart; a range that runs backwards is none."""
    page = datetime.date(2023, 9, 27)
    text = "会议通报了今年1至8月经济运行情况和全市重点项目建设情况"
    assert triples(extract_dates(text, page)) == [("今年1至8月", "2023-01", "2023-08")]
    assert triples(extract_dates("2022年1—6月,全市完成", page)) == [("2022年1—6月", "2022-01", "2022-06")]
    assert all(match.end_value is None for match in extract_dates("2022年8-6月", page))
    assert extract_dates("今年1至8月", None) == []


def test_bare_day_ranges_and_days_ahead() -> None:
    """Xinhua (2017-07-15): 全国金融工作会议14日至15日在北京召开 — a subject's bare day opening a range; a day
    ahead of the page counts twice its distance, so on a page of 10-31 the same 14日 is 10-14, not 11-14."""
    text = "全国金融工作会议14日至15日在北京召开。中共中央总书记、国家主席、中央军委主席习近平出席会议并发表重要讲话。"
    assert triples(extract_dates(text, datetime.date(2017, 7, 15))) == [
        ("14日至15日", "2017-07-14", "2017-07-15")
    ]
    assert triples(extract_dates(text, datetime.date(2023, 10, 31))) == [
        ("14日至15日", "2023-10-14", "2023-10-15")
    ]
    # a month with a range of days written once with 日: no stored page with the form was found, so the line
    # is written in the form (the stored 2006年11月22日——24日 without its first 日)
    assert triples(extract_dates("于3月12至15日在京举行", DEC_2021)) == [
        ("3月12至15日", "2021-03-12", "2021-03-15")
    ]
    assert all(m.end_value is None for m in extract_dates("3月15—12日", DEC_2021))  # runs backwards


def test_a_subject_day_needs_a_sentence_without_its_own_year() -> None:
    """Hypothesis found 2021年20日次年: after a year named in the sentence a bare day is no day near the page,
    so the page's date cannot change what 次年 resolves to."""
    text = "2021年20日次年"
    assert triples(extract_dates(text, datetime.date(2000, 1, 1))) == triples(extract_dates(text, None))


def test_a_span_to_now_never_ends_before_it_starts() -> None:
    """Hypothesis found 2月至今 on a page of 2000-01-01 ending before it began: a month without its year
    that runs to now began the year before; a written year after the page makes no span to now."""
    jan_2000 = datetime.date(2000, 1, 1)
    assert triples(extract_dates("2月至今", jan_2000)) == [("2月至今", "1999-02", "2000-01")]
    assert triples(extract_dates("2021年至今", jan_2000)) == [("2021年至今", "2021", None)]
    # negative: a start before the page is left as it is
    assert triples(extract_dates("2014年至今", DEC_2021)) == [("2014年至今", "2014", "2021")]


def test_a_part_of_a_year_written_without_its_year() -> None:
    """Seed 000 (a 2020 page): 临近年底 is the end of 2020, as its gold has it; the year a paragraph reports on
    wins over the page's, as for 上年. Seed 002: 年末岁尾 is an idiom for the season (its gold: not a date);
    年初 ending another word (多年初心, 新年初一) is none either."""
    seed_000, _, _ = normalise("\"临 近年底,公司生产非常忙,他们帮我们 干活,减轻")  # the OCR space goes
    assert triples(extract_dates(seed_000, datetime.date(2020, 12, 21))) == [("年底", "2020", None)]
    assert triples(extract_dates("截至年底,上半年", DEC_2021)) == [("年底", "2021", None), ("上半年", "2021", None)]
    reported = "2019年3月,他任县长;年底,又调任县委书记。"
    assert triples(extract_dates(reported, DEC_2021)) == [("2019年3月", "2019-03", None), ("年底", "2019", None)]
    seed_002 = "(记者高轶鹏 通讯员张旭)年末岁尾,人员流动大幅增加。"
    assert extract_dates(seed_002, DEC_2021) == []
    assert extract_dates("多年初心不改,新年初一", DEC_2021) == []


def test_a_part_of_a_year_is_written_at_year_precision() -> None:
    """tests/gold/README.md: a half year or a quarter has no ISO unit; its value is the year (q06, t05, o07 gold),
    never a month range."""
    found = triples(extract_dates("2021年三季度,全县;今年上半年,全市;今年第一季度,全省", DEC_2021))
    assert found == [("2021年三季度", "2021", None), ("今年上半年", "2021", None), ("今年第一季度", "2021", None)]


def test_a_half_year_after_a_perfective_verb() -> None:
    """q06 (a 2008 page): 汇报了上半年的…工作情况,并提出了下半年的工作计划 — a half year is the object of a
    verb in 了 as it is after 在/到; 多年初心 stays none (the test above)."""
    q06 = "分别汇报了上半年的组织工作情况,并提出了下半年的工作计划。"
    assert triples(extract_dates(q06, datetime.date(2008, 6, 18))) == [("上半年", "2008", None), ("下半年", "2008", None)]
    assert extract_dates("完成了多年初心", DEC_2021) == []


def test_same_day_means_the_day_told_of_not_a_day_a_plan_sets() -> None:
    """r07: 11月10日,…会议决定11月28日在太原召开… ¶ 当天上午举行第一次全体会议 — the sitting is on the 10th;
    within the plan's sentence, or in a plan again (e01: 将于本月20日公布,…将于同日宣誓就职), it is the
    planned day."""
    r07 = (
        "11月10日,省十二届人大常委会第三十次会议在太原举行。会议决定11月28日在太原召开省十二届人民代表大会第六次会议。\n"
        "当天上午举行第一次全体会议,出席42人。\n当天下午举行第二次全体会议,出席42人。"
    )
    assert [v for t, v, _ in triples(extract_dates(r07, datetime.date(2016, 11, 10))) if t.startswith("当天")] == [
        "2016-11-10",
        "2016-11-10",
    ]
    e01 = "有关的行政命令将于本月20日公布,11名行政会委员将于同日宣誓就职。"
    assert triples(extract_dates(e01, datetime.date(2014, 12, 12)))[-1] == ("同日", "2014-12-20", None)
    same_sentence = "6月1日,县委召开会议,决定6月20日举行运动会,当天上午举行开幕式。"
    assert triples(extract_dates(same_sentence, datetime.date(2016, 6, 1)))[-1] == ("当天上午", "2016-06-20", None)


def test_a_time_of_that_day_reaches_back_past_a_paragraph_break() -> None:
    """Fresh Hong Kong government pages (no split), read in Simplified: 當晚7時 opens the last paragraph of
    news.gov.hk/tc/categories/admin/html/2013/09/20130927_160802.shtml and means the evening of 10月1日;
    當日的升旗儀式 in info.gov.hk/gia/general/202009/29/P2020092900258.htm is the day of 十月一日. A clock
    time, a part of the day or 的 makes 当晚/当日 that day's; 当天往返 stays no date (the test above)."""
    evening = (
        "2013年09月27日\n   香港10月1日举行连串庆祝中华人民共和国成立64周年的活动,包括早上的升旗仪式和国庆酒会。\n \n"
        "   当晚7时,香港同胞庆祝中华人民共和国成立64周年筹备委员会在红磡香港体育馆举行国庆文艺晚会。"
    )
    assert triples(extract_dates(evening, datetime.date(2013, 9, 27)))[-1] == ("当晚", "2013-10-01", None)
    same_day = (
        "   行政长官林郑月娥和政府高层官员将于十月一日(星期四)出席升旗仪式和国庆酒会。\n\n"
        "  考虑到近日的公共卫生风险,当日的升旗仪式不会设立公众观礼区。"
    )
    assert ("当日", "2020-10-01", None) in triples(extract_dates(same_day, datetime.date(2020, 9, 29)))
    # negative: a verb after it keeps 当天 in its paragraph
    assert "当天" not in [m.text for m in extract_dates("10月1日出发。\n\n当天往返一次", datetime.date(2013, 9, 27))]


def test_the_baseline_of_a_comparison_does_not_change_the_sentence_s_year() -> None:
    """A fresh page, 张家口文史 55 p.517 (100.zjkrd.gov.cn:82/book/history55/files/basic-html/page517.html):
    2020年,全区…较去年(…)增长…,截至10月20日 — 去年 is what 2020 is compared with; 10月20日 is 2020's."""
    text = (
        "2020年,全区共整合各类涉农资金 14046万元 (其中,区财政投入专项扶贫资金 4000万元),"
        "较去年 (982491万元)增长 4296%,实施项目 142个,截至 10月 20日,已完工 128个,完工率达 90%以上。"
    )
    assert triples(extract_dates(text, datetime.date(2020, 11, 1))) == [
        ("2020年", "2020", None),
        ("去年", "2019", None),
        ("10月 20日", "2020-10-20", None),
    ]
    # negative: a year named without a comparison still sets the sentence's year
    assert triples(extract_dates("2019年,全区投入资金5亿元,10月20日全部完工。", datetime.date(2020, 11, 1)))[-1] == (
        "10月20日",
        "2019-10-20",
        None,
    )


def test_a_part_of_a_month_written_without_its_month() -> None:
    """Fresh page dianxian.dxbei.com/n/20130919/88873.html: …示范性培训班将于9月中旬全面实施并于月底前完成 —
    月底 is the end of the month the sentence named (2013-09, month precision as 9月底); without one it is
    the page's month; 上月底/本月中旬 keep their part."""
    text = (
        "、西和县、礼县、临夏县、积石山县、临潭县等12个贫困县区首批省级农村创业和技能带头人示范性培训班"
        "将于9月中旬全面实施并于月底前完成。"
    )
    page = datetime.date(2013, 9, 19)
    assert triples(extract_dates(text, page)) == [("9月中旬", "2013-09", None), ("月底", "2013-09", None)]
    assert triples(extract_dates("截至上月底,全县累计完成", page)) == [("上月底", "2013-08", None)]
    assert triples(extract_dates("3月召开推进会。月底前完成验收", page)) == [
        ("3月", "2013-03", None),
        ("月底", "2013-09", None),
    ]
    # negatives: 月底 ending another word (岁月底蕴), a recurring 每月底, and no date to place it by
    assert extract_dates("深厚的岁月底蕴", page) == []
    assert extract_dates("每月底前上报", page) == []
    assert extract_dates("月底前完成", None) == []


def test_a_wire_dateline_whose_day_lost_its_character() -> None:
    """Fresh page m.shzx.org/a/45-2875-0.html (2017-06-30, Traditional, read in Simplified): 香港新聞網6月30電
    據香港政府新聞網消息 — the dateline's month and day without 日; the text is the date without 电."""
    text = "  香港新闻网6月30电 据香港政府新闻网消息,香港特区候任行政长官林郑月娥与政府高层官员7月1日将出席"
    assert triples(extract_dates(text, datetime.date(2017, 6, 30)))[0] == ("6月30", "2017-06-30", None)
    assert triples(extract_dates("新华社北京6月30电(记者 张三)", datetime.date(2017, 6, 30))) == [
        ("6月30", "2017-06-30", None)
    ]
    # negative: without an agency and a place before it, a month and a number before 电 is no dateline
    assert [m.text for m in extract_dates("会议决定于6月30电告各单位", datetime.date(2017, 6, 30))] == ["6月"]


def test_today_before_a_modal_or_a_bracketed_date() -> None:
    """i01 (dev, a Macau page read in Simplified): 特區政府今日將舉行連串活動 — 今日 before 将 is the day; a
    stored HK page (topick.hket.com/article/3290743, 2022-07-01): 今日(1日)是香港回歸25周年紀念日 — the
    bracket gives the day. 今天的平湖 and 美好的明天将… stay no date."""
    macau = "【特讯】为热烈庆祝澳门特别行政区成立十九周年,特区政府今日将举行连串活动,与全澳居民和旅客欢度节庆。"
    assert triples(extract_dates(macau, datetime.date(2018, 12, 20))) == [("今日", "2018-12-20", None)]
    hong_kong = "今日(1日)是香港回归25周年纪念日,亦是香港第六届政府就职典礼"
    assert triples(extract_dates(hong_kong, datetime.date(2022, 7, 1))) == [
        ("今日", "2022-07-01", None),
        ("1日", "2022-07-01", None),
    ]
    assert extract_dates("今天的平湖,美好的明天将更加灿烂", datetime.date(2022, 7, 1)) == []


def test_the_dateline_agencies_are_one_list_with_the_places_rule() -> None:
    """The agencies that open a dateline are listed once (lexicons/dateline_agencies.txt, read by the places'
    rule too); the dates add only the paper's own openers (本报讯…)."""
    from cadregraph.pipeline.dates import _lexicon
    from cadregraph.pipeline.lexicons import word_list

    openers = set(_lexicon().dateline_openers)
    assert set(word_list("dateline_agencies.txt")) <= openers
    assert {"本报讯", "新华社"} <= openers


def test_a_day_word_before_where_or_from_when_is_the_day_and_a_news_dateline_anchors_it() -> None:
    """day_word_followers 在/起/召开…, wire_day_marks 讯: zzd02 本报杭州5月20日讯 浙江省报业协会第七届理事大会今天在
    杭州召开 (the paper of the 21st): 今天 before where the meeting is held is the day the report was filed, 5月20日;
    zzc08 政府今日起公開招聘 (a Hong Kong page): 今日 before 起 is the page's day. Negatives: 今天的平湖 and a day word
    after 的 (美好的今天在…) stay no date."""
    found = extract_dates("本报杭州5月20日讯 浙江省报业协会第七届理事大会今天在杭州召开", datetime.date(2015, 5, 21))
    assert triples(found) == [("5月20日", "2015-05-20", None), ("今天", "2015-05-20", None)]
    found = extract_dates("至於政府新聞處長空缺,政府今日起公開招聘", datetime.date(2026, 2, 11))
    assert triples(found) == [("今日起", "2026-02-11", None)]  # from the day on, as 1月1日起 is read
    assert extract_dates("今天的平湖,美好的今天在这里", datetime.date(2022, 7, 1)) == []
