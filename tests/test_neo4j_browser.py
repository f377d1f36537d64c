"""Neo4j Browser as our users meet it, in a real headless browser (Debian's Chromium under Playwright).

The seeds are loaded into the project's server; the Browser that server serves is opened, the login
form filled with the `.env` credentials, `graph/browser.grass` applied with `:style` (pasted, as a
user pastes it), the `who-leads-what-graph` saved query run with a parameter, then its graph form
(the same MATCH returning the nodes and relationships, which is what the Browser draws). The
screenshot must show the style's colours and the Chinese captions. Every request that would leave
the machine (the Browser asks for web fonts and telemetry) is refused and listed.

KG_BROWSER_SCREENSHOT=docs/neo4j-browser.png keeps the screenshot (README shows it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.request
from pathlib import Path
from typing import Any

import numpy as np

from cadregraph.graph.neo4j_store import Neo4jStore, read_env_file
from cadregraph.graph.saved_queries import get_query
from cadregraph.graph.viz import GRASS_PATH, grass_colours

REPO = Path(__file__).resolve().parents[1]


def browser_address() -> str:
    """Where the project's server serves Neo4j Browser: NEO4J_BROWSER_URL, else the HTTP address in
    the configuration `make neo4j-start` wrote, else NEO4J_HTTP_PORT (default 7474) on loopback."""
    if os.environ.get("NEO4J_BROWSER_URL"):
        return os.environ["NEO4J_BROWSER_URL"].rstrip("/")
    conf = REPO / ".neo4j" / "conf" / "neo4j.conf"
    if conf.is_file():
        found = re.search(r"(?m)^server\.http\.listen_address=(\S+)$", conf.read_text(encoding="utf-8"))
        if found:
            return f"http://{found[1]}"
    return f"http://127.0.0.1:{os.environ.get('NEO4J_HTTP_PORT', '7474')}"


def graph_form(cypher: str) -> str:
    """The saved query's MATCH returning what it matched (p, r, o) instead of its columns."""
    head, found, _ = cypher.partition("\nRETURN ")
    assert found, "the saved query has no RETURN clause"
    return head + "\nRETURN p, r, o"


def _colour(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])


def test_neo4j_browser_draws_the_seeds_in_our_style(
    seed_records: Any, neo4j_store: Neo4jStore, chromium: Any, tmp_path: Path
) -> None:
    neo4j_store.load(seed_records())
    env = read_env_file(REPO / ".env")
    user, password = env.get("NEO4J_USER", "neo4j"), env["NEO4J_PASSWORD"]
    base = browser_address()
    # The HTTP address belongs to the server the tests use: its discovery document names our Bolt port.
    with urllib.request.urlopen(base + "/", timeout=30) as reply:  # noqa: S310 - loopback only
        discovery = json.load(reply)
    bolt = discovery["bolt_direct"]
    assert bolt.split("//")[1] == neo4j_store.uri.split("//")[1], (discovery, neo4j_store.uri)

    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    origin = base.split("/browser")[0]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    refused: list[str] = []

    def only_loopback(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "http://localhost:")):
            route.continue_()
        else:
            refused.append(url.split("?")[0])
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(base + "/browser/", wait_until="networkidle", timeout=120_000)
        # The login form, as the user fills it.
        page.select_option("[data-testid=bolt-scheme-select]", "bolt://")
        page.fill("[data-testid=boltaddress]", bolt.split("//")[1])
        page.fill("[data-testid=username]", user)
        page.fill("[data-testid=password]", password)
        page.click("[data-testid=connect]")
        page.wait_for_selector("text=neo4j$", timeout=60_000)

        def run(command: str) -> Any:
            """Paste a command into the editor and run it; the frame it opens."""
            before = page.locator("[data-testid=frame]").count()
            page.click("[data-testid=activeEditor]")
            page.keyboard.press("Control+A")
            page.keyboard.press("Delete")
            page.evaluate("text => navigator.clipboard.writeText(text)", command)
            page.keyboard.press("Control+V")
            page.click("[data-testid=editor-Run]")
            page.wait_for_function(
                f"() => document.querySelectorAll('[data-testid=frame]').length > {before}", timeout=60_000
            )
            return page.locator("[data-testid=frame]").first

        styled = run(":style " + GRASS_PATH.read_text(encoding="utf-8"))
        assert "node.Person" in styled.inner_text(timeout=30_000)
        run(":param org => '组织部'")
        run(":param place => null")
        run(":param as_of => null")  # the latest day in the graph, as kg query gives it

        # The saved query as `kg query --print` gives it: rows of names and titles.
        table = run(get_query("who-leads-what-graph").cypher)
        table.get_by_text("吴金华").first.wait_for(timeout=60_000)
        rows = table.inner_text()
        assert "平湖市委组织部" in rows and "组织部长" in rows and "LEADS" in rows

        # Its graph form, which the Browser draws with our style.
        node_colours, rel_colours = grass_colours()
        drawn = run(graph_form(get_query("who-leads-what-graph").cypher))
        drawn.locator(f'svg circle[fill="{node_colours["Person"]}"]').first.wait_for(timeout=60_000)
        drawn.locator("[title='Fullscreen']").first.click()  # the frame over the whole window
        page.wait_for_timeout(4000)  # the force layout settles
        fills = set(drawn.locator("svg circle").evaluate_all("cs => cs.map(c => c.getAttribute('fill'))"))
        assert {node_colours["Person"], node_colours["Organization"]} <= fills, fills
        texts = drawn.locator("svg text").evaluate_all("ts => ts.map(t => t.textContent.trim())")
        assert {"吴金华", "组织部长"} <= set(texts), texts[:40]
        strokes = set(drawn.locator("svg path").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))"))
        assert rel_colours["LEADS"] in strokes or rel_colours["HOLDS_POSITION"] in strokes, strokes

        shot = tmp_path / "neo4j-browser.png"
        drawn.screenshot(path=str(shot))
        keep = os.environ.get("KG_BROWSER_SCREENSHOT")
        if keep:
            Path(keep).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(shot, keep)
        box = drawn.bounding_box()
        caption = drawn.locator("svg text", has_text=re.compile(r"^\s*吴金华\s*$")).first.bounding_box()
        assert box is not None and caption is not None
    finally:
        context.close()
    assert errors == [], errors
    # Pixels: the nodes are painted in the style's colours, the caption has glyphs on its node.
    import matplotlib.image

    pixels = (matplotlib.image.imread(str(shot))[:, :, :3] * 255).round().astype(int)
    flat = pixels.reshape(-1, 3)
    for label in ("Person", "Organization"):
        painted = int((np.abs(flat - _colour(node_colours[label])).sum(axis=1) < 30).sum())
        assert painted >= 500, (label, painted)
    top = int(caption["y"] - box["y"])
    left = int(caption["x"] - box["x"])
    patch = pixels[top : top + int(caption["height"]) + 1, left : left + int(caption["width"]) + 1].reshape(
        -1, 3
    )
    on_node = int((np.abs(patch - _colour(node_colours["Person"])).sum(axis=1) < 60).sum())
    glyph = int((patch.min(axis=1) > 200).sum())  # white text (text-color-internal) on the red node
    assert on_node > 0 and glyph >= 15, (on_node, glyph, patch.shape)
    assert all(not url.startswith(("http://127.0.0.1", "ws://127.0.0.1")) for url in refused)
