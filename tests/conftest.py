"""Shared fixtures: every test gets its own user-data folder, never the real home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from zzdesk import paths
from zzdesk.core.source import SourceReport, load_source

# Widgets render without a display; a test that needs a real X server starts Xvfb itself.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEED_YAML = PROJECT_ROOT / "data" / "source" / "zhengzhou-2025.yaml"


@pytest.fixture(autouse=True)
def user_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("zzdesk-home")
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    yield home


@pytest.fixture(scope="session")
def seed() -> SourceReport:
    return load_source(SEED_YAML)


@pytest.fixture(scope="session", autouse=True)
def reference_db_is_never_written() -> Iterator[None]:
    """The bundled reference database is read-only: after the whole session, byte for byte the same."""
    import hashlib

    path = paths.reference_db_path()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    yield
    after = hashlib.sha256(path.read_bytes()).hexdigest()
    assert after == before, "data/zz.sqlite 在测试中被改动了"
