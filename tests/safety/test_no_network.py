"""Nothing goes to the network: the CLI workflows and the GUI screenshots run with every socket
operation forbidden by an audit hook, in fresh processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"

# Installed through sitecustomize in a folder put first on PYTHONPATH: any socket use aborts.
SITECUSTOMIZE = '''
import sys

def _no_network(event, args):
    if event.startswith("socket.") and event not in ("socket.gethostname",):
        sys.stderr.write(f"NETWORK ATTEMPT: {event} {args!r}\\n")
        sys.stderr.flush()
        import os
        os._exit(97)

sys.addaudithook(_no_network)
'''


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir(exist_ok=True)
    (hook_dir / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env.update(PYTHONPATH=os.pathsep.join([str(hook_dir), env.get("PYTHONPATH", "")]),
               ZZDESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "zzdesk", *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def test_the_hook_really_blocks_sockets(tmp_path: Path) -> None:
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.socket()"], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(hook_dir)}, check=False, timeout=60)
    assert probe.returncode == 97 and "NETWORK ATTEMPT" in probe.stderr


def test_workflows_never_touch_the_network(tmp_path: Path) -> None:
    workflows = [
        ("export", "--json", str(tmp_path / "export.json")),
        ("search", "zykjc", "--json"),
        ("import", str(REPORTS / "zhengzhou-2026-full.txt")),
        ("targets", "--json"),
        ("briefing", "--targets", "--pdf", str(tmp_path / "b.pdf"), "--docx", str(tmp_path / "b.docx")),
        ("screenshots", str(tmp_path / "shots"), "--size", "1024x700"),
        ("fonts",),
    ]
    for args in workflows:
        result = run(tmp_path, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert "NETWORK ATTEMPT" not in result.stderr, args
    assert len(list((tmp_path / "shots").glob("*.png"))) >= 13


def test_no_module_of_ours_imports_socket_code() -> None:
    src = Path(__file__).resolve().parents[2] / "src" / "zzdesk"
    offenders = [p for p in src.rglob("*.py")
                 if any(word in p.read_text(encoding="utf-8") for word in
                        ("import socket", "urllib.request", "http.client", "QNetworkAccessManager", "requests"))]
    assert offenders == []
