"""A bounded fuzz run over `pack import`, `restore` and `import`, as the command line runs them.

Each round takes a seed from tests/data (fuzz/, reports/, bad-inputs/), mutates it — bytes
flipped, cut, repeated or spliced; for packs also the manifest's fields and the database inside,
with the hashes made to match again so the checks behind them are reached; for databases
also triggers, views and changed tables — and runs the command in-process.  Whatever the input,
the command must end with exit 0 or one `zzdesk: …` line and exit 1, never another exception;
when it fails the user's data must be byte-identical.  The run lasts ZZDESK_FUZZ_SECONDS (default
12) per command; ZZDESK_FUZZ_SEED repeats a run.  A failing input is kept under the pytest
temporary folder and its path and seed are printed.
"""

from __future__ import annotations

import contextlib
import faulthandler
import hashlib
import io
import json
import os
import random
import sqlite3
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from zzdesk.cli.main import main

DATA = Path(__file__).resolve().parents[1] / "data"
SECONDS = float(os.environ.get("ZZDESK_FUZZ_SECONDS", "12"))
HANG_SECONDS = 120  # one command running this long is a hang: dump every stack and stop
INTERESTING = [b"\x00", b"\xff", b"\x7f", b"\x80", b"\x1b[2J", b"%", b"\xe5\xa2\x9e\xe9\x95\xbf",
               b"99999999999999999999999999", b"-1", b"<!DOCTYPE", b"PK\x03\x04", b"\r\n", b"\xef\xbb\xbf"]
SQL_CHANGES = [
    "CREATE TRIGGER t AFTER INSERT ON briefings BEGIN DELETE FROM briefings; END",
    "CREATE VIEW v AS SELECT 1",
    "DROP TABLE mentions",
    "ALTER TABLE briefings ADD COLUMN x TEXT",
    "UPDATE meta SET value = '999' WHERE key = 'schema_version'",
    "UPDATE meta SET value = 'x' WHERE key = 'schema_version'",
    "DELETE FROM meta",
    "UPDATE alembic_version SET version_num = 'zzzz'",
    "DROP TABLE alembic_version",
    "UPDATE briefings SET spec = x'00ff'",
    "UPDATE briefings SET spec = '{\"title\": 5}'",
    "UPDATE figures SET value = 'text'",
    "UPDATE figures SET period = 99999999999",
    "UPDATE reports SET year = NULL",
    "UPDATE passages SET text = char(27) || '[2J'",
    "PRAGMA user_version = 7",
]


def seed_value() -> int:
    return int(os.environ.get("ZZDESK_FUZZ_SEED") or random.SystemRandom().randrange(2**32))


def mutate_bytes(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(7)
        at = rng.randrange(len(out) + 1)
        if choice == 0 and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif choice == 1:
            out[at:at] = rng.choice(INTERESTING)
        elif choice == 2:
            del out[at:at + rng.randint(1, 4096)]
        elif choice == 3 and out:
            piece = out[at:at + rng.randint(1, 256)]
            out[at:at] = piece * rng.randint(2, 50)
        elif choice == 4:
            other = rng.choice(others)
            cut = rng.randrange(len(other) + 1)
            out[at:] = other[cut:]
        elif choice == 5:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        else:
            out = out[:at]
    return bytes(out)


def change_database(data: bytes, rng: random.Random, scratch: Path) -> bytes:
    """The database with one or two schema or data changes an attacker (or damage) might make."""
    path = scratch / "mutant.sqlite"
    path.write_bytes(data)
    try:
        conn = sqlite3.connect(path)
        try:
            for statement in rng.sample(SQL_CHANGES, rng.randint(1, 2)):
                with contextlib.suppress(sqlite3.Error):
                    conn.execute(statement)
            conn.commit()
        finally:
            conn.close()
    except sqlite3.Error:
        pass
    return path.read_bytes()


def repack(pack: bytes, rng: random.Random, scratch: Path, others: list[bytes]) -> bytes:
    """A pack with its manifest or database changed, hashes made to match again (or not)."""
    try:
        with zipfile.ZipFile(io.BytesIO(pack)) as archive:
            members = {name: archive.read(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return mutate_bytes(pack, rng, others)
    database = members.get("user.sqlite", b"")
    if rng.random() < 0.6:
        database = change_database(database, rng, scratch)
    elif rng.random() < 0.5:
        database = mutate_bytes(database, rng, others)
    try:
        manifest = json.loads(members.get("manifest.json", b"{}"))
    except ValueError:
        manifest = {}
    if isinstance(manifest, dict) and isinstance(manifest.get("files"), dict) and rng.random() < 0.8:
        manifest["files"]["user.sqlite"] = {"sha256": hashlib.sha256(database).hexdigest(), "size": len(database)}
    if isinstance(manifest, dict) and rng.random() < 0.4:
        key = rng.choice(["format", "schema", "created", "app_version", "files"])
        manifest[key] = rng.choice([None, [], {}, "\x1b[31m", 2**70, -1, 3, "3", 1.5, True])
    members["manifest.json"] = json.dumps(manifest).encode()
    members["user.sqlite"] = database
    if rng.random() < 0.3:
        members.pop("manifest.sig", None)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().err


def fuzz(name: str, seeds: list[Path], make: Callable[[bytes, random.Random, Path, list[bytes]], bytes],
         command: Callable[[Path], list[str]], home: Path, tmp_path: Path,
         capsys: pytest.CaptureFixture[str]) -> int:
    seed = seed_value()
    rng = random.Random(seed)
    corpus = [path.read_bytes() for path in seeds]
    assert run_cli(["backup"], capsys)[0] == 0  # the user's data exists before any bad input
    user = home / "user.sqlite"
    end = time.monotonic() + SECONDS
    rounds = 0
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True, file=sys.__stderr__)
    try:
        while time.monotonic() < end:
            rounds += 1
            mutant = tmp_path / f"{name}-{rounds}{seeds[0].suffix}"
            mutant.write_bytes(make(rng.choice(corpus), rng, tmp_path, corpus))
            before = digest(user)
            try:
                code, err = run_cli(command(mutant), capsys)
            except BaseException as exc:
                pytest.fail(f"{name}: {type(exc).__name__}: {exc} — seed {seed}, input kept at {mutant}")
            lines = err.strip().splitlines()
            if code != 0:
                assert code in (1, 2) and len(lines) == 1 and lines[0].startswith("zzdesk: "), \
                    f"{name}: {err!r} — seed {seed}, input kept at {mutant}"
                assert digest(user) == before, f"{name}: data changed on failure — seed {seed}, input {mutant}"
            else:
                checked = run_cli(["check"], capsys)
                assert checked[0] == 0, f"{name}: accepted, then check fails — seed {seed}, input {mutant}"
                reports = run_cli(["reports"], capsys)
                assert reports[0] == 0, f"{name}: accepted, then reports fails — seed {seed}, input {mutant}"
            mutant.unlink()
    finally:
        faulthandler.cancel_dump_traceback_later()
    print(f"{name}: {rounds} rounds in {SECONDS:.0f} s, seed {seed}")
    return rounds


def test_fuzz_pack_import(user_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = sorted((DATA / "fuzz").glob("*.zzpack"))
    assert len(seeds) >= 2
    assert fuzz("pack import", seeds, repack, lambda p: ["pack", "import", str(p)], user_home, tmp_path, capsys)


def test_fuzz_restore(user_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def make(data: bytes, rng: random.Random, scratch: Path, others: list[bytes]) -> bytes:
        return change_database(data, rng, scratch) if rng.random() < 0.5 else mutate_bytes(data, rng, others)

    seeds = sorted((DATA / "fuzz").glob("*.sqlite"))
    assert seeds
    assert fuzz("restore", seeds, make, lambda p: ["restore", str(p)], user_home, tmp_path, capsys)


def test_fuzz_import(user_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def make(data: bytes, rng: random.Random, _scratch: Path, others: list[bytes]) -> bytes:
        return mutate_bytes(data, rng, others)

    seeds = sorted((DATA / "reports").glob("*.txt")) + sorted((DATA / "bad-inputs").glob("*.txt"))
    assert seeds
    assert fuzz("import", seeds, make, lambda p: ["import", str(p)], user_home, tmp_path, capsys)


def test_fuzz_import_word(user_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def make(data: bytes, rng: random.Random, scratch: Path, others: list[bytes]) -> bytes:
        return repack_docx(data, rng, others) if rng.random() < 0.5 else mutate_bytes(data, rng, others)

    # The zip bomb is left out: each round of it spends seconds being refused, as test_bad_inputs proves.
    seeds = [DATA / "fuzz" / "report.docx", *sorted(p for p in (DATA / "bad-inputs").glob("*.docx")
                                                    if p.name != "zip-bomb.docx")]
    assert fuzz("import .docx", seeds, make, lambda p: ["import", str(p)], user_home, tmp_path, capsys)


def repack_docx(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """A Word file with one part's bytes mutated, still a valid zip (so the XML reader is reached)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {name: archive.read(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return mutate_bytes(data, rng, others)
    if members:
        name = rng.choice(sorted(members))
        members[name] = mutate_bytes(members[name], rng, [members[name]])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()
