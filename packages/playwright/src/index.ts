/**
 * Playwright kit for apps that use the Grid Wallet extension: launch Chromium or
 * Firefox ESR with the extension, answer its prompts as the customer would, and
 * read one-time codes from the local Grid emulator.
 */
export { APPROVAL_PATH, isCurrentApprovalWindow, TOOLBAR_PATH, unlessWindowClosed } from './approvalWindow.ts';
export { type NewestCodeOptions, newestCode, type SentCode } from './emulatorOutbox.ts';
export { BrowserNotFoundError, type BrowserLookup, resolveBrowser } from './browsers.ts';
export { expect, type GridWalletFixtures, test } from './fixtures.ts';
export { addFirefoxAuthenticator, type FirefoxAuthenticator } from './firefoxAuthenticator.ts';
export {
  CHROME_EXTENSION_ID,
  chromiumLaunchOptions,
  FIREFOX_EXTENSION_UUID,
  GECKO_ID,
  type LaunchedWallet,
  type LaunchOptions,
  launchWithWallet,
  SHIPPED_CHROME_BUILD,
  SHIPPED_FIREFOX_XPI,
  type WalletBrowser,
} from './launch.ts';
export { attachAuthenticator, type AttachedAuthenticator, type VirtualCredential } from './virtualAuthenticator.ts';
export {
  type ApproveOptions,
  CODE_PROMPT_TITLE,
  type PromptButton,
  type PromptOptions,
  press,
  type SignInWithCodeOptions,
  type SigningGrant,
  WalletPrompts,
} from './wallet.ts';
