#!/usr/bin/env bash
# CI step: build the bundle into a temporary folder and drive the bundled executable headless
# (tests/packaging/test_bundle.py: --version, import of the real sample, kpis --json, export,
# screenshot). Ends with pytest's closing line; exit status is pytest's.
#
#   packaging/ci_bundle_check.sh            (from the repository, any folder)
#
# Python: $PYTHON, else .venv/ (CI's), else /work/venv. Installs the `packaging` extra
# (PyInstaller) into it if missing.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
if [ -z "${PYTHON:-}" ]; then
    if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python
    elif [ -x /work/venv/bin/python ]; then PYTHON=/work/venv/bin/python
    else PYTHON=python3
    fi
fi
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "installing the packaging extra (PyInstaller) into $PYTHON"
    "$PYTHON" -m pip install -q -e ".[packaging]"
fi
export QT_QPA_PLATFORM=offscreen
exec "$PYTHON" -m pytest tests/packaging -m slow -q -p no:cacheprovider "$@"
