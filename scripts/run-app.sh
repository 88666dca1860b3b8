#!/usr/bin/env bash
# Set up (first time) and start zzdesk on the bundled data. Extra arguments go to zzdesk.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/bootstrap.sh" app
exec "$root/.venv/bin/zzdesk" "$@"
