"""The administrative levels are defined once (division_levels.txt, with a tier each); the rules' sets of level
characters are read from it and equal the sets the rules wrote out before."""

from cadregraph.pipeline import components, places_addresses
from cadregraph.pipeline.lexicons import division_tiers, level_chars, level_words, two_levels
from cadregraph.pipeline.places_addresses import LEVEL_CHARS, TOWN_LEVELS
from cadregraph.pipeline.title_chain import chain_grammar


def test_every_level_word_has_a_tier() -> None:
    assert division_tiers()["盟"] == "agency"
    assert division_tiers()["街道"] == "township"
    assert division_tiers()["社区"] == "village"


def test_the_rule_sets_read_from_the_tiers() -> None:
    assert set(level_chars("province", "prefecture", "county")) == set("省市县区州旗")
    assert set(components._APPOINTED_LEVELS) == set("省市州县区旗镇乡")
    assert frozenset("省市县区镇乡村州旗盟街") == components._ALL_LEVELS
    assert set(TOWN_LEVELS) == {"乡镇", "街道", "镇", "乡"}
    assert frozenset("省市县区镇乡村") == LEVEL_CHARS  # not 州 (杭州), 旗, 盟
    assert level_words("village") == ("社区", "村")
    assert "盟" not in components._GOVERNED_LEVELS  # a league has no government of its own


def test_each_levels_before_a_body() -> None:
    text = "各镇区人大"  # 各镇区|人大, 各县区|人大常委会 (components._after_each)
    assert components._after_each(text, 3)
    assert not components._after_each("全市人大", 2)
    assert components._DEIXIS.search("我省").group(1) == "省"  # type: ignore[union-attr]
    assert components._DEIXIS.search("我盟") is None


def test_the_title_chain_levels_are_one_level_each() -> None:
    assert two_levels("乡镇") and not two_levels("街道") and not two_levels("社区")
    assert set(chain_grammar().levels) == {"街道", "省", "市", "州", "盟", "县", "区", "旗", "镇", "乡"}


def test_the_address_link_ends() -> None:
    assert set(places_addresses._LINK_ENDS) == {"省", "市", "县", "区", "镇", "乡", "街道", "村", "社区"}
    assert set(places_addresses._LAST_LINK_ENDS) == {"村", "社区"}
