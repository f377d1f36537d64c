"""Places found from the structure of a sentence (issue 8, round 9), not from lists of names: a list closed
by a count of divisions, a venue between 在 and the verb that holds a meeting there. Each rule with a real
dev sentence (tests/corpus, dev split) where it fires and one where it must not."""

from __future__ import annotations

from test_entity_classes import ARTICLES, article, ents, run, seed

from cadregraph.pipeline.components import CANDIDATES_KEY, _counted_list_places


def _counted(text: str) -> list[str]:
    doc = run(text)
    places = [(s.start_char, s.end_char) for s in doc.spans[CANDIDATES_KEY] if s.label_ == "Place"]
    return [text[s:e] for s, e, _ in _counted_list_places(doc, places)]


def test_a_list_closed_by_a_count_of_towns_names_each_town() -> None:
    """j04: 向阳、洄水、瓦庙、汉王四镇人大主席…列席会议: four names and 四镇, so four towns, though the model reads
    向阳 as a person and 汉王四镇 as an organisation."""
    text = article("j04", "汉王四镇人大主席")
    assert _counted(text) == ["向阳", "洄水", "瓦庙", "汉王"]
    found = ents(text)
    assert {("向阳", "Place"), ("洄水", "Place"), ("瓦庙", "Place"), ("汉王", "Place")} <= found
    assert ("向阳", "Person") not in found


def test_a_list_closed_by_a_count_of_cities_names_each_city() -> None:
    """g01: 听取银川、石嘴山、吴忠、固原、中卫五市人大常委会负责人…: the first item starts where the model's word
    does (听取 is no part of it); 中卫, glued by the model to 五市人大常委会, is the fifth city."""
    text = article("g01", "中卫五市人大常委会负责人对自治区")
    assert _counted(text) == ["银川", "石嘴山", "吴忠", "固原", "中卫"]
    assert ("中卫", "Place") in ents(text)


def test_a_count_that_closes_no_list_of_that_length_names_no_divisions() -> None:
    """negatives: a05 希望两县进一步密切联系 and 自1995年两县召开 (a count, no list); and the j04 list read with a
    count that does not match its four items."""
    assert _counted(article("a05", "希望两县进一步密切联系")) == []
    assert _counted(article("a05", "自1995年两县召开")) == []
    text = article("j04", "汉王四镇人大主席")
    assert _counted(text.replace("汉王四镇", "汉王三镇")) == []
    assert _counted(text.replace("汉王四镇", "汉王五镇")) == []


def test_a_venue_before_a_floor_or_a_manner_is_a_place() -> None:
    """h05: …先进表彰大会在区会议中心二楼隆重召开 (the floor is outside the name; one character before the head
    is the district's level word); i07: …篮球赛在县体育馆正式开赛; i02: 出席在旅游塔会展娱乐中心举行的庆回归招待酒会
    (a venue, though 中心 also ends bodies' names)."""
    assert ("区会议中心", "Place") in ents(article("h05", "在区会议中心二楼隆重召开"))
    assert ("县体育馆", "Place") in ents(article("i07", "在县体育馆正式开赛"))
    found = ents(article("i02", "在旅游塔会展娱乐中心举行"))
    assert ("旅游塔会展娱乐中心", "Place") in found
    assert ("旅游塔会展娱乐中心", "Organization") not in found


def simplified_line(stem: str, marker: str) -> str:
    """The line holding `marker` of a Traditional-script article, as the pipeline reads it (Simplified)."""
    from cadregraph.pipeline.ingest import read_document

    path = next(ARTICLES.glob(f"{stem}_*.txt"))
    return next(line for line in read_document(path, path.name).text.splitlines() if marker in line)


def test_a_venue_of_an_administrative_centre_or_a_hall() -> None:
    """k02 (Traditional page): 縣十五屆人大常委會第二十一次會議在縣行政中心二樓會議室召開: the venue is 县行政中心 (the
    floor and its room 二楼会议室 stay outside); l07: 主席團第二次會議在省人大常委會會議廳舉行."""
    assert ("县行政中心", "Place") in ents(simplified_line("k02", "在县行政中心"))
    assert ("省人大常委会会议厅", "Place") in ents(simplified_line("l07", "在省人大常委会会议厅举行"))
    # negative: i07 …会议在政府二楼会议室召开: the floor and the room follow no venue's head word (政府 is a body)
    from cadregraph.pipeline.components import _venue_spans

    assert _venue_spans(article("i07", "在政府二楼会议室召开")) == []


def test_a_venue_word_after_one_modifier_or_without_the_verb_is_no_venue() -> None:
    """negatives: d02 要加快西海体育场场地维修改造和海北宾馆改造提升 (no 在, no holding verb); the h05 sentence with
    新 (no division's level) before the head; and a02 …在县委党校开班 (no venue head: the body keeps it)."""
    from cadregraph.pipeline.components import _venue_spans

    assert _venue_spans(article("d02", "海北宾馆改造提升")) == []
    text = article("h05", "在区会议中心二楼隆重召开")
    assert _venue_spans(text.replace("区会议中心", "新会议中心")) == []
    assert _venue_spans(article("a02", "在县委党校开班")) == []


def test_a_town_of_the_home_place_opened_by_a_common_word_stays() -> None:
    """home_town: seed 003 (a 海宁市 paper) 盐官镇聘请了天通股份董事长潘建清等14位盐官商会成员为招商顾问: 盐官 is a
    dictionary word, yet 盐官镇 is a town of the home city, so the model's place stays; a fresh page from 房县
    (http://www.jinrifangxian.com/Item/28312.aspx, in no split) 到五台乡红场村和青峰镇青峰街村: 五台乡 opens with
    a numeral and is a town of 房县."""
    from test_orgs_places import run_at_home

    text = seed("003", "盐官镇聘请了天通股份董事长")
    assert ("盐官镇", "Place") in {(e.text, e.label_) for e in run_at_home(text, "海宁市").ents}
    fresh = "荣罕君一行到五台乡红场村和青峰镇青峰街村，详细了解我县推进新时代文明实践中心试点建设工作。"
    assert ("五台乡", "Place") in {(e.text, e.label_) for e in run_at_home(fresh, "房县").ents}


def test_a_common_word_before_a_level_word_away_from_home_stays_out() -> None:
    """negative: seed 003 …以及志愿者,联合街道、村(社区)干部助力开展文明创建: 联合 is the verb; no 联合街道 is a
    town of 海宁市, so the model's place goes; and the 房县 page's 五台乡 read in a 平湖市 paper (no town of
    that name there) goes as before."""
    from test_orgs_places import run_at_home

    text = seed("003", "联合街道、村(社区)干部")
    assert not any(e.text == "联合街道" for e in run_at_home(text, "海宁市").ents)
    fresh = "荣罕君一行到五台乡红场村和青峰镇青峰街村，详细了解我县推进新时代文明实践中心试点建设工作。"
    assert not any(e.text == "五台乡" for e in run_at_home(fresh, "平湖市").ents)


_CHONGYANG = (  # http://chongyang.cjyun.org/p/6832.html, a 崇阳县 page in no split
    "云上崇阳讯 记者沈强报道:6月23日,县委副书记、县长郑俊华深入肖岭、沙坪、石城等乡镇,检查指导防汛工作。"
)


def test_a_list_closed_by_deng_and_a_level_word_names_places_when_one_item_is_one() -> None:
    """No dev sentence shows it; the fresh page does: 深入肖岭、沙坪、石城等乡镇: 等乡镇 closes a list of towns, so
    every item is a place once one of them is (the model's 肖岭)."""
    doc = run(_CHONGYANG)
    places = [(s.start_char, s.end_char) for s in doc.spans[CANDIDATES_KEY] if s.label_ == "Place"]
    found = [_CHONGYANG[s:e] for s, e, _ in _counted_list_places(doc, places)]
    assert found == ["肖岭", "沙坪", "石城"]


def test_a_deng_list_of_persons_or_of_words_names_no_places() -> None:
    """negatives: a16 李锡勇、张思民、王建林等县领导出席会议 and seed 004 王道平、毛捷等市领导 (persons before 等县/等市);
    seed 002 …田间地头、河塘沟渠等区域环境卫生 (words; 区 opens 区域); and the fresh sentence with no item known."""
    assert _counted(article("a16", "王建林等县领导")) == []
    assert _counted(seed("004", "王道平、毛捷等市")) == []
    assert _counted(seed("002", "河塘沟渠等区域")) == []
    doc = run(_CHONGYANG)
    assert _counted_list_places(doc, []) == []


def test_a_deng_list_with_the_count_of_all_divisions_of_its_kind_names_places() -> None:
    """w04 吴航、航城、营前、首占、玉田等5个乡镇(街道) and 罗联、鹤上、古槐等其余13个乡镇, zc06 丰都、…、南岸、…等18个区县:
    等 and the count of every division of that kind close a list of towns or counties; persons are never
    counted by 个 and a level word, so the model's 吴航/PER is a town too."""
    assert _counted(article("w04", "首占、玉田等5个乡镇")) == ["吴航", "航城", "营前", "首占", "玉田", "罗联", "鹤上", "古槐"]
    assert "南岸" in _counted(article("zc06", "等18个区县"))
    found = ents(article("w04", "首占、玉田等5个乡镇"))
    assert ("吴航", "Place") in found and ("吴航", "Person") not in found


def test_a_deng_count_smaller_than_its_list_names_no_places() -> None:
    """negative: a total below the items listed counts something else (the same w04 list with 等3个乡镇)."""
    text = "来自吴航、航城、营前、首占、玉田等3个乡镇(街道)的组织委员参加培训。"
    assert _counted(text) == []


_LONGXIAN = (  # http://www.longxian.gov.cn/art/2023/7/31/art_4229_1650557.html, a 陇县 page in no split
    "李维芳先后来到桃园村、杨家庄村、西坡村,详细查看了林麝养殖基地、沿线道路、河道等地的防汛安全情况。"
)


def test_a_village_named_by_a_common_word_stays_in_a_list_of_villages() -> None:
    """listed_village (no dev sentence shows it; the fresh page does): 来到桃园村、杨家庄村、西坡村: the model reads
    all three as places; 桃园 is a dictionary word, but its neighbour 杨家庄村 is a proper name with the same
    level word, so 桃园村 is a village."""
    assert {("桃园村", "Place"), ("杨家庄村", "Place"), ("西坡村", "Place")} <= ents(_LONGXIAN)


def test_a_kind_of_village_next_to_no_named_village_stays_out() -> None:
    """negatives: b03 培训贫困村及县乡村三级党组织书记 (贫困村 a kind of village); 桃园村 alone, with no named
    village beside it, goes as before."""
    assert not any(label == "Place" and name == "贫困村" for name, label in ents(article("b03", "培训贫困村及县乡村")))
    alone = _LONGXIAN.replace("桃园村、杨家庄村、西坡村", "桃园村")
    assert ("桃园村", "Place") not in ents(alone)


def test_a_list_closed_by_a_count_of_county_towns_names_each_county() -> None:
    """zzq04: 授予鄯善、沙雅、…、吉木萨尔等13个县城“…先进县城”称号: county towns are counted as their counties are
    (components._COUNTED_SEATS), so each item of the list is a place, though the model reads 沙雅, 伊吾, 富蕴 and
    吉木萨尔 as persons. A count of seats that closes no list of names (两个县城) names none."""
    text = article("zzq04", "授予鄯善")
    text = text[text.index("授予鄯善") :]
    counted = _counted(text)
    assert counted[:3] == ["鄯善", "沙雅", "伊吾"] and counted[-1] == "吉木萨尔" and len(counted) == 13
    found = ents(text)
    assert ("吉木萨尔", "Person") not in found
    assert _counted("两个县城的干部群众参加了活动。") == []
