/**
 * The demo customer this page works with, remembered across reloads (the
 * extension remembers its sessions too). Forgotten when Grid no longer knows
 * the account, e.g. after the emulator restarted.
 */
export interface Customer {
  email: string;
  phoneNumber: string;
  accountId: string;
  customerId: string;
  /** The EMAIL_OTP credential the account was provisioned with. */
  emailCredentialId: string;
}

const KEY = 'grid-demo.customer';

export function loadCustomer(): Customer | null {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Customer> | null;
    const complete =
      stored &&
      ['email', 'phoneNumber', 'accountId', 'customerId', 'emailCredentialId'].every(
        (k) => typeof stored[k as keyof Customer] === 'string',
      );
    return complete ? (stored as Customer) : null;
  } catch {
    return null;
  }
}

export function saveCustomer(customer: Customer | null): void {
  if (customer) localStorage.setItem(KEY, JSON.stringify(customer));
  else localStorage.removeItem(KEY);
}

/** A fresh address each time, so every run of the demo is a new customer. */
export function randomEmail(): string {
  return `demo-${crypto.randomUUID().slice(0, 8)}@example.com`;
}
