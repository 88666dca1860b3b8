"""Data packs: all of a user's data in one file, to move to another PC or to distribute.

A pack is a zip holding `user.sqlite` (a consistent snapshot), `manifest.json` (version,
time, SHA-256 of every member) and, optionally, `manifest.sig`: an Ed25519 signature of the
manifest.  A PC can be told to trust certain public keys and refuse unsigned packs.
Reading is defensive: member names are checked (no ../, absolute paths, links, duplicates),
sizes and compression ratios are capped, and every hash must match before anything is used.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from zzdesk import __version__
from zzdesk.core.backup import BackupError, restore
from zzdesk.core.errors import UserError
from zzdesk.core.foreign_db import ForeignDatabaseError, validate_user_db
from zzdesk.core.models_meta import USER_SCHEMA_VERSION
from zzdesk.core.safe_files import ReadError, SaveError, atomic_path, read_bounded, write_bytes

FORMAT = "zzdesk.datapack/1"
MEMBERS = {"manifest.json", "manifest.sig", "user.sqlite"}
MAX_PACK = 500 * 1024 * 1024
MAX_MEMBER = 1024 * 1024 * 1024
MAX_RATIO = 100  # above RATIO_FREE bytes, a member compressed more than 100:1 is a bomb
RATIO_FREE = 8 * 1024 * 1024  # below it the size cap is the defence: small databases of empty pages compress far
MAX_SMALL_MEMBER = 1024 * 1024  # manifest, signature, trust.json


TRUST_FILE = "trust.json"  # in the user folder: {"require_signature": bool, "keys": [PEM, …]}


class PackError(UserError, ValueError):
    """A data pack cannot be used; the message says why, in Chinese."""


@dataclass(frozen=True)
class PackInfo:
    created: str
    app_version: str
    schema: int
    signed_by: str | None  # fingerprint of the key that signed it


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint(public_pem: bytes) -> str:
    return _sha256(public_pem.strip())[:16]


def generate_keys(folder: Path) -> tuple[Path, Path]:
    """An Ed25519 key pair for an office that signs its packs (the private key stays with it)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = folder / "zzdesk-signing-key.pem"
    public = folder / "zzdesk-signing-key.pub.pem"
    if private.exists() or public.exists():  # an office's only signing key must never be overwritten
        raise PackError(f"{folder} 中已有签名密钥，没有覆盖它；请换一个文件夹")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PackError(f"无法创建文件夹 {folder}：{exc.strerror or exc}") from exc
    key = Ed25519PrivateKey.generate()
    write_bytes(private, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()), mode=0o600)
    write_bytes(public, key.public_key().public_bytes(serialization.Encoding.PEM,
                                                     serialization.PublicFormat.SubjectPublicKeyInfo))
    return private, public


def export_pack(conn: sqlite3.Connection, target: Path, private_key: Path | None = None) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        snapshot = Path(folder) / "user.sqlite"
        copy = sqlite3.connect(snapshot)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            copy.execute("VACUUM")  # no free pages: zeroed ones (secure_delete) would look like a zip bomb
        finally:
            copy.close()
        data = snapshot.read_bytes()
    manifest = json.dumps({"format": FORMAT, "created": datetime.now().isoformat(timespec="seconds"),
                           "app_version": __version__, "schema": USER_SCHEMA_VERSION,
                           "files": {"user.sqlite": {"sha256": _sha256(data), "size": len(data)}}},
                          ensure_ascii=False, indent=2).encode("utf-8")
    try:
        with atomic_path(target) as partial, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", manifest)
            archive.writestr("user.sqlite", data)
            if private_key is not None:
                from cryptography.hazmat.primitives import serialization
                from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

                key = serialization.load_pem_private_key(private_key.read_bytes(), password=None)
                if not isinstance(key, Ed25519PrivateKey):
                    raise PackError("签名密钥不是 Ed25519 私钥")
                public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                                       serialization.PublicFormat.SubjectPublicKeyInfo)
                archive.writestr("manifest.sig", json.dumps({"public_key": public.decode(),
                                                             "signature": key.sign(manifest).hex()}))
    except SaveError as exc:
        raise PackError(str(exc)) from exc
    except OSError as exc:
        raise PackError(f"无法写入 {target}：{exc.strerror or exc}") from exc
    return target


def _safe_members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    seen: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        name = info.filename
        path = PurePosixPath(name.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in name or name.startswith("/"):
            raise PackError(f"数据包中有不安全的路径：{name}")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackError(f"数据包中有链接文件：{name}")
        if name in seen:
            raise PackError(f"数据包中有重名文件：{name}")
        if name not in MEMBERS:
            raise PackError(f"数据包中有不认识的文件：{name}")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER or (info.file_size > RATIO_FREE and ratio > MAX_RATIO):
            raise PackError(f"数据包中的 {name} 解压后过大，可能是恶意文件")
        seen[name] = info
    if "manifest.json" not in seen or "user.sqlite" not in seen:
        raise PackError("数据包不完整：缺少清单或数据文件")
    return seen


def read_pack(pack: Path, trusted_keys: list[bytes] | None = None, require_signature: bool = False,
              ) -> tuple[PackInfo, bytes]:
    """Verify *pack* and return its description and database bytes; raise PackError on any doubt."""
    try:
        info = os.stat(pack)
    except FileNotFoundError as exc:
        raise PackError(f"找不到数据包：{pack}") from exc
    except OSError as exc:
        raise PackError(f"无法读取数据包 {pack}：{'没有读取权限' if exc.errno == errno.EACCES else exc.strerror}"
                        ) from exc
    if not stat.S_ISREG(info.st_mode):
        raise PackError(f"不能读取数据包 {pack}：这不是普通文件")
    if info.st_size > MAX_PACK:
        raise PackError("数据包太大")
    try:
        with zipfile.ZipFile(pack) as archive:
            members = _safe_members(archive)
            if members["manifest.json"].file_size > MAX_SMALL_MEMBER or (
                    "manifest.sig" in members and members["manifest.sig"].file_size > MAX_SMALL_MEMBER):
                raise PackError("数据包清单过大，可能是恶意文件")
            manifest_bytes = archive.read(members["manifest.json"])
            data = archive.read(members["user.sqlite"])
            signature = archive.read(members["manifest.sig"]) if "manifest.sig" in members else None
    except PackError:
        raise
    # zip's own failures: damaged data, an unknown compression, encryption, a truncated stream
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError,
            ValueError, zlib.error) as exc:
        raise PackError("不是有效的 zzdesk 数据包（zip 文件已损坏或格式不受支持）") from exc
    manifest = _manifest(manifest_bytes)
    expected = manifest["files"]["user.sqlite"]
    if _sha256(data) != expected["sha256"] or len(data) != expected["size"]:
        raise PackError("数据包内容与清单中的 SHA-256 不符：文件已被改动或损坏")
    if manifest["schema"] > USER_SCHEMA_VERSION:
        raise PackError("这个数据包来自更新版本的 zzdesk，请先升级程序")
    signer = _verify_signature(manifest_bytes, signature, trusted_keys or [], require_signature)
    return PackInfo(_printable(manifest.get("created")), _printable(manifest.get("app_version")),
                    manifest["schema"], signer), data


def _printable(value: object) -> str:
    """A manifest text as it may be shown: no terminal escapes or control characters, bounded length."""
    text = value if isinstance(value, str) else "未知"
    return "".join(c if c.isprintable() else "?" for c in text[:64])


def _manifest(raw: bytes) -> dict[str, Any]:
    """The manifest, with every field the reader relies on of the right type; PackError otherwise."""
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise PackError("数据包清单无法读取") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackError("不是 zzdesk 数据包，或来自不兼容的版本")
    files = manifest.get("files")
    entry = files.get("user.sqlite") if isinstance(files, dict) else None
    schema = manifest.get("schema")
    if (not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str)
            or type(entry.get("size")) is not int or type(schema) is not int or not 0 < schema < 10_000):
        raise PackError("数据包清单无法读取：字段缺失或类型不对")
    return manifest


def _verify_signature(manifest: bytes, signature: bytes | None, trusted: list[bytes], required: bool) -> str | None:
    if signature is None:
        if required:
            raise PackError("这台电脑只接受已签名的数据包，而这个数据包没有签名")
        return None
    from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        sig = json.loads(signature.decode("utf-8"))
        public_pem = sig["public_key"].encode()
        key = serialization.load_pem_public_key(public_pem)
        if not isinstance(key, Ed25519PublicKey):
            raise PackError("签名使用的不是 Ed25519 密钥")
        key.verify(bytes.fromhex(sig["signature"]), manifest)
    except (InvalidSignature, ValueError, KeyError, TypeError, AttributeError, RecursionError,
            UnsupportedAlgorithm) as exc:
        raise PackError("数据包的签名无效：清单已被改动，或签名不属于它") from exc
    trusted_prints = {fingerprint(k) for k in trusted}
    if (required or trusted) and fingerprint(public_pem) not in trusted_prints:
        raise PackError("数据包的签名来自不受信任的密钥")
    return fingerprint(public_pem)


def import_pack(pack: Path, user_db: Path, backups: Path, trusted_keys: list[bytes] | None = None,
                require_signature: bool = False) -> PackInfo:
    """Replace the user data by the pack's (the current data is backed up first)."""
    info, data = read_pack(pack, trusted_keys, require_signature)
    with tempfile.TemporaryDirectory() as folder:
        incoming = Path(folder) / "incoming.sqlite"
        incoming.write_bytes(data)
        try:
            validate_user_db(incoming)  # a pack is data from another PC, never code
        except ForeignDatabaseError as exc:
            raise PackError(f"数据包中的数据库不能使用：{exc}") from exc
        try:
            restore(user_db, incoming, backups)
        except BackupError as exc:
            raise PackError(str(exc)) from exc
    return info


def check_public_key(pem: bytes) -> bytes:
    """*pem* if it is an Ed25519 public key in PEM form; PackError (one line) for RSA, garbage, anything else."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise PackError("这不是 PEM 格式的公钥") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise PackError("只接受 Ed25519 公钥（zzdesk pack keygen 生成的），这个是其他类型的密钥")
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def read_trust(user_dir: Path) -> tuple[list[bytes], bool]:
    """Trusted public keys and whether unsigned packs are refused, from trust.json."""
    path = user_dir / TRUST_FILE
    if not path.exists() and not path.is_symlink():
        return [], False
    try:
        data = json.loads(read_bounded(path, MAX_SMALL_MEMBER, "信任设置文件").decode("utf-8"))
        keys, required = data.get("keys", []), data.get("require_signature", False)
        if not isinstance(keys, list) or not isinstance(required, bool):
            raise TypeError(path)
        return [k.encode() for k in keys], required
    except ReadError as exc:
        raise PackError(str(exc)) from exc
    except (ValueError, AttributeError, TypeError, RecursionError) as exc:
        raise PackError(f"信任设置文件 {path} 无法读取，请修正或删除它") from exc
