"""Saved queries: the Cypher files under queries/ and their headers.

A saved query is `queries/NAME.cypher` with a header:
    // name: NAME
    // description: what it answers
    // params: a, b (optional)          (or `none`)
    // columns: x, y, z                 (the RETURN columns, in order)
Parameters arrive as strings (`-p key=value`); an optional one left out is null. Both stores answer
every saved query (graph/local_queries.py for the embedded one); tests/test_store_parity.py checks
that they agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

QUERIES_DIR = Path(__file__).resolve().parents[1] / "queries"

Params = dict[str, Any]


class QueryError(ValueError):
    """Unknown query, bad header, or parameters that do not fit; the message is one line."""


@dataclass(frozen=True)
class QueryParam:
    name: str
    required: bool


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    params: tuple[QueryParam, ...]
    columns: tuple[str, ...]
    cypher: str
    path: Path

    def bind(self, given: Mapping[str, str]) -> Params:
        """The parameter map the Cypher expects: every declared name, optional ones null if absent."""
        known = {param.name for param in self.params}
        unknown = sorted(set(given) - known)
        if unknown:
            expected = ", ".join(sorted(known)) or "none"
            raise QueryError(f"{self.name}: unknown parameter {', '.join(unknown)} (parameters: {expected})")
        missing = [param.name for param in self.params if param.required and not given.get(param.name)]
        if missing:
            raise QueryError(
                f"{self.name}: missing parameter {', '.join(missing)} (give -p {missing[0]}=...)"
            )
        bound = {param.name: (given.get(param.name) or None) for param in self.params}
        as_of = bound.get("as_of")
        if as_of is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of):
            # Dates compare as strings in both stores: only the full ISO form orders right.
            raise QueryError(f"{self.name}: as_of {as_of!r} is not a date YYYY-MM-DD")
        return bound


_HEADER = re.compile(r"^//\s*(name|description|params|columns)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(\s*\(optional\))?$")


def parse_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            header[match.group(1)] = match.group(2)
    for field in ("name", "description", "params", "columns"):
        if field not in header:
            raise QueryError(f"{path}: header line `// {field}: ...` is missing")
    params: list[QueryParam] = []
    if header["params"].lower() not in ("", "none"):
        for part in header["params"].split(","):
            match = _PARAM.match(part.strip())
            if not match:
                raise QueryError(f"{path}: cannot read parameter {part.strip()!r}")
            params.append(QueryParam(match.group(1), required=match.group(2) is None))
    columns = tuple(column.strip() for column in header["columns"].split(",") if column.strip())
    if header["name"] != path.stem:
        raise QueryError(f"{path}: name {header['name']!r} differs from the file name")
    return SavedQuery(header["name"], header["description"], tuple(params), columns, text, path)


def load_queries(directory: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Every saved query in `directory`, by name."""
    return {path.stem: parse_query(path) for path in sorted(directory.glob("*.cypher"))}


_SAVED_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def get_query(name: str, directory: Path = QUERIES_DIR, *, allow_file: bool = False) -> SavedQuery:
    """The saved query `name` from `directory`; or, with `allow_file`, a .cypher file named by path.

    A name that is a path (`/tmp/x.cypher`, `../x`) never reaches outside `directory` by itself: a
    Cypher file from elsewhere runs only when the user asks for it (`kg query PATH --allow-file`)."""
    if _SAVED_NAME.match(name):
        path = directory / f"{name}.cypher"
        if path.is_file():
            return parse_query(path)
        if not allow_file:
            known = ", ".join(sorted(load_queries(directory)))
            raise QueryError(f"no saved query {name!r} (known: {known})")
    if not allow_file:
        raise QueryError(
            f"{name!r} is a path, not a saved query name; to run a .cypher file from outside "
            f"{directory.name}/ add --allow-file"
        )
    path = Path(name)
    if path.suffix != ".cypher" or not path.is_file():
        raise QueryError(f"{name}: no such .cypher file")
    return parse_query(path)


def is_saved(query: SavedQuery, directory: Path = QUERIES_DIR) -> bool:
    """Whether the query is one of the project's saved queries (not a file given with --allow-file)."""
    return query.path.resolve().parent == directory.resolve()


def parse_param_pairs(pairs: Iterable[str]) -> dict[str, str]:
    """`-p key=value` arguments as a dict; the value may contain '='."""
    given: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"parameter {pair!r} is not key=value")
        given[key.strip()] = value.strip()
    return given


def saved_cypher(name: str, directory: Path = QUERIES_DIR) -> str | None:
    """The Cypher of the saved query `name`; None when `name` is not one (Cypher text, say)."""
    if not _SAVED_NAME.match(name):
        return None
    path = directory / f"{name}.cypher"
    return path.read_text(encoding="utf-8") if path.is_file() else None
