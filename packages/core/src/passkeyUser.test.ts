import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPasskeyUserHandleOf, passkeyUserHandle } from './passkeyUser.ts';

const A = 'https://app.example';
const B = 'https://evil.example';
const ACCOUNT = 'InternalAccount:019542f5-b3e7-1d02-0000-000000000002';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

describe('passkeyUserHandle', () => {
  it('is SHA-256 of the labelled origin, then of the labelled origin and account: 64 bytes (checked with node:crypto)', async () => {
    const handle = await passkeyUserHandle(A, ACCOUNT);
    const expected = Buffer.concat([sha256(`grid-wallet passkey site\0${A}`), sha256(`grid-wallet passkey account\0${A}\0${ACCOUNT}`)]);
    expect(Buffer.from(handle).equals(expected)).toBe(true);
    expect(handle.length).toBe(64);
  });

  it('differs per site and per account, and is the same every time', async () => {
    const handle = Buffer.from(await passkeyUserHandle(A, ACCOUNT)).toString('hex');
    expect(Buffer.from(await passkeyUserHandle(A, ACCOUNT)).toString('hex')).toBe(handle);
    expect(Buffer.from(await passkeyUserHandle(B, ACCOUNT)).toString('hex')).not.toBe(handle);
    const otherAccount = Buffer.from(await passkeyUserHandle(A, `${ACCOUNT}3`)).toString('hex');
    expect(otherAccount).not.toBe(handle);
    expect(otherAccount.slice(0, 64)).toBe(handle.slice(0, 64));
  });
});

describe('isPasskeyUserHandleOf', () => {
  it("accepts the site's own handles, for any of its accounts", async () => {
    expect(await isPasskeyUserHandleOf(await passkeyUserHandle(A, ACCOUNT), A)).toBe(true);
    expect(await isPasskeyUserHandleOf(await passkeyUserHandle(A, 'InternalAccount:other'), A)).toBe(true);
  });

  it("refuses another site's handle, a missing one, a page-chosen one and a truncated or padded one", async () => {
    const own = await passkeyUserHandle(A, ACCOUNT);
    expect(await isPasskeyUserHandleOf(await passkeyUserHandle(B, ACCOUNT), A)).toBe(false);
    expect(await isPasskeyUserHandleOf(undefined, A)).toBe(false);
    expect(await isPasskeyUserHandleOf(new Uint8Array(0), A)).toBe(false);
    expect(await isPasskeyUserHandleOf(new TextEncoder().encode('user_7f3a'), A)).toBe(false);
    expect(await isPasskeyUserHandleOf(own.subarray(0, 32), A)).toBe(false);
    expect(await isPasskeyUserHandleOf(new Uint8Array([...own, 0]), A)).toBe(false);
  });

  it('compares whole origins: scheme, host and port all count', async () => {
    for (const near of ['http://app.example', 'https://app.example:8443', 'https://app.example.evil', 'https://APP.example']) {
      expect(await isPasskeyUserHandleOf(await passkeyUserHandle(near, ACCOUNT), A), near).toBe(false);
    }
  });
});
