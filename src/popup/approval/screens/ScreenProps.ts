import type { ApprovalInput, ApprovalKind, ApprovalView } from '../../../extension-protocol/internal.ts';

/** What every prompt screen gets: its request, and the way to answer it in its own kind (null = Reject). */
export interface ScreenProps<K extends ApprovalKind> {
  view: ApprovalView<K>;
  decide(input: ApprovalInput<K> | null): Promise<void>;
  /** An answer is on its way to the background. */
  busy: boolean;
}
