"""Copy the licence files of every installed distribution (and Python's own) into one folder."""

from __future__ import annotations

import shutil
import sys
from importlib import metadata
from pathlib import Path


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    listing = []
    for dist in sorted(metadata.distributions(), key=lambda d: d.metadata["Name"].lower()):
        name, version = dist.metadata["Name"], dist.version
        licence = dist.metadata.get("License-Expression") or dist.metadata.get("License") or ""
        files = [f for f in dist.files or () if "licen" in f.name.lower() or "copying" in f.name.lower()
                 or f.name.lower() in ("notice", "authors")]
        for f in files:
            source = Path(str(dist.locate_file(f)))
            if source.is_file():
                target = out / f"{name}-{version}" / f.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        listing.append(f"{name} {version}: {licence.splitlines()[0] if licence else '见目录中的许可证文件'}")
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    python_licence = Path(sys.base_prefix) / "lib" / f"python{version}" / "LICENSE.txt"
    if python_licence.is_file():
        shutil.copyfile(python_licence, out / "Python-LICENSE.txt")
    (out / "INDEX.txt").write_text("\n".join(listing) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
