"""`kg export`: which subgraph is taken, and every format read back (graphml and JSON with networkx,
CSV with the csv module, Cypher statement by statement, Markdown, PNG/SVG with real CJK glyphs).
Running the Cypher script in a real Neo4j is in tests/test_store_parity.py."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadregraph.graph.export import (
    DEFAULT_TYPES,
    ExportError,
    Subgraph,
    cypher_script,
    cypher_statements,
    cypher_string,
    export,
    find_cjk_font,
    markdown_report,
    node_link,
    parse_types,
    select_subgraph,
)
from cadregraph.graph.local_store import LocalStore
from cadregraph.graph.model import GraphDump

WU = ("Person", "person:吴金华")
ORG = ("Organization", "organization:平湖市委组织部")


@pytest.fixture(scope="module")
def store(hand_records: Any, tmp_path_factory: Any) -> LocalStore:
    local = LocalStore(tmp_path_factory.mktemp("export"))
    local.load(hand_records())
    return local


@pytest.fixture(scope="module")
def around_wu(store: LocalStore) -> Subgraph:
    return select_subgraph(store, "吴金华", 2)


# --- the subgraph -----------------------------------------------------------------------------------


def test_hops_and_types_choose_the_subgraph(store: LocalStore) -> None:
    zero = select_subgraph(store, "吴金华", 0)
    assert list(zero.graph.nodes) == [WU] and zero.graph.rels == {}
    one = select_subgraph(store, "吴金华", 1)
    assert set(one.graph.nodes) == {WU, ORG, ("Organization", "organization:中共平湖市委")}
    assert all(rel_type != "MENTIONS" for rel_type, *_ in one.graph.rels)
    # 常委, 组织部长 (HOLDS_POSITION), 组织部长 (LEADS), and the PART_OF between the two organisations
    assert sorted((t, rk) for t, *_, rk in one.graph.rels) == [
        ("HOLDS_POSITION", "常委"),
        ("HOLDS_POSITION", "组织部长"),
        ("LEADS", "组织部长"),
        ("PART_OF", ""),
    ]
    two = select_subgraph(store, "吴金华", 2, parse_types("holds_position"))
    assert {key for _, key in two.graph.nodes} == {
        "person:吴金华",
        "person:朱娜",
        "person:仲旭东",
        "organization:平湖市委组织部",
        "organization:中共平湖市委",
    }
    assert {rel_type for rel_type, *_ in two.graph.rels} == {"HOLDS_POSITION"}
    by_alias = select_subgraph(store, "市公务员局", 1)
    assert ("Person", "person:朱娜") in by_alias.graph.nodes
    by_key = select_subgraph(store, "organization:平湖市委组织部", 0)
    assert list(by_key.graph.nodes) == [ORG]


def test_unknown_center_and_types_are_clear_errors(store: LocalStore) -> None:
    with pytest.raises(ExportError, match="no entity named '王五'"):
        select_subgraph(store, "王五", 1)
    with pytest.raises(ExportError, match="unknown relationship type 'BOSS_OF'"):
        parse_types("LEADS,BOSS_OF")
    assert parse_types(None) == DEFAULT_TYPES and "MENTIONS" not in DEFAULT_TYPES


def test_documents_behind_the_subgraph_come_along(around_wu: Subgraph) -> None:
    # 百岗大练兵行动 (run by 平湖市委组织部, two steps away) is also named in hand-c
    assert sorted(around_wu.documents) == ["hand-a", "hand-b", "hand-c"]
    assert around_wu.documents["hand-b"]["date"] == "2022-03-05"


# --- formats, read back -------------------------------------------------------------------------------


def test_graphml_reads_back_with_networkx(around_wu: Subgraph, tmp_path: Path) -> None:
    path = tmp_path / "wu.graphml"
    export(around_wu, "graphml", path)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == len(around_wu.graph.nodes)
    assert graph.number_of_edges() == len(around_wu.graph.rels)
    node = graph.nodes["Person/person:吴金华"]
    assert node["label"] == "Person" and node["name"] == "吴金华"
    assert json.loads(node["docs"]) == ["hand-a", "hand-b"]  # lists become JSON strings
    holds = [
        attrs
        for a, b, attrs in graph.edges(data=True)
        if a == "Person/person:吴金华"
        and b == "Organization/organization:平湖市委组织部"
        and attrs["type"] == "LEADS"
    ]
    assert (
        len(holds) == 1 and holds[0]["title"] == "组织部长" and holds[0]["confidence"] == pytest.approx(0.9)
    )
    assert json.loads(holds[0]["evidence_texts"]) == ["市委常委、组织部长吴金华主持会议。"]
    assert json.loads(holds[0]["evidence_docs"]) == ["hand-a"]


def test_json_is_node_link_and_reads_back_exactly(around_wu: Subgraph, tmp_path: Path) -> None:
    path = tmp_path / "wu.json"
    export(around_wu, "json", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["graph"]["format"] == "cadregraph-export" and data["graph"]["version"] == 1
    graph = nx.node_link_graph(data, edges="edges")
    read_nodes = {
        (attrs["label"], attrs["key"]): {k: v for k, v in attrs.items() if k not in ("label", "key")}
        for _, attrs in graph.nodes(data=True)
    }
    assert read_nodes == around_wu.graph.nodes
    read_rels = {
        (
            attrs["type"],
            graph.nodes[a]["label"],
            graph.nodes[a]["key"],
            graph.nodes[b]["label"],
            graph.nodes[b]["key"],
            attrs["rel_key"],
        ): {k: v for k, v in attrs.items() if k not in ("type", "rel_key")}
        for a, b, attrs in graph.edges(data=True)
    }
    assert read_rels == around_wu.graph.rels
    assert data == node_link(around_wu)


def _typed(cell: str, kind: str, delimiter: str) -> Any:
    if kind.endswith("[]"):
        return [_typed(item, kind[:-2], delimiter) for item in cell.split(delimiter)] if cell else []
    if cell == "":
        return None
    if kind == "long":
        return int(cell)
    if kind == "double":
        return float(cell)
    if kind == "boolean":
        return cell == "true"
    return cell


def _read_csv(path: Path, delimiter: str = ";") -> list[dict[str, Any]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = []
        for line in reader:
            row = {}
            for name, cell in zip(header, line, strict=True):
                prop, _, kind = name.partition(":")
                row[prop or name] = _typed(cell, kind if prop else "", delimiter)
            rows.append(row)
    return rows


def test_csv_is_neo4j_admin_format_with_a_bom_and_reads_back(around_wu: Subgraph, tmp_path: Path) -> None:
    summary = export(around_wu, "csv", tmp_path / "csv")
    nodes_path, rels_path, readme = summary.paths
    raw = nodes_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and rels_path.read_bytes().startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert (
        header.startswith("key:ID,name,:LABEL,")
        and "aliases:string[]" in header
        and "docs:string[]" in header
    )
    assert rels_path.read_text(encoding="utf-8-sig").startswith(":START_ID,:END_ID,:TYPE,rel_key,")
    assert "--array-delimiter=';'" in readme.read_text(encoding="utf-8")

    # An empty cell is an absent property for neo4j-admin, so an empty list and no property read alike.
    nodes = {}
    for row in _read_csv(nodes_path):
        props = {k: v for k, v in row.items() if k not in ("key", ":LABEL") and v not in (None, [])}
        nodes[(row[":LABEL"], row["key"])] = props
    expected_nodes = {
        node: {k: v for k, v in props.items() if v != []} for node, props in around_wu.graph.nodes.items()
    }
    assert nodes == expected_nodes
    rels = {}
    labels = {key: label for label, key in around_wu.graph.nodes}
    for row in _read_csv(rels_path):
        props = {
            k: v
            for k, v in row.items()
            if k not in (":START_ID", ":END_ID", ":TYPE", "rel_key") and v is not None
        }
        rel_id = (
            row[":TYPE"],
            labels[row[":START_ID"]],
            row[":START_ID"],
            labels[row[":END_ID"]],
            row[":END_ID"],
            row["rel_key"] or "",
        )
        rels[rel_id] = props
    assert rels == around_wu.graph.rels


def test_csv_picks_an_array_delimiter_that_no_value_contains(build_record: Any, tmp_path: Path) -> None:
    text = "市委书记张三;李四出席。"
    record = build_record(
        "semi",
        text,
        None,
        [("Person", "张三;李四", []), ("Organization", "中共平湖市委", ["市委"])],
        [("HOLDS_POSITION", "张三;李四", "中共平湖市委", {"title": "书记"}, text)],
    )
    local = LocalStore(tmp_path / "store")
    local.load([record])
    sub = select_subgraph(local, "张三;李四", 1)
    paths = export(sub, "csv", tmp_path / "csv").paths
    assert "--array-delimiter='|'" in paths[2].read_text(encoding="utf-8")
    rows = _read_csv(paths[1], delimiter="|")
    assert rows[0]["evidence_texts"] == [text]


def test_cypher_script_has_one_statement_per_line_and_only_model_labels(around_wu: Subgraph) -> None:
    script = cypher_script(around_wu)
    statements = cypher_statements(script)
    labels = {label for label, _ in around_wu.graph.nodes}
    assert len(statements) == len(labels) + len(around_wu.graph.nodes) + len(around_wu.graph.rels)
    assert all(line.endswith(";") for line in script.splitlines() if line and not line.startswith("//"))
    assert (
        "MERGE (n:Person {key: 'person:吴金华'}) SET n += {aliases: [], docs: ['hand-a', 'hand-b'], name: '吴金华'};"
        in script
    )
    assert "MERGE (a)-[r:LEADS {rel_key: '组织部长'}]->(b)" in script


def _decode_cypher_literal(literal: str) -> str:
    r"""Cypher's string-literal escapes (\\ \' \" \n \r \t \b \f \uXXXX), decoded."""
    assert literal[0] == literal[-1] == "'"
    simple = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}
    out, i = [], 1
    while i < len(literal) - 1:
        char = literal[i]
        assert char != "'", "an unescaped quote would end the literal"
        if char == "\\":
            code = literal[i + 1]
            if code == "u":
                out.append(chr(int(literal[i + 2 : i + 6], 16)))
                i += 6
            else:
                out.append(simple[code])
                i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


@given(st.text(max_size=40))
def test_cypher_strings_escape_every_character(text: str) -> None:
    literal = cypher_string(text)
    assert "\n" not in literal and "\r" not in literal  # one statement per line
    assert _decode_cypher_literal(literal) == text


def test_markdown_report_lists_people_titles_organisations_and_evidence(around_wu: Subgraph) -> None:
    report = markdown_report(around_wu)
    assert report.startswith("# 吴金华: 2 hops\n")
    assert "| 吴金华 | 常委 @ 中共平湖市委; 组织部长 @ 平湖市委组织部 (leads) | 2 |" in report
    assert (
        "| 平湖市委组织部 | 市委组织部 | 吴金华 (组织部长) (leads); 朱娜 (干部科科长); 朱娜 (部务会议成员) |"
        in report
    )
    assert "  - “市委常委、组织部长吴金华参加活动。” — hand/hand-b.txt, 2022-03-05" in report
    assert (
        "## Documents" in report and "| hand-a | 2021-12-20 | 聚力一线攻坚破难 | hand/hand-a.txt |" in report
    )


HOSTILE_NAMES = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[点我](javascript:alert(1))",
    "![x](http://example.org/t.png)",
    "市委|组织部",
    "**组织部长** `x` ~~y~~ \\",
]


def _render_markdown(report: str) -> str:
    """HTML a permissive renderer makes of the report: CommonMark with tables, raw HTML on, and every
    link target allowed (markdown-it refuses javascript: itself; many renderers do not)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md.render(report)


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_markdown_report_shows_hostile_names_as_text(build_record: Any, tmp_path: Path, hostile: str) -> None:
    import html
    import re

    text = f"市委常委、组织部长{hostile}主持会议。"
    record = build_record(
        "hostile",
        text,
        "2021-12-20",
        [("Person", hostile, []), ("Organization", "平湖市委组织部", [hostile])],
        [("LEADS", hostile, "平湖市委组织部", {"title": hostile}, text)],
        title=hostile,
    )
    local = LocalStore(tmp_path)
    local.load([record])
    report = markdown_report(select_subgraph(local, "平湖市委组织部", 1))
    rendered = _render_markdown(report)
    assert not re.search(r"<(?!/?(?:h1|h2|p|table|thead|tbody|tr|th|td|ul|li|strong)>)", rendered), rendered
    # Every table row keeps its columns, and each cell shows the name exactly as written.
    tables = re.findall(r"<table>(.*?)</table>", rendered, flags=re.S)
    assert len(tables) >= 3
    for table in tables:
        rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
        assert len({len(re.findall(r"<t[hd]>", row)) for row in rows}) == 1, table
    cells = [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", rendered)]
    assert hostile in cells
    assert f"“{text}”" in html.unescape(rendered)


# --- drawings -------------------------------------------------------------------------------------


def test_a_cjk_font_is_found_and_has_the_glyphs() -> None:
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(find_cjk_font()))
    assert all(font.get_char_index(ord(ch)) for ch in "吴金华平湖市委组织部长百岗大练兵")


def _render(text: str) -> np.ndarray:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    fig = Figure(figsize=(2, 0.6), dpi=100)
    canvas = FigureCanvasAgg(fig)
    fig.text(0.05, 0.3, text, fontproperties=FontProperties(fname=str(find_cjk_font())), fontsize=20)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[:, :, :3].copy()


def test_chinese_labels_render_as_glyphs_not_boxes() -> None:
    """Tofu boxes look the same for every character; real glyphs differ."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        first, second = _render("吴金华"), _render("平湖市")
    assert (first < 128).any() and (second < 128).any()
    assert np.abs(first.astype(int) - second.astype(int)).sum() > 10_000


def test_png_and_svg_drawings(around_wu: Subgraph, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        png = export(around_wu, "png", tmp_path / "wu.png").paths[0]
        svg = export(around_wu, "svg", tmp_path / "wu.svg").paths[0]
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    import matplotlib.image

    image = matplotlib.image.imread(str(png))
    assert image.shape[0] > 500 and image.shape[1] > 500
    assert (np.abs(image[:, :, :3] - 1.0).sum(axis=2) > 0.3).mean() > 0.005  # something is drawn
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert len(list(root.iter("{http://www.w3.org/2000/svg}path"))) > 50  # names drawn as glyph outlines


def test_seed_neighbourhood_exports_in_every_format(seed_records: Any, tmp_path: Path) -> None:
    local = LocalStore(tmp_path / "store")
    local.load(seed_records())
    center = next(
        props["name"]
        for (label, _), props in local.dump().nodes.items()
        if label == "Organization" and "组织部" in props["name"]
    )
    sub = select_subgraph(local, center, 2)
    assert len(sub.graph.nodes) > 1
    for fmt in ("graphml", "json", "csv", "cypher", "md", "png", "svg"):
        out = tmp_path / ("csv" if fmt == "csv" else f"seed.{fmt}")
        summary = export(sub, fmt, out)
        assert summary.nodes == len(sub.graph.nodes)
        assert all(path.stat().st_size > 0 for path in summary.paths)


def test_kg_export_command(tmp_path: Path, store: LocalStore) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cadregraph.pipeline.cli",
            "export",
            "--center",
            "朱娜",
            "--hops",
            "1",
            "--types",
            "HOLDS_POSITION,LEADS",
            "--format",
            "md",
            "--out",
            str(tmp_path / "zhu.md"),
            "--data-dir",
            str(store.data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {tmp_path / 'zhu.md'}: 3 nodes, 4 relationships")
    assert "局长 @ 平湖市公务员局 (leads)" in (tmp_path / "zhu.md").read_text(encoding="utf-8")


def test_unknown_formats_are_refused() -> None:
    with pytest.raises(ExportError, match="unknown format"):
        export(Subgraph("x", 0, DEFAULT_TYPES, GraphDump()), "pdf", Path("x.pdf"))
