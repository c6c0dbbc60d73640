/**
 * What the local Grid emulator "sent": its outbox of one-time codes, read over
 * its admin API (`GET /_emulator/outbox?to=…`, newest first).
 */
export interface SentCode {
  readonly to: string;
  readonly code: string;
}

export interface NewestCodeOptions {
  /** How long to wait for a code to arrive, in ms. Default 15 000. */
  readonly timeout?: number;
}

const POLL_MS = 100;

/**
 * The newest code the emulator at `emulatorUrl` sent to `to` (an email or phone
 * number), waiting for one to arrive: the code is sent when the page asks Grid
 * for a challenge, which may be a moment after the click that starts it.
 */
export async function newestCode(emulatorUrl: string, to: string, options: NewestCodeOptions = {}): Promise<string> {
  const timeout = options.timeout ?? 15_000;
  const url = `${emulatorUrl.replace(/\/$/, '')}/_emulator/outbox?to=${encodeURIComponent(to)}`;
  const deadline = Date.now() + timeout;
  for (;;) {
    const response = await fetch(url).catch((error: unknown) => {
      throw new Error(`The emulator at ${emulatorUrl} did not answer for its outbox: ${error instanceof Error ? error.message : error}`);
    });
    if (!response.ok) throw new Error(`The emulator at ${emulatorUrl} answered ${response.status} for its outbox.`);
    const [newest] = ((await response.json()) as { data: SentCode[] }).data;
    if (newest) return newest.code;
    if (Date.now() >= deadline) throw new Error(`Waited ${timeout} ms, but the emulator at ${emulatorUrl} sent no code to ${to}.`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
