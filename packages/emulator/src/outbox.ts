import { rfc3339, type Clock } from './clock.ts';

/**
 * Where "sent" one-time codes land instead of a real email or SMS. Tests and the
 * demo read it through `GET /_emulator/outbox`. Codes are never logged.
 */
export type Channel = 'EMAIL' | 'SMS' | 'WHATSAPP';

export interface OutboxMessage {
  readonly to: string;
  readonly channel: Channel;
  readonly code: string;
  /** Grid OTP credential the code belongs to, or the Authsignal challenge. */
  readonly credentialId?: string;
  readonly challengeId?: string;
  readonly sentAt: string;
}

export interface Outbox {
  deliver(message: Omit<OutboxMessage, 'sentAt'>): void;
  /** Newest first; only messages to `to` when given. */
  list(to?: string): OutboxMessage[];
}

export function createOutbox(clock: Clock): Outbox {
  const messages: OutboxMessage[] = [];
  return {
    deliver: (message) => void messages.push({ ...message, sentAt: rfc3339(clock.now()) }),
    list: (to) => messages.filter((m) => to === undefined || m.to === to).reverse(),
  };
}
