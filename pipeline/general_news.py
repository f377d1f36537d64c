"""General-news NER check: our `kg extract` path against bare LAC on the same real sentences.

Why: the rules were tuned on government-cadre news; on People's Daily / MSRA style text they must not do
worse than the model they filter (issue 8). `tests/data/general_news_ner.jsonl` holds real sentences from
public pages, each with its `source_url` and hand-annotated PER/LOC/ORG spans (People's Daily 1998
conventions). Scores are exact spans, micro-averaged per type; macro-F1 is the mean over the three types.

    python -m cadregraph.pipeline.general_news [FILE]
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

TYPES = ("PER", "LOC", "ORG")
OUR_TYPES = {"Person": "PER", "Place": "LOC", "Organization": "ORG"}
DEFAULT_FILE = Path(__file__).resolve().parents[1] / "tests" / "data" / "general_news_ner.jsonl"

Spans = set[tuple[int, int, str]]


@dataclass
class Sentence:
    id: int
    source_url: str
    text: str
    gold: Spans


@dataclass
class Score:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))

    def add(self, gold: Spans, predicted: Spans) -> None:
        for kind in TYPES:
            g = {s for s in gold if s[2] == kind}
            p = {s for s in predicted if s[2] == kind}
            self.tp[kind] += len(g & p)
            self.fp[kind] += len(p - g)
            self.fn[kind] += len(g - p)

    def prf(self, kind: str) -> tuple[float, float, float]:
        tp, fp, fn = self.tp[kind], self.fp[kind], self.fn[kind]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def macro_f1(self) -> float:
        return sum(self.prf(kind)[2] for kind in TYPES) / len(TYPES)


def load(path: Path = DEFAULT_FILE) -> list[Sentence]:
    """Read the annotated sentences; a span whose offsets do not give its text is an error naming the line."""
    sentences = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        gold: Spans = set()
        for start, end, kind, text in row["spans"]:
            if row["text"][start:end] != text or kind not in TYPES:
                raise ValueError(
                    f"{path}:{number}: span {start}-{end} {kind} {text!r} does not match the text"
                )
            gold.add((start, end, kind))
        sentences.append(Sentence(row["id"], row["source_url"], row["text"], gold))
    return sentences


def bare_lac(texts: Iterable[str]) -> list[Spans]:
    """LAC's own PER/LOC/ORG words, nothing filtered or added."""
    from cadregraph.pipeline.nlp import cached_nlp

    tokenizer = cached_nlp("lac").tokenizer
    result = []
    for text in texts:
        doc = tokenizer(text)
        result.append({(t.idx, t.idx + len(t.text), t.tag_) for t in doc if t.tag_ in TYPES})
    return result


def ours(texts: list[str]) -> list[Spans]:
    """Each sentence as a file through the `kg extract` path (ingest, pipeline, records); mentions mapped
    Person→PER, Place→LOC, Organization→ORG at their offsets in the original text."""
    from cadregraph.pipeline.extract import extract_record
    from cadregraph.pipeline.ingest import read_document
    from cadregraph.pipeline.nlp import cached_nlp

    nlp = cached_nlp("lac")
    result = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, text in enumerate(texts):
            path = Path(tmp) / f"s{index:04d}.txt"
            path.write_text(text, encoding="utf-8")
            record = extract_record(read_document(path, path.name), nlp)
            result.append(
                {
                    (m.start, m.end, OUR_TYPES[e.type])
                    for e in record.entities
                    if e.type in OUR_TYPES
                    for m in e.mentions
                }
            )
    return result


def score(sentences: list[Sentence], predictions: list[Spans]) -> Score:
    total = Score()
    for sentence, predicted in zip(sentences, predictions, strict=True):
        total.add(sentence.gold, predicted)
    return total


def table(scores: dict[str, Score]) -> str:
    lines = [f"{'system':8} {'type':5} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, result in scores.items():
        for kind in TYPES:
            p, r, f = result.prf(kind)
            lines.append(
                f"{name:8} {kind:5} {result.tp[kind]:5d} {result.fp[kind]:5d} {result.fn[kind]:5d}"
                f" {p:6.3f} {r:6.3f} {f:6.3f}"
            )
        lines.append(f"{name:8} macro-F1 {result.macro_f1:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_FILE
    try:
        sentences = load(path)
    except (OSError, ValueError, KeyError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    texts = [s.text for s in sentences]
    scores = {"bare-lac": score(sentences, bare_lac(texts)), "ours": score(sentences, ours(texts))}
    print(f"{len(sentences)} sentences, {sum(len(s.gold) for s in sentences)} gold spans ({path.name})")
    print(table(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
