/** The little of a SQL connection the store needs; PGlite and node-postgres both provide it. */
export interface SqlClient {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A timestamp column as ISO text in UTC, the same from PGlite and node-postgres. */
export function utc(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** Whether a lookup value can be in PostgreSQL text at all (a NUL cannot): if not, nothing has it. */
export function storable(value: string): boolean {
  return !value.includes('\u0000');
}
