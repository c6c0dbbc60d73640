/**
 * `npm run check:versions` (part of `npm test`): the manifest, the root package,
 * every workspace package, their ranges on each other and package-lock.json all
 * carry one version, and CHANGELOG.md has its entry. Names every file that
 * disagrees. `npm run release` moves them together (docs/release-checklist.md).
 */
import { join } from 'node:path';
import { versionProblems } from './release/check.ts';

const problems = await versionProblems(join(import.meta.dirname, '..'));
if (problems.length > 0) {
  console.error(`Versions disagree (npm run release moves them together):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
