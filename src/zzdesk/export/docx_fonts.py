"""Subsets of the bundled fonts embedded in a DOCX (ECMA-376 Part 1, §17.8.1 and §17.8.3), so Word, WPS
and LibreOffice on a PC with neither the office fonts nor the bundled ones set the text in the faces the
PDF was drawn with, and break its lines and pages where the PDF does.

Each embedded face is registered under the office family the runs name (仿宋_GB2312 …): an application
uses it only where that family is not installed, so an office PC keeps its own fonts.  The subsets keep
their own names inside (Zhuque Fangsong, Noto Serif CJK SC …): LibreOffice registers an embedded face
under its font-table entry's name whatever the face calls itself, and naming an open font 仿宋_GB2312
would pass it off as that commercial face wherever the file is read or the font extracted.  The OFL lets
subsets keep these names (none is a Reserved Font Name: LXGW WenKai's subset is already ZZDesk Kai), and
each subset keeps the copyright and licence records of its name table, as the OFL asks of every copy.
"""

from __future__ import annotations

import io
import uuid
from collections import defaultdict
from collections.abc import Iterator, Mapping

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory, XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

from zzdesk import paths
from zzdesk.export.fonts import PRINT_FILES

# The font table as XML (python-docx otherwise keeps it as opaque bytes), so entries can be added to it.
PartFactory.part_type_for.setdefault(CT.WML_FONT_TABLE, XmlPart)

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
# What an edit or the layout may need beyond the document's own characters: digits (page numbers), Latin
# punctuation and the Chinese marks, the quotes in the full-width forms the bundled 仿宋 maps them to.
EXTRA_CHARACTERS = ("0123456789 !\"#%&'()*+,-./:;<=>?[]_" "\u3000，。、；：？！“”‘’（）《》〈〉【】〔〕—…·％＋－／"
                    "０１２３４５６７８９")
# Settings children that precede w:embedTrueTypeFonts (CT_Settings).
SETTINGS_BEFORE_EMBEDDING = {"writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                             "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                             "printFractionalCharacterWidth", "printFormsData"}
# fsType (OpenType OS/2): 0 installable, 8 editable embedding; 2 restricted and 4 preview-and-print (which
# LibreOffice refuses for a document open for editing) are not embedded, nor bit 9 (bitmaps only).
EMBEDDABLE_FS_TYPES = {0, 8}


def embeddable(font: TTFont) -> bool:
    fs_type = font["OS/2"].fsType
    licence = font["name"].getDebugName(13) or ""
    return fs_type & 0x0F in EMBEDDABLE_FS_TYPES and not fs_type & 0x0200 and "Open Font License" in licence


def _subset(filename: str, characters: str) -> bytes | None:
    """The bundled face cut to *characters*, with TrueType outlines (what the .odttf part holds; Word does
    not load embedded CFF outlines); None for a face that may not be embedded."""
    font = TTFont(paths.resources_dir() / "fonts" / filename)
    if not embeddable(font):
        return None
    options = subset.Options()
    options.name_IDs = ["*"]  # copyright (0) and licence (13, 14) stay with the copy
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["VORG", "DSIG"]
    if not font["OS/2"].fsType & 0x0100:  # bit 8: no subsetting
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters)
        subsetter.subset(font)
    if "CFF " in font:
        _quadratic_outlines(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _quadratic_outlines(font: TTFont) -> None:
    """Replace the CFF outlines of *font* by TrueType ones (cubic curves approximated within 1 unit)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, glyphs
    del font["CFF "]
    font["glyf"], font["loca"] = glyf, newTable("loca")
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: the CID names mean nothing to a word processor
    font.sfntVersion = "\x00\x01\x00\x00"


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """ECMA-376 §17.8.1: the first 32 bytes XORed with the key's 16 bytes, taken from the last byte of its
    text form to the first (the same operation undoes it)."""
    reversed_key = bytes.fromhex(key.hex)[::-1]
    head = bytes(b ^ reversed_key[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def _xml_parts(doc: DocxDocument) -> Iterator[XmlPart]:
    for part in doc.part.package.iter_parts():
        if isinstance(part, XmlPart):
            yield part


def _style_families(doc: DocxDocument) -> tuple[dict[str, str], str]:
    """East Asian family by paragraph style id (following w:basedOn), and the document default's."""
    styles = doc.styles.element
    default = ""
    defaults = styles.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}") if defaults is not None else None
    if fonts is not None:
        default = fonts.get(qn("w:eastAsia"), "")
    own: dict[str, str] = {}
    based: dict[str, str] = {}
    for style in styles.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"), "")
        fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            own[style_id] = fonts.get(qn("w:eastAsia"), "")
        parent = style.find(qn("w:basedOn"))
        if parent is not None:
            based[style_id] = parent.get(qn("w:val"), "")
    default_style = next((s.get(qn("w:styleId"), "") for s in styles.findall(qn("w:style"))
                          if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) == "1"), "")

    def resolved(style_id: str) -> str:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            if style_id in own:
                return own[style_id]
            seen.add(style_id)
            style_id = based.get(style_id, "")
        return default

    families = {style_id: resolved(style_id) for style_id in {*own, *based}}
    return families, families.get(default_style, default)


def characters_by_family(doc: DocxDocument) -> dict[str, set[str]]:
    """Every character of the document's runs (body, tables, footers) by the East Asian family it is set in."""
    by_style, fallback = _style_families(doc)
    found: dict[str, set[str]] = defaultdict(set)
    for part in _xml_parts(doc):
        for paragraph in part.element.iter(qn("w:p")):
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            family = by_style.get(style.get(qn("w:val"), ""), fallback) if style is not None else fallback
            for run in paragraph.iter(qn("w:r")):
                fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
                run_family = fonts.get(qn("w:eastAsia"), family) if fonts is not None else family
                for text in run.iter(qn("w:t")):
                    found[run_family].update(text.text or "")
    return dict(found)


def _font_entry(table: BaseOxmlElement, family: str) -> BaseOxmlElement:
    entry: BaseOxmlElement
    for entry in table.findall(qn("w:font")):
        if entry.get(qn("w:name")) == family:
            for embedded in entry.findall(qn("w:embedRegular")):
                entry.remove(embedded)
            return entry
    entry = OxmlElement("w:font")
    entry.set(qn("w:name"), family)
    for tag, value in (("w:charset", "86"), ("w:family", "auto"), ("w:pitch", "variable")):  # 86: GB2312
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        entry.append(child)
    table.append(entry)
    return entry


def _settings(doc: DocxDocument) -> None:
    settings = doc.settings.element
    for tag in ("w:saveSubsetFonts", "w:embedTrueTypeFonts"):  # inserted in reverse: embed… comes first
        for existing in settings.findall(qn(tag)):
            settings.remove(existing)
        element = OxmlElement(tag)
        later = next((c for c in settings if c.tag.split("}")[1] not in SETTINGS_BEFORE_EMBEDDING), None)
        if later is None:
            settings.append(element)
        else:
            later.addprevious(element)


def embed_fonts(doc: DocxDocument, roles: Mapping[str, str]) -> dict[str, int]:
    """Embed in *doc* a subset of the bundled face behind each family of *roles* (family -> print role) that
    its runs use, registered under that family; returns the bytes embedded by family."""
    table_part = doc.part.part_related_by(RT.FONT_TABLE)
    assert isinstance(table_part, XmlPart)
    used = characters_by_family(doc)
    embedded: dict[str, int] = {}
    for number, (family, role) in enumerate(sorted(roles.items()), start=1):
        text = "".join(c for c in used.get(family, set()) if not c.isspace() or c == "\u3000")
        if not text:
            continue
        data = _subset(PRINT_FILES[role], text + EXTRA_CHARACTERS)
        if data is None:
            continue
        key = uuid.uuid4()
        part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT, obfuscate(data, key),
                    doc.part.package)
        embed = OxmlElement("w:embedRegular")
        embed.set(qn("r:id"), table_part.relate_to(part, RT.FONT))
        embed.set(qn("w:fontKey"), "{" + str(key).upper() + "}")
        embed.set(qn("w:subsetted"), "1")
        _font_entry(table_part.element, family).append(embed)
        embedded[family] = len(data)
    if embedded:
        _settings(doc)
    return embedded
