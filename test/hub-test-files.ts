// The test files that start a hub or open a hub store: vitest.config.ts runs exactly these a second
// time on PostgreSQL (projects unit-pg, integration-pg, chaos-pg). test/unit/hub-test-files.test.ts
// fails when a file that uses a hub is in neither list below, or a listed file no longer uses one:
// add a new hub test file to HUB_TEST_FILES (or, when it picks its stores itself, to RUN_ONCE with why).

/** What marks a file as using a hub: the helpers and entry points that start one or open its store. */
export const USES_HUB =
  /startTestHub\(|stockFixture\(|openTestStore\(|new SqliteHubStore\(|startHubProcess\(|\bstartHub\(|\.startHub\(|startDemoHub|['"]cloud['"],\s*['"](--config|--data|--demo|station)['"]/;

export const HUB_TEST_FILES: readonly string[] = [
  'test/chaos/claims.test.ts',
  'test/chaos/cli-errors.test.ts',
  'test/chaos/csv-export.test.ts',
  'test/chaos/hub-doors.test.ts',
  'test/chaos/late-orders.test.ts',
  'test/chaos/out-of-order.test.ts',
  'test/chaos/poisoned-rows.test.ts',
  'test/integration/cloud-admin-cli.test.ts',
  'test/integration/handover-tracking.test.ts',
  'test/integration/handover.test.ts',
  'test/integration/hub-crash.test.ts',
  'test/integration/hub-stations.test.ts',
  'test/integration/multi-parcel-e2e.test.ts',
  'test/integration/multi-parcel-station-e2e.test.ts',
  'test/integration/shift-stats.test.ts',
  'test/integration/stock-cli.test.ts',
  'test/integration/stock-race.test.ts',
  'test/integration/video-upload-hub.test.ts',
  'test/integration/wechat-component.test.ts',
  'test/unit/cloud/catalog-images.test.ts',
  'test/unit/cloud/claims.test.ts',
  'test/unit/cloud/disputes-hub.test.ts',
  'test/unit/cloud/handover.test.ts',
  'test/unit/cloud/hub-doors.test.ts',
  'test/unit/cloud/hub-ewaybill-cancel.test.ts',
  'test/unit/cloud/hub-ewaybill-print.test.ts',
  'test/unit/cloud/hub-ewaybill.test.ts',
  'test/unit/cloud/hub-imports.test.ts',
  'test/unit/cloud/hub-poison.test.ts',
  'test/unit/cloud/hub.test.ts',
  'test/unit/cloud/idle-sockets.test.ts',
  'test/unit/cloud/hub-two-instances.test.ts',
  'test/unit/cloud/intake-batch.test.ts',
  'test/unit/cloud/leases.test.ts',
  'test/unit/cloud/pack-order.test.ts',
  'test/unit/cloud/station-tokens.test.ts',
  'test/unit/cloud/stats-cell-cache.test.ts',
  'test/unit/cloud/stats-cells.test.ts',
  'test/unit/cloud/stats-export.test.ts',
  'test/unit/cloud/stock-alerts.test.ts',
  'test/unit/cloud/stock-batch.test.ts',
  'test/unit/cloud/stock-desk-events.test.ts',
  'test/unit/cloud/stock-hints.test.ts',
  'test/unit/cloud/stock-hub-race.test.ts',
  'test/unit/cloud/stock-import.test.ts',
  'test/unit/cloud/stock-ledger.test.ts',
  'test/unit/cloud/stock-publish.test.ts',
  'test/unit/cloud/stock-unpaid.test.ts',
  'test/unit/cloud/stock-wechat-moves.test.ts',
  'test/unit/cloud/stuck-shipments.test.ts',
  'test/unit/cloud/tracking-hub.test.ts',
  'test/unit/cloud/video-hashes.test.ts',
  'test/unit/cloud/wechat-push.test.ts',
  'test/unit/cloud/wechat-sale.test.ts',
];

/**
 * Files that use a hub but pick its store themselves — they test SQLite itself, a hub that is SQLite
 * by design, or PostgreSQL itself — so a second run with PACKDESK_TEST_STORE=postgres would repeat them.
 */
export const RUN_ONCE: Readonly<Record<string, string>> = {
  'test/unit/cloud/pack-parts-upgrade.test.ts': 'upgrades a SQLite hub.db written by an older hub',
  'test/integration/demo.test.ts': '`packdesk cloud --demo` keeps the demo hub in a SQLite file of its own',
  'test/integration/cloud-migrate.test.ts': 'copies a SQLite hub to PACKDESK_TEST_PG_URL by itself',
  'test/integration/hub-instances.test.ts':
    'puts three instances on one PostgreSQL schema of its own (PACKDESK_TEST_PG_URL)',
  'test/unit/hosts/cloud-backup.test.ts': 'backs up a SQLite hub.db with SQLite’s online backup API',
  'test/integration/bench-interrupt.test.ts':
    'checks that an interrupted bench stops the hub process it started; the hub’s store plays no part',
};

/** The hub test files of one project's folder (test/unit/, test/integration/, test/chaos/). */
export function hubTestFilesIn(folder: string): string[] {
  return HUB_TEST_FILES.filter((f) => f.startsWith(folder));
}
