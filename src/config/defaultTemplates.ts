import {
  DEFAULT_MESSAGE_LANGUAGE,
  MESSAGE_LANGUAGES,
  type MessageLanguage,
} from '../contract/messageLanguages.ts';
import type { Contact, Store, TemplateSet } from '../store/interfaces.ts';
import { loadSettings } from './settingsStore.ts';

/**
 * Birthday message templates: the defaults an account starts with, one set per language,
 * the placeholders a template may use, and the limits the API enforces.
 */

export const TEMPLATE_PLACEHOLDERS = ['first_name', 'name', 'days_late'] as const;

export const MAX_TEMPLATES_PER_LIST = 20;
export const MAX_TEMPLATE_LENGTH = 1000;

/**
 * Used until the account stores its own set in that language: short and warm, each set in
 * its language only (no line of the other), and in French no tu/vous to get wrong.
 */
export const DEFAULT_TEMPLATE_SETS: Readonly<Record<MessageLanguage, Readonly<TemplateSet>>> = Object.freeze({
  fr: Object.freeze({
    today: [
      'Joyeux anniversaire {first_name} ! 🎂',
      'Bon anniversaire {first_name} ! Excellente journée et belle année à venir.',
      'Joyeux anniversaire {first_name} ! Plein de bonnes choses pour cette nouvelle année, perso comme pro.',
      'Bon anniversaire {first_name} ! Que cette nouvelle année soit belle. 🎉',
    ],
    late: [
      'Avec un peu de retard, joyeux anniversaire {first_name} !',
      'Bon anniversaire {first_name}, avec quelques jours de retard ! Belle année à venir.',
      'Un peu en retard mais sincère : joyeux anniversaire {first_name} ! 🎂',
      'Joyeux anniversaire avec un peu de retard, {first_name} ! Belle année à venir. 🎉',
    ],
  }),
  en: Object.freeze({
    today: [
      'Happy birthday {first_name}! 🎂',
      'Happy birthday {first_name}! Have a great day and a wonderful year ahead.',
      'Happy birthday {first_name}! All the best for the year ahead, personally and professionally.',
      'Happy birthday {first_name}! Wishing you a great year. 🎉',
    ],
    late: [
      'Belated happy birthday, {first_name}!',
      'Happy belated birthday {first_name}! Wishing you a wonderful year ahead.',
      'A little late but sincere: happy birthday {first_name}! 🎂',
      'Happy birthday {first_name}, a few days late! All the best for the year ahead. 🎉',
    ],
  }),
});

/** The default set of the default wish language (French). */
export const DEFAULT_TEMPLATES: Readonly<TemplateSet> = DEFAULT_TEMPLATE_SETS[DEFAULT_MESSAGE_LANGUAGE];

/** The `{…}` placeholders of a template that are not supported, e.g. `["{prenom}"]`. */
export function unknownPlaceholders(template: string): string[] {
  const allowed = new Set<string>(TEMPLATE_PLACEHOLDERS);
  const unknown: string[] = [];
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    if (!allowed.has(match[1]!)) unknown.push(match[0]);
  }
  return [...new Set(unknown)];
}

const copy = (set: Readonly<TemplateSet>): TemplateSet => ({ today: [...set.today], late: [...set.late] });

/** The account's templates in a language, or that language's defaults when it never stored any. */
export async function loadTemplates(
  store: Store,
  accountId: string,
  language: MessageLanguage,
): Promise<TemplateSet> {
  const stored = await store.templates.get(accountId, language);
  return stored ?? copy(DEFAULT_TEMPLATE_SETS[language]);
}

/** Every language's set of the account, and whether it is its own (false: the defaults). */
export async function loadTemplateSets(
  store: Store,
  accountId: string,
): Promise<Record<MessageLanguage, TemplateSet & { custom: boolean }>> {
  const stored = await store.templates.list(accountId);
  const sets = {} as Record<MessageLanguage, TemplateSet & { custom: boolean }>;
  for (const language of MESSAGE_LANGUAGES) {
    const own = stored[language];
    sets[language] = { ...(own ?? copy(DEFAULT_TEMPLATE_SETS[language])), custom: own !== undefined };
  }
  return sets;
}

/** The language the account's wishes are written in (its `birthday.language` setting). */
export async function accountWishLanguage(store: Store, accountId: string): Promise<MessageLanguage> {
  return (await loadSettings(store, accountId)).birthday.language;
}

/** The language a contact is wished in: their own when given one, else the account's. */
export function wishLanguageOf(
  contact: Pick<Contact, 'language'> | null,
  accountLanguage: MessageLanguage,
): MessageLanguage {
  return contact?.language ?? accountLanguage;
}
