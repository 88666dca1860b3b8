"""`zzdesk` entry point: argument parsing, dispatch and the error contract.

Every failure the user can cause ends with one line on stderr and a non-zero
exit status; tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from zzdesk import __version__, paths
from zzdesk.cli.guard import guarded
from zzdesk.cli.output import safe_standard_streams

# Each module registers its subcommands.  They are imported only when the parser is built,
# and `zzdesk search` builds a parser with its own module alone: it starts as fast as Python.
COMMAND_MODULES = ("data_commands", "search_command", "gui_commands", "briefing_command", "import_commands",
                   "safety_commands", "pack_commands")
_GLOBAL_OPTIONS_WITH_VALUE = ("--data-dir", "--reference-db")
UNSAFE_ARGUMENT = re.compile("[\ud800-\udfff\x00]")  # bytes that are not UTF-8 arrive as lone surrogates
EXIT_USAGE = 2


class UsageError(Exception):
    """The command line itself is wrong."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = _Parser(prog="zzdesk", description="zzdesk：政府工作报告离线简报工具")
    parser.add_argument("--version", action="version", version=f"zzdesk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"用户数据文件夹（默认读取 ${paths.HOME_ENV}，否则用系统的用户数据目录）")
    parser.add_argument("--reference-db", metavar="FILE", type=Path,
                        help="参考数据库文件（默认使用随程序提供的 data/zz.sqlite）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in modules:
        importlib.import_module(f"zzdesk.cli.{name}").register(sub)
    return parser


def _command_name(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (after any global options), if any."""
    args = iter(argv)
    for arg in args:
        if arg in _GLOBAL_OPTIONS_WITH_VALUE:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    with safe_standard_streams():
        return _run(build_parser(("search_command",) if _command_name(given) == "search" else COMMAND_MODULES),
                    given)


def _run(parser: argparse.ArgumentParser, argv: list[str]) -> int:
    def command() -> int:
        try:
            if any(UNSAFE_ARGUMENT.search(arg) for arg in argv):
                raise UsageError("参数中有无法识别的字符（不是 UTF-8 编码的文字）")
            args = parser.parse_args(argv)
        except UsageError as exc:
            print(f"zzdesk: 参数错误：{exc}（zzdesk --help 查看用法）", file=sys.stderr)
            return EXIT_USAGE
        if args.command is None:
            from zzdesk.cli import gui_commands

            return gui_commands.cmd_gui(args)
        result: int = args.handler(args)
        return result

    return guarded(command)
