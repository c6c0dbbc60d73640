import { FormatError } from './errors.ts';

/** Parses `text` as a JSON object (not an array, not null), or throws FormatError(`what`). */
export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FormatError(what, 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FormatError(what, 'must be a JSON object');
  return value as Record<string, unknown>;
}

/** `object[key]` when it is a string, or FormatError(`what`). */
export function stringField(object: Record<string, unknown>, key: string, what: string): string {
  const value = object[key];
  if (typeof value !== 'string') throw new FormatError(what, `"${key}" must be a string`);
  return value;
}
