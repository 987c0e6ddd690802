import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationChannelView, WebhookBody } from '../../src/contract/notifications.ts';
import { verifyWebhookSignature } from '../../src/notify/channels/webhook.ts';
import { en } from '../../web/src/i18n/en.ts';
import { fr } from '../../web/src/i18n/fr.ts';
import { englishWordsIn } from '../support/englishWords.ts';
import { type HttpReceiver, startHttpReceiver } from '../support/httpReceiver.ts';
import {
  axeViolations,
  dashboardContext,
  describeViolations,
  launchBrowser,
  SCREENSHOT_DIR,
  type SessionCookie,
  sessionCookie,
  settled,
} from './dashboardBrowser.ts';
import { type Stack, startStack } from './stack.ts';

/**
 * The notifications page in the built dashboard over the real server, in Chromium: a webhook
 * channel added with the secret the page makes, "Send a test" answered by a real receiver on
 * loopback that checks the signature, the answer shown, the delivery in the log; in French and
 * English, on a phone and a laptop, nothing wider than the screen and axe clean. The words
 * come from the dashboard's dictionaries.
 */

type Dict = Record<keyof typeof en, string>;
const LANGS = [
  ['fr', fr],
  ['en', en as Dict],
] as const;
const WIDTHS = [375, 1280] as const;

/** What the receiver answers: a status of its own, so the page's is the receiver's. */
const RECEIVER_STATUS = 202;
const RECEIVER_BODY = '{"received":true,"by":"e2e-receiver"}';

let stack: Stack;
let browser: Browser;
let cookie: SessionCookie;
let receiver: HttpReceiver;
beforeAll(async () => {
  [stack, browser, receiver] = await Promise.all([
    startStack({ serve: {} }),
    launchBrowser(),
    startHttpReceiver((_request, res) => {
      res.writeHead(RECEIVER_STATUS, { 'content-type': 'application/json' }).end(RECEIVER_BODY);
    }),
  ]);
  cookie = await sessionCookie(stack.url!);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await receiver?.close();
});

async function open(lang: 'fr' | 'en', width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await dashboardContext(browser, stack.url!, {
    signedIn: cookie,
    locale: lang === 'fr' ? 'fr-FR' : 'en-US',
    viewport: { width, height: 900 },
    bypassCSP: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await context.addInitScript(`localStorage.setItem('lbb.locale', '${lang}')`);
  const page = await context.newPage();
  await page.goto('/notifications');
  await settled(page);
  return { context, page };
}

/** The page fits the window, and no status badge breaks over two lines. */
async function layoutProblems(page: Page, where: string): Promise<string[]> {
  const problems = await page.evaluate<string[]>(`(() => {
    const problems = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) {
      const wide = [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 3)
        .map((el) => '<' + el.tagName.toLowerCase() + ' class="' + el.className + '">');
      problems.push('the page is ' + root.scrollWidth + ' px wide in ' + window.innerWidth + ' px: ' + wide.join(', '));
    }
    for (const badge of document.querySelectorAll('[data-status]')) {
      const lineHeight = Number.parseFloat(getComputedStyle(badge).lineHeight) || 16;
      if (badge.getClientRects().length > 1 || badge.getBoundingClientRect().height > lineHeight * 1.8) {
        problems.push('the badge "' + badge.textContent + '" wraps');
      }
    }
    return problems;
  })()`);
  const serious = (await axeViolations(page)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  return [...problems.map((p) => `${where}: ${p}`), ...describeViolations(where, serious)];
}

async function channels(): Promise<NotificationChannelView[]> {
  const res = await stack.api('GET', '/api/notifications/channels');
  expect(res.statusCode).toBe(200);
  return (res.json() as { channels: NotificationChannelView[] }).channels;
}

describe('notifications page in Chromium', { timeout: 600_000 }, () => {
  it('adds a webhook, sends a test the receiver verifies, shows its answer and the delivery', async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const problems: string[] = [];
    for (const [lang, d] of LANGS) {
      for (const width of WIDTHS) {
        const where = `/notifications ${lang} ${width}px`;
        const name = `Récepteur ${lang} ${width}`;
        const { context, page } = await open(lang, width);
        try {
          await page.getByRole('button', { name: d['notifications.channels.add'] }).click();
          expect(await page.getByLabel(d['notifications.form.type'], { exact: true }).inputValue()).toBe(
            'webhook',
          );
          // The secret the page made: 32 random bytes, shown once, with its copy button and warning.
          const secret = await page.getByLabel(d['notifications.field.secret'], { exact: true }).inputValue();
          expect(secret).toMatch(/^[0-9a-f]{64}$/);
          await page.getByText(d['notifications.secret.once']).waitFor();
          await page.getByRole('button', { name: d['notifications.secret.copy'] }).waitFor();
          await page.getByLabel(d['notifications.form.name'], { exact: true }).fill(name);
          await page
            .getByLabel(d['notifications.field.url'], { exact: true })
            .fill(`${receiver.origin}/hook/${lang}-${width}`);
          problems.push(...(await layoutProblems(page, `${where} (form)`)));
          await page.screenshot({
            path: path.join(SCREENSHOT_DIR, `notifications-form-${lang}-${width}.png`),
            fullPage: true,
          });
          await page.getByRole('button', { name: d['notifications.form.create'] }).click();
          await page.getByText(d['notifications.form.created']).first().waitFor();
          const created = (await channels()).find((c) => c.name === name);
          expect(created?.config).toEqual({ url: `${receiver.origin}/hook/${lang}-${width}` });
          expect(created?.secrets).toEqual({ secret: true });
          expect(created?.language).toBe(lang);
          expect(JSON.stringify(created)).not.toContain(secret);

          // "Send a test": the receiver gets one signed request, the page shows its answer.
          const before = receiver.requests.length;
          await page.getByRole('button', { name: `${d['notifications.channels.test']} — ${name}` }).click();
          const panel = page.getByRole('region', {
            name: d['notifications.test.title'].replace('{name}', name),
          });
          await panel.getByTestId('test-status').waitFor();
          expect((await panel.getByTestId('test-status').textContent())?.trim()).toBe(
            String(RECEIVER_STATUS),
          );
          expect(await panel.getByTestId('test-outcome').textContent()).toBe(d['notifications.test.ok']);
          expect(await panel.getByTestId('test-response').textContent()).toBe(RECEIVER_BODY);

          const received = receiver.requests.slice(before);
          expect(received).toHaveLength(1);
          const request = received[0]!;
          expect(request.url).toBe(`/hook/${lang}-${width}`);
          expect(request.headers['x-lbb-event']).toBe('test');
          expect(
            verifyWebhookSignature(request.body, request.headers['x-lbb-signature'] as string, secret),
          ).toBe(true);
          expect(
            verifyWebhookSignature(
              request.body,
              request.headers['x-lbb-signature'] as string,
              'x'.repeat(64),
            ),
          ).toBe(false);
          const body = JSON.parse(request.body.toString('utf8')) as WebhookBody;
          expect(body.event).toBe('test');
          expect(request.headers['x-lbb-delivery']).toBe(body.id);
          expect(await panel.textContent()).toContain(body.id);

          // The delivery in the channel's log: the test, delivered, one attempt.
          const log = page.getByRole('table', { name: d['notifications.log.table'].replace('{name}', name) });
          const row = log.getByRole('row').filter({ hasText: d['notifications.event.test'] });
          await row.first().waitFor();
          expect(await row.count()).toBe(1);
          expect(await row.getByTestId(`delivery-status-${body.id}`).textContent()).toBe(
            d['notifications.status.delivered'],
          );
          await row.getByRole('button', { name: new RegExp(d['notifications.log.resend']) }).waitFor();
          const deliveries = await stack.api(
            'GET',
            `/api/notifications/deliveries?channel=${created!.id}&limit=5`,
          );
          expect(deliveries.json()).toMatchObject({
            deliveries: [
              { id: body.id, event: 'test', status: 'delivered', attempts: 1, response_status: 202 },
            ],
          });

          // The whole page as it is now: the list, the answer, the log, the settings.
          if (lang === 'fr') {
            const text = (await page.locator('main').textContent()) ?? '';
            expect(englishWordsIn(text), where).toEqual([]);
          }
          problems.push(...(await layoutProblems(page, where)));
          await page.screenshot({
            path: path.join(SCREENSHOT_DIR, `notifications-${lang}-${width}.png`),
            fullPage: true,
          });
        } finally {
          await context.close();
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('says a wrong URL next to its field in the user language, and deletes a channel after one question', async () => {
    for (const [lang, d] of LANGS) {
      const { context, page } = await open(lang, 375);
      try {
        await page.getByRole('button', { name: d['notifications.channels.add'] }).click();
        await page.getByLabel(d['notifications.form.name'], { exact: true }).fill(`À supprimer ${lang}`);
        const url = page.getByLabel(d['notifications.field.url'], { exact: true });
        await url.fill('ftp://127.0.0.1/hook');
        await page.getByRole('button', { name: d['notifications.form.create'] }).click();
        await page.getByText(d['fieldError.invalid_http_url']).waitFor();
        expect(await url.getAttribute('aria-invalid')).toBe('true');
        await url.fill(`${receiver.origin}/delete-me`);
        await page.getByRole('button', { name: d['notifications.form.create'] }).click();
        await page.getByText(d['notifications.form.created']).first().waitFor();

        const name = `À supprimer ${lang}`;
        await page
          .getByRole('button', { name: d['notifications.channels.delete'].replace('{name}', name) })
          .click();
        const dialog = page.getByRole('alertdialog');
        await dialog.waitFor();
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `notifications-delete-${lang}-375.png`) });
        await dialog
          .getByRole('button', { name: d['notifications.channels.deleteAction'], exact: true })
          .click();
        await page.getByText(d['notifications.channels.deleted']).first().waitFor();
        // Asked once: no second dialog, and the channel is gone.
        expect(await page.getByRole('alertdialog').count()).toBe(0);
        expect((await channels()).some((c) => c.name === name)).toBe(false);
      } finally {
        await context.close();
      }
    }
  });

  it("saves the account's notification language and digest time", async () => {
    const { context, page } = await open('fr', 1280);
    try {
      await page.getByLabel(fr['notifications.settings.language'], { exact: true }).selectOption('en');
      const label = fr['notifications.settings.digestTime'];
      await page
        .getByLabel(fr['settings.time.hours'].replace('{label}', label), { exact: true })
        .selectOption('07');
      await page
        .getByLabel(fr['settings.time.minutes'].replace('{label}', label), { exact: true })
        .selectOption('30');
      await page.getByRole('button', { name: fr['notifications.settings.save'], exact: true }).click();
      await page.getByText(fr['notifications.settings.saved']).first().waitFor();
      const settings = await stack.api('GET', '/api/settings');
      expect(settings.json()).toMatchObject({ notifications: { language: 'en', digest_time: '07:30' } });
    } finally {
      await context.close();
    }
  });
});
