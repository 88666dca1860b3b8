"""Briefing to OFD (GB/T 33190-2016), the fixed-layout format offices file into OA systems.

The pages are the PDF's own layout (`lay_out`): every character at its position, rules
as paths, charts as images.  Each font used is embedded as a subset of just the
characters it draws, so the file reads the same on a PC without the fonts.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import uuid
import zipfile
from collections import defaultdict
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage, QPainter

from zzdesk import __version__, paths
from zzdesk.core.briefing import Document
from zzdesk.core.safe_files import write_bytes
from zzdesk.export.fonts import resolve, role_font
from zzdesk.export.page_layout import PAGE_H, PAGE_W, Face, PictureOp, RuleOp, TextOp, lay_out, paint_picture
from zzdesk.export.pdf import check_writable

NS = "http://www.ofdspec.org/2016"
IMAGE_DPI = 250
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


def picture_png(op: PictureOp) -> bytes:
    mm = IMAGE_DPI / 25.4
    image = QImage(max(1, round(op.w * mm)), max(1, round(op.h * mm)), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(IMAGE_DPI / 0.0254))
    image.setDotsPerMeterY(round(IMAGE_DPI / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_picture(painter, replace(op, x=0.0, y=0.0), IMAGE_DPI)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(buffer.data().data())


class _Ids:
    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def write_ofd(document: Document, path: Path) -> int:
    """Write *document* to *path* as OFD; returns the page count.  Raises OSError (SaveError) when it cannot."""
    check_writable(path)
    layout = lay_out(document)
    ids = _Ids()
    files: dict[str, bytes] = {}
    used: dict[Face, str] = {}
    texts: dict[str, set[str]] = defaultdict(set)
    for ops in layout.pages:
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
    for ops in layout.pages:
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
    media_xml: list[str] = []
    page_entries: list[str] = []
    for number, ops in enumerate(layout.pages):
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
                objects.append(
                    f'<ofd:PathObject ID="{ids.next()}" Boundary="{_n(left)} {_n(top)} {_n(width)} {_n(height)}" '
                    f'LineWidth="{_n(op.width)}" Stroke="true" Fill="false">'
                    f'<ofd:StrokeColor Value="{_colour(op.color)}"/>'
                    f"<ofd:AbbreviatedData>M {_n(op.x1 - left)} {_n(op.y1 - top)} "
                    f"L {_n(op.x2 - left)} {_n(op.y2 - top)}</ofd:AbbreviatedData></ofd:PathObject>")
            else:
                media_id = ids.next()
                name = f"image_{media_id}.png"
                files[f"Doc_0/Res/{name}"] = picture_png(op)
                media_xml.append(f'<ofd:MultiMedia ID="{media_id}" Type="Image" Format="PNG">'
                                 f"<ofd:MediaFile>{name}</ofd:MediaFile></ofd:MultiMedia>")
                objects.append(
                    f'<ofd:ImageObject ID="{ids.next()}" Boundary="{_n(op.x)} {_n(op.y)} {_n(op.w)} {_n(op.h)}" '
                    f'CTM="{_n(op.w)} 0 0 {_n(op.h)} 0 0" ResourceID="{media_id}"/>')
        layer = ids.next()
        files[f"Doc_0/Pages/Page_{number}/Content.xml"] = _xml(
            f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="{layer}" Type="Body">'
            + "".join(objects) + "</ofd:Layer></ofd:Content></ofd:Page>")
        page_entries.append(f'<ofd:Page ID="{ids.next()}" BaseLoc="Pages/Page_{number}/Content.xml"/>')
    files["Doc_0/PublicRes.xml"] = _xml(f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
                                        + "".join(fonts_xml) + "</ofd:Fonts></ofd:Res>")
    files["Doc_0/DocumentRes.xml"] = _xml(f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
                                          + (f"<ofd:MultiMedias>{''.join(media_xml)}</ofd:MultiMedias>"
                                             if media_xml else "") + "</ofd:Res>")
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
    return len(layout.pages)


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode("utf-8")
