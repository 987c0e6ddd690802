/**
 * A profile (`/in/<slug>/`): the name from its heading (`h1` in the older design, an `h2`
 * on some accounts of the new one) or, failing both, the page title "Name | LinkedIn".
 */
import { LinkedInError, type ProfileInfo } from '../interfaces.ts';
import { normalizeSpace } from '../locator.ts';
import type { Driver } from './driver.ts';

/** "Marie Curie | LinkedIn" → "Marie Curie"; null for a title that names nobody. */
export function nameFromTitle(title: string): string | null {
  const name = normalizeSpace(title.replace(/^\(\d+\)\s*/, '').replace(/\s*\|\s*LinkedIn\s*$/i, ''));
  return name && !/^linkedin$/i.test(name) && name !== normalizeSpace(title) ? name : null;
}

export async function visitProfile(
  d: Driver,
  profileUrl: string,
  dwellMs: number,
  timeout: number,
): Promise<ProfileInfo> {
  const { session } = d;
  const { engine, page } = session;
  await session.navigate(profileUrl, timeout);
  const heading = await engine.waitFor(page, 'profileName', Math.min(timeout, 5000), () =>
    session.assertNotSentToLogin(),
  );
  let name = heading ? normalizeSpace((await heading.first().textContent({ timeout })) ?? '') : '';
  if (!name) {
    const fromTitle = nameFromTitle(await page.title());
    if (!fromTitle) {
      await session.assertUsable();
      throw engine.notFound('profileName', 'profile name');
    }
    session.debug(`profile name read from the page title: ${fromTitle}`);
    name = fromTitle;
  }
  const headline = await engine.pickText(page, 'profileHeadline', (t) => t);
  if (dwellMs > 0) {
    // Like a reader: a pause, a scroll, a pause (a stop ends the wait at once).
    await session.human.wait(dwellMs / 2);
    await page.mouse.wheel(0, 600).catch(() => {});
    await session.human.wait(dwellMs / 2);
  }
  if (!name) throw new LinkedInError('element_not_found', 'profile name not found');
  return { name, headline: headline?.text ?? null };
}
