/** The people search's results and its pagination. */
import type { SelectorList } from './fallback.ts';
import { PROFILE_LINK } from './profileLink.ts';

const NEXT_NAME = /^\s*(next|suivant|page suivante)\s*$/i;

export const SEARCH_SELECTORS = {
  searchResult: [
    { css: "div[data-view-name='people-search-result']", primary: true },
    {
      css: "main div[role='listitem']",
      has: "a[data-view-name='search-result-lockup-title']",
      primary: true,
    },
    { css: 'li.reusable-search__result-container' },
    { css: '.entity-result' },
    { css: "main div[role='listitem']", has: PROFILE_LINK },
    { css: "main li[role='listitem'], main ul[role='list'] > li", has: PROFILE_LINK },
    { role: 'listitem', has: PROFILE_LINK },
  ],
  /** Within a result: the link with the person's name. */
  resultTitleLink: [
    { css: "a[data-view-name='search-result-lockup-title']", primary: true },
    { css: ".entity-result__title-text a[href*='/in/']" },
    { css: "span.entity-result__title-line a[href*='/in/']" },
    { css: PROFILE_LINK },
  ],
  searchEmpty: [
    { css: '.search-reusable-search-no-results' },
    { css: "[data-view-name='search-no-results'], [data-test-id='no-results']" },
    { css: 'h2, h3, p', text: /^\s*(no results found|aucun résultat)/i },
  ],
  nextPageButton: [
    { css: "[data-testid='pagination-controls-next-button-visible']", primary: true },
    { role: 'button', name: NEXT_NAME, primary: true },
    { role: 'link', name: NEXT_NAME },
    { css: "button[aria-label='Next'], button[aria-label='Suivant']" },
    { css: 'button.artdeco-pagination__button--next' },
    { css: "a[rel='next']" },
  ],
} as const satisfies Record<string, SelectorList>;
