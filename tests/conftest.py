"""Shared fixtures.

Neo4j part: `neo4j_store` connects to the server named by NEO4J_URI/USER/PASSWORD (environment,
else the repository's .env written by `make neo4j-start`) and empties the database before each test.
Without a server the tests are skipped, except under CI (env CI set), where they fail loudly:
a CI run that silently skipped the database tests would prove nothing.

Hypothesis: under CI the `ci` profile runs derandomised (a fixed seed per test, no example database),
so a red CI run is reproducible by running it again; local runs use the `dev` profile, which keeps
exploring new examples and remembers failing ones. HYPOTHESIS_PROFILE picks one explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

if TYPE_CHECKING:  # imported lazily below so that tests without a database never load the driver
    from graph.neo4j_store import Neo4jStore

REPO_ROOT = Path(__file__).resolve().parents[1]

# Both built from Hypothesis's own `default`: Hypothesis (6.1xx) switches to a built-in profile of its
# own when it sees CI, and ours must not depend on which version does what.
settings.register_profile(
    "ci", parent=settings.get_profile("default"), derandomize=True, database=None, print_blob=True
)
settings.register_profile("dev", parent=settings.get_profile("default"), derandomize=False, print_blob=True)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(HYPOTHESIS_PROFILE)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test that needs the server carries the `neo4j` marker, so `-m "not neo4j"` leaves it out.
    for item in items:
        if "neo4j_store" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium, driven by Playwright; nothing is downloaded, and the browser itself is told not
# to reach the network on its own (no background requests, no component updates).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium under Playwright (skipped without one, a failure under CI)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI needs playwright (pip install -e '.[dev]')", pytrace=False)
        pytest.skip("playwright is not installed")
    if not CHROMIUM.is_file():
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian chromium at /usr/bin/chromium (make system-deps)", pytrace=False)
        pytest.skip("no /usr/bin/chromium (make system-deps installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def neo4j_session_store() -> Iterator[Neo4jStore]:
    from graph.neo4j_store import Neo4jStore, StoreUnavailable, read_env_file

    # The tests empty the database: they use the server `make neo4j-start` wrote into the repository's
    # .env, never one that NEO4J_* variables in the developer's shell point at, when that file exists.
    written = read_env_file(REPO_ROOT / ".env")
    try:
        if written.get("NEO4J_PASSWORD"):
            store = Neo4jStore(
                written.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
                written.get("NEO4J_USER", "neo4j"),
                written["NEO4J_PASSWORD"],
            )
            store.ensure_schema()  # connects: a stopped server is StoreUnavailable here
        else:
            store = Neo4jStore.from_env(env_file=REPO_ROOT / ".env")
    except StoreUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs a running Neo4j (make neo4j-start): {exc}", pytrace=False)
        pytest.skip(f"no Neo4j server: {exc}")
    store.ensure_schema()
    yield store
    store.close()


@pytest.fixture
def neo4j_store(neo4j_session_store: Neo4jStore) -> Neo4jStore:
    """A connected Neo4jStore over an empty database (tests do not run in parallel)."""
    neo4j_session_store.delete_all()
    return neo4j_session_store
