"""`zzdesk import`, `zzdesk reports` and `zzdesk targets`: newer reports and their targets."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from zzdesk.cli.arguments import report_ref
from zzdesk.cli.data_commands import CommandError, add_report_option, open_desk
from zzdesk.cli.table import render_table
from zzdesk.core.desk import ReportInUse
from zzdesk.core.importing import AlreadyImported


def cmd_import(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        parsed = desk.preview_import_file(Path(args.file))
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
            changes = desk.commit_import(parsed)
        except AlreadyImported as exc:
            print(str(exc), file=sys.stderr)
            return 0
        report = desk.report(changes.reports[0])
    print(f"已导入，报告编号 {report.id}，键 {report.key}", file=sys.stderr)
    return 0


def cmd_reports(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        if args.remove is not None:
            try:
                changes = desk.remove_report(args.remove, force=args.force)
            except ReportInUse as exc:
                raise CommandError(f"{exc}确定删除请加 --force。") from exc
            print(changes.message, file=sys.stderr)
            print(f"已删除报告 {changes.reports[0]}", file=sys.stderr)
            return 0
        rows = [[str(r.id), r.key, r.title, r.region, str(r.year), "导入" if desk.is_imported(r) else "随程序提供"]
                for r in desk.reports()]
    print(render_table(["编号", "键", "标题", "地区", "年份", "来源"], rows))
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        checks = desk.targets()
        if args.report is not None:
            key = desk.report(args.report).key
            checks = [c for c in checks if key in (c.target_report.key, c.actual_report and c.actual_report.key)]
    if args.json:
        payload = [{**c.to_json(), "target_key": c.target.key, "target_report_key": c.target_report.key,
                    "target_report_year": c.target_report.year, "actual_key": c.actual.key if c.actual else None,
                    "actual_report_key": c.actual_report.key if c.actual_report else None,
                    "actual_report_year": c.actual_report.year if c.actual_report else None} for c in checks]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
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
    reports.add_argument("--remove", type=report_ref, metavar="KEY", help="删除一份导入的报告（键、键的开头或编号）")
    reports.add_argument("--force", action="store_true",
                         help="即使有已保存的简报用到它也删除（这些简报中的相应内容将显示为“此项数据已不存在”）")
    reports.set_defaults(handler=cmd_reports)
    targets = sub.add_parser("targets", help="目标完成情况：每个目标与后一年报告中的实绩对照")
    targets.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_report_option(targets, "对照涉及")
    targets.set_defaults(handler=cmd_targets)
