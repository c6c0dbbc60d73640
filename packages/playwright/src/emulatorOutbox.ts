/**
 * What the local Grid emulator "sent": its outbox of one-time codes, read over
 * its admin API (`GET /_emulator/outbox?to=…`, newest first).
 */
export interface SentCode {
  readonly to: string;
  readonly code: string;
}

export async function newestCode(emulatorUrl: string, to: string): Promise<string> {
  const response = await fetch(`${emulatorUrl.replace(/\/$/, '')}/_emulator/outbox?to=${encodeURIComponent(to)}`);
  if (!response.ok) throw new Error(`The emulator at ${emulatorUrl} answered ${response.status} for its outbox.`);
  const { data } = (await response.json()) as { data: SentCode[] };
  const [newest] = data;
  if (!newest) throw new Error(`The emulator at ${emulatorUrl} has sent no code to ${to}.`);
  return newest.code;
}
