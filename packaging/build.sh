#!/usr/bin/env bash
# Builds dist/workstation/ (one folder: workstation and workstation-cli) and runs its self-test.
# Usage: packaging/build.sh            (uses .venv/bin/python, or $PYTHON)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
"$PYTHON" -m pip install -q -e ".[dev]"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/workstation.spec
QT_QPA_PLATFORM=offscreen dist/workstation/workstation --self-test
dist/workstation/workstation-cli --help > /dev/null
echo "bundle: dist/workstation ($(du -sh dist/workstation | cut -f1))"
