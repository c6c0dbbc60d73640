import { describe, expect, it, vi } from 'vitest';
import { ReadCache } from './ReadCache.ts';

/** A load that counts its calls and answers `value` (or fails, for `Error`). */
function loader<V>(value: V | undefined | Error) {
  return vi.fn(async () => {
    if (value instanceof Error) throw value;
    return value;
  });
}

describe('ReadCache', () => {
  it('keeps what a read found until the next write', async () => {
    const cache = new ReadCache<string>(false);
    const load = loader('record');
    expect(await cache.read('a', load)).toBe('record');
    expect(await cache.read('a', load)).toBe('record');
    expect(load).toHaveBeenCalledTimes(1);
    await cache.invalidate(async () => undefined);
    await cache.read('a', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares one read between callers that ask while it is on its way', async () => {
    const cache = new ReadCache<string>(false);
    const load = loader('record');
    const [first, second] = await Promise.all([cache.read('a', load), cache.read('a', load)]);
    expect([first, second]).toEqual(['record', 'record']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps no miss unless told to: ids a page makes up leave nothing behind', async () => {
    const forgetting = new ReadCache<string>(false);
    const keeping = new ReadCache<string>(true);
    for (const cache of [forgetting, keeping]) {
      const load = loader<string>(undefined);
      for (let k = 0; k < 3; k++) expect(await cache.read('made-up', load)).toBeUndefined();
      expect(load).toHaveBeenCalledTimes(cache === forgetting ? 3 : 1);
    }
  });

  it('keeps no failed read', async () => {
    const cache = new ReadCache<string>(true);
    const failing = loader<string>(new Error('disk'));
    await expect(cache.read('a', failing)).rejects.toThrow('disk');
    expect(await cache.read('a', loader('record'))).toBe('record');
  });

  it('keeps no read that raced a write', async () => {
    const cache = new ReadCache<string>(false);
    let finish!: (value: string) => void;
    const racing = cache.read('a', () => new Promise<string>((resolve) => (finish = resolve)));
    await cache.invalidate(async () => finish('before the write'));
    expect(await racing).toBe('before the write');
    expect(await cache.read('a', loader('after the write'))).toBe('after the write');
  });
});
