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

# LibreOffice converts the letters to PDF (Calc: workbooks re-saved by clerks, in the tests);
# the fonts are metric-compatible with Arial/Times/Calibri/Cambria, and URW Bookman stands in
# for the Keputusan's Bookman Old Style, so the PDF keeps the Word layout; poppler-utils
# renders and checks PDFs.
debs=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation fonts-liberation2
      fonts-crosextra-carlito fonts-crosextra-caladea fonts-urw-base35 fontconfig
      poppler-utils qpdf)
# The browser tests of `naskah web` drive Debian's Chromium through Playwright (no download);
# the tests read the QR code of signed letters with pyzbar, which loads Debian's libzbar0.
[ "$lock" = requirements.lock ] || debs+=(chromium libzbar0)
missing=()
for deb in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing+=("$deb")
done
[ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"

# "Bookman Old Style" -> URW Bookman for every user (root in CI included).
alias_conf=/etc/fonts/conf.d/65-naskah-bookman.conf
if ! cmp -s scripts/fontconfig/65-naskah-bookman.conf "$alias_conf" 2>/dev/null; then
  say "fontconfig: Bookman Old Style -> URW Bookman ($alias_conf)"
  as_root install -m 0644 scripts/fontconfig/65-naskah-bookman.conf "$alias_conf"
  as_root fc-cache -f >/dev/null
fi

say "pip install -r $lock"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$lock"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
say "done: .venv/bin/naskah $(.venv/bin/naskah --version | cut -d' ' -f2)"
