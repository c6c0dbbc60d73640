import { createEmulator } from './server.ts';
import { parseCliFlags, USAGE, UsageError } from './options.ts';

/** `grid-emulator [flags]` (here: `npm run emulator -- [flags]`): starts the emulator and prints where it is and how to call it. */

function banner(url: string, o: Awaited<ReturnType<typeof createEmulator>>['options']): string {
  return [
    `Grid + Authsignal emulator listening on ${url}`,
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
  const emulator = await createEmulator({ ...flags, log: (line) => console.log(line) });
  console.log(banner(emulator.url, emulator.options));
  const stop = (): void => void emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`The emulator could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
