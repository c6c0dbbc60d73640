/**
 * Decides whether a click in the approval window is the customer's deliberate
 * answer to what the window shows (docs/security-model.md §3.12): it counts only
 * if the press that produced it began while the window was armed. A mouse or
 * touch click began at its pointer-down; a keyboard click (Enter activates on
 * key-down, Space on key-up) began at the first key-down of that key, so a key
 * held, or auto-repeating, since before the window could be seen never counts.
 * Times are event time stamps (the `performance.now()` clock).
 */
export class PressGate {
  /** When the window last became armed; undefined while it is not. */
  private armedAt: number | undefined;
  private pointerDownAt = Number.NEGATIVE_INFINITY;
  /** The first (not auto-repeated) key-down of each key still down or last pressed. */
  private readonly keyDownAt = new Map<string, number>();
  /** When the key that is about to activate a control (Enter going down, Space coming up) was first pressed. */
  private activatingKeyDownAt = Number.NEGATIVE_INFINITY;

  get armed(): boolean {
    return this.armedAt !== undefined;
  }

  arm(at: number): void {
    this.armedAt = at;
  }

  disarm(): void {
    this.armedAt = undefined;
  }

  pointerDown(at: number): void {
    this.pointerDownAt = at;
  }

  keyDown(key: string, at: number, repeat: boolean): void {
    if (!repeat) this.keyDownAt.set(key, at);
    // An auto-repeat whose first key-down never reached this window began before it could be seen.
    else if (!this.keyDownAt.has(key)) this.keyDownAt.set(key, Number.NEGATIVE_INFINITY);
    if (key === 'Enter') this.activatingKeyDownAt = this.keyDownAt.get(key)!;
  }

  keyUp(key: string): void {
    if (key === ' ') this.activatingKeyDownAt = this.keyDownAt.get(key) ?? Number.NEGATIVE_INFINITY;
    this.keyDownAt.delete(key);
  }

  /** A click from a pointer (`detail > 0`) or from the keyboard, arriving now. */
  allowsClick(fromPointer: boolean): boolean {
    if (this.armedAt === undefined) return false;
    return (fromPointer ? this.pointerDownAt : this.activatingKeyDownAt) >= this.armedAt;
  }
}
