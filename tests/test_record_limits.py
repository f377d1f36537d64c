"""What a record may hold (issue 12, items 2 and 4): the schema bounds names, aliases, ids, texts,
lists and property values, and refuses NaN and infinite numbers, so both stores refuse the same
hostile record the same way (one line naming the file and line) and load the rest.

The records are the hand records of test_local_store.py (real sentences of the Pinghu seeds); the
hostile ones are those records with one field made hostile, as a crafted JSONL line would carry it.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from cadregraph.graph.local_store import LocalStore
from cadregraph.graph.neo4j_store import Neo4jStore, read_env_file
from cadregraph.pipeline.cli import main
from cadregraph.schemas import LIMITS, DocumentRecord, Figure

FIVE_MB = 5 * 1024 * 1024
REPO_ROOT = Path(__file__).resolve().parents[1]


def _row(record: DocumentRecord) -> dict[str, Any]:
    return record.model_dump(mode="json")


def _entity(row: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e for e in row["entities"] if e["name"] == name)


def _errors(row: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, why) of each error the schema reports for this row, read back from JSON text as kg load
    reads it (json.dumps writes NaN and Infinity literally, as a hostile file would)."""
    with pytest.raises(ValidationError) as caught:
        DocumentRecord.model_validate_json(json.dumps(row, ensure_ascii=False))
    return [(".".join(str(p) for p in e["loc"]), e["msg"]) for e in caught.value.errors()]


# --- the schema ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_nan_and_infinite_figure_values_are_refused(record_a: Any, literal: str) -> None:
    row = _row(record_a())
    text = json.dumps(row, ensure_ascii=False).replace('"value": 826', f'"value": {literal}')
    assert literal in text
    with pytest.raises(ValidationError) as caught:
        DocumentRecord.model_validate_json(text)
    (error,) = caught.value.errors()
    assert error["loc"] == ("figures", 0, "value")
    assert "finite" in error["msg"]
    with pytest.raises(ValidationError):
        Figure.model_validate({"text": "826名", "start": 0, "end": 4, "value": math.nan, "unit": "名"})


def test_finite_figure_values_still_pass() -> None:
    for value in (826, 95.5, 0, -3, 2**63 - 1):
        figure = Figure.model_validate({"text": "826名", "start": 0, "end": 4, "value": value, "unit": "名"})
        assert figure.value == value


def test_integers_past_64_bits_are_refused_as_neo4j_cannot_hold_them(record_a: Any) -> None:
    row = _row(record_a())
    row["figures"][0]["value"] = 2**63
    assert _errors(row) == [("figures.0.value", "Value error, integer out of the 64-bit range")]


def test_nan_in_a_relation_property_or_an_extra_key_is_refused(record_a: Any) -> None:
    row = _row(record_a())
    row["relations"][1]["properties"]["rank"] = math.nan
    assert _errors(row) == [
        ("relations.1.properties", "Value error, property 'rank': number must be finite, not nan")
    ]
    row = _row(record_a())
    row["figures"][0]["value_max"] = math.inf  # 6至12个月 keeps the top of a range as an extra key
    assert _errors(row) == [
        ("figures.0", "Value error, extra key 'value_max': number must be finite, not inf")
    ]


def test_a_five_megabyte_name_is_refused(record_a: Any) -> None:
    row = _row(record_a())
    _entity(row, "吴金华")["name"] = "吴金华" * (FIVE_MB // 3)
    ((where, why),) = _errors(row)
    assert where == "entities.1.name"
    assert why == f"String should have at most {LIMITS.name_chars} characters"


def test_names_at_the_limit_pass_and_one_past_it_fails(record_a: Any) -> None:
    row = _row(record_a())
    wu = _entity(row, "吴金华")
    wu["name"] = "吴" * LIMITS.name_chars
    DocumentRecord.model_validate_json(json.dumps(row, ensure_ascii=False))
    wu["name"] = "吴" * (LIMITS.name_chars + 1)
    assert [where for where, _ in _errors(row)] == ["entities.1.name"]


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("entities", 4, "aliases"), ["市委" * LIMITS.name_chars], "entities.4.aliases.0"),
        (("entities", 4, "aliases"), [f"市委{i}" for i in range(LIMITS.aliases + 1)], "entities.4.aliases"),
        (("entities", 4, "id"), "organization:" + "中共平湖市委" * 100, "entities.4.id"),
        (("document", "title"), "聚力一线攻坚破难" * 100, "document.title"),
        (("document", "id"), "hand-a" * 1000, "document.id"),
        (
            ("relations", 1, "evidence", "text"),
            "市委常委、组织部长吴金华主持会议。" * 2000,
            "relations.1.evidence.text",
        ),
        (("relations", 1, "properties", "title"), "常委" * LIMITS.property_chars, "relations.1.properties"),
        (("relations", 1, "properties", "deep"), [[[[["常委"]]]]], "relations.1.properties"),
        (
            ("relations", 1, "properties", "many"),
            list(range(LIMITS.property_items + 1)),
            "relations.1.properties",
        ),
        (("figures", 0, "start"), LIMITS.document_bytes + 1, "figures.0.start"),
    ],
)
def test_every_string_list_and_offset_is_bounded(
    record_a: Any, path: tuple[Any, ...], value: Any, where: str
) -> None:
    row = _row(record_a())
    target = row
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    assert where in [w for w, _ in _errors(row)]


def test_the_seeds_hand_records_are_within_the_limits(record_a: Any, record_b: Any, record_c: Any) -> None:
    for record in (record_a(), record_b(), record_c()):
        DocumentRecord.model_validate_json(record.model_dump_json())


def test_kg_schema_publishes_the_limits(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    entity = schema["$defs"]["Entity"]["properties"]
    assert entity["name"]["maxLength"] == LIMITS.name_chars
    assert entity["aliases"]["maxItems"] == LIMITS.aliases


# --- both stores --------------------------------------------------------------------------------------


def _hostile_file(record_a: Any, record_b: Any, record_c: Any, tmp_path: Path) -> tuple[Path, list[str]]:
    """Four lines: a good record, one with a 5 MB name, one with a NaN figure, another good one."""
    huge = _row(record_b())
    _entity(huge, "朱娜")["name"] = "朱娜" * (FIVE_MB // 2)
    nan = _row(record_c())
    nan["figures"] = [{**_row(record_a())["figures"][0], "value": math.nan}]
    lines = [json.dumps(row, ensure_ascii=False) for row in (_row(record_a()), huge, nan)]
    good = _row(record_c())
    good["document"]["id"] = "hand-d"
    lines.append(json.dumps(good, ensure_ascii=False))
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = [
        f"kg: {path}:2: not a record (entities.0.name: String should have at most {LIMITS.name_chars} characters)",
        f"kg: {path}:3: not a record (figures.0.value: Value error, number must be finite, not nan)",
    ]
    return path, expected


def _kg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadregraph.pipeline.cli", *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_the_local_store_refuses_the_hostile_records_and_loads_the_rest(
    record_a: Any, record_b: Any, record_c: Any, tmp_path: Path
) -> None:
    path, expected = _hostile_file(record_a, record_b, record_c, tmp_path)
    data = tmp_path / "kg-data"
    done = _kg("load", str(path), "--store", "local", "--data-dir", str(data))
    assert (done.returncode, done.stderr.splitlines()) == (1, expected)
    assert _documents(LocalStore(data)) == ["hand-a", "hand-d"]
    # graph.json is JSON: no bare NaN anywhere.
    json.loads((data / "graph.json").read_text(encoding="utf-8"), parse_constant=_no_constant)


def _documents(store: LocalStore | Neo4jStore) -> list[str]:
    return sorted(key for label, key in store.dump().nodes if label == "Document")


def _no_constant(name: str) -> None:
    raise AssertionError(f"graph.json holds {name}, which is not JSON")


def test_both_stores_refuse_the_same_records_the_same_way(
    record_a: Any, record_b: Any, record_c: Any, neo4j_store: Neo4jStore, tmp_path: Path
) -> None:
    # kg load --store neo4j must reach the server the fixture emptied: the one .env names.
    env = {**read_env_file(REPO_ROOT / ".env"), "NEO4J_URI": neo4j_store.uri}
    path, expected = _hostile_file(record_a, record_b, record_c, tmp_path)
    data = tmp_path / "kg-data"
    local = _kg("load", str(path), "--store", "local", "--data-dir", str(data))
    neo4j = _kg("load", str(path), "--store", "neo4j", env=env)
    assert (local.returncode, local.stderr.splitlines()) == (1, expected)
    assert (neo4j.returncode, neo4j.stderr.splitlines()) == (1, expected)
    assert neo4j_store.counts() == LocalStore(data).counts()
    assert neo4j_store.dump() == LocalStore(data).dump()
    assert _documents(neo4j_store) == ["hand-a", "hand-d"]
