/**
 * Blacklist matching: by profile URL (normalised: any LinkedIn host, scheme, locale
 * subdomain, query or trailing slash) or by name (case- and accent-insensitive).
 */
import type { BlacklistEntry } from '../store/interfaces.ts';
import { cleanDisplayName } from './names.ts';

/**
 * A comparable form of a profile URL: `in:<slug>` for LinkedIn profile URLs (any host),
 * else the URL lowercased without scheme, `www.`, query, fragment and trailing slashes.
 * A bare slug ("jean-dupont") is taken as a profile slug.
 */
export function normaliseProfileUrl(url: string): string {
  const trimmed = url.trim();
  const profile = /\/in\/([^/?#\s]+)/iu.exec(trimmed);
  if (profile) return `in:${safeDecode(profile[1]!).toLowerCase()}`;
  if (/^[\p{L}\p{N}_-]+$/u.test(trimmed)) return `in:${trimmed.toLowerCase()}`;
  return trimmed
    .toLowerCase()
    .replace(/^[a-z]+:\/\//u, '')
    .replace(/^www\./u, '')
    .replace(/[?#].*$/u, '')
    .replace(/\/+$/u, '');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Lowercase, accents removed, punctuation and runs of spaces collapsed to one space. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface BlacklistMatcher {
  /** The matching entry, or null. */
  match(contact: { name: string; profileUrl: string | null }): BlacklistEntry | null;
}

export function createBlacklistMatcher(entries: BlacklistEntry[]): BlacklistMatcher {
  const byUrl = new Map<string, BlacklistEntry>();
  const byName = new Map<string, BlacklistEntry>();
  for (const entry of entries) {
    if (entry.profile_url?.trim()) byUrl.set(normaliseProfileUrl(entry.profile_url), entry);
    if (entry.name?.trim()) {
      const key = normaliseName(entry.name);
      if (key !== '') byName.set(key, entry);
    }
  }
  return {
    match({ name, profileUrl }) {
      if (profileUrl) {
        const hit = byUrl.get(normaliseProfileUrl(profileUrl));
        if (hit) return hit;
      }
      // "Jean Dupont, PhD 🎓" is blacklisted by "jean dupont" too.
      for (const candidate of new Set([normaliseName(name), normaliseName(cleanDisplayName(name))])) {
        const hit = byName.get(candidate);
        if (hit) return hit;
      }
      return null;
    },
  };
}
