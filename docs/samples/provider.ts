// Assumed: the extension's provider on window and its announcement event (docs/protocol.md, Discovery).
declare global {
  interface Window {
    gridWallet: import('@grid-wallet/sdk').GridWallet['provider'];
  }
  interface WindowEventMap {
    'grid-wallet:announceProvider': CustomEvent<{ provider: Window['gridWallet'] }>;
  }
}
