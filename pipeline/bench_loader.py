"""Load benchmark: the loader at its default settings, `kg import` and two naive writers, same run, same server.

    python -m cadregraph.pipeline.bench_loader [--docs 700] [--large-docs 7000] [--naive-docs 100] [--no-import] [--force]

The corpus is synthetic but shaped like the real input: county news where a few thousand people,
organisations, programmes and places recur across documents (so MERGEs hit existing nodes and
hub nodes such as programmes are mentioned by a third of the documents), each document shaped like
the seed articles' records (see SHAPE: ~80 entities, 28 figures, 48 relations). The naive writers
(one MERGE per row: one auto-commit transaction per row, or one transaction per document) run on
the first `--naive-docs` documents; their rate does not fall as the graph grows (every MERGE is an
index lookup), so every other writer's rate is given as a ratio to theirs. The batched loader runs
at its default settings on `--docs` documents and on `--large-docs` documents (its rate there
against its rate on `--docs` shows whether loading slows down as the graph grows), and `kg import`
(neo4j-admin, server stopped and started, constraints and indexes built) on the `--docs` documents.

The database is emptied before each phase. To protect real data the benchmark refuses to run when
the database holds documents it did not create, unless --force is given. Results also go to
bench-results/neo4j-load.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cadregraph.graph.model import DocumentGraph, check_label, check_rel_type, graph_rows
from cadregraph.graph.neo4j_store import DEFAULT_DOCS_PER_TRANSACTION, Neo4jStore, StoreUnavailable
from cadregraph.schemas import DocumentRecord

DOC_PREFIX = "bench-"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "金华怡琴锦秀辰春霞真佳英宇博晓丹杰剑斌威磊泓恬建国志强海军红梅丽娟明亮文俊晨阳振华卫东新民永刚"
TOWNS = [
    "新仓镇",
    "当湖街道",
    "钟埭街道",
    "曹桥街道",
    "乍浦镇",
    "新埭镇",
    "林埭镇",
    "广陈镇",
    "独山港镇",
    "黄姑镇",
]
ORG_SUFFIXES = [
    "党委",
    "党工委",
    "人民政府",
    "组织部",
    "宣传部",
    "发改局",
    "财政局",
    "农业农村办",
    "经发办",
    "综治中心",
]
PROGRAMME_STEMS = [
    "铁军打造",
    "红色根脉",
    "共富先锋",
    "强基固本",
    "清廉村居",
    "数字赋能",
    "网格连心",
    "百名干部进企业",
]
PROGRAMME_SUFFIXES = ["工程", "行动", "计划", "专项行动", "三年行动"]
TITLES = ["书记", "副书记", "主任", "副主任", "部长", "副部长", "镇长", "局长", "委员", "组织委员"]
UNITS = [("名", "干部"), ("个", "微网格"), ("项", "项目"), ("批次", None), ("家", "企业"), ("元", None)]
REL_KINDS = ["HOLDS_POSITION", "LEADS", "RUNS", "PART_OF", "PARTICIPATES_IN", "LOCATED_IN", "HAS_FIGURE"]


@dataclass(frozen=True)
class Vocabulary:
    people: list[str]
    orgs: list[str]
    programmes: list[str]
    places: list[str]


# A synthetic document has the shape `kg extract` gives the five seed articles, on average: 21 persons,
# 24 organisations, 15 programmes, 15 places, 28 figures and 48 relations (about 155 relationship rows
# with the MENTIONS), measured with `kg extract seeds/`.
SHAPE = {"Person": 21, "Organization": 24, "Programme": 15, "Place": 15, "figures": 28, "relations": 48}


def vocabulary(rng: random.Random, people: int = 3000, orgs: int = 600) -> Vocabulary:
    person_names = sorted(
        {rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2)))) for _ in range(people)}
    )
    org_names = sorted({f"{rng.choice(TOWNS)}{rng.choice(ORG_SUFFIXES)}" for _ in range(orgs)})
    programmes = sorted({f"{stem}{suffix}" for stem in PROGRAMME_STEMS for suffix in PROGRAMME_SUFFIXES})
    villages = sorted({f"{rng.choice(TOWNS)}{''.join(rng.sample(GIVEN, 2))}村" for _ in range(300)})
    return Vocabulary(person_names, org_names, programmes, ["平湖市", *TOWNS, *villages])


SYNTHETIC_ENDS = {
    "HOLDS_POSITION": ("Person", "Organization"),
    "LEADS": ("Person", "Organization"),
    "RUNS": ("Organization", "Programme"),
    "PART_OF": ("Organization", "Organization"),
    "PARTICIPATES_IN": ("Person", "Programme"),
    "LOCATED_IN": ("Organization", "Place"),
}


def _synthetic_entities(picks: list[tuple[str, str]], rng: random.Random) -> list[dict[str, Any]]:
    entities = []
    for kind, name in picks:
        starts = sorted(rng.sample(range(5000), rng.randint(1, 3)))
        entities.append(
            {
                "id": f"{kind}:{name}",
                "type": kind,
                "name": name,
                "aliases": [name[-4:]] if kind == "Organization" and rng.random() < 0.3 else [],
                "mentions": [{"start": s, "end": s + len(name), "text": name} for s in starts],
            }
        )
    return entities


def _synthetic_figures(rng: random.Random) -> list[dict[str, Any]]:
    figures = []
    for start in sorted(rng.sample(range(5000, 9000), SHAPE["figures"])):
        unit, subject = rng.choice(UNITS)
        value = rng.randint(2, 900)
        text = f"{value}{unit}{subject or ''}"
        figures.append(
            {"text": text, "start": start, "end": start + len(text), "value": value, "unit": unit, "subject": subject}
        )
    return figures


def _synthetic_relations(
    by_kind: dict[str, list[str]], figure_ids: list[str], rng: random.Random
) -> list[dict[str, Any]]:
    relations = []
    for _ in range(SHAPE["relations"]):
        kind = rng.choice(REL_KINDS)
        if kind == "HAS_FIGURE":
            source, target = rng.choice(by_kind["Programme"]), rng.choice(figure_ids)
        else:
            start_kind, end_kind = SYNTHETIC_ENDS[kind]
            source, target = rng.choice(by_kind[start_kind]), rng.choice(by_kind[end_kind])
        properties = (
            {"title": rng.choice(TITLES)} if kind in ("HOLDS_POSITION", "LEADS", "PARTICIPATES_IN") else {}
        )
        start = rng.randrange(9000)
        relations.append(
            {
                "type": kind,
                "source": source,
                "target": target,
                "properties": properties,
                "evidence": {"start": start, "end": start + 12, "text": "据悉" * 6},
                "confidence": rng.choice([0.6, 0.8, 0.9, 1.0]),
            }
        )
    return relations


def synthetic_record(index: int, vocab: Vocabulary, rng: random.Random) -> DocumentRecord:
    doc_id = f"{DOC_PREFIX}{index:06d}"
    picks: list[tuple[str, str]] = (
        [("Person", name) for name in rng.sample(vocab.people, SHAPE["Person"])]
        + [("Organization", name) for name in rng.sample(vocab.orgs, SHAPE["Organization"])]
        + [("Programme", name) for name in rng.sample(vocab.programmes, SHAPE["Programme"])]
        + [("Place", name) for name in rng.sample(vocab.places, SHAPE["Place"])]
    )
    entities = _synthetic_entities(picks, rng)
    figures = _synthetic_figures(rng)
    by_kind: dict[str, list[str]] = {}
    for kind, name in picks:
        by_kind.setdefault(kind, []).append(f"{kind}:{name}")
    figure_ids = [f"figure:{doc_id}:{figure['start']}" for figure in figures]
    relations = _synthetic_relations(by_kind, figure_ids, rng)
    return DocumentRecord.model_validate(
        {
            "document": {
                "id": doc_id,
                "source": f"synthetic/{doc_id}.txt",
                "title": f"平湖组织工作简讯第{index}期",
                "date": f"2021-{index % 12 + 1:02d}-{index % 28 + 1:02d}",
                "date_source": "given",
            },
            "entities": entities,
            "figures": figures,
            "relations": relations,
        }
    )


# --- the naive writer ----------------------------------------------------------------------------


def naive_statements(graph: DocumentGraph) -> list[tuple[str, dict[str, Any]]]:
    """One MERGE per node row and per relationship row, the way a first version usually looks."""
    statements: list[tuple[str, dict[str, Any]]] = []
    for node in graph.nodes:
        statements.append(
            (
                f"MERGE (n:{check_label(node.label)} {{key: $key}}) SET n += $props",
                {"key": node.key, "props": node.props},
            )
        )
    for rel in graph.rels:
        statements.append(
            (
                f"MATCH (a:{check_label(rel.start_label)} {{key: $sk}}) MATCH (b:{check_label(rel.end_label)} {{key: $ek}}) "
                f"MERGE (a)-[r:{check_rel_type(rel.type)} {{rel_key: $rk}}]->(b) SET r += $props",
                {"sk": rel.start_key, "ek": rel.end_key, "rk": rel.rel_key, "props": rel.props},
            )
        )
    return statements


def naive_autocommit(store: Neo4jStore, graphs: Iterable[DocumentGraph]) -> None:
    with store.driver.session(database=store.database) as session:
        for graph in graphs:
            for query, params in naive_statements(graph):
                session.run(query, params).consume()


def naive_per_document(store: Neo4jStore, graphs: Iterable[DocumentGraph]) -> None:
    with store.driver.session(database=store.database) as session:
        for graph in graphs:
            statements = naive_statements(graph)

            def work(tx: Any, statements: list[tuple[str, dict[str, Any]]] = statements) -> None:
                for query, params in statements:
                    tx.run(query, params).consume()

            session.execute_write(work)


def batched(store: Neo4jStore, graphs: Iterable[DocumentGraph]) -> None:
    """The loader at its default settings (DEFAULT_DOCS_PER_TRANSACTION documents per transaction)."""
    store.load_graphs(graphs)


def admin_import(store: Neo4jStore, graphs: Iterable[DocumentGraph]) -> None:
    """`kg import`: CSV files, server stopped, neo4j-admin, server started, constraints and indexes."""
    from cadregraph.graph.importer import import_graphs

    import_graphs(graphs, database=store.database or "neo4j")


# --- running -------------------------------------------------------------------------------------


@dataclass
class Timing:
    writer: str
    docs: int
    rel_rows: int
    seconds: float
    # (documents handed to the writer so far, rows so far, seconds so far) every `segment` documents
    marks: list[tuple[int, int, float]] = field(default_factory=list)

    @property
    def rels_per_second(self) -> float:
        return self.rel_rows / self.seconds


def corpus(docs: int, seed: int) -> Iterator[DocumentGraph]:
    """The synthetic corpus, made on the fly (7,000 documents of rows do not need to sit in memory)."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    for i in range(docs):
        yield graph_rows(synthetic_record(i, vocab, rng))


def timed(
    store: Neo4jStore,
    name: str,
    writer: Callable[[Neo4jStore, Iterable[DocumentGraph]], None],
    graphs: Iterable[DocumentGraph],
    segment: int = 0,
) -> Timing:
    """Time `writer` on an emptied database; the rows are counted as they stream past, and every
    `segment` documents the time so far is noted (documents are handed over when the loader asks for
    them, so a mark falls within one transaction group of the true point). Making a document of a
    generated corpus is not the writer's work: the time spent in `graphs` is left out (the large
    corpus is made on the fly, about half of its run on this machine; the small one is a list)."""
    store.delete_all()
    counted = [0, 0]
    marks: list[tuple[int, int, float]] = []
    making = [0.0]  # seconds spent making documents

    def counting() -> Iterator[DocumentGraph]:
        source = iter(graphs)
        while True:
            before = time.perf_counter()
            graph = next(source, None)
            making[0] += time.perf_counter() - before
            if graph is None:
                return
            if segment and counted[0] and counted[0] % segment == 0:
                marks.append((counted[0], counted[1], time.perf_counter() - started - making[0]))
            counted[0] += 1
            counted[1] += len(graph.rels)
            yield graph

    started = time.perf_counter()
    writer(store, counting())
    elapsed = time.perf_counter() - started - making[0]
    timing = Timing(name, counted[0], counted[1], elapsed, marks)
    if name != "warm-up":  # as it happens, so a long run that fails late still shows what it measured
        print(
            f"  {name}: {timing.docs} documents, {timing.rel_rows} rows, {elapsed:.2f} s "
            f"(and {making[0]:.2f} s making the documents, not counted)",
            flush=True,
        )
    return timing


def refuse_foreign_data(store: Neo4jStore) -> None:
    rows = store.run_read(
        "MATCH (d:Document) WHERE NOT d.key STARTS WITH $prefix RETURN count(d) AS c", {"prefix": DOC_PREFIX}
    )
    foreign = int(rows[0]["c"])
    if foreign:
        raise SystemExit(
            f"the database holds {foreign} documents the benchmark did not create; it would delete them. "
            "Use another database or pass --force."
        )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cadregraph.pipeline.bench_loader", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=700, help="documents in the synthetic corpus")
    parser.add_argument(
        "--large-docs", type=int, default=7000, help="documents of the large corpus (0: skip it)"
    )
    parser.add_argument("--naive-docs", type=int, default=50, help="documents the naive writers load")
    parser.add_argument("--warmup-docs", type=int, default=100, help="untimed documents loaded first")
    parser.add_argument("--no-import", action="store_true", help="skip kg import (neo4j-admin)")
    parser.add_argument("--seed", type=int, default=20211221)
    parser.add_argument("--force", action="store_true", help="run even if the database holds other data")
    parser.add_argument("--out", type=Path, default=Path("bench-results/neo4j-load.json"))
    return parser


@dataclass
class Measured:
    """What one bench run timed: the naive writers on a sample, the loader's runs, the graph's counts."""

    naive: list[Timing]
    runs: list[Timing]
    counts: dict[str, int]
    large_counts: dict[str, int] | None


def _measure(store: Neo4jStore, args: argparse.Namespace, graphs: list[DocumentGraph]) -> Measured:
    """Every writer side by side on one server: warm-up first, `kg import` last (it restarts the server)."""
    sample = graphs[: args.naive_docs]
    if not args.force:
        refuse_foreign_data(store)
    store.ensure_schema()
    # Warm up outside the timed runs: JIT, and Neo4j's plan cache, which keys plans by list
    # parameter size buckets too, so the batched writer needs a few dozen documents to see them.
    timed(store, "warm-up", batched, graphs[-args.warmup_docs :])
    for writer in (naive_autocommit, naive_per_document):
        timed(store, "warm-up", writer, graphs[-5:])
    naive = [
        timed(store, "naive, auto-commit per row", naive_autocommit, sample),
        timed(store, "naive, 1 tx per doc", naive_per_document, sample),
    ]
    default = f"batched, {DEFAULT_DOCS_PER_TRANSACTION} docs/tx (default)"
    runs = [timed(store, default, batched, graphs)]
    counts = store.counts()
    large_counts = None
    if args.large_docs:
        runs.append(timed(store, default, batched, corpus(args.large_docs, args.seed), segment=args.docs))
        large_counts = store.counts()
    if not args.no_import:  # last: it restarts the server, which then runs cold
        runs.append(timed(store, "kg import (neo4j-admin)", admin_import, graphs))
        if store.counts() != counts:
            raise SystemExit("kg import gave a different graph than the loader; this is a bug")
    store.delete_all()
    return Measured(naive, runs, counts, large_counts)


NAIVE_NAMES = ["x naive auto-commit", "x naive 1 tx/doc"]


def _print_rates(measured: Measured) -> dict[str, Any]:
    """The naive writers' table and every run's rate and ratios to them; the results as a dict."""
    header = f"{'writer':<34} {'docs':>5} {'rel rows':>9} {'seconds':>8} {'rels/s':>7}" + "".join(
        f" {name:>19}" for name in NAIVE_NAMES
    )
    print("\nnaive writers on the first documents (their rate does not fall as the graph grows):")
    print(header)
    for run in measured.naive:
        print(
            f"{run.writer:<34} {run.docs:>5} {run.rel_rows:>9} {run.seconds:>8.2f} {run.rels_per_second:>7.0f}"
        )
    print("\nwhole corpora, rate and ratio to the naive writers' rate, side by side in this run:")
    print(header)
    results: dict[str, Any] = {
        "graph_counts": measured.counts,
        "naive": [run.__dict__ | {"rels_per_second": run.rels_per_second} for run in measured.naive],
        "runs": [],
    }
    for run in measured.runs:
        ratios = [run.rels_per_second / other.rels_per_second for other in measured.naive]
        results["runs"].append(
            run.__dict__
            | {"rels_per_second": run.rels_per_second, "x_naive": dict(zip(NAIVE_NAMES, ratios, strict=True))}
        )
        cells = "".join(f" {ratio:>19.1f}" for ratio in ratios)
        print(
            f"{run.writer:<34} {run.docs:>5} {run.rel_rows:>9} {run.seconds:>8.2f} {run.rels_per_second:>7.0f}{cells}"
        )
    return results


def _print_growth(measured: Measured, results: dict[str, Any]) -> None:
    """The large corpus against the small one, and its last segment against its first."""
    small, large = measured.runs[0], measured.runs[1]
    change = large.rels_per_second / small.rels_per_second
    results["large_over_small_rate"] = change
    results["large_graph_counts"] = measured.large_counts
    print(
        f"\ndefault loader: {large.docs} documents at {change:.2f} times the rate at {small.docs} "
        f"({large.rels_per_second:.0f} vs {small.rels_per_second:.0f} rels/s, separate runs)"
    )
    points = [(0, 0, 0.0), *large.marks]
    if len(points) >= 3:
        first = (points[1][1] - points[0][1]) / (points[1][2] - points[0][2])
        last = (points[-1][1] - points[-2][1]) / (points[-1][2] - points[-2][2])
        results["large_segments"] = points
        results["last_over_first_segment_rate"] = last / first
        print(
            f"within the {large.docs}-document run: documents {points[-2][0]}-{points[-1][0]} at "
            f"{last:.0f} rels/s, documents 0-{points[1][0]} at {first:.0f} rels/s ({last / first:.2f}); "
            f"the last {large.docs - points[-1][0]} documents and the end-of-load node pass took "
            f"{large.seconds - points[-1][2]:.1f} s"
        )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    graphs = list(corpus(args.docs, args.seed))
    print(
        f"corpus: {len(graphs)} documents, {sum(len(g.nodes) for g in graphs)} node rows, "
        f"{sum(len(g.rels) for g in graphs)} relationship rows; naive sample: "
        f"{len(graphs[: args.naive_docs])} documents; large corpus: {args.large_docs} documents",
        flush=True,
    )
    try:
        store = Neo4jStore.from_env()
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with store:
        measured = _measure(store, args, graphs)
    results = _print_rates(measured)
    if args.large_docs:
        _print_growth(measured, results)
    counts = measured.counts
    relationships = sum(count for name, count in counts.items() if name.isupper())
    nodes = sum(count for name, count in counts.items() if not name.isupper())
    print(f"graph after {measured.runs[0].docs} documents: {nodes} nodes, {relationships} relationships")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"results: {args.out}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
