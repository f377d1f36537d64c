"""Cross-validate the programme-span scorer by document: is it worth switching on (scorer.toml `enabled`)?

The training documents (the dev split and the seeds' gold, as `make train-programmes` reads them) are dealt
into K folds in their fixed order; for each fold the scorer is fitted on the others and the held-out
documents are extracted with it on, once per new-name threshold, and scored as `kg eval` scores them
(Programme row). The rules alone are scored on the same documents. The test split is never read.

Usage: python tools/programme_cv.py [--folds 8] [--thresholds 0.5 0.6 0.7 0.8]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cadregraph.pipeline import components, programme_scorer  # noqa: E402
from cadregraph.pipeline.batch import ExtractionRun  # noqa: E402
from cadregraph.pipeline.evaluate import PRF, load_gold, merge, score_document  # noqa: E402
from cadregraph.pipeline.programme_scorer import ScorerSettings, Weights  # noqa: E402
from cadregraph.pipeline.programme_training import document_examples, fit, training_files  # noqa: E402

CATEGORY = "Programme"


def _use(scorer: ScorerSettings, model: Weights | None) -> None:
    """Point the pipeline at these settings and weights (both are read through module-level functions)."""
    programme_scorer.settings = lambda: scorer  # type: ignore[assignment]
    components.scorer_settings = lambda: scorer  # type: ignore[assignment]
    if model is not None:
        programme_scorer.weights = lambda: model  # type: ignore[assignment]


def _score(paths: list[Path]) -> PRF:
    scores = []
    for path in paths:
        gold = load_gold(path)
        date = gold["document"].get("date")
        run = ExtractionRun("lac", dt.date.fromisoformat(date) if date else None)
        (record,) = list(run.records([str(REPO / gold["document"]["source"])]))
        scores.append(score_document(gold, record))
    return merge(scores).get(CATEGORY, PRF(0, 0, 0))


def _row(label: str, prf: PRF) -> str:
    return f"{label:<24} {prf.tp:5d} {prf.fp:5d} {prf.fn:5d}  {prf.precision:.3f}  {prf.recall:.3f}  {prf.f1:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=8)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.5, 0.6, 0.7, 0.8])
    args = parser.parse_args(argv)
    files = training_files(REPO / "tests" / "corpus", REPO / "tests" / "gold")
    examples = {path: document_examples(path, REPO) for path in files}
    base = programme_scorer.settings()
    off = dataclasses.replace(base, scorer=dataclasses.replace(base.scorer, enabled=False))
    totals: dict[str, PRF] = {}
    for fold in range(args.folds):
        held = [p for i, p in enumerate(files) if i % args.folds == fold]
        model = fit([ex for p in files if p not in held for ex in examples[p]], ())
        _use(off, None)
        results = {"rules alone": _score(held)}
        for threshold in args.thresholds:
            on = dataclasses.replace(
                base, scorer=dataclasses.replace(base.scorer, enabled=True, new_name_threshold=threshold)
            )
            _use(on, model)
            results[f"scorer, new names {threshold:.1f}"] = _score(held)
        for label, prf in results.items():
            totals[label] = totals.get(label, PRF(0, 0, 0)) + prf
        print(f"fold {fold + 1}/{args.folds}: " + ", ".join(f"{k} {v.f1:.3f}" for k, v in results.items()))
    print(f"\n{args.folds}-fold cross-validation by document over {len(files)} training documents ({CATEGORY})")
    print(f"{'':<24} {'tp':>5} {'fp':>5} {'fn':>5}  {'P':>5}  {'R':>5}  {'F1':>5}")
    for label, prf in totals.items():
        print(_row(label, prf))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
