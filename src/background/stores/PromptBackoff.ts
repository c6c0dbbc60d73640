import type { SessionStorage } from '../sessionStorage.ts';

/** How long a paused site's prompts stay refused at the 1st, 2nd, 3rd, … pause (the last step repeats). */
export const PROMPT_BACKOFF_STEPS_MS = [10_000, 60_000, 10 * 60_000, 60 * 60_000] as const;

/** Prompts in a row a site's page may abandon (a reload while one waits, say) before it pauses: the first is free. */
export const FREE_STRIKES = 1;

const PREFIX = 'promptBackoff:';

interface BackoffState {
  /** Strikes in a row: prompts the page abandoned, connect prompts the user turned down. */
  strikes: number;
  /** Epoch ms until which the site's prompting requests answer 4001 without a prompt (0: not paused). */
  until: number;
}

export interface PausedSite {
  origin: string;
  until: number;
}

/**
 * Per site, for every prompt kind (docs/security-model.md §3.10): a page that
 * abandons its prompts (navigates away or closes while one waits, or disconnects
 * itself) or whose connect prompt the user turns down may not open another for a
 * growing while, so it cannot reopen a prompt at once, forever. A turned-down
 * connect pauses at once; abandoned prompts pause from the second in a row.
 * Kept in `storage.session`: it survives the worker stopping, and a browser
 * restart forgets it. Any approval for the site, or "Allow again" in the toolbar, clears it.
 */
export class PromptBackoff {
  constructor(
    private readonly storage: SessionStorage,
    private readonly now: () => number,
  ) {}

  /** True while a pause still holds for this origin. */
  async isPaused(origin: string): Promise<boolean> {
    return ((await this.read(origin))?.until ?? 0) > this.now();
  }

  /** The user turned the site's connect prompt down: it pauses now, longer each time. */
  async rejectedConnect(origin: string): Promise<void> {
    await this.strike(origin, (strikes) => Math.max(strikes, FREE_STRIKES) + 1);
  }

  /** One of the site's prompts was abandoned by its page: from the second in a row, the site pauses. */
  async abandoned(origin: string): Promise<void> {
    await this.strike(origin, (strikes) => strikes + 1);
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

  private async strike(origin: string, next: (strikes: number) => number): Promise<void> {
    const strikes = next((await this.read(origin))?.strikes ?? 0);
    const pause = strikes - FREE_STRIKES; // 1 for the first pause
    const until = pause > 0 ? this.now() + PROMPT_BACKOFF_STEPS_MS[Math.min(pause, PROMPT_BACKOFF_STEPS_MS.length) - 1]! : 0;
    await this.storage.set({ [PREFIX + origin]: { strikes, until } satisfies BackoffState });
  }

  private async read(origin: string): Promise<BackoffState | undefined> {
    return (await this.storage.get(PREFIX + origin))[PREFIX + origin] as BackoffState | undefined;
  }
}
