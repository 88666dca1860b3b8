"""Briefing to PDF: QPdfWriter on A4 with no printer margins; fonts are embedded by Qt.

The PDF is rendered in memory and then saved atomically, because QPdfWriter does not report a
failed write: a full disk must not leave a truncated file behind a success message."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from zzdesk import __version__
from zzdesk.core.briefing import Document
from zzdesk.core.safe_files import SaveError, check_target, write_bytes
from zzdesk.export.page_layout import render

PDF_DPI = 600


def check_writable(path: Path) -> None:
    """Fail early, with a clear message (a SaveError, which is an OSError), for a path that must not be written."""
    check_target(path)


def write_pdf(document: Document, path: Path) -> int:
    """Write *document* to *path*; returns the page count.  Raises OSError (SaveError) when it cannot."""
    check_writable(path)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle(document.spec.title)
    writer.setCreator(f"zzdesk {__version__}")
    pages = render(document, writer)
    del writer  # finishes the PDF in the buffer
    data = bytes(buffer.data().data())
    if not data:
        raise SaveError(f"无法写入 {path}：没有生成内容")
    write_bytes(path, data)
    return pages
