"""Figures: number + unit + what it counts, on real seed sentences and the issue's examples."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadregraph.pipeline.extract import adverb_starts, predicate_starts
from cadregraph.pipeline.figures import FigureMatch, extract_figures, parse_chinese_number
from cadregraph.pipeline.ingest import normalise
from cadregraph.pipeline.nlp import cached_nlp

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed_text(name: str) -> str:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    text, _, _ = normalise(path.read_text(encoding="utf-8"))
    return text


def the_figure(text: str, figure_text: str) -> FigureMatch:
    found = [figure for figure in extract_figures(text) if figure.text == figure_text]
    assert len(found) == 1, (figure_text, extract_figures(text))
    return found[0]


Expected = tuple[str, float, str, bool, str | None]  # figure text, value, unit, approximate, subject

# Real sentences (joined as the normaliser joins them) and the figures each must yield.
POSITIVES: list[tuple[str, list[Expected]]] = [
    # seed 004
    (
        "5年来，我市累计选派14批次826名干部参与到249个破难项目，平均完成率达95%，先后攻克219个破难项目。",
        [
            ("14批次", 14, "批次", False, None),
            ("826名", 826, "名", False, "干部"),
            ("249个", 249, "个", False, "破难项目"),
            ("95%", 95, "%", False, None),
            ("219个", 219, "个", False, "破难项目"),
        ],
    ),
    (
        "全市457个地理信息网格进行再细分再优化，科学划分8700余个微网格，组织全市8400多名在职在编党员到村社区报到。",
        [
            ("457个", 457, "个", False, "地理信息网格"),
            ("8700余个", 8700, "个", True, "微网格"),
            ("8400多名", 8400, "名", True, "在职在编党员"),
        ],
    ),
    (
        "该项目总投资2亿元，总规划建设面积约250亩，预计年产400万株优质草莓种苗和1.2亿株生产苗。",
        [
            ("2亿元", 200000000, "元", False, None),
            ("约250亩", 250, "亩", True, None),
            ("400万株", 4000000, "株", False, "优质草莓种苗"),
            ("1.2亿株", 120000000, "株", False, "生产苗"),
        ],
    ),
    (
        "已拥有120多项专利技术，近100项专利发明。",
        [("120多项", 120, "项", True, "专利技术"), ("近100项", 100, "项", True, "专利发明")],
    ),
    ("场均参加学习人数150人以上。", [("150人以上", 150, "人", True, None)]),
    # seed 000
    ("开发区65平方公里的土地上发生了翻天覆地的变化", [("65平方公里", 65, "平方公里", False, None)]),
    ('在此次"百名干部下企业青年铁军展雄姿"活动中', [("百名", 100, "名", False, "干部")]),
    ("下到普通干部联系挂钩500多个企业微网格", [("500多个", 500, "个", True, "企业微网格")]),
    # seed 001
    (
        "选派百名优秀中青年干部赴镇街道和中心工作办公室开展为期6至12个月的练兵",
        [("百名", 100, "名", False, "优秀中青年干部")],  # 为期6至12个月: the length of the stay
    ),
    ("全村分类准确率也达到了85%以上。", [("85%以上", 85, "%", True, None)]),
    ("选派百余名部门骨干下基层", [("百余名", 100, "名", True, "部门骨干")]),
    # seed 002
    (
        "园区18名同志分包辖区66家规模以上企业，作为企业首席服务员",
        [("18名", 18, "名", False, "同志"), ("66家", 66, "家", False, "规模以上企业")],
    ),
    ("平均年龄36岁的管理岗人员开启了挂职学习之旅", [("36岁", 36, "岁", False, None)]),
    # zn06: 起 counts incidents (化解邻里纠纷、家庭矛盾等44起); the idiom 三起三落 (c05) counts none
    ("化解邻里纠纷、家庭矛盾等44起,学习村庄规划19份", [("44起", 44, "起", False, None), ("19份", 19, "份", False, None)]),
    ("深刻体会三起三落而不悔的坚强品质", []),
    # ze04: an age in full years (周岁) is one unit, no count of weeks (45周)
    ("今年招生对象主要是具有高中、中专学历,年龄在45周岁以下的村干部", [("45周岁以下", 45, "周岁", True, None)]),
    (
        "以及1家国家级孵化器、3家省级孵化器和15家企业。",
        [
            ("1家", 1, "家", False, "国家级孵化器"),
            ("3家", 3, "家", False, "省级孵化器"),
            ("15家", 15, "家", False, "企业"),
        ],
    ),
    (
        "共计清运垃圾、杂物30余车次，清除墙体立面小广告50余处",
        [("30余车次", 30, "车次", True, None), ("50余处", 50, "处", True, None)],
    ),
    ("两个多月时间里，大家边工作、边学习", [("两个多月", 2, "个月", True, None)]),
    # seed 003
    (
        "种植面积近1万亩，年产量达5万吨。",
        [("近1万亩", 10000, "亩", True, None), ("5万吨", 50000, "吨", False, None)],
    ),
    (
        "下设第一第二两个支部，目前有23名党员成为车间班组长等骨干。",
        [("两个", 2, "个", False, "支部"), ("23名", 23, "名", False, "党员")],
    ),
    (
        "土地流转费由整治前的1000元/亩提高至1500元/亩",
        [("1000元/亩", 1000, "元/亩", False, None), ("1500元/亩", 1500, "元/亩", False, None)],
    ),
    ("已收益100多万元。", [("100多万元", 1000000, "元", True, None)]),
    ("拥有390多年的雪菜种植历史", [("390多年", 390, "年", True, None)]),
    # the examples
    ("共有1万名志愿者", [("1万名", 10000, "名", False, "志愿者")]),
    ("全年投资32.5亿元。", [("32.5亿元", 3250000000, "元", False, None)]),
    ("分三批次推进", [("三批次", 3, "批次", False, None)]),
    ("200多人参加", [("200多人", 200, "人", True, None)]),
    ("近千名干部", [("近千名", 1000, "名", True, "干部")]),
    ("吸引1.2万余人参与", [("1.2万余人", 12000, "人", True, None)]),
    # forms of the genre beyond the seeds
    ("比上年提高5个百分点", [("5个百分点", 5, "个百分点", False, None)]),
    ("覆盖率达到百分之八十五", [("百分之八十五", 85, "%", False, None)]),
    ("新增就业岗位1,200个", [("1,200个", 1200, "个", False, None)]),
    ("组织两千多名党员", [("两千多名", 2000, "名", True, "党员")]),
    ("上千名群众", [("上千名", 1000, "名", True, "群众")]),
    ("不少于20%差额比例", [("不少于20%", 20, "%", True, "差额比例")]),
    ("平均增长86.5%", [("86.5%", 86.5, "%", False, None)]),
    ("连续工作3个多小时", [("3个多小时", 3, "个小时", True, None)]),
    ("在基层工作3年多，3名多次获奖的代表", [("3年多", 3, "年", True, None), ("3名", 3, "名", False, None)]),
    # a share in tenths (corpus b08; shzx.org, a Beijing survey report)
    ("推荐的奖章先进个人中,超过八成为一线工人、专业技术人员", [("超过八成", 8, "成", True, None)]),
    (
        "产业融合发展下，九成村民对产业发展满意，被访村民对乡风文明的满意度高达97.4%，超九成对当前生活水平满意。",
        [
            ("九成", 9, "成", False, "村民"),
            ("97.4%", 97.4, "%", False, None),
            ("超九成", 9, "成", True, None),
        ],
    ),
    # a policy name is no figure, the counts around it are (corpus b11; eyesnews.cn); 起 counts the cases
    (
        "全省纪检监察机关共查处违反中央八项规定精神问题2734起，批评教育帮助和处理3302人，党纪政务处分2802人。",
        [("2734起", 2734, "起", False, None), ("3302人", 3302, "人", False, None), ("2802人", 2802, "人", False, None)],
    ),
    # 获 ends the counted noun (corpus b08)
    (
        "黑龙江省3人获全国五一劳动奖章,其中龙江森工系统1人;3个集体获全国工人先锋号",
        [("3人", 3, "人", False, None), ("1人", 1, "人", False, None), ("3个", 3, "个", False, "集体")],
    ),
    # the title awarded is not what is counted (corpus b09); a quoted honour with no 称号 is (corpus b20)
    (
        "福建省人民政府决定授予353人“福建省劳动模范”称号,授予143人“福建省先进工作者”称号",
        [("353人", 353, "人", False, None), ("143人", 143, "人", False, None)],
    ),
    (
        "50名“全省优秀党务工作者”、50个“全省先进基层党组织”进行了表彰",
        [("50名", 50, "名", False, "全省优秀党务工作者"), ("50个", 50, "个", False, "全省先进基层党组织")],
    ),
    # nouns that hold a stop character: 人才, 党组织 (corpus a12, b06)
    ("还对口招聘300多名技术人才,帮助企业走出困境", [("300多名", 300, "名", True, "技术人才")]),
    # a division counted with its bracketed qualifier, as the gold of b19, d03, f04, h07, q04, q05, t05 writes it
    # (a11's and a12's gold leave the brackets out; a19's gives 369名 no subject)
    ("其中,我县在内的15个县(市、区)入选乡村振兴成效", [("15个", 15, "个", False, "县(市、区)")]),
    ("服务指导1个县(市、区),开展政策服务、会商解决问题", [("1个", 1, "个", False, "县(市、区)")]),
    ("共266名村(社区)党组织书记参加培训", [("266名", 266, "名", False, "村(社区)党组织书记")]),
    ("5名干部(含退休干部)参加", [("5名", 5, "名", False, "干部")]),
    # an adverb ends a begun run (o05 在924个村全覆盖, s07 12家单位新加入), not one it opens (5名全国人大代表)
    ("在924个村全覆盖开展理论政策宣讲", [("924个", 924, "个", False, "村")]),
    ("会上,12家单位新加入党建联席会议", [("12家", 12, "家", False, "单位")]),
    ("选出5名全国人大代表", [("5名", 5, "名", False, "全国人大代表")]),
    # the genre's verbs after a counted noun end it (h04, n03)
    ("对先进党支部和149位离退休干部先进个人予以表彰", [("149位", 149, "位", False, "离退休干部先进个人")]),
    ("抽调81名年轻科级干部派驻到各煤矿", [("81名", 81, "名", False, "年轻科级干部")]),
    # a classifying noun is the subject alone (k04, j06, q04, p05)
    ("从选、育、管、用四个方面发力", [("四个", 4, "个", False, "方面")]),
    # the points of a speech count (corpus w03, y07): 点 only before such a noun
    ("王主席对办好此次培训班提了三点要求:一是希望大家集中精力", [("三点", 3, "点", False, "要求")]),
    # the nouns after 点 stay whole after other units (a review's inputs)
    ("累计收集群众120条意见建议", [("120条", 120, "条", False, "意见建议")]),
    ("总结形成12条经验做法", [("12条", 12, "条", False, "经验做法")]),
    # a level alone, bracket or not, is no subject after 名 (a19's gold: 369名 null); a bracket that holds a phase or
    # a count is no qualifier and ends the noun (重点项目(一期))
    ("建立369名村(社区)“两委”成员后备库", [("369名", 369, "名", False, None)]),
    ("今年共有3个重点项目(一期)开工建设", [("3个", 3, "个", False, "重点项目")]),
    # a bound after the unit is part of the figure, not its subject (usy7.cc, sxstscl.cn, handmsg.com)
    ("明确将会议期间的提案立案总数控制在500件以内,推动提案", [("500件以内", 500, "件", True, None)]),
    (normalise("旁聽人數控制在15人以內。")[0], [("15人以内", 15, "人", True, None)]),
    (
        normalise("35歲以下人群知曉度最低(66.37%)")[0],
        [("35岁以下", 35, "岁", True, None), ("66.37%", 66.37, "%", False, None)],
    ),
    # attending a meeting without a vote ends the counted noun (yybnet.net, sina.com.cn)
    (
        "本次会议还邀请了20位市人大代表列席,6位公民旁听。",
        [("20位", 20, "位", False, "市人大代表"), ("6位", 6, "位", False, "公民")],
    ),
    (
        "本月21日开幕的广州市政协十届四次会议将邀请15名市民代表旁听全会的大会发言。",
        [("15名", 15, "名", False, "市民代表")],
    ),
    # a stop-listed verb before a noun head is part of the noun (corpus a12; soulun.net, beautytopbrands.com)
    (
        "周口市成立12个市级服务工作组,每个工作组有至少3个市直部门跟踪配合",
        [("12个", 12, "个", False, "市级服务工作组"), ("至少3个", 3, "个", True, "市直部门")],
    ),
    (
        "在我市乡镇(街道)、村(社区)建立了14个试点群团服务中心。",
        [("14个", 14, "个", False, "试点群团服务中心")],
    ),
    (
        "目前已成立10支志愿者服务团队,服务队中党员占比45%以上。",
        [("10支", 10, "支", False, "志愿者服务团队"), ("45%以上", 45, "%", True, None)],
    ),
    # units of statistics and reports beyond the seeds: per mille (corpus g09), 轮次 (corpus k04), 轮
    # (gatyzx.gov.cn 2022/22-2883-1), 户次 (a Sichuan insurance report), a currency other than 元 (corpus i01,
    # in Simplified), degrees of a weather box (seed 004)
    ("总人口168.3万,有汉、满等30个民族,人口自然增长率4.7‰。", [("30个", 30, "个", False, "民族"), ("4.7‰", 4.7, "‰", False, None)]),
    ("深入基层一线开展4轮次“银发智库边关行”宣讲交流", [("4轮次", 4, "轮次", False, None)]),
    # sessions of a class are counted, however many (seed 004 counts 100 of them)
    ("共举办培训班12期，培训干部1200人", [("12期", 12, "期", False, None), ("1200人", 1200, "人", False, None)]),
    # a count after a quoted word and a list mark, with no closing quote after it, stays
    ("开展“三服务”、3次集中学习", [("3次", 3, "次", False, None)]),
    ("通过不断加大培训力度,全旗科级干部达到轮训4遍", [("4遍", 4, "遍", False, None)]),  # corpus n03
    ("该村有不成文的君子之约:“散水”控制在60厘米左右", [("60厘米左右", 60, "厘米", True, None)]),  # corpus p01
    (
        "2021年,武胜县委统战部共计开展四轮集中走访,走访基层群众528户",
        [("四轮", 4, "轮", False, None), ("528户", 528, "户", False, None)],
    ),
    ("为村民购置三轮车5辆", [("5辆", 5, "辆", False, None)]),
    (
        "为2.92万户次牧民提供风险保障78.51亿元",
        [("2.92万户次", 29200, "户次", False, "牧民"), ("78.51亿元", 7851000000, "元", False, None)],
    ),
    ("並會出售紀念封,每枚售价3澳门元。", [("3澳门元", 3, "澳门元", False, None)]),
    (
        "今天白天最高气温16℃，明天早晨最低气温4℃。",
        [("16℃", 16, "℃", False, None), ("4℃", 4, "℃", False, None)],
    ),
    # 来 opening a verb after a duration is no span up to now (4个月来 is, in NEGATIVES)
    ("走了3个小时来到村里", [("3个小时", 3, "个小时", False, None)]),
    ("他用了两天来回奔波", [("两天", 2, "天", False, None)]),
    # a count of classes however big: only a masthead's issue number (i07, in NEGATIVES) is none
    (
        "全年举办培训班1000期,培训党员5万人次",
        [("1000期", 1000, "期", False, None), ("5万人次", 50000, "人次", False, None)],
    ),
    # a year with a verb and a noun between it and the classes: a count, not a periodical's issue
    ("2025年举办培训班4期", [("4期", 4, "期", False, None)]),
]


@pytest.mark.parametrize(("sentence", "expected"), POSITIVES)
def test_sentence_yields_exactly_these_figures(sentence: str, expected: list[Expected]) -> None:
    found = [(f.text, f.value, f.unit, f.approximate, f.subject) for f in extract_figures(sentence)]
    assert found == expected


CASES = [(sentence, *figure) for sentence, figures in POSITIVES for figure in figures]


@pytest.mark.parametrize(("sentence", "figure_text", "value", "unit", "approximate", "subject"), CASES)
def test_positive_figures(
    sentence: str, figure_text: str, value: float, unit: str, approximate: bool, subject: str | None
) -> None:
    figure = the_figure(sentence, figure_text)
    assert sentence[figure.start : figure.end] == figure.text
    assert figure.value == value
    assert type(figure.value) is type(value)
    assert figure.unit == unit
    assert figure.approximate is approximate
    assert figure.subject == subject


def test_a_verb_with_no_noun_head_still_ends_the_subject() -> None:
    """ "进社区服务" (ccqdqw.cn): 服务 with nothing after it is the verb, not part of what is counted."""
    subject = the_figure("綦江区直机关2400名党员志愿者进社区服务", "2400名").subject
    assert subject is not None and subject.startswith("党员志愿者") and "服务" not in subject


def test_measure_is_the_noun_before_the_number() -> None:
    sentence = "投身到249个破难项目一线，平均完成率95%。种植面积近1万亩，年产量达5万吨。"
    assert the_figure(sentence, "95%").measure == "平均完成率"
    assert the_figure(sentence, "近1万亩").measure == "种植面积"
    assert the_figure(sentence, "5万吨").measure == "年产量"
    assert the_figure(sentence, "249个").measure is None


def test_range_keeps_both_bounds() -> None:
    figure = the_figure("6至12个月的练兵", "6至12个月")  # seed 001, without its 为期
    assert (figure.value, figure.value_max, figure.unit, figure.approximate) == (6, 12, "个月", True)
    money = the_figure("投资3至5万元", "3至5万元")
    assert (money.value, money.value_max, money.unit) == (30000, 50000, "元")
    # neighbouring digits are a vague range too
    pair = the_figure("来了三四十人", "三四十人")
    assert (pair.value, pair.value_max, pair.unit, pair.approximate) == (30, 40, "人", True)
    assert the_figure("七八家企业", "七八家").value_max == 8
    dozen = the_figure("十几个村", "十几个")
    assert (dozen.value, dozen.value_max, dozen.approximate) == (10, None, True)


def test_length_of_an_event_is_no_figure() -> None:
    """为期 + a duration says how long the event lasts (corpus a02, d07; seed 001): the seeds' and the
    corpus gold leave it out; a duration without 为期 stays a figure (seed 002)."""
    a02 = "此次培训为期三个月,43名学员将参加县委党校理论培训一个月、高等院校专业培训一个月"
    assert [figure.text for figure in extract_figures(a02)] == ["43名"]
    d07 = "培训班25名学员参加开班典礼,将在我校参加为期两周的培训活动"
    assert [figure.text for figure in extract_figures(d07)] == ["25名"]
    seed_002 = "经过两个多月的挂职锻炼,大家感受与先进高新区差距的同时也看到了希望"
    assert the_figure(seed_002, "两个多月").unit == "个月"


def test_a_count_of_years_after_a_length_cue_is_a_figure() -> None:
    """lexicon.toml length_cues: a bare count of years is no figure (10年的, 近3年, 2021年) unless a word before it
    makes it a length of service or of a run: zm01 挂职期为1年, y04 作为连续3年的品牌活动, za03 任职两年. Negatives:
    a year (2021年) and a forward span (今后5年) after no cue stay out; 一 stays an article (挂职时间一年)."""
    assert the_figure("16名来自省直部门的副处级干部到哈尔滨新区挂职,挂职期为1年", "1年").value == 1
    assert the_figure("作为连续3年的品牌活动,大练兵始终坚持突出政治标准", "3年").unit == "年"
    assert the_figure("今年合肥将从机关选派一批干部到这些难点村任职两年", "两年").value == 2
    assert [f.text for f in extract_figures("挂职时间一年")] == []
    assert [f.text for f in extract_figures("2021年全市选派干部,今后5年继续推进")] == []


def test_half_a_unit_after_a_duration_counts() -> None:
    """lexicon.toml half_after_duration: 在4天半的培训时间里 (zzk07) is 4.5 days, the 半 inside the text; 三年半 is a
    length, never a year. Negatives: 2020年半数以上 (a year and 半数) and 半年 alone give no such figure."""
    four = the_figure("在4天半的培训时间里,每天的日程安排得满满的", "4天半")
    assert (four.value, four.unit) == (4.5, "天")
    assert the_figure("他在村里工作了三年半", "三年半").value == 3.5
    assert [f.text for f in extract_figures("2020年半数以上的村完成换届")] == []
    assert [f.text for f in extract_figures("用半年时间完成整改")] == []


def test_a_predicate_verb_ends_the_counted_noun() -> None:
    """The character scan stops only at listed words; the model's verb followed by a particle, a pronoun, a
    preposition or an adverb is a predicate that ends the subject (dev c04, c06; a 渭南 party-school page,
    wnsdx.com/info/show_152.html: 47名学员抵达我市). A verb followed by a noun or a break may be inside the
    noun (seed 004: 在职在编党员, 专利发明) and stays."""
    nlp = cached_nlp("lac")

    def subjects(text: str) -> dict[str, str | None]:
        return {f.text: f.subject for f in extract_figures(text, predicate_starts(nlp(text)))}

    c04 = "并对参加第一期培训班的454名贫困村党组织书记提出了明确要求和殷切希望"
    assert subjects(c04)["454名"] == "贫困村党组织书记"
    c06 = "来自海南省、云南省、新疆生产建设兵团的25名干部圆满完成在京挂职锻炼任务离京。"
    assert subjects(c06)["25名"] == "干部"
    assert subjects("10月17日上午,福州市委党校科级干部进修班47名学员抵达我市,将在市委党校进行")["47名"] == "学员"
    assert subjects("组织全市8400多名在职在编党员到村社区报到")["8400多名"] == "在职在编党员"  # seed 004
    assert subjects("已拥有120多项专利技术，近100项专利发明，已与中通客车")["近100项"] == "专利发明"
    assert extract_figures(c04)[0].subject == "贫困村党组织书记提出"  # without the model's tags


def test_an_adverb_ends_the_counted_noun_only_before_a_verb_or_as_the_models_adverb() -> None:
    """全/新/正 end a begun counted noun where a listed verb follows (o05 村全覆盖, s07 单位新加入, in SUBJECTS) or
    where the model tags them as a one-character adverb (m06: 百余名党员干部正认真听取); elsewhere they are inside
    the noun (j03: 24名乡镇新进领导班子成员, 新/ad 进/v; 新时代 one word)."""
    nlp = cached_nlp("lac")

    def subjects(text: str) -> dict[str, str | None]:
        doc = nlp(text)
        return {f.text: f.subject for f in extract_figures(text, predicate_starts(doc), adverb_starts(doc))}

    m06 = "市直各部门、各县区及高新区的百余名党员干部正认真听取党的十八届六中全会及省第九次党代会精神宣讲"
    assert subjects(m06)["百余名"] == "党员干部"
    j03 = "16名乡镇领导班子成员、24名乡镇新进领导班子成员分赴上海、浙江、河北参加科级干部能力提升培训班"
    assert subjects(j03)["24名"] == "乡镇新进领导班子成员"
    assert subjects("今年建成20个村级新时代文明实践站")["20个"] == "村级新时代文明实践站"
    # adverbs of the genre written as words end a begun run too (h07, t07), not one they open
    assert subjects("共266名村(社区)党组织书记正式启程,进行为期一个半月的异地挂职锻炼")["266名"] == "村(社区)党组织书记"
    assert subjects("全区1600余名社区工作者全员参与。")["1600余名"] == "社区工作者"
    assert subjects("发展5名正式党员")["5名"] == "正式党员"


# Text that holds numbers but no figure.
NEGATIVES = [
    "2021年12月20日晚",  # dates
    "本期是创新学堂第100期，第十四期，第一百期",  # ordinals
    "电话/85018103 E-mail/pinghubs@vip.163.com",  # phone, e-mail
    "下转C2版",  # page
    "“十三五”即将收官、“十四五”正待起航",  # plan names
    '建立“十个一”工作机制，学习锻炼"两不误"，深化“三服务”',  # slogans
    '坚定"四个自信"、做到"两个维护"',  # slogans in OCR straight quotes
    "晚上20:00开始",  # time
    "在基层一线，长三角一体化，三农工作，万家灯火，千方百计，一些，一起，统一，第一",
    "形成一批成果",  # 一批 without a noun
    "配备了一名练兵导师，开展一次主题党日活动",  # 一 as an article
    '进一步掀起平湖经开"二次创业"的热潮',  # 二次 = secondary
    "市委十四届十三次全体会议召开，市第十五次党代会",  # meeting ordinals
    "独山能源三期项目分拆破难组",  # project phase
    "还引进了百亿项目长城汽车项目",  # 项目 is a noun
    "万人助万企发展添活力",  # slogan, bare 万
    "走进千家万户",  # idiom
    "千千万万个细节",  # idiom
    "现了从“一亩三分地”到新型职业农民",  # idiom in quotes
    "每月发布招聘、求职信息数十条",  # vague
    "2016年度吉林省新一轮村干部培训第一期班开班典礼",  # 一轮 of 新一轮 is no count (corpus c04)
    "一遍又一遍地学习，遍布全县",  # 一遍又一遍 is how often, no count; 遍布 is a verb
    "程步一讲话时表示,4个月来,年轻干部们涵养了党性",  # a span up to now, as 5年来 is (corpus a20)
    "1886 期 / 第2版:2",  # a newspaper's issue number in its masthead (corpus i07)
    "本报第1886期\n1886期\n",  # the issue number filling its line
    "Page 56 - 《云南林业》2025年4期",  # a periodical's issue after its title and year (corpus zzq07)
    "Page 20 - 党教版08期",  # and after its edition (corpus zzo01)
    "实现两轮驱动发展",  # 两轮驱动 is a way of working and 三轮车 a vehicle (below), not counts of rounds
    # a list of slogans whose opening quotes the OCR lost (corpus d09)
    "拉萨市紧紧围绕党中央明确的“一个中心”、两件大事”、四个确保”,认真贯彻落实",
    # the party's slogans without their quotes (a stored study text): policy numerals, no counts
    "必须坚持和加强党的全面领导，增强四个意识、坚定四个自信、做到两个维护，深刻领悟两个确立的决定性意义",
    "我曾经做过10年的赛艇专业运动员，工作9年的建设人",  # bare durations
    "近3年来，高新区前进",  # a date span, not a figure
    # grades, floors, addresses (a temperature is a figure: seed 004's gold counts 16℃ and 4℃)
    "偏北风3级，在2楼的工作室，大胜段88号",
    "建党100周年",  # anniversary
    "2021年多地开展活动",  # a year, then 多地
    "修订了《关于3项制度的通知》",  # title
    "按不低于1:2的比例",  # ratio
    "四处可见",  # idiom
    "9月25日上午9点,培训班开班",  # 点 is a clock time unless a speech's points follow (三点要求)
    "三点一线的生活",
    "上午9点要求大家到场",  # a clock time: a speech's points are written with a Chinese numeral
    # session ordinals after 届, whatever the meeting is called (corpus b13; a Chengdu CPPCC report)
    "市政协召开六届十八次主席会议",
    "关于十六届三次会议以来提案工作情况的报告",
    "要严格按照政协章程,扎实细致地做好有关选举工作;要切实改进会风,将中央八项规定精",  # policy (b11)
    # the four leading bodies of a city or county (seed 004; a Wenzhou report; donghe.gov.cn headline)
    "仲旭东、周军波、胡水良、王道平、毛捷等市四套班子领导出席。",
    "要加强组织领导，由市四套班子领导牵头分别组成推进领导小组",
    "东河区四套班子领导开展八一建军节走访慰问",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_figure(text: str) -> None:
    assert extract_figures(text) == []


def test_seed_004_figures() -> None:
    text = seed_text("004")
    found = {(f.text, f.value, f.unit, f.approximate, f.subject) for f in extract_figures(text)}
    expected = {
        ("826名", 826, "名", False, "干部"),
        ("249个", 249, "个", False, "破难项目"),
        ("95%", 95, "%", False, None),
        ("219个", 219, "个", False, "破难项目"),
        ("577名", 577, "名", False, "干部"),
        ("8700余个", 8700, "个", True, "微网格"),
        ("106名", 106, "名", False, "优秀年轻干部"),
        ("360名", 360, "名", False, None),
        ("39个", 39, "个", False, "选举单位"),
        ("400万株", 4000000, "株", False, "优质草莓种苗"),
        ("100期", 100, "期", False, None),
    }
    assert expected <= found
    texts = [figure.text for figure in extract_figures(text)]
    for not_a_figure in ("88号", "3级", "十三次", "十五次", "2021年", "12月", "26日", "第"):
        assert not any(not_a_figure in figure_text for figure_text in texts), not_a_figure
    assert texts.count("100期") == 1  # "开课100期" counts; "第100期" is an ordinal


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_figures_are_consistent(seed: str) -> None:
    text = seed_text(seed)
    figures = extract_figures(text)
    assert figures, seed
    starts = [figure.start for figure in figures]
    assert starts == sorted(starts)
    for left, right in zip(figures, figures[1:], strict=False):
        assert left.end <= right.start
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text
        assert not figure.text.startswith(("第", "一", "二")), figure


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一千二百", 1200),
        ("两万", 20000),
        ("十五", 15),
        ("百", 100),
        ("三百五", 350),
        ("一千零五", 1005),
        ("三亿五千万", 350000000),
        ("二十", 20),
        ("十", 10),
        ("八千七百", 8700),
        ("廿八", 28),  # zzi08 (dev, Macau): 向廿八名個人或實體頒授
        ("卅", 30),
    ],
)
def test_parse_chinese_number(numeral: str, value: int) -> None:
    assert parse_chinese_number(numeral) == value


@pytest.mark.parametrize("numeral", ["二〇二一", "一二三", "千千万万", "十十", "百百", "万万", "", "abc", "一廿", "廿廿"])
def test_parse_chinese_number_rejects_non_numerals(numeral: str) -> None:
    assert parse_chinese_number(numeral) is None


_DIGIT_CHARS = "零一二三四五六七八九"


def _chinese_section(number: int) -> str:
    out, gap = "", False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // place % 10
        if digit == 0:
            gap = gap or bool(out)
        else:
            out += ("零" if gap else "") + _DIGIT_CHARS[digit] + unit
            gap = False
    return out


def _to_chinese(number: int) -> str:
    """Standard written form of 1 <= number < 10**12 (the inverse the parser must agree with)."""
    yi, rest = divmod(number, 10**8)
    wan, low = divmod(rest, 10**4)
    out = ""
    if yi:
        out += _chinese_section(yi) + "亿"
    if wan:
        out += ("零" if yi and wan < 1000 else "") + _chinese_section(wan) + "万"
    if low:
        out += ("零" if (yi or wan) and low < 1000 else "") + _chinese_section(low)
    return out[1:] if out.startswith("一十") else out


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_parse_chinese_number_inverts_the_written_form(number: int) -> None:
    assert parse_chinese_number(_to_chinese(number)) == number


_PIECES = list(
    '0123456789.,%-至年月日个名人批次余多近约万亿千百十一二两三四五六七八九〇零元亩第每数“”"《》，。：:的干部项目'
)
_PIECES += ["平方公里", "个月", "批次", "以上", "百分之", "不少于", "微网格", "完成率达"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_every_figure_points_at_its_text(text: str) -> None:
    figures = extract_figures(text)
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text
        assert math.isfinite(figure.value) and figure.value > 0
        if figure.value_max is not None:
            assert figure.value_max > figure.value
    for left, right in zip(figures, figures[1:], strict=False):
        assert left.end <= right.start


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_a_preceding_sentence_only_shifts_offsets(text: str) -> None:
    prefix = "会议召开。"
    shifted = [
        (f.start - len(prefix), f.end - len(prefix), f.value, f.unit, f.approximate, f.subject)
        for f in extract_figures(prefix + text)
    ]
    assert shifted == [
        (f.start, f.end, f.value, f.unit, f.approximate, f.subject) for f in extract_figures(text)
    ]


def test_a_rule_of_work_holds_no_figures() -> None:
    """委员联系界别群众制度 (b13, dev), 干部“逢提必下”政策 (n06), 人才强国战略 (c06): a system, a policy or a strategy
    counts no people, projects or money, as no HAS_FIGURE of the corpus or seed gold has one as its source;
    a class (l08's 2020年第一期村干部素质能力提升培训班) and a campaign (铁军打造工程) still hold figures."""
    from cadregraph.pipeline.relations.rules.figures import _counts_nothing

    assert _counts_nothing("委员联系界别群众制度")
    assert _counts_nothing("干部“逢提必下”政策")
    assert _counts_nothing("人才强国战略")
    assert not _counts_nothing("2020年第一期村干部素质能力提升培训班")
    assert not _counts_nothing("铁军打造工程")


def test_a_numeral_and_unit_opening_a_division_s_name_is_no_figure() -> None:
    """r04 拟推荐七台河市勃力县关工委等22个单位: 七台 opens the city 七台河市, no count of 台; so do 三台县, 五台县
    (counties the gazetteer knows by their full names)."""
    r04 = "省关工委研究决定,拟推荐七台河市勃力县关工委等22个单位为先进集体候选单位"
    assert [(f.text, f.value) for f in extract_figures(r04)] == [("22个", 22)]
    assert extract_figures("山西五台县、四川三台县的干部") == []
    # negative: the same numeral and unit before no division's name stays a count
    assert [(f.text, f.value, f.unit) for f in extract_figures("购置五台机器")] == [("五台", 5, "台")]
    # the tunables live in the figures lexicon, next to the other number rules
    from cadregraph.pipeline.figures import _lexicon

    lex = _lexicon()
    assert (lex.division_name_chars, lex.division_short_name_levels) == (6, frozenset({"province", "city"}))
    assert lex.division_name_levels == frozenset({"province", "city", "county"})


def test_a_count_opened_by_a_tens_character_is_a_figure() -> None:
    """廿 (twenty) opens a count in Hong Kong and Macau papers: zzi08 (dev) 行政長官岑浩輝向廿八名個人或實體頒授."""
    text = "行政长官岑浩辉向廿八名个人或实体颁授勋章"
    assert [(f.text, f.value) for f in extract_figures(text)] == [("廿八名", 28)]
