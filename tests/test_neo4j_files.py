"""The local Neo4j server's files (tools/neo4j/neo4jctl.sh): the database, its logs and the password
file are owner-only, since they hold the whole graph, queries and credentials."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
N4J_HOME = Path(os.environ.get("NEO4J_LOCAL_DIR", REPO / ".neo4j"))


@pytest.mark.neo4j
def test_the_servers_data_logs_and_password_are_owner_only(neo4j_store: Any) -> None:
    neo4j_store.load([])  # the server is up and has written its files
    if not (N4J_HOME / "data" / "databases").is_dir():
        pytest.skip(f"no local JVM server under {N4J_HOME} (docker compose keeps its files in a volume)")
    exposed = [
        f"{path.relative_to(N4J_HOME)} {stat.filemode(path.stat().st_mode)}"
        for part in ("data", "logs", "run")
        for path in [N4J_HOME / part, *(N4J_HOME / part).rglob("*")]
        if path.exists() and not path.is_symlink() and path.stat().st_mode & 0o077
    ]
    assert exposed == []
