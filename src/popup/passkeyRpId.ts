/**
 * The RP ID the extension claims for a site's passkeys (docs/architecture.md §6): the
 * registrable domain of the origin the browser reported for the sender, never anything the
 * page says. The browser lets the extension claim it through its host permissions, and a
 * relying party configured for the site's domain verifies it as usual.
 *
 * The registrable domain needs the whole Public Suffix List, private entries included
 * (`foo.github.io` is its own registrable domain): tldts ships it. It is computed here, in the
 * approval window, and loaded when a passkey prompt shows: the list is larger than the whole
 * service worker, and a service worker cannot `import()` it on demand. The window reads the
 * origin from the background's view, which took it from the browser's MessageSender.
 *
 * Returns undefined for a site that cannot have a passkey: an IP address (http://127.0.0.1,
 * allowed for development) has no domain. `localhost` stands for itself, as browsers treat it.
 */
export async function passkeyRpId(origin: string): Promise<string | undefined> {
  const { protocol, hostname } = new URL(origin);
  if (hostname === 'localhost') return hostname;
  if (protocol !== 'https:') return undefined;
  const { getDomain } = await import('tldts');
  return getDomain(hostname, { allowPrivateDomains: true }) ?? undefined;
}
