import { describe, expect, it } from 'vitest';
import type { ApprovalView } from '../extension-protocol/internal.ts';
import {
  CEREMONY_TIMEOUT_MS,
  ceremonyRpId,
  creationOptions,
  requestOptions,
  serializeAssertion,
  serializeRegistration,
} from './webauthn.ts';

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const base = { id: 'a1', origin: 'https://app.example.com', createdAt: 0, expiresAt: 1 };

const createView: Extract<ApprovalView, { kind: 'passkey-create' }> = {
  ...base,
  kind: 'passkey-create',
  params: {
    accountId: 'InternalAccount:1',
    nickname: 'Laptop',
    challenge: b64(new Uint8Array([1, 2, 3])),
    user: { id: b64('user_1'), name: 'ada', displayName: 'Ada' },
  },
  userHandle: b64('handle chosen by the background'),
};
const getView: Extract<ApprovalView, { kind: 'passkey-get' }> = {
  ...base,
  kind: 'passkey-get',
  params: { credentialId: b64('cred'), challenge: 'ab12' },
};

describe('webauthn', () => {
  it("registers ES256 only, with user verification, a timeout, under the background's RP ID for the site", () => {
    const options = creationOptions(createView, 'example.com', [b64('old')], 'Grid Wallet Authenticator');
    expect(options.pubKeyCredParams).toEqual([{ type: 'public-key', alg: -7 }]);
    expect(options.authenticatorSelection).toEqual({ userVerification: 'required', residentKey: 'required', requireResidentKey: true });
    expect(options.timeout).toBe(CEREMONY_TIMEOUT_MS);
    expect(options.rp).toEqual({ id: 'example.com', name: 'Grid Wallet Authenticator' });
    expect([...(options.challenge as Uint8Array)]).toEqual([1, 2, 3]);
    // The user handle binds the passkey to its site: the background's, never the page's user.id.
    expect(Buffer.from(options.user.id as Uint8Array).toString()).toBe('handle chosen by the background');
    expect(options.user).toMatchObject({ name: 'ada', displayName: 'Ada' });
    expect(options.excludeCredentials!.map((c) => Buffer.from(c.id as Uint8Array).toString())).toEqual(['old']);
    expect(creationOptions({ ...createView, params: { ...createView.params, rp: { name: 'Acme' } } }, 'example.com', [], 'x').rp).toEqual({
      id: 'example.com',
      name: 'Acme',
    });
  });

  it("asserts with the UTF-8 bytes of Grid's hex challenge, for the one passkey asked for", () => {
    const options = requestOptions(getView, 'example.com');
    expect(Buffer.from(options.challenge as Uint8Array).toString()).toBe('ab12');
    expect(options.allowCredentials!.map((c) => Buffer.from(c.id as Uint8Array).toString())).toEqual(['cred']);
    expect(options.userVerification).toBe('required');
    expect(options.timeout).toBe(CEREMONY_TIMEOUT_MS);
    expect(options.rpId).toBe('example.com');
    // A passkey made under the extension's own origin keeps the browser's default.
    expect(requestOptions(getView, undefined)).not.toHaveProperty('rpId');
  });

  it("claims the site's registrable domain from the view's origin, the recorded RP ID, or none for an extension-origin passkey", async () => {
    expect(await ceremonyRpId(createView)).toBe('example.com');
    expect(await ceremonyRpId(getView)).toBe('example.com');
    expect(await ceremonyRpId({ ...getView, rpId: 'recorded.example' })).toBe('recorded.example');
    expect(await ceremonyRpId({ ...getView, extensionRpId: true })).toBeUndefined();
    await expect(ceremonyRpId({ ...createView, origin: 'http://127.0.0.1:8788' })).rejects.toMatchObject({ name: 'SecurityError' });
  });

  it("serialises results in Grid's field names, base64url", () => {
    const buffer = (text: string) => new TextEncoder().encode(text).buffer;
    const registration = serializeRegistration({
      rawId: buffer('id'),
      response: { clientDataJSON: buffer('cd'), attestationObject: buffer('ao'), getTransports: () => ['internal', 'hybrid'] },
    } as unknown as PublicKeyCredential);
    expect(registration).toEqual({
      credentialId: b64('id'),
      clientDataJson: b64('cd'),
      attestationObject: b64('ao'),
      transports: ['internal', 'hybrid'],
    });

    const assertion = {
      rawId: buffer('id'),
      response: { clientDataJSON: buffer('cd'), authenticatorData: buffer('ad'), signature: buffer('sg'), userHandle: null },
    };
    expect(serializeAssertion(assertion as unknown as PublicKeyCredential)).toEqual({
      credentialId: b64('id'),
      clientDataJson: b64('cd'),
      authenticatorData: b64('ad'),
      signature: b64('sg'),
    });
    assertion.response.userHandle = buffer('uh') as never;
    expect(serializeAssertion(assertion as unknown as PublicKeyCredential).userHandle).toBe(b64('uh'));
  });
});
