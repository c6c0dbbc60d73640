import { createEmulator } from './server.ts';
import { parseCliFlags, USAGE, UsageError } from './options.ts';
import { watchOwner } from './owner.ts';

/**
 * `grid-emulator [flags]` (here: `npm run emulator -- [flags]`): starts the emulator and
 * prints where it is and how to call it. It stops, closing the server and exiting 0, on
 * SIGINT, SIGTERM or SIGHUP, and (unless `--keep-running`) when whoever started it goes
 * away (owner.ts).
 */

function banner(url: string, o: Awaited<ReturnType<typeof createEmulator>>['options']): string {
  return [
    `Grid + Authsignal emulator listening on ${url} (pid ${process.pid})`,
    `  Grid API     ${url}/grid/2025-10-13   Basic ${o.apiToken.id}:${o.apiToken.secret}`,
    `  Authsignal   ${url}/v1                Basic ${o.authsignalSecret}: (empty password)`,
    `  Admin        ${url}/_emulator         no auth (accounts, outbox, clock, enclave, oauth/token)`,
    `  OTP mode ${o.otpMode}${o.legacyPlaintextOtp ? ' + legacy plaintext verify' : ''} · session TTL ${o.sessionTtlSeconds} s · WebAuthn origins ${o.webauthnOrigins.join(', ')}`,
    '  Routes and options: the README of @grid-wallet/emulator. Ctrl-C to stop.',
  ].join('\n');
}

function flagsOrExit(argv: string[]): ReturnType<typeof parseCliFlags> {
  try {
    return parseCliFlags(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const flags = flagsOrExit(process.argv.slice(2));
  if (flags === 'help') {
    console.log(USAGE);
    return;
  }
  const { keepRunning, ...options } = flags;
  const emulator = await createEmulator({ ...options, log: (line) => console.log(line) });
  console.log(banner(emulator.url, emulator.options));
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`The emulator did not close cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  // once: a second Ctrl-C kills it outright.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
  // Nothing is printed then: whoever would read it is gone.
  if (!keepRunning) watchOwner(stop);
}

main().catch((error: unknown) => {
  console.error(`The emulator could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
