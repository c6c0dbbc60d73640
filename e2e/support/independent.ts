// Moved to test-support/ so the bench can use it too (bench/ may not import from e2e/).
export * from '../../test-support/independent.ts';
