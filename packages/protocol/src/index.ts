/** The page protocol v1 (docs/protocol.md), defined once for the SDK, the content script and the background. */
export * from './errors.ts';
export * from './messages.ts';
export * from './methods.ts';
export * from './provider.ts';
export * from './types.ts';
