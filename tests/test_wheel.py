"""The installed names: the folders stay at the top level (the design card), but the wheel holds them under
`cadregraph.` only, so installing cadregraph never squats `pipeline`, `graph` or `schemas` in a user's
environment, and the code imports itself by those installed names only."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("pipeline", "graph", "schemas", "queries")
SOURCE_DIRS = ("pipeline", "graph", "schemas", "tests", "tools")


def _packages_in_tree() -> set[str]:
    found = set()
    for folder in FOLDERS:
        for init in (REPO_ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(REPO_ROOT)
            found.add(".".join(("cadregraph", *relative.parts)))
    return found


def test_pyproject_lists_every_package_under_cadregraph() -> None:
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert set(config["packages"]) == _packages_in_tree()
    assert config["package-dir"] == {f"cadregraph.{folder}": folder for folder in FOLDERS}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out),
         str(REPO_ROOT)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (path,) = out.glob("cadregraph-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_top_level_is_only_cadregraph(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    top = {name.split("/")[0] for name in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"cadregraph"}
    (top_level,) = [n for n in names if n.endswith(".dist-info/top_level.txt")]
    assert wheel.read(top_level).decode().split() == ["cadregraph"]


def test_wheel_holds_every_module_and_data_file(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for folder in FOLDERS:
        for path in (REPO_ROOT / folder).rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            relative = path.relative_to(REPO_ROOT).as_posix()
            assert f"cadregraph/{relative}" in names, f"{relative} is missing from the wheel"


def _top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_code_imports_itself_only_by_installed_names() -> None:
    """`import pipeline...` would load a second copy of a module from the working directory."""
    offenders = []
    for folder in SOURCE_DIRS:
        for path in (REPO_ROOT / folder).rglob("*.py"):
            bare = _top_level_imports(path) & {"pipeline", "graph", "schemas", "queries"}
            if bare:
                offenders.append(f"{path.relative_to(REPO_ROOT)}: {sorted(bare)}")
    assert offenders == []
