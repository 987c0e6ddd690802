import { html, type SafeHtml } from '../html.ts';
import type { Contact } from '../world.ts';
import { avatarUrl, layout, type PageContext, profileHref } from './layout.ts';

/** People search: 10 results a page, LinkedIn's pagination bar. */

export const PAGE_SIZE = 10;

/** One page of people search results, as every design shows it. */
export interface SearchResults {
  keywords: string;
  /** All matches, over every page. */
  total: number;
  /** 1-based; past the last page shows no results. */
  page: number;
  /** At least 1. */
  pages: number;
  shown: readonly Contact[];
}

export function searchResults(matches: readonly Contact[], page: number, keywords: string): SearchResults {
  return {
    keywords,
    total: matches.length,
    page,
    pages: Math.max(1, Math.ceil(matches.length / PAGE_SIZE)),
    shown: matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
  };
}

/** The document title: the keywords first, when there are some. */
export function searchTitle(ctx: PageContext, keywords: string): string {
  return keywords ? `${keywords} | ${ctx.t.searchTitle}` : ctx.t.searchTitle;
}

function result(ctx: PageContext, c: Contact): SafeHtml {
  const { t } = ctx;
  const href = profileHref(c.slug, c.urn);
  const connect = html`<button class="artdeco-button artdeco-button--secondary" type="button" aria-label="${t.connectAria(c.name)}" aria-pressed="false" data-sandbox-action="toggle">${t.connect}</button>`;
  if (ctx.variant === 'alt') {
    return html`<li class="reusable-search__result-container">
  <div class="entity-result">
    <a class="app-aware-link" href="${href}" tabindex="-1" aria-hidden="true"><img src="${avatarUrl(c.name)}" alt="" width="48" height="48"></a>
    <div class="entity-result__content search-result__info">
      <span class="entity-result__title-text t-16"><a class="app-aware-link" href="${href}">${c.name}</a></span>
      <div class="entity-result__primary-subtitle t-14">${c.headline}</div>
      <div class="entity-result__secondary-subtitle t-14 t-black--light">${c.location}</div>
    </div>
    ${connect}
  </div>
</li>`;
  }
  return html`<div class="search-result" data-view-name="people-search-result">
  <a href="${href}" tabindex="-1" aria-hidden="true"><img src="${avatarUrl(c.name)}" alt="" width="48" height="48"></a>
  <div class="search-result__info">
    <a class="t-16 t-bold" data-view-name="search-result-lockup-title" href="${href}">${c.name}</a>
    <p class="t-14">${c.headline}</p>
    <p class="t-14 t-black--light">${c.location}</p>
  </div>
  ${connect}
</div>`;
}

function pagination(ctx: PageContext, page: number, pages: number): SafeHtml {
  const { t } = ctx;
  if (pages <= 1 && page <= 1) return html``;
  const items: SafeHtml[] = [];
  for (let n = 1; n <= pages; n++) {
    // Like LinkedIn: first, last, and the pages around the current one.
    if (n !== 1 && n !== pages && Math.abs(n - page) > 2) {
      if (n === 2 || n === pages - 1)
        items.push(html`<li class="artdeco-pagination__indicator"><span>…</span></li>`);
      continue;
    }
    const current = n === page;
    items.push(
      html`<li class="artdeco-pagination__indicator artdeco-pagination__indicator--number${current ? ' active selected' : ''}" data-test-pagination-page-btn="${n}"><button type="button" aria-label="${t.pageAria(n)}"${current ? html` aria-current="true"` : ''} data-sandbox-action="page" data-sandbox-page="${n}"><span>${n}</span></button></li>`,
    );
  }
  const prevDisabled = page <= 1;
  const nextDisabled = page >= pages;
  return html`<div class="artdeco-pagination artdeco-pagination--has-controls">
  <button class="artdeco-pagination__button artdeco-pagination__button--previous artdeco-button" type="button" aria-label="${t.previous}"${prevDisabled ? html` disabled` : ''} data-sandbox-action="page" data-sandbox-page="${page - 1}"><span>${t.previous}</span></button>
  <ul class="artdeco-pagination__pages">${items}</ul>
  <button class="artdeco-pagination__button artdeco-pagination__button--next artdeco-button" type="button" aria-label="${t.next}"${nextDisabled ? html` disabled` : ''} data-sandbox-action="page" data-sandbox-page="${page + 1}"><span>${t.next}</span></button>
</div>`;
}

export function searchPage(ctx: PageContext, search: SearchResults): SafeHtml {
  const { t } = ctx;
  const { shown, page, pages } = search;
  const results = shown.map((c) => result(ctx, c));
  const list =
    shown.length === 0
      ? html`<div class="search-reusable-search-no-results artdeco-empty-state"><h2 class="t-20">${t.noResults}</h2></div>`
      : ctx.variant === 'alt'
        ? html`<ul class="reusable-search__entity-result-list search-results">${results}</ul>`
        : html`<div class="search-results" role="list">${results}</div>`;
  const body = html`<section class="search-results-container card">
  <h1 class="t-16">${t.searchTitle}</h1>
  <p class="search-results__total t-14 t-black--light">${t.resultCount(search.total)}</p>
  ${list}
  ${pagination(ctx, page, pages)}
</section>`;
  return layout(ctx, { title: searchTitle(ctx, search.keywords), body, loggedIn: true });
}
