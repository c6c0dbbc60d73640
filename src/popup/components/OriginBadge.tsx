import type { JSX } from 'preact';
import { t } from '../i18n.ts';
import { describeOrigin, type OriginConcern } from '../originInfo.ts';
import { Icon } from './Icon.tsx';

const CONCERN_TEXT = {
  insecure: 'originInsecure',
  'ip-address': 'originIpAddress',
  punycode: 'originPunycode',
} as const satisfies Record<OriginConcern, Parameters<typeof t>[0]>;

interface Props {
  origin: string;
  /** `large` on prompts (who is asking), `compact` in the toolbar's site list. */
  size?: 'large' | 'compact';
  /** The element the host is written in (a heading in lists), and its id for aria-labelledby. */
  as?: 'p' | 'h2' | 'h3';
  id?: string;
}

/**
 * Who is asking, written so it cannot be mistaken: the scheme and the whole host
 * (never truncated: look-alike subdomains hide at the end), and a warning for
 * plain http, a bare IP address or a punycode name.
 */
export function OriginBadge({ origin, size = 'large', as: Host = 'p', id }: Props): JSX.Element {
  const info = describeOrigin(origin);
  const worrying = info.concerns.length > 0;
  const icon = worrying ? 'alert' : info.local ? 'monitor' : 'lock';
  return (
    <div class={`origin origin--${size}${worrying ? ' origin--concern' : ''}`} title={origin}>
      <span class="origin__icon">
        <Icon name={icon} size={size === 'large' ? 20 : 16} />
      </span>
      <div class="origin__text">
        <Host class="origin__name" id={id}>
          <span class="origin__scheme">{info.scheme}://</span>
          <span class="origin__host">{info.host}</span>
          {info.port && <span class="origin__port">:{info.port}</span>}
        </Host>
        {info.concerns.map((concern) => (
          <p key={concern} class="origin__note origin__note--concern">
            {t(CONCERN_TEXT[concern])}
          </p>
        ))}
        {size === 'large' && !worrying && <p class="origin__note">{t(info.local ? 'originLocal' : 'originSecure')}</p>}
      </div>
    </div>
  );
}
