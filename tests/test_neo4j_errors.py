"""Neo4j errors a user meets are one line on stderr and one exit code: a query the server refuses
(syntax, access mode), a server that goes away in the middle of a load (no driver retry warnings
first), and a server that accepts connections but never answers (given up within NEO4J_TIMEOUT)."""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cadregraph.graph.model import expected_graph
from cadregraph.pipeline.exits import EXIT_UNAVAILABLE, guarded

REPO = Path(__file__).resolve().parents[1]


def kg_env(uri: str, password: str = "whatever-1", **extra: str) -> dict[str, str]:
    return {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": password, **extra}


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A local socket that accepts connections and never sends a byte."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()
    for conn in held:
        conn.close()


def test_a_server_that_never_answers_is_given_up_within_the_timeout(
    silent_server: int, tmp_path: Path
) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "cadregraph.pipeline.cli", "query", "documents", "--store", "neo4j"],
        cwd=tmp_path,
        env=kg_env(f"bolt://127.0.0.1:{silent_server}", NEO4J_TIMEOUT="2"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == EXIT_UNAVAILABLE
    assert done.stderr.count("\n") == 1, done.stderr
    assert "did not answer within 2 s" in done.stderr and f"127.0.0.1:{silent_server}" in done.stderr
    assert elapsed < 15, elapsed  # the interpreter start plus 2 s, not the driver's 60 s default


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("cypher", "kind"),
    [
        ("CREATE (:Person {key: 'intruder', name: 'x'})", "AccessMode"),
        ("MATCH (n:Person RETURN n", "SyntaxError"),
    ],
)
def test_a_refused_query_is_one_line_and_one_exit_code(
    neo4j_store: Any, capsys: pytest.CaptureFixture[str], cypher: str, kind: str
) -> None:
    command = guarded(lambda args: len(neo4j_store.run_read(cypher)))
    assert command(argparse.Namespace()) == EXIT_UNAVAILABLE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"kg: Neo4j refused the query ({kind}): "), err
    assert neo4j_store.run_read("MATCH (n) RETURN count(n) AS c") == [{"c": 0}]


class CuttableProxy:
    """Forwards a local port to the real Bolt port; `cut()` closes everything, which is what the
    client sees when the server is stopped."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.sent = 0
        self.is_cut = False
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client = self.listener.accept()[0]
            except OSError:
                return
            if self.is_cut:
                client.close()
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self.lock:
                self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, count: bool) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
                if count:
                    self.sent += len(chunk)
        except OSError:
            pass

    def cut(self) -> None:
        self.is_cut = True
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() above
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()


@pytest.mark.neo4j
def test_a_server_stopping_mid_load_is_one_line_and_the_next_load_completes(
    neo4j_store: Any, tmp_path: Path
) -> None:
    from cadregraph.pipeline.bench_loader import synthetic_record, vocabulary

    rng = random.Random(12)
    vocab = vocabulary(rng, people=300, orgs=60)
    records = [synthetic_record(i, vocab, rng) for i in range(150)]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(record.model_dump_json() + "\n" for record in records), encoding="utf-8")
    port = int(neo4j_store.uri.rsplit(":", 1)[1])
    proxy = CuttableProxy(port)
    password = _password()
    load = subprocess.Popen(
        [sys.executable, "-m", "cadregraph.pipeline.cli", "load", str(path), "--store", "neo4j"],
        cwd=tmp_path,
        env=kg_env(f"bolt://127.0.0.1:{proxy.port}", password, NEO4J_RETRY_TIME="3", NEO4J_TIMEOUT="2"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while proxy.sent < 2_000_000 and load.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert load.poll() is None, "the load finished before the server could be stopped; make it longer"
    proxy.cut()
    out, err = load.communicate(timeout=120)
    assert load.returncode == EXIT_UNAVAILABLE, (out, err)
    assert err.count("\n") == 1 and "not reachable" in err and "retried" not in err, err
    # What the cut load committed is whole documents; the next load finishes the rest and the graph
    # is exactly the model's.
    neo4j_store.load(records)
    assert neo4j_store.dump() == expected_graph(records)


def _password() -> str:
    from cadregraph.graph.neo4j_store import read_env_file

    return read_env_file(REPO / ".env")["NEO4J_PASSWORD"]
