/**
 * People search (`/search/results/people/`): rows render as they scroll into view in the
 * new design, so the page is scrolled before it is read; "Next" tells whether another
 * page exists.
 */
import { LinkedInError, type PersonResult, type SearchPage } from '../interfaces.ts';
import { firstLineOf, type ItemView } from '../locator.ts';
import { PATHS } from '../selectors.ts';
import { cleanProfileUrl, slugFromProfileUrl } from '../text.ts';
import type { Driver } from './driver.ts';

export async function searchPeople(
  d: Driver,
  query: { keywords: string; location: string; page: number },
  timeout: number,
): Promise<SearchPage> {
  const { session } = d;
  const { engine, page } = session;
  const params = new URLSearchParams({ keywords: query.keywords, origin: 'GLOBAL_SEARCH_HEADER' });
  if (query.location.trim()) params.set('location', query.location.trim());
  if (query.page > 1) params.set('page', String(query.page));
  await session.navigate(`${PATHS.peopleSearch}?${params}`, timeout);
  const first = await engine.waitForAny(page, ['searchResult', 'searchEmpty'] as const, timeout, () =>
    session.assertNotSentToLogin(),
  );
  if (!first) {
    await session.assertUsable();
    throw new LinkedInError(
      'element_not_found',
      'The search page showed neither results nor its empty state',
    );
  }
  if (first.key === 'searchEmpty') return { people: [], hasNext: false };
  // Rows below the fold may still be empty placeholders: scroll them into view first.
  const results = (await d.lists.scrollToEnd('searchResult')) ?? first.locator;
  const people: PersonResult[] = [];
  const seen = new Set<string>();
  for (const result of await engine.itemViews(results)) {
    const person = await parseResult(d, result);
    if (!person || seen.has(person.slug)) continue;
    seen.add(person.slug);
    people.push(person);
  }
  const next = await engine.findNow(page, 'nextPageButton');
  const hasNext = next ? await next.first().isEnabled() : false;
  return { people, hasNext };
}

async function parseResult(d: Driver, result: ItemView): Promise<PersonResult | null> {
  const link = await d.session.engine.pickEntry(result, 'resultTitleLink', (e) =>
    e.href && slugFromProfileUrl(e.href) && firstLineOf(e.text) ? e.href : null,
  );
  if (!link) return null;
  const profileUrl = cleanProfileUrl(link.value, d.session.page.url());
  return { slug: slugFromProfileUrl(profileUrl)!, name: firstLineOf(link.entry.text), profileUrl };
}
