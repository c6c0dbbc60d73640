import { errors } from './errors.ts';

/**
 * A few composable validators for method params. Each takes the value and the
 * field's path (e.g. "params.user.id") and returns the typed value or throws a
 * -32602 ProviderError that names the field and the reason. Unknown keys are
 * dropped, never copied, so nothing a page adds travels further.
 */
export type Validator<T> = (value: unknown, field: string) => T;

interface StringRules {
  readonly min?: number;
  readonly max: number;
  readonly pattern?: RegExp;
  /** Said after "must be" when `pattern` does not match. */
  readonly describe?: string;
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

export function string(rules: StringRules): Validator<string> {
  const min = rules.min ?? 1;
  return (value, field) => {
    if (typeof value !== 'string') throw errors.invalidParams(field, 'must be a string');
    // Cheap length check first so a huge string is refused before it is scanned.
    if (value.length > rules.max * 4 || utf8Length(value) > rules.max) {
      throw errors.invalidParams(field, `must be at most ${rules.max} bytes`);
    }
    if (value.length < min) throw errors.invalidParams(field, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
    if (rules.pattern && !rules.pattern.test(value)) {
      throw errors.invalidParams(field, `must be ${rules.describe ?? `a string matching ${rules.pattern}`}`);
    }
    return value;
  };
}

export function integer(min: number, max: number): Validator<number> {
  return (value, field) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw errors.invalidParams(field, `must be an integer from ${min} to ${max}`);
    }
    return value;
  };
}

export function oneOf<const T extends string>(values: readonly T[]): Validator<T> {
  return (value, field) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      throw errors.invalidParams(field, `must be one of ${values.join(', ')}`);
    }
    return value as T;
  };
}

export const boolean: Validator<boolean> = (value, field) => {
  if (typeof value !== 'boolean') throw errors.invalidParams(field, 'must be true or false');
  return value;
};

/** `undefined` (or a missing key) passes through; `null` is treated as missing too. */
export function optional<T>(validator: Validator<T>): Validator<T | undefined> {
  return (value, field) => (value === undefined || value === null ? undefined : validator(value, field));
}

export function arrayOf<T>(item: Validator<T>, maxItems: number): Validator<T[]> {
  return (value, field) => {
    if (!Array.isArray(value)) throw errors.invalidParams(field, 'must be an array');
    if (value.length > maxItems) throw errors.invalidParams(field, `must have at most ${maxItems} items`);
    return value.map((entry, index) => item(entry, `${field}[${index}]`));
  };
}

/**
 * A JSON-like object: not an array, not a class instance. Its prototype may be
 * any realm's Object.prototype (Firefox hands content scripts the page's objects).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

type Shape = Record<string, Validator<unknown>>;
type Parsed<S extends Shape> = {
  [K in keyof S as undefined extends ReturnType<S[K]> ? never : K]: ReturnType<S[K]>;
} & {
  [K in keyof S as undefined extends ReturnType<S[K]> ? K : never]?: Exclude<ReturnType<S[K]>, undefined>;
};

/** A plain object with the given fields; the result holds only those fields. */
export function object<S extends Shape>(shape: S): Validator<Parsed<S>> {
  return (value, field) => {
    if (!isPlainObject(value)) throw errors.invalidParams(field, 'must be an object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const parsed = shape[key]!(Object.hasOwn(value, key) ? value[key] : undefined, `${field}.${key}`);
      if (parsed !== undefined) out[key] = parsed;
    }
    return out as Parsed<S>;
  };
}

/** Top-level params: a missing or null `params` means `{}`. */
export function params<S extends Shape>(shape: S): Validator<Parsed<S>> {
  const inner = object(shape);
  return (value, field) => inner(value === undefined || value === null ? {} : value, field);
}

// ---- Field formats shared by several methods ----

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const accountId = string({
  max: 64,
  pattern: new RegExp(`^InternalAccount:${UUID}$`),
  describe: 'a Grid account id (InternalAccount:<uuid>)',
});

/** Ids we or Grid issue (`Session:<uuid>`, `AuthMethod:<uuid>`, our client key ids, Authsignal challenge ids). */
export const opaqueId = string({
  max: 128,
  pattern: /^[A-Za-z0-9][A-Za-z0-9:._-]*$/,
  describe: 'an id of letters, digits and : . _ -',
});

export const base64url = (maxBytes: number) =>
  string({ max: Math.ceil((maxBytes * 4) / 3), pattern: /^[A-Za-z0-9_-]+$/, describe: 'unpadded base64url' });

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 timestamp, returned as epoch milliseconds. */
export const timestamp: Validator<number> = (value, field) => {
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw errors.invalidParams(field, 'must be an RFC 3339 timestamp, e.g. 2026-04-08T15:35:00Z');
  }
  return Date.parse(value);
};

/** RFC 3339, or Unix seconds as Authsignal sends them; returned as epoch milliseconds. */
export const timestampOrUnixSeconds: Validator<number> = (value, field) => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0 || value > 1e11) throw errors.invalidParams(field, 'must be Unix seconds or an RFC 3339 timestamp');
    return Math.round(value * 1000);
  }
  return timestamp(value, field);
};
