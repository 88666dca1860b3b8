"""Replace Qt's ICU data library (libicudata.so.NN, 32 MB: every locale, converter, dictionary and
transliterator ICU has) with one holding only what Qt calls ICU for here.

Qt 6 carries its own CLDR locale data, Unicode tables and IDNA; libQt6Core asks ICU only for
collation (QCollator: the file dialog's sorting, locale-aware comparison), named text codecs
(QStringDecoder/QStringEncoder for anything but UTF and Latin-1), time-zone display names (QTimeZone)
and locale case mapping (ICU's case and normalisation tables are compiled into libicuuc, not data).
Nothing else in the bundle links ICU.  So the package keeps Chinese and English collation, the CJK
and Windows-1252 converters, the time-zone tables with Chinese and English names, and the locale
metadata ICU needs to resolve a locale ID; `icupkg` refuses a package whose kept items miss a
dependency (e.g. a converter's base table).  The result is a data-only shared object with the same
SONAME and data symbol, so libicuuc loads it unchanged; it needs nothing from glibc.
`zzdesk --check-runtime` in the smoke tests proves each kept part works in the frozen app.
Usage: slim_icu.py PATH/TO/libicudata.so.NN   (needs readelf, icupkg, as, ld)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Item names inside the package (tree/name), as regular expressions.  Each must match something.
KEEP = {
    # Resolving a locale ID (aliases, likely subtags, parent locales) and the root/Chinese/English
    # locale bundles every lookup falls back through; pool.res holds their shared keys.
    "locale index and fallback": r"(res_index|root|pool)\.res",
    "locale metadata": r"(icuver|icustd|likelySubtags|metadata|keyTypeData|supplementalData)\.res",
    "Chinese and English locales": r"(zh|zh_\w+|en|en_US|en_US_POSIX)\.res",
    # QCollator: the root collation (UCA) and the Chinese tailorings (pinyin, stroke, zhuyin).
    "collation": r"coll/(res_index|root|zh|zh_\w+|en|en_US|en_US_POSIX)\.res|coll/ucadata\.icu",
    # Named codecs: the alias table, GB18030, GBK (windows-936 on its IBM base), GB2312 (EUC-CN and
    # ISO-2022-CN), Big5 (windows-950 on its base) and Windows-1252; UTF-* and Latin-1 need no table.
    "converter aliases": r"cnvalias\.icu",
    "CJK and Windows-1252 converters": r"(gb18030|windows-936-2000|ibm-1386_P100-2001|ibm-1383_P110-1999"
    r"|ibm-5478_P100-1995|windows-950-2000|ibm-1373_P100-2002|ibm-5348_P100-1997)\.cnv",
    # QTimeZone's names: the zone tables and their Chinese and English display names.
    "time zones": r"(zoneinfo64|timezoneTypes|metaZones|windowsZones)\.res",
    "time-zone names": r"zone/(res_index|root|pool|tzdbNames|zh|zh_\w+|en)\.res",
}


def run(*command: str, cwd: Path | None = None) -> str:
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False)
    if done.returncode != 0:
        raise SystemExit(f"slim_icu: {' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def data_symbol(library: Path) -> tuple[str, int, int]:
    """The ICU data symbol's name, file offset and size."""
    sections = {}
    for line in run("readelf", "-SW", str(library)).splitlines():
        found = re.match(r"\s*\[\s*(\d+)\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if found:
            sections[found[1]] = (int(found[2], 16), int(found[3], 16))
    for line in run("readelf", "-sW", "--dyn-syms", str(library)).splitlines():
        fields = line.split()
        # A defined data object (libicuuc names the same symbol as undefined: UND).
        if len(fields) == 8 and re.fullmatch(r"icudt\d+_dat", fields[7]) and fields[6] in sections:
            address, size = int(fields[1], 16), int(fields[2], 0)
            section_address, section_offset = sections[fields[6]]
            return fields[7], address - section_address + section_offset, size
    raise SystemExit(f"slim_icu: no icudtNN_dat symbol in {library}")


def main() -> None:
    library = Path(sys.argv[1]).resolve()
    symbol, offset, size = data_symbol(library)
    package = symbol.removesuffix("_dat") + "l"  # little-endian ASCII package, e.g. icudt73l
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with library.open("rb") as whole:
            whole.seek(offset)
            # icupkg wants the file named as the package its items say they belong to.
            (work / f"{package}.dat").write_bytes(whole.read(size))
        items = run("icupkg", "-l", f"{package}.dat", cwd=work).split()
        unmatched = [why for why, pattern in KEEP.items() if not any(re.fullmatch(pattern, i) for i in items)]
        if unmatched:
            raise SystemExit(f"slim_icu: nothing in the ICU data matches: {', '.join(unmatched)}")
        drop = [item for item in items if not any(re.fullmatch(pattern, item) for pattern in KEEP.values())]
        (work / "drop.txt").write_text("\n".join(drop) + "\n")
        (work / "slim").mkdir()
        run("icupkg", "-r", "drop.txt", f"{package}.dat", f"slim/{package}.dat", cwd=work)
        (work / "data.s").write_text(
            '\t.section .note.GNU-stack,"",@progbits\n\t.section .rodata\n'
            f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
            f'{symbol}:\n\t.incbin "slim/{package}.dat"\n\t.size {symbol}, . - {symbol}\n'
        )
        run("as", "-o", "data.o", "data.s", cwd=work)
        run("ld", "-shared", "-soname", library.name, "--hash-style=both", "-z", "noexecstack",
            "-o", "slim.so", "data.o", cwd=work)
        before = library.stat().st_size
        shutil.move(work / "slim.so", library)
    print(f"ICU data: {len(items) - len(drop)} of {len(items)} items kept, "
          f"{before / 1e6:.1f} MB -> {library.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
