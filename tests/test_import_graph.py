"""No import cycles between the modules of pipeline/, graph/ and schemas/ (issue 11).

The graph is read from the source with ast, every import counted: at module level, under TYPE_CHECKING
and inside functions (a lazy import hides a cycle from Python, not from the design). An import of a
module names that module (`from cadregraph.pipeline.relations.chains import parse_chain` → cadregraph.pipeline.relations.chains),
an import of a name from a package names the package, unless the name is one of its submodules.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("pipeline", "graph", "schemas")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["cadregraph", *parts])


def import_graph(packages: tuple[str, ...] = PACKAGES) -> dict[str, set[str]]:
    """module → the project modules it imports."""
    files = {module_name(p): p for package in packages for p in (REPO / package).rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
                    for alias in node.names
                ]
            graph[name] |= {t for t in targets if t in files and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_the_relations_package_and_its_imports() -> None:
    graph = import_graph()
    assert "cadregraph.pipeline.relations.chains" in graph["cadregraph.pipeline.appointments"]
    assert "cadregraph.pipeline.appointments" in graph["cadregraph.pipeline.relations.table"]
    assert "cadregraph.pipeline.context" in graph["cadregraph.pipeline.extract"]
    assert "cadregraph.pipeline.relations" in graph["cadregraph.pipeline.extract"]
    # a function-level import counts: the package loads the rule table on first use of extract_relations
    assert "cadregraph.pipeline.relations.table" in graph["cadregraph.pipeline.relations"]


def test_a_cycle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_inside_pipeline() -> None:
    graph = import_graph()
    inside = {
        m: {t for t in ts if t.startswith("cadregraph.pipeline")} for m, ts in graph.items() if m.startswith("cadregraph.pipeline")
    }
    assert cycles(inside) == []


def test_no_import_cycle_at_all() -> None:
    assert cycles(import_graph()) == []


def test_graph_imports_nothing_from_pipeline() -> None:
    """The store layer reads records (schemas/), never the NLP side: a graph user needs no model."""
    graph = import_graph()
    crossing = {m: sorted(t for t in ts if t.startswith("cadregraph.pipeline")) for m, ts in graph.items() if m.startswith("cadregraph.graph")}
    assert {m: ts for m, ts in crossing.items() if ts} == {}


def test_graph_has_no_command_line_and_no_nlp() -> None:
    """graph/ is plain functions over records: the CLI is built in pipeline/cli.py, the model lives in pipeline/."""
    found = []
    for path in sorted((REPO / "graph").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in {"argparse", "spacy", "onnxruntime"}]
    assert found == []
