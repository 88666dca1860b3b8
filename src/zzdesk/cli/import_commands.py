"""`zzdesk import`, `zzdesk reports` and `zzdesk targets`: newer reports and their targets."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from zzdesk.cli.arguments import ROW_ID
from zzdesk.cli.data_commands import CommandError, open_store
from zzdesk.cli.table import render_table
from zzdesk.core.importing import AlreadyImported, ImportFailed, commit_import, imported_reports, remove_report
from zzdesk.core.parsing.decoding import DecodeError, read_report_bytes
from zzdesk.core.parsing.report import parse_report
from zzdesk.core.targets import check_targets


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"无法读取 {path}：{exc.strerror or exc}") from exc
    try:
        text = read_report_bytes(data, path.name)
    except DecodeError as exc:
        raise CommandError(f"{path.name}：{exc}") from exc
    with open_store(args) as store:
        try:
            parsed = parse_report(text, store.entities())
        except ValueError as exc:
            raise CommandError(f"{path.name}：{exc}") from exc
        if args.json:
            sys.stdout.write(json.dumps(parsed.to_json(), ensure_ascii=False, indent=2) + "\n")
        else:
            print(f"《{parsed.title}》{parsed.region} {parsed.year}年：{len(parsed.themes)} 个主题，"
                  f"{len(parsed.figures)} 项指标，{len(parsed.entities)} 个项目、企业和举措")
            for warning in parsed.warnings:
                print(f"注意：{warning}")
        if args.dry_run:
            print("（试运行：没有写入任何数据）", file=sys.stderr)
            return 0
        try:
            report_id = commit_import(store.user_db, parsed, store.reference)
        except AlreadyImported as exc:
            print(str(exc), file=sys.stderr)
            return 0
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
    print(f"已导入，报告编号 {report_id}", file=sys.stderr)
    return 0


def cmd_reports(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        if args.remove is not None:
            try:
                remove_report(store.user_db, args.remove)
            except KeyError as exc:
                raise CommandError(f"{exc.args[0]}（随程序提供的报告不能删除）") from exc
            print(f"已删除报告 {args.remove}", file=sys.stderr)
            return 0
        imported = {r.id for r in imported_reports(store.user_db)}
        rows = [[str(r.id), r.title, r.region, str(r.year), "导入" if r.id in imported else "随程序提供"]
                for r in store.reports()]
    print(render_table(["编号", "标题", "地区", "年份", "来源"], rows))
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        checks = check_targets(store.figures(), store.reports())
    if args.json:
        sys.stdout.write(json.dumps([c.to_json() for c in checks], ensure_ascii=False, indent=2) + "\n")
        return 0
    rows = [[c.indicator, str(c.period), c.target.display_value,
             c.actual.display_value + ("（预计）" if c.actual.kind == "expected" else "") if c.actual else "—",
             c.status, c.gap_text] for c in checks]
    print(render_table(["指标", "年份", "目标", "实绩", "状态", "差距"], rows))
    print("规则：以上/达到为不低于目标；左右为按目标小数位四舍五入后不低于目标；以内为不高于目标；区间为不低于下限；预计数为待核实。")
    return 0


def register(sub: Any) -> None:
    imp = sub.add_parser("import", help="导入一份报告文本（.txt，UTF-8 或 GB18030；或 .docx）")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="只识别，不写入")
    imp.add_argument("--json", action="store_true", help="以 JSON 输出识别结果")
    imp.set_defaults(handler=cmd_import)
    reports = sub.add_parser("reports", help="列出已载入的报告")
    reports.add_argument("--remove", type=ROW_ID, metavar="ID", help="删除一份导入的报告")
    reports.set_defaults(handler=cmd_reports)
    targets = sub.add_parser("targets", help="目标完成情况：每个目标与后一年报告中的实绩对照")
    targets.add_argument("--json", action="store_true", help="以 JSON 输出")
    targets.set_defaults(handler=cmd_targets)
