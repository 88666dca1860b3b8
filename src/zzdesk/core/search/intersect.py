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
SEEK_COST = 60  # one id looked up costs about as much as this many read in a range scan (filtered in SQLite)


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


class Checked:
    """Which ids one lookup has been asked about beyond its probe: id ranges read whole, single ids."""

    __slots__ = ("ids", "ranges")

    def __init__(self) -> None:
        self.ranges: list[tuple[int, int, set[int]]] = []  # low, high, every id of the lookup in between
        self.ids: dict[int, bool] = {}  # looked up one by one: found or not

    def settle(self, candidates: list[int], found: set[int]) -> list[int]:
        """Adds the *candidates* known to be found to *found*; returns those not known yet."""
        unknown = []
        for c in candidates:
            answer = self.ids.get(c)
            if answer is None:
                answer = next((c in ids for low, high, ids in self.ranges if low <= c <= high), None)
            if answer is None:
                unknown.append(c)
            elif answer:
                found.add(c)
        return unknown


class Memo:
    """What one search has already read, for its later tiers: they probe the same lookups, check
    the same candidates against them (a common word in the text, tier after tier) and against
    search_docs."""

    __slots__ = ("checked", "last_id", "present", "probes", "results")

    def __init__(self) -> None:
        self.probes: dict[tuple[str, tuple[object, ...], int, int], Probe] = {}
        self.checked: dict[tuple[str, tuple[object, ...]], Checked] = {}
        self.present: dict[tuple[str, ...] | None, dict[int, bool]] = {}  # by wanted types: id in search_docs
        self.last_id: int | None = None
        self.results: dict[tuple[object, ...], list[int]] = {}  # whole answers (the text tiers ask twice)


def _probe(conn: sqlite3.Connection, part: Part, after: int = 0, memo: Memo | None = None,
           cap: int | None = None) -> Probe:
    """Up to *cap* (PROBE) ids of *part* greater than *after*, and whether that is all of them."""
    cap = PROBE if cap is None else cap
    key = (part.sql, part.args, after, cap)
    if memo is not None and key in memo.probes:
        return memo.probes[key]
    extra = f" AND {part.column} > {int(after)}" if after else ""
    rows = conn.execute(part.query(extra) + f" LIMIT {int(cap) + 1}", part.args).fetchall()
    found = [r[0] for r in rows[:cap]], len(rows) <= cap
    if memo is not None:
        memo.probes[key] = found
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
    checked = Checked() if memo is None else memo.checked.setdefault((part.sql, part.args), Checked())
    rest = checked.settle(rest, found)
    if not rest:
        return found
    # Matches expected in the rest's id range, from the probe's density (its ids are all below last).
    in_range = len(probe) * (rest[-1] - rest[0] + 1) / max(last, 1)
    seek = part.seekable and len(rest) <= SEEK_MAX and in_range > SEEK_COST * len(rest)
    if seek:
        sql = part.query(f" AND {part.column} IN ({_ids_sql(rest)})")
    elif len(rest) <= SEEK_MAX:
        # The range is scanned inside SQLite; only the candidates come back ("+" keeps the
        # list a filter: as a constraint it would be one lookup per id).
        sql = part.query(f" AND {part.column} BETWEEN {int(rest[0])} AND {int(rest[-1])}"
                         f" AND +{part.column} IN ({_ids_sql(rest)})")
    else:
        sql = part.query(f" AND {part.column} BETWEEN {int(rest[0])} AND {int(rest[-1])}")
    hits = {r[0] for r in conn.execute(sql, part.args)}
    if seek or len(rest) <= SEEK_MAX:
        checked.ids.update((c, c in hits) for c in rest)
    else:
        checked.ranges.append((rest[0], rest[-1], hits))
    return found | hits


def _docs(conn: sqlite3.Connection, ids: Sequence[int], types: tuple[str, ...] | None,
          limit: int | None, memo: Memo | None = None) -> list[int]:
    """The ids (ascending) still in search_docs (and of the wanted types), in rank order."""
    known = {} if memo is None else memo.present.setdefault(types, {})
    out: list[int] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        unknown = [i for i in chunk if i not in known]
        if unknown:
            sql = f"SELECT id FROM search_docs WHERE id IN ({_ids_sql(unknown)})"
            args: list[object] = []
            if types:
                sql += f" AND type IN ({','.join('?' * len(types))})"
                args += types
            known.update(dict.fromkeys(unknown, False))
            known.update((r[0], True) for r in conn.execute(sql, args))
        out += [i for i in chunk if known[i]]
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
    if len(conditions) == 2 and _seekable(conditions[0]):
        return _pair(conn, conditions[0][0], conditions[1], types, limit, memo)
    probes = [[_probe(conn, part, memo=memo) for part in condition] for condition in conditions]
    last_id = memo.last_id if memo is not None else None
    if last_id is None:
        last_id = conn.execute("SELECT max(id) FROM search_docs").fetchone()[0] or 0
        if memo is not None:
            memo.last_id = last_id
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
            found += _docs(conn, chunk, types, limit - len(found), memo)
            if len(found) >= limit:
                return found
    return found


def _seekable(condition: Condition) -> bool:
    return len(condition) == 1 and condition[0].seekable and condition[0].column == "rowid"


def _pair(conn: sqlite3.Connection, one: Part, other: Condition, types: tuple[str, ...] | None, limit: int,
          memo: Memo | None) -> list[int]:
    """`matching` of two conditions, the first one FTS5 lookup (a Chinese word), checked inside SQLite.

    Both are read up to SEEK_MAX ids.  A first condition with no more ids than that is checked
    against the other directly.  Otherwise the other (names by pinyin) drives: its ids, a block
    at a time, are looked up in the first when few for their range, or else SQLite goes through
    the first's matches in that range keeping those among them.  When the blocks find too few,
    the rest is left to SQLite in one statement (`_rest`).  Only results cross into Python,
    however common the word.
    """
    key = ("pair", one, other, types, limit)
    if memo is not None and key in memo.results:
        return memo.results[key]
    looked = [_probe(conn, part, memo=memo, cap=SEEK_MAX) for part in other]
    # The other condition's ids are known up to `known` (all of them when every probe is complete).
    known = min((found[-1] for found, complete in looked if not complete), default=None)
    ids = sorted({i for found, _ in looked for i in found if known is None or i <= known})
    firsts, complete = _probe(conn, one, memo=memo, cap=SEEK_MAX)
    col = one.column
    result: list[int] = []
    if complete:  # a rare word: its few ids checked against the other condition
        kept = set(ids).intersection(firsts)
        rest = [i for i in firsts if known is not None and i > known]
        for part in other if rest else ():
            kept.update(r[0] for r in conn.execute(part.query(
                f" AND {part.column} BETWEEN {rest[0]} AND {rest[-1]} AND +{part.column} IN ({_ids_sql(rest)})"),
                part.args))
        result = _docs(conn, sorted(kept), types, limit, memo)
    elif ids:
        density = len(firsts) / max(firsts[-1], 1)  # of the first's matches, from its probe
        blocks = 0
        for block in _ascending(conn, other, looked, memo, cap=SEEK_MAX):
            if not block:
                continue
            if density * (block[-1] - block[0] + 1) > SEEK_COST * len(block):
                narrow = f" AND {col} IN ({_ids_sql(block)})"
            else:  # "+": the ids filter a range scan; as a constraint they would be one lookup each
                narrow = f" AND {col} BETWEEN {block[0]} AND {block[-1]} AND +{col} IN ({_ids_sql(block)})"
            result += _within_sql(conn, one, narrow, [], types, len(block))[:limit - len(result)]
            blocks += 1
            if len(result) >= limit:
                break
            if len(result) * 2 < (limit - len(result)) * blocks:  # more than two more blocks to go:
                result += _rest(conn, one, other, block[-1], types, limit - len(result), memo)
                break
    if memo is not None:
        memo.results[key] = result
    return result


def _rest(conn: sqlite3.Connection, one: Part, other: Condition, after: int, types: tuple[str, ...] | None,
          limit: int, memo: Memo | None) -> list[int]:
    """`_pair`'s matches above *after*: SQLite reads the other condition's ids once (a prefix
    costs about the same however few are read) and goes through the first's matches up to the
    highest of them."""
    high = max(_last(conn, part, memo) for part in other)
    if high <= after:
        return []
    col = one.column
    either = " UNION ALL ".join(f"{part.sql} AND {part.column} > {int(after)}" for part in other)
    narrow = f" AND {col} > {int(after)} AND {col} <= {int(high)} AND +{col} IN ({either})"
    return _within_sql(conn, one, narrow, [a for part in other for a in part.args], types, limit)


def _within_sql(conn: sqlite3.Connection, part: Part, narrow: str, args: list[object],
                types: tuple[str, ...] | None, limit: int) -> list[int]:
    """The first *limit* ids (ascending) of FTS lookup *part* narrowed by *narrow*, in search_docs
    and of the wanted types."""
    sql = (f"SELECT d.id FROM ({part.sql}{narrow}) p JOIN search_docs d ON d.id = p.{part.column}"
           + (f" WHERE d.type IN ({','.join('?' * len(types))})" if types else "") + f" LIMIT {int(limit)}")
    return sorted(r[0] for r in conn.execute(sql, (*part.args, *args, *(types or ()))))


def _last(conn: sqlite3.Connection, part: Part, memo: Memo | None) -> int:
    """The highest id *part* finds (0 when none)."""
    key = ("last", part)
    if memo is not None and key in memo.results:
        return memo.results[key][0]
    row = conn.execute(f"{part.sql} ORDER BY {part.column} DESC LIMIT 1", part.args).fetchone()
    last = int(row[0]) if row else 0
    if memo is not None:
        memo.results[key] = [last]
    return last


def _estimate(looked: list[Probe], last_id: int) -> float:
    """How many ids a condition has: exact when probed whole, else from the probe's density."""
    return sum(len(ids) if complete else len(ids) * last_id / max(ids[-1], 1) for ids, complete in looked)


def _ascending(conn: sqlite3.Connection, condition: Condition, looked: list[Probe],
               memo: Memo | None, cap: int | None = None) -> Iterator[list[int]]:
    """Every id of *condition*, ascending, in blocks of about PROBE (read as far as needed)."""
    low = 0
    while True:
        bound = min((ids[-1] for ids, complete in looked if not complete), default=None)
        yield sorted({i for ids, _ in looked for i in ids if i > low and (bound is None or i <= bound)})
        if bound is None:
            return
        low = bound
        looked = [(ids, True) if complete else _probe(conn, part, low, memo, cap)
                  for part, (ids, complete) in zip(condition, looked, strict=True)]
