import { afterEach } from 'vitest';
import { assertNoContractViolations } from './recorder.ts';

// Every Vitest test that talked to an emulator (through testkit's startEmulator) fails on a contract violation.
afterEach(() => assertNoContractViolations());
