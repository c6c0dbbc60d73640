import { useCallback, useState } from 'preact/hooks';
import { describeError } from './format.ts';

/** The status line and the activity log, and `run`, which every button goes through. */
export interface LogEntry {
  id: number;
  at: Date;
  kind: 'start' | 'ok' | 'error' | 'info';
  text: string;
}

const KEEP = 200;
let nextId = 1;

export function useLog() {
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [status, setStatus] = useState('Ready.');
  const [busy, setBusy] = useState<string | null>(null);

  const add = useCallback((kind: LogEntry['kind'], text: string) => {
    setEntries((list) => [...list.slice(1 - KEEP), { id: nextId++, at: new Date(), kind, text }]);
  }, []);

  /** Runs one user action: one at a time, logged, its outcome in the status line; never throws. */
  const run = useCallback(
    async (label: string, action: () => Promise<string>): Promise<void> => {
      setBusy(label);
      setStatus(`${label}…`);
      add('start', label);
      try {
        const outcome = await action();
        setStatus(outcome);
        add('ok', outcome);
      } catch (error) {
        const text = `${label} failed: ${describeError(error)}`;
        setStatus(text);
        add('error', text);
      } finally {
        setBusy(null);
      }
    },
    [add],
  );

  return { entries, status, busy, add, run };
}
