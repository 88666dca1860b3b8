"""User input turned into terms and safe FTS5 expressions.

Only tokens made here ever reach MATCH, each inside double quotes, and they
consist of Chinese characters, [0-9a-z] and the boundary marker: nothing a
user types can act as FTS5 syntax.
"""

from __future__ import annotations

from zzdesk.core.search.syllables import SYLLABLES
from zzdesk.core.search.tokens import SEPARATOR, Segments, fold_query, is_hanzi, run_bigrams, segments
from zzdesk.core.search.values import Value

MAX_QUERY_CHARS = 200  # longer input is cut: nobody types more, and it bounds the work
MAX_TERMS = 8

NAME_COLUMNS = ("name_uni", "name_bi")
ALIAS_COLUMNS = ("alias_uni", "alias_bi")
TEXT_COLUMNS = ("text_uni", "text_bi")


class Term(Value):
    __slots__ = ("segs", "text")
    text: str  # folded, as typed (used for snippets)
    segs: Segments

    def __init__(self, text: str, segs: Segments) -> None:
        self._set(text=text, segs=segs)

    @property
    def latin_only(self) -> bool:
        units = self.segs.units
        return bool(units) and all(u.isalpha() and u.isascii() for u in units)

    @property
    def key(self) -> str:
        return "".join(self.segs.units)

    @property
    def hanzi_only(self) -> bool:
        return all(is_hanzi(u) for u in self.segs.units)


def parse_terms(query: str) -> list[Term]:
    """Whitespace-separated terms of a query, folded; terms with no searchable unit are dropped."""
    folded = fold_query(query[:MAX_QUERY_CHARS])
    terms: list[Term] = []
    for word in folded.split():
        segs = segments(word)
        if segs.runs:
            terms.append(Term(word, segs))
    return terms[:MAX_TERMS]


def _quoted(tokens: list[str], prefix: bool) -> str:
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")


def text_expr(term: Term, columns: tuple[str, ...]) -> str:
    """Match *term* as a substring of any of the *columns* (unigram or bigram streams)."""
    runs = term.segs.runs
    last_is_ascii = not is_hanzi(runs[-1][-1])
    if len(runs) == 1 and len(runs[0]) > 1:
        # One unbroken run: consecutive bigrams, far more selective than single characters.
        cols = tuple(c for c in columns if c.endswith("_bi"))
        tokens = run_bigrams(runs[0])
    else:
        # A single unit, or runs split by punctuation (5565.8, 7+20): units with boundaries,
        # since the first and last run may be the end or start of a longer run in the text.
        cols = tuple(c for c in columns if c.endswith("_uni"))
        tokens = []
        for run in runs:
            if tokens:
                tokens.append(SEPARATOR)
            tokens.extend(run)
    return "{" + " ".join(cols) + "} : " + _quoted(tokens, prefix=last_is_ascii)


def pinyin_expr(key: str) -> str:
    return "{py_any} : " + _quoted([key], prefix=True)


def all_terms_expr(terms: list[Term], columns: tuple[str, ...]) -> str:
    return " AND ".join(f"({text_expr(t, columns)})" for t in terms)


def head_expr(key: str) -> str:
    """Names whose pinyin or initials start with *key* (every prefix is a token of the heads table)."""
    return "{head} : " + _quoted([key], prefix=False)


def inside_expr(key: str) -> str:
    """Names with *key* starting at a later syllable."""
    return "{inside} : " + _quoted([key], prefix=True)


def words_expr(words: list[str]) -> str:
    """Any of the Chinese *words* in the text."""
    return " OR ".join("{text_bi} : " + _quoted(run_bigrams(tuple(w)), prefix=False) for w in words)


def syllable_splits(letters: str, limit: int = 4) -> list[list[str]]:
    """Ways to read *letters* as pinyin syllables, fewest syllables first; the last may be cut
    short (kejich -> ke ji ch)."""
    found: list[list[str]] = []

    def walk(start: int, taken: list[str]) -> None:
        rest = letters[start:]
        if not rest:
            found.append(taken)
            return
        for end in range(min(len(letters), start + 6), start, -1):
            if letters[start:end] in _SPOKEN:
                walk(end, [*taken, letters[start:end]])
        if taken and rest not in _SPOKEN and rest in _SPOKEN_STARTS:
            found.append([*taken, rest])

    if len(letters) <= 40:
        walk(0, [])
    unique = {tuple(split): None for split in sorted(found, key=len)}
    return [list(split) for split in unique][:limit]


_SPOKEN = frozenset(s for s in SYLLABLES if any(v in s for v in "aeiouv"))  # not the interjections m, n, ng
_SPOKEN_STARTS = frozenset(s[:n] for s in _SPOKEN for n in range(1, len(s) + 1))
