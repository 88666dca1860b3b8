"""One lock for everything that writes the user's data: restore, import, pack import, backup.

It is an OS file lock (fcntl on Linux, msvcrt on Windows) on `.writers.lock` in the user data
folder, so it holds across processes and is released by the OS when a process dies.  Within one
process it is re-entrant (a restore takes a backup under the same lock) and excludes other
threads.  A writer that cannot get it within a few seconds stops with one clear line saying what
the other zzdesk is doing; it never half-does its work.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from zzdesk.core.errors import UserError

LOCK_NAME = ".writers.lock"
WAIT_SECONDS = 10.0
WAIT_ENV = "ZZDESK_LOCK_WAIT"  # seconds a writer waits for another zzdesk before giving up
POLL_SECONDS = 0.05


class WritersBusy(UserError):
    """Another zzdesk is writing the same user data; str() says what it is doing."""


class DataFolderReadOnly(UserError):
    """The user data folder cannot be written (permissions or a read-only disk)."""


@dataclass
class _Held:
    fd: int  # -1 while the owner waits for the OS lock
    owner: int
    action: str
    depth: int = 0


_held: dict[Path, _Held] = {}
_registry = threading.Lock()
_thread_waits = threading.Condition(_registry)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _open_lock_file(folder: Path) -> int:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise DataFolderReadOnly(f"用户数据文件夹不能写入（只读或没有权限）：{folder}") from exc
        raise DataFolderReadOnly(f"用户数据文件夹无法使用：{folder}（{exc.strerror or exc}）") from exc


def _what_other_does(fd: int) -> str:
    try:
        os.lseek(fd, 0 if os.name != "nt" else 1, os.SEEK_SET)
        text = os.read(fd, 200).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text if text and text.isprintable() else "写入用户数据"


def _note_action(fd: int, action: str) -> None:
    """Record what this process does, for the message another zzdesk shows (byte 0 is the lock byte on Windows)."""
    try:
        os.lseek(fd, 1 if os.name == "nt" else 0, os.SEEK_SET)
        data = action.encode("utf-8")
        os.write(fd, data)
        os.ftruncate(fd, len(data) + (1 if os.name == "nt" else 0))
    except OSError:
        pass  # only a hint for the message


def _default_wait() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, WAIT_SECONDS)))
    except ValueError:
        return WAIT_SECONDS


@contextmanager
def writers_lock(folder: Path, action: str, wait: float | None = None) -> Iterator[None]:
    """Hold the user data folder's writers' lock while doing *action* (e.g. "恢复备份")."""
    key = Path(os.path.realpath(folder))
    me = threading.get_ident()
    deadline = time.monotonic() + (_default_wait() if wait is None else wait)
    with _thread_waits:
        while key in _held and _held[key].owner != me:
            if not _thread_waits.wait(timeout=max(0.0, deadline - time.monotonic())):
                raise WritersBusy(f"zzdesk 正在{_held[key].action}，请稍后再试")
        held = _held.get(key)
        if held is None:  # reserve it for this thread; the OS lock is taken outside the registry
            held = _held[key] = _Held(-1, me, action)
    if held.fd < 0:
        try:
            fd = _open_lock_file(key)
            try:
                while not _try_lock(fd):
                    if time.monotonic() >= deadline:
                        raise WritersBusy(f"另一个 zzdesk 正在{_what_other_does(fd)}，请稍后再试")
                    time.sleep(POLL_SECONDS)
            except BaseException:
                os.close(fd)
                raise
        except BaseException:
            with _thread_waits:
                del _held[key]
                _thread_waits.notify_all()
            raise
        held.fd = fd
        _note_action(fd, action)
    held.depth += 1
    try:
        yield
    finally:
        held.depth -= 1
        if held.depth == 0:
            try:
                _unlock(held.fd)
            finally:
                os.close(held.fd)
                with _thread_waits:
                    del _held[key]
                    _thread_waits.notify_all()


def database_folder(conn: sqlite3.Connection) -> Path | None:
    """The folder of the file behind *conn*'s main database (None for an in-memory one)."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file).parent
    return None


@contextmanager
def lock_for(conn: sqlite3.Connection, action: str, wait: float | None = None) -> Iterator[None]:
    """The writers' lock of the folder holding *conn*'s database (nothing to lock for :memory:)."""
    folder = database_folder(conn)
    if folder is None:
        yield
        return
    with writers_lock(folder, action, wait):
        yield
