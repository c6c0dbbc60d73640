// The integrator's backend for the installed-packages test: serves the page and
// the SDK bundle, creates demo customers at the emulator, and relays /api/grid/*
// to Grid (here the emulator) with the API token, which the page never sees.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

// The ES module build (the `import` condition), which the page loads.
const SDK_BUNDLE = fileURLToPath(import.meta.resolve('@grid-wallet/sdk'));
const GRID_PREFIX = '/grid/2025-10-13';
const TOKEN = `Basic ${Buffer.from('emulator-token:emulator-secret').toString('base64')}`;

const files = {
  '/': ['app/index.html', 'text/html'],
  '/page.js': ['build/page.js', 'text/javascript'],
  '/sdk/index.js': [SDK_BUNDLE, 'text/javascript'],
};

async function bodyOf(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function relay(emulatorUrl, method, path, body, headers) {
  const response = await fetch(`${emulatorUrl}${path}`, { method, headers, ...(body && { body }) });
  return { status: response.status, text: await response.text() };
}

export async function startIntegratorApp(emulatorUrl) {
  const server = createServer(async (request, response) => {
    const { pathname, search } = new URL(request.url, 'http://app');
    if (request.method === 'GET' && files[pathname]) {
      const [path, type] = files[pathname];
      return void response
        .writeHead(200, { 'content-type': type })
        .end(await readFile(path.startsWith('/') ? path : new URL(path, import.meta.url)));
    }
    let answer;
    if (request.method === 'POST' && pathname === '/api/customers') {
      const { email } = JSON.parse(await bodyOf(request));
      const created = await relay(emulatorUrl, 'POST', '/_emulator/accounts', JSON.stringify({ email }), {
        'content-type': 'application/json',
      });
      const { account, credential } = JSON.parse(created.text);
      answer = { status: 201, text: JSON.stringify({ accountId: account.id, credentialId: credential.id, email }) };
    } else if (pathname.startsWith('/api/grid/')) {
      const headers = { authorization: TOKEN, 'content-type': 'application/json' };
      for (const name of ['grid-wallet-signature', 'request-id', 'idempotency-key'])
        if (request.headers[name]) headers[name] = request.headers[name];
      const body = request.method === 'GET' ? undefined : await bodyOf(request);
      answer = await relay(emulatorUrl, request.method, `${GRID_PREFIX}${pathname.slice('/api/grid'.length)}${search}`, body, headers);
    } else {
      answer = { status: 404, text: '{}' };
    }
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.status === 204 ? undefined : answer.text);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${server.address().port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}
