/**
 * Where the page that asked is waiting for its answer: shared by the page channel
 * (which delivers to it) and the approval queue (which keeps it with each prompt).
 */
export interface PageAddress {
  tabId: number;
  /** The content-script instance (one per document), so a reloaded page never receives an old answer. */
  bridgeId: string;
  pageRequestId: string;
}
