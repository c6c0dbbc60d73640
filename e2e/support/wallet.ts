import type { Page } from '@playwright/test';
import { press } from '../../packages/playwright/src/index.ts';
import { type Extension, expect, walletCall, type WalletReply } from './extension.ts';
import { sealSessionKey } from '../../test-support/independent.ts';

/** Small steps the browser tests repeat: answer the approval window, connect, open sessions. */

export async function answerApproval(extension: Extension, button: 'Approve' | 'Reject'): Promise<void> {
  await press(await extension.approvalWindow(), button);
}

/** Calls a method that prompts, answers the prompt, and returns how the call settled. */
export async function callWithApproval(
  extension: Extension,
  page: Page,
  method: string,
  params?: unknown,
  button: 'Approve' | 'Reject' = 'Approve',
): Promise<WalletReply> {
  const reply = walletCall(page, method, params);
  try {
    await answerApproval(extension, button);
  } catch (error) {
    // No prompt: say how the call itself settled, if it did (e.g. refused before any window opened).
    const settled = await Promise.race([reply, Promise.resolve('not settled')]);
    throw new Error(
      `${(error as Error).message} ${method} ${settled === 'not settled' ? 'had not settled' : `settled: ${JSON.stringify(settled)}`}.`,
    );
  }
  return reply;
}

export async function connect(extension: Extension, page: Page): Promise<void> {
  const reply = await callWithApproval(extension, page, 'wallet_connect');
  expect(reply).toHaveProperty('result.origin', new URL(page.url()).origin);
}

export function expectError(reply: WalletReply, code: number): { code: number; message: string; data?: any } {
  expect(reply, JSON.stringify(reply)).toHaveProperty('error.code', code);
  return (reply as { error: { code: number; message: string; data?: any } }).error;
}

export function resultOf<T = any>(reply: WalletReply): T {
  expect(reply, JSON.stringify(reply)).toHaveProperty('result');
  return (reply as { result: T }).result;
}

export const ACCOUNT_ID = 'InternalAccount:019542f5-b3e7-1d02-0000-000000000002';

export function inMinutes(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}

/**
 * A legacy session, as a page opens one after Grid's login: a bundle an independent implementation sealed to the
 * client key (`grid`, with the session key's public half), opened through the extension, with `more` of its params.
 */
export async function openSealedSession(
  page: Page,
  clientKey: { clientKeyId: string; publicKey: string },
  more: { sessionId?: string; type?: string; nickname?: string } = {},
) {
  const grid = sealSessionKey(clientKey.publicKey);
  const session = resultOf(
    await walletCall(page, 'grid_openSession', {
      clientKeyId: clientKey.clientKeyId,
      accountId: ACCOUNT_ID,
      expiresAt: inMinutes(15),
      ...more,
      encryptedSessionSigningKey: grid.bundle,
    }),
  );
  return { grid, session };
}

/** A client key and a session on it (the key becomes the session key), as a page opens one. */
export async function openClientKeySession(page: Page, expiresAt: string) {
  const key = resultOf(await walletCall(page, 'grid_createClientKey'));
  return resultOf(await walletCall(page, 'grid_openSession', { clientKeyId: key.clientKeyId, accountId: ACCOUNT_ID, expiresAt }));
}
