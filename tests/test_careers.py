"""Careers over time (issue 13, graph part): dated positions in both stores.

HOLDS_POSITION and LEADS carry `first_seen` / `last_seen`, the earliest and latest publication date of
the documents that state them, derived from the per-document contributions both stores keep; so the
dates follow every load, replace and delete exactly, on the networkx store and on a real Neo4j."""

from __future__ import annotations

import csv
import functools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadregraph.graph.export import write_careers_csv
from cadregraph.graph.local_store import LocalStore
from cadregraph.graph.model import expected_graph
from cadregraph.graph.queries import run_query
from cadregraph.graph.saved_queries import QueryError, get_query
from cadregraph.graph.viz import VizError, offline_problems, write_career, write_who_leads_what
from cadregraph.schemas import DocumentRecord

WU = "person:吴金华"
DEPT = "organization:平湖市委组织部"
POST = ("HOLDS_POSITION", "Person", WU, "Organization", DEPT, "组织部长")
HEADS = ("LEADS", "Person", WU, "Organization", DEPT, "组织部长")


def dated(record: DocumentRecord, date: str | None) -> DocumentRecord:
    """The same document published on another day (or undated)."""
    document = record.document.model_copy(update={"date": date})
    return record.model_copy(update={"document": document})


def seen(store: Any, rel_id: tuple[str, ...]) -> tuple[Any, Any]:
    props = store.dump().rels[rel_id]
    return props.get("first_seen"), props.get("last_seen")


@pytest.fixture(params=["local", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "local":
        return LocalStore(tmp_path)
    request.applymarker(pytest.mark.neo4j)
    neo4j = request.getfixturevalue("neo4j_store")
    return neo4j


def test_positions_carry_the_dates_of_the_documents_that_state_them(
    entity_key: Any, record_a: Any, record_b: Any, record_c: Any, store: Any
) -> None:
    records = [record_a(), record_b(), record_c()]  # 组织部长 in hand-a (2021-12-20) and hand-b (2022-03-05)
    store.load(records)
    assert store.dump() == expected_graph(records)
    assert seen(store, POST) == ("2021-12-20", "2022-03-05")
    assert seen(store, HEADS) == ("2021-12-20", "2021-12-20")  # LEADS only in hand-a
    assert (
        "first_seen"
        not in store.dump().rels[
            ("PART_OF", "Place", entity_key("Place", "平湖市"), "Place", entity_key("Place", "嘉兴市"), "")
        ]
    )


def test_deleting_the_latest_document_moves_last_seen_back(record_a: Any, record_b: Any, store: Any) -> None:
    store.load([record_a(), record_b()])
    store.delete_document("hand-b")
    assert seen(store, POST) == ("2021-12-20", "2021-12-20")
    store.load([record_b()])
    assert seen(store, POST) == ("2021-12-20", "2022-03-05")
    store.delete_document("hand-a")
    assert seen(store, POST) == ("2022-03-05", "2022-03-05")
    assert HEADS not in store.dump().rels


def test_reloading_a_document_with_another_date_moves_the_dates(
    record_a: Any, record_b: Any, store: Any
) -> None:
    store.load([record_a(), record_b()])
    earlier = dated(record_b(), "2020-01-15")
    store.load([earlier])
    assert seen(store, POST) == ("2020-01-15", "2021-12-20")
    store.load([dated(record_b(), None)])  # an undated statement cannot be placed in time
    assert seen(store, POST) == ("2021-12-20", "2021-12-20")
    assert store.dump() == expected_graph([record_a(), dated(record_b(), None)])
    store.delete_document("hand-a")
    assert seen(store, POST) == (None, None)


def test_load_order_does_not_change_the_dates(
    record_a: Any, record_b: Any, record_c: Any, store: Any, tmp_path: Path
) -> None:
    store.load([record_b()])
    store.load([record_c()])
    store.load([record_a()])
    other = LocalStore(tmp_path / "other")
    other.load([record_a(), record_c(), record_b()])
    assert store.dump() == other.dump() == expected_graph([record_a(), record_b(), record_c()])


# --- who-leads-what as of a day ---------------------------------------------------------------------

# 禹城: a report names 張安民 禹城市委書記 (m.nxhuan.com/zjckbh/p/396390.html; the stored copy has no
# publication date, so this test gives it 2012-03-01: the page itself says he has held it since 2011-11),
# and the notice of 2020-06-19 (tests/notices n07, sd.people.com.cn) names his successor and his removal
# on 2020-06-17.
YUCHENG_REPORT = "禹城市委書記、市人大常委會主任張安民(左一)到市中辦便民服務中心調研指導工作。"
YUCHENG_NOTICE = "省委批准:滕海強同志任中共禹城市委書記,張安民同志不再兼任中共禹城市委書記職務。"


def yucheng_report(build_record: Any) -> DocumentRecord:
    return build_record(
        "yucheng-report",
        YUCHENG_REPORT,
        "2012-03-01",
        [("Person", "張安民", []), ("Organization", "中共禹城市委", ["禹城市委"])],
        [("HOLDS_POSITION", "張安民", "中共禹城市委", {"title": "書記"}, YUCHENG_REPORT)],
    )


def yucheng_notice(build_record: Any, *, removal: bool = True, appointment: bool = True) -> DocumentRecord:
    relations: list[tuple[str, str, str | None, dict[str, Any], str]] = [
        ("HOLDS_POSITION", "滕海強", "中共禹城市委", {"title": "書記"}, YUCHENG_NOTICE),
    ]
    if appointment:
        props = {"title": "書記", "date": "2020-06-17"}
        relations.append(("APPOINTED_TO", "滕海強", "中共禹城市委", props, YUCHENG_NOTICE))
    if removal:
        props = {"title": "書記", "date": "2020-06-17", "status": "decided"}
        relations.append(("REMOVED_FROM", "張安民", "中共禹城市委", props, YUCHENG_NOTICE))
    return build_record(
        "yucheng-notice",
        YUCHENG_NOTICE,
        "2020-06-19",
        [("Person", "滕海強", []), ("Person", "張安民", []), ("Organization", "中共禹城市委", [])],
        relations,
    )


def holders(store: Any, **params: str) -> set[tuple[str, str, str]]:
    rows = run_query(store, get_query("who-leads-what"), params)
    return {(row["organisation"], row["title"], row["person"]) for row in rows}


def test_who_leads_what_lists_the_positions_seen_by_the_day(
    record_a: Any, record_b: Any, record_c: Any, store: Any
) -> None:
    store.load([record_a(), record_b(), record_c()])
    latest = run_query(store, get_query("who-leads-what"), {})
    assert {row["as_of"] for row in latest} == {"2022-03-05"}  # the latest document date
    assert ("平湖市公务员局", "局长", "朱娜") in holders(store)
    on_the_day = holders(store, as_of="2021-12-20")
    assert ("平湖市委组织部", "组织部长", "吴金华") in on_the_day
    assert ("中共平湖市委", "书记", "仲旭东") in on_the_day
    assert not any(person == "朱娜" for _, _, person in on_the_day)  # first seen 2022-03-05
    assert holders(store, as_of="2020-07-01") == {("中共嘉兴市委", "书记", "张兵")}
    assert holders(store, as_of="2019-12-31") == set()
    rows = run_query(store, get_query("who-leads-what"), {"as_of": "2021-12-31", "org": "组织部"})
    wu = [row for row in rows if row["person"] == "吴金华" and row["title"] == "组织部长"]
    assert [(row["first_seen"], row["last_seen"], row["documents"]) for row in wu] == [
        ("2021-12-20", "2022-03-05", 2)
    ]


def test_a_removal_or_a_successor_ends_a_holding(build_record: Any, store: Any) -> None:
    store.load([yucheng_report(build_record), yucheng_notice(build_record)])
    post = "中共禹城市委", "書記"
    assert holders(store, as_of="2015-01-01") == {(*post, "張安民")}
    assert holders(store, as_of="2020-06-16") == {(*post, "張安民")}
    assert holders(store, as_of="2020-06-18") == set()  # removed on 06-17; successor seen from 06-19
    assert holders(store, as_of="2020-06-19") == {(*post, "滕海強")}
    assert holders(store) == {(*post, "滕海強")}
    store.load(
        [yucheng_notice(build_record, removal=False)]
    )  # without the removal the appointment of 06-17 ends it
    assert holders(store, as_of="2020-06-16") == {(*post, "張安民")}
    assert holders(store, as_of="2020-06-18") == set()
    store.load(
        [yucheng_notice(build_record, removal=False, appointment=False)]
    )  # the successor seen on 06-19 ends it
    assert holders(store, as_of="2020-06-18") == {(*post, "張安民")}
    assert holders(store, as_of="2020-06-19") == {(*post, "滕海強")}
    store.delete_document("yucheng-notice")
    assert holders(store) == {(*post, "張安民")}


def test_as_of_must_be_a_full_date(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    with pytest.raises(QueryError, match="as_of"):
        run_query(store, get_query("who-leads-what"), {"as_of": "2021-5-1"})


# --- career and succession ------------------------------------------------------------------------


def test_career_and_succession_tables(
    build_record: Any, record_a: Any, record_b: Any, store: Any, tmp_path: Path
) -> None:
    store.load([yucheng_report(build_record), yucheng_notice(build_record), record_a(), record_b()])
    career = run_query(store, get_query("career"), {"person": "吴金华"})
    assert [(r["title"], r["organisation"], r["leads"], r["first_seen"], r["last_seen"]) for r in career] == [
        ("常委", "中共平湖市委", False, "2021-12-20", "2022-03-05"),
        ("组织部长", "平湖市委组织部", True, "2021-12-20", "2022-03-05"),
    ]
    assert career[1]["documents"] == ["hand-a", "hand-b"]
    assert career[1]["sources"] == ["hand/hand-a.txt", "hand/hand-b.txt"]
    succession = run_query(store, get_query("succession"), {"org": "禹城", "title": "書記"})
    assert [(r["person"], r["first_seen"], r["last_seen"], r["removed"]) for r in succession] == [
        ("張安民", "2012-03-01", "2012-03-01", "2020-06-17"),
        ("滕海強", "2020-06-19", "2020-06-19", None),
    ]
    out = tmp_path / "careers.csv"
    assert write_careers_csv(store, out) == len(run_query(store, get_query("career"), {}))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(get_query("career").columns)
    assert any(line.startswith("張安民,") and ",2012-03-01,2012-03-01," in line for line in lines)


# --- load order: real documents of several dates ------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
# 平湖 on 2021-12-21 (seed 004: 市委副书记、代市长周军波) and on 2023-07-12 (今日平湖报: 市委副书记、市长周军波),
# and two notices of May 2016 (竹山, 房县) with their sidecar dates.
DATED_SOURCES = (
    REPO / "seeds" / "004_8658860eb72b6ef5.txt",
    REPO / "tests" / "careers" / "articles" / "c01_c74b2f2b.txt",
    REPO / "tests" / "notices" / "articles" / "n01_2c2b888e.txt",
    REPO / "tests" / "notices" / "articles" / "n02_4813b1bd.txt",
)
AS_OF_DAYS = ("2016-05-20", "2016-05-31", "2021-12-21", "2022-06-01", "2023-07-12", None)


@functools.lru_cache(maxsize=1)
def dated_records() -> tuple[DocumentRecord, ...]:
    """The four documents through the real pipeline, once per session."""
    from cadregraph.pipeline.cli import ExtractionRun

    run = ExtractionRun("lac", None)
    records = tuple(run.records([str(path) for path in DATED_SOURCES]))
    assert run.failures == 0 and len(records) == len(DATED_SOURCES)
    return records


def time_views(store: Any) -> dict[str, Any]:
    """The career table and who-leads-what on every test day."""
    views: dict[str, Any] = {"career": run_query(store, get_query("career"), {})}
    for day in AS_OF_DAYS:
        views[f"who-leads-what@{day}"] = run_query(
            store, get_query("who-leads-what"), {"as_of": day} if day else {}
        )
    return views


def _check_pinghu(views: dict[str, Any]) -> None:
    career = {
        (r["person"], r["title"], r["organisation"]): (r["first_seen"], r["last_seen"])
        for r in views["career"]
    }
    assert career[("仲旭东", "书记", "中共平湖市委")] == ("2021-12-21", "2023-07-12")
    assert career[("周军波", "代市长", "平湖市人民政府")] == ("2021-12-21", "2021-12-21")
    assert career[("周军波", "市长", "平湖市人民政府")] == ("2023-07-12", "2023-07-12")
    day = {(r["person"], r["title"]) for r in views["who-leads-what@2022-06-01"]}
    assert ("周军波", "代市长") in day and ("周军波", "市长") not in day
    assert ("仲旭东", "书记") in {(r["person"], r["title"]) for r in views["who-leads-what@2023-07-12"]}
    may_20 = {r["person"] for r in views["who-leads-what@2016-05-20"]}
    assert "纪道清" in may_20 and "方孝春" not in may_20  # 房县 2016-05-16, 竹山 2016-05-26
    assert "方孝春" in {r["person"] for r in views["who-leads-what@2016-05-31"]}
    assert all(r["as_of"] == "2023-07-12" for r in views["who-leads-what@None"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(DATED_SOURCES))), batch=st.integers(min_value=1, max_value=4))
def test_any_load_order_gives_the_same_careers_and_holders(
    tmp_path_factory: Any, order: list[int], batch: int
) -> None:
    records = dated_records()
    reference = LocalStore(tmp_path_factory.mktemp("reference"))
    reference.load(records)
    expected = time_views(reference)
    _check_pinghu(expected)
    store = LocalStore(tmp_path_factory.mktemp("ordered"))
    ordered = [records[i] for i in order]
    for start in range(0, len(ordered), batch):
        store.load(ordered[start : start + batch])
    assert time_views(store) == expected


def test_both_orders_on_neo4j_give_the_local_careers_and_holders(neo4j_store: Any, tmp_path: Path) -> None:
    records = dated_records()
    local = LocalStore(tmp_path)
    local.load(records)
    expected = time_views(local)
    neo4j_store.load(records)
    assert time_views(neo4j_store) == expected
    neo4j_store.delete_all()
    for record in reversed(records):
        neo4j_store.load([record])
    assert time_views(neo4j_store) == expected
    neo4j_store.delete_document(records[1].document.id)  # the 2023 report: 2021-12-21 is the latest again
    local.delete_document(records[1].document.id)
    assert time_views(neo4j_store) == time_views(local)
    career = {(r["person"], r["title"]): r["last_seen"] for r in run_query(local, get_query("career"), {})}
    assert career[("仲旭东", "书记")] == "2021-12-21"


def test_kg_export_careers_csv_and_its_errors(build_record: Any, tmp_path: Path) -> None:
    LocalStore(tmp_path / "kg").load([yucheng_report(build_record), yucheng_notice(build_record)])

    def kg(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cadregraph.pipeline.cli", *args, "--data-dir", str(tmp_path / "kg")],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )

    done = kg("export", "--format", "careers-csv", "--out", str(tmp_path / "careers.csv"))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader((tmp_path / "careers.csv").open(encoding="utf-8")))
    assert [(r["person"], r["title"], r["first_seen"], r["last_seen"]) for r in rows] == [
        ("張安民", "書記", "2012-03-01", "2012-03-01"),
        ("滕海強", "書記", "2020-06-19", "2020-06-19"),
    ]
    assert json.loads(rows[0]["documents"]) == ["yucheng-report"]
    missing = kg("export", "--format", "json", "--out", str(tmp_path / "x.json"))
    assert missing.returncode != 0 and missing.stderr.count("\n") == 1 and "--center" in missing.stderr
    bad_day = kg("query", "who-leads-what", "-p", "as_of=2020")
    assert bad_day.returncode != 0 and bad_day.stderr.count("\n") == 1 and "as_of" in bad_day.stderr


# --- the career timeline page ---------------------------------------------------------------------


def test_the_career_page_is_offline_scriptless_escaped_and_the_same_from_both_stores(
    build_record: Any, record_a: Any, record_b: Any, store: Any, tmp_path: Path
) -> None:
    hostile = "</title><script>alert(1)</script>"
    text = f"市委书记{hostile}主持会议。"
    record = build_record(
        "hostile",
        text,
        "2021-05-01",
        [("Person", hostile, []), ("Organization", "中共平湖市委", ["市委"])],
        [("HOLDS_POSITION", hostile, "中共平湖市委", {"title": "书记"}, text)],
    )
    records = [record_a(), record_b(), record]
    store.load(records)
    summary = write_career(store, tmp_path / "wu.html", "吴金华")
    page = summary.path.read_text(encoding="utf-8")
    assert summary.edges == 2 and offline_problems(page) == []
    assert "Content-Security-Policy" in page and "<script" not in page
    assert page.count('class="spell"') == 2 and "2021-12-20 … 2022-03-05" in page
    reference = LocalStore(tmp_path / "reference")
    reference.load(records)
    assert write_career(reference, tmp_path / "local.html", "吴金华").path.read_text(encoding="utf-8") == page
    odd = write_career(store, tmp_path / "odd.html", hostile).path.read_text(encoding="utf-8")
    assert "<script" not in odd and "&lt;/title&gt;&lt;script&gt;" in odd
    with pytest.raises(VizError, match="nothing to draw"):
        write_career(store, tmp_path / "none.html", "无此人")


def test_the_who_leads_what_page_draws_the_holders_of_the_day(
    record_a: Any, record_b: Any, record_c: Any, tmp_path: Path
) -> None:
    store = LocalStore(tmp_path / "kg")
    store.load([record_a(), record_b(), record_c()])
    summary = write_who_leads_what(store, tmp_path / "day.html", as_of="2020-07-01")
    page = summary.path.read_text(encoding="utf-8")
    assert (summary.nodes, summary.edges) == (2, 1) and "张兵" in page and "吴金华" not in page
    assert write_who_leads_what(store, tmp_path / "all.html").edges > 1
