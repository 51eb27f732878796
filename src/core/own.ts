/**
 * A table's own entry for a key a caller chose, never one of Object's (a search sorted by
 * "constructor" or a reconciliation typed "hasOwnProperty" names no entry).
 *
 * @example own({ a: 1 }, 'toString') // undefined
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
