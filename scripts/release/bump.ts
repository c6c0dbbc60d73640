/**
 * The next version, from the current one and what `npm run release -- <how>` was
 * given. Versions are plain `major.minor.patch`: a browser manifest's `version`
 * takes only dot-separated integers, so there are no pre-release tags.
 */
export type Bump = 'patch' | 'minor' | 'major';

const PLAIN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function parse(version: string): [number, number, number] {
  const match = PLAIN.exec(version);
  if (!match) throw new Error(`"${version}" is not a major.minor.patch version`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compare(a: string, b: string): number {
  const [x, y] = [parse(a), parse(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

export function nextVersion(current: string, how: Bump | string): string {
  const [major, minor, patch] = parse(current);
  if (how === 'major') return `${major + 1}.0.0`;
  if (how === 'minor') return `${major}.${minor + 1}.0`;
  if (how === 'patch') return `${major}.${minor}.${patch + 1}`;
  if (compare(how, current) <= 0) throw new Error(`${how} is not after the current version ${current}`);
  return how;
}
