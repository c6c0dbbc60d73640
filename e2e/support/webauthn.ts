import type { Page } from '@playwright/test';

/**
 * A CDP virtual authenticator (platform, user verification on) attached to one
 * page: WebAuthn calls in other pages do not see it. Credentials it creates are
 * collected as they appear (the window may close right after), so they can be
 * added to the authenticator of a later approval window.
 */
export type VirtualCredential = {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
};

export async function attachAuthenticator(page: Page, credentials: VirtualCredential[] = []) {
  const cdp = await page.context().newCDPSession(page);
  const created: VirtualCredential[] = [];
  cdp.on('WebAuthn.credentialAdded', ({ credential }) => void created.push(credential));
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  for (const credential of credentials) await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
  return { created };
}
