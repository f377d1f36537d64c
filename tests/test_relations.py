"""Relations (pipeline/relations/) on real sentences of the genre, with the real LAC pipeline.

Each test reads a sentence the way an official-news reader would and fails when the reading is wrong:
title chains, positions in brackets, titles shared over a list, bylines, deputies, a bare 市长.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadregraph.pipeline.canonical import HomePlace
from cadregraph.pipeline.context import DocumentContext
from cadregraph.pipeline.extract import build_entities, extract_record
from cadregraph.pipeline.gazetteer import gazetteer
from cadregraph.pipeline.ingest import DocMeta, IngestedDocument, read_document
from cadregraph.pipeline.nlp import cached_nlp
from cadregraph.pipeline.relations import extract_relations, split_sentences
from cadregraph.pipeline.relations.document import RelationSink, Sentence
from cadregraph.pipeline.relations.rules.bylines import _two_names
from cadregraph.schemas import Entity, Relation

ROOT = Path(__file__).resolve().parents[1]


def _read(text: str, home: str | None = "平湖市") -> tuple[DocumentContext, list[Entity], list[Relation]]:
    """The real document context and entities of `text` (already normalised: original == text)."""
    doc = cached_nlp()(text)
    division = gazetteer().resolve(home) if home else None
    home_place = HomePlace(division.name if division else home, division) if home else None
    ingested = IngestedDocument(
        source="doc-1.txt", doc_id="doc-1", original=text, text=text, offsets=tuple(range(len(text) + 1)),
        blocks=(), encoding="utf-8", meta=DocMeta(), title_guess=None,
    )  # fmt: skip
    ctx = DocumentContext(ingested, doc, dt.date(2021, 12, 21), "given", home_place)
    entities, span_ids = build_entities(ctx)
    return ctx, entities, extract_relations(ctx, entities, span_ids, [])


def _facts(entities: list[Entity], relations: list[Relation], rtype: str) -> set[tuple[Any, ...]]:
    names = {e.id: e.name for e in entities}
    out = set()
    for r in relations:
        if r.type != rtype:
            continue
        detail = r.properties.get("title") or r.properties.get("role")
        out.add((names.get(r.source), names.get(r.target) if r.target else None, detail))
    return out


def test_title_chain_gives_one_position_per_segment() -> None:
    text = "出征仪式上,市委常委、组织部长、市铁军打造工程指挥部副指挥长吴金华语重心长,道出了市委、市政府对青年干部的殷切希望。"
    _, entities, relations = _read(text)
    assert _facts(entities, relations, "HOLDS_POSITION") == {
        ("吴金华", "中共平湖市委", "常委"),
        ("吴金华", "平湖市委组织部", "组织部长"),
        ("吴金华", "平湖市铁军打造工程指挥部", "副指挥长"),
    }
    # 常委 is a member, not a head; the minister and the deputy commander lead.
    assert _facts(entities, relations, "LEADS") == {
        ("吴金华", "平湖市委组织部", "组织部长"),
        ("吴金华", "平湖市铁军打造工程指挥部", "副指挥长"),
    }
    organisation = {
        r.properties["title"]: r.properties["organization"] for r in relations if r.type == "HOLDS_POSITION"
    }
    assert organisation == {"常委": "市委", "组织部长": "组织部", "副指挥长": "市铁军打造工程指挥部"}
    deputies = {
        r.properties["title"]: r.properties["deputy"] for r in relations if r.type == "HOLDS_POSITION"
    }
    assert deputies == {"常委": False, "组织部长": False, "副指挥长": True}
    # The implied department is part of the party committee, and both are entities of the document.
    assert ("平湖市委组织部", "中共平湖市委", None) in _facts(entities, relations, "PART_OF")


def test_chain_across_organisations_keeps_internal_units_in_the_title() -> None:
    text = "“实现精准选人。”市委组织部部务会议成员、干部科科长,市公务员局局长朱娜说道。"
    _, entities, relations = _read(text)
    assert _facts(entities, relations, "HOLDS_POSITION") == {
        ("朱娜", "平湖市委组织部", "部务会议成员"),
        ("朱娜", "平湖市委组织部", "干部科科长"),
        ("朱娜", "平湖市公务员局", "局长"),
    }
    # Heading 干部科 is not heading the department.
    assert _facts(entities, relations, "LEADS") == {("朱娜", "平湖市公务员局", "局长")}


def test_positions_in_brackets_after_a_signed_name() -> None:
    text = "领导点评\n\n吴金华\n\n(市委常委、组织部长、市铁军打造工程指挥部副指挥长)\n\n铁军打造工程是平湖干部队伍的一张金名片。"
    _, entities, relations = _read(text)
    assert {f[2] for f in _facts(entities, relations, "HOLDS_POSITION")} == {"常委", "组织部长", "副指挥长"}
    assert _facts(entities, relations, "AUTHORED") == {("吴金华", None, "作者")}


def test_title_shared_over_a_list_of_names() -> None:
    text = "本报讯 昨天下午，市人大读书会召开。市人大常委会主任胡水良，副主任姚田宝、柯卫明、徐锦连出席会议。"
    _, entities, relations = _read(text)
    assert _facts(entities, relations, "HOLDS_POSITION") == {
        ("胡水良", "平湖市人大常委会", "主任"),
        ("姚田宝", "平湖市人大常委会", "副主任"),
        ("柯卫明", "平湖市人大常委会", "副主任"),
        ("徐锦连", "平湖市人大常委会", "副主任"),
    }
    deputy = {r.source: r.properties["deputy"] for r in relations if r.type == "LEADS"}
    assert sorted(deputy.values()) == [False, True, True, True]


def test_bare_mayor_goes_to_the_home_government() -> None:
    text = "市委书记仲旭东主持会议。市委副书记、代市长周军波参加。"
    _, entities, relations = _read(text)
    assert _facts(entities, relations, "HOLDS_POSITION") == {
        ("仲旭东", "中共平湖市委", "书记"),
        ("周军波", "中共平湖市委", "副书记"),
        ("周军波", "平湖市人民政府", "代市长"),
    }
    government = next(e for e in entities if e.name == "平湖市人民政府")
    assert government.type == "Organization" and government.mentions == []


def test_same_words_in_another_county_go_to_that_county() -> None:
    _, entities, relations = _read("县委副书记、县长李明出席。", home="嘉善县")
    assert ("李明", "嘉善县人民政府", "县长") in _facts(entities, relations, "HOLDS_POSITION")


def test_appositions_and_what_is_not_a_position() -> None:
    _, entities, relations = _read("话说完,只见自己的导师,新仓镇副镇长李俊开始打电话联系相关责任人落实整改。")
    # 导师 is a relation between people, not a post; 副镇长 of a town is a post in its government.
    assert _facts(entities, relations, "HOLDS_POSITION") == {("李俊", "新仓镇人民政府", "副镇长")}
    _, entities, relations = _read("对于市少体校副校长王楠楠来说,到曹桥赛艇小镇“练兵”让她觉得意外。")
    assert _facts(entities, relations, "HOLDS_POSITION") == {("王楠楠", "平湖市少体校", "副校长")}
    _, entities, relations = _read("平湖经济技术开发区(钟埭街道)党工委书记、管委会主任胡泓恬说。")
    assert _facts(entities, relations, "HOLDS_POSITION") == {
        ("胡泓恬", "平湖经济技术开发区(钟埭街道)党工委", "书记"),
        ("胡泓恬", "平湖经济技术开发区管委会", "主任"),
    }


def test_an_honorific_after_a_name_is_no_post() -> None:
    """sdgxzx.sdu.edu.cn/info/1007/1557.htm: 教授 is a post only before a name with a body written before
    it (贵州大学农学院教授龙友华, tests/data/title_chains.jsonl); 于萍教授 uses it as a form of address."""
    _, entities, relations = _read(
        "山东大学干部培训中心主任、山东大学政治学与公共管理学院院长助理于萍教授出席开班仪式并讲话。",
        home=None,
    )
    assert all(title != "教授" for _, _, title in _facts(entities, relations, "HOLDS_POSITION"))


def test_an_anaphor_opening_a_clause_without_a_title_is_no_position() -> None:
    """seeds/000: 该村正以一幅…画卷向世人徐徐展开 — 该村 opens an organisation only before a title."""
    seed = (ROOT / "seeds" / "000_04026afc854972a2.txt").read_text(encoding="utf-8")
    start = seed.index("以创建为引领")
    sentence = "".join(seed[start : seed.index("。", start) + 1].split())
    assert "该村正以" in sentence
    _, entities, relations = _read(sentence)
    assert _facts(entities, relations, "HOLDS_POSITION") == set()


def test_city_leaders_without_a_body_get_no_position() -> None:
    _, entities, relations = _read("市领导叶林、秦良骥出席活动。")
    assert _facts(entities, relations, "HOLDS_POSITION") == set()
    assert _facts(entities, relations, "LEADS") == set()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("■记者 李雨婷 通讯员 汪洵 摄影 王强", {("李雨婷", "记者"), ("汪洵", "通讯员"), ("王强", "摄影")}),
        (
            "本报讯(记者高轶鹏通讯员郭喜地)12月16日上午,在遵化店镇。",
            {("高轶鹏", "记者"), ("郭喜地", "通讯员")},
        ),
        (
            "策划/汪锦秀 编辑/翁辰辰 电话/85018103 版式/李春霞",
            {("汪锦秀", "策划"), ("翁辰辰", "编辑"), ("李春霞", "版式")},
        ),
        (
            "■摄影 王 强 陈明远\n\n徐冰艳\n\n自主研发添动力",
            {("王强", "摄影"), ("陈明远", "摄影"), ("徐冰艳", "摄影")},
        ),
        # Real page furniture of the corpus's dev articles (tests/corpus/articles/*.meta.json give the
        # pages): a table cell's | between role and name, the roles of an editorial chain, an outlet before
        # the role inside the bracket, and a 文 inside a name that is no role.
        (
            "记者|李耀华 摄影|李天禄\n编审|谭明强 终审|何志伟",
            {("李耀华", "记者"), ("李天禄", "摄影"), ("谭明强", "编审"), ("何志伟", "终审")},
        ),
        (
            "(编辑:罗媛媛)\n(编审:赵林桦)\n(签发:曹桂清)",
            {("罗媛媛", "编辑"), ("赵林桦", "编审"), ("曹桂清", "签发")},
        ),
        ("责任编辑:陈宝成 | 版面编辑:刘潇", {("陈宝成", "编辑"), ("刘潇", "编辑")}),
        (
            "张庆黎同志和张庆伟同志在全省领导干部会议上发表了重要讲话。(河北日报记者李文亮)",
            {("李文亮", "记者")},
        ),
        # zs02: the paper between the role and its reporter's role is no author (media_heads.txt)
        ("作者:吉林日报记者 李抑嫱", {("李抑嫱", "记者")}),
        # zu06: the next field's label after the name (查看:81, a page's view count) ends the byline
        ("期次:第255期    作者:刘文博   查看:81", {("刘文博", "作者")}),
        # zzb02, o06: a desk's reporter (全媒记者, 融媒体记者) is a 记者, an outlet before the role or none
        ("为张定宇(右三)等获奖者颁奖。(湖北日报全媒记者 魏铼 摄)", {("魏铼", "记者")}),
        ("中奋勇争先、建功立业。(融媒体记者 张歆)", {("张歆", "记者")}),
        # negative: 全媒体 in running text opens no byline
        ("近日,城市晚报全媒体记者了解到,民政部公布了名单。", set()),
    ],
)
def test_bylines_credit_every_name_with_its_role(line: str, expected: set[tuple[str, str]]) -> None:
    _, entities, relations = _read(line)
    authored = {(s, role) for s, _, role in _facts(entities, relations, "AUTHORED")}
    assert authored == expected
    assert all(
        r.target is None and r.properties["document"] == "doc-1" for r in relations if r.type == "AUTHORED"
    )


def test_a_reporter_in_the_story_is_not_a_byline() -> None:
    _, entities, relations = _read("记者见到了我市首位获得浙江省十佳服装设计师称号的设计师俞芳。")
    assert _facts(entities, relations, "AUTHORED") == set()


def test_a_bracket_closing_the_last_paragraph_with_a_name_signs_the_piece(tmp_path: Path) -> None:
    """m.erdoh.com/Article/show/id/4542.html (Traditional characters, read through `kg extract`'s path)."""
    import json

    from cadregraph.pipeline.extract import extract_record
    from cadregraph.pipeline.ingest import read_document

    path = tmp_path / "page.txt"
    path.write_text("推動全市組織工作取得新成效、再上新臺階。(許德均)\n", encoding="utf-8")
    (tmp_path / "page.meta.json").write_text(json.dumps({"date": "2021-11-16"}), encoding="utf-8")
    record = extract_record(read_document(path, path.name), cached_nlp(), dt.date(2021, 11, 16))
    names = {e.id: e.name for e in record.entities}
    authored = {(names[r.source], r.properties.get("role")) for r in record.relations if r.type == "AUTHORED"}
    assert authored == {("许德均", "作者")}


@pytest.mark.parametrize(
    "line",
    [
        # 文 opens 文章来源, and 作者: is empty (cnganbu.cn/ld/view?id=5663): no byline, no person.
        "文章来源:新华社 作者: 发布时间:2017-02-27 19:33 点击量:437 大",
        # A bracket closing the paragraph that names an organisation signs nothing (www.gyzzb.gov.cn, 15061).
        "青川县委组织部、县直机关工委全体干部职工参加了此次活动。(中共青川县委组织部)",
    ],
)
def test_page_furniture_that_is_no_byline(line: str) -> None:
    _, entities, relations = _read(line)
    assert _facts(entities, relations, "AUTHORED") == set()


def test_two_sentences_for_one_fact_make_one_relation_with_both_evidences() -> None:
    text = "市委书记仲旭东主持会议。会上,市委书记仲旭东作了讲话。"
    ctx, entities, relations = _read(text)
    held = [r for r in relations if r.type == "HOLDS_POSITION"]
    assert len(held) == 1
    evidence = [held[0].evidence, *held[0].evidence_all[1:]]  # type: ignore[attr-defined]
    assert [e.text for e in evidence] == ["市委书记仲旭东主持会议。", "会上,市委书记仲旭东作了讲话。"]


_SENTENCES = [
    "市委常委、组织部长吴金华主持会议。",
    "市人大常委会主任胡水良,副主任姚田宝、柯卫明出席会议。",
    "■记者 李雨婷 通讯员 汪洵",
    "自2017年,我市开启铁军打造工程以来,始终坚持在一线培养锻炼干部。",
    "说起金伟,新仓镇双红村张家浜的干部和村民都是连连点赞。",
    "市委副书记、代市长周军波参加。",
    "金伟是市农业农村局农村社会事业促进科科长。",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=4), st.sampled_from(["\n\n", "", "\n"]))
def test_every_relation_is_grounded(parts: list[str], joiner: str) -> None:
    """Whatever the order: evidence is a real sentence of the text, every end is an entity of the record."""
    text = joiner.join(parts)
    _, entities, relations = _read(text)
    ids = {e.id for e in entities}
    for rel in relations:
        assert text[rel.evidence.start : rel.evidence.end] == rel.evidence.text
        assert rel.evidence.text.strip() == rel.evidence.text and rel.evidence.text
        assert rel.source in ids
        assert rel.target is None or rel.target in ids
        assert 0.0 <= rel.confidence <= 1.0
    keys = [
        (
            r.type,
            r.source,
            r.target,
            r.properties.get("title"),
            r.type == "AUTHORED" or r.properties.get("role"),
        )
        for r in relations
    ]
    assert len(keys) == len(set(keys))


def test_sentences_cover_the_text_without_overlap() -> None:
    text = "第一句。第二句！\n\n■记者 李雨婷\n第三句"
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == ["第一句。", "第二句！", "■记者 李雨婷", "第三句"]


def test_seed_positions_against_gold() -> None:
    """The whole path on a real page (seed 004): the gold's positions are found, with few false ones."""
    pytest.importorskip("cadregraph.pipeline.ingest")
    from cadregraph.pipeline.evaluate import load_gold, score_document
    from cadregraph.pipeline.extract import extract_record
    from cadregraph.pipeline.ingest import read_document

    stem = "004_8658860eb72b6ef5"
    ingested = read_document(ROOT / "seeds" / f"{stem}.txt", f"seeds/{stem}.txt")
    record = extract_record(ingested, cached_nlp())
    scores = score_document(load_gold(ROOT / "tests" / "gold" / f"{stem}.gold.json"), record)
    assert scores["rel:HOLDS_POSITION"].precision >= 0.9
    assert scores["rel:HOLDS_POSITION"].recall >= 0.8
    assert scores["rel:AUTHORED"].f1 >= 0.9
    ids = {e.id for e in record.entities}
    assert all(r.source in ids or r.type == "AUTHORED" for r in record.relations)


# ---------------------------------------------------------------- second pass: RUNS, ATTENDED, PART_OF, awards


def test_runs_takes_the_clause_subject_and_not_a_beneficiary() -> None:
    entities, relations = _read("市委组织部启动实施“青苗培育计划”,为新仓镇开展“导师帮带”行动。")[1:]
    runs = _facts(entities, relations, "RUNS")
    assert ("平湖市委组织部", "青苗培育计划", None) in {(s, t, None) for s, t, _ in runs}
    assert all(s != "新仓镇" for s, _, _ in runs)  # 为 X 开展: X is who it is for, not who runs it


def test_home_deixis_runs_nothing() -> None:
    entities, relations = _read("今年3月,我市启动实施“百岗大练兵”行动。")[1:]
    assert _facts(entities, relations, "RUNS") == set()


def test_a_speech_read_as_a_noun_is_no_attendance() -> None:
    text = "会议传达学习了市第十五次党代会精神和习近平总书记重要讲话精神。"
    entities, relations = _read(text)[1:]
    assert all(s != "习近平" for s, _, _ in _facts(entities, relations, "ATTENDED"))


def test_gazetteer_links_only_places_the_text_leaves_implicit() -> None:
    entities, relations = _read("新仓镇双红村的村民和平湖市的干部一起参加了劳动。")[1:]
    part_of = {(s, t) for s, t, _ in _facts(entities, relations, "PART_OF")}
    assert ("新仓镇", "平湖市") not in part_of  # both named, the text does not link them
    assert ("平湖市", "嘉兴市") in part_of  # 嘉兴市 is only implied: the chain goes on up


def _extract(tmp_path: Path, text: str) -> tuple[dict[str, str], list[Relation]]:
    """The whole real pipeline (ingest → LAC → figures → relations) on one text; names by id, figures by text."""
    from cadregraph.pipeline.cli import ExtractionRun

    source = tmp_path / "piece.txt"
    source.write_text(text, encoding="utf-8")
    record = next(iter(ExtractionRun("lac", dt.date(2021, 12, 21)).records([str(source)])))
    names = {e.id: e.name for e in record.entities}
    names.update({str(f.id): f.text for f in record.figures})
    return names, record.relations


def _pairs(names: dict[str, str], relations: list[Relation], rtype: str) -> set[tuple[str, str | None]]:
    return {
        (names[r.source], names.get(r.target) if r.target else None) for r in relations if r.type == rtype
    }


def test_figures_go_to_the_programme_they_count_and_to_the_paragraph_topic(tmp_path: Path) -> None:
    text = (
        "本期学堂上,驻当湖街道“筑巢行动”项目等4个破难专班组长交流经验。"
        "5年来,我市累计选派14批次826名干部参与到249个破难项目。"
        "在这两个星期的时间里,干部走到基层岗位。"
    )
    names, relations = _extract(tmp_path, text)
    figures = _pairs(names, relations, "HAS_FIGURE")
    # 4个破难专班 counts the programme, not the 筑巢行动 project named right before it; the next sentence has
    # no programme of its own and continues the paragraph's topic.
    assert {("破难专班", "4个"), ("破难专班", "14批次"), ("破难专班", "826名")} <= figures
    assert all(f != "两个星期" for _, f in figures)  # a duration measures no programme
    assert ("筑巢行动项目", "当湖街道") in _pairs(names, relations, "LOCATED_IN")  # 驻当湖街道“筑巢行动”项目


def test_started_takes_the_date_that_opens_the_sentence(tmp_path: Path) -> None:
    names, relations = _extract(
        tmp_path, "今年3月,为锤炼干部队伍、提升工作格局,我市启动实施“百岗大练兵”行动。"
    )
    started = [r for r in relations if r.type == "STARTED"]
    assert [(names[r.source], r.properties["date"]) for r in started] == [("百岗大练兵行动", "2021-03")]
    assert started[0].evidence.text.startswith("今年3月")
    # A date clause that is not only a date (今年是…的第五个年头) does not date a later clause's programme.
    names, relations = _extract(
        tmp_path, "今年是铁军打造的第五个年头,我们在推出了“十个新行动”的基础上继续前进。"
    )
    assert all(names[r.source] != "十个新行动" for r in relations if r.type == "STARTED")
    # 实施X的第五个年头 counts a year of X; it does not start X this year (seed 001), while 自2017年…开启X does.
    names, relations = _extract(
        tmp_path,
        "自2017年,我市开启铁军打造工程以来,始终坚持在一线培养锻炼干部。"
        "今年是实施铁军打造工程的第五个年头,我们创新开展“百岗大练兵”行动。",
    )
    dated = sorted((names[r.source], r.properties["date"]) for r in relations if r.type == "STARTED")
    assert ("铁军打造工程", "2017") in dated and ("铁军打造工程", "2021") not in dated


def _read_many(text: str) -> tuple[list[Entity], list[Relation]]:
    _, entities, relations = _read(text)
    return entities, relations


def test_we_in_a_signed_column_is_the_body_the_signer_heads() -> None:
    text = (
        "吴金华\n\n(市委常委、组织部长、市铁军打造工程指挥部副指挥长)\n\n"
        "今年是实施铁军打造工程的第五个年头,我们在推出了“十个新行动”的基础上,创新开展“百岗大练兵”行动。"
    )
    entities, relations = _read_many(text)
    runs = {(s, t) for s, t, _ in _facts(entities, relations, "RUNS")}
    assert ("平湖市委组织部", "百岗大练兵行动") in runs
    assert not any(s == "中共平湖市委" for s, _ in runs)  # a member (常委) does not speak for the committee
    assert ("平湖市铁军打造工程指挥部", "铁军打造工程") in runs  # the body is named after the programme


def test_short_name_of_a_zone_is_the_actor_of_the_next_sentence() -> None:
    text = (
        "平湖经济技术开发区召开会议。\n\n"
        '在打造铁军、培养干部中,平湖经开把政治标准作为第一标准。近年来,开设了"耘庐学堂",悉心谋划专题课程。'
    )
    entities, relations = _read_many(text)
    runs = {(s, t) for s, t, _ in _facts(entities, relations, "RUNS")}
    assert ("平湖经济技术开发区", "耘庐学堂") in runs
    assert not any(s == "平湖市" for s, _ in runs)


def test_this_round_of_a_programme_marks_its_participants() -> None:
    text = (
        "今年3月,我市启动实施“百岗大练兵”行动。\n\n"
        "市经信局综合科科长屠东君在数字化方面有着很深的研究,此次“练兵”他就抽调到了数字化改革专班。\n\n"
        "作为在建设部门已经工作9年的建设人,孙杰基层经验缺乏。此次练兵,孙杰来到了新仓镇。"
    )
    entities, relations = _read_many(text)
    joined = {(s, t) for s, t, _ in _facts(entities, relations, "PARTICIPATES_IN")}
    assert ("屠东君", "数字化改革专班") in joined
    assert ("孙杰", "百岗大练兵行动") in joined
    assert all(s != "百岗大练兵行动" for s, _ in joined)
    runs = _facts(entities, relations, "RUNS")
    assert not any(
        t == "百岗大练兵行动" for _, t, _ in runs
    )  # 我市 is the city, not a body (gold convention)


def test_mentor_is_the_other_person_of_the_paragraph() -> None:
    text = (
        "来到新仓镇镇办练兵锻炼的市建设局办公室主任孙杰也默默地在心中记下了从导师身上学到的经验。"
        "作为在建设部门已经工作9年的建设人,孙杰先后在局里的业务部门、综合部门都待过不少时间,"
        "而他的导师正是经验丰富的新仓镇副镇长李俊。"
    )
    _, entities, relations = _read(text)
    assert _facts(entities, relations, "MENTORS") == {("李俊", "孙杰", None)}
    # a programme that hands out mentors names no pair of people
    _, entities, relations = _read("市委组织部为每一位青年干部都配备了一名“练兵导师”,负责跟踪联系培养。")
    assert _facts(entities, relations, "MENTORS") == set()


# ---------------------------------------------------------------- third pass: figures, origins, places, trainees


def test_figures_spell_out_the_programme_the_previous_sentence_introduced(tmp_path: Path) -> None:
    text = (
        "铁军打造工程带动全市党员干部进村社区,常态化开展“网格连心、组团服务”工作。"
        "全市457个地理信息网格进行再细分再优化,科学划分8700余个微网格。"
    )
    names, relations = _extract(tmp_path, text)
    owners = {f: o for o, f in _pairs(names, relations, "HAS_FIGURE")}
    # the subject of the previous sentence (铁军打造工程) is not what the figures count
    assert owners.get("457个") == owners.get("8700余个") == "网格连心、组团服务工作"


def test_this_round_names_the_activity_an_earlier_dated_sentence_told(tmp_path: Path) -> None:
    text = (
        "平湖经济技术开发区召开会议。\n\n"
        "11月中旬,平湖经开组织了100多位青年干部,来到三家公司开展为期两个星期的岗位实践。"
        "在此次“百名干部下企业”活动中,公司共迎来了30位青年干部。"
    )
    names, relations = _extract(tmp_path, text)
    programme = next(n for n in names.values() if n.startswith("百名干部下企业"))
    started = [r for r in relations if r.type == "STARTED" and names[r.source] == programme]
    assert [r.properties["date"] for r in started] == ["2021-11"]
    assert ("平湖经济技术开发区", programme) in _pairs(names, relations, "RUNS")
    figures = _pairs(names, relations, "HAS_FIGURE")
    assert (programme, "100多位") in figures  # told in the dated sentence, named by 此次 later


def test_a_town_that_is_the_clause_subject_holds_its_campaign() -> None:
    entities, relations = _read_many("近段时间,遵化店镇吹响了农村人居环境整治“冬季战役”的冲锋号角。")
    located = {(s, t) for s, t, _ in _facts(entities, relations, "LOCATED_IN")}
    assert any(t == "遵化店镇" and "冬季战役" in s for s, t in located)
    # a national title the town takes part in is not a campaign located there
    entities, relations = _read_many("新仓镇积极参与“全国文明城市”创建。")
    assert not any("全国文明城市" in s for s, _, _ in _facts(entities, relations, "LOCATED_IN"))


def test_a_village_opening_an_organisation_name_is_where_it_and_its_meeting_are() -> None:
    entities, relations = _read_many("12月15日上午,遵化店镇在陈庄村党群综合服务站召开“五美庭院”表彰大会。")
    located = {(s, t) for s, t, _ in _facts(entities, relations, "LOCATED_IN")}
    assert ("陈庄村党群综合服务站", "陈庄村") in located
    assert ("五美庭院表彰大会", "陈庄村") in located  # 在 venue 召开: the venue's village
    # a generic word opening a name (美丽乡村) is no village
    entities, relations = _read_many("市农业农村局美丽乡村建设办公室主任张强到新仓镇调研。")
    assert not any(e.type == "Place" and e.name.endswith("乡村") for e in entities)


def test_a_paragraph_about_this_round_profiles_its_trainees() -> None:
    text = (
        "今年3月,我市启动实施“百岗大练兵”行动。\n\n"
        "实干,是此次百个练兵场上最出彩的特点。市科技局局长办公室主任张徐园一到曹桥街道就马不停蹄。"
        "市机关事务中心接待科科长徐菊主动拿起铁棍、撬棒。她说,干部李明也来帮忙。"
    )
    entities, relations = _read_many(text)
    joined = {(s, t) for s, t, _ in _facts(entities, relations, "PARTICIPATES_IN")}
    assert {("张徐园", "百岗大练兵行动"), ("徐菊", "百岗大练兵行动")} <= joined
    assert ("李明", "百岗大练兵行动") not in joined  # named in passing, not the titled subject of a sentence


def test_repointed_facts_merge_and_facts_of_a_dropped_entity_go() -> None:
    # g09: a roster name (徐福和) takes the mention of the model's cut reading (徐福) after a rule stated its post
    sink = RelationSink(_read("副书记:徐福和 赵学礼 韩 伟")[0])
    evidence = Sentence(0, 4)
    sink.add("HOLDS_POSITION", "person:x:徐福", "organization:x:市委", evidence, 0.8, title="副书记")
    sink.add("HOLDS_POSITION", "person:x:徐福和", "organization:x:市委", Sentence(0, 2), 0.9, title="副书记")
    sink.add("LEADS", "person:x:韩伟市人大", "organization:x:市委", evidence, 0.8, title="副书记")
    sink.repoint("person:x:徐福", "person:x:徐福和")
    sink.repoint("person:x:韩伟市人大", None)
    relations = sink.relations()
    assert [(r.type, r.source) for r in relations] == [("HOLDS_POSITION", "person:x:徐福和")]
    assert relations[0].confidence == 0.9
    assert [(s.start, s.end) for s in relations[0].evidence_all] == [(0, 2), (0, 4)]


def _authored_through_ingest(tmp_path: Path, line: str) -> set[tuple[str, str]]:
    import json

    from cadregraph.pipeline.extract import extract_record
    from cadregraph.pipeline.ingest import read_document

    path = tmp_path / "page.txt"
    path.write_text(line + "\n", encoding="utf-8")
    (tmp_path / "page.meta.json").write_text(json.dumps({"date": "2013-08-13"}), encoding="utf-8")
    record = extract_record(read_document(path, path.name), cached_nlp(), dt.date(2013, 8, 13))
    names = {e.id: e.name for e in record.entities}
    return {(names[r.source], r.properties["role"]) for r in record.relations if r.type == "AUTHORED"}


def test_names_a_byline_writes_apart_stay_apart_after_normalisation(tmp_path: Path) -> None:
    """f05 (dev): 本报乌鲁木齐8月12日电 (记者苏宁 盛若蔚) — running text is normalised without spaces between CJK
    characters (记者苏宁盛若蔚); the byline's names are the parts the original writes apart."""
    text = next((ROOT / "tests" / "corpus" / "articles").glob("f05_*.txt")).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "(记者苏宁 盛若蔚)" in ln)
    assert _authored_through_ingest(tmp_path, line) == {("苏宁", "记者"), ("盛若蔚", "记者")}


def test_a_run_of_credited_names_the_model_read_as_one_is_no_entity_and_each_name_has_its_mention(
    tmp_path: Path,
) -> None:
    """f05 (记者苏宁 盛若蔚) and zj04 (■通讯员李沛冯永恒): the model took each run for one name (an organisation
    苏宁盛若蔚, a person 李沛冯永恒); the byline's names take their pieces of it as mentions, and the run is gone."""
    articles = ROOT / "tests" / "corpus" / "articles"
    f05 = next(ln for ln in next(articles.glob("f05_*.txt")).read_text(encoding="utf-8").splitlines() if "盛若蔚" in ln)
    zj04 = next(ln for ln in next(articles.glob("zj04_*.txt")).read_text(encoding="utf-8").splitlines() if "李沛" in ln)
    for line, names in ((f05, ("苏宁", "盛若蔚")), (zj04, ("李沛", "冯永恒"))):
        path = tmp_path / "page.txt"
        path.write_text(line + "\n", encoding="utf-8")
        record = extract_record(read_document(path, path.name), cached_nlp(), dt.date(2013, 8, 13))
        assert "".join(names) not in {e.name for e in record.entities}
        for name in names:
            (person,) = [e for e in record.entities if e.name == name]
            assert [m.text for m in person.mentions] == [name]
            assert all(line[m.start : m.end] == m.text for m in person.mentions)


def test_an_intern_is_a_role_of_a_byline_not_a_name(tmp_path: Path) -> None:
    """u05 (dev): (记者 程伟 实习生 韩小雨) — 实习生 is a byline role (patterns.toml), as 记者 is; it was read as a
    third name."""
    text = next((ROOT / "tests" / "corpus" / "articles").glob("u05_*.txt")).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "实习生" in ln)
    assert _authored_through_ingest(tmp_path, line) == {("程伟", "记者"), ("韩小雨", "实习生")}


def test_the_signers_town_after_the_name_in_a_closing_bracket_is_no_name(tmp_path: Path) -> None:
    """zn06 (dev): …推动他们在具体工作中增长才干、快速成长。(袁祖星 大华镇) — the name and the signer's town (大 is
    a family name, 大华镇 a town); the town is no author. Negative: (镇组轩 栾继业) of a07 are two names."""
    articles = ROOT / "tests" / "corpus" / "articles"
    text = next(articles.glob("zn06_*.txt")).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "(袁祖星 大华镇)" in ln)
    assert _authored_through_ingest(tmp_path, line) == {("袁祖星", "作者")}
    a07 = next(ln for ln in next(articles.glob("a07_*.txt")).read_text(encoding="utf-8").splitlines() if "栾继业" in ln)
    assert {name for name, _ in _authored_through_ingest(tmp_path, a07)} == {"镇组轩", "栾继业"}


def test_two_names_a_byline_writes_together_are_cut_where_only_one_cut_reads_as_names(tmp_path: Path) -> None:
    """c06 (dev): 本报讯 (记者徐飞鹏周暹) — no space between the names in the original; 徐飞鹏|周暹 is the one cut
    that gives two names of two or three characters opening with family names (徐飞|鹏周暹 is none). A run
    no cut reads as two names stays whole, and is then no name (记者驱车来到…, ingest's example)."""
    text = next((ROOT / "tests" / "corpus" / "articles").glob("c06_*.txt")).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "本报讯" in ln)
    assert _authored_through_ingest(tmp_path, line) == {("徐飞鹏", "记者"), ("周暹", "记者")}
    assert _two_names("驱车来到山区", 0, 6) == [(0, 6)]
    assert _two_names("徐飞鹏周暹", 0, 5) == [(0, 3), (3, 5)]


def test_the_one_name_between_a_role_and_the_closing_bracket_needs_no_listed_family_name(tmp_path: Path) -> None:
    """i03 (dev): 本报西安11月8日电(记者原韬雄) — 原 is no listed family name, but the role and the bracket bound
    the name; a common word there is none, and a run with no bracket after it keeps the family-name gate."""
    text = next((ROOT / "tests" / "corpus" / "articles").glob("i03_*.txt")).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "(记者原韬雄)" in ln)
    assert _authored_through_ingest(tmp_path, line) == {("原韬雄", "记者")}
    assert _authored_through_ingest(tmp_path, "本报讯(记者观察)今年以来,我县持续推进。") == set()


def test_a_closing_bracket_of_names_written_apart_signs_the_piece_without_listed_family_names(tmp_path: Path) -> None:
    """a07 (dev): …参加了民主协商会。(镇组轩 栾继业) — ingest joins the running text (镇组轩栾继业); the original's
    space parts two names of three characters, 栾 a listed family name and 镇 not. A piece of another length
    (a word, 会议) credits nobody."""
    text = next((ROOT / "tests" / "corpus" / "articles").glob("a07_*.txt")).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "(镇组轩 栾继业)" in ln)
    assert _authored_through_ingest(tmp_path, f"各界人士参加了民主协商会。\n{line}") == {
        ("镇组轩", "作者"),
        ("栾继业", "作者"),
    }
    assert _authored_through_ingest(tmp_path, "各界人士参加了民主协商会。(镇组轩 会议)") == set()
    # two departments signing a notice are bodies (org_suffixes.txt), no authors
    assert _authored_through_ingest(tmp_path, "会议结束。(宣传部 组织部)") == set()


def test_a_bracket_of_names_right_after_a_dateline_signs_the_piece(tmp_path: Path) -> None:
    """f02 (dev, Traditional as published): 福鼎新聞網訊(汪斯敏)7月21日,我市舉辦… — the bracket after the dateline's
    讯 holds only a name, without a role word. A bracket there that opens with a role word keeps the role's
    reading (e08: 中国甘肃网讯(记者 麦迪逊)), the role word is no name."""
    text = next((ROOT / "tests" / "corpus" / "articles").glob("f02_*.txt")).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "網訊(汪斯敏)" in ln)
    assert _authored_through_ingest(tmp_path, line) == {("汪斯敏", "作者")}
    text = next((ROOT / "tests" / "corpus" / "articles").glob("e08_*.txt")).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "网讯(记者" in ln)
    assert _authored_through_ingest(tmp_path, line) == {("麦迪逊", "记者")}


def test_a_role_the_original_writes_after_a_space_opens_a_byline(tmp_path: Path) -> None:
    """b03 (dev): 时间:2020/8/19 6:38:25    作者:通讯员 杨旭 潘仁健 记者 沈晓颜    来源:杭州日报 and d03: • 作者:记者刘梦晓
    通讯员傅钟艺 — normalisation drops the spaces (…6:38:25作者:通讯员杨旭潘仁健…), but the original's space before
    the role opens the byline as a line start does. The role word after a bracket with no space (c06's
    …周暹)记者从市委组织部…) opens nothing: test_two_names… reads that line to exactly its two names."""
    articles = ROOT / "tests" / "corpus" / "articles"
    text = next(articles.glob("b03_*.txt")).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "作者:通讯员" in ln)
    assert _authored_through_ingest(tmp_path, line) == {("杨旭", "通讯员"), ("潘仁健", "通讯员"), ("沈晓颜", "记者")}
    text = next(articles.glob("d03_*.txt")).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "作者:记者" in ln)
    assert _authored_through_ingest(tmp_path, line) == {("刘梦晓", "记者"), ("傅钟艺", "通讯员")}


def test_a_higher_level_shares_the_body_written_after_the_lower_one() -> None:
    """coordinated_levels: a02 既是省、市委和省、市委组织部对盐边县的要求 (a 盐边县 paper): 省 stands for 省委 and
    省委组织部, implied bodies of the document (no mention); f02 贯彻中央和省市委要求 likewise."""
    text = "刘敏同志在讲话中指出:举办这次培训班,既是省、市委和省、市委组织部对盐边县的要求,也是县委着眼盐边县未来发展开展的专门培训。"
    _, entities, _ = _read(text, home="盐边县")
    organisations = {e.name: e for e in entities if e.type == "Organization"}
    assert {"中共四川省委", "四川省委组织部", "中共攀枝花市委", "攀枝花市委组织部"} <= set(organisations)
    assert not organisations["中共四川省委"].mentions and not organisations["四川省委组织部"].mentions
    _, entities, _ = _read("组织党外干部培训,是坚决贯彻中央和省市委要求的重要举措。", home="福鼎市")
    assert "中共福建省委" in {e.name for e in entities if e.type == "Organization"}
    # negative: after 全 the province's city committees are no body of the province (全省市委书记会议)
    _, entities, _ = _read("全省市委书记会议在此召开。", home="盐边县")
    assert "中共四川省委" not in {e.name for e in entities if e.type == "Organization"}
    # negative: after a count or 部分 the levels are every city and county counted (q06, as _paired_committees)
    counted = "琼海、文昌等6个市县委的组织部长参加会议。"
    for text in (counted, "省委组织部在琼海召开部分市县委组织部长参加的组织工作座谈会。"):
        _, entities, _ = _read(text, home="琼海市")
        assert "中共琼海市委" not in {e.name for e in entities if e.type == "Organization"}


def test_a_department_of_another_division_s_committee_implies_the_committee() -> None:
    """division_committee: j07 这是我校承担陕西省委组织部全省乡镇党委书记、乡镇长轮训工程的最后一期培训班, i03 高改平被
    靖边县委组织部纳入村干部后备力量: the committee the department belongs to is an organisation of the document
    (implied, PART_OF), also when it is no home's."""
    _, entities, relations = _read("2022年,高改平被靖边县委组织部纳入村干部后备力量,进行重点培养。", home="榆林市")
    parents = {t for s, t, _ in _facts(entities, relations, "PART_OF") if s == "靖边县委组织部"}
    assert parents == {"靖边县委"}  # as written: the home (榆林市) names no 靖边县
    _, entities, _ = _read("这是我校承担陕西省委组织部全省乡镇党委书记、乡镇长轮训工程的最后一期培训班。", home=None)
    assert "陕西省委" in {e.name for e in entities if e.type == "Organization"}
    # negative: a party school's department implies no committee (上海市委党校党史党建教研部), nor a school alone
    _, entities, _ = _read("上海市委党校党史党建教研部主任讲授党课。", home=None)
    assert "上海市委" not in {e.name for e in entities if e.type == "Organization"}
