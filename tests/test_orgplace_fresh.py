"""Places and organisations on fresh dev pages (round 14b): each rule with a real sentence and a negative."""

from __future__ import annotations

from test_events import article

from cadregraph.pipeline.nlp import cached_nlp


def places(text: str) -> set[str]:
    return {e.text for e in cached_nlp("lac")(text).ents if e.label_ == "Place"}


def test_level_word_after_place() -> None:
    # q04 (均安镇, Traditional): 三華/LOC 社區/n 后備干部 is the community 三华社区
    found = places(article("q04", "社区后备干部欧阳锦辉"))
    assert "三华社区" in found and "三华" not in found
    # p04: 夏津縣北城街道平安湖/LOC 社區/n 等現場觀摩教學點: the town above stays its own place
    found = places(article("p04", "平安湖"))
    assert {"平安湖社区", "北城街道"} <= found and "平安湖" not in found
    # negative: a name ending in its own level word is no community's (北城街道/LOC 社区 is not one place)
    assert not any(p.endswith("街道社区") for p in found)
    # negative: 城鄉社區 of a research institute's name (p02) is a common word, no LOC before the level word
    assert not any(p.endswith("社区") for p in places(article("p02", "城乡社区建设研究院")))
    # negative: seed 000's 设立4个工业社区: 工业/LOC 社区 names a kind of community, no place
    assert "工业社区" not in places("平湖经开依托4个园区,设立4个工业社区,每个社区成立综合党委")
