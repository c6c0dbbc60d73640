import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

/**
 * A Firefox virtual authenticator (CTAP 2.1, internal transport, resident keys, user
 * verification on, consent simulated), for WebAuthn in the extension's approval window.
 * Playwright drives Firefox ESR over WebDriver BiDi, which has no WebAuthn commands; the
 * WebDriver classic ones live in Marionette, which the kit's Firefox also starts
 * (`--marionette`, port 0, written to the profile's `MarionetteActivePort`). Marionette's
 * WebAuthn commands need no session of their own (BiDi holds the one Firefox allows), and
 * the authenticator they add serves every window of the browser, so passkeys it creates
 * in one prompt are there for the next. The profile's prefs route WebAuthn to it
 * (`security.webauth.webauthn_enable_softtoken`) and away from USB keys.
 */

export interface FirefoxAuthenticator {
  /** Passkeys it holds: base64url credential id and the RP ID each was created under. */
  credentials(): Promise<Array<{ credentialId: string; rpId: string; userHandle?: string }>>;
  close(): void;
}

/** The prefs that send Firefox's WebAuthn to virtual authenticators, and start Marionette on a free port. */
export const FIREFOX_AUTHENTICATOR_PREFS = {
  'marionette.port': 0,
  'security.webauth.webauthn_enable_softtoken': true,
  'security.webauth.webauthn_enable_usbtoken': false,
} as const;

/** Marionette's framing: `<byte length>:<JSON>`; a command is [0, id, name, params], its answer [1, id, error, result]. */
class MarionetteClient {
  private buffer = Buffer.alloc(0);
  private readonly waiting: Array<(message: unknown) => void> = [];
  private next = 0;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const colon = this.buffer.indexOf(0x3a);
        if (colon < 0) return;
        const length = Number(this.buffer.subarray(0, colon).toString());
        if (this.buffer.length < colon + 1 + length) return;
        const message = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString());
        this.buffer = this.buffer.subarray(colon + 1 + length);
        this.waiting.shift()?.(message);
      }
    });
  }

  private receive(): Promise<unknown> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Waits for the server's greeting. */
  hello(): Promise<unknown> {
    return this.receive();
  }

  async command<T>(name: string, params: object): Promise<T> {
    const answer = this.receive();
    const text = JSON.stringify([0, ++this.next, name, params]);
    this.socket.write(`${Buffer.byteLength(text)}:${text}`);
    const [, , error, result] = (await answer) as [number, number, { message: string } | null, { value: T }];
    if (error) throw new Error(`Marionette ${name}: ${error.message}`);
    return result.value;
  }

  close(): void {
    this.socket.destroy();
  }
}

async function marionettePort(profileDir: string): Promise<number> {
  const file = join(profileDir, 'MarionetteActivePort');
  for (let attempt = 0; attempt < 100; attempt++) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (/^\d+$/.test(text.trim())) return Number(text.trim());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Firefox wrote no Marionette port to ${file}: launch it with the kit (--marionette)`);
}

/** Adds a virtual authenticator to the Firefox running on `profileDir`. */
export async function addFirefoxAuthenticator(profileDir: string): Promise<FirefoxAuthenticator> {
  const port = await marionettePort(profileDir);
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const marionette = new MarionetteClient(socket);
  await marionette.hello();
  const authenticatorId = await marionette.command<string>('WebAuthn:AddVirtualAuthenticator', {
    protocol: 'ctap2_1',
    transport: 'internal',
    hasResidentKey: true,
    hasUserVerification: true,
    isUserConsenting: true,
    isUserVerified: true,
  });
  return {
    credentials: () => marionette.command('WebAuthn:GetCredentials', { authenticatorId }),
    close: () => marionette.close(),
  };
}
