/**
 * The birthday message: a template of the right kind (today's or late; for a belated card
 * without a date, one that does not need `{days_late}`), not one already used for that
 * contact within `avoid_repetition_years` when another is left, filled with their name.
 */
import { DateTime } from 'luxon';
import { DEFAULT_TEMPLATE_SETS } from '../config/defaultTemplates.ts';
import type { BirthdayContact } from '../linkedin/interfaces.ts';
import type { MessageLanguage, TemplateKind, TemplateSet } from '../store/interfaces.ts';
import { pickIndex } from './common.ts';
import { cleanDisplayName, fillTemplate, firstNameOf } from '../rules/names.ts';

export interface WishChoice {
  contact: BirthdayContact;
  /** The language of `templates`: a fallback comes from that language's defaults, never another's. */
  language: MessageLanguage;
  templates: TemplateSet;
  avoidRepetitionYears: number;
  /** Templates used for this contact since an ISO time. */
  usedSince: (since: string) => Promise<string[]>;
  now: Date;
  random: () => number;
}

export async function composeWish(choice: WishChoice): Promise<{ template: string; text: string }> {
  const { contact, templates } = choice;
  const defaults = DEFAULT_TEMPLATE_SETS[choice.language];
  const kind: TemplateKind = contact.daysLate === 0 ? 'today' : 'late';
  let list = templates[kind].length > 0 ? templates[kind] : defaults[kind];
  if (contact.daysLate === null) {
    // The card does not say how late: no template that would have to.
    const dateless = (l: readonly string[]) => l.filter((t) => !t.includes('{days_late}'));
    list = dateless(list).length > 0 ? dateless(list) : dateless(defaults.late);
  }
  let candidates = list;
  const years = choice.avoidRepetitionYears;
  if (years > 0) {
    const since = DateTime.fromJSDate(choice.now, { zone: 'utc' }).minus({ years }).toJSDate().toISOString();
    const used = new Set(await choice.usedSince(since));
    const fresh = list.filter((t) => !used.has(t));
    if (fresh.length > 0) candidates = fresh;
  }
  const template = candidates[pickIndex(choice.random, candidates.length)]!;
  // A card whose name could not be read carries the slug: greet nobody rather than "sarah-b-8a1c".
  const displayName = contact.name === contact.slug ? '' : contact.name;
  const fullName = cleanDisplayName(displayName) || displayName.trim();
  const text = fillTemplate(template, {
    first_name: firstNameOf(displayName) || fullName,
    name: fullName,
    days_late: contact.daysLate ?? 0,
  });
  return { template, text };
}
