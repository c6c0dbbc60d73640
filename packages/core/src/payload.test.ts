import { describe, expect, it } from 'vitest';
import { foldKey, readPayload } from './payload.ts';

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const PAYMENT =
  '{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","timestampMs":"1746736509954","organizationId":"org_abc123","parameters":{"signWith":"wallet_abc123def456","unsignedTransaction":"ea69","type":"TRANSACTION_TYPE_ETHEREUM"},"generateAppProofs":true}';

describe('readPayload', () => {
  it('reads a Turnkey activity body and keeps its parameters', () => {
    const body =
      '{"organizationId":"org_1","parameters":{"apiKeyIds":["k1"],"userId":"user_1"},"timestampMs":"1746736509954","type":"ACTIVITY_TYPE_DELETE_API_KEYS"}';
    expect(readPayload(body)).toEqual({
      kind: 'activity',
      activityType: 'ACTIVITY_TYPE_DELETE_API_KEYS',
      organizationId: 'org_1',
      timestampMs: 1746736509954,
      parameters: { apiKeyIds: ['k1'], userId: 'user_1' },
    });
  });

  it("reads Grid's payment body (keys in its order, a nested `type`, extra top-level fields)", () => {
    expect(readPayload(PAYMENT)).toMatchObject({
      kind: 'activity',
      activityType: 'ACTIVITY_TYPE_SIGN_TRANSACTION_V2',
      parameters: { type: 'TRANSACTION_TYPE_ETHEREUM' },
    });
  });

  it('reads an escaped key or value as JSON does, and the same key in different objects is no duplicate', () => {
    expect(readPayload('{"typ\\u0065":"ACTIVITY_TYPE_X","parameters":{"a":{"a":1},"b":[{"a":2},{"a":3}]}}')).toMatchObject({
      kind: 'activity',
      activityType: 'ACTIVITY_TYPE_X',
    });
    expect(readPayload('{"type":"ACTIVITY_TYPE_X","parameters":{"s":"{\\"a\\":1,\\"a\\":2}"}}')).toMatchObject({ kind: 'activity' });
  });

  it('reads a verification-token JWT', () => {
    const jwt = `${b64url({ alg: 'ES256', kid: 'turnkey' })}.${b64url({ sub: 'abc', iat: 1, exp: 2 })}.c2ln`;
    expect(readPayload(jwt)).toEqual({ kind: 'jwt', header: { alg: 'ES256', kid: 'turnkey' }, claims: { sub: 'abc', iat: 1, exp: 2 } });
  });

  it.each([
    ['plain text', 'hello'],
    ['an empty string', ''],
    ['JSON without an activity type', '{"type":"transfer"}'],
    ['an activity type of the wrong shape', '{"type":"ACTIVITY_TYPE_lower"}'],
    ['a lower-case type', '{"type":"activity_type_export_wallet"}'],
    ['"Type" instead of "type"', '{"Type":"ACTIVITY_TYPE_EXPORT_WALLET","parameters":{}}'],
    ['"type" and "Type"', '{"Type":"ACTIVITY_TYPE_EXPORT_WALLET","type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2"}'],
    ['a key that folds like another (long s)', '{"type":"ACTIVITY_TYPE_X","parameters":{"signWith":"a","\u017fignWith":"b"}}'],
    ['an array type', '{"type":["ACTIVITY_TYPE_EXPORT_WALLET"]}'],
    ['a number type', '{"type":1}'],
    ['a duplicate top-level key', '{"type":"ACTIVITY_TYPE_EXPORT_WALLET","type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2"}'],
    ['a duplicate key written with an escape', '{"type":"ACTIVITY_TYPE_EXPORT_WALLET","typ\\u0065":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2"}'],
    [
      'a duplicate nested key',
      '{"type":"ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2","parameters":{"targetPublicKey":"02aa","targetPublicKey":"03bb"}}',
    ],
    [
      'a key written twice, once with underscores (protobuf JSON reads both)',
      '{"type":"ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2","parameters":{"targetPublicKey":"02aa","target_public_key":"03bb"}}',
    ],
    ['"organization_id" beside the fields we read', '{"type":"ACTIVITY_TYPE_X","organization_id":"org_2","parameters":{}}'],
    ['a duplicate key deep in an array', '{"type":"ACTIVITY_TYPE_X","parameters":{"list":[{"k":1,"K":2}]}}'],
    ['trailing bytes after the JSON', `${PAYMENT}{"type":"ACTIVITY_TYPE_EXPORT_WALLET"}`],
    ['a trailing newline', `${PAYMENT}\n`],
    ['leading whitespace', ` ${PAYMENT}`],
    ['parameters that are not an object', '{"type":"ACTIVITY_TYPE_X","parameters":["a"]}'],
    [
      '"Parameters" instead of "parameters" (Go would read it, we would see none)',
      '{"type":"ACTIVITY_TYPE_CREATE_USERS_V3","Parameters":{"users":[{"apiKeys":[{"publicKey":"02aa"}]}]}}',
    ],
    ['a JSON array', '[{"type":"ACTIVITY_TYPE_X"}]'],
    ['broken JSON', '{"type":"ACTIVITY_TYPE_X"'],
    ['three dotted parts that are not JSON', 'a.b.c'],
    ['a JWT header without alg', `${b64url({ typ: 'JWT' })}.${b64url({})}.`],
    ['a JWT whose claims repeat a key', `${b64url({ alg: 'ES256' })}.${b64url('{"sub":"a","sub":"b"}')}.c2ln`],
    ['a JWT with a fourth part', `${b64url({ alg: 'ES256' })}.${b64url({})}.c2ln.eA`],
  ])('treats %s as unreadable', (_, payload) => {
    expect(readPayload(payload)).toEqual({ kind: 'unreadable' });
  });
});

describe('foldKey', () => {
  it("folds as Go's encoding/json matches field names", () => {
    expect(foldKey('Type')).toBe('type');
    expect(foldKey('\u017fign')).toBe('sign'); // long s
    expect(foldKey('\u212aey')).toBe('key'); // Kelvin sign
  });

  it('ignores underscores, as a protobuf-JSON server reads `target_public_key` for `targetPublicKey`', () => {
    expect(foldKey('target_public_key')).toBe(foldKey('targetPublicKey'));
    expect(foldKey('Target_Public_Key')).toBe('targetpublickey');
  });
});
