"""cadregraph.pipeline.resources: one reader for pipeline/data/, which refuses a dead, misspelt or missing key when
a file is loaded; and no other pipeline module opens its data files its own way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cadregraph.pipeline.appointments import notice_patterns
from cadregraph.pipeline.backends import settings
from cadregraph.pipeline.dates import _lexicon as date_lexicon
from cadregraph.pipeline.figures import _lexicon as figure_lexicon
from cadregraph.pipeline.programmes import phrase_rules
from cadregraph.pipeline.resources import checked, data_json, data_lines
from cadregraph.schemas.datafile import DataFileError

REPO = Path(__file__).resolve().parents[1]


def test_a_key_nobody_reads_fails_when_the_loader_is_done() -> None:
    table = {"verbs": {"runs": ["实施"], "located": ["位于"]}, "window": 4}
    with (
        pytest.raises(DataFileError, match=r"unknown key x\.verbs\.located: read by nothing"),
        checked(table, "x") as raw,
    ):
        assert raw["verbs"]["runs"] == ["实施"] and raw["window"] == 4


def test_a_table_read_whole_counts_as_read_and_a_missing_key_names_its_near_miss() -> None:
    with checked({"relative_years": {"今年": 0, "去年": -1}}, "x") as raw:
        assert dict(raw["relative_years"]) == {"今年": 0, "去年": -1}
        assert "明年" not in raw["relative_years"] and raw.get("spare") is None
    with (
        pytest.raises(DataFileError, match=r"x: missing key 'former' \(is 'formr' misspelt\?\)"),
        checked({"formr": []}, "x") as raw,
    ):
        raw["former"]


def test_every_data_file_loads_through_the_checks() -> None:
    """The real files carry no dead key (a dead one would fail here)."""
    assert notice_patterns().name_reach > 0
    assert date_lexicon().dateline_window > 0
    assert figure_lexicon().units["名"]
    assert phrase_rules().max_chars > 0
    assert settings().sections.max_chars < settings().sections.whole_max_chars


def test_word_lists_drop_blank_lines_and_comments_and_json_drops_comment_keys() -> None:
    lines = data_lines("lexicons", "surnames.txt")
    assert lines and all(line and line == line.strip() and not line.startswith("#") for line in lines)
    assert "吴" in lines
    decoding = data_json("ingest", "decoding.json")
    assert "listed_offsets" in decoding and not any(key.startswith("_") for key in decoding)


# pipeline/relations.py is being split into a package by another change, which moves its readers here.
THE_READER = {"pipeline/resources.py"}


def test_no_other_module_opens_the_data_files_itself() -> None:
    own_reader = re.compile(
        r"resources\.files\(|Path\(__file__\)\.parent / \"data\"|tomllib\.loads\([^)]*read_text"
    )
    found = [
        path.relative_to(REPO).as_posix()
        for path in sorted(REPO.glob("pipeline/**/*.py"))
        if path.relative_to(REPO).as_posix() not in THE_READER
        and own_reader.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
