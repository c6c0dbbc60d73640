import type { ComponentChildren } from 'preact';
import { Icon } from './Icon.tsx';

interface Props {
  tone: 'danger' | 'warning' | 'info';
  title?: string;
  /** `alert` for something that just went wrong (read out at once). */
  role?: 'alert' | 'status';
  children: ComponentChildren;
}

/** A boxed message: a warning before a risky action, or an error after one. */
export function Notice({ tone, title, role, children }: Props) {
  return (
    <div class={`notice notice--${tone}`} role={role}>
      <span class="notice__icon">
        <Icon name={tone === 'info' ? 'info' : 'alert'} />
      </span>
      <div class="notice__body">
        {title && <p class="notice__title">{title}</p>}
        <p>{children}</p>
      </div>
    </div>
  );
}
