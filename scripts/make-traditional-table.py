"""Regenerate src/zzdesk/core/search/traditional.py and simplified.py from OpenCC's t2s (run from the project root
after upgrading opencc; tests/core/test_search_traditional.py checks the result against OpenCC).

The table lets `zzdesk search` convert most traditional queries without loading OpenCC (its
import and set-up cost about 9 ms, a third of the command's start-up):
- TRADITIONAL: every character in the Chinese ranges that t2s changes on its own;
- SIMPLIFIED: what t2s makes of each of them on its own, aligned with TRADITIONAL;
- PHRASES: the phrases of t2s that it converts otherwise than one character at a time (a query
  holding one goes to OpenCC), with NORMALIZED_INTO_PHRASES, the compatibility ideographs that t2s
  turns into their characters before it looks for phrases;
- UNLISTED_FROM: every other character t2s changes is at or above it (such a query goes to OpenCC).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "zzdesk" / "core" / "search" / "traditional.py"
TABLE = OUT.with_name("simplified.py")
# The Chinese ranges a query is checked in (CJK, extension A, compatibility ideographs, extensions B-F).
RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2EBF0))
LINE = 60  # characters of a table per source line


def opencc_dictionary(name: str) -> dict[str, list[str]]:
    """One of the dictionaries OpenCC ships (TSPhrases, CJK_Compatibility_Ideographs ...), read
    with its own opencc_dict tool: key -> candidates, the first being the one t2s writes."""
    clib = Path(opencc.__file__).parent / "clib"
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / f"{name}.txt"
        subprocess.run([str(clib / "bin" / "opencc_dict"), "-i", str(clib / "share" / "opencc" / f"{name}.ocd2"),
                        "-o", str(text), "-f", "ocd2", "-t", "text"], check=True)
        rows = (line.split("\t") for line in text.read_text(encoding="utf-8").splitlines())
        return {key: values.split(" ") for key, values in rows}


def changed_alone(converter: opencc.OpenCC, codes: list[int]) -> dict[str, str]:
    """Characters t2s changes when each stands alone, with what it makes of them."""
    chars = [chr(c) for c in codes if chr(c) != "\n" and not 0xD800 <= c < 0xE000]
    converted = converter.convert("\n".join(chars)).split("\n")  # one per line: no phrase spans two
    assert len(converted) == len(chars)
    return {ch: simple for ch, simple in zip(chars, converted, strict=True) if simple != ch}


def dependent_phrases(converter: opencc.OpenCC) -> list[str]:
    """The phrases of t2s that it converts otherwise than their characters one by one."""
    return sorted(phrase for phrase in opencc_dictionary("TSPhrases")
                  if converter.convert(phrase) != "".join(converter.convert(ch) for ch in phrase))


def normalized_into(phrases: list[str]) -> str:
    """Compatibility ideographs that t2s first turns into a character of one of *phrases* (a
    query holding one may hold such a phrase once normalised)."""
    chars = set("".join(phrases))
    unified = opencc_dictionary("CJK_Compatibility_Ideographs")
    return "".join(sorted(ch for ch, forms in unified.items() if ch != forms[0] and forms[0] in chars))


def in_simplified_use(ch: str) -> bool:
    """Whether *ch* is in GB 2312, the characters of everyday simplified text (衹 is not, 得 is)."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def phrase_markers(phrases: list[str], traditional: str) -> str:
    """A few characters, one of which is in every phrase of *phrases* that holds no character of
    *traditional* (瞭解 -> 了解 although 瞭 alone stays): a query holding one must be looked at too.
    Chosen greedily, most phrases first and characters outside GB 2312 before those in it, so that
    few common characters send queries the slow way."""
    left = [p for p in phrases if not any(ch in traditional for ch in p)]
    chosen: set[str] = set(normalized_into(phrases)) - set(traditional)
    left = [p for p in left if not chosen & set(p)]
    while left:
        counts: dict[str, int] = {}
        for phrase in left:
            for ch in set(phrase):
                counts[ch] = counts.get(ch, 0) + 1
        best = min(counts, key=lambda ch: (-counts[ch], in_simplified_use(ch), ch))
        chosen.add(best)
        left = [p for p in left if best not in p]
    return "".join(sorted(chosen))


def string_constant(name: str, chars: str, comment: str) -> str:
    lines = "\n".join(f'    "{chars[i:i + LINE]}"' for i in range(0, len(chars), LINE))
    return f"{name} = (  # {comment}\n{lines}\n)\n"


def main() -> None:
    converter = opencc.OpenCC("t2s")
    listed = changed_alone(converter, [c for first, last in RANGES for c in range(first, last)])
    others = changed_alone(converter, [c for c in range(0x110000) if not any(a <= c < b for a, b in RANGES)])
    traditional = "".join(sorted(listed))
    simplified = "".join(listed[ch] for ch in traditional)
    assert len(simplified) == len(traditional), "a character t2s turns into several: the table cannot hold it"
    unlisted_from = min(others)
    assert unlisted_from > "\u3400", "a character below the Chinese ranges changes: the query check skips those"
    phrases = dependent_phrases(converter)
    assert not any(" " in phrase for phrase in phrases), "PHRASES is split at spaces"
    in_phrases = phrase_markers(phrases, traditional)
    OUT.write_text(
        '"""Characters that OpenCC\'s t2s conversion changes, one by one (generated by\n'
        'scripts/make-traditional-table.py; a test checks it).\n\n'
        'A query without any of them, any of PHRASE_CHARACTERS or any character from UNLISTED_FROM on\n'
        'needs no conversion, so the conversion tables (and OpenCC) are loaded only for the queries that do.\n"""\n\n'
        + string_constant("TRADITIONAL", traditional,
                          "one string: no set to build at start-up, and `in` on a short query is quick")
        + "\n"
        + string_constant("PHRASE_CHARACTERS", in_phrases,
                          "one is in each phrase t2s changes although none of its characters alone")
        + f'\nUNLISTED_FROM = "\\U{ord(unlisted_from):08X}"  # t2s changes no character outside TRADITIONAL below it\n',
        encoding="utf-8")
    TABLE.write_text(
        '"""What OpenCC\'s t2s makes of each character of TRADITIONAL on its own (generated by\n'
        'scripts/make-traditional-table.py; a test checks it).  Loaded only for a query holding one of them.\n\n'
        "A query holding none of PHRASES, no character of NORMALIZED_INTO_PHRASES and none from\n"
        "traditional.UNLISTED_FROM on is converted by t2s one character at a time, as this table converts\n"
        "it; only the rest load OpenCC.\n"
        '"""\n\n'
        + string_constant("SIMPLIFIED", simplified, "SIMPLIFIED[i] is what t2s makes of TRADITIONAL[i] alone")
        + "\n"
        + string_constant("PHRASES", " ".join(phrases), "t2s converts these otherwise than one by one")
        + "\n"
        + string_constant("NORMALIZED_INTO_PHRASES", normalized_into(phrases),
                          "t2s first turns these into characters of PHRASES"),
        encoding="utf-8")
    for path in (OUT, TABLE):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes", file=sys.stderr)

if __name__ == "__main__":
    main()
