/** A member's profile page: their name and headline. */
import type { SelectorList } from './fallback.ts';

export const PROFILE_SELECTORS = {
  profileName: [
    { css: 'h1.text-heading-xlarge', primary: true },
    { css: 'main h2', primary: true },
    { css: 'div.ph5 h1' },
    { role: 'heading', level: 1 },
    { css: 'h1' },
  ],
  profileHeadline: [
    { css: 'div.text-body-medium' },
    { css: "[data-generated-suggestion-target*='profileActionDelegate']" },
    { css: '.pv-text-details__left-panel .text-body-medium' },
    { css: "[data-test-id='headline'], .headline, .pv-top-card--headline" },
  ],
} as const satisfies Record<string, SelectorList>;
