/**
 * CHANGELOG.md's entries: `## <version> (<date>)`, newest first, under the file's
 * introduction. A release's entry lists the subjects of the commits since the
 * previous tag; whoever releases reads it and may reword it (docs/release-checklist.md).
 */

const heading = (version: string) => `## ${version} `;

export function changelogEntry(version: string, date: string, subjects: readonly string[]): string {
  const lines = subjects.length > 0 ? subjects.map((s) => `- ${s}`) : ['- No changes since the previous release.'];
  return `## ${version} (${date})\n\n${lines.join('\n')}\n`;
}

/** The changelog with `entry` above the newest entry (or at the end, if there is none yet). */
export function addEntry(changelog: string, entry: string): string {
  const first = changelog.search(/^## /m);
  if (first === -1) return `${changelog.trimEnd()}\n\n${entry}`;
  return `${changelog.slice(0, first)}${entry}\n${changelog.slice(first)}`;
}

export function hasEntry(changelog: string, version: string): boolean {
  return changelog.split('\n').some((line) => line.startsWith(heading(version)));
}
