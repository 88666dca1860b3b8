"""Briefing to PDF: QPdfWriter on A4 with no printer margins; fonts are embedded by Qt."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from zzdesk import __version__
from zzdesk.core.briefing import Document
from zzdesk.export.page_layout import render

PDF_DPI = 600


def check_writable(path: Path) -> None:
    """Fail early, with a clear message, for a path that cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OSError(f"无法写入 {path}：文件夹 {folder} 不存在")
    if path.is_dir():
        raise OSError(f"无法写入 {path}：这是一个文件夹")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OSError(f"无法写入 {path}：没有写入权限")


def write_pdf(document: Document, path: Path) -> int:
    """Write *document* to *path*; returns the page count.  Raises OSError when it cannot."""
    check_writable(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle(document.spec.title)
    writer.setCreator(f"zzdesk {__version__}")
    pages = render(document, writer)
    del writer  # finishes the file
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"无法写入 {path}")
    return pages
