"""A range (增长5%—5.5%) on a printed chart: a bar to its low end and a bracket on to its high end."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from zzdesk.core.charts import ChartBar, ChartSeries, ChartSpec
from zzdesk.export.chart_painter import chart_image
from zzdesk.export.fonts import register_bundled_fonts

DPI = 150


def target_chart(value: float, high: float | None) -> QImage:
    bar = ChartBar(value, "增长5%—5.5%", 1, "target", 2026, high)  # one label: one scale
    spec = ChartSpec("trend/x", "地区生产总值增速", "%", ("2026年",), (ChartSeries("目标", "target", (bar,)),),
                     "来源：《报告》")
    return chart_image(spec, 150, DPI)


def is_target(image: QImage, x: int, y: int) -> bool:
    """The targets' red (#c0504d), or that red half blended into the white paper at an antialiased edge."""
    c = QColor(image.pixel(x, y))
    return c.red() - c.green() > 40 and c.red() - c.blue() > 40


def red_in_plot(image: QImage) -> dict[int, int]:
    """How tall the target colour stands in each column (from its top pixel to its bottom one), below the
    title and legend (13 mm): a bar's edges make it the bar's height, a line across only the line's width."""
    top = int(13 * DPI / 25.4)
    extent = {}
    for x in range(image.width()):
        rows = [y for y in range(top, image.height()) if is_target(image, x, y)]
        if rows:
            extent[x] = rows[-1] - rows[0] + 1
    return extent


def test_a_range_is_a_bracket_from_its_low_end_to_its_high_end(qapp: object) -> None:
    register_bundled_fonts()
    ranged, plain = red_in_plot(target_chart(5, 5.5)), red_in_plot(target_chart(5.5, None))
    # Both charts have 5.5 as their largest value, so one scale: the bracket ends where a 5.5 bar would.
    assert abs(max(ranged) - max(plain)) <= 2
    zero = min(plain)
    low = zero + round((max(plain) - zero) * 5 / 5.5)
    bar_height = plain[(zero + low) // 2]
    assert bar_height > 15  # BAR_MM less the gap, at 150 dpi
    # Between 5 and 5.5 the plain bar is a box, the range only a line across it; the bracket's ends stand upright.
    between = range(low + 4, max(plain) - 4)
    assert all(plain.get(x, 0) == bar_height for x in between)
    assert all(0 < ranged.get(x, 0) <= 3 for x in between)
    for end in (low, max(plain)):
        assert max(ranged.get(x, 0) for x in range(end - 3, end + 4)) == bar_height
    # Below 5 the range's bar is a box like any target bar.
    assert all(ranged.get(x, 0) == bar_height for x in range(zero + 4, low - 4))
