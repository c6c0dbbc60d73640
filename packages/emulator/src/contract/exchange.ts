/**
 * One request and the emulator's answer to it, as the HTTP layer hands it to an
 * `onExchange` observer (the contract recorder in tests). Bodies are parsed JSON.
 */
export interface Exchange {
  readonly method: string;
  /** The URL path, e.g. `/grid/2025-10-13/auth/credentials/AuthMethod:…/verify`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The emulator route that answered, `METHOD /template` (e.g. `POST /grid/2025-10-13/auth/credentials/:id/verify`); absent for 404/405. */
  readonly route?: string;
  /** Request header names, lower-case, of the headers that were present. */
  readonly requestHeaders: readonly string[];
  /** The parsed request body; undefined when there was none or it was not read (refused before). */
  readonly requestBody: unknown;
  readonly status: number;
  readonly responseBody: unknown;
}
