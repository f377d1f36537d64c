"""Shared fixtures.

Neo4j part: `neo4j_store` connects to the server named by NEO4J_URI/USER/PASSWORD (environment,
else the repository's .env written by `make neo4j-start`) and empties the database before each test.
Without a server the tests are skipped, except under CI (env CI set), where they fail loudly:
a CI run that silently skipped the database tests would prove nothing.

Sample records: the seed articles through the real pipeline and three hand-made records (A, B, C)
with their builder; each is a session fixture that returns the function, so a test names what it
needs as a parameter (`record_a`, `hand_records`, `build_record`, ...) instead of importing it from
another test module.

Hypothesis: under CI the `ci` profile runs derandomised (a fixed seed per test, no example database),
so a red CI run is reproducible by running it again; local runs use the `dev` profile, which keeps
exploring new examples and remembers failing ones. HYPOTHESIS_PROFILE picks one explicitly.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

from cadregraph.schemas import DocumentRecord

if TYPE_CHECKING:  # imported lazily below so that tests without a database never load the driver
    from cadregraph.graph.neo4j_store import Neo4jStore

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = REPO_ROOT / "seeds"

# Both built from Hypothesis's own `default`: Hypothesis (6.1xx) switches to a built-in profile of its
# own when it sees CI, and ours must not depend on which version does what.
settings.register_profile(
    "ci", parent=settings.get_profile("default"), derandomize=True, database=None, print_blob=True
)
settings.register_profile("dev", parent=settings.get_profile("default"), derandomize=False, print_blob=True)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(HYPOTHESIS_PROFILE)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test that needs the server carries the `neo4j` marker, so `-m "not neo4j"` leaves it out (a
    # fixture parametrised over both stores marks its neo4j case with pytest.param(..., marks=...)).
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
    from cadregraph.graph.neo4j_store import Neo4jStore, StoreUnavailable, read_env_file

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


# --- sample records (the fixtures at the end hand them to tests) ---------------------------------


@functools.lru_cache(maxsize=1)
def _seed_records() -> tuple[DocumentRecord, ...]:
    """The five seed articles through the real pipeline (LAC backend), once per test session."""
    from cadregraph.pipeline.cli import ExtractionRun

    run = ExtractionRun("lac", None)
    records = tuple(run.records([str(SEEDS)]))
    assert run.failures == 0 and len(records) == 5
    return records


def _spans(text: str, surface: str) -> list[dict[str, Any]]:
    spans, start = [], text.find(surface)
    while start >= 0:
        spans.append({"start": start, "end": start + len(surface), "text": surface})
        start = text.find(surface, start + len(surface))
    return spans


def _span(text: str, part: str) -> dict[str, Any]:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def _entity_key(kind: str, name: str) -> str:
    """The graph key the model gives an entity: `person:吴金华`."""
    return f"{kind.lower()}:{name}"


def _build_record(
    doc_id: str,
    text: str,
    date: str | None,
    entities: Sequence[tuple[str, str, Sequence[str]]],
    relations: Sequence[tuple[str, str, str | None, dict[str, Any], str]],
    figures: Sequence[tuple[str, float | int, str, str | None]] = (),
    title: str | None = None,
) -> DocumentRecord:
    """A record with real offsets into `text`. entities: (type, name, other surface forms);
    relations: (type, source name, target name or figure text or None, properties, evidence text)."""
    ids: dict[str, str] = {}
    entity_rows = []
    for kind, name, aliases in entities:
        ids[name] = _entity_key(kind, name)
        mentions = [span for surface in (name, *aliases) for span in _spans(text, surface)]
        entity_rows.append(
            {"id": ids[name], "type": kind, "name": name, "aliases": list(aliases), "mentions": mentions}
        )
    figure_rows = []
    for figure_text, value, unit, subject in figures:
        span = _span(text, figure_text)
        ids[figure_text] = f"figure:{doc_id}:{span['start']}"
        figure_rows.append({**span, "value": value, "unit": unit, "subject": subject, "id": ids[figure_text]})
    relation_rows = [
        {
            "type": kind,
            "source": ids[source],
            "target": ids[target] if target is not None else None,
            "properties": props,
            "evidence": _span(text, evidence),
            "confidence": 0.9,
        }
        for kind, source, target, props, evidence in relations
    ]
    return DocumentRecord.model_validate(
        {
            "document": {
                "id": doc_id,
                "source": f"hand/{doc_id}.txt",
                "title": title or text[:12],
                "date": date,
                "date_source": "given" if date else "unknown",
            },
            "entities": entity_rows,
            "relations": relation_rows,
            "figures": figure_rows,
        }
    )


TEXT_A = (
    "■记者 李雨婷\n"
    "市委常委、组织部长吴金华主持会议。新仓镇副镇长李俊介绍了“百岗大练兵”行动开展情况,"
    "全镇共有826名干部参加。市委书记仲旭东出席并讲话。"
)
TEXT_B = (
    "平湖市委组织部部务会议成员、干部科科长,市公务员局局长朱娜表示,将继续深化“铁军打造”工程。"
    "市委常委、组织部长吴金华\n参加活动。"
)
TEXT_C = "嘉兴市委书记张兵在平湖市调研,要求各地学习“百岗大练兵”经验。"


def _record_a(*, drop: Sequence[str] = ()) -> DocumentRecord:
    entities = [
        ("Person", "李雨婷", []),
        ("Person", "吴金华", []),
        ("Person", "李俊", []),
        ("Person", "仲旭东", []),
        ("Organization", "中共平湖市委", ["市委"]),
        ("Organization", "平湖市委组织部", []),
        ("Organization", "新仓镇人民政府", []),
        ("Place", "新仓镇", []),
        ("Place", "平湖市", []),
        ("Programme", "百岗大练兵行动", ["百岗大练兵"]),
    ]
    sentence_1 = "市委常委、组织部长吴金华主持会议。"
    sentence_2 = "新仓镇副镇长李俊介绍了“百岗大练兵”行动开展情况,全镇共有826名干部参加。"
    sentence_3 = "市委书记仲旭东出席并讲话。"
    relations: list[tuple[str, str, str | None, dict[str, Any], str]] = [
        ("AUTHORED", "李雨婷", None, {"role": "记者"}, "■记者 李雨婷"),
        ("HOLDS_POSITION", "吴金华", "中共平湖市委", {"title": "常委", "organization": "市委"}, sentence_1),
        (
            "HOLDS_POSITION",
            "吴金华",
            "平湖市委组织部",
            {"title": "组织部长", "organization": "组织部"},
            sentence_1,
        ),
        ("LEADS", "吴金华", "平湖市委组织部", {"title": "组织部长", "deputy": False}, sentence_1),
        (
            "HOLDS_POSITION",
            "李俊",
            "新仓镇人民政府",
            {"title": "副镇长", "organization": "新仓镇"},
            sentence_2,
        ),
        ("LEADS", "李俊", "新仓镇人民政府", {"title": "副镇长", "deputy": True}, sentence_2),
        ("PARTICIPATES_IN", "李俊", "百岗大练兵行动", {}, sentence_2),
        ("HOLDS_POSITION", "仲旭东", "中共平湖市委", {"title": "书记", "organization": "市委"}, sentence_3),
        ("LEADS", "仲旭东", "中共平湖市委", {"title": "书记", "deputy": False}, sentence_3),
        ("PART_OF", "平湖市委组织部", "中共平湖市委", {}, sentence_1),
        ("PART_OF", "新仓镇", "平湖市", {}, sentence_2),
        ("LOCATED_IN", "新仓镇人民政府", "新仓镇", {}, sentence_2),
        ("RUNS", "平湖市委组织部", "百岗大练兵行动", {}, sentence_2),
        ("HAS_FIGURE", "百岗大练兵行动", "826名干部", {}, sentence_2),
    ]
    return _build_record(
        "hand-a",
        TEXT_A,
        "2021-12-20",
        [e for e in entities if e[1] not in drop],
        [r for r in relations if r[1] not in drop and r[2] not in drop],
        [("826名干部", 826, "名", "干部")],
        title="聚力一线攻坚破难",
    )


def _record_b(*, drop: Sequence[str] = ()) -> DocumentRecord:
    entities = [
        ("Person", "朱娜", []),
        ("Person", "吴金华", []),
        ("Organization", "平湖市委组织部", ["市委组织部"]),
        ("Organization", "平湖市公务员局", ["市公务员局"]),
        ("Organization", "中共平湖市委", ["市委"]),
        ("Programme", "铁军打造工程", ["“铁军打造”工程"]),
    ]
    sentence_1 = "平湖市委组织部部务会议成员、干部科科长,市公务员局局长朱娜表示,将继续深化“铁军打造”工程。"
    sentence_2 = "市委常委、组织部长吴金华\n参加活动。"
    relations: list[tuple[str, str, str | None, dict[str, Any], str]] = [
        ("HOLDS_POSITION", "朱娜", "平湖市委组织部", {"title": "部务会议成员"}, sentence_1),
        ("HOLDS_POSITION", "朱娜", "平湖市委组织部", {"title": "干部科科长"}, sentence_1),
        ("HOLDS_POSITION", "朱娜", "平湖市公务员局", {"title": "局长"}, sentence_1),
        ("LEADS", "朱娜", "平湖市公务员局", {"title": "局长", "deputy": False}, sentence_1),
        (
            "HOLDS_POSITION",
            "吴金华",
            "平湖市委组织部",
            {"title": "组织部长", "organization": "组织部"},
            sentence_2,
        ),
        ("HOLDS_POSITION", "吴金华", "中共平湖市委", {"title": "常委", "organization": "市委"}, sentence_2),
        ("RUNS", "平湖市委组织部", "铁军打造工程", {}, sentence_1),
        ("STARTED", "铁军打造工程", None, {"date": "2017"}, sentence_1),
    ]
    return _build_record(
        "hand-b",
        TEXT_B,
        "2022-03-05",
        [e for e in entities if e[1] not in drop],
        [r for r in relations if r[1] not in drop and r[2] not in drop],
        title="百岗淬炼 铁军涅槃",
    )


def _record_c() -> DocumentRecord:
    """Hand record C (2020-06-01): 张兵, secretary of the Jiaxing party committee."""
    return _build_record(
        "hand-c",
        TEXT_C,
        "2020-06-01",
        [
            ("Person", "张兵", []),
            ("Organization", "中共嘉兴市委", ["嘉兴市委"]),
            ("Place", "嘉兴市", []),
            ("Place", "平湖市", []),
            ("Programme", "百岗大练兵行动", ["百岗大练兵"]),
        ],
        [
            ("HOLDS_POSITION", "张兵", "中共嘉兴市委", {"title": "书记"}, TEXT_C),
            ("LEADS", "张兵", "中共嘉兴市委", {"title": "书记"}, TEXT_C),
            ("PART_OF", "平湖市", "嘉兴市", {}, TEXT_C),
        ],
        title="嘉兴市委书记在平湖调研",
    )


def _hand_records() -> list[DocumentRecord]:
    """Hand records A, B and C."""
    return [_record_a(), _record_b(), _record_c()]


# --- a record the model refuses, records as a JSONL file --------------------------------------------


def _two_kinds_record() -> DocumentRecord:
    """Record C again under another id, with 张兵's id also given to an Organization: the model
    refuses it (one id, two labels)."""
    data = _record_c().model_dump(mode="json")
    data["document"]["id"] = "hand-c-two-kinds"
    person = next(entity for entity in data["entities"] if entity["type"] == "Person")
    data["entities"].append({**person, "type": "Organization"})
    return DocumentRecord.model_validate(data)


def _write_jsonl(path: Path, records: list[DocumentRecord]) -> Path:
    """`records` as a JSONL file at `path` (what kg extract prints)."""
    path.write_text("".join(record.model_dump_json() + "\n" for record in records), encoding="utf-8")
    return path


def _fixture_of(helper: Callable[..., Any]) -> Any:
    """A session fixture named like `helper` without its underscore, whose value is `helper` itself
    (a test calls it, with arguments where the helper takes some)."""

    def fixture() -> Callable[..., Any]:
        return helper

    fixture.__doc__ = helper.__doc__
    return pytest.fixture(scope="session", name=helper.__name__.removeprefix("_"))(fixture)


seed_records = _fixture_of(_seed_records)
build_record = _fixture_of(_build_record)
entity_key = _fixture_of(_entity_key)
record_a = _fixture_of(_record_a)
record_b = _fixture_of(_record_b)
record_c = _fixture_of(_record_c)
hand_records = _fixture_of(_hand_records)
two_kinds_record = _fixture_of(_two_kinds_record)
write_jsonl = _fixture_of(_write_jsonl)


@pytest.fixture(scope="session")
def extract_entities() -> Callable[[str], list[dict[str, Any]]]:
    """The entities `kg extract` gives for one page of text (written to a file and read as ingest reads it)."""
    import tempfile

    from cadregraph.pipeline.extract import extract_record
    from cadregraph.pipeline.ingest import read_document
    from cadregraph.pipeline.nlp import cached_nlp

    def entities(text: str) -> list[dict[str, Any]]:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "page.txt"
            path.write_text(text, encoding="utf-8")
            record = extract_record(read_document(path, path.name), cached_nlp("lac"))
        return [e.model_dump() for e in record.entities]

    return entities
