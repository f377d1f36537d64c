"""jionlp's dictionaries are read from the zip a fresh install ships, or from the text file jionlp unpacks."""

from __future__ import annotations

import zipfile
from pathlib import Path

from cadregraph.pipeline.components import idiom_set
from cadregraph.pipeline.lexicons import common_words, jionlp_dictionary_lines


def test_a_dictionary_shipped_only_as_a_zip_is_read_in_place(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "chinese_idiom.zip", "w") as archive:
        archive.writestr("chinese_idiom.txt", "长治久安\t释义\n见贤思齐\t释义\n")
    assert jionlp_dictionary_lines("chinese_idiom.txt", tmp_path) == ["长治久安\t释义", "见贤思齐\t释义"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chinese_idiom.zip"]  # nothing unpacked


def test_the_unpacked_file_wins_and_a_missing_one_is_empty(tmp_path: Path) -> None:
    (tmp_path / "world_location.txt").write_text("中国\n", encoding="utf-8")
    assert jionlp_dictionary_lines("world_location.txt", tmp_path) == ["中国"]
    assert jionlp_dictionary_lines("nothing.txt", tmp_path) == []


def test_the_installed_dictionaries_are_found() -> None:
    assert "长治久安" in idiom_set()
    assert "农村" in common_words() and len(common_words()) > 30_000
