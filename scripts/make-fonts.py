"""Make the bundled fonts in resources/fonts from Debian's open font packages.

Run once by a maintainer (needs fonts-noto-cjk, fonts-lxgw-wenkai, the 朱雀仿宋
TTF and the `fonts` extra); the results are committed.  The packages need not be
installed: `--root` points at a folder they were unpacked into (dpkg-deb -x).
The interface face keeps all of GBK, so rare name characters (堃, 喆) always
render; the print faces keep GB2312, 〇, every character of the report texts
(data/source and tests/data/reports) and a list of name and place characters,
and Qt falls back to the interface face for anything else.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

from zzdesk.core.parsing.decoding import decode_text  # the reader import uses: UTF-8, UTF-16, GB18030

ROOT = Path(__file__).resolve().parent.parent
NOTO = Path("usr/share/fonts/opentype/noto")
WENKAI = Path("usr/share/fonts/truetype/lxgw-wenkai")
ZHUQUE = Path("ZhuqueFangsong-Regular.ttf")  # found in --zhuque, the folder holding the release

# (output file, source file, family inside a collection or None, character set, new family name)
# LXGW WenKai reserves its names ("霞鹜", "LXGW") for unmodified builds, and a subset is a
# modified version under the OFL, so that one is renamed.  朱雀仿宋 declares no reserved name.
FACES = [
    ("NotoSansSC-Regular.otf", NOTO / "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "gbk", None),
    ("NotoSansSC-Bold.otf", NOTO / "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", "gb2312", None),
    ("NotoSerifSC-Regular.otf", NOTO / "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "gb2312", None),
    ("NotoSerifSC-Bold.otf", NOTO / "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", "gb2312", None),
    ("ZZDeskKai-Regular.ttf", WENKAI / "LXGWWenKai-Regular.ttf", None, "gb2312", "ZZDesk Kai"),
    ("ZhuqueFangsong-Regular.ttf", ZHUQUE, None, "gb2312", None),
]


def rename(font: TTFont, family: str) -> None:
    """Give a modified face a family name of its own in every name record that carries one."""
    style = font["name"].getDebugName(2) or "Regular"
    names = {1: family, 3: f"{family} {style}; subset", 4: f"{family} {style}",
             6: f"{family.replace(' ', '')}-{style}", 16: family, 17: style}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)

# Outside GB2312 but common in names of people, firms and places (浉河区, 荥阳, 郏县 …), and 〇 of 二〇二五年.
NAME_CHARACTERS = ("堃喆昇玥珺琇瑄璟镕赟翀犇垚淏珏琦瑶婧祎煜炜晔昱晟暄骞翚旻钰铖锟镛颀颢馨"
                   "嫣婕姝妤妍彧恺悦宸璇珩瑾璐琨琰琪"
                   "〇浉荥郏濮漯柘鄢滍淅郾渑睢滑瀍")
REPORT_TEXTS = ("data/source", "tests/data/reports")


def report_characters() -> set[str]:
    """Every character of the bundled and the test report texts: what a briefing prints."""
    chars: set[str] = set()
    for folder in REPORT_TEXTS:
        for path in sorted((ROOT / folder).glob("*")):
            if path.suffix in {".txt", ".yaml"}:
                chars.update(decode_text(path.read_bytes()))
    return chars


def characters(charset: str) -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for code in range(0x80, 0x10000):
        ch = chr(code)
        for encoding in {charset, "gb2312"}:  # GBK maps A1A4 to U+00B7, GB2312 to U+30FB: keep both
            try:
                ch.encode(encoding)
            except UnicodeEncodeError:
                continue
            chars.add(ch)
    chars.update(NAME_CHARACTERS)
    chars.update(report_characters())
    chars.update("—–‒·•…“”‘’《》〈〉【】〔〕（）｛｝［］、。，；：！？％＋－×÷＝≤≥①②③④⑤⑥⑦⑧⑨⑩㎡℃№‰")
    return "".join(sorted(c for c in chars if not c.isspace() or c in " \u3000"))


def add_full_width_forms(font: TTFont) -> None:
    """Full-width digits and Latin (０, Ａ) the face lacks: its own half-width glyph centred in a full cell.

    Reports typed on Chinese keyboards use them (３５．８％); a composite glyph keeps them in the
    body face instead of falling back to another design."""
    cmap, glyf, hmtx = font.getBestCmap(), font["glyf"], font["hmtx"]
    em = font["head"].unitsPerEm
    for code in range(0xFF01, 0xFF5F):
        half = cmap.get(code - 0xFEE0)
        if code in cmap or half is None:
            continue
        name = f"uni{code:04X}"
        component = GlyphComponent()
        component.glyphName, component.flags = half, 0x4  # ROUND_XY_TO_GRID
        component.x = (em - hmtx[half][0]) // 2
        component.y = 0
        composite = Glyph()
        composite.numberOfContours, composite.components = -1, [component]
        composite.xMin = composite.yMin = composite.xMax = composite.yMax = 0
        glyf[name] = composite  # also appends the name to the glyph order
        hmtx[name] = (em, component.x + getattr(glyf[half], "xMin", 0))
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[code] = name
    font.setGlyphOrder(glyf.glyphOrder)  # bounds of the composites are computed when the font is saved


def full_width_quotes(font: TTFont) -> None:
    """Map “ ” ‘ ’ to the face's own full-width forms (its 'fwid' feature): a full cell, “ on the right and
    ” on the left of it, as 仿宋_GB2312 sets them.

    The default forms are a third of an em wide: a word processor (which applies no 'fwid') then sets
    more than 28 characters on a line holding quotes and runs “郑实践”》 together."""
    cmap = font.getBestCmap()
    gsub = font["GSUB"].table
    full: dict[str, str] = {}
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "fwid":
            for index in record.Feature.LookupListIndex:
                for table in gsub.LookupList.Lookup[index].SubTable:
                    full.update(getattr(table, "mapping", {}))
    for char in "“”‘’":
        glyph = full[cmap[ord(char)]]
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[ord(char)] = glyph


def borrow_symbols(font: TTFont, donor: TTFont, wanted: str) -> None:
    """Symbols of GB2312 a face lacks (①, Ⅲ, ℃, ※ …), drawn from *donor*'s outlines converted to quadratics.

    朱雀仿宋 covers the hanzi but not all of GB2312's symbol rows; borrowing keeps a report's ① in the
    body face rather than leaving it to whatever fallback a PC has."""
    cmap, donor_cmap = font.getBestCmap(), donor.getBestCmap()
    donor_glyphs = donor.getGlyphSet()
    glyf, hmtx = font["glyf"], font["hmtx"]
    scale = font["head"].unitsPerEm / donor["head"].unitsPerEm
    for char in wanted:
        code = ord(char)
        if code in cmap or code not in donor_cmap:
            continue
        source = donor_cmap[code]
        pen = TTGlyphPen(None)
        donor_glyphs[source].draw(TransformPen(Cu2QuPen(pen, max_err=1.0, reverse_direction=True),
                                               (scale, 0, 0, scale, 0, 0)))
        name = f"uni{code:04X}"
        glyf[name] = pen.glyph()
        glyf[name].recalcBounds(glyf)
        hmtx[name] = (round(donor["hmtx"][source][0] * scale), getattr(glyf[name], "xMin", 0))
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[code] = name
    font.setGlyphOrder(glyf.glyphOrder)


def load_face(source: Path, family: str | None) -> TTFont:
    if family is None:
        return TTFont(source)
    for font in TTCollection(source).fonts:
        if font["name"].getDebugName(1) == family:
            return font
    raise SystemExit(f"{family} not found in {source}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "fonts")
    parser.add_argument("--root", type=Path, default=Path("/"),
                        help="where fonts-noto-cjk and fonts-lxgw-wenkai are installed or unpacked")
    parser.add_argument("--zhuque", type=Path, default=Path("."), help="folder holding ZhuqueFangsong-Regular.ttf")
    parser.add_argument("--only", help="make just this output file")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    for filename, source, family, charset, new_family in FACES:
        if args.only and filename != args.only:
            continue
        font = load_face((args.zhuque if source == ZHUQUE else args.root) / source, family)
        if source == ZHUQUE:
            add_full_width_forms(font)
            full_width_quotes(font)
            borrow_symbols(font, load_face(args.root / NOTO / "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
                           characters(charset))
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters(charset))
        subsetter.subset(font)
        if new_family:
            rename(font, new_family)
        font.save(args.out / filename)
        print(f"{filename}: {(args.out / filename).stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
