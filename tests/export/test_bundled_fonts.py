"""Every bundled document font draws every character a briefing can print: GB2312, 〇 and the report texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QRawFont

from zzdesk import paths
from zzdesk.core.parsing.decoding import decode_text
from zzdesk.export.fonts import BUNDLED_FILES, font_report, register_bundled_fonts

ROOT = Path(__file__).resolve().parents[2]
REPORT_FOLDERS = (ROOT / "data" / "source", ROOT / "tests" / "data" / "reports")


def gb2312() -> set[str]:
    chars = set()
    for code in range(0x80, 0x10000):
        try:
            chr(code).encode("gb2312")
        except UnicodeEncodeError:
            continue
        chars.add(chr(code))
    return chars


def report_characters() -> set[str]:
    texts = [decode_text(p.read_bytes()) for folder in REPORT_FOLDERS for p in folder.iterdir()
             if p.suffix in {".txt", ".yaml"}]
    assert len(texts) >= 5
    return {c for text in texts for c in text if not c.isspace() and c.isprintable()}


@pytest.mark.parametrize("name", BUNDLED_FILES)
def test_bundled_font_covers_gb2312_and_every_report_character(qapp: object, name: str) -> None:
    font = QRawFont(str(paths.resources_dir() / "fonts" / name), 16)
    assert font.isValid(), name
    wanted = gb2312() | report_characters() | set("〇浉二〇二五年")
    missing = sorted(c for c in wanted if not font.supportsCharacter(ord(c)))
    assert not missing, f"{name} lacks {''.join(missing[:40])} ({len(missing)})"


def test_fangsong_falls_back_to_the_bundled_zhuque_fangsong(qapp: object) -> None:
    assert "Zhuque Fangsong" in register_bundled_fonts()
    fangsong = next(r for r in font_report() if r.role == "fangsong")
    if fangsong.bundled:  # no 仿宋_GB2312/仿宋 installed on this machine
        assert fangsong.family == "Zhuque Fangsong"
        assert "朱雀仿宋" in fangsong.note and "子集" in fangsong.note


def test_full_width_digits_keep_a_full_cell_in_the_fangsong_face(qapp: object) -> None:
    font = QRawFont(str(paths.resources_dir() / "fonts" / "ZhuqueFangsong-Regular.ttf"), 16)
    cell = font.advancesForGlyphIndexes(font.glyphIndexesForString("国"))[0].x()
    for char in "０５９Ａｚ＋":
        advance = font.advancesForGlyphIndexes(font.glyphIndexesForString(char))[0].x()
        assert advance == pytest.approx(cell), char


def test_quotes_take_a_full_cell_in_the_fangsong_face(qapp: object) -> None:
    """As in 仿宋_GB2312: “ and ‘ on the right half of their cell, ” and ’ on the left, so a word processor
    sets 28 characters on a line with quotes and “郑实践”》 does not run together."""
    font = QRawFont(str(paths.resources_dir() / "fonts" / "ZhuqueFangsong-Regular.ttf"), 100)
    cell = font.advancesForGlyphIndexes(font.glyphIndexesForString("国"))[0].x()
    for char, side in (("“", "right"), ("‘", "right"), ("”", "left"), ("’", "left")):
        glyph = font.glyphIndexesForString(char)[0]
        assert font.advancesForGlyphIndexes([glyph])[0].x() == pytest.approx(cell), char
        ink = font.boundingRect(glyph)
        assert (ink.left() > cell / 2) if side == "right" else (ink.right() < cell / 2), (char, ink)
