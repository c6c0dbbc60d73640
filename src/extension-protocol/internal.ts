import type { EnclaveSigner } from '@grid-wallet/core/enclaveSigners';
import type { AskDecision, GrantMinutes, GrantScope } from '@grid-wallet/core/signingDecision';
import type { ErrorPayload } from '@grid-wallet/protocol/errors';
import type { ParamsOf, SessionInfo } from '@grid-wallet/protocol';

/**
 * Messages between the extension's own pages (approval window, toolbar popup) and
 * the background. Pages on the web can never send these: the background accepts
 * them only from senders whose URL is inside the extension (see background/sender.ts).
 */

/** What the approval window shows about the key a signature request would use. */
export interface SignerView {
  kind: 'session' | 'client-key';
  id: string;
  publicKey: string;
  accountId?: string;
  credentialId?: string;
  type?: string;
  nickname?: string;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * Every approval kind, one entry each: the page method that asks (`method`: the prompt's
 * `params` are its validated params, and approving answers the page with its result), what
 * the window shows beyond those (`shows`), and what the window answers besides the kind
 * (`answer`). The background's table of prompting methods (background/methods/index.ts)
 * and the window's table of screens (popup/approval/ApprovalApp.tsx) are typed over these
 * keys, so a kind either one lacks, or completes with another kind's view, input or
 * result, does not compile.
 */
export interface ApprovalKinds {
  connect: { method: 'wallet_connect'; shows: unknown; answer: unknown };
  sign: {
    method: 'grid_signPayload';
    shows: {
      signer: SignerView;
      /** The signing policy's decision (core/signingPolicy.ts): the warning to show, whether a grant may be offered. */
      decision: AskDecision;
    };
    answer: { grantMinutes?: GrantMinutes };
  };
  otp: {
    method: 'grid_collectOtp';
    shows: {
      /** Whose enclave the code will be sealed to (the page never sees it), or null: the page gets the code. */
      sealedFor: EnclaveSigner | null;
      /** The page sent an unsigned bundle (Grid's sandbox) that the sandbox developer setting lets through: the page gets the code. */
      unsignedSandboxBundle: boolean;
    };
    answer: { code: string } | { resend: true };
  };
  'passkey-create': {
    method: 'grid_registerPasskey';
    shows: {
      /** The WebAuthn user.id, base64url: the extension's handle for this site and account (core/passkeyUser.ts). */
      userHandle: string;
    };
    answer: { credential: unknown /** The RP ID the ceremony claimed. */; rpId: string };
  };
  'passkey-get': {
    method: 'grid_getPasskeyAssertion';
    shows: {
      /** The RP ID this browser recorded for the passkey; absent: the window finds the site's (popup/passkeyRpId.ts). */
      rpId?: string;
      /** Made under the extension's own origin, before site RP IDs: the window claims no RP ID (the browser's default). */
      extensionRpId?: true;
      /** The passkey's record if this browser created it for this site. */
      known?: { accountId: string; nickname: string };
    };
    answer: { credential: unknown };
  };
  'wallet-export': { method: 'grid_showWalletExport'; shows: unknown; answer: unknown };
}

export type ApprovalKind = keyof ApprovalKinds;

/** The page method whose request a prompt of kind `K` is. */
export type ApprovalMethod<K extends ApprovalKind> = ApprovalKinds[K]['method'];

/** `params` are the validated params (timestamps as epoch ms). */
interface ApprovalBase<K extends ApprovalKind> {
  id: string;
  kind: K;
  origin: string;
  createdAt: number;
  expiresAt: number;
  params: ParamsOf<ApprovalMethod<K>>;
}

type ApprovalViews = { [K in ApprovalKind]: ApprovalBase<K> & ApprovalKinds[K]['shows'] };
type ApprovalInputs = { [K in ApprovalKind]: { kind: K } & ApprovalKinds[K]['answer'] };

/** A waiting request as the approval window shows it; without `K`, any kind's. */
export type ApprovalView<K extends ApprovalKind = ApprovalKind> = ApprovalViews[K];

/** What the user answered in the approval window to a prompt of kind `K`. */
export type ApprovalInput<K extends ApprovalKind = ApprovalKind> = ApprovalInputs[K];

export interface SiteView {
  origin: string;
  connectedAt: number;
  /** The site's unexpired grant: until when (epoch ms), and what it covers. */
  signingGrant?: { until: number; scope: GrantScope };
  sessions: SessionInfo[];
}

export interface ActivityView {
  at: number;
  origin: string;
  kind: string;
  title: string;
  consent?: string;
}

/** A passkey this browser created, as the approval window needs it (excludeCredentials). */
export interface PasskeyView {
  credentialId: string;
  accountId: string;
  nickname: string;
  createdAt: number;
}

/** The user's settings (toolbar popup). */
export interface Settings {
  /**
   * Trust bundles signed by the local Grid emulator's published test key (core/enclaveSigners.ts).
   * Development builds only: always false in store builds, which cannot turn it on.
   */
  trustLocalGridEmulator: boolean;
  /**
   * Developer setting for Grid's sandbox: an unsigned OTP target bundle is taken as the
   * plain-code flow (the site receives the code, and the prompt says so) instead of refused.
   */
  sandboxPlainCodes: boolean;
}

/** A site whose connect prompt the user turned down; wallet_connect answers 4001 without asking until `until`. */
export interface PausedSiteView {
  origin: string;
  until: number;
}

export interface DashboardView {
  sites: SiteView[];
  pausedSites: PausedSiteView[];
  activity: ActivityView[];
  pendingApprovals: number;
}

export interface InternalRequests {
  'approvals/list': { params: Record<string, never>; result: ApprovalView[] };
  'approvals/decide': {
    params: { approvalId: string; approved: true; input: ApprovalInput } | { approvalId: string; approved: false };
    result: { ok: true } | { ok: false; error: ErrorPayload };
  };
  'approvals/rejectAll': { params: Record<string, never>; result: null };
  /** "Reject all from this site". */
  'approvals/rejectOrigin': { params: { origin: string }; result: null };
  /** Opens or focuses the approval window when something waits (the toolbar popup's "Open"). */
  'approvals/show': { params: Record<string, never>; result: null };
  /** The passkeys this browser created for a site's account. */
  'passkeys/list': { params: { origin: string; accountId: string }; result: PasskeyView[] };
  'dashboard/get': { params: Record<string, never>; result: DashboardView };
  'sites/disconnect': { params: { origin: string }; result: null };
  /** Ends a paused site's connect back-off ("Allow again"). */
  'sites/allowConnect': { params: { origin: string }; result: null };
  'sessions/end': { params: { origin: string; sessionId: string }; result: null };
  'grants/revoke': { params: { origin: string }; result: null };
  'settings/get': { params: Record<string, never>; result: Settings };
  /** Changes the settings given; each must exist in this build. */
  'settings/set': { params: Partial<Settings>; result: Settings };
  /** The approval window's "Reveal": the recovery phrase of a waiting wallet export, once, to this window only. */
  'export/reveal': { params: { approvalId: string }; result: { mnemonic: string } };
}

export type InternalAction = keyof InternalRequests;

export interface InternalMessage<A extends InternalAction = InternalAction> {
  kind: 'internal';
  action: A;
  params: InternalRequests[A]['params'];
}

/**
 * The port an extension page may hold to the background (`runtime.connect`):
 * each call is then one message each way instead of a new channel, which is
 * what the approval window's decision waits on. `runtime.sendMessage` of an
 * InternalMessage reaches the same router.
 */
export const INTERNAL_PORT = 'grid-wallet/extension-page';

export interface InternalPortRequest {
  id: number;
  message: InternalMessage;
}

export interface InternalPortReply {
  id: number;
  reply: { result: unknown } | { error: unknown };
}

/**
 * Firefox runs its event page in the process of the extension's own windows. A page that
 * reaches it there (`extension.getBackgroundPage()`) posts its InternalPortRequest to that
 * window instead of the port: one task in the same process, where a port message goes
 * through the parent process and back (what most of Approve → page was in Firefox). The
 * background answers only messages the browser says come from the extension's own origin,
 * to the window that posted them. Chrome's service worker has no window: the port it is.
 */
export const SAME_PROCESS_REQUEST = 'grid-wallet/same-process-request';
export const SAME_PROCESS_REPLY = 'grid-wallet/same-process-reply';
/** Set on the event page's window once it listens: before that (its modules still loading) a page uses the port. */
export const SAME_PROCESS_LISTENING = 'gridWalletSameProcessListening';

export interface SameProcessListening {
  [SAME_PROCESS_LISTENING]?: true;
}

export interface SameProcessRequest extends InternalPortRequest {
  kind: typeof SAME_PROCESS_REQUEST;
}

export interface SameProcessReply extends InternalPortReply {
  kind: typeof SAME_PROCESS_REPLY;
}

/** Broadcast by the background to extension pages when approvals or the dashboard changed. */
export interface InternalNotice {
  kind: 'internal-changed';
}

/**
 * Sent to the approval window just before the background brings it back to the
 * front; it answers once it has disarmed, so it reappears disarmed (docs/security-model.md §3.12).
 */
export interface ApprovalWindowReturning {
  kind: 'approval-window-returning';
}
