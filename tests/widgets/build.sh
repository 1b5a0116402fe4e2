#!/usr/bin/env bash
# Builds the test widgets into tests/widgets/dist/ (see build.mjs for the layout).
# Installs the pinned npm packages first when node_modules is missing or older than the lockfile.
# Safe to run from several test processes at once: they take turns on a lock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

command -v node >/dev/null || { echo "tests/widgets/build.sh: Node.js 18+ is needed (and npm)" >&2; exit 1; }

mkdir -p dist
if command -v flock >/dev/null; then
  exec 9>dist/.build.lock
  flock 9
fi

if [ ! -f node_modules/.package-lock.json ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ] \
  || [ package.json -nt node_modules/.package-lock.json ]; then
  echo "tests/widgets: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

node build.mjs "$@"
