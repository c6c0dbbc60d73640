import { errors } from './errors.ts';

declare const sent: unique symbol;

/**
 * A few composable validators for method params. Each takes the value and the
 * field's path (e.g. "params.user.id") and returns the typed value or throws a
 * -32602 ProviderError that names the field and the reason. Unknown keys are
 * dropped, never copied, so nothing a page adds travels further.
 *
 * `T` is what the validator returns; `In` what a page sends for it, when that
 * differs (a timestamp is sent as RFC 3339 text and returned as epoch ms). The
 * params' types are read off the validators (./methods.ts), so they are written once.
 */
export interface Validator<T, In = T> {
  (value: unknown, field: string): T;
  /** Type only, never set: what a page sends (as a return type, so an `undefined` in it survives inference). */
  readonly [sent]?: () => In;
}

/** Any validator, as a constraint. */
type SomeValidator = Validator<unknown, unknown>;
/** What `V` returns. */
export type Parsed<V> = V extends Validator<infer T, unknown> ? T : never;
/** What a page sends for `V`. */
export type Sent<V> = V extends Validator<unknown, infer In> ? In : never;

/** `T` flattened into one object type, so an editor shows its fields rather than the type that built them. */
type Simplify<T> = { [K in keyof T]: T[K] } & {};

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

/** `optional(V)`: a named type, so declaration files keep `V` (and its fields' doc comments) rather than expanding it. */
export interface Optional<V extends SomeValidator> extends Validator<Parsed<V> | undefined, Sent<V> | undefined> {}

/** `undefined` (or a missing key) passes through; `null` is treated as missing too. */
export function optional<V extends SomeValidator>(validator: V): Optional<V> {
  return ((value: unknown, field: string) => (value === undefined || value === null ? undefined : validator(value, field))) as Optional<V>;
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

type Shape = Record<string, SomeValidator>;
/** The fields that may be undefined become optional (`?:`), so a caller may leave them out. */
type WithOptionalFields<T> = Simplify<
  { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
    [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
  }
>;
/** The object `object(shape)` returns. */
type ParsedObject<S extends Shape> = WithOptionalFields<{ [K in keyof S]: Parsed<S[K]> }>;
/** The object a page sends to `object(shape)`; with no fields, one that admits no key. */
type SentObject<S extends Shape> = keyof S extends never ? Record<string, never> : WithOptionalFields<{ [K in keyof S]: Sent<S[K]> }>;

/** `object(shape)`: a named type, so declaration files keep the shape (and its fields' doc comments). */
export interface ObjectValidator<S extends Shape> extends Validator<ParsedObject<S>, SentObject<S>> {}

/** A plain object with the given fields; the result holds only those fields. */
export function object<S extends Shape>(shape: S): ObjectValidator<S> {
  return (value, field) => {
    if (!isPlainObject(value)) throw errors.invalidParams(field, 'must be an object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const parsed = shape[key]!(Object.hasOwn(value, key) ? value[key] : undefined, `${field}.${key}`);
      if (parsed !== undefined) out[key] = parsed;
    }
    return out as ParsedObject<S>;
  };
}

/** Top-level params: a missing or null `params` means `{}`. */
export function params<S extends Shape>(shape: S): ObjectValidator<S> {
  const inner = object(shape);
  return (value, field) => inner(value === undefined || value === null ? {} : value, field);
}

/** `validator`, then a rule across its fields (which throws -32602 naming a field). */
export function withRule<V extends SomeValidator>(validator: V, rule: (parsed: Parsed<V>, field: string) => void): V {
  const checked = (value: unknown, field: string) => {
    const parsed = validator(value, field) as Parsed<V>;
    rule(parsed, field);
    return parsed;
  };
  return checked as V;
}

/** `T` with exactly one of the keys `K`: a union with a member per key, where the other keys are absent. */
export type ExactlyOne<T, K extends keyof T> = {
  [P in K]-?: Simplify<Omit<T, K> & Required<Pick<T, P>> & Partial<Record<Exclude<K, P>, never>>>;
}[K];

/** `exactlyOne(keys, V)`: a named type, so declaration files keep `V` (and its fields' doc comments). */
export interface ExactlyOneOf<K extends string, V extends SomeValidator>
  extends Validator<ExactlyOne<Parsed<V>, K & keyof Parsed<V>>, ExactlyOne<Sent<V>, K & keyof Sent<V>>> {}

/**
 * An object validator whose result has exactly one of two optional fields; the
 * type is the union of the two choices, so a caller cannot send both or neither.
 */
export function exactlyOne<const K extends string, V extends Validator<Partial<Record<K, unknown>>, unknown>>(
  [first, second]: readonly [K, K],
  validator: V,
): ExactlyOneOf<K, V> {
  return withRule(validator, (parsed, field) => {
    if ((parsed[first] === undefined) === (parsed[second] === undefined)) {
      throw errors.invalidParams(`${field}.${first}`, `or ${second} must be given, and not both`);
    }
  }) as ExactlyOneOf<K, V>;
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

/** A session's credential: Grid sends a passkey's WebAuthn id (base64url, may begin with `-` or `_`); 0.1.0 also took Grid ids. */
export const credentialRef = string({
  max: 1400,
  pattern: /^[A-Za-z0-9:._-]+$/,
  describe: 'a WebAuthn credential id (base64url) or a Grid id',
});

export const base64url = (maxBytes: number) =>
  string({ max: Math.ceil((maxBytes * 4) / 3), pattern: /^[A-Za-z0-9_-]+$/, describe: 'unpadded base64url' });

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 timestamp, returned as epoch milliseconds. */
export const timestamp: Validator<number, string> = (value, field) => {
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw errors.invalidParams(field, 'must be an RFC 3339 timestamp, e.g. 2026-04-08T15:35:00Z');
  }
  return Date.parse(value);
};

/** RFC 3339, or Unix seconds as Authsignal sends them; returned as epoch milliseconds. */
export const timestampOrUnixSeconds: Validator<number, string | number> = (value, field) => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0 || value > 1e11)
      throw errors.invalidParams(field, 'must be Unix seconds or an RFC 3339 timestamp');
    return Math.round(value * 1000);
  }
  return timestamp(value, field);
};
