import { useState } from 'preact/hooks';
import { decimalToMinorUnits, minorUnitsToDecimal } from '@grid-wallet/core/amount';
import { payQuote, type Quote } from '@grid-wallet/sdk';
import { api, grid } from '../api.ts';
import { maskPhone } from '../format.ts';
import type { Demo } from '../useDemo.ts';
import { Action, Field, Section } from '../ui.tsx';

/** The emulator's embedded wallets hold US dollars (cents: 2 decimals). */
const WALLET_CURRENCY = { code: 'USD', decimals: 2 };

const money = (amount: number, currency: Quote['sendingCurrency']) =>
  `${minorUnitsToDecimal(amount, currency.decimals ?? 0)} ${currency.code ?? ''}`.trim();

/**
 * Step 6: a payment as Grid does it: the backend creates a quote from the
 * customer's embedded wallet; the extension shows the transaction with the
 * quote's amounts as this site's claim and signs the EMBEDDED_WALLET payload;
 * the quote is executed (and, for an SCA customer, authorized with an SMS code
 * typed in the extension).
 */
export function PaymentPanel({ demo }: { demo: Demo }) {
  const { busy, run } = demo;
  const [receiver, setReceiver] = useState('$ada@uma.example');
  const [amount, setAmount] = useState('12.50');
  const [currency, setCurrency] = useState('USD');

  const pay = () =>
    run('Send payment', async () => {
      const wallet = demo.needWallet();
      const customer = demo.needCustomer();
      const session = demo.needSession();
      const sendingAmount = decimalToMinorUnits(amount, WALLET_CURRENCY.decimals);
      if (sendingAmount === null || sendingAmount === 0)
        throw new Error(`Amount must be a positive number of ${WALLET_CURRENCY.code} with at most ${WALLET_CURRENCY.decimals} decimals`);
      const quote = await api.createQuote({
        accountId: customer.accountId,
        umaAddress: receiver.trim(),
        currency: currency.trim(),
        sendingAmount,
      });
      const done = await payQuote(wallet, grid, quote, { sessionId: session.sessionId, scaDestination: maskPhone(customer.phoneNumber) });
      const to = quote.destination.destinationType === 'UMA_ADDRESS' ? quote.destination.umaAddress : quote.destination.accountId;
      return `Payment ${done.status}: ${money(done.totalSendingAmount, done.sendingCurrency)} to ${to}, fee ${money(done.feesIncluded, done.sendingCurrency)} (${done.id})`;
    });

  return (
    <Section title="Payment">
      <div class="row">
        <Field label="Receiver (UMA address)" value={receiver} onInput={setReceiver} />
        <Field label={`Amount (${WALLET_CURRENCY.code})`} value={amount} onInput={setAmount} maxLength={20} />
        <Field label="Receiving currency" value={currency} onInput={setCurrency} maxLength={5} />
      </div>
      <Action disabled={busy} onClick={pay}>
        Send payment
      </Action>
    </Section>
  );
}
