import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_ID } from '../../src/domain.ts';
import { plannedTimeForDate } from '../../src/planner.ts';
import { englishWordsIn } from '../support/englishWords.ts';
import { waitFor } from '../support/waitFor.ts';
import {
  axeViolations,
  type ContextOptions,
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
 * The overview's states as a user meets them (idle, auto-run paused or on, the next run
 * resumed late in the day), the French UI without English words, and the API docs link:
 * the built dashboard over the real server and sandbox, in Chromium, French and English,
 * 375 and 1280 px wide.
 */

interface BotStatus {
  state: string;
  running: boolean;
  auto_run: { enabled: boolean; next_run_at: string | null; timezone: string };
}

const WIDTHS = [375, 1280] as const;
const LOCALES = [
  { locale: 'fr-FR', lang: 'fr' },
  { locale: 'en-US', lang: 'en' },
] as const;

let browser: Browser;
let stack: Stack;
let cookie: SessionCookie;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
  [browser, stack] = await Promise.all([
    launchBrowser(),
    startStack({
      serve: {},
      reset: { seed: 7, contacts: 30, today: 3, late: 1, invitations: 2, locale: 'en' },
    }),
  ]);
  cookie = await sessionCookie(stack.url!);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
}, 120_000);
afterEach(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  contexts = [];
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function open(options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await dashboardContext(browser, stack.url!, { signedIn: cookie, ...options });
  contexts.push(context);
  return context;
}

async function status(): Promise<BotStatus> {
  return (await stack.api('GET', '/api/bot/status')).json() as BotStatus;
}

async function runCount(): Promise<number> {
  const res = await stack.api('GET', `/api/runs?account_id=${DEFAULT_ACCOUNT_ID}&limit=50`);
  return (res.json() as { runs: unknown[] }).runs.length;
}

async function patchSettings(payload: object): Promise<void> {
  const res = await stack.api('PATCH', '/api/settings', payload);
  if (res.statusCode !== 200) throw new Error(`settings: ${res.statusCode} ${res.body}`);
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  expect(await pageOverflow(page), page.url()).toBeNull();
}

async function seriousAxe(page: Page, where: string): Promise<string[]> {
  const violations = (await axeViolations(page)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  return describeViolations(where, violations);
}

/**
 * A fixed-offset zone where it is now between 11:00 and 12:59, so "later today" exists
 * and the window never crosses midnight, whatever the hour the tests run at.
 */
function middayZone(): string {
  const utcHour = new Date().getUTCHours();
  let offset = 12 - utcHour;
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  // Etc/GMT signs are inverted: Etc/GMT-3 is UTC+3.
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/**
 * A window of that zone ending 40 minutes from now whose planned minute for today has already
 * passed: the scheduler's seed is the stack's, so the planner says which windows qualify.
 */
function windowWithPlannedMinutePassed(timezone: string): { window_start: string; window_end: string } {
  const now = DateTime.now().setZone(timezone);
  const end = now.plus({ minutes: 40 }).toFormat('HH:mm');
  const today = now.toISODate()!;
  const seed = `schedule:${stack.ctx.secretKey}:${DEFAULT_ACCOUNT_ID}`;
  for (let back = 60; back <= 600; back += 7) {
    const start = now.minus({ minutes: back }).toFormat('HH:mm');
    const schedule = { auto_run: true, window_start: start, window_end: end, timezone };
    if (plannedTimeForDate(today, schedule, seed).getTime() < Date.now() - 60_000) {
      return { window_start: start, window_end: end };
    }
  }
  throw new Error('no window found whose planned minute has passed');
}

/**
 * Every text node and the aria-label, title and placeholder of every element, as a user or a
 * screen reader meets them; log lines (the bots' own records) aside. A string: this file is
 * type-checked without the DOM library.
 */
const VISIBLE_TEXTS = `(() => {
  const skip = (el) => el.closest('[role="log"], [data-log-line], ol[aria-label="Lignes du journal"]');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || skip(el) || !n.textContent.trim() || el.closest('script, style, [hidden]')) continue;
    out.push(n.textContent.trim());
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (skip(el)) continue;
    for (const attr of ['aria-label', 'title', 'placeholder']) {
      const value = el.getAttribute(attr);
      if (value) out.push(value);
    }
  }
  return out;
})()`;

describe('the overview, idle and auto-run', { timeout: 180_000 }, () => {
  it('says "En veille" / "Idle" when nothing runs, and auto-run paused in one word, at 375 and 1280 px', async () => {
    const problems: string[] = [];
    for (const { locale, lang } of LOCALES) {
      const context = await open({ locale, bypassCSP: true });
      const page = await context.newPage();
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/');
        await settled(page);
        await page.getByTestId('bot-state').waitFor();
        expect(await page.getByTestId('bot-state').textContent()).toBe(lang === 'fr' ? 'En veille' : 'Idle');
        const state = page.getByTestId('auto-run-state');
        expect(await state.textContent()).toBe(
          lang === 'fr' ? 'Exécution automatique : en pause' : 'Auto-run: paused',
        );
        const body = `${await page.locator('section[aria-labelledby="overview-status-title"]').textContent()} ${await page.locator('section[aria-labelledby="overview-next-run-title"]').textContent()}`;
        expect(body).not.toMatch(
          lang === 'fr' ? /Arrêté|désactivé \(en pause\)/ : /Stopped|disabled \(paused\)/,
        );
        await noHorizontalOverflow(page);
        problems.push(...(await seriousAxe(page, `/ ${lang} ${width}px`)));
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `overview-idle-${lang}-${width}.png`),
          fullPage: true,
          animations: 'disabled',
        });
      }
    }
    expect(problems).toEqual([]);
  });

  it("resuming auto-run after the day's planned minute plans a time later today, and nothing starts at once", async () => {
    const timezone = middayZone();
    for (const { locale, lang } of LOCALES) {
      const window = windowWithPlannedMinutePassed(timezone);
      await patchSettings({ schedule: { auto_run: false, timezone, ...window } });
      const before = await runCount();
      const context = await open({ locale, viewport: { width: lang === 'fr' ? 1280 : 375, height: 900 } });
      const page = await context.newPage();
      await page.goto('/');
      await settled(page);
      const resume = page.getByRole('button', {
        name: lang === 'fr' ? "Reprendre l'exécution automatique" : 'Resume auto-run',
      });
      await resume.click();
      const state = page.getByTestId('auto-run-state');
      await waitFor(
        async () =>
          (await state.textContent()) ===
          (lang === 'fr' ? 'Exécution automatique : activée' : 'Auto-run: on'),
        { what: 'auto-run shown on' },
      );
      const when = page.locator('section[aria-labelledby="overview-next-run-title"] time');
      await when.waitFor();
      const planned = (await status()).auto_run.next_run_at!;
      expect(await when.getAttribute('datetime')).toBe(planned);
      // Later today, inside the window, at least a minute ahead: not a run at once.
      const at = DateTime.fromISO(planned, { zone: timezone });
      expect(at.toISODate()).toBe(DateTime.now().setZone(timezone).toISODate());
      expect(at.toMillis()).toBeGreaterThan(Date.now() + 30_000);
      expect(at.toFormat('HH:mm') < window.window_end).toBe(true);
      const text = (await when.textContent()) ?? '';
      if (lang === 'fr') expect(text).toBe(`aujourd'hui à ${at.toFormat('HH:mm')}`);
      else expect(text).toBe(`today at ${at.toFormat('h:mm a')}`);

      // Deliberate: the time a run started at once would take to show up.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await runCount()).toBe(before);
      expect((await status()).running).toBe(false);
      expect(await page.getByTestId('bot-state').textContent()).toBe(lang === 'fr' ? 'En veille' : 'Idle');
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `overview-resumed-later-today-${lang}.png`),
        fullPage: true,
        animations: 'disabled',
      });
      await noHorizontalOverflow(page);
    }
    await patchSettings({ schedule: { auto_run: false } });
  });

  it('resuming auto-run after the window closed plans tomorrow, and says so', async () => {
    const timezone = middayZone();
    const now = DateTime.now().setZone(timezone);
    await patchSettings({
      schedule: {
        auto_run: false,
        timezone,
        window_start: now.minus({ hours: 3 }).toFormat('HH:mm'),
        window_end: now.minus({ hours: 1 }).toFormat('HH:mm'),
      },
    });
    const page = await (await open()).newPage();
    await page.goto('/');
    await settled(page);
    await page.getByRole('button', { name: "Reprendre l'exécution automatique" }).click();
    const when = page.locator('section[aria-labelledby="overview-next-run-title"] time');
    await when.waitFor();
    const planned = DateTime.fromISO((await status()).auto_run.next_run_at!, { zone: timezone });
    expect(planned.toISODate()).toBe(now.plus({ days: 1 }).toISODate());
    expect(await when.textContent()).toBe(`demain à ${planned.toFormat('HH:mm')}`);
    await patchSettings({ schedule: { auto_run: false } });
  });
});

/** The overview's words these tests click and read, per language. */
const START_WORDS = {
  fr: { start: 'Lancer une exécution anniversaires', paused: 'Tous les bots de ce compte sont en pause' },
  en: { start: 'Start a birthday run', paused: 'Every bot of this account is paused' },
} as const;

/**
 * The toast of that type, fully shown (axe reads colours as shown): the pointer on it keeps it
 * from timing out during the check, as it does for a user reading it.
 */
async function shownToast(page: Page, type: 'success' | 'error') {
  const toast = page.locator(`[data-sonner-toast][data-type="${type}"]`).last();
  await toast.waitFor();
  await toast.hover();
  await expect
    .poll(
      () =>
        toast.evaluate((el) => {
          // In the page (this file is type-checked without the DOM's types).
          const g = globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } };
          return g.getComputedStyle(el).opacity;
        }),
      { timeout: 5_000 },
    )
    .toBe('1');
  return toast;
}

/** Serious axe problems while the toast is on screen (still there once axe is done). */
async function axeWithToast(page: Page, toast: Locator, where: string): Promise<string[]> {
  const problems = await seriousAxe(page, where);
  expect(await toast.isVisible(), `${where}: the toast stayed during the check`).toBe(true);
  expect(await toast.getAttribute('data-removed')).not.toBe('true');
  return problems;
}

describe('starting a run from the overview', { timeout: 300_000 }, () => {
  it('keeps Start disabled while the run is active; the success and error toasts pass axe, fr and en', async () => {
    const before = (await stack.api('GET', '/api/settings')).json() as {
      dry_run: boolean;
      delays: { min_seconds: number; max_seconds: number };
    };
    // A dry run (no daily window to confirm) slow enough to be seen active.
    await patchSettings({ dry_run: true, delays: { min_seconds: 3, max_seconds: 5 } });
    const problems: string[] = [];
    try {
      for (const { locale, lang } of LOCALES) {
        const words = START_WORDS[lang];
        const page = await (await open({ locale, bypassCSP: true })).newPage();
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto('/');
        await settled(page);
        await page.getByTestId('bot-state').waitFor();
        const start = page.getByRole('button', { name: words.start, exact: true });
        expect(await start.isEnabled()).toBe(true);
        await start.click();
        const success = await shownToast(page, 'success');
        const runId = await waitFor(
          async () => {
            const s = (await stack.api('GET', '/api/bot/status')).json() as {
              active_jobs: { id: string }[];
              queued_jobs: { id: string }[];
            };
            return s.active_jobs[0]?.id ?? s.queued_jobs[0]?.id ?? null;
          },
          { timeoutMs: 30_000, what: 'the started run' },
        );
        // While the run is queued or running, Start cannot be pressed again.
        expect(await start.isDisabled()).toBe(true);
        const seen = await waitFor(
          async () => {
            const r = (await stack.api('GET', `/api/runs/${runId}`)).json() as { status: string };
            return r.status === 'queued' ? null : r.status;
          },
          { timeoutMs: 60_000, what: 'the run past queued' },
        );
        expect(seen).toBe('running');
        expect(await start.isDisabled()).toBe(true);
        problems.push(...(await axeWithToast(page, success, `/ ${lang} success toast`)));
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `overview-toast-success-${lang}.png`) });
        const run = await stack.finished(runId);
        expect(run.status).toBe('succeeded');
        await expect.poll(() => start.isEnabled(), { timeout: 30_000 }).toBe(true);
        // The pointer leaves: earlier toasts time out and go, so axe next reads only the error
        // toast, not one half faded out.
        await page.mouse.move(0, 0);
        await expect.poll(() => page.locator('[data-sonner-toast]').count(), { timeout: 30_000 }).toBe(0);

        // Paused behind the page's back (as a run meeting LinkedIn's pushback does): the
        // server refuses the start, and the page says so in an error toast.
        const since = new Date().toISOString();
        await stack.ctx.store.accountPauses.pauseUnlessPaused({
          account_id: DEFAULT_ACCOUNT_ID,
          reason: 'rate_limited',
          run_id: runId,
          since,
        });
        try {
          await start.click();
          const error = await shownToast(page, 'error');
          expect(await error.textContent()).toContain(words.paused);
          problems.push(...(await axeWithToast(page, error, `/ ${lang} error toast`)));
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, `overview-toast-error-${lang}.png`) });
        } finally {
          // Resumed as a user does (same day: confirmed), so every status follows.
          const resumed = await stack.api('POST', '/api/bot/resume', { confirm: true });
          expect(resumed.statusCode).toBe(200);
        }
      }
    } finally {
      await patchSettings({ dry_run: before.dry_run, delays: before.delays });
    }
    expect(problems).toEqual([]);
  });
});

describe('French throughout, and the API docs', { timeout: 240_000 }, () => {
  it('shows no English word on any page in French, at 375 and 1280 px, without horizontal overflow', async () => {
    // A finished run, so a run page and the runs table have content.
    const runId = await stack.start('birthday', { dry_run: true });
    await stack.finished(runId, 90_000);
    const misses: string[] = [];
    const page = await (await open()).newPage();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const pathname of [
        '/',
        '/runs',
        `/runs/${runId}`,
        '/logs',
        '/settings',
        '/templates',
        '/blacklist',
        '/session',
        '/audit',
      ]) {
        await page.goto(pathname);
        await settled(page);
        // The narrow layout folds the menu: open it so its words are walked too.
        if (width < 768) await page.getByRole('button', { name: 'Menu' }).click();
        const texts = (await page.evaluate(VISIBLE_TEXTS)) as string[];
        for (const text of texts) {
          const words = englishWordsIn(text);
          if (words.length > 0)
            misses.push(`${pathname} (${width}px): ${words.join(', ')} in ${JSON.stringify(text)}`);
        }
        await noHorizontalOverflow(page);
        if (pathname === '/') {
          await page.screenshot({
            path: path.join(SCREENSHOT_DIR, `overview-fr-walk-${width}.png`),
            fullPage: true,
            animations: 'disabled',
          });
        }
      }
    }
    expect([...new Set(misses)]).toEqual([]);
  });

  it('links to the API documentation, which opens with the login and not without', async () => {
    const unauthenticated = await fetch(`${stack.url}/docs`, { redirect: 'manual' });
    expect(unauthenticated.status).toBe(401);
    for (const { locale, lang } of LOCALES) {
      const context = await open({ locale });
      const page = await context.newPage();
      await page.goto('/');
      await settled(page);
      const link = page.getByRole('link', {
        name: lang === 'fr' ? "Documentation de l'API" : 'API documentation',
      });
      expect(await link.getAttribute('href')).toBe('/docs');
      const hint = await page.locator(`#${await link.getAttribute('aria-describedby')}`).textContent();
      expect(hint).toBe(
        lang === 'fr' ? 'Nécessite cette connexion (ou la clé API)' : 'Needs this sign-in (or the API key)',
      );
      const [docs] = await Promise.all([context.waitForEvent('page'), link.click()]);
      await docs.waitForLoadState();
      expect(new URL(docs.url()).pathname).toMatch(/^\/docs/);
      await docs.getByText('linkedin-birthday-bot', { exact: false }).first().waitFor();
      await docs.close();
    }
  });
});
