"""Places made of ordinary words (issue 8, pipeline/places_words.py): a division suffix cut out of a longer
word, and a generic place word after an ordinary modifier. Each rule with a real sentence where it fires and
one where it must not: dev lines of tests/corpus, and where no dev line shows the case, a line of a fresh
public page that is in no split (its address beside it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from test_entity_classes import ARTICLES, article, ents, run, seed
from test_orgs_places import run_at_home

from cadregraph.pipeline.components import HOME_KEY
from cadregraph.pipeline.gazetteer import gazetteer
from cadregraph.pipeline.ingest import read_document
from cadregraph.pipeline.places_addresses import address_links
from cadregraph.pipeline.places_words import describes_a_kind, level_compound_at, ordinary_word

Extract = Callable[[str], list[dict[str, Any]]]


def places(entities: list[dict[str, Any]]) -> set[str]:
    """Every Place of the record, implied ones (no mention) included: the hidden set reads them all."""
    return {e["name"] for e in entities if e["type"] == "Place"}


# ------------------------------------------------------------------ a level word inside 乡村, 镇村, 乡镇

# http://dzb.jmrb.com:8090/jmrb/html/2023-07/10/content_677568.htm (江门日报, Guangdong)
JIANGMEN = "7月5—7日,市委组织部在江门市乡村振兴培训中心(开平塘口镇委党校)举办全市村(社区)党组织书记培训示范班"
# http://epaper.pdsxww.com/pdsrb/html/2023-05/10/content_392121.htm (平顶山日报, Henan)
TENGTOU = "滕头乡村振兴学院聚焦乡村振兴,致力于打造“没有围墙的开放学院”"
# http://szb.eyesnews.cn/pc/cont/202307/04/content_97771.html (遵义, Guizhou): 桐梓乡村/LOC; the paragraph
# names 桐梓县, so 桐梓 is its short name there
TONGZI = (
    "2020年,桐梓县中等职业学校按照桐梓县委、县政府工作要求,在县委组织部的指导帮助下,有效开展乡村振兴后备力量"
    "培养工程,从全校3000名学生中遴选出141名优秀学生,组成2个乡村振兴后备人才培养种子班,并为种子班制定了涵盖党建、"
    "乡村治理、计算机科学等方面的3年培养课程计划,邀请县内科级干部为其授课,让学生全面了解桐梓乡村振兴工作。"
)


def test_a_level_word_inside_a_compound_ends_no_place(extract_entities: Extract) -> None:
    """江门市乡|村振兴培训中心 and 滕头乡|村振兴学院 opened no town 江门市乡, 滕头乡 (the regex for places
    that open a body's name); 桐梓乡村/LOC is the county 桐梓 and the word 乡村."""
    assert "江门市乡" not in places(extract_entities(JIANGMEN))
    assert "滕头乡" not in places(extract_entities(TENGTOU))
    assert ("桐梓", "Place") in ents(TONGZI) and ("桐梓乡村", "Place") not in ents(TONGZI)
    assert level_compound_at("江门市乡村振兴培训中心", 4)


def test_a_village_s_own_committee_still_opens_with_the_village(extract_entities: Extract) -> None:
    """Negative: d03 三江镇茄苪村党支部书记、村委会主任王琼 (茄苪村|村委会 repeats the level word: the
    village's committee), and a village before a body's name stays a place."""
    assert not level_compound_at("茄苪村村委会", 3)
    assert "陈庄村" in places(
        extract_entities("12月15日上午,遵化店镇在陈庄村党群综合服务站召开“五美庭院”表彰大会。")
    )
    assert ("江门市", "Place") in ents("接下来,江门市将认真落实乡村振兴主题培训计划")


# ------------------------------------------------------------------ a kind of village, not a village's name


def test_an_ordinary_modifier_before_a_village_word_describes_a_kind() -> None:
    """h07 本次挂职基地村(社区)均从我市农村…产生, a09 作为全国为数不多的市直管镇城市: a frequent word
    (基地, 直管) before 村/镇 and no place of that name anywhere; 优秀村(社区)党组织书记 (江门日报) likewise."""
    assert ("基地村", "Place") not in ents(article("h07", "基地村"))
    assert ("直管镇", "Place") not in ents(article("a09", "直管镇"))
    assert describes_a_kind("优秀村", "村") and describes_a_kind("边境村", "村")


def test_a_village_named_with_a_common_word_stays() -> None:
    """Negative: a19 来到江阴市周庄镇山泉村 keeps 山泉村; 红旗村 and 张家村 are villages' names in hundreds of
    places (the gazetteer), and a rare modifier (茄苪, 蒲楼) is a name, never judged ordinary."""
    assert ("山泉村", "Place") in ents(article("a19", "山泉村"))
    assert not describes_a_kind("红旗村", "村") and not describes_a_kind("张家村", "村")
    assert not ordinary_word("茄苪") and not ordinary_word("蒲楼") and ordinary_word("基地")
    assert not ordinary_word("严")  # one character is never judged: 严村


# ------------------------------------------------------------------ level words only

# http://www.huancui.gov.cn/art/2024/10/23/art_41522_4976247.html (威海环翠区, Shandong)
HUANCUI = "各相关部门要立足自身职能,加大对镇街、社区的工作指导和支持力度,切实形成工作合力。"


def test_towns_and_streets_together_are_no_place() -> None:
    """镇街/LOC (镇 and 街道, as 镇村 is 镇 and 村) names every town and street; negative: a19's 周庄镇
    (a town's name) stays."""
    assert ("镇街", "Place") not in ents(HUANCUI)
    assert ("周庄镇", "Place") in ents(article("a19", "周庄镇"))


# ------------------------------------------------------------------ the home of a page that names only streets

# http://www.weidong.gov.cn/contents/10983/20930.html (平顶山卫东区, Henan): 区委书记… with streets and
# communities only; 明珠社区 (a town-level name in 蚌埠's 淮上区 and a community in many places) tied with
# 东安路街道 (卫东区) at one vote each and, listed first, made 淮上区 the home.
WEIDONG = (
    "4月11日上午,区委书记王迎波带队开展城市社区治理工作观摩活动。\n"
    "王迎波一行先后到北环路街道明珠社区、五一路街道五一路社区、东安路街道鸿翔社区、葡萄园社区,实地了解社区班子配备、"
    "网格划分等情况。"
)


def whole_article(stem: str) -> str:
    path = next(ARTICLES.glob(f"{stem}_*.txt"))
    return read_document(path, path.name).text


def home_of(text: str) -> str | None:
    home = run(text).user_data.get(HOME_KEY)
    return None if home is None else str(home.name)


def test_a_tie_between_homes_goes_to_the_division_that_holds_the_page_s_streets() -> None:
    """Negative: a19 (a Wuxi page: 江阴市周庄镇山泉村 …) keeps the home the votes give, 无锡市."""
    assert home_of(WEIDONG) == "卫东区"
    assert home_of(whole_article("a19")) == "无锡市"


# ------------------------------------------------------------------ an address the model cut across its level words

# https://www.wsnews.com.cn/qbgf/p/259446.html (文山州马关县, Yunnan): 都/LOC 龙镇堡/LOC 良街村/LOC
MAGUAN = (
    "南江河位于马关县都龙镇与麻栗坡猛硐瑶族自治乡,途经都龙镇堡良街村与南北河汇合于南北村小组,边境线长16.4公里。"
)


def test_an_address_cut_across_its_level_words_is_read_again() -> None:
    """都龙镇 (a town of 马关县 in the gazetteer) then the village 堡良街村, not 龙镇堡 and 良街村."""
    found = ents(MAGUAN)
    assert {("都龙镇", "Place"), ("堡良街村", "Place")} <= found
    assert not {("龙镇堡", "Place"), ("良街村", "Place")} & found


def test_an_address_needs_a_known_first_link() -> None:
    """Negative: seed 003 桐乡/市/濮院镇/翔云社区 (a 嘉兴 page) stays 桐乡市, 濮院镇, 翔云社区: 桐乡 is a short
    name, no link, and 市濮院镇翔云社区 opens with a level word; with no home nothing is read again."""
    text = seed("003", "桐乡市濮院镇翔云社区")
    doc = run_at_home(text, "嘉兴市")
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("桐乡市", "Place"), ("濮院镇", "Place"), ("翔云社区", "Place")} <= found
    assert address_links("桐乡市濮院镇翔云社区", None) is None
    assert address_links("都龙镇堡良街村", gazetteer().resolve("马关县")) == [(0, 3), (3, 7)]


# o04 (第三批全国乡村治理示范村镇, Traditional; as ingest simplifies it): the end of the list of villages
O04_LIST = (
    "丰都县栗子乡双石磙村、云阳县清水土家族乡建兴村、巫溪县通城镇龙池村、彭水苗族土家族自治县三义乡五丰村、"
    "重庆高新区白市驿镇海龙村、万盛经开区万东镇五和村。"
)


def test_a_town_the_gazetteer_does_not_hold_is_a_link_of_its_own() -> None:
    """o04 云阳县|清水土家族乡|建兴村: the town is unknown to the gazetteer, so the run is not one village's name
    after the county; the model's cuts stay. Negative: 都龙镇|堡良街村 (an unknown village after a known town)."""
    home = gazetteer().resolve("重庆市")
    assert address_links("云阳县清水土家族乡建兴村", home) is None
    found = {(e.text, e.label_) for e in run_at_home(O04_LIST, "重庆市").ents}
    assert {("清水土家族乡", "Place"), ("建兴村", "Place")} <= found
    assert address_links("都龙镇堡良街村", gazetteer().resolve("马关县")) == [(0, 3), (3, 7)]


def test_each_link_of_an_address_is_judged_in_its_own_context() -> None:
    """o04 三义乡五丰村, 万东镇五和村: a town whose name opens with a numeral (三, 万) is a link after its county, so
    the village after it (五丰村, whose name opens with a numeral too) is the next link, not a count of villages;
    a development zone above a town of the address is used as a location (zone_in_address). Negatives: 全镇五个村
    (a count) names no village; seed 001 平湖经开区经济数据 (no town after the zone) stays the body."""
    found = {(e.text, e.label_) for e in run_at_home(O04_LIST, "重庆市").ents}
    assert {("五丰村", "Place"), ("五和村", "Place"), ("万东镇", "Place")} <= found
    assert {("重庆高新区", "Place"), ("万盛经开区", "Place")} <= found
    assert ("五个村", "Place") not in ents("全镇五个村都完成了任务。")
    assert ("平湖经开区", "Organization") in ents(seed("001", "平湖经开区经济数据"))


def test_both_address_readers_walk_the_links_one_way() -> None:
    """places_addresses._walk: address_links (from the page's home down) and top_down_links (from a province or
    city down) share one walk; r01's 河北省沧州市海兴县影剧院 gives its three links and stops at the hall, and a
    text that opens with no province or city (影剧院) gives none."""
    from cadregraph.pipeline import places_addresses

    venue = "河北省沧州市海兴县影剧院"
    assert places_addresses.top_down_links(venue) == [(0, 3), (3, 6), (6, 9)]
    assert places_addresses._walk(venue, None, first=places_addresses._top_link) == ([(0, 3), (3, 6), (6, 9)], 9)
    assert places_addresses.top_down_links("影剧院第一会议室") == []
    assert places_addresses._walk("都龙镇堡良街村", gazetteer().resolve("马关县")) == ([(0, 3)], 3)
