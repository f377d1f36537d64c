"""Score metamorphic copies of the dev articles: Traditional script and OCR line wraps, without new gold.

Usage: python tools/perturb_eval.py [--split dev] [--ids a01_4ad091b8 ...] [--seed 8] [--spaces 0.0]
                                    [--variants original,s2t,s2hk,wrap] [--corpus tests/corpus]

Each article of the split is copied into a temporary corpus as
  s2t / s2hk  OpenCC Simplified -> Traditional (Taiwan / Hong Kong forms), kept only where the conversion
              is one character for one character (a line that changes length is converted character by
              character, and a character whose conversion is not one character stays as it is), so every
              offset of the copy is the offset of the original;
  wrap        hard line wraps as an OCR'd newspaper column has them: every paragraph broken every W
              characters (W drawn per article from the seed, with a jitter per line), optionally with stray
              spaces between ideographs (--spaces RATE); W is in display columns (an ideograph is two);
  s2hk+wrap   both: a Traditional page OCR'd from a column.
The gold follows tests/gold/README.md: on a Traditional copy canonical names, titles, units and subjects
stay Simplified, every Traditional surface form becomes an alias, and date and figure texts are the
copy's text at the original's offsets. Wraps and spaces need no gold change: the scorer drops whitespace.
Scoring is `kg eval`'s own (cadregraph.pipeline.cli._score_gold); the table is F1 per category.
Look at dev only: the test split is read for its totals (tests/corpus/README.md).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import opencc  # noqa: E402

from cadregraph.pipeline.cli import _score_gold, gold_source  # noqa: E402
from cadregraph.pipeline.evaluate import PRF, load_gold, split_gold_files, squeeze  # noqa: E402
from cadregraph.pipeline.ingest import _convert_run  # noqa: E402
from cadregraph.schemas.text_units import display_width  # noqa: E402

VARIANTS = ("original", "s2t", "s2hk", "wrap", "s2hk+wrap")
TRADITIONAL = ("s2t", "s2hk")
# Column widths of the OCR'd pages in the corpus run from about 12 to 30 ideographs; a column is measured
# in display width (an ideograph is two, a digit or a Latin letter one), as a printed column is.
WRAP_WIDTHS = (24, 60)
WRAP_JITTER = 3
# Punctuation a line break never follows inside a sentence of the copy: a break after a sentence end is
# a paragraph end, which the original does not have.
SENTENCE_FINAL = frozenset("。！？；")


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_traditional(text: str, config: str) -> tuple[str, int]:
    """`text` in Traditional script, one character for one character (ingest's own run conversion); also
    the number of characters kept as they were because their conversion was not one character."""
    convert: Callable[[str], str] = lambda s: str(_converter(config).convert(s))  # noqa: E731
    out: list[str] = []
    kept = 0
    for line in text.splitlines(keepends=True):
        if len(convert(line)) != len(line):
            kept += sum(len(convert(ch)) != 1 for ch in line)
        out.append(_convert_run(line, convert))
    return "".join(out), kept


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def wrap_text(text: str, seed: int, spaces: float = 0.0) -> str:
    """Hard-wrap every line longer than the column at a seeded width, never right after a sentence end,
    and put a stray space between two ideographs at the rate `spaces`."""
    rng = random.Random(seed)
    width = rng.randint(*WRAP_WIDTHS)
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        end = line[len(body) :]
        pieces: list[str] = []
        column = 0
        limit = width + rng.randint(-WRAP_JITTER, WRAP_JITTER)
        for i, ch in enumerate(body):
            pieces.append(ch)
            column += display_width(ch)
            nxt = body[i + 1] if i + 1 < len(body) else ""
            if not nxt:
                break
            if column >= limit and ch not in SENTENCE_FINAL and not ch.isspace() and not nxt.isspace():
                pieces.append("\n")
                column = 0
                limit = width + rng.randint(-WRAP_JITTER, WRAP_JITTER)
            elif spaces and _is_han(ch) and _is_han(nxt) and rng.random() < spaces:
                pieces.append(" ")
        out.append("".join(pieces) + end)
    return "".join(out)


def _spaced_pattern(text: str) -> re.Pattern[str]:
    """`text` with any whitespace allowed between its characters (the gold text is from the joined text)."""
    return re.compile(r"\s*".join(re.escape(ch) for ch in squeeze(text)))


def mapped_text(original: str, copy: str, text: str, config: str) -> str:
    """The copy's text at the offsets of `text`'s first occurrence in the original (else its conversion)."""
    if squeeze(text):
        found = _spaced_pattern(text).search(original)
        if found:
            return squeeze(copy[found.start() : found.end()])
    return to_traditional(text, config)[0]


def traditional_gold(gold: dict[str, Any], original: str, copy: str, config: str) -> dict[str, Any]:
    """Gold for a Traditional copy, by the corpus convention: Simplified canonical names, Traditional aliases."""
    out = json.loads(json.dumps(gold))
    for entity in out["entities"]:
        names = [entity["name"], *entity.get("aliases", [])]
        extra = [mapped_text(original, copy, n, config) for n in names]
        extra += [to_traditional(n, config)[0] for n in names]
        entity["aliases"] = list(dict.fromkeys([*entity.get("aliases", []), *extra]))
    for section in ("dates", "figures"):
        for item in out[section]:
            item["text"] = mapped_text(original, copy, item["text"], config)
    for rel in out["relations"]:
        if rel["type"] == "HAS_FIGURE" and rel.get("target") is not None:
            rel["target"] = mapped_text(original, copy, rel["target"], config)
    return out


def article_seed(seed: int, doc_id: str) -> int:
    """The wrap seed of one article: each article wraps at its own width, the same on every run."""
    return seed * 1_000_003 + sum(map(ord, doc_id))


@dataclass(frozen=True)
class Copy:
    """One perturbed article and its gold, written where `kg eval` can read them."""

    gold_path: Path
    kept: int  # characters left unconverted (Traditional copies only)


def make_copy(gold_path: Path, variant: str, seed: int, spaces: float, into: Path) -> Copy:
    """Write the `variant` copy of one article (with its sidecar) and its gold under `into`."""
    gold = load_gold(gold_path)
    article = gold_source(gold_path, gold["document"]["source"])
    original = article.read_text(encoding="utf-8")
    kept = 0
    copy_gold = gold
    text = original
    script = next((config for config in TRADITIONAL if config in variant.split("+")), None)
    if script is not None:
        text, kept = to_traditional(original, script)
        copy_gold = traditional_gold(gold, original, text, script)
    if "wrap" in variant.split("+"):
        text = wrap_text(text, article_seed(seed, article.stem), spaces)
    folder = into / variant
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / article.name
    target.write_text(text, encoding="utf-8")
    sidecar = article.with_name(article.stem + ".meta.json")
    if sidecar.is_file():
        (folder / sidecar.name).write_bytes(sidecar.read_bytes())
    copy_gold = {**copy_gold, "document": {**copy_gold["document"], "source": str(target)}}
    out = folder / gold_path.name
    out.write_text(json.dumps(copy_gold, ensure_ascii=False), encoding="utf-8")
    return Copy(out, kept)


def score_variants(
    gold_paths: Sequence[Path],
    variants: Sequence[str],
    *,
    seed: int = 8,
    spaces: float = 0.0,
    backend: str = "lac",
) -> dict[str, dict[str, PRF]]:
    """Scores per variant per category, as `kg eval` computes them on the copies."""
    args = argparse.Namespace(backend=backend, infer_dates=False, count_implied=False, per_document=False)
    scores: dict[str, dict[str, PRF]] = {}
    with tempfile.TemporaryDirectory(prefix="perturb-") as tmp:
        for variant in variants:
            copies = [make_copy(p, variant, seed, spaces, Path(tmp)) for p in gold_paths]
            kept = sum(c.kept for c in copies)
            if kept:
                print(f"{variant}: {kept} characters kept unconverted (not 1:1)", file=sys.stderr)
            scores[variant], failures = _score_gold([c.gold_path for c in copies], args)
            if failures:
                raise RuntimeError(f"{variant}: {failures} documents failed to extract")
    return scores


def format_f1(scores: dict[str, dict[str, PRF]], categories: Sequence[str]) -> str:
    variants = list(scores)
    rows = [f"{'category':<16}" + "".join(f"{v:>10}" for v in variants)]
    for category in categories:
        cells = "".join(f"{scores[v].get(category, PRF(0, 0, 0)).f1:>10.3f}" for v in variants)
        rows.append(f"{category:<16}{cells}")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="perturb_eval.py",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog="Look at dev only: the test split is read for its totals.",
    )
    parser.add_argument("--corpus", type=Path, default=REPO / "tests" / "corpus", help="corpus folder")
    parser.add_argument("--split", choices=("dev", "test"), default="dev", help="split to copy (default dev)")
    parser.add_argument("--ids", nargs="*", default=None, help="only these article ids of the split")
    parser.add_argument("--seed", type=int, default=8, help="seed of the wrap widths and spaces (default 8)")
    parser.add_argument("--spaces", type=float, default=0.0, help="rate of stray spaces between ideographs")
    parser.add_argument("--variants", default=",".join(VARIANTS), help=f"comma list of {', '.join(VARIANTS)}")
    parser.add_argument("--backend", default="lac", help="NLP backend, as for kg eval")
    args = parser.parse_args(argv)
    variants = [v for v in args.variants.split(",") if v]
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant {unknown[0]!r}")
    paths = split_gold_files(args.corpus)[args.split]
    if args.ids:
        paths = [p for p in paths if p.name.split(".")[0] in set(args.ids)]
    scores = score_variants(paths, variants, seed=args.seed, spaces=args.spaces, backend=args.backend)
    categories = ["Person", "Organization", "Place", "Programme", "Event", "Date", "Figure", "Position"]
    print(f"== {args.split}: {len(paths)} documents, seed {args.seed}, spaces {args.spaces}: F1")
    print(format_f1(scores, categories))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
