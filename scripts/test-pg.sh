#!/usr/bin/env bash
# The hub's test files on PostgreSQL only (vitest projects unit-pg, integration-pg, chaos-pg), on a
# throwaway cluster started here and stopped on exit, even when a test fails. Arguments go to vitest:
#   npm run test:pg                                   every hub test file
#   npm run test:pg -- test/unit/cloud/hub.test.ts    one of them
# With PACKDESK_TEST_PG_URL already set, that server is used and no cluster is started.
set -euo pipefail
cd "$(dirname "$0")/.."

# The integration and chaos files run the built CLI.
node scripts/build.js --if-stale

if [ -z "${PACKDESK_TEST_PG_URL:-}" ]; then
  PACKDESK_PG_CLUSTER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/packdesk-pg-XXXXXX")"
  export PACKDESK_PG_CLUSTER_DIR
  trap 'bash scripts/pg-test-cluster.sh stop' EXIT
  pg_url="$(bash scripts/pg-test-cluster.sh start)"
  export "$pg_url"
fi
npx vitest run --project unit-pg --project integration-pg --project chaos-pg "$@"
