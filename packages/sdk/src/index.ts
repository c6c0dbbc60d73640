/**
 * What an integrator's page imports: a typed client for the Grid Wallet
 * extension plus the Grid auth flows built on it.
 */
export { GridWallet } from './GridWallet.ts';
export { ErrorCode, GridApiError, GridSdkError, GridWalletError, type SdkErrorCode, type SignedPayment } from './errors.ts';
export * from './flows.ts';
export * from './payments.ts';
export { GRID_API_PREFIX, listAccountSessions, listCredentials, send } from './gridApi.ts';
export type {
  AuthMethod,
  AuthSession,
  GridRequest,
  GridResponse,
  GridTransport,
  PasskeyAuthChallenge,
  SignedRequestChallenge,
} from './gridApi.ts';
export type { DisplayAmount, MethodName, MethodParams, MethodResults, SessionInfo, SignDisplay, EventMap } from '@grid-wallet/protocol';
