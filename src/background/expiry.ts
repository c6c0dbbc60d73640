import type { Alarms } from 'webextension-polyfill';
import type { BackgroundContext } from './context.ts';
import { sessionsChanged } from './methods/sessions.ts';

/** Name of the one alarm that wakes the worker at the next `expiresAt`. */
export const EXPIRY_ALARM = 'expiry';

/**
 * Expiry (docs/architecture.md §4): every read checks `expiresAt`; this sweep deletes what has
 * expired (sessions, client keys, unanswered prompts) at start-up and whenever
 * the alarm fires, and tells connected pages their session list changed.
 */
export async function sweepExpired(ctx: BackgroundContext): Promise<void> {
  const [origins] = await Promise.all([ctx.sessions.sweep(), ctx.clientKeys.sweep(), ctx.approvals.expire()]);
  await Promise.all([...origins].map((origin) => sessionsChanged(ctx, origin)));
}

/** The soonest deadline among sessions, client keys and prompts, if any. */
export async function nextDeadline(ctx: BackgroundContext): Promise<number | undefined> {
  const deadlines = (await Promise.all([ctx.sessions.nextExpiry(), ctx.clientKeys.nextExpiry(), ctx.approvals.nextExpiry()])).filter(
    (d): d is number => d !== undefined,
  );
  return deadlines.length ? Math.min(...deadlines) : undefined;
}

/**
 * Arms the alarm for the next deadline. Alarms survive the worker stopping; a
 * timer covers deadlines closer than the browser's minimum alarm delay while
 * the worker is awake.
 */
export function createExpiryScheduler(ctx: () => BackgroundContext, alarms: Pick<Alarms.Static, 'create' | 'clear'>) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return async function scheduleExpiry(): Promise<void> {
    const deadline = await nextDeadline(ctx());
    clearTimeout(timer);
    if (deadline === undefined) {
      await alarms.clear(EXPIRY_ALARM);
      return;
    }
    await alarms.create(EXPIRY_ALARM, { when: Math.max(deadline, Date.now() + 1000) });
    const delay = deadline - Date.now();
    if (delay < 60_000) timer = setTimeout(() => void sweepExpired(ctx()).then(scheduleExpiry), Math.max(delay, 0) + 5);
  };
}
