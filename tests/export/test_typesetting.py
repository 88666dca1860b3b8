"""Line breaking on the character grid and title shapes, without Qt: widths come from a fixed table."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zzdesk.export.titles import title_lines
from zzdesk.export.typesetting import NO_LINE_END, NO_LINE_START, Span, is_wide, set_text

CELL = 156 / 28


def measure(char: str, _style: str) -> float:
    return CELL if is_wide(char) else CELL / 2


def lines_of(text: str, indent: float = 2) -> list[str]:
    return [line.text for line in set_text([Span(text, "body")], 156, CELL, measure, indent_cells=indent)]


def test_a_plain_paragraph_sets_26_then_28_characters() -> None:
    text = "国" * 100
    lines = lines_of(text)
    assert [len(x) for x in lines] == [26, 28, 28, 18]


def test_digits_stay_together_and_full_lines_fill_the_width() -> None:
    text = "地区生产总值超1.45万亿元、增长5.7%，" * 6
    result = set_text([Span(text, "body")], 156, CELL, measure, indent_cells=2)
    for line in result[:-1]:
        last = line.glyphs[-1]
        assert abs(last.x + last.width - (156 - line.indent)) < 1e-6  # justified to the right edge
    joined = "|".join(line.text for line in result)
    assert "1.|45" not in joined and "5.|7" not in joined and "1|.45" not in joined


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="国家发展，。、；：“”（）《》·1234567890.%", min_size=1, max_size=160))
def test_line_breaking_rules_hold_for_any_text(text: str) -> None:
    lines = lines_of(text)
    assert "".join(lines) == text  # nothing lost, nothing added
    for number, line in enumerate(lines):
        if number:
            assert line[0] not in NO_LINE_START or len(lines[number - 1]) <= 1, lines
        if number < len(lines) - 1:
            assert line[-1] not in NO_LINE_END or len(line) == 1, lines
    if len(lines) > 1:
        visible = [c for c in lines[-1] if c not in NO_LINE_START]
        assert len(visible) != 1 or len(lines[-2]) <= 2, lines  # no single-character last line


def test_a_squeezed_mark_keeps_the_line_inside_the_type_area() -> None:
    text = "国" * 25 + "，国国、国" * 3
    for line in set_text([Span(text, "body")], 156, CELL, measure, indent_cells=0):
        end = max(g.x + g.width for g in line.glyphs)
        assert end <= 156 + 1e-6


def test_the_source_marker_stays_with_the_last_word() -> None:
    spans = [Span("国" * 56, "body"), Span("[12]", "marker")]
    lines = set_text(spans, 156, CELL, measure, indent_cells=0)
    assert lines[-1].text.endswith("[12]") and len(lines[-1].text) > 4


def test_hanging_indent_after_the_colon() -> None:
    lines = set_text([Span("报：" + "市委办公厅、" * 12, "body")], 150, CELL, measure, hanging=2 * CELL)
    assert lines[0].indent == 0 and all(line.indent == 2 * CELL for line in lines[1:])


def test_titles_break_between_words_in_a_trapezoid_or_diamond() -> None:
    vocabulary = ["提振消费", "新质生产力", "创新引领", "稳中求进", "政府工作报告"]
    title = "郑州市2025年政府工作报告：稳中求进、提振消费、新质生产力、创新引领"
    lines = title_lines(title, 20, vocabulary)
    assert "".join(lines) == title and len(lines) >= 2
    for word in vocabulary:
        assert any(word in line for line in lines), (word, lines)  # never broken inside a word
    lengths = [len(x) for x in lines]
    peak = lengths.index(max(lengths))
    assert lengths[peak:] == sorted(lengths[peak:], reverse=True)  # falls from its longest line
    assert peak == 0 or (0 < peak < len(lengths) - 1)


def test_titles_without_a_vocabulary_break_at_the_segmenter_s_word_boundaries() -> None:
    title = "加快推进国家中心城市建设全面提升城市能级和核心竞争力调研报告"
    lines = title_lines(title, 20)
    assert "".join(lines) == title and len(lines) == 2
    for word in ("加快", "推进", "国家", "中心", "城市", "建设", "全面", "提升", "能级", "核心", "竞争力", "调研"):
        assert any(word in line for line in lines), (word, lines)
    assert len(lines[0]) >= len(lines[1])  # a trapezoid


def test_a_short_title_stays_on_one_line() -> None:
    assert title_lines("《政府工作报告里的“郑实践”》要点", 20) == ["《政府工作报告里的“郑实践”》要点"]
