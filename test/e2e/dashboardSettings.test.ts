import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/contract/settings.ts';
import { en } from '../../web/src/i18n/en.ts';
import { fr } from '../../web/src/i18n/fr.ts';
import {
  axeViolations,
  dashboardContext,
  describeViolations,
  launchBrowser,
  pageOverflow,
  SCREENSHOT_DIR,
  type SessionCookie,
  sessionCookie,
  settled,
} from './dashboardBrowser.ts';
import { type Stack, startStack } from './stack.ts';

/**
 * The settings page as a daily tool, in the built dashboard over the real server, in Chromium:
 * every bot's settings edited and saved, field errors in the user's language, 24-hour times
 * whatever the browser's locale, and a question before unsaved edits are lost. One product
 * for the file; the words come from the dashboard's dictionaries.
 */

type Dict = Record<keyof typeof en, string>;
const LANGS = [
  ['fr', fr],
  ['en', en as Dict],
] as const;

let stack: Stack;
let browser: Browser;
let cookie: SessionCookie;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ serve: {} }), launchBrowser()]);
  cookie = await sessionCookie(stack.url!);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** A signed-in page in a browser set to US English, the dashboard in `lang` (its saved choice). */
async function open(lang: 'fr' | 'en', width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await dashboardContext(browser, stack.url!, {
    signedIn: cookie,
    locale: 'en-US',
    viewport: { width, height: 900 },
    bypassCSP: true,
  });
  await context.addInitScript(`localStorage.setItem('lbb.locale', '${lang}')`);
  const page = await context.newPage();
  await page.goto('/settings');
  await settled(page);
  return { context, page };
}

async function settingsPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/settings');
  await settled(page);
  return page;
}

async function storedSettings(): Promise<Settings> {
  const res = await stack.api('GET', '/api/settings');
  expect(res.statusCode).toBe(200);
  return res.json() as Settings;
}

async function noHorizontalOverflow(page: Page, where: string): Promise<void> {
  expect(await pageOverflow(page), `${where}: page wider than the window`).toBeNull();
}

async function seriousAxe(page: Page, where: string): Promise<string[]> {
  const violations = (await axeViolations(page)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  return describeViolations(where, violations);
}

/** Follows a menu link as a user would: below md the menu folds behind its button. */
async function clickNav(page: Page, d: Dict, key: keyof typeof en, width: number): Promise<void> {
  if (width < 768) {
    const menu = page.getByRole('button', { name: d['nav.menu'] });
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  }
  await page.getByRole('navigation', { name: d['nav.menu'] }).getByRole('link', { name: d[key] }).click();
}

describe('settings page in Chromium', { timeout: 300_000 }, () => {
  it('edits every bot, shows field errors in the user language, 24-hour times, asks before leaving', async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const axe: string[] = [];
    let round = 0;
    for (const [lang, d] of LANGS) {
      for (const width of [375, 1280]) {
        round += 1;
        const where = `/settings ${lang} ${width}px`;
        const { context, page } = await open(lang, width);
        const field = (key: keyof typeof en) => page.getByLabel(d[key], { exact: true });
        const hours = (key: 'window_start' | 'window_end') =>
          page.getByLabel(d['settings.time.hours'].replace('{label}', d[`pages.settings.schedule.${key}`]), {
            exact: true,
          });
        const minutes = (key: 'window_start' | 'window_end') =>
          page.getByLabel(
            d['settings.time.minutes'].replace('{label}', d[`pages.settings.schedule.${key}`]),
            {
              exact: true,
            },
          );

        // 24-hour times though the browser speaks US English: no AM/PM anywhere, no native time input.
        const before = await storedSettings();
        const [startH, startM] = before.schedule.window_start.split(':');
        expect(await hours('window_start').inputValue()).toBe(startH);
        expect(await minutes('window_start').inputValue()).toBe(startM);
        expect(await page.locator('input[type="time"]').count()).toBe(0);
        const form = page.locator('form').first();
        expect(await form.textContent()).not.toMatch(/\b(AM|PM)\b/);
        expect(await hours('window_end').locator('option').allTextContents()).toEqual(
          Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
        );

        // The visitor and invitation bots, each in its own group, edited and saved.
        const visitor = page.getByRole('group', { name: d['settings.group.visitor'] });
        const invitations = page.getByRole('group', { name: d['settings.group.invitations'] });
        await visitor
          .getByLabel(d['pages.settings.visitor.keywords'], { exact: true })
          .fill(`cto, founder ${round}`);
        await visitor.getByLabel(d['pages.settings.visitor.location'], { exact: true }).fill(`Lyon ${round}`);
        await visitor
          .getByLabel(d['pages.settings.limits.visits_per_run'], { exact: true })
          .fill(String(5 + round));
        await invitations
          .getByLabel(d['pages.settings.invitations.withdraw_after_days'], { exact: true })
          .fill(String(40 + round));
        await invitations
          .getByLabel(d['pages.settings.limits.withdrawals_per_run'], { exact: true })
          .fill(String(10 + round));
        await hours('window_end').selectOption('21');
        await minutes('window_end').selectOption(String(10 + round));
        await page.getByText(d['settings.unsaved']).waitFor();
        await page.getByRole('button', { name: d['common.save'], exact: true }).click();
        await page.getByText(d['pages.settings.saved']).first().waitFor();
        const saved = await storedSettings();
        expect(saved.visitor).toEqual({ keywords: ['cto', `founder ${round}`], location: `Lyon ${round}` });
        expect(saved.limits.visits_per_run).toBe(5 + round);
        expect(saved.limits.withdrawals_per_run).toBe(10 + round);
        expect(saved.invitations.withdraw_after_days).toBe(40 + round);
        expect(saved.schedule.window_end).toBe(`21:${10 + round}`);
        expect(await page.getByText(d['settings.unsaved']).count()).toBe(0);

        // An invalid value: the error next to its field in the UI's language, nothing saved.
        await field('pages.settings.limits.daily').fill('5000');
        await field('pages.settings.delays.min_seconds').fill('3000');
        await page.getByRole('button', { name: d['common.save'], exact: true }).click();
        await page.getByRole('alert').filter({ hasText: d['pages.form.fixErrors'] }).waitFor();
        const tooBig = d['fieldError.tooBig.number'].replace('{maximum}', '1000');
        await expect
          .poll(() => field('pages.settings.limits.daily').getAttribute('aria-invalid'))
          .toBe('true');
        const dailyDescribedBy =
          (await field('pages.settings.limits.daily').getAttribute('aria-describedby')) ?? '';
        const dailyError = page.locator(`[id="${dailyDescribedBy.split(' ').at(-1)}"]`);
        expect(await dailyError.textContent()).toBe(tooBig);
        await page.getByText(d['fieldError.max_below_min'], { exact: true }).waitFor();
        const text = await page.locator('main, body').first().textContent();
        if (lang === 'fr') {
          expect(text).not.toContain('Too big');
          expect(text).not.toContain('max_seconds');
          expect(text).not.toContain('expected number');
        }
        expect(await storedSettings()).toEqual(saved);
        await noHorizontalOverflow(page, `${where} with errors`);
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `settings-errors-${lang}-${width}.png`),
          fullPage: true,
          animations: 'disabled',
        });
        axe.push(...(await seriousAxe(page, `${where} with field errors`)));

        // Leaving with unsaved changes asks; "stay" keeps them, "leave" drops them.
        const location = page
          .getByRole('group', { name: d['settings.group.visitor'] })
          .getByLabel(d['pages.settings.visitor.location'], { exact: true });
        await location.fill('Paris');
        await clickNav(page, d, 'nav.templates', width);
        const dialog = page.getByRole('alertdialog', { name: d['settings.leave.title'] });
        await dialog.waitFor();
        await noHorizontalOverflow(page, `${where} leave dialog`);
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `settings-leave-${lang}-${width}.png`),
          animations: 'disabled',
        });
        axe.push(...(await seriousAxe(page, `${where} leave dialog`)));
        await dialog.getByRole('button', { name: d['settings.leave.stay'], exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });
        expect(new URL(page.url()).pathname).toBe('/settings');
        expect(await location.inputValue()).toBe('Paris');
        expect(await field('pages.settings.limits.daily').inputValue()).toBe('5000');

        await clickNav(page, d, 'nav.templates', width);
        await dialog.getByRole('button', { name: d['settings.leave.leave'], exact: true }).click();
        await page.waitForURL((url) => url.pathname === '/templates');
        await clickNav(page, d, 'nav.settings', width);
        await settled(page);
        // Back on the page: what is stored, the unsaved edits gone, nothing asked.
        expect(await location.inputValue()).toBe(`Lyon ${round}`);
        expect(await field('pages.settings.limits.daily').inputValue()).toBe(String(saved.limits.daily));
        await clickNav(page, d, 'nav.overview', width);
        await page.waitForURL((url) => url.pathname === '/');
        expect(await page.getByRole('alertdialog').count()).toBe(0);

        if (round === 1) {
          // Closing or reloading the tab with unsaved edits: the browser asks first.
          await page.goto('/settings');
          await settled(page);
          await location.fill('Nice');
          const asked = page.waitForEvent('dialog');
          await page.close({ runBeforeUnload: true });
          const question = await asked;
          expect(question.type()).toBe('beforeunload');
          const closed = page.waitForEvent('close');
          await question.accept();
          await closed;
        }
        await noHorizontalOverflow(page.isClosed() ? await settingsPage(context) : page, where);
        await context.close();
      }
    }
    expect((await storedSettings()).visitor.location).toBe(`Lyon ${round}`);
    if (axe.length > 0) expect.fail(`axe serious/critical violations:\n${axe.join('\n')}`);
  });
});
