import type { ApprovalStorage } from '../approvals/ApprovalQueue.ts';

/** How long wallet_connect stays refused after the 1st, 2nd, 3rd, … rejected connect prompt (the last step repeats). */
export const CONNECT_BACKOFF_STEPS_MS = [10_000, 60_000, 10 * 60_000, 60 * 60_000] as const;

const PREFIX = 'connectBackoff:';

interface BackoffState {
  /** Rejected connect prompts in a row. */
  strikes: number;
  /** Epoch ms until which wallet_connect answers 4001 without a prompt. */
  until: number;
}

export interface PausedSite {
  origin: string;
  until: number;
}

/**
 * After the user turns a site's connect prompt down, that site may not ask
 * again for a growing while, so a hostile page cannot reopen the prompt at once,
 * forever. Kept in `storage.session`: it survives the worker stopping, and a
 * browser restart forgets it. A successful connect, or "Allow again" in the
 * toolbar, clears it.
 */
export class ConnectBackoff {
  constructor(
    private readonly storage: ApprovalStorage,
    private readonly now: () => number,
  ) {}

  /** True while a recent rejection still holds for this origin. */
  async isPaused(origin: string): Promise<boolean> {
    const state = await this.read(origin);
    return state !== undefined && state.until > this.now();
  }

  /** Counts one more rejected connect prompt and starts the next, longer, pause. */
  async rejected(origin: string): Promise<void> {
    const strikes = ((await this.read(origin))?.strikes ?? 0) + 1;
    const pause = CONNECT_BACKOFF_STEPS_MS[Math.min(strikes, CONNECT_BACKOFF_STEPS_MS.length) - 1]!;
    await this.storage.set({ [PREFIX + origin]: { strikes, until: this.now() + pause } satisfies BackoffState });
  }

  async clear(origin: string): Promise<void> {
    await this.storage.remove([PREFIX + origin]);
  }

  /** Sites whose pause still runs, for the toolbar. */
  async paused(): Promise<PausedSite[]> {
    const now = this.now();
    return Object.entries(await this.storage.get(null))
      .filter(([key, state]) => key.startsWith(PREFIX) && (state as BackoffState).until > now)
      .map(([key, state]) => ({ origin: key.slice(PREFIX.length), until: (state as BackoffState).until }));
  }

  private async read(origin: string): Promise<BackoffState | undefined> {
    return (await this.storage.get(PREFIX + origin))[PREFIX + origin] as BackoffState | undefined;
  }
}
