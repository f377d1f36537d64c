"""Extraction on metamorphic copies of the dev articles (tools/perturb_eval.py): Traditional script
(OpenCC s2t, s2hk) and OCR line wraps must not cost F1, and each error class the copies showed stays fixed.

Sentences are real dev sentences, perturbed as the tool perturbs them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from cadregraph.pipeline import ingest
from cadregraph.pipeline.ingest import normalise

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("perturb_eval", REPO / "tools" / "perturb_eval.py")
assert _spec and _spec.loader
perturb_eval = importlib.util.module_from_spec(_spec)
sys.modules["perturb_eval"] = perturb_eval  # the tool's dataclasses look their module up by name
_spec.loader.exec_module(perturb_eval)

CORPUS = REPO / "tests" / "corpus"


def _article(doc_id: str) -> str:
    return (CORPUS / "articles" / f"{doc_id}.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the copies themselves


def test_traditional_copy_is_one_character_for_one() -> None:
    original = _article("a16_26096d74")
    for config in ("s2t", "s2hk"):
        copy, kept = perturb_eval.to_traditional(original, config)
        assert len(copy) == len(original) and kept == 0
        assert copy != original and "記者" in copy


def test_traditional_gold_keeps_simplified_canonical_and_adds_traditional_aliases() -> None:
    original = "本报讯 (记者 马治卫) 5月24日,县委书记王国玺主持召开党政联席会议"
    copy, _ = perturb_eval.to_traditional(original, "s2hk")
    gold = {
        "document": {},
        "entities": [{"type": "Person", "name": "马治卫", "aliases": []}],
        "dates": [{"text": "5月24日", "value": "2021-05-24", "end_value": None}],
        "figures": [],
        "relations": [],
    }
    out = perturb_eval.traditional_gold(gold, original, copy, "s2hk")
    assert out["entities"][0]["name"] == "马治卫"
    assert "馬治衞" in out["entities"][0]["aliases"]
    assert out["dates"][0]["text"] == "5月24日"


def test_wrap_copy_only_adds_line_breaks_inside_sentences() -> None:
    original = _article("a01_4ad091b8")
    copy = perturb_eval.wrap_text(original, seed=5)
    assert copy.replace("\n", "") == original.replace("\n", "")
    assert copy.count("\n") > original.count("\n") + 10
    inserted_after, i = [], 0
    for j, ch in enumerate(copy):
        if ch == "\n" and original[i] != "\n":
            inserted_after.append(copy[j - 1])
        else:
            i += 1
    assert inserted_after and not set(inserted_after) & set("。！？；\n")
    assert copy == perturb_eval.wrap_text(original, seed=5)  # seeded: the same copy every time
    assert copy != perturb_eval.wrap_text(original, seed=6)


# ---------------------------------------------------------------- error classes the copies showed


def test_hong_kong_variant_forms_are_simplified() -> None:
    """s2hk writes 衛 as 衞 and 敘 as 敍; OpenCC's t2s leaves both, so 马治卫 came out as 马治衞 (dev a16, a05)."""
    for original in (
        "本报讯 (记者 马治卫) 5月24日,县委书记王国玺主持召开党政联席会议",
        "共叙两县团结友谊,共谋良",
    ):
        copy, _ = perturb_eval.to_traditional(original, "s2hk")
        assert copy != original
        text, offsets, _ = normalise(copy)
        assert text == normalise(original)[0]
        # the copy is 1:1 with the original, so its offsets point at the same characters of the original
        assert all(original[offsets[i]] == ch for i, ch in enumerate(text))


def test_simplified_text_is_not_touched_by_the_variant_folding() -> None:
    """Negative case: Simplified text (with 卫 and the surname 乾) stays exactly as written."""
    original = "记者马治卫报道,丁乾同志出席会议。"
    assert normalise(original)[0] == original


def test_traditional_furniture_line_is_furniture() -> None:
    """A Traditional page's 責任編輯:孫婷 is page furniture as 责任编辑:孙婷 is (dev a15): read as running
    text it ended without a full stop and swallowed the next paragraph."""
    original = _article("a15_9d6a912f")
    copy, _ = perturb_eval.to_traditional(original, "s2t")
    text, _, blocks = normalise(copy)
    plain, _, plain_blocks = normalise(original)
    assert text == plain
    assert [b.kind for b in blocks] == [b.kind for b in plain_blocks]
    furniture = [text[b.start : b.end] for b in blocks if b.kind == "furniture"]
    assert "责任编辑:孙婷" in furniture


def test_traditional_running_text_is_not_furniture() -> None:
    """Negative case: a Traditional paragraph that mentions 責任 is running text."""
    copy, _ = perturb_eval.to_traditional("这次调整是中央从大局出发决定的,各级干部要切实担负起责任。", "s2t")
    _, _, blocks = normalise("\n\n".join([copy, copy]))
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]


def test_wrap_inside_a_dateline_number_keeps_the_furniture_line_whole() -> None:
    """The wrap copy of dev a09 cuts its dateline inside 2024-01-31; the tail was read as a headline and
    the date was lost. A full line of a hard-wrapped page that ends inside a number is continued."""
    original = _article("a09_aed86179")
    copy = perturb_eval.wrap_text(original, perturb_eval.article_seed(1, "a09_aed86179"))
    assert "2024-01-3\n1 11:21:01" in copy
    text, offsets, blocks = normalise(copy)
    assert text == normalise(original)[0]
    furniture = [text[b.start : b.end] for b in blocks if b.kind == "furniture"]
    assert furniture == ["国内 来源:莞讯网 责任编辑:百花残 2024-01-31 11:21:01"]
    start = text.index("2024-01-31")
    assert copy[offsets[start] : offsets[start + 9] + 1] == "2024-01-3\n1"


def test_wrapped_web_address_is_one_line() -> None:
    """The same for a web address cut by the column (dev c06's dateline), on a hard-wrapped page."""
    body = _article("a01_4ad091b8").split("\n")[1]
    page = "http://www.sina.com.cn 2007年09月25日07:28 北京日报\n\n" + body
    copy = perturb_eval.wrap_text(page, seed=3)
    first = copy.split("\n")[0]
    assert first.startswith("http://www.") and not first.endswith(("北京日报", ".cn"))
    text, _, _ = normalise(copy)
    assert text.startswith("http://www.sina.com.cn 2007年09月25日07:28")


def test_number_at_the_end_of_a_line_that_is_not_full_is_not_joined() -> None:
    """Negative cases: the same dateline lines stay two when the first does not fill the column (a time
    on its own line), or when the break is not inside a number or an address."""
    rules = ingest._rules()
    cut = ingest._text_lines("国内 来源:莞讯网 责任编辑:百花残 2024-01-3\n1 11:21:01")
    assert len(ingest._join_token_wraps(cut, 40.0, rules)) == 1  # a full line of a 40-column page
    assert len(ingest._join_token_wraps(cut, 80.0, rules)) == 2  # half a column: a line of its own
    between = ingest._text_lines("国内 来源:莞讯网 责任编辑:百花残 2024-01-31\n东莞诞生首个百亿元村")
    assert len(ingest._join_token_wraps(between, 40.0, rules)) == 2


@pytest.mark.parametrize(
    ("doc_id", "line", "word"),
    [
        ("c06_f74c443e", "http://www.sina.com.cn 2007年09月25日07:28 北京日报", "北京日报"),
        ("c13_e3a9c8d2", "来源:铁岭日报   发布时间:2025年01月06日", "铁岭日报"),
    ],
)
def test_stray_space_that_leaves_one_ideograph_alone_in_a_dateline_is_dropped(
    doc_id: str, line: str, word: str
) -> None:
    """The space copies put a space inside 北京日报 / 铁岭日报 of a dev dateline (北 京日报): kept as a
    headline separator, the paper's name was lost (Organization)."""
    original = _article(doc_id)
    assert line in original
    broken = word[0] + " " + word[1:]
    copy = original.replace(line, line.replace(word, broken), 1)
    text, offsets, _ = normalise(copy)
    assert text == normalise(original)[0]
    start = text.index(word)
    assert copy[offsets[start] : offsets[start + 1] + 1] == broken[:3]


def test_headline_separator_between_phrases_is_kept() -> None:
    """Negative case: the seed headline 百岗淬炼 铁军涅槃 keeps its separator (no lone ideograph)."""
    text, _, blocks = normalise((REPO / "seeds" / "001_7cba9d35d36efd9e.txt").read_text(encoding="utf-8"))
    headlines = [text[b.start : b.end] for b in blocks if b.kind == "headline"]
    assert any("百岗淬炼 铁军涅槃" in h for h in headlines)


# ---------------------------------------------------------------- the scores hold


# Dev articles whose copies showed errors: furniture and bylines, HK variant forms, headlines that wrap.
SCORED = ["a04_6a60ad32", "a09_aed86179", "a15_9d6a912f", "a16_26096d74", "c03_a8dc12c3", "d08_e6281e7e"]
# Largest F1 drop a copy may cost in a category. Before the ingest fixes above, the s2hk copies of these
# articles lost 0.026 Person and 0.025 Date F1 and the wrap copy (seed 1) lost a09's dateline date (Date
# below the margin); with them every copy scores as the original.
MARGIN = 0.02


@pytest.mark.slow
def test_perturbed_f1_stays_within_margin_of_original() -> None:
    paths = [CORPUS / "gold" / f"{doc_id}.gold.json" for doc_id in SCORED]
    scores = perturb_eval.score_variants(paths, list(perturb_eval.VARIANTS), seed=1)
    for category in ("Person", "Organization", "Place", "Date", "Position"):
        base = scores["original"][category].f1
        assert base > 0.5, category
        for variant in perturb_eval.VARIANTS[1:]:
            assert scores[variant][category].f1 >= base - MARGIN, (variant, category)
