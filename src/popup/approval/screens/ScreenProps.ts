import type { ApprovalInput, ApprovalKind, ApprovalView } from '../../../extension-protocol/internal.ts';

/** What every prompt screen gets: its request, and the way to answer it (null = Reject). */
export interface ScreenProps<K extends ApprovalKind> {
  view: Extract<ApprovalView, { kind: K }>;
  decide(input: ApprovalInput | null): Promise<void>;
  /** An answer is on its way to the background. */
  busy: boolean;
}
