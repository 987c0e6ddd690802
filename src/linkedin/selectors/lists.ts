/**
 * Lists that load as they scroll (birthdays, search results) and a loading conversation:
 * what says more is coming, and what to scroll.
 */
import type { SelectorList } from './fallback.ts';

/** A list's own "more" button; not the "…see more" that expands a text. */
const LOAD_MORE_NAME =
  /^\s*(load more|charger plus|show more|show more results|afficher plus|afficher plus de résultats|voir plus de résultats)\s*$/i;

export const LIST_SELECTORS = {
  /** Something is still loading (infinite scroll, overlay). */
  loadingIndicator: [
    { role: 'progressbar' },
    { css: "[aria-busy='true']" },
    { css: '.artdeco-loader' },
    { css: 'div, p, span', text: /^\s*(loading|chargement)\s*(…|\.\.\.)?\s*$/i },
  ],
  loadMoreButton: [
    { role: 'button', name: LOAD_MORE_NAME, primary: true },
    { css: 'button.scaffold-finite-scroll__load-button' },
  ],
  /** Containers that scroll instead of the window (the new design's lazy lists). */
  scrollContainer: [
    { css: "[data-testid='lazy-column']", primary: true },
    { css: 'main#workspace' },
    { css: '.scaffold-finite-scroll' },
  ],
} as const satisfies Record<string, SelectorList>;
