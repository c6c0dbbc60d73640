import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { randomEmail } from '../customer.ts';
import type { Demo } from '../useDemo.ts';
import { Action, Field, Section } from '../ui.tsx';

/** Step 2: a customer with a Grid embedded-wallet account (provisioned by the emulator). */
export function CustomerPanel({ demo }: { demo: Demo }) {
  const { account, busy, run } = demo;
  const [email, setEmail] = useState(randomEmail);
  const [phoneNumber, setPhoneNumber] = useState('+15555550123');
  const [scaRequired, setScaRequired] = useState(false);

  const create = () =>
    run('Create demo customer', async () => {
      const created = await api.createCustomer(email.trim(), phoneNumber.trim(), scaRequired);
      account.setCustomer({
        email: created.customer.email,
        phoneNumber: created.customer.phoneNumber ?? phoneNumber.trim(),
        accountId: created.account.id,
        customerId: created.customer.id,
        emailCredentialId: created.credential.id,
      });
      setEmail(randomEmail());
      return `Created ${created.customer.email} with account ${created.account.id}`;
    });

  const forget = () =>
    run('Forget customer', async () => {
      account.setCustomer(null);
      return 'This page forgot the customer (the extension keeps its sessions until they expire or you disconnect)';
    });

  const customer = account.customer;
  return (
    <Section title="Demo customer">
      {customer ? (
        <>
          <dl>
            <dt>Email</dt>
            <dd>{customer.email}</dd>
            <dt>Phone</dt>
            <dd>{customer.phoneNumber}</dd>
            <dt>Account</dt>
            <dd>
              <code>{customer.accountId}</code>
            </dd>
          </dl>
          <Action disabled={busy} onClick={forget}>
            Forget customer
          </Action>
        </>
      ) : (
        <>
          <p>The emulator provisions an account whose first credential is an email code (EMAIL_OTP) to this address.</p>
          <Field label="Email" autoComplete="email" value={email} onInput={setEmail} />
          <Field label="Phone number" autoComplete="tel" value={phoneNumber} onInput={setPhoneNumber} maxLength={16} />
          <label class="check">
            <input type="checkbox" checked={scaRequired} onChange={(event) => setScaRequired(event.currentTarget.checked)} />
            Payments need an SMS code (Strong Customer Authentication, as for EU customers)
          </label>
          <Action disabled={busy} onClick={create}>
            Create demo customer
          </Action>
        </>
      )}
    </Section>
  );
}
