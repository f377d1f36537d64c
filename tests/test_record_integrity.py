"""Every relation `kg extract` writes names something the record holds.

The record schema leaves an unresolved end to the graph model (records may come from elsewhere), so our own
extraction must never write one: a rule that folds an entity into another after relations were stated about
it (a roster name taking a cut model name's mention, 该村党支部 folded into 裴庄村党支部) moves or drops them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cadregraph.pipeline.batch import ExtractionRun
from cadregraph.schemas.records import figure_id

CORPUS = Path(__file__).parent / "corpus" / "articles"


@pytest.fixture(scope="module")
def corpus_records() -> list:  # type: ignore[type-arg]
    run = ExtractionRun("lac", None)
    records = list(run.records([str(p) for p in sorted(CORPUS.glob("*.txt"))]))
    assert run.failures == 0
    return records


def test_every_relation_end_is_in_the_record(corpus_records: list) -> None:  # type: ignore[type-arg]
    assert len(corpus_records) == len(list(CORPUS.glob("*.txt")))
    dangling = []
    for record in corpus_records:
        known = {record.document.id, *(e.id for e in record.entities)}
        known |= {figure_id(record.document.id, f) for f in record.figures}
        for r in record.relations:
            for end in (r.source, r.target):
                if end is not None and end not in known:
                    dangling.append((record.document.id, r.type, end))
    assert not dangling, dangling[:10]
