// What a PostgreSQL repository runs its statements through: the connection of the unit of work it
// belongs to. `$1…` placeholders; BIGINT columns come back as numbers (epoch ms and ids fit in 2^53).
export interface PgSql {
  /** Every row the statement returns. */
  rows<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** The first row, or undefined. */
  row<R>(text: string, params?: readonly unknown[]): Promise<R | undefined>;
  /** Runs a statement; returns how many rows it touched. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
}

/**
 * One step of the PostgreSQL schema. Like the SQLite list: ordered, `NNNN_name`, the list applied to
 * a database must be a prefix of the list this build knows.
 */
export interface PgMigration {
  id: string;
  sql: string;
}
