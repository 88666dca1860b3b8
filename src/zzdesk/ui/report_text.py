"""The report's own text, with every figure marked and clickable."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QPoint, QUrl, Signal
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from zzdesk.core.records import PassageRecord
from zzdesk.export.fonts import role_font
from zzdesk.ui.data import AppData
from zzdesk.ui.html import marked
from zzdesk.ui.style import FOCUS, HIGHLIGHT


class ReportText(QTextBrowser):
    """Passages in order under section headings; figures link to `figure:ID`."""

    figureClicked = Signal(int)
    passageClicked = Signal(int)
    addPassage = Signal(int)  # "加入简报" on a paragraph

    def __init__(self, data: AppData, passages: Sequence[PassageRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.passages = list(passages)
        self.focus_passage: int | None = None
        self.focus_figure: int | None = None
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.setFont(role_font("ui", 11.5))
        self.render_text()

    def render_text(self) -> None:
        parts = ["<html><body style='line-height:165%'>"]
        section = None
        for passage in self.passages:
            heading = self.data.report_by_id[passage.report_id].section_label(passage.section)
            if passage.theme and len({p.theme for p in self.passages}) > 1 and heading != section:
                heading = f"{passage.theme} · {heading}"
            if heading != section:
                parts.append(f"<h3 style='color:#7a1f1f'>【{escape(heading)}】</h3>")
                section = heading
            figures = self.data.figures_in(passage.id)
            spans = [(f.start, f.end) for f in figures]
            links = {(f.start, f.end): f"figure:{f.id}" for f in figures}
            body = marked(passage.text, spans, links)
            style = "text-indent:2em;margin:6px 0"
            if passage.id == self.focus_passage:
                style += ";background:#eef3f8;border-left:3px solid #1f4e79"
            if self.focus_figure is not None:
                target = self.data.figure_by_id.get(self.focus_figure)
                if target is not None and target.passage_id == passage.id:
                    body = body.replace(f'<a href="figure:{target.id}" style="color:#102a43;text-decoration:none">'
                                        f'<span style="background:{HIGHLIGHT}">',
                                        f'<a href="figure:{target.id}" style="color:#102a43;text-decoration:none">'
                                        f'<span style="background:{FOCUS}">')
            parts.append(f"<a name='p{passage.id}'></a><p style='{style}'>{body}</p>")
        parts.append("</body></html>")
        self.setHtml("".join(parts))

    def passage_at(self, pos: QPoint) -> int | None:
        """The passage under a point of the viewport, matched by its text."""
        text = self.cursorForPosition(pos).block().text()
        return next((p.id for p in self.passages if p.text == text), None)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        passage_id = self.passage_at(event.pos())
        if passage_id is not None:
            menu.addSeparator()
            menu.addAction("这一段加入简报", lambda: self.addPassage.emit(passage_id))
        menu.exec(event.globalPos())

    def show_passage(self, passage_id: int, figure_id: int | None = None) -> None:
        self.focus_passage, self.focus_figure = passage_id, figure_id
        self.render_text()
        self.scrollToAnchor(f"p{passage_id}")

    def _clicked(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "figure" and value.isdigit():
            self.figureClicked.emit(int(value))
        elif kind == "passage" and value.isdigit():
            self.passageClicked.emit(int(value))
