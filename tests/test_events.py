"""Events on unseen text (issue 8): each rule with whole lines of the corpus's dev articles where it fires
and where it must not. Traditional articles are read as the pipeline reads them, after ingest's 1:1
conversion (tests/corpus/articles, source addresses in their .meta.json); the test split is never read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cadregraph.pipeline.events import (
    is_council_of_chairs,
    is_event_variant,
    is_same_ceremony,
    is_same_event_tail,
    is_short_congress,
    is_short_event_name,
    is_short_session,
    opens_with_year,
    without_title_link,
)
from cadregraph.pipeline.extract import extract_record
from cadregraph.pipeline.general_news import load
from cadregraph.pipeline.ingest import normalise, read_document
from cadregraph.pipeline.nlp import cached_nlp

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "articles"


def article(stem: str, marker: str) -> str:
    """The whole line of a dev article that holds `marker`, normalised (Traditional → Simplified)."""
    path = next(ARTICLES.glob(f"{stem}_*.txt"))
    text, _, _ = normalise(path.read_text(encoding="utf-8"))
    for found in text.splitlines():
        if marker in found:
            return found
    raise AssertionError(f"{marker!r} not in {path}")


def events(text: str) -> set[str]:
    return {e.text for e in cached_nlp("lac")(text).ents if e.label_ == "Event"}


def test_a_congress_named_by_its_term_is_a_body_not_an_event() -> None:
    """a14: 补选…为省十三届人民代表大会代表 names the legislature the delegates sit in."""
    assert "省十三届人民代表大会" not in events(article("a14", "省十三届人民代表大会代表"))
    # a session of it (第六次会议) and a party congress by 次 stay events (c13, c08)
    assert "铁岭市第九届人民代表大会第六次会议" in events(
        article("c13", "铁岭市第九届人民代表大会第六次会议")
    )
    assert "中国共产党山西省第十二次代表大会" in events(article("c08", "研究表决临汾市出席"))


def test_a_congress_named_by_its_place_alone_is_a_body() -> None:
    """The closing formula of a 任免 decision files it with the legislature (h09; xcsrd.henanrd.gov.cn
    2025/02-15/214535: 接受杨小菁辞去许昌市人民政府市长职务的请求,报许昌市人民代表大会备案)."""
    line = article("h09", "报通州区人民代表大会备案")
    assert not any(name.endswith("人民代表大会") for name in events(line))
    found = events("接受杨小菁辞去许昌市人民政府市长职务的请求,报许昌市人民代表大会备案。")
    assert "许昌市人民代表大会" not in found
    # its session, numbered by 次, is still one (绍兴 sxrd.sx.gov.cn 2013/3/16: 报市第七届人民代表大会第三次会议备案)
    found = events("决定接受他辞去绍兴市人民政府市长职务,报市第七届人民代表大会第三次会议备案。")
    assert any(name.endswith("人民代表大会第三次会议") for name in found)


def test_a_bare_ceremony_word_names_no_event() -> None:
    assert events(article("d03", "图:仪式现场")) == set()  # a caption
    assert "开班仪式" in events(article("a02", "开班仪式上,学员代表杨茂文"))  # a specific head alone stays


def test_anniversary_celebrations() -> None:
    """(庆祝) subject (verb) N周年 (庆祝) head: the verb 成立/建政/回归 stays inside the name."""
    assert "庆祝中国人民政治协商会议成立75周年大会" in events(article("a04", "成立75周年大会"))
    assert "海北州建政70周年庆祝活动" in events(article("d02", "研究海北州建政70周年庆祝活动"))
    # an anniversary with no event head after it is a time, not an event (d07)
    assert not any("50周年" in name for name in events(article("d07", "在西藏自治区成立50周年之际")))


def test_a_plenum_by_term_and_plenum_number_and_a_class_studying_it() -> None:
    """d04: 举办学习贯彻中共二十届四中全会精神学习班 holds a class; the plenum is 中共二十届四中全会, named inside
    the class's name (学习贯彻…学习班, a Programme), so it stands beside doc.ents as a nested name."""
    from cadregraph.pipeline.components import NESTED_NAMES_KEY

    line = article("d04", "举办学习贯彻中共二十届四中全会精神学习班")
    doc = cached_nlp("lac")(line)
    found = events(line) | {line[s:e] for s, e, label in doc.user_data[NESTED_NAMES_KEY] if label == "Event"}
    assert "中共二十届四中全会" in found
    assert not any(name.startswith("学习贯彻") for name in found)
    assert "学习贯彻中共二十届四中全会精神学习班" in {e.text for e in doc.ents if e.label_ == "Programme"}


def test_a_date_between_the_meeting_and_where_it_is_held() -> None:
    """d06 (Traditional): 颁奖会4月25号在宁夏工人文化宫隆重举行."""
    assert "宁夏庆祝“五一”国际劳动节颁奖会" in events(article("d06", "4月25号在宁夏工人文化宫"))
    # a date after the head with no holding verb after it: no clause-long name (d06's own headline)
    assert not any(
        name.startswith("宁夏庆祝") for name in events("宁夏庆祝“五一”国际劳动节颁奖会4月25号的照片")
    )


def test_opening_sessions_and_summary_meetings() -> None:
    """开班式 (d04) and 总结会 (c06), convened or named with their class."""
    found = events(article("d04", "出席培训班开班式"))
    assert "开班式" in found  # 省委党校副校长文榛出席开班式
    assert not any("侯茂丰" in name for name in found)  # the walk takes no span holding a person
    assert "2007年西部地区和其他少数民族地区干部来京挂职锻炼工作总结会" in events(
        article("c06", "总结会上获悉")
    )
    # an anchored head alone names no event
    assert events("会议听取了总结会筹备情况的汇报") == set()


def test_a_plenary_sitting_without_its_owner_is_part_of_the_meeting() -> None:
    """c02 (Traditional), c13: 第一次全体会议 held inside the standing committee's meeting is no event of its
    own; with its owner (c08's 中共乡宁县委十四届二次全体会议) a plenary is one."""
    found = events(article("c02", "第一次全体会议上"))
    assert not any(name.startswith("第") and name.endswith("次全体会议") for name in found)
    assert not any(name.startswith("第") for name in events(article("c13", "主持第一次全体会议")))
    assert "中共乡宁县委十四届二次全体会议" in events(article("c08", "中共乡宁县委十四届二次全体会议召开"))


def test_a_de_modifier_before_a_convened_event_stays_out_of_its_name() -> None:
    """d08 (Traditional): 主持翌日举行的「…」成就展的开幕仪式 names the opening ceremony 开幕仪式."""
    found = events(article("d08", "成就展的开幕仪式"))
    assert "开幕仪式" in found
    assert not any("的开幕仪式" in name for name in found)
    # 党的 is no modifier clause: the convened name keeps it
    assert "党的建设工作会议" in events("全县召开党的建设工作会议。")


def test_a_session_count_after_a_term_with_a_body_between() -> None:
    """届…N次会议: b13's 市政协六届三次会议 (term and session adjacent) and the form with the body between
    them (省十三届人大三次会议: no dev article has that form, so the line is quoted from a public page,
    http://ep.ycwb.com/epaper/xkb/html/2020-01/10/content_311_227234.htm); a count with no term before it is
    no ordinal."""
    assert "市政协六届三次会议" in events(article("b13", "市政协六届三次会议议程"))
    assert "省十三届人大三次会议" in events(
        "此外,省十三届人大三次会议期间拟组织两场“代表通道”集中采访活动,将共有12名代表参加。"
    )
    assert events("县人大常委会召开一次会议") == set()


def test_a_scope_word_anchors_a_meeting_name() -> None:
    """a15: 在全省领导干部会议上发表了重要讲话 (no convening verb); d07: 中央第六次西藏工作座谈会精神."""
    assert "全省领导干部会议" in events(article("a15", "在全省领导干部会议上发表了重要讲话"))
    assert "中央第六次西藏工作座谈会" in events(article("d07", "中央第六次西藏工作座谈会精神"))
    # a scope word with a bare head names no meeting
    assert events("全县大会") == set()


def test_a_held_meeting_name_starts_after_the_dateline_and_byline() -> None:
    """General news 221 (tests/data/general_news_ner.jsonl): 中新社北京1月18日电 (记者 李京泽)《…》发布会18日在
    北京举行 — with the date in the gap the held rule fires; the name may not swallow the agency and the
    reporter, which stay an organisation and a person."""
    text = next(s.text for s in load() if s.id == 221)
    ents = {(e.text, e.label_) for e in cached_nlp("lac")(text).ents}
    assert ("李京泽", "Person") in ents
    assert ("中新社", "Organization") in ents
    assert not any("电" in name for name, label in ents if label == "Event")


def test_a_meeting_the_news_was_learned_from() -> None:
    """b06: 从省脱贫攻坚专项巡视整改办调度会获悉 — LAC's verbs inside the name (脱贫/v, 办/v) stop the nominal
    walk; the text between 从 and 获悉 is the meeting's name."""
    assert "省脱贫攻坚专项巡视整改办调度会" in events(article("b06", "调度会获悉"))
    # a determiner refers to a meeting named elsewhere; no head word, no event
    assert events("记者从本次会议上获悉,全市共有") == set()
    assert events("记者从会上获悉,全市共有") == set()


def test_a_meeting_named_as_where_something_was_said() -> None:
    """在…会议上: a15 张庆黎同志和张庆伟同志在全省领导干部会议上发表了重要讲话, u03 在日前召开的全省思想政治工作表彰大会
    上 — the text between 在 (after a 的 clause) and the head word before 上 is the meeting's name, whatever LAC's
    words inside it (县委书记王强在全县组织工作会议上强调: 组织/v stops the nominal walk)."""
    assert "全省领导干部会议" in events(article("a15", "全省领导干部会议上"))
    assert "全省思想政治工作表彰大会" in events(article("u03", "表彰大会上"))
    assert "全县组织工作会议" in events("县委书记王强在全县组织工作会议上强调,要抓好基层党建。")
    # negative: a determiner or a bare head names none, and 在 ending another word (正在) opens no name
    assert events("他在本次会议上强调。他在会议上发言。") == set()
    assert "正在全县组织工作会议" not in events("他正在全县组织工作会议上发言。")
    # the frame's 在 is the first free one of the clause, not a 在 inside another word (在职, 在建)
    found = events("县委书记王强在全市在职党员干部大会上讲话。")
    assert "全市在职党员干部大会" in found
    assert "职党员干部大会" not in found
    assert not any(name.startswith("建") for name in events("他在全县在建项目推进会上强调。"))


def test_meetings_counted_over_time_are_no_one_event() -> None:
    """e08: 先后举办了2次专题座谈会,1次集体备课会 — several meetings held while preparing a class."""
    assert "专题座谈会" not in events(article("e08", "先后举办了2次专题座谈会"))
    # one convened meeting with its name stays an event (b05)
    assert "年轻干部赴新城区实践锻炼动员会" in events(article("b05", "实践锻炼动员会"))


def test_opening_ceremony_head() -> None:
    """A stored news page (浙江在线, 2014): 第一届“双港论坛”开幕式在宁波举办. A bare 开幕式 modifying a
    performance (d02: 精心策划编排开幕式文艺演出) names no event."""
    assert "第一届“双港论坛”开幕式" in events(
        "5月7日,第一届“双港论坛”开幕式在宁波举办,此次论坛以“社区管理与服务”为主题"
    )
    assert events(article("d02", "精心策划编排开幕式文艺演出")) & {"开幕式"} == set()


def test_a_count_before_a_party_congress_is_its_ordinal() -> None:
    """A stored news page (周口日报, 2011-11-17): 学习贯彻省九次党代会精神 names 省九次党代会, 第 left out;
    before any other meeting a count stays a count (县人大常委会召开一次会议)."""
    text = "本报讯 11月16日上午,学习贯彻省九次党代会精神省委宣讲团莅周,在市委党校报告厅举行首场报告会。"
    found = events(text)
    assert "省九次党代会" in found
    assert "党代会" not in found
    assert events("县人大常委会召开一次会议") == set()


def test_a_party_committee_plenary_by_its_short_head() -> None:
    """A stored 大理 page (Traditional, as normalised): 围绕市第八次党代会确定的目标和市委八届三次全委会提出的…部署要求
    names the plenary 市委八届三次全委会; a 全委会 mentioned as a kind of meeting with no name before it is none."""
    found = events(
        "罗进忠强调,市政协要紧紧围绕市第八次党代会确定的目标和市委八届三次全委会提出的加快建设美丽幸福新大理的部署要求"
    )
    assert {"市第八次党代会", "市委八届三次全委会"} <= found
    assert events("召开全委会") == set()


def test_a_bare_plenum_word_refers_to_the_plenum_named_before() -> None:
    """Seed 004: …十四届十三次全体会议召开…。全会听取了党代会筹备情况 — the bare 全会 is the plenary named
    before it, no event of its own; a plenum with its number stays one (a04: 二十届二中、三中全会精神)."""
    assert "全会" not in events("市委书记仲旭东主持会议。全会听取了党代会筹备情况")
    assert "三中全会" in events(article("a04", "三中全会"))


def test_more_meeting_heads_from_stored_pages() -> None:
    """Meeting heads that no dev article has, on stored news pages: 主持召开市长碰头会 (a 2023 city page), 市委理论
    学习中心组2023年第二次集体学习 (黄冈, 2023); without a name or an ordinal such a head names no event."""
    assert "市长碰头会" in events(
        "12月15日,市委副书记、市长查俊主持召开市长碰头会,听取各副市长前期未完成重点工作"
    )
    studied = events(
        "2月24日下午,全市县级领导干部“学习贯彻党的二十大精神,加快建设武汉都市圈重要功能区”专题研讨班暨"
        "市委理论学习中心组2023年第二次集体学习在市委党校举行。"
    )
    assert any(name.endswith("第二次集体学习") for name in studied)
    assert events("要坚持集体学习制度,开好碰头会") == set()


def test_a_convened_name_keeps_its_bracketed_qualifiers() -> None:
    """A stored 中国青年报 page: 举行2023年春季学期开学典礼暨全省中青年科级干部培训班(第1期)开班式 — a short
    qualifier in brackets stays inside the convened name; a bracket with a space or a clause break does not."""
    text = (
        "中国青年报客户端广州3月21日电(中青报·中青网记者 林洁)今天,广东省团校(广东青年政治学院)举行2023年"
        "春季学期开学典礼暨全省中青年科级干部培训班(第1期)开班式。"
    )
    assert "2023年春季学期开学典礼暨全省中青年科级干部培训班(第1期)开班式" in events(text)
    assert not any("(" in name for name in events("区委召开(记者 林洁)年轻干部座谈会。"))


def test_a_body_holding_its_numbered_plenary() -> None:
    """e06: 新区二届人大常委会举行第八次全体会议 — the standing committee's plenary is the meeting reported (its gold
    lists 第八次全体会议 as an alias); a sitting held inside a session, or after 的, stays none (c02)."""
    assert "第八次全体会议" in events(article("e06", "举行第八次全体会议"))
    assert "第二次全体会议" not in events("十四届全国人大二次会议举行第二次全体会议")
    assert events("当天上午举行的第一次全体会议上,听取了报告") == set()


def test_a_farewell_meeting_is_an_event_by_its_head_alone() -> None:
    """f06: 并举行欢送会。…吉林出席欢送会 — a send-off is one dated meeting, like 开班仪式, so its head alone
    names it (and the 出席 that follows attends it); 集中培训 in the same line is no head."""
    assert events(article("f06", "吉林出席欢送会")) == {"欢送会"}
    # negative (a constructed phrase): the verb 欢送 with 会议 after it sends off delegates, no meeting
    assert events("工作人员在车站欢送会议代表离京") == set()


def test_a_titled_seminar_is_an_event_named_by_its_title() -> None:
    """f05: 一场题为“加强领导干部作风建设”的研讨活动,在…党校悄然举行 — a seminar given a title (题为) is one
    dated event, not the programme a quoted name before a type word otherwise is; the 的 linking the title
    to the head is no part of the name."""
    line = article("f05", "题为")
    nlp_doc = cached_nlp("lac")(line)
    labelled = {(e.text, e.label_) for e in nlp_doc.ents}
    assert ("“加强领导干部作风建设”的研讨活动", "Event") in labelled
    assert ("“加强领导干部作风建设”的研讨活动", "Programme") not in labelled
    assert without_title_link("“加强领导干部作风建设”的研讨活动") == "“加强领导干部作风建设”研讨活动"
    # negative: a quoted name before a type word with no title given stays a programme (a12)
    campaign = {(e.text, e.label_) for e in cached_nlp("lac")(article("a12", "部署开展“万人助万企”活动")).ents}
    assert ("“万人助万企”活动", "Programme") in campaign
    assert not any(label == "Event" and "万人助万企" in text for text, label in campaign)


def test_a_party_congress_short_form_is_the_congress_named_in_full(tmp_path: Path) -> None:
    """c08: 出席中国共产党山西省第十二次代表大会代表 … 出席省第十二次党代会代表: one congress, the short form an alias
    (level, ordinal and what follows agree); 临汾市第五次党代会 is another congress and stays one."""
    path = tmp_path / "c08.txt"
    path.write_text(next(ARTICLES.glob("c08_*.txt")).read_text(encoding="utf-8"), encoding="utf-8")
    record = extract_record(read_document(path, str(path)), cached_nlp("lac"), dt.date(2021, 8, 27))
    congresses = {e.name: e.aliases for e in record.entities if e.type == "Event"}
    assert "省第十二次党代会" in congresses["中国共产党山西省第十二次代表大会"]
    assert "临汾市第五次党代会" in congresses
    # negative: another level or ordinal is another congress
    assert not is_short_congress("市第十二次党代会", "中国共产党山西省第十二次代表大会")
    assert not is_short_congress("省第十一次党代会", "中国共产党山西省第十二次代表大会")


def test_a_session_s_short_name_is_the_session_named_in_full(tmp_path: Path) -> None:
    """m02: 自治区十四届人大三次会议 (three times) and 《新疆维吾尔自治区第十四届人民代表大会第三次会议议程(草案)》
    are one session, as the gold has it; so are l07's 海南省五届人大五次会议 and a standing committee's sitting
    written with 人大常委会."""
    assert is_short_session("自治区十四届人大三次会议", "新疆维吾尔自治区第十四届人民代表大会第三次会议")
    assert is_short_event_name("海南省五届人大五次会议", "海南省第五届人民代表大会第五次会议")
    assert is_short_session("青海省十三届人大常委会第十四次会议", "青海省第十三届人民代表大会常务委员会第十四次会议")
    m02 = "\n".join(
        (article("m02", "阿勒泰地区代表团召开全体会议"), article("m02", "第三次会议议程(草案)"))
    )
    found = _record_events(tmp_path, m02, dt.date(2025, 1, 18))
    assert "自治区十四届人大三次会议" in found["新疆维吾尔自治区第十四届人民代表大会第三次会议"]
    # negative: another session, another term, another level, or no term at all
    assert not is_short_session("自治区十四届人大三次会议", "新疆维吾尔自治区第十四届人民代表大会第四次会议")
    assert not is_short_session("省十三届人大五次会议", "湖北省第十二届人民代表大会第五次会议")
    assert not is_short_session("省十三届人大五次会议", "荆州市第十三届人民代表大会第五次会议")
    assert not is_short_session("人大会议", "湖北省第十三届人民代表大会第五次会议")


def test_a_session_written_three_ways_is_one_event(tmp_path: Path) -> None:
    """q03 (read in Simplified): 省十三屆人大五次會議 in the headline, 湖南省十三屆人大五次會議 and 湖南省第十三屆人民
    代表大會第五次會議 in the body are one session; the headline's form folds into the one the others fold into."""
    q03 = "\n\n".join(
        article("q03", marker)
        for marker in ("省十三届人大五次会议定于", "召开湖南省十三届人大五次会议", "湖南省第十三届人民代表大会第五次会议")
    )
    found = _record_events(tmp_path, q03, dt.date(2021, 12, 3))
    assert set(found["湖南省第十三届人民代表大会第五次会议"]) >= {"省十三届人大五次会议", "湖南省十三届人大五次会议"}
    assert "省十三届人大五次会议" not in found
    # negative: another session stays apart
    assert not is_short_event_name("省十三届人大四次会议", "湖南省第十三届人民代表大会第五次会议")


def test_a_standing_committee_s_council_of_chairs_is_a_body() -> None:
    """e03: 区人大常委会主任会议关于提请调整…组成人员名单的议案 — the council of chairpersons proposes a bill:
    an organisation, as the gold has it, not a meeting."""
    doc = cached_nlp("lac")(article("e03", "区人大常委会主任会议关于提请"))
    labelled = {(e.text, e.label_) for e in doc.ents}
    assert ("区人大常委会主任会议", "Organization") in labelled
    assert not any(label == "Event" and "主任会议" in text for text, label in labelled)
    # negative: a numbered sitting of the council is one meeting
    assert not is_council_of_chairs("市人大常委会第十二次主任会议")
    assert is_council_of_chairs("区人大常委会主任会议")


def test_an_enlarged_meeting_written_with_its_bracket_and_a_bare_head() -> None:
    """A 阜城 county page (fcwmw.cn/page95?article_id=88, no split): 主持召开县委常委(扩大)会 — the enlarged
    sitting keeps its (扩大) before the bare head 会, written with either bracket; 扩大 as a verb names none (c10)."""
    text = "1月5日,县委书记申文霞主持召开县委常委(扩大)会,县四大班子主要领导、各常委、各副县长参加会议。"
    assert "县委常委(扩大)会" in events(text)
    assert "县委常委（扩大）会" in events(text.replace("(", "（").replace(")", "）"))
    assert events(article("c10", "扩大开放")) == set()


def test_a_describing_word_before_a_head_names_no_event() -> None:
    """The same 阜城 page: 市委四届八次全会是在…关键节点召开的一次重要会议 — 重要会议 describes the plenum named
    before it; a name with a describing word inside it stays (a 2020 county paper, szb.zhonghongnet.com:
    …民生实事专题调度会议), and so does a series named by its owner (b18 …主题系列活动 is no bare 系列活动)."""
    found = events("针对议题,申文霞指出,市委四届八次全会是在“十三五”收官、“十四五”开局的关键节点召开的一次重要会议。")
    assert found == {"市委四届八次全会"}
    assert "2020年度县政府工作报告重点工作和民生实事专题调度会议" in events(
        "10月17日,我县召开2020年度县政府工作报告重点工作和民生实事专题调度会议。县领导刘卫忠、李刚、王春平、吴表辉参加会议。"
    )
    assert "系列活动" not in events(article("d02", "系列活动"))


def test_an_event_held_by_its_opening() -> None:
    """X博览会20日在成都隆重开幕 (a stored 2011 page, yogviha.cn/shipin/2011/10-21/news45849.html): 开幕 holds the
    event named before it as 举行 does (a04's headline too); it opens no name after it (d02: 精心策划编排开幕式文艺演出
    和系列活动 is no event)."""
    opened = "以“引领国际合作,拓展市场空间”为主题的第十二届中国西部国际博览会20日在成都隆重开幕,王兆国宣布本届西博会开幕。"
    assert "第十二届中国西部国际博览会" in events(opened)
    headline = article("a04", "隆重开幕")
    assert "政协沧源佤族自治县第十四届委员会第四次会议" in events(headline)
    assert not any("开幕式" in name for name in events(article("d02", "开幕式文艺演出")))


def test_a_standard_short_form_opening_an_event_name(tmp_path: Path) -> None:
    """a04: the headline's 政协沧源佤族自治县第十四届委员会第四次会议 is the session named in full in the body
    (中国人民政治协商会议沧源佤族自治县…第四次会议): one event, the short form an alias (event_name_abbreviations.txt);
    another session stays another event."""
    path = tmp_path / "a04.txt"
    path.write_text(next(ARTICLES.glob("a04_*.txt")).read_text(encoding="utf-8"), encoding="utf-8")
    record = extract_record(read_document(path, str(path)), cached_nlp("lac"), dt.date(2025, 2, 22))
    sessions = {e.name: e.aliases for e in record.entities if e.type == "Event" and "第四次会议" in e.name}
    full = "中国人民政治协商会议沧源佤族自治县第十四届委员会第四次会议"
    assert list(sessions) == [full]
    assert "政协沧源佤族自治县第十四届委员会第四次会议" in sessions[full]
    assert not is_short_event_name("政协沧源佤族自治县第十四届委员会第三次会议", full)


def test_two_meetings_joined_by_ji_are_one_event_with_their_scope_list() -> None:
    """i05: 传达…全省、全市社会工作部部长座谈会暨业务培训会议精神 — 暨 joins two meetings held as one and the
    、-joined scope words (全省、全市) are whose meeting it is; the walk stops at both."""
    found = events(article("i05", "全省、全市社会工作部部长座谈会暨业务培训会议"))
    assert "全省、全市社会工作部部长座谈会暨业务培训会议" in found
    assert "全市社会工作部部长座谈会" not in found
    # 暨 before a name with no event head (…表彰大会 of b08 is one name, 奖章和… inside it is no second event)
    assert events(article("b08", "劳动节暨全国五一")) == {
        "庆祝“五一”国际劳动节暨全国五一劳动奖状、奖章和全国工人先锋号表彰大会"
    }


def test_two_events_coordinated_after_a_head_word_are_two() -> None:
    """a07: 市委分别召开老同志通报会和党外人士民主协商会 — 和 right after a head word joins two events, which the
    convening verb and the model read as one name; a bare anchored head on one side names none."""
    found = events(article("a07", "老同志通报会和"))
    assert {"老同志通报会", "党外人士民主协商会"} <= found
    assert "老同志通报会和党外人士民主协商会" not in found
    found = events(article("i02", "升旗仪式和招待酒会"))
    assert "庆祝澳门特别行政区成立18周年升旗仪式" in found
    assert not any("和" in name for name in found)
    assert events("下午,县委召开座谈会和培训会。") == set()


def test_receptions_and_arrangement_meetings_are_event_heads() -> None:
    """i08: 民政事务局丙申年新春酒会今日下午在…召开 and i07: 召开“中秋”“国庆”期间护林防火工作安排会 — 酒会 and
    安排会 are heads of one-off meetings; a kind of activity (i01 舉辦不同的慶祝活動) names none."""
    assert "民政事务局丙申年新春酒会" in events(article("i08", "新春酒会今日"))
    assert "“中秋”“国庆”期间护林防火工作安排会" in events(article("i07", "护林防火工作安排会"))
    assert events(article("i01", "不同的庆祝活动")) == set()


def test_a_head_word_followed_by_a_term_is_a_body() -> None:
    """i06: 澳门中华联谊会第七届架构成员宣誓就职 — what has terms (第七届) is an association, not a meeting; the
    inauguration it holds stays an event."""
    found = events(article("i06", "第七届架构成员宣誓"))
    assert "澳门中华联谊会" not in found
    assert "澳门中华联谊会第七届架构成员就职典礼" in found


def test_the_walk_crosses_ji_between_two_parts_of_one_name() -> None:
    """A 永寿 county page (yongshou.gov.cn/xwzx/jrys/202507/t20250725_1994463.html, no split): 在全市县城暨小城镇
    建设现场观摩推进会上的讲话精神 — LAC tags 暨 a conjunction, and the walk over nominal words stops there
    without the rule; a programme's class joined by 暨 (d04 …学习班暨…培训班) is still no event."""
    found = events("冷劲松市长在全市县城暨小城镇建设现场观摩推进会上的讲话精神。")
    assert found == {"全市县城暨小城镇建设现场观摩推进会"}
    assert not any("暨" in name for name in events(article("d04", "精神学习班暨第二十八期")))


def test_a_session_written_only_inside_the_body_it_forms() -> None:
    """g08: 审议通过自治区政协十二届一次会议主席团、主席团会议主持人和秘书长名单 — 主席团 holds the title word
    主席 but is the body the session forms, so the session before it is an event (beside doc.ents, the
    body being the longer span); 主席团会议主持人 is a title after 会议 and names no meeting."""
    from cadregraph.pipeline.components import NESTED_NAMES_KEY

    line = article("g08", "预备会议审议通过自治区政协十二届一次会议主席团")
    doc = cached_nlp("lac")(line)
    nested = {line[s:e] for s, e, label in doc.user_data[NESTED_NAMES_KEY] if label == "Event"}
    assert nested | events(line) == {"自治区政协十二届一次会议"}
    assert "自治区政协十二届一次会议主席团" in {e.text for e in doc.ents if e.label_ == "Organization"}


def test_a_clause_taking_verb_opens_no_held_meeting_name() -> None:
    """A 丹阳 people's congress page (dyrdw.gov.cn/Web_Rdjj/2022-11-28/326.html, no split): …的有关事项,决定市
    十七届人民代表大会第二次会议于2018年1月2日至5日在市会展中心召开 — 决定 takes the clause as its object; a
    verb that names the celebration stays in the name (b08 庆祝“五一”国际劳动节暨…表彰大会在北京举行)."""
    found = events("会议审议了召开市十七届人大二次会议的有关事项,决定市十七届人民代表大会第二次会议于2018年1月2日至5日在市会展中心召开。")
    assert "市十七届人民代表大会第二次会议" in found
    assert not any(name.startswith("决定") for name in found)
    assert any(name.startswith("庆祝") for name in events(article("b08", "劳动节暨全国五一")))


def test_a_bare_plenary_sitting_names_no_event() -> None:
    """A 聊城 district page (dcgdxww.com/jujiaotoutiao/72903.html, no split): 出席聊城市第十八届人民代表大会第四次
    会议的东昌府区代表团举行全体会议 — the delegation's 全体会议 is a sitting inside the congress, no event of
    its own, as a bare 第一次全体会议 is; the plenary with its owner stays (b14 …乌审旗第十六届委员会第十一次全体会议)."""
    found = events("1月13日上午,出席聊城市第十八届人民代表大会第四次会议的东昌府区代表团举行全体会议,继续审议市长张百顺所作的政府工作报告。")
    assert found == {"聊城市第十八届人民代表大会第四次会议"}
    assert "中国共产党乌审旗第十六届委员会第十一次全体会议" in events(article("b14", "第十六届委员会第十一次全体会议"))


def _record_events(tmp_path: Path, text: str, date: dt.date) -> dict[str, list[str]]:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    record = extract_record(read_document(path, str(path)), cached_nlp("lac"), date)
    return {e.name: e.aliases for e in record.entities if e.type == "Event"}


def test_one_event_written_with_and_without_its_year_scope_or_ordinal_mark(tmp_path: Path) -> None:
    """Fresh pages (no split): 临澧 lldj.linli.gov.cn/zhdt/dtxx/content_339565 writes its meeting 2020年“七·一”
    表彰大会暨… in the headline and 全县“七·一”表彰大会暨… in the body; 平利 pingli.gov.cn/Content-2370384.html
    writes 县第十七次党代会 and then 县十七次党代会. One event each, the other form an alias; two years or two
    ordinals stay two events."""
    linli = (
        "举办2020年“七·一”表彰大会暨“青山不老 初心不忘”主题演讲决赛活动\n"
        "6月30日晚上,临澧县举办全县“七·一”表彰大会暨“青山不老 初心不忘”主题演讲决赛活动,隆重表彰全县先进党组织、"
        "优秀党务工作者和优秀共产党员。县委书记陈章杰出席大会并致辞。"
    )
    found = _record_events(tmp_path, linli, dt.date(2020, 6, 30))
    assert len(found) == 1
    assert any("全县" in alias for aliases in found.values() for alias in aliases)
    pingli = (
        "会议的主要任务是认真贯彻落实县第十七次党代会及县委十七届三次全会精神,总结2021年工作。"
        "会议指出,2022年是党的二十大召开之年,也是落实县十七次党代会和镇十三次党代会部署要求的开局之年。"
    )
    found = _record_events(tmp_path, pingli, dt.date(2022, 2, 28))
    assert "县十七次党代会" in found["县第十七次党代会"]
    # negative: another year or another ordinal is another event
    assert not is_event_variant("2019年度全县表彰大会", "2020年度全县表彰大会")
    assert not is_event_variant("县第十七次党代会", "县第十八次党代会")
    assert not is_event_variant("全县表彰大会", "全市表彰大会")


def test_a_convening_verb_names_no_event_of_the_next_clause() -> None:
    """A fresh 2010 宁强 page (sxhonor.com/thread-5124-1-418.html, no split): 《陕西日报》2010年度通联工作会议在“汉水
    之源,羌族故里”的汉中市宁强县召开,来自…的150多名…代表…参加了会议 — 召开 holds the meeting before it (the
    quoted epithet's comma is no clause break); the clause after the comma names no event with it."""
    found = events(
        "5月19日至21日,《陕西日报》2010年度通联工作会议在“汉水之源,羌族故里”的汉中市宁强县召开,"
        "来自全省新闻宣传战线的150多名先进集体代表和优秀通讯员参加了会议。"
    )
    assert found == {"《陕西日报》2010年度通联工作会议"}
    # negative: a name convened in its own clause is still read (a 2020 county paper, see above)
    assert "2020年度县政府工作报告重点工作和民生实事专题调度会议" in events(
        "10月17日,我县召开2020年度县政府工作报告重点工作和民生实事专题调度会议。"
    )


def test_festival_words_and_a_coordinated_event_in_event_names() -> None:
    """Fresh pages (no split): news.gov.hk/tc/categories/admin/html/2013/09/20130927_160802.shtml 包括早上的升旗
    儀式和國慶酒會 — the reception after 升旗仪式和 is a second event, 国庆 (a LAC time word) part of its name;
    is0817.com/thread-112058-1-1.html 营山庆祝“五一”国际劳动节、“五四”青年节暨表扬大会拉开了帷幕 — the curtain
    idiom holds the meeting named before it. A time word that is a date or a part of the day stays out."""
    hk = "香港10月1日举行连串庆祝中华人民共和国成立64周年的活动,包括早上的升旗仪式和国庆酒会,以及晚上的文艺晚会。"
    assert {"升旗仪式", "国庆酒会"} <= events(hk)
    yingshan = "4月29日上午,在营山县会展中心,伴随着雄壮的国歌声响起,营山庆祝“五一”国际劳动节、“五四”青年节暨表扬大会拉开了帷幕。"
    assert "营山庆祝“五一”国际劳动节、“五四”青年节暨表扬大会" in events(yingshan)
    # negative: bare heads after 和 and a part of the day before a head name none
    assert events("下午,县委召开座谈会和培训会。今天上午的会议很重要。") == set()


def test_party_congresses_by_ordinal_in_a_list_and_by_level() -> None:
    """Fresh pages (no split): hedong.gov.cn/info/9615/130777.htm 与学习党的十八大报告、十九大报告精神结合起来 —
    the second congress of the list leaves 党的 out; pingli.gov.cn/Content-2370384.html 落实县十七次党代会和镇
    十三次党代会部署要求 — a level's congress by its ordinal, though LAC tags 镇 there a numeral; zyx.gov.cn/
    Content-2105227.html 传达学习党的十九大和十九届一中全会… — the plenum after 和 is its own event."""
    assert events("与学习党的十八大报告、十九大报告精神结合起来,认真领悟党的二十大提出的新思想新论断。") == {
        "党的十八大",
        "十九大",
        "党的二十大",
    }
    assert {"县十七次党代会", "镇十三次党代会"} <= events("也是落实县十七次党代会和镇十三次党代会部署要求的开局之年。")
    zyx = (
        "11月1日上午,县政府党组书记、县长陈莲主持召开县政府党组(扩大)会议,传达学习党的十九大和十九届一中全会、"
        "省委全委扩大会议、市委全委扩大会议、县委全委扩大会议精神,安排部署政府系统贯彻落实工作。"
    )
    assert {"党的十九大", "十九届一中全会"} <= events(zyx)
    # negative: 大会 after an ordinal is a meeting's head, not a congress; an ordinal 大 alone opens no list
    assert events("党的二十大和大会报告,十九大会场") == {"党的二十大"}


def test_a_list_of_congresses_counts_upwards() -> None:
    """taiwan.cn/xwzx/PoliticsNews/201708/t20170816_11831266.htm 按照党的十六大、十七大、十八大提出的… names three
    congresses; a smaller ordinal after a congress is a word's count (一大批, 三大攻坚战), no congress of the list."""
    found = events("我们要按照党的十六大、十七大、十八大提出的全面建成小康社会各项要求,突出抓重点、补短板、强弱项。")
    assert {"党的十六大", "十七大", "十八大"} <= found
    # negative (phrases, not a published sentence): the count after the congress is smaller
    assert events("党的十八大以来和一大批干部") == {"党的十八大"}
    assert events("贯彻党的十九大精神和三大攻坚战部署") == {"党的十九大"}


def test_plenums_listed_under_one_term_are_each_named_in_full(tmp_path: Path) -> None:
    """a04 全面贯彻落实党的二十大和二十届二中、三中全会精神 and k02 十九屆二中、三中、四中全會: the term and 全会 are
    written once for the list; each plenum is an event of its own, named in full (as the gold names them)."""
    a04 = article("a04", "二十届二中、三中全会")
    found = _record_events(tmp_path, a04, dt.date(2024, 10, 12))
    assert {"党的二十大", "二十届二中全会", "二十届三中全会"} <= set(found)
    assert found["二十届三中全会"] == []  # the written piece (三中全会) is no alias of a full name
    k02 = article("k02", "四中全会")
    assert {"十九届二中全会", "十九届三中全会", "十九届四中全会"} <= set(
        _record_events(tmp_path, k02, dt.date(2019, 12, 26))
    )
    # negative: a list without a term is no list of plenums (二中、三中 are schools here)
    assert not any(
        "全会" in name for name in _record_events(tmp_path, "他先后就读于二中、三中。", dt.date(2024, 1, 1))
    )


def test_a_committee_s_plenums_listed_by_ci_are_each_named_with_the_committee(tmp_path: Path) -> None:
    """m07 贯彻落实中共贵州省委十一届四次、五次全会、黔东南州委九届五次全会: a local committee's plenums, numbered
    by 次, listed under one term; each is named with the committee, as the single one after it is."""
    m07 = article("m07", "十一届四次、五次全会")
    found = _record_events(tmp_path, m07, dt.date(2015, 7, 10))
    assert {"中共贵州省委十一届四次全会", "中共贵州省委十一届五次全会", "黔东南州委九届五次全会"} <= set(found)
    # negative: sessions of a people's congress listed by 次 (no committee ending in 委 before the term) are
    # not read as plenums
    congress = _record_events(tmp_path, "会议审议通过了市人大五届三次、四次会议有关事项。", dt.date(2015, 7, 10))
    assert not any(name.endswith(("三次会议", "三次全会")) for name in congress)


def test_the_party_s_plenum_keeps_dang_de_before_it() -> None:
    """l08 培训班设置了党的十九届四中全会精神, i05 贯彻党的二十届三中全会精神, and the fresh page (no split)
    ahssnews.com/news/xianz/dx/202109/t20210923_5553444.html 贯彻落实…党的十九届五中全会精神: the party's plenum keeps 党的, as 党的二十大 does (the
    gold of b14, i05 and l08 names it so)."""
    assert "党的十九届四中全会" in events(article("l08", "党的十九届四中全会"))
    assert "党的二十届三中全会" in events(article("i05", "党的二十届三中全会"))
    susong = "举办本次培训班,是贯彻落实习近平新时代中国特色社会主义思想和党的十九届五中全会精神的重要举措。"
    assert "党的十九届五中全会" in events(susong)
    # negative: 中共 before a plenum is no 党的 (d04 keeps 中共二十届四中全会), nor is a 党的 further back, and
    # a plenum written without 党的 stays as written
    assert events("学习贯彻中共二十届四中全会精神。") == {"中共二十届四中全会"}
    assert "十九届四中全会" in events("深入学习十九届四中全会精神。")


def test_a_plenum_lac_cuts_at_its_number_is_still_named() -> None:
    """t02 旨在深入学习贯彻十八届六中全会精神: LAC cuts 十八届/m 六/m 中/f 全会/n, and the walk stops at 中; the
    plenum is named by its term and number whatever the cut (m06, o06 name such plenums too)."""
    assert "十八届六中全会" in events(article("t02", "十八届六中全会精神"))
    # negative: 全会 alone names none, nor does a number without a term
    assert not {"全会", "六中全会"} & events("全会听取了工作报告。会议传达了六中全会的精神。")


def test_a_level_prefix_before_a_term_opens_the_session_s_name() -> None:
    """s03 2月2日下午,省十二届人大常委会第二十七次会议上: LAC tags the lone 省 a verb; the session's name keeps
    it (gold 省十二届人大常委会第二十七次会议, as r07's 省十二届人大常委会第三十次会议)."""
    assert "省十二届人大常委会第二十七次会议" in events(article("s03", "第二十七次会议上"))
    # negative: a verb that is no level prefix stays out (节省 is a word, 省 alone before no term is no prefix)
    assert events("要节省开支,召开十二届人大常委会第二十七次会议。") == {"十二届人大常委会第二十七次会议"}


def test_a_year_right_before_a_walked_name_opens_it() -> None:
    """s07 “党建零距离心向行所至”2024年环人民广场中央商务区党建联席会议12月26日举行: LAC tags 2024年 a time word,
    which stopped the walk; the gold keeps an event's year prefix (tests/gold/README.md)."""
    assert "2024年环人民广场中央商务区党建联席会议" in events(article("s07", "12月26日"))
    # negative: a year before a comma opens no name (s07: 展望2025年,环人民广场…联席会议将进一步…)
    found = events("2024年,环人民广场中央商务区党建联席会议12月26日举行。")
    assert found == {"环人民广场中央商务区党建联席会议"}


def test_a_session_written_inside_its_body_inside_a_meeting_name() -> None:
    """l07: 海南省五屆人大五次會議主席團第二次會議在…舉行 — the presidium's meeting is the longer span and the
    presidium is written inside it; the session that forms the presidium is an event of the page too."""
    from cadregraph.pipeline.components import NESTED_NAMES_KEY

    line = article("l07", "主席团第二次会议在")
    doc = cached_nlp("lac")(line)
    nested = {line[s:e] for s, e, label in doc.user_data[NESTED_NAMES_KEY] if label == "Event"}
    assert "海南省五届人大五次会议" in nested
    assert "海南省五届人大五次会议主席团第二次会议" in events(line)
    # negative: a presidium after no session name gives none (大会主席团常务主席 is a title's body)
    plain = cached_nlp("lac")("会议由大会主席团常务主席罗保铭主持。")
    assert not [s for s in plain.user_data[NESTED_NAMES_KEY] if s[2] == "Event"]


def test_a_convening_verb_inside_another_word_convenes_nothing() -> None:
    """l07 (and c13, k08, a fresh page: the people's congress 选举办法): 决定将选举办法草案建议表决稿提请大会全体会议
    表决 — 举办 is read inside 选举|办法, no verb; and 大会全体会议 is a sitting of the session the report is
    about, as a bare 全体会议 is. A 举办 of its own still convenes (e08 举办…示范班, the 临澧 page above)."""
    line = article("l07", "选举办法草案建议表决稿")
    assert not any(name.startswith("法草案") or name == "大会全体会议" for name in events(line))
    linli = "6月30日晚上,临澧县举办全县“七·一”表彰大会暨“青山不老 初心不忘”主题演讲决赛活动,隆重表彰全县先进党组织。"
    assert "全县“七·一”表彰大会暨“青山不老 初心不忘”主题演讲决赛活动" in events(linli)


def test_a_site_or_room_after_an_event_head_names_no_event() -> None:
    """l08 现场学习基层党建、村集体经济、合作社、村级组织活动场所标准化建设 — 活动场所 is the site where a village's
    bodies meet, a place; 会议室 likewise (a room). An activity named before no site stays an event (d02)."""
    assert not any(name.endswith("活动") for name in events(article("l08", "村级组织活动场所")))
    assert "海北州建政70周年庆祝活动" in events(article("d02", "研究海北州建政70周年庆祝活动"))


def test_one_ceremony_written_with_two_ceremony_words(tmp_path: Path) -> None:
    """Fresh page njvtc.cn/info/1015/4375.htm (no split): …等出席开班典礼 … 黄英主持开班仪式 — one opening
    ceremony, written with 典礼 and with 仪式; news.gov.hk 2013/09/20130927_160802 writes 升旗儀式 and
    升旗典禮 likewise. One event, the other form an alias; another stem stays another event."""
    text = (
        "4月28日上午,内江市2015年县处级领导干部专题轮训班在我院教学楼408学术报告厅开班。中共内江市委常委、"
        "市委组织部部长、党校校长杜坤飞,中共内江市委组织部副部长黄英、郑平等出席开班典礼。\n"
        "中共内江市委组织部副部长黄英主持开班仪式。在雄壮的国歌奏唱后,杜坤飞作开班动员讲话。"
    )
    assert _forms(_record_events(tmp_path, text, dt.date(2015, 4, 28))) == [{"开班仪式", "开班典礼"}]
    assert is_same_ceremony("开学仪式", "第26期商丘市管领导干部进修班开学典礼")
    assert is_same_ceremony("开班式", "开班典礼")
    # negatives: another stem (an opening and a closing ceremony), and a stem too short to name a ceremony
    assert not is_same_ceremony("结业典礼", "开班仪式")
    assert not is_same_ceremony("开幕式", "闭幕仪式")
    assert not is_same_ceremony("仪式", "开班典礼")


def _forms(found: dict[str, list[str]]) -> list[set[str]]:
    """Each event's forms, its name and its aliases (which of two equal forms becomes the name is the merge's)."""
    return [{name, *aliases} for name, aliases in found.items()]


def test_two_names_of_one_event_that_share_a_tail(tmp_path: Path) -> None:
    """h04 (dev): the headline's 离退休干部“双先”表彰会 is the body's 上海市老干部庆祝新中国成立60周年暨“双先”表彰会;
    d02 (dev): 自治州建政70周年庆祝活动 is 海北州建政70周年庆祝活动 (a home word and a named owner of its level).
    One event each, the other form an alias; fronts that both name an owner or a number, or neither, are two."""
    h04 = "\n".join(article("h04", marker) for marker in ("俞正声等领导出席离退休干部", "9月29日下午,上海市老干部"))
    found = _record_events(tmp_path, h04, dt.date(2009, 9, 30))
    assert {"离退休干部双先表彰会", "上海市老干部庆祝新中国成立60周年暨双先表彰会"} in _forms(found)
    d02 = "\n".join(article("d02", marker) for marker in ("4月3日,青海省海北州委书记", "要充分认识自治州建政70周年"))
    found = _record_events(tmp_path, d02, dt.date(2023, 4, 4))
    assert {"自治州建政70周年庆祝活动", "海北州建政70周年庆祝活动"} in _forms(found)
    # i02 (dev): 庆祝回归升旗仪式 is the 庆祝澳门特别行政区成立18周年升旗仪式 of the first line: a tail of four before
    # a strong head word (仪式); an anchored one (会议) needs five
    i02 = "\n".join(article("i02", marker) for marker in ("政府举行庆祝澳门特别行政区成立18周年", "8时整,中央政府驻澳门"))
    found = _record_events(tmp_path, i02, dt.date(2017, 12, 20))
    assert any({"庆祝回归升旗仪式", "庆祝澳门特别行政区成立18周年升旗仪式"} <= forms for forms in _forms(found))
    assert not is_same_event_tail("党建工作会议", "全县经济工作会议")
    # negatives: two owners (k08: 中央经济工作会议, 省委经济工作会议), two prefectures, two scopes, two ordinals,
    # and two bare qualifiers
    assert not is_same_event_tail("中央经济工作会议", "省委经济工作会议")
    assert not is_same_event_tail("海北州建政70周年庆祝活动", "玉树州建政70周年庆祝活动")
    assert not is_same_event_tail("全县经济工作会议", "全市经济工作会议")
    assert not is_same_event_tail("第一次全体会议", "第二次全体会议")
    assert not is_same_event_tail("青年干部培训班开班仪式", "妇女干部培训班开班仪式")


def test_the_walk_crosses_a_short_bracketed_qualifier_inside_a_name() -> None:
    """d03 (dev): 参加美兰区第一届村(社区、居)干部本科班开学典礼 — the name runs on over (社区、居) to the word it
    qualifies and on to the district; a byline in brackets (f07: 新华社长春9月5日电(记者 宗巍)吉林省十二届人大
    常委会第十次会议9月5日决定) is no qualifier, and the name starts after it."""
    assert "美兰区第一届村(社区、居)干部本科班开学典礼" in events(article("d03", "干部本科班开学典礼"))
    found = events(article("f07", "第十次会议9月5日决定"))
    assert "吉林省十二届人大常委会第十次会议" in found
    assert not any("记者" in name for name in found)


def test_a_plain_year_opens_an_event_name_and_a_years_edition_does_not() -> None:
    """s07: 2024年|环人民广场…联席会议 keeps its year; 2021年度…“大比武”活动擂台赛 (LAC: 2021年|度村) is a recurring
    programme's yearly round, so its year opens no event (tests/test_programme_spans.py holds the whole sentence)."""
    assert opens_with_year("2024年", "环人民广场")
    assert opens_with_year("二〇二一年", "全县")
    assert not opens_with_year("2021年", "度村")
    assert not opens_with_year("2021年度", "村")
    assert not opens_with_year("2025名", "干部")


def test_a_class_opening_written_kaixue_and_kaiban_is_one_ceremony(tmp_path: Path) -> None:
    """za06 (dev): …专科学历教育2020级开学典礼以视频直播的方式在全省统一举行 … 共计62人参加开班典礼 … 全省视频开班式结束后:
    a class opens with one ceremony, written with the stem 开学 and with 开班 (event_ceremony_stems.txt), so
    the three forms are one event. A closing ceremony (结业) stays another."""
    za06 = "\n".join(article("za06", marker) for marker in ("3月29日上午", "全省视频开班式结束后"))
    found = _forms(_record_events(tmp_path, za06, dt.date(2020, 3, 30)))
    assert len(found) == 1 and {"开学典礼", "开班典礼"} <= found[0]
    assert is_same_ceremony("开学典礼", "第26期商丘市管领导干部进修班开班仪式")
    assert not is_same_ceremony("结业典礼", "第26期商丘市管领导干部进修班开学典礼")


def test_each_part_of_a_joint_ceremony_names_it(tmp_path: Path) -> None:
    """ze02 (dev): 昆山乡村振兴讲习所揭牌暨乡村振兴党建联盟成立仪式 … 出席揭牌仪式: two ceremonies held as one (暨), so
    each part with the shared ceremony word (揭牌仪式, 成立仪式) names the one event. A stem that ends no part
    (结业仪式) names another."""
    full = "昆山乡村振兴讲习所揭牌暨乡村振兴党建联盟成立仪式"
    assert is_same_ceremony("揭牌仪式", full) and is_same_ceremony("成立仪式", full)
    assert not is_same_ceremony("结业仪式", full)
    ze02 = "\n".join(article("ze02", marker) for marker in ("11月29日上午", "出席揭牌仪式"))
    found = _forms(_record_events(tmp_path, ze02, dt.date(2018, 11, 30)))
    assert any({full, "揭牌仪式"} <= forms for forms in found)
    assert not any(forms == {"揭牌仪式"} for forms in found)
