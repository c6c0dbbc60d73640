/** `@grid-wallet/relay`: the backend half of a Grid Wallet integration, as one Fetch-API handler. */
export { createGridRelay, FORWARDED_HEADERS, GRID_PREFIX, type GridRelayOptions, type RelayedCall } from './relay.ts';
export { type GridMethod, type GridRoute, SDK_ROUTES } from './routes.ts';
