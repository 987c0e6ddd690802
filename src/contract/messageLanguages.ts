/**
 * The languages birthday wishes can be written in: one template set each. LinkedIn shows
 * every card in the account's own language, so a contact's language cannot be read from
 * the page: the account says which set wishes use, and a contact may be given another one.
 * A plain constant without dependency, so the dashboard bundle can import it.
 */
export const MESSAGE_LANGUAGES = ['fr', 'en'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/** The account's wish language until the user picks one. */
export const DEFAULT_MESSAGE_LANGUAGE: MessageLanguage = 'fr';

export function isMessageLanguage(value: unknown): value is MessageLanguage {
  return typeof value === 'string' && (MESSAGE_LANGUAGES as readonly string[]).includes(value);
}
