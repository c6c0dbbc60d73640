import { describe, expect, it } from 'vitest';
import { FirstPageRequest } from './firstPageRequest.ts';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** True if `promise` settles within the microtasks already queued (no timers). */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  for (let k = 0; k < 10; k++) await Promise.resolve();
  return settled;
}

describe('FirstPageRequest', () => {
  it('waits for a request that comes after it is asked for, and settles once it is answered', async () => {
    const first = new FirstPageRequest();
    expect(await hasSettled(first.answered)).toBe(false);
    const request = deferred();
    void first.track(request.promise);
    expect(await hasSettled(first.answered)).toBe(false);
    request.resolve();
    expect(await hasSettled(first.answered)).toBe(true);
  });

  it('settles when the first request fails, and does not wait for later ones', async () => {
    const first = new FirstPageRequest();
    const request = deferred();
    first.track(request.promise).catch(() => undefined);
    void first.track(new Promise(() => undefined)); // never answered
    request.reject(new Error('refused'));
    expect(await hasSettled(first.answered)).toBe(true);
  });
});
