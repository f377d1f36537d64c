"""Decoding damaged and BOM-less files (issue 12, items 10 and 12), on the real seed pages.

UTF-16 without a byte-order mark is read as UTF-16, not called binary. A stray NUL, a byte that fits
no character or a truncated last character is replaced with U+FFFD (one character for one, so every
offset still points into the original), the article is kept and a warning names how many bytes and
where; only files that are mostly undecodable are refused.
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cadregraph.pipeline.ingest import IngestError, read_document

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def seed_doc(prefix: str):  # type: ignore[no-untyped-def]
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return read_document(path, str(path))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- UTF-16 without a BOM -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_utf16_without_bom_is_read_as_utf16(tmp_path: Path, encoding: str, prefix: str) -> None:
    content = seed_text(prefix)
    path = write(tmp_path, "page.txt", content.encode(encoding))
    doc = read_document(path, "page.txt")
    assert doc.encoding == encoding
    assert doc.original == content
    assert doc.text == seed_doc(prefix).text
    assert doc.warning is None


def test_utf16_without_bom_of_chinese_only_text(tmp_path: Path) -> None:
    # No ASCII at all, so no zero byte marks the byte order: it is found from the characters alone.
    paragraph = max(seed_text("001").splitlines(), key=len)
    line = "".join(c for c in paragraph if ord(c) > 0x7F)  # its ASCII commas and digits left out
    for encoding in ("utf-16-le", "utf-16-be"):
        data = line.encode(encoding)
        doc = read_document(write(tmp_path, f"{encoding}.txt", data), encoding)
        assert (doc.encoding, doc.original) == (encoding, line)


def test_utf8_gb18030_and_binary_are_not_taken_for_utf16(tmp_path: Path) -> None:
    content = seed_text("002")
    assert read_document(write(tmp_path, "u.txt", content.encode("utf-8")), "u").encoding == "utf-8"
    assert read_document(write(tmp_path, "g.txt", content.encode("gb18030")), "g").encoding == "gb18030"
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256)) * 8
    with pytest.raises(IngestError, match="binary file, not text"):
        read_document(write(tmp_path, "image.txt", png), "image.txt")
    with pytest.raises(IngestError, match="binary file, not text"):
        read_document(write(tmp_path, "zeros.txt", bytes(4096)), "zeros.txt")


# --- isolated bad bytes -----------------------------------------------------------------------------


def test_a_stray_nul_inside_a_name_keeps_the_article(tmp_path: Path) -> None:
    content = seed_text("001")
    data = content.encode("utf-8")
    at = data.index("吴金华".encode()) + len("吴金".encode())
    path = write(tmp_path, "nul.txt", data[:at] + b"\x00" + data[at:])
    doc = read_document(path, "nul.txt")
    assert doc.encoding == "utf-8"
    assert doc.warning is not None and doc.warning.startswith("1 undecodable or NUL byte sequence")
    assert f"at byte {at})" in doc.warning
    char_at = content.index("吴金华") + 2
    assert doc.original == content[:char_at] + "\ufffd" + content[char_at:]
    # The analysis text reads the name whole; its span in the original includes the replacement.
    assert doc.text == seed_doc("001").text
    start = doc.text.index("吴金华")
    s, e = doc.to_original(start, start + 3)
    assert doc.original[s:e] == "吴金\ufffd华"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5", "utf-16"])
def test_a_truncated_last_character_keeps_the_article(tmp_path: Path, encoding: str) -> None:
    content = seed_text("003").rstrip() + "吴金华"
    if encoding == "big5":
        content = "".join(c for c in content if _encodable(c, "big5"))
    data = content.encode(encoding)
    cut = data[:-1]
    doc = read_document(write(tmp_path, "cut.txt", cut), "cut.txt")
    assert doc.encoding == (encoding if encoding != "big5" else "big5")
    assert doc.original == content[:-1] + "\ufffd"
    assert (
        doc.warning is not None and f"at byte {len(cut) - (1 if encoding != 'utf-8' else 2)})" in doc.warning
    )


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def test_a_stray_byte_in_gb18030_keeps_the_article_as_gb18030(tmp_path: Path) -> None:
    content = seed_text("004")
    data = content.encode("gb18030")
    at = data.index("平湖".encode("gb18030"))
    doc = read_document(write(tmp_path, "gb.txt", data[:at] + b"\xff" + data[at:]), "gb.txt")
    assert doc.encoding == "gb18030"
    assert doc.warning is not None and f"at byte {at})" in doc.warning
    assert doc.text == seed_doc("004").text


def test_the_warning_lists_a_few_offsets_and_counts_the_rest(tmp_path: Path) -> None:
    data = seed_text("001").encode("utf-8")
    breaks = [i for i, b in enumerate(data) if b == 0x0A][:8]
    damaged = bytearray()
    last = 0
    for i in breaks:  # a NUL at the end of each of the first eight lines
        damaged += data[last:i] + b"\x00"
        last = i
    damaged += data[last:]
    at = [i + k for k, i in enumerate(breaks)]
    doc = read_document(write(tmp_path, "many.txt", bytes(damaged)), "many.txt")
    assert doc.warning == (
        "8 undecodable or NUL byte sequences replaced with U+FFFD (as utf-8; at byte "
        f"{', '.join(str(i) for i in at[:5])} and 3 more); the rest of the article is kept"
    )
    assert doc.text == seed_doc("001").text


def test_mostly_undecodable_files_are_still_refused(tmp_path: Path) -> None:
    data = bytearray(seed_text("001").encode("utf-8"))
    for i in range(0, len(data), 2):
        if data[i] >= 0x80:
            data[i] = 0xFF
    with pytest.raises(IngestError, match="cannot decode"):
        read_document(write(tmp_path, "broken.txt", bytes(data)), "broken.txt")


def test_kg_extract_warns_in_one_line_and_keeps_offsets_into_the_original(tmp_path: Path) -> None:
    content = seed_text("001")
    data = content.encode("utf-8")
    at = data.index("吴金华".encode()) + len("吴金".encode())
    path = write(tmp_path, "nul.txt", data[:at] + b"\x00" + data[at:-1])  # and a truncated last byte
    done = subprocess.run(
        [sys.executable, "-m", "cadregraph.pipeline.cli", "extract", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"kg: {path}: warning: 2 undecodable or NUL byte sequences replaced with U+FFFD "
        f"(as utf-8; at byte {at}, {len(data) - 2}); the rest of the article is kept"
    ]
    (line,) = done.stdout.splitlines()
    record = json.loads(line)
    original = read_document(path, str(path)).original
    spans = [m for e in record["entities"] for m in e["mentions"]] + [
        r["evidence"] for r in record["relations"]
    ]
    assert spans and all(original[s["start"] : s["end"]] == s["text"] for s in spans)
    wu = next(e for e in record["entities"] if e["name"] == "吴金华")
    assert "吴金\ufffd华" in [m["text"] for m in wu["mentions"]]


def test_repairs_are_kept_only_in_text_that_reads_as_chinese(tmp_path: Path) -> None:
    # A UTF-16 byte-order mark before noise with a truncated last unit: one bad byte, but not text.
    noise = b"\xff\xfe" + b"\xfa\xfb\x81\x30\xff\xfe" * 50 + b"\xc3"
    with pytest.raises(
        IngestError, match="cannot decode: 1 invalid utf-16 sequences after its byte-order mark"
    ):
        read_document(write(tmp_path, "noise.txt", noise), "noise.txt")
    # The same damage to a real page is repaired.
    page = codecs.BOM_UTF16_LE + seed_text("002").encode("utf-16-le") + b"\xc3"
    doc = read_document(write(tmp_path, "page.txt", page), "page.txt")
    assert doc.encoding == "utf-16" and doc.original == seed_text("002") + "\ufffd"
