"""Print preview and printing through Qt's print support; no crash when there is no printer."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from zzdesk.core.briefing import Document
from zzdesk.export.page_layout import render


def new_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)  # the layout sets its own margins, as GB/T 9704 fixes them
    return printer


def has_printer() -> bool:
    return bool(QPrinterInfo.availablePrinters())


def print_document(document: Document, printer: QPrinter) -> int:
    printer.setDocName(document.spec.title)
    return render(document, printer)
