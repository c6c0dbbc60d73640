// The integrator's backend for the installed-packages test: serves the plain page,
// the SDK bundle, the React app and the docs' samples, creates a demo customer at the emulator, and relays /api/grid/*
// to Grid (here the emulator) through @grid-wallet/relay, with the API token, which
// the page never sees, and a check that each call names only this customer's things.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createGridRelay } from '@grid-wallet/relay';

// The ES module build (the `import` condition), which the page loads.
const SDK_BUNDLE = fileURLToPath(import.meta.resolve('@grid-wallet/sdk'));

const files = {
  '/': ['app/index.html', 'text/html'],
  '/page.js': ['build/page.js', 'text/javascript'],
  '/sdk/index.js': [SDK_BUNDLE, 'text/javascript'],
  // The React app (react/), bundled by esbuild with react, react-dom, @grid-wallet/react and the SDK.
  '/react/': ['react/index.html', 'text/html'],
  '/react.js': ['build/react.js', 'text/javascript'],
};

async function bodyOf(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Node's http → the Fetch API's Request, which the relay takes. */
async function toRequest(request) {
  const headers = Object.entries(request.headers).filter(([, value]) => typeof value === 'string');
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await bodyOf(request);
  return new Request(new URL(request.url, 'http://localhost'), { method: request.method, headers, body });
}

/**
 * This app has one signed-in user, the customer it created; a real app looks the
 * user up from its own session. Sessions and quotes are Grid's answers to this
 * user's calls; a real app records which are whose and checks them too.
 */
function ownsEverything(customer) {
  return ({ ids, body }) => {
    if (!customer) return false;
    const accountIds = [ids.accountId, body?.accountId, body?.source?.accountId].filter((id) => id !== undefined);
    return accountIds.every((id) => id === customer.accountId) && (ids.AuthMethod ?? customer.credentialId) === customer.credentialId;
  };
}

export async function startIntegratorApp(emulatorUrl) {
  let customer;
  const relay = createGridRelay({
    gridUrl: emulatorUrl,
    apiToken: { id: 'emulator-token', secret: 'emulator-secret' },
    authorize: (call) => ownsEverything(customer)(call),
  });
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://app');
    // The docs' browser samples: /samples/<name>/ runs build/samples/<name>.js (scripts/testInstalledPackages.ts).
    const sample = /^\/samples\/([\w-]+)(\/|\.js)$/.exec(pathname);
    const file = sample
      ? sample[2] === '/'
        ? ['samples/index.html', 'text/html']
        : [`build/samples/${sample[1]}.js`, 'text/javascript']
      : files[pathname];
    if (request.method === 'GET' && file) {
      const [path, type] = file;
      return void response
        .writeHead(200, { 'content-type': type })
        .end(await readFile(path.startsWith('/') ? path : new URL(path, import.meta.url)));
    }
    if (request.method === 'POST' && pathname === '/api/customers') {
      const { email } = JSON.parse((await bodyOf(request)).toString('utf8'));
      const created = await fetch(`${emulatorUrl}/_emulator/accounts`, { method: 'POST', body: JSON.stringify({ email }) });
      const { account, credential } = await created.json();
      customer = { accountId: account.id, credentialId: credential.id, email };
      return void response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(customer));
    }
    const answer = await relay(await toRequest(request));
    response.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${server.address().port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        // Chromium opens a spare socket to the page's origin that carries no request; Node counts it as
        // busy, not idle, and would hold close() until its headersTimeout (60 s) ended it.
        server.closeAllConnections();
      }),
  };
}
