import { ErrorCode, GridApiError, GridWalletError } from '@grid-wallet/sdk';

/** How the page words things: errors, masked contacts, times. Pure functions. */

export function describeError(error: unknown): string {
  if (error instanceof GridWalletError) {
    if (error.code === ErrorCode.userRejected) return 'You rejected the request in the extension.';
    return `${error.message} (extension error ${error.code})`;
  }
  if (error instanceof GridApiError) return `${error.message} (${error.status} ${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

/** `+15555550123` → `+1•••••••123`: enough for the user to recognise their phone in the prompt. */
export function maskPhone(phoneNumber: string): string {
  return phoneNumber.length <= 6 ? phoneNumber : phoneNumber.slice(0, 2) + '•'.repeat(phoneNumber.length - 5) + phoneNumber.slice(-3);
}

/** `Session:0193…` → `Session:0193…4b2f` for tables; the full id stays in the title attribute. */
export function shortId(id: string): string {
  const colon = id.indexOf(':');
  const raw = id.slice(colon + 1);
  return raw.length <= 12 ? id : `${id.slice(0, colon + 1)}${raw.slice(0, 4)}…${raw.slice(-4)}`;
}

export function timeOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}
