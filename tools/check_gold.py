"""Check hand-made gold files without running the pipeline: annotators validate their work with it.

Usage: python tools/check_gold.py GOLD.json... ; prints one line per problem, exit 1 if any.
Checks: the format loads; date and figure texts occur in the article with whitespace removed; canonical
names are unique; relation endpoints name entities of the same file; a corpus article has its sidecar
with a source address and a date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cadregraph.pipeline.evaluate import load_gold  # noqa: E402
from cadregraph.schemas import RELATION_TYPES  # noqa: E402


def problems(path: Path) -> list[str]:
    try:
        gold = load_gold(path)
    except (ValueError, json.JSONDecodeError) as exc:
        return [str(exc)]
    source = REPO / gold["document"]["source"]
    if not source.is_file():
        return [f"document.source {source} does not exist"]
    found: list[str] = []
    text = "".join(source.read_text(encoding="utf-8").split())
    if "tests/corpus/" in str(source):
        meta_path = source.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        for key in ("source_url", "date"):
            if not meta.get(key):
                found.append(f"{meta_path.name}: missing {key}")
    for item in (*gold["dates"], *gold["figures"]):
        if "".join(item["text"].split()) not in text:
            found.append(f"text not in article: {item['text']!r}")
    names = [e["name"] for e in gold["entities"]]
    if len(set(names)) != len(names):
        found.append("duplicate canonical names: " + ", ".join(sorted({n for n in names if names.count(n) > 1})))
    figure_texts = {f["text"] for f in gold["figures"]}
    for rel in gold["relations"]:
        if rel.get("type") not in RELATION_TYPES:
            found.append(f"unknown relation type: {rel}")
        elif rel.get("source") not in names:
            found.append(f"relation source is no entity: {rel}")
        elif rel["type"] == "HAS_FIGURE":
            if rel.get("target") not in figure_texts:
                found.append(f"HAS_FIGURE target is no figure text: {rel}")
        elif rel["type"] in ("AUTHORED", "STARTED"):
            if rel["type"] == "AUTHORED" and rel.get("target") is not None:
                found.append(f"AUTHORED target must be null: {rel}")
        elif rel.get("target") not in names:
            found.append(f"relation target is no entity: {rel}")
    return found


def main(argv: list[str]) -> int:
    bad = 0
    for arg in argv:
        for problem in problems(Path(arg)):
            print(f"{arg}: {problem}")
            bad += 1
    print(f"{len(argv)} files, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
