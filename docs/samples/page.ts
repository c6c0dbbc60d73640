// Assumed by a page sample: the transport through your relay (docs/integrator-guide.md §3), the connected wallet, a signed-in session.
declare const transport: import('@grid-wallet/sdk').GridTransport;
declare const wallet: import('@grid-wallet/sdk').GridWallet;
declare const sessionId: string;
