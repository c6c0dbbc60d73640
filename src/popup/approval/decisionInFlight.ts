/** How long a decision may take before the window shows it is busy (most take tens of ms). */
export const SHOW_BUSY_AFTER_MS = 150;

/**
 * The approval window's one decision on its way to the background, and what the window
 * holds back meanwhile. In Firefox the window and the event page run on one thread, so
 * anything the window renders as the customer answers (the busy state; the queue's
 * storage event as the decision removes the prompt) runs ahead of the event page carrying
 * the decision out and answering the page. So the window renders nothing while a decision
 * is under way, unless it takes long enough for the customer to need to see it.
 */
export class DecisionInFlight {
  private underWay = false;
  private queueChangedMeanwhile = false;
  private busyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly showBusy: (busy: boolean) => void,
    private readonly refreshQueue: () => void,
  ) {}

  /** Starts a decision; false while one is under way, so a second press answers nothing. */
  start(): boolean {
    if (this.underWay) return false;
    this.underWay = true;
    this.busyTimer = setTimeout(() => this.showBusy(true), SHOW_BUSY_AFTER_MS);
    return true;
  }

  /** The queue changed: read now, or once the decision under way has settled. */
  queueChanged(): void {
    if (this.underWay) this.queueChangedMeanwhile = true;
    else this.refreshQueue();
  }

  /** The background answered the decision (or could not be reached). */
  settled(): void {
    this.underWay = false;
    clearTimeout(this.busyTimer);
    this.showBusy(false);
    if (!this.queueChangedMeanwhile) return;
    this.queueChangedMeanwhile = false;
    this.refreshQueue();
  }
}
