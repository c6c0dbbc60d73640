import { describe, expect, it } from 'vitest';
import { errors } from '@grid-wallet/protocol';
import { Clock, MemoryStorage } from '../testBackground.ts';
import { ApprovalQueue, type ApprovalQueueDeps, MAX_PENDING_PER_SITE, MAX_QUEUE_BYTES, type NewApproval } from './ApprovalQueue.ts';

function queue(storage = new MemoryStorage(), clock = new Clock(), complete: ApprovalQueueDeps['complete'] = async () => 'done') {
  const delivered: Array<{ id: string; reply: unknown }> = [];
  /** Deliveries and back-off events in the order they happened. */
  const order: string[] = [];
  const window = { shown: 0, keptOpen: 0, closed: 0 };
  /** What the back-off heard, as `rejectedConnect <origin>` / `abandoned <origin>` / `cleared <origin>`; `paused` sites are refused. */
  const backoff = { heard: [] as string[], paused: new Set<string>() };
  const q = new ApprovalQueue({
    storage,
    window: {
      show: async () => void window.shown++,
      ensureOpen: async () => void window.keptOpen++,
      close: async () => void window.closed++,
    },
    deliver: async (address, reply) => {
      delivered.push({ id: address.pageRequestId, reply });
      order.push(`delivered ${address.pageRequestId}`);
    },
    complete,
    backoff: {
      isPaused: async (origin) => backoff.paused.has(origin),
      rejectedConnect: async (origin) => void backoff.heard.push(`rejectedConnect ${origin}`),
      abandoned: async (origin) => void backoff.heard.push(`abandoned ${origin}`),
      clear: async (origin) => {
        backoff.heard.push(`cleared ${origin}`);
        order.push(`cleared ${origin}`);
      },
    },
    timeoutMs: async () => 60_000,
    changed: () => undefined,
    now: clock.now,
  });
  return { q, delivered, order, window, storage, clock, backoff };
}

function request(id: string, tabId = 1, fingerprint = id, origin = 'https://a.example'): NewApproval {
  return { tabId, bridgeId: `b${tabId}`, pageRequestId: id, fingerprint, view: { kind: 'connect', origin, params: {} } };
}

/** A sign request carrying `bytes` of payload. */
function bigRequest(id: string, origin: string, bytes: number): NewApproval {
  const params = { sessionId: 's', payloadToSign: 'x'.repeat(bytes) };
  const signer = { kind: 'session', id: 's', publicKey: '02', expiresAt: 0 } as const;
  return {
    tabId: 1,
    bridgeId: 'b1',
    pageRequestId: id,
    fingerprint: id,
    view: { kind: 'sign', origin, params, signer, decision: { verdict: 'ask' } },
  };
}

const codes = (delivered: Array<{ id: string; reply: unknown }>) =>
  delivered.map((d) => [d.id, (d.reply as { error?: { code: number } }).error?.code ?? 'result']);

describe('ApprovalQueue', () => {
  it('keeps requests in order and refuses an identical one with -32002', async () => {
    const { q, window } = queue();
    await q.enqueue(request('one'));
    await q.enqueue(request('two'));
    await expect(q.enqueue(request('again', 2, 'one'))).rejects.toMatchObject({ code: -32002 });
    expect((await q.list()).map((r) => r.pageRequestId)).toEqual(['one', 'two']);
    expect(window.shown).toBe(1);
  });

  it("brings the window forward for a site's first prompt and for another site's, never for the shown site's next", async () => {
    const { q, window } = queue();
    await q.enqueue(request('first'));
    expect(window).toMatchObject({ shown: 1, keptOpen: 0 });
    await q.enqueue(request('same site again', 1, 'same'));
    expect(window).toMatchObject({ shown: 1, keptOpen: 1 });
    await q.enqueue(request('other site', 2, 'other', 'https://b.example'));
    expect(window).toMatchObject({ shown: 2, keptOpen: 1 });
  });

  it('serialises concurrent identical requests: exactly one is queued', async () => {
    const { q } = queue();
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => q.enqueue(request(`r${i}`, i, 'same'))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await q.list()).toHaveLength(1);
  });

  it('survives a worker restart: a new queue on the same storage sees and settles the request', async () => {
    const first = queue();
    await first.q.enqueue(request('kept'));
    const restarted = queue(first.storage, first.clock);
    const [record] = await restarted.q.list();
    expect(record?.pageRequestId).toBe('kept');
    await restarted.q.decide(record!.view.id, { kind: 'connect' });
    expect(restarted.delivered).toEqual([{ id: 'kept', reply: { result: 'done' } }]);
    expect(await first.q.list()).toEqual([]);
  });

  it('answers 4001 on reject and on reject-all, then closes the window', async () => {
    const { q, delivered, window } = queue();
    await q.enqueue(request('a'));
    await q.enqueue(request('b'));
    await q.enqueue(request('c'));
    const [first] = await q.list();
    await q.decide(first!.view.id, null);
    await q.rejectAll();
    expect(delivered.map((d) => [d.id, (d.reply as { error: { code: number } }).error.code])).toEqual([
      ['a', 4001],
      ['b', 4001],
      ['c', 4001],
    ]);
    expect(window.closed).toBeGreaterThanOrEqual(1);
  });

  it('times prompts out with 4408 at their deadline, not before', async () => {
    const { q, delivered, clock } = queue();
    await q.enqueue(request('slow'));
    clock.advance(59_999);
    await q.expire();
    expect(delivered).toEqual([]);
    clock.advance(1);
    await q.expire();
    expect(delivered).toEqual([{ id: 'slow', reply: { error: errors.promptTimedOut().toPayload() } }]);
  });

  it('passes a failure of the approved action to the page', async () => {
    const { q, delivered } = queue(undefined, undefined, async () => {
      throw errors.notFound('session', 'expired');
    });
    await q.enqueue(request('late'));
    const [record] = await q.list();
    const reply = await q.decide(record!.view.id, { kind: 'connect' });
    expect(reply).toEqual({ error: errors.notFound('session', 'expired').toPayload() });
    expect(delivered[0]?.reply).toEqual(reply);
  });

  it('a decision on a prompt this worker queued reads nothing from storage before the page has its answer', async () => {
    const { q, order, storage } = queue();
    await q.enqueue(request('held'));
    const [record] = await q.list();
    const read = storage.get.bind(storage);
    storage.get = (keys) => {
      order.push(`read ${keys}`);
      return read(keys);
    };
    q.storageChanged({ [`approval:${record!.view.id}`]: { newValue: record } }); // its own write, heard back
    await q.decide(record!.view.id, { kind: 'connect' });
    expect(order.slice(0, order.indexOf('delivered held') + 1)).toEqual(['delivered held']);
    expect(await q.decide(record!.view.id, { kind: 'connect' })).toMatchObject({ error: { code: 4404 } });
  });

  it('a record anything else rewrote in storage is decided as stored, as the window shows it, not as this worker queued it', async () => {
    const { q, delivered, storage } = queue();
    await q.enqueue(request('rewritten'));
    const [record] = await q.list();
    const key = `approval:${record!.view.id}`;
    const lapsed = { ...record!, view: { ...record!.view, expiresAt: 0 } };
    await storage.set({ [key]: lapsed });
    q.storageChanged({ [key]: { newValue: lapsed } });
    await q.decide(record!.view.id, { kind: 'connect' });
    expect(codes(delivered)).toEqual([['rewritten', 4408]]);
  });

  it('a second answer to the same prompt finds it gone', async () => {
    const { q, delivered } = queue();
    await q.enqueue(request('once'));
    const [record] = await q.list();
    await q.decide(record!.view.id, { kind: 'connect' });
    expect(await q.decide(record!.view.id, { kind: 'connect' })).toMatchObject({ error: { code: 4404 } });
    expect(delivered).toHaveLength(1);
  });

  it('drops only the requests of a closed tab, or of documents that are gone', async () => {
    const { q } = queue();
    await q.enqueue(request('tab1-old', 1));
    await q.enqueue({ ...request('tab1-new', 1), bridgeId: 'fresh' });
    await q.enqueue(request('tab2', 2));
    await q.dropGoneDocuments(1, async (address) => address.bridgeId === 'fresh');
    expect((await q.list()).map((r) => r.pageRequestId)).toEqual(['tab1-new', 'tab2']);
    await q.dropTab(2);
    expect((await q.list()).map((r) => r.pageRequestId)).toEqual(['tab1-new']);
  });

  it(`caps one site at ${MAX_PENDING_PER_SITE} waiting prompts (-32002), other sites unaffected`, async () => {
    const { q } = queue();
    for (let i = 0; i < MAX_PENDING_PER_SITE; i++) await q.enqueue(request(`a${i}`));
    await expect(q.enqueue(request('a-extra'))).rejects.toMatchObject({
      code: -32002,
      message: expect.stringContaining(`${MAX_PENDING_PER_SITE} requests`),
    });
    await q.enqueue(request('b', 2, 'b', 'https://b.example'));
    expect(await q.list()).toHaveLength(MAX_PENDING_PER_SITE + 1);
  });

  it('refuses a prompt that would grow the whole queue past its size limit, and stores nothing of it', async () => {
    const { q } = queue();
    const chunk = 1024 * 1024;
    const perSite = 1;
    let sites = 0;
    const enqueueSite = async () => {
      sites++;
      for (let i = 0; i < perSite; i++) await q.enqueue(bigRequest(`s${sites}-${i}`, `https://site${sites}.example`, chunk));
    };
    while ((sites + 1) * perSite * chunk < MAX_QUEUE_BYTES) await enqueueSite();
    const before = (await q.list()).length;
    await expect(enqueueSite()).rejects.toMatchObject({ code: -32002, message: expect.stringMatching(/Too many requests/) });
    const after = await q.list();
    expect(after.length).toBeLessThan(before + perSite);
    expect(new TextEncoder().encode(JSON.stringify(after)).length).toBeLessThanOrEqual(MAX_QUEUE_BYTES);
  });

  it("an approval is answered at the page first, then ends the site's back-off; a completion that failed does not end it", async () => {
    let fail = false;
    const { q, order, backoff } = queue(undefined, undefined, async () => {
      if (fail) throw errors.notFound('session', 'expired');
      return 'done';
    });
    await q.enqueue(request('ok'));
    const [ok] = await q.list();
    await q.decide(ok!.view.id, { kind: 'connect' });
    expect(order).toEqual(['delivered ok', 'cleared https://a.example']);
    fail = true;
    await q.enqueue(request('failed', 1, 'failed'));
    const [failed] = await q.list();
    await q.decide(failed!.view.id, { kind: 'connect' });
    expect(backoff.heard).toEqual(['cleared https://a.example']);
    expect(await q.list()).toEqual([]);
  });

  it('rejectOrigin answers only that site (4001), one back-off strike; dropOrigin answers 4100, an abandoned strike', async () => {
    const { q, delivered, backoff } = queue();
    await q.enqueue(request('a1'));
    await q.enqueue(request('b1', 2, 'b1', 'https://b.example'));
    await q.enqueue(request('a2', 1, 'a2'));
    await q.rejectOrigin('https://a.example');
    expect(codes(delivered)).toEqual([
      ['a1', 4001],
      ['a2', 4001],
    ]);
    expect(backoff.heard).toEqual(['rejectedConnect https://a.example']);
    await q.dropOrigin('https://b.example');
    expect(codes(delivered).at(-1)).toEqual(['b1', 4100]);
    expect(backoff.heard).toEqual(['rejectedConnect https://a.example', 'abandoned https://b.example']);
    expect(await q.list()).toEqual([]);
  });

  it('an answer after the deadline delivers 4408 (not the result) even before the sweep ran, and the window hears "no longer waiting"', async () => {
    const completed: string[] = [];
    const { q, delivered, clock } = queue(undefined, undefined, async (record) => {
      completed.push(record.pageRequestId);
      return 'the code';
    });
    await q.enqueue(request('late'));
    const [record] = await q.list();
    clock.advance(60 * 60_000);
    expect(await q.decide(record!.view.id, { kind: 'connect' })).toMatchObject({ error: { code: 4404 } });
    expect(completed).toEqual([]);
    expect(codes(delivered)).toEqual([['late', 4408]]);
  });

  it('tells the back-off of turned-down connect prompts (Reject, Reject all) and of approvals, not of other kinds turned down', async () => {
    const { q, backoff } = queue();
    await q.enqueue(request('yes'));
    await q.enqueue(request('no'));
    await q.enqueue(bigRequest('sign', 'https://b.example', 10));
    const [yes, no, sign] = await q.list();
    await q.decide(yes!.view.id, { kind: 'connect' });
    await q.decide(no!.view.id, null);
    await q.decide(sign!.view.id, null);
    await q.enqueue(request('all'));
    await q.rejectAll();
    expect(backoff.heard).toEqual(['cleared https://a.example', 'rejectedConnect https://a.example', 'rejectedConnect https://a.example']);
  });

  it('tells the back-off of prompts their page left (tab closed, navigated), once per site', async () => {
    const { q, backoff } = queue();
    await q.enqueue(request('a1', 1));
    await q.enqueue(request('a2', 1, 'a2'));
    await q.enqueue(request('b1', 2, 'b1', 'https://b.example'));
    await q.dropTab(1);
    expect(backoff.heard).toEqual(['abandoned https://a.example']);
    await q.dropGoneDocuments(2, async () => false);
    expect(backoff.heard).toEqual(['abandoned https://a.example', 'abandoned https://b.example']);
  });

  it("refuses a paused site's request with 4001 before it is queued or shown", async () => {
    const { q, backoff, window } = queue();
    backoff.paused.add('https://a.example');
    await expect(q.enqueue(request('paused'))).rejects.toMatchObject({ code: 4001, message: expect.stringMatching(/recently/) });
    expect(await q.list()).toEqual([]);
    expect(window).toMatchObject({ shown: 0, keptOpen: 0 });
  });
});
