"""Reading an input file without trusting it: one bounded reader for every format.

The size is checked on the open descriptor before a byte is read, and only regular files are read at all:
a FIFO, /dev/zero or a terminal would block or never end.  Archives (.docx, .ofd) are checked member by
member before anything is unpacked, and every XML part goes through one streaming parser that refuses
DOCTYPE and entity declarations in whatever encoding the part declares.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO
from xml.parsers import expat

from zzdesk.core.errors import UserError

MAX_INPUT_BYTES = 30 * 1024 * 1024  # a report is a few hundred KB; a PDF with pictures a few MB
MAX_ARCHIVE_MEMBERS = 2000
MAX_PART_BYTES = 40 * 1024 * 1024  # one unpacked XML part
MAX_ARCHIVE_UNPACKED = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100  # text compresses well, but not a hundredfold
XML_CHUNK = 64 * 1024


class InputFileError(UserError, ValueError):
    """The file cannot be read as a report; the message says why, in Chinese."""


def read_bounded(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file no larger than *limit*, through the one bounded reader (core.safe_files):
    a FIFO, a device or an oversized file is refused before a byte is read."""
    from zzdesk.core.safe_files import ReadError
    from zzdesk.core.safe_files import read_bounded as read_regular

    try:
        return read_regular(path, limit, "报告文件")
    except ReadError as exc:
        message = str(exc)
        raise InputFileError(message if "太大" in message or "读取" in message else f"无法读取：{message}") from exc


# Archives ------------------------------------------------------------------------------------------------


def open_archive(data: bytes, label: str) -> zipfile.ZipFile:
    """A zip archive whose members were checked: count, names, unpacked sizes and compression ratios."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise InputFileError(f"不是有效的{label}文件") from exc
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise InputFileError(f"{label}文件中的部件过多，可能已损坏或被篡改")
    total = 0
    for info in members:
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or ":" in name:
            raise InputFileError(f"{label}文件中有指向外部的路径（{name[:40]}），已拒绝")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or total > MAX_ARCHIVE_UNPACKED or (
                info.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO):
            raise InputFileError(f"{label}文件解压后过大，可能已损坏或被篡改")
    return archive


def archive_part(archive: zipfile.ZipFile, name: str, label: str) -> IO[bytes]:
    try:
        return archive.open(name.lstrip("/"))
    except KeyError as exc:
        raise InputFileError(f"{label}文件缺少部件 {name[:60]}，不是有效的{label}文件") from exc
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError, ValueError) as exc:
        raise InputFileError(f"{label}文件中的部件 {name[:60]} 无法读取") from exc


# XML -----------------------------------------------------------------------------------------------------

StartHandler = Callable[[str, dict[str, str]], None]
EndHandler = Callable[[str], None]
TextHandler = Callable[[str], None]


def _refuse_declarations(label: str) -> Callable[..., None]:
    def refuse(*_args: object) -> None:
        raise InputFileError(f"{label}文件中含有不允许的 XML 声明（DOCTYPE/ENTITY），已拒绝")

    return refuse


def stream_xml(stream: IO[bytes], label: str, start: StartHandler | None = None, end: EndHandler | None = None,
               text: TextHandler | None = None) -> None:
    """Parse one XML part in chunks (any declared encoding), refusing DOCTYPE, entities and bad XML.

    Element names arrive without their namespace ("p", "t", "TextCode").
    """
    parser = expat.ParserCreate(namespace_separator="\x01")
    refuse = _refuse_declarations(label)
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    if start is not None:
        parser.StartElementHandler = lambda name, attrs: start(name.rpartition("\x01")[2], attrs)
    if end is not None:
        parser.EndElementHandler = lambda name: end(name.rpartition("\x01")[2])
    if text is not None:
        parser.CharacterDataHandler = text
    parser.buffer_text = True
    read = 0
    try:
        while chunk := stream.read(XML_CHUNK):
            read += len(chunk)
            if read > MAX_PART_BYTES:
                raise InputFileError(f"{label}文件中的部件过大，可能已损坏或被篡改")
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except InputFileError:
        raise  # a refusal from a handler (DOCTYPE, a part too large) says why itself
    except expat.ExpatError as exc:
        raise InputFileError(f"{label}文件中的 XML 已损坏（{expat.ErrorString(exc.code)}）") from exc
    except LookupError as exc:  # the XML declaration names an encoding that does not exist
        raise InputFileError(f"{label}文件中的 XML 声明了未知的编码") from exc
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        # a damaged archive surfaces as any of these from zipfile's reader
        raise InputFileError(f"{label}文件已损坏，无法解压") from exc


def check_all_xml(archive: zipfile.ZipFile, label: str) -> None:
    """Every XML part, not only the one read for text: a DOCTYPE in styles.xml is refused as well."""
    for info in archive.infolist():
        if info.filename.lower().endswith((".xml", ".rels")):
            with archive_part(archive, info.filename, label) as stream:
                stream_xml(stream, label)
