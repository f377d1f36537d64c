"""Long documents are analysed in paragraph-bounded sections (issue 12 item 1): the record of a long real
text (the seeds concatenated) is consistent, and a short document goes through unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadregraph.pipeline.backends import settings
from cadregraph.pipeline.extract import extract_record, extract_sectioned, split_sections
from cadregraph.pipeline.ingest import read_document
from cadregraph.pipeline.nlp import cached_nlp

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
MAX_CHARS = settings().sections.max_chars
WHOLE_MAX_CHARS = settings().sections.whole_max_chars


def test_short_documents_are_analysed_whole() -> None:
    assert MAX_CHARS <= WHOLE_MAX_CHARS
    for seed in SEEDS:
        text = read_document(seed, seed.name).text
        assert len(text) <= min(MAX_CHARS, WHOLE_MAX_CHARS)
        assert split_sections(text, MAX_CHARS) == [(0, len(text))]


@pytest.mark.parametrize("seed", [SEEDS[0], SEEDS[-1]], ids=lambda p: p.stem)
def test_the_sectioned_path_with_one_section_gives_the_same_record(seed: Path) -> None:
    ingested = read_document(seed, f"seeds/{seed.name}")
    nlp = cached_nlp()
    whole = extract_record(ingested, nlp).model_dump_json()
    sectioned = extract_sectioned(ingested, nlp, [(0, len(ingested.text))]).model_dump_json()
    assert sectioned == whole


def _long_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS * 2)


def test_sections_cover_the_text_and_end_at_paragraph_breaks() -> None:
    text = _long_text()
    for max_chars in (MAX_CHARS, 5000, 777):
        sections = split_sections(text, max_chars)
        assert sections[0][0] == 0 and sections[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in zip(sections, sections[1:], strict=False))
        assert all(0 < end - start <= max_chars for start, end in sections)
        assert all(text[end - 1] == "\n" for _, end in sections[:-1])  # the seeds have short paragraphs
    # one endless line: cut at sentence ends, or anywhere when there are none
    line = text.replace("\n", "")
    assert all(line[e - 1] in "。！？；!?;" for _, e in split_sections(line, 2000)[:-1])
    assert split_sections("字" * 2500, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


@pytest.fixture(scope="module")
def long_record(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    path = tmp_path_factory.mktemp("long") / "long.txt"
    path.write_text(_long_text(), encoding="utf-8")
    ingested = read_document(path, "long.txt")
    assert len(ingested.text) > WHOLE_MAX_CHARS and len(split_sections(ingested.text, MAX_CHARS)) >= 6
    record = extract_record(ingested, cached_nlp())
    return ingested.original, record.model_dump()


def test_long_document_record_is_consistent(long_record: tuple[str, dict]) -> None:
    original, record = long_record
    spans = [m for e in record["entities"] for m in e["mentions"]]
    spans += [r["evidence"] for r in record["relations"]]
    spans += [s for r in record["relations"] for s in r["evidence_all"]]
    spans += record["dates"] + record["figures"]
    assert len(spans) > 1000
    for span in spans:
        assert original[span["start"] : span["end"]] == span["text"], span
    ids = [e["id"] for e in record["entities"]]
    assert len(ids) == len(set(ids))
    figure_ids = [f["id"] for f in record["figures"]]
    assert len(figure_ids) == len(set(figure_ids))
    known = set(ids) | set(figure_ids) | {record["document"]["id"]}
    for relation in record["relations"]:
        assert relation["source"] in known and (relation["target"] is None or relation["target"] in known)
    for entity in record["entities"]:
        starts = [m["start"] for m in entity["mentions"]]
        assert starts == sorted(set(starts))
    # every section was analysed: mentions in the last tenth of the text as in the first
    last = [s for s in spans if s["start"] > 0.9 * len(original)]
    first = [s for s in spans if s["end"] < 0.1 * len(original)]
    assert len(last) > 50 and len(first) > 50


def test_long_document_finds_the_seeds_people(long_record: tuple[str, dict]) -> None:
    """Each seed's people are found in the long text too (the home place is decided once for all)."""
    _, record = long_record
    long_people = {e["name"] for e in record["entities"] if e["type"] == "Person"}
    nlp = cached_nlp()
    seed_people: set[str] = set()
    for seed in SEEDS:
        single = extract_record(read_document(seed, seed.name), nlp)
        seed_people |= {e.name for e in single.entities if e.type == "Person"}
    assert len(seed_people) > 50
    assert len(seed_people & long_people) >= 0.9 * len(seed_people), sorted(seed_people - long_people)
