"""Print the pinned runtime dependencies from pyproject.toml, one per line, for pip."""

import sys
import tomllib

with open(sys.argv[1], "rb") as handle:
    print("\n".join(tomllib.load(handle)["project"]["dependencies"]))
