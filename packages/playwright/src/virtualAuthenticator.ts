import type { Page } from '@playwright/test';

/**
 * A Chromium virtual authenticator (CDP WebAuthn domain: platform, user
 * verification on, presence simulated) attached to one page. WebAuthn calls in
 * other pages do not see it, so the credentials it creates are collected as they
 * appear (the window may close right after) and can be handed to the
 * authenticator of a later prompt.
 */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

export interface AttachedAuthenticator {
  /** Credentials created through this authenticator so far. */
  readonly created: VirtualCredential[];
}

export async function attachAuthenticator(page: Page, credentials: readonly VirtualCredential[] = []): Promise<AttachedAuthenticator> {
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
