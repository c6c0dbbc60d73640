import { describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../testBackground.ts';
import { ApprovalWindow } from './approvalWindow.ts';

/** A browser with one approval window already open (id 7), recording what is asked of it. */
function openWindow(disarmWindow: () => Promise<unknown> = async () => undefined) {
  const calls: string[] = [];
  const windows = {
    create: async () => ({ id: 8 }),
    get: async (id: number) => {
      calls.push(`get ${id}`);
      return { id };
    },
    update: async (id: number, change: { state?: string }) => {
      calls.push(`update ${id} ${change.state ?? ''}`.trim());
      return { id };
    },
    remove: async () => undefined,
    getLastFocused: async () => ({}),
  };
  const storage = new MemoryStorage();
  const disarm = async () => {
    calls.push('disarm');
    return disarmWindow();
  };
  const window = new ApprovalWindow(windows as never, storage, 'approval.html', disarm);
  return { window, calls, storage, ready: storage.set({ approvalWindow: { id: 7 } }) };
}

describe('ApprovalWindow', () => {
  it('show: disarms the open window, then restores and focuses it', async () => {
    const { window, calls, ready } = openWindow();
    await ready;
    await window.show();
    expect(calls).toEqual(['get 7', 'disarm', 'update 7 normal']);
  });

  it('ensureOpen: leaves an open window where it is (minimised stays minimised)', async () => {
    const { window, calls, ready } = openWindow();
    await ready;
    await window.ensureOpen();
    expect(calls).toEqual(['get 7']);
  });

  it('show: a window that never answers the disarm is still brought back, after the wait', async () => {
    vi.useFakeTimers();
    const { window, calls, ready } = openWindow(() => new Promise(() => undefined));
    await ready;
    const showing = window.show();
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toEqual(['get 7', 'disarm']);
    await vi.advanceTimersByTimeAsync(1);
    await showing;
    expect(calls).toEqual(['get 7', 'disarm', 'update 7 normal']);
    vi.useRealTimers();
  });

  it("a closed window's onRemoved does not erase the record of the window opened right after it", async () => {
    // We closed window 7 (the Resend answer emptied the queue); the site's next prompt opens window 8
    // while the browser is still telling us 7 is gone.
    const { window, storage, ready } = openWindow();
    await ready;
    await storage.set({ approvalWindow: { id: 7, closing: true } });
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => (release = done));
    const remove = storage.remove.bind(storage);
    storage.remove = async (keys) => {
      await held;
      return remove(keys);
    };
    const removedSeven = window.removed(7);
    const opened = window.ensureOpen();
    await new Promise((done) => setTimeout(done, 0));
    release();
    expect(await removedSeven).toBe('us');
    await opened;
    expect((await storage.get('approvalWindow')).approvalWindow).toEqual({ id: 8 });
  });
});
