"""The who-leads-what picture: one HTML page with an inline SVG drawing that opens offline.

Why our own page and not neo4j-viz's: neo4j-viz's page is self-contained (its JS, CSS and fonts are
inlined), but it lays the graph out asynchronously in a canvas, and headless Chromium screenshots of
it came out blank on every other run. Here the layout is computed in Python (networkx spring layout,
fixed seed, one block per connected part), so the SVG is drawn by the browser without any script;
a few lines of inline JavaScript only add zoom, pan and the evidence panel. Nothing is fetched:
no script, style or font from the network (`offline_problems` checks every page we write).

Colours come from graph/browser.grass, so the page and Neo4j Browser agree. A person's HOLDS_POSITION
and LEADS with the same title are one edge, captioned with the title and drawn in the LEADS colour
when the title heads the organisation. Hovering an edge shows its evidence sentences (SVG <title>);
clicking an edge or a node lists them, with their documents, in the side panel.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx

from cadregraph.graph.queries import run_query
from cadregraph.graph.saved_queries import get_query
from cadregraph.graph.store import Row, Store

GRASS_PATH = Path(__file__).with_name("browser.grass")
FALLBACK_COLOUR = "#A5ABB6"
CJK_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif'

_RULE = re.compile(r"(node|relationship)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*\{([^}]*)\}")
_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*(#[0-9A-Fa-f]{6})")

# Remote references in CSS: url(...) or @import to http(s) or a scheme-relative //host.
_CSS_REMOTE = re.compile(
    r"""(?:url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//)|(?:@import\s+["']?(?:url\()?\s*["']?(?:[a-z][a-z0-9+.-]*:)?//)""",
    re.IGNORECASE,
)
# Attributes whose value the browser fetches (or navigates to, for a refresh).
_URL_ATTRIBUTES = frozenset(
    {
        "src",
        "href",
        "xlink:href",
        "srcset",
        "action",
        "formaction",
        "poster",
        "data",
        "background",
        "manifest",
    }
)
_LOCAL_URL = re.compile(r"^\s*(?:#|data:|$)", re.IGNORECASE)
_XML_NAMESPACES = frozenset({"xmlns", "xmlns:xlink"})  # identifiers, never fetched
# What the page may do, whatever its data says: nothing from the network (default-src 'none'), only
# its own inline script (by hash) and inline styles, no <base>, no form submission.
CSP = "default-src 'none'; script-src '{script}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


class _Markup(HTMLParser):
    """Walks the page's own markup: tags, attributes, style and script elements, never text (names
    and evidence are text or attribute values, escaped; they cannot add markup)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: set[str] = set()
        self._element: str | None = None
        self._script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element = tag
        values = {name: value or "" for name, value in attrs}
        self._script_type = values.get("type", "").lower() if tag == "script" else None
        for name, value in attrs:
            value = value or ""
            if name in _XML_NAMESPACES:
                continue
            if name in _URL_ATTRIBUTES and not _LOCAL_URL.match(value):
                self.problems.add(f"<{tag} {name}={value[:80]}>")
            elif name == "style" and _CSS_REMOTE.search(value):
                self.problems.add(f"<{tag} style={value[:80]}>")
        if tag == "link":
            self.problems.add(f"<link {' '.join(f'{n}={v}' for n, v in attrs)[:80]}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.add(f"<meta http-equiv=refresh content={values.get('content', '')[:80]}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._element = None

    def handle_endtag(self, tag: str) -> None:
        self._element = None

    def handle_data(self, data: str) -> None:
        if self._element == "style":
            self.problems.update(match.group(0) for match in _CSS_REMOTE.finditer(data))
        elif self._element == "script" and self._script_type != "application/json":
            for match in re.finditer(r"(?:[a-z][a-z0-9+.-]*:)?//[\w.-]+\.[a-z]{2,}[^\s\"']*", data, re.I):
                self.problems.add(match.group(0)[:80])


class VizError(RuntimeError):
    """Nothing to draw, or a page that would need the network; one-line message."""


def grass_colours(path: Path = GRASS_PATH) -> tuple[dict[str, str], dict[str, str]]:
    """(node label -> colour, relationship type -> colour) from a Neo4j Browser grass file."""
    nodes: dict[str, str] = {}
    rels: dict[str, str] = {}
    for kind, name, body in _RULE.findall(path.read_text(encoding="utf-8")):
        match = _COLOUR.search(body)
        if match and name:
            (nodes if kind == "node" else rels)[name] = match.group(1).upper()
    return nodes, rels


def offline_problems(page: str) -> list[str]:
    """The remote references in the page's own markup (empty when it opens without a network):
    fetched attributes, CSS url()/@import, <link>, a refresh, URLs in executable script. Text and
    data (names, evidence, the JSON of the side panel) are not markup and are not searched."""
    parser = _Markup()
    parser.feed(page)
    parser.close()
    return sorted(parser.problems)


def content_security_policy(page_script: str) -> str:
    """The page's CSP: its one inline script allowed by hash, nothing fetched from anywhere."""
    digest = base64.b64encode(hashlib.sha256(page_script.encode("utf-8")).digest()).decode("ascii")
    return CSP.format(script=f"sha256-{digest}")


@dataclass
class WhoLeadsWhat:
    """The drawing's content: nodes by key and one edge per (person, target, title)."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)


def who_leads_what_content(rows: Iterable[Row]) -> WhoLeadsWhat:
    """Group who-leads-what-graph rows into the nodes and edges to draw."""
    content = WhoLeadsWhat()
    for row in rows:
        content.nodes.setdefault(row["person_key"], {"label": "Person", "name": row["person"]})
        content.nodes.setdefault(row["target_key"], {"label": row["target_label"], "name": row["target"]})
        edge = content.edges.setdefault(
            (row["person_key"], row["target_key"], row["title"]),
            {"title": row["title"], "types": [], "evidence": []},
        )
        edge["types"] = sorted({*edge["types"], row["relation"]})
        for item in row["evidence"] or []:
            if item not in edge["evidence"]:
                edge["evidence"].append(item)
    return content


def evidence_lines(
    evidence: Sequence[Mapping[str, Any]], documents: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """'sentence (source, date)' for each evidence map {doc, start, end, text}, page line breaks removed."""
    lines = []
    for item in evidence:
        text = re.sub(r"\s*\n\s*", "", str(item.get("text", "")))
        doc = documents.get(str(item.get("doc")), {})
        where = doc.get("source") or item.get("doc")
        when = f", {doc['date']}" if doc.get("date") else ""
        lines.append(f"{text} ({where}{when})")
    return lines


# --- layout ---------------------------------------------------------------------------------------


def layout(content: WhoLeadsWhat, spacing: float = 140.0) -> dict[str, tuple[float, float]]:
    """Positions in pixels: each connected part laid out on its own (spring layout, fixed seed) and
    the parts packed in rows, biggest first, so that small pairs do not scatter over the page."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(content.nodes))
    graph.add_edges_from((a, b) for a, b, _ in sorted(content.edges))
    parts = sorted(nx.connected_components(graph), key=lambda part: (-len(part), min(part)))
    row_width = max(900.0, spacing * 2.2 * math.sqrt(graph.number_of_nodes()))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for part in parts:
        sub = graph.subgraph(sorted(part))
        if len(part) == 1:
            local = {next(iter(part)): (0.0, 0.0)}
        else:
            scale = spacing * (0.6 if len(part) == 2 else math.sqrt(len(part)) * 0.95)
            raw = nx.spring_layout(sub, seed=7, k=1.2 / math.sqrt(len(part)), iterations=300)
            local = {n: (float(px) * scale, float(py) * scale) for n, (px, py) in raw.items()}
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        width = max(xs) - min(xs) + spacing
        height = max(ys) - min(ys) + spacing
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in local.items():
            positions[node] = (x + px - min(xs) + spacing / 2, y + py - min(ys) + spacing / 2)
        x += width
        row_height = max(row_height, height)
    return positions


# --- the page -------------------------------------------------------------------------------------

# The page's one script: zoom, pan and the evidence panel. The CSP allows exactly this text (by hash).
_SCRIPT = """
(function () {
  var details = JSON.parse(document.getElementById("details").textContent);
  var svg = document.getElementById("graph");
  var box = svg.getAttribute("viewBox").split(" ").map(Number);
  function show(id, element) {
    var d = details[id]; if (!d) return;
    document.querySelectorAll(".on").forEach(function (e) { e.classList.remove("on"); });
    element.classList.add("on");
    document.getElementById("panel-heading").textContent = d.heading;
    document.getElementById("panel-kind").textContent = d.kind;
    var list = document.getElementById("panel-list"); list.textContent = "";
    d.evidence.forEach(function (line) { var li = document.createElement("li"); li.textContent = line; list.appendChild(li); });
    document.getElementById("panel").style.display = "block";
  }
  document.querySelectorAll(".edge, .node").forEach(function (el) {
    el.addEventListener("click", function (ev) { ev.stopPropagation(); show(el.dataset.id, el); });
  });
  svg.addEventListener("click", function () { document.getElementById("panel").style.display = "none"; });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var f = ev.deltaY > 0 ? 1.15 : 1 / 1.15, r = svg.getBoundingClientRect();
    var px = box[0] + (ev.clientX - r.left) / r.width * box[2], py = box[1] + (ev.clientY - r.top) / r.height * box[3];
    box = [px - (px - box[0]) * f, py - (py - box[1]) * f, box[2] * f, box[3] * f];
    svg.setAttribute("viewBox", box.join(" "));
  }, { passive: false });
  var drag = null;
  svg.addEventListener("mousedown", function (ev) { drag = [ev.clientX, ev.clientY, box[0], box[1]]; });
  window.addEventListener("mouseup", function () { drag = null; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var r = svg.getBoundingClientRect();
    box[0] = drag[2] - (ev.clientX - drag[0]) / r.width * box[2];
    box[1] = drag[3] - (ev.clientY - drag[1]) / r.height * box[3];
    svg.setAttribute("viewBox", box.join(" "));
  });
})();
"""


def _attr(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _edge_path(
    a: tuple[float, float], b: tuple[float, float], bend: float, shorten: float
) -> tuple[str, float, float]:
    """A straight or bent path from a to b stopping `shorten` before b (for the arrow head), and the
    point where its caption goes."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy) or 1.0
    nx_, ny_ = -dy / length, dx / length  # unit normal
    cx, cy = (ax + bx) / 2 + nx_ * bend, (ay + by) / 2 + ny_ * bend
    tx, ty = bx - cx, by - cy
    t_len = math.hypot(tx, ty) or 1.0
    ex, ey = bx - tx / t_len * shorten, by - ty / t_len * shorten
    label_x = 0.25 * ax + 0.5 * cx + 0.25 * ex
    label_y = 0.25 * ay + 0.5 * cy + 0.25 * ey
    return f"M{ax:.1f},{ay:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}", label_x, label_y


def render_page(
    content: WhoLeadsWhat,
    documents: Mapping[str, Mapping[str, Any]] | None = None,
    title: str = "who-leads-what",
) -> str:
    """The self-contained HTML page for `content`."""
    if not content.nodes:
        raise VizError("nothing to draw: no HOLDS_POSITION or LEADS relationships match")
    node_colours, rel_colours = grass_colours()
    positions = layout(content)
    scene = _Scene(content, positions, _radii(content))
    details: dict[str, dict[str, Any]] = {}  # element id -> what the panel shows for it
    edge_svg = _edge_elements(scene, rel_colours, documents or {}, details)
    node_svg = _node_elements(scene, node_colours, details)
    data = json.dumps(details, ensure_ascii=False).replace("<", "\\u003c")
    return _PAGE.format(
        title=_attr(title),
        fonts=CJK_FONTS,
        view=" ".join(f"{v:.0f}" for v in _view_box(positions)),
        leads=rel_colours.get("LEADS", FALLBACK_COLOUR),
        holds=rel_colours.get("HOLDS_POSITION", FALLBACK_COLOUR),
        edges="\n".join(edge_svg),
        nodes="\n".join(node_svg),
        legend=_legend(content, node_colours, rel_colours),
        count=f"{len(content.nodes)} nodes, {len(content.edges)} relationships",
        data=data,
        script=_SCRIPT,
        csp=content_security_policy(_SCRIPT),  # our own text: no quote or ampersand to escape
    )


@dataclass(frozen=True)
class _Scene:
    """What is drawn and where: node centres and circle radii by node key."""

    content: WhoLeadsWhat
    positions: Mapping[str, tuple[float, float]]
    radius: Mapping[str, float]


def _radii(content: WhoLeadsWhat) -> dict[str, float]:
    """A node's circle grows with its number of relationships, up to six."""
    degree: dict[str, int] = {}
    for person, target, _ in content.edges:
        degree[person] = degree.get(person, 0) + 1
        degree[target] = degree.get(target, 0) + 1
    return {key: 14.0 + 3.0 * min(degree.get(key, 0), 6) for key in content.nodes}


def _edge_elements(
    scene: _Scene,
    rel_colours: Mapping[str, str],
    documents: Mapping[str, Mapping[str, Any]],
    details: dict[str, dict[str, Any]],
) -> list[str]:
    """One SVG group per relationship (parallel ones bent apart), its evidence added to `details`."""
    content, positions, radius = scene.content, scene.positions, scene.radius
    pairs: dict[frozenset[str], list[tuple[str, str, str]]] = {}
    for edge_key in sorted(content.edges):
        pairs.setdefault(frozenset(edge_key[:2]), []).append(edge_key)
    edge_svg: list[str] = []
    for group in pairs.values():
        for i, (person, target, edge_title) in enumerate(group):
            edge = content.edges[(person, target, edge_title)]
            leads = "LEADS" in edge["types"]
            colour = rel_colours.get("LEADS" if leads else "HOLDS_POSITION", FALLBACK_COLOUR)
            offset = i - (len(group) - 1) / 2
            path, lx, ly = _edge_path(positions[person], positions[target], offset * 40.0, radius[target] + 2)
            # captions of parallel edges are stacked, so that they never overlap whatever the angle
            (ax, ay), (bx, by) = positions[person], positions[target]
            lx, ly = (ax + bx) / 2, (ay + by) / 2 + offset * 15.0
            caption = edge_title or "/".join(edge["types"])
            lines = evidence_lines(edge["evidence"], documents)
            edge_id = f"e{len(details)}"
            details[edge_id] = {
                "heading": f"{content.nodes[person]['name']} — {caption} — {content.nodes[target]['name']}",
                "kind": " + ".join(edge["types"]),
                "evidence": lines,
            }
            tooltip = "\n".join([f"{caption} ({' + '.join(edge['types'])})", *lines])
            edge_svg.append(
                f'<g class="edge" data-id="{edge_id}"><title>{_attr(tooltip)}</title>'
                f'<path d="{path}" stroke="{colour}" stroke-width="{3 if leads else 2}" fill="none" '
                f'marker-end="url(#arrow-{"leads" if leads else "holds"})"/>'
                f'<text x="{lx:.1f}" y="{ly:.1f}" class="caption">{_attr(caption)}</text></g>'
            )
    return edge_svg


def _node_elements(
    scene: _Scene,
    node_colours: Mapping[str, str],
    details: dict[str, dict[str, Any]],
) -> list[str]:
    """One SVG group per node, its relationships added to `details`."""
    content, positions, radius = scene.content, scene.positions, scene.radius
    node_svg: list[str] = []
    for key, attrs in sorted(content.nodes.items()):
        x, y = positions[key]
        label = attrs["label"]
        node_id = f"n{len(details)}"
        own = [
            f"{content.edges[e]['title'] or '/'.join(content.edges[e]['types'])}: "
            f"{content.nodes[e[0]]['name']} → {content.nodes[e[1]]['name']}"
            for e in sorted(content.edges)
            if key in e[:2]
        ]
        details[node_id] = {"heading": f"{attrs['name']} ({label})", "kind": key, "evidence": own}
        node_svg.append(
            f'<g class="node" data-id="{node_id}"><title>{_attr(label)}: {_attr(attrs["name"])}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius[key]:.0f}" fill="{node_colours.get(label, FALLBACK_COLOUR)}"/>'
            f'<text x="{x:.1f}" y="{y + radius[key] + 14:.1f}" class="name">{_attr(attrs["name"])}</text></g>'
        )
    return node_svg


def _view_box(positions: Mapping[str, tuple[float, float]]) -> tuple[float, float, float, float]:
    """Every node with room for names and captions around it."""
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    return (min(xs) - 90, min(ys) - 40, max(xs) - min(xs) + 180, max(ys) - min(ys) + 110)


def _legend(content: WhoLeadsWhat, node_colours: Mapping[str, str], rel_colours: Mapping[str, str]) -> str:
    labels = sorted({attrs["label"] for attrs in content.nodes.values()})
    legend = "".join(
        f'<li><span style="background:{node_colours.get(label, FALLBACK_COLOUR)}"></span>{_attr(label)}</li>'
        for label in labels
    )
    return legend + (
        f'<li><span class="line" style="background:{rel_colours.get("LEADS", FALLBACK_COLOUR)}"></span>leads</li>'
        f'<li><span class="line" style="background:{rel_colours.get("HOLDS_POSITION", FALLBACK_COLOUR)}"></span>'
        "holds position</li>"
    )


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
html, body {{ margin: 0; height: 100%; background: #F7F8F9; font-family: {fonts}; }}
body {{ display: flex; flex-direction: column; }}
svg {{ flex: 1; min-height: 0; width: 100%; display: block; cursor: grab; }}
.name {{ font-size: 13px; text-anchor: middle; fill: #222; paint-order: stroke; stroke: #F7F8F9; stroke-width: 4px; }}
.caption {{ font-size: 11px; text-anchor: middle; fill: #444; paint-order: stroke; stroke: #F7F8F9; stroke-width: 3px; }}
.node circle {{ stroke: #333; stroke-width: 1px; }}
.node:hover circle, .node.on circle {{ stroke-width: 3px; }}
.edge:hover path, .edge.on path {{ stroke-width: 5px; }}
.edge, .node {{ cursor: pointer; }}
#legend {{ flex: none; background: #fff; border-bottom: 1px solid #ccd; padding: 6px 12px; font-size: 13px; }}
#legend ul {{ display: inline; list-style: none; margin: 0 0 0 12px; padding: 0; }}
#legend li {{ display: inline; margin-right: 14px; }}
#legend small {{ color: #666; }}
#legend span {{ display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 5px; }}
#panel {{ position: fixed; background: rgba(255,255,255,.97); border: 1px solid #ccd; border-radius: 6px;
  padding: 8px 12px; font-size: 13px; }}
#legend span.line {{ height: 3px; border-radius: 0; vertical-align: middle; }}
#panel {{ right: 12px; top: 44px; width: 380px; max-height: 80vh; overflow: auto; display: none; }}
#panel h3 {{ margin: 0 0 4px; font-size: 15px; }}
#panel li {{ margin-bottom: 6px; }}
</style></head>
<body>
<div id="legend"><b>{title}</b> · {count}<ul>{legend}</ul>
<small>hover or click a line for its evidence · wheel zooms · drag pans</small></div>
<svg id="graph" viewBox="{view}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{title}">
<defs>
<marker id="arrow-leads" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
<path d="M0,0 L10,5 L0,10 z" fill="{leads}"/></marker>
<marker id="arrow-holds" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
<path d="M0,0 L10,5 L0,10 z" fill="{holds}"/></marker>
</defs>
<g id="edges">
{edges}
</g>
<g id="nodes">
{nodes}
</g>
</svg>
<div id="panel"><h3 id="panel-heading"></h3><div id="panel-kind"></div><ul id="panel-list"></ul></div>
<script type="application/json" id="details">{data}</script>
<script>{script}</script>
</body></html>
"""


@dataclass(frozen=True)
class VizSummary:
    path: Path
    nodes: int
    edges: int


def write_who_leads_what(
    store: Store, out: Path, org: str | None = None, place: str | None = None, as_of: str | None = None
) -> VizSummary:
    """Query who-leads-what on either store and write the page to `out` (holders on `as_of`, default
    the latest document date)."""
    given = {name: value for name, value in (("org", org), ("place", place), ("as_of", as_of)) if value}
    rows = run_query(store, get_query("who-leads-what-graph"), given)
    content = who_leads_what_content(rows)
    doc_keys = {item["doc"] for edge in content.edges.values() for item in edge["evidence"]}
    documents = {
        row["document"]: row
        for row in run_query(store, get_query("documents"), {})
        if row["document"] in doc_keys
    }
    heading = "who-leads-what" + "".join(f" · {name}={value}" for name, value in given.items())
    page = render_page(content, documents, heading)
    problems = offline_problems(page)
    if problems:
        raise VizError(f"the page would need the network ({problems[0]}); not written")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return VizSummary(out, len(content.nodes), len(content.edges))


# --- the career timeline (kg viz career) ------------------------------------------------------------

# No script at all: hovering a bar shows its sources through SVG <title>. The policy forbids every
# fetch and every script, so even a name that slipped past the escaping could not run anything.
CAREER_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _day_number(day: str) -> float:
    """A date as a fractional year (2021-07-01 -> about 2021.5), for the time axis."""
    match = _DAY.match(day)
    if not match:
        raise VizError(f"cannot place date {day!r} on the time axis")
    year, month, dom = (int(part) for part in match.groups())
    return year + (month - 1) / 12 + (dom - 1) / 365


def render_career_page(rows: Sequence[Row], person: str) -> str:
    """One self-contained page: a bar per person-post spell from first_seen to last_seen, by date;
    spells from undated documents listed below the axis."""
    if not rows:
        raise VizError(f"nothing to draw: no HOLDS_POSITION or LEADS of a person named {person!r}")
    _, rel_colours = grass_colours()
    dated = [row for row in rows if row.get("first_seen") and row.get("last_seen")]
    undated = [row for row in rows if not (row.get("first_seen") and row.get("last_seen"))]
    several = len({row["person_key"] for row in rows}) > 1
    label_width, width, row_height, top = 360.0, 1100.0, 26.0, 40.0
    bars: list[str] = []
    ticks: list[str] = []
    if dated:
        start = math.floor(min(_day_number(row["first_seen"]) for row in dated))
        end = math.floor(max(_day_number(row["last_seen"]) for row in dated)) + 1
        scale = (width - label_width - 30) / (end - start)

        def x_of(day: str) -> float:
            return label_width + (_day_number(day) - start) * scale

        for year in range(start, end + 1):
            x = label_width + (year - start) * scale
            ticks.append(
                f'<line x1="{x:.1f}" y1="{top - 8:.0f}" x2="{x:.1f}" y2="{top + row_height * len(dated):.0f}" '
                f'class="tick"/><text x="{x:.1f}" y="{top - 14:.0f}" class="year">{year}</text>'
            )
        for i, row in enumerate(dated):
            y = top + i * row_height
            x1, x2 = x_of(row["first_seen"]), x_of(row["last_seen"])
            colour = rel_colours.get("LEADS" if row["leads"] else "HOLDS_POSITION", FALLBACK_COLOUR)
            who = f"{row['person']} ({row['person_key']}) · " if several else ""
            label = f"{who}{row['title']} · {row['organisation']}"
            tooltip = "\n".join(
                [
                    f"{row['title']} · {row['organisation']}",
                    f"{row['first_seen']} … {row['last_seen']}",
                    *(str(source) for source in row.get("sources") or []),
                ]
            )
            bars.append(
                f'<g class="spell"><title>{_attr(tooltip)}</title>'
                f'<text x="{label_width - 10:.0f}" y="{y + 16:.1f}" class="label">{_attr(label)}</text>'
                f'<rect x="{x1:.1f}" y="{y + 5:.1f}" width="{max(x2 - x1, 6.0):.1f}" height="{row_height - 10:.0f}" '
                f'rx="3" fill="{colour}"/></g>'
            )
    height = top + row_height * max(len(dated), 1) + 20
    listed = "".join(
        f"<li>{_attr(row['title'])} · {_attr(row['organisation'])} "
        f"<small>({_attr(', '.join(str(s) for s in row.get('sources') or []))})</small></li>"
        for row in undated
    )
    return _CAREER_PAGE.format(
        csp=_attr(CAREER_CSP),
        title=_attr(f"career · {person}"),
        fonts=CJK_FONTS,
        width=f"{width:.0f}",
        height=f"{height:.0f}",
        ticks="\n".join(ticks),
        bars="\n".join(bars),
        leads=rel_colours.get("LEADS", FALLBACK_COLOUR),
        holds=rel_colours.get("HOLDS_POSITION", FALLBACK_COLOUR),
        count=f"{len(rows)} spells, {len(dated)} dated",
        undated=f"<h4>Undated</h4><ul>{listed}</ul>" if undated else "",
    )


_CAREER_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ margin: 0; background: #F7F8F9; font-family: {fonts}; }}
#legend {{ background: #fff; border-bottom: 1px solid #ccd; padding: 6px 12px; font-size: 13px; }}
#legend span {{ display: inline-block; width: 14px; height: 10px; margin: 0 5px 0 12px; }}
svg {{ display: block; width: 100%; }}
.label {{ font-size: 13px; text-anchor: end; fill: #222; }}
.year {{ font-size: 12px; text-anchor: middle; fill: #555; }}
.tick {{ stroke: #ccd; stroke-width: 1px; }}
.spell:hover rect {{ stroke: #333; stroke-width: 2px; }}
main {{ padding: 0 12px 12px; font-size: 13px; }}
</style></head>
<body>
<div id="legend"><b>{title}</b> · {count}<span style="background:{leads}"></span>leads
<span style="background:{holds}"></span>holds position · bars run from the first to the last document
that states the post (hover for the sources)</div>
<svg viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{title}">
{ticks}
{bars}
</svg>
<main>{undated}</main>
</body></html>
"""


def write_career(store: Store, out: Path, person: str) -> VizSummary:
    """Query `career` for `person` on either store and write the timeline page to `out`."""
    rows = run_query(store, get_query("career"), {"person": person})
    page = render_career_page(rows, person)
    problems = offline_problems(page)
    if problems:
        raise VizError(f"the page would need the network ({problems[0]}); not written")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return VizSummary(out, len({row["organisation_key"] for row in rows}), len(rows))
