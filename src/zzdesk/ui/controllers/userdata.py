"""工具 → 备份与恢复, 文件 → 导出全部用户数据 / 导入数据包."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from zzdesk.core.errors import UserError
from zzdesk.ui.controllers import Host


class UserDataActions:
    def __init__(self, host: Host) -> None:
        self.host = host

    def backup_dialog(self) -> None:
        from zzdesk.ui.backup_dialog import BackupDialog

        BackupDialog(self.host.data.store, self.restore_backup, self.host.dialog_parent()).exec()

    def export_pack_dialog(self) -> None:
        from zzdesk.core.datapack import export_pack

        parent = self.host.dialog_parent()
        path, _ = QFileDialog.getSaveFileName(parent, "导出全部用户数据", "zzdesk-数据.zzpack",
                                              "zzdesk 数据包 (*.zzpack)")
        if not path:
            return
        self.host.flush_edits()
        try:
            export_pack(self.host.data.store.user_db, Path(path))
        except UserError as exc:
            QMessageBox.warning(parent, "导出失败", str(exc))
            return
        self.host.say(f"已导出全部用户数据到 {path}")

    def import_pack_dialog(self) -> None:
        from zzdesk.core.datapack import read_pack, read_trust

        parent = self.host.dialog_parent()
        path, _ = QFileDialog.getOpenFileName(parent, "导入数据包", "", "zzdesk 数据包 (*.zzpack);;所有文件 (*)")
        if not path:
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
            self.restore_backup(path, pack=True)

    def restore_backup(self, path: str, pack: bool = False) -> None:
        """Replace the user database by a backup (or a data pack), then show its data."""
        from zzdesk.core.backup import restore
        from zzdesk.core.datapack import import_pack, read_trust
        from zzdesk.core.userdb import open_user_db

        store = self.host.data.store
        self.host.flush_edits()
        assert store.user is not None and store.user_path is not None
        store.user.close()
        failed = False
        try:
            if pack:
                import_pack(Path(path), store.user_path, store.backup_dir, *read_trust(store.user_path.parent))
            else:
                restore(store.user_path, Path(path), store.backup_dir)
        except UserError as exc:
            failed = True
            QMessageBox.warning(self.host.dialog_parent(), "恢复失败", str(exc))
        finally:
            store.user = open_user_db(store.user_path)
        self.host.data_changed(None)
        if not failed:
            self.host.say(f"已从备份 {Path(path).name} 恢复")
