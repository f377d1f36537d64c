"""cadregraph.pipeline.ingest on the real seed pages and on real files made from them (encodings, HTML, errors)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import opencc
import pytest

from cadregraph.pipeline.ingest import (
    MAX_FILE_BYTES,
    Block,
    DocMeta,
    IngestedDocument,
    IngestError,
    _convert_run,
    is_traditional_only,
    iter_input_files,
    normalise,
    read_document,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
S2TW = opencc.OpenCC("s2tw")  # Taiwan-standard forms: what real Big5 text is written in
T2S = opencc.OpenCC("t2s")


def seed(prefix: str) -> Path:
    return next(p for p in SEED_FILES if p.name.startswith(prefix))


def read_seed(prefix: str) -> IngestedDocument:
    path = seed(prefix)
    return read_document(path, str(path))


def block_texts(doc: IngestedDocument, kind: str) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if b.kind == kind]


def original_of(doc: IngestedDocument, needle: str, nth: int = 0) -> str:
    start = [m.start() for m in re.finditer(re.escape(needle), doc.text)][nth]
    s, e = doc.to_original(start, start + len(needle))
    return doc.original[s:e]


def squeeze(s: str) -> str:
    return "".join(s.split())


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------------------------------------ seeds


def test_five_seeds_are_present() -> None:
    assert len(SEED_FILES) == 5


def test_wrap_inside_a_name_is_joined_and_maps_back_to_the_wrap() -> None:
    doc = read_seed("004")
    assert "吴金\n华" in doc.original
    assert "组织部长吴金华主持会议。" in doc.text
    assert "吴金\n华" not in doc.text
    assert original_of(doc, "吴金华") == "吴金\n华"
    # Every other mention of the name in the page is found whole too.
    assert doc.text.count("吴金华") == doc.original.count("吴金华") + doc.original.count("吴金\n华")


def test_hard_wrapped_column_joins_into_sentences() -> None:
    doc = read_seed("004")
    assert "市委常委、组织部长吴金华主持会议。" in doc.text
    assert "我市累计选派14批次826名干部参与到249个破难项目" in doc.text
    # A line that ends a sentence but fills the column continues the paragraph ...
    assert "充电学习。至今，“创新学堂”已经开课100期。" in doc.text
    # ... and a blank line after a finished sentence ends it.
    assert "场均参加学习人数150人以上。\n\n基层是广大干部增长本领的最好课堂" in doc.text


def test_a_flush_line_under_an_indented_one_still_continues_it() -> None:
    """The first line of a paragraph is indented, its wrapped lines are flush: one paragraph."""
    text = "  表彰会由市委组织部和市委老干部局联合举办,对本市79个先进离退\n休干部党支部予以表彰。"
    analysis, _, blocks = normalise(text)
    assert len(blocks) == 1
    assert "先进离退休干部党支部" in analysis


@pytest.mark.parametrize(
    ("text", "meta_line", "paragraph_start"),
    [
        (  # h04: headline, the page's 发布时间/点击数 line, then the article indented (not "48639月29日")
            "俞正声等领导出席离退休干部“双先”表彰会并颁奖牌证书\n发布时间:2009-11-06点击数:4863\n"
            "  9月29日下午,上海市老干部庆祝新中国成立60周年暨“双先”表彰会在市委党校大礼堂举行。",
            "发布时间:2009-11-06点击数:4863",
            "9月29日下午",
        ),
        (  # d02: 时间/来源/作者 under the headline
            "夏吾杰主持召开海北州委书记专题会议\n时间:2023-04-04 20:19:24    来源:海北新媒    作者:    \n"
            "4月3日,青海省海北州委书记夏吾杰主持召开海北州委书记第四次专题会议,研究海北州建政70周年庆祝活动经费预算等事宜。",
            "时间:2023-04-04 20:19:24 来源:海北新媒 作者:",
            "4月3日",
        ),
    ],
)
def test_a_page_meta_line_is_furniture_between_headline_and_article(
    text: str, meta_line: str, paragraph_start: str
) -> None:
    analysis, _, blocks = normalise(text)
    parts = [(analysis[b.start : b.end], b.kind) for b in blocks]
    assert parts[1] == (meta_line, "furniture")
    assert parts[2][0].startswith(paragraph_start) and parts[2][1] == "paragraph"


def test_a_meta_word_inside_running_text_is_no_furniture() -> None:
    """g06: 来源 inside a sentence, without a field's colon, leaves the paragraph whole."""
    text = (
        "河北省兴隆县创新村级后备干部培养机制,实施青苗计划,拓宽村级干部来源渠道,\n"
        "通过个人自荐、群众推荐、支部举荐,采取民主测评、组织考察、资格审查手段。"
    )
    _, _, blocks = normalise(text)
    assert [b.kind for b in blocks] == ["paragraph"]


def seed_paragraph(prefix: str, needle: str) -> str:
    """The seed's paragraph (a block of its analysis text) that contains `needle`."""
    doc = read_seed(prefix)
    return next(doc.text[b.start : b.end] for b in doc.blocks if needle in doc.text[b.start : b.end])


@pytest.mark.parametrize(
    ("prefix", "ellipsis_at"),
    [("000", "推动基层治理……"), ("001", "”……"), ("002", "修整沙河河堤……"), ("003", "开启“旅游+工业”先河……")],
)
def test_a_wrap_right_after_an_ellipsis_is_still_a_wrap(prefix: str, ellipsis_at: str) -> None:
    # The flaky hypothesis case of CI (tests/test_extract.py cut a sentence right after ……): the
    # column wrap after a bare ellipsis inside a paragraph must not become a paragraph break.
    paragraph = seed_paragraph(prefix, ellipsis_at)
    cut = paragraph.index(ellipsis_at) + len(ellipsis_at)
    wrapped = paragraph[:cut] + "\n" + paragraph[cut:]
    text, offsets, blocks = normalise(wrapped)
    assert text == paragraph
    assert [(b.start, b.end) for b in blocks] == [(0, len(paragraph))]
    assert offsets[cut] == cut + 1


def test_a_line_ending_a_sentence_still_ends_its_paragraph() -> None:
    # The negative case: after 。 a line break still starts a paragraph.
    first = seed_paragraph("002", "修整沙河河堤……")
    second = seed_paragraph("001", "”……说起金伟")
    assert first.endswith("。")
    text, _, blocks = normalise(first + "\n" + second)
    assert [text[b.start : b.end] for b in blocks] == [first, second]


@pytest.mark.parametrize(
    ("lines", "kept", "fused", "after"),
    [
        # e02 (a Hong Kong page): the date line 21/06/2017 stands over the view count 42340
        ("林鄭率新班子首見傳媒\n21/06/2017\n42340\n收藏\n", "21/06/2017\n42340", "201742340", "42340"),
        # a fresh page (no split), tzswdx.cn/art/2025/3/20/art_1229076221_58700229.html: the page date over
        # the body's dateline, which opens with a month and a day (not 2025-03-203月14日)
        (
            "市区干部教育培训工作联席会议在市委党校召开\n信息来源:教务一处发布日期:2025-03-20\n"
            "3月14日,2025年度市区干部教育培训工作联席会议在市委党校召开。市委组织部副部长罗文初出席会议并讲话,",
            "2025-03-20\n3月14日",
            "203月",
            "3月14日",
        ),
    ],
)
def test_a_number_ends_at_the_break_before_a_date_or_after_a_date_line(
    lines: str, kept: str, fused: str, after: str
) -> None:
    text, offsets, _ = normalise(lines)
    # the break stays whitespace: a line break, or a paragraph break where the lines are a list's (list_run)
    before, _, rest = kept.partition("\n")
    assert re.search(re.escape(before) + r"\s+" + re.escape(rest), text) and fused not in text
    at = text.index(after)
    assert lines[offsets[at] : offsets[at] + len(after)] == after


def test_an_honour_list_keeps_its_lines_apart() -> None:
    # zt01 (dev): 二、全国关心下一代工作先进工作者 opens a list whose lines are a unit, a title and a name each;
    # joined, 解金芳 ran into the next line's 二师
    page = (SEEDS.parent / "tests" / "corpus" / "articles" / "zt01_247fc08f.txt").read_text(encoding="utf-8")
    text, _, blocks = normalise(page)
    items = {text[b.start : b.end] for b in blocks}
    assert "一师十三团关工委常务副主任解金芳" in items
    assert "二师铁门关市老干部休养所所长、关工委秘书长兼办公室主任梁伟国" in items
    assert "解金芳二师" not in text


def test_short_wrapped_lines_of_a_sentence_still_join() -> None:
    # the negative: short unpunctuated lines that no sentence end, heading or break opens are a sentence's
    # wraps (a Hypothesis example over seed 001), joined back whole
    sentence = "此次练兵,孙杰来到了今年致力于全面创建工业型特色型美丽城镇省级样板镇的新仓镇。"
    text, _, _ = normalise("此次练兵,孙杰来到了\n今年\n致力\n于全\n面创建工业型特色型美丽城镇省级样板镇的新仓镇。")
    assert text == sentence


def test_a_number_cut_by_a_wrap_inside_a_sentence_still_joins() -> None:
    # negatives of the test above: not a date alone on its line, and no month and day after the break, or a
    # month the wrap cut in two (a Hypothesis example over seed 002: 答疑解惑。1 / 2月16日 is 12月16日)
    text, _, _ = normalise("在天凝镇共有80\n0多户农户从事雪菜种植")
    assert "共有800多户" in text
    text, _, _ = normalise("为高新火炬园企业现场答疑解惑。1\n2月16日,皇台产业园区举办了专题汇报分享会")
    assert "答疑解惑。12月16日" in text


def test_stray_spaces_between_chinese_characters_are_dropped() -> None:
    doc = read_seed("000")
    assert "从乡镇工业园区到省级开发区再到升格为国家级开发区,这一路走来," in doc.text
    assert "开 发区" not in doc.text
    assert original_of(doc, "省级开发区") == "省级开 发区"
    assert original_of(doc, "这一路走来") == "这一路走 来"


def test_spaces_that_separate_headline_parts_are_kept() -> None:
    assert block_texts(read_seed("001"), "headline")[0] == "百岗淬炼 铁军涅槃"
    assert "紧扣教育培训 把稳思想之舵" in block_texts(read_seed("000"), "headline")


def test_column_break_inside_a_word_is_joined_across_the_blank_line() -> None:
    assert "通过合作交流促进双方园区布局更加优化" in read_seed("002").text
    assert "建立企业信息清单和企业问题清单" in read_seed("003").text
    assert "对全市优秀青年干部队伍现场进行综合分析" in read_seed("001").text


def test_short_unfinished_lines_between_blank_lines_are_items_of_a_list() -> None:
    """za05 (dev): a caption list of officials, each a title chain and a name on a line of its own between blank
    lines, stays one item a line; a break inside a sentence (seed 003's 扎实推进 / 全国文明城市创建,…, whose second
    part runs on over 40 characters) and a line ending in a title are still joined."""
    lines = [
        "上饶市委常委、三清山风景区党委书记陈晓平",
        "上饶市市委常委、副市长、上饶经开区党工委书记刘锋",
        "吉安市委常委,井冈山管理局党工委书记,井冈山市委书记龙波舟",
        "新余市委常委、副市长,仙女湖区党工委书记李新华",
    ]
    article = (SEEDS.parent / "tests" / "corpus" / "articles" / "za05_dd4f0188.txt").read_text(encoding="utf-8")
    assert "\n\n".join(lines[2:]) in article
    text, _, _ = normalise("\n\n".join(lines) + "\n")
    assert text.split("\n\n") == lines
    assert "秀洲区高照街道扎实推进全国文明城市创建" in read_seed("003").text
    # a line ending in a title is joined to a line no longer than a name, its holder; a longer line after
    # 张福庆任贵溪市委书记 is the next item
    assert "张福庆任贵溪市委书记\n\n吉安市委常委" in normalise(article)[0]


def test_bylines_are_their_own_blocks() -> None:
    assert "■记者 李雨婷 通讯员 汪洵 摄影 王强" in block_texts(read_seed("001"), "byline")
    bylines_004 = block_texts(read_seed("004"), "byline")
    assert "■记者 金睿敏" in bylines_004  # the OCR space inside 记 者 is gone
    assert "通讯员 赵泽曦 单炯炯" in bylines_004
    assert "■记者 胡佳英" in bylines_004
    assert {"彭菲 张峰 丁宇红", "王炜 邱丽娟", "王博文", "冯玉坤 摄"} <= set(
        block_texts(read_seed("003"), "byline")
    )
    assert "张文峰 摄" in block_texts(read_seed("002"), "byline")


def test_rows_of_a_name_grid_keep_their_separators() -> None:
    """name_grid (corpus dev s05): an honour list's grid of names, a padded two-character name (陈 忠) joined."""
    text, _, blocks = normalise(
        "二、全国关心下一代工作先进工作者\n兰玉华 李金保 李先平 缪延相 陈 忠\n"
        "于联明 游天林 胡周顺 叶 飞 张 云\n辛玉芝\n三、全国关心下一代工作突出贡献奖\n"
    )
    rows = [text[b.start : b.end] for b in blocks if b.kind == "byline"]
    assert rows == ["兰玉华 李金保 李先平 缪延相 陈忠", "于联明 游天林 胡周顺 叶飞 张云", "辛玉芝"]


def test_the_space_before_a_credit_word_after_a_name_is_kept() -> None:
    """n01: 作者:李永春 陈进宇 文/图 — 文/图 is the credit, not the last character of 陈进宇; a lone ideograph
    elsewhere (校对/张 真) is still joined."""
    text, _, _ = normalise("时间:2020-08-14 来源:繁峙县委新闻办 作者:李永春 陈进宇 文/图\n\n正文。\n")
    assert "作者:李永春 陈进宇 文/图" in text
    text, _, _ = normalise("编辑/翁辰辰 校对/张 真\n\n正文。\n")
    assert "校对/张真" in text
    for credit in ("摄", "文", "文 / 图"):  # any credit word or separated role, whatever its own spaces
        text, _, _ = normalise(f"来源:繁峙县委新闻办 作者:李永春 陈进宇 {credit}\n\n正文。\n")
        assert f"陈进宇 {credit}" in text, credit
    text, _, _ = normalise("致 记者们的一封信\n\n正文。\n")  # no name left of the space: joined
    assert "致记者们的一封信" in text


def test_one_row_of_names_under_a_title_is_no_grid() -> None:
    """A single row of names continuing a 副主席: list (corpus dev g09) stays in its paragraph."""
    text, _, blocks = normalise(
        "市政协主席:孙作舟,副主席:李秉德 王世翠(女) 李 森\n曹振远 范玉仁 赵宗乙 赵殿举\n张强富,\n秘书长:许百川。\n"
    )
    assert [b.kind for b in blocks] == ["paragraph"]
    assert "秘书长:许百川" in text


@pytest.mark.parametrize(
    "line",
    [
        "今 天 上 午 , 全 县 召 开 干 部 大 会 。",  # OCR spaced characters: running text
        "项目 金额\n道路 100\n桥梁 200",  # a two-word table: no names
        "The county held a meeting on Monday.",  # English
    ],
)
def test_ordinary_spaced_text_is_no_name_grid(line: str) -> None:
    """name_grid: only rows of names make a grid; spaced characters, a table or English stay as they are."""
    _, _, blocks = normalise(line + "\n")
    assert "byline" not in [b.kind for b in blocks]


def test_headlines_are_their_own_blocks() -> None:
    doc = read_seed("002")
    headlines = block_texts(doc, "headline")
    assert headlines[:2] == ["学习归来借东风 砥砺前行共奋进", "高新区探索省际高新区合作交流、合作内容新模式"]
    assert "大排查 大整治" in headlines
    assert doc.title_guess == "学习归来借东风 砥砺前行共奋进"  # the markdown "# " headline
    assert not any(h.startswith("#") for h in headlines)
    # A headline wrapped over two short lines is one headline.
    assert "市党代会各项筹备工作准备就绪" in block_texts(read_seed("004"), "headline")
    # Running text cut by a column break is not a headline.
    assert not any("园区企业服务部工作人员" in h for h in headlines)


def test_captions_and_page_furniture() -> None:
    captions = block_texts(read_seed("001"), "caption")
    assert "王楠楠(左一)在指导学员进行赛艇体能训练" in captions
    assert "顾峰莲(中)在社区指导“三社”工作" in captions
    furniture = block_texts(read_seed("000"), "furniture")
    assert furniture[0] == "SHENYIDU·TIEJUNDAZAO"
    assert furniture[1].startswith("策划/汪锦秀 编辑/翁辰辰")
    assert "下转C2版" in block_texts(read_seed("004"), "furniture")


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_offsets_point_at_the_same_characters(path: Path) -> None:
    doc = read_document(path, str(path))
    assert doc.doc_id == path.name.removesuffix(".txt")
    assert doc.encoding == "utf-8"
    assert len(doc.offsets) == len(doc.text) + 1
    assert doc.offsets[-1] == len(doc.original)
    assert all(a <= b for a, b in zip(doc.offsets, doc.offsets[1:], strict=False))
    assert all(doc.original[o] == ch for o, ch in zip(doc.offsets, doc.text, strict=False))
    assert doc.char_ends is None
    # Blocks tile the text, separated by "\n\n", and never contain a paragraph break.
    assert doc.blocks[0].start == 0 and doc.blocks[-1].end == len(doc.text)
    for a, b in zip(doc.blocks, doc.blocks[1:], strict=False):
        assert doc.text[a.end : b.start] == "\n\n"
    for block in doc.blocks:
        body = doc.text[block.start : block.end]
        assert "\n" not in body and body == body.strip()
        # Normalisation only removed layout whitespace inside a block.
        s, e = doc.to_original(block.start, block.end)
        assert squeeze(doc.original[s:e]) == squeeze(body)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_normalise_is_the_same_pure_function(path: Path) -> None:
    doc = read_document(path, "x")
    text, offsets, blocks = normalise(path.read_text(encoding="utf-8"))
    assert (text, tuple(offsets), tuple(blocks)) == (doc.text, doc.offsets, doc.blocks)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_windows_line_endings_change_nothing_but_offsets(path: Path) -> None:
    content = path.read_text(encoding="utf-8")
    crlf = content.replace("\n", "\r\n")
    text, offsets, blocks = normalise(crlf)
    assert (text, blocks) == normalise(content)[::2]
    assert all(crlf[o] == ch for o, ch in zip(offsets, text, strict=False))


def test_fullwidth_digits_and_letters_become_ascii_one_to_one() -> None:
    original = "全市共有１２０家企业参与ＣＨＩＣ展会，完成率达９５%。"
    text, offsets, _ = normalise(original)
    assert text == "全市共有120家企业参与CHIC展会，完成率达95%。"
    assert offsets[:-1] == list(range(len(original)))


def test_simplified_names_are_not_simplified_again() -> None:
    # 乾 is a valid Simplified character (a given name here); OpenCC's t2s would turn it into 干.
    doc = read_seed("002")
    assert "该村党支部书记丁乾介绍说" in doc.text


def test_a_rare_name_character_is_kept_when_its_simplified_form_lies_beyond_the_basic_plane() -> None:
    """zd05 (中新网 抚顺10月30日电 (李晛)): 晛 is no GB2312 character and OpenCC simplifies it to 𬀪 (U+2C02A), a
    form papers do not print; the Simplified page keeps 李晛. A Traditional page still converts (張錫林)."""
    text, _, _ = normalise("中新网 抚顺10月30日电 (李晛)辽宁省政协委员培训基地揭牌仪式29日在辽宁雷锋干部学院举行")
    assert "李晛" in text
    assert not is_traditional_only("晛")
    traditional, _, _ = normalise("遼寧省人大常委會副主任張錫林出席會議。")
    assert "张锡林" in traditional


# ------------------------------------------------------------------------------------------- encodings


def paragraph_lines(prefix: str) -> list[str]:
    return [line for line in seed(prefix).read_text(encoding="utf-8").splitlines() if len(line) > 40]


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-be", "utf-16"),  # written with a BOM below
        ("utf-8-sig", "utf-8-sig"),
    ],
)
def test_encodings_round_trip_seed_text(tmp_path: Path, encoding: str, expected: str) -> None:
    content = seed("001").read_text(encoding="utf-8")
    data = content.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = write(tmp_path, "page.txt", data)
    doc = read_document(path, "page.txt")
    assert doc.encoding == expected
    assert doc.original == content
    assert doc.text == read_seed("001").text


def traditional_lines(prefix: str) -> list[tuple[str, str]]:
    """(Simplified, Traditional) seed lines that OpenCC converts both ways and Big5 can encode."""
    pairs = []
    for line in paragraph_lines(prefix):
        trad = S2TW.convert(line)
        if T2S.convert(trad) != line or T2S.convert(line) != line:
            continue
        try:
            trad.encode("big5")
        except UnicodeEncodeError:
            continue
        pairs.append((line, trad))
    return pairs


def test_big5_traditional_text_is_detected_and_simplified(tmp_path: Path) -> None:
    pairs = traditional_lines("001")
    assert len(pairs) >= 5
    simplified = "\n\n".join(s for s, _ in pairs)
    traditional = "\n\n".join(t for _, t in pairs)
    assert traditional != simplified
    path = write(tmp_path, "big5.txt", traditional.encode("big5"))
    doc = read_document(path, "big5.txt")
    assert doc.encoding == "big5"
    assert doc.original == traditional
    assert doc.text == normalise(simplified)[0]
    # Converted characters map 1:1 onto their Traditional originals.
    for i, ch in enumerate(doc.text):
        original = doc.original[doc.offsets[i]]
        assert original == ch or T2S.convert(original) == ch


def test_gb18030_and_big5_are_told_apart_both_ways(tmp_path: Path) -> None:
    pairs = traditional_lines("003")
    traditional = "\n\n".join(t for _, t in pairs)
    simplified = "\n\n".join(s for s, _ in pairs)
    assert read_document(write(tmp_path, "t.txt", traditional.encode("big5")), "t").encoding == "big5"
    assert read_document(write(tmp_path, "s.txt", simplified.encode("gb18030")), "s").encoding == "gb18030"
    # Traditional text in GB18030 is still GB18030, and is simplified all the same.
    doc = read_document(write(tmp_path, "tg.txt", traditional.encode("gb18030")), "tg")
    assert doc.encoding == "gb18030"
    assert doc.text == normalise(simplified)[0]


def test_traditional_text_in_utf8_is_simplified_with_exact_offsets() -> None:
    pairs = traditional_lines("002")
    traditional = "\n\n".join(t for _, t in pairs)
    text, offsets, _ = normalise(traditional)
    assert text == normalise("\n\n".join(s for s, _ in pairs))[0]
    changed = [i for i, ch in enumerate(text) if traditional[offsets[i]] != ch]
    assert changed, "the Traditional text must have been converted"
    assert any(is_traditional_only(traditional[offsets[i]]) for i in changed)
    # Each character is what OpenCC makes of its original in context (瞭解 → 了解, phrase-aware).
    in_context = T2S.convert(traditional)
    assert all(in_context[offsets[i]] == ch for i, ch in enumerate(text))


def test_a_traditional_phrase_inside_simplified_text_is_converted() -> None:
    text, offsets, _ = normalise("平湖市委书记仲旭东赴臺灣地區考察，並與當地企業座談。")
    assert text == "平湖市委书记仲旭东赴台湾地区考察，并与当地企业座谈。"
    assert offsets[:-1] == list(range(len(text)))


def test_length_changing_conversion_falls_back_to_one_character_at_a_time() -> None:
    def widening(s: str) -> str:  # a converter that expands one character, as a phrase table could
        return T2S.convert(s).replace("发", "發展")

    run = "開發區"
    assert len(widening(run)) != len(run)
    # Converted one by one; the character whose conversion is not one character is kept as written.
    assert _convert_run(run, widening) == "开發区"
    assert _convert_run(run, lambda s: T2S.convert(s)) == "开发区"


# ------------------------------------------------------------------------------------- pinyin glosses


@pytest.mark.parametrize(
    "gloss",
    ["(kèhùduān)", "（kèhùduān）", "(kè hù duān)", "(ke4 hu4 duan1)", "(ke4hu4duan1)", " (Kèhùduān)"],
)
def test_pinyin_gloss_is_removed(gloss: str) -> None:
    original = f"今平湖客户端{gloss}发布了市委全会的消息。"
    text, offsets, _ = normalise(original)
    assert text == "今平湖客户端发布了市委全会的消息。"
    assert all(original[o] == ch for o, ch in zip(offsets, text, strict=False))


@pytest.mark.parametrize(
    "original",
    [
        "人工智能(AI)产业园区挂牌成立。",
        "本报讯(记者高轶鹏)12月13日晚,高新区召开会议。",
        "吉利(Geely)汽车落户平湖。",  # Latin, but no tones: not a gloss
        "浙江依爱夫游戏装文化产业有限公司(梧桐)成立。",
    ],
)
def test_brackets_that_are_not_pinyin_glosses_stay(original: str) -> None:
    assert normalise(original)[0] == original


def test_gloss_longer_than_the_word_before_it_stays() -> None:
    original = "平湖端(kèhùduān)发布。"  # three syllables after three hanzi: a gloss
    assert normalise(original)[0] == "平湖端发布。"
    short = "。端(kèhùduān)发布。"  # one hanzi cannot carry a three-syllable gloss
    assert normalise(short)[0] == short


# ------------------------------------------------------------------------------------------------ HTML

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>平湖铁军 &amp; 新征程</title>
<style>p { color: red }</style><script>var s = "<p>不是正文</p>";</script></head>
<body>
<h1>市委全会召开</h1>
<p>■记者 李雨婷</p>
<p>市委常委、组织部长吴金
华主持会议。会议研究了&ldquo;铁军打造&rdquo;工程&#20013;的重点&#x5de5;作。</p>
<figure><img src="a.jpg"><figcaption>王楠楠（左一）在指导学员</figcaption></figure>
<!-- <p>注释不是正文</p> -->
<p>AT&amp;T&nbsp;公司与平湖经开签约。</p>
</body></html>
"""


def test_html_visible_text_blocks_and_entities(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    doc = read_document(path, "page.html")
    assert doc.original == HTML_PAGE
    assert [(doc.text[b.start : b.end], b.kind) for b in doc.blocks] == [
        ("平湖铁军 & 新征程", "headline"),
        ("市委全会召开", "headline"),
        ("■记者 李雨婷", "byline"),
        ("市委常委、组织部长吴金华主持会议。会议研究了“铁军打造”工程中的重点工作。", "paragraph"),
        ("王楠楠（左一）在指导学员", "caption"),
        ("AT&T\xa0公司与平湖经开签约。", "paragraph"),
    ]
    assert doc.title_guess == "平湖铁军 & 新征程"
    assert "不是正文" not in doc.text and "注释" not in doc.text and "color" not in doc.text
    assert original_of(doc, "吴金华") == "吴金\n华"
    # An entity maps to its whole source span, starting at the "&".
    assert original_of(doc, "&") == "&amp;"
    assert original_of(doc, "“铁军打造”") == "&ldquo;铁军打造&rdquo;"
    assert original_of(doc, "中的重点工作") == "&#20013;的重点&#x5de5;作"
    for i, ch in enumerate(doc.text):
        s, e = doc.to_original(i, i + 1)
        source = doc.original[s:e]
        assert source == ch or (source.startswith("&") and source.endswith(";")) or ch == "\n"


def test_html_line_breaks_and_title_fallback() -> None:
    page = (
        "<html><head><title></title></head><body><p>第一行文字内容，<br>继续这一句话。<br><br>"
        "新的一段开始了。</p><h1>市委全会召开</h1></body></html>"
    )
    text, offsets, blocks = normalise(page, html=True)
    assert text == "第一行文字内容，继续这一句话。\n\n新的一段开始了。\n\n市委全会召开"
    assert [b.kind for b in blocks] == ["paragraph", "paragraph", "headline"]
    path_text = "".join(page[o] for o in offsets[:-1])
    assert path_text.replace("<", "\n") == text  # separators stand at the tag that breaks the block
    from cadregraph.pipeline.ingest import _normalise_full

    assert _normalise_full(page, html=True).title_guess == "市委全会召开"  # empty <title>: the <h1>


def test_html_without_visible_text_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.html", b"<html><head><script>x=1</script></head><body> </body></html>")
    with pytest.raises(IngestError, match=r"^empty\.html: empty file"):
        read_document(path, "empty.html")


# ---------------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "data", "cause"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\r\n\t  \n", "empty file"),
        ("bom-only.txt", b"\xef\xbb\xbf\n", "empty file"),
        (
            "image.txt",
            bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256)),
            "binary file, not text",
        ),
        ("controls.txt", b"\x01\x02\x03\x04abc\x05\x06\x07\x08def" * 20, "binary file, not text"),
        ("latin1.txt", "café résumé naïve, déjà vu".encode("latin-1"), "cannot decode"),
        ("bad.txt", b"\x80\x80\xff\xfe\x81", "cannot decode"),
    ],
)
def test_unreadable_files_give_one_clear_line(tmp_path: Path, name: str, data: bytes, cause: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(IngestError) as info:
        read_document(path, str(path))
    message = str(info.value)
    assert message.startswith(f"{path}: {cause}")
    assert "\n" not in message
    assert info.value.source == str(path) and info.value.cause.startswith(cause)


def test_ten_megabyte_single_line_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    size = 10 * 1000 * 1000
    with path.open("wb") as fh:
        fh.write("平湖".encode() * (size // 6))
    with pytest.raises(IngestError) as info:
        read_document(path, "huge.txt")
    assert str(info.value) == f"huge.txt: file too large ({path.stat().st_size} bytes > {MAX_FILE_BYTES})"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r": no such file or directory$"):
        read_document(tmp_path / "nope.txt", "nope.txt")
    with pytest.raises(IngestError, match=r"^dir: is a directory$"):
        read_document(tmp_path, "dir")


# --------------------------------------------------------------------------------------------- sidecar


def test_sidecar_metadata(tmp_path: Path) -> None:
    path = tmp_path / "004_page.txt"
    path.write_bytes(seed("004").read_bytes())
    meta = {
        "date": "2021-12-22",
        "title": "聚力一线攻坚破难",
        "source_url": "http://example.org/a",
        "place": "平湖",
    }
    (tmp_path / "004_page.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    doc = read_document(path, "004_page.txt")
    assert doc.meta == DocMeta(
        date="2021-12-22", title="聚力一线攻坚破难", source_url="http://example.org/a", place="平湖"
    )
    assert doc.doc_id == "004_page"


def test_no_sidecar_means_empty_meta() -> None:
    assert read_seed("000").meta == DocMeta(None, None, None, None)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "invalid JSON"),
        ('["2021-12-22"]', "not a JSON object"),
        ('{"date": "2021-02-30"}', "not a calendar date"),
        ('{"date": "22/12/2021"}', "not YYYY-MM-DD"),
        ('{"title": 42}', "title must be a string"),
    ],
)
def test_malformed_sidecar_names_the_sidecar(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "page.txt"
    path.write_text("市委全会召开。", encoding="utf-8")
    sidecar = tmp_path / "page.meta.json"
    sidecar.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError) as info:
        read_document(path, "page.txt")
    message = str(info.value)
    assert message.startswith(f"page.txt: malformed sidecar {sidecar}: ")
    assert reason in message


# ------------------------------------------------------------------------------------------ input files


def test_iter_input_files_walks_directories_sorted(tmp_path: Path) -> None:
    for rel in [
        "b/2.txt",
        "b/1.md",
        "a.html",
        "c.htm",
        "z.txt",
        "z.meta.json",
        "notes.docx",
        ".hidden.txt",
        ".git/x.txt",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("平湖。", encoding="utf-8")
    other = tmp_path / "notes.docx"
    results = list(iter_input_files([str(tmp_path), str(other), str(tmp_path / "missing.txt")]))
    found = [(source, path, error) for source, path, error in results if error is None]
    assert [Path(s).relative_to(tmp_path).as_posix() for s, _, _ in found[:-1]] == [
        "a.html",
        "b/1.md",
        "b/2.txt",
        "c.htm",
        "z.txt",
    ]
    assert found[-1] == (str(other), other, None)  # a file given by name is taken as given
    missing = results[-1]
    assert missing[0] == str(tmp_path / "missing.txt") and missing[1] is None
    assert isinstance(missing[2], IngestError)
    assert str(missing[2]) == f"{tmp_path / 'missing.txt'}: no such file or directory"


def test_iter_input_files_on_the_seeds_directory() -> None:
    results = list(iter_input_files([str(SEEDS)]))
    assert [p.name for _, p, _ in results if p is not None] == [p.name for p in SEED_FILES]


def test_to_original_rejects_spans_outside_the_text() -> None:
    doc = read_seed("003")
    with pytest.raises(ValueError):
        doc.to_original(0, len(doc.text) + 1)
    assert doc.to_original(5, 5) == (doc.offsets[5], doc.offsets[5])
    assert Block(0, 1, "paragraph").kind == "paragraph"


def test_a_dateline_opens_the_body_under_headlines_with_no_blank_line() -> None:
    # zy02 (dev): two headline lines, then 河北农民报讯(记者刘英)为… on the next line, no blank line between; joined,
    # the event 全省基层宣传骨干培训班 ran into the masthead. The dateline opens the body (layout.json
    # dateline_opener_pattern), and the short lines before it are headlines.
    page = (SEEDS.parent / "tests" / "corpus" / "articles" / "zy02_e3b787dd.txt").read_text(encoding="utf-8")
    text, _, blocks = normalise(page)
    kinds = {text[b.start : b.end]: b.kind for b in blocks}
    assert any(t.endswith("河北举办全省基层宣传骨干培训班") and k == "headline" for t, k in kinds.items())
    assert any(t.startswith("河北农民报讯(记者刘英)") and k == "paragraph" for t, k in kinds.items())
    # negatives: a wrap inside a sentence (基层是离群众最 / 近的地方) or inside 本报讯 is still a wrap
    text, _, blocks = normalise("基层是离群众最\n近的地方,也是问题和矛盾最集中的地方。")
    assert [text[b.start : b.end] for b in blocks] == ["基层是离群众最近的地方,也是问题和矛盾最集中的地方。"]
    text, _, blocks = normalise("本\n报讯(记者高轶鹏 通讯员张旭)年末岁尾,人们忙着盘点。")
    assert len(blocks) == 1 and text.startswith("本报讯")
