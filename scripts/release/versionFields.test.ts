import { describe, expect, it } from 'vitest';
import { disagreements, setManifestVersion, setPackageVersions, versionFields } from './versionFields.ts';

const OURS = new Set(['@grid-wallet/sdk', '@grid-wallet/playwright']);

const kit = () => ({
  name: '@grid-wallet/playwright',
  version: '0.1.0',
  dependencies: { '@grid-wallet/sdk': '^0.1.0', fflate: '^0.8.3' },
  peerDependencies: { '@playwright/test': '1.64.1' },
});

const lock = () => ({
  name: 'root',
  version: '0.1.0',
  packages: {
    '': { name: 'root', version: '0.1.0' },
    'packages/playwright': kit(),
    'node_modules/@grid-wallet/sdk': { resolved: 'packages/sdk', link: true },
    'node_modules/fflate': { version: '0.1.0' },
  },
});

describe('version fields', () => {
  it("reads a package's version and its ranges on our packages, not on others", () => {
    expect(versionFields('packages/playwright/package.json', kit(), OURS)).toEqual([
      { file: 'packages/playwright/package.json', field: 'version', version: '0.1.0' },
      { file: 'packages/playwright/package.json', field: 'dependencies.@grid-wallet/sdk', version: '0.1.0' },
    ]);
  });

  it("reads the lockfile's copies of our packages, not the third-party packages it locks", () => {
    expect(versionFields('package-lock.json', lock(), OURS).map((f) => f.field)).toEqual([
      'version',
      'packages[""].version',
      'packages["packages/playwright"].version',
      'packages["packages/playwright"].dependencies.@grid-wallet/sdk',
    ]);
  });

  it('names each field that disagrees, with its file', () => {
    const sdk = { name: '@grid-wallet/sdk', version: '0.1.1' };
    const fields = [
      ...versionFields('packages/sdk/package.json', sdk, OURS),
      ...versionFields('packages/playwright/package.json', kit(), OURS),
    ];
    expect(disagreements(fields, '0.1.0')).toEqual(['packages/sdk/package.json version 0.1.1']);
    expect(disagreements(fields, '0.1.1')).toEqual([
      'packages/playwright/package.json version 0.1.0',
      'packages/playwright/package.json dependencies.@grid-wallet/sdk 0.1.0',
    ]);
  });

  it('sets every one of them, keeping range prefixes and leaving third-party packages alone', () => {
    const json = lock();
    setPackageVersions('package-lock.json', json, OURS, '0.2.0');
    expect(disagreements(versionFields('package-lock.json', json, OURS), '0.2.0')).toEqual([]);
    expect(json.packages['packages/playwright'].dependencies).toEqual({ '@grid-wallet/sdk': '^0.2.0', fflate: '^0.8.3' });
    expect(json.packages['packages/playwright'].peerDependencies).toEqual({ '@playwright/test': '1.64.1' });
    expect(json.packages['node_modules/fflate']).toEqual({ version: '0.1.0' });
  });

  it("changes only the manifest's version line, keeping its layout", () => {
    const manifest = '{\n  "manifest_version": 3,\n  "version": "0.1.0",\n  "icons": { "16": "a.png" }\n}\n';
    expect(setManifestVersion(manifest, '0.2.0')).toBe(manifest.replace('"0.1.0"', '"0.2.0"'));
    expect(() => setManifestVersion('{ "icons": { "version": "1" } }', '0.2.0')).toThrow('no top-level "version"');
  });
});
