"""Ranked search: exact name > name prefix > name substring > alias > text mention.

Each tier is one indexed query with a LIMIT; tiers run best-first and stop
once enough results are found, so a one-character query over 100,000 items
costs about as much as a rare one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from zzdesk.core.search.intersect import Condition, Memo, Part, matching
from zzdesk.core.search.kinds import TYPE_LABELS, TYPE_ORDER
from zzdesk.core.search.query import (
    ALIAS_COLUMNS,
    NAME_COLUMNS,
    TEXT_COLUMNS,
    Term,
    all_terms_expr,
    head_expr,
    inside_expr,
    parse_terms,
    syllable_splits,
    text_expr,
    words_expr,
)
from zzdesk.core.search.schema import MAX_PREFIX
from zzdesk.core.search.tokens import fold, number_key
from zzdesk.core.search.values import Value

SNIPPET_CONTEXT = 18
_MAX_KEY = "\U0010ffff"
MAX_WORD_CHAINS = 48  # Chinese words one pinyin term may stand for in the text
MAX_WORD_SYLLABLES = 6  # longer pinyin is not looked for word by word in the text
MAX_SPLIT_TERMS = 2  # pinyin terms of a query with Chinese words, searched side by side (2**n ways)

# Tier scores: the ranking people expect, best first; tiers run in this order.
EXACT_NAME, EXACT_PINYIN, NAME_PREFIX, PINYIN_PREFIX = 100, 90, 80, 75
NAME_SUBSTRING, FIGURE_VALUE, NAME_PINYIN_INSIDE = 60, 58, 55
EXACT_ALIAS, ALIAS_PREFIX, ALIAS_PINYIN, ALIAS_SUBSTRING = 50, 45, 42, 40
TEXT_MENTION, TEXT_PINYIN = 20, 18


class SearchHit(Value):
    """One result, as the UI and the command line show it."""

    __slots__ = (
        "id",
        "marks",
        "name",
        "report_id",
        "report_title",
        "report_year",
        "score",
        "snippet",
        "theme",
        "type",
    )
    type: str
    id: int
    name: str
    theme: str | None
    snippet: str
    marks: tuple[tuple[int, int], ...]  # spans of the snippet that matched
    score: float
    report_id: int | None
    report_title: str | None
    report_year: int | None

    def __init__(self, type: str, id: int, name: str, theme: str | None, snippet: str,
                 marks: tuple[tuple[int, int], ...], score: float, report_id: int | None,
                 report_title: str | None = None, report_year: int | None = None) -> None:
        self._set(type=type, id=id, name=name, theme=theme, snippet=snippet, marks=marks, score=score,
                  report_id=report_id, report_title=report_title, report_year=report_year)

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type]

    @property
    def source_label(self) -> str:
        """Which report the hit comes from: 2025年 政府工作报告里的“郑实践”."""
        if self.report_title is None:
            return ""
        return f"{self.report_year}年 {self.report_title}" if self.report_year else self.report_title


def group_by_type(hits: Sequence[SearchHit]) -> list[tuple[str, list[SearchHit]]]:
    """Results grouped by type; the group holding the best result comes first, best first inside."""
    groups: dict[str, list[SearchHit]] = {}
    for hit in sorted(hits, key=lambda h: -h.score):
        groups.setdefault(hit.type, []).append(hit)
    return sorted(groups.items(), key=lambda item: (-item[1][0].score, TYPE_ORDER.index(item[0])))


def search_all(engines: Sequence[SearchEngine], query: str, types: Iterable[str] | None = None,
               limit: int = 50) -> list[SearchHit]:
    """One ranked list over several databases (the bundled reports and the user's imports)."""
    wanted = tuple(types) if types else None
    hits = [hit for engine in engines for hit in engine.search(query, types=wanted, limit=limit)]
    hits.sort(key=lambda h: -h.score)
    return hits[:limit]


class SearchEngine:
    """Search over the index tables of one SQLite database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._words: dict[tuple[str, str, bool], list[str]] = {}
        self._probes = Memo()  # lookups already read by earlier tiers of the current search

    def search(self, query: str, types: Iterable[str] | None = None, limit: int = 50) -> list[SearchHit]:
        terms = parse_terms(query)
        if not terms or limit <= 0:
            return []
        wanted = tuple(types) if types else None
        self._probes = Memo()
        found: dict[int, float] = {}
        for rare in (False, True):  # rare readings only when nothing matched by common ones
            if rare and (found or not any(t.latin_only for t in terms)):
                break
            for score, ids in self._tiers(terms, wanted, limit, rare):
                for position, doc_id in enumerate(ids):
                    if doc_id not in found:
                        found[doc_id] = score - position / (10 * (limit + len(ids)))
                if len(found) >= limit:
                    break
        self._probes = Memo()
        best = sorted(found.items(), key=lambda item: -item[1])[:limit]
        return self._hits(best, terms)

    def matching_ids(self, query: str) -> set[int]:
        """Every document the query matches anywhere (no ranking, no limit): for checks."""
        terms = parse_terms(query)
        if not terms:
            return set()
        found = set(self._anywhere(terms, None, None))
        if not found and any(t.latin_only for t in terms):
            found = set(self._anywhere(terms, None, None, rare=True))
        return found

    # Tiers ------------------------------------------------------------------------------------

    def _tiers(self, terms: list[Term], types: tuple[str, ...] | None, limit: int, rare: bool,
               ) -> Iterable[tuple[float, list[int]]]:
        whole = len(terms) == 1 or all(t.latin_only for t in terms)
        key = "".join(t.key for t in terms)  # "zhong yuan" is one name read aloud
        latin = [t for t in terms if t.latin_only]
        suffix = "x" if rare else ""
        if whole and not rare:
            yield EXACT_NAME, self._keys(key, "name", types, limit, exact=True)
        if whole and latin:
            yield EXACT_PINYIN, self._keys(key, "py" + suffix, types, limit, exact=True)
        if whole and not rare:
            yield NAME_PREFIX, self._keys(key, "name", types, limit, exact=False)
        if whole and latin and not rare and len(key) <= MAX_PREFIX:
            yield PINYIN_PREFIX, self._match("search_heads", head_expr(key), types, limit)
        elif whole and latin and not rare:  # longer than any indexed prefix, and so selective
            yield PINYIN_PREFIX, self._keys(key, "py", types, limit, exact=False)
        elif whole and latin:
            yield PINYIN_PREFIX, self._keys(key, "pyx", types, limit, exact=False)
        if not rare:
            yield NAME_SUBSTRING, self._match("search_names", all_terms_expr(terms, NAME_COLUMNS), types, limit)
        if len(terms) == 1 and not terms[0].hanzi_only and not rare:
            yield FIGURE_VALUE, self._keys(number_key(terms[0].text), "num", types, limit, exact=True)
        if whole and latin and not rare:
            yield NAME_PINYIN_INSIDE, self._match("search_inside", inside_expr(key), types, limit)
        elif latin and not rare:
            yield NAME_PINYIN_INSIDE, self._all(
                [self._name_condition(t, rare) for t in terms], types, limit)
        if whole and not rare:
            yield EXACT_ALIAS, self._keys(key, "alias", types, limit, exact=True)
            yield ALIAS_PREFIX, self._keys(key, "alias", types, limit, exact=False)
        if whole and latin:
            yield ALIAS_PINYIN, self._keys(key, "apy" + suffix, types, limit, exact=False)
        if not rare:
            yield ALIAS_SUBSTRING, self._match("search_names", all_terms_expr(terms, ALIAS_COLUMNS), types, limit)
        yield TEXT_MENTION, self._anywhere(terms, types, limit, rare, words=False)
        if latin:
            yield TEXT_PINYIN, self._anywhere(terms, types, limit, rare)

    def _keys(self, key: str, kind: str, types: tuple[str, ...] | None, limit: int, exact: bool) -> list[int]:
        if not key:
            return []
        if exact:
            where, params = "k.key = ?", [key]
        else:
            where, params = "k.key > ? AND k.key < ?", [key, key + _MAX_KEY]
        sql = (f"SELECT k.doc_id, k.key FROM search_keys k JOIN search_docs d ON d.id = k.doc_id "
               f"WHERE k.kind = ? AND {where}")
        sql, args = _with_types(sql, [kind, *params], types)
        rows = self.conn.execute(sql + " LIMIT ?", (*args, limit * 4)).fetchall()
        # Shortest completion first, then static rank (doc id).
        rows.sort(key=lambda r: (len(r[1]), r[0]))
        return list(dict.fromkeys(r[0] for r in rows))[:limit]

    def _match(self, table: str, expr: str, types: tuple[str, ...] | None, limit: int) -> list[int]:
        sql = f"SELECT f.rowid FROM {table} f JOIN search_docs d ON d.id = f.rowid WHERE {table} MATCH ?"
        sql, args = _with_types(sql, [expr], types)
        return [r[0] for r in self.conn.execute(sql + " ORDER BY f.rowid LIMIT ?", (*args, limit))]

    def _name_condition(self, term: Term, rare: bool) -> Condition:
        """*term* is in the item's name, as written or as pinyin."""
        if not term.latin_only:
            return (_fts("search_names", text_expr(term, NAME_COLUMNS)),)
        if rare or len(term.key) > MAX_PREFIX:
            return (Part("SELECT doc_id FROM search_keys WHERE kind = ? AND key >= ? AND key < ?", "doc_id",
                         ("pyx" if rare else "py", term.key, term.key + _MAX_KEY)),)
        return (_fts("search_heads", head_expr(term.key)), _fts("search_inside", inside_expr(term.key)))

    def _all(self, conditions: list[Condition], types: tuple[str, ...] | None, limit: int | None) -> list[int]:
        return matching(self.conn, conditions, types, limit, self._probes)

    def _anywhere(self, terms: list[Term], types: tuple[str, ...] | None, limit: int | None,
                  rare: bool = False, words: bool = True) -> list[int]:
        """Documents where every term occurs in the name, an alias or the text (pinyin too).

        With *words*, a pinyin term also matches the Chinese words of the text it stands for.
        """
        chinese = [t for t in terms if not t.latin_only]
        spelled = self._spelled(terms, rare, words)
        if chinese and len(spelled) <= MAX_SPLIT_TERMS:
            return self._by_side(all_terms_expr(chinese, TEXT_COLUMNS), spelled, types, limit)
        return self._all(term_conditions(chinese, spelled), types, limit)

    def _spelled(self, terms: list[Term], rare: bool, words: bool) -> list[Spelled]:
        """Where each term of letters may be met: as ASCII text (5G, AI) or the pinyin of words in
        the text (expressions over search_text), or as the pinyin of a name."""
        return [(self._text_exprs(term, words), self._name_condition(term, rare)) for term in terms if term.latin_only]

    def _text_exprs(self, term: Term, words: bool) -> list[str]:
        """*term* (letters) in the text: as written, and as the Chinese words it may be the pinyin of."""
        spoken = self._spoken_words(term.key) if words else []
        return [text_expr(term, TEXT_COLUMNS), *([words_expr(spoken)] if spoken else [])]

    def _by_side(self, chinese: str, spelled: list[Spelled], types: tuple[str, ...] | None,
                 limit: int | None) -> list[int]:
        """`_anywhere` for Chinese words with a few pinyin terms (郑东 liangzi), side by side.

        A pinyin term is met in the text or by the item's name, so the matches are the union,
        over each way of choosing a side per term, of: the Chinese words and the text-side terms
        in the text -- one FTS5 query, which intersects inside SQLite (a word in 40,000 texts
        costs no more than a rare one) -- and the name-side terms' name lookups.  Only the
        name sides (a few thousand names at most) are intersected here.
        """
        from itertools import product  # here, not at the top: the search command's start-up

        found: set[int] = set()
        for by_name in product((False, True), repeat=len(spelled)):
            exprs = [chinese, *(" OR ".join(f"({e})" for e in texts)
                                for (texts, _), name in zip(spelled, by_name, strict=True) if not name)]
            conditions: list[Condition] = [(_fts("search_text", " AND ".join(f"({e})" for e in exprs)),)]
            conditions += [names for (_, names), name in zip(spelled, by_name, strict=True) if name]
            found.update(self._all(conditions, types, limit))
        return sorted(found)[:limit]

    # Pinyin of words inside the text ------------------------------------------------------------

    def _spoken_words(self, letters: str) -> list[str]:
        """Chinese strings of the text that *letters* (pinyin or initials, 2+ letters) may stand for."""
        if len(letters) < 2 or not letters.isalpha():
            return []
        found: dict[str, None] = {}
        readings = [[letter for letter in letters]] if len(letters) <= MAX_WORD_SYLLABLES else []
        for split in [*readings, *syllable_splits(letters)]:
            if not 2 <= len(split) <= MAX_WORD_SYLLABLES:
                continue  # a whole name read aloud is found by its name, not word by word in the text
            initials_only = split is readings[0] if readings else False
            for chain in self._chains(split, initials_only):
                found[chain] = None
                if len(found) >= MAX_WORD_CHAINS:
                    return list(found)
        return list(found)

    def _chains(self, split: list[str], initials_only: bool) -> list[str]:
        """Runs of characters whose every adjacent pair is a word of the text read as *split*."""
        chains: list[str] | None = None
        for i in range(len(split) - 1):
            last = i == len(split) - 2
            options = self._word_lookup(split[i] + split[i + 1], "in" if initials_only else "py",
                                        prefix=last and not initials_only)
            if chains is None:
                chains = options[:MAX_WORD_CHAINS]
            else:
                by_first: dict[str, list[str]] = {}
                for word in options:
                    by_first.setdefault(word[0], []).append(word)
                chains = [c + w[1] for c in chains for w in by_first.get(c[-1], ())][:MAX_WORD_CHAINS]
            if not chains:
                return []
        return chains or []

    def _word_lookup(self, key: str, kind: str, prefix: bool) -> list[str]:
        cached = self._words.get((kind, key, prefix))
        if cached is None:
            args: tuple[str, ...] = (kind, key, key + _MAX_KEY) if prefix else (kind, key)
            sql = ("SELECT word FROM search_words WHERE kind = ? AND key "
                   + (">= ? AND key < ?" if prefix else "= ?") + " LIMIT 400")
            try:
                cached = [r[0] for r in self.conn.execute(sql, args)]
            except sqlite3.OperationalError:  # an index built before text words were kept
                cached = []
            if len(self._words) > 4096:
                self._words.clear()
            self._words[(kind, key, prefix)] = cached
        return cached

    # Results ----------------------------------------------------------------------------------

    def _hits(self, ranked: list[tuple[int, float]], terms: list[Term]) -> list[SearchHit]:
        if not ranked:
            return []
        ids = [doc_id for doc_id, _ in ranked]
        rows = self.conn.execute(
            f"SELECT id, type, ref_id, name, theme, body, report_id FROM search_docs "
            f"WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall()
        by_id = {r[0]: r for r in rows}
        reports = self._reports({r[6] for r in rows if r[6] is not None})
        # Pinyin met as words of the text (kjc: 科技城) is marked as those words, so a hit shows
        # why it was found; the item's own name is marked too where the snippet holds it.
        spoken = [w for t in terms if t.latin_only for w in self._spoken_words(t.key)]
        hits = []
        for doc_id, score in ranked:
            _, type_, ref_id, name, theme, body, report_id = by_id[doc_id]
            needles = [t.text for t in terms] + ([*spoken, fold(name)] if spoken else [])
            snippet, marks = make_snippet(body, needles, fallback=name)
            title, year = reports.get(report_id, (None, None))
            hits.append(SearchHit(type=type_, id=ref_id, name=name, theme=theme, snippet=snippet,
                                  marks=marks, score=round(score, 4), report_id=report_id,
                                  report_title=title, report_year=year))
        return hits

    def _reports(self, ids: set[int]) -> dict[int, tuple[str, int]]:
        """Title and year of the reports the hits come from (none in a bare index)."""
        if not ids:
            return {}
        try:
            rows = self.conn.execute(f"SELECT id, title, year FROM reports WHERE id IN ({','.join('?' * len(ids))})",
                                     tuple(ids)).fetchall()
        except sqlite3.OperationalError:
            return {}
        return {r[0]: (r[1], r[2]) for r in rows}


Spelled = tuple[list[str], Condition]  # a term of letters: its text expressions, its name lookups


def term_conditions(chinese: list[Term], spelled: list[Spelled]) -> list[Condition]:
    """Each term as one condition: the Chinese ones together in the text, a term of letters in
    the text or in the name."""
    conditions: list[Condition] = []
    if chinese:
        conditions.append((_fts("search_text", all_terms_expr(chinese, TEXT_COLUMNS)),))
    for texts, names in spelled:
        conditions.append((_fts("search_text", texts[0]), *names, *(_fts("search_text", e) for e in texts[1:])))
    return conditions


def _fts(table: str, expr: str) -> Part:
    return Part(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", "rowid", (expr,), seekable='"*' not in expr)


def _with_types(sql: str, args: list[object], types: tuple[str, ...] | None) -> tuple[str, list[object]]:
    if not types:
        return sql, args
    return sql + f" AND d.type IN ({','.join('?' * len(types))})", [*args, *types]


def _first_of(text: str, needles: list[str]) -> int:
    return min((i for i in (text.find(n) for n in needles) if i >= 0), default=-1)


def make_snippet(body: str, needles: list[str], fallback: str = "") -> tuple[str, tuple[tuple[int, int], ...]]:
    """The source sentence around the first match, with every matched needle marked.

    When the query matched by pinyin and its words are not in the text, the item's own name
    is looked for instead, so the snippet still shows where the item is mentioned.
    """
    needles = [n for n in needles if n]
    # Most matches are found in the text as it is; folding a long text costs more than the rest.
    folded = body
    first = _first_of(folded, needles)
    if first < 0:
        folded = fold(body)
        first = _first_of(folded, needles)
    if first < 0 and fallback:
        needles = [fold(fallback)]
        first = folded.find(needles[0])
    if first < 0:
        line = body.split("\n", 1)[0]
        cut = line[: SNIPPET_CONTEXT * 3]
        return cut + ("…" if len(line) > len(cut) else ""), ()
    line_start = folded.rfind("\n", 0, first) + 1
    line_end = folded.find("\n", first)
    line_end = len(folded) if line_end < 0 else line_end
    start = max(line_start, first - SNIPPET_CONTEXT)
    end = min(line_end, first + SNIPPET_CONTEXT * 2)
    window = fold(body[start:end])  # folding keeps offsets
    marks: list[tuple[int, int]] = []
    for needle in needles:
        at = window.find(needle)
        while at >= 0:
            marks.append((at, at + len(needle)))
            at = window.find(needle, at + len(needle))
    prefix = "…" if start > line_start else ""
    suffix = "…" if end < line_end else ""
    merged: list[tuple[int, int]] = []  # needles may overlap (中原科技城, 科技城): one span each place
    for a, b in sorted(marks):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    shifted = tuple((a + len(prefix), b + len(prefix)) for a, b in merged)
    return prefix + body[start:end] + suffix, shifted
