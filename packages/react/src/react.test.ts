// @vitest-environment happy-dom
/**
 * The provider and hooks rendered with react-dom into happy-dom (React needs a DOM
 * to render into), against a fake extension on `window.gridWallet` and a scripted
 * relay: connection state, sessions and their events, sign-in and payment.
 */
import { GridSdkError, type GridTransport, GridWalletError, type Quote, type SessionInfo } from '@grid-wallet/sdk';
import { act, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GridWalletProvider, usePayQuote, useGridWallet, useSignInWithOtp } from './index.ts';

// Tells React that this is a test wrapping updates in act(), so it flushes them there.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SESSION: SessionInfo = {
  sessionId: 'Session:1',
  accountId: 'InternalAccount:1',
  credentialId: 'AuthMethod:1',
  type: 'EMAIL_OTP',
  nickname: 'ada@example.com',
  publicKey: `02${'ab'.repeat(32)}`,
  expiresAt: '2030-01-01T00:00:00Z',
} as SessionInfo;

/** A promise the test settles when it chooses: a prompt the customer has not answered yet. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

type Answer = (params: any) => unknown;

/** The extension's provider as the page sees it: its answers per method, its event listeners, what it was asked. */
function fakeExtension(answers: Record<string, Answer> = {}) {
  const listeners = new Map<string, Set<(data: any) => void>>();
  const calls: string[] = [];
  const provider = {
    isGridWallet: true,
    version: 'test',
    async request({ method, params }: { method: string; params?: unknown }) {
      calls.push(method);
      const answer = answers[method];
      if (!answer) throw { code: 4200, message: `unexpected ${method}` };
      return answer(params);
    },
    on: (event: string, listener: (data: any) => void) => void listeners.set(event, (listeners.get(event) ?? new Set()).add(listener)),
    removeListener: (event: string, listener: (data: any) => void) => void listeners.get(event)?.delete(listener),
  };
  const emit = (event: string, data: unknown) =>
    act(() => {
      for (const listener of listeners.get(event) ?? []) listener(data);
    });
  const listening = () => [...listeners.values()].reduce((count, set) => count + set.size, 0);
  return { provider, calls, emit, listening };
}

/** Answers each Grid request by its method and path; records what was sent. */
function relay(answers: Record<string, unknown>) {
  const sent: string[] = [];
  const transport: GridTransport = async ({ method, path }) => {
    sent.push(`${method} ${path}`);
    if (!(`${method} ${path}` in answers)) throw new Error(`unexpected ${method} ${path}`);
    return { status: 200, body: answers[`${method} ${path}`] };
  };
  return { transport, sent };
}

const NO_RELAY = relay({}).transport;

/** Runs `call` in act() and returns what it rejected with (undefined when it resolved). */
async function failure(call: () => Promise<unknown>): Promise<unknown> {
  let thrown: unknown;
  await act(() =>
    call().catch((error: unknown) => {
      thrown = error;
    }),
  );
  return thrown;
}

/** Starts `call` in act() and returns its promise unsettled, so the test sees the state while it waits. */
function start<T>(call: () => Promise<T>): Promise<T> {
  let running!: Promise<T>;
  act(() => {
    running = call();
  });
  return running;
}

/** Renders what a hook returns, for the test to read. */
function Probe<T>({ read, report }: { read: () => T; report: (value: T) => void }): ReactNode {
  report(read());
  return null;
}

function Outside(): ReactNode {
  useGridWallet();
  return null;
}

let root: Root | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await act(async () => root?.unmount());
  root = undefined;
  delete (globalThis as { gridWallet?: unknown }).gridWallet;
});

/**
 * Renders `probe` inside a provider and returns the latest value it read, after the
 * provider's detection settled. `extension` goes on `window.gridWallet`, where the SDK finds it.
 */
async function render<T>(
  probe: () => T,
  options: { extension?: ReturnType<typeof fakeExtension>; transport?: GridTransport; detectTimeoutMs?: number },
): Promise<{ current: () => T }> {
  if (options.extension) (globalThis as { gridWallet?: unknown }).gridWallet = options.extension.provider;
  let latest: T | undefined;
  const report = (value: T) => {
    latest = value;
  };
  root = createRoot(document.createElement('div'));
  const tree = createElement(
    GridWalletProvider,
    {
      transport: options.transport ?? NO_RELAY,
      ...(options.detectTimeoutMs !== undefined && { detectTimeoutMs: options.detectTimeoutMs }),
    },
    createElement(Probe<T>, { read: probe, report }),
  );
  await act(async () => root!.render(tree));
  return { current: () => latest! };
}

const connectedExtension = (answers: Record<string, Answer> = {}) =>
  fakeExtension({ wallet_status: () => ({ connected: true, version: 'test', sessions: [SESSION] }), ...answers });

describe('GridWalletProvider and useGridWallet', () => {
  it('finds the extension and reads this site’s connection and sessions', async () => {
    const wallet = await render(useGridWallet, { extension: connectedExtension() });
    expect(wallet.current()).toMatchObject({ state: 'connected', sessions: [SESSION] });
    expect(wallet.current().wallet).not.toBeNull();
  });

  it('is detecting until detectTimeoutMs passed without the extension, then unavailable, and connect() says why', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const wallet = await render(useGridWallet, { detectTimeoutMs: 500 });
    expect(wallet.current()).toMatchObject({ state: 'detecting', wallet: null });
    await act(async () => vi.advanceTimersByTime(500));
    expect(wallet.current().state).toBe('unavailable');
    const refused = await failure(() => wallet.current().connect());
    expect(refused).toBeInstanceOf(GridSdkError);
    expect(refused).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('not available') });
  });

  it('is connecting while the customer is asked, then connected with the sessions read again', async () => {
    const prompt = deferred<null>();
    let connected = false;
    const extension = fakeExtension({
      wallet_status: () => ({ connected, version: 'test', ...(connected && { sessions: [SESSION] }) }),
      wallet_connect: async () => {
        await prompt.promise;
        connected = true;
        return null;
      },
    });
    const wallet = await render(useGridWallet, { extension });
    expect(wallet.current()).toMatchObject({ state: 'disconnected', sessions: [] });

    const connecting = start(() => wallet.current().connect());
    expect(wallet.current().state).toBe('connecting');
    await act(async () => {
      prompt.resolve(null);
      await connecting;
    });
    expect(wallet.current()).toMatchObject({ state: 'connected', sessions: [SESSION] });
  });

  it('goes back to disconnected when the customer declines, and connect() rejects with the extension’s 4001', async () => {
    const extension = fakeExtension({
      wallet_status: () => ({ connected: false, version: 'test' }),
      wallet_connect: () => Promise.reject({ code: 4001, message: 'User rejected the request' }),
    });
    const wallet = await render(useGridWallet, { extension });
    const declined = await failure(() => wallet.current().connect());
    expect(declined).toBeInstanceOf(GridWalletError);
    expect(declined).toMatchObject({ code: 4001 });
    expect(wallet.current().state).toBe('disconnected');
  });

  it('follows the extension’s sessionsChanged and disconnected events, and stops listening when unmounted', async () => {
    const extension = connectedExtension();
    const wallet = await render(useGridWallet, { extension });
    const second = { ...SESSION, sessionId: 'Session:2' };
    extension.emit('sessionsChanged', { sessions: [SESSION, second] });
    expect(wallet.current().sessions).toEqual([SESSION, second]);
    extension.emit('disconnected', {});
    expect(wallet.current()).toMatchObject({ state: 'disconnected', sessions: [] });
    expect(extension.listening()).toBe(2);
    await act(async () => root!.unmount());
    root = undefined;
    expect(extension.listening()).toBe(0);
  });

  it('disconnect() asks the extension to forget this site', async () => {
    const extension = connectedExtension({ wallet_disconnect: () => null });
    const wallet = await render(useGridWallet, { extension });
    await act(() => wallet.current().disconnect());
    expect(extension.calls).toContain('wallet_disconnect');
    expect(wallet.current()).toMatchObject({ state: 'disconnected', sessions: [] });
  });

  it('throws a GridSdkError outside a provider', () => {
    root = createRoot(document.createElement('div'));
    // React reports the render error to the console as well; this test wants only the throw.
    const error = console.error;
    console.error = () => undefined;
    try {
      expect(() => act(() => root!.render(createElement(Outside)))).toThrow(GridSdkError);
    } finally {
      console.error = error;
    }
  });
});

const CREDENTIAL = 'AuthMethod:1';
const CHALLENGE = `POST /auth/credentials/${encodeURIComponent(CREDENTIAL)}/challenge`;
const VERIFY = `POST /auth/credentials/${encodeURIComponent(CREDENTIAL)}/verify`;

/** A signed-in flow's Grid side: the challenge, then the verified session (no second signature asked). */
const signInRelay = () =>
  relay({
    [CHALLENGE]: { id: CREDENTIAL, accountId: SESSION.accountId, type: 'EMAIL_OTP', otpEncryptionTargetBundle: 'bundle' },
    [VERIFY]: { id: SESSION.sessionId, accountId: SESSION.accountId, type: 'EMAIL_OTP', nickname: 'ada', expiresAt: SESSION.expiresAt },
  });

const signInExtension = (code: Promise<unknown>) =>
  connectedExtension({
    grid_createClientKey: () => ({ clientKeyId: 'ck_1', publicKey: `02${'cd'.repeat(32)}` }),
    grid_collectOtp: () => code,
    grid_openSession: () => SESSION,
  });

describe('useSignInWithOtp', () => {
  it('is pending while the customer types the code, then holds the session the extension opened', async () => {
    const code = deferred<unknown>();
    const { transport, sent } = signInRelay();
    const signIn = await render(useSignInWithOtp, { extension: signInExtension(code.promise), transport });

    const running = start(() => signIn.current().run({ credentialId: CREDENTIAL, destination: 'ada@example.com' }));
    expect(signIn.current().pending).toBe(true);
    await act(async () => {
      code.resolve({ encryptedOtpBundle: 'sealed' });
      await running;
    });
    expect(signIn.current()).toMatchObject({ pending: false, result: SESSION, error: undefined });
    // Through the provider's transport: the relay saw the flow's calls.
    expect(sent).toEqual([CHALLENGE, VERIFY]);
  });

  it('keeps the customer’s refusal as its error (and rejects with it)', async () => {
    const { transport } = signInRelay();
    const refusal = Promise.reject({ code: 4001, message: 'User rejected the request' });
    refusal.catch(() => undefined);
    const signIn = await render(useSignInWithOtp, { extension: signInExtension(refusal), transport });
    const thrown = await failure(() => signIn.current().run({ credentialId: CREDENTIAL }));
    expect(thrown).toBeInstanceOf(GridWalletError);
    expect(signIn.current()).toMatchObject({ pending: false, result: undefined, error: thrown });
  });

  it('refuses to run before the site is connected', async () => {
    const extension = fakeExtension({ wallet_status: () => ({ connected: false, version: 'test' }) });
    const signIn = await render(useSignInWithOtp, { extension });
    const thrown = await failure(() => signIn.current().run({ credentialId: CREDENTIAL }));
    expect(thrown).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('connect') });
    expect(signIn.current().error).toBe(thrown);
    expect(extension.calls).not.toContain('grid_createClientKey');
  });
});

const PAYLOAD = '{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","parameters":{}}';
const QUOTE = {
  id: 'Quote:1',
  status: 'PENDING',
  expiresAt: '2030-01-01T00:00:00Z',
  source: { sourceType: 'ACCOUNT', accountId: SESSION.accountId },
  destination: { destinationType: 'UMA_ADDRESS', umaAddress: '$alice@uma.example' },
  sendingCurrency: { code: 'USD', name: 'US Dollar', symbol: '$', decimals: 2 },
  receivingCurrency: { code: 'USD', name: 'US Dollar', symbol: '$', decimals: 2 },
  totalSendingAmount: 1250,
  totalReceivingAmount: 1250,
  paymentInstructions: [{ accountOrWalletInfo: { accountType: 'EMBEDDED_WALLET', payloadToSign: PAYLOAD } }],
} as unknown as Quote;

describe('usePayQuote', () => {
  it('signs the quote with the session through the extension, executes through the relay and holds Grid’s answer', async () => {
    const signed = deferred<unknown>();
    const extension = connectedExtension({ grid_signPayload: () => signed.promise });
    const { transport, sent } = relay({ 'POST /quotes/Quote%3A1/execute': { ...QUOTE, status: 'COMPLETED' } });
    const pay = await render(usePayQuote, { extension, transport });

    const running = start(() => pay.current().run(QUOTE, { sessionId: SESSION.sessionId }));
    expect(pay.current().pending).toBe(true);
    await act(async () => {
      signed.resolve({ signature: 'stamp', publicKey: SESSION.publicKey });
      await running;
    });
    expect(pay.current()).toMatchObject({ pending: false, result: { ...QUOTE, status: 'COMPLETED' } });
    expect(sent).toEqual(['POST /quotes/Quote%3A1/execute']);
  });

  it('keeps a refused payment’s error, and a new run clears it', async () => {
    let answer: () => unknown = () => Promise.reject({ code: 4001, message: 'User rejected the request' });
    const extension = connectedExtension({ grid_signPayload: () => answer() });
    const { transport } = relay({ 'POST /quotes/Quote%3A1/execute': { ...QUOTE, status: 'COMPLETED' } });
    const pay = await render(usePayQuote, { extension, transport });
    await failure(() => pay.current().run(QUOTE, { sessionId: SESSION.sessionId }));
    expect(pay.current().error).toMatchObject({ code: 4001 });

    answer = () => ({ signature: 'stamp', publicKey: SESSION.publicKey });
    await act(() => pay.current().run(QUOTE, { sessionId: SESSION.sessionId }));
    expect(pay.current()).toMatchObject({ pending: false, error: undefined, result: { status: 'COMPLETED' } });
  });
});
