"""Train the place or organisation scorer (pipeline/place_scorer.py): `make train-places`,
`make train-organisations`.

Training data is the repository's own gold, as for the programme scorer: the dev split of tests/corpus and
the seeds' gold, never the test split. Each document goes through the whole pipeline (the scorers off) and
every name of the label it outputs with a mention is an example, positive when its canonical name or its
written form is the name or an alias of a gold entity of that type. The logistic regression is the
programme scorer's (programme_training.fit), so the same data gives a byte-identical weights file.
`--cross-validate K` prints, for each threshold, the counts of K-fold cross-validation by document: how
the threshold in the label's scorer.toml was chosen.

Usage: python -m cadregraph.pipeline.place_training [--label Place|Organization] [--corpus tests/corpus]
       [--seeds tests/gold] [--out pipeline/data/places/scorer_weights.toml] [--cross-validate 8]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from cadregraph.pipeline.components import CANDIDATES_KEY as CANDIDATES_KEY_MODEL
from cadregraph.pipeline.components import HOME_KEY, NAME_OWNER_PLACES_KEY
from cadregraph.pipeline.evaluate import clean_name, name_set
from cadregraph.pipeline.nlp import cached_nlp
from cadregraph.pipeline.place_scorer import (
    CANDIDATES_KEY,
    COLLECT_KEY,
    FOLDERS,
    WEIGHTS_NAME,
    Candidate,
    candidates,
    canonical,
    rejected,
    settings,
)
from cadregraph.pipeline.programme_training import Example, fit, gold_document, training_files, weights_toml

TARGETS = {"Place": "train-places", "Organization": "train-organisations"}  # the make target of each label


@dataclass(frozen=True)
class DocumentExamples:
    """One training document: its candidates, each candidate's label, how many entities of the type its
    gold lists, and the (true, false) entities the pipeline outputs that the scorer does not judge."""

    name: str
    found: tuple[Candidate, ...]
    labels: tuple[int, ...]
    gold_count: int
    unjudged: tuple[int, int]
    rejected: tuple[tuple[Candidate, int], ...]  # the model's names the rules rejected, labelled


def gold_entities(gold: dict[str, object], label: str) -> list[frozenset[str]]:
    """Each gold entity's name set (name and aliases, cleaned as `kg eval` cleans them), of one type."""
    entities = gold["entities"]
    assert isinstance(entities, list)
    return [name_set(e["name"], e.get("aliases", [])) for e in entities if e["type"] == label]


def labels(found: list[Candidate], text: str, places: list[frozenset[str]]) -> list[int]:
    """1 for each mention of an entity the gold lists: its canonical name or one of its written forms is a
    gold entity's name or alias (as `kg eval` pairs entities by their name sets)."""
    names = frozenset().union(*places) if places else frozenset()
    written: dict[str, set[str]] = {}
    for c in found:
        written.setdefault(c.name, {clean_name(c.name)}).add(clean_name(text[c.start : c.end]))
    return [int(bool(written[c.name] & names)) for c in found]


def document_examples(gold_path: Path, root: Path, label: str = "Place") -> DocumentExamples:
    """The labelled mentions of one gold document's names of the label, read through the whole pipeline."""
    gold, text, doc = gold_document(gold_path, root)
    doc.user_data[COLLECT_KEY] = True
    doc = cached_nlp()(doc)
    found = list(doc.user_data.get(CANDIDATES_KEY, {}).get(label, []))
    entities = gold_entities(gold, label)
    judged = {(c.start, c.end) for c in found}
    hidden = doc.user_data[NAME_OWNER_PLACES_KEY]
    home = doc.user_data.get(HOME_KEY)
    others = [
        Candidate(e.start_char, e.end_char, canonical(label, e.text, home), ())
        for e in doc.ents
        if e.label_ == label and (e.start_char, e.end_char) not in judged | hidden
    ]
    other_labels = labels(others, text, entities)
    taken = [(e.start_char, e.end_char) for e in doc.ents] + sorted(hidden)
    model_names = [
        (s.start_char, s.end_char)
        for s in doc.spans[CANDIDATES_KEY_MODEL]
        if s.label_ == label
        and len(s.text) > 1
        and not any(s.start_char < e and b < s.end_char for b, e in taken)
    ]
    rejected = candidates(doc, model_names, (), home, output=False, label=label)
    true_others = len({c.name for c, y in zip(others, other_labels, strict=True) if y})
    return DocumentExamples(
        gold_path.name.removesuffix(".gold.json"),
        tuple(found),
        tuple(labels(found, text, entities)),
        len(entities),
        (true_others, len({c.name for c in others}) - true_others),
        tuple(zip(rejected, labels(rejected, text, entities), strict=True)),
    )


def examples_of(documents: list[DocumentExamples]) -> list[Example]:
    """The mentions of the names the pipeline outputs, and the model's names the rules rejected: these
    teach what a common word, an idiom or a cut word looks like, which the dev output holds few of."""
    return [
        (c.features, y) for d in documents for c, y in (*zip(d.found, d.labels, strict=True), *d.rejected)
    ]


def train_documents(documents: list[DocumentExamples], label: str = "Place") -> str:
    model = fit(examples_of(documents), tuple(d.name for d in documents), settings(label).training)
    return weights_toml(model, f"`make {TARGETS[label]}` (pipeline/place_training.py)")


def train(corpus: Path, seeds: Path, root: Path, label: str = "Place") -> str:
    files = training_files(corpus, seeds)
    return train_documents([document_examples(p, root, label) for p in files], label)


def entity_counts(document: DocumentExamples, dropped: set[tuple[int, int]]) -> tuple[int, int]:
    """(true, false) entities the document keeps: one counts once, however many mentions it has."""
    kept: dict[str, int] = {}
    for c, y in zip(document.found, document.labels, strict=True):
        if (c.start, c.end) not in dropped:
            kept[c.name] = y
    return sum(kept.values()), len(kept) - sum(kept.values())


def cross_validate(
    documents: list[DocumentExamples], folds: int, thresholds: list[float], label: str = "Place"
) -> list[str]:
    """Precision, recall and F1 (of the entities of the label the pipeline outputs, against the gold's
    count) for each threshold, every document scored by a model trained without its fold."""
    unjudged = [sum(d.unjudged[0] for d in documents), sum(d.unjudged[1] for d in documents)]
    counts = {t: list(unjudged) for t in [0.0, *thresholds]}
    gold = sum(d.gold_count for d in documents)
    for k in range(folds):
        held = [d for i, d in enumerate(documents) if i % folds == k]
        model = fit(
            examples_of([d for i, d in enumerate(documents) if i % folds != k]), (), settings(label).training
        )
        for document in held:
            for t in counts:
                tp, fp = entity_counts(document, rejected(document.found, model, t) if t else set())
                counts[t][0] += tp
                counts[t][1] += fp
    lines = []
    for t, (tp, fp) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"threshold {t:.2f}: tp {tp} fp {fp} gold {gold}  P {p:.3f} R {r:.3f} F1 {f:.3f}")
    lines[0] = lines[0].replace("threshold 0.00", "scorer off    ")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("tests/corpus"))
    parser.add_argument("--seeds", type=Path, default=Path("tests/gold"))
    parser.add_argument("--root", type=Path, default=Path("."), help="folder the gold's sources are under")
    parser.add_argument("--label", choices=sorted(FOLDERS), default="Place", help="the scorer to train")
    parser.add_argument(
        "--out", type=Path, help="default: pipeline/data/<the label's folder>/" + WEIGHTS_NAME
    )
    parser.add_argument("--cross-validate", type=int, default=0, metavar="K", help="print K-fold scores too")
    args = parser.parse_args(argv)
    label = args.label
    out = args.out or Path("pipeline/data") / FOLDERS[label] / WEIGHTS_NAME
    documents = [document_examples(p, args.root, label) for p in training_files(args.corpus, args.seeds)]
    if args.cross_validate:
        thresholds = [t / 20 for t in range(1, 20)]
        print("\n".join(cross_validate(documents, args.cross_validate, thresholds, label)))
    out.write_text(train_documents(documents, label), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
