/**
 * Firefox add-on ids (manifest `browser_specific_settings.gecko.id`). Store builds
 * carry the store add-on's id; development builds (`npm run build`, which the
 * tests and the Playwright kit load) carry their own, so a test build installed
 * beside the store add-on never poses as it, nor replaces it.
 */
export const STORE_GECKO_ID = 'authenticator@grid-wallet.dev';
export const DEVELOPMENT_GECKO_ID = 'authenticator-development@grid-wallet.dev';

export const geckoId = (storeBuild: boolean): string => (storeBuild ? STORE_GECKO_ID : DEVELOPMENT_GECKO_ID);
