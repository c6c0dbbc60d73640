import { internalCall, TOOLBAR_PAGE } from './approvals.ts';
import type { Extension } from './extension.ts';

export interface StoreDump {
  /** Every IndexedDB record and every storage.local / storage.session entry, with CryptoKeys described, as JSON text. */
  text: string;
  keys: Array<{ where: string; type: string; extractable: boolean; usages: string[]; exportRefused: boolean }>;
}

/**
 * Reads everything the extension persists, from inside its service worker:
 * all IndexedDB databases and stores, storage.local and storage.session.
 * Each CryptoKey is described and also asked to export itself. It first waits
 * for the activity log's pending batch to commit, so the dump is the state the
 * wallet settled in, not a moment inside a write.
 */
export async function dumpStores(extension: Extension): Promise<StoreDump> {
  await activityCommitted(extension);
  return (await extension.serviceWorker()).evaluate(async () => {
    const keys: StoreDump['keys'] = [];
    async function describeValue(value: unknown, where: string): Promise<unknown> {
      if (value instanceof CryptoKey) {
        let exportRefused = false;
        await crypto.subtle.exportKey(value.type === 'public' ? 'raw' : 'pkcs8', value).catch(() => (exportRefused = true));
        keys.push({ where, type: value.type, extractable: value.extractable, usages: [...value.usages], exportRefused });
        return { cryptoKey: value.type };
      }
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) return { bytes: [...new Uint8Array(value as ArrayBuffer)] };
      if (Array.isArray(value)) return Promise.all(value.map((v, i) => describeValue(v, `${where}[${i}]`)));
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) out[k] = await describeValue(v, `${where}.${k}`);
        return out;
      }
      return value;
    }
    const dump: Record<string, unknown> = {};
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of db.objectStoreNames) {
        const records = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        dump[`idb:${name}/${store}`] = await describeValue(records, `${name}/${store}`);
      }
      db.close();
    }
    dump['storage.local'] = await describeValue(await chrome.storage.local.get(null), 'storage.local');
    dump['storage.session'] = await describeValue(await chrome.storage.session.get(null), 'storage.session');
    return { text: JSON.stringify(dump), keys };
  });
}

/**
 * Returns once every activity entry queued so far is in IndexedDB: the toolbar's
 * read of the log waits for the batch in flight (docs/architecture.md §4), and the
 * worker cannot message itself, so an extension page asks.
 */
async function activityCommitted(extension: Extension): Promise<void> {
  const page = await extension.context.newPage();
  try {
    await page.goto(TOOLBAR_PAGE);
    const { result } = await internalCall(page, 'dashboard/get');
    if (!result) throw new Error('the background did not answer the activity read');
  } finally {
    await page.close();
  }
}

/** The encodings a leaked 32-byte scalar could take in that JSON. */
export function encodingsOf(privateKeyHex: string): string[] {
  const bytes = Buffer.from(privateKeyHex, 'hex');
  return [
    privateKeyHex.toLowerCase(),
    privateKeyHex.toUpperCase(),
    bytes.toString('base64'),
    bytes.toString('base64url'),
    [...bytes].join(','), // a Uint8Array as described above
  ];
}
