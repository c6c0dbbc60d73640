import { useCallback, useEffect, useState } from 'preact/hooks';
import { onBackgroundChange } from '../api.ts';

/**
 * Loads something from the background and loads it again whenever the
 * background says approvals changed. `null` until the first answer. `load`
 * must be stable (a module-level function): it is read once.
 */
export function useBackgroundData<T>(load: () => Promise<T>, fallback: T): { data: T | null; refresh: () => void } {
  const [data, setData] = useState<T | null>(null);
  const refresh = useCallback(() => void load().then(setData, () => setData(fallback)), []);
  useEffect(() => {
    refresh();
    return onBackgroundChange(refresh);
  }, [refresh]);
  return { data, refresh };
}
