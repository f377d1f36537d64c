"""A record lists the places its text writes: the gazetteer's ancestors the text leaves out are no entities,
and a place links to its nearest written ancestor (pipeline/extract.py `named_places_only`)."""

from __future__ import annotations

from pathlib import Path

from cadregraph.pipeline.extract import extract_record
from cadregraph.pipeline.ingest import read_document
from cadregraph.pipeline.nlp import cached_nlp
from cadregraph.schemas import DocumentRecord

REPO = Path(__file__).resolve().parents[1]


def _record(relative: str) -> DocumentRecord:
    path = REPO / relative
    return extract_record(read_document(path, path.name), cached_nlp("lac"))


def _part_of(record: DocumentRecord) -> set[tuple[str, str]]:
    names = {e.id: e.name for e in record.entities}
    return {(names[r.source], names[r.target]) for r in record.relations if r.type == "PART_OF" and r.target}


def test_an_unwritten_ancestor_is_skipped_to_the_written_one() -> None:
    """a16 (河南): 太康县 is written and so is 河南省, but never 周口市, the prefecture between them."""
    record = _record("tests/corpus/articles/a16_26096d74.txt")
    places = {e.name for e in record.entities if e.type == "Place"}
    assert "周口市" not in places
    assert ("太康县", "河南省") in _part_of(record)
    assert all(e.mentions or e.type != "Place" or e.name == record.document.place for e in record.entities)


def test_written_places_keep_their_own_links() -> None:
    """seed 001: 双红村, 新仓镇, 平湖市 and 嘉兴市 are written, 浙江省 is not."""
    record = _record("seeds/001_7cba9d35d36efd9e.txt")
    places = {e.name for e in record.entities if e.type == "Place"}
    assert {"双红村", "新仓镇", "平湖市", "嘉兴市"} <= places
    assert "浙江省" not in places
    assert ("双红村", "新仓镇") in _part_of(record)
    assert not any(target == "浙江省" for _, target in _part_of(record))



def test_a_place_written_only_inside_a_bodys_name_is_no_entity() -> None:
    """m07 (黄平县 paper): 新州镇 is written only inside 新州镇东方社区党支部; the body's name says where it is and
    the gold lists no place written only so. q04: 均安镇, written only inside 均安镇党委…, holds the written
    三华社区 and stays, as the link between them."""
    record = _record("tests/corpus/articles/m07_b1b04038.txt")
    names = {e.id: e.name for e in record.entities}
    assert "新州镇" not in {e.name for e in record.entities if e.type == "Place"}
    assert all(r.target in names for r in record.relations if r.type == "LOCATED_IN")
    holder = _record("tests/corpus/articles/q04_a3ac7edd.txt")
    assert "均安镇" in {e.name for e in holder.entities if e.type == "Place"}
    assert ("三华社区", "均安镇") in _part_of(holder)
