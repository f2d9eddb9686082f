#!/usr/bin/env bash
# Refresh requirements.lock from pyproject.toml: every package the assistant and its tests use,
# transitive ones included, pinned with hashes. Run deliberately, then run the whole suite on a
# brand-new virtualenv (rm -rf .venv && bash scripts/setup.sh && .venv/bin/python -m pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
python3 -m venv "$tools"
"$tools/bin/pip" install -q pip-tools==7.6.2
"$tools/bin/pip-compile" -q --extra test --generate-hashes --strip-extras --allow-unsafe \
    --no-emit-index-url --no-emit-trusted-host --no-emit-find-links \
    -o requirements.lock pyproject.toml
rm -rf "$tools"
echo "requirements.lock refreshed: $(grep -c '==' requirements.lock) packages pinned."
