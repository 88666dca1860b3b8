"""The Wine-only test shim: how it rewires numpy's modules, and that the release check finds any trace."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parents[2] / "packaging" / "windows"
API_SET = b"api-ms-win-crt-math-l1-1-0.dll"


def fake_release(folder: Path, module: bytes) -> Path:
    (folder / "_internal" / "numpy").mkdir(parents=True)
    for program in ("zzdesk.exe", "zzdesk-gui.exe"):
        (folder / program).write_bytes(b"MZ")
    pyd = folder / "_internal" / "numpy" / "_umath.pyd"
    pyd.write_bytes(module)
    return pyd


def check_release(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(PACKAGING / "check-release"), str(folder)], capture_output=True, text=True,
                          check=False)


def test_patch_renames_the_import_in_place_and_the_release_check_then_fails(tmp_path: Path) -> None:
    module = b"MZ\0\0header" + API_SET.upper() + b"\0KERNEL32.dll\0" + API_SET + b"\0tail"
    pyd = fake_release(tmp_path, module)
    assert check_release(tmp_path).returncode == 0

    subprocess.run([sys.executable, str(PACKAGING / "wine-only" / "shim.py"), "patch", str(tmp_path)], check=True,
                   capture_output=True)

    patched = pyd.read_bytes()
    assert len(patched) == len(module)
    assert API_SET not in patched.lower()
    assert patched.count(b"wineonly-complex-math-shim.dll") == 2
    assert b"KERNEL32.dll" in patched
    failed = check_release(tmp_path)
    assert failed.returncode == 1
    assert "_umath.pyd" in failed.stderr
