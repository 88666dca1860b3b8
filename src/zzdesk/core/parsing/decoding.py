"""Bytes to text: strict UTF-8 (with or without BOM), UTF-16 with BOM, then GB18030.

The other order silently garbles UTF-8 Chinese, so GB18030 comes last, and
anything that is none of these is refused with a clear message.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from zzdesk.core.errors import UserError

MAX_TEXT_BYTES = 20 * 1024 * 1024  # a report is a few hundred KB; this stops a runaway file
MAX_DOCX_BYTES = 30 * 1024 * 1024  # python-docx lifts libxml2's limits: cap the archive first
MAX_DOCX_UNPACKED = 100 * 1024 * 1024


class DecodeError(UserError, ValueError):
    """The file is not a text this program can read; the message says why, in Chinese."""


def decode_text(data: bytes) -> str:
    if len(data) > MAX_TEXT_BYTES:
        raise DecodeError(f"文件太大（{len(data) // 1024 // 1024} MB），报告文本一般不超过几 MB")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError("文件以 UTF-16 标记开头，但内容无法按 UTF-16 读取") from exc
    if b"\x00" in data:
        raise DecodeError("这不是文本文件（含有二进制数据）")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise DecodeError("无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK") from exc
    if not text.strip():
        raise DecodeError("文件是空的")
    return text


def docx_text(data: bytes) -> str:
    """Paragraph text of a .docx, after checking it is a sane, bounded zip archive."""
    if len(data) > MAX_DOCX_BYTES:
        raise DecodeError("Word 文件太大")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_DOCX_UNPACKED:
                raise DecodeError("Word 文件解压后过大，可能已损坏或被篡改")
            if "word/document.xml" not in archive.namelist():
                raise DecodeError("不是有效的 Word（.docx）文件")
            xml = archive.read("word/document.xml")
    except DecodeError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        # a damaged archive surfaces as any of these from zipfile's reader
        raise DecodeError("不是有效的 Word（.docx）文件") from exc
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise DecodeError("Word 文件中含有不允许的 XML 声明（DOCTYPE/ENTITY），已拒绝")
    import docx  # loaded only for Word files

    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(p.text for p in document.paragraphs)
    except (SyntaxError, ValueError, KeyError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        # lxml's XMLSyntaxError is a SyntaxError; a damaged part is the file's fault, not a bug
        raise DecodeError("Word 文件已损坏，无法读取其中的文字") from exc
    if not text.strip():
        raise DecodeError("Word 文件中没有文字")
    return text


def read_report_bytes(data: bytes, filename: str) -> str:
    if filename.lower().endswith(".docx"):
        return docx_text(data)
    return decode_text(data)
