/**
 * What a person needs to judge who is asking: the scheme and host written out,
 * and the things that make an origin worth a second look.
 */
export type OriginConcern = 'insecure' | 'ip-address' | 'punycode';

export interface OriginInfo {
  scheme: string;
  host: string;
  /** Empty for the scheme's default port. */
  port: string;
  /** host[:port], how lists and names refer to the site. */
  address: string;
  /** A site on this computer (development): http is expected there. */
  local: boolean;
  concerns: OriginConcern[];
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function describeOrigin(origin: string): OriginInfo {
  const url = new URL(origin);
  const host = url.hostname;
  const local = LOOPBACK.test(host);
  const concerns: OriginConcern[] = [];
  if (url.protocol !== 'https:' && !local) concerns.push('insecure');
  if (!local && (IPV4.test(host) || host.startsWith('['))) concerns.push('ip-address');
  if (host.split('.').some((label) => label.startsWith('xn--'))) concerns.push('punycode');
  return { scheme: url.protocol.slice(0, -1), host, port: url.port, address: url.host, local, concerns };
}
