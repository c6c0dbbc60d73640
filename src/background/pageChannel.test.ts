import { describe, expect, it } from 'vitest';
import { PageChannel } from './pageChannel.ts';
import { MemoryStorage } from './testBackground.ts';

const ORIGIN = 'https://shop.example';

/** Storage whose writes are counted, and whose reads can answer late: with what it held when asked, as the browser's do. */
class WatchedStorage extends MemoryStorage {
  writes = 0;
  private releaseRead?: () => void;
  holdReads() {
    const held = new Promise<void>((resolve) => (this.releaseRead = resolve));
    const read = this.get.bind(this);
    this.get = async (keys) => {
      const snapshot = read(keys);
      await held;
      return snapshot;
    };
  }
  release() {
    this.releaseRead?.();
  }
  override async set(items: Record<string, unknown>) {
    this.writes++;
    await super.set(items);
  }
}

const noTabs: ConstructorParameters<typeof PageChannel>[1] = { sendMessage: async () => undefined as never };

describe('PageChannel: the tabs it knows', () => {
  it('a restarted worker does not write again the tab its storage already holds for that document', async () => {
    const storage = new WatchedStorage();
    await new PageChannel(storage, noTabs).remember(7, ORIGIN, 'bridge-1');
    expect(storage.writes).toBe(1);

    const restarted = new PageChannel(storage, noTabs);
    await restarted.remember(7, ORIGIN, 'bridge-1');
    expect(storage.writes).toBe(1);
    await restarted.remember(7, 'https://other.example', 'bridge-2'); // a new document in that tab
    expect(storage.writes).toBe(2);
    expect(await storage.get('tab:7')).toEqual({ 'tab:7': { origin: 'https://other.example', bridgeId: 'bridge-2' } });
  });

  it('a tab forgotten before the first read came back is written again, not taken as known', async () => {
    const storage = new WatchedStorage();
    await storage.set({ 'tab:7': { origin: ORIGIN, bridgeId: 'bridge-1' } });
    storage.holdReads();
    const channel = new PageChannel(storage, noTabs);
    const forgetting = channel.forget(7);
    storage.release();
    await forgetting;

    await channel.remember(7, ORIGIN, 'bridge-1');
    expect(await storage.get('tab:7')).toEqual({ 'tab:7': { origin: ORIGIN, bridgeId: 'bridge-1' } });
  });

  it('a storage that cannot be read leaves every tab to be written, as before', async () => {
    const storage = new WatchedStorage();
    storage.get = () => Promise.reject(new Error('unreadable'));
    await new PageChannel(storage, noTabs).remember(7, ORIGIN, 'bridge-1');
    expect(storage.writes).toBe(1);
  });
});
