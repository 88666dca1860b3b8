"""工具 → 备份与恢复: the backups with their dates, a backup now, and a restore."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zzdesk.core.backup import BackupError, list_backups, make_backup
from zzdesk.core.store import DataStore

PATH_ROLE = Qt.ItemDataRole.UserRole + 40


class BackupDialog(QDialog):
    def __init__(self, store: DataStore, restore: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.restore_callback = store, restore
        self.setWindowTitle("备份与恢复")
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        note = QLabel("关闭程序时，如果数据有改动，每天自动备份一次；保留最近 7 天每天一份、4 周每周一份、"
                      f"6 个月每月一份。备份位于：{store.backup_dir}")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        now_button, restore_button = QPushButton("立即备份"), QPushButton("用所选备份恢复…")
        now_button.clicked.connect(self.backup_now)
        restore_button.clicked.connect(self.restore_selected)
        row.addWidget(now_button)
        row.addWidget(restore_button)
        row.addStretch(1)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for backup in list_backups(self.store.backup_dir):
            kind = "    恢复前的安全副本（不会自动清理）" if backup.protected else ""
            item = QListWidgetItem(f"{backup.taken:%Y年%-m月%-d日 %H:%M:%S}    {backup.size / 1024:.0f} KB{kind}")
            item.setData(PATH_ROLE, str(backup.path))
            self.list.addItem(item)
        if not self.list.count():
            self.list.addItem("（还没有备份）")

    def backup_now(self) -> None:
        try:
            path = make_backup(self.store.user_db, self.store.backup_dir)
        except BackupError as exc:
            QMessageBox.warning(self, "备份失败", str(exc))
            return
        self.refresh()
        self.list.setCurrentRow(0)
        QMessageBox.information(self, "已备份", f"已备份到 {path.name}")

    def restore_selected(self) -> None:
        item = self.list.currentItem()
        path = item.data(PATH_ROLE) if item is not None else None
        if not path:
            return
        answer = QMessageBox.question(self, "恢复备份", f"用 {item.text().split()[0]} 的备份替换现在的数据吗？"
                                      "现在的数据会先另存为一份备份。",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_callback(path)
            self.refresh()
