/**
 * The page requests the background is working on. Start-up housekeeping (the expiry sweep, the badge) waits for
 * the requests in flight when it is ready to run, which on a cold start are the ones that woke the worker: the
 * sweep's read-write transactions would otherwise queue ahead of the request's reads of the same stores.
 * Only the requests already in flight are waited for, so a page that keeps asking cannot hold the sweep off.
 */
export class RequestsInFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** `work`, tracked until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const untrack = () => this.pending.delete(work);
    work.then(untrack, untrack);
    return work;
  }

  /** Resolves once every request in flight now has settled (later ones are not waited for); never rejects. */
  settled(): Promise<void> {
    return Promise.allSettled([...this.pending]).then(() => undefined);
  }
}
