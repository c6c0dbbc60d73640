/**
 * Test-only: a fake extension and a scripted Grid transport, to check what the
 * SDK's flows send and in which order. Product code may not import this file
 * (biome.json, noRestrictedImports), and the SDK's build leaves it out.
 */
import { expect } from 'vitest';
import { requestViolations } from '../../emulator/src/contract/check.ts';
import type { GridWalletProvider, OtpResult } from '@grid-wallet/protocol';
import type { GridRequest, GridResponse } from './gridApi.ts';
import { GridWallet } from './GridWallet.ts';

/** Signs by echoing the payload; answers grid_collectOtp from `otpAnswers` in order. */
export function fakeWallet(...otpAnswers: OtpResult[]) {
  const calls: { method: string; params: any }[] = [];
  const provider = {
    isGridWallet: true,
    version: 'test',
    request: async ({ method, params }: { method: string; params?: unknown }) => {
      calls.push({ method, params });
      if (method === 'grid_signPayload') return { signature: `stamp-of(${(params as any).payloadToSign})`, publicKey: '02ab' };
      if (method === 'grid_collectOtp') {
        const answer = otpAnswers.shift();
        if (!answer) throw new Error('unexpected grid_collectOtp');
        return answer;
      }
      return null;
    },
    on: () => undefined,
    removeListener: () => undefined,
  } as unknown as GridWalletProvider;
  return { wallet: new GridWallet(provider), calls };
}

/** Answers each request with the next of `answers`; records what was sent. Every request must be one Grid's OpenAPI document describes. */
export function scriptedTransport(...answers: GridResponse[]) {
  const sent: GridRequest[] = [];
  const transport = async (request: GridRequest) => {
    expect(requestViolations(request), `${request.method} ${request.path}`).toEqual([]);
    sent.push(request);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected request ${request.method} ${request.path}`);
    return answer;
  };
  return { transport, sent };
}
