#!/usr/bin/env bash
# Regenerate the two locked, hashed requirement files from the one source of truth, pyproject.toml:
#   requirements/runtime.txt  [project] dependencies          (make run installs this)
#   requirements/dev.txt      the same plus the `dev` extra     (make test installs this)
# Versions already locked are kept unless pyproject's ranges exclude them; pass --upgrade to move on.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=$(mktemp -d)
trap 'rm -rf "$TOOLS"' EXIT
python3 -m venv "$TOOLS" && "$TOOLS/bin/pip" install --quiet pip-tools
compile() { "$TOOLS/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
  --no-emit-find-links --no-emit-index-url "$@" pyproject.toml; }
compile --output-file requirements/runtime.txt "$@"
compile --extra dev --output-file requirements/dev.txt "$@"
