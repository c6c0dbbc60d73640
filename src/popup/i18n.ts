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

/**
 * The language for `lang` and Intl formatting: the one the messages on screen are in
 * (`messagesLocale`, which the browser chose from its own language), refined by the
 * browser's UI language when that is a variant of it ("es-MX" for Spanish messages). So
 * an amount is never written in one language's format beside another language's words.
 */
export function uiLanguage(): string {
  const messages = t('messagesLocale');
  const browser = chrome.i18n.getUILanguage();
  return browser.split('-')[0] === messages.split('-')[0] ? browser : messages;
}
