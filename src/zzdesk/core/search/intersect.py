"""Documents that meet every condition (each: any of a few index lookups), best rank first.

Mixed queries (郑东 liangzi) join conditions that can each match tens of thousands of
documents.  Letting SQLite materialise every `IN (subquery)` costs as much as the largest
one; instead each condition is first read up to a small cap: when one is small, only its
documents are checked against the others (rowid lookups); when all are large, matches are
dense, so the sorted id streams are walked together and stop at the limit.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

PROBE = 2000


@dataclass(frozen=True)
class Part:
    """One lookup: *sql* selects the id column *column* (rowid of an FTS table, or doc_id)."""

    sql: str
    column: str
    args: tuple[object, ...]

    def query(self, extra: str = "") -> str:
        return f"{self.sql}{extra} ORDER BY {self.column}"


Condition = tuple[Part, ...]  # met when any of its parts finds the document


def _ids_sql(ids: Sequence[int]) -> str:
    return ",".join(str(int(i)) for i in ids)


def _probe(conn: sqlite3.Connection, part: Part) -> tuple[list[int], bool]:
    """Up to PROBE ids of *part*, and whether that is all of them."""
    rows = conn.execute(part.query() + f" LIMIT {PROBE + 1}", part.args).fetchall()
    return [r[0] for r in rows[:PROBE]], len(rows) <= PROBE


def _within(conn: sqlite3.Connection, part: Part, low: int, high: int) -> set[int]:
    """Every id of *part* between *low* and *high*: one evaluation of the lookup.

    (A rowid IN (...) list would make SQLite evaluate an FTS5 match once per listed id.)"""
    sql = part.query(f" AND {part.column} BETWEEN {int(low)} AND {int(high)}")
    return {r[0] for r in conn.execute(sql, part.args)}


def _docs(conn: sqlite3.Connection, ids: Sequence[int], types: tuple[str, ...] | None,
          limit: int | None) -> list[int]:
    """The ids still in search_docs (and of the wanted types), in rank order."""
    out: list[int] = []
    for start in range(0, len(ids), 500):
        sql = f"SELECT id FROM search_docs WHERE id IN ({_ids_sql(ids[start:start + 500])})"
        args: list[object] = []
        if types:
            sql += f" AND type IN ({','.join('?' * len(types))})"
            args += types
        out += [r[0] for r in conn.execute(sql + " ORDER BY id", args)]
        if limit is not None and len(out) >= limit:
            break
    return out[:limit] if limit is not None else out


def _first(conn: sqlite3.Connection, condition: Condition, types: tuple[str, ...] | None,
           limit: int) -> list[int]:
    found: set[int] = set()
    for part in condition:
        sql = (f"SELECT d.id FROM ({part.sql}) p JOIN search_docs d ON d.id = p.{part.column}"
               + (f" WHERE d.type IN ({','.join('?' * len(types))})" if types else "")
               # An FTS5 match comes in rowid (rank) order: sorting would read every match first.
               + ("" if part.column == "rowid" else " ORDER BY d.id") + f" LIMIT {int(limit)}")
        found.update(r[0] for r in conn.execute(sql, (*part.args, *(types or ()))))
    return sorted(found)[:limit]


def _stream(conn: sqlite3.Connection, condition: Condition) -> Iterator[int]:
    cursors = [(r[0] for r in conn.execute(part.query(), part.args)) for part in condition]
    last = None
    for doc_id in heapq.merge(*cursors):
        if doc_id != last:
            yield doc_id
            last = doc_id


def _walk_together(conn: sqlite3.Connection, conditions: Sequence[Condition]) -> Iterator[int]:
    """Ids in every stream, ascending (each stream sorted)."""
    streams = [_stream(conn, c) for c in conditions]
    heads = [next(s, None) for s in streams]
    while all(h is not None for h in heads):
        top = max(h for h in heads if h is not None)
        if all(h == top for h in heads):
            yield top
            heads = [next(s, None) for s in streams]
            continue
        heads = [h if h == top else _advance(s, h, top) for s, h in zip(streams, heads, strict=True)]


def _advance(stream: Iterator[int], head: int | None, target: int) -> int | None:
    while head is not None and head < target:
        head = next(stream, None)
    return head


def matching(conn: sqlite3.Connection, conditions: Sequence[Condition], types: tuple[str, ...] | None,
             limit: int | None) -> list[int]:
    """Ids meeting every condition, in rank order, at most *limit* (None: all of them)."""
    if not conditions:
        return []
    if limit is None:
        found: set[int] | None = None
        for condition in conditions:
            every = {r[0] for part in condition for r in conn.execute(part.query(), part.args)}
            found = every if found is None else found & every
        return _docs(conn, sorted(found or ()), types, None)
    if len(conditions) == 1:  # nothing to intersect: read the lookups in rank order, stop at the limit
        return _first(conn, conditions[0], types, limit)
    probes = [[_probe(conn, part) for part in condition] for condition in conditions]
    small = [i for i, looked in enumerate(probes) if all(complete for _, complete in looked)]
    if small:
        driver = min(small, key=lambda i: sum(len(ids) for ids, _ in probes[i]))
        candidates = sorted({d for ids, _ in probes[driver] for d in ids})
        for index, condition in enumerate(conditions):
            if index == driver or not candidates:
                continue
            kept: set[int] = set()
            for part, (ids, complete) in zip(condition, probes[index], strict=True):
                kept |= set(ids) if complete else _within(conn, part, candidates[0], candidates[-1])
            candidates = [i for i in candidates if i in kept]
        return _docs(conn, candidates, types, limit)
    out: list[int] = []
    batch: list[int] = []
    for doc_id in _walk_together(conn, conditions):
        batch.append(doc_id)
        if len(batch) >= limit:
            out += _docs(conn, batch, types, limit - len(out))
            batch = []
            if len(out) >= limit:
                return out
    return out + _docs(conn, batch, types, limit - len(out))
