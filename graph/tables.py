"""Query rows as text: an aligned table that stays aligned with Chinese text, JSON, or CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from cadregraph.schemas.text_units import display_width

TABLE_CELL_WIDTH = 80  # display columns; longer cells are cut with … in table output (not json/csv)

Row = dict[str, Any]


def cut_to_width(text: str, limit: int) -> str:
    """`text` shortened to `limit` display columns, ending in … when cut."""
    if display_width(text) <= limit:
        return text
    out, width = [], 0
    for char in text:
        char_width = display_width(char)
        if width + char_width > limit - 1:
            break
        out.append(char)
        width += char_width
    return "".join(out) + "…"


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def cell_text(value: Any) -> str:
    """How a value reads in a table cell: lists joined, maps (an evidence item) as JSON, null empty,
    page line breaks removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(cell_text(item) for item in value)
    if isinstance(value, Mapping):
        value = json.dumps(dict(value), ensure_ascii=False)
    return re.sub(r"\s*\n\s*", "", str(value))


def format_table(rows: Sequence[Row], columns: Sequence[str]) -> str:
    """Aligned columns that stay aligned with Chinese text (numbers right-aligned)."""
    columns = list(columns) or (list(rows[0]) if rows else [])
    cells = [
        [cut_to_width(cell_text(row.get(column)), TABLE_CELL_WIDTH) for column in columns] for row in rows
    ]
    widths = [
        max([display_width(column)] + [display_width(line[i]) for line in cells])
        for i, column in enumerate(columns)
    ]
    numeric = [
        bool(rows)
        and all(isinstance(row.get(c), int | float) and not isinstance(row.get(c), bool) for row in rows)
        for c in columns
    ]
    lines = ["  ".join(_pad(c, w, False) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for line in cells:
        lines.append("  ".join(_pad(t, w, n) for t, w, n in zip(line, widths, numeric, strict=True)).rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def format_json(rows: Sequence[Row]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2)


def format_csv(rows: Sequence[Row], columns: Sequence[str]) -> str:
    """CSV with a header; lists and nested values as JSON so that nothing is lost."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        values = []
        for column in columns:
            value = row.get(column)
            if value is None:
                values.append("")
            elif isinstance(value, bool):
                values.append("true" if value else "false")
            elif isinstance(value, list | dict):
                values.append(json.dumps(value, ensure_ascii=False))
            else:
                values.append(str(value))
        writer.writerow(values)
    return out.getvalue().rstrip("\n")


def format_rows(rows: Sequence[Row], columns: Sequence[str], fmt: str) -> str:
    if fmt == "json":
        return format_json(rows)
    if fmt == "csv":
        return format_csv(rows, columns)
    return format_table(rows, columns)
