import { describe, expect, it } from 'vitest';
import { RequestsInFlight } from './requestsInFlight.ts';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('RequestsInFlight', () => {
  it('settles once the requests in flight have, answered or failed', async () => {
    const inFlight = new RequestsInFlight();
    const answered = deferred();
    const failed = deferred();
    void inFlight.track(answered.promise);
    inFlight.track(failed.promise).catch(() => undefined);
    let settled = false;
    void inFlight.settled().then(() => {
      settled = true;
    });
    answered.resolve();
    await answered.promise;
    await Promise.resolve();
    expect(settled).toBe(false);
    failed.reject(new Error('refused'));
    await inFlight.settled();
    expect(settled).toBe(true);
  });

  it('does not wait for requests that arrive later, so a busy page cannot hold it off', async () => {
    const inFlight = new RequestsInFlight();
    const first = deferred();
    void inFlight.track(first.promise);
    const settled = inFlight.settled();
    void inFlight.track(new Promise(() => undefined)); // never answered
    first.resolve();
    await expect(settled).resolves.toBeUndefined();
  });

  it('settles at once with nothing in flight', async () => {
    await expect(new RequestsInFlight().settled()).resolves.toBeUndefined();
  });
});
