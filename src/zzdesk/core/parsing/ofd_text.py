"""The text objects of an OFD file (GB/T 33190), read with the same defences as a Word file.

OFD.xml names the document root (DocBody/DocRoot); the document lists its pages (Pages/Page/@BaseLoc);
each page's content holds TextObjects (Boundary "x y w h" in mm, y downwards) whose TextCodes carry the
characters.  Page templates (running heads, seals) are not read.  Paths inside the package are resolved
against the part that names them and must stay inside the package.
"""

from __future__ import annotations

import posixpath
import zipfile

from zzdesk.core.parsing.input_files import InputFileError, archive_part, check_all_xml, open_archive, stream_xml
from zzdesk.core.parsing.layout import Line, Run, lines_from_runs, paragraphs_from_pages

LABEL = "OFD"
MAX_PAGES = 2000


def _resolve(base_dir: str, location: str) -> str:
    location = location.strip().replace("\\", "/")
    path = location.lstrip("/") if location.startswith("/") else posixpath.join(base_dir, location)
    path = posixpath.normpath(path)
    if path.startswith("..") or path.startswith("/"):
        raise InputFileError(f"OFD 文件中有指向外部的路径（{location[:40]}），已拒绝")
    return path


def _collect_text(archive: zipfile.ZipFile, part: str, element: str) -> list[str]:
    """The text of every *element* in *part* (DocRoot in OFD.xml)."""
    found: list[str] = []
    inside: list[str] = []

    def start(name: str, _attrs: dict[str, str]) -> None:
        if name == element:
            inside.append("")

    def text(data: str) -> None:
        if inside:
            inside[-1] += data

    def end(name: str) -> None:
        if name == element and inside:
            found.append(inside.pop().strip())

    with archive_part(archive, part, LABEL) as stream:
        stream_xml(stream, LABEL, start, end, text)
    return found


def _page_locations(archive: zipfile.ZipFile, document: str) -> list[str]:
    pages: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "Page" and "BaseLoc" in attrs:
            if len(pages) >= MAX_PAGES:
                raise InputFileError("OFD 文件页数过多，不像一份报告")
            pages.append(_resolve(posixpath.dirname(document), attrs["BaseLoc"]))

    with archive_part(archive, document, LABEL) as stream:
        stream_xml(stream, LABEL, start)
    return pages


def _numbers(text: str, count: int) -> list[float]:
    try:
        values = [float(v) for v in text.split()]
    except ValueError:
        values = []
    return (values + [0.0] * count)[:count]


def _page_lines(archive: zipfile.ZipFile, page: str) -> list[Line]:
    runs: list[Run] = []
    state: dict[str, object] = {}
    parts: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "TextObject":
            x, y, w, _h = _numbers(attrs.get("Boundary", ""), 4)
            state.update(x=x, y=y, w=w, size=_numbers(attrs.get("Size", "0"), 1)[0])
        elif name == "TextCode":
            parts.clear()
            state.update(cx=_numbers(attrs.get("X", "0"), 1)[0], cy=_numbers(attrs.get("Y", "0"), 1)[0],
                         code=True)

    def text(data: str) -> None:
        if state.get("code"):
            parts.append(data)

    def end(name: str) -> None:
        if name == "TextCode" and state.get("code"):
            state["code"] = False
            content = "".join(parts)
            x, y, w, size = (float(state.get(k, 0.0)) for k in ("x", "y", "w", "size"))  # type: ignore[arg-type]
            left = x + float(state["cx"])  # type: ignore[arg-type]
            if content.strip():
                top = y + float(state["cy"])  # type: ignore[arg-type]
                right = x + w if w > 0 else left + size * len(content)  # the boundary, else a full em each
                runs.append(Run(top, left, right, size or 1.0, content))

    with archive_part(archive, page, LABEL) as stream:
        stream_xml(stream, LABEL, start, end, text)
    return lines_from_runs(runs)


def ofd_text(data: bytes) -> str:
    with open_archive(data, LABEL) as archive:
        if "OFD.xml" not in archive.namelist():
            raise InputFileError("不是有效的 OFD 文件（缺少 OFD.xml）")
        check_all_xml(archive, LABEL)
        roots = _collect_text(archive, "OFD.xml", "DocRoot")
        if not roots:
            raise InputFileError("不是有效的 OFD 文件（没有文档）")
        pages = [_page_lines(archive, page) for page in _page_locations(archive, _resolve("", roots[0]))]
    text = paragraphs_from_pages(pages)
    if not text.strip():
        raise InputFileError("OFD 文件中没有文字（可能是扫描件，无法识别文字）")
    return text
