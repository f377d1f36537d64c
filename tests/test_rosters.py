"""Leaders' rosters (pipeline/relations/rules/rosters.py, issue 8): `TITLE:NAME NAME` lines of yearbook,
newspaper and notice pages, read on the original text with the real LAC pipeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cadregraph.pipeline.extract import extract_record
from cadregraph.pipeline.ingest import read_document
from cadregraph.pipeline.nlp import cached_nlp
from cadregraph.pipeline.relations.rules.rosters import is_roster_name, read_rosters

ROOT = Path(__file__).resolve().parents[1]
YEARBOOK = ROOT / "tests" / "corpus" / "articles" / "g09_bd2dfb4a.txt"  # dev split


def _rosters(text: str) -> list[tuple[str, list[str]]]:
    """(title as written, names with their spaces) of every roster line of `text`."""
    return [(text[r.title_start : r.colon], [text[s:e] for s, e in r.names]) for r in read_rosters(text)]


def test_the_yearbook_lines_give_titles_and_names() -> None:
    text = YEARBOOK.read_text(encoding="utf-8")
    found = _rosters(text)
    assert found[1] == ("副书记", ["徐福和", "赵学礼", "韩 伟"])  # 韩 伟: one name an OCR space split
    assert ("市 长", ["徐福和"]) in found  # the biography after the name is left
    assert found[0] == ("市委书记", ["于晓东"])
    # 王世翠(女): the gender note is no part of the name; the next two lines continue the list.
    assert found[-1] == (
        "副主席",
        ["李秉德", "王世翠", "李 森", "曹振远", "范玉仁", "赵宗乙", "赵殿举", "张强富"],
    )
    assert len(found) == 8  # 【概况】 and the paragraph after it are no roster


def test_a_notice_line_with_a_full_width_colon() -> None:
    assert _rosters("主任：张三\n") == [("主任", ["张三"])]
    assert _rosters("成员：张三、李四、王五") == [("成员", ["张三", "李四", "王五"])]


@pytest.mark.parametrize(
    "line",
    [
        "主任:我们要把这项工作抓紧抓好",  # the right side is a sentence
        "电话:0451 1234",
        "地址:平湖市当湖街道",
        "来源:新华社",  # a label, not a title
        "成员:北京 上海 广州",  # a list of places
    ],
)
def test_colon_lines_that_are_no_roster(line: str) -> None:
    assert _rosters(line) == []


def test_the_yearbook_positions_with_the_organisation_carried_down() -> None:
    record = extract_record(read_document(YEARBOOK, "g09.txt"), cached_nlp(), dt.date(2000, 1, 1))
    names = {e.id: e.name for e in record.entities}
    held = {
        (names[r.source], names[r.target], r.properties["title"])
        for r in record.relations
        if r.type == "HOLDS_POSITION"
    }
    assert {
        ("于晓东", "中共黑河市委", "书记"),
        ("韩伟", "中共黑河市委", "副书记"),  # 市委 from the line above
        ("张玉田", "黑河市人大", "主任"),
        ("梁鹤先", "黑河市人大", "副主任"),  # a continuation line
        ("徐福和", "黑河市人民政府", "市长"),
        ("徐福和", "中共黑河市委", "副书记"),
        ("李森", "黑河市政协", "副主席"),
        ("张强富", "黑河市政协", "副主席"),
    } <= held
    assert len(held) == 25
    leads = {(names[r.source], names[r.target]) for r in record.relations if r.type == "LEADS"}
    assert ("王世翠", "黑河市政协") in leads and len(leads) == 25
    han_wei = next(e for e in record.entities if e.name == "韩伟")
    assert [m.text for m in han_wei.mentions] == ["韩 伟"]
    assert not any(e.type == "Person" and "市人大" in e.name for e in record.entities)


def test_a_traditional_page_reads_its_roster_in_simplified(tmp_path: Path) -> None:
    """The yearbook's first lines in Traditional script (as the corpus's Traditional pages come): the word
    lists are Simplified, the roster is read on the analysis text's characters at the original's places."""
    import opencc

    lines = YEARBOOK.read_text(encoding="utf-8").splitlines()[:3]
    page = tmp_path / "g09_traditional.txt"
    page.write_text(opencc.OpenCC("s2t").convert("\n".join(lines)) + "\n", encoding="utf-8")
    record = extract_record(read_document(page, "g09_traditional.txt"), cached_nlp(), dt.date(2000, 1, 1))
    names = {e.id: e.name for e in record.entities}
    held = {(names[r.source], r.properties["title"]) for r in record.relations if r.type == "HOLDS_POSITION"}
    assert {("徐福和", "副书记"), ("赵学礼", "副书记"), ("韩伟", "副书记")} <= held
    han_wei = next(e for e in record.entities if e.name == "韩伟")
    assert [m.text for m in han_wei.mentions] == ["韓 偉"]  # the mention points into the original


def test_the_family_name_list_does_not_gate_a_name_the_model_reads() -> None:
    # 台培青 (a real name: 台 is not a listed family name) stands as a name where the model reads one.
    assert not is_roster_name("台培青")
    assert is_roster_name("台培青", by_model=True)
    assert not is_roster_name("北京", by_model=True)  # a place stays no name
    assert not is_roster_name("新华社", by_model=True)  # nor a common word


def test_a_name_first_line_of_an_honour_list_gives_every_title_of_its_chain() -> None:
    """rosters.toml [name_first], zza02 (dev): 马  兰(女)  西宁市城中区南滩街道建新社区党委书记、居民委员会主任: the
    name (an OCR space inside, a place's reading 马兰 outweighed by the note), a note, then the chain: both posts
    are the name's; 拉加才让(藏族) (no listed family name; the model read 拉加) and 颜章东 (no note) too.
    Negatives: zb04's 路骏峰 民盟南海总支 (a name and a body, no title) and the headline-like lines of the seeds
    (百岗淬炼  铁军涅槃) give no post."""
    page = Path(__file__).parent / "corpus" / "articles" / "zza02_b84eb91b.txt"
    record = extract_record(read_document(page, page.name), cached_nlp(), dt.date(2023, 2, 17))
    names = {e.id: e.name for e in record.entities}
    held = {(names[r.source], r.properties["title"], names[r.target]) for r in record.relations if r.type == "HOLDS_POSITION"}
    assert {
        ("马兰", "书记", "西宁市城中区南滩街道建新社区党委"),
        ("拉加才让", "书记", "同仁市隆务镇四合吉社区党支部"),
        ("颜章东", "书记", "互助土族自治县威远镇卓扎滩村党支部"),
    } <= held
    assert {p for p, t, _ in held if t == "主任"} >= {"马兰", "曾有娟", "颜章东", "马培军", "拉加才让"}
    assert not any(e.name in {"拉加", "果洛藏族自治州"} for e in record.entities)
    roll = next((Path(__file__).parent / "corpus" / "articles").glob("zb04_*.txt"))  # 路骏峰 民盟南海总支
    record = extract_record(read_document(roll, roll.name), cached_nlp(), dt.date(2021, 1, 1))
    assert not any(r.type == "HOLDS_POSITION" for r in record.relations)
    seed = next((Path(__file__).parents[1] / "seeds").glob("001_*.txt"))
    record = extract_record(read_document(seed, seed.name), cached_nlp(), dt.date(2021, 1, 1))
    assert not any(e.name in {"百岗淬炼", "实干当先"} for e in record.entities if e.type == "Person")
