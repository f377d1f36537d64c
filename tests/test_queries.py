"""Saved queries: the files and their headers, parameters, the local (networkx) answers on records
whose answers are known, the table/json/csv output, and the `kg query`/`build`/`load`/`delete`
commands. Parity with Neo4j is tests/test_store_parity.py."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadregraph.graph.cypher_view import cypher_order
from cadregraph.graph.local_queries import LOCAL_QUERIES
from cadregraph.graph.local_store import LocalStore
from cadregraph.graph.model import Evidence, evidence_from_props, evidence_to_props
from cadregraph.graph.person_links import Overrides, apply_links
from cadregraph.graph.queries import run_query
from cadregraph.graph.saved_queries import QUERIES_DIR, QueryError, get_query, load_queries, parse_param_pairs
from cadregraph.graph.tables import cell_text, format_csv, format_table
from cadregraph.schemas.text_units import display_width

WRITE_CLAUSES = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|LOAD\s+CSV|FOREACH)\b", re.IGNORECASE
)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hand_store(hand_records: Any, tmp_path_factory: Any) -> LocalStore:
    store = LocalStore(tmp_path_factory.mktemp("hand"))
    store.load(hand_records())
    return store


def ask(store: LocalStore, query: str, **params: str) -> list[dict[str, Any]]:
    return run_query(store, get_query(query), params)


def column(rows: list[dict[str, Any]], name: str) -> list[Any]:
    return [row[name] for row in rows]


# --- the files ------------------------------------------------------------------------------------


def test_at_least_a_dozen_saved_queries_each_with_a_full_header() -> None:
    queries = load_queries()
    assert len(queries) >= 12
    required = {
        "who-leads-what",
        "person-profile",
        "organisation-profile",
        "programme-overview",
        "place-timeline",
        "officials-by-place",
        "place-hierarchy",
        "programmes-by-year",
        "shortest-connection",
        "co-mentioned",
        "relation-evidence",
        "figures-by-programme",
        "documents",
    }
    assert required <= set(queries)
    for name, query in queries.items():
        assert query.path == QUERIES_DIR / f"{name}.cypher"
        assert query.description and query.columns, name
        lines = query.cypher.splitlines()
        assert lines[0] == f"// name: {name}"
        assert lines[1].startswith("// description: ") and lines[2].startswith("// params: ")


def test_saved_queries_are_read_only_ordered_and_use_declared_parameters() -> None:
    for name, query in load_queries().items():
        body = "\n".join(line for line in query.cypher.splitlines() if not line.startswith("//"))
        assert not WRITE_CLAUSES.search(body), name
        assert "ORDER BY" in body, name
        used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", body))
        assert used == {param.name for param in query.params}, name
        for column_name in query.columns:
            assert re.search(rf"\b{re.escape(column_name)}\b", body), (name, column_name)


def test_every_saved_query_has_a_local_implementation_returning_its_columns(
    hand_records: Any, tmp_path: Path
) -> None:
    samples = {"person": "吴金华", "other": "朱娜", "org": "组织部", "programme": "百岗", "place": "平湖市"}
    samples |= {"source": "吴金华", "text": "平湖", "name": "吴金华", "year": "2021", "title": "组织部长"}
    store = LocalStore(tmp_path)
    store.load(hand_records())
    linked = Overrides()  # a kg merge, so that person-links has a row to give
    linked.merge("person:吴金华", "person:李俊", "test")
    apply_links(store, linked)
    queries = load_queries()
    assert set(LOCAL_QUERIES) == set(queries)
    for name, query in queries.items():
        params = {p.name: samples[p.name] for p in query.params if p.required}
        rows = run_query(store, query, params)
        assert rows, name
        assert all(list(row) == list(query.columns) for row in rows), name


def test_parameters_are_checked_before_anything_runs() -> None:
    query = get_query("relation-evidence")
    assert query.bind({"source": "吴金华"}) == {"source": "吴金华", "target": None, "type": None}
    with pytest.raises(QueryError, match="missing parameter source"):
        query.bind({"target": "x"})
    with pytest.raises(QueryError, match="unknown parameter persn"):
        query.bind({"source": "吴金华", "persn": "x"})
    with pytest.raises(QueryError, match="no saved query"):
        get_query("who-leads-everything")
    assert parse_param_pairs(["org=平湖市委组织部", "place=a=b"]) == {"org": "平湖市委组织部", "place": "a=b"}
    with pytest.raises(QueryError, match="key=value"):
        parse_param_pairs(["org"])


# --- answers on hand-built records ------------------------------------------------------------------


def test_who_leads_what_merges_holds_position_and_leads(hand_store: LocalStore) -> None:
    rows = ask(hand_store, "who-leads-what", org="组织部")
    assert [(r["organisation"], r["person"], r["title"], r["leads"], r["documents"]) for r in rows] == [
        ("平湖市委组织部", "吴金华", "组织部长", True, 2),
        ("平湖市委组织部", "朱娜", "干部科科长", False, 1),
        ("平湖市委组织部", "朱娜", "部务会议成员", False, 1),
    ]


def test_who_leads_what_by_place_includes_places_inside_it(hand_store: LocalStore) -> None:
    pinghu = {(r["organisation"], r["person"]) for r in ask(hand_store, "who-leads-what", place="平湖市")}
    assert ("新仓镇人民政府", "李俊") in pinghu  # 新仓镇 PART_OF 平湖市
    assert ("中共平湖市委", "仲旭东") in pinghu
    assert not any(org == "中共嘉兴市委" for org, _ in pinghu)
    jiaxing = {(r["organisation"], r["person"]) for r in ask(hand_store, "who-leads-what", place="嘉兴市")}
    assert jiaxing == pinghu | {("中共嘉兴市委", "张兵")}  # 平湖市 PART_OF 嘉兴市
    assert column(ask(hand_store, "officials-by-place", place="新仓镇"), "person") == ["李俊"]


def test_person_profile_has_dates_and_sources(hand_store: LocalStore) -> None:
    rows = ask(hand_store, "person-profile", person="吴金华")
    assert [(r["relation"], r["title"], r["target"]) for r in rows] == [
        ("HOLDS_POSITION", "常委", "中共平湖市委"),
        ("HOLDS_POSITION", "组织部长", "平湖市委组织部"),
        ("LEADS", "组织部长", "平湖市委组织部"),
    ]
    assert rows[1]["dates"] == ["2021-12-20", "2022-03-05"]
    assert rows[1]["sources"] == ["hand/hand-a.txt", "hand/hand-b.txt"]
    assert rows[2]["dates"] == ["2021-12-20"]


def test_organisation_profile_orders_leaders_first(hand_store: LocalStore) -> None:
    rows = ask(hand_store, "organisation-profile", org="平湖市委组织部")
    assert [(r["role"], r["name"], r["title"]) for r in rows] == [
        ("leader", "吴金华", "组织部长"),
        ("position", "朱娜", "干部科科长"),
        ("position", "朱娜", "部务会议成员"),
        ("part of", "中共平湖市委", ""),
        ("runs", "百岗大练兵行动", ""),
        ("runs", "铁军打造工程", ""),
    ]


def test_programme_overview(hand_store: LocalStore) -> None:
    rows = ask(hand_store, "programme-overview", programme="百岗大练兵")
    assert [(r["role"], r["name"], r["first_date"]) for r in rows] == [
        ("run by", "平湖市委组织部", "2021-12-20"),
        ("participant", "李俊", "2021-12-20"),
        ("figure", "826名干部", "2021-12-20"),
        ("mentioned in", "嘉兴市委书记在平湖调研", "2020-06-01"),
        ("mentioned in", "聚力一线攻坚破难", "2021-12-20"),
    ]


def test_place_queries(hand_store: LocalStore) -> None:
    timeline = ask(hand_store, "place-timeline", place="平湖市")
    assert [(r["date"], r["places"]) for r in timeline] == [
        ("2020-06-01", ["平湖市"]),
        ("2021-12-20", ["平湖市", "新仓镇"]),
    ]
    hierarchy = ask(hand_store, "place-hierarchy", place="平湖市")
    assert [(r["parent"], r["place"]) for r in hierarchy] == [("嘉兴市", "平湖市"), ("平湖市", "新仓镇")]
    assert ask(hand_store, "place-hierarchy", place="嘉兴市") == hierarchy


def test_programmes_by_year_use_the_start_date_else_the_first_dated_document(hand_store: LocalStore) -> None:
    rows = ask(hand_store, "programmes-by-year")
    # 铁军打造工程 STARTED 2017 (first seen in a 2022 document); 百岗大练兵行动 has no start date
    assert [(r["year"], r["programme"], r["started"], r["run_by"], r["documents"]) for r in rows] == [
        ("2017", "铁军打造工程", "2017", ["平湖市委组织部"], 1),
        ("2020", "百岗大练兵行动", None, ["平湖市委组织部"], 2),
    ]
    assert column(ask(hand_store, "programmes-by-year", year="2017"), "programme") == ["铁军打造工程"]
    assert ask(hand_store, "programmes-by-year", year="2022") == []


def test_shortest_connection_lists_every_parallel_relationship(hand_store: LocalStore) -> None:
    rows = ask(hand_store, "shortest-connection", person="吴金华", other="朱娜")
    assert column(rows, "hops") == [2, 2, 2, 2]
    assert column(rows, "path") == [
        "吴金华 -[HOLDS_POSITION 组织部长]-> 平湖市委组织部 <-[HOLDS_POSITION 干部科科长]- 朱娜",
        "吴金华 -[HOLDS_POSITION 组织部长]-> 平湖市委组织部 <-[HOLDS_POSITION 部务会议成员]- 朱娜",
        "吴金华 -[LEADS 组织部长]-> 平湖市委组织部 <-[HOLDS_POSITION 干部科科长]- 朱娜",
        "吴金华 -[LEADS 组织部长]-> 平湖市委组织部 <-[HOLDS_POSITION 部务会议成员]- 朱娜",
    ]
    assert ask(hand_store, "shortest-connection", person="吴金华", other="张兵") == []


def test_co_mentioned_counts_shared_documents(hand_store: LocalStore) -> None:
    rows = ask(hand_store, "co-mentioned", person="吴金华")
    assert {(r["other"], r["shared_documents"]) for r in rows} == {
        ("仲旭东", 1),
        ("李俊", 1),
        ("李雨婷", 1),
        ("朱娜", 1),
    }
    every = ask(hand_store, "co-mentioned")
    assert len(every) == 7  # A names 4 people (6 pairs), B 2 (1 pair), C 1
    assert all(r["person"] != r["other"] for r in every)


def test_relation_evidence_reads_the_sentences_without_page_line_breaks(
    record_a: Any, hand_store: LocalStore
) -> None:
    rows = ask(
        hand_store, "relation-evidence", source="吴金华", target="平湖市委组织部", type="HOLDS_POSITION"
    )
    assert [(r["document"], r["date"], r["evidence"]) for r in rows] == [
        ("hand/hand-a.txt", "2021-12-20", "市委常委、组织部长吴金华主持会议。"),
        ("hand/hand-b.txt", "2022-03-05", "市委常委、组织部长吴金华参加活动。"),
    ]
    assert rows[0]["start"] == record_a().relations[1].evidence.start


@given(
    st.lists(
        st.builds(
            Evidence, st.text(max_size=8), st.integers(0, 10**6), st.integers(0, 10**6), st.text(max_size=40)
        ),
        max_size=5,
    )
)
def test_evidence_props_give_back_every_item_in_order(items: list[Evidence]) -> None:
    """Any text (quotes, backslashes, line breaks) comes back as written: nothing is parsed."""
    props = evidence_to_props(items)
    assert len({len(values) for values in props.values()}) == 1  # parallel lists
    assert evidence_from_props(props) == sorted(set(items))
    assert evidence_from_props({}) == []


def test_documents_figures_find_and_mentions(hand_store: LocalStore) -> None:
    documents = ask(hand_store, "documents")
    assert [(r["document"], r["people"], r["figures"]) for r in documents] == [
        ("hand-c", 1, 0),
        ("hand-a", 4, 1),
        ("hand-b", 2, 0),
    ]
    figures = ask(hand_store, "figures-by-programme", programme="百岗")
    assert [(r["owner"], r["figure"], r["value"], r["unit"], r["subject"]) for r in figures] == [
        ("百岗大练兵行动", "826名干部", 826, "名", "干部")
    ]
    found = ask(hand_store, "find-entity", text="组织部")
    assert [(r["label"], r["key"]) for r in found] == [("Organization", "organization:平湖市委组织部")]
    mentions = ask(hand_store, "mentions", name="吴金华")
    assert [(r["document"], r["texts"]) for r in mentions] == [
        ("hand/hand-a.txt", ["吴金华"]),
        ("hand/hand-b.txt", ["吴金华"]),
    ]


def test_who_leads_what_on_the_seeds_has_one_row_per_extracted_position(
    seed_records: Any, tmp_path: Path
) -> None:
    records = seed_records()
    store = LocalStore(tmp_path)
    store.load(records)
    expected = set()
    for record in records:
        people = {e.id for e in record.entities if e.type == "Person"}
        for relation in record.relations:
            if relation.type in ("HOLDS_POSITION", "LEADS") and relation.source in people and relation.target:
                expected.add(
                    (relation.source, relation.target, str(relation.properties.get("title") or "").strip())
                )
    rows = ask(store, "who-leads-what")
    assert len(rows) == len(expected)
    graph_rows = ask(store, "who-leads-what-graph")
    assert {(r["person_key"], r["target_key"], r["title"]) for r in graph_rows} == expected


# --- ordering and output --------------------------------------------------------------------------


@given(st.lists(st.one_of(st.none(), st.integers(-5, 5)), max_size=12))
def test_cypher_order_puts_nulls_last_ascending_and_first_descending(values: list[int | None]) -> None:
    rows = [{"v": v} for v in values]
    ascending = [row["v"] for row in cypher_order(rows, ["v"])]
    descending = [row["v"] for row in cypher_order(rows, [("v", False)])]
    numbers = sorted(v for v in values if v is not None)
    nulls = [None] * values.count(None)
    assert ascending == [*numbers, *nulls]
    assert descending == [*nulls, *reversed(numbers)]


CJK = st.text(alphabet=st.sampled_from("平湖市委组织部长吴金华abcXYZ0123 ·—（）"), max_size=12)


@given(st.lists(st.tuples(CJK, CJK, st.integers(0, 9999)), min_size=1, max_size=6))
def test_tables_stay_aligned_with_chinese_text(rows: list[tuple[str, str, int]]) -> None:
    """Every column starts at the same terminal column on every line, whatever mix of wide (CJK)
    and narrow characters the cells hold."""
    table = format_table([{"a": a, "b": b, "n": n} for a, b, n in rows], ["a", "b", "n"])
    lines = table.splitlines()
    assert lines[-1] == f"({len(rows)} row{'s' if len(rows) != 1 else ''})"
    separator = lines[1]
    gaps = [i for i, ch in enumerate(separator) if ch == " "]
    for line in [lines[0], *lines[2:-1]]:
        by_column: dict[int, str] = {}
        position = 0
        for ch in line:
            by_column[position] = ch
            position += display_width(ch)
        assert all(by_column.get(gap, " ") == " " for gap in gaps), line
    for line in lines[2:-1]:  # the number column is right-aligned, so rows fill the whole width
        assert display_width(line) == len(separator)


def test_a_table_cell_shows_evidence_maps_as_json_without_line_breaks() -> None:
    item = {"doc": "hand-a", "start": 8, "end": 25, "text": "市委常委、组织部长\n吴金华主持会议。"}
    assert cell_text([item]) == '{"doc": "hand-a", "start": 8, "end": 25, "text": "市委常委、组织部长\\n吴金华主持会议。"}'
    assert cell_text({"doc": "d", "text": "甲\n乙"}) == '{"doc": "d", "text": "甲\\n乙"}'


def test_csv_output_reads_back_with_lists_as_json() -> None:
    rows = [{"person": "吴金华", "dates": ["2021-12-20"], "leads": True, "n": 2, "none": None}]
    text = format_csv(rows, ["person", "dates", "leads", "n", "none"])
    read = list(csv.DictReader(io.StringIO(text)))
    assert read == [{"person": "吴金华", "dates": '["2021-12-20"]', "leads": "true", "n": "2", "none": ""}]


# --- the commands ---------------------------------------------------------------------------------


def kg(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadregraph.pipeline.cli", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_kg_query_lists_and_prints_saved_queries(tmp_path: Path) -> None:
    listed = kg("query", "--list", cwd=tmp_path)
    assert listed.returncode == 0
    assert len(listed.stdout.splitlines()) == len(load_queries())
    assert any(
        line.startswith("who-leads-what ") and "org?, place?" in line for line in listed.stdout.splitlines()
    )
    printed = kg("query", "--print", "who-leads-what", cwd=tmp_path)
    assert printed.stdout == get_query("who-leads-what").cypher


def test_kg_build_query_load_and_delete_on_the_local_store(hand_records: Any, tmp_path: Path) -> None:
    seed = REPO / "seeds" / "004_8658860eb72b6ef5.txt"
    built = kg("build", str(seed), "--data-dir", "kg", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "1 added" in built.stdout and re.search(r"nodes \d+: Document 1, Person \d+", built.stdout)
    documents = json.loads(
        kg("query", "documents", "--format", "json", "--data-dir", "kg", cwd=tmp_path).stdout
    )
    assert [d["document"] for d in documents] == ["004_8658860eb72b6ef5"]

    records = "\n".join(record.model_dump_json() for record in hand_records()) + "\n"
    (tmp_path / "hand.jsonl").write_text(records + "not json\n", encoding="utf-8")
    loaded = kg("load", "hand.jsonl", "--data-dir", "kg", cwd=tmp_path)
    assert loaded.returncode == 1  # the bad line is reported, the good ones are loaded
    assert "hand.jsonl:4: not a record" in loaded.stderr and "Traceback" not in loaded.stderr
    assert "3 added" in loaded.stdout
    piped = kg("load", "-", "--data-dir", "kg", cwd=tmp_path, stdin=records)
    assert piped.returncode == 0 and "3 unchanged" in piped.stdout

    table = kg("query", "who-leads-what", "-p", "org=组织部", "--data-dir", "kg", cwd=tmp_path)
    assert table.returncode == 0 and "吴金华" in table.stdout and "组织部长" in table.stdout
    deleted = kg("delete", "hand-b", "--data-dir", "kg", cwd=tmp_path)
    assert deleted.returncode == 0 and deleted.stdout.startswith("deleted hand-b")
    missing = kg("delete", "hand-b", "--data-dir", "kg", cwd=tmp_path)
    assert missing.returncode == 1 and "no document 'hand-b'" in missing.stderr
    after = json.loads(kg("query", "documents", "--format", "json", "--data-dir", "kg", cwd=tmp_path).stdout)
    assert sorted(d["document"] for d in after) == ["004_8658860eb72b6ef5", "hand-a", "hand-c"]


def test_user_errors_are_one_line_without_a_traceback(tmp_path: Path) -> None:
    cases = [
        (("query", "who-leads-everything"), {}),
        (("query", "person-profile"), {}),
        (("export", "--center", "没有这个人", "--format", "json", "--out", "x.json"), {}),
        (
            ("query", "documents", "--store", "neo4j"),
            {"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "x"},
        ),
    ]
    for args, env in cases:
        result = kg(*args, cwd=tmp_path, env=env)
        assert result.returncode != 0, args
        lines = [line for line in result.stderr.splitlines() if not line.startswith("kg: note:")]
        assert len(lines) == 1 and lines[0].startswith("kg: "), (args, result.stderr)
        assert "Traceback" not in result.stderr


# --- a .cypher file from outside queries/ (issue 12) -----------------------------------------------


def _outside_copy(tmp_path: Path, name: str = "documents") -> Path:
    """A saved query copied outside queries/, as a user's own file would be."""
    path = tmp_path / "mine" / f"{name}.cypher"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(get_query(name).cypher, encoding="utf-8")
    return path


def test_a_cypher_file_from_outside_queries_needs_allow_file(tmp_path: Path, monkeypatch: Any) -> None:
    from cadregraph.graph.saved_queries import QueryError

    outside = _outside_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    for name in (str(outside), str(outside.with_suffix("")), "../mine/documents", "mine/documents.cypher"):
        with pytest.raises(QueryError) as refused:
            get_query(name)
        assert str(refused.value) == (
            f"{name!r} is a path, not a saved query name; to run a .cypher file from outside "
            "queries/ add --allow-file"
        )
    assert get_query("mine/documents.cypher", allow_file=True).path == Path("mine/documents.cypher")
    # The command: one line, nothing run, nothing printed (before: it ran the file).
    for args in (("query", str(outside)), ("query", "--print", str(outside))):
        result = kg(*args, "--data-dir", "kg", cwd=tmp_path)
        assert (result.returncode, result.stdout) == (2, ""), args
        assert result.stderr.splitlines() == [
            f"kg: {str(outside)!r} is a path, not a saved query name; to run a .cypher file from outside "
            "queries/ add --allow-file"
        ]


def test_allow_file_prints_the_file_and_the_local_store_refuses_to_guess(tmp_path: Path) -> None:
    outside = _outside_copy(tmp_path)
    printed = kg("query", "--print", str(outside), "--allow-file", cwd=tmp_path)
    assert (printed.returncode, printed.stdout) == (0, outside.read_text(encoding="utf-8"))
    local = kg("query", str(outside), "--allow-file", "--data-dir", "kg", cwd=tmp_path)
    assert local.returncode == 2
    assert local.stderr.splitlines()[-1] == (
        f"kg: {outside}: the local store answers only the saved queries; run a .cypher file with --store neo4j"
    )
    missing = kg("query", str(tmp_path / "nope.cypher"), "--allow-file", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (
        2,
        f"kg: {tmp_path / 'nope.cypher'}: no such .cypher file\n",
    )
    # Saved names are unchanged, with or without the flag.
    saved = kg("query", "documents", "--allow-file", "--data-dir", "kg", cwd=tmp_path)
    assert saved.returncode == 0, saved.stderr


def test_allow_file_runs_the_file_on_neo4j_read_only(
    hand_records: Any, neo4j_store: Any, tmp_path: Path
) -> None:
    from cadregraph.graph.neo4j_store import read_env_file

    neo4j_store.load(hand_records())
    env = {**read_env_file(REPO / ".env"), "NEO4J_URI": neo4j_store.uri}
    outside = _outside_copy(tmp_path)
    ran = kg(
        "query", str(outside), "--allow-file", "--store", "neo4j", "--format", "json", cwd=tmp_path, env=env
    )
    assert ran.returncode == 0, ran.stderr
    assert sorted(row["document"] for row in json.loads(ran.stdout)) == ["hand-a", "hand-b", "hand-c"]
    refused = kg("query", str(outside), "--store", "neo4j", cwd=tmp_path, env=env)
    assert refused.returncode == 2 and "add --allow-file" in refused.stderr
