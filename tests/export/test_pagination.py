"""Pagination on the 22-line grid, with rows whose heights are known: charts and the text after them."""

from __future__ import annotations

import pytest

from zzdesk.export.page_layout import BOTTOM, PITCH, TOP, Row, paginate


def text(lines: int, *, heading: str = "") -> list[Row]:
    rows = [Row(PITCH, lambda _top, _h: [], keep_with_next=bool(heading), kind=heading or "line")
            for _ in range(lines)]
    rows[0].block_start = True
    return rows


def chart(slots: float) -> Row:
    return Row(slots * PITCH, lambda _top, _h: [], min_height=slots * PITCH * 0.7, kind="chart", on_grid=False,
               block_start=True)


def pages_of(rows: list[Row]) -> list[list[int]]:
    pages, _ = paginate(rows)
    index = {id(row): n for n, row in enumerate(rows)}
    return [[index[id(placed.row)] for placed in page] for page in pages]


def test_text_after_a_chart_that_cannot_fit_fills_the_blank_before_it() -> None:
    rows = [*text(18), chart(10), *text(3), *text(2)]
    pages = pages_of(rows)
    # 4 slots are left under the 18 lines: the next paragraph (3 lines) moves up, the chart opens page 2,
    # the last paragraph (2 lines, which would not fit in the 1 slot left) stays after the chart.
    assert pages[0] == [*range(18), 19, 20, 21]
    assert pages[1] == [18, 22, 23]


def test_text_does_not_move_past_a_first_level_heading() -> None:
    rows = [*text(18), chart(10), *text(1, heading="section"), *text(2)]
    pages = pages_of(rows)
    assert pages[0] == list(range(18)) and pages[1][0] == 18


def test_a_chart_that_fits_when_shrunk_stays_in_place() -> None:
    rows = [*text(14), chart(10), *text(3)]
    pages, _ = paginate(rows)
    placed = pages[0][14]
    assert placed.row is rows[14] and placed.top + placed.height <= BOTTOM + 1e-6
    assert placed.height >= 0.7 * 10 * PITCH - 1e-6 and placed.top == pytest.approx(TOP + 14 * PITCH)


def table(body_rows: int, block: int) -> list[Row]:
    header = Row(0.8 * PITCH, lambda _top, _h: [], on_grid=False, keep_with_next=True, kind="table",
                 block_start=True, block=block)
    return [header, *(Row(0.8 * PITCH, lambda _top, _h: [], on_grid=False, kind="table", header=header,
                          block=block) for _ in range(body_rows))]


def test_a_chart_that_cannot_follow_its_table_is_set_ahead_of_it() -> None:
    """一、主要指标: a heading, a long table and its chart, then the next section.  The chart (9 slots, 6.3 at
    its smallest) does not fit in the 4 slots under the table and nothing of its section follows, so it is
    set where the table began and the table continues after it, its header repeated on the next page."""
    heading = Row(PITCH, lambda _top, _h: [], keep_with_next=True, kind="section", block_start=True, block=0)
    figures = chart(9)
    figures.block = 2
    rows = [heading, *table(20, block=1), figures, *text(1, heading="section"), *text(3)]
    pages = pages_of(rows)
    assert pages[0][:2] == [0, 22]  # the heading, then the chart
    placed, _ = paginate(rows)
    assert placed[0][1].top == pytest.approx(TOP + PITCH) and placed[0][1].height == pytest.approx(9 * PITCH)
    assert pages[0][2:] == list(range(1, 1 + len(pages[0]) - 2))  # the table's first rows below the chart
    assert pages[1][0] == 1 and pages[1][1] == pages[0][-1] + 1  # its header again, then the next row
    assert BOTTOM - (placed[0][-1].top + placed[0][-1].height) < 0.8 * PITCH  # page 1 is full


def test_a_chart_stays_after_a_table_that_began_at_the_page_top() -> None:
    """Nothing above the table on its page: setting the chart ahead of it would gain nothing."""
    figures = chart(9)
    figures.block = 1
    rows = [*table(24, block=0), figures, *text(1, heading="section")]
    pages = pages_of(rows)
    assert pages[0] == list(range(25)) and pages[1][0] == 25
