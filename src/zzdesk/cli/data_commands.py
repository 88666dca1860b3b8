"""Commands that build, list and export the report data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zzdesk import paths
from zzdesk.cli.arguments import YEAR, report_ref
from zzdesk.cli.output import strict_json
from zzdesk.cli.table import render_table
from zzdesk.core import safe_files
from zzdesk.core.dataset import export_document
from zzdesk.core.desk import Desk
from zzdesk.core.errors import UserError
from zzdesk.core.models_meta import FIGURE_KINDS
from zzdesk.core.records import KIND_LABELS, FigureRecord, ReportRecord


class CommandError(UserError):
    """A command could not do what was asked; the message says why, in Chinese."""


def open_desk(args: argparse.Namespace) -> Desk:
    reference = args.reference_db or paths.reference_db_path()
    return Desk(reference, paths.user_db_path(args.data_dir))


open_store = open_desk  # the name the older commands use


def add_report_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--report", type=report_ref, metavar="KEY",
                        help=f"只{what}这份报告（报告的键或其开头、latest 表示最新；zzdesk reports 列出全部）")


def figure_json(figure: FigureRecord, report: ReportRecord) -> dict[str, Any]:
    """A figure as the JSON outputs give it: its key and its own report's key, title and year."""
    return {"key": figure.key, "report_key": report.key, "report_title": report.title, "report_year": report.year,
            "theme": figure.theme, "indicator": figure.indicator, "period": figure.period, "kind": figure.kind,
            "value": figure.value, "value_high": figure.value_high, "unit": figure.unit,
            "qualifier": figure.qualifier, "quote": figure.quote, "written": figure.written,
            "cumulative": figure.cumulative}


def write_text(target: str, text: str) -> None:
    """Write to a file, or to stdout for '-'; an unwritable path is a CommandError."""
    if target == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    safe_files.write_text(target, text)  # atomic; refuses the databases, devices and ''



def cmd_build_db(args: argparse.Namespace) -> int:
    from zzdesk.core.build import build_reference_db  # SQLAlchemy and pypinyin: only for this command

    out = args.output or paths.reference_db_path()
    source = args.source or paths.source_dir()
    try:
        build_reference_db(source, out)
    except OSError as exc:
        raise CommandError(f"无法生成数据库 {out}：{exc.strerror or exc}") from exc
    print(f"已生成 {out}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        document = export_document(desk, report=args.report)
    text, out_of_range = strict_json(document)
    write_text(args.json, text)
    if out_of_range:
        print(f"注意：{out_of_range} 个数值超出范围，JSON 中写为 null", file=sys.stderr)
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        known = list(dict.fromkeys(t.name for t in desk.themes(report=args.report)))
        if args.theme is not None and args.theme not in known:
            raise CommandError(f"没有名为「{args.theme}」的主题（可选：{'、'.join(known)}）")
        rows = desk.figures(theme=args.theme, period=args.period, kinds=[args.kind] if args.kind else None,
                            report=args.report)
        reports = {r.id: r for r in desk.reports()}
    if args.json:
        write_text("-", strict_json([figure_json(f, reports[f.report_id]) for f in rows])[0])
        return 0
    if not rows:
        print("没有符合条件的指标。", file=sys.stderr)
        return 0
    table: list[list[str]] = [
        [f.theme, f.indicator, str(f.period), KIND_LABELS[f.kind], f.display_value]
        for f in rows
    ]
    print(render_table(["主题", "指标", "年份", "类型", "数值"], table, right_aligned=(4,)))
    print(f"共 {len(rows)} 项")
    return 0


def register(sub: Any) -> None:
    build = sub.add_parser("build-db", help="由 data/source 重新生成参考数据库")
    build.add_argument("--source", type=Path, metavar="DIR", help="数据源文件夹（默认 data/source）")
    build.add_argument("--output", type=Path, metavar="FILE", help="输出文件（默认 data/zz.sqlite）")
    build.set_defaults(handler=cmd_build_db)

    export = sub.add_parser("export", help="导出全部数据")
    export.add_argument("--json", required=True, metavar="FILE", help="JSON 文件，- 表示标准输出")
    add_report_option(export, "导出")
    export.set_defaults(handler=cmd_export)

    figures = sub.add_parser("figures", help="以表格列出指标")
    figures.add_argument("--theme", metavar="T", help="只列出该主题")
    figures.add_argument("--period", type=YEAR, metavar="Y", help="只列出该年份")
    figures.add_argument("--kind", choices=FIGURE_KINDS, help="actual 实绩 / expected 预计 / target 目标")
    figures.add_argument("--json", action="store_true", help="以 JSON 输出（每项带键和所属报告）")
    add_report_option(figures, "列出")
    figures.set_defaults(handler=cmd_figures)
