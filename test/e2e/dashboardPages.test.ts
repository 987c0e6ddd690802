import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { ADMIN_USERNAME, type Stack, startStack } from './stack.ts';

/**
 * A walk of every dashboard page in real Chromium, in French and English, on a phone (375 px)
 * and a laptop (1280 px): nothing wider than the screen, no table cut off without a hint, no
 * badge broken over two lines, no serious accessibility violation, and a screenshot of each.
 * Plus what was met on those pages: toasts over the session badge and the menu button, failed
 * logins missing from the audit page, the blacklist's remove dialog asking twice.
 */

const LOCALES = [
  { locale: 'fr-FR', lang: 'fr' },
  { locale: 'en-US', lang: 'en' },
] as const;
const WIDTHS = [375, 1280] as const;

/** Every page of the dashboard: add a line for a new one. `path` may use the seeded data. */
interface DashboardPage {
  name: string;
  path: (seed: Seed) => string;
}
interface Seed {
  runId: string;
}
const PAGES: DashboardPage[] = [
  { name: 'overview', path: () => '/' },
  { name: 'birthdays', path: () => '/birthdays' },
  { name: 'runs', path: () => '/runs' },
  { name: 'run-detail', path: ({ runId }) => `/runs/${runId}` },
  { name: 'logs', path: () => '/logs' },
  { name: 'stats', path: () => '/stats' },
  { name: 'settings', path: () => '/settings' },
  { name: 'templates', path: () => '/templates' },
  { name: 'blacklist', path: () => '/blacklist' },
  { name: 'notifications', path: () => '/notifications' },
  { name: 'session', path: () => '/session' },
  { name: 'audit', path: () => '/audit' },
  { name: 'not-found', path: () => '/no/such/page' },
];

const WRONG_PASSWORD = 'not-the-admin-password-42';

let browser: Browser;
let stack: Stack;
let cookie: SessionCookie;
let seed: Seed;

beforeAll(async () => {
  [browser, stack] = await Promise.all([
    launchBrowser(),
    startStack({
      serve: {},
      reset: { seed: 13, contacts: 30, today: 4, late: 2, invitations: 3, locale: 'fr' },
    }),
  ]);
  // A failed login, through the API as a script would try (the walk's audit page shows it).
  const failed = await fetch(`${stack.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN_USERNAME, password: WRONG_PASSWORD }),
  });
  expect(failed.status).toBe(401);
  cookie = await sessionCookie(stack.url!);
  for (const entry of [
    { name: 'Ada Lovelace', reason: 'Cliente : pas de messages automatiques' },
    {
      name: 'Bartholomew Fitzgerald-Montgomery de la Tour',
      profile_url:
        'https://www.linkedin.com/in/bartholomew-fitzgerald-montgomery-de-la-tour-0123456789abcdef/',
    },
  ]) {
    expect((await stack.api('POST', '/api/blacklist', entry)).statusCode).toBe(201);
  }
  const run = await stack.finished(await stack.start('birthday'), 90_000);
  expect(run.status).toBe('succeeded');
  expect(run.outcomes.length).toBeGreaterThan(0);
  seed = { runId: run.id };
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function open(
  locale: string,
  width: number,
  options: { signedIn?: boolean } = {},
): Promise<BrowserContext> {
  return dashboardContext(browser, stack.url!, {
    locale,
    viewport: { width, height: 800 },
    // axe is injected into the page, which the dashboard's CSP forbids.
    bypassCSP: true,
    signedIn: options.signedIn === false ? false : cookie,
  });
}

/**
 * What is wrong with the page's layout besides its overflow (`pageOverflow`): tables cut with
 * no hint, badges over two lines. Run in the page (a string: the tests are type-checked
 * without the DOM's types).
 */
const LAYOUT_PROBLEMS = `(() => {
  const problems = [];
  for (const table of document.querySelectorAll('table')) {
    const name = table.closest('[aria-label]')?.getAttribute('aria-label') ?? 'a table';
    let box = table.parentElement;
    while (box && !/(auto|scroll)/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
    const width = table.getBoundingClientRect().width;
    if (!box) {
      if (width > (table.parentElement?.clientWidth ?? 0) + 1) problems.push(name + ' is cut: no scroll box');
      continue;
    }
    if (width <= box.clientWidth + 1) continue;
    const hint = box.parentElement?.parentElement?.querySelector('[data-scroll-hint]');
    const shown = !!hint && hint.getBoundingClientRect().height > 0 && getComputedStyle(hint).visibility !== 'hidden';
    if (box.getAttribute('data-overflowing') !== 'true' || !shown) {
      problems.push(name + ' is ' + Math.round(width) + ' px wide in ' + box.clientWidth + ' px with no visible scroll hint');
    }
  }
  for (const badge of document.querySelectorAll('[data-status]')) {
    const lineHeight = Number.parseFloat(getComputedStyle(badge).lineHeight) || 16;
    if (badge.getClientRects().length > 1 || badge.getBoundingClientRect().height > lineHeight * 1.8) {
      problems.push('the badge "' + badge.textContent + '" wraps');
    }
  }
  return problems;
})()`;

/** Page overflow, tables cut with no hint, badges over two lines. */
async function layoutProblems(page: Page): Promise<string[]> {
  const overflow = await pageOverflow(page);
  return [...(overflow ? [overflow] : []), ...(await page.evaluate<string[]>(LAYOUT_PROBLEMS))];
}

describe('every dashboard page, in French and English, at 375 and 1280 px', { timeout: 600_000 }, () => {
  for (const { locale, lang } of LOCALES) {
    for (const width of WIDTHS) {
      it(`${lang} at ${width} px: fits the screen, tables readable, axe clean`, async () => {
        const context = await open(locale, width);
        const problems: string[] = [];
        try {
          const page = await context.newPage();
          for (const { name, path: pathOf } of PAGES) {
            const where = `${name} (${lang}, ${width} px)`;
            await page.goto(pathOf(seed));
            await settled(page);
            // Tables with rows where rows were seeded: the walk looks at real content.
            if (['runs', 'run-detail', 'audit'].includes(name)) {
              await page.locator('tbody tr').first().waitFor();
            }
            expect(await page.locator('html').getAttribute('lang'), where).toBe(lang);
            for (const problem of await layoutProblems(page)) problems.push(`${where}: ${problem}`);
            const serious = (await axeViolations(page)).filter(
              (v) => v.impact === 'serious' || v.impact === 'critical',
            );
            problems.push(...describeViolations(where, serious));
            await page.screenshot({
              path: path.join(SCREENSHOT_DIR, `pages-${name}-${lang}-${width}.png`),
              fullPage: true,
            });
          }
        } finally {
          await context.close();
        }
        expect(problems).toEqual([]);
      });
    }
  }

  it('shows tables as cards of "label value" lines on a phone, as tables on a laptop', async () => {
    for (const width of WIDTHS) {
      const context = await open('fr-FR', width);
      try {
        const page = await context.newPage();
        await page.goto('/runs');
        await settled(page);
        const row = page.locator('tbody tr').first();
        await row.waitFor();
        const display = await page.evaluate<string>(
          "getComputedStyle(document.querySelector('tbody tr')).display",
        );
        const label = () =>
          page.evaluate<string>(
            `getComputedStyle(document.querySelector('tbody tr td[data-label="Durée"]'), '::before').content`,
          );
        if (width === 375) {
          expect(display).toBe('flex');
          // The label is drawn beside the value, and the header row is out of sight.
          expect(await label()).toBe('"Durée"');
          expect((await page.locator('thead').boundingBox())?.height ?? 0).toBeLessThanOrEqual(1);
        } else {
          expect(display).toBe('table-row');
          expect(await label()).toBe('none');
          expect(await page.getByRole('columnheader', { name: 'Durée' }).isVisible()).toBe(true);
        }
      } finally {
        await context.close();
      }
    }
  });
});

describe('what was met on these pages', { timeout: 240_000 }, () => {
  it('puts toasts where they cover neither the session badge nor the menu button', async () => {
    for (const width of WIDTHS) {
      const context = await open('fr-FR', width);
      try {
        const page = await context.newPage();
        await page.goto('/blacklist');
        await settled(page);
        await page.getByLabel('Nom', { exact: true }).fill(`Toast ${width}`);
        await page.getByRole('button', { name: 'Ajouter' }).click();
        const toast = page.locator('[data-sonner-toast]').first();
        await toast.waitFor();
        // Hovered, the toast stays while the page changes under it.
        await toast.hover();
        const overlaps = async (other: ReturnType<Page['locator']>, what: string) => {
          const [a, b] = await Promise.all([toast.boundingBox(), other.boundingBox()]);
          expect(a, 'the toast').not.toBeNull();
          expect(b, what).not.toBeNull();
          return (
            a!.x < b!.x + b!.width &&
            b!.x < a!.x + a!.width &&
            a!.y < b!.y + b!.height &&
            b!.y < a!.y + a!.height
          );
        };
        if (width === 375) {
          expect(
            await overlaps(page.getByRole('button', { name: 'Menu' }), 'the menu button'),
            `${width} px`,
          ).toBe(false);
        }
        // To the overview without reloading: the toast is still there.
        await page.evaluate("history.pushState({}, '', '/'); dispatchEvent(new PopStateEvent('popstate'))");
        const badge = page.getByTestId('session-badge');
        await badge.waitFor();
        expect(await toast.isVisible()).toBe(true);
        expect(await overlaps(badge, 'the session badge'), `${width} px`).toBe(false);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `pages-toast-fr-${width}.png`) });
      } finally {
        await context.close();
      }
    }
  });

  it('lists a failed login on the audit page, in words, with the username and the address, never the password', async () => {
    for (const { locale, lang } of LOCALES) {
      const texts =
        lang === 'fr'
          ? {
              user: "Nom d'utilisateur",
              password: 'Mot de passe',
              submit: 'Se connecter',
              failed: 'Échec de connexion',
            }
          : { user: 'Username', password: 'Password', submit: 'Sign in', failed: 'Failed sign-in' };
      const guest = await open(locale, 375, { signedIn: false });
      try {
        const page = await guest.newPage();
        await page.goto('/login');
        await page.getByLabel(texts.user).fill(ADMIN_USERNAME);
        await page.getByLabel(texts.password).fill(`${WRONG_PASSWORD}-${lang}`);
        await page.getByRole('button', { name: texts.submit }).click();
        await page.getByRole('alert').waitFor();
      } finally {
        await guest.close();
      }
      const context = await open(locale, 375);
      try {
        const page = await context.newPage();
        await page.goto('/audit');
        await settled(page);
        const row = page.locator('tbody tr', { hasText: texts.failed }).first();
        await row.waitFor();
        await expect.poll(() => row.textContent()).toContain(ADMIN_USERNAME);
        expect(await row.textContent()).toContain('127.0.0.1');
        expect(await page.content()).not.toContain(WRONG_PASSWORD);
        // Actions in words: no raw codes.
        expect(await page.locator('main').textContent()).not.toMatch(
          /auth\.login|linkedin_session\.|run\.start/,
        );
        // Runs are links to their page, by short id.
        const runLink = page.locator(`main a[href="/runs/${seed.runId}"]`).first();
        expect(await runLink.textContent()).toContain(seed.runId.slice(0, 8));
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `pages-audit-failed-login-${lang}-375.png`),
        });
      } finally {
        await context.close();
      }
    }
  });

  it('asks the blacklist removal question once', async () => {
    for (const { locale, lang } of LOCALES) {
      const question = lang === 'fr' ? 'de la liste noire ?' : 'from the blacklist?';
      const context = await open(locale, 375);
      try {
        const page = await context.newPage();
        await page.goto('/blacklist');
        await settled(page);
        await page.getByRole('button', { name: /^(Retirer|Remove) Ada Lovelace$/ }).click();
        const dialog = page.getByRole('alertdialog');
        await dialog.waitFor();
        const text = (await dialog.textContent()) ?? '';
        expect(text.split(question)).toHaveLength(2);
        const axe = (await axeViolations(page)).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        );
        expect(describeViolations(`blacklist dialog (${lang})`, axe)).toEqual([]);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `pages-blacklist-dialog-${lang}-375.png`) });
        await page.keyboard.press('Escape');
      } finally {
        await context.close();
      }
    }
  });
});
