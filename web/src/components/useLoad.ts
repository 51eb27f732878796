import { useCallback, useEffect, useState } from 'react';

/** Load something when `deps` change; gives the value, the error's message and a reload. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { value: T | undefined; error: string | null; loading: boolean; reload: () => void } {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setLoading(true);
    run().then((v) => { if (live) { setValue(v); setError(null); } }, (e: Error) => { if (live) setError(e.message); }).finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
  }, [run, round]);
  return { value, error, loading, reload: () => setRound((r) => r + 1) };
}
