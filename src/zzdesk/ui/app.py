"""Starting the desktop application: Qt, fonts, data, the main window, error reporting."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QLibraryInfo,
    QMessageLogContext,
    Qt,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from zzdesk import __version__, paths
from zzdesk.core.db import DatabaseError
from zzdesk.core.store import DataStore
from zzdesk.export.fonts import register_bundled_fonts, role_font
from zzdesk.ui.data import AppData
from zzdesk.ui.main_window import MainWindow
from zzdesk.ui.style import STYLESHEET

log = logging.getLogger("zzdesk")


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("zzdesk")
    app.setApplicationDisplayName("zzdesk 简报台")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("zzdesk")
    if QGuiApplication.platformName() == "offscreen":
        _quiet_offscreen_plugin()
    register_bundled_fonts()
    _install_chinese_qt_translation(app)
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "zzdesk.svg")))
    app.setFont(role_font("ui", 10.5))
    app.setStyleSheet(STYLESHEET)
    return app


_OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def _quiet_offscreen_plugin() -> None:
    """The headless plugin warns about a window-manager hint it cannot pass on; nothing is wrong."""
    previous = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message == _OFFSCREEN_NOISE:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous = qInstallMessageHandler(handler)


_translators: list[QTranslator] = []


def _install_chinese_qt_translation(app: QApplication) -> None:
    """Qt's own dialogs (file, print, preview) in Chinese; the bundle keeps qtbase_zh_CN for this."""
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        _translators.append(translator)


def setup_logging(user_dir: Path) -> Path:
    user_dir.mkdir(parents=True, exist_ok=True)
    log_path = user_dir / "zzdesk.log"
    handler = logging.FileHandler(log_path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_path


def open_window(reference_db: Path, user_dir: Path) -> MainWindow:
    store = DataStore(reference_db, user_dir / paths.USER_DB_NAME)
    window = MainWindow(AppData(store), user_dir / "window.ini")
    window.destroyed.connect(store.close)
    return window


def startup_checks(reference_db: Path, user_dir: Path) -> bool:
    """integrity_check of the reference data, quick_check of the user's (a few ms); False to stop."""
    from zzdesk.core.health import check

    report = check(reference_db, user_dir / paths.USER_DB_NAME, user_dir / "backups")
    if not report.reference_ok:
        QMessageBox.critical(None, "程序数据已损坏", "\n".join(report.messages))
        return False
    if not report.user_ok:
        return recover_user_db(reference_db, user_dir, "\n".join(report.messages))
    return True


def recover_user_db(reference_db: Path, user_dir: Path, problem: str) -> bool:
    """A damaged user database is moved aside and the newest good backup offered; False to give up."""
    from zzdesk.core.backup import BackupError, restore
    from zzdesk.core.health import check

    report = check(reference_db, user_dir / paths.USER_DB_NAME, user_dir / "backups", repair=True)
    if not report.reference_ok:
        QMessageBox.critical(None, "无法打开数据", "\n".join(report.messages) or problem)
        return False
    if report.quarantined is None:
        QMessageBox.critical(None, "无法打开数据", problem)
        return False
    text = f"用户数据库已损坏，已移到 {report.quarantined.name}（没有删除）。"
    if report.newest_backup is not None:
        question = f"{text}\n\n用最新的备份 {report.newest_backup.name} 恢复吗？选“否”则从空白数据开始。"
        answer = QMessageBox.question(None, "用户数据已损坏", question)
        if answer == QMessageBox.StandardButton.Yes:
            try:
                restore(user_dir / paths.USER_DB_NAME, report.newest_backup, user_dir / "backups")
            except BackupError as exc:
                QMessageBox.warning(None, "恢复失败", str(exc))
    else:
        QMessageBox.warning(None, "用户数据已损坏", text + "没有可用的备份，将从空白数据开始。")
    return True


def run_gui(reference_db: Path, user_dir: Path) -> int:
    log_path = setup_logging(user_dir)
    app = create_application()

    def report_bug(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("未处理的错误\n%s", "".join(traceback.format_exception(kind, value, tb)))
        QMessageBox.critical(None, "zzdesk 出错了", f"程序遇到了一个错误：{value}\n\n详细信息已记录在 {log_path}")

    sys.excepthook = report_bug
    if not startup_checks(reference_db, user_dir):
        return 1
    try:
        window = open_window(reference_db, user_dir)
    except DatabaseError as exc:
        if not recover_user_db(reference_db, user_dir, str(exc)):
            return 1
        window = open_window(reference_db, user_dir)
    from zzdesk.ui import tasks
    from zzdesk.ui.ending import Ending

    ending = Ending(window)  # SIGTERM, Ctrl+C and the session's end close the window as 退出 does
    try:
        window.show()
        code = app.exec()
    finally:
        ending.uninstall()
    if ending.abandoned:  # a job outlived the grace period: Qt would wait for its thread at exit
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    tasks.wait_all()  # the window waited for its exports; nothing may still be writing when Python exits
    return code
