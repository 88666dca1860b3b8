"""Data packs: a round trip, signatures, and every way a hostile pack could try to get in."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from zzdesk.core.briefing import BriefingItem, BriefingSpec
from zzdesk.core.briefing_store import list_briefings, save_briefing
from zzdesk.core.datapack import PackError, export_pack, generate_keys, import_pack, read_pack
from zzdesk.core.userdb import open_user_db


@pytest.fixture
def source(tmp_path: Path) -> Path:
    conn = open_user_db(tmp_path / "a" / "user.sqlite")
    save_briefing(conn, BriefingSpec("要带走的简报", (BriefingItem("headlines", ""),)))
    conn.close()
    return tmp_path / "a" / "user.sqlite"


def export(source: Path, target: Path, key: Path | None = None) -> Path:
    conn = open_user_db(source)
    try:
        return export_pack(conn, target, key)
    finally:
        conn.close()


def test_round_trip_to_another_pc(source: Path, tmp_path: Path) -> None:
    pack = export(source, tmp_path / "p.zzpack")
    other = tmp_path / "b" / "user.sqlite"
    conn = open_user_db(other)
    save_briefing(conn, BriefingSpec("另一台电脑原有的", (BriefingItem("headlines", ""),)))
    conn.close()
    info = import_pack(pack, other, tmp_path / "b" / "backups")
    assert info.signed_by is None and info.schema >= 3
    conn = open_user_db(other)
    assert [b.title for b in list_briefings(conn)] == ["要带走的简报"]
    conn.close()
    assert list((tmp_path / "b" / "backups").glob("user-*.sqlite"))  # what was there is kept


def test_signatures(source: Path, tmp_path: Path) -> None:
    private, public = generate_keys(tmp_path / "keys")
    signed = export(source, tmp_path / "s.zzpack", private)
    unsigned = export(source, tmp_path / "u.zzpack")
    trusted = [public.read_bytes()]
    assert read_pack(signed, trusted, require_signature=True)[0].signed_by
    with pytest.raises(PackError, match="没有签名"):
        read_pack(unsigned, trusted, require_signature=True)
    _, stranger = generate_keys(tmp_path / "other-keys")
    with pytest.raises(PackError, match="不受信任"):
        read_pack(signed, [stranger.read_bytes()], require_signature=True)
    # A manifest changed after signing (hashes made to match again) is caught by the signature.
    tampered = tmp_path / "t.zzpack"
    with zipfile.ZipFile(signed) as original, zipfile.ZipFile(tampered, "w") as copy:
        manifest = json.loads(original.read("manifest.json"))
        manifest["created"] = "1999-01-01T00:00:00"
        copy.writestr("manifest.json", json.dumps(manifest))
        copy.writestr("user.sqlite", original.read("user.sqlite"))
        copy.writestr("manifest.sig", original.read("manifest.sig"))
    with pytest.raises(PackError, match="签名无效"):
        read_pack(tampered, trusted)


def rebuild(pack: Path, target: Path, change: dict[str, bytes | None], extra: list[zipfile.ZipInfo] = ()) -> Path:
    with zipfile.ZipFile(pack) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for name in original.namelist():
            data = change.get(name, original.read(name))
            if data is not None:
                copy.writestr(name, data)
        for info in extra:
            copy.writestr(info, b"x")
    return target


def test_tampered_database_fails_the_hash(source: Path, tmp_path: Path) -> None:
    pack = export(source, tmp_path / "p.zzpack")
    with zipfile.ZipFile(pack) as z:
        data = bytearray(z.read("user.sqlite"))
    data[5000] ^= 0xFF
    bad = rebuild(pack, tmp_path / "bad.zzpack", {"user.sqlite": bytes(data)})
    with pytest.raises(PackError, match="SHA-256"):
        read_pack(bad)


@pytest.mark.parametrize(("name", "message"), [
    ("../evil.sqlite", "不安全"), ("/etc/evil", "不安全"), ("C:/evil", "不安全"), ("notes.txt", "不认识"),
])
def test_hostile_member_names(source: Path, tmp_path: Path, name: str, message: str) -> None:
    pack = export(source, tmp_path / "p.zzpack")
    bad = rebuild(pack, tmp_path / "bad.zzpack", {}, [zipfile.ZipInfo(name)])
    with pytest.raises(PackError, match=message):
        read_pack(bad)
    assert not (tmp_path / "evil.sqlite").exists()


def test_links_duplicates_bombs_and_junk(source: Path, tmp_path: Path) -> None:
    pack = export(source, tmp_path / "p.zzpack")
    link = zipfile.ZipInfo("manifest.sig")
    link.external_attr = (0o120777 << 16)
    with pytest.raises(PackError, match="链接"):
        read_pack(rebuild(pack, tmp_path / "link.zzpack", {}, [link]))
    with pytest.warns(UserWarning), pytest.raises(PackError, match="重名"):
        read_pack(rebuild(pack, tmp_path / "dup.zzpack", {}, [zipfile.ZipInfo("user.sqlite")]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(pack) as z, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("manifest.json", z.read("manifest.json"))
        bomb.writestr("user.sqlite", b"\0" * (50 * 1024 * 1024))
    (tmp_path / "bomb.zzpack").write_bytes(buffer.getvalue())
    with pytest.raises(PackError, match="过大"):
        read_pack(tmp_path / "bomb.zzpack")
    (tmp_path / "junk.zzpack").write_bytes(b"PK\x03\x04junk")
    with pytest.raises(PackError, match="损坏"):
        read_pack(tmp_path / "junk.zzpack")
    with pytest.raises(PackError, match="不完整"):
        read_pack(rebuild(pack, tmp_path / "half.zzpack", {"user.sqlite": None}))


def test_cli_trust_and_refusal(source: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "ZZDESK_HOME": str(home)}

    def zz(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "zzdesk", *args], capture_output=True, text=True, env=env,
                              timeout=120, check=False)

    private, public = generate_keys(tmp_path / "keys")
    signed = export(source, tmp_path / "s.zzpack", private)
    unsigned = export(source, tmp_path / "u.zzpack")
    assert zz("pack", "trust", str(public)).returncode == 0
    refused = zz("pack", "import", str(unsigned))
    assert refused.returncode == 1 and "只接受已签名" in refused.stderr
    assert zz("pack", "import", str(signed)).returncode == 0
    (home / "trust.json").write_text("{broken", encoding="utf-8")
    broken = zz("pack", "import", str(signed))
    assert broken.returncode == 1 and "信任设置文件" in broken.stderr and len(broken.stderr.splitlines()) == 1
