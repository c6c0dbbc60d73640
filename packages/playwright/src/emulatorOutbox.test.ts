import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '@grid-wallet/emulator';
import { newestCode } from './emulatorOutbox.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await createEmulator({ port: 0 });
});
afterAll(() => emulator.close());

async function sendCode(email: string): Promise<void> {
  const { credential } = await (
    await fetch(`${emulator.url}/_emulator/accounts`, { method: 'POST', body: JSON.stringify({ email }) })
  ).json();
  const challenge = await fetch(`${emulator.url}/grid/2025-10-13/auth/credentials/${encodeURIComponent(credential.id)}/challenge`, {
    method: 'POST',
    headers: { Authorization: `Basic ${btoa('emulator-token:emulator-secret')}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(challenge.status).toBe(200);
}

describe('newestCode', () => {
  it('waits for a code that is sent after it starts looking', async () => {
    const waiting = newestCode(emulator.url, 'late@example.com', { timeout: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the page's click reaching Grid a moment later
    await sendCode('late@example.com');
    expect(await waiting).toMatch(/^\d{6}$/);
  });

  it('names the emulator and the recipient when no code comes in time', async () => {
    await expect(newestCode(emulator.url, 'nobody@example.com', { timeout: 300 })).rejects.toThrow(
      `Waited 300 ms, but the emulator at ${emulator.url} sent no code to nobody@example.com.`,
    );
  });
});
