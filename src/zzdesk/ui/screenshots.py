"""Render every main view to PNG: used by the README, the tests and reviewers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from zzdesk.ui.app import create_application, open_window
from zzdesk.ui.pages.list_page import ListPage
from zzdesk.ui.pages.overview import OverviewPage
from zzdesk.ui.pages.theme_page import ThemePage


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def render_all(reference_db: Path, user_dir: Path, out: Path, size: tuple[int, int],
               query: str = "科技城") -> list[Path]:
    create_application()
    # Screenshots must not disturb the user's remembered window layout.
    window = open_window(reference_db, user_dir / "screenshots-session")
    window.resize(*size)
    window.show()
    written: list[Path] = []

    def shoot(name: str) -> None:
        _settle()
        path = out / f"{name}.png"
        if not window.grab().save(str(path), "PNG"):
            raise OSError(f"无法写入 {path}")
        written.append(path)

    for number, key in enumerate(window.page_keys(), start=1):
        page = window.show_page(key)
        if isinstance(page, OverviewPage):
            _ = page.charts  # normally built just after the first paint; a screenshot wants it now
        if isinstance(page, ListPage) and page.proxy.rowCount():
            page.table.selectRow(0)
        if isinstance(page, ThemePage) and page.cards:
            page.select_figure(next(iter(page.cards)))
        slug = key.replace("theme:", "theme-")
        shoot(f"{number:02d}-{slug}")
    window.show_page("overview")
    window.search.setText(query)
    window.search.run_search()
    shoot(f"{len(written) + 1:02d}-search")
    window.close()
    return written
