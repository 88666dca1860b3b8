"""Documents that meet every condition (each: any of a few index lookups), best rank first.

Mixed queries (郑东 liangzi) join conditions that can each match tens of thousands of
documents.  Letting SQLite materialise every `IN (subquery)` costs as much as the largest
one; instead each condition is first read up to a small cap, which tells how common it is.
The rarest one's ids are then read in rank order, a block at a time, and each block is checked
against the others (id lookups or one range scan), stopping at the limit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

from zzdesk.core.search.values import Value

PROBE = 2000
SEEK_MAX = 300  # candidates looked up one by one; more are checked by a range scan
WHOLE_READ_MAX = 12000  # a prefix lookup expected to have fewer ids is read whole when checked
SEEK_COST = 30  # one id looked up costs about as much as this many read in a range scan


class Part(Value):
    """One lookup: *sql* selects the id column *column* (rowid of an FTS table, or doc_id)."""

    __slots__ = ("args", "column", "seekable", "sql")
    sql: str
    column: str
    args: tuple[object, ...]
    seekable: bool  # one id is cheap to look up (not so for a prefix, which merges many doclists)

    def __init__(self, sql: str, column: str, args: tuple[object, ...], seekable: bool = True) -> None:
        self._set(sql=sql, column=column, args=args, seekable=seekable)

    def query(self, extra: str = "") -> str:
        return f"{self.sql}{extra} ORDER BY {self.column}"


Condition = tuple[Part, ...]  # met when any of its parts finds the document


def _ids_sql(ids: Sequence[int]) -> str:
    return ",".join(str(int(i)) for i in ids)


Probe = tuple[list[int], bool]  # a part's first ids (ascending), and whether that is all of them
Memo = dict[tuple[str, tuple[object, ...], int, int], Probe]  # probes already read during one search


def _probe(conn: sqlite3.Connection, part: Part, after: int = 0, memo: Memo | None = None,
           cap: int | None = None) -> Probe:
    """Up to *cap* (PROBE) ids of *part* greater than *after*, and whether that is all of them."""
    cap = PROBE if cap is None else cap
    key = (part.sql, part.args, after, cap)
    if memo is not None and key in memo:
        return memo[key]
    extra = f" AND {part.column} > {int(after)}" if after else ""
    rows = conn.execute(part.query(extra) + f" LIMIT {int(cap) + 1}", part.args).fetchall()
    found = [r[0] for r in rows[:cap]], len(rows) <= cap
    if memo is not None:
        memo[key] = found
    return found


def _within(conn: sqlite3.Connection, part: Part, probe: list[int], known: set[int], candidates: list[int],
            last_id: int, memo: Memo | None = None) -> set[int]:
    """The *candidates* (ascending) that *part* finds, given its first ids *probe* (ascending; as
    a set, *known*).

    Candidates up to the probe's last id are settled by the probe itself.  The rest are looked
    up by id when there are few, the lookup is a plain token and a scan of their id range would
    read far more ids (a seek costs 5-40 µs, a scanned id a fraction of one; but a common
    word has tens of thousands of them).  A prefix costs a fixed 0.2 ms per evaluation (it
    merges many doclists), so when it is not huge it is read whole once per search instead.
    """
    last = probe[-1] if probe else 0
    found = known.intersection(candidates)
    rest = [c for c in candidates if c > last]
    if not rest:
        return found
    if not part.seekable and len(probe) * (last_id - last) < WHOLE_READ_MAX * last:  # by the probe's density
        every, complete = _probe(conn, part, last, memo, cap=WHOLE_READ_MAX)
        if complete:
            return found | set(every).intersection(rest)
    # Matches expected in the rest's id range, from the probe's density (its ids are all below last).
    in_range = len(probe) * (rest[-1] - rest[0] + 1) / max(last, 1)
    if part.seekable and len(rest) <= SEEK_MAX and in_range > SEEK_COST * len(rest):
        sql = part.query(f" AND {part.column} IN ({_ids_sql(rest)})")
    else:
        sql = part.query(f" AND {part.column} BETWEEN {int(rest[0])} AND {int(rest[-1])}")
    return found | {r[0] for r in conn.execute(sql, part.args)}


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


def matching(conn: sqlite3.Connection, conditions: Sequence[Condition], types: tuple[str, ...] | None,
             limit: int | None, memo: Memo | None = None) -> list[int]:
    """Ids meeting every condition, in rank order, at most *limit* (None: all of them)."""
    if not conditions:
        return []
    if limit is None:
        common: set[int] | None = None
        for condition in conditions:
            every = {r[0] for part in condition for r in conn.execute(part.query(), part.args)}
            common = every if common is None else common & every
        return _docs(conn, sorted(common or ()), types, None)
    if len(conditions) == 1:  # nothing to intersect: read the lookups in rank order, stop at the limit
        return _first(conn, conditions[0], types, limit)
    probes = [[_probe(conn, part, memo=memo) for part in condition] for condition in conditions]
    last_id = conn.execute("SELECT max(id) FROM search_docs").fetchone()[0] or 0
    driver = min(range(len(conditions)), key=lambda i: _estimate(probes[i], last_id))
    # Each other condition's lookups with their probes, as sets once for all the checks below.
    others = [[(part, ids, set(ids), complete) for part, (ids, complete) in zip(c, p, strict=True)]
              for i, (c, p) in enumerate(zip(conditions, probes, strict=True)) if i != driver]
    found: list[int] = []
    # The rarest condition's ids, best-ranked first, a chunk at a time, each checked against
    # the others: the work stops as soon as the limit is met.
    for block in _ascending(conn, conditions[driver], probes[driver], memo):
        for start in range(0, len(block), SEEK_MAX):
            chunk = block[start:start + SEEK_MAX]
            for lookups in others:
                if not chunk:
                    break
                kept: set[int] = set()
                for part, ids, known, complete in lookups:
                    kept |= known.intersection(chunk) if complete else _within(
                        conn, part, ids, known, chunk, last_id, memo)
                chunk = [i for i in chunk if i in kept]
            found += _docs(conn, chunk, types, limit - len(found))
            if len(found) >= limit:
                return found
    return found


def _estimate(looked: list[Probe], last_id: int) -> float:
    """How many ids a condition has: exact when probed whole, else from the probe's density."""
    return sum(len(ids) if complete else len(ids) * last_id / max(ids[-1], 1) for ids, complete in looked)


def _ascending(conn: sqlite3.Connection, condition: Condition, looked: list[Probe],
               memo: Memo | None) -> Iterator[list[int]]:
    """Every id of *condition*, ascending, in blocks of about PROBE (read as far as needed)."""
    low = 0
    while True:
        bound = min((ids[-1] for ids, complete in looked if not complete), default=None)
        yield sorted({i for ids, _ in looked for i in ids if i > low and (bound is None or i <= bound)})
        if bound is None:
            return
        low = bound
        looked = [(ids, True) if complete else _probe(conn, part, low, memo)
                  for part, (ids, complete) in zip(condition, looked, strict=True)]
