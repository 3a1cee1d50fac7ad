import { SUM_COLUMNS } from './stats-cells-schema.js';

// Revisions of the statistics cells by block (a UTC day of hour_at): every insert, update or delete
// of a cell bumps its block's revision, by trigger, so no write path can forget to. The hub keeps
// decoded cells of whole blocks between queries (services/stats-cell-cache.ts) and reloads a block
// only when its revision moved — written by this instance or by another sharing the store.
// A revision only ever grows (a rebuild's delete bumps it too), so a stale copy never matches.

/** A block is this long: hour_at / BLOCK_MS, rounded down, names it. */
export const BLOCK_MS = 86_400_000;

const TABLE = (integer: string) => `
  CREATE TABLE stats_blocks (
    block ${integer} PRIMARY KEY,
    rev ${integer} NOT NULL
  );
`;

/** Cells already stored when the migration runs start their blocks at revision 1. */
const BACKFILL = `INSERT INTO stats_blocks (block, rev) SELECT DISTINCT hour_at / ${BLOCK_MS}, 1 FROM stats_cells;`;

const bump = (hourAt: string) =>
  `INSERT INTO stats_blocks (block, rev) VALUES (${hourAt} / ${BLOCK_MS}, 1)
     ON CONFLICT (block) DO UPDATE SET rev = stats_blocks.rev + 1;`;

/** An update that changes nothing (an upsert that only fetched the id) leaves the revision alone. */
const CELL_COLUMNS = [
  'events',
  ...SUM_COLUMNS.map(([, c]) => c),
  'shifts',
  'pack_times',
  'paid_to_packed',
  'to_handover',
];
const SQLITE_CHANGED = CELL_COLUMNS.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

export const SQLITE_STATS_BLOCKS_DDL = `
  ${TABLE('INTEGER')}
  ${BACKFILL}
  CREATE TRIGGER stats_cells_insert_rev AFTER INSERT ON stats_cells BEGIN ${bump('NEW.hour_at')} END;
  CREATE TRIGGER stats_cells_update_rev AFTER UPDATE ON stats_cells WHEN ${SQLITE_CHANGED}
    BEGIN ${bump('NEW.hour_at')} END;
  CREATE TRIGGER stats_cells_delete_rev AFTER DELETE ON stats_cells BEGIN ${bump('OLD.hour_at')} END;
`;

export const POSTGRES_STATS_BLOCKS_DDL = `
  ${TABLE('BIGINT')}
  ${BACKFILL}
  CREATE FUNCTION stats_cells_bump_rev() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' THEN
      ${bump('OLD.hour_at')}
    ELSE
      ${bump('NEW.hour_at')}
    END IF;
    RETURN NULL;
  END
  $$;
  CREATE TRIGGER stats_cells_insert_rev AFTER INSERT OR DELETE ON stats_cells
    FOR EACH ROW EXECUTE FUNCTION stats_cells_bump_rev();
  CREATE TRIGGER stats_cells_update_rev AFTER UPDATE ON stats_cells
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION stats_cells_bump_rev();
`;
