"""`zzdesk briefing` and `zzdesk fonts`: printable briefings without opening the window."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zzdesk.cli.arguments import COPIES
from zzdesk.cli.data_commands import CommandError, add_report_option, open_desk
from zzdesk.cli.table import render_table
from zzdesk.core.briefing import MARKINGS, TEMPLATES, BriefingItem, BriefingSpec, default_title, next_issue, theme_items
from zzdesk.core.desk import LATEST, Desk

if TYPE_CHECKING:
    from zzdesk.core.briefing import Document


def _qt() -> None:
    """A Qt application for fonts and painting; no display needed."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from zzdesk.export.fonts import register_bundled_fonts

    if QGuiApplication.instance() is None:
        QGuiApplication(sys.argv[:1])  # kept alive by Qt itself until exit
    register_bundled_fonts()


def _composed(args: argparse.Namespace, desk: Desk) -> BriefingSpec:
    """The briefing the options describe, on --report (default: the newest), pinned to its reports."""
    report = desk.select(args.report or LATEST)
    known = [t.name for t in desk.themes(report=report.key)]
    for name in args.theme or ():
        if name not in known:
            raise CommandError(f"没有名为「{name}」的主题（可选：{'、'.join(known)}）")
    themes = args.theme or known
    title = args.title or default_title(report, args.theme or ())
    issue = args.issue or next_issue(args.bulletin_name, (desk.open_briefing(b.key) for b in desk.briefings()))
    items = theme_items(themes, with_headlines=not args.theme)
    if args.targets:
        items += (BriefingItem("targets", ""),)
    spec = BriefingSpec(title=title, items=items, template=args.template, bulletin_name=args.bulletin_name,
                        marking=args.marking, issuer=args.issuer, issued=args.date or date.today(),
                        issue=issue, copies=args.copies, report_to=args.report_to, send_to=args.send_to,
                        distribute_to=args.distribute_to)
    return desk.pinned(spec)


def cmd_briefing(args: argparse.Namespace) -> int:
    from zzdesk.export.pdf import check_writable

    if args.saved and args.save:
        raise CommandError("--saved 与 --save 不能同时使用")
    targets = [Path(t) for t in (args.pdf, args.docx, args.ofd) if t is not None]
    if not targets and not args.save:
        raise CommandError("请用 --pdf、--docx 或 --ofd 给出要写入的文件（或用 --save 只保存）")
    for target in targets:
        check_writable(target)  # '' or a database, device or folder: one line, before any work
    if len({os.path.realpath(t) for t in targets}) < len(targets):
        raise CommandError("--pdf、--docx 与 --ofd 不能是同一个文件")
    with open_desk(args) as desk:
        spec = desk.open_briefing(args.saved) if args.saved else _composed(args, desk)
        document = desk.build_briefing(spec)
        if args.save:
            changes = desk.save_briefing(spec)
            print(changes.briefings[0])
    for line in document.missing:
        print(f"注意：此项数据已不存在：{line}", file=sys.stderr)
    for note in document.notes:
        print(note, file=sys.stderr)
    if not targets:
        return 0
    _qt()
    from zzdesk.export.docx import write_docx
    from zzdesk.export.ofd import write_ofd
    from zzdesk.export.pdf import write_pdf

    writers: tuple[tuple[str | None, Callable[[Document, Path], int | None]], ...] = (
        (args.pdf, write_pdf), (args.docx, write_docx), (args.ofd, write_ofd))
    for name, write in writers:
        if name is None:
            continue
        try:
            pages = write(document, Path(name))
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        print(f"已写入 {name}" + (f"（{pages} 页）" if pages else ""), file=sys.stderr)
    return 0


def cmd_briefings(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        saved = desk.briefings()
        titles = {r.key: f"《{r.title}》（{r.year}年）" for r in desk.reports()}
    if args.json:
        payload = [{"key": b.key, "title": b.title, "template": b.template, "updated": b.updated,
                    "reports": [{"key": k, "loaded": k in titles} for k in b.reports]} for b in saved]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not saved:
        print("没有已保存的简报。", file=sys.stderr)
        return 0
    rows = [[b.key, b.title, TEMPLATES.get(b.template, b.template), b.updated.replace("T", " "),
             "、".join(titles.get(k, f"{k}（已删除）") for k in b.reports)] for b in saved]
    print(render_table(["键", "标题", "模板", "修改时间", "所用报告"], rows))
    return 0


def cmd_fonts(_args: argparse.Namespace) -> int:
    _qt()
    from zzdesk.export.fonts import font_report

    for role in font_report():
        print(role.note + ("（警告：使用替代字体）" if role.bundled and role.role != "ui" else ""))
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期应写成 2025-03-05，而不是「{text}」") from exc


def register(sub: Any) -> None:
    brief = sub.add_parser("briefing", help="生成简报或汇报材料（PDF / DOCX / OFD）")
    brief.add_argument("--theme", action="append", metavar="NAME", help="只包含该主题（可重复；默认全部主题）")
    brief.add_argument("--template", choices=list(TEMPLATES), default="jianbao",
                       help="jianbao 简报（红色报头）/ report 汇报材料")
    brief.add_argument("--title", help="标题")
    brief.add_argument("--targets", action="store_true", help="附上目标完成情况（需已导入后一年的报告）")
    brief.add_argument("--pdf", metavar="FILE", help="输出 PDF 文件")
    brief.add_argument("--docx", metavar="FILE", help="输出 Word 文件")
    brief.add_argument("--ofd", metavar="FILE", help="输出 OFD 版式文件（GB/T 33190）")
    brief.add_argument("--bulletin-name", default="工作简报", help="简报名称（红色报头），默认 工作简报")
    brief.add_argument("--marking", default=MARKINGS[0], help=f"左上角标识，默认 {MARKINGS[0]}；空字符串表示不印")
    brief.add_argument("--issuer", default="", help="编印单位")
    brief.add_argument("--issue", help="期号，如 第3期（默认：同名简报已保存的最大期号加一）")
    brief.add_argument("--date", type=_date, help="日期，如 2025-03-05（默认今天）")
    brief.add_argument("--copies", type=COPIES, help="共印份数")
    brief.add_argument("--report-to", default="", help="报：")
    brief.add_argument("--send-to", default="", help="送：")
    brief.add_argument("--distribute-to", default="", help="发：")
    add_report_option(brief, "采用")
    brief.add_argument("--save", action="store_true", help="把生成的简报保存起来，并输出它的键")
    brief.add_argument("--saved", metavar="KEY",
                       help="导出一份已保存的简报（键见 zzdesk briefings）；其他内容选项不起作用")
    brief.set_defaults(handler=cmd_briefing)
    listing = sub.add_parser("briefings", help="列出已保存的简报及其所用报告")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=cmd_briefings)
    fonts = sub.add_parser("fonts", help="列出简报各字体角色实际使用的字体")
    fonts.set_defaults(handler=cmd_fonts)
