"""Bytes to text: strict UTF-8 (with or without BOM), UTF-16 with BOM, then GB18030; Word, PDF and OFD files.

The other order silently garbles UTF-8 Chinese, so GB18030 comes last, and anything that is none of these
is refused with a clear message.  Whatever the format, the text leaves here without control characters or
terminal escape sequences: it is shown, printed and written to the terminal later.
"""

from __future__ import annotations

import re
from pathlib import Path

from zzdesk.core.parsing.input_files import (
    MAX_INPUT_BYTES,
    InputFileError,
    archive_part,
    check_all_xml,
    open_archive,
    read_bounded,
    stream_xml,
)

MAX_TEXT_BYTES = 20 * 1024 * 1024  # a report is a few hundred KB; this stops a runaway file
MAX_TEXT_CHARS = 10 * 1024 * 1024
DecodeError = InputFileError  # the name callers already catch

# ESC [ … final byte (CSI), ESC ] … BEL/ST (OSC), other ESC pairs; then any C0/C1 control but tab and newline,
# and the bidirectional overrides that reorder what a reader sees.  Each piece is a flat class: linear time.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)?|\x1b[@-_]?|"
                      r"\x9b[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_OLD_WORD = (b"\xd0\xcf\x11\xe0",)  # OLE compound file: .doc, .wps, .et


def strip_controls(text: str) -> str:
    """Text without terminal escapes or control characters (line breaks and tabs are kept)."""
    return _ESCAPES.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def decode_text(data: bytes) -> str:
    if len(data) > MAX_TEXT_BYTES:
        raise DecodeError(f"文件太大（{len(data) // 1024 // 1024} MB），报告文本一般不超过几 MB")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _non_empty(strip_controls(data.decode("utf-16")), "文件是空的")
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
    return _non_empty(strip_controls(text), "文件是空的")


def _non_empty(text: str, message: str) -> str:
    if not text.strip():
        raise DecodeError(message)
    return text


class _WordText:
    """Collects paragraph text from word/document.xml as it streams by; a table row becomes one line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.size = 0
        self.paragraph: list[str] = []
        self.cells: list[str] = []  # paragraphs of the current table cell
        self.row: list[str] = []  # cells of the current table row
        self.in_text = False
        self.table_depth = 0

    def start(self, name: str, _attrs: dict[str, str]) -> None:
        if name == "t":
            self.in_text = True
        elif name == "tab":
            self.paragraph.append("\t")
        elif name in ("br", "cr"):
            self.paragraph.append("\n")
        elif name == "tbl":
            self.table_depth += 1

    def end(self, name: str) -> None:
        if name == "t":
            self.in_text = False
        elif name == "p":
            line = "".join(self.paragraph).strip()
            self.paragraph = []
            if self.table_depth:
                if line:
                    self.cells.append(line)
            elif line:  # empty paragraphs take no memory, however many there are
                self._add(line)
        elif name == "tc":
            self.row.append(" ".join(c for c in self.cells if c))
            self.cells = []
        elif name == "tr":
            row, self.row = [cell for cell in self.row if cell], []
            if row:
                self._add("\t".join(row))
        elif name == "tbl":
            self.table_depth -= 1

    def text(self, data: str) -> None:
        if self.in_text:
            self.paragraph.append(data)

    def _add(self, line: str) -> None:
        self.size += len(line) + 1
        if self.size > MAX_TEXT_CHARS:
            raise DecodeError("Word 文件中的文字过多，不像一份报告")
        self.lines.append(line)


def docx_text(data: bytes) -> str:
    """Paragraph (and table row) text of a .docx, streamed: no part is ever held as a whole tree."""
    if data.startswith(_OLD_WORD):
        raise DecodeError("这是旧版 Word/WPS 文件（.doc/.wps）：请在 Word 或 WPS 中另存为 .docx 或 PDF 后导入")
    with open_archive(data, "Word") as archive:
        if "word/document.xml" not in archive.namelist():
            raise DecodeError("不是有效的 Word（.docx）文件")
        check_all_xml(archive, "Word")
        collector = _WordText()
        with archive_part(archive, "word/document.xml", "Word") as stream:
            stream_xml(stream, "Word", collector.start, collector.end, collector.text)
    return _non_empty(strip_controls("\n".join(collector.lines)), "Word 文件中没有文字")


def read_report_bytes(data: bytes, filename: str) -> str:
    """The text of a report file, whatever its format (judged by content first, then by name)."""
    name = filename.lower()
    if data.startswith(b"%PDF") or name.endswith(".pdf"):
        from zzdesk.core.parsing.pdf_text import pdf_text

        return strip_controls(pdf_text(data))
    if name.endswith(".ofd"):
        from zzdesk.core.parsing.ofd_text import ofd_text

        return strip_controls(ofd_text(data))
    if name.endswith((".docx", ".doc", ".wps")) or data.startswith(_OLD_WORD):
        return docx_text(data)
    return decode_text(data)


def read_report_file(path: Path) -> str:
    """The one way a report file is read: bounded, regular files only, then by format."""
    return read_report_bytes(read_bounded(path, MAX_INPUT_BYTES), path.name)
