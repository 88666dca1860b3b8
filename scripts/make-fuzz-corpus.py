"""Regenerate the fuzz test's seed corpus in tests/data/fuzz/ (run from the project root).

The seeds are small, valid inputs of each kind the fuzz test mutates: data packs (plain and
signed), a backup of a user database holding a briefing and an imported report, and a Word
report.  Kept in the repository so every run starts from the same files."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from docx import Document

from zzdesk.core.backup import make_backup
from zzdesk.core.briefing import BriefingItem, BriefingSpec
from zzdesk.core.briefing_store import save_briefing
from zzdesk.core.datapack import export_pack, generate_keys
from zzdesk.core.importing import commit_import
from zzdesk.core.parsing.decoding import read_report_bytes
from zzdesk.core.parsing.report import parse_report
from zzdesk.core.userdb import open_user_db

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "fuzz"
REPORT = ROOT / "tests" / "data" / "reports" / "zhengzhou-2027-brief.txt"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        conn = open_user_db(folder / "user.sqlite")
        save_briefing(conn, BriefingSpec("种子简报", (BriefingItem("headlines", ""),)))
        text = read_report_bytes(REPORT.read_bytes(), REPORT.name)
        commit_import(conn, parse_report(text))
        backup = make_backup(conn, folder / "backups")
        shutil.copyfile(backup, OUT / "backup.sqlite")
        export_pack(conn, OUT / "plain.zzpack")
        private, _public = generate_keys(folder / "keys")
        export_pack(conn, OUT / "signed.zzpack", private)
        conn.close()
    document = Document()
    for line in text.splitlines()[:12]:
        document.add_paragraph(line)
    document.save(str(OUT / "report.docx"))
    for path in sorted(OUT.iterdir()):
        print(path.name, path.stat().st_size)


if __name__ == "__main__":
    main()
