import { useCallback, useState } from 'react';

/** Values kept for the browser tab's life, by key: what a page held when the analyst left it for another. */
const KEPT = new Map<string, unknown>();

/**
 * A page's state that outlives the page: the analyst opens a listed record from a shipment's
 * findings and comes back to the same form and answers. Kept in memory only (a reload forgets
 * it): answers may be large, and hold the customer's data.
 *
 * @example const [text, setText] = useKept('shipments.text', () => '');
 */
export function useKept<T>(key: string, initial: () => T): [T, (next: T | ((previous: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => (KEPT.has(key) ? (KEPT.get(key) as T) : initial()));
  const set = useCallback((next: T | ((previous: T) => T)) => setValue((previous) => {
    const value = typeof next === 'function' ? (next as (previous: T) => T)(previous) : next;
    KEPT.set(key, value);
    return value;
  }), [key]);
  return [value, set];
}
