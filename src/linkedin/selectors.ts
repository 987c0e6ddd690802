/**
 * Every way the driver finds something on LinkedIn's pages, as data: each logical element
 * maps to an ordered list of fallbacks (ARIA roles and accessible names first, then
 * LinkedIn's classes and attributes, then visible texts in English and French). The driver
 * tries them in order and the first one with a visible match wins, so a markup change
 * that breaks one fallback degrades to the next instead of stopping the bots.
 *
 * Also here: page paths, URL patterns and text patterns the driver matches against.
 * Nothing selector-like lives anywhere else. The lists are written per page in
 * ./selectors/ and assembled here, the one module the driver imports them from. The pages
 * they are written against are described in src/sandbox/PAGES.md (the sandbox imitates
 * both of LinkedIn's designs: the older markup and the new server-driven `sdui` one).
 */
import { BIRTHDAY_SELECTORS } from './selectors/birthdays.ts';
import { CONVERSATION_SELECTORS } from './selectors/conversation.ts';
import type { Fallback, SelectorList } from './selectors/fallback.ts';
import { INVITATION_SELECTORS } from './selectors/invitations.ts';
import { LIST_SELECTORS } from './selectors/lists.ts';
import { PROFILE_SELECTORS } from './selectors/profile.ts';
import { SEARCH_SELECTORS } from './selectors/search.ts';
import { SESSION_SELECTORS } from './selectors/session.ts';

export { BIRTHDAY_CARD_TEXT, CARD_LABEL_TEXT, NOT_BIRTHDAY_CARD_TEXT } from './selectors/birthdays.ts';
export { SEND_ERROR_TEXT } from './selectors/conversation.ts';
export { type AriaRole, describeFallback, type Fallback, type SelectorList } from './selectors/fallback.ts';
export { INVITATION_LABEL_TEXT } from './selectors/invitations.ts';
export { AUTH_PATH, LINKEDIN_HOST, PATHS } from './selectors/paths.ts';
export { profileLinkTo } from './selectors/profileLink.ts';
export { BLOCKED_TEXT, LIMIT_TEXT } from './selectors/session.ts';

// In the pages' order, as before: selectors.json's "unknown element" error lists the names so.
export const SELECTORS = {
  ...SESSION_SELECTORS,
  ...BIRTHDAY_SELECTORS,
  ...CONVERSATION_SELECTORS,
  ...SEARCH_SELECTORS,
  ...LIST_SELECTORS,
  ...PROFILE_SELECTORS,
  ...INVITATION_SELECTORS,
} as const satisfies Record<string, SelectorList>;

export type ElementKey = keyof typeof SELECTORS;

/** The lists the driver uses: the built-in ones, with a user's overrides in front. */
export type SelectorTable = { readonly [K in ElementKey]: readonly Fallback[] };
