import type { Windows } from 'webextension-polyfill';
import type { ApprovalStorage } from './ApprovalQueue.ts';

const WIDTH = 400;
const HEIGHT = 640;
const WINDOW_KEY = 'approvalWindow';

interface WindowState {
  id: number;
  /** Set when we close it ourselves, so that close is not mistaken for the user's "reject everything". */
  closing?: boolean;
}

/**
 * The one approval window (docs/architecture.md §5): reused and focused rather than opened
 * again, positioned near the top right of the window the user was looking at.
 * Its id lives in `storage.session` so a restarted worker still knows it.
 */
export class ApprovalWindow {
  private opening: Promise<void> | null = null;

  constructor(
    private readonly windows: Pick<Windows.Static, 'create' | 'get' | 'update' | 'remove' | 'getLastFocused'>,
    private readonly storage: ApprovalStorage,
    private readonly url: string,
  ) {}

  show(): Promise<void> {
    // Serialised: ten requests arriving together must still open one window.
    this.opening ??= this.focusOrCreate().finally(() => (this.opening = null));
    return this.opening;
  }

  async close(): Promise<void> {
    const state = await this.state();
    if (!state) return;
    await this.storage.set({ [WINDOW_KEY]: { ...state, closing: true } satisfies WindowState });
    await this.windows.remove(state.id).catch(() => undefined);
  }

  /**
   * Called from `windows.onRemoved`: 'user' when the person closed our window
   * (everything pending must be rejected), 'us' when we did, null when not ours.
   */
  async removed(windowId: number): Promise<'user' | 'us' | null> {
    const state = await this.state();
    if (state?.id !== windowId) return null;
    await this.storage.remove([WINDOW_KEY]);
    return state.closing ? 'us' : 'user';
  }

  private async focusOrCreate(): Promise<void> {
    // Asked together: creating the window is what the customer waits for.
    const [state, position] = await Promise.all([this.state(), this.position()]);
    if (state && !state.closing) {
      try {
        // state 'normal' too: focusing alone leaves a minimised window minimised (seen in Chromium).
        await this.windows.update(state.id, { state: 'normal', focused: true, drawAttention: true });
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
