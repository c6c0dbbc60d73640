import { describe, expect, it } from 'vitest';
import { bytesToHex } from './hex.ts';
import { compressPublicKey, heldKeyTest, publicKeyFromScalar, randomScalar } from './p256.ts';
import { readPayload } from './payload.ts';
import { GRANT_MINUTES, isGrantMinutes, offersGrant } from './signingDecision.ts';
import { decideSigning, namedPublicKeys, type SigningContext } from './signingPolicy.ts';

const key = (compressed = true) => bytesToHex(publicKeyFromScalar(randomScalar(), compressed));
const OURS = key(false); // a client key, as the store keeps it (uncompressed)
const SESSION_KEY = key();
const THEIRS = key();
const SESSION: SigningContext = { signer: { kind: 'session', id: 'Session:1' }, holds: heldKeyTest([OURS, SESSION_KEY]) };
const CLIENT_KEY: SigningContext = { signer: { kind: 'client-key', id: 'ck_1' }, holds: heldKeyTest([OURS]) };

const activity = (type: string, parameters: Record<string, unknown> = {}) =>
  JSON.stringify({ organizationId: 'org_1', parameters, timestampMs: '1', type });
const decide = (payloadToSign: string, context = SESSION) => decideSigning(readPayload(payloadToSign), context);
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT = `${b64url({ alg: 'ES256', kid: 'turnkey' })}.${b64url({ sub: 'otp', iat: 1, exp: 2 })}.c2ln`;
const PAYMENT =
  '{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","timestampMs":"1746736509954","organizationId":"org_abc123","parameters":{"signWith":"wallet_abc123def456","unsignedTransaction":"ea69","type":"TRANSACTION_TYPE_ETHEREUM"},"generateAppProofs":true}';
const compressed = (hex: string) => bytesToHex(compressPublicKey(Buffer.from(hex, 'hex')));

const GRANTED_PAYMENT = { verdict: 'ask', unprompted: 'payments', offers: 'payments' };
const REFRESH = (targetPublicKey: string, extra: Record<string, unknown> = {}) =>
  activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', {
    apiKeyName: 'refresh',
    expirationSeconds: '900',
    targetPublicKey,
    userId: 'u',
    ...extra,
  });

describe('decideSigning: what a grant covers', () => {
  it("lets a payments grant cover a session's payment (which offers it) and a refresh to a key we hold (which does not)", () => {
    expect(decide(PAYMENT)).toEqual(GRANTED_PAYMENT);
    expect(offersGrant(decide(PAYMENT) as { verdict: 'ask' })).toBe('payments');
    // Our client key, named compressed (as a refresh does) though the store keeps it uncompressed; or the session's own key.
    for (const target of [compressed(OURS), OURS, SESSION_KEY, SESSION_KEY.toUpperCase()]) {
      expect(decide(REFRESH(target)), target).toEqual({ verdict: 'ask', unprompted: 'payments' });
    }
  });

  it("never covers a sign-out, whichever session it names: the id it would compare is the page's label", () => {
    for (const apiKeyIds of [['Session:1'], ['Session:2'], ['Session:1', 'Session:2']]) {
      expect(decide(activity('ACTIVITY_TYPE_DELETE_API_KEYS', { apiKeyIds, userId: 'u' })), String(apiKeyIds)).toEqual({ verdict: 'ask' });
    }
  });

  it('asks for everything else, without offering a grant', () => {
    for (const payload of [
      activity('ACTIVITY_TYPE_DELETE_API_KEYS', { apiKeyIds: ['Session:1'] }),
      activity('ACTIVITY_TYPE_SIGN_TRANSACTION_V3'), // a future version is not on the list
      activity('ACTIVITY_TYPE_SIGN_RAW_PAYLOAD_V2', { payload: '9f3b', signWith: 'sp1q' }),
      activity('ACTIVITY_TYPE_SET_PAYMENT_LIMIT_V2', { dailyLimit: '250' }),
      activity('ACTIVITY_TYPE_CREATE_API_KEYS', { apiKeys: [{ publicKey: OURS }] }), // ours, but no flow needs it
      JWT, // a session never signs the OTP token unprompted
    ]) {
      const decision = decide(payload);
      expect(decision.verdict, payload).toBe('ask');
      expect((decision as { unprompted?: string }).unprompted, payload).toBeUndefined();
      expect(offersGrant(decision as { verdict: 'ask' }), payload).toBeUndefined();
    }
  });

  it('recognises a grant-eligible kind only with exactly its known fields', () => {
    const decoys = [
      REFRESH(SESSION_KEY, { sessionPublicKey: OURS }), // every key ours, one field too many
      REFRESH(SESSION_KEY, { invalidateExisting: true }),
      activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', { target_public_key: SESSION_KEY, userId: 'u' }), // misspelt
      activity('ACTIVITY_TYPE_SIGN_TRANSACTION_V2', { signWith: 'w', unsignedTransaction: 'ea69', type: 'T', userEmail: 'm@evil.example' }),
      activity('ACTIVITY_TYPE_SIGN_TRANSACTION_V2', { signWith: 'w' }), // no transaction
    ];
    for (const payload of decoys) {
      const decision = decide(payload);
      expect(decision.verdict, payload).toBe('ask');
      expect((decision as { caution?: string }).caution, payload).toBeDefined();
      expect((decision as { unprompted?: string }).unprompted, payload).toBeUndefined();
    }
  });

  it('never lets a client key sign under a grant; its OTP allowance covers only a JWT', () => {
    expect(decide(PAYMENT, CLIENT_KEY)).toEqual({ verdict: 'ask' });
    expect(decide(JWT, CLIENT_KEY)).toEqual({ verdict: 'ask', unprompted: 'otp' });
    expect(decide(activity('ACTIVITY_TYPE_EXPORT_WALLET', { walletId: 'w' }), CLIENT_KEY)).toEqual({
      verdict: 'ask',
      caution: 'exports-wallet',
    });
    expect(decide('hello', CLIENT_KEY)).toEqual({ verdict: 'ask', caution: 'unreadable' });
    expect(decide(activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', { targetPublicKey: THEIRS }), CLIENT_KEY)).toEqual({
      verdict: 'refuse',
      reason: 'key_not_held',
    });
  });
});

describe('decideSigning: key-creating payloads', () => {
  it.each([
    ['a refresh to a key the page made', activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', { targetPublicKey: THEIRS })],
    ['a session without a target key', activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', { expirationSeconds: '900' })],
    ['a target that is not a key', activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', { targetPublicKey: 'zz' })],
    ['a target that is not a string', activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', { targetPublicKey: [SESSION_KEY] })],
    ['a target spelled as Go would still read it', activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', { TargetPublicKey: THEIRS })],
    ['a future session kind', activity('ACTIVITY_TYPE_CREATE_READ_ONLY_SESSION_V3', { targetPublicKey: THEIRS })],
    ['an API key', activity('ACTIVITY_TYPE_CREATE_API_KEYS', { apiKeys: [{ apiKeyName: 'x', publicKey: THEIRS }], userId: 'u' })],
    ['an API key among ours', activity('ACTIVITY_TYPE_CREATE_API_KEYS_V2', { apiKeys: [{ publicKey: OURS }, { publicKey: THEIRS }] })],
    ['API keys with no key named', activity('ACTIVITY_TYPE_CREATE_API_KEYS', { apiKeys: [] })],
    ['a stamp login to a key the page made', activity('ACTIVITY_TYPE_STAMP_LOGIN', { publicKey: THEIRS, expirationSeconds: '900' })],
    ['an OTP login to a key the page made', activity('ACTIVITY_TYPE_OTP_LOGIN', { publicKey: THEIRS, verificationToken: 'jwt' })],
    ['an OAuth login to a key the page made', activity('ACTIVITY_TYPE_OAUTH_LOGIN', { publicKey: THEIRS, oidcToken: 'jwt' })],
    ['an email auth to a key the page made', activity('ACTIVITY_TYPE_EMAIL_AUTH_V2', { email: 'a@b.c', targetPublicKey: THEIRS })],
    ['an OAuth to a key the page made', activity('ACTIVITY_TYPE_OAUTH', { oidcToken: 'jwt', targetPublicKey: THEIRS })],
    ['an OTP auth to a key the page made', activity('ACTIVITY_TYPE_OTP_AUTH', { otpId: 'o', otpCode: '1', targetPublicKey: THEIRS })],
    ['an OAuth naming no key', activity('ACTIVITY_TYPE_OAUTH', { oidcToken: 'jwt' })],
    ['an activity of any name naming a key the page made', activity('ACTIVITY_TYPE_GRANT_ACCESS', { grantee: { publicKey: THEIRS } })],
    [
      'a refresh naming the key in proto spelling',
      REFRESH(SESSION_KEY, { target_public_key: THEIRS }).replace('"targetPublicKey"', '"sessionPublicKey"'),
    ],
    ['a key named in upper case', activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', { TARGET_PUBLIC_KEY: THEIRS })],
  ])('refuses %s', (_, payload) => {
    expect(decide(payload)).toEqual({ verdict: 'refuse', reason: 'key_not_held' });
  });

  it('asks with a critical warning, never granted, for a user with a key we do not hold (a delegated key)', () => {
    const delegated = activity('ACTIVITY_TYPE_CREATE_USERS_V3', { users: [{ apiKeys: [{ publicKey: THEIRS }], userName: 'card key' }] });
    expect(decide(delegated)).toEqual({ verdict: 'ask', caution: 'gives-key-away' });
    expect(decide(activity('ACTIVITY_TYPE_CREATE_USERS_V3', { users: [{ apiKeys: [{ publicKey: SESSION_KEY }] }] }))).toEqual({
      verdict: 'ask',
      caution: 'unfamiliar',
    });
  });

  it('asks with a critical warning, never granted, for a signing policy that lets another key sign for the wallet', () => {
    const policy = activity('ACTIVITY_TYPE_CREATE_POLICIES', {
      policies: [{ policyName: 'card', effect: 'EFFECT_ALLOW', condition: 'true' }],
    });
    expect(decide(policy)).toEqual({ verdict: 'ask', caution: 'delegates-signing' });
  });

  it('finds keys at any depth, by field name however spelled', () => {
    expect(
      namedPublicKeys(
        readPayload(
          activity('ACTIVITY_TYPE_X', { a: [{ b: { client_public_key: 'k1' } }], TargetPublicKey: 'k2', publicKeyHex: 'k3', other: 'k4' }),
        ),
      ),
    ).toEqual(['k1', 'k2', 'k3']);
    expect(namedPublicKeys(readPayload(JWT))).toEqual([]);
  });
});

describe('decideSigning: always asks, with a red warning', () => {
  it.each([
    ['ACTIVITY_TYPE_CREATE_AUTHENTICATORS_V2', { authenticators: [] }, 'adds-credential'],
    ['ACTIVITY_TYPE_CREATE_AUTHENTICATORS', {}, 'adds-credential'],
    ['ACTIVITY_TYPE_CREATE_OAUTH_PROVIDERS', { oauthProviders: [] }, 'adds-credential'],
    ['ACTIVITY_TYPE_DELETE_AUTHENTICATORS', { authenticatorIds: ['a'] }, 'removes-credential'],
    ['ACTIVITY_TYPE_DELETE_AUTHENTICATORS_V2', { authenticatorIds: ['a'] }, 'removes-credential'],
    ['ACTIVITY_TYPE_DELETE_OAUTH_PROVIDERS', { providerIds: ['p'] }, 'removes-credential'],
    ['ACTIVITY_TYPE_DELETE_USERS', { userIds: ['u'] }, 'removes-credential'],
    ['ACTIVITY_TYPE_UPDATE_USER_EMAIL', { userEmail: 'mallory@evil.example' }, 'changes-contact'],
    ['ACTIVITY_TYPE_UPDATE_USER_PHONE_NUMBER', { userPhoneNumber: '+15550100' }, 'changes-contact'],
    ['ACTIVITY_TYPE_UPDATE_USER_EMAIL', { userEmail: '' }, 'removes-credential'],
    ['ACTIVITY_TYPE_UPDATE_USER_EMAIL', { userId: 'u' }, 'removes-credential'], // field missing
    ['ACTIVITY_TYPE_UPDATE_USER_PHONE_NUMBER', { userPhoneNumber: null }, 'removes-credential'],
    ['ACTIVITY_TYPE_EXPORT_WALLET', { walletId: 'w', targetPublicKey: THEIRS }, 'exports-wallet'],
    ['ACTIVITY_TYPE_EXPORT_PRIVATE_KEY', {}, 'exports-wallet'],
    ['ACTIVITY_TYPE_EXPORT_WALLET_ACCOUNT', {}, 'exports-wallet'],
    // Outside the allow-list, whatever the name: the warning says why when it can.
    ['ACTIVITY_TYPE_UPDATE_USER', { userEmail: 'mallory@evil.example', userId: 'u' }, 'changes-contact'],
    ['ACTIVITY_TYPE_CREATE_USERS_V3', { users: [{ authenticators: [{ attestation: {} }], userName: 'x' }] }, 'adds-credential'],
    ['ACTIVITY_TYPE_CREATE_USERS_V3', { users: [{ oauthProviders: [{ oidcToken: 'a.b.c' }], userName: 'x' }] }, 'adds-credential'],
    ['ACTIVITY_TYPE_CREATE_POLICY_V3', { policyName: 'p', effect: 'EFFECT_ALLOW', condition: 'true' }, 'delegates-signing'],
    ['ACTIVITY_TYPE_SIGN_RAW_PAYLOAD_V2', { payload: '9f3b', signWith: 'w', encoding: 'E', hashFunction: 'H' }, 'signs-raw-data'],
    ['ACTIVITY_TYPE_UPDATE_ROOT_QUORUM', { threshold: 1, userIds: ['u'] }, 'unfamiliar'],
    ['ACTIVITY_TYPE_SOMETHING_NEW_V9', {}, 'unfamiliar'],
    ['ACTIVITY_TYPE_SIGN_TRANSACTION_V2', { signWith: 'w', unsignedTransaction: 'ea69', type: 'T', extra: 1 }, 'unfamiliar'],
  ] as const)('%s %j: %s', (type, parameters, caution) => {
    const decision = decide(activity(type, parameters));
    expect(decision).toEqual({ verdict: 'ask', caution });
    expect(offersGrant(decision as { verdict: 'ask' })).toBeUndefined();
  });

  it('asks about an unreadable payload, says so, never grants it', () => {
    for (const payload of [
      'hello',
      '{"Type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2"}',
      `${PAYMENT}${PAYMENT}`,
      '{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2"}',
    ]) {
      expect(decide(payload), payload).toEqual({ verdict: 'ask', caution: 'unreadable' });
    }
  });
});

describe('grant lengths', () => {
  it('are 15 minutes and 1 hour, nothing else', () => {
    expect(GRANT_MINUTES).toEqual([15, 60]);
    for (const value of [15, 60]) expect(isGrantMinutes(value)).toBe(true);
    for (const value of [0, 30, 61, 1440, '15', undefined, null]) expect(isGrantMinutes(value)).toBe(false);
  });
});
