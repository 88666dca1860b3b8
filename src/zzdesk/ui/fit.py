"""Widths that follow their content, so names are never cut (long theme names of an imported report)."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget

NAV_MIN, NAV_MAX = 190, 360


def fit_list_width(view: QListWidget, minimum: int = NAV_MIN, maximum: int = NAV_MAX) -> None:
    """Make *view* as wide as its widest item (within limits); longer items get a tooltip."""
    margin = 2 * view.frameWidth() + 36  # item padding and the selection bar
    widest = max((view.fontMetrics().horizontalAdvance(view.item(i).text()) for i in range(view.count())),
                 default=0)
    view.setFixedWidth(max(minimum, min(maximum, widest + margin)))
    for i in range(view.count()):
        item = view.item(i)
        item.setToolTip(item.text().strip())
