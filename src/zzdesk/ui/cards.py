"""Cards: one indicator (result, target, the words between them) or one figure."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from zzdesk.core.indicators import IndicatorPair, describe
from zzdesk.core.records import FigureRecord


class Card(QFrame):
    """A framed, clickable box that reports the figure it stands for."""

    activated = Signal(int)  # figure id

    def __init__(self, figure_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure_id = figure_id
        self.setObjectName("card")
        self.setCursor(Qt.CursorShape.PointingHandCursor if figure_id else Qt.CursorShape.ArrowCursor)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(12, 10, 12, 10)
        self.box.setSpacing(3)
        self.line_figures: dict[QLabel, int] = {}

    def figure_at(self, pos: QPoint) -> int | None:
        """The figure of the line at *pos* (the target line of an indicator card shows the target), else the card's."""
        return next((fid for label, fid in self.line_figures.items() if label.geometry().contains(pos)),
                    self.figure_id)

    def add(self, text: str, name: str, wrap: bool = True, figure_id: int | None = None) -> QLabel:
        """A line of the card; a line that shows a figure of its own names it (*figure_id*)."""
        label = QLabel(text)
        if figure_id is not None:
            self.line_figures[label] = figure_id
        label.setObjectName(name)
        label.setWordWrap(wrap)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.box.addWidget(label)
        return label

    def set_selected(self, selected: bool) -> None:
        self.setProperty("selected", "true" if selected else "false")
        self.style().unpolish(self)
        self.style().polish(self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        figure_id = self.figure_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and figure_id is not None:
            self.activated.emit(figure_id)
        super().mouseReleaseEvent(event)


def indicator_card(pair: IndicatorPair) -> Card:
    figure = pair.result or pair.target
    card = Card(figure.id if figure else None)
    card.add(pair.label, "cardTitle")
    if pair.result is not None:
        word = "预计" if pair.result.kind == "expected" else "实绩"
        card.add(f"{pair.result.period}年{word}：{describe(pair.result)}", "cardValue", figure_id=pair.result.id)
    else:
        card.add("上年实绩：报告未列", "cardNote")
    if pair.target is not None:
        card.add(f"{pair.target.period}年目标：{describe(pair.target)}", "cardValue", figure_id=pair.target.id)
    comparison = pair.comparison()
    if comparison:
        card.add(comparison, "cardNote")
    card.setToolTip(figure.quote if figure is not None else "")
    return card


def figure_card(figure: FigureRecord) -> Card:
    card = Card(figure.id)
    card.add(figure.indicator, "cardTitle")
    card.add(describe(figure), "cardValue")
    card.add(f"{figure.period}年 · {figure.kind_label}{' · 累计' if figure.cumulative else ''}", "cardNote")
    card.setToolTip(figure.quote)
    return card
