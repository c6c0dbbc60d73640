/**
 * The isolation peer: a page on another origin, embedded as an iframe
 * by the bench page, that holds a non-extractable P-256 key in its own IndexedDB
 * and answers `postMessage` requests with a stamp. This is the architecture of
 * Turnkey's iframe stamper (written here from that description, not from its
 * code). The key is read from IndexedDB once, at load, and kept as a CryptoKey,
 * which is the fastest such a peer can be: per stamp it only signs.
 */
import { buildStamp, bytesToHex, compressPublicKey, type StampSigner } from '@grid-wallet/core';

const DATABASE = 'bench-iframe-stamper';
const STORE = 'keys';
const parent = new URL(location.href).searchParams.get('parent');

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function embeddedKey(): Promise<CryptoKeyPair> {
  const open = indexedDB.open(DATABASE, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await settle(open);
  const stored = (await settle(db.transaction(STORE).objectStore(STORE).get('embedded'))) as CryptoKeyPair | undefined;
  if (stored) return stored;
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  await settle(db.transaction(STORE, 'readwrite').objectStore(STORE).put(pair, 'embedded'));
  return pair;
}

async function start(): Promise<void> {
  if (!parent) throw new Error('stamper.html needs ?parent=<origin>');
  const pair = await embeddedKey();
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const signer: StampSigner = { signingKey: pair.privateKey, publicKeyHex: bytesToHex(compressPublicKey(publicKey)) };
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== parent || event.source !== window.parent) return;
    const { id, payload } = event.data as { id: number; payload: string };
    void buildStamp(payload, signer).then((stamp) => window.parent.postMessage({ id, stamp }, parent));
  });
  window.parent.postMessage({ ready: true, publicKeyHex: signer.publicKeyHex }, parent);
}

void start();
