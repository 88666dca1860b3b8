"""Lists written out as CSV (for any program) or XLSX (for Excel/WPS)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from zzdesk.core.errors import UserError


class ExportError(UserError):
    """A table could not be written; the message says why in Chinese."""


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    # UTF-8 with BOM: Excel on Windows reads Chinese CSV correctly only with it.
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows(rows)
    except OSError as exc:
        raise ExportError(f"无法写入 {path}：{exc.strerror or exc}") from exc


def write_xlsx(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]], title: str,
               source: str) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    sheet.append([])
    sheet.append([source])
    for number, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(number)
        longest = max((len(str(c.value)) for c in column if c.value is not None), default=4)
        sheet.column_dimensions[letter].width = min(60, 4 + longest * 1.6)
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    try:
        book.save(path)
    except OSError as exc:
        raise ExportError(f"无法写入 {path}：{exc.strerror or exc}") from exc
