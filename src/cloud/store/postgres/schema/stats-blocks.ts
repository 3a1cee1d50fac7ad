import type { PgMigration } from '../sql.js';
import { POSTGRES_STATS_BLOCKS_DDL } from '../../stats-blocks-ddl.js';

// Revisions of the statistics cells by day block, as SQLite's 0021_stats_blocks.
export const statsBlocksSchema: PgMigration = { id: '0007_stats_blocks', sql: POSTGRES_STATS_BLOCKS_DDL };
