/**
 * The first page request a worker receives, for start-up housekeeping (the expiry sweep, the badge) to wait for: on a
 * cold start it is the request that woke the worker, and the sweep's read-write transactions would otherwise queue
 * ahead of its reads of the same stores. Browsers deliver it when they choose, often after the database has opened,
 * so its answer is waited for, not whatever is in flight at some moment.
 */
export class FirstPageRequest {
  private settle!: () => void;
  /** Resolves once the first tracked request has settled, answered or failed. */
  readonly answered = new Promise<void>((resolve) => {
    this.settle = resolve;
  });

  /** `request`, passed through; the first one settles `answered`, later ones do nothing. */
  track<T>(request: Promise<T>): Promise<T> {
    request.then(this.settle, this.settle);
    return request;
  }
}
