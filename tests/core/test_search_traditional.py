"""Traditional queries are converted as OpenCC's t2s converts them, whether the generated table
does it (most queries, without loading OpenCC) or OpenCC itself (phrase-dependent ones)."""

from __future__ import annotations

import runpy
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import opencc
import pytest

from zzdesk.core.parsing.decoding import decode_text
from zzdesk.core.search.simplified import NORMALIZED_INTO_PHRASES, PHRASES, SIMPLIFIED
from zzdesk.core.search.tokens import fold, fold_query
from zzdesk.core.search.traditional import TRADITIONAL, UNLISTED_FROM

ROOT = Path(__file__).resolve().parents[2]
REPORT_TEXTS = [ROOT / "data" / "source" / "zhengzhou-2025.txt",
                *sorted((ROOT / "tests" / "data" / "reports").glob("*.txt"))]
T2S = opencc.OpenCC("t2s")


def whole_query_t2s(text: str) -> str:
    """What fold_query gives by loading OpenCC for every query: t2s on the whole query, character
    by character where phrases would change its length."""
    simplified = T2S.convert(text)
    if len(simplified) != len(text):
        simplified = "".join(T2S.convert(ch) for ch in text)
    return fold(simplified)


def assert_converted_as_opencc(texts: Iterable[str]) -> int:
    checked = 0
    for text in texts:
        assert fold_query(text) == whole_query_t2s(text), text
        checked += 1
    return checked


def opencc_dictionary(name: str) -> dict[str, list[str]]:
    """One of OpenCC's dictionaries, read with the generator's reader."""
    generator = runpy.run_path(str(ROOT / "scripts" / "make-traditional-table.py"))
    reader: Callable[[str], dict[str, list[str]]] = generator["opencc_dictionary"]
    return reader(name)


def test_table_is_what_t2s_makes_of_each_character_alone() -> None:
    codes = [c for c in range(0x110000) if c != ord("\n") and not 0xD800 <= c < 0xE000]
    chars = [chr(c) for c in codes]
    converted = T2S.convert("\n".join(chars)).split("\n")  # one per line: no phrase spans two
    changed = {ch: simple for ch, simple in zip(chars, converted, strict=True) if simple != ch}
    assert {ch for ch in changed if ch < UNLISTED_FROM} == set(TRADITIONAL)
    assert len(SIMPLIFIED) == len(TRADITIONAL)
    assert {ch: SIMPLIFIED[i] for i, ch in enumerate(TRADITIONAL)} == {ch: changed[ch] for ch in TRADITIONAL}
    assert assert_converted_as_opencc(TRADITIONAL) == len(TRADITIONAL)
    unlisted = [ch for ch in changed if ch >= UNLISTED_FROM]
    assert unlisted and assert_converted_as_opencc("鄭" + ch for ch in unlisted) == len(unlisted)


def test_every_phrase_of_t2s_alone_and_in_context_converts_as_opencc() -> None:
    keys = list(opencc_dictionary("TSPhrases"))
    dependent = [key for key in keys if T2S.convert(key) != "".join(T2S.convert(ch) for ch in key)]
    assert len(keys) > 400 and len(dependent) > 300  # the dictionary was read; most phrases matter
    contexts = ("{}", "鄭州{}", "{}區", "科技園{}發展", "{}{}")
    assert_converted_as_opencc(context.format(key, key) for key in keys for context in contexts)
    # Phrases overlapping each other: which one t2s applies depends on where it starts.
    overlapping = [a + b[n:] for a in keys for b in keys for n in range(1, min(len(a), len(b)))
                   if a != b and a.endswith(b[:n])]
    assert overlapping
    assert_converted_as_opencc(overlapping)
    # t2s turns compatibility ideographs into unified ones before it looks for phrases.
    compatible: dict[str, list[str]] = {}
    for ch, forms in opencc_dictionary("CJK_Compatibility_Ideographs").items():
        compatible.setdefault(forms[0], []).append(ch)
    written_compatibly = [key[:i] + form + key[i + 1:] for key in keys for i, ch in enumerate(key)
                          for form in compatible.get(ch, ())]
    assert written_compatibly
    assert_converted_as_opencc(written_compatibly)


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
def test_report_text_written_in_traditional_converts_as_opencc(config: str) -> None:
    """Every 2-4 character window of the report texts, as written with Taiwan, Hong Kong or
    OpenCC's standard traditional characters, and every line of them."""
    to_traditional = opencc.OpenCC(config)
    lines = [to_traditional.convert(line) for path in REPORT_TEXTS
             for line in decode_text(path.read_bytes()).splitlines() if line.strip()]
    windows = {line[i:i + n] for line in lines for n in (2, 3, 4) for i in range(len(line) - n + 1)}
    traditional = [w for w in windows if any(ch in TRADITIONAL for ch in w)]
    by_table = [w for w in traditional if not any(phrase in w for phrase in PHRASES.split())
                and not any(ch in NORMALIZED_INTO_PHRASES or ch >= UNLISTED_FROM for ch in w)]
    assert len(by_table) > 0.9 * len(traditional)  # the windows test the table, not just OpenCC
    assert assert_converted_as_opencc(windows) == len(windows)
    assert_converted_as_opencc(lines)


def test_only_phrase_dependent_queries_load_opencc() -> None:
    code = ("import sys; from zzdesk.core.search.tokens import fold_query; "
            "print(fold_query('鄭州'), fold_query('科技園區'), fold_query('乾'), 'opencc' in sys.modules); "
            "print(fold_query('乾坤'), 'opencc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    # 乾 alone is 干, but t2s keeps it in its phrase 乾坤: only such a query needs OpenCC.
    assert out == ["郑州", "科技园区", "干", "False", "乾坤", "True"]


def test_phrases_without_a_traditional_character_are_converted() -> None:
    # t2s leaves 瞭, 沈, 覆 alone but converts them inside its phrases; other text with them stays.
    assert [fold_query(q) for q in ("瞭解", "不瞭解郑州", "沈默", "答覆", "沈阳", "覆盖")] == [
        "了解", "不了解郑州", "沉默", "答复", "沈阳", "覆盖"]
    code = ("import sys; from zzdesk.core.search.tokens import fold_query; "
            "print(fold_query('沈阳'), fold_query('覆盖'), 'opencc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["沈阳", "覆盖", "False"]  # no phrase of t2s in them: no OpenCC
