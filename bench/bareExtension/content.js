// The bare extension's bridge: the page's { bareBench: 'ask' } goes over one long-lived port, kept as the wallet's
// content script keeps its own (src/content/backgroundLink.ts), and the answer comes back as { bareBench: 'answer' }.
const api = globalThis.browser ?? globalThis.chrome;
let port = null;

function connect() {
  port = api.runtime.connect({ name: 'bare' });
  port.onMessage.addListener((answer) => window.postMessage({ bareBench: 'answer', ...answer }, window.location.origin));
  port.onDisconnect.addListener(() => {
    port = null;
  });
  return port;
}

window.addEventListener('message', (event) => {
  if (event.source !== window || event.data?.bareBench !== 'ask') return;
  try {
    (port ?? connect()).postMessage({ id: event.data.id });
  } catch {
    connect().postMessage({ id: event.data.id }); // the worker stopped before onDisconnect ran
  }
});
