/**
 * The emulator as a library (`@grid-wallet/emulator`): start one in-process on a
 * free port, read its URL and options, stop it. The `grid-emulator` bin is main.ts.
 */
export { createEmulator, type Emulator } from './server.ts';
export { DEFAULTS, type EmulatorOptions, type OtpMode } from './options.ts';
export { LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY } from './enclave.ts';
