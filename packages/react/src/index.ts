/**
 * `@grid-wallet/react`: the Grid Wallet SDK in a React app. One provider finds the
 * extension and follows this site's connection and sessions; hooks sign in with a
 * code and pay quotes, each with its pending state and typed error. The SDK stays
 * framework-free; this package only holds React state around its calls.
 */
export { GridWalletProvider, type GridWalletProviderProps, useGridWallet, type GridWalletState, type ConnectionState } from './provider.ts';
export { useAction, type Action, useSignInWithOtp, usePayQuote } from './actions.ts';
