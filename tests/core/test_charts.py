"""Chart specs: a bar always stands in a series named for its own year."""

from __future__ import annotations

from dataclasses import replace

from zzdesk import paths
from zzdesk.core.charts import theme_charts
from zzdesk.core.store import DataStore


def test_a_result_of_another_year_gets_its_own_series() -> None:
    with DataStore(paths.reference_db_path()) as store:
        figures = store.figures(theme="稳中求进")
    growth = [f for f in figures if f.indicator.endswith("增速") and f.kind == "actual"]
    assert len(growth) >= 2 and {f.period for f in growth} == {2024}
    # One indicator reported only for the year before: it must not be drawn as 2024年实绩.
    older = replace(growth[0], period=2023)
    mixed = [older if f is growth[0] else f for f in figures]
    [chart] = [c for c in theme_charts(mixed, "报告", 2025, "稳中求进") if older.id in c.figure_ids]
    names = [s.name for s in chart.series]
    assert "2023年实绩" in names and "2024年实绩" in names
    for series in chart.series:
        year = int(series.name[:4])
        assert all(bar.period == year for bar in series.bars if bar is not None)
    row = chart.categories.index(next(c for c in chart.categories if older.indicator.startswith(c)))
    assert next(s for s in chart.series if s.name == "2023年实绩").bars[row] is not None
    assert next(s for s in chart.series if s.name == "2024年实绩").bars[row] is None
