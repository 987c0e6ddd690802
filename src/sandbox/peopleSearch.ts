/** The people search of the sandbox (`/search/results/people`): keywords and location filters. */
import type { Contact } from './world.ts';

/** Lower-case, accent-free: how search compares text. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export interface PeopleQuery {
  keywords: string;
  /** geoUrn ids; empty = anywhere. */
  geoUrns: string[];
  /** Free-text location; empty = anywhere. */
  location: string;
}

/** Contacts matching every keyword (in name or headline) and the location, in a stable order. */
export function searchContacts(contacts: readonly Contact[], query: PeopleQuery): Contact[] {
  const words = fold(query.keywords).split(/\s+/).filter(Boolean);
  const location = fold(query.location.trim());
  return contacts.filter((c) => {
    const haystack = fold(`${c.name} ${c.headline}`);
    if (!words.every((w) => haystack.includes(w))) return false;
    if (query.geoUrns.length > 0 && !query.geoUrns.includes(c.geoUrn)) return false;
    if (location && !fold(c.location).includes(location)) return false;
    return true;
  });
}
