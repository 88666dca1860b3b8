"""`zzdesk.locations` finds the same folders as platformdirs, without loading it where it can."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import platformdirs
import pytest

from zzdesk import locations, paths
from zzdesk.core.db import open_read_only, read_only_uri

HOMES = ["/home/王工", "/home/user/", "/", "relative/home", "", None]
XDG = ["/srv/数据", "/srv/data/", "relative/data", "", None]


def _environment(monkeypatch: pytest.MonkeyPatch, home: str | None, xdg: str | None) -> None:
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    for name, value in (("HOME", home), ("XDG_DATA_HOME", xdg)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is read without platformdirs on Linux only")
@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("xdg", XDG)
def test_the_linux_user_folder_is_platformdirs_answer(monkeypatch: pytest.MonkeyPatch, home: str | None,
                                                      xdg: str | None) -> None:
    _environment(monkeypatch, home, xdg)
    expected = platformdirs.user_data_dir(locations.APP_NAME, appauthor=False)
    quick = locations.xdg_user_data_dir()
    if quick is not None:
        assert quick == expected
    assert locations.platform_user_data_dir() == expected
    assert paths.user_data_dir() == Path(expected)
    # Only the unusual environments (no absolute HOME to fall back on) are left to platformdirs.
    assert (quick is None) == (not (xdg or "").startswith("/") and not (home or "").startswith("/"))


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_systems_ask_platformdirs(monkeypatch: pytest.MonkeyPatch, platform: str) -> None:
    _environment(monkeypatch, "/home/user", "/srv/data")
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda name, appauthor: f"{platform}:{name}:{appauthor}")
    assert locations.xdg_user_data_dir() is None
    assert locations.platform_user_data_dir() == f"{platform}:zzdesk:False"


def test_android_is_left_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    _environment(monkeypatch, "/home/user", None)
    monkeypatch.setenv("ANDROID_DATA", "/data")
    monkeypatch.setenv("ANDROID_ROOT", "/system")
    assert locations.xdg_user_data_dir() is None


def test_given_folders_come_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(paths.HOME_ENV, "from-env")
    assert locations.user_data_dir() == str(tmp_path / "from-env")
    assert locations.user_data_dir("given//inner/") == str(tmp_path / "given" / "inner")
    assert paths.user_db_path("given") == tmp_path / "given" / paths.USER_DB_NAME


def test_paths_and_locations_agree() -> None:
    assert paths.reference_db_path() == Path(locations.reference_db())
    assert paths.reference_db_path().is_file()
    assert paths.install_root() == Path(locations.install_root())
    assert paths.user_db_path() == Path(locations.user_db())


@pytest.mark.parametrize("folder", ["a b", "百分号%25与%", "问号?井号#", "file:x"])
def test_read_only_uri_opens_that_very_file(tmp_path: Path, folder: str) -> None:
    target = tmp_path / folder / paths.REFERENCE_DB_NAME
    target.parent.mkdir()
    target.write_bytes(paths.reference_db_path().read_bytes())
    conn = sqlite3.connect(read_only_uri(target), uri=True)
    try:
        assert conn.execute("PRAGMA database_list").fetchone()[2] == str(target)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("CREATE TABLE t (x)")
    finally:
        conn.close()
    open_read_only(str(target)).close()
    assert sorted(p.name for p in target.parent.iterdir()) == [paths.REFERENCE_DB_NAME]  # nothing created
