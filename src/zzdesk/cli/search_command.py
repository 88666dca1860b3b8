"""`zzdesk search`: the same search the app's search box uses.

Start-up is most of a search's time, so this module imports only what searching needs: the
search tables are read straight from the two databases (read-only), without the data store
the other commands open.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import sys

from zzdesk import locations
from zzdesk.cli.table import render_table
from zzdesk.core.db import open_read_only, user_db_uri
from zzdesk.core.errors import UserError
from zzdesk.core.search import SearchEngine, SearchHit, group_by_type, search_all
from zzdesk.core.search.kinds import TYPE_LABELS, TYPE_ORDER
from zzdesk.core.search.schema import has_index

TYPE_CHECKING = False  # typing itself costs the search command's start-up a few ms
if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace
    from typing import Any

    Arguments = argparse.Namespace | SimpleNamespace  # the full parser's, or the fast path's

_TYPE_BY_LABEL = {label: key for key, label in TYPE_LABELS.items()}


class SearchUsageError(UserError):
    """The search was asked for something it cannot do (an unknown type, a bad limit)."""


def _resolve_type(value: str) -> str:
    key = _TYPE_BY_LABEL.get(value, value)
    if key not in TYPE_ORDER:
        choices = "、".join(f"{k}（{TYPE_LABELS[k]}）" for k in TYPE_ORDER)
        raise SearchUsageError(f"未知类型「{value}」，可选：{choices}")
    return key


def _marked(hit: SearchHit, open_mark: str, close_mark: str) -> str:
    text, out, last = hit.snippet, [], 0
    for start, end in hit.marks:
        out += [text[last:start], open_mark, text[start:end], close_mark]
        last = end
    out.append(text[last:])
    return "".join(out)


def _connections(args: Arguments) -> list[sqlite3.Connection]:
    """The bundled reports' index, and the user's imported reports' when there is one.

    The user's database is only read here; one indexed by an older version is left to the
    app (or the next import) to index again.
    """
    conns = [open_read_only(args.reference_db or locations.reference_db())]
    user = locations.user_db(args.data_dir)
    try:
        if _is_file(user):
            conn = sqlite3.connect(user_db_uri(user), uri=True)
            if has_index(conn):
                conns.append(conn)
            else:
                conn.close()
    except sqlite3.Error:
        pass  # unreadable now (another program is restoring it): the bundled reports still answer
    except OSError as exc:  # a data folder this user may not open: say so, never a traceback
        conns[0].close()
        raise UserError(f"用户数据库无法打开：{user}（{_why_unusable(user, exc)}）") from exc
    except BaseException:
        conns[0].close()
        raise
    return conns


def _is_file(path: str) -> bool:
    """Whether *path* is a file, as `Path.is_file` says (an error other than its absence is raised)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return False
        raise


def _why_unusable(path: str, exc: OSError) -> str:
    from pathlib import Path

    from zzdesk.core.userdb import why_unusable  # only on this failure: it loads the whole user-data layer

    return why_unusable(Path(path), exc)


def _report_keys(engines: list[SearchEngine]) -> dict[int, str]:
    return {row[0]: row[1] for engine in engines for row in engine.conn.execute("SELECT id, key FROM reports")}


def cmd_search(args: Arguments) -> int:
    if args.limit <= 0:
        raise SearchUsageError("--limit 须为正整数")
    types = [_resolve_type(t) for t in args.type] if args.type else None
    if args.report is not None:  # one report: the Desk resolves its key (rare; the Desk costs start-up)
        import argparse

        from zzdesk.cli.data_commands import open_store

        assert isinstance(args, argparse.Namespace)  # the fast path leaves --report to the full parser
        with open_store(args) as store:
            hits = store.search(args.query, types=types, limit=args.limit, report=args.report)
            report_keys = {r.id: r.key for r in store.reports()}
    else:
        conns = _connections(args)
        try:
            engines = [SearchEngine(conn) for conn in conns]
            hits = search_all(engines, args.query, types=types, limit=args.limit)
            report_keys = _report_keys(engines) if args.json else {}
        finally:
            for conn in conns:
                conn.close()
    if args.json:
        import json

        payload: list[dict[str, Any]] = [
            {"type": h.type, "id": h.id, "name": h.name, "theme": h.theme, "snippet": h.snippet,
             "score": h.score, "marks": [list(m) for m in h.marks], "report_id": h.report_id,
             "report": h.report_title, "year": h.report_year, "report_key": report_keys.get(h.report_id or 0)}
            for h in hits
        ]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not args.query.strip():
        print("请输入要检索的内容：汉字、拼音、拼音首字母或数字。")
        return 0
    if not hits:
        print(f"没有找到与「{args.query.strip()[:40]}」相关的内容。")
        return 0
    tty = sys.stdout.isatty()
    marks = ("\x1b[1;4m", "\x1b[0m") if tty else ("〔", "〕")
    for type_key, group in group_by_type(hits):
        print(f"{TYPE_LABELS[type_key]}（{len(group)}）")
        rows = [[h.name, h.theme or "—", h.source_label or "—", _marked(h, *marks)] for h in group]
        print(render_table(["名称", "主题", "报告", "原文"], rows))
        print()
    print(f"共 {len(hits)} 条结果")
    return 0


def register(sub: Any) -> None:
    from zzdesk.cli.arguments import LIMIT

    search = sub.add_parser("search", help="检索主题、段落、指标、项目、企业、机构和举措")
    search.add_argument("query", metavar="QUERY", help="汉字、拼音、拼音首字母或数字；空格分隔的多个词须同时出现")
    search.add_argument("--type", action="append", metavar="T",
                        help="只看某类结果（可重复）：" + "、".join(f"{k}/{v}" for k, v in TYPE_LABELS.items()))
    search.add_argument("--limit", type=LIMIT, default=50, metavar="N", help="最多返回条数（默认 50）")
    search.add_argument("--json", action="store_true", help="以 JSON 输出")
    search.add_argument("--report", metavar="KEY", help="只检索这份报告（报告的键或其开头、latest 表示最新；"
                                                        "zzdesk reports 列出全部）")
    search.set_defaults(handler=cmd_search)
