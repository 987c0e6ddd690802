import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxBrowser, startSandboxBrowser } from './testing.ts';

/** The sandbox driven by a real Chromium, the way the Playwright driver will use it. */

let sandbox: SandboxBrowser;

/** PageDown until no new card appears for a few passes, as the driver does. */
async function scrollAllCards(page: Page, selector: string): Promise<number> {
  let count = await page.locator(selector).count();
  let stable = 0;
  while (stable < 4) {
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(150);
    const now = await page.locator(selector).count();
    stable = now === count ? stable + 1 : 0;
    count = now;
  }
  return count;
}

beforeAll(async () => {
  sandbox = await startSandboxBrowser();
});

afterEach(async () => {
  await sandbox?.closePage();
});

afterAll(async () => {
  await sandbox?.close();
});

describe('sandbox in a real browser', () => {
  it('lists every birthday as the page scrolls, and sends a message through the overlay', async () => {
    await sandbox.reset({ seed: 7 });
    const expected = (await sandbox.contacts()).filter((c) => c.birthday_days_late !== null);
    expect(expected).toHaveLength(17);

    const page = await sandbox.loggedInPage();
    await page.goto(`${sandbox.url}/mynetwork/catch-up/birthday/`);
    await expect(page.locator('#global-nav').count()).resolves.toBe(1);
    const cards = page.locator("div[role='listitem']");
    expect(await cards.count()).toBe(8);
    expect(await scrollAllCards(page, "div[role='listitem']")).toBe(17);

    // Every card: a profile link with a query string, a name among the <p>s, a "when" text.
    const slugs = await cards.evaluateAll((els) =>
      els.map((el) => {
        const href = el.querySelector("a[href*='/in/']")!.getAttribute('href')!;
        return href.match(/\/in\/([^/]+)\//)![1];
      }),
    );
    expect(new Set(slugs)).toEqual(new Set(expected.map((c) => c.slug)));
    const firstCardText = await cards.first().textContent();
    expect(firstCardText).toContain('Today');

    // Open the first card's conversation.
    const contact = expected.find((c) => c.slug === slugs[0])!;
    await cards.first().locator("button[aria-label*='Message']").click();
    const composer = page.locator("div[role='textbox'][contenteditable='true'].msg-form__contenteditable");
    await composer.waitFor();
    const send = page.locator('button.msg-form__send-button');
    expect(await send.isDisabled()).toBe(true);
    const before = await page.locator('.msg-s-event-listitem__body').count();

    const text = `Happy birthday ${contact.first_name}! 🎉`;
    await composer.fill(text);
    expect(await send.isEnabled()).toBe(true);
    await send.click();
    await page.locator('.msg-s-event-listitem__body', { hasText: text }).waitFor();
    expect(await page.locator('.msg-s-event-listitem__body').count()).toBe(before + 1);
    expect(await send.isDisabled()).toBe(true);
    expect((await composer.textContent())?.trim()).toBe('');

    expect(await sandbox.messages()).toEqual([expect.objectContaining({ to: contact.slug, text })]);

    // Close, reopen: the thread still has it (kept server-side).
    await page.locator("button[aria-label='Close']").click();
    await expect(composer.count()).resolves.toBe(0);
    await cards.first().locator("button[aria-label*='Message']").click();
    await composer.waitFor();
    const thread = await page.locator('.msg-s-event-listitem__body').allInnerTexts();
    expect(thread.at(-1)).toBe(text);

    // A failing send shows an alert, stores nothing, and the next one works.
    await sandbox.faults({ send_fails: 1 });
    await composer.fill('Second try');
    await send.click();
    const alert = page.locator(".msg-overlay-conversation-bubble [role='alert']");
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Message failed to send');
    expect(await sandbox.messages()).toHaveLength(1);
    expect((await sandbox.get<{ send_fails: number }>('/__sandbox/faults')).send_fails).toBe(0);
    expect(await page.locator('.msg-s-event-listitem__body', { hasText: 'Second try' }).count()).toBe(0);

    // The thread page shows the same conversation.
    await page.goto(`${sandbox.url}/messaging/thread/${contact.slug}/`);
    expect((await page.locator('.msg-s-event-listitem__body').allInnerTexts()).at(-1)).toBe(text);
  });

  it('goes to the login page when the session expires mid-way', async () => {
    await sandbox.reset({});
    const page = await sandbox.loggedInPage();
    await page.goto(`${sandbox.url}/mynetwork/catch-up/birthday/`);
    await page.locator("div[role='listitem'] button[aria-label*='Message']").first().click();
    const composer = page.locator("div[role='textbox'][contenteditable='true']");
    await composer.waitFor();
    await sandbox.faults({ session_expired: true });
    await composer.fill('Hello');
    await page.locator('button.msg-form__send-button').click();
    await page.waitForURL(/\/login/);
    expect(await page.locator('#global-nav').count()).toBe(0);
    expect(await sandbox.messages()).toHaveLength(0);
  });

  it('paginates people search and records profile visits', async () => {
    await sandbox.reset({ seed: 11, contacts: 120 });
    const page = await sandbox.loggedInPage();
    await page.goto(`${sandbox.url}/search/results/people/?keywords=`);
    const results = page.locator("div[data-view-name='people-search-result']");
    expect(await results.count()).toBe(10);
    const firstPage = await page.locator("a[data-view-name='search-result-lockup-title']").allInnerTexts();
    await page.locator("button[aria-label='Next']").click();
    await page.waitForURL(/page=2/);
    const secondPage = await page.locator("a[data-view-name='search-result-lockup-title']").allInnerTexts();
    expect(secondPage).toHaveLength(10);
    expect(secondPage.some((n) => firstPage.includes(n))).toBe(false);

    await page.goto(`${sandbox.url}/search/results/people/?keywords=&page=12`);
    expect(await results.count()).toBe(10);
    expect(await page.locator("button[aria-label='Next']").isDisabled()).toBe(true);

    const href = await page
      .locator("a[data-view-name='search-result-lockup-title']")
      .first()
      .getAttribute('href');
    await page.goto(new URL(href!, sandbox.url).toString());
    const slug = href!.match(/\/in\/([^/]+)\//)![1];
    const contact = (await sandbox.contacts()).find((c) => c.slug === slug)!;
    expect(await page.locator('div.ph5 h1.text-heading-xlarge').textContent()).toBe(contact.name);
    expect(await page.locator('div.text-body-medium').textContent()).not.toBe('');
    expect((await sandbox.get<{ visits: { slug: string }[] }>('/__sandbox/visits')).visits).toEqual([
      expect.objectContaining({ slug }),
    ]);
  });

  it('withdraws a sent invitation through the confirm dialog', async () => {
    await sandbox.reset({ invitations: 12 });
    const page = await sandbox.loggedInPage();
    await page.goto(`${sandbox.url}/mynetwork/invitation-manager/sent/`);
    const items = page.locator('li.invitation-card');
    expect(await items.count()).toBe(12);
    const last = items.last();
    expect(await last.locator('time').textContent()).toMatch(/^Sent \d+ (month|week)s? ago$/);
    const name = await last.locator('.invitation-card__title').textContent();
    await last.locator("button[aria-label*='Withdraw']").click();
    const dialog = page.locator("div[role='dialog']");
    await dialog.waitFor();
    await dialog.locator('button.artdeco-button--primary', { hasText: 'Withdraw' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(items.count()).resolves.toBe(11);
    const data = await sandbox.get<{ invitations: unknown[]; withdrawn: { name: string }[] }>(
      '/__sandbox/invitations',
    );
    expect(data.invitations).toHaveLength(11);
    expect(data.withdrawn.map((w) => w.name)).toEqual([name]);
  });

  it('renders the alt DOM variant in French with only the fallback selectors', async () => {
    await sandbox.reset({ locale: 'fr', today: 3, late: 2 });
    await sandbox.faults({ dom_variant: 'alt' });
    const page = await sandbox.loggedInPage();
    await page.goto(`${sandbox.url}/mynetwork/catch-up/birthday/`);
    expect(await page.locator("div[role='listitem']").count()).toBe(0);
    const cards = page.locator('li.artdeco-card[data-test-birthday-card]');
    expect(await cards.count()).toBe(5);
    expect(await cards.first().textContent()).toContain("Aujourd'hui");
    await cards.first().locator("[data-control-name='message']").click();
    const composer = page.locator(".msg-form__msg-content-container div[contenteditable='true']");
    await composer.waitFor();
    expect(await page.locator("div[role='textbox']").count()).toBe(0);
    expect(await page.locator('button.msg-form__send-button').count()).toBe(0);
    await composer.fill('Joyeux anniversaire !');
    await page.locator('button', { hasText: 'Envoyer' }).last().click();
    await page.locator('.msg-s-event-listitem__body', { hasText: 'Joyeux anniversaire !' }).waitFor();
    expect(await page.locator("button[aria-label='Fermer']").count()).toBe(1);

    await page.goto(`${sandbox.url}/search/results/people/?keywords=`);
    expect(await page.locator("div[data-view-name='people-search-result']").count()).toBe(0);
    expect(
      await page.locator('li.reusable-search__result-container span.entity-result__title-text a').count(),
    ).toBe(10);
    expect(await page.locator("button[aria-label='Suivant']").count()).toBe(1);

    await page.goto(`${sandbox.url}/mynetwork/invitation-manager/sent/`);
    expect(await page.locator('li.invitation-card').count()).toBe(0);
    const first = page.locator('li.artdeco-list__item').first();
    expect(await first.textContent()).toContain('Envoyée aujourd’hui');
    expect(await first.locator("button[aria-label*='Retirer']").count()).toBe(1);
  });
});
