"""Positions shared over lists and read from notice forms (issue 8), on real sentences through `kg extract`'s path.

Each rule has a real sentence it reads and a real sentence it must leave alone: a title before a colon shared
by the names listed after it; a count of the holders between a body and their title; a notice's verb the model
read into the first name of a list; a requested resignation, which names the post held but changes nothing;
the chain separator 兼 inside what the model read as one organisation.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from cadregraph.pipeline.extract import extract_record
from cadregraph.pipeline.ingest import read_document
from cadregraph.pipeline.lexicons import word_set
from cadregraph.pipeline.nlp import cached_nlp
from cadregraph.pipeline.relations.chains import _after_home_deixis, _division_prefix
from cadregraph.pipeline.relations.patterns import patterns
from cadregraph.pipeline.title_chain import chain_grammar
from cadregraph.schemas import DocumentRecord

CORPUS = Path(__file__).parent / "corpus" / "articles"


def _extract(tmp_path: Path, text: str, home: str | None) -> DocumentRecord:
    path = tmp_path / "sentence.txt"
    path.write_text(text + "\n", encoding="utf-8")
    meta = {"date": "2023-01-01", **({"place": home} if home else {})}
    (tmp_path / "sentence.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return extract_record(read_document(path, path.name), cached_nlp(), dt.date(2023, 1, 1))


def _held(record: DocumentRecord, kind: str = "HOLDS_POSITION") -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in record.entities}
    return {
        (names[r.source], str(r.properties.get("title")), names.get(r.target or "", "?"))
        for r in record.relations
        if r.type == kind
    }


def _dev_line(stem: str, marker: str) -> str:
    text = next(CORPUS.glob(f"{stem}*.txt")).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if marker in line)


# http://china.haiwainet.cn/BIG5/n/2013/0312/c349975-18282799.html (Traditional, as published; 馬? as stored)
CPPCC_LIST = (
    "會議選出的政協第十二屆全國委員會23位副主席是:杜青林、令計劃、韓啟德、帕巴拉.格列朗杰、董建華、萬鋼、林文漪、"
    "羅富和、何厚鏵、張慶黎、李海峰、蘇榮、陳元、盧展工、周小川、王家瑞、王正偉、馬?、齊續春、陳曉光、馬培華、劉曉峰、王欽敏。"
)


def test_a_title_before_a_colon_is_held_by_every_name_listed(tmp_path: Path) -> None:
    held = _held(_extract(tmp_path, CPPCC_LIST, None))
    holders = {person for person, title, _ in held if title == "副主席"}
    # the names the model reads whole, before and after members it cuts (令|計劃, 羅富|和, 帕巴拉.格列朗杰)
    assert {"杜青林", "韩启德", "董建华", "万钢", "林文漪", "何厚铧", "张庆黎", "周小川", "王正伟"} <= holders
    assert {title for _, title, _ in held} == {"副主席"}  # the count 23位 is no part of the body or the title
    assert all("23" not in org for _, _, org in held)


def test_a_colon_after_a_word_that_is_no_title_shares_nothing(tmp_path: Path) -> None:
    line = _dev_line("a09_aed86179", "责任编辑")  # 来源:莞讯网  责任编辑:百花残  2024-01-31 …
    assert _held(_extract(tmp_path, line, "东莞市")) == set()


# http://www.huxianbbs.com/thread-79962-1-1.html
ELECTION = "会上,赵丰就2005年以来的文联工作向大会作了汇报,各位委员以无记名投票的方式,一致选举产生孙虎为新一届文联主席,杨文清等13人为新一届文联副主席。"


def test_a_count_between_names_and_their_title_is_no_colon_list(tmp_path: Path) -> None:
    """杨文清等13人为…: a count after a name is not a list opened by a colon; nothing is shared backwards."""
    held = _held(_extract(tmp_path, ELECTION, "户县"))
    assert not any(person == "赵丰" for person, _, _ in held)


def test_a_notice_verb_read_into_the_first_name_of_a_list(tmp_path: Path) -> None:
    line = _dev_line("e03_050e2b2a", "组成人员。")  # …任命方卫春、曹环球…为区人大常委会代表资格审查委员会组成人员
    record = _extract(tmp_path, line, "金湾区")
    people = {e.name for e in record.entities if e.type == "Person"}
    assert "方卫春" in people and "任命方卫春" not in people
    body = "金湾区人大常委会代表资格审查委员会"
    appointed = _held(record, "APPOINTED_TO")
    assert {(p, "组成人员", body) for p in ("方卫春", "曹环球", "蓝永兴", "杨振华", "罗华平")} <= appointed
    # 祝庆盟, right after 决定任命, was read whole by the model: the same verb before it changes nothing
    assert ("祝庆盟", "副区长", "金湾区人民政府") in appointed


def test_a_requested_resignation_names_the_post_held(tmp_path: Path) -> None:
    line = _dev_line("b11_27e5e57d", "请辞")  # 卞文甫因工作变动、侯家祥因年龄原因请辞…委员的决定
    record = _extract(tmp_path, line, "广西壮族自治区")
    held = {(p, t) for p, t, _ in _held(record)}
    assert {("卞文甫", "委员"), ("侯家祥", "委员")} <= held
    # a request, not a removal the text says was accepted (tests/test_appointments.py)
    assert not any(p in {"卞文甫", "侯家祥"} for p, _, _ in _held(record, "REMOVED_FROM"))


# http://fu-rong.cn/shtml/525/2020090323106.shtml
ALUMNI = (
    "参加会议的国光中学校友有:市委宣传部副部长、《海丝商报》副总编辑、市文联常委兼副秘书长潘高鹏,"
    "市文联委员、市民革负责人陈永焕,市文联常委、梅山镇文联顾问李立仁等人。"
)


def test_jian_inside_an_organisation_the_model_read_ends_the_title_before_it(tmp_path: Path) -> None:
    held = _held(_extract(tmp_path, ALUMNI, "南安市"))
    assert {("潘高鹏", "常委", "南安市文联"), ("潘高鹏", "副秘书长", "南安市文联")} <= held
    assert not any("兼" in org for _, _, org in held)


# http://34ykzvw2.cn/news/2024/0125/229038.html (Traditional, as published)
ZHONGYANG = "中陽縣委書記王峰,中陽縣政府縣長孫燕飛,中陽縣委常委、組織部長、縣委黨校校長李書林出席啟用儀式。"


def test_a_traditional_chain_reads_as_its_simplified_form(tmp_path: Path) -> None:
    assert _held(_extract(tmp_path, ZHONGYANG, "中阳县")) == {
        ("王峰", "书记", "中共中阳县委"),
        ("孙燕飞", "县长", "中阳县人民政府"),
        ("李书林", "常委", "中共中阳县委"),
        ("李书林", "组织部长", "中阳县委组织部"),
        ("李书林", "校长", "中阳县委党校"),
    }


def test_an_anaphor_before_a_title_is_the_place_named_before(tmp_path: Path) -> None:
    """a19: 江阴市周庄镇山泉村 … 该村党委书记、村委会主任李全兴: 该村 is 山泉村 (the sentence alone keeps 该村 as
    written: tests/data/title_chains.jsonl, the line of 李全兴)."""
    text = next(CORPUS.glob("a19_*.txt")).read_text(encoding="utf-8")
    held = _held(_extract(tmp_path, text, "江阴市"))
    assert {("李全兴", "书记", "山泉村党委"), ("李全兴", "主任", "山泉村村委会")} <= held
    assert not any(org.startswith("该") for _, _, org in held)


def test_a_special_administrative_regions_government_is_no_peoples_government(tmp_path: Path) -> None:
    line = _dev_line("e01_ed211613", "行政长官崔世安已完成")  # 澳门特区行政会11日公布,…行政长官崔世安…
    held = _held(_extract(tmp_path, line, "澳门特别行政区"))
    assert ("崔世安", "行政长官", "澳门特别行政区政府") in held
    # a mainland home's 县长 keeps its 人民政府
    assert ("孙燕飞", "县长", "中阳县人民政府") in _held(_extract(tmp_path, ZHONGYANG, "中阳县"))


def test_a_secretary_general_holds_the_post_without_leading_the_body(tmp_path: Path) -> None:
    """b11: …副主席…高枫,秘书长全桂寿出席会议: the deputies of the 政协 lead it (as deputies), its
    secretary-general does not (the corpus gold of b07, b11, b13, d10, e06, e07)."""
    line = _dev_line("b11_27e5e57d", "秘书长全桂寿")
    record = _extract(tmp_path, line, "广西壮族自治区")
    assert any(p == "全桂寿" and t == "秘书长" for p, t, _ in _held(record))
    leads = {p for p, _, _ in _held(record, "LEADS")}
    assert "全桂寿" not in leads
    assert {"沈北海", "高枫"} <= leads


def test_a_village_the_model_tagged_a_verb_stays_in_its_party_branch(tmp_path: Path) -> None:
    """d03: 三江镇茄苪村党支部书记 — LAC tags 茄苪村 a verb, which ended the organisation at 党支部; a word of
    three characters or more ending with 村 inside an organisation's name is the village's name."""
    line = _dev_line("d03_", "三江镇茄苪村党支部书记")
    held = _held(_extract(tmp_path, line, "美兰区"))
    assert any(p == "王琼" and t == "书记" and org.endswith("茄苪村党支部") for p, t, org in held)
    assert not any(org == "党支部" for _, _, org in held)
    # 回村成立…合作社 later in the line: a two-character verb ending with 村 names no place and no post
    assert {p for p, _, _ in held} == {"王琼"}


def test_a_second_name_in_brackets_is_no_part_of_the_organisation(tmp_path: Path) -> None:
    """c05: 中共广安市委党校(小平干部学院)二级调研员蔡良志 — the school's other name in brackets; a qualifier in
    brackets (seeds/000: 平湖经济技术开发区招商服务办(欧美), the golden output) stays in the name."""
    line = _dev_line("c05_", "二级调研员蔡良志")
    record = _extract(tmp_path, line, "忠县")
    assert ("蔡良志", "二级调研员", "中共广安市委党校") in _held(record)
    assert not any("小平干部学院" in org for _, _, org in _held(record))


def test_a_name_the_model_ran_into_the_speech_verb_after_it(tmp_path: Path) -> None:
    """g06: 兴隆县委组织部基层组织科科长荆一说,… — LAC reads PER 荆一说; the name ends before 说 (patterns.toml
    run_on_words, words no name ends with)."""
    line = _dev_line("g06_", "荆一说")
    record = _extract(tmp_path, line, "承德市")
    people = {e.name for e in record.entities if e.type == "Person"}
    assert "荆一" in people and "荆一说" not in people
    assert ("荆一", "基层组织科科长", "兴隆县委组织部") in _held(record)
    # 和, 来, 正 also follow names but end names too (徐福和): they are no run-on words
    assert not {"和", "来", "正"} & set(patterns().names_after_titles.run_on_words)


def test_an_accepted_resignation_of_a_name_the_model_cut(tmp_path: Path) -> None:
    """g10: 大会决定接受徐华东辞去…主任职务的请求 — LAC reads 徐华 (cut); the name the notice's frame puts
    between 接受 and 辞去 stands in for it (the cut reading used to hide it)."""
    line = _dev_line("g10_", "接受徐华东辞去")
    record = _extract(tmp_path, line, "济南市")
    removed = {(p, t) for p, t, _ in _held(record, "REMOVED_FROM")}
    assert ("徐华东", "主任") in removed and ("牟陆阳", "副主任") in removed
    assert not any(p == "徐华" for p, _ in removed)


def test_a_bare_title_after_the_list_word_he_takes_the_body_of_the_name_before(tmp_path: Path) -> None:
    """g01: 副主任肖云刚、…、孙贵宝和秘书长袁进琳出席会议 — 和 joins a list's last member as 、 does, so a title
    without a body after it is the previous name's body's; a title with its own body keeps it (c09: …科科长
    冯会丰和铃铛阁街道西关北里社区党委书记兼居委会主任刘伟)."""
    line = _dev_line("g01_", "和秘书长袁进琳")
    held = _held(_extract(tmp_path, line, "宁夏回族自治区"))
    assert ("袁进琳", "秘书长", "宁夏回族自治区人大常委会") in held
    assert ("孙贵宝", "副主任", "宁夏回族自治区人大常委会") in held
    line = _dev_line("c09_", "冯会丰和铃铛阁街道")
    held = _held(_extract(tmp_path, line, "红桥区"))
    assert {(t, org) for p, t, org in held if p == "刘伟"} == {
        ("书记", "铃铛阁街道西关北里社区党委"),
        ("主任", "铃铛阁街道西关北里社区居委会"),
    }


def test_an_opening_bracket_of_a_caption_is_no_part_of_the_organisation(tmp_path: Path) -> None:
    """g03: (县委宣传部副部长、县文明办主任赵晋明主持会议) — a photo caption in brackets; the bracket that does not
    close before the title opens no organisation's name (c05's 党校(小平干部学院) closes and is read as before)."""
    line = _dev_line("g03_", "(县委宣传部副部长")
    held = _held(_extract(tmp_path, line, "甘谷县"))
    assert held == {("赵晋明", "副部长", "甘谷县委宣传部"), ("赵晋明", "主任", "甘谷县文明办")}


def test_the_level_word_of_wo_shi_is_no_part_of_the_organisation_after_it(tmp_path: Path) -> None:
    """g04: 我市市委书记王敏、市长付勇 — LAC reads 我/市/市委书记; 市 is the deixis's, and 市委 is the home's
    party committee (not 市市委). 我市政协 (no level after 市) keeps its 市: the name is 市政协."""
    line = _dev_line("g04_", "我市市委书记")
    record = _extract(tmp_path, line, "石首市")
    held = _held(record)
    assert {("王敏", "书记", "中共石首市委"), ("付勇", "市长", "石首市人民政府")} <= held
    assert not any(org.startswith("市市") for _, _, org in held)
    assert {(p, org) for p, _, org in _held(record, "LEADS")} >= {("王敏", "中共石首市委"), ("付勇", "石首市人民政府")}
    text = "我市市委书记"
    assert _after_home_deixis(text, 1, 4) == 2
    assert _after_home_deixis("我市政协主席", 1, 4) == 1
    assert _after_home_deixis("城市市委书记", 1, 4) == 1  # 城市 is no deixis
    # 我区|赤峰市阿鲁科尔沁旗委书记 (tests/data/title_chains.jsonl): a place the model tagged after the deixis
    assert _after_home_deixis("我区赤峰市旗委书记", 1, 7, place_follows=True) == 2
    assert _after_home_deixis("城区赤峰市旗委书记", 1, 7, place_follows=True) == 1


def test_an_organisation_never_opens_inside_a_word(tmp_path: Path) -> None:
    """a15: 中央调整河北省委主要负责人 — the walk over organisation words reaches the verb 调整; the shorter
    organisations tried then open at a word of the model (河北省委), never inside one (整河北省委). The
    organisation the walk ran into words before (对于|市少体校, test_relations) is still found."""
    text = next(CORPUS.glob("a15_*.txt")).read_text(encoding="utf-8")
    record = _extract(tmp_path, "\n".join(text.splitlines()[:2]), "石家庄市")
    orgs = {org for _, _, org in _held(record)}
    assert orgs == {"河北省委"}


# http://wap.sinoca.com/news/china/2015-05-31/418209.html (澎湃新闻 via 加拿大华人网, 2015-05-31)
COUNTY_SECRETARIES = (
    "湖北省委组织部公布的拟推荐为全国表彰的优秀县委书记候选人为巴东县委书记陈行甲、红安县委书记余学武、嘉鱼县委书记熊征宇。"
)
# http://town.zjol.com.cn/cstts/201811/t20181128_8853842.shtml (浙江在线, 2018-11-28)
FORMER_COUNTY_HEADS = "曾任西湖区区长刘颖、桐庐县县长方毅、嵊州市市长徐建役、常山县县长周向军、临海市市长梅式苗5位任县(市、区)党委书记。"


def test_a_place_a_list_rule_read_as_a_name_opens_the_next_items_organisation(tmp_path: Path) -> None:
    """红安/ORG|县委书记余学武, 常山县/LOC|县长周向军: the list rule makes a person of an item that opens with a
    family name (红, 常); its words are the model's place or body and a title the next name holds follows with
    nothing between, so it is that title's place: no position of its own, none shared over the list."""
    held = _held(_extract(tmp_path, COUNTY_SECRETARIES, None))
    assert {(p, t) for p, t, _ in held} == {("陈行甲", "书记"), ("余学武", "书记"), ("熊征宇", "书记")}
    assert ("余学武", "书记", "红安县委") in held
    held = _held(_extract(tmp_path, FORMER_COUNTY_HEADS, None))
    assert ("周向军", "县长", "常山县人民政府") in held
    assert ("方毅", "县长", "桐庐县人民政府") in held
    assert not any(person == "常山县" for person, _, _ in held)


def test_a_name_the_model_tagged_a_place_keeps_its_titles_before_a_comma(tmp_path: Path) -> None:
    """d09: 市人大常委会主任洛桑旦巴/LOC,市委副书记… — the name the model tagged a place is followed by a comma, not
    by a title: it is a name and holds its chain."""
    line = "市委副书记、市人大常委会主任洛桑旦巴,市委副书记、市长、市委政法委书记张延清出席。"
    held = _held(_extract(tmp_path, line, "拉萨市"))
    assert {("洛桑旦巴", "副书记", "中共拉萨市委"), ("洛桑旦巴", "主任", "拉萨市人大常委会")} <= held
    assert ("张延清", "市长", "拉萨市人民政府") in held


# http://www.xpj33766.com/swzx/tpxw/20190310010956176DAK.shtml (南皮县, Traditional as published, 2019-03)
NANPI_SESSION = "3月7日上午,縣人大常委會主任邊疆主持召開縣十七屆人大常委會第十七次會議,副主任盧曉紅、王林桐、常國發、徐春新出席會議。"


def test_a_bare_deputy_takes_the_body_of_the_head_written_earlier_when_its_holder_was_not_read(tmp_path: Path) -> None:
    """县人大常委会主任边疆主持…,副主任卢晓红、…: the model does not read 边疆 (a common word) as a name, so no
    holder of 主任 lends its body; the head is still written with its organisation earlier in the sentence, and
    副主任 is that body's. i06's bare heads (會長陳明金、理事長陳季敏) have no such earlier title and get nothing."""
    held = _held(_extract(tmp_path, NANPI_SESSION, "南皮县"))
    deputies = {(p, org) for p, t, org in held if t == "副主任"}
    assert deputies == {(p, "南皮县人大常委会") for p in ("卢晓红", "王林桐", "常国发", "徐春新")}
    line = _dev_line("i06_", "在林銳監誓下")
    held = _held(_extract(tmp_path, line, None))
    assert not any(person in {"陈明金", "陈季敏", "廖春荣"} for person, _, _ in held)


# https://www5.zzu.edu.cn/gxzx/info/1021/1161.htm (郑州大学干部培训中心; the first and third sentences of the report)
ZZU_OPENING = (
    "第26期商丘市管领导干部进修班开学典礼在我校干部培训中心举行,郑州大学党委副书记李兴成,郑州大学党委组织部部长李波"
    "出席了开学典礼。\n党委副书记李兴成首先致欢迎辞。"
)


def test_a_body_written_by_its_kind_later_is_the_one_the_same_title_named_in_full(tmp_path: Path) -> None:
    """郑州大学党委副书记李兴成 … 党委副书记李兴成首先致欢迎辞: the later 党委 says only the body's kind; the same
    person holds the same title at 郑州大学党委, so no second post at a bare 党委. Alone (no full name anywhere),
    the bare reading stays."""
    held = _held(_extract(tmp_path, ZZU_OPENING, None))
    assert {(t, org) for p, t, org in held if p == "李兴成"} == {("副书记", "郑州大学党委")}
    alone = _held(_extract(tmp_path, "党委副书记李兴成首先致欢迎辞。", None))
    assert {(p, t) for p, t, _ in alone} == {("李兴成", "副书记")}


# http://www.hbdx.gov.cn:8001/xyyw1/55139.jhtml (湖北省委党校; the sixth paragraph's opening, as published)
HBDX_OPENING = (
    "开班式由省委组织部常务副部长梁伟年主持,我校(院)常务副校(院)长陶良虎,省人社厅党组成员、副厅长董长麒出席。"
)


def test_a_bracket_inside_a_head_is_the_same_post_at_the_bodys_other_name(tmp_path: Path) -> None:
    """市委黨校(重慶行政學院)常務副校(院)長謝金峰 (k07): the bracket in the head writes the post at the other name the
    bracket after the school gives (常务副院长 at 重庆行政学院, as written: no place completed into it). Without that
    name (市委党校常务副校(院)长张景亭, k09) the one post at the school; 我校(院) names no body of its own."""
    record = _extract(tmp_path, _dev_line("k07_", "常務副校(院)長"), None)
    posts = {("常务副校长", "重庆市委党校"), ("常务副院长", "重庆行政学院")}
    assert {(t, org) for p, t, org in _held(record) if p == "谢金峰"} == posts
    assert {(t, org) for p, t, org in _held(record, "LEADS") if p == "谢金峰"} == posts
    held = _held(_extract(tmp_path, _dev_line("k09_", "常务副校(院)长"), None))
    assert {(t, org) for p, t, org in held if p == "张景亭"} == {("常务副校长", "铁岭市委党校")}
    held = _held(_extract(tmp_path, HBDX_OPENING, None))
    assert not any(t.endswith("院长") for p, t, _ in held if p == "陶良虎")


def test_a_bracket_listing_the_bodys_other_names_gives_the_post_at_each(tmp_path: Path) -> None:
    """市委党校(行政学院、市社会主义学院)校(院)长何恩广 (zzx04): the bracket after the school lists two other names; the
    院 of the head's bracket is the post at each, and the chain before it (市委副书记、市委政法委书记) is read whole.
    A bracket whose names do not end with the head's character (党校(干部学院、讲师团)副校(院)长) gives no 院长 at them."""
    held = _held(_extract(tmp_path, _dev_line("zzx04_", "校(院)长何恩广"), None))
    posts = {(t, org) for p, t, org in held if p == "何恩广"}
    assert {("副书记", "市委"), ("书记", "市委政法委"), ("校长", "市委党校"), ("院长", "行政学院")} <= {
        (t, org.removeprefix("中共").removeprefix("株洲")) for t, org in posts
    }
    assert sum(t == "院长" for t, _ in posts) == 2
    held = _held(_extract(tmp_path, "市委党校(市干部学院、市讲师团)副校(院)长李明主持会议。", None))
    assert not any(t == "副团长" or org.endswith("讲师团") for p, t, org in held if p == "李明")


def test_the_word_zizhiqu_alone_before_zhuxi_is_the_home_regions_government(tmp_path: Path) -> None:
    """自治区党委常委、自治区常务副主席吴英杰 (zzy04): 自治区 alone before the head 主席 stands for the home's region, the
    post is at its 人民政府 (a deputy who leads). A home outside an autonomous region gives no such post, and
    自治区政协主席 names its own body."""
    line = _dev_line("zzy04_", "自治区常务副主席吴英杰")
    for home in ("西藏自治区", "拉萨市"):
        record = _extract(tmp_path, line, home)
        assert ("吴英杰", "常务副主席", "西藏自治区人民政府") in _held(record)
        assert ("吴英杰", "常务副主席", "西藏自治区人民政府") in _held(record, "LEADS")
    held = _held(_extract(tmp_path, line, "平湖市"))
    assert not any(p == "吴英杰" and t.endswith("主席") for p, t, _ in held)
    held = _held(_extract(tmp_path, "自治区政协主席巴特尔出席会议。", "内蒙古自治区"))
    assert {(p, t, org) for p, t, org in held if t == "主席"} == {("巴特尔", "主席", "内蒙古自治区政协")}


def test_hong_kong_posts_as_its_papers_write_them(tmp_path: Path) -> None:
    """Hong Kong's permanent secretaries, political assistants, assistants of a head and legislators (zzc08, zzs08,
    zzo08): 常任秘书长 and 政治助理 are posts at the bureau written before them, 局长政治助理 an assistant's post
    (no LEADS), and 立法會議員 a post at the Legislative Council though the model's word runs 会|议员 together."""
    def posts(text: str, person: str, kind: str = "HOLDS_POSITION") -> set[tuple[str, str]]:
        held = _held(_extract(tmp_path, text, "香港特别行政区"), kind)
        return {(t, org.removeprefix("香港特别行政区")) for p, t, org in held if p == person}

    assert ("常任秘书长", "商务及经济发展局") in posts(_dev_line("zzc08_", "常任秘書長黃少珠"), "黄少珠")
    assert ("政治助理", "保安局") in posts(_dev_line("zzs08_", "保安局政治助理"), "梁溯庭")
    assistant = "來自《文匯報》的歐陽文倩擔任房屋局局長政治助理。"
    assert posts(assistant, "欧阳文倩") == {("局长政治助理", "房屋局")}
    assert not posts(assistant, "欧阳文倩", "LEADS")
    assert posts(_dev_line("zzo08_", "立法會議員廖長江"), "廖长江") == {("议员", "立法会")}
    line = _dev_line("zr05_", "非官守成員梁愛詩")  # 現任遴選委員會非官守成員梁愛詩及劉千石將於…卸任
    assert {p for p in ("梁爱诗", "刘千石") if ("非官守成员", "遴选委员会") in posts(line, p)} == {"梁爱诗", "刘千石"}
    # negative: the organ alone in a verb phrase is still the organ, with no post for anyone
    assert not _held(_extract(tmp_path, "特區政府向立法會提交法案。", "香港特别行政区"))


def test_a_managing_director_is_one_post_after_jian(tmp_path: Path) -> None:
    """恒基地產主席兼董事總經理李家傑 (zzo08): 兼 joins two posts at the company, 董事总经理 one title (titles.tsv), not
    董事 read as a body before 总经理. Negative: 董事 alone stays a member's title."""
    held = _held(_extract(tmp_path, _dev_line("zzo08_", "董事總經理李家傑"), "香港特别行政区"))
    assert {t for p, t, _ in held if p == "李家杰"} == {"主席", "董事总经理"}
    held = _held(_extract(tmp_path, "恒基地产董事李明出席。", None))
    assert {(p, t) for p, t, _ in held} == {("李明", "董事")}


def test_a_titles_modifier_read_as_a_name_holds_no_post(tmp_path: Path) -> None:
    """省社会主义学院书记蔡勇、常务副院长何云葵 (l05): a list rule reads 常务 (the next title's modifier) as a name
    after the 、; it shares no 书记 with 蔡勇, and 何云葵 keeps 常务副院长. A real name after the 、 still shares the
    title (市委组织部副部长王永利、沈为, k09)."""
    held = _held(_extract(tmp_path, _dev_line("l05_", "常务副院长何云葵"), None))
    assert not any(p == "常务" for p, _, _ in held)
    assert {(p, t) for p, t, _ in held} >= {("蔡勇", "书记"), ("何云葵", "常务副院长")}
    held = _held(_extract(tmp_path, _dev_line("k09_", "副部长王永利、沈为"), None))
    assert {(p, t) for p, t, _ in held if p in {"王永利", "沈为"}} == {("王永利", "副部长"), ("沈为", "副部长")}


def test_a_sessions_organ_written_by_its_kind_is_the_organ_named_before(tmp_path: Path) -> None:
    """大會主席團常務主席羅保銘, 主席團常務主席李憲生、符躍蘭、… (l07): the presidium written by its kind is the
    session's presidium the first line names (海南省五屆人大五次會議主席團); the standing chairs lead it, the title
    shared over the list. 安排了大会主席团、秘书长 (d01) names the organ and a post with no holder: no position."""
    text = next(CORPUS.glob("l07_*.txt")).read_text(encoding="utf-8")
    record = _extract(tmp_path, "\n".join(text.splitlines()[:2]), None)
    chairs = {"罗保铭", "李宪生", "符跃兰", "毕志强", "康耀红", "陈海波", "贾东军", "陈国舜"}
    for kind in ("HOLDS_POSITION", "LEADS"):
        assert {(p, t) for p, t, _ in _held(record, kind)} == {(p, "常务主席") for p in chairs}
        assert {org for _, _, org in _held(record, kind)} == {"海南省五届人大五次会议主席团"}
    assert not _held(_extract(tmp_path, _dev_line("d01_", "安排了大会主席团"), None))


def test_a_list_member_the_model_read_without_its_first_character_is_read_whole(tmp_path: Path) -> None:
    """m05: 省人大常委会副主任张光荣、…、尼玛卓玛、鸟成云、吴海昆、刘同德,秘书长贾应忠 (LAC reads 成云): the member is read
    whole, so the list runs on to its end and the bare 秘书长 after it inherits the body."""
    line = _dev_line("m05_bbee9c85", "鸟成云")
    record = _extract(tmp_path, line, "青海省")
    people = {e.name for e in record.entities if e.type == "Person"}
    assert "鸟成云" in people and "成云" not in people
    held = {(p, t) for p, t, _ in _held(record)}
    assert {("鸟成云", "副主任"), ("吴海昆", "副主任"), ("刘同德", "副主任"), ("贾应忠", "秘书长")} <= held
    # negative: members the model read whole keep their reading (马伟 is not run into what follows)
    assert "马伟" in people and not any(p.startswith("马伟") and p != "马伟" for p in people)


def test_a_speech_verb_the_model_read_into_the_name_ends_it(tmp_path: Path) -> None:
    """j07: 四十里铺镇党委书记朱华谈到: (LAC: 朱华谈/PER): 谈到 follows names as 说 and 表示 do."""
    line = _dev_line("j07_277eb6e9", "朱华谈到")
    held = _held(_extract(tmp_path, line, "绥德县"))
    assert any(p == "朱华" and t == "书记" for p, t, _ in held)
    assert not any(p == "朱华谈" for p, _, _ in held)
    # negative: 谈 inside a word that does not follow names (谈心) is no speech verb of the list
    assert "谈心" not in patterns().names_after_titles.after_name


def test_a_special_regions_council_written_alone_is_the_body_of_its_title(tmp_path: Path) -> None:
    """i02: …驻澳部队司令员王文、政委周吴刚,立法会主席贺一诚及终审法院院长岑浩辉…; e01: 受邀将出任行政会委员的11人
    分别是:陈海帆(女)、…: 立法会 and 行政会 are organs every special administrative region has, kept in one list
    (lexicons/sar_bodies.txt) and named with the region whose council it is (canonical._special_region, as the dev
    gold of i02 and e01 names them), not repeated among title_chain.toml place_bodies."""
    held = _held(_extract(tmp_path, _dev_line("i02_c5c2e4a8", "贺一诚"), "澳门特别行政区"))
    assert ("贺一诚", "主席", "澳门特别行政区立法会") in held
    held = _held(_extract(tmp_path, _dev_line("e01_ed211613", "受邀将出任"), "澳门特别行政区"))
    assert {("陈海帆", "委员", "澳门特别行政区行政会"), ("陈泽武", "委员", "澳门特别行政区行政会")} <= held
    assert not chain_grammar().place_bodies & word_set("sar_bodies.txt")  # one list of the region's organs
    # negative: the council named with no title after it gives no post
    assert _held(_extract(tmp_path, _dev_line("e01_ed211613", "行政会是协助"), "澳门特别行政区")) == set()


def test_a_congress_choosing_its_delegations_heads_appoints_them(tmp_path: Path) -> None:
    """m02: 会议推选伊犁哈萨克自治州党委书记杨秀理为伊犁哈萨克自治州代表总团团长;…推选阿勒泰地委书记谢少迪为阿勒泰地区
    代表团团长: 推选 X 为 posts is an election by the body (appointments.toml object_verbs)."""
    line = _dev_line("m02_d995fe92", "会议推选")
    held = {(p, t) for p, t, _ in _held(_extract(tmp_path, line, "伊犁哈萨克自治州"))}
    assert {("杨秀理", "团长"), ("谢少迪", "团长")} <= held
    # negative: 推选 as a noun (the choosing of the heads as a task) names nobody's post
    d01 = _dev_line("d01_8357fbcc", "推选工作")
    assert not any(t in {"团长", "副团长"} for _, t, _ in _held(_extract(tmp_path, d01, None)))


def test_a_transcribed_name_the_model_cut_at_its_dot_is_read_whole_after_a_title(tmp_path: Path) -> None:
    """m02: …阿勒泰地区人大工委党组副书记、主任赛力克·哈布肯为代表团副团长 (LAC: 赛力克/PER ·/w 哈布肯/PER): the name after the
    title is both parts, so the chain is the whole name's and no half holds a post."""
    line = _dev_line("m02_d995fe92", "赛力克")
    record = _extract(tmp_path, line, "伊犁哈萨克自治州")
    held = {(p, t) for p, t, _ in _held(record)}
    assert {("赛力克·哈布肯", "党组副书记"), ("赛力克·哈布肯", "主任")} <= held
    people = {e.name for e in record.entities if e.type == "Person"}
    assert "赛力克" not in people and "哈布肯" not in people
    # negative: a dotted name the model read whole keeps its reading (杰恩斯·哈德斯 before 和)
    assert ("杰恩斯·哈德斯", "专员") in held


def test_a_place_and_its_region_word_before_a_title_are_the_regions(tmp_path: Path) -> None:
    """i04 (Traditional): …並與香港特區行政長官林鄭月娥等共同主禮 (LAC: 香港/LOC 特区/n): the place the model named and
    特区 are the region whose government the chief executive leads (title_chain.toml region_words)."""
    held = _held(_extract(tmp_path, _dev_line("i04_d4ad67b2", "共同主禮"), "香港特别行政区"))
    assert ("林郑月娥", "行政长官", "香港特别行政区政府") in held
    # negative: the region's name before a word that is no title names no post (澳门特区行政会11日公布)
    held = _held(_extract(tmp_path, _dev_line("e01_ed211613", "行政长官崔世安已完成"), "澳门特别行政区"))
    assert held == {("崔世安", "行政长官", "澳门特别行政区政府")}


def test_names_each_after_their_own_posts_share_the_notice_verb(tmp_path: Path) -> None:
    """m02: 会议推选…杨秀理为伊犁哈萨克自治州代表总团团长;伊犁…党委副书记、州长叶尔夏提·吐尔逊拜,塔城地委书记支现伟,阿勒泰
    地委书记谢少迪为总团副团长。…,阿勒泰地委副书记、地区行署专员杰恩斯·哈德斯和…主任赛力克·哈布肯为代表团副团长: names
    joined by commas or 和, each after its current posts, share the verb and the posts after 为; 总团 and 代表团 are the
    delegations the line named before in full."""
    record = _extract(tmp_path, _dev_line("m02_d995fe92", "会议推选"), "伊犁哈萨克自治州")
    held = _held(record)
    total = "伊犁哈萨克自治州代表总团"
    assert {("叶尔夏提·吐尔逊拜", "副团长", total), ("支现伟", "副团长", total), ("谢少迪", "副团长", total)} <= held
    assert {("杰恩斯·哈德斯", "副团长", "阿勒泰地区代表团"), ("赛力克·哈布肯", "副团长", "阿勒泰地区代表团")} <= held
    # negative: titled names joined by 、 with no notice verb and no 为 are no appointment
    k05 = _extract(tmp_path, _dev_line("k05_6a84e2e2", "颉喜东"), "甘谷县")
    assert _held(k05, "APPOINTED_TO") == set()


def test_bare_officers_of_an_association_hold_their_posts_at_the_association_the_page_is_about(
    tmp_path: Path,
) -> None:
    """i06 (Traditional): 在林銳監誓下，會長陳明金、理事長陳季敏、監事長廖春榮領誓: officers' titles with no body written
    are posts at the association the page names most often (澳门中华联谊会, patterns.toml association_heads)."""
    text = next(CORPUS.glob("i06_*.txt")).read_text(encoding="utf-8")
    held = _held(_extract(tmp_path, text, "澳门特别行政区"))
    body = "澳门中华联谊会"
    assert {("陈明金", "会长", body), ("陈季敏", "理事长", body), ("廖春荣", "监事长", body)} <= held
    # the vice-chair of another association named with it keeps that one (中华海外联谊会副会长林锐)
    assert ("林锐", "副会长", "中华海外联谊会") in held
    # negative: the same line alone names no association, so the bare titles hold nothing
    assert _held(_extract(tmp_path, _dev_line("i06_82ee5ce6", "領誓"), "澳门特别行政区")) == set()


def test_levels_listed_before_a_body_share_it_and_the_title(tmp_path: Path) -> None:
    """j08: 决定接受周明国辞去市、县人大代表职务的请求 (LAC: 周明/PER 国辞/n 去市/v): 市、县人大代表 is a deputy to both
    congresses, and the name the model cut is read on the resignation's frame (接受 … 辞去)."""
    record = _extract(tmp_path, _dev_line("j08_4813b1bd", "周明国"), "房县")
    held = _held(record)
    assert {("周明国", "代表", "十堰市人大"), ("周明国", "代表", "房县人大")} <= held
    assert "周明" not in {e.name for e in record.entities if e.type == "Person"}
    # negative: a level ending a noun before 、 (先进市、县(市、区)称号) opens no list of posts
    line = _dev_line("b19_8ba7d9e1", "先进市、县")
    assert _held(_extract(tmp_path, line, None)) == set()


def test_a_post_word_the_model_glued_to_the_units_name_stays_in_the_title(tmp_path: Path) -> None:
    """b08: …、大兴安岭新林林业局新林林场营林技术员宋士宝3人获… (LAC: 新林林场营林/a 技术员/n): the forest farm is the body
    (lexicons/org_suffixes.txt 林场) and 营林技术员 the member's post, as 督查专员 at 陕西省编制办公室."""
    held = _held(_extract(tmp_path, _dev_line("b08_bd3a0a41", "宋士宝"), "黑龙江省"))
    assert ("宋士宝", "营林技术员", "大兴安岭新林林业局新林林场") in held
    # negative: a head's title after the same kind of list item keeps its body whole (二道岗经营所主任孙士杰)
    assert ("孙士杰", "主任", "黑龙江省绥阳重点国有林管理局二道岗经营所") in held


def test_a_place_name_the_model_read_as_a_verb_opens_the_committees_name(tmp_path: Path) -> None:
    """n01: 8月13日,平定县委常委、组织部长张文斌一行…来到繁峙县 (LAC: 平定/v 县委/n): 平定 and 县 make a county the
    gazetteer knows, so the posts are 平定县's, not those of the home county (繁峙县) a bare 县委 would mean."""
    held = _held(_extract(tmp_path, _dev_line("n01_80dbdaa7", "平定县委常委"), "繁峙县"))
    assert {("张文斌", "常委", "平定县委"), ("张文斌", "组织部长", "平定县委组织部")} <= held
    assert _division_prefix("平定", "县委")
    # negative: a word that completes no division (我市|市委书记王敏, g04) is no part of the name
    assert not _division_prefix("我市", "市委") and not _division_prefix("推进", "县委")


def test_an_organisation_a_chain_reads_written_out_is_a_mention_of_it(tmp_path: Path) -> None:
    """seed 001: …对于市少体校副校长王楠楠来说,…: the school the model named nothing is written out before the title;
    the entity the chain resolves it to (平湖市少体校) has that mention, its written form an alias."""
    seed = Path(__file__).resolve().parents[1] / "seeds" / "001_7cba9d35d36efd9e.txt"
    line = next(x for x in seed.read_text(encoding="utf-8").splitlines() if "王楠楠" in x)
    record = _extract(tmp_path, line, "平湖市")
    school = next(e for e in record.entities if e.name == "平湖市少体校")
    assert school.mentions and "市少体校" in school.aliases
    # negative: a department fused with its head's title (外交部长王毅) is not written out on its own
    # (tests/data/general_news_ner.jsonl, People's Daily style, where 外交部 is no span)
    line = "毛宁在例会上宣布,中共中央政治局委员、外交部长王毅将于5月28日至29日在福建省厦门市主持召开第三次中国—太平洋岛国外长会。"
    record = _extract(tmp_path, line, None)
    assert not any(e.mentions for e in record.entities if e.name == "外交部")


def test_a_post_with_no_name_after_a_named_item_of_a_list_is_no_part_of_the_next_chain(tmp_path: Path) -> None:
    """m05: 省委常委、副省长严金海,省监察委员会负责人,省高级人民法院院长陈明国,…: after 严金海 and a comma, an office
    whose holder the list does not name (省监察委员会负责人) is not 陈明国's post; his own chain is."""
    held = {(p, t) for p, t, _ in _held(_extract(tmp_path, _dev_line("m05_bbee9c85", "陈明国"), "青海省"))}
    assert ("陈明国", "院长") in held and ("陈明国", "负责人") not in held
    # negative: a chain read over a comma that follows no name stays whole (seed 001: …部务会议成员、干部科科长,
    # 市公务员局局长朱娜说道)
    seed = next((Path(__file__).resolve().parents[1] / "seeds").glob("001_*.txt"))
    line = next(x for x in seed.read_text(encoding="utf-8").splitlines() if "朱娜说道" in x)
    held = {(p, t) for p, t, _ in _held(_extract(tmp_path, line, "平湖市"))}
    assert {("朱娜", "干部科科长"), ("朱娜", "局长")} <= held


def test_one_common_noun_after_a_title_is_no_name(tmp_path: Path) -> None:
    """a19: …建立369名村(社区)“两委”成员后备库,… (LAC: 后备库/n): a run the model read as one common noun is not a name
    it missed, even where a title stands before it and 后 is a family name."""
    record = _extract(tmp_path, _dev_line("a19_d2ba327f", "后备库"), "江阴市")
    assert "后备库" not in {e.name for e in record.entities if e.type == "Person"}
    # negative: a name the model cut across the title is still read after it (镇长|桂小辉, LAC: 长桂/PER 小辉)
    line = "县委常委、县委办主任李城冉、县人大副主任张新生、县委办常务副主任郑先骥、莽张镇镇长桂小辉陪同此次调研。"
    assert ("桂小辉", "镇长") in {(p, t) for p, t, _ in _held(_extract(tmp_path, line, "罗山县"))}


def test_a_title_after_a_verb_with_no_organisation_before_it_stands_alone(tmp_path: Path) -> None:
    """e02 (Traditional): 另外,她也表示,感謝現任特首梁振英過去四年多的支持 (LAC: 现任/v 特首/d): no organisation word stands
    between the comma and the title, so the title is read alone (the region's government, the home's)."""
    held = _held(_extract(tmp_path, _dev_line("e02_4028f435", "感謝現任特首"), "香港特别行政区"))
    assert ("梁振英", "特首", "香港特别行政区政府") in held
    # negative: a word that is no title before a name still gives nothing (市领导游钧, tests/data/title_chains.jsonl)
    assert _held(_extract(tmp_path, "市领导游钧、杨艺文参加。", "北京市")) == set()


def test_posts_in_brackets_right_before_a_name_are_its(tmp_path: Path) -> None:
    """m03: …太康县老冢镇老冢村人(中原越秀实业有限公司董事长)李玉平、…: an award list's residence, then the post in
    brackets, then the name."""
    held = _held(_extract(tmp_path, _dev_line("m03_b4d360cf", "李玉平"), "周口市"))
    assert ("李玉平", "董事长", "中原越秀实业有限公司") in held
    # negative: a remark in brackets after a name (陈海帆(女)、梁庆庭) gives the next name no post of its own
    held = _held(_extract(tmp_path, _dev_line("e01_ed211613", "受邀将出任"), "澳门特别行政区"))
    assert {t for p, t, _ in held if p == "梁庆庭"} == {"委员"}


def test_a_village_party_secretary_written_short_holds_the_post_at_the_villages_branch(tmp_path: Path) -> None:
    """p06: 惠安堡镇杨儿庄村支书邹建民接过话茬儿: 支书 after a village is the secretary of its 党支部 (titles.tsv)."""
    held = _held(_extract(tmp_path, _dev_line("p06_9db72602", "邹建民"), "盐池县"))
    assert ("邹建民", "支书", "杨儿庄村党支部") in held
    # negative: 村支书 with no village named before it (望远镜下的村支书姚震宇, b18) names no body, so no post
    held = _held(_extract(tmp_path, _dev_line("b18_cd7556f7", "姚震宇"), "黔西县"))
    assert not any(p == "姚震宇" for p, _, _ in held)


def test_a_member_of_a_colon_list_the_model_missed_is_read_on_the_text(tmp_path: Path) -> None:
    """e01: 受邀将出任行政会委员的11人分别是:陈海帆(女)、梁庆庭、廖泽云、马有礼、欧安利、… (LAC: 马/n 有礼/v): the list a title
    opens before the colon is read as a title's list is, past the remark (女), so 马有礼 is a name and holds the post."""
    record = _extract(tmp_path, _dev_line("e01_ed211613", "受邀将出任"), "澳门特别行政区")
    assert "马有礼" in {e.name for e in record.entities if e.type == "Person"}
    assert ("马有礼", "委员", "澳门特别行政区行政会") in _held(record)
    # negative: a colon after a word that is no title opens no list (来源:莞讯网  责任编辑:百花残, a09)
    record = _extract(tmp_path, _dev_line("a09_aed86179", "责任编辑"), "东莞市")
    assert not any(e.type == "Person" and e.name.startswith("莞讯") for e in record.entities)


def test_the_ranks_of_levels_sharing_a_body_are_read_from_the_chain_grammar(tmp_path: Path) -> None:
    """j08: 决定接受周明国辞去市、县人大代表职务的请求 (a 房县 paper): 市 before 县人大 stands for 市人大 (the city's
    congress, implied), ranked by title_chain.toml level_ranks (one definition, no second table in short_forms)."""
    ranks = chain_grammar().level_ranks
    assert ranks["省"] < ranks["市"] < ranks["县"] == ranks["区"]
    record = _extract(tmp_path, _dev_line("j08_", "辞去市、县人大代表"), "房县")
    implied = {e.name for e in record.entities if e.type == "Organization" and not e.mentions}
    assert "十堰市人大" in implied
    # negative: after 全 the province's city committees are no body of the province (全省市委书记会议)
    record = _extract(tmp_path, "全省市委书记会议在此召开。", "房县")
    assert "中共湖北省委" not in {e.name for e in record.entities}


# http://epaper.scjjrb.com/Article/index/aid/2791514.html (四川经济日报, 2019-04-15)
PREFECTURES = "前三届交流现场会分别在吉林省延边朝鲜族自治州、湖北省恩施土家族苗族自治州和青海省海西蒙古族藏族自治州召开。"
# https://rmrb.online/read-htm-tid-607689-page-e.html (人民日报, 1982-10-02)
LIANGSHAN = "四川省凉山彝族自治州昨天在西昌市举行群众大会,庆祝成立三十周年。"


def test_autonomous_prefectures_the_model_cuts_are_one_place_beyond_m02(tmp_path: Path) -> None:
    """autonomous_area_cut, a second source besides m02 (伊犁/LOC 哈萨克自治州/LOC): 吉林省|延边/LOC 朝鲜族自治州/LOC and
    海西/LOC 蒙古族藏族自治州/LOC in a list of prefectures are each one place the gazetteer knows."""
    places = {e.name for e in _extract(tmp_path, PREFECTURES, None).entities if e.type == "Place"}
    assert {"延边朝鲜族自治州", "恩施土家族苗族自治州", "海西蒙古族藏族自治州"} <= places
    assert not places & {"延边", "朝鲜族自治州", "海西", "蒙古族藏族自治州"}
    # negative: the province before a prefecture is no part of its name (四川省凉山彝族自治州: two places)
    places = {e.name for e in _extract(tmp_path, LIANGSHAN, None).entities if e.type == "Place"}
    assert {"四川省", "凉山彝族自治州"} <= places


def test_titled_names_before_a_for_with_no_posts_after_it_are_no_appointment(tmp_path: Path) -> None:
    """titled_name_separators, a second real sentence besides m02: p02 (Traditional) 區委常委、組織部部長曹國華和區政府黨組
    成員、副區長關浩為大東區「兩鄰」學院揭牌: the names each after their own posts, joined by 和, are read together up to
    為 (_titled_names_after), but 為 here is "for" (揭牌), with no posts after it: no appointment, each keeps his posts."""
    record = _extract(tmp_path, _dev_line("p02_52754ffd", "副區長關浩為"), "大东区")
    assert _held(record, "APPOINTED_TO") == set()
    held = _held(record)
    assert {("曹国华", "部长", "大东区委组织部"), ("关浩", "副区长", "大东区人民政府")} <= held


# https://exmoo.com/article/231964.html (a Macau association's inauguration, Traditional as published)
MAOMING_ASSOCIATION = (
    "澳門茂名海外聯誼會3月23日假漁人碼頭宴會廳舉行慶祝中華人民共和國成立75週年、澳門回歸祖國25週年、澳門茂名海外聯誼會"
    "成立10週年暨第4屆理監事就職典禮,家鄉領導、各界嘉賓到賀者眾。會長林偉權表示,澳門和茂名結合現有的競爭力,加上創新、"
    "粵港澳大灣區合作等優勢,構建新質生產力,令澳門各行各業在融入大灣區建設中,產生新的增長點,而茂名同澳門也要一同拚經濟、"
    "惠民生,加強兩地互聯互通。。\n活動於當晚7時舉行,新一屆成員由會長林偉權領誓,在何敬麟、邱庭彪監誓下宣誓就職。"
)


def test_a_bare_association_officer_beyond_i06(tmp_path: Path) -> None:
    """_bare_officer, a second source besides i06: 會長林偉權表示… on a page about 澳門茂名海外聯誼會 (named twice):
    the bare 會長 is the chair of the association the page is about."""
    held = _held(_extract(tmp_path, MAOMING_ASSOCIATION, "澳门特别行政区"))
    assert ("林伟权", "会长", "澳门茂名海外联谊会") in held
    # negative: the inauguration line alone names no association, so the bare title holds nothing
    assert _held(_extract(tmp_path, MAOMING_ASSOCIATION.splitlines()[-1], "澳门特别行政区")) == set()


def test_a_level_word_the_model_read_as_a_verb_opens_a_sessioned_congress(tmp_path: Path) -> None:
    """_level_before_session: s03 朱勇提出辞去省/v|十二届/m|人大常委会委员、…职务 (the genre names a congress with its
    session, 省十三届人民代表大会 in the seeds' 补选 items): 省 opens the body, so the posts run from the verb and every
    name of the requested resignations holds them, the list after 分别 too."""
    held = _held(_extract(tmp_path, _dev_line("s03_195b2240", "提出辞去"), "安徽省"))
    congress = "安徽省人大常委会"
    assert {("朱勇", "委员", congress), ("朱勇", "主任委员", "内务司法委员会")} <= held
    assert {(p, "委员", congress) for p in ("秦亚东", "张志轩", "张荣国", "王晓林", "高开焰", "马亚杰")} <= held
    # negative: 省 as a verb before a count that is no session opens nothing
    held = _held(_extract(tmp_path, "为群众省十多天时间,县委书记李明说。", "安徽省"))
    assert held == {("李明", "书记", "县委")}


def test_a_name_the_model_cut_before_the_copula_of_a_later_item(tmp_path: Path) -> None:
    """NoticeReader._next_item: s03 任命纪冰为…,王福宏为…,张华建为…主任 — the model reads 张华|建为; the name framed by the
    clause start and 为 is read on the text, as the frame after the verb reads it (选举肖友才为…)."""
    record = _extract(tmp_path, _dev_line("s03_195b2240", "张华建为"), "安徽省")
    assert ("张华建", "主任", "安徽省人大常委会农业与农村工作委员会") in _held(record)
    assert "张华" not in {e.name for e in record.entities if e.type == "Person"}
    # negative: a clause after the item whose words before 为 are no name continues nothing
    line = "会议任命纪冰为省人大常委会财政经济工作委员会副主任,会后为其颁发了任命书。"
    assert _held(_extract(tmp_path, line, "安徽省")) == {("纪冰", "副主任", "安徽省人大常委会财政经济工作委员会")}
    # negative: a clause whose words before 为 take no posts after it names no one (任期为五年, 张家港为试点单位)
    for clause in ("任期为五年", "方案为县政府提出", "张家港为试点单位"):
        record = _extract(tmp_path, f"会议任命纪冰为省人大常委会财政经济工作委员会副主任,{clause}。", "安徽省")
        assert {e.name for e in record.entities if e.type == "Person"} == {"纪冰"}


def test_a_lecturers_name_ends_before_yi_and_a_quoted_subject(tmp_path: Path) -> None:
    """names_after_titles: r01 (Traditional) 中國延安干部學院副教授程偉以“追憶知青歲月…”為題 — the model reads 程偉以; a
    lecturer 以“…”为题 / 以《…》为题 (k09 曲岩以《, q04 葉永恒以“) ends the name before 以."""
    record = _extract(tmp_path, _dev_line("r01_02087dd4", "程偉以"), "海兴县")
    people = {e.name for e in record.entities if e.type == "Person"}
    assert "程伟" in people and "程伟以" not in people
    assert ("程伟", "副教授", "中国延安干部学院") in _held(record)
    # negative: 以 before no quoted subject ends no name (王以军 stays whole)
    held = _held(_extract(tmp_path, "县委书记王以军主持会议。", "海兴县"))
    assert {p for p, _, _ in held} == {"王以军"}


def test_a_name_after_a_title_whose_tail_the_model_read_as_a_place_is_read_whole(tmp_path: Path) -> None:
    """y07: 市委常委、政法委书记成广平出席开班仪式并讲话 (LAC: 委书记|成/v|广平/LOC): the name after the title ends before
    出席, a word that follows names, so it is read whole and the county 广平 inside it gives its mention up."""
    record = _extract(tmp_path, _dev_line("y07_7805e5ad", "成广平"), "张掖市")
    people = {e.name for e in record.entities if e.type == "Person"}
    assert "成广平" in people
    assert not any(e.type == "Place" and e.name.startswith("广平") for e in record.entities)
    assert {("成广平", "常委"), ("成广平", "书记")} <= {(p, t) for p, t, _ in _held(record)}
    # negative: a place after a title with no word that follows names after it stays a place (向 is a family name)
    record = _extract(tmp_path, "市委书记向广平县捐赠图书。", None)
    assert not any(e.type == "Person" and e.name.startswith("向广平") for e in record.entities)


def test_a_family_name_the_model_tagged_a_preposition_opens_the_name_after_a_title(tmp_path: Path) -> None:
    """names_after_titles.preposition_surname_rest_tags: y06 金坛区委组织部副部长、党建办副主任于水出席开班仪式 (LAC: 于/p
    水/n) — 于 is a family name (d01 省委常委于丛乐, read PER); the name ends before 出席 and holds the chain's titles."""
    record = _extract(tmp_path, _dev_line("y06_d72ce0a3", "于水"), "常州市")
    assert "于水" in {e.name for e in record.entities if e.type == "Person"}
    assert ("于水", "副部长", "金坛区委组织部") in _held(record)
    # negative: the preposition before a word of the model's (记者/n, 近日/TIME, 会/n 上/f) opens no name
    for line in ("县委组织部副部长向记者介绍。", "县委书记于近日主持会议。", "县委副书记于会上讲话。"):
        record = _extract(tmp_path, line, "常州市")
        assert [e.name for e in record.entities if e.type == "Person"] == []


def test_a_preposition_family_name_with_a_word_before_a_lists_joiner_opens_the_name(tmp_path: Path) -> None:
    """zzh08 (dev) 市人民检察院检察长于占发及部分乡镇人大主席…列席会议 (LAC: 于/p 占发/v 及/c): a list's joiner
    after one two-character word closes a name, as a preposition's phrase is never followed by one; the name
    holds the chain's title. A common noun there (于|会议/n|及) is the preposition's object, no name."""
    line = _dev_line("zzh08_0f51beff", "于占发")
    record = _extract(tmp_path, line[line.index("市人民法院") :], "肇东市")
    assert ("于占发", "检察长") in {(p, t) for p, t, _ in _held(record)}
    record = _extract(tmp_path, "县委书记于会议及活动中强调纪律要求。", "肇东市")
    assert [e.name for e in record.entities if e.type == "Person"] == []


def test_a_bare_members_title_before_baokuo_and_a_colon_is_every_listed_names(tmp_path: Path) -> None:
    """zr06 (dev, Traditional): 是次市政諮詢委員會會議出席投票的委員包括:陳冰冰、陳嘉敬、… — 包括 opens a colon list
    (patterns.toml colon_list_intro), and the bare 委員 is a member of the council the report is on (patterns.toml
    council_member_heads). An agenda opened the same way (議程還包括:審議《…》) names nobody."""
    text = "\n".join((_dev_line("zr06_045fdba0", "市政署訊"), _dev_line("zr06_045fdba0", "委員包括")))
    record = _extract(tmp_path, text, "澳门特别行政区")
    held = {(p, t) for p, t, _ in _held(record)}
    assert {("陈冰冰", "委员"), ("陈嘉敬", "委员"), ("程顺明", "委员"), ("李仲言", "委员")} <= held
    # a member written in Latin letters with spaces (André Duarte Xavier Sales Ritchie) does not end the list
    # (patterns.toml colon_list_gap): the names after it are members too
    assert {("郑镓良", "委员"), ("李德濂", "委员"), ("周嘉进", "委员")} <= held
    record = _extract(tmp_path, _dev_line("z05_3e8ee952", "议程还包括"), "吉林省")
    assert not {t for _, t, _ in _held(record) if t == "委员"}


def test_a_transcribed_name_the_model_cut_off_its_dot_is_read_whole_after_a_title(tmp_path: Path) -> None:
    """zze01 (dev) 乌鲁木齐市检察院检察长吾提库尔•阿不都热合曼说 (LAC: 检察长吾/v 提/PER 库尔•阿不/PER 都/d 热合曼/v) and
    zt01 (dev) 常务副主任吐尔买买提·马提 (吐尔/PER 买/v 买提·马提/PER): after a title, the dotted name runs to a
    reporting verb, punctuation or the line's end. Without a verb or punctuation after it nothing is read."""
    record = _extract(tmp_path, _dev_line("zze01_2f1eacb6", "吾提库尔"), "乌鲁木齐市")
    assert ("吾提库尔•阿不都热合曼", "检察长") in {(p, t) for p, t, _ in _held(record)}
    record = _extract(tmp_path, _dev_line("zt01_247fc08f", "吐尔买买提"), "新疆维吾尔自治区")
    assert ("吐尔买买提·马提", "常务副主任") in {(p, t) for p, t, _ in _held(record)}
    record = _extract(tmp_path, "检察长吾提库尔•阿不都热合曼加强工作", "乌鲁木齐市")
    assert not {e.name for e in record.entities if e.type == "Person" and e.name.startswith("吾提库尔•阿不都热合曼加")}


def test_a_name_the_model_opened_runs_over_a_body_it_read_inside_to_a_names_end(tmp_path: Path) -> None:
    """zzk04 (dev) 市委党校常务副校长、党委书记任海航等出席结业典礼 (LAC: 任/PER 海航/ORG 等/u): after a title, a name the
    model opened that ends where a name may (before 等) takes the body it read inside it; the name holds the chain.
    Without the model's name tag there (党委书记海航等…) no name is read."""
    line = _dev_line("zzk04_2c00794f", "任海航")
    record = _extract(tmp_path, line[line.index("市委党校") :], "洛阳市")
    assert ("任海航", "书记") in {(p, t) for p, t, _ in _held(record)}
    assert "海航" not in {e.name for e in record.entities if e.type == "Organization"}
    record = _extract(tmp_path, "市委党校常务副校长、党委书记海航等出席结业典礼。", "洛阳市")
    assert not {e.name for e in record.entities if e.type == "Person"}


def test_yiji_after_a_name_ends_it(tmp_path: Path) -> None:
    """zzl04 (dev) 井冈山经贸学校校长肖武以及八都党委政府主要负责同志参与调研 (LAC: 肖武/PER 以及/c): 以及 follows names
    (patterns.toml after_name), so the name read after the title is the model's 肖武, not 肖武以 before 及. Before
    出席 a name may end with 以 (肖武以出席会议)."""
    line = _dev_line("zzl04_0cde98ec", "肖武以及")
    record = _extract(tmp_path, line[line.index("县政协") :], "吉水县")
    people = {e.name for e in record.entities if e.type == "Person"}
    assert "肖武" in people and "肖武以" not in people
    assert ("肖武", "校长") in {(p, t) for p, t, _ in _held(record)}
    record = _extract(tmp_path, "井冈山经贸学校校长肖武以出席会议。", "吉水县")
    assert "肖武以" in {e.name for e in record.entities if e.type == "Person"}


def test_a_party_schools_education_director_is_a_title(tmp_path: Path) -> None:
    """relations/titles.tsv 教育长: k07 市委黨校(重慶行政學院)教育長張健出席 holds the post at the school; y04 副校(院、团)长牟明福、
    教育长敖以深出席 — the name after the bare title is read (no body is written, so no post)."""
    record = _extract(tmp_path, _dev_line("k07_2f9577bf", "教育長張健"), "重庆市江北区")
    assert ("张健", "教育长") in {(p, t) for p, t, _ in _held(record)}
    record = _extract(tmp_path, "副校(院、团)长牟明福、教育长敖以深出席。", "贵州省")
    assert "敖以深" in {e.name for e in record.entities if e.type == "Person"}
    # negative: 教育 before 长效 / 长廊 is no title (no name is read after it)
    record = _extract(tmp_path, "建立健全党员教育长效机制,打造廉政教育长廊。", "贵州省")
    assert [e.name for e in record.entities if e.type == "Person"] == []


def test_a_body_the_chain_completes_with_a_named_owner_takes_the_models_mention(tmp_path: Path) -> None:
    """zv03: 甘谷县委常委、副县长邵宏伟,县委常委、人武部部长田晖: the model's 人武部 is the county's (甘谷县人武部, the
    body the chain completes), one entity with that mention, not a second entity 人武部 beside it. Negatives:
    zm04's 區委常委、宣傳部部長楊林 (a bare level word owns the chain: no named body to move the mention to) and
    zu07's 國家外國專家局副局長 after 省委常委、副省長 (a national body: no province before it, title_chain.toml
    national_openers)."""
    record = _extract(tmp_path, _dev_line("zv03_531881b5", "人武部部长田晖"), "甘谷县")
    named = {e.name: e for e in record.entities if e.type == "Organization"}
    assert "人武部" not in named and [m.text for m in named["甘谷县人武部"].mentions] == ["人武部"]
    assert ("田晖", "部长", "甘谷县人武部") in _held(record)
    record = _extract(tmp_path, _dev_line("zm04_ba5c86c4", "宣傳部部長楊林"), "郑州市")
    assert not any(e.mentions for e in record.entities if e.name in {"区委宣传部", "区人武部"})
    record = _extract(tmp_path, _dev_line("zu07_eb11e4db", "國家外國專家局副局長"), "青海省")
    assert not any(e.name == "青海省国家外国专家局" for e in record.entities)
    assert ("孙照华", "副局长", "国家外国专家局") in _held(record)


def test_a_title_inside_a_longer_title_ends_no_name(tmp_path: Path) -> None:
    """zq07: 省人大常委会副主任史文清、…、冯桃莲,秘书长魏民出席会议: 秘书 ends inside 秘书长, so no name is read after
    it (长魏民 was); the name after the whole title stands. Negative: the names after 副主任 (a title that ends
    where they start) are still read, each holding it."""
    record = _extract(tmp_path, _dev_line("zq07_05317b3", "秘书长魏民"), "江西省")
    people = {e.name for e in record.entities if e.type == "Person"}
    assert "魏民" in people and "长魏民" not in people
    held = {(p, t) for p, t, _ in _held(record)}
    assert ("魏民", "秘书长") in held and ("史文清", "副主任") in held and ("冯桃莲", "副主任") in held


def test_the_party_prefix_and_a_division_before_a_fused_committee_title_are_one_committee(tmp_path: Path) -> None:
    """committee_cut_off: zq06 朱正林同志任中共臨淄區委書記 (中共/ORG 臨淄/LOC 區委書記/n): the party's prefix, the
    division and the committee the model read into the title are one body, which the secretary holds; no body
    中共 beside it. Negative: with no committee after the division (中共/ORG 二十届四中全会, d04) nothing joins."""
    record = _extract(tmp_path, _dev_line("zq06_eeb1ae7", "朱正林同志任中共臨淄區委書記"), "淄博市")
    mentioned = {m.text for e in record.entities if e.type == "Organization" for m in e.mentions}
    assert "中共臨淄區委" in mentioned and "中共" not in mentioned
    assert any(p == "朱正林" and t == "书记" for p, t, _ in _held(record))
    record = _extract(tmp_path, _dev_line("d04_b719d473", "学习贯彻中共二十届四中全会"), "海口市")
    assert not any(m.text.startswith("中共二十") and e.type == "Organization" for e in record.entities for m in e.mentions)


def test_a_change_of_holder_after_a_title_is_no_name(tmp_path: Path) -> None:
    """zq08 河北换届进入“第二季”:五大市市委书记易人 (the secretaries are replaced): 易人 after the title is no name
    (person_stoplist.txt) and holds no post. Negative: 原保定市委书记许宁 in the same article still holds the post."""
    path = next(CORPUS.glob("zq08_3448f46*.txt"))
    record = extract_record(read_document(path, path.name), cached_nlp(), dt.date(2013, 2, 8))
    assert not any(e.name == "易人" for e in record.entities)
    record = _extract(tmp_path, _dev_line("zq08_3448f46", "原保定市委书记许宁"), "河北省")
    assert any(p == "许宁" and t == "书记" for p, t, _ in _held(record))


def test_a_post_a_subject_verb_takes_is_not_the_next_name_s(tmp_path: Path) -> None:
    """zr03 headline 强卫当选青海省十一届人大常委会主任 宋秀岩当选省长: the space set the two clauses apart (ingest joins
    the text); the chain before 宋秀岩 is the object of 强卫's 当选, so 宋秀岩 holds 省长 only. Negative: a chain
    after a page's space with no subject verb before it is the next name's (县委常委 组织部部长 王刚 style)."""
    path = next(CORPUS.glob("zr03_3dcd03e*.txt"))
    held = {(p, t) for p, t, _ in _held(extract_record(read_document(path, path.name), cached_nlp(), dt.date(2008, 1, 16)))}
    assert ("宋秀岩", "主任") not in held and ("宋秀岩", "省长") in held and ("强卫", "主任") in held
    held = {(p, t) for p, t, _ in _held(_extract(tmp_path, "县委常委 组织部部长 王刚出席会议。", "平湖市"))}
    assert ("王刚", "部长") in held


def test_a_strong_head_the_model_cut_joins_the_body_s_name(tmp_path: Path) -> None:
    """strong_suffix_cut_off (org_suffixes.txt 军分区): zx07 省儋州军分区司令员张申峰参加颁奖典礼: the command is a body
    (海南省儋州军分区, its province written short), not a district, and its 司令员 leads it. Negative: in the same
    article 海南日报副社长、总经理翁朝健: the paper's span is followed by a title, no head word, and stays 海南日报."""
    record = _extract(tmp_path, _dev_line("zx07_3b3229a2", "军分区司令员张申峰"), "儋州市")
    assert ("张申峰", "司令员", "海南省儋州军分区") in _held(record)
    assert not any(e.type == "Place" and "军分区" in e.name for e in record.entities)
    record = _extract(tmp_path, _dev_line("zx07_3b3229a2", "海南日报副社长"), "儋州市")
    mentioned = {m.text for e in record.entities if e.type == "Organization" for m in e.mentions}
    assert "海南日报" in mentioned and not any(m.startswith("海南日报副") for m in mentioned)


def test_a_name_the_model_read_as_a_verb_and_a_place_ends_at_a_list_joiner(tmp_path: Path) -> None:
    """zy02 (dev) 省委宣传部副部长、省文明办主任戴长江及省内相关部门领导 (LAC: 戴/v 长江/LOC 及/c): after a title, a
    family name and the place the model read after it are one name when 、 or 及 ends the list item there, as a
    word that follows names does (names._ITEM_ENDS). 和 does not: it opens given names too (洪礼和主持)."""
    line = _dev_line("zy02_e3b787dd", "戴长江")
    record = _extract(tmp_path, line[line.index("省委宣传部") :], "河北省")
    assert ("戴长江", "主任") in {(p, t) for p, t, _ in _held(record)}
    assert "长江" not in {e.name for e in record.entities if e.type == "Place"}
    # A verb that is no family name before the place and 及 opens no name (主任到|北京/LOC 及).
    record = _extract(tmp_path, "省文明办主任到北京及天津调研。", "河北省")
    assert not {e.name for e in record.entities if e.type == "Person"}


def test_a_transcribed_name_the_model_read_with_its_dot_is_not_run_on(tmp_path: Path) -> None:
    """zzh05 (dev) 雷科莱塔市市长丹尼尔·哈杜埃举行工作会谈 (LAC: 丹尼尔·哈杜埃/PER 举行/v): the model read the name
    with a part on each side of its dot, so the dotted pattern does not run it on to the reporting verb 谈
    (丹尼尔·哈杜埃举行工作会). A name the model cut elsewhere than at its dot is still read whole (吐尔买买提·马提)."""
    lines = next(CORPUS.glob("zzh05_11214d43*.txt")).read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("访问团"))
    record = _extract(tmp_path, "\n".join(lines[start : start + 3]), "新疆维吾尔自治区")  # a page's hard wraps
    people = {e.name for e in record.entities if e.type == "Person"}
    assert "丹尼尔·哈杜埃" in people and not any("举行" in name for name in people)
    record = _extract(tmp_path, _dev_line("zt01_247fc08f", "吐尔买买提"), "新疆维吾尔自治区")
    assert "吐尔买买提·马提" in {e.name for e in record.entities if e.type == "Person"}


def test_a_bare_title_after_a_semicolon_takes_the_same_heads_body(tmp_path: Path) -> None:
    """zzp06 (dev) 市人大常委会主任王图强主持会议并讲话;副主任沈中林、查镜波、王跃、徐广友,秘书长罗信翔等…出席会议: the
    semicolon joins two clauses of one report sentence, so the bare 副主任 takes the body of the same head held in
    the clause before (市人大常委会), as it does after a comma. A full stop ends that reach."""
    line = _dev_line("zzp06_1f755381", "王图强主持会议并讲话")
    record = _extract(tmp_path, line[line.index("市人大常委会主任") : line.index("出席会议") + 4], "滁州市")
    held = {(p, t) for p, t, _ in _held(record)}
    assert {("沈中林", "副主任"), ("徐广友", "副主任"), ("罗信翔", "秘书长")} <= held
    record = _extract(tmp_path, "市人大常委会主任王图强主持会议并讲话。副主任沈中林、查镜波出席会议。", "滁州市")
    assert not {p for p, t, _ in _held(record) if t == "副主任"}
