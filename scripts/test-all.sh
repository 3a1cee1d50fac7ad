#!/usr/bin/env bash
# Everything the tests need, then every test: dependencies (npm ci when node_modules is missing or
# older than the lockfile), Debian packages (chromium, socat, a CJK font, PostgreSQL — when missing
# and root), the build, type checks, lint (ESLint, Prettier) and the layer check (dependency-cruiser),
# unit + renderer + integration + chaos tests (vitest) — the hub's files once more on a throwaway
# PostgreSQL cluster (scripts/pg-test-cluster.sh, stopped on exit even when a test fails) — and
# browser tests (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "dependencies"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  echo "node_modules is up to date"
fi

step "system packages"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v socat >/dev/null 2>&1 || missing+=(socat)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; then
  missing+=(fonts-wqy-microhei) # screenshots and labels show Chinese text
fi
# The hub tests' PostgreSQL server (initdb, pg_ctl): Debian's own path, or on the PATH.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "missing Debian packages: ${missing[*]} — run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
else
  echo "chromium, socat, a CJK font and PostgreSQL are installed"
fi

step "build"
node scripts/build.js

step "type check"
npx tsc -p tsconfig.renderer.json --noEmit
npx tsc -p tsconfig.test.json --noEmit

step "lint and layers"
npm run --silent lint
npm run --silent deps

step "unit, renderer, integration and chaos tests (the hub's on SQLite, then on PostgreSQL)"
# A cluster of this run's own, in a fresh temp dir, whatever PACKDESK_TEST_PG_URL the caller had.
PACKDESK_PG_CLUSTER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/packdesk-pg-XXXXXX")"
export PACKDESK_PG_CLUSTER_DIR
trap 'bash scripts/pg-test-cluster.sh stop' EXIT
pg_url="$(bash scripts/pg-test-cluster.sh start)"
export "$pg_url"
npx vitest run
bash scripts/pg-test-cluster.sh stop
trap - EXIT

step "browser tests (Debian Chromium)"
PACKDESK_BROWSER=1 npx playwright test

step "all tests passed"
