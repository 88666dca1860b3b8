"""Lay out each report text in this folder as .docx, PDF and OFD, the way offices receive reports.

The files are committed beside the texts; run this again after editing a text:
    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/data/reports/make_formats.py

Every page has a running head and a page number ("— 3 —"); paragraphs are wrapped at 28 characters with a
two-character first-line indent, so a reader has to remove the furniture and join the wrapped lines again.
Table rows (cells separated by tabs) become real tables in Word and aligned columns on the page.
scanned.pdf is one page of text painted as a picture: a PDF without a text layer.
"""

from __future__ import annotations

import os
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
TEXTS = ["zhengzhou-2026-report", "erqi-2026-district", "zhongmou-2026-county", "hangkonggang-2026-tables",
         "xinzheng-2026-heldout"]
RUNNING_HEAD = "政府工作报告（大会印发稿）"

PAGE_W, PAGE_H = 210.0, 297.0  # mm
LEFT, TOP = 28.0, 37.0
EM = 5.5  # mm per full-width character
LINE_EMS = 28
PITCH = 10.0  # mm from line to line
LINES_PER_PAGE = 22
TABLE_COLUMNS = (0, 10, 13, 20)  # em from the left edge


def width(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2000 else 0.5 for ch in text)


def layout(text: str) -> list[list[tuple[float, str]]]:
    """Pages of (x in em, text) lines; tab-separated rows become one line of cells at fixed columns."""
    lines: list[tuple[float, str]] = []
    paragraphs = [p.strip("\n") for p in text.split("\n") if p.strip()]
    for number, paragraph in enumerate(paragraphs):
        if number == 0:  # the title, centred
            for part in _title_lines(paragraph):
                lines.append((float(int((LINE_EMS - width(part)) / 2)), part))
            continue
        if "\t" in paragraph:
            for column, cell in zip(TABLE_COLUMNS, paragraph.split("\t"), strict=False):
                lines.append((column + 0.001, cell))  # cells share one line: see pages()
            lines.append((-1, ""))  # end of row
            continue
        line, used, indent = "", 2.0, 2.0
        for ch in paragraph:
            if used + width(ch) > LINE_EMS:
                lines.append((indent, line))
                line, used, indent = "", 0.0, 0.0
            line += ch
            used += width(ch)
        lines.append((indent, line))
    return list(pages(lines))


def _title_lines(title: str) -> list[str]:
    """A title longer than a line breaks after its colon, each half centred."""
    if width(title) <= LINE_EMS:
        return [title]
    head, colon, rest = title.partition("：")
    return [head + colon, rest] if colon else [title[:LINE_EMS], title[LINE_EMS:]]


def pages(lines: list[tuple[float, str]]) -> Iterator[list[tuple[float, str]]]:
    """Group into pages of LINES_PER_PAGE rows; table cells (x with a fraction) stay on their row."""
    rows: list[list[tuple[float, str]]] = []
    row: list[tuple[float, str]] = []
    for x, text in lines:
        if x == -1:
            rows.append(row)
            row = []
        elif x % 1:
            row.append((x, text))
        else:
            rows.append([(x, text)])
    for start in range(0, len(rows), LINES_PER_PAGE):
        yield [cell for r in rows[start:start + LINES_PER_PAGE] for cell in r] + [(-2, str(start))]


def page_rows(page: list[tuple[float, str]]) -> Iterator[tuple[int, float, str]]:
    """(row number, x in em, text) for each piece on a page."""
    row, last_table = -1, False
    for x, text in page:
        if x == -2:
            continue
        table = bool(x % 1)
        if not table or not last_table or x == TABLE_COLUMNS[0] + 0.001:
            row += 1
        last_table = table
        yield row, int(x) if not table else x, text


# Word -------------------------------------------------------------------------------------------------------


def make_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    table = None
    for paragraph in (p for p in text.split("\n") if p.strip()):
        if "\t" in paragraph:
            cells = paragraph.split("\t")
            if table is None:
                table = document.add_table(rows=0, cols=len(cells))
            row = table.add_row().cells
            for cell, value in zip(row, cells, strict=False):
                cell.text = value
            continue
        table = None
        document.add_paragraph(paragraph)
    document.core_properties.author = "zzdesk tests"
    document.save(str(path))


# PDF --------------------------------------------------------------------------------------------------------


def make_pdf(text: str, path: Path, scanned: bool = False) -> None:
    from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
    from PySide6.QtGui import QFont, QFontDatabase, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

    family = QFontDatabase.applicationFontFamilies(
        QFontDatabase.addApplicationFont(str(ROOT / "resources" / "fonts" / "NotoSansSC-Regular.otf")))[0]
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setResolution(720)
    writer.setCreator("zzdesk tests")
    scale = 720 / 25.4  # device units per mm
    font = QFont(family)
    font.setPixelSize(round(EM * scale * 0.98))
    painter = QPainter(writer)
    all_pages = layout(text)
    for number, page in enumerate(all_pages, start=1):
        if number > 1:
            writer.newPage()
        target: QPainter = painter
        image = None
        if scanned:
            image = QImage(round(PAGE_W * 4), round(PAGE_H * 4), QImage.Format.Format_Grayscale8)
            image.fill(Qt.GlobalColor.white)
            target = QPainter(image)
            target.scale(4 / scale, 4 / scale)
        target.setFont(font)
        head = QFont(font)
        head.setPixelSize(round(EM * scale * 0.6))
        target.setFont(head)
        target.drawText(QRectF(LEFT * scale, 20 * scale, LINE_EMS * EM * scale, 8 * scale),
                        Qt.AlignmentFlag.AlignHCenter, RUNNING_HEAD)
        target.setFont(font)
        for row, x, piece in page_rows(page):
            baseline = (TOP + row * PITCH + EM) * scale
            left = (LEFT + x * EM) * scale
            for ch in piece:  # one glyph at a time: no shaping across characters, as many office tools write
                target.drawText(QPointF(left, baseline), ch)
                left += width(ch) * EM * scale
        target.drawText(QRectF(LEFT * scale, 275 * scale, LINE_EMS * EM * scale, 10 * scale),
                        Qt.AlignmentFlag.AlignRight if number % 2 else Qt.AlignmentFlag.AlignLeft,
                        f"— {number} —")
        if image is not None:
            target.end()
            painter.drawImage(QRectF(0, 0, PAGE_W * scale, PAGE_H * scale), image)
        if scanned:
            break
    painter.end()


# OFD --------------------------------------------------------------------------------------------------------

OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _text_object(object_id: int, x: float, y: float, text: str, size: float) -> str:
    advances = " ".join(f"{(1.0 if ord(ch) > 0x2000 else 0.5) * size:.2f}" for ch in text[1:])
    return (f'<ofd:TextObject ID="{object_id}" Boundary="{x:.2f} {y:.2f} {width(text) * size:.2f} {size * 1.3:.2f}" '
            f'Font="2" Size="{size:.2f}"><ofd:TextCode X="0" Y="{size:.2f}" DeltaX="{advances}">{escape(text)}'
            "</ofd:TextCode></ofd:TextObject>")


def make_ofd(text: str, path: Path) -> None:
    all_pages = layout(text)
    parts: dict[str, str] = {}
    object_id = 10
    page_refs = []
    for number, page in enumerate(all_pages):
        objects = []
        for row, x, piece in page_rows(page):
            object_id += 1
            objects.append(_text_object(object_id, LEFT + x * EM, TOP + row * PITCH, piece, EM))
        object_id += 1
        label = f"— {number + 1} —"
        objects.append(_text_object(object_id, LEFT + (LINE_EMS - width(label)) * EM if number % 2 == 0 else LEFT,
                                    278, label, EM))
        parts[f"Doc_0/Pages/Page_{number}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {OFD_NS}><ofd:Template TemplateID="5"/>'
            f'<ofd:Content><ofd:Layer ID="{object_id + 1}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
        object_id += 1
        page_refs.append(f'<ofd:Page ID="{100 + number}" BaseLoc="Pages/Page_{number}/Content.xml"/>')
    head = _text_object(3, LEFT, 20, RUNNING_HEAD, EM * 0.6)
    parts["Doc_0/Tpls/Tpl_0/Content.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {OFD_NS}><ofd:Content><ofd:Layer ID="4">{head}'
        "</ofd:Layer></ofd:Content></ofd:Page>")
    parts["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {OFD_NS} BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="2" FontName="SimSun" FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
    parts["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {OFD_NS}><ofd:CommonData>'
        f'<ofd:MaxUnitID>{object_id + 1}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W} {PAGE_H}'
        '</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>'
        '<ofd:TemplatePage ID="5" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
        f'<ofd:Pages>{"".join(page_refs)}</ofd:Pages></ofd:Document>')
    title = escape(text.split("\n", 1)[0])
    parts["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {OFD_NS} Version="1.1" DocType="OFD"><ofd:DocBody>'
        f'<ofd:DocInfo><ofd:DocID>zzdesk-tests</ofd:DocID><ofd:Title>{title}</ofd:Title>'
        '<ofd:Creator>zzdesk tests</ofd:Creator></ofd:DocInfo>'
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ["OFD.xml", *sorted(p for p in parts if p != "OFD.xml")]:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # reproducible bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name])


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for name in TEXTS:
        text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
        make_docx(text, HERE / f"{name}.docx")
        make_pdf(text, HERE / f"{name}.pdf")
        make_ofd(text, HERE / f"{name}.ofd")
    make_pdf((HERE / f"{TEXTS[0]}.txt").read_text(encoding="utf-8"), HERE / "scanned.pdf", scanned=True)
    del app


if __name__ == "__main__":
    main()
