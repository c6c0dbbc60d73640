// The bare extension's whole worker: it answers each port message with its clock origin and when its first line ran.
const firstLineAt = performance.timeOrigin + performance.now();
const api = globalThis.browser ?? globalThis.chrome;
api.runtime.onConnect.addListener((port) => {
  port.onMessage.addListener((message) => port.postMessage({ id: message.id, timeOrigin: performance.timeOrigin, firstLineAt }));
});
