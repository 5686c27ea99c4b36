#!/usr/bin/env bash
# Install everything naskah needs on a fresh Debian machine, into .venv/ of this checkout.
#   bash scripts/install.sh         runtime only
#   bash scripts/install.sh --dev   runtime and test tools
# Python packages come from the exact pins in requirements*.lock; run it again at any time.
set -euo pipefail
cd "$(dirname "$0")/.."

lock=requirements.lock
case "${1:-}" in
  --dev) lock=requirements-dev.lock ;;
  "") ;;
  *) echo "Penggunaan: bash scripts/install.sh [--dev]" >&2; exit 2 ;;
esac

say() { printf '[install] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Python 3.11 with venv: the pyenv/system python3.11 if present, else Debian's python3.
find_python() {
  for candidate in "${NASKAH_PYTHON:-}" python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}
python=$(find_python) || { apt_install python3 python3-venv; python=$(find_python); } || {
  echo "Python 3.11 tidak tersedia di mesin ini." >&2; exit 1; }

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  rm -rf .venv
  if ! "$python" -m venv .venv 2>/dev/null; then
    apt_install python3-venv
    "$python" -m venv .venv
  fi
  say "virtualenv .venv created with $("$python" --version)"
fi

if [ "$lock" = requirements-dev.lock ] && ! command -v soffice >/dev/null 2>&1; then
  # Tests prove that a workbook saved by LibreOffice Calc is read like one saved by Excel.
  apt_install libreoffice-calc-nogui
fi

say "pip install -r $lock"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$lock"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
say "done: .venv/bin/naskah $(.venv/bin/naskah --version | cut -d' ' -f2)"
