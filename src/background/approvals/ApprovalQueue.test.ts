import { describe, expect, it } from 'vitest';
import { errors } from '../../protocol/index.ts';
import { Clock, MemoryStorage } from '../testing.ts';
import { ApprovalQueue, type ApprovalQueueDeps, type NewApproval } from './ApprovalQueue.ts';

function queue(storage = new MemoryStorage(), clock = new Clock(), complete: ApprovalQueueDeps['complete'] = async () => 'done') {
  const delivered: Array<{ id: string; reply: unknown }> = [];
  const window = { shown: 0, closed: 0 };
  const q = new ApprovalQueue({
    storage,
    window: { show: async () => void window.shown++, close: async () => void window.closed++ },
    deliver: async (address, reply) => void delivered.push({ id: address.pageRequestId, reply }),
    complete,
    timeoutMs: async () => 60_000,
    changed: () => undefined,
    now: clock.now,
  });
  return { q, delivered, window, storage, clock };
}

function request(id: string, tabId = 1, fingerprint = id): NewApproval {
  return { tabId, bridgeId: `b${tabId}`, pageRequestId: id, fingerprint, view: { kind: 'connect', origin: 'https://a.example', params: {} } };
}

describe('ApprovalQueue', () => {
  it('keeps requests in order and refuses an identical one with -32002', async () => {
    const { q, window } = queue();
    await q.enqueue(request('one'));
    await q.enqueue(request('two'));
    await expect(q.enqueue(request('again', 2, 'one'))).rejects.toMatchObject({ code: -32002 });
    expect((await q.list()).map((r) => r.pageRequestId)).toEqual(['one', 'two']);
    expect(window.shown).toBe(2);
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
});
