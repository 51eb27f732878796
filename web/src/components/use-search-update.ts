import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** Changes the address's query: each key set to its value, or removed for an empty value or null; `replace` replaces the history's entry instead of adding one. */
export type SearchUpdate = (changes: Record<string, string | null>, replace: boolean) => void;

/**
 * The address's query and how to change it, for a page whose view and filters live in its address.
 *
 * @example const [params, update] = useSearchUpdate(); update({ view: 'rules' }, false);
 */
export function useSearchUpdate(): [URLSearchParams, SearchUpdate] {
  const [params, setParams] = useSearchParams();
  const update = useCallback<SearchUpdate>((changes, replace) => setParams((previous) => {
    const next = new URLSearchParams(previous);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    return next;
  }, { replace }), [setParams]);
  return [params, update];
}
