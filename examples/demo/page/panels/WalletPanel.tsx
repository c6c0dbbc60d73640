import { useState } from 'preact/hooks';
import { changeCustomerContact, createDelegatedKey, type DelegatedKey, exportWallet, setWalletPrivacy } from '@grid-wallet/sdk';
import { api, grid } from '../api.ts';
import type { Demo } from '../useDemo.ts';
import { Action, Field, Section } from '../ui.tsx';

/**
 * Step 7: the other actions a customer signs: export the wallet (the phrase
 * appears only in the extension), wallet privacy, a delegated key for a card,
 * and a new sign-in email.
 */
export function WalletPanel({ demo }: { demo: Demo }) {
  const { busy, run, account } = demo;
  const [newEmail, setNewEmail] = useState('');

  const exportPhrase = () =>
    run('Export wallet', async () => {
      const { shown } = await exportWallet(demo.needWallet(), grid, {
        sessionId: demo.needSession().sessionId,
        accountId: demo.needCustomer().accountId,
      });
      return shown ? 'The extension showed the recovery phrase in its own window (this page never received it)' : 'Export not shown';
    });

  const privacy = () =>
    run('Turn on wallet privacy', async () => {
      const updated = await setWalletPrivacy<{ privateEnabled: boolean }>(demo.needWallet(), grid, {
        sessionId: demo.needSession().sessionId,
        accountId: demo.needCustomer().accountId,
        privateEnabled: true,
      });
      return `Wallet privacy is ${updated.privateEnabled ? 'on' : 'off'}`;
    });

  const delegate = () =>
    run('Create delegated key', async () => {
      const customer = demo.needCustomer();
      const card = await api.createCard(customer.accountId);
      const key: DelegatedKey = await createDelegatedKey(demo.needWallet(), grid, {
        sessionId: demo.needSession().sessionId,
        accountId: customer.accountId,
        cardId: card.id,
        nickname: 'Demo card key',
        cardName: 'Demo debit card',
      });
      return `Delegated key ${key.id} is ${key.status} for ${key.cardId}`;
    });

  const changeEmail = () =>
    run('Change email', async () => {
      const customer = demo.needCustomer();
      const email = newEmail.trim();
      await changeCustomerContact(demo.needWallet(), grid, {
        sessionId: demo.needSession().sessionId,
        customerId: customer.customerId,
        email,
        currentEmail: customer.email,
      });
      account.setCustomer({ ...customer, email });
      setNewEmail('');
      return `Changed the sign-in email from ${customer.email} to ${email}`;
    });

  return (
    <Section title="Wallet">
      <div class="row">
        <Action disabled={busy} onClick={exportPhrase}>
          Export wallet
        </Action>
        <Action disabled={busy} onClick={privacy}>
          Turn on wallet privacy
        </Action>
        <Action disabled={busy} onClick={delegate}>
          Create delegated key
        </Action>
      </div>
      <div class="row">
        <Field label="New email" autoComplete="email" value={newEmail} onInput={setNewEmail} />
        <Action disabled={busy} onClick={changeEmail}>
          Change email
        </Action>
      </div>
    </Section>
  );
}
