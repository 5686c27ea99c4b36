#!/usr/bin/env bash
# Re-resolve the exact pins from pyproject.toml in throwaway venvs (maintainers only).
# Review the diff of requirements*.lock, run the tests, and commit both files together.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${NASKAH_PYTHON:-python3.11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for extra in "" dev; do
  "$python" -m venv "$work/venv-$extra"
  "$work/venv-$extra/bin/pip" install --quiet --disable-pip-version-check ".${extra:+[$extra]}"
  out=requirements${extra:+-$extra}.lock
  {
    echo "# Exact versions proven to install and pass the tests (Python 3.11)."
    echo "# Regenerate with scripts/lock.sh; never edit by hand."
    "$work/venv-$extra/bin/pip" freeze --exclude naskah
  } > "$out"
  echo "wrote $out"
done
