"""Figures from a table of main indicators: one row per indicator, one column per year and kind.

    指标            单位   2025年完成   2026年目标
    地区生产总值增速  %      7.1         7左右

The header row says which column holds the unit and, for each value column, its year and whether it
is a result (完成, 实绩, 实际) , an estimate (预计) or a target (目标, 预期, 计划).  The row is the quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from zzdesk.core.numbers import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS, UNITS, parse_number
from zzdesk.core.parsing.figures import ParsedFigure, indicator_name, resolve
from zzdesk.core.parsing.structure import ParsedPassage, Structure

_YEAR = re.compile(r"(20\d\d)")
_UNIT = "|".join(re.escape(u) for u in UNITS)
_VALUE = re.compile(r"(?P<prefix>" + "|".join(PREFIX_QUALIFIERS) + r")?(?P<value>-?\d{1,15}(?:\.\d{1,6})?)"
                    r"(?:[—~～\-－至](?P<high>\d{1,15}(?:\.\d{1,6})?))?(?P<unit>" + _UNIT + r")?"
                    r"(?P<suffix>" + "|".join(SUFFIX_QUALIFIERS) + r")?$")
_TARGET_WORDS = ("目标", "预期", "计划", "安排")
_EXPECTED_WORDS = ("预计",)


@dataclass(frozen=True)
class _Column:
    index: int
    period: int
    kind: str


def _columns(header: list[str], structure: Structure) -> tuple[int | None, list[_Column]]:
    unit_column = next((i for i, cell in enumerate(header) if "单位" in cell), None)
    columns = []
    for index, cell in enumerate(header[1:], start=1):
        if index == unit_column:
            continue
        year = int(m.group(1)) if (m := _YEAR.search(cell)) else None
        if any(word in cell for word in _TARGET_WORDS):
            columns.append(_Column(index, year or structure.year, "target"))
        elif any(word in cell for word in _EXPECTED_WORDS):
            columns.append(_Column(index, year or structure.review_year, "expected"))
        elif year is not None or any(word in cell for word in ("完成", "实绩", "实际", "上年")):
            columns.append(_Column(index, year or structure.review_year, "actual"))
    return unit_column, columns


def _tables(passages: tuple[ParsedPassage, ...]) -> Iterator[list[int]]:
    """Runs of consecutive table rows, as passage indexes."""
    run: list[int] = []
    for index, passage in enumerate(passages):
        if passage.table:
            run.append(index)
        elif run:
            yield run
            run = []
    if run:
        yield run


def table_figures(structure: Structure) -> list[ParsedFigure]:
    figures: list[ParsedFigure] = []
    for rows in _tables(structure.passages):
        header = structure.passages[rows[0]].text.split("\t")
        unit_column, columns = _columns(header, structure)
        if not columns:
            continue
        for index in rows[1:]:
            passage = structure.passages[index]
            cells = passage.text.split("\t")
            if not cells[0].strip() or passage.theme is None:
                continue
            unit = cells[unit_column].strip() if unit_column is not None and unit_column < len(cells) else ""
            subject = resolve(cells[0].strip(), structure.region)
            offsets = [0]
            for cell in cells:
                offsets.append(offsets[-1] + len(cell) + 1)
            for column in columns:
                if column.index >= len(cells):
                    continue
                written = cells[column.index].strip()
                found = _VALUE.match(written)
                if found is None:
                    continue
                cell_unit = found.group("unit") or unit
                if not cell_unit:
                    continue
                try:
                    value = parse_number(found.group("value").lstrip("-"))
                    high = parse_number(found.group("high")) if found.group("high") else None
                except ValueError:
                    continue
                if found.group("value").startswith("-"):
                    value = -value
                qualifier = found.group("suffix") or found.group("prefix") or ("区间" if high is not None else None)
                figures.append(ParsedFigure(
                    theme=passage.theme, indicator=indicator_name(subject, False, cell_unit), period=column.period,
                    kind=column.kind, value=value, unit=cell_unit, qualifier=qualifier, cumulative=False,
                    written=written, quote=passage.text, passage=index,
                    start=offsets[column.index] + cells[column.index].find(written), value_high=high,
                ))
    return figures
