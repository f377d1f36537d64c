"""The same person across documents (issue 13): the evidence extraction emits, the SAME_AS links the graph
step draws from it in both stores, and the merge/split overrides that survive re-extraction and re-load.

The documents are real text (tests/person_links/README.md): 任泽锋 as 黄山市委书记 in a 黄山 report (p01),
as 淮南市委书记 in a 淮南 chronicle (p04) and notice (p03); p02 ties the two places
(前任黄山市委书记任泽锋调任淮南市委书记)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cadregraph.graph.local_store import LocalStore
from cadregraph.graph.person_links import (
    LINK_TYPE,
    OverrideError,
    Overrides,
    apply_links,
    read_overrides,
    write_overrides,
)
from cadregraph.graph.queries import run_query
from cadregraph.graph.saved_queries import get_query
from cadregraph.pipeline.batch import ExtractionRun
from cadregraph.schemas import DocumentRecord

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "tests" / "person_links" / "articles"
HUANGSHAN = "person:黄山市:任泽锋"
HUAINAN = "person:淮南市:任泽锋"
TIE = "p02_61875f83"


@pytest.fixture(scope="module")
def records() -> dict[str, DocumentRecord]:
    done = subprocess.run(
        [sys.executable, "-m", "cadregraph.pipeline.cli", "extract", str(ARTICLES), "--workers", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    found = [DocumentRecord.model_validate_json(line) for line in done.stdout.splitlines() if line.strip()]
    return {record.document.id: record for record in found}


@pytest.fixture(params=["local", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "local":
        return LocalStore(tmp_path / "kg")
    request.applymarker(pytest.mark.neo4j)
    return request.getfixturevalue("neo4j_store")


def links_of(store: Any, person: str | None = None) -> list[dict[str, Any]]:
    return run_query(store, get_query("person-links"), {"person": person} if person else {})


def career(store: Any, person: str) -> list[tuple[str, str, str]]:
    rows = run_query(store, get_query("career"), {"person": person})
    return [(row["person_key"], row["organisation"], row["identity"]) for row in rows]


# --- extraction: the post left -------------------------------------------------------------------


def _former(tmp_path: Path, text: str, place: str | None) -> set[tuple[str, str, str | None, str | None]]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"place": place} if place else {}), encoding="utf-8")
    run = ExtractionRun("lac", None)
    (record,) = list(run.records([str(path)]))
    assert run.failures == 0
    names = {entity.id: entity.name for entity in record.entities}
    return {
        (
            names[relation.source],
            str(relation.properties["title"]),
            relation.properties.get("former_title"),
            relation.properties.get("former_organization"),
        )
        for relation in record.relations
        if relation.type == "APPOINTED_TO"
    }


def test_a_transfer_names_the_post_left(tmp_path: Path) -> None:
    # https://bbs.mala.cn/thread-16142481-1-1.html
    sentence = "江西南昌市委书记吴晓军调任青海省委副书记,吉林长春市委书记王凯调任河南省副省长、代理省长,晋升为正省级领导干部。"
    found = _former(tmp_path, sentence, None)
    # the province before its own city's body adds nothing to the name (canonical._without_province)
    assert ("吴晓军", "副书记", "书记", "南昌市委") in found
    assert ("王凯", "副省长", "书记", "长春市委") in found


def test_a_former_marker_names_the_post_left(tmp_path: Path) -> None:
    # https://www.nanmuxuan.com/complex/qiisewndwgi.html: 前任 opens the post; canonical with the home place.
    assert (ARTICLES / f"{TIE}.txt").read_text(encoding="utf-8").startswith("据悉,前任黄山市委书记任泽锋")
    sentence = "据悉,前任黄山市委书记任泽锋调任淮南市委书记。"
    assert _former(tmp_path, sentence, "黄山市") == {("任泽锋", "书记", "书记", "中共黄山市委")}
    # http://usa.fjsen.com/2015-03/07/content_15770918_2.htm: 原 before the organisation, verb 升任.
    assert _former(tmp_path, "在国资委,原人事局局长刘强升任国资委副主任,跻身副部级。", None) == {
        ("刘强", "副主任", "局长", "人事局")
    }


def test_a_post_kept_or_no_post_named_is_no_post_left(tmp_path: Path) -> None:
    # 兼任 keeps the post named before the name (漳州市委常委沈志平兼任…): no post left.
    line = next(
        ln
        for ln in (REPO / "tests/notices/articles/n03_76f296ab.txt").read_text(encoding="utf-8").splitlines()
        if "兼任" in ln
    )
    assert all(former is None for _, _, former, _ in _former(tmp_path, line, "漳州市"))
    # https://www.nanmuxuan.com/complex/qiisewndwgi.html: 调任 with no post written before the name.
    sentence = "2008年5月,凌云调任合肥市委常委、市委组织部部长,2013年任合肥市委副书记,2016年任合肥市长至今。"
    found = _former(tmp_path, sentence, None)
    assert any(person == "凌云" for person, *_ in found)
    assert all(former is None for _, _, former, _ in found)
    # A notice without a post before the name: 任泽锋同志任淮南市委委员、常委、书记.
    text = (ARTICLES / "p03_61875f83.txt").read_text(encoding="utf-8")
    found = _former(tmp_path, text, "淮南市")
    assert {title for _, title, _, _ in found} == {"委员", "常委", "书记"}
    assert all(former is None for _, _, former, _ in found)


# --- the graph step -------------------------------------------------------------------------------


def test_the_same_name_alone_links_nothing(store: Any, records: dict[str, DocumentRecord]) -> None:
    store.load([record for doc, record in records.items() if doc != TIE])
    report = apply_links(store, Overrides())
    assert report.links == [] and links_of(store) == []
    rows = career(store, "任泽锋")
    assert {key for key, _, _ in rows} == {HUANGSHAN, HUAINAN}
    assert all(identity == key for key, _, identity in rows)  # two people as far as the graph knows


def test_a_document_that_ties_the_places_links_them(store: Any, records: dict[str, DocumentRecord]) -> None:
    store.load(list(records.values()))
    apply_links(store, Overrides())
    [link] = links_of(store, "任泽锋")
    assert (link["person_key"], link["other_key"], link["kind"]) == (HUAINAN, HUANGSHAN, "evidence")
    assert link["documents"] == [TIE]
    assert [item["text"] for item in link["evidence"]] == ["据悉,前任黄山市委书记任泽锋调任淮南市委书记。"]
    assert [item["doc"] for item in link["evidence"]] == [TIE]
    assert "中共黄山市委 书记" in link["why"]
    rows = career(store, "任泽锋")
    assert {(key, org) for key, org, _ in rows} >= {(HUANGSHAN, "中共黄山市委"), (HUAINAN, "中共淮南市委")}
    assert {identity for _, _, identity in rows} == {HUAINAN}  # one person: the smallest key of the two
    # Deleting the document that ties them removes the link at the next relink.
    store.delete_document(TIE)
    assert apply_links(store, Overrides()).links == [] and links_of(store) == []


def test_overrides_split_veto_and_merge_link_and_both_stores_agree(
    records: dict[str, DocumentRecord], neo4j_store: Any, tmp_path: Path
) -> None:
    local = LocalStore(tmp_path / "kg")
    overrides = Overrides()
    overrides.split(HUANGSHAN, HUAINAN, "")
    overrides.merge("person:黄山市:孔晓宏", "person:黄山市:吴建春", "test: two people merged by hand")
    for store in (local, neo4j_store):
        store.load(list(records.values()))
        report = apply_links(store, overrides)
        assert (report.vetoed, [(link.a, link.b, link.kind) for link in report.links]) == (
            1,
            [("person:黄山市:吴建春", "person:黄山市:孔晓宏", "merge")],
        )
    assert local.dump() == neo4j_store.dump()
    assert career(local, "孔晓宏") == career(neo4j_store, "孔晓宏")
    assert links_of(local) == links_of(neo4j_store) and len(links_of(local)) == 1
    for person in ("任泽锋", "吴建春"):
        assert run_query(local, get_query("career"), {"person": person}) == run_query(
            neo4j_store, get_query("career"), {"person": person}
        )
    assert {identity for _, _, identity in career(local, "孔晓宏")} == {"person:黄山市:吴建春"}
    assert {r[0] for r in career(local, "孔晓宏")} == {"person:黄山市:孔晓宏", "person:黄山市:吴建春"}


def test_the_override_file_round_trips_and_refuses_nonsense(tmp_path: Path) -> None:
    path = tmp_path / "person-overrides.toml"
    overrides = Overrides()
    overrides.merge(HUANGSHAN, HUAINAN, 'says "the same"')
    overrides.split("person:-:王凯", "person:长春市:王凯", "")
    write_overrides(path, overrides)
    again = read_overrides(path)
    assert again.merges == {(HUAINAN, HUANGSHAN): 'says "the same"'}
    assert again.splits == {("person:-:王凯", "person:长春市:王凯"): ""}
    again.split(HUANGSHAN, HUAINAN, "")  # the last decision on a pair wins
    assert again.merges == {} and (HUAINAN, HUANGSHAN) in again.splits
    with pytest.raises(OverrideError):
        overrides.merge(HUANGSHAN, HUANGSHAN, "")
    with pytest.raises(OverrideError):
        overrides.merge("organization:中共黄山市委", HUANGSHAN, "")
    path.write_text("[[merge]]\na = 1\n", encoding="utf-8")
    with pytest.raises(OverrideError):
        read_overrides(path)


# --- the commands: overrides survive kg build and kg load, on both stores ---------------------------


def kg(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadregraph.pipeline.cli", *args],
        cwd=REPO,  # the repository's .env names the test server
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_kg_split_and_merge_survive_kg_build_again(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "kg")]
    built = kg(tmp_path, "build", str(ARTICLES), "--workers", "1", *data)
    assert built.returncode == 0, built.stderr
    assert "person links 1: 1 from evidence" in built.stdout
    split = kg(tmp_path, "split", HUANGSHAN, HUAINAN, *data)
    assert split.returncode == 0, split.stderr
    assert "0 from evidence, 0 merged by override, 1 vetoed by a split" in split.stdout
    merge = kg(tmp_path, "merge", "person:黄山市:孔晓宏", "person:黄山市:吴建春", "--why", "by hand", *data)
    assert merge.returncode == 0, merge.stderr
    assert (tmp_path / "kg" / "person-overrides.toml").is_file()
    again = kg(tmp_path, "build", str(ARTICLES), "--workers", "1", *data)
    assert again.returncode == 0, again.stderr
    assert "person links 1: 0 from evidence, 1 merged by override, 1 vetoed by a split" in again.stdout
    store = LocalStore(tmp_path / "kg")
    [link] = links_of(store)
    assert (link["kind"], link["why"]) == ("merge", "by hand")
    bad = kg(tmp_path, "merge", HUANGSHAN, HUANGSHAN, *data)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_kg_load_applies_the_overrides_file_on_both_stores_alike(
    records: dict[str, DocumentRecord], neo4j_store: Any, tmp_path: Path
) -> None:
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(r.model_dump_json() + "\n" for r in records.values()), encoding="utf-8")
    path = tmp_path / "overrides.toml"
    for store in ("local", "neo4j"):
        common = ["--store", store, "--data-dir", str(tmp_path / "kg"), "--overrides", str(path)]
        assert kg(tmp_path, "load", str(jsonl), *common).returncode == 0
        split = kg(tmp_path, "split", HUAINAN, HUANGSHAN, *common)
        assert split.returncode == 0, split.stderr
        reloaded = kg(tmp_path, "load", str(jsonl), *common)
        assert "person links 0: 0 from evidence, 0 merged by override, 1 vetoed by a split" in reloaded.stdout
        merged = kg(tmp_path, "merge", HUAINAN, HUANGSHAN, "--why", "the same after all", *common)
        assert "person links 1: 0 from evidence, 1 merged by override, 0 vetoed" in merged.stdout
    local = LocalStore(tmp_path / "kg")
    assert local.dump() == neo4j_store.dump()
    assert [row["kind"] for row in links_of(local)] == ["merge"]
    assert LINK_TYPE in {rel_id[0] for rel_id in local.dump().rels}
