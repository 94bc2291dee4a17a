#!/usr/bin/env bash
# Build the one-folder Linux bundle: packaging/build/dist/workbench/workbench
#
#   packaging/build_linux.sh [--dist DIR] [--work DIR] [--keep-cache]
#
# Uses the Python of $PYTHON, else the active virtualenv, else .venv/ or /work/venv. That Python
# needs the project and PyInstaller: pip install -e '.[packaging]'.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${PYTHON:-}" ]; then
    if [ -n "${VIRTUAL_ENV:-}" ]; then PYTHON="$VIRTUAL_ENV/bin/python"
    elif [ -x "$repo/.venv/bin/python" ]; then PYTHON="$repo/.venv/bin/python"
    elif [ -x /work/venv/bin/python ]; then PYTHON=/work/venv/bin/python
    else PYTHON=python3
    fi
fi
"$PYTHON" -c "import PyInstaller" 2>/dev/null || {
    echo "PyInstaller is missing for $PYTHON: $PYTHON -m pip install -e '$repo[packaging]'" >&2
    exit 2
}
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
exec "$PYTHON" "$repo/packaging/build.py" "$@"
