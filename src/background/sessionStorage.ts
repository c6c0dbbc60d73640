/**
 * The key-value area the background keeps what must outlive the worker but not the
 * browser in: `storage.session` (the approval queue, the page channel's known tabs,
 * prompt back-off, the approval window, storage trouble). Tests use an in-memory one.
 */
export interface SessionStorage {
  get(keys: null | string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}
