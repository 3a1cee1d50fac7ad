import type { PgMigration } from '../sql.js';
import { STATS_EVENT_REFS_DDL } from '../../stats-event-refs.js';

// The statistics fold's pack and parcel look-ups, as SQLite's 0020_stats_event_refs.
export const statsRefsSchema: PgMigration = { id: '0006_stats_event_refs', sql: STATS_EVENT_REFS_DDL };
