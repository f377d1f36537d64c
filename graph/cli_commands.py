"""Graph commands of `kg` (build, load, delete, query, viz, export)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add the graph subcommands to the `kg` parser."""
