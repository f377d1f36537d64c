"""Neo4j backend of `kg`: the graph model (cadregraph.graph.model) kept in a Neo4j 5 server.

Why it looks like this:
- Whole documents are written in managed write transactions (`execute_write` retries transient
  errors such as deadlocks), `docs_per_transaction` of them together (default 50): fewer commits,
  shared statements, and never half a document. A group the server refuses is replayed one document
  per transaction, so only the bad document is rejected (and named to `on_reject`).
- A transaction costs a handful of statements whatever its size: read the stored digests of the
  group (unchanged documents are skipped), lock the nodes the stored versions mention and read their
  MENTIONS (replace/delete only), MERGE the nodes, CREATE the MENTIONS, MERGE the other
  relationships per type. Every statement
  is a fixed text with all values as parameters, so Neo4j plans it once; labels and types enter
  Cypher only from the model lists, checked by `check_label` / `check_rel_type`, never from text.
  No APOC.
- Provenance without quadratic cost: a node's visible properties (`docs`, the merged `name` and
  `aliases`, ...) are `merge_node_props` of its documents' contributions, and each document keeps
  its contribution on its own MENTIONS (`_c`). A document's write marks the nodes it touched with the
  `_Stale` label instead of rewriting them; `_finalise` recomputes marked nodes from their MENTIONS
  once at the end of a load (and deletes those nothing mentions any more). Hub nodes such as 平湖市 are
  then rewritten once per load, not once per document. Stale nodes a cut-off load left are finished
  by the next load.
- Relationships the same way: every model relationship starts at an entity its document mentions,
  and that MENTIONS also keeps the document's contributions to the relationships that start there
  (`_r`). A document's write MERGEs its relationships (a new one gets its properties at once) and
  never reads or rewrites one other documents support: its start node is stale, and `_finalise`
  recomputes the relationships there from the `_r` of the node's MENTIONS (and deletes those no
  document states any more). So adding a document costs the same however many documents already
  state its facts (issue 9, item 3), replace/delete stay exact and the graph is independent of load
  order. A relationship keeps `_contrib` (its contributions as JSON strings) only while a document
  loaded before `_r` existed supports it: that is that document's only record.
- `_finalise` reads stale nodes in parts of at most CHARS_PER_FINALISE_PART characters (contributions,
  evidence, `docs`), writes what they change in statements of at most that size, and empties each
  statement's parameters once it has run (the driver keeps them until the commit otherwise); the
  loader keeps nothing per document beyond the group it writes. So the client's memory goes with that
  budget, not with the corpus, except for a single node bigger than the budget, which is read whole
  (README, Benchmarks).
- Locks: stored versions' nodes and MENTIONS are write-locked (`_lk`) before they are read;
  `_finalise` locks a node before reading its MENTIONS and relationships (creating a relationship
  locks its end nodes, so none is added meanwhile). Concurrent loaders lose nothing.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from cadregraph.graph.model import (
    ENTITY_LABELS,
    NODE_LABELS,
    REL_TYPES,
    DocumentGraph,
    GraphDump,
    NodeId,
    Props,
    Reject,
    RelId,
    check_label,
    check_rel_type,
    group_contributions,
    merge_node_props,
    merge_rel_props,
    model_label,
    numbered_graphs,
    without_documents,
)
from cadregraph.graph.person_links import LINK_TYPE, PersonFacts, cypher_facts
from cadregraph.graph.store import LoadStats, Neighbourhood, Row, StoreInfo, referenced_documents
from cadregraph.schemas import DocumentRecord

FULLTEXT_INDEX = "entity_names"
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_BATCH_SIZE = 1000
DEFAULT_TIMEOUT = 5.0  # seconds: connect, and wait for a pooled connection (NEO4J_TIMEOUT)
DEFAULT_RETRY_TIME = 15.0  # seconds of retrying a failed transaction (NEO4J_RETRY_TIME)
# Whole documents per write transaction: tens amortise the commit and share statements; a group the
# server refuses is replayed one document per transaction.
DEFAULT_DOCS_PER_TRANSACTION = 50
INTERNAL_PREFIX = "_"  # properties starting with this are store internals, never shown by dump()
_IDENTITY_PROPS = frozenset({"key", "rel_key"})

T = TypeVar("T")


class StoreUnavailable(RuntimeError):
    """The server cannot be used (stopped, unreachable, wrong credentials); the message is one line."""


# --- Cypher --------------------------------------------------------------------------------------
# Each statement has a fixed text and ONE list parameter: Neo4j caches plans per text and parameter
# types/sizes, so several optional list parameters in one statement would be re-planned for every
# combination of empty and non-empty lists. Labels and types come from the model lists only.

# Entity and figure nodes get their visible properties from the MENTIONS that point at them; each
# MENTIONS keeps its document's own contribution to the node in `_c` (JSON). A document's write adds
# its MENTIONS and marks the nodes it touched with this label; `_finalise` recomputes them later.
STALE_LABEL = "_Stale"
CONTRIBUTION_PROPERTY = "_c"
# The same MENTIONS keeps the document's own contributions to the relationships that start at the node
# (a JSON list of [type, end label, end key, rel_key, properties]); every model relationship starts at
# an entity the document mentions. A relationship's visible properties are recomputed from them.
REL_CONTRIBUTION_PROPERTY = "_r"
MENTIONED_LABELS: tuple[str, ...] = tuple(label for label in NODE_LABELS if label != "Document")


def _dispatch(kind_field: str, kinds: Sequence[str], clause: Callable[[str], str], variables: str) -> str:
    """`CALL (vars) { WITH vars WHERE row.<field> = 'A' <clause for A> UNION ALL ... }`: one batched
    statement whose rows are grouped by label or type, each group with its own literal label/type."""
    branches = [f"WITH {variables} WHERE row.{kind_field} = '{kind}' {clause(kind)}" for kind in kinds]
    return f"CALL ({variables}) {{ " + " UNION ALL ".join(branches) + " }"


# The stored digest of every document of a group, in one read.
_READ_DIGESTS = (
    "UNWIND $keys AS key OPTIONAL MATCH (d:Document {key: key}) "
    "RETURN collect([key, d IS NOT NULL, d.`_digest`]) AS docs"
)
# Lock (by writing `_lk`) every node the stored version of a document mentions.
_LOCK_OLD_NODES = (
    "UNWIND $docs AS doc MATCH (d:Document {key: doc}) "
    "CALL (d) { OPTIONAL MATCH (d)-[:MENTIONS]->(m) SET m.`_lk` = true "
    "RETURN collect(CASE WHEN m IS NULL THEN null ELSE [labels(m), m.key, elementId(m)] END) AS nodes } "
    "RETURN collect([doc, elementId(d), nodes]) AS docs"
)
# MERGE every entity and figure node the new versions touch, grouped by label. A new node starts with
# its first document's contribution (what _finalise would compute from it alone). Existing nodes are
# not written here: their properties wait for _finalise, so hub nodes cost no write per document.
_MERGE_NODES = (
    "UNWIND $rows AS row "
    + _dispatch(
        "label",
        MENTIONED_LABELS,
        lambda label: (
            f"MERGE (n:{check_label(label)} {{key: row.key}}) ON CREATE SET n += row.props, n.`_new` = true "
            "RETURN n"
        ),
        "row",
    )
    + " WITH row, n, n.`_new` IS NOT NULL AS created "
    "FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | REMOVE n.`_new`) "
    "RETURN collect([row.i, elementId(n), created]) AS nodes"
)
# A document node holds only its own document's properties: written whole.
_WRITE_DOCUMENTS = (
    "UNWIND $rows AS row MERGE (n:Document {key: row.key}) SET n = row.props "
    "RETURN collect([row.key, elementId(n)]) AS nodes"
)

# The MENTIONS of the stored versions (a document's own relationships; each is write-locked first, so
# what is read stays true until the transaction ends). Every other relationship a stored version
# contributed to starts at a node it mentions, which is marked stale: `_finalise` recomputes it.
_READ_OLD_MENTIONS = (
    "UNWIND $ids AS id MATCH (d) WHERE elementId(d) = id "
    "MATCH (d)-[r:MENTIONS]->(b) SET r.`_lk` = true REMOVE r.`_lk` "
    "RETURN elementId(r) AS id, type(r) AS type, labels(d) AS start_labels, d.key AS start_key, "
    "labels(b) AS end_labels, b.key AS end_key, r.rel_key AS rel_key, properties(r) AS props"
)
_MARK_STALE = f"UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id REMOVE n.`_lk` SET n:`{STALE_LABEL}`"
# A stale node this load created carries `_born` until `_finalise`, so that it is counted as created, not
# updated, without the client keeping the ids of every node a long load creates. (`_new` is the MERGE's
# own marker, gone by the end of that statement.)
_MARK_BORN = "UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id SET n.`_born` = true"
_DELETE_RELS = "UNWIND $ids AS id MATCH ()-[r]->() WHERE elementId(r) = id DELETE r"
_DELETE_NODES = "UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id DETACH DELETE n"
_SET_RELS = "UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.id SET r += row.props"
# MERGE the new versions' relationships, one statement per type (a literal type lets the planner
# expand from the sparser end). A new relationship gets the group's properties at once; one that
# other documents already support is left as it is: its start node is stale, and `_finalise`
# recomputes it from the contributions on that node's MENTIONS once per load. So adding a document
# never reads or rewrites what other documents wrote on a relationship (issue 9, item 3).
_MERGE_RELS: dict[str, str] = {
    rel_type: (
        "UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.s MATCH (b) WHERE elementId(b) = row.e "
        f"MERGE (a)-[r:{check_rel_type(rel_type)} {{rel_key: row.rk}}]->(b) "
        "ON CREATE SET r += row.props, r.`_new` = true "
        "WITH r WHERE r.`_new` IS NOT NULL REMOVE r.`_new` RETURN count(r) AS created"
    )
    for rel_type in REL_TYPES
}

# A document's MENTIONS are its own: those of the stored version were read above, so every other one
# is new and a plain CREATE (no MERGE check against the hub's other MENTIONS) is right.
_CREATE_MENTIONS = (
    "UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.s MATCH (b) WHERE elementId(b) = row.e "
    "CREATE (a)-[r:MENTIONS]->(b) SET r = row.props"
)

# Finalising stale nodes: lock, read the contributions their MENTIONS carry (to the node, `_c`, and to
# the relationships that start there, `_r`), the relationships that start there and those that end
# there, write what changed. Only the model's own types: SAME_AS links are person_links.py's.
_OWN_TYPES = "[" + ", ".join(f"'{check_rel_type(t)}'" for t in REL_TYPES if t != "MENTIONS") + "]"
_STALE_READ = (
    "SET n.`_lk` = true RETURN collect([elementId(n), labels(n), properties(n), "
    f"COLLECT {{ MATCH (d:Document)-[m:MENTIONS]->(n) "
    f"RETURN [d.key, m.`{CONTRIBUTION_PROPERTY}`, m.`{REL_CONTRIBUTION_PROPERTY}`] }}, "
    f"COLLECT {{ MATCH (n)-[r]->(b) WHERE type(r) IN {_OWN_TYPES} "
    "RETURN [elementId(r), type(r), labels(b), b.key, r.rel_key, properties(r)] }, "
    f"COLLECT {{ MATCH (n)<-[r]-() WHERE type(r) IN {_OWN_TYPES} RETURN elementId(r) }}]) AS nodes"
)
_READ_STALE_IDS = f"UNWIND $ids AS id MATCH (n:`{STALE_LABEL}`) WHERE elementId(n) = id " + _STALE_READ
# A deleted document's node goes with its MENTIONS (gone already) and the AUTHORED that end there.
_DELETE_DOCUMENTS = (
    "UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id "
    f"WITH n, COUNT {{ (n)<-[r]-() WHERE type(r) IN {_OWN_TYPES} }} AS rels DETACH DELETE n "
    "RETURN sum(rels) AS rels"
)
# How much each stale node's read holds, in characters: its MENTIONS' contributions (`_c`, `_r`), the
# evidence, `docs` and `_contrib` of the relationships that start there, and FINALISE_ROW_CHARS per
# MENTIONS and relationship. The reads are cut so that none holds more than CHARS_PER_FINALISE_PART,
# whatever the size of the graph: rows alone are not enough, since on a graph ten times bigger a node's
# MENTIONS and a relationship's evidence lists are ten times longer (README, Benchmarks).
FINALISE_ROW_CHARS = 100
CHARS_PER_FINALISE_PART = 1_000_000
_STALE_SIZES = (
    "RETURN collect([elementId(n), "
    f"(COUNT {{ (n)<-[:MENTIONS]-() }} + COUNT {{ (n)-[]-() }}) * {FINALISE_ROW_CHARS} + "
    "size(coalesce(n.docs, [])) * 16 + "
    "reduce(total = 0, chars IN COLLECT { MATCH (n)<-[m:MENTIONS]-() "
    f"RETURN size(coalesce(m.`{CONTRIBUTION_PROPERTY}`, '')) + size(coalesce(m.`{REL_CONTRIBUTION_PROPERTY}`, '')) }} "
    "| total + chars) + "
    f"reduce(total = 0, chars IN COLLECT {{ MATCH (n)-[r]->() WHERE type(r) IN {_OWN_TYPES} "
    "RETURN size(coalesce(r.docs, [])) * 16 + reduce(texts = 0, text IN "
    "coalesce(r.evidence_texts, []) + coalesce(r.`_contrib`, []) | texts + size(text)) } | total + chars)"
    "]) AS nodes"
)
_STALE_SIZES_SOME = f"MATCH (n:`{STALE_LABEL}`) WITH n LIMIT $limit " + _STALE_SIZES
_STALE_SIZES_IDS = f"UNWIND $ids AS id MATCH (n:`{STALE_LABEL}`) WHERE elementId(n) = id " + _STALE_SIZES
_SET_NODES = (
    "UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.id SET n += row.props "
    f"REMOVE n.`_lk`, n.`_born`, n:`{STALE_LABEL}`"
)
_UNSTALE_NODES = (
    f"UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id REMOVE n.`_lk`, n.`_born`, n:`{STALE_LABEL}`"
)
# Finalising reads these internals of a stale node, and never writes them back.
_FINALISE_INTERNALS = frozenset({"_lk", "_born"})


# --- helpers -------------------------------------------------------------------------------------


def _batches(items: Sequence[T], size: int) -> list[list[T]]:
    """Consecutive slices of at most `size` items (none for an empty list: no empty statements)."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _single(result: Any, column: str) -> list[Any]:
    """The one aggregated column of a statement that returns a single row (one record, not one per
    row: the driver's per-record overhead is what dominates the client side otherwise)."""
    record = result.single(strict=True)
    return list(record[column])


def _run_and_forget(tx: ManagedTransaction, query: str, **params: list[Any]) -> None:
    """Run a write statement to its end, then empty its list parameters: the driver keeps every
    statement's parameters (for its result summary) until the transaction ends, so a transaction that
    writes in parts, such as `_finalise` recomputing a thousand hub-sized nodes, would otherwise hold
    everything it wrote until the commit (README, Benchmarks: memory over a growing folder)."""
    parameters: dict[str, Any] = dict(params)
    tx.run(query, parameters).consume()
    for value in params.values():
        value.clear()


def _number(result: Any, column: str) -> int:
    """The one number a counting statement returns."""
    return int(result.single(strict=True)[column] or 0)


def _contribs(stored: Mapping[str, Any]) -> list[Props]:
    """The contributions behind stored properties. Without `_contrib` there is one (grouped)
    contribution and it equals the visible properties; a placeholder just MERGEd has none."""
    if "_contrib" in stored:
        return [json.loads(item) for item in stored["_contrib"]]
    if "docs" not in stored:
        return []
    return [
        {
            name: value
            for name, value in stored.items()
            if name not in _IDENTITY_PROPS and not name.startswith("_")
        }
    ]


def _encode_contribs(contribs: Sequence[Mapping[str, Any]]) -> list[str] | None:
    """`_contrib` for these contributions: None (no property) when they all say the same thing,
    which is the common case and keeps hub nodes such as 平湖市 small."""
    if len(contribs) == 1:
        return None
    groups = group_contributions(contribs)
    if len(groups) == 1:
        return None
    return [json.dumps(props, ensure_ascii=False, sort_keys=True) for props in groups]


# `make neo4j-start` writes the connection settings here, beside pyproject.toml.
REPOSITORY_ENV_FILE = Path(__file__).resolve().parents[1] / ".env"


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of a .env file (comments, blank lines and `export ` prefixes allowed)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$", line)
        if match and not line.lstrip().startswith("#"):
            value = match.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            values[match.group(1)] = value
    return values


def lucene_phrase(text: str) -> str:
    """A Lucene phrase query matching `text` literally (the cjk analyzer makes it a substring match)."""
    escaped = re.sub(r'([\\"])', r"\\\1", text.strip())
    return f'"{escaped}"'


# --- the store -----------------------------------------------------------------------------------


class Neo4jStore:
    """The graph in a Neo4j 5 server. Use as a context manager or call close()."""

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        *,
        database: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        connection_timeout: float = DEFAULT_TIMEOUT,
        retry_time: float = DEFAULT_RETRY_TIME,
        **driver_settings: Any,
    ) -> None:
        """`connection_timeout` bounds connecting AND getting a connection from the pool (a server that
        accepts but never answers gives up within it); `retry_time` bounds retrying a transaction
        that failed on a transient error or a lost connection."""
        scheme = uri.split("://", 1)[0] if "://" in uri else ""
        if scheme not in BOLT_SCHEMES:
            raise StoreUnavailable(
                f"NEO4J_URI {uri!r} is not a Bolt address; expected bolt://host:7687 or neo4j://..."
            )
        self.uri = uri
        self.user = user
        self.database = database
        self.batch_size = batch_size
        self.timeout = connection_timeout
        _quiet_driver_logs()
        with self._translate_errors():
            self.driver: Driver = GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout,
                max_transaction_retry_time=retry_time,
                # A pooled connection idle for a while is checked before use: after a server restart
                # (kg import, make neo4j-restart) a long-lived store reconnects instead of failing.
                liveness_check_timeout=2.0,
                # "property key does not exist" on an empty database is noise, not a problem.
                notifications_min_severity="OFF",
                **driver_settings,
            )
            try:
                self.driver.verify_connectivity()
            except BaseException:
                self.driver.close()
                raise

    @classmethod
    def from_env(cls, env_file: str | Path = ".env", **kwargs: Any) -> Neo4jStore:
        """Settings from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD (NEO4J_DATABASE optional), taken
        from the environment, else from `env_file` (default: .env in the working directory, else the
        .env that `make neo4j-start` wrote in the repository)."""
        path = Path(env_file)
        if not path.is_file() and str(env_file) == ".env":
            path = REPOSITORY_ENV_FILE
        file_values = read_env_file(path)

        def setting(name: str, default: str | None = None) -> str | None:
            return os.environ.get(name) or file_values.get(name) or default

        password = setting("NEO4J_PASSWORD")
        if not password:
            raise StoreUnavailable(
                f"NEO4J_PASSWORD is not set (environment or {env_file}); run `make neo4j-start` to create .env"
            )
        kwargs.setdefault("database", setting("NEO4J_DATABASE"))
        for name, keyword in (("NEO4J_TIMEOUT", "connection_timeout"), ("NEO4J_RETRY_TIME", "retry_time")):
            value = setting(name)
            if value is not None and keyword not in kwargs:
                try:
                    kwargs[keyword] = float(value)
                except ValueError:
                    raise StoreUnavailable(f"{name}={value!r} is not a number of seconds") from None
        return cls(
            setting("NEO4J_URI", "bolt://127.0.0.1:7687") or "",
            setting("NEO4J_USER", "neo4j") or "",
            password,
            **kwargs,
        )

    # -- plumbing ---------------------------------------------------------------------------------

    @contextmanager
    def _translate_errors(self) -> Iterator[None]:
        """Turn "cannot use the server" errors into one-line StoreUnavailable; others pass through."""
        try:
            yield
        except AuthError as exc:
            raise StoreUnavailable(
                f"Neo4j at {self.uri} refused user {self.user!r}: wrong password "
                "(check NEO4J_PASSWORD in .env or the environment)"
            ) from exc
        except Neo4jError as exc:
            if exc.code and exc.code.startswith("Neo.ClientError.Security."):
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} refused user {self.user!r}: {exc.message or exc.code}"
                ) from exc
            raise
        except (ServiceUnavailable, SessionExpired) as exc:
            if _timed_out(exc):
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} accepted the connection but did not answer within "
                    f"{self.timeout:g} s (NEO4J_TIMEOUT); is a working Neo4j server listening there?"
                ) from exc
            raise StoreUnavailable(
                f"Neo4j at {self.uri} is not reachable ({_os_reason(exc)}); start it with `make neo4j-start`"
            ) from exc
        except ConfigurationError as exc:
            raise StoreUnavailable(f"bad Neo4j settings for {self.uri}: {_first_line(exc)}") from exc
        except DriverError as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri}: {_first_line(exc)}") from exc

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self._translate_errors(), self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def _read(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self._translate_errors(), self.driver.session(database=self.database) as session:
            return session.execute_read(work)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Key uniqueness per label, a range index on name per label, and a CJK full-text index over
        entity names and aliases (bigrams, so any 2+ character Chinese substring is found)."""
        statements = []
        for label in NODE_LABELS:
            check_label(label)
            snake = re.sub(r"(?<!^)(?=[A-Z])", "_", label).lower()
            statements.append(
                f"CREATE CONSTRAINT {snake}_key IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE"
            )
            statements.append(f"CREATE INDEX {snake}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)")
        statements.append(
            f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
            f"FOR (n:{'|'.join(check_label(label) for label in ENTITY_LABELS)}) ON EACH [n.name, n.aliases] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false}}"
        )
        # No bookmarks: `kg import` restarts the server with a new transaction history, and a bookmark
        # kept from before it would make the next call wait for a transaction that never comes.
        with self._translate_errors():
            for statement in statements:
                self.driver.execute_query(statement, database_=self.database, bookmark_manager_=None)
            self.driver.execute_query(
                "CALL db.awaitIndexes(120)", database_=self.database, bookmark_manager_=None
            )

    # -- writes -----------------------------------------------------------------------------------

    def load(
        self,
        records: Iterable[DocumentRecord],
        *,
        batch_size: int | None = None,
        docs_per_transaction: int = DEFAULT_DOCS_PER_TRANSACTION,
        on_reject: Reject | None = None,
    ) -> LoadStats:
        """Load (add, replace or skip-if-unchanged) each record, `docs_per_transaction` whole
        documents per transaction (never half a document).

        A record the model refuses, or a document the server refuses, is passed to `on_reject`
        (its 0-based position in `records`, its id, the reason) and the others load; without
        `on_reject` the error is raised."""
        return self._load_numbered(
            numbered_graphs(records, on_reject), batch_size, docs_per_transaction, on_reject
        )

    def load_graphs(
        self,
        graphs: Iterable[DocumentGraph],
        *,
        batch_size: int | None = None,
        docs_per_transaction: int = DEFAULT_DOCS_PER_TRANSACTION,
        on_reject: Reject | None = None,
    ) -> LoadStats:
        """`load` for rows already made by graph_rows."""
        return self._load_numbered(enumerate(graphs), batch_size, docs_per_transaction, on_reject)

    def _load_numbered(
        self,
        graphs: Iterable[tuple[int, DocumentGraph]],
        batch_size: int | None,
        docs_per_transaction: int,
        on_reject: Reject | None,
    ) -> LoadStats:
        """Groups of documents per transaction; a group the server refuses is replayed one
        document per transaction, so only the bad document is rejected. Then the nodes the
        documents touched get their merged properties (`_finalise`), once for the whole load."""
        size = batch_size or self.batch_size
        total = LoadStats()  # and nothing else that grows with the load: the server keeps the rest
        with self._translate_errors(), self.driver.session(database=self.database) as session:
            for group in _groups(graphs, max(1, docs_per_transaction)):
                for part in self._write_group(session, group, size, on_reject):
                    total = total + part.stats
            while True:
                stats, seen = session.execute_write(_finalise, size)
                total = total + stats
                if seen < size:
                    break
        return total

    def _write_group(
        self, session: Any, group: Sequence[tuple[int, DocumentGraph]], size: int, on_reject: Reject | None
    ) -> list[_Applied]:
        try:
            applied = session.execute_write(_apply_group, [graph for _, graph in group], size)
            return [_with_unwritten(applied, [graph for _, graph in group])]
        except Neo4jError as exc:
            if _is_security_error(exc):
                raise
            if len(group) > 1:  # replay one document per transaction: only the bad one is rejected
                return [
                    part for item in group for part in self._write_group(session, [item], size, on_reject)
                ]
            if on_reject is None:
                raise
            index, graph = group[0]
            on_reject(index, graph.doc_id, f"refused by Neo4j: {_neo4j_reason(exc)}")
            return []

    def delete_document(self, doc_id: str, *, batch_size: int | None = None) -> LoadStats:
        """Remove a document and every fact only it supported."""
        size = batch_size or self.batch_size
        return self._write(lambda tx: _apply_document(tx, doc_id, None, size))

    def delete_all(self) -> None:
        """Empty the whole database (every node and relationship, not only the model's). Tests and
        benchmarks use it; it runs in batches so a big graph does not need a big transaction."""
        with self._translate_errors(), self.driver.session(database=self.database) as session:
            # Relationships first: a batch of nodes that holds hubs would otherwise delete hundreds of
            # thousands of relationships in one transaction (beyond the server's memory pool).
            session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
            session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

    # -- reads ------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Number of nodes per label and relationships per type (all model labels/types, zeros too)."""

        def work(tx: ManagedTransaction) -> dict[str, int]:
            result: dict[str, int] = {}
            for label in NODE_LABELS:
                record = tx.run(f"MATCH (n:{check_label(label)}) RETURN count(n) AS c").single()
                result[label] = int(record["c"]) if record else 0
            for rel_type in REL_TYPES:
                record = tx.run(f"MATCH ()-[r:{check_rel_type(rel_type)}]->() RETURN count(r) AS c").single()
                result[rel_type] = int(record["c"]) if record else 0
            return result

        return self._read(work)

    def run_read(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a (saved) query in a read transaction; a query that tries to write fails."""
        return self._read(lambda tx: tx.run(cypher, dict(params or {})).data())

    def search_names(self, text: str, limit: int = 20) -> list[dict[str, Any]]:
        """Entities whose name or an alias contains `text` (full-text, cjk analyzer), best first."""
        if not text.strip():
            return []
        return self.run_read(
            "CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node, score "
            "RETURN labels(node)[0] AS label, node.key AS key, node.name AS name, "
            "node.aliases AS aliases, score ORDER BY score DESC, key",
            {"index": FULLTEXT_INDEX, "query": lucene_phrase(text), "limit": limit},
        )

    def dump(self) -> GraphDump:
        """The whole graph in canonical form (internals and identity properties removed)."""

        def work(tx: ManagedTransaction) -> GraphDump:
            graph = GraphDump()
            for record in tx.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"):
                props = dict(record["props"])
                key = props.pop("key")
                graph.nodes[(model_label(record["labels"]), key)] = _public(props)
            for record in tx.run(
                "MATCH (a)-[r]->(b) RETURN type(r) AS type, labels(a) AS sl, a.key AS sk, "
                "labels(b) AS el, b.key AS ek, properties(r) AS props"
            ):
                props = dict(record["props"])
                rel_key = props.pop("rel_key")
                rel_id = (
                    record["type"],
                    model_label(record["sl"]),
                    record["sk"],
                    model_label(record["el"]),
                    record["ek"],
                    rel_key,
                )
                graph.rels[rel_id] = _public(props)
            graph.nodes = dict(sorted(graph.nodes.items()))
            graph.rels = dict(sorted(graph.rels.items()))
            return graph

        return self._read(work)

    def person_facts(self) -> PersonFacts:
        return cypher_facts(self.run_read)

    def existing_persons(self, keys: Iterable[str]) -> set[str]:
        rows = self.run_read(
            "MATCH (p:Person) WHERE p.key IN $keys RETURN p.key AS k", {"keys": sorted(set(keys))}
        )
        return {str(row["k"]) for row in rows}

    def replace_person_links(self, links: Sequence[tuple[str, str, Props]]) -> None:
        """Every SAME_AS relationship replaced by `links` (person key, person key, props), in one
        transaction: graph/person_links.py recomputes them after each write (no document's contribution)."""
        rows = [{"a": a, "b": b, "props": dict(props)} for a, b, props in links]

        def work(tx: ManagedTransaction) -> None:
            tx.run(f"MATCH (:Person)-[r:{LINK_TYPE}]->(:Person) DELETE r").consume()
            tx.run(
                "UNWIND $rows AS row MATCH (a:Person {key: row.a}) MATCH (b:Person {key: row.b}) "
                f"CREATE (a)-[r:{LINK_TYPE}]->(b) SET r = row.props, r.rel_key = ''",
                rows=rows,
            ).consume()

        self._write(work)

    def run_query(self, name_or_cypher: str, params: Mapping[str, Any]) -> list[Row]:
        """A saved query by name (its Cypher from queries/), or Cypher text, in a read transaction."""
        from cadregraph.graph.saved_queries import saved_cypher

        return self.run_read(saved_cypher(name_or_cypher) or name_or_cypher, params)

    def subgraph(self, center: str, hops: int, types: Sequence[str]) -> Neighbourhood:
        """The neighbourhood of `center`, one read per hop (element ids, never the names, travel)."""
        seen = {row["id"] for row in self.run_read(_SUB_START, {"center": center})}
        frontier = sorted(seen)
        for _ in range(hops):
            if not frontier:
                break
            reached = {row["id"] for row in self.run_read(_SUB_STEP, {"ids": frontier, "types": list(types)})}
            frontier = sorted(reached - seen)
            seen |= reached
        ids = sorted(seen)
        dump = GraphDump()
        for row in self.run_read(_SUB_NODES, {"ids": ids}):
            props = dict(row["props"])
            key = props.pop("key")
            dump.nodes[(model_label(row["labels"]), key)] = _public(props)
        for row in self.run_read(_SUB_RELS, {"ids": ids, "types": list(types)}):
            props = dict(row["props"])
            rel_key = props.pop("rel_key", "")
            start, end = model_label(row["start_labels"]), model_label(row["end_labels"])
            dump.rels[(row["type"], start, row["start_key"], end, row["end_key"], rel_key)] = _public(props)
        dump.nodes = dict(sorted(dump.nodes.items()))
        dump.rels = dict(sorted(dump.rels.items()))
        keys = sorted(referenced_documents(dump))
        documents = {}
        for row in self.run_read(_SUB_DOCUMENTS, {"keys": keys}):
            props = dict(row["props"])
            props.pop("key", None)
            documents[row["key"]] = _public(props)
        return Neighbourhood(dump, dict(sorted(documents.items())))

    def describe(self) -> StoreInfo:
        return StoreInfo(f"Neo4j at {self.uri}")


_SUB_START = """
MATCH (n) WHERE NOT n:Document AND (n.key = $center OR n.name = $center OR $center IN n.aliases)
RETURN elementId(n) AS id
"""
_SUB_STEP = """
UNWIND $ids AS id MATCH (a) WHERE elementId(a) = id
MATCH (a)-[r]-(b) WHERE type(r) IN $types
RETURN DISTINCT elementId(b) AS id
"""
_SUB_NODES = """
UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id
RETURN labels(n) AS labels, properties(n) AS props
"""
_SUB_RELS = """
UNWIND $ids AS id MATCH (a) WHERE elementId(a) = id
MATCH (a)-[r]->(b) WHERE type(r) IN $types AND elementId(b) IN $ids
RETURN type(r) AS type, labels(a) AS start_labels, a.key AS start_key, labels(b) AS end_labels,
       b.key AS end_key, properties(r) AS props
"""
_SUB_DOCUMENTS = "MATCH (d:Document) WHERE d.key IN $keys RETURN d.key AS key, properties(d) AS props"


def _public(props: Mapping[str, Any]) -> Props:
    return {name: value for name, value in props.items() if not name.startswith(INTERNAL_PREFIX)}


def _with_unwritten(applied: _Applied, graphs: Sequence[DocumentGraph]) -> _Applied:
    """Count the relations a group's records hold but the graph does not draw."""
    for graph in graphs:
        applied.stats.relations_null_target += graph.null_target
        applied.stats.relations_unresolved += graph.unresolved
    return applied


def _is_security_error(exc: Neo4jError) -> bool:
    return bool(exc.code and exc.code.startswith("Neo.ClientError.Security."))


def neo4j_error_line(exc: Neo4jError) -> str:
    """What the server refused and why, in one line: `Neo4j refused the query (AccessMode): ...`."""
    kind = (exc.code or "").rsplit(".", 1)[-1] or type(exc).__name__
    return f"Neo4j refused the query ({kind}): {_neo4j_reason(exc)}"


def _neo4j_reason(exc: Neo4jError) -> str:
    """The server's message in one line, without the driver's "{code: ...} {message: ...}" frame."""
    text = (exc.message or str(exc) or exc.code or type(exc).__name__).strip()
    return " ".join(text.split())


def _timed_out(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, TimeoutError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _quiet_driver_logs() -> None:
    """The driver logs a warning for every retry ("Transaction failed and will be retried"): with no
    logging set up, Python prints those on stderr before our one-line error. A handler on the
    driver's logger keeps them out of stderr; an application that sets up logging still gets them."""
    driver_logger = logging.getLogger("neo4j")
    if not driver_logger.handlers:
        driver_logger.addHandler(logging.NullHandler())


def _os_reason(exc: BaseException) -> str:
    """ "connection refused" rather than the driver's wording, when an OS error is the cause."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.strerror:
            return seen.strerror.lower()
        seen = seen.__cause__ or seen.__context__
    return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# --- documents, inside their transaction ---------------------------------------------------------


def _groups(graphs: Iterable[T], size: int) -> Iterator[list[T]]:
    group: list[T] = []
    for graph in graphs:
        group.append(graph)
        if len(group) == size:
            yield group
            group = []
    if group:
        yield group


def _apply_group(tx: ManagedTransaction, graphs: Sequence[DocumentGraph], batch_size: int) -> _Applied:
    """Several whole documents in one transaction; their nodes are left stale for `_finalise`."""
    return _apply_changes(tx, [(graph.doc_id, graph) for graph in graphs], batch_size)


def _apply_document(
    tx: ManagedTransaction, doc_id: str, graph: DocumentGraph | None, batch_size: int
) -> LoadStats:
    """Replace `doc_id`'s contributions by `graph`'s (or remove them when graph is None), nodes
    finalised in the same transaction (a delete, a single write)."""
    applied = _apply_changes(tx, [(doc_id, graph)], batch_size)
    return applied.stats + _finalise(tx, batch_size, ids=applied.stale)[0]


@dataclass
class _Applied:
    """What a write transaction did: statistics, nodes it created and nodes left stale."""

    stats: LoadStats
    created: set[str]
    stale: list[str]


def contribution_json(props: Mapping[str, Any]) -> str:
    """A document's contribution to a node without its `docs` (the MENTIONS says which document)."""
    return json.dumps(
        {name: value for name, value in props.items() if name != "docs"}, ensure_ascii=False, sort_keys=True
    )


def _apply_changes(
    tx: ManagedTransaction, changes: Sequence[tuple[str, DocumentGraph | None]], batch_size: int
) -> _Applied:
    """Replace each document's contributions by its new rows (None: remove them), all in `tx`.

    The result is the same as applying the documents one by one (a later entry for the same id
    wins), but the statements are shared. Unchanged documents (same stored digest, checked for the
    whole group in one read) are left alone. Entity and figure nodes only get MENTIONS (with the
    document's contribution) here: their visible properties (`docs`, the merged name and aliases)
    are recomputed by `_finalise`, once per load rather than once per document, so a document never
    rewrites what other documents wrote. Nodes created here by one document alone are final at once.
    """
    write = _GroupWrite(tx, dict(changes), batch_size)  # a later entry for the same document wins
    if not write.read_digests():
        return _Applied(write.stats, set(), [])
    write.lock_old_nodes()
    write.merge_new_nodes()
    write.read_old_mentions()
    write.settle_old_mentions()
    write.create_mentions()
    write.merge_new_rels()
    write.write_rel_changes()
    stale = write.mark_stale()
    write.count_documents()
    return _Applied(write.stats, write.created, stale)


class _GroupWrite:
    """The steps of one group's write transaction, in order, and what they learn on the way: which
    documents change, the element ids of the nodes involved, the relationships the stored versions
    contributed to. Each step is a few batched statements."""

    def __init__(
        self, tx: ManagedTransaction, latest: dict[str, DocumentGraph | None], batch_size: int
    ) -> None:
        self.tx, self.latest, self.batch_size = tx, latest, batch_size
        self.stats = LoadStats()
        self.stored_docs: set[str] = set()
        self.changed: set[str] = set()
        self.new_graphs: list[DocumentGraph] = []
        self.node_ids: dict[NodeId, str] = {}
        self.locked: dict[str, None] = {}  # element ids to mark stale (ordered, no duplicates)
        self.document_ids: dict[str, str] = {}
        self.touched_by: dict[NodeId, list[str]] = {}
        self.contribution: dict[tuple[str, NodeId], str] = {}
        self.rel_contribution: dict[tuple[str, NodeId], str] = {}
        self.created: set[str] = set()
        self.rel_state: dict[RelId, tuple[str, list[Props]]] = {}
        self.stored_props: dict[str, Props] = {}
        self.new_rels: dict[RelId, list[Props]] = {}
        self.rel_sets: list[dict[str, Any]] = []

    def batches(self, items: Sequence[T]) -> list[list[T]]:
        return _batches(items, self.batch_size)

    def read_digests(self) -> bool:
        """Which documents are stored, with which digest (one read for the whole group); False when
        nothing changes."""
        unchanged: set[str] = set()
        for keys in self.batches(sorted(self.latest)):
            for key, exists, digest in _single(self.tx.run(_READ_DIGESTS, keys=keys), "docs"):
                graph = self.latest[key]
                if exists:
                    self.stored_docs.add(key)
                    if graph is not None and digest == graph.digest:
                        unchanged.add(key)
        self.changed = {
            doc_id
            for doc_id, graph in self.latest.items()
            if doc_id not in unchanged and (graph or doc_id in self.stored_docs)
        }
        self.stats.documents_unchanged += sum(1 for doc_id in self.latest if doc_id in unchanged)
        self.new_graphs = [
            graph for doc_id in sorted(self.changed) if (graph := self.latest[doc_id]) is not None
        ]
        for graph in self.new_graphs:
            for rel in graph.rels:
                self.new_rels.setdefault(rel.rel_id, []).append(rel.props)
        return bool(self.changed)

    def lock_old_nodes(self) -> None:
        """Lock the nodes the stored versions of the changed documents mention."""
        for docs in self.batches(sorted(self.changed & self.stored_docs)):
            for doc_id, element_id, nodes in _single(self.tx.run(_LOCK_OLD_NODES, docs=docs), "docs"):
                self.document_ids[doc_id] = element_id
                for labels, key, node_element_id in nodes:
                    self.node_ids[(model_label(labels), key)] = node_element_id
                    self.locked[node_element_id] = None

    def merge_new_nodes(self) -> None:
        """MERGE (and so lock) the nodes of the new versions; write their document nodes whole."""
        first_props: dict[NodeId, Props] = {}
        document_rows: list[dict[str, Any]] = []
        for graph in self.new_graphs:
            for start, contributed in rel_contributions(graph).items():
                self.rel_contribution[(graph.doc_id, start)] = contributed
            for node in graph.nodes:
                if node.label == "Document":
                    props = {**merge_node_props([node.props]), "key": node.key, "_digest": graph.digest}
                    document_rows.append({"key": node.key, "props": props})
                    continue
                self.touched_by.setdefault(node.node_id, []).append(graph.doc_id)
                first_props.setdefault(node.node_id, node.props)
                self.contribution[(graph.doc_id, node.node_id)] = contribution_json(node.props)
        merge_keys = list(self.touched_by)
        merge_rows = [
            {"i": i, "label": label, "key": key, "props": merge_node_props([first_props[(label, key)]])}
            for i, (label, key) in enumerate(merge_keys)
        ]
        for rows in self.batches(merge_rows):
            for i, element_id, was_created in _single(self.tx.run(_MERGE_NODES, rows=rows), "nodes"):
                self.node_ids[merge_keys[i]] = element_id
                self.locked[element_id] = None  # to be marked stale unless final already
                if was_created:
                    self.created.add(element_id)
                    self.stats.nodes_created += 1
        for rows in self.batches(document_rows):
            for key, element_id in _single(self.tx.run(_WRITE_DOCUMENTS, rows=rows), "nodes"):
                self.node_ids[("Document", key)] = element_id
                if key in self.stored_docs:
                    self.stats.nodes_updated += 1
                else:
                    self.stats.nodes_created += 1

    def read_old_mentions(self) -> None:
        """The MENTIONS of the stored versions of the changed documents."""
        for ids in self.batches(sorted(self.document_ids.values())):
            for record in self.tx.run(_READ_OLD_MENTIONS, ids=ids):
                rel_id = (
                    record["type"],
                    model_label(record["start_labels"]),
                    record["start_key"],
                    model_label(record["end_labels"]),
                    record["end_key"],
                    record["rel_key"],
                )
                self.rel_state[rel_id] = (record["id"], _contribs(record["props"]))
                self.stored_props[record["id"]] = record["props"]

    def wanted(self, rel_id: RelId, kept: Sequence[Props]) -> Props:
        """A relationship's stored properties given the contributions that support it."""
        props = rel_write_props(rel_id, kept)
        if rel_id[0] == "MENTIONS":  # one document's own relationship: its contributions at the node
            mentioned = (rel_id[2], (rel_id[3], rel_id[4]))
            props[CONTRIBUTION_PROPERTY] = self.contribution.get(mentioned)
            props[REL_CONTRIBUTION_PROPERTY] = self.rel_contribution.get(mentioned, "[]")
        return props

    def note_rel_change(
        self, element_id: str, stored: Mapping[str, Any], rel_id: RelId, kept: Sequence[Props]
    ) -> None:
        rel_changes = _changes(stored, self.wanted(rel_id, kept))
        if rel_changes:
            self.stats.rels_updated += 1
            self.rel_sets.append({"id": element_id, "props": rel_changes})

    def settle_old_mentions(self) -> None:
        """MENTIONS of the stored versions: rewrite those the new versions keep, delete the rest; then
        delete the document nodes of deleted documents (and the AUTHORED that end there)."""
        rel_deletes: list[str] = []
        for rel_id, (element_id, contribs) in self.rel_state.items():
            kept = without_documents(contribs, self.changed) + self.new_rels.get(rel_id, [])
            if not kept:
                rel_deletes.append(element_id)
                self.stats.rels_deleted += 1
                continue
            self.note_rel_change(element_id, self.stored_props[element_id], rel_id, kept)
        for ids in self.batches(rel_deletes):
            self.tx.run(_DELETE_RELS, ids=ids).consume()
        gone = [self.document_ids[doc_id] for doc_id in sorted(self.changed) if self.latest[doc_id] is None]
        for ids in self.batches(gone):
            self.stats.rels_deleted += _number(self.tx.run(_DELETE_DOCUMENTS, ids=ids), "rels")
            self.stats.nodes_deleted += len(ids)

    def rel_row(self, rel_id: RelId, **extra: Any) -> dict[str, Any]:
        props = {k: v for k, v in self.wanted(rel_id, self.new_rels[rel_id]).items() if v is not None}
        return {
            "s": self.node_ids[(rel_id[1], rel_id[2])],
            "e": self.node_ids[(rel_id[3], rel_id[4])],
            "props": props,
            **extra,
        }

    def create_mentions(self) -> None:
        """The new versions' MENTIONS that are not stored yet: a document's MENTIONS are its own, so a
        plain CREATE is right."""
        rows = [
            self.rel_row(rel_id)
            for rel_id in self.new_rels
            if rel_id[0] == "MENTIONS" and rel_id not in self.rel_state
        ]
        for row in rows:
            row["props"] = {"rel_key": "", **row["props"]}
        for batch in self.batches(rows):
            self.tx.run(_CREATE_MENTIONS, rows=batch).consume()
            self.stats.rels_created += len(batch)

    def merge_new_rels(self) -> None:
        """The new versions' other relationships: MERGE; those that exist already are recomputed by
        `_finalise` from their start node (stale), not read or written here."""
        creates: dict[str, list[dict[str, Any]]] = {}
        for rel_id in self.new_rels:
            if rel_id[0] != "MENTIONS":
                creates.setdefault(rel_id[0], []).append(self.rel_row(rel_id, rk=rel_id[5]))
        for rel_type, type_rows in creates.items():
            for rows in self.batches(type_rows):
                self.stats.rels_created += _number(self.tx.run(_MERGE_RELS[rel_type], rows=rows), "created")

    def write_rel_changes(self) -> None:
        for rows in self.batches(self.rel_sets):
            self.tx.run(_SET_RELS, rows=rows).consume()

    def mark_stale(self) -> list[str]:
        """Mark the touched nodes stale (and unlock those of the stored versions); a node is final
        already when this transaction created it for one document alone."""
        final = {self.node_ids[node_id] for node_id, docs in self.touched_by.items() if len(docs) == 1}
        final &= self.created
        stale = [element_id for element_id in self.locked if element_id not in final]
        for ids in self.batches(stale):
            self.tx.run(_MARK_STALE, ids=ids).consume()
        for ids in self.batches([element_id for element_id in stale if element_id in self.created]):
            self.tx.run(_MARK_BORN, ids=ids).consume()
        return stale

    def count_documents(self) -> None:
        for doc_id in sorted(self.changed):
            if self.latest[doc_id] is None:
                self.stats.documents_deleted += 1
            elif doc_id in self.stored_docs:
                self.stats.documents_replaced += 1
            else:
                self.stats.documents_added += 1


def _final_props(key: str, stored: Mapping[str, Any], mentions: Sequence[Sequence[Any]]) -> Props | None:
    """A node's visible properties from its MENTIONS' contributions (None: nothing supports it)."""
    groups: dict[str, list[str]] = {}
    for doc, contribution in mentions:
        if contribution is None:  # written by something else than this loader: keep what it shows
            contribution = json.dumps({"name": stored.get("name", key), "aliases": stored.get("aliases", [])})
        groups.setdefault(contribution, []).append(doc)
    if not groups:
        return None
    contribs = [{**json.loads(content), "docs": sorted(docs)} for content, docs in groups.items()]
    return {**merge_node_props(contribs), "key": key}


def _finalise(
    tx: ManagedTransaction, batch_size: int, *, ids: Sequence[str] | None = None
) -> tuple[LoadStats, int]:
    """Recompute the stale nodes (`ids`, or up to `batch_size` of any), and the relationships that
    start at them, from their MENTIONS. The nodes are read in parts of at most CHARS_PER_FINALISE_PART
    (a node bigger than that alone is read alone, whole), and what a part writes goes out in statements
    of at most that size too, so the client holds about that budget whatever the size of the graph."""
    if ids is None:
        sized = _single(tx.run(_STALE_SIZES_SOME, limit=batch_size), "nodes")
    else:
        sized = [
            row
            for part in _batches(ids, batch_size)
            for row in _single(tx.run(_STALE_SIZES_IDS, ids=part), "nodes")
        ]
    stats = LoadStats()
    part: list[str] = []
    chars = 0
    for element_id, size in sized:
        if part and chars + size > CHARS_PER_FINALISE_PART:
            stats = stats + _finalise_nodes(tx, batch_size, part)
            part, chars = [], 0
        part.append(element_id)
        chars += size
    if part:
        stats = stats + _finalise_nodes(tx, batch_size, part)
    return stats, len(sized)


def _chars(value: Any) -> int:
    """About how many characters `value` takes in a statement's parameters (its strings' lengths, 8 for
    anything else): what bounds the size of the finalising writes."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, Mapping):
        return sum(len(name) + _chars(item) for name, item in value.items())
    if isinstance(value, list | tuple):
        return sum(_chars(item) for item in value) + len(value)
    return 8


def _sized_batches(items: Sequence[T], size: int, chars: Callable[[T], int]) -> Iterator[list[T]]:
    """Consecutive slices of at most `size` items and (unless one item alone is bigger) at most
    CHARS_PER_FINALISE_PART characters."""
    batch: list[T] = []
    total = 0
    for item in items:
        weight = chars(item)
        if batch and (len(batch) == size or total + weight > CHARS_PER_FINALISE_PART):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += weight
    if batch:
        yield batch


def _held_chars(held: tuple[dict[str, Any], int]) -> int:
    """The size a held row was measured at."""
    return held[1]


class _Finalised:
    """What finalising some stale nodes writes, held until it reaches CHARS_PER_FINALISE_PART
    characters and then written (`flush`): the relationships a hub's recomputation changes carry
    evidence lists as long as the number of documents that state them."""

    def __init__(self, tx: ManagedTransaction, batch_size: int) -> None:
        self.tx, self.batch_size = tx, batch_size
        self.stats = LoadStats()
        # rows to set, each with its size in characters (measured once, when it is held)
        self.node_sets: list[tuple[dict[str, Any], int]] = []
        self.node_deletes: list[str] = []
        self.unchanged: list[str] = []
        self.rel_sets: list[tuple[dict[str, Any], int]] = []
        self.rel_deletes: set[str] = set()
        self.deleted: set[str] = set()  # relationships deleted already (an id may come twice)
        self.chars = 0

    def set_node(self, row: dict[str, Any]) -> None:
        weight = _chars(row)
        self.node_sets.append((row, weight))
        self.chars += weight

    def set_rel(self, row: dict[str, Any]) -> None:
        weight = _chars(row)
        self.rel_sets.append((row, weight))
        self.chars += weight

    def full(self) -> bool:
        return self.chars > CHARS_PER_FINALISE_PART

    def flush(self) -> None:
        """Write what is held (the same order as one write at the end would) and forget it."""
        rel_deletes = sorted(self.rel_deletes - self.deleted)
        self.deleted.update(rel_deletes)
        self.stats.rels_updated += len(self.rel_sets)
        self.stats.rels_deleted += len(rel_deletes)
        self.stats.nodes_deleted += len(self.node_deletes)
        for part in _batches(rel_deletes, self.batch_size):
            _run_and_forget(self.tx, _DELETE_RELS, ids=part)
        for held in _sized_batches(self.rel_sets, self.batch_size, _held_chars):
            _run_and_forget(self.tx, _SET_RELS, rows=[row for row, _ in held])
        for part in _batches(self.node_deletes, self.batch_size):
            _run_and_forget(self.tx, _DELETE_NODES, ids=part)
        for held in _sized_batches(self.node_sets, self.batch_size, _held_chars):
            _run_and_forget(self.tx, _SET_NODES, rows=[row for row, _ in held])
        for part in _batches(self.unchanged, self.batch_size):
            _run_and_forget(self.tx, _UNSTALE_NODES, ids=part)
        self.node_sets, self.node_deletes, self.unchanged, self.rel_sets = [], [], [], []
        self.rel_deletes = set()
        self.chars = 0


def _finalise_nodes(tx: ManagedTransaction, batch_size: int, ids: Sequence[str]) -> LoadStats:
    """Write what changed on these stale nodes and on the relationships that start there; delete the
    nodes no document mentions any more and the relationships no document states any more. A node
    marked `_born` was created by this load: it counts as created, not updated."""
    done = _Finalised(tx, batch_size)
    read = _single(tx.run(_READ_STALE_IDS, ids=ids), "nodes")
    read.reverse()
    while read:  # each node's row is dropped once it is done
        element_id, labels, stored_props, mentions, outgoing, incoming = read.pop()
        stored = {name: value for name, value in stored_props.items() if name not in _FINALISE_INTERNALS}
        props = _final_props(stored["key"], stored, [(doc, node_part) for doc, node_part, _ in mentions])
        if props is None:  # nothing mentions it: it goes, with every relationship at it
            done.node_deletes.append(element_id)
            done.rel_deletes.update(rel[0] for rel in outgoing)
            done.rel_deletes.update(incoming)
            continue
        node_changes = _changes(stored, props)
        if node_changes:
            done.set_node({"id": element_id, "props": node_changes})
            done.stats.nodes_updated += "_born" not in stored_props
        else:
            done.unchanged.append(element_id)
        start = (model_label(labels), stored["key"])
        for rel_element_id, rel_props in _outgoing_changes(start, mentions, outgoing):
            if rel_props is None:
                done.rel_deletes.add(rel_element_id)
            else:
                done.set_rel({"id": rel_element_id, "props": rel_props})
            if done.full():
                done.flush()
    done.flush()
    return done.stats


def _outgoing_changes(
    start: NodeId, mentions: Sequence[Sequence[Any]], outgoing: Sequence[Sequence[Any]]
) -> Iterator[tuple[str, Props | None]]:
    """(element id, changes) of each relationship that starts at a node whose properties must change,
    None for one no document states any more. The contributions are those on the node's MENTIONS
    (`_r`); a MENTIONS without `_r` was written before they were kept there: that document's
    contribution is still in the relationship's `_contrib` (or is its properties), and is kept there."""
    stated: dict[tuple[str, str, str, str], list[Props]] = {}
    older = {doc for doc, _, rels in mentions if rels is None}
    for _, _, rels in mentions:
        for rel_type, end_label, end_key, rel_key, props in json.loads(rels or "[]"):
            stated.setdefault((rel_type, end_label, end_key, rel_key), []).append(props)
    for element_id, rel_type, end_labels, end_key, rel_key, stored in outgoing:
        rel_id = (rel_type, *start, model_label(end_labels), end_key, rel_key)
        kept = stated.get(rel_id[:1] + rel_id[3:], [])
        earlier: list[Props] = []
        if older:
            stored_parts = _contribs(stored)
            earlier = without_documents(
                stored_parts, {doc for part in stored_parts for doc in part["docs"]} - older
            )
        if not kept and not earlier:
            yield element_id, None
            continue
        rel_changes = _changes(
            stored, rel_write_props(rel_id, kept + earlier, keep_contributions=bool(earlier))
        )
        if rel_changes:
            yield element_id, rel_changes


def _same_value(old: Any, new: Any) -> bool:
    """Equal and of the same type (826 and 826.0 are different property values)."""
    if old != new or type(old) is not type(new):
        return False
    return not isinstance(old, list) or all(type(a) is type(b) for a, b in zip(old, new, strict=True))


def _changes(stored: Mapping[str, Any], wanted: Mapping[str, Any]) -> Props:
    """The `SET x += changes` map that turns `stored` into `wanted` (null removes a property;
    a None in `wanted` means "absent")."""
    changes = {
        name: value
        for name, value in wanted.items()
        if not (value is None and name not in stored) and not _same_value(stored.get(name), value)
    }
    changes.update({name: None for name in stored if name not in wanted})
    return changes


def rel_write_props(rel_id: RelId, contribs: Sequence[Props], *, keep_contributions: bool = False) -> Props:
    """A relationship's stored properties. One document's own rows are already in merged form
    (graph_rows sorts its evidence and removes repeats), so a relationship one document supports,
    nearly every one a load writes, skips the merge (which rebuilds and sorts every evidence item).

    The contributions live on the documents' MENTIONS (`_r`); `_contrib` keeps them on the relationship
    only while one of them has no other record (`keep_contributions`: a document loaded before)."""
    if len(contribs) == 1 and len(contribs[0]["docs"]) == 1:
        props = dict(contribs[0])
    else:
        props = merge_rel_props(contribs)
    props["rel_key"] = rel_id[5]
    props["_contrib"] = _encode_contribs(contribs) if keep_contributions else None
    return props


def rel_contributions(graph: DocumentGraph) -> dict[NodeId, str]:
    """A document's own contributions to the relationships that start at each node it mentions, as
    kept on that MENTIONS (`_r`): a JSON list of [type, end label, end key, rel_key, properties]."""
    by_start: dict[NodeId, list[list[Any]]] = {}
    for rel in graph.rels:
        if rel.type != "MENTIONS":
            rel_type, start_label, start_key, end_label, end_key, rel_key = rel.rel_id
            by_start.setdefault((start_label, start_key), []).append(
                [rel_type, end_label, end_key, rel_key, rel.props]
            )
    return {
        start: json.dumps(rels, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for start, rels in by_start.items()
    }
