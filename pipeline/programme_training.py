"""Train the programme-span scorer (pipeline/programme_scorer.py): `make train-programmes`.

Training data is the repository's own gold: the dev split of tests/corpus and the seeds' gold
(tests/gold/), never the test split, which decides once whether the scorer is on. A candidate is
positive when its text is a gold programme's name or alias and no longer candidate over it is; the
model is a logistic regression fitted by full-batch gradient descent in numpy, summed without BLAS
and written rounded, so the same data gives a byte-identical weights file.

Usage: python -m cadregraph.pipeline.programme_training [--corpus tests/corpus] [--seeds tests/gold]
       [--out pipeline/data/programmes/scorer_weights.toml]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from cadregraph.pipeline.components import GIVEN_PLACE_KEY, programme_rule_spans
from cadregraph.pipeline.evaluate import clean_name, load_gold, split_gold_files
from cadregraph.pipeline.ingest import read_document
from cadregraph.pipeline.nlp import cached_nlp
from cadregraph.pipeline.programme_scorer import (
    Candidate,
    ModelSection,
    TrainingSection,
    Weights,
    candidates,
    settings,
)

Example = tuple[tuple[str, ...], int]


def training_files(corpus: Path, seeds: Path) -> list[Path]:
    """The dev split's gold and the seeds' gold, in a fixed order."""
    return split_gold_files(corpus)["dev"] + sorted(seeds.glob("*.gold.json"))


def gold_names(gold: dict[str, object]) -> frozenset[str]:
    entities = gold["entities"]
    assert isinstance(entities, list)
    return frozenset(
        clean_name(name)
        for e in entities
        if e["type"] == "Programme"
        for name in (e["name"], *e.get("aliases", []))
    )


def labelled(found: list[Candidate], text: str, names: frozenset[str]) -> list[Example]:
    """Each candidate with 1 when it is the longest gold-named candidate over its characters."""
    named = [c for c in found if clean_name(text[c.start : c.end]) in names]
    best = {
        (c.start, c.end)
        for c in named
        if not any(o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start for o in named)
    }
    return [(c.features, int((c.start, c.end) in best)) for c in found]


def gold_document(gold_path: Path, root: Path) -> tuple[dict[str, Any], str, Doc]:
    """A gold file, its document's text, and the document made ready for the pipeline (its place given)."""
    gold = load_gold(gold_path)
    source = str(gold["document"]["source"])
    ingested = read_document(root / source, source)
    doc = cached_nlp().make_doc(ingested.text)
    doc.user_data[GIVEN_PLACE_KEY] = ingested.meta.place
    return gold, ingested.text, doc


def document_examples(gold_path: Path, root: Path) -> list[Example]:
    """The labelled candidates of one gold document, read through the pipeline up to the rules."""
    gold, text, doc = gold_document(gold_path, root)
    nlp = cached_nlp()
    with nlp.select_pipes(disable=["cadre_entity_rules"]):
        doc = nlp(doc)
    found = candidates(doc, [(s, e) for s, e, _ in programme_rule_spans(doc)])
    return labelled(found, text, gold_names(gold))


def fit(examples: list[Example], trained_on: tuple[str, ...], cfg: TrainingSection | None = None) -> Weights:
    """Logistic regression by gradient descent; features seen fewer than min_count times are dropped.
    `cfg`: the training tunables (the programme scorer's unless another scorer gives its own)."""
    cfg = cfg or settings().training
    counts = Counter(f for feats, _ in examples for f in feats)
    vocab = sorted(f for f, n in counts.items() if n >= cfg.min_count)
    column = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(examples), len(vocab)))
    for row, (feats, _) in enumerate(examples):
        for f in feats:
            if f in column:
                x[row, column[f]] = 1.0
    y = np.array([label for _, label in examples], dtype=float)
    sample = np.where(y > 0, cfg.positive_weight, 1.0)
    sample /= sample.sum()
    w = np.zeros(len(vocab))
    bias = 0.0
    for _ in range(cfg.epochs):
        z = (x * w).sum(axis=1) + bias
        residual = (1.0 / (1.0 + np.exp(-z)) - y) * sample
        w -= cfg.learning_rate * ((x * residual[:, None]).sum(axis=0) + cfg.l2 * w)
        bias -= cfg.learning_rate * float(residual.sum())
    return Weights(
        ModelSection(round(bias, 6), trained_on),
        {f: round(float(v), 6) for f, v in zip(vocab, w, strict=True) if round(float(v), 6) != 0.0},
    )


def weights_toml(
    model: Weights, writer: str = "`make train-programmes` (pipeline/programme_training.py)"
) -> str:
    """The weights file's text; keys sorted, numbers at six decimals."""
    lines = [
        f"# Written by {writer}; do not edit by hand.",
        "",
        "[model]",
        f"bias = {model.model.bias:.6f}",
        "trained_on = [" + ", ".join(json.dumps(n) for n in model.model.trained_on) + "]",
        "",
        "[weights]",
    ]
    lines += [f"{json.dumps(f, ensure_ascii=False)} = {v:.6f}" for f, v in sorted(model.weights.items())]
    return "\n".join(lines) + "\n"


def train(corpus: Path, seeds: Path, root: Path) -> str:
    files = training_files(corpus, seeds)
    examples = [ex for path in files for ex in document_examples(path, root)]
    return weights_toml(fit(examples, tuple(p.name.removesuffix(".gold.json") for p in files)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("tests/corpus"))
    parser.add_argument("--seeds", type=Path, default=Path("tests/gold"))
    parser.add_argument("--root", type=Path, default=Path("."), help="folder the gold's sources are under")
    parser.add_argument("--out", type=Path, default=Path("pipeline/data/programmes/scorer_weights.toml"))
    args = parser.parse_args(argv)
    args.out.write_text(train(args.corpus, args.seeds, args.root), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
