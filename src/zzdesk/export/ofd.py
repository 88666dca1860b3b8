"""Briefing to OFD (GB/T 33190-2016), the fixed-layout format offices file into OA systems.

The pages are the PDF's own layout (`lay_out`): every character at its position, rules
as paths, charts as vector paths and text drawn by the same painters as in the PDF
(`chart_ops`).  Each font used is embedded as a subset of just the
characters it draws, so the file reads the same on a PC without the fonts.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import uuid
import zipfile
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from PySide6.QtGui import QColor

from zzdesk import __version__, paths
from zzdesk.core.briefing import Document
from zzdesk.core.safe_files import write_bytes
from zzdesk.export.chart_ops import BoxOp, picture_ops
from zzdesk.export.fonts import resolve, role_font
from zzdesk.export.page_layout import PAGE_H, PAGE_W, Face, Op, PictureOp, RuleOp, TextOp, lay_out
from zzdesk.export.pdf import check_writable

NS = "http://www.ofdspec.org/2016"
# Bundled family (and bold) -> file in resources/fonts.
BUNDLED_FONT_FILES = {
    ("Noto Sans CJK SC", False): "NotoSansSC-Regular.otf", ("Noto Sans CJK SC", True): "NotoSansSC-Bold.otf",
    ("Noto Serif CJK SC", False): "NotoSerifSC-Regular.otf", ("Noto Serif CJK SC", True): "NotoSerifSC-Bold.otf",
    ("ZZDesk Kai", False): "ZZDeskKai-Regular.ttf", ("Zhuque Fangsong", False): "ZhuqueFangsong-Regular.ttf",
    ("Zhuque Fangsong", True): "ZhuqueFangsong-Regular.ttf", ("ZZDesk Kai", True): "ZZDeskKai-Regular.ttf",
}


def font_file(face: Face) -> tuple[str, Path | None]:
    """The font drawing *face* (family, and Bold when it is the bold cut) and its file: bundled, or
    found through fontconfig; None when neither, and the reader substitutes by name."""
    family = resolve(face.role).family
    bold = role_font(face.role, face.size, face.bold).bold()
    bundled = BUNDLED_FONT_FILES.get((family, bold))
    name = f"{family} Bold" if bold and bundled != BUNDLED_FONT_FILES.get((family, False)) else family
    if bundled and resolve(face.role).bundled:
        return name, paths.resources_dir() / "fonts" / bundled
    if shutil.which("fc-match"):
        style = ":bold" if bold else ""
        found = subprocess.run(["fc-match", "-f", "%{file}", f"{family}{style}"], capture_output=True,
                               text=True, timeout=20, check=False).stdout.strip()
        if found and Path(found).is_file() and Path(found).suffix.lower() in {".ttf", ".otf"}:
            return name, Path(found)
    return name, None


def to_truetype(font: TTFont) -> None:
    """Replace CFF outlines by quadratic TrueType ones: OFD readers widely read only TrueType."""
    if "CFF " not in font:
        return
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attribute in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                      "maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxPoints",
                      "maxContours", "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"


def subset_font(source: Path, text: str) -> bytes:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    to_truetype(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _colour(name: str) -> str:
    colour = QColor(name)
    return f"{colour.red()} {colour.green()} {colour.blue()}"


def _n(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _path(object_id: int, left: float, top: float, width: float, height: float, data: str, *,
          stroke: str | None, line_width: float, fill: str | None = None) -> str:
    # A stroked line also names its colour as FillColor (ignored where Fill is false): some readers stroke
    # every path in its FillColor.
    colours = (f'<ofd:FillColor Value="{_colour(fill or stroke or "#000000")}"/>'
               + (f'<ofd:StrokeColor Value="{_colour(stroke)}"/>' if stroke else ""))
    return (f'<ofd:PathObject ID="{object_id}" Boundary="{_n(left)} {_n(top)} {_n(width)} {_n(height)}" '
            f'LineWidth="{_n(line_width)}" Stroke="{"true" if stroke else "false"}" '
            f'Fill="{"true" if fill else "false"}">{colours}<ofd:AbbreviatedData>{data}</ofd:AbbreviatedData>'
            "</ofd:PathObject>")


def _expanded(ops: tuple[Op, ...]) -> list[TextOp | RuleOp | PictureOp | BoxOp]:
    """The page's operations with each chart replaced by the vector drawing it is made of."""
    out: list[TextOp | RuleOp | PictureOp | BoxOp] = []
    for op in ops:
        out += picture_ops(op) if isinstance(op, PictureOp) else [op]
    return out


class _Ids:
    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def write_ofd(document: Document, path: Path) -> int:
    """Write *document* to *path* as OFD; returns the page count.  Raises OSError (SaveError) when it cannot."""
    check_writable(path)
    pages = [_expanded(ops) for ops in lay_out(document).pages]
    ids = _Ids()
    files: dict[str, bytes] = {}
    used: dict[Face, str] = {}
    texts: dict[str, set[str]] = defaultdict(set)
    for ops in pages:
        for op in ops:
            if isinstance(op, TextOp):
                used.setdefault(op.face, "")
    # One OFD font per family and weight.
    font_ids: dict[tuple[str, Path | None], int] = {}
    face_font: dict[Face, int] = {}
    for face in used:
        key = font_file(face)
        if key not in font_ids:
            font_ids[key] = ids.next()
        face_font[face] = font_ids[key]
    for ops in pages:
        for op in ops:
            if isinstance(op, TextOp):
                texts[str(face_font[op.face])].update(op.text)
    fonts_xml = []
    for (family, source), font_id in font_ids.items():
        file_xml = ""
        if source is not None:
            name = f"{family.replace(' ', '')}.ttf"  # the name without spaces, as readers look it up
            files[f"Doc_0/Res/{name}"] = subset_font(source, "".join(sorted(texts[str(font_id)])))
            file_xml = f"<ofd:FontFile>{name}</ofd:FontFile>"
        fonts_xml.append(f'<ofd:Font ID="{font_id}" FontName={quoteattr(family)} FamilyName={quoteattr(family)}>'
                         f"{file_xml}</ofd:Font>")
    page_entries: list[str] = []
    for number, ops in enumerate(pages):
        objects: list[str] = []
        for op in ops:
            if isinstance(op, TextOp):
                size = op.face.size * 25.4 / 72
                left, top = min(op.xs), op.y - size
                width = max(op.xs) - left + size
                deltas = " ".join(_n(b - a) for a, b in zip(op.xs, op.xs[1:], strict=False))
                delta_attr = f" DeltaX={quoteattr(deltas)}" if deltas else ""
                weight = ' Weight="700"' if op.face.bold else ""
                objects.append(
                    f'<ofd:TextObject ID="{ids.next()}" Boundary="{_n(left)} {_n(top)} {_n(width)} {_n(size * 1.4)}" '
                    f'Font="{face_font[op.face]}" Size="{_n(size)}"{weight}>'
                    f'<ofd:FillColor Value="{_colour(op.color)}"/>'
                    f'<ofd:TextCode X="{_n(op.xs[0] - left)}" Y="{_n(size)}"{delta_attr}>'
                    f"{escape(op.text)}</ofd:TextCode>"
                    "</ofd:TextObject>")
            elif isinstance(op, RuleOp):
                left, top = min(op.x1, op.x2), min(op.y1, op.y2) - op.width / 2
                width, height = abs(op.x2 - op.x1) or op.width, abs(op.y2 - op.y1) or op.width
                objects.append(_path(ids.next(), left, top, width, height,
                                     f"M {_n(op.x1 - left)} {_n(op.y1 - top)} L {_n(op.x2 - left)} {_n(op.y2 - top)}",
                                     stroke=op.color, line_width=op.width))
            elif isinstance(op, BoxOp) and op.w > 0 and op.h > 0:  # a chart's bar or swatch
                objects.append(_path(ids.next(), op.x, op.y, op.w, op.h,
                                     f"M 0 0 L {_n(op.w)} 0 L {_n(op.w)} {_n(op.h)} L 0 {_n(op.h)} C",
                                     stroke=op.stroke, line_width=op.stroke_width, fill=op.fill))
        layer = ids.next()
        files[f"Doc_0/Pages/Page_{number}/Content.xml"] = _xml(
            f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="{layer}" Type="Body">'
            + "".join(objects) + "</ofd:Layer></ofd:Content></ofd:Page>")
        page_entries.append(f'<ofd:Page ID="{ids.next()}" BaseLoc="Pages/Page_{number}/Content.xml"/>')
    files["Doc_0/PublicRes.xml"] = _xml(f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
                                        + "".join(fonts_xml) + "</ofd:Fonts></ofd:Res>")
    files["Doc_0/DocumentRes.xml"] = _xml(f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"></ofd:Res>')
    files["Doc_0/Document.xml"] = _xml(
        f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>{ids.last}</ofd:MaxUnitID>'
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {_n(PAGE_W)} {_n(PAGE_H)}</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
        f"</ofd:CommonData><ofd:Pages>{''.join(page_entries)}</ofd:Pages></ofd:Document>")
    now = datetime.now()
    files["OFD.xml"] = _xml(
        f'<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
        f"<ofd:DocID>{uuid.uuid4().hex}</ofd:DocID><ofd:Title>{escape(document.spec.title)}</ofd:Title>"
        f"<ofd:Creator>zzdesk</ofd:Creator><ofd:CreatorVersion>{escape(__version__)}</ofd:CreatorVersion>"
        f"<ofd:CreationDate>{now.date().isoformat()}</ofd:CreationDate></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", files.pop("OFD.xml"))
        for name, data in sorted(files.items()):
            archive.writestr(name, data)
    write_bytes(path, buffer.getvalue())  # atomic: a full disk leaves no half-written file
    return len(pages)


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode("utf-8")
