import { publicKeyFromHex } from '@grid-wallet/core';
import { invalidInput } from './errors.ts';
import { isId, type IdType } from './ids.ts';

/**
 * Request-body validation. Every failure is a 400 INVALID_INPUT naming the field
 * (`attestation.clientDataJson`), so a client developer sees exactly what to fix.
 */
export type Json = Record<string, unknown>;

export function object(value: unknown, field = 'body'): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidInput(field, 'must be a JSON object');
  return value as Json;
}

/** Like `object`, but an absent body counts as `{}` (e.g. an OTP /challenge). */
export function optionalObject(value: unknown, field = 'body'): Json {
  return value === undefined ? {} : object(value, field);
}

function path(parent: string | undefined, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

export function string(body: Json, key: string, options: { parent?: string; max?: number } = {}): string {
  const field = path(options.parent, key);
  const value = body[key];
  if (value === undefined || value === null) throw invalidInput(field, 'is required');
  if (typeof value !== 'string') throw invalidInput(field, 'must be a string');
  if (value.length === 0) throw invalidInput(field, 'must not be empty');
  if (value.length > (options.max ?? 16_384)) throw invalidInput(field, `must be at most ${options.max ?? 16_384} characters`);
  return value;
}

export function optionalString(body: Json, key: string, options: { parent?: string; max?: number } = {}): string | undefined {
  return body[key] === undefined ? undefined : string(body, key, options);
}

export function oneOf<T extends string>(body: Json, key: string, values: readonly T[], parent?: string): T {
  const value = string(body, key, { parent });
  if (!(values as readonly string[]).includes(value)) throw invalidInput(path(parent, key), `must be one of ${values.join(', ')}`);
  return value as T;
}

export function matches(body: Json, key: string, pattern: RegExp, description: string, parent?: string): string {
  const value = string(body, key, { parent });
  if (!pattern.test(value)) throw invalidInput(path(parent, key), `must be ${description}`);
  return value;
}

export function id(body: Json, key: string, type: IdType): string {
  const value = string(body, key);
  if (!isId(type, value)) throw invalidInput(key, `must be a ${type} id (${type}:<uuid>)`);
  return value;
}

/** A required `?accountId=` query parameter (list endpoints). */
export function accountIdQuery(query: URLSearchParams): string {
  const value = query.get('accountId');
  if (value === null || value === '') throw invalidInput('accountId', 'query parameter is required');
  if (!isId('InternalAccount', value)) throw invalidInput('accountId', 'must be an InternalAccount id (InternalAccount:<uuid>)');
  return value;
}

const CLIENT_PUBLIC_KEY = /^(0[23][0-9a-fA-F]{64}|04[0-9a-fA-F]{128})$/;

/** A SEC1 P-256 public key in hex, compressed (66) or uncompressed (130), on the curve. */
export function clientPublicKey(body: Json, key = 'clientPublicKey'): Uint8Array {
  const value = matches(body, key, CLIENT_PUBLIC_KEY, 'a P-256 public key in hex: 02/03 + 64 digits or 04 + 128 digits');
  try {
    return publicKeyFromHex(value, key);
  } catch {
    throw invalidInput(key, 'is not a point on the P-256 curve');
  }
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const E164 = /^\+[1-9]\d{6,14}$/;
export const BASE64URL = /^[A-Za-z0-9_-]+$/;
