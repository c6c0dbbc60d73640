import { LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY } from '../../packages/emulator/src/enclave.ts';
import { hexToBytes, importP256Scalar, sealExportBundle } from '@grid-wallet/core';

/**
 * `payloadToSign` strings as the local emulator and Grid issue them: compact
 * JSON, `timestampMs` a string (keys alphabetical, except in the payment Grid's example fixes).
 */
export const activity = (type: string, parameters: Record<string, unknown>) =>
  JSON.stringify({ organizationId: 'org_2xk9', parameters, timestampMs: '1764072000000', type });

/** A Grid payment: the EMBEDDED_WALLET instruction's payloadToSign, as in Grid's own example (its key order, not alphabetical). */
export const PAYMENT =
  '{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","timestampMs":"1764072000000","organizationId":"org_2xk9","parameters":{"signWith":"wallet_abc123def456","unsignedTransaction":"ea69b4bf05f775209f26ff0a34a05569180f7936579d5c4af9377ae550194f72","type":"TRANSACTION_TYPE_ETHEREUM"},"generateAppProofs":true}';
export const PAYMENT_TITLE = 'Sign a transaction from your wallet';

/** A payment (what a grant covers) whose transaction is the number `n`: each request signs its own payload. */
export const paymentNumber = (n: number) =>
  PAYMENT.replace(/"unsignedTransaction":"[0-9a-f]+"/, `"unsignedTransaction":"${n.toString(16).padStart(64, '0')}"`);

const USD = { code: 'USD', decimals: 2, symbol: '$' };
/** What the page says that payment is (grid_signPayload's `display`, from the quote). */
export const PAYMENT_DISPLAY = {
  payment: {
    sending: { amount: 1250, currency: USD },
    fee: { amount: 10, currency: USD },
    destination: 'Acme Coffee Roasters',
    quoteId: 'Quote:019542f5-b3e7-1d02-0000-0000000000a1',
  },
};

export const ADD_PASSKEY = activity('ACTIVITY_TYPE_CREATE_AUTHENTICATORS_V2', {
  authenticators: [
    {
      attestation: { attestationObject: 'o2NmbXRkbm9uZQ', clientDataJson: 'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0', credentialId: 'Y3JlZC0x' },
      authenticatorName: 'Work laptop',
      challenge: 'q83vEjRWeJA',
      transports: ['internal'],
    },
  ],
  userId: 'user_7f3a',
});

export const REMOVE_PASSKEY = activity('ACTIVITY_TYPE_DELETE_AUTHENTICATORS', {
  authenticatorIds: ['AuthMethod:019542f5-b3e7-1d02-0000-00000000c0de'],
  userId: 'user_7f3a',
});

/** An export to `targetPublicKey`: the extension signs one only to an export key it made for the site (grid_createExportKey). */
export const exportWalletTo = (targetPublicKey: string) =>
  activity('ACTIVITY_TYPE_EXPORT_WALLET', { targetPublicKey, walletId: 'Wallet:019542f5-b3e7-1d02-0000-0000000000w1' });

/**
 * Grid's answer to that export: `MNEMONIC` sealed to the export key (uncompressed hex) and
 * signed with the local emulator's published enclave key, which a development build trusts.
 */
export async function exportBundleFor(exportPublicKey: string): Promise<string> {
  const enclave = await importP256Scalar(hexToBytes(LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY));
  return sealExportBundle(EXPORT_MNEMONIC, { publicKey: hexToBytes(exportPublicKey), organizationId: 'org_2xk9' }, enclave);
}
export const EXPORT_MNEMONIC = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

export const END_SESSION = activity('ACTIVITY_TYPE_DELETE_API_KEYS', {
  apiKeyIds: ['Session:019542f5-b3e7-1d02-0000-00000000a001'],
  userId: 'user_7f3a',
});

export const UNKNOWN_ACTIVITY = activity('ACTIVITY_TYPE_SET_PAYMENT_LIMIT_V2', { dailyLimit: '250.00', currency: 'USD', nested: { x: 1 } });

/** The OTP flow's verification token (header `{"alg":"ES256","kid":"turnkey"}`). */
export function verificationToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'ES256', kid: 'turnkey' })}.${part({ sub: 'otp-verification', iat, exp: iat + 300 })}.${Buffer.alloc(64, 7).toString('base64url')}`;
}
