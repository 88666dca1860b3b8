"""One figure as text to paste elsewhere: the number, its sentence and where it comes from."""

from __future__ import annotations

from zzdesk.core.indicators import describe
from zzdesk.core.records import KIND_LABELS, FigureRecord, ReportRecord


def figure_citation(figure: FigureRecord, report: ReportRecord | None) -> str:
    """数字 + 原句 + 出处, three lines: what a person pastes into a draft."""
    title = report.title if report is not None else figure.report_title
    year = f"（{report.year}年）" if report is not None else ""
    where = f"·{figure.theme}" if figure.theme else ""
    return (f"{figure.indicator}：{describe(figure)}（{figure.period}年{KIND_LABELS[figure.kind]}）\n"
            f"原句：“{figure.quote}”\n"
            f"出处：《{title}》{year}{where}")
