"""`kg export`: the neighbourhood of an entity, written as graphml, node-link JSON, neo4j-admin CSV, a
Cypher script, a Markdown report, or a PNG/SVG drawing.

The subgraph is the same on both stores: the entities named NAME (name, alias or key), every node
within N steps along the chosen relationship types (either direction; default every type except
MENTIONS), and every relationship of those types between the nodes reached. It is held as a
`cadregraph.graph.model.GraphDump` (no store internals), plus the Document nodes its provenance refers to,
so every format is a pure function of it and the two stores export identical files.
"""

from __future__ import annotations

import csv
import json
import math
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from cadregraph.graph.formats import EXPORT_FORMATS
from cadregraph.graph.model import (
    NODE_LABELS,
    REL_TYPES,
    GraphDump,
    NodeId,
    Props,
    check_label,
    check_rel_type,
    evidence_from_props,
)
from cadregraph.graph.queries import run_query
from cadregraph.graph.saved_queries import get_query
from cadregraph.graph.store import Store
from cadregraph.graph.tables import format_csv

DEFAULT_TYPES: tuple[str, ...] = tuple(t for t in REL_TYPES if t != "MENTIONS")
JSON_FORMAT_VERSION = 1

# Attribute names the flat formats use for identity; a property with one of these names is renamed.
_NODE_RESERVED = frozenset({"label", "key", "id"})
_REL_RESERVED = frozenset({"type", "rel_key", "source", "target", "key", "id"})
_CJK_FONT_NAMES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Serif CJK SC",
    "Noto Sans CJK JP",
    "Droid Sans Fallback",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "AR PL UMing CN",
)


class ExportError(RuntimeError):
    """A request that cannot be exported (unknown entity, format, missing CJK font); one line."""


@dataclass
class Subgraph:
    center: str
    hops: int
    types: tuple[str, ...]
    graph: GraphDump
    documents: dict[str, Props] = field(default_factory=dict)  # Document key -> its properties


# --- selecting the subgraph -----------------------------------------------------------------------


def parse_types(text: str | None) -> tuple[str, ...]:
    """`HOLDS_POSITION,LEADS` -> validated types; None or empty -> every type except MENTIONS."""
    if not text:
        return DEFAULT_TYPES
    types = [part.strip().upper() for part in text.split(",") if part.strip()]
    try:
        return tuple(dict.fromkeys(check_rel_type(t) for t in types))
    except ValueError as exc:
        raise ExportError(str(exc)) from exc


def select_subgraph(store: Store, center: str, hops: int, types: Sequence[str] = DEFAULT_TYPES) -> Subgraph:
    """The neighbourhood of `center` on either store."""
    if hops < 0:
        raise ExportError("--hops must be 0 or more")
    types = tuple(check_rel_type(t) for t in types)
    found = store.subgraph(center, hops, types)
    if not found.graph.nodes:
        raise ExportError(f"no entity named {center!r} (try: kg query find-entity -p text={center})")
    return Subgraph(center, hops, types, found.graph, found.documents)


# --- networkx form, graphml and node-link JSON ----------------------------------------------------


def node_id(label: str, key: str) -> str:
    return f"{label}/{key}"


def _flat_name(name: str, reserved: frozenset[str]) -> str:
    return f"prop_{name}" if name in reserved else name


def to_networkx(sub: Subgraph) -> nx.MultiDiGraph:
    """A MultiDiGraph: node ids "Label/key" with label, key and the properties; edge keys "TYPE:rel_key"
    with type, rel_key and the properties (lists kept as lists). Properties go in name order, so the
    files do not depend on the order a store happens to return them in."""
    graph = nx.MultiDiGraph(center=sub.center, hops=sub.hops, types=",".join(sub.types))
    for (label, key), props in sub.graph.nodes.items():
        attrs = {_flat_name(name, _NODE_RESERVED): value for name, value in sorted(props.items())}
        graph.add_node(node_id(label, key), label=label, key=key, **attrs)
    for (rel_type, start_label, start_key, end_label, end_key, rel_key), props in sub.graph.rels.items():
        attrs = {_flat_name(name, _REL_RESERVED): value for name, value in sorted(props.items())}
        graph.add_edge(
            node_id(start_label, start_key),
            node_id(end_label, end_key),
            key=f"{rel_type}:{rel_key}",
            type=rel_type,
            rel_key=rel_key,
            **attrs,
        )
    return graph


def _graphml_value(value: Any) -> Any:
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _harmonise(items: Iterable[dict[str, Any]]) -> None:
    """GraphML declares one type per attribute: lists become JSON strings; ints next to floats become
    floats; any other mix becomes strings."""
    materialised = list(items)
    kinds: dict[str, set[type]] = {}
    for attrs in materialised:
        for name, value in attrs.items():
            attrs[name] = _graphml_value(value)
            kinds.setdefault(name, set()).add(type(attrs[name]))
    for name, found in kinds.items():
        if len(found) <= 1:
            continue
        to_float = found <= {int, float}
        for attrs in materialised:
            if name in attrs:
                attrs[name] = float(attrs[name]) if to_float else str(attrs[name])


def write_graphml(sub: Subgraph, path: Path) -> None:
    graph = to_networkx(sub)
    _harmonise([attrs for _, attrs in graph.nodes(data=True)])
    _harmonise([attrs for _, _, attrs in graph.edges(data=True)])
    nx.write_graphml(graph, path, encoding="utf-8", prettyprint=True)


def node_link(sub: Subgraph) -> dict[str, Any]:
    data: dict[str, Any] = nx.node_link_data(to_networkx(sub), edges="edges")
    data["graph"]["format"] = "cadregraph-export"
    data["graph"]["version"] = JSON_FORMAT_VERSION
    data["graph"]["documents"] = {
        key: dict(sorted(props.items())) for key, props in sorted(sub.documents.items())
    }
    return data


def write_json(sub: Subgraph, path: Path) -> None:
    path.write_text(json.dumps(node_link(sub), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# --- neo4j-admin CSV ------------------------------------------------------------------------------

_ARRAY_DELIMITERS = (";", "|", "¦", "\u001f")


def _csv_type(values: Sequence[Any]) -> str:
    """The neo4j-admin header type of a column ('' for string; 'json' marks a fallback)."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "double"
    if present and all(isinstance(v, list) and all(isinstance(i, str) for i in v) for v in present):
        return "string[]"
    if present and all(isinstance(v, list) and all(type(i) is int for i in v) for v in present):
        return "long[]"
    if present and all(isinstance(v, list) and all(type(i) in (int, float) for i in v) for v in present):
        return "double[]"
    if all(isinstance(v, str) for v in present):
        return ""
    return "json"


def _array_delimiter(sub: Subgraph) -> str:
    items = [
        str(item)
        for props in [*sub.graph.nodes.values(), *sub.graph.rels.values()]
        for value in props.values()
        if isinstance(value, list)
        for item in value
    ]
    for delimiter in _ARRAY_DELIMITERS:
        if not any(delimiter in item for item in items):
            return delimiter
    raise ExportError("every array delimiter candidate occurs in the data; cannot write neo4j-admin CSV")


def _csv_cell(value: Any, kind: str, delimiter: str) -> str:
    if value is None:
        return ""
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind.endswith("[]"):
        return delimiter.join(_csv_cell(item, kind[:-2], delimiter) for item in value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return str(value)


def _header(name: str, kind: str) -> str:
    if kind == "json":
        return f"{name}:string"
    return f"{name}:{kind}" if kind else name


def write_csv(sub: Subgraph, directory: Path) -> list[Path]:
    """nodes.csv and relationships.csv in neo4j-admin import format, UTF-8 with BOM (Excel shows the
    Chinese), and import-README.txt with the import command (the array delimiter is chosen so that
    no value contains it)."""
    directory.mkdir(parents=True, exist_ok=True)
    delimiter = _array_delimiter(sub)
    node_props = sorted({name for props in sub.graph.nodes.values() for name in props} - {"name"})
    node_kinds = {
        name: _csv_type([props.get(name) for props in sub.graph.nodes.values()]) for name in node_props
    }
    nodes_path = directory / "nodes.csv"
    with open(nodes_path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["key:ID", "name", ":LABEL", *(_header(name, node_kinds[name]) for name in node_props)]
        )
        for (label, key), props in sub.graph.nodes.items():
            writer.writerow(
                [
                    key,
                    props.get("name", ""),
                    label,
                    *(_csv_cell(props.get(name), node_kinds[name], delimiter) for name in node_props),
                ]
            )
    rel_props = sorted({name for props in sub.graph.rels.values() for name in props})
    rel_kinds = {
        name: _csv_type([props.get(name) for props in sub.graph.rels.values()]) for name in rel_props
    }
    rels_path = directory / "relationships.csv"
    with open(rels_path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                ":START_ID",
                ":END_ID",
                ":TYPE",
                "rel_key",
                *(_header(name, rel_kinds[name]) for name in rel_props),
            ]
        )
        for (rel_type, _, start_key, _, end_key, rel_key), props in sub.graph.rels.items():
            writer.writerow(
                [
                    start_key,
                    end_key,
                    rel_type,
                    rel_key,
                    *(_csv_cell(props.get(name), rel_kinds[name], delimiter) for name in rel_props),
                ]
            )
    readme = directory / "import-README.txt"
    readme.write_text(
        f"cadregraph export around {sub.center} ({sub.hops} hops; types {','.join(sub.types)}).\n"
        f"{len(sub.graph.nodes)} nodes, {len(sub.graph.rels)} relationships. Files are UTF-8 with BOM.\n"
        "Import into an empty, stopped Neo4j database:\n"
        "  neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv "
        f"--array-delimiter='{delimiter if delimiter != chr(31) else chr(92) + 'u001f'}' neo4j\n",
        encoding="utf-8",
    )
    return [nodes_path, rels_path, readme]


# --- Cypher script --------------------------------------------------------------------------------

_SIMPLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def cypher_string(text: str) -> str:
    """A Cypher single-quoted string literal for any text."""
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == "'":
            out.append("\\'")
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or char in "\u2028\u2029":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def cypher_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"cannot write the number {value} in Cypher")
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_value(item) for item in value) + "]"
    return cypher_string(json.dumps(value, ensure_ascii=False, sort_keys=True))


def cypher_name(name: str) -> str:
    return name if _SIMPLE_NAME.match(name) else "`" + name.replace("`", "``") + "`"


def cypher_map(props: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{cypher_name(k)}: {cypher_value(v)}" for k, v in sorted(props.items())) + "}"


def _constraint_name(label: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", label).lower() + "_key"


def cypher_script(sub: Subgraph) -> str:
    """One statement per line: constraints, MERGE per node, MATCH+MERGE per relationship. Running it
    twice changes nothing; labels and types come only from the model lists."""
    labels = sorted({label for label, _ in sub.graph.nodes}, key=NODE_LABELS.index)
    lines = [
        f"// cadregraph export around {sub.center}: {sub.hops} hops, types {','.join(sub.types)}",
        f"// {len(sub.graph.nodes)} nodes, {len(sub.graph.rels)} relationships; run with "
        "`cypher-shell -f FILE` (one statement per line)",
    ]
    for label in labels:
        check_label(label)
        lines.append(
            f"CREATE CONSTRAINT {_constraint_name(label)} IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE;"
        )
    for (label, key), props in sub.graph.nodes.items():
        lines.append(
            f"MERGE (n:{check_label(label)} {{key: {cypher_string(key)}}}) SET n += {cypher_map(props)};"
        )
    for (rel_type, start_label, start_key, end_label, end_key, rel_key), props in sub.graph.rels.items():
        lines.append(
            f"MATCH (a:{check_label(start_label)} {{key: {cypher_string(start_key)}}}), "
            f"(b:{check_label(end_label)} {{key: {cypher_string(end_key)}}}) "
            f"MERGE (a)-[r:{check_rel_type(rel_type)} {{rel_key: {cypher_string(rel_key)}}}]->(b) "
            f"SET r += {cypher_map(props)};"
        )
    return "\n".join(lines) + "\n"


def cypher_statements(script: str) -> list[str]:
    """The statements of a script written by `cypher_script` (comment lines skipped)."""
    return [
        line.rstrip().rstrip(";")
        for line in script.splitlines()
        if line.strip() and not line.startswith("//")
    ]


# --- Markdown report ------------------------------------------------------------------------------


# Characters that make inline Markdown syntax: code, emphasis, links and images, table cells,
# strikethrough, and the backslash itself. Each is escaped with a backslash (CommonMark escapes any
# ASCII punctuation), so a name can never become a link, an image or a new table column.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~!])")


def _md(text: Any) -> str:
    """Text as Markdown shows it literally, on one line, safe in a table cell.

    HTML is written as entities (&lt;img onerror=…&gt;, &lt;script&gt; stay text: a renderer never
    sees a tag), the inline syntax characters are backslash-escaped (so [x](javascript:…) is not a
    link and | does not split a cell), and line breaks are dropped, as the page wrapped them."""
    value = "" if text is None else str(text)
    value = re.sub(r"\s*[\r\n]\s*", "", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def _doc_ref(key: str, documents: Mapping[str, Props]) -> str:
    doc = documents.get(key, {})
    where = doc.get("source") or key
    return f"{where}, {doc['date']}" if doc.get("date") else str(where)


def markdown_report(sub: Subgraph) -> str:
    """People with their titles and organisations, organisations with their office holders, the other
    entities, every relationship, and the evidence sentences with their documents."""
    nodes, rels = sub.graph.nodes, sub.graph.rels
    positions, holders = _posts(sub)
    lines = [
        f"# {_md(sub.center)}: {sub.hops} hop{'s' if sub.hops != 1 else ''}",
        "",
        f"{len(nodes)} nodes and {len(rels)} relationships around {_md(sub.center)} "
        f"(relationship types: {', '.join(sub.types)}).",
    ]
    lines += _md_section(
        "People",
        ["Person", "Titles and organisations", "Documents"],
        [
            [_md(props.get("name")), "; ".join(positions.get(node, [])), str(len(props.get("docs") or []))]
            for node, props in nodes.items()
            if node[0] == "Person"
        ],
    )
    lines += _md_section(
        "Organisations",
        ["Organisation", "Also called", "Office holders"],
        [
            [_md(props.get("name")), _md_aliases(props), "; ".join(holders.get(node, []))]
            for node, props in nodes.items()
            if node[0] == "Organization"
        ],
    )
    for label, heading in (("Place", "Places"), ("Programme", "Programmes"), ("Event", "Events")):
        lines += _md_section(
            heading,
            ["Name", "Also called", "Documents"],
            [
                [_md(props.get("name")), _md_aliases(props), str(len(props.get("docs") or []))]
                for node, props in nodes.items()
                if node[0] == label
            ],
        )
    lines += _md_section(
        "Figures",
        ["Figure", "Value", "Unit", "Counts"],
        [
            [
                _md(props.get("text")),
                str(props.get("value")),
                _md(props.get("unit")),
                _md(props.get("subject")),
            ]
            for node, props in nodes.items()
            if node[0] == "Figure"
        ],
    )
    lines += _md_section(
        "Relationships",
        ["From", "Relationship", "Title", "To", "Documents"],
        [
            [
                _md_name(sub, sl, sk),
                rel_type,
                _md(props.get("title") or props.get("role") or rel_key),
                _md_name(sub, el, ek),
                str(len(props.get("docs") or [])),
            ]
            for (rel_type, sl, sk, el, ek, rel_key), props in rels.items()
        ],
    )
    evidence = _md_evidence(sub)
    if evidence:
        lines += ["", "## Evidence", "", *evidence]
    lines += _md_section(
        "Documents",
        ["Document", "Date", "Title", "Source"],
        [
            [_md(key), _md(props.get("date")), _md(props.get("title")), _md(props.get("source"))]
            for key, props in sub.documents.items()
        ],
    )
    return "\n".join(lines) + "\n"


def _md_name(sub: Subgraph, label: str, key: str) -> str:
    return _md(sub.graph.nodes.get((label, key), {}).get("name", key))


def _md_aliases(props: Mapping[str, Any]) -> str:
    return "、".join(_md(a) for a in props.get("aliases") or [])


def _md_section(heading: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A `## heading` and its table; nothing when there are no rows."""
    if not rows:
        return []
    lines = ["", f"## {heading}", "", f"| {' | '.join(columns)} |", "|" + "---|" * len(columns)]
    return lines + [f"| {' | '.join(row)} |" for row in rows]


def _posts(sub: Subgraph) -> tuple[dict[NodeId, list[str]], dict[NodeId, list[str]]]:
    """Each person's `title @ organisation` and each organisation's `holder (title)` lines;
    HOLDS_POSITION and LEADS with one title are one line, marked (leads)."""
    held: dict[tuple[NodeId, NodeId, str], bool] = {}
    for (rel_type, sl, sk, el, ek, rel_key), props in sub.graph.rels.items():
        if rel_type in ("HOLDS_POSITION", "LEADS"):
            slot = ((sl, sk), (el, ek), _md(props.get("title") or rel_key))
            held[slot] = held.get(slot, False) or rel_type == "LEADS"
    positions: dict[NodeId, list[str]] = {}
    holders: dict[NodeId, list[str]] = {}
    for (person, org, title), leads in sorted(held.items()):
        lead = " (leads)" if leads else ""
        positions.setdefault(person, []).append(f"{title} @ {_md_name(sub, *org)}{lead}")
        holders.setdefault(org, []).append(f"{_md_name(sub, *person)} ({title}){lead}")
    return positions, holders


def _md_evidence(sub: Subgraph) -> list[str]:
    """Each relationship with evidence, then its sentences and the documents they come from."""
    evidence_lines = []
    for (rel_type, sl, sk, el, ek, rel_key), props in sub.graph.rels.items():
        items = evidence_from_props(props)
        if not items:
            continue
        title = props.get("title") or props.get("role") or rel_key
        label = f"{rel_type} {_md(title)}".strip()
        evidence_lines.append(f"- **{_md_name(sub, sl, sk)} —{label}→ {_md_name(sub, el, ek)}**")
        for item in items:
            ref = _doc_ref(item.doc, sub.documents)
            evidence_lines.append(f"  - “{_md(item.text)}” — {_md(ref)}")
    return evidence_lines


# --- PNG / SVG drawing ----------------------------------------------------------------------------


def find_cjk_font() -> Path:
    """A font file with Chinese glyphs: known CJK families first, else any system font that has them."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    def has_chinese(path: str) -> bool:
        try:
            font = FT2Font(path)
        except (OSError, RuntimeError, ValueError):
            return False
        return all(font.get_char_index(ord(char)) for char in "中国平湖组织部长")

    by_name: dict[str, list[str]] = {}
    for entry in font_manager.fontManager.ttflist:
        by_name.setdefault(entry.name, []).append(entry.fname)
    for family in _CJK_FONT_NAMES:
        for path in sorted(by_name.get(family, []), key=lambda p: ("Regular" not in p, p)):
            if has_chinese(path):
                return Path(path)
    for path in sorted(font_manager.findSystemFonts()):
        if re.search(
            r"cjk|wqy|hei|song|kai|ming|han|noto.*(sc|cn)", Path(path).name, re.IGNORECASE
        ) and has_chinese(path):
            return Path(path)
    raise ExportError(
        "no font with Chinese glyphs found for png/svg; install one "
        "(Debian: apt-get install fonts-noto-cjk, or fonts-wqy-zenhei) and run again"
    )


def draw(sub: Subgraph, path: Path, fmt: str) -> Path:
    """Draw the subgraph with matplotlib (spring layout, fixed seed): nodes coloured by label as in
    browser.grass, names and relationship titles in a CJK font (text as paths in SVG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.font_manager import FontProperties

    from cadregraph.graph.viz import FALLBACK_COLOUR, grass_colours

    font_path = find_cjk_font()
    font = FontProperties(fname=str(font_path))
    node_colours, _ = grass_colours()
    graph, names, edge_titles = _drawing_graph(sub)
    count = graph.number_of_nodes()
    size = min(30.0, 6.0 + 1.2 * math.sqrt(count) * 2)
    fig, ax = plt.subplots(figsize=(size, size * 0.75))
    positions = nx.spring_layout(graph, seed=7, k=2.0 / math.sqrt(max(count, 1)))
    colours = [node_colours.get(graph.nodes[n]["label"], FALLBACK_COLOUR) for n in graph.nodes]
    nx.draw_networkx_edges(graph, positions, ax=ax, edge_color="#9AA1AC", width=1.2, alpha=0.8)
    nx.draw_networkx_nodes(
        graph, positions, ax=ax, node_color=colours, node_size=420, linewidths=1.0, edgecolors="#333333"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # a missing glyph would be a tofu box: fail instead
        try:
            _draw_texts(ax, font, positions, names, edge_titles)
            labels_present = sorted({graph.nodes[n]["label"] for n in graph.nodes}, key=NODE_LABELS.index)
            _draw_legend(
                ax, font, {label: node_colours.get(label, FALLBACK_COLOUR) for label in labels_present}
            )
            ax.set_title(f"{sub.center}: {sub.hops} hops", fontproperties=font, fontsize=14)
            ax.set_axis_off()
            fig.tight_layout()
            fig.savefig(path, format=fmt, dpi=150 if fmt == "png" else None)
        except UserWarning as exc:
            raise ExportError(f"the font {font_path.name} cannot draw every label: {exc}") from exc
        finally:
            plt.close(fig)
    return path


def _drawing_graph(sub: Subgraph) -> tuple[nx.Graph, dict[str, str], dict[tuple[str, str], set[str]]]:
    """The undirected graph to lay out, each node's name (white space removed) and each drawn edge's
    relationship titles (parallel and opposite relationships share one edge; loops are not drawn)."""
    graph = nx.Graph()
    names: dict[str, str] = {}
    for (label, key), props in sub.graph.nodes.items():
        node = node_id(label, key)
        graph.add_node(node, label=label)
        names[node] = re.sub(r"\s+", "", str(props.get("name") or key))
    edge_titles: dict[tuple[str, str], set[str]] = {}
    for (rel_type, sl, sk, el, ek, _rel_key), props in sub.graph.rels.items():
        a, b = node_id(sl, sk), node_id(el, ek)
        if a == b:
            continue
        graph.add_edge(a, b)
        title = props.get("title") or props.get("role") or rel_type
        edge_titles.setdefault((a, b) if (a, b) in graph.edges else (b, a), set()).add(str(title))
    return graph, names, edge_titles


def _draw_texts(
    ax: Any,
    font: Any,
    positions: Mapping[str, Any],
    names: Mapping[str, str],
    edge_titles: Mapping[tuple[str, str], set[str]],
) -> None:
    """Node names under the nodes, relationship titles at the middle of their edges."""
    for node, (x, y) in positions.items():
        ax.annotate(
            names[node],
            (x, y),
            xytext=(0, -13),
            textcoords="offset points",
            fontproperties=font,
            fontsize=9,
            ha="center",
            va="top",
            zorder=5,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6},
        )
    for (a, b), titles in edge_titles.items():
        (xa, ya), (xb, yb) = positions[a], positions[b]
        ax.text(
            (xa + xb) / 2,
            (ya + yb) / 2,
            "/".join(sorted(titles)),
            fontproperties=font,
            fontsize=7,
            color="#444444",
            ha="center",
            va="center",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
        )


def _draw_legend(ax: Any, font: Any, colours: Mapping[str, str]) -> None:
    from matplotlib.patches import Patch

    ax.legend(
        handles=[Patch(color=colour, label=label) for label, colour in colours.items()],
        loc="upper left",
        prop=font,
    )


# --- entry point ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportSummary:
    paths: tuple[Path, ...]
    nodes: int
    relationships: int


def export(sub: Subgraph, fmt: str, out: Path) -> ExportSummary:
    """Write `sub` as `fmt` to `out` (a directory for csv, a file otherwise)."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
    if fmt != "csv":
        out.parent.mkdir(parents=True, exist_ok=True)
    paths: list[Path]
    if fmt == "graphml":
        write_graphml(sub, out)
        paths = [out]
    elif fmt == "json":
        write_json(sub, out)
        paths = [out]
    elif fmt == "csv":
        paths = write_csv(sub, out)
    elif fmt == "cypher":
        out.write_text(cypher_script(sub), encoding="utf-8")
        paths = [out]
    elif fmt == "md":
        out.write_text(markdown_report(sub), encoding="utf-8")
        paths = [out]
    else:
        paths = [draw(sub, out, fmt)]
    return ExportSummary(tuple(paths), len(sub.graph.nodes), len(sub.graph.rels))


def write_careers_csv(store: Store, out: Path, person: str | None = None) -> int:
    """The career table (one row per person-post spell, saved query `career`) as CSV at `out`: the
    same rows from both stores because the saved query is parity-tested. Returns the row count."""
    query = get_query("career")
    rows = run_query(store, query, {"person": person} if person else {})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(format_csv(rows, query.columns) + "\n", encoding="utf-8")
    return len(rows)
