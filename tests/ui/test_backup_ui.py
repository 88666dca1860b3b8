"""Backups from the window, and start-up with a damaged user database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from zzdesk import paths
from zzdesk.core.backup import list_backups, make_backup
from zzdesk.core.briefing import BriefingItem, BriefingSpec
from zzdesk.core.briefing_store import list_briefings, save_briefing
from zzdesk.core.userdb import open_user_db
from zzdesk.ui.app import recover_user_db
from zzdesk.ui.main_window import MainWindow


def test_restore_from_the_window(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    store = window.data.store
    save_briefing(store.user_db, BriefingSpec("备份前", (BriefingItem("headlines", ""),)))
    backup = make_backup(store.user_db, store.backup_dir)
    save_briefing(store.user_db, BriefingSpec("备份后", (BriefingItem("headlines", ""),)))
    window.userdata_actions.restore_backup(str(backup))
    assert [b.title for b in list_briefings(store.user_db)] == ["备份前"]
    assert len(list_backups(store.backup_dir)) == 2  # the state before the restore was kept too


def test_start_up_with_a_damaged_user_db_offers_the_backup(user_home: Path, qapp: object,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    conn = open_user_db(user_home / "user.sqlite")
    save_briefing(conn, BriefingSpec("保住", (BriefingItem("headlines", ""),)))
    make_backup(conn, user_home / "backups")
    conn.close()
    (user_home / "user.sqlite").write_bytes(b"broken" * 1000)
    for side in ("-wal", "-shm"):
        (user_home / f"user.sqlite{side}").unlink(missing_ok=True)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, title, _t: asked.append(title) or QMessageBox.StandardButton.Yes)
    assert recover_user_db(paths.reference_db_path(), user_home, "damaged")
    assert asked == ["用户数据已损坏"]
    conn = open_user_db(user_home / "user.sqlite")
    assert [b.title for b in list_briefings(conn)] == ["保住"]
    conn.close()
    assert list(user_home.glob("user.sqlite.*.damaged"))


def test_start_up_refuses_a_damaged_reference_db(user_home: Path, tmp_path: Path, qapp: object,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from zzdesk.ui.app import startup_checks

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text: shown.append(title + text))
    assert startup_checks(paths.reference_db_path(), user_home)
    broken = tmp_path / "zz.sqlite"
    broken.write_bytes(paths.reference_db_path().read_bytes()[:50_000])  # cut short, as a failed copy would be
    assert not startup_checks(broken, user_home)
    assert shown and "参考数据库缺失或已损坏" in shown[0]
