"""`zzdesk pack …`: move all user data to another PC in one verified, optionally signed file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from zzdesk import paths
from zzdesk.cli.data_commands import CommandError
from zzdesk.core.datapack import (
    MAX_SMALL_MEMBER,
    TRUST_FILE,
    PackError,
    check_public_key,
    export_pack,
    fingerprint,
    generate_keys,
    import_pack,
    read_trust,
)
from zzdesk.core.safe_files import read_bounded, write_text
from zzdesk.core.userdb import open_user_db


def load_trust(user_dir: Path) -> tuple[list[bytes], bool]:
    try:
        return read_trust(user_dir)
    except PackError as exc:
        raise CommandError(str(exc)) from exc


def cmd_export(args: argparse.Namespace) -> int:
    user_db = paths.user_db_path(args.data_dir)
    conn = open_user_db(user_db)
    try:
        export_pack(conn, Path(args.file), Path(args.sign) if args.sign else None)
    except (PackError, OSError, ValueError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        conn.close()
    print(f"已导出 {args.file}" + ("（已签名）" if args.sign else ""), file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    user_dir = paths.user_data_dir(args.data_dir)
    keys, required = load_trust(user_dir)
    try:
        info = import_pack(Path(args.file), user_dir / paths.USER_DB_NAME, user_dir / "backups", keys, required)
    except PackError as exc:
        raise CommandError(str(exc)) from exc
    signed = f"，签名密钥 {info.signed_by}" if info.signed_by else "，未签名"
    print(f"已导入数据包（{info.created} 由 zzdesk {info.app_version} 导出{signed}）；原有数据已先备份",
          file=sys.stderr)
    return 0


def cmd_keygen(args: argparse.Namespace) -> int:
    private, public = generate_keys(Path(args.folder))
    print(f"私钥（妥善保管，不要分发）：{private}\n公钥（分发给各台电脑）：{public}")
    return 0


def cmd_trust(args: argparse.Namespace) -> int:
    user_dir = paths.user_data_dir(args.data_dir)
    keys, _ = load_trust(user_dir)
    pem = check_public_key(read_bounded(args.public_key, MAX_SMALL_MEMBER, "公钥文件"))  # Ed25519 only
    if fingerprint(pem) not in {fingerprint(k) for k in keys}:
        keys.append(pem)
    user_dir.mkdir(parents=True, exist_ok=True)
    write_text(user_dir / TRUST_FILE, json.dumps({"require_signature": True, "keys": [k.decode() for k in keys]},
                                                 ensure_ascii=False, indent=2))
    print(f"已信任密钥 {fingerprint(pem)}；此后只接受这些密钥签名的数据包")
    return 0


def register(sub: Any) -> None:
    pack = sub.add_parser("pack", help="数据包：把全部用户数据导出到一个文件，或在另一台电脑上导入")
    actions = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True,
                                  parser_class=type(pack))
    export = actions.add_parser("export", help="导出全部用户数据")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--sign", metavar="PRIVATE_KEY", help="用 Ed25519 私钥签名")
    export.set_defaults(handler=cmd_export)
    imp = actions.add_parser("import", help="导入数据包（替换现有数据，之前先备份）")
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(handler=cmd_import)
    keygen = actions.add_parser("keygen", help="生成签名用的密钥对")
    keygen.add_argument("folder", metavar="DIR")
    keygen.set_defaults(handler=cmd_keygen)
    trust = actions.add_parser("trust", help="信任一个公钥，并只接受已签名的数据包")
    trust.add_argument("public_key", metavar="PUBLIC_KEY")
    trust.set_defaults(handler=cmd_trust)
