import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionInFlight, SHOW_BUSY_AFTER_MS } from './decisionInFlight.ts';

/** The window's renders, in order: `busy true|false` and `queue read`. */
function rig() {
  const renders: string[] = [];
  const decision = new DecisionInFlight(
    (busy) => renders.push(`busy ${busy}`),
    () => renders.push('queue read'),
  );
  return { decision, renders };
}

describe('DecisionInFlight (the approval window renders nothing while its decision is on the way)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds the queue change the decision caused until the background has answered, then reads the queue once', () => {
    const { decision, renders } = rig();
    expect(decision.start()).toBe(true);
    decision.queueChanged();
    decision.queueChanged();
    expect(renders).toEqual([]);
    decision.settled();
    expect(renders).toEqual(['busy false', 'queue read']);
  });

  it('shows the busy state only for a decision slower than SHOW_BUSY_AFTER_MS', () => {
    const { decision, renders } = rig();
    decision.start();
    vi.advanceTimersByTime(SHOW_BUSY_AFTER_MS - 1);
    decision.settled();
    vi.advanceTimersByTime(SHOW_BUSY_AFTER_MS);
    expect(renders).toEqual(['busy false']);
    decision.start();
    vi.advanceTimersByTime(SHOW_BUSY_AFTER_MS);
    expect(renders).toEqual(['busy false', 'busy true']);
  });

  it('refuses a second decision while one is under way, and takes the next once it has settled', () => {
    const { decision } = rig();
    expect(decision.start()).toBe(true);
    expect(decision.start()).toBe(false);
    decision.settled();
    expect(decision.start()).toBe(true);
  });

  it('reads the queue at once when no decision is under way', () => {
    const { decision, renders } = rig();
    decision.queueChanged();
    expect(renders).toEqual(['queue read']);
  });
});
