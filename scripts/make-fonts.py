"""Make the bundled fonts in resources/fonts from Debian's open font packages.

Run once by a maintainer (needs fonts-noto-cjk, fonts-lxgw-wenkai and the
`fonts` extra); the results are committed.  The interface face keeps all of
GBK, so rare name characters (堃, 喆) always render; the print faces keep
GB2312, the report sources and a list of name characters, and Qt falls back
to the interface face for anything else.  That halves the size on disk.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
NOTO = Path("/usr/share/fonts/opentype/noto")
WENKAI = Path("/usr/share/fonts/truetype/lxgw-wenkai")

# (output file, source file, family inside a collection or None, character set, new family name)
# LXGW WenKai reserves its names ("霞鹜", "LXGW") for unmodified builds, and a subset is a
# modified version under the OFL, so that one is renamed.
FACES = [
    ("NotoSansSC-Regular.otf", NOTO / "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "gbk", None),
    ("NotoSansSC-Bold.otf", NOTO / "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", "gb2312", None),
    ("NotoSerifSC-Regular.otf", NOTO / "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "gb2312", None),
    ("NotoSerifSC-Bold.otf", NOTO / "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", "gb2312", None),
    ("ZZDeskKai-Regular.ttf", WENKAI / "LXGWWenKai-Regular.ttf", None, "gb2312", "ZZDesk Kai"),
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

# Outside GB2312 but common in names of people, firms and places.
NAME_CHARACTERS = "堃喆昇玥珺琇瑄璟镕赟翀犇垚淏珏琦瑶婧祎煜炜晔昱晟暄骞翚旻钰铖锟镛颀颢馨嫣婕姝妤妍彧恺悦宸璇珩瑾璐琨琰琪"


def characters(charset: str) -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for code in range(0x80, 0x10000):
        ch = chr(code)
        try:
            ch.encode(charset)
        except UnicodeEncodeError:
            continue
        chars.add(ch)
    chars.update(NAME_CHARACTERS)
    for text in (ROOT / "data" / "source").glob("*"):
        if text.suffix in {".txt", ".yaml"}:
            chars.update(text.read_text(encoding="utf-8"))
    chars.update("—–‒·•…“”‘’《》〈〉【】〔〕（）｛｝［］、。，；：！？％＋－×÷＝≤≥①②③④⑤⑥⑦⑧⑨⑩㎡℃№‰")
    return "".join(sorted(c for c in chars if not c.isspace() or c == " "))


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
        font = load_face(source, family)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters(charset))
        subsetter.subset(font)
        if new_family:
            rename(font, new_family)
        font.save(args.out / filename)
        print(f"{filename}: {(args.out / filename).stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
