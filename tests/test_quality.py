"""Quality floors on the hand-made gold: the F1 per category may only go up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cadregraph.pipeline.cli import ExtractionRun, _iso_date
from cadregraph.pipeline.evaluate import PRF, format_table, load_gold, merge, score_document

GOLD = Path(__file__).parent / "gold"
REPO = GOLD.parents[1]


@pytest.fixture(scope="module")
def scores() -> dict[str, PRF]:
    per_document = []
    for path in sorted(GOLD.glob("*.gold.json")):
        gold = load_gold(path)
        run = ExtractionRun("lac", _iso_date(gold["document"]["date"]))
        records = list(run.records([str(REPO / gold["document"]["source"])]))
        assert len(records) == 1 and run.failures == 0
        per_document.append(score_document(gold, records[0]))
    return merge(per_document)


def test_f1_floors_hold(scores: dict[str, PRF]) -> None:
    floors = {
        k: v for k, v in json.loads((GOLD / "floors.json").read_text(encoding="utf-8")).items() if k[0] != "_"
    }
    below = {k: (round(scores[k].f1, 3), floor) for k, floor in floors.items() if scores[k].f1 < floor}
    assert not below, f"below the floor (F1, floor): {below}\n{format_table(scores)}"


def test_every_gold_file_is_scored(scores: dict[str, PRF]) -> None:
    expected = sum(len(load_gold(p)["entities"]) for p in GOLD.glob("*.gold.json"))
    entity_types = ("Person", "Organization", "Place", "Programme", "Event")
    assert sum(scores[t].tp + scores[t].fn for t in entity_types) == expected
