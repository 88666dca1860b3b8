"""工具 → 备份与恢复, 文件 → 导出全部用户数据 / 导入数据包."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from zzdesk.core.errors import UserError
from zzdesk.ui import folders
from zzdesk.ui.controllers import Host, wait_for_writes


class UserDataActions:
    def __init__(self, host: Host) -> None:
        self.host = host

    def backup_dialog(self) -> None:
        from zzdesk.ui.backup_dialog import BackupDialog

        BackupDialog(self.host.data.store, self.restore_backup, self.host.dialog_parent()).exec()

    def export_pack_dialog(self) -> None:
        parent = self.host.dialog_parent()
        path = folders.save_path(parent, "导出全部用户数据", "zzdesk-数据.zzpack", "zzdesk 数据包 (*.zzpack)")
        if path is None:
            return
        self.host.flush_edits()
        try:
            changes = self.host.data.store.export_pack(path)
        except UserError as exc:
            QMessageBox.warning(parent, "导出失败", str(exc))
            return
        folders.announce(parent, f"{changes.message}：{path}")

    def import_pack_dialog(self) -> None:
        from zzdesk.core.datapack import read_pack, read_trust

        parent = self.host.dialog_parent()
        path = folders.open_path(parent, "导入数据包", "zzdesk 数据包 (*.zzpack);;所有文件 (*)")
        if path is None:
            return
        store = self.host.data.store
        assert store.user_path is not None
        try:
            keys, required = read_trust(store.user_path.parent)
            info, _ = read_pack(Path(path), keys, required)  # verify before asking anything
        except UserError as exc:
            QMessageBox.warning(parent, "无法导入数据包", str(exc))
            return
        answer = QMessageBox.question(parent, "导入数据包", f"用 {info.created} 导出的数据替换现在的全部用户数据吗？"
                                      "现在的数据会先备份。")
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_backup(str(path), pack=True)

    def restore_backup(self, path: str, pack: bool = False) -> None:
        """Replace the user database by a backup (or a data pack), then show its data."""
        desk = self.host.data.store
        if wait_for_writes(self.host.dialog_parent()):
            return
        self.host.flush_edits()
        try:
            changes = desk.import_pack(Path(path)) if pack else desk.restore(Path(path))
        except UserError as exc:
            QMessageBox.warning(self.host.dialog_parent(), "恢复失败", str(exc))
            changes = None
        self.host.data_changed(None)  # the Desk reopened the user data, old or new: show what is there
        if changes is not None:
            self.host.say(changes.message)
