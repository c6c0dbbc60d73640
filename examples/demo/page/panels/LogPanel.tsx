import type { LogEntry } from '../useLog.ts';
import { Section } from '../ui.tsx';

const MARK: Record<LogEntry['kind'], string> = { start: '▶', ok: '✓', error: '✗', info: '·' };

/** The outcome of the last action (a live status line) and everything that happened, newest first. */
export function LogPanel({ status, entries }: { status: string; entries: LogEntry[] }) {
  return (
    <Section title="Log">
      <p role="status" class="status">
        {status}
      </p>
      <div role="log" aria-label="Activity log" class="log">
        <ol>
          {[...entries].reverse().map((entry) => (
            <li key={entry.id} class={`log__${entry.kind}`}>
              <time>{entry.at.toLocaleTimeString()}</time> {MARK[entry.kind]} {entry.text}
            </li>
          ))}
        </ol>
      </div>
    </Section>
  );
}
