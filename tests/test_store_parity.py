"""The local (networkx) store and the Neo4j store hold the same graph and answer the same: the same
records give equal dumps and load statistics, every saved query the same rows in the same order,
every export the same files, and the exported Cypher script rebuilds the subgraph in a real Neo4j."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cadregraph.graph.export import cypher_script, cypher_statements, export, select_subgraph
from cadregraph.graph.formats import EXPORT_FORMATS
from cadregraph.graph.local_store import LocalStore
from cadregraph.graph.model import expected_graph
from cadregraph.graph.person_links import Overrides, apply_links
from cadregraph.graph.queries import run_query
from cadregraph.graph.saved_queries import get_query, load_queries
from cadregraph.graph.viz import write_who_leads_what

pytestmark = pytest.mark.neo4j


def semantic(stats: Any) -> dict[str, int]:
    """The counts both stores define the same way: documents, and nodes and relationships created or
    deleted ("updated" counts store internals too on Neo4j, so it may differ)."""
    return {k: v for k, v in stats.as_dict().items() if k not in ("nodes_updated", "rels_updated")}


# Parameters for every saved query: names from the seeds (real pipeline) and the hand-built records.
PARAMS: dict[str, list[dict[str, str]]] = {
    "who-leads-what": [
        {},
        {"org": "组织部"},
        {"place": "平湖市"},
        {"place": "新仓镇"},
        {"place": "嘉兴市"},
        {"org": "人大"},
        {"as_of": "2021-12-20"},
        {"as_of": "2021-12-31", "org": "市委"},
        {"as_of": "2020-07-01"},
        {"as_of": "2019-01-01"},
    ],
    "who-leads-what-graph": [{}, {"org": "组织部"}, {"place": "平湖"}, {"as_of": "2021-12-20"}],
    "career": [{}, {"person": "吴金华"}, {"person": "朱娜"}, {"person": "张兵"}],
    "person-links": [{}, {"person": "吴金华"}, {"person": "朱娜"}],
    "succession": [
        {"org": "组织部", "title": "组织部长"},
        {"org": "市委", "title": "书记"},
        {"org": "人大常委会", "title": "副主任"},
    ],
    "person-profile": [{"person": "吴金华"}, {"person": "朱娜"}, {"person": "胡佳英"}],
    "organisation-profile": [{"org": "平湖市委组织部"}, {"org": "市委"}, {"org": "党支部"}],
    "programme-overview": [{"programme": "铁军打造"}, {"programme": "百岗"}, {"programme": "学堂"}],
    "place-timeline": [{"place": "平湖市"}, {"place": "嘉兴市"}, {"place": "浙江省"}],
    "officials-by-place": [{}, {"place": "平湖市"}, {"place": "新仓镇"}],
    "place-hierarchy": [{}, {"place": "平湖市"}, {"place": "嘉兴市"}],
    "programmes-by-year": [{}, {"year": "2021"}, {"year": "2020"}],
    "shortest-connection": [
        {"person": "吴金华", "other": "朱娜"},
        {"person": "吴金华", "other": "仲旭东"},
        {"person": "汪锦秀", "other": "仲旭东"},
        {"person": "吴金华", "other": "张兵"},
    ],
    "co-mentioned": [{}, {"person": "吴金华"}],
    "relation-evidence": [
        {"source": "吴金华"},
        {"source": "中共平湖市委"},
        {"source": "吴金华", "type": "LEADS"},
        {"source": "朱娜", "target": "平湖市公务员局"},
    ],
    "figures-by-programme": [{}, {"programme": "铁军"}],
    "documents": [{}],
    "find-entity": [{"text": "平湖"}, {"text": "学堂"}],
    "mentions": [{"name": "吴金华"}, {"name": "平湖市"}, {"name": "市委"}],
}


@pytest.fixture(scope="module")
def stores(
    hand_records: Any, seed_records: Any, neo4j_session_store: Any, tmp_path_factory: Any
) -> Iterator[tuple[LocalStore, Any, list[Any]]]:
    """Both stores loaded with the seeds and the hand-built records, in the same order."""
    neo4j_session_store.delete_all()
    records = [*seed_records(), *hand_records()]
    local = LocalStore(tmp_path_factory.mktemp("parity"))
    local_stats = local.load(records)
    neo4j_stats = neo4j_session_store.load(records)
    assert semantic(local_stats) == semantic(neo4j_stats)
    yield local, neo4j_session_store, records
    neo4j_session_store.delete_all()


def test_both_stores_hold_the_model_graph(stores: tuple[LocalStore, Any, list[Any]]) -> None:
    local, neo4j, records = stores
    expected = expected_graph(records)
    assert local.dump() == expected
    assert neo4j.dump() == expected
    assert local.counts() == neo4j.counts()


def test_every_saved_query_gives_the_same_rows_in_the_same_order(
    stores: tuple[LocalStore, Any, list[Any]],
) -> None:
    local, neo4j, _ = stores
    queries = load_queries()
    assert set(PARAMS) == set(queries)
    linked = Overrides()  # the seed's 吴金华 and the hand records' are one person (kg merge)
    linked.merge("person:吴金华", "person:平湖市:吴金华", "parity test")
    try:
        for store in (local, neo4j):
            apply_links(store, linked)
        for name, query in queries.items():
            nonempty = 0
            for params in PARAMS[name]:
                local_rows = run_query(local, query, params)
                neo4j_rows = run_query(neo4j, query, params)
                assert local_rows == neo4j_rows, (name, params)
                assert all(list(row) == list(query.columns) for row in neo4j_rows), name
                nonempty += bool(local_rows)
            assert nonempty, f"{name}: every parameter set gave no rows; the comparison proves nothing"
    finally:  # the other tests of the module compare the model graph, which has no links
        for store in (local, neo4j):
            apply_links(store, Overrides())


def test_every_export_is_the_same_from_both_stores(
    stores: tuple[LocalStore, Any, list[Any]], tmp_path: Path
) -> None:
    local, neo4j, _ = stores
    for center, hops in (("吴金华", 2), ("平湖市委组织部", 1), ("百岗大练兵行动", 3)):
        from_local = select_subgraph(local, center, hops)
        from_neo4j = select_subgraph(neo4j, center, hops)
        assert from_local.graph == from_neo4j.graph and from_local.documents == from_neo4j.documents
        for fmt in EXPORT_FORMATS:
            outputs = []
            for side, sub in (("local", from_local), ("neo4j", from_neo4j)):
                out = tmp_path / side / ("csv" if fmt == "csv" else f"{center}.{fmt}")
                outputs.append([path.read_bytes() for path in export(sub, fmt, out).paths])
            if fmt in ("png", "svg"):
                assert all(len(files) == 1 and files[0] for files in outputs)
            else:
                assert outputs[0] == outputs[1], (center, fmt)


def test_the_picture_is_the_same_from_both_stores(
    stores: tuple[LocalStore, Any, list[Any]], tmp_path: Path
) -> None:
    local, neo4j, _ = stores
    write_who_leads_what(local, tmp_path / "local.html", place="平湖市")
    write_who_leads_what(neo4j, tmp_path / "neo4j.html", place="平湖市")
    assert (tmp_path / "local.html").read_bytes() == (tmp_path / "neo4j.html").read_bytes()


def test_replace_and_delete_agree(hand_records: Any, record_b: Any, neo4j_store: Any, tmp_path: Path) -> None:
    local = LocalStore(tmp_path)
    records = hand_records()
    assert semantic(local.load(records)) == semantic(neo4j_store.load(records))
    changed = record_b(drop=["朱娜"])
    assert semantic(local.load([changed])) == semantic(neo4j_store.load([changed]))
    assert local.dump() == neo4j_store.dump() == expected_graph([records[0], changed, records[2]])
    assert semantic(local.delete_document("hand-a")) == semantic(neo4j_store.delete_document("hand-a"))
    assert local.dump() == neo4j_store.dump() == expected_graph([changed, records[2]])
    query = get_query("who-leads-what")
    assert run_query(local, query, {}) == run_query(neo4j_store, query, {})


def test_the_cypher_export_rebuilds_the_subgraph_in_neo4j(
    build_record: Any, hand_records: Any, neo4j_store: Any, tmp_path: Path
) -> None:
    hostile = "'}) DETACH DELETE n // \\' \"引号\"\n换行"
    text = f"市委书记{hostile}主持会议。"
    record = build_record(
        "hostile",
        text,
        "2021-05-01",
        [("Person", hostile, []), ("Organization", "中共平湖市委", ["市委"])],
        [("HOLDS_POSITION", hostile, "中共平湖市委", {"title": "书记", "note": "a\\b"}, text)],
    )
    local = LocalStore(tmp_path / "store")
    local.load([*hand_records(), record])
    sub = select_subgraph(local, "中共平湖市委", 2)
    assert ("Person", f"person:{hostile}") in sub.graph.nodes
    script = cypher_script(sub)
    with neo4j_store.driver.session(database=neo4j_store.database) as session:
        for statement in cypher_statements(script):
            session.run(statement).consume()
        for statement in cypher_statements(script):  # running it twice changes nothing
            session.run(statement).consume()
    assert neo4j_store.dump() == sub.graph
    counts = neo4j_store.counts()
    for label in {label for label, _ in sub.graph.nodes}:
        assert counts[label] == sum(1 for node_label, _ in sub.graph.nodes if node_label == label)
    assert sum(counts[t] for t in {t for t, *_ in sub.graph.rels}) == len(sub.graph.rels)


def test_a_wrong_password_is_one_line_and_no_traceback(neo4j_store: Any, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "NEO4J_URI": neo4j_store.uri,
        "NEO4J_USER": neo4j_store.user,
        "NEO4J_PASSWORD": "not-it-1",
    }
    # Two attempts only: Neo4j locks the user for a few seconds after three failed logins in a row.
    for args in (["query", "documents"], ["load", "-"]):
        done = subprocess.run(
            [sys.executable, "-m", "cadregraph.pipeline.cli", *args, "--store", "neo4j"],
            cwd=tmp_path,
            env=env,
            input="",
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode != 0, args
        assert done.stderr.count("\n") == 1 and "wrong password" in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    neo4j_store.counts()  # a good login resets Neo4j's failed-login counter
