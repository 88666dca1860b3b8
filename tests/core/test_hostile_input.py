"""Hostile inputs: patterns that cannot backtrack, bounded reading, XML declarations anywhere, huge numbers,
terminal escapes.  (How parse time grows with text size is measured in bench/parsing.py.)"""

from __future__ import annotations

import importlib
import io
import os
import re
import zipfile
from pathlib import Path
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zzdesk.core.parsing.decoding import DecodeError, read_report_bytes, read_report_file, strip_controls
from zzdesk.core.parsing.input_files import read_bounded
from zzdesk.core.parsing.report import parse_report

PARSING_MODULES = ["zzdesk.core.numbers", "zzdesk.core.text", "zzdesk.core.parsing.decoding",
                   "zzdesk.core.parsing.entities", "zzdesk.core.parsing.figures", "zzdesk.core.parsing.structure",
                   "zzdesk.core.parsing.layout", "zzdesk.core.parsing.report"]
UNBOUNDED = sre_parse.MAXREPEAT


def _unbounded_repeats(tree: object, inside: bool = False) -> list[str]:
    """Unbounded repeats whose body can match more than one character, or that sit in another repeat."""
    problems = []
    for op, arg in tree:  # type: ignore[attr-defined]
        if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
            _low, high, body = arg
            width = body.getwidth()
            if high == UNBOUNDED and (inside or width[1] > 1):
                problems.append(str(body)[:60])
            problems += _unbounded_repeats(body, inside or high == UNBOUNDED or high > 1)
        elif op == sre_parse.SUBPATTERN:
            problems += _unbounded_repeats(arg[-1], inside)
        elif op == sre_parse.BRANCH:
            for branch in arg[1]:
                problems += _unbounded_repeats(branch, inside)
    return problems


@pytest.mark.parametrize("module_name", PARSING_MODULES)
def test_no_pattern_over_user_text_can_backtrack_catastrophically(module_name: str) -> None:
    module = importlib.import_module(module_name)
    patterns = [value for value in vars(module).values() if isinstance(value, re.Pattern)]
    assert patterns, module_name
    for pattern in patterns:
        assert _unbounded_repeats(sre_parse.parse(pattern.pattern)) == [], pattern.pattern[:80]


def test_the_checker_finds_the_pattern_that_hung() -> None:
    hung = r"(分别达到|分别为|分别|为|[、，\s])+$"
    assert _unbounded_repeats(sre_parse.parse(hung))
    assert _unbounded_repeats(sre_parse.parse(r"(\d+)+x"))
    assert not _unbounded_repeats(sre_parse.parse(r"[、，\s]*\d{1,15}"))


def test_respectively_repeated_no_longer_hangs_and_the_figure_is_found() -> None:
    text = "某市2025年政府工作报告\n\n总体情况\n\n2025年，某" + "分别为" * 30 + "X增长5%。"
    [figure] = parse_report(text).figures
    assert (figure.value, figure.unit) == (5, "%")


def test_a_400_digit_number_is_skipped_with_a_warning_never_infinite() -> None:
    text = "某市2025年政府工作报告\n\n总体情况\n\n2025年，产值" + "9" * 400 + "元，增长5%。"
    parsed = parse_report(text)
    assert [(f.value, f.unit) for f in parsed.figures] == [(5, "%")]
    assert any("位的数字" in w for w in parsed.warnings)


def test_terminal_escapes_and_controls_are_stripped_from_every_format() -> None:
    dirty = "某市\x1b[31m2025年\x1b]0;title\x07政府\x9b2J工作报告\x00\x07\u202e\n\n一、总体\x1b[0m"
    assert strip_controls(dirty) == "某市2025年政府工作报告\n\n一、总体"
    assert "\x1b" not in read_report_bytes(dirty.replace("\x00", "").encode(), "a.txt")
    # ESC itself cannot stand in XML 1.0; its one-byte C1 form can
    assert read_report_bytes(_docx({"word/document.xml": _document(["报告\x9b2J正文"])}), "a.docx") == "报告正文"


def test_bounded_reader_refuses_fifos_devices_and_oversized_files_before_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DecodeError, match="不是普通文件"):
        read_report_file(fifo)  # would block for a writer if it were opened plainly
    with pytest.raises(DecodeError, match="不是普通文件"):
        read_bounded(Path("/dev/zero"))
    with pytest.raises(DecodeError, match="文件夹"):
        read_bounded(tmp_path)
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:
        stream.truncate(100 * 1024 * 1024)  # sparse: refused by its size, never read
    with pytest.raises(DecodeError, match="太大"):
        read_report_file(big)
    with pytest.raises(DecodeError, match="找不到"):
        read_bounded(tmp_path / "missing.txt")


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _document(paragraphs: list[str], empty: int = 0) -> str:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs) + "<w:p/>" * empty
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'


def _docx(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("part", ["word/styles.xml", "docProps/core.xml", "word/document.xml"])
def test_a_doctype_in_any_part_in_utf16_is_refused(part: str) -> None:
    evil = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>'
    parts: dict[str, str | bytes] = {"word/document.xml": _document(["某市2025年政府工作报告"])}
    parts[part] = evil.encode("utf-16")
    with pytest.raises(DecodeError, match="DOCTYPE"):
        read_report_bytes(_docx(parts), "evil.docx")


def test_a_docx_of_empty_paragraphs_is_refused_before_it_is_unpacked() -> None:
    # The reported bomb: a few hundred KB zipped, 95 MB of <w:p/>; the ratio gives it away from the directory.
    bomb = _docx({"word/document.xml": _document(["某市2025年政府工作报告"], empty=2_000_000)})
    assert len(bomb) < 1024 * 1024
    with pytest.raises(DecodeError, match="过大"):
        read_report_bytes(bomb, "bomb.docx")
    # Fewer empty paragraphs are read as a stream: no tree, nothing kept for an empty paragraph.
    some = _docx({"word/document.xml": _document(["某市2025年政府工作报告", "正文。"], empty=100_000)})
    assert read_report_bytes(some, "many.docx") == "某市2025年政府工作报告\n正文。"


def test_a_docx_table_row_is_one_line() -> None:
    cells = "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in ("地区生产总值", "5.4%"))
    row = f"<w:tr>{cells}</w:tr>"
    xml = _document(["标题"]).replace("</w:body>", f"<w:tbl>{row}</w:tbl></w:body>")
    assert read_report_bytes(_docx({"word/document.xml": xml}), "t.docx") == "标题\n地区生产总值\t5.4%"


def test_old_word_files_get_a_clear_message() -> None:
    with pytest.raises(DecodeError, match="另存为"):
        read_report_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old.doc")


REPORT_ALPHABET = ("一二三四五六七八九十百千万亿、，。；：！？%％．.0123456789年月增长下降达到突破超左右以上以内目标"
                   "地区生产总值社零规上工业增加值把将已定在分别为其中全市区县【】（）“”—~\n\t 　稳中求进：实践")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=REPORT_ALPHABET, max_size=300))
def test_any_report_like_text_parses_or_is_refused_in_one_line(body: str) -> None:
    from zzdesk.core.errors import UserError

    try:
        parsed = parse_report("某市2026年政府工作报告\n" + body)
    except (UserError, ValueError) as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for figure in parsed.figures:
        passage = parsed.passages[figure.passage].text
        assert passage[figure.start:figure.start + len(figure.written)] == figure.written
        assert figure.value == figure.value and abs(figure.value) < 1e16  # finite, no NaN
        assert figure.indicator.strip()
