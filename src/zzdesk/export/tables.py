"""Lists written out as CSV (for any program) or XLSX (for Excel/WPS)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from zzdesk.core.errors import UserError
from zzdesk.core.safe_files import write_bytes, write_text


class ExportError(UserError):
    """A table could not be written; the message says why in Chinese."""


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    # UTF-8 with BOM: Excel on Windows reads Chinese CSV correctly only with it.
    content = io.StringIO(newline="")
    writer = csv.writer(content)
    writer.writerow(headers)
    writer.writerows(rows)
    write_text(path, content.getvalue(), encoding="utf-8-sig")


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
    content = io.BytesIO()
    book.save(content)
    write_bytes(path, content.getvalue())
