/** The little of a SQL connection the store needs; PGlite and node-postgres both provide it. */
export interface SqlClient {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Append rows to a table in one bulk write, where the client has one (PGlite's COPY, several
   * times cheaper than INSERT for it); without it, callers INSERT. Each value is text as the
   * column's input function reads it (an array as `{a,b}`, jsonb as JSON), or null.
   */
  copyRows?(table: string, columns: string[], rows: (string | null)[][]): Promise<void>;
}

/** A timestamp column as ISO text in UTC, the same from PGlite and node-postgres. */
export function utc(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * Whether a value can be in PostgreSQL text as it is: a NUL cannot, and a lone UTF-16 surrogate
 * has no UTF-8 form (as a parameter it arrives as U+FFFD, another value; inside JSON, jsonb
 * refuses it). A lookup of such a value finds nothing; a write of one is refused.
 */
export function storable(value: string): boolean {
  return !UNSTORABLE.test(value);
}
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
