import type messages from '../../public/_locales/en/messages.json';

/**
 * Every string the popup shows comes from `_locales/<lang>/messages.json`
 * through the browser's i18n API, so a translation needs no code change.
 * Messages take their arguments as `$1`…`$9`.
 */
export type MessageKey = keyof typeof messages;

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  return chrome.i18n.getMessage(key, substitutions.map(String)) || key;
}

/** The language the browser shows its own UI in, for `lang` and Intl formatting. */
export function uiLanguage(): string {
  return chrome.i18n.getUILanguage();
}
