/**
 * The sandbox's generated people: a name (sometimes decorated as LinkedIn members do:
 * titles, emojis, pronouns, capitals), a unique slug, a headline and a place.
 */
import { COMPANIES, EMOJIS, FIRST_NAMES, LAST_NAMES, PLACES, ROLES_EN, ROLES_FR } from './names.ts';
import type { Rng } from './prng.ts';

export interface Person {
  slug: string;
  /** Display name, decorations included ("Dr. Marie Curie 🎉"). */
  name: string;
  /** The clean first name a bot should greet ("Marie"). */
  firstName: string;
  headline: string;
  location: string;
  geoUrn: string;
  /** The opaque profile id LinkedIn puts in `miniProfileUrn` query strings. */
  urn: string;
}

export type Decoration =
  | 'none'
  | 'dr_emoji'
  | 'dr'
  | 'phd'
  | 'mba'
  | 'emoji'
  | 'emoji_first'
  | 'pronouns'
  | 'caps'
  | 'emoji_both'
  | 'caps_two';
const BOTH_EMOJIS = ['🔥', '🚀', '💡', '🌟', '🎯', '✨'] as const;
const RANDOM_DECORATIONS: Decoration[] = [
  'dr_emoji',
  'dr',
  'phd',
  'mba',
  'emoji',
  'emoji_first',
  'pronouns',
  'caps',
];

export function decorate(first: string, last: string, decoration: Decoration, rng: Rng): string {
  switch (decoration) {
    case 'dr_emoji':
      return `Dr. ${first} ${last} 🎉`;
    case 'dr':
      return `Dr ${first} ${last}`;
    case 'phd':
      return `${first} ${last}, PhD`;
    case 'mba':
      return `${first} ${last} MBA`;
    case 'emoji':
      return `${first} ${last} ${rng.pick(EMOJIS)}`;
    case 'emoji_first':
      return `${rng.pick(EMOJIS)} ${first} ${last}`;
    case 'pronouns':
      return `${first} ${last} (${rng.pick(['She/Her', 'He/Him', 'Elle'])})`;
    case 'caps':
      return `${first} ${last.toUpperCase()}`;
    case 'emoji_both':
      return `${rng.pick(BOTH_EMOJIS)} ${first} ${last[0]!.toUpperCase()}. ${rng.pick(BOTH_EMOJIS)}`;
    case 'caps_two': {
      if (last.includes(' ')) return `${first} ${last.toUpperCase()}`;
      const second = rng.pick(LAST_NAMES.filter((n) => !n.includes(' ') && n !== last && !n.includes("'")));
      return `${first} ${last.toUpperCase()} ${second.toUpperCase()}`;
    }
    default:
      return `${first} ${last}`;
  }
}

export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const URN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

export interface BasePerson {
  first: string;
  last: string;
  person: Person;
}

export function makePeople(rng: Rng, count: number, slugs: Set<string>): BasePerson[] {
  const people: BasePerson[] = [];
  for (let i = 0; i < count; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    let slug = asciiSlug(`${first} ${last}`);
    if (rng.chance(0.7) || slugs.has(slug)) slug = `${slug}-${rng.chars(rng.int(6, 8), '0123456789abcdef')}`;
    while (slugs.has(slug)) slug = `${slug}${rng.int(0, 9)}`;
    slugs.add(slug);
    const french = rng.chance(0.45);
    const headline = french
      ? `${rng.pick(ROLES_FR)} chez ${rng.pick(COMPANIES)}`
      : `${rng.pick(ROLES_EN)} at ${rng.pick(COMPANIES)}`;
    const place = rng.pick(PLACES);
    const decoration: Decoration = rng.chance(0.25) ? rng.pick(RANDOM_DECORATIONS) : 'none';
    people.push({
      first,
      last,
      person: {
        slug,
        name: decorate(first, last, decoration, rng),
        firstName: first,
        headline,
        location: place.name,
        geoUrn: place.geoUrn,
        urn: `ACoAA${rng.chars(34, URN_ALPHABET)}`,
      },
    });
  }
  return people;
}
