"""Writing and reading files so that nothing is half-written, overwritten by mistake or read unbounded.

Every file zzdesk writes goes through `atomic_path` (or `write_bytes`/`write_text`): the content
goes to a temporary file in the target's own folder, is flushed and fsynced, then renamed over the
target, and the folder is fsynced.  A full disk or a crash leaves the previous file as it was.
Targets that must never be replaced by an export are refused: zzdesk's own databases (and their
-wal/-shm/-journal), anything in a backups folder, any existing SQLite database, and anything that
is not a regular file (a device such as /dev/full, a FIFO, a folder).

`read_bounded` reads an input file only when it is a regular file no larger than a limit, so a
FIFO, /dev/zero or a huge file is refused instead of hanging or filling memory.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from zzdesk.core.errors import UserError
from zzdesk.core.protected_files import protect as protect
from zzdesk.core.protected_files import protected

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")
BACKUPS_FOLDER = "backups"


class SaveError(UserError, OSError):
    """A file could not be written (or was refused as a target); str() is one Chinese line.

    It is an OSError too, so callers that already handle OSError keep working."""


class ReadError(UserError, OSError):
    """An input file could not be read within bounds; str() is one Chinese line."""


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _is_protected(real: Path, own_backup: bool) -> bool:
    from zzdesk import paths  # the default places, even before any database was opened

    candidates = {Path(p) for p in protected()}
    candidates.add(_real(paths.reference_db_path()))
    with suppress(OSError):
        candidates.add(_real(paths.user_db_path()))
    names = {real}
    for suffix in SIDE_FILES:
        if real.name.endswith(suffix):
            names.add(real.with_name(real.name[: -len(suffix)]))
    for candidate in candidates:
        if candidate in names:
            return True
        if real.parent == candidate.parent / BACKUPS_FOLDER and not (own_backup and not real.exists()):
            return True
    return False


def _same_file_as_protected(target: os.stat_result) -> bool:
    """A hard link to a protected database is the database too."""
    for candidate in protected():
        try:
            other = os.stat(candidate)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (target.st_dev, target.st_ino):
            return True
    return False


def _starts_like_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def check_target(target: str | os.PathLike[str], own_backup: bool = False) -> Path:
    """The real path to write for *target*, or SaveError saying why it must not be written.

    *own_backup* lets the backup code add a NEW file to a backups folder (never replace one)."""
    if not os.fspath(target).strip():
        raise SaveError("没有给出要写入的文件名")
    path = Path(target)
    real = _real(path)
    if _is_protected(real, own_backup):
        raise SaveError(f"不能写入 {path}：这是 zzdesk 自己的数据库或备份，请换一个文件名")
    try:
        info = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise SaveError(f"无法写入 {path}：{_reason(exc)}") from exc
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise SaveError(f"无法写入 {path}：这是一个文件夹")
        if not stat.S_ISREG(info.st_mode):
            raise SaveError(f"不能写入 {path}：这不是普通文件（设备、管道等）")
        if _same_file_as_protected(info) or _starts_like_sqlite(real):
            raise SaveError(f"不能写入 {path}：这是一个数据库文件，请换一个文件名")
    folder = real.parent
    if not folder.is_dir():
        raise SaveError(f"无法写入 {path}：文件夹 {folder} 不存在")
    return real


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "磁盘已满"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有写入权限"
    if exc.errno == errno.EROFS:
        return "文件夹是只读的"
    return exc.strerror or str(exc)


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder; its rename is durable enough
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _new_temp(real: Path, mode: int) -> Path:
    """An empty, new temporary file beside *real*, created with *mode* (less the umask)."""
    import secrets  # here, not at the top: every command imports this module, few write files

    while True:
        temp = real.with_name(f".{real.name}.{secrets.token_hex(4)}.partial")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        except FileExistsError:
            continue
        os.close(fd)
        return temp


@contextmanager
def atomic_path(target: str | os.PathLike[str], own_backup: bool = False, mode: int | None = None,
                ) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces *target* durably, on failure it goes.

    The caller writes the whole file to the yielded path (by any means: a library's save(),
    SQLite's backup API …).  The previous *target*, if any, stays intact until the rename."""
    real = check_target(target, own_backup)
    try:
        temp = _new_temp(real, 0o666 if mode is None else mode)
    except OSError as exc:
        raise SaveError(f"无法写入 {target}：{_reason(exc)}") from exc
    try:
        try:
            yield temp
            if mode is None and real.exists():
                os.chmod(temp, stat.S_IMODE(os.stat(real).st_mode))
            fd = os.open(temp, os.O_RDWR | getattr(os, "O_BINARY", 0))
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            check_target(target, own_backup)  # nothing became a database or device while we wrote
            os.replace(temp, real)
            _fsync_folder(real.parent)
        except OSError as exc:
            if isinstance(exc, SaveError):
                raise
            raise SaveError(f"无法写入 {target}：{_reason(exc)}（原有文件未改动）") from exc
    finally:
        for leftover in [temp, *(temp.with_name(temp.name + s) for s in SIDE_FILES)]:
            with suppress(OSError):
                leftover.unlink(missing_ok=True)


def write_bytes(target: str | os.PathLike[str], data: bytes, mode: int | None = None) -> Path:
    """Write *data* to *target* atomically (see `atomic_path`); returns the real path written."""
    with atomic_path(target, mode=mode) as temp, open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
    return _real(Path(target))


def write_text(target: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(target, text.encode(encoding))


@contextmanager
def _open_regular(path: str | os.PathLike[str], limit: int, what: str) -> Iterator[int]:
    """An open descriptor of a regular file no larger than *limit*; ReadError for anything else.

    The file is opened without blocking (a FIFO would otherwise wait for a writer) and checked
    with fstat on the open handle, so it cannot be swapped between the check and the read."""
    shown = os.fspath(path)
    if not shown.strip():
        raise ReadError(f"没有给出{what}的文件名")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as exc:
        raise ReadError(f"找不到{what}：{shown}") from exc
    except OSError as exc:
        reason = "没有读取权限" if exc.errno in (errno.EACCES, errno.EPERM) else (exc.strerror or str(exc))
        raise ReadError(f"无法读取{what} {shown}：{reason}") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(f"无法读取{what} {shown}：这是一个文件夹")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"不能读取{what} {shown}：这不是普通文件（设备、管道等）")
        if info.st_size > limit:
            raise ReadError(f"{what}太大：{shown}（{info.st_size // 1024} KB，上限 {limit // 1024} KB）")
        yield fd
    except OSError as exc:
        if isinstance(exc, ReadError):
            raise
        raise ReadError(f"无法读取{what} {shown}：{exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def _chunks(fd: int, limit: int, shown: str, what: str) -> Iterator[bytes]:
    size = 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            return
        size += len(chunk)
        if size > limit:  # it grew after fstat
            raise ReadError(f"{what}太大：{shown}（上限 {limit // 1024} KB）")
        yield chunk


def read_bounded(path: str | os.PathLike[str], limit: int, what: str = "文件") -> bytes:
    """The bytes of a regular file no larger than *limit* bytes; ReadError (one Chinese line) otherwise."""
    with _open_regular(path, limit, what) as fd:
        return b"".join(_chunks(fd, limit, os.fspath(path), what))


def copy_bounded(path: str | os.PathLike[str], target: Path, limit: int, what: str = "文件") -> None:
    """Copy a regular file no larger than *limit* to *target* (a private scratch file) without reading it whole."""
    with _open_regular(path, limit, what) as fd, open(target, "wb") as out:
        for chunk in _chunks(fd, limit, os.fspath(path), what):
            out.write(chunk)
