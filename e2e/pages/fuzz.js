// Posts `count` malformed or hostile protocol messages from the page and counts
// the answers. Seeded, so a failure can be replayed. Every message is built to be
// refused: wrong envelopes, unknown methods, wrong param types, huge or deeply
// nested values, prototype-pollution keys, and well-formed calls on ids that do
// not exist. Loaded by e2e/reliability.spec.ts into a test page.
window.runFuzz = async function runFuzz(seed, count) {
  let state = seed >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = (items) => items[Math.floor(random() * items.length)];
  const METHODS = [
    'wallet_connect',
    'grid_createClientKey',
    'grid_collectOtp',
    'grid_openSession',
    'grid_listSessions',
    'grid_signPayload',
    'grid_endSession',
    'grid_registerPasskey',
    'grid_getPasskeyAssertion',
    'grid_showWalletExport',
    'wallet_status',
    'wallet_disconnect',
  ];
  const deep = (depth) => (depth === 0 ? {} : { a: deep(depth - 1) });
  const hostile = () =>
    pick([
      null,
      0,
      -1,
      1e308,
      NaN,
      true,
      '',
      'x'.repeat(1 + Math.floor(random() * 300_000)),
      [],
      [1, 2, 3],
      deep(50 + Math.floor(random() * 2000)),
      JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
      { toString: 'x', valueOf: 1, hasOwnProperty: 'y' },
      new Date(0),
      /re/g,
      new Uint8Array(8),
    ]);
  // Valid methods with params that cannot validate (non-objects, or required fields of the wrong type).
  const badParams = (method) =>
    pick([
      () => pick(['params', 42, true, [method]]),
      () => ({ sessionId: hostile(), clientKeyId: hostile(), payloadToSign: hostile(), accountId: hostile(), expiresAt: hostile() }),
      () => ({ credentialId: hostile(), challenge: 7, user: hostile(), nickname: '<script>', length: 99 }),
    ])();
  // Well-formed calls naming things that do not exist: they reach the background and must change nothing.
  const missing = () =>
    pick([
      { method: 'grid_endSession', params: { sessionId: `Session:${crypto.randomUUID()}` } },
      { method: 'grid_signPayload', params: { sessionId: `Session:${crypto.randomUUID()}`, payloadToSign: 'fuzz' } },
      { method: 'grid_signPayload', params: { clientKeyId: `ck_${crypto.randomUUID()}`, payloadToSign: 'fuzz' } },
      { method: 'grid_showWalletExport', params: { exportKeyId: `ek_${crypto.randomUUID()}`, encryptedWalletCredentials: '{}' } },
      {
        method: 'grid_openSession',
        params: {
          clientKeyId: `ck_${crypto.randomUUID()}`,
          accountId: 'InternalAccount:019542f5-b3e7-1d02-0000-000000000002',
          expiresAt: '2099-01-01T00:00:00Z',
        },
      },
    ]);
  const envelopes = [
    () => hostile(),
    () => ({ type: 'grid-wallet/request', id: hostile(), method: 'wallet_status' }),
    () => ({ type: 'grid-wallet/response', id: 'spoof', result: { connected: true } }),
    () => ({ type: 'grid-wallet/event', event: 'disconnected', data: hostile() }),
    () => ({ type: 'GRID-WALLET/REQUEST', id: 'x', method: 'wallet_status' }),
    () => ({ type: 'grid-wallet/request', id: 'x'.repeat(129), method: 'wallet_status' }),
  ];
  const sent = new Set();
  const answered = new Map();
  const listener = (event) => {
    const data = event.data;
    if (data && data.type === 'grid-wallet/response' && sent.has(data.id)) answered.set(data.id, (answered.get(data.id) || 0) + 1);
  };
  window.addEventListener('message', listener);
  for (let i = 0; i < count; i++) {
    const id = `fuzz-${seed}-${i}`;
    const roll = random();
    let message;
    if (roll < 0.25) message = pick(envelopes)();
    else if (roll < 0.45)
      message = {
        type: 'grid-wallet/request',
        id,
        method: pick(['eth_sign', '__proto__', 'constructor', 'wallet_', '']),
        params: hostile(),
      };
    else if (roll < 0.9) {
      const method = pick(
        METHODS.filter(
          (m) => !['wallet_connect', 'wallet_status', 'wallet_disconnect', 'grid_createClientKey', 'grid_listSessions'].includes(m),
        ),
      );
      message = { type: 'grid-wallet/request', id, method, params: badParams(method) };
    } else message = { type: 'grid-wallet/request', id, ...missing() };
    if (message && message.id === id) sent.add(id);
    try {
      window.postMessage(message, location.origin);
    } catch {
      sent.delete(id); // not cloneable: it never left the page
    }
    if (i % 250 === 0) await new Promise((r) => setTimeout(r, 0));
  }
  const deadline = Date.now() + 60_000;
  while (answered.size < sent.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  window.removeEventListener('message', listener);
  return {
    sent: sent.size,
    answered: answered.size,
    duplicates: [...answered.values()].filter((n) => n > 1).length,
    polluted: {}.polluted === true,
  };
};
