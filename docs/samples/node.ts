// A Node program, run as it is from the repository's root (scripts/docSamples.test.ts runs it and wants exit code 0).
