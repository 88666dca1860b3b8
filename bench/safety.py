"""What the safety structures cost, each against a baseline measured in the same run.

- atomic save (temp file, fsync, rename, fsync folder) of a 1 MB export vs a plain write;
- the writers' lock taken and released vs a SQLite transaction that writes one row;
- the foreign-database check of a backup (first call builds the expected schema, later calls
  reuse it) vs the quick_check restore already did.
Usage: .venv/bin/python bench/safety.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from zzdesk.core.backup import make_backup, quick_check
from zzdesk.core.briefing import BriefingItem, BriefingSpec
from zzdesk.core.briefing_store import save_briefing
from zzdesk.core.foreign_db import validate_user_db
from zzdesk.core.safe_files import write_bytes
from zzdesk.core.userdb import open_user_db
from zzdesk.core.writers_lock import writers_lock


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def line(name: str, value: float, baseline: float, baseline_name: str) -> None:
    print(f"{name:<36} {value:8.2f} ms   {baseline_name:<30} {baseline:8.2f} ms   ×{value / baseline:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        data = bytes(range(256)) * 4096
        plain = folder / "plain.pdf"
        line("atomic save, 1 MB", median_ms(lambda: write_bytes(folder / "safe.pdf", data), runs),
             median_ms(lambda: plain.write_bytes(data), runs), "plain write, 1 MB")

        conn = open_user_db(folder / "user.sqlite")
        spec = BriefingSpec("测试", (BriefingItem("headlines", ""),))

        def one_row() -> None:
            with conn:
                conn.execute("UPDATE meta SET value = value WHERE key = 'schema_version'")

        line("writers' lock on + off", median_ms(lambda: _lock_cycle(folder), runs),
             median_ms(one_row, runs), "one-row SQLite transaction")
        save_briefing(conn, spec)
        backup = make_backup(conn, folder / "backups")
        conn.close()
        start = time.perf_counter()
        validate_user_db(backup)
        first = (time.perf_counter() - start) * 1000
        check = median_ms(lambda: quick_check(backup), runs)
        line("schema check, first in process", first, check, "quick_check of the backup")
        line("schema check, later", median_ms(lambda: validate_user_db(backup), runs), check,
             "quick_check of the backup")


def _lock_cycle(folder: Path) -> None:
    with writers_lock(folder, "测试"):
        pass


if __name__ == "__main__":
    main()
