import type { Page } from '@playwright/test';

/**
 * What an attacker's script in a connected integrator page can do: call Grid
 * through the page's own backend relay (`/api/grid/…`, which holds the API
 * token), make P-256 keys in page JavaScript, and ask `window.gridWallet` for
 * stamps. Everything here runs inside the page.
 */

export interface GridReply {
  status: number;
  body: any;
}

/** One Grid call through the page's relay, with optional signing headers. */
export function gridFromPage(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<GridReply> {
  return page.evaluate(
    async ([method, path, body, headers]) => {
      const response = await fetch(`/api/grid${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: response.status === 204 ? null : await response.json() };
    },
    [method, path, body, headers] as const,
  );
}

/** A P-256 public key made in page JavaScript (the page keeps its private key), compressed SEC1 hex. */
export function pageMadeKey(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    const compressed = [raw[64]! & 1 ? 3 : 2, ...raw.slice(1, 33)];
    return compressed.map((b) => b.toString(16).padStart(2, '0')).join('');
  });
}
