#!/usr/bin/env bash
# Installs this checkout's spine_triton plugin into a Python environment in
# editable mode (pip install -e: backend/ becomes triton.backends.spine_triton,
# registered in the triton.backends entry-point group, and finds spine-opt and
# the runtime in the checkout's build/). Does nothing when that environment
# already has it from this checkout.
#
#   scripts/install-plugin-dev.sh [python]     (default: build/venv/bin/python)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${1:-$ROOT/build/venv/bin/python}
if ! "$PYTHON" -c '' 2>/dev/null; then
  echo "install-plugin-dev: no Python at $PYTHON (scripts/setup.sh makes build/venv)" >&2
  exit 1
fi
if "$PYTHON" - "$ROOT" <<'PY' 2>/dev/null; then
import json, sys
from importlib.metadata import distribution
url = json.loads(distribution("triton-spacemit-backend").read_text("direct_url.json") or "{}")
sys.exit(0 if url.get("dir_info", {}).get("editable") and url.get("url") == "file://" + sys.argv[1] else 1)
PY
  exit 0
fi
echo "install-plugin-dev: pip install -e $ROOT into $("$PYTHON" -c 'import sys; print(sys.prefix)')"
# No index, no build isolation: setuptools comes from the environment itself.
"$PYTHON" -m pip install --quiet --no-deps --no-index --no-build-isolation -e "$ROOT"
