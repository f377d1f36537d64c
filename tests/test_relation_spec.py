"""The relation-type specification (schemas/relations.toml): what it refuses, how it loads, and that
README's diagram and graph/browser.grass show exactly the types and labels it defines."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from cadregraph.graph.model import NODE_LABELS, ModelError, graph_rows
from cadregraph.graph.person_links import LINK_TYPE
from cadregraph.schemas import RELATION_SPEC, RELATION_TYPES, DocumentRecord
from cadregraph.schemas.datafile import DataFileError
from cadregraph.schemas.relation_types import SPEC_FILE, load_relation_spec

REPO = Path(__file__).resolve().parents[1]
DOC = "pinghu-20211221-c2"


def record(relations: list[dict[str, Any]]) -> DocumentRecord:
    """A record with a person, a department, a town, a meeting, a programme and a figure, and the given relations."""

    def entity(key: str, kind: str, name: str) -> dict[str, Any]:
        return {
            "id": key,
            "type": kind,
            "name": name,
            "mentions": [{"start": 0, "end": len(name), "text": name}],
        }

    return DocumentRecord.model_validate(
        {
            "document": {"id": DOC, "source": "seeds/x.txt"},
            "entities": [
                entity("p", "Person", "吴金华"),
                entity("o", "Organization", "平湖市委组织部"),
                entity("t", "Place", "新仓镇"),
                entity("m", "Event", "全市组织工作会议"),
                entity("g", "Programme", "铁军打造工程"),
            ],
            "figures": [{"id": "f", "text": "826名", "start": 9, "end": 13, "value": 826, "unit": "名"}],
            "relations": [
                {"evidence": {"start": 0, "end": 2, "text": "据悉"}, "properties": {}, **r} for r in relations
            ],
        }
    )


def test_a_relation_between_labels_its_type_does_not_join_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"HOLDS_POSITION starts at Person, not at a Place"):
        record([{"type": "HOLDS_POSITION", "source": "t", "target": "f", "properties": {"title": "镇长"}}])
    with pytest.raises(
        ValidationError, match=r"RUNS from an Organization ends at Programme, not at an Event"
    ):
        record([{"type": "RUNS", "source": "o", "target": "m"}])
    with pytest.raises(ValidationError, match=r"PART_OF from a Place ends at Place, not at an Organization"):
        record([{"type": "PART_OF", "source": "t", "target": "o"}])
    with pytest.raises(ValidationError, match=r"AUTHORED starts at Person, not at a Document"):
        record([{"type": "AUTHORED", "source": DOC, "target": "p"}])
    with pytest.raises(ValidationError, match=r"STARTED from a Programme ends at nothing"):
        record([{"type": "STARTED", "source": "g", "target": "p", "properties": {"date": "2021"}}])


def test_relations_the_specification_allows_are_kept_and_keyed_by_its_identity() -> None:
    """The same person and meeting with roles 主持 and 出席: two relationships (ATTENDED is keyed on role);
    a byline's null target is the document; an end the record does not define is left to the model."""
    kept = record(
        [
            {"type": "HOLDS_POSITION", "source": "p", "target": "o", "properties": {"title": "部长"}},
            {"type": "HOLDS_POSITION", "source": "p", "target": "t", "properties": {"title": "镇长"}},
            {"type": "ATTENDED", "source": "p", "target": "m", "properties": {"role": "主持"}},
            {"type": "ATTENDED", "source": "p", "target": "m", "properties": {"role": "出席"}},
            {"type": "AUTHORED", "source": "p", "target": None},
            {"type": "HAS_FIGURE", "source": "o", "target": "f"},
            {"type": "RUNS", "source": "o", "target": "undefined"},
        ]
    )
    graph = graph_rows(kept)
    facts = sorted(
        (row.type, row.start_key, row.end_key, row.rel_key) for row in graph.rels if row.type != "MENTIONS"
    )
    assert facts == [
        ("ATTENDED", "p", "m", "主持"),
        ("ATTENDED", "p", "m", "出席"),
        ("AUTHORED", "p", DOC, ""),
        ("HAS_FIGURE", "o", "f", ""),
        ("HOLDS_POSITION", "p", "o", "部长"),
        ("HOLDS_POSITION", "p", "t", "镇长"),
    ]
    assert graph.unresolved == 1


def test_untitled_participations_are_told_apart_by_role() -> None:
    """获奖 and 称号 of one person in one programme, neither with a title: two relationships, not one that
    keeps whichever came first (PARTICIPATES_IN is keyed on title, else role); a title still wins."""
    kept = record(
        [
            {"type": "PARTICIPATES_IN", "source": "p", "target": "g", "properties": {"role": "获奖"}},
            {"type": "PARTICIPATES_IN", "source": "p", "target": "g", "properties": {"title": "", "role": "称号"}},
            {"type": "PARTICIPATES_IN", "source": "p", "target": "g", "properties": {"title": "学员", "role": "参训"}},
        ]
    )
    keys = sorted(row.rel_key for row in graph_rows(kept).rels if row.type == "PARTICIPATES_IN")
    assert keys == sorted(["学员", "获奖", "称号"])


def test_the_specification_names_the_types_the_records_allow() -> None:
    assert RELATION_SPEC.names() == RELATION_TYPES
    assert RELATION_SPEC["ATTENDED"].identity == ("role",)
    assert RELATION_SPEC["HOLDS_POSITION"].identity == ("title",)
    assert RELATION_SPEC.labels() == set(NODE_LABELS)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('identity = ["role"]', 'identiy = ["role"]'), r"\[ATTENDED\]: unknown key 'identiy'"),
        (('identity = ["role"]', ""), r"\[ATTENDED\]: missing key 'identity'"),
        (('identity = ["role"]', "identity = 3"), r"ATTENDED\]\.identity: expected a list, not 3"),
        (('["Person", "Event"]', '["Person", "Meeting"]'), r"\[ATTENDED\]: unknown label Meeting"),
        (('null_target = "document"', 'null_target = "self"'), r"\[AUTHORED\]: null_target must be one of"),
        (('identity = ["role"]', 'identity = ["title"]'), r"\[ATTENDED\]: identity 'title' is not among"),
    ],
)
def test_a_misspelt_or_mistyped_key_fails_at_load(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    text = SPEC_FILE.read_text(encoding="utf-8")
    attended = text.index("[ATTENDED]") if "ATTENDED" in message else text.index("[AUTHORED]")
    old, new = change
    at = text.index(old, attended)
    broken = tmp_path / "relations.toml"
    broken.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_relation_spec(broken, NODE_LABELS)


# --- README's diagram and Neo4j Browser's style ----------------------------------------------------

# `A & B -- TYPE --> C & D` (a relationship) or `A -. TYPE .-> A` (a fact kept on the node itself).
_EDGE = re.compile(
    r"^\s*(?P<sources>[\w &]+?)\s+(?P<dots>--|-\.)\s+(?P<type>\w+)\s+(?:-->|\.->)\s+(?P<targets>[\w &]+?)\s*$"
)


def diagram_edges() -> set[tuple[str, str, str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```mermaid\ngraph LR\n(.*?)```", readme, re.S)
    assert block is not None, "README has no mermaid graph"
    edges: set[tuple[str, str, str]] = set()
    for line in block.group(1).splitlines():
        match = _EDGE.match(line)
        assert match is not None, f"not an edge of the diagram: {line!r}"
        for source in match["sources"].split("&"):
            for target in match["targets"].split("&"):
                edges.add((source.strip(), match["type"], target.strip()))
    return edges


def test_readme_diagram_shows_exactly_the_specification() -> None:
    expected = set(RELATION_SPEC.edges())
    # A type without targets keeps its facts on the source node: a dotted loop in the diagram.
    expected |= {
        (source, name, source)
        for name, spec in RELATION_SPEC.types.items()
        for source, target in spec.ends
        if not target
    }
    # MENTIONS is the model's own: every document mentions what it names.
    expected |= {("Document", "MENTIONS", label) for label in NODE_LABELS if label != "Document"}
    # SAME_AS is the graph's too: graph/person_links joins two nodes of one person on a document's word.
    expected.add(("Person", LINK_TYPE, "Person"))
    assert diagram_edges() == expected


def grass_blocks() -> dict[tuple[str, str], str]:
    text = (REPO / "graph" / "browser.grass").read_text(encoding="utf-8")
    return {
        (kind, name): body
        for kind, name, body in re.findall(r"^(node|relationship)\.(\w+) \{(.*?)^\}", text, re.S | re.M)
    }


def test_browser_style_covers_exactly_the_specification() -> None:
    blocks = grass_blocks()
    assert {name for kind, name in blocks if kind == "node"} == RELATION_SPEC.labels()
    assert {name for kind, name in blocks if kind == "relationship"} == {*RELATION_TYPES, "MENTIONS", LINK_TYPE}
    for name, spec in RELATION_SPEC.types.items():
        caption = f"{{{spec.caption}}}" if spec.caption else "<type>"
        assert f'caption: "{caption}";' in blocks[("relationship", name)], name


def test_an_id_with_two_labels_is_left_to_the_model_which_refuses_the_record() -> None:
    """Which label would the endpoint check take? Neither: the model names the real problem."""
    two = record([{"type": "HOLDS_POSITION", "source": "p", "target": "o", "properties": {"title": "部长"}}])
    data = two.model_dump(mode="json")
    data["entities"].append({"id": "p", "type": "Organization", "name": "吴金华"})
    refused = DocumentRecord.model_validate(data)
    with pytest.raises(ModelError, match="id 'p' names both a Person and an Organization"):
        graph_rows(refused)
