"""Ranked search: exact name > name prefix > name substring > alias > text mention.

Each tier is one indexed query with a LIMIT; tiers run best-first and stop
once enough results are found, so a one-character query over 100,000 items
costs about as much as a rare one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from zzdesk.core.search.documents import TYPE_LABELS, TYPE_ORDER
from zzdesk.core.search.query import (
    ALIAS_COLUMNS,
    NAME_COLUMNS,
    TEXT_COLUMNS,
    Term,
    all_terms_expr,
    parse_terms,
    pinyin_expr,
    text_expr,
)
from zzdesk.core.search.tokens import fold, number_key

SNIPPET_CONTEXT = 18
_MAX_KEY = "\U0010ffff"

# Tier scores: the ranking people expect, best first; tiers run in this order.
EXACT_NAME, EXACT_PINYIN, NAME_PREFIX, PINYIN_PREFIX = 100, 90, 80, 75
NAME_SUBSTRING, FIGURE_VALUE, NAME_PINYIN_INSIDE = 60, 58, 55
EXACT_ALIAS, ALIAS_PREFIX, ALIAS_PINYIN, ALIAS_SUBSTRING = 50, 45, 42, 40
TEXT_MENTION = 20


@dataclass(frozen=True)
class SearchHit:
    type: str
    id: int
    name: str
    theme: str | None
    snippet: str
    marks: tuple[tuple[int, int], ...]  # spans of the snippet that matched
    score: float
    report_id: int | None

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type]


def group_by_type(hits: Sequence[SearchHit]) -> list[tuple[str, list[SearchHit]]]:
    """Results grouped by type; the group holding the best result comes first, best first inside."""
    groups: dict[str, list[SearchHit]] = {}
    for hit in sorted(hits, key=lambda h: -h.score):
        groups.setdefault(hit.type, []).append(hit)
    return sorted(groups.items(), key=lambda item: (-item[1][0].score, TYPE_ORDER.index(item[0])))


class SearchEngine:
    """Search over the index tables of one SQLite database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def search(self, query: str, types: Iterable[str] | None = None, limit: int = 50) -> list[SearchHit]:
        terms = parse_terms(query)
        if not terms or limit <= 0:
            return []
        wanted = tuple(types) if types else None
        found: dict[int, float] = {}
        for score, ids in self._tiers(terms, wanted, limit):
            for position, doc_id in enumerate(ids):
                if doc_id not in found:
                    found[doc_id] = score - position / (10 * (limit + len(ids)))
            if len(found) >= limit:
                break
        best = sorted(found.items(), key=lambda item: -item[1])[:limit]
        return self._hits(best, terms)

    def matching_ids(self, query: str) -> set[int]:
        """Every document the query matches anywhere (no ranking, no limit): for checks."""
        terms = parse_terms(query)
        return set(self._anywhere(terms, None, None)) if terms else set()

    # Tiers ------------------------------------------------------------------------------------

    def _tiers(self, terms: list[Term], types: tuple[str, ...] | None, limit: int,
               ) -> Iterable[tuple[float, list[int]]]:
        whole = len(terms) == 1 or all(t.latin_only for t in terms)
        key = "".join(t.key for t in terms)  # "zhong yuan" is one name read aloud
        latin = [t for t in terms if t.latin_only]
        if whole:
            yield EXACT_NAME, self._keys(key, ("name",), types, limit, exact=True)
            yield EXACT_PINYIN, self._keys(key, ("py",), types, limit, exact=True)
            yield NAME_PREFIX, self._keys(key, ("name",), types, limit, exact=False)
            yield PINYIN_PREFIX, self._keys(key, ("py",), types, limit, exact=False)
        yield NAME_SUBSTRING, self._names(all_terms_expr(terms, NAME_COLUMNS), types, limit)
        if len(terms) == 1 and not terms[0].hanzi_only:
            yield FIGURE_VALUE, self._keys(number_key(terms[0].text), ("num",), types, limit, exact=True)
        if whole and latin:
            yield NAME_PINYIN_INSIDE, self._names(pinyin_expr(key), types, limit)
        elif latin:
            yield NAME_PINYIN_INSIDE, self._names(" AND ".join(
                f"({pinyin_expr(t.key)})" if t.latin_only else f"({text_expr(t, NAME_COLUMNS)})"
                for t in terms), types, limit)
        if whole:
            yield EXACT_ALIAS, self._keys(key, ("alias",), types, limit, exact=True)
            yield ALIAS_PREFIX, self._keys(key, ("alias",), types, limit, exact=False)
            yield ALIAS_PINYIN, self._keys(key, ("apy",), types, limit, exact=False)
        yield ALIAS_SUBSTRING, self._names(all_terms_expr(terms, ALIAS_COLUMNS), types, limit)
        yield TEXT_MENTION, self._anywhere(terms, types, limit)

    def _keys(self, key: str, kinds: tuple[str, ...], types: tuple[str, ...] | None, limit: int,
              exact: bool) -> list[int]:
        if not key:
            return []
        kind_list = ",".join("?" * len(kinds))
        if exact:
            where, params = "k.key = ?", [key]
        else:
            where, params = "k.key > ? AND k.key < ?", [key, key + _MAX_KEY]
        sql = (f"SELECT k.doc_id, k.key FROM search_keys k JOIN search_docs d ON d.id = k.doc_id "
               f"WHERE {where} AND k.kind IN ({kind_list})")
        args: list[object] = [*params, *kinds]
        sql, args = _with_types(sql, args, types)
        rows = self.conn.execute(sql + " LIMIT ?", (*args, limit * 4)).fetchall()
        # Shortest completion first, then static rank (doc id).
        rows.sort(key=lambda r: (len(r[1]), r[0]))
        return list(dict.fromkeys(r[0] for r in rows))[:limit]

    def _names(self, expr: str, types: tuple[str, ...] | None, limit: int) -> list[int]:
        sql = ("SELECT f.rowid FROM search_names f JOIN search_docs d ON d.id = f.rowid "
               "WHERE search_names MATCH ?")
        sql, args = _with_types(sql, [expr], types)
        return [r[0] for r in self.conn.execute(sql + " LIMIT ?", (*args, limit))]

    def _anywhere(self, terms: list[Term], types: tuple[str, ...] | None, limit: int | None) -> list[int]:
        """Documents where every term occurs in the name, an alias or the text (pinyin too)."""
        chinese = [t for t in terms if not t.latin_only]
        latin = [t for t in terms if t.latin_only]
        conditions: list[str] = []
        args: list[object] = []
        for term in latin:
            # Letters may be ASCII text (5G, AI) or pinyin of a name.
            conditions.append("d.id IN (SELECT rowid FROM search_text WHERE search_text MATCH ? "
                              "UNION SELECT rowid FROM search_names WHERE search_names MATCH ?)")
            args += [text_expr(term, TEXT_COLUMNS), pinyin_expr(term.key)]
        if chinese:
            sql = ("SELECT d.id FROM search_text f JOIN search_docs d ON d.id = f.rowid "
                   "WHERE search_text MATCH ?")
            args.insert(0, all_terms_expr(chinese, TEXT_COLUMNS))
            sql += "".join(f" AND {c}" for c in conditions)
        else:
            sql = "SELECT d.id FROM search_docs d WHERE " + " AND ".join(conditions)
        sql, args = _with_types(sql, args, types)
        if not chinese:
            sql += " ORDER BY d.id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self.conn.execute(sql, args)]

    # Results ----------------------------------------------------------------------------------

    def _hits(self, ranked: list[tuple[int, float]], terms: list[Term]) -> list[SearchHit]:
        if not ranked:
            return []
        ids = [doc_id for doc_id, _ in ranked]
        rows = self.conn.execute(
            f"SELECT id, type, ref_id, name, theme, body, report_id FROM search_docs "
            f"WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall()
        by_id = {r[0]: r for r in rows}
        hits = []
        for doc_id, score in ranked:
            _, type_, ref_id, name, theme, body, report_id = by_id[doc_id]
            snippet, marks = make_snippet(body, [t.text for t in terms], fallback=name)
            hits.append(SearchHit(type=type_, id=ref_id, name=name, theme=theme, snippet=snippet,
                                  marks=marks, score=round(score, 4), report_id=report_id))
        return hits


def _with_types(sql: str, args: list[object], types: tuple[str, ...] | None) -> tuple[str, list[object]]:
    if not types:
        return sql, args
    return sql + f" AND d.type IN ({','.join('?' * len(types))})", [*args, *types]


def make_snippet(body: str, needles: list[str], fallback: str = "") -> tuple[str, tuple[tuple[int, int], ...]]:
    """The source sentence around the first match, with every matched needle marked.

    When the query matched by pinyin and its words are not in the text, the item's own name
    is looked for instead, so the snippet still shows where the item is mentioned.
    """
    folded = fold(body)
    needles = [n for n in needles if n]
    first = min((i for i in (folded.find(n) for n in needles) if i >= 0), default=-1)
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
    marks: list[tuple[int, int]] = []
    for needle in needles:
        at = folded.find(needle, start, end)
        while at >= 0:
            marks.append((at - start, at - start + len(needle)))
            at = folded.find(needle, at + len(needle), end)
    prefix = "…" if start > line_start else ""
    suffix = "…" if end < line_end else ""
    shifted = tuple(sorted((a + len(prefix), b + len(prefix)) for a, b in marks))
    return prefix + body[start:end] + suffix, shifted
