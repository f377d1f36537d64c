"""Programme names as noun phrases (issue 8, item 4), on real sentences from public news pages and seeds/.

Each line of tests/data/programme_spans.jsonl holds a sentence as published (Traditional pages too: they go
through the same normalisation as `kg extract`), its source, the programme spans expected with the shorter
forms recorded as aliases, and spans that must not come out (the cut-off or generic readings).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cadregraph.pipeline.canonical import strip_quotes
from cadregraph.pipeline.ingest import normalise
from cadregraph.pipeline.nlp import cached_nlp
from cadregraph.pipeline.programmes import ALIASES_KEY

DATA = Path(__file__).parent / "data" / "programme_spans.jsonl"
CASES = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def _programmes(text: str) -> tuple[str, dict[str, set[str]]]:
    analysed, _, _ = normalise(text)
    doc = cached_nlp("lac")(analysed)
    aliases = doc.user_data.get(ALIASES_KEY, {})
    found: dict[str, set[str]] = {}
    for ent in doc.ents:
        if ent.label_ == "Programme":
            assert analysed[ent.start_char : ent.end_char] == ent.text
            shorter = {strip_quotes(a) for a in aliases.get((ent.start_char, ent.end_char), ())}
            found.setdefault(ent.text, set()).update(shorter)
    return analysed, found


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c['form']}" for i, c in enumerate(CASES)])
def test_programme_spans_on_real_sentences(case: dict[str, Any]) -> None:
    assert case["source_url"]
    _, found = _programmes(case["text"])
    for name, aliases in case["programmes"].items():
        assert name in found, f"{name} not in {sorted(found)}"
        assert {strip_quotes(a) for a in aliases} <= found[name]
    for name in case["absent"]:
        assert name not in found
    if case["none"]:
        assert not found


def test_the_data_file_covers_every_form_with_negatives() -> None:
    """No rule rests on a single sentence: each form has real examples, and negatives are present."""
    forms = [c["form"] for c in CASES]
    assert sum("negative" in f for f in forms) >= 6
    assert sum(f.startswith(("award", "honour")) for f in forms) >= 4
    assert sum("short class" in f for f in forms) >= 2
    assert sum(bool(c["absent"]) for c in CASES) >= 12


def test_shorter_forms_fold_into_the_full_name(tmp_path: Path) -> None:
    """A later mention without the year (or with the quoted core only) is the same programme, and the full
    name keeps its written shorter forms as aliases (kg extract)."""
    from cadregraph.pipeline.cli import ExtractionRun

    # Two real sentences of one page (hn.rednet.cn, 2022-08-17): the quoted core, then the full name.
    text = (
        "8月17日,株洲召开全市项目建设“百日攻坚”行动推进会,听取各县市区、“四大攻坚”牵头部门汇报"
        "“百日攻坚”行动推进情况,部署下一步工作,迅速掀起全市项目建设“百日攻坚”行动的热潮。\n"
        "据了解,株洲在8月至11月开展项目建设“百日攻坚”行动,重点抓好项目招引、征拆供地、园区项目、"
        "重大基础设施项目等“四大攻坚”,力争新招引项目220个,到位资金100亿元以上;"
    )
    path = tmp_path / "rednet.txt"
    path.write_text(text, encoding="utf-8")
    (record,) = list(ExtractionRun("lac", None).records([str(path)]))
    programmes = [e for e in record.entities if e.type == "Programme"]
    full = next(e for e in programmes if e.name == "项目建设百日攻坚行动")
    assert "百日攻坚行动" in full.aliases
    assert len(full.mentions) == 3
    assert not [e for e in programmes if e.name == "百日攻坚行动"]
    for mention in full.mentions:
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "nested", "aliases"),
    [
        # news.henu.edu.cn/info/1083/81209.htm: LAC fuses the ordinal with 中 (第30期中|青年干部培训班)
        (
            "2012年9月11日上午,河南省高校干部培训中心第30期中青年干部培训班开学典礼在金明校区干部培训中心举行。",
            "河南省高校干部培训中心第30期中青年干部培训班",
            {"第30期中青年干部培训班", "中青年干部培训班"},
        ),
        # a county's page (681760.dlors167.asia/lszg/…/f1d7aea695514ae591bfc007b065cb33.shtml): an ordinal
        # numbers the class of a longer name (…递进培养第三期培训班)
        (
            "近日,我县优秀年轻干部人才递进培养第三期培训班开班典礼在县委党校举行,本次培训对象主要面对全县乡镇事业人员、"
            "优秀村干部及大学生村官,通过公开推荐、资格审查和遴选测试,55名优秀年轻干部人才进入理论培训环节。",
            "优秀年轻干部人才递进培养第三期培训班",
            set(),
        ),
        # epaper.tianjinwe.com (天津日报 2024-07-05): a quoted theme of a ceremony is no nested programme
        ("6月28日上午,天津市红桥区“两优一先”表彰大会召开。", None, set()),
    ],
)
def test_a_programme_named_inside_an_event_is_kept_beside_it(
    text: str, nested: str | None, aliases: set[str]
) -> None:
    from cadregraph.pipeline.components import NESTED_NAMES_KEY

    analysed, _, _ = normalise(text)
    doc = cached_nlp("lac")(analysed)
    assert any(e.label_ == "Event" for e in doc.ents)
    inner = [(s, e) for s, e, label in doc.user_data.get(NESTED_NAMES_KEY, []) if label == "Programme"]
    if nested is None:
        assert not inner
        return
    assert [analysed[s:e] for s, e in inner] == [nested]
    assert aliases <= set(doc.user_data.get(ALIASES_KEY, {}).get(inner[0], ()))
