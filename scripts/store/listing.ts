import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The store listings of store/<locale>/listing.md, read by their `##` sections and
 * the first two columns of their tables (store/README.md), for the test that holds
 * them to the manifest and for the screenshots' captions.
 */

export interface Listing {
  name: string;
  summary: string;
  /** Permission → why, from the "Permissions" table. */
  permissions: Map<string, string>;
  /** Match pattern → why, from the "Host patterns" table. */
  hostPatterns: Map<string, string>;
  /** Screenshot id → caption, in the order the stores show them. */
  screenshots: Map<string, string>;
}

/** The text under each `## ` heading, by heading. */
function sections(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of markdown.split(/^## /m).slice(1)) {
    const newline = part.indexOf('\n');
    found.set(part.slice(0, newline).trim(), part.slice(newline + 1).trim());
  }
  return found;
}

/** A table's rows as first column (its `code` unquoted) → second column, skipping the header. */
function tableRows(text: string): Map<string, string> {
  const rows = text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[-\s|]+\|$/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  return new Map(rows.slice(1).map(([, key, value]) => [key!.replace(/^`(.*)`$/, '$1'), value ?? '']));
}

export function parseListing(markdown: string): Listing {
  const all = sections(markdown);
  const section = (heading: string) => {
    const text = all.get(heading);
    if (text === undefined) throw new Error(`listing.md has no "## ${heading}" section`);
    return text;
  };
  return {
    name: section('Name'),
    summary: section('Summary'),
    permissions: tableRows(section('Permissions')),
    hostPatterns: tableRows(section('Host patterns')),
    screenshots: tableRows(section('Screenshots')),
  };
}

export const STORE_DIR = join(import.meta.dirname, '..', '..', 'store');

export async function readListing(locale: string): Promise<Listing> {
  return parseListing(await readFile(join(STORE_DIR, locale, 'listing.md'), 'utf8'));
}

/** The languages the extension speaks: its `_locales` folders. Each needs its listing. */
export function extensionLocales(): string[] {
  return readdirSync(join(import.meta.dirname, '..', '..', 'public', '_locales')).sort();
}

interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
}

/** What a store asks a justification for: the API permissions, and every host pattern (host permissions and content-script matches). */
export function requestedAccess(manifest: Manifest): { permissions: string[]; hostPatterns: string[] } {
  return {
    permissions: [...new Set([...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])])],
    hostPatterns: [
      ...new Set([
        ...(manifest.host_permissions ?? []),
        ...(manifest.optional_host_permissions ?? []),
        ...(manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []),
      ]),
    ],
  };
}
