"""Programme names as noun phrases (issue 8, item 4), on real sentences from public news pages and seeds/.

Each line of tests/data/programme_spans.jsonl holds a sentence as published (Traditional pages too: they go
through the same normalisation as `kg extract`), its source, the programme spans expected with the shorter
forms recorded as aliases, and spans that must not come out (the cut-off or generic readings).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cadregraph.pipeline.canonical import strip_quotes
from cadregraph.pipeline.ingest import normalise
from cadregraph.pipeline.nlp import cached_nlp
from cadregraph.pipeline.programmes import ALIASES_KEY, same_class

DATA = Path(__file__).parent / "data" / "programme_spans.jsonl"
CORPUS = Path(__file__).parent / "corpus" / "articles"
CASES = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def _programmes(text: str) -> tuple[str, dict[str, set[str]]]:
    analysed, _, _ = normalise(text)
    doc = cached_nlp("lac")(analysed)
    aliases = doc.user_data.get(ALIASES_KEY, {})
    found: dict[str, set[str]] = {}
    for ent in doc.ents:
        if ent.label_ == "Programme":
            assert analysed[ent.start_char : ent.end_char] == ent.text
            shorter = {strip_quotes(a) for a in aliases.get((ent.start_char, ent.end_char), ())}
            found.setdefault(ent.text, set()).update(shorter)
    return analysed, found


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c['form']}" for i, c in enumerate(CASES)])
def test_programme_spans_on_real_sentences(case: dict[str, Any]) -> None:
    assert case["source_url"]
    _, found = _programmes(case["text"])
    for name, aliases in case["programmes"].items():
        assert name in found, f"{name} not in {sorted(found)}"
        assert {strip_quotes(a) for a in aliases} <= found[name]
    for name in case["absent"]:
        assert name not in found
    if case["none"]:
        assert not found


def test_the_data_file_covers_every_form_with_negatives() -> None:
    """No rule rests on a single sentence: each form has real examples, and negatives are present."""
    forms = [c["form"] for c in CASES]
    assert sum("negative" in f for f in forms) >= 6
    assert sum(f.startswith(("award", "honour")) for f in forms) >= 4
    assert sum("short class" in f for f in forms) >= 2
    assert sum(bool(c["absent"]) for c in CASES) >= 12


def _extracted_programmes(tmp_path: Path, text: str) -> list[Any]:
    """The Programme entities `kg extract` gives for the text."""
    from cadregraph.pipeline.cli import ExtractionRun

    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    (record,) = list(ExtractionRun("lac", None).records([str(path)]))
    return [e for e in record.entities if e.type == "Programme"]


def test_shorter_forms_fold_into_the_full_name(tmp_path: Path) -> None:
    """A later mention without the year (or with the quoted core only) is the same programme, and the full
    name keeps its written shorter forms as aliases (kg extract)."""
    # Two real sentences of one page (hn.rednet.cn, 2022-08-17): the quoted core, then the full name.
    text = (
        "8月17日,株洲召开全市项目建设“百日攻坚”行动推进会,听取各县市区、“四大攻坚”牵头部门汇报"
        "“百日攻坚”行动推进情况,部署下一步工作,迅速掀起全市项目建设“百日攻坚”行动的热潮。\n"
        "据了解,株洲在8月至11月开展项目建设“百日攻坚”行动,重点抓好项目招引、征拆供地、园区项目、"
        "重大基础设施项目等“四大攻坚”,力争新招引项目220个,到位资金100亿元以上;"
    )
    programmes = _extracted_programmes(tmp_path, text)
    full = next(e for e in programmes if e.name == "项目建设百日攻坚行动")
    assert "百日攻坚行动" in full.aliases
    assert len(full.mentions) == 3
    assert not [e for e in programmes if e.name == "百日攻坚行动"]
    for mention in full.mentions:
        assert text[mention.start : mention.end] == mention.text


def test_one_class_written_with_two_kinds_is_one_programme(tmp_path: Path) -> None:
    """全省乡镇党委书记培训示范班 and, later, …示范培训班: the same words before the class's kind name one class
    (phrase.toml class_kinds); two classes with other words, or too few of them, stay two."""
    # www.tianshui.com.cn/news/gansu/2011110322341813853.htm (corpus e08)
    text = (
        "11月2日,全省乡镇党委书记培训示范班在省委组织部干部培训基地正式开班。\n"
        "德刚同志对本期全省乡镇党委书记示范培训班寄予了厚望,希望通过这项工作,“使新上岗的干部尽快进入角色,"
        "更好地体现换届的成效及带来的新气象。"
    )
    classes = [e for e in _extracted_programmes(tmp_path, text) if e.name.endswith("班")]
    assert len(classes) == 1
    assert {classes[0].name, *classes[0].aliases} >= {"全省乡镇党委书记培训示范班", "全省乡镇党委书记示范培训班"}
    assert len(classes[0].mentions) == 2
    # rjzbh.hainrtvu.com (corpus d03): two classes of one programme, the same kind, other words
    other = tmp_path / "other"
    other.mkdir()
    text = "这是在大专班、中职班之后,美兰区全链式学历教育工程接续推出的重要课程,成为美兰区基层党员干部队伍提升学历、强化素质、优化结构的新途径。"
    names = {e.name for e in _extracted_programmes(other, text)}
    assert {"大专班", "中职班"} <= names
    # too few words before the kind to tell one class (phrase.toml class_core_min_chars)
    assert not same_class("青年干部培训班", "青年干部研修班")


@pytest.mark.parametrize(
    ("text", "nested", "aliases"),
    [
        # news.henu.edu.cn/info/1083/81209.htm: LAC fuses the ordinal with 中 (第30期中|青年干部培训班)
        (
            "2012年9月11日上午,河南省高校干部培训中心第30期中青年干部培训班开学典礼在金明校区干部培训中心举行。",
            "河南省高校干部培训中心第30期中青年干部培训班",
            {"第30期中青年干部培训班", "中青年干部培训班"},
        ),
        # a county's page (681760.dlors167.asia/lszg/…/f1d7aea695514ae591bfc007b065cb33.shtml): an ordinal
        # numbers the class of a longer name (…递进培养第三期培训班)
        (
            "近日,我县优秀年轻干部人才递进培养第三期培训班开班典礼在县委党校举行,本次培训对象主要面对全县乡镇事业人员、"
            "优秀村干部及大学生村官,通过公开推荐、资格审查和遴选测试,55名优秀年轻干部人才进入理论培训环节。",
            "优秀年轻干部人才递进培养第三期培训班",
            set(),
        ),
        # wap.zhushan.cn/p/88754.html: LAC cut the short form's first character off as a locative (中|青班)
        (
            "今日竹山网消息 5月23日,2019年春季中青班毕业典礼在县委党校举行,49名参训学员经过一个月的培训顺利结业。",
            "2019年春季中青班",
            {"中青班"},
        ),
        # epaper.tianjinwe.com (天津日报 2024-07-05): a quoted theme of a ceremony is no nested programme
        ("6月28日上午,天津市红桥区“两优一先”表彰大会召开。", None, set()),
        # aa.glxcb.cn/aa/2022/0305/40908.html: a work meeting named after the activity it launches
        (
            "3月4日,西安市鄠邑区召开年轻干部赴新城区实践锻炼动员会,首批遴选的20名街道年轻副职领导干部和部门年轻"
            "后备干部将赶赴新城区实践锻炼,在未来一个月的时间里到新城区各街道、部门实践锻炼,学习“充电”。",
            "年轻干部赴新城区实践锻炼",
            set(),
        ),
        # news.sina.com.cn/c/2007-09-25/072812630343s.shtml: the same, with 工作 between the activity and 总结会
        (
            "本报讯 (记者徐飞鹏周暹)记者从市委组织部、市委统战部和市民委召开的2007年西部地区和其他少数民族地区"
            "干部来京挂职锻炼工作总结会上获悉,昨天上午,来自海南省、云南省、新疆生产建设兵团的25名干部圆满完成在京"
            "挂职锻炼任务离京。",
            "2007年西部地区和其他少数民族地区干部来京挂职锻炼",
            set(),
        ),
        # wap.265xx.com/w415/335971.html: a meeting named after what it does, no activity word (学习) at its end
        ("4月7日,浠水县委组织部召开选派干部到宁海跟班学习动员会,选派的跟班学习干部张浩洋说。", None, set()),
        # ahssnews.com/news/xianz/dx/202109/t20210923_5553444.html: after the preposition 在 LAC cut 中 off
        # 中青年 (and read it as a time word); a postposition follows a noun phrase, never 在 alone
        (
            "鲁长江要求,要充分认识习近平总书记在中青年干部培训班开班式上讲话的重要意义。",
            "中青年干部培训班",
            set(),
        ),
        # zzu.edu.cn/info/1217/85782.htm (zk07): the opening ceremony names the class with the audiences 暨 joins;
        # the rules' name cut at 暨 is an alias (_programmes_as_their_ceremonies_name_them)
        (
            "黔西南州2025年人大代表暨人大干部学习培训班开班式在郑州大学举行",
            "黔西南州2025年人大代表暨人大干部学习培训班",
            {"人大干部学习培训班"},
        ),
    ],
)
def test_a_programme_named_inside_an_event_is_kept_beside_it(
    text: str, nested: str | None, aliases: set[str]
) -> None:
    from cadregraph.pipeline.components import NESTED_NAMES_KEY

    analysed, _, _ = normalise(text)
    doc = cached_nlp("lac")(analysed)
    assert any(e.label_ == "Event" for e in doc.ents)
    inner = [(s, e) for s, e, label in doc.user_data.get(NESTED_NAMES_KEY, []) if label == "Programme"]
    if nested is None:
        assert not inner
        return
    assert [analysed[s:e] for s, e in inner] == [nested]
    assert aliases <= set(doc.user_data.get(ALIASES_KEY, {}).get(inner[0], ()))


def test_a_body_set_up_for_a_programme_is_not_the_programme(tmp_path: Path) -> None:
    """万人助万企活动专班 works for 万人助万企活动: two programmes, the shorter no alias of the longer (phrase.toml
    serving_heads); other shorter forms still fold (test_shorter_forms_fold_into_the_full_name)."""
    # paper.ce.cn/jjrb/html/2021-12/09/content_454722.htm (经济日报 2021-12-09), its first two paragraphs' opening
    text = (
        "本报郑州讯(记者夏先清、杨子佩)今年以来,河南省周口市部署开展“万人助万企”活动,大力优化营商环境,"
        "推进助企帮扶走深走实。\n"
        "“5000万元专项贷款如雪中送炭!”近日,位于周口市西华县的耕德电子有限公司董事长时明感叹,今年企业遇到了"
        "很大困难。在“万人助万企”活动专班的帮助下,不仅紧急贷款程序迅速启动,还对口招聘300多名技术人才。\n"
    )
    programmes = {e.name: e for e in _extracted_programmes(tmp_path, text)}
    assert {"万人助万企活动", "万人助万企活动专班"} <= set(programmes)
    assert "万人助万企活动" not in programmes["万人助万企活动专班"].aliases
    assert len(programmes["万人助万企活动"].mentions) == 1


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        # www.swgm.net/info/2141/315361.htm: a bracketed second name of the school inside the class's name
        (
            "本网讯 11月18日,浙江省委党校(行政学院)名师研修班在上海市委党校(行政学院)梅陇校区举行开班式。",
            "浙江省委党校(行政学院)名师研修班",
            "名师研修班",
        ),
        # the year+term+owner line of programme_spans.jsonl (中央党校(国家行政学院))
        (
            "9月1日,2021年秋季学期中央党校(国家行政学院)中青年干部培训班在中央党校开班。",
            "2021年秋季学期中央党校(国家行政学院)中青年干部培训班",
            "中青年干部培训班",
        ),
    ],
)
def test_no_shorter_form_opens_inside_a_bracket(text: str, name: str, alias: str) -> None:
    """(行政学院)名师研修班, 行政学院)名师研修班 are no forms of the name; the core without the owner is."""
    _, found = _programmes(text)
    assert alias in found[name]
    assert not [a for a in found[name] if a[0] in "()（）" or a.split("(")[0].endswith(")")]
    assert not [a for a in found[name] if ")" in a and "(" not in a]


def test_an_honour_opens_with_the_divisions_granting_it() -> None:
    """c09 (dev, epaper.tianjinwe.com 2024-07-05): the district's honours open with its names (the backend's
    place words); 区级 is no level of award_levels.txt, so the later short forms are no honour of their own."""
    from cadregraph.pipeline.programmes import levelled_honours

    text = (
        "会上,宣读了中共天津市红桥区委关于表彰天津市红桥区优秀共产党员、天津市红桥区优秀党务工作者和天津市红桥区"
        "先进基层党组织的决定。区领导同志为受表彰的区级优秀共产党员、优秀党务工作者和先进基层党组织代表颁奖。"
    )
    doc = cached_nlp("lac")(text)
    assert [text[s:e] for s, e in levelled_honours(doc)] == [
        "天津市红桥区优秀共产党员",
        "天津市红桥区优秀党务工作者",
        "天津市红桥区先进基层党组织",
    ]



def test_a_class_named_inside_its_opening_ceremony_stays_when_its_name_goes_on_after_a_quote(
    tmp_path: Path,
) -> None:
    """m.xinjinjiang.com.cn/news/shizhengdongtai/2016-11-28/16499.html (Traditional): the class 沛县“五星”村党支部
    书记培训班 is named inside the ceremony's name; its quoted part qualifies the words after it, so the class is
    an entity too. A quoted name with only its type word after it inside an event's name is the event's theme
    (项目建设“百日攻坚”行动推进会, test_shorter_forms_fold_into_the_full_name; “最美黔西人”颁奖晚会, dev b18)."""
    text = (
        "濮陽網訊 11月26日上午,農村黨支部書記學院舉行沛縣“五星”村黨支部書記培訓班開班儀式,"
        "農村黨支部書記學院副理事長、市委組織部副部長高朝亮出席開班儀式並致辭。"
    )
    names = {e.name for e in _extracted_programmes(tmp_path, text)}
    assert any(n.endswith("五星村党支部书记培训班") for n in names), names
    from cadregraph.pipeline.programmes import programmes_in_events

    theme = "2014年首届水西古城杯“最美黔西人”颁奖晚会在水西古城隆重举行"
    event = (0, theme.index("在"), "Event")
    quoted = (theme.index("“"), theme.index("晚"), "Programme")
    assert programmes_in_events(theme, [event], [quoted]) == []


def test_a_scope_words_form_and_the_names_tail_fold_into_the_named_programme(tmp_path: Path) -> None:
    """j07 (dev, cjxy.nwafu.edu.cn/blybnr/pxjydt/283928.htm) writes the province's programme with 全省 first,
    with the province's name next, and 轮训工程 alone later: one programme, the named form its name."""
    text = (
        "2010年10月8日第三十四期乡镇领导轮训班报到,这是我校承担陕西省委组织部全省乡镇党委书记、乡镇长轮训工程"
        "的最后一期培训班,标志着我院即将圆满完成陕西省乡镇党委书记、乡镇长轮训工程。\n"
        "为了做好轮训工程,学院党政干部培训办公室全体工作人员本着对工作高度负责的精神,至始至终将培训质量放在首位。"
    )
    # no sidecar: the paper's home is read as 陕西省, whose own name a canonical name leaves out
    programmes = {e.name: e for e in _extracted_programmes(tmp_path, text)}
    named = programmes["乡镇党委书记、乡镇长轮训工程"]
    assert {"全省乡镇党委书记、乡镇长轮训工程", "陕西省乡镇党委书记、乡镇长轮训工程", "轮训工程"} <= set(named.aliases)
    assert len(named.mentions) == 3
    assert set(programmes) == {"乡镇党委书记、乡镇长轮训工程", "第三十四期乡镇领导轮训班"}
    # the corpus sidecar's home (杨凌示范区, no division the gazetteer knows): the province's name stays
    (tmp_path / "page.meta.json").write_text(json.dumps({"place": "杨凌示范区"}), encoding="utf-8")
    programmes = {e.name: e for e in _extracted_programmes(tmp_path, text)}
    named = programmes["陕西省乡镇党委书记、乡镇长轮训工程"]
    assert {"全省乡镇党委书记、乡镇长轮训工程", "轮训工程"} <= set(named.aliases)
    assert len(named.mentions) == 3
    assert set(programmes) == {"陕西省乡镇党委书记、乡镇长轮训工程", "第三十四期乡镇领导轮训班"}


def test_two_programmes_joined_in_one_title_stay_two(tmp_path: Path) -> None:
    """d04 (dev): the tail after 暨 is the second programme, not a back-reference to the joined title."""
    text = (
        "11月24日至28日,致公党海南省委会在省委党校举办学习贯彻中共二十届四中全会精神学习班暨第二十八期海南致公党员"
        "素质提升培训班。\n一是打牢自身建设基础、旗帜鲜明讲政治,在每年4期、每期培训100名学员的“海南致公党员素质提升"
        "培训班”上,将学习贯彻中共二十届四中全会精神作为主要学习内容开展专题学习。"
    )
    names = {e.name for e in _extracted_programmes(tmp_path, text)}
    assert "学习贯彻中共二十届四中全会精神学习班" in names
    assert any(n.endswith("海南致公党员素质提升培训班") and "暨" not in n for n in names)


@pytest.mark.parametrize(
    ("scoped", "named", "owners", "same"),
    [
        ("全省乡镇党委书记、乡镇长轮训工程", "陕西省乡镇党委书记、乡镇长轮训工程", None, True),
        ("全省乡镇党委书记、乡镇长轮训工程", "陕西省乡镇党委书记、乡镇长轮训工程", ("陕西省",), True),
        # another province than the paper's: not its 全省
        ("全省乡镇党委书记、乡镇长轮训工程", "陕西省乡镇党委书记、乡镇长轮训工程", ("浙江省",), False),
        # the level differs: a county's class is not the province's
        ("全省乡镇党委书记、乡镇长轮训工程", "澧县乡镇党委书记、乡镇长轮训工程", None, False),
        # a province's paper leaves its own name out of the named form's canonical name
        ("全省乡镇党委书记、乡镇长轮训工程", "乡镇党委书记、乡镇长轮训工程", ("陕西省",), True),
        ("全市乡镇党委书记、乡镇长轮训工程", "乡镇党委书记、乡镇长轮训工程", ("陕西省",), False),
        # two different classes with the same head (两个不同的培训班)
        ("全省乡镇党委书记培训班", "陕西省村党组织书记培训班", None, False),
    ],
)
def test_a_scope_word_stands_for_a_division_of_its_level(
    scoped: str, named: str, owners: tuple[str, ...] | None, same: bool
) -> None:
    from cadregraph.pipeline.programmes import scope_variant

    assert scope_variant(scoped, named, owners) is same


@pytest.mark.parametrize(
    ("tail", "name", "same"),
    [
        ("轮训工程", "陕西省乡镇党委书记、乡镇长轮训工程", True),
        ("工程", "陕西省乡镇党委书记、乡镇长轮训工程", False),  # a kind, too short to name one
        ("海南致公党员素质提升培训班", "学习贯彻中共二十届四中全会精神学习班暨第二十八期海南致公党员素质提升培训班", False),
    ],
)
def test_a_names_tail_refers_back_unless_the_name_joins_two(tail: str, name: str, same: bool) -> None:
    from cadregraph.pipeline.programmes import refers_back

    assert refers_back(tail, name) is same


def test_a_locative_after_a_noun_stays_a_postposition() -> None:
    """在活动中|青年学生们: after a noun 中 is the postposition of 在…中, not the first character of the next word
    (绍兴市第一中学's page on its 模拟联合国 team, sxyz.net, 2019-08); after 在 alone it is (在中|青年干部培训班)."""
    from cadregraph.pipeline.programmes import _fused_locative

    def middle(text: str) -> bool:
        doc = cached_nlp("lac")(text)
        token = next(t for t in doc if t.text == "中")
        return _fused_locative(token, [token, doc[token.i + 1]])

    assert not middle("在活动中青年学生们扮演不同国家的外交官,作为各国代表,参与到“联合国会议”当中。")
    assert middle("鲁长江要求,要充分认识习近平总书记在中青年干部培训班开班式上讲话的重要意义。")


def test_a_programme_mentioned_by_its_written_short_form_is_one_entity(tmp_path: Path) -> None:
    """y.meizhou.cn/mxq/p/169915.html (2023-12): 百千万工程 is written inside 全省“百千万工程” and also abbreviates
    the 《…“百县千镇万村高质量发展工程”三年行动》 programme; it joins the one that wrote it. A quoted core before
    stacked type words (“大比武”活动擂台赛, stzycn.com/stzy/vip_doc/22316041.html) is a form of that name too."""
    text = (
        "为全面提升梅县区共青团干部的整体素质,凝聚广大青年力量,助力梅县区建好全省“百千万工程”典型区,12月22日上午,"
        "2023年梅县区共青团干部素质提升培训班正式开班。\n"
        "要围绕中心大局,贡献青年力量和青春智慧,组织好广大青年同志主动担当、大胆作为,积极参与“百千万工程”“绿美梅县”、"
        "乡村振兴等重点工作;\n"
        "培训班以专题讲座、现场体验教学、座谈交流等形式开展,围绕党的二十大报告、习近平总书记关于青年成长成才的寄语、"
        "《梅县区青年下乡返乡兴乡助力“百县千镇万村高质量发展工程”三年行动》等内容进行专题授课。\n"
    )
    programmes = _extracted_programmes(tmp_path, text)
    holding = [e for e in programmes if e.name == "百千万工程" or "百千万工程" in e.aliases]
    assert len(holding) == 1
    text = (
        "河南南召:2021年度村(社区)党支部书记“大比武”活动擂台赛圆满落幕\n"
        "12月17日下午南召县2021年度村(社区)党支部书记“新时代新作为大比武”活动擂台赛在南召举行,组织部长王龙、县党的"
        "建设领导小组成员单位负责同志、县委组织部部务会全体成员、县农业农村局党组书记、乡村振兴局局长、各乡镇抓组织工作"
        "副书记及参加“大比武”现场打擂的20名村(社区)党支部书记。\n"
    )
    programmes = _extracted_programmes(tmp_path, text)
    assert [e.name for e in programmes if e.name == "大比武"] == []
    (contest,) = [e for e in programmes if "大比武" in e.aliases]
    assert contest.name.endswith("大比武活动擂台赛")


def test_a_secondment_named_by_its_year_is_a_programme(tmp_path: Path) -> None:
    """h07 (dev, news.fznews.com.cn): a secondment of cadres opened by its year and owner is a programme, given
    beside the ceremony's event that holds it; n03 (dev): 挂职锻炼 with no year is a kind of training."""
    text = (
        "福州新闻网讯 5日,2014年福州市村(社区)党组织书记异地挂职启动仪式在市委党校举行,266名村(社区)党组织书记"
        "正式启程,进行为期一个半月的异地挂职锻炼。"
    )
    names = {e.name for e in _extracted_programmes(tmp_path, text)}
    assert "2014年福州市村(社区)党组织书记异地挂职" in names
    plain = "准格尔旗按照按需施教、全员培训、注重能力的原则,通过组织培训、挂职锻炼和驻乡包村等方式,广开干部锻炼渠道。"
    assert _extracted_programmes(tmp_path, plain) == []


def test_a_class_that_studies_one_subject(tmp_path: Path) -> None:
    """o07 (dev, rmrb.online): 研究班 is a class's type word; the bare word is no class's name."""
    text = (
        "江苏省组织部门努力加强在岗干部的培训,今年上半年,会同有关部门开办中青年妇女干部培训班、工地有偿使用研究班、"
        "厅局级干部“关贸总协定”研讨班等。"
    )
    names = {e.name for e in _extracted_programmes(tmp_path, text)}
    assert "研究班" not in names
    assert "中青年妇女干部培训班" in names


def test_a_roll_of_honour_is_named_by_what_it_honours(tmp_path: Path) -> None:
    """Seed 002: 乡村光荣榜 is a programme (its type word ends the quoted name); 17juwen.com: the
    roll of honour quoted alone (一张张“光荣榜”) names none."""
    text = "此次受表彰的24名“乡村光荣榜”上榜村民、3户“文明家庭”和62户第三批“五美庭院”当中,"
    assert "乡村光荣榜" in {e.name for e in _extracted_programmes(tmp_path, text)}
    alone = "一张张“光荣榜”,凝聚着乡村的正能量;一份份小礼品,承载着群众的认可与期盼。"
    assert _extracted_programmes(tmp_path, alone) == []


def test_a_year_tagged_as_a_number_is_a_year_and_a_count_is_not() -> None:
    """LAC tags some years as numbers (2025年/m, q04); a count (50名, p04) stays a count."""
    from cadregraph.pipeline.programmes import _is_year, phrase_rules

    rules = phrase_rules()
    nlp = cached_nlp("lac")
    dated = nlp(normalise("均安鎮黨建組織辦在鎮委黨校舉辦2025年村(社區)后備干部培訓班。")[0])
    counted = nlp(normalise("來自禹城市的50名基層公務員參加首期培訓班。")[0])
    assert [t.text for t in dated if t.tag_ == "m" and _is_year(t, rules)] == ["2025年"]
    assert [t.text for t in counted if t.tag_ == "m" and _is_year(t, rules)] == []


def test_an_ordinal_class_is_the_named_class_holding_its_ordinal(tmp_path: Path) -> None:
    """第一期培训班 after 2016年度吉林省新一轮村干部培训第一期班 is that class (phrase.toml class_ordinals); 首期培训班
    alone is a class of its own; a first class of another ordinal does not fold."""
    # www.jlau.edu.cn/info/1023/2869.htm (corpus c04)
    text = (
        "6月14日上午,2016年度吉林省新一轮村干部培训第一期班开班典礼在我校十一号楼举行。\n"
        "董国权阐述了新时期实施村干部培训的重要性、迫切性,并对参加第一期培训班的454名贫困村党组织书记提出要求。"
    )
    classes = [e for e in _extracted_programmes(tmp_path, text) if e.name.endswith("班")]
    assert [c.name for c in classes] == ["2016年度吉林省新一轮村干部培训第一期班"]
    assert "第一期培训班" in classes[0].aliases
    from cadregraph.pipeline.programmes import numbered_short_form

    assert not numbered_short_form("第二期培训班", "2016年度吉林省新一轮村干部培训第一期班")


def test_enumerated_parts_need_the_count_and_the_counted_word() -> None:
    """q06: four items ending in 年 before “四个年” are its parts; a list of another length is none."""
    from cadregraph.pipeline.programmes import enumerated_parts

    text = "他们重点围绕省委组织部开展的“学习年、调研年、创新年、制度建设年”的“四个年”活动,畅谈了工作的体会和感想"
    assert [text[s:e] for s, e in enumerated_parts(text)] == ["学习年", "调研年", "创新年", "制度建设年"]
    three = text.replace("、制度建设年", "")
    assert enumerated_parts(three) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # corpus n05 (dev): a system named by who does what stays, after the clause's 实行
        ("实行书记轮值制度,按照一月一主题、一", {"书记轮值制度"}),
        # corpus b13 (dev): a verb inside the name (联系) stays in it
        ("要通过明确专委会联系界别、委员联系界别群众制度,实现政协", {"委员联系界别群众制度"}),
        # an adverb and its verb are the clause's predicate, no part of the name
        ("各单位要严格执行值班制度,确保安全。", set()),
        ("认真落实书记轮值制度。", {"书记轮值制度"}),
        ("全体党员要严格遵守中央八项规定制度。", {"中央八项规定制度"}),
        # a reform of a system names none
        ("深化干部人事制度改革。", set()),
    ],
)
def test_an_adverb_and_its_verb_or_a_reform_are_no_part_of_a_systems_name(text: str, names: set[str]) -> None:
    """制度 takes verbs inside its name (委员联系界别群众制度), but not the predicate of the clause (严格执行) nor
    a reform done to it (制度改革)."""
    assert set(_programmes(text)[1]) == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the verb of the founding opens the name before its anniversary (phrase.toml founding_verbs)
        ("全县举办建党100周年知识竞赛。", "建党100周年知识竞赛"),
        ("举办庆祝建党100周年知识竞赛。", "建党100周年知识竞赛"),
        # corpus h04 (dev): the founding after its founder, as before
        ("部代表颁发新中国成立60周年纪念章,向受到表彰的", "新中国成立60周年纪念章"),
        # negative: another verb before the anniversary stays out
        ("举办100周年知识竞赛。", "100周年知识竞赛"),
    ],
)
def test_a_name_at_an_anniversary_opens_with_its_founding(text: str, name: str) -> None:
    assert name in _programmes(text)[1]


def test_a_quote_of_two_characters_opening_a_name_is_no_short_form_of_it() -> None:
    """“两委” opening a class's name names the village committees (a body), no short form of the class; a longer
    quote opening a name is one (“农村家庭能人”培养计划, tests/data/programme_spans.jsonl)."""
    _, found = _programmes("县委组织部举办“两委”干部培训班。")
    assert found == {"“两委”干部培训班": set()}
    _, found = _programmes("实施“农村家庭能人”培养计划,着力培育")
    assert found["“农村家庭能人”培养计划"] == {"农村家庭能人"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an honour's title word ends a batch's name (batch_lists.toml closers), as 名单 does
        ("获评首批全国民主法治示范村称号。", "首批全国民主法治示范村"),
        ("公布第三批全国乡村治理示范村镇名单", "第三批全国乡村治理示范村镇"),
    ],
)
def test_a_batch_name_ends_before_its_title_word(text: str, name: str) -> None:
    assert set(_programmes(text)[1]) == {name}


def test_the_document_words_are_the_document_heads_less_the_laws() -> None:
    """One list of document words (lexicons/document_heads.txt): the programmes read its entries that are no
    law's head (清单, 方案, 意见; not 法, which ends 工作法, a programme's type word)."""
    from cadregraph.pipeline.lexicons import word_table
    from cadregraph.pipeline.programmes import phrase_rules

    words = set(phrase_rules().document_words)
    assert {"清单", "方案", "意见", "名单"} <= words
    assert not words & {w for w, kind in word_table("document_heads.txt").items() if kind == "law"}


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("会议强调要加强理论学习和新进人员培训班建设。", "理论学习和新进人员培训班"),
        ("县里组织开展乡村振兴和新招录公务员培训班。", "乡村振兴和新招录公务员培训班"),
    ],
)
def test_an_activity_and_a_group_taken_in_anew_are_two_objects(text: str, joined: str) -> None:
    """_joins_parts: an activity (理论学习/vn) and a group named by its verb after 新 are two objects of the verb;
    the trainee groups of one class (党员教育和远程教育骨干队伍培训班, programme_spans.jsonl) stay joined."""
    _, found = _programmes(text)
    assert joined not in found
    _, found = _programmes("3期以創新黨員教育和遠程教育,服務中心工作為主題的黨員教育和遠程教育骨干隊伍培訓班。")
    assert "党员教育和远程教育骨干队伍培训班" in found


def test_paired_owners_joined_by_a_dash_open_the_name_and_no_short_form_opens_with_the_dash() -> None:
    """_pairs_places: s02 “莲都-叙永2021年…培训班(第一期)” and 中國-東盟經貿記者研修班 (programme_spans.jsonl) name both
    owners; the form after the first owner (-叙永…) is no short form. A dash after no place pairs nothing."""
    line = next(
        ln for ln in (CORPUS / "s02_84749ed4.txt").read_text(encoding="utf-8").splitlines() if "莲都-叙永2021年" in ln
    )
    _, found = _programmes(line)
    name = "莲都-叙永2021年东西部协作干部人才和致富带头人培训班"
    assert name in found
    assert not any(alias.startswith("-") for alias in found[name])
    _, found = _programmes("为期两周的经贸-东盟记者研修班开班。")
    assert not any(n.startswith("经贸-") for n in found)


def test_a_name_after_the_papers_own_scope_word_has_the_scoped_form_as_alias() -> None:
    """phrase.toml scoped_leading: 全区 / 全县 before a name is left out of it (the paper's own division) and the
    form written with it is an alias (w04 clnews.com.cn, j03 xiangzhen.org); another leading word (本期, e08
    tianshui.com.cn) gives no such form."""
    _, found = _programmes("2022年全区村(社区)“两委”干部暨基层党务干部培训班开班")
    assert found["村(社区)“两委”干部暨基层党务干部培训班"] >= {"全区村(社区)两委干部暨基层党务干部培训班"}
    _, found = _programmes(
        "该县结合全县“百名干部赴外培训计划”,先后组织县直部门负责人、14名乡镇党政“一把手”、16名乡镇领导班子成员、"
        "24名乡镇新进领导班子成员分赴上海、浙江、河北参加科级干部能力提升培训班、组工干部综合能力提升研修班等主体班次,"
        "拓宽了该县领导班子成员及组工干部的工作思路和视野。"
    )
    assert found["百名干部赴外培训计划"] == {"全县百名干部赴外培训计划"}
    _, found = _programmes("德刚同志对本期全省乡镇党委书记示范培训班寄予了厚望,希望通过这项工作,使新上岗的干部尽快进入角色。")
    assert found["全省乡镇党委书记示范培训班"] == {"乡镇党委书记示范培训班"}


def test_a_one_character_division_word_opening_a_compound_of_levels_gives_an_alias() -> None:
    """phrase.toml scoped_leading / level_compound_chars: 县 of 县乡村三级 (v01 ffcl.org.cn) is dropped by the walk and
    kept in an alias; the 县 LAC cut off 献|县 before 健康TV大讲堂 (same page) opens no compound of levels."""
    _, found = _programmes("在线下,举办县乡村三级书记大讲堂,分级分类开展培训,目前共举办227期、培训干部1.6万余人次。")
    assert "县乡村三级书记大讲堂" in found["乡村三级书记大讲堂"]
    _, found = _programmes(
        "创新打造献县“智慧党建”直播平台,开办“喜迎二十大 共筑中国梦”献县TV党建大讲堂、献县健康TV大讲堂、"
        "红色教育大讲堂等240余期,目前网络累计观看次数达120W+。"
    )
    assert not any(alias.startswith("县") for aliases in found.values() for alias in aliases)


def test_a_quoted_name_after_de_is_a_figure_only_in_a_frame_of_building() -> None:
    """descriptions.toml quoted_frames: z01's 打造固本强基的“龙头工程”、精准脱贫的“引领工程” describe what a training is
    built into; an owner's or a carrying-out clause before 的 (省委组织部部署的, 全省的) leaves the programme named."""
    z01 = next(CORPUS.glob("z01_*.txt")).read_text(encoding="utf-8")
    _, found = _programmes(next(line for line in z01.splitlines() if "引领工程" in line))
    assert not {"龙头工程", "引领工程", "助力工程"} & set(found)
    for sentence in ("省委组织部部署的“强基工程”在全省推开。", "县委组织部牵头的“头雁工程”成效明显。", "全省的“强基工程”取得成效。"):
        _, found = _programmes(sentence)
        assert any(name.endswith(("强基工程", "头雁工程")) for name in found), sentence


def test_the_closer_of_a_list_ends_the_noun_phrase_deng_opens() -> None:
    """activity_lists.toml closer_chars: 系统讲解“积分制”“村民说事”等典型治理模式 (x03) lists working models; in
    “五育并举”“立德树人”等理念融入教学总结经验 the 经验 of a later verb phrase closes no list of 等's."""
    from cadregraph.pipeline.programmes import in_activity_list, in_model_list

    model = "系统讲解“积分制”“村民说事”等典型治理模式"
    assert in_model_list(model, model.index("”") + 1)
    loose = "他们把“五育并举”“立德树人”等理念融入教学总结经验。"
    assert not in_model_list(loose, loose.index("”") + 1)
    _, found = _programmes(loose)
    assert not found
    activity = "开展先进人物表彰大会、“将荣誉送家”、帮扶慰问等一系列关爱礼遇活动"
    assert in_activity_list(activity, activity.index("“"), activity.index("”") + 1)
    later = "开展“将荣誉送家”、帮扶慰问等工作并在全县各地推动行动"
    assert not in_activity_list(later, later.index("“"), later.index("”") + 1)


def test_a_people_is_no_field_of_an_honour() -> None:
    """descriptions.toml [honour_fields] collectives: 全国绿化劳动模范 (zb06) is an honour of a field of work; 全国人民
    劳动模范, 全国各族人民劳动模范 say the title of a people and name no honour."""
    zb06 = next(CORPUS.glob("zb06_*.txt")).read_text(encoding="utf-8")
    _, found = _programmes(next(line for line in zb06.splitlines() if "全国绿化劳动模范" in line))
    assert "全国绿化劳动模范" in found
    for sentence in ("全国人民劳动模范张三出席。", "全国各族人民劳动模范李四出席。"):
        _, found = _programmes(sentence)
        assert not any("人民" in name for name in found), sentence


def test_shared_word_lists_are_defined_once() -> None:
    """phrase.toml: the scoped leading words are leading words; a compound of levels opens with a division level's
    character (places_addresses.LEVEL_CHARS) or a cadre rank's (科, 处). descriptions.toml: one nominal_tags."""
    from cadregraph.pipeline.places_addresses import LEVEL_CHARS
    from cadregraph.pipeline.programmes import _descriptions, phrase_rules

    rules = phrase_rules()
    assert set(rules.scoped_leading) <= rules.leading and {"我县", "各级", "全市", "乡"} <= rules.leading
    assert rules.level_compound_chars == LEVEL_CHARS | {"科", "处"}
    _, suffixes, fields = _descriptions()
    assert suffixes.noun_tags == fields.tags == {"n", "vn", "nz"}


def test_a_home_place_that_opens_a_bodys_name_stays_in_the_programmes_name() -> None:
    """zy06 (a 南京 paper): 南京市委基层组织负责人培训班 keeps 南京市 (南京市委 runs the class; 委… is no name), while
    the home's own name before a programme is left out as before (南京铁军打造工程 → 铁军打造工程)."""
    from cadregraph.pipeline.canonical import HomePlace, canonical_programme

    home = HomePlace("南京市", None)
    assert canonical_programme("南京市委基层组织负责人培训班", home) == "南京市委基层组织负责人培训班"
    assert canonical_programme("南京市铁军打造工程", home) == "铁军打造工程"
