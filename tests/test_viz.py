"""`kg viz who-leads-what`: the page opens offline, colours come from browser.grass, the evidence is in
the page, and headless Chromium really draws the graph (pixels of several node colours)."""

from __future__ import annotations

import html
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cadregraph.graph.local_store import LocalStore
from cadregraph.graph.model import NODE_LABELS
from cadregraph.graph.queries import run_query
from cadregraph.graph.saved_queries import get_query
from cadregraph.graph.viz import (
    VizError,
    grass_colours,
    offline_problems,
    render_page,
    who_leads_what_content,
    write_who_leads_what,
)

REPO = Path(__file__).resolve().parents[1]

TASK_FORCE = "市委组织部副部长王强担任“破难专班”组长,带领专班攻坚。"


def task_force_record(build_record: Any) -> Any:
    """A programme led by a person, so that the picture has Person, Organization and Programme nodes."""
    return build_record(
        "hand-d",
        TASK_FORCE,
        "2021-09-01",
        [
            ("Person", "王强", []),
            ("Organization", "平湖市委组织部", ["市委组织部"]),
            ("Programme", "破难专班", []),
        ],
        [
            ("HOLDS_POSITION", "王强", "平湖市委组织部", {"title": "副部长"}, TASK_FORCE),
            ("LEADS", "王强", "破难专班", {"title": "组长"}, TASK_FORCE),
        ],
    )


@pytest.fixture(scope="module")
def store(build_record: Any, hand_records: Any, seed_records: Any, tmp_path_factory: Any) -> LocalStore:
    local = LocalStore(tmp_path_factory.mktemp("viz"))
    local.load([*seed_records(), *hand_records(), task_force_record(build_record)])
    return local


def test_grass_gives_every_label_its_own_colour() -> None:
    nodes, rels = grass_colours()
    assert set(nodes) == set(NODE_LABELS)
    assert len(set(nodes.values())) == len(NODE_LABELS)
    assert rels["LEADS"] != rels["HOLDS_POSITION"]
    text = (REPO / "graph" / "browser.grass").read_text(encoding="utf-8")
    for label in NODE_LABELS:
        assert re.search(rf"node\.{label} \{{[^}}]*caption: \"\{{name\}}\";", text), label


def test_offline_check_finds_remote_references() -> None:
    assert offline_problems('<script src="https://cdn.example.org/nvl.js"></script>')
    assert offline_problems("<link rel=stylesheet href='//fonts.example.org/a.css'>")
    assert offline_problems("<style>@font-face{src:url(https://x.org/f.woff2)}</style>")
    assert offline_problems("<style>@import url('http://x.org/a.css');</style>")
    assert not offline_problems('<svg xmlns="http://www.w3.org/2000/svg"><a href="#n1">x</a></svg>')


def test_holds_position_and_leads_with_one_title_are_one_edge(store: LocalStore) -> None:
    rows = run_query(store, get_query("who-leads-what-graph"), {"org": "组织部"})
    content = who_leads_what_content(rows)
    edge = content.edges[("person:吴金华", "organization:平湖市委组织部", "组织部长")]
    assert edge["types"] == ["HOLDS_POSITION", "LEADS"]
    assert len(edge["evidence"]) == 2  # hand-a and hand-b; the LEADS evidence is the same sentence
    assert content.nodes["person:王强"] == {"label": "Person", "name": "王强"}


def _page_parts(page: str) -> tuple[dict[str, str], list[str], dict[str, Any]]:
    """(node name -> fill colour, edge captions, the click-panel details) read back from a page."""
    fills = {
        html.unescape(name): colour.upper()
        for colour, name in re.findall(
            r'<circle [^>]*fill="(#[0-9A-Fa-f]{6})"/><text [^>]*class="name">([^<]*)</text>', page
        )
    }
    captions = [html.unescape(c) for c in re.findall(r'<text [^>]*class="caption">([^<]*)</text>', page)]
    found = re.search(r'<script type="application/json" id="details">(.*?)</script>', page, re.S)
    assert found is not None
    return fills, captions, json.loads(found[1])


def test_page_is_self_contained_and_carries_names_titles_and_evidence(
    store: LocalStore, tmp_path: Path
) -> None:
    out = tmp_path / "wlw.html"
    summary = write_who_leads_what(store, out, org="组织部")
    page = out.read_text(encoding="utf-8")
    assert summary.nodes >= 4 and summary.edges >= 4
    assert offline_problems(page) == []
    assert not re.search(r"<(?:script|img|iframe|link)[^>]+(?:src|href)=", page, re.IGNORECASE)
    assert "@font-face" not in page and "@import" not in page
    fills, captions, details = _page_parts(page)
    node_colours, _ = grass_colours()
    assert (
        fills["吴金华"] == node_colours["Person"] and fills["平湖市委组织部"] == node_colours["Organization"]
    )
    assert {"组织部长", "干部科科长", "部务会议成员", "副部长"} <= set(captions)
    evidence = [line for item in details.values() for line in item["evidence"]]
    assert "市委常委、组织部长吴金华参加活动。 (hand/hand-b.txt, 2022-03-05)" in evidence
    # hovering shows the same sentences: they are in the edge's SVG <title>
    assert re.search(
        r"<title>组织部长 \(HOLDS_POSITION \+ LEADS\)\n[^<]*市委常委、组织部长吴金华主持会议。", page
    )


def test_names_are_escaped_not_markup(tmp_path: Path) -> None:
    content = who_leads_what_content(
        [
            {
                "person_key": "p1",
                "person": "<script>alert(1)</script>",
                "relation": "LEADS",
                "title": "书记&主任",
                "target_key": "o1",
                "target": "中共平湖市委",
                "target_label": "Organization",
                "evidence": [],
            }
        ]
    )
    page = render_page(content)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    fills, captions, _ = _page_parts(page)
    assert "<script>alert(1)</script>" in fills and captions == ["书记&主任"]


def test_nothing_to_draw_is_an_error(store: LocalStore, tmp_path: Path) -> None:
    with pytest.raises(VizError, match="nothing to draw"):
        write_who_leads_what(store, tmp_path / "none.html", org="没有这个机关")
    with pytest.raises(VizError):
        render_page(who_leads_what_content([]))


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_headless_chromium_draws_the_graph(
    build_record: Any, hand_records: Any, store: LocalStore, tmp_path: Path
) -> None:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian chromium for the picture test (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    small = LocalStore(tmp_path / "store")
    small.load([*hand_records(), task_force_record(build_record)])
    page = tmp_path / "who-leads-what.html"
    write_who_leads_what(small, page)
    shot = tmp_path / "who-leads-what.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                f"--screenshot={shot}",
                "--window-size=1200,900",
                page.as_uri(),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
    assert shot.is_file(), "chromium wrote no screenshot"
    import matplotlib.image

    pixels = (matplotlib.image.imread(str(shot))[:, :, :3] * 255).round().astype(int)
    flat = pixels.reshape(-1, 3)
    values, counts = np.unique(flat, axis=0, return_counts=True)
    background = values[np.argsort(counts)[-2:]]  # page and canvas background
    differs = np.all(np.abs(flat[:, None, :] - background[None, :, :]).sum(axis=2) > 30, axis=1)
    assert differs.mean() > 0.01, f"only {differs.mean():.2%} of the screenshot differs from the background"
    node_colours, _ = grass_colours()
    seen = {}
    for label in ("Person", "Organization", "Programme"):
        colour = np.array([int(node_colours[label][i : i + 2], 16) for i in (1, 3, 5)])
        seen[label] = int((np.abs(flat - colour).sum(axis=1) < 40).sum())
    assert all(count >= 150 for count in seen.values()), seen
    keep = os.environ.get("KG_KEEP_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)


# --- hostile names and the Content-Security-Policy (issue 12, item 9) -----------------------------

HOSTILE = "吴金华<img src=//evil.example/x.png onerror=alert(1)>"


def hostile_record(build_record: Any) -> Any:
    text = f"市委常委、组织部长{HOSTILE}主持会议。"
    return build_record(
        "hostile",
        text,
        "2021-12-20",
        [("Person", HOSTILE, []), ("Organization", "平湖市委组织部", [])],
        [("LEADS", HOSTILE, "平湖市委组织部", {"title": "组织部长 url(//evil.example/a.css)"}, text)],
    )


def test_a_name_with_a_remote_reference_is_drawn_as_text(build_record: Any, tmp_path: Path) -> None:
    # Before: "the page would need the network (src=//)", and no picture at all.
    small = LocalStore(tmp_path / "store")
    small.load([hostile_record(build_record)])
    out = tmp_path / "wlw.html"
    summary = write_who_leads_what(small, out)
    page = out.read_text(encoding="utf-8")
    assert summary.nodes == 2 and offline_problems(page) == []
    fills, captions, details = _page_parts(page)
    assert HOSTILE in fills and captions == ["组织部长 url(//evil.example/a.css)"]
    assert any(HOSTILE in line for item in details.values() for line in item["evidence"])


def test_the_offline_check_reads_the_markup_not_the_data() -> None:
    assert offline_problems('<p title="src=//x.org/a">src=//x.org/a url(//x.org/b)</p>') == []
    assert offline_problems('<script type="application/json">{"a": "href=//x.org/a"}</script>') == []
    assert offline_problems("<img src='//x.org/a.png'>") and offline_problems(
        '<p style="background:url(//x.org/a)">'
    )
    assert offline_problems('<meta http-equiv="refresh" content="0;url=https://x.org/">')
    assert offline_problems('<script>fetch("https://x.org/beacon")</script>')


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"/* hit */")

    def log_message(self, *args: Any) -> None:
        pass


def _inject(page: str, port: int) -> str:
    """The page as it would be if an escaping bug let data become markup: a remote image, style
    sheet, script and a fetch from an inline script, all to a local server that counts requests."""
    base = f"http://127.0.0.1:{port}"
    injected = (
        f'<img src="{base}/img.png"><link rel="stylesheet" href="{base}/a.css">'
        f'<script src="{base}/s.js"></script><script>fetch("{base}/fetch")</script>'
        f'<div style="background:url({base}/bg.png);width:9px;height:9px"></div>'
    )
    return page.replace("<body>", "<body>" + injected, 1)


def test_the_csp_forbids_every_network_load_and_lets_the_page_work(
    build_record: Any, hand_records: Any, tmp_path: Path, chromium: Any
) -> None:
    small = LocalStore(tmp_path / "store")
    small.load([*hand_records(), hostile_record(build_record)])
    out = tmp_path / "wlw.html"
    write_who_leads_what(small, out)
    page = out.read_text(encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
        assert csp is not None and csp[1].startswith("default-src 'none'; script-src 'sha256-")
        # Control: without the CSP the injected markup does reach the server.
        _Counter.hits.clear()
        control = tmp_path / "control.html"
        control.write_text(_inject(page.replace(csp[0], ""), port), encoding="utf-8")
        tab = chromium.new_page()
        tab.goto(control.as_uri(), wait_until="load")
        tab.wait_for_timeout(500)
        tab.close()
        assert len(set(_Counter.hits)) >= 4, _Counter.hits
        # With the CSP: nothing reaches the network, and the page's own script still runs.
        _Counter.hits.clear()
        guarded = tmp_path / "guarded.html"
        guarded.write_text(_inject(page, port), encoding="utf-8")
        tab = chromium.new_page()
        blocked: list[str] = []
        tab.on("console", lambda message: blocked.append(message.text))
        tab.goto(guarded.as_uri(), wait_until="load")
        tab.wait_for_timeout(500)
        assert _Counter.hits == []
        assert any("Content Security Policy" in line for line in blocked), blocked
        tab.click(".node >> nth=0")
        assert tab.is_visible("#panel") and tab.inner_text("#panel-heading")
        tab.close()
    finally:
        server.shutdown()
        server.server_close()
