"""The text layer of a PDF (pypdfium2: PDFium reads Chinese text layers faithfully and is one small wheel).

Text comes out as positioned runs; layout.paragraphs_from_pages rebuilds the paragraphs.  A PDF that has
pages but (almost) no text is a scan: there is nothing to read without OCR, and the user is told so.
"""

from __future__ import annotations

from zzdesk.core.parsing.input_files import InputFileError
from zzdesk.core.parsing.layout import Line, Run, lines_from_runs, paragraphs_from_pages

MAX_PAGES = 2000
MIN_CHARS_PER_PAGE = 10  # fewer than this on average: a scanned document


def _page_lines(page: object) -> list[Line]:
    """Characters with their loose boxes (the font's full height, so 。 and 5.4's point sit on the line)."""
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count > 0 else ""
        runs = []
        for index, char in enumerate(text[:count]):
            if char in "\r\n" or not char.strip():
                continue
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
            # A Chinese character is one em wide; other glyphs are judged by the line's height.
            em = right - left if ord(char) >= 0x2E80 else (top - bottom) * 0.7
            runs.append(Run(-top, left, right, max(em, 0.1), char))  # PDF y grows upwards
    finally:
        textpage.close()
    return lines_from_runs(runs)


def pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium  # loaded only for PDF files

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputFileError("PDF 文件设有密码，请先在阅读器中取消密码后再导入") from exc
        raise InputFileError("不是有效的 PDF 文件，或文件已损坏") from exc
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise InputFileError(f"PDF 文件页数过多（{count} 页），不像一份报告")
        pages = []
        for number in range(count):
            page = document[number]
            try:
                pages.append(_page_lines(page))
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise InputFileError("PDF 文件已损坏，无法读取其中的文字") from exc
    finally:
        document.close()
    chars = sum(len(line.text.strip()) for page in pages for line in page)
    if count == 0 or chars < MIN_CHARS_PER_PAGE * count:
        raise InputFileError("这是扫描件，无法识别文字：请使用带文字层的 PDF，或把报告文字复制后导入")
    return paragraphs_from_pages(pages)
