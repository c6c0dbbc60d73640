import type { Windows } from 'webextension-polyfill';
import type { SessionStorage } from '../sessionStorage.ts';

const WIDTH = 400;
const HEIGHT = 640;
const WINDOW_KEY = 'approvalWindow';
/** How long to wait for the window to disarm before bringing it back anyway: a hung page must not hold up the queue. */
const DISARM_WAIT_MS = 1_000;

interface WindowState {
  id: number;
  /** Set when we close it ourselves, so that close is not mistaken for the user's "reject everything". */
  closing?: boolean;
}

/**
 * The one approval window (docs/architecture.md §5): reused rather than opened again,
 * positioned near the top right of the window the user was looking at.
 * Its id lives in `storage.session` so a restarted worker still knows it.
 */
export class ApprovalWindow {
  private opening: Promise<void> | null = null;
  /** Every read-then-write of the window's record runs alone: a close's `onRemoved` must not erase the record of the window opened just after it. */
  private recordLock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly windows: Pick<Windows.Static, 'create' | 'get' | 'update' | 'remove' | 'getLastFocused'>,
    private readonly storage: SessionStorage,
    private readonly url: string,
    /** Tells the open window it is about to come back, and resolves once it has disarmed (useArmed). */
    private readonly disarmWindow: () => Promise<unknown>,
  ) {}

  /** Opens the window, or brings it back to the front (restored and focused). */
  show(): Promise<void> {
    return this.serialised(() => this.focusOrCreate(true));
  }

  /**
   * Opens the window if there is none, but leaves an existing one where it is:
   * a site's new request must not pull its own waiting prompt back in front of
   * the customer (docs/security-model.md §3.12).
   */
  ensureOpen(): Promise<void> {
    return this.serialised(() => this.focusOrCreate(false));
  }

  /** Ten requests arriving together must still open one window. */
  private serialised(work: () => Promise<void>): Promise<void> {
    this.opening ??= this.exclusive(work).finally(() => (this.opening = null));
    return this.opening;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const done = this.recordLock.then(work, work);
    this.recordLock = done.catch(() => undefined);
    return done;
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      const state = await this.state();
      if (!state) return;
      await this.storage.set({ [WINDOW_KEY]: { ...state, closing: true } satisfies WindowState });
      await this.windows.remove(state.id).catch(() => undefined);
    });
  }

  /**
   * Called from `windows.onRemoved`: 'user' when the person closed our window
   * (everything pending must be rejected), 'us' when we did, null when not ours.
   */
  removed(windowId: number): Promise<'user' | 'us' | null> {
    return this.exclusive(async () => {
      const state = await this.state();
      if (state?.id !== windowId) return null;
      await this.storage.remove([WINDOW_KEY]);
      return state.closing ? 'us' : 'user';
    });
  }

  private async focusOrCreate(bringForward: boolean): Promise<void> {
    // Asked together: creating the window is what the customer waits for.
    const [state, position] = await Promise.all([this.state(), this.position()]);
    if (state && !state.closing) {
      try {
        // state 'normal' too: focusing alone leaves a minimised window minimised (seen in Chromium).
        await this.windows.get(state.id);
        if (bringForward) {
          await Promise.race([this.disarmWindow().catch(() => undefined), new Promise((done) => setTimeout(done, DISARM_WAIT_MS))]);
          await this.windows.update(state.id, { state: 'normal', focused: true, drawAttention: true });
        }
        return;
      } catch {
        // The window is gone (the browser restarted, or it was closed while the worker slept).
      }
    }
    const options = { url: this.url, type: 'popup', width: WIDTH, height: HEIGHT, focused: true } as const;
    // A position off the visible screen (odd monitor layouts, headless) is refused: fall back to the default place.
    const created = await this.windows.create({ ...options, ...position }).catch(() => this.windows.create(options));
    if (created.id === undefined) return;
    await this.storage.set({ [WINDOW_KEY]: { id: created.id } satisfies WindowState });
    // Firefox ignores left/top on create; placing it afterwards works in both browsers.
    if (position.left !== undefined) await this.windows.update(created.id, position).catch(() => undefined);
  }

  private async position(): Promise<{ left?: number; top?: number }> {
    try {
      const last = await this.windows.getLastFocused();
      if (last.left === undefined || last.top === undefined || last.width === undefined) return {};
      return { left: Math.max(last.left + last.width - WIDTH - 16, 0), top: last.top + 72 };
    } catch {
      return {};
    }
  }

  private async state(): Promise<WindowState | undefined> {
    return (await this.storage.get(WINDOW_KEY))[WINDOW_KEY] as WindowState | undefined;
  }
}
