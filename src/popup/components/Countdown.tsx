import { formatClock, formatDuration } from '../format.ts';
import { useNow } from '../hooks/useNow.ts';

interface Props {
  /** Epoch ms. */
  until: number;
  /** `clock` ("4:05") for a code about to expire, `words` ("14 min") for longer spans. */
  style?: 'clock' | 'words';
  /** Wraps the time left in words ("Expires in 4:05"). */
  running?(time: string): string;
  /** Shown once the time is up. */
  expired: string;
}

/** Time left until `until`, ticking. A `timer` role: screen readers read it on request, not every second. */
export function Countdown({ until, style = 'words', running = (time) => time, expired }: Props) {
  const left = until - useNow();
  const done = left <= 0;
  return (
    <span role="timer" class={`countdown${done ? ' countdown--done' : ''}`}>
      {done ? expired : running(style === 'clock' ? formatClock(left) : formatDuration(left))}
    </span>
  );
}
