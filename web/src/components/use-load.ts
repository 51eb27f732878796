import { useEffect, useRef, useState } from 'react';

/** How a load goes on: after a pause in changes, or again and again while something runs. */
export interface LoadOptions<T> {
  /** Wait this long (ms) after the dependencies last changed before loading: what is typed into a form is asked once typing pauses. */
  delay?: number;
  /** After a load, how long (ms) until the next one, or undefined for none: a job followed until it ends. */
  again?: (value: T) => number | undefined;
}

export interface Loaded<T> {
  /** The latest value loaded, kept while the next one loads so that a page does not blank out. */
  value: T | undefined;
  /** Why the load for the current dependencies failed. */
  error: string | null;
  /** True until the value is the one for the current dependencies. */
  loading: boolean;
  /** Load again with the same dependencies (after a change the page made itself). */
  reload: () => void;
}

/**
 * The console's one way of reading the API: load when `deps` change (compared by value, as JSON,
 * so a query object built afresh on each render loads nothing new), drop answers that arrive
 * after their dependencies changed, and keep the last value while loading. Its dependencies are
 * checked like useEffect's (eslint.config.js names it to react-hooks/exhaustive-deps).
 *
 * @example const { value: alert, error } = useLoad(() => api.alert(id), [id]);
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[], options: LoadOptions<T> = {}): Loaded<T> {
  const [round, setRound] = useState(0);
  const key = `${JSON.stringify(deps)}#${round}`;
  const [settled, setSettled] = useState<{ key: string; value?: T; error: string | null } | null>(null);
  // The effect below runs per key, not per render: it reads the latest function and options from here.
  const latest = useRef({ load, options });
  useEffect(() => {
    latest.current = { load, options };
  });
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      latest.current.load().then(
        (value) => {
          if (!live) return;
          setSettled({ key, value, error: null });
          const wait = latest.current.options.again?.(value);
          if (wait !== undefined) timer = setTimeout(() => setRound((n) => n + 1), wait);
        },
        (error: unknown) => {
          if (live) setSettled((last) => ({ key, value: last?.value, error: error instanceof Error ? error.message : String(error) }));
        },
      );
    };
    const delay = latest.current.options.delay;
    if (delay) timer = setTimeout(run, delay);
    else run();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return { value: settled?.value, error: settled?.key === key ? settled.error : null, loading: settled?.key !== key, reload: () => setRound((n) => n + 1) };
}
