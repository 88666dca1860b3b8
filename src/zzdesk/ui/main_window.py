"""The main window: navigation on the left, pages in a stack, global search on top."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from zzdesk import __version__
from zzdesk.core.briefing import BriefingItem
from zzdesk.core.search import SearchHit
from zzdesk.export.fonts import font_report
from zzdesk.ui import folders, tasks, wheel
from zzdesk.ui.controllers.reports import ReportActions
from zzdesk.ui.controllers.userdata import UserDataActions
from zzdesk.ui.data import AppData
from zzdesk.ui.find_bar import find_in_page
from zzdesk.ui.fit import fit_list_width, fit_to_screen
from zzdesk.ui.history import PageHistory
from zzdesk.ui.pages.base import Page
from zzdesk.ui.pages.list_page import LISTS, ListPage
from zzdesk.ui.pages.overview import OverviewPage
from zzdesk.ui.pages.report_page import ReportPage
from zzdesk.ui.pages.theme_page import ThemePage
from zzdesk.ui.places import go_to, place_of, select_in_list
from zzdesk.ui.quitting import FinishingDialog, finish_then_close
from zzdesk.ui.search_box import SearchBox, SearchResults

KEY_ROLE = Qt.ItemDataRole.UserRole + 20
ENTITY_LIST = {t: key for key, (_, types, _) in LISTS.items() if types for t in types}


class MainWindow(QMainWindow):
    def __init__(self, data: AppData, settings_path: Path) -> None:
        super().__init__()
        self.data = data
        self.settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        folders.use_settings(self.settings)  # file dialogs start in the last folder used
        self.pages: dict[str, Page] = {}
        remembered = data.report_by_key(str(self.settings.value("window/report", "")))
        if remembered is not None and data.selected_report is None:
            data.select(remembered.id)
        self._show_title()
        fit_to_screen(self, 1400, 900)
        self._finishing: FinishingDialog | None = None
        self.report_actions = ReportActions(self)
        self.userdata_actions = UserDataActions(self)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self._fill_nav()
        self.nav.currentItemChanged.connect(lambda item, _prev: item and self.show_page(item.data(KEY_ROLE)))

        self.results = SearchResults(self)  # an overlay on the window, not a pane of the splitter
        self.search = SearchBox(data, self.results)
        self.search.opened.connect(self.open_hit)
        toolbar = QToolBar("搜索")
        toolbar.setObjectName("searchBar")
        toolbar.setMovable(False)
        spacer = QWidget()
        spacer.setMinimumWidth(8)
        toolbar.addWidget(QLabel("  zzdesk  "))
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.search)
        toolbar.addWidget(QLabel("  报告："))
        self.report_box = QComboBox()
        self.report_box.setToolTip("选择要查看的报告（随程序提供的和导入的）")
        self.report_box.currentIndexChanged.connect(self._report_picked)
        toolbar.addWidget(self.report_box)
        self._fill_reports()
        self.setAcceptDrops(True)
        self.addToolBar(toolbar)
        wheel.install()
        self.history = PageHistory(self, lambda: place_of(self), lambda place: go_to(self, place), self.say)
        self._menus()
        tasks.status_sink = lambda message: self.statusBar().showMessage(message)
        self.statusBar().showMessage(f"数据：《{data.report.title}》 · {len(data.report_figures)} 项指标 · "
                                     f"{len(data.report_entities)} 个项目、企业和举措")
        self._restore()

    # Navigation -------------------------------------------------------------------------------

    def _fill_nav(self) -> None:
        entries = [("overview", "概览")]
        entries += [(f"theme:{name}", name) for name in self.data.theme_names()]
        entries += [("report", "报告原文")]
        entries += [(key, title) for key, (title, _, _) in LISTS.items()]
        entries += [("targets", "目标完成"), ("trend", "历年趋势"), ("composer", "简报")]
        for key, text in entries:
            item = QListWidgetItem(("    " if key.startswith("theme:") else "") + text)
            item.setData(KEY_ROLE, key)
            self.nav.addItem(item)
        fit_list_width(self.nav)  # an imported report's long theme names are not cut
        self.splitter.setSizes([self.nav.width(), max(1, self.width() - self.nav.width())])  # no gap beside it

    def page_keys(self) -> list[str]:
        return [self.nav.item(i).data(KEY_ROLE) for i in range(self.nav.count())]

    def _make_page(self, key: str) -> Page:
        page: Page
        if key == "overview":
            page = OverviewPage(self.data)
        elif key == "report":
            page = ReportPage(self.data)
        elif key.startswith("theme:"):
            page = ThemePage(self.data, key.removeprefix("theme:"))
        elif key == "targets":
            from zzdesk.ui.pages.targets_page import TargetsPage

            page = TargetsPage(self.data)
        elif key == "composer":
            from zzdesk.ui.pages.composer_page import ComposerPage

            page = ComposerPage(self.data)
            self._reopen_briefing(page)
        elif key == "trend":
            from zzdesk.ui.pages.trend_page import TrendPage

            page = TrendPage(self.data)
        else:
            page = ListPage(self.data, key)
        page.figureActivated.connect(self.open_figure)
        page.entityActivated.connect(self.open_entity)
        page.passageRequested.connect(self.open_passage)
        page.themeRequested.connect(lambda name: self.show_page(f"theme:{name}"))
        page.briefingItem.connect(self.add_to_briefing)
        page.trendRequested.connect(self.open_trend)
        splitter, state = getattr(page, "splitter", None), self.settings.value(f"splitters/{key}")
        if isinstance(splitter, QSplitter) and isinstance(state, QByteArray):
            splitter.restoreState(state)
        return page

    def show_page(self, key: str) -> Page:
        with self._step():
            return self._show_page(key)

    def _step(self) -> AbstractContextManager[None]:
        """One step of the back/forward history (none while the window is being made)."""
        history = getattr(self, "history", None)
        return history.step() if history is not None else nullcontext()

    def _show_page(self, key: str) -> Page:
        if key not in self.page_keys():
            key = "overview"
        page = self.pages.get(key)
        if page is None:
            page = self.pages[key] = self._make_page(key)
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        row = self.page_keys().index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        self.results.hide()
        return page

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(KEY_ROLE)) if item else "overview"

    # Jumps ------------------------------------------------------------------------------------

    def open_figure(self, figure_id: int) -> None:
        figure = self.data.figure_by_id.get(figure_id)
        if figure is None or not self.data.in_report(figure):
            return  # the pages show the selected report only
        with self._step():
            page = self.show_page(f"theme:{figure.theme}")
            if isinstance(page, ThemePage):
                page.select_figure(figure_id)

    def open_entity(self, entity_id: int) -> None:
        entity = self.data.report_entity(entity_id)
        if entity is None:
            return
        with self._step():
            page = self.show_page(ENTITY_LIST[entity.type])
            if isinstance(page, ListPage):
                select_in_list(page, entity_id, keep_filters=False)

    def open_passage(self, passage_id: int, figure_id: int = 0) -> None:
        passage = self.data.passage_by_id.get(passage_id)
        if passage is None or passage.report_id != self.data.report.id:
            return
        with self._step():
            page = self.show_page(f"theme:{passage.theme}" if passage.theme else "report")
            if isinstance(page, ThemePage | ReportPage):
                page.show_passage(passage_id, figure_id)

    def open_trend(self, indicator: str) -> None:
        with self._step():
            page = self.show_page("trend")
            page.show_indicator(indicator)  # type: ignore[attr-defined]

    def open_hit(self, hit: SearchHit) -> None:
        if hit.type == "theme":
            self.show_page(f"theme:{hit.name}")
        elif hit.type == "figure":
            self.open_figure(hit.id)
        elif hit.type == "passage":
            self.open_passage(hit.id)
        else:
            self.open_entity(hit.id)

    # Reports: switching; import, removal, restore and packs live in ui/controllers ---------------

    def _fill_reports(self) -> None:
        self.report_box.blockSignals(True)
        self.report_box.clear()
        for report in self.data.reports:
            self.report_box.addItem(f"{report.region} {report.year}年 · {report.title}", report.id)
        self.report_box.setCurrentIndex(max(0, self.report_box.findData(self.data.report.id)))
        self.report_box.blockSignals(False)

    def _report_picked(self, _index: int) -> None:
        report_id = self.report_box.currentData()
        if report_id is not None and report_id != self.data.report.id:
            self.select_report(int(report_id))

    def select_report(self, report_id: int | None, page: str | None = None) -> None:
        """Show another report: every page, the title, the 视图 menu and Ctrl+1…9 follow it."""
        self.flush_edits()
        with self._step():
            self.data.select(report_id)
            self.rebuild(page or self._same_page_or_overview())

    def _same_page_or_overview(self) -> str:
        key = self.current_key()
        return key if not key.startswith("theme:") else "overview"

    def rebuild(self, page: str = "overview") -> None:
        """Pages show one report: after a switch, an import or a removal they are made anew."""
        self.flush_edits()
        self._remember_briefing()
        for old in list(self.pages.values()):
            self.stack.removeWidget(old)
            old.deleteLater()
        self.pages.clear()
        self.nav.blockSignals(True)
        self.nav.clear()
        self._fill_nav()
        self.nav.blockSignals(False)
        self._fill_reports()
        self._fill_view_menu()
        self._show_title()
        self.show_page(page)
        report = self.data.report
        self.say(f"正在查看《{report.title}》（{report.region}，{report.year}年）")

    def _show_title(self) -> None:
        report = self.data.report
        self.setWindowTitle(f"zzdesk 政府工作报告简报台 — 《{report.title}》（{report.region}，{report.year}年）")

    # What the controllers ask of the window (ui.controllers.Host)

    def dialog_parent(self) -> QWidget:
        return self

    def flush_edits(self) -> None:
        composer = self.pages.get("composer")
        if composer is not None and hasattr(composer, "flush"):
            composer.flush()

    def data_changed(self, select: int | None) -> None:
        """After an import, a removal or a restore: keep showing the same report if it is still there."""
        key = self.data.report.key
        with self._step():  # Back returns to the report shown before, if it is still there
            self.data.reload()
            kept = self.data.report_by_key(key)
            self.data.select(select if select is not None else kept.id if kept is not None else None)
            self.rebuild()

    def say(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.report_actions.import_file(files[0])

    # Briefing -----------------------------------------------------------------------------------

    def composer(self) -> Page:
        """The composer page, created on first use without switching to it."""
        if "composer" not in self.pages:
            page = self.pages["composer"] = self._make_page("composer")
            self.stack.addWidget(page)
        return self.pages["composer"]

    def add_to_briefing(self, item: object) -> None:
        from zzdesk.ui.pages.composer_page import ComposerPage

        page = self.composer()
        assert isinstance(page, ComposerPage)
        page.add_item(item)  # type: ignore[arg-type]
        self.statusBar().showMessage(f"已加入简报“{page.title_edit.text()}”：{page.describe(item)}"  # type: ignore[arg-type]
                                     "（Ctrl+0 打开简报）", 6000)

    def offer_undo(self, message: str, undo: object) -> None:
        self._undo = undo
        self.undo_action.setEnabled(True)
        self.undo_action.setText(f"撤销：{message}")
        self.statusBar().showMessage(f"{message}。按 Ctrl+Z 撤销。", 10000)

    def undo(self) -> None:
        undo, self._undo = getattr(self, "_undo", None), None
        self.undo_action.setEnabled(False)
        self.undo_action.setText("撤销")
        if callable(undo):
            undo()

    # Menus and shortcuts ----------------------------------------------------------------------

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        reports, userdata = self.report_actions, self.userdata_actions
        for text, keys, slot in (("导入报告(&I)…", "Ctrl+I", reports.import_dialog),
                                 ("从剪贴板导入报告", "Ctrl+Shift+V", reports.import_clipboard),
                                 ("删除当前导入的报告…", None, reports.remove_current),
                                 ("导出全部用户数据…", None, userdata.export_pack_dialog),
                                 ("导入数据包…", None, userdata.import_pack_dialog)):
            action = QAction(text, self)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            file_menu.addAction(action)
        file_menu.addSeparator()
        export = QAction("导出当前列表(&E)…", self, shortcut=QKeySequence("Ctrl+E"))
        export.triggered.connect(self._export_current)
        file_menu.addAction(export)
        file_menu.addSeparator()
        quit_action = QAction("退出(&Q)", self, shortcut=QKeySequence("Ctrl+Q"))
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # also from the import's progress
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu("编辑(&E)")
        self.undo_action = QAction("撤销", self, shortcut=QKeySequence("Ctrl+Z"))
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo)
        edit_menu.addAction(self.undo_action)
        add = QAction("加入简报", self, shortcut=QKeySequence("Ctrl+B"))
        add.triggered.connect(self._add_current)
        edit_menu.addAction(add)

        self.view_menu = self.menuBar().addMenu("视图(&V)")
        find = QAction("搜索(&S)", self, shortcut=QKeySequence("Ctrl+K"))
        find.triggered.connect(self.focus_search)
        self.view_menu.addAction(find)
        find_here = QAction("在本页查找(&F)", self, shortcut=QKeySequence("Ctrl+F"))  # 报告原文; elsewhere: 搜索
        find_here.triggered.connect(self.find_here)
        self.view_menu.addAction(find_here)
        self.view_menu.addSeparator()
        self.page_actions: list[QAction] = []
        self._fill_view_menu()

        tools_menu = self.menuBar().addMenu("工具(&T)")
        backups = QAction("备份与恢复(&B)…", self)
        backups.triggered.connect(userdata.backup_dialog)
        tools_menu.addAction(backups)

        help_menu = self.menuBar().addMenu("帮助(&H)")
        about = QAction("关于 zzdesk(&A)", self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def _fill_view_menu(self) -> None:
        """One entry per page of the selected report; Ctrl+1…9 for the first nine, Ctrl+0 for 简报."""
        for old in self.page_actions:
            self.view_menu.removeAction(old)
            old.deleteLater()
        self.page_actions = []
        for number, key in enumerate(self.page_keys(), start=1):
            action = QAction(self.nav.item(number - 1).text().strip(), self)
            action.setData(key)
            if key == "composer":
                action.setShortcut(QKeySequence("Ctrl+0"))
            elif number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, k=key: self.show_page(k))
            self.view_menu.addAction(action)
            self.page_actions.append(action)

    def _add_current(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, ListPage):
            page.add_current_to_briefing()
        elif isinstance(page, ThemePage):
            self.add_to_briefing(BriefingItem("theme", page.theme))

    def find_here(self) -> None:
        """Ctrl+F: find in the page when it has text to find in (报告原文), else the global search."""
        if not find_in_page(self.stack.currentWidget()):
            self.focus_search()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _export_current(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, ListPage):
            page.export_dialog()
        else:
            self.statusBar().showMessage("请先打开一个列表（项目、企业、举措或指标）再导出", 5000)

    def about_text(self) -> str:
        report = self.data.report
        fonts = "；".join(f.note for f in font_report() if f.role in ("ui", "fangsong", "heiti"))
        return (f"<h3>zzdesk {__version__}</h3><p>政府工作报告离线简报工具：按主题阅读、查找数字及其原句、"
                f"对照目标与实绩。程序不联网。</p><p><b>数据来源</b>：《{report.title}》，{report.region}，"
                f"{report.year}年，{report.kind}。{report.attribution}</p><p><b>字体</b>：{fonts}</p>"
                "<p>随程序提供的字体以 SIL OFL 1.1 发布；Qt 以 LGPL 3 发布。</p>")

    def about(self) -> None:
        QMessageBox.about(self, "关于 zzdesk", self.about_text())

    # Window state -----------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.show_page(str(self.settings.value("window/page", "overview")))

    def _remember_briefing(self) -> None:
        """The open briefing, by its key (row ids do not survive a restore or a data pack)."""
        composer = self.pages.get("composer")
        current = getattr(composer, "current_id", None)
        key = next((b.key for b in self.data.store.briefings() if b.id == current), None)
        if key:
            self.settings.setValue("window/briefing", key)

    def _reopen_briefing(self, page: Page) -> None:
        remembered = str(self.settings.value("window/briefing", ""))
        found = next((b.id for b in self.data.store.briefings() if remembered and b.key == remembered), None)
        if found is not None and hasattr(page, "open_saved"):
            page.open_saved(found)

    def save_now(self) -> None:
        """What must outlive the process, written now: pending briefing edits, the window's size and
        state. On close, and as soon as the system asks the program to end (ui/ending.py)."""
        self.flush_edits()  # nothing typed into a briefing is lost
        self.save_state()

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/page", self.current_key())
        self.settings.setValue("window/report", self.data.report.key)
        self._remember_briefing()
        for key, page in self.pages.items():
            splitter = getattr(page, "splitter", None)
            if isinstance(splitter, QSplitter):
                self.settings.setValue(f"splitters/{key}", splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if tasks.running():  # a parse stops; an export or an import commit is finished first, then close
            tasks.cancel_all()
            event.ignore()
            if self._finishing is None or not self._finishing.isVisible():
                self._finishing = finish_then_close(self)
            return
        self.search.timer.stop()  # no search may run once the window (and its data) is gone
        self.save_now()
        for page in self.pages.values():
            if isinstance(page, ListPage):
                page.stop_timers()
        tasks.status_sink = None
        super().closeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.results.isVisible():
            self.search.place_results()

