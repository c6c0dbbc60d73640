import { rm } from 'node:fs/promises';
import { test } from '@playwright/test';
import { makeTempDir } from '../../scripts/tempDir.ts';

/**
 * A fresh temporary folder for each test of the calling spec (a browser profile that
 * must outlive one launch), removed after the test, also when it fails. Call at the
 * top of a spec; read the folder inside a test.
 */
export function folderPerTest(purpose: string): () => string {
  let folder: string | undefined;
  test.beforeEach(async () => {
    folder = await makeTempDir(purpose);
  });
  test.afterEach(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
    folder = undefined;
  });
  return () => {
    if (!folder) throw new Error('folderPerTest: read the folder inside a test');
    return folder;
  };
}
