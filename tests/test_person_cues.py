"""Person: general cues that add, cut or reject names (issue 8, round 9), each on a real dev sentence with a
negative case: an honorific after a name (同志), a name the document reads whole elsewhere, a family name the
model glued to a title, a name cut before 报道, 等 in a notice's frame, and the role words and imperatives the
model tags PER."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from test_backend_confusions import ents, rule
from test_entity_classes import article

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "tests/corpus/articles"


def line(stem: str, marker: str) -> str:
    """The line of a corpus article (dev split) that holds `marker`."""
    text = next(ARTICLES.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")
    return next(x for x in text.splitlines() if marker in x)


def persons(found: list[dict]) -> set[str]:
    return {e["name"] for e in found if e["type"] == "Person"}


def test_a_name_before_tongzhi_is_a_person() -> None:
    # j05: 免除路正阳同志常务副县长一职 (LAC: 路正阳/n 同志/n)
    found = ents(line("j05", "路正阳"))
    assert {("路正阳", "Person"), ("孟凡哲", "Person")} <= found
    # negative: a common word before 同志 is none (a15: 河北省委主要负责同志; 负责/v)
    assert not {text for text, label in ents(line("a15", "主要负责同志")) if label == "Person"} & {"负责", "主要负责"}
    assert ("负责", "Person") not in ents("检察院、法院的同志和全体同志、负责同志、青年同志")


def test_a_name_the_model_cut_between_a_title_and_tongzhi_is_a_person() -> None:
    # zd01: 朝阳区委常委、组织部部长迟行刚同志参加培训班开班动员 (LAC: 迟/ad 行/v 刚/a 同志/n)
    assert ("迟行刚", "Person") in ents(line("zd01", "迟行刚同志"))
    # negative: no title before the characters (为全体同志, 与会同志), or a common word after one
    assert not {t for t, label in ents("会议要求全体同志和与会同志认真学习。") if label == "Person"}
    assert not {t for t, label in ents("党委书记和广大同志一起参加劳动。") if label == "Person"}


def test_a_name_cut_where_the_document_reads_it_whole() -> None:
    # j08: 任命县委副书记纪道清同志为… / 会上,纪道清庄严向宪法宣誓就职 (LAC: 纪道/PER 清庄/LOC 严/ad)
    both = line("j08", "蔡贤忠同志") + "\n" + line("j08", "纪道清庄严")
    found = ents(both)
    assert ("纪道清", "Person") in found and ("纪道", "Person") not in found
    assert ("清庄", "Place") not in found
    # negative: alone, the sentence gives the model's reading; the document, not a list, completes the name
    alone = line("j08", "纪道清庄严").split("。")[0] + "。"
    assert ("纪道", "Person") in ents(alone) and ("纪道清", "Person") not in ents(alone)


def test_role_word(extract_entities: Callable[[str], list[dict]]) -> None:
    # i08 (Traditional, read through t2s): 行政長官梁振英、政務司司長林鄭月娥等 (LAC: 政务/n 司司长/PER)
    found = persons(extract_entities(line("i08", "司司長")))
    assert "司司长" not in found
    assert {"梁振英", "林郑月娥"} <= found  # negative: the names around it stay
    assert rule("行政长官梁振英、政务司司长林郑月娥等一众嘉宾出席主礼", "司司长") == "role_word"
    assert rule("行政长官梁振英、政务司司长林郑月娥等一众嘉宾出席主礼", "林郑月娥") is None


def test_reduplicated_verb() -> None:
    # i08: 扫一扫,关注大公网《微香港》公众号 (LAC: 扫一扫/PER)
    assert rule(line("i08", "扫一扫"), "扫一扫") == "reduplicated_verb"
    # negative: a name with 一 inside, the verb not repeated, is no imperative (g06: 科长荆一说/PER)
    assert rule(line("g06", "荆一说"), "荆一说") is None


def test_deng_closing_a_list_follows_the_name_in_a_resignation_frame(
    extract_entities: Callable[[str], list[dict]],
) -> None:
    # http://www.tianshui.gov.cn/info/1941/1090792.htm (甘谷县, a fresh page in no split; no dev sentence has
    # 等 in the frame): …关于接受张定禄等辞去甘谷县第十八届人大代表职务的决定 (LAC: 张定禄/PER 等/u)
    page = "会议以举手表决的方式通过了县人大常委会关于接受张定禄等辞去甘谷县第十八届人大代表职务的决定。"
    found = persons(extract_entities(page))
    assert "张定禄" in found and "张定禄等" not in found
    # negative: 同志 in the frame still ends the name (j08: 决定接受蔡贤忠同志辞去县人民政府县长职务的请求)
    found = persons(extract_entities(line("j08", "蔡贤忠同志")))
    assert "蔡贤忠" in found and not any(name.startswith("蔡贤忠") and name != "蔡贤忠" for name in found)


def test_a_family_name_glued_to_a_title_opens_the_name(extract_entities: Callable[[str], list[dict]]) -> None:
    # i04 (Traditional, through t2s): …並與香港特區行政長官林鄭月娥等共同主禮 (LAC: 行政/n 长/a 官林/n 郑月娥/PER)
    found = persons(extract_entities(line("i04", "林鄭月娥")))
    assert "林郑月娥" in found and "郑月娥" not in found
    # e02: 候任香港特首林鄭月娥的政府班子… (LAC: 香港特/ORG 首林/n 郑月娥/PER)
    assert ("林郑月娥", "Person") in ents("候任香港特首林郑月娥的政府班子今早正式获国务院任命")
    # negative: a three-character name right after the title's own word stays as read (行政长官梁振英)
    found = persons(extract_entities(line("i08", "梁振英")))
    assert "梁振英" in found and not any(name.endswith("梁振英") and name != "梁振英" for name in found)


def test_a_name_cut_before_baodao(extract_entities: Callable[[str], list[dict]]) -> None:
    # d08 (Traditional): 【香港商報網訊】記者周偉立報道:… (LAC: 周伟/PER 立/v 报道/v): name_cut_verbs.txt
    found = persons(extract_entities(line("d08", "周偉立")))
    assert "周伟立" in found and "周伟" not in found
    # negative: a whole name before 报道 stays as it is (https://gd.huaxia.com/c/2016/05/19/719031.shtml,
    # a fresh page in no split: 通讯员 岳阳市台办 魏创基 报道)
    found = persons(extract_entities("王瑰曙强调,要严格纪律、严密组织。\n通讯员 岳阳市台办 魏创基 报道\n"))
    assert "魏创基" in found and not any(len(name) > 3 and "魏创基" in name for name in found)


def test_a_title_holder_read_as_a_place_before_zuo(extract_entities: Callable[[str], list[dict]]) -> None:
    # zb01 (Traditional): 校黨委副書記、工會主席韓國河作動員講話 (LAC: 韩国河/LOC 作/v): a title, a name opening with a
    # family name, 作 (a report, a speech: 16 times after a name in 11 dev articles): the holder, and again after
    found = persons(extract_entities(line("zb01", "韓國河作動員講話") + "\n" + line("zb01", "韓國河在講話中")))
    assert "韩国河" in found
    # negative: 作为 ('as') is no reporting verb, and the place after a title before it stays a place
    assert ("韩国", "Person") not in ents("市委副书记、市长韩国作为代表发言。")


def test_a_two_character_holder_the_model_tagged_a_common_noun_before_a_list_mark() -> None:
    # zk07: 黔西南州委常委、宣传部部长禄祎,人大常委会副主任蒋静 (LAC: 禄祎/n): a family name and one character
    # after a title chain, before the list's comma, is its holder
    assert ("禄祎", "Person") in ents(line("zk07", "禄祎"))
    # negative: three-character common nouns there stay none (a19: 两委”成员后备库, LAC 后备库/n)
    found = ents(line("a19", "后备库"))
    assert not any(label == "Person" and text.startswith("后备") for text, label in found)


def test_an_adverb_after_a_name_is_no_third_character() -> None:
    # LAC: 王明/PER 又/d 作/v: 又 is the adverb before the verb, not the name's end (name_cut_stops.txt); the
    # form 张三又出席, 李四还作了… is the genre's, whatever the verb
    found = ents("县委副书记王明又作了重要讲话。")
    assert ("王明", "Person") in found and ("王明又", "Person") not in found
    # the cut it guards stays (a20: 党校校长程步一出席, LAC 程步/PER 一/d 出席)
    assert ("程步一", "Person") in ents(article("a20", "党校校长程步一出席"))


def test_a_title_holder_the_model_tagged_a_proper_noun_at_a_line_end() -> None:
    # za05: 吉安市委常委,井冈山管理局党工委书记,井冈山市委书记龙波舟 (LAC: 龙波舟/nz at the caption line's end)
    assert ("龙波舟", "Person") in ents(line("za05", "龙波舟") + "\n")
    # negative: a common noun after a title (a07: 提名为市长候选人; LAC 候选人/n) is no holder
    found = ents(line("a07", "市长候选人"))
    assert not any(label == "Person" and text.startswith("候选") for text, label in found)
    # one name shape (ingest.looks_like_name) and one set of the marks that close a holder's name (and a line)
    from cadregraph.pipeline import components

    assert components._HOLDER_FOLLOWERS | {"\n"} == components._LINE_END_OR_LIST
    assert not hasattr(components, "_tag_at")  # tokens.token_at reads a word's tag
