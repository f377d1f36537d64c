"""Places and organisations on fresh dev pages (round 14b): each rule with a real sentence and a negative."""

from __future__ import annotations

from test_events import article

from cadregraph.pipeline.nlp import cached_nlp


def places(text: str) -> set[str]:
    return {e.text for e in cached_nlp("lac")(text).ents if e.label_ == "Place"}


def organisations(stem: str) -> dict[str, set[str]]:
    """The organisations `kg extract` gives a corpus page (name → aliases), its sidecar's home and date."""
    from pathlib import Path

    from cadregraph.pipeline.extract import extract_record
    from cadregraph.pipeline.ingest import read_document

    path = next((Path(__file__).parent / "corpus" / "articles").glob(f"{stem}_*.txt"))
    record = extract_record(read_document(path, str(path)), cached_nlp("lac"))
    return {e.name: set(e.aliases) for e in record.entities if e.type == "Organization" and e.mentions}


def test_shared_owner() -> None:
    # o07 (a 江苏 page): 省委组织部门抓住明年省人大、政府、政协换届的契机: the level word written once owns each body
    found = organisations("o07")
    assert "政府" in found["江苏省人民政府"] and "政协" in found["江苏省政协"]
    assert any("省人大" in {name, *aliases} for name, aliases in found.items())
    # negative: b09's 省委、省政府决定授予…: each body written with its own level word, no list sharing one
    from cadregraph.pipeline.components import SHARED_OWNER_NAMES_KEY

    doc = cached_nlp("lac")(article("b09", "省委、省政府决定授予"))
    assert doc.user_data[SHARED_OWNER_NAMES_KEY] == {}
    assert {"省委", "省政府"} <= {e.text for e in doc.ents if e.label_ == "Organization"}
    # negative: a division written before the level word owns the list (o07's form with the province named):
    # 浙江省's bodies, not the home's
    doc = cached_nlp("lac")("明年浙江省人大、政府、政协换届。")
    assert set(doc.user_data[SHARED_OWNER_NAMES_KEY].values()) == {"浙江省政府", "浙江省政协"}


def test_outlets_before_staff() -> None:
    def orgs(text: str) -> set[str]:
        return {e.text for e in cached_nlp("lac")(text).ents if e.label_ == "Organization"}

    # p06: 吴忠市委常委、盐池县委书记滑志敏告诉经济日报记者 (经济/n 日报/n 记者/n)
    assert "经济日报" in orgs(article("p06", "告诉经济日报记者"))
    # l04: ◎山东商报·速豹新闻网记者 刘佳宁 (速豹新闻网/nz)
    assert "速豹新闻网" in orgs(article("l04", "速豹新闻网记者"))
    # negative: seed 002's 本报讯(记者高轶鹏…): 本报 names no outlet
    assert not orgs("本报讯(记者高轶鹏)12月13日晚,本报记者在现场看到") & {"本报", "本报记者"}
    assert not orgs("本报记者张三、该报记者李四报道。")  # the paper's own reporter (本报记者, 该报记者)


def test_after_designation() -> None:
    from cadregraph.pipeline.components import _after_designation

    # p02 (Traditional): 民政部研究基地東北大學城鄉社區建設研究院院長, 中組部全國黨員教育培訓示範基地遼寧社區工作者學院副院長
    line = article("p02", "民政部研究基地东北大学")
    orgs = {e.text for e in cached_nlp("lac")(line).ents if e.label_ == "Organization"}
    assert {"东北大学城乡社区建设研究院", "辽宁社区工作者学院"} <= orgs
    assert not any("基地" in o and o.endswith("学院") for o in orgs)
    # c05: 忠县传统忠文化实践教育基地小平干部学院签订…
    line = article("c05", "实践教育基地小平干部学院")
    at = line.index("实践教育基地小平干部学院")
    assert _after_designation(line, (at, at + 12, "Organization")) == (at + 6, at + 12, "Organization")
    # negative: d02's 二二一基地旧址各分厂: what goes on after 基地 ends in no institution's head, the span stays
    line = article("d02", "二二一基地旧址")
    at = line.index("二二一基地旧址各分厂")
    assert _after_designation(line, (at, at + 10, "Organization")) == (at, at + 10, "Organization")


def test_new_rural_worthies_stoplisted() -> None:
    # p05: 评选范围扩大至村民、党员干部、新乡贤和基层宣传工作人员: 新乡贤/LOC is a word of the genre, no place
    assert "新乡贤" not in places(article("p05", "新乡贤和基层宣传工作人员"))
    # negative: the city 新乡 itself stays a place (a sentence of the genre's form)
    assert "新乡市" in places("河南省新乡市召开乡村振兴工作会议")


def test_two_character_short_form() -> None:
    from cadregraph.pipeline.canonical import is_two_character_short_form

    # p06: 记者看到首批赴浙大培训的村干部 … 浙江大学: one university (gold: 浙江大学, alias 浙大; b03 likewise)
    found = organisations("p06")
    assert "浙大" in found.get("浙江大学", set()) and "浙大" not in found
    assert is_two_character_short_form("浙大", "浙江大学")
    # negative: 人大 (a congress) is no short form of a university opening with another character
    assert not is_two_character_short_form("人大", "中国人民大学")
    assert not is_two_character_short_form("浙大", "浙江省委")
    # negative: another university of the same province is no 浙大/南大 (the name is 2 characters + 大学)
    assert not is_two_character_short_form("浙大", "浙江工业大学")
    assert not is_two_character_short_form("南大", "南京农业大学")


def test_dateline_places() -> None:
    # q06: 本报嘉积6月17日电 (记者黄晓华): 嘉积/nz is where the report was filed from
    assert "嘉积" in places(article("q06", "本报嘉积6月17日电"))
    # negative: seed 002's 本报讯(记者高轶鹏): no word between the agency and 讯 names a place
    assert not places("本报讯(记者高轶鹏)12月13日晚,在赴秀洲高新区挂职锻炼干部返区欢迎仪式上") & {"本报", "记者"}
