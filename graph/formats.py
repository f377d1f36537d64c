"""The export formats `kg export` offers. Apart from graph/export.py because the CLI builds its parser on
every run, `kg extract` included, and export.py imports networkx (a tenth of a second of start-up)."""

from __future__ import annotations

EXPORT_FORMATS: tuple[str, ...] = ("graphml", "json", "csv", "cypher", "md", "png", "svg")
# Tables over the whole graph rather than a neighbourhood: `--center` is optional and filters.
TABLE_FORMATS: tuple[str, ...] = ("careers-csv",)
