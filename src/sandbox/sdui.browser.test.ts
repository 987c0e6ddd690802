import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxFaults, SandboxResetOptions, SandboxStateContact } from '../linkedin/testing.ts';
import { type SandboxBrowser, startSandboxBrowser } from './testing.ts';

/** The sdui design in a real Chromium: every message box placement, the new faults, Load more. */

const SMALL: SandboxResetOptions = { seed: 3, contacts: 30, today: 3, late: 2, invitations: 6 };

let sandbox: SandboxBrowser;

const messages = () => sandbox.messages();

/** A fresh small sdui world, the birthday page open. */
async function birthdayPage(faults: SandboxFaults = {}, reset: SandboxResetOptions = SMALL) {
  await sandbox.reset(reset);
  await sandbox.faults({ dom_variant: 'sdui', ...faults });
  const contacts = await sandbox.contacts();
  const page = await sandbox.loggedInPage();
  await page.goto(`${sandbox.url}/mynetwork/catch-up/birthday/`);
  return { page, contacts };
}

/** The first birthday card's contact, from its absolute profile link. */
async function firstCard(page: Page, contacts: SandboxStateContact[]) {
  const card = page.locator('div[role="listitem"][data-view-name="nurture-card"]').first();
  const href = await card.locator('a[data-view-name="nurture-card-profile-view"]').getAttribute('href');
  expect(href).toMatch(/^https:\/\/www\.linkedin\.com\/in\/[a-z0-9-]+\/$/);
  const slug = href!.match(/\/in\/([^/]+)\//)![1];
  const contact = contacts.find((c) => c.slug === slug)!;
  const link = card.locator('a[data-view-name="nurture-card-primary-button"]');
  return { card, contact, link, wish: (await link.textContent())! };
}

beforeAll(async () => {
  sandbox = await startSandboxBrowser();
});

afterEach(async () => {
  await sandbox?.closePage();
});

afterAll(async () => {
  const requested = sandbox?.requested ?? [];
  await sandbox?.close();
  // Nothing the sandbox served made the browser go to linkedin.com by itself.
  expect(requested.filter((u) => !u.startsWith(sandbox.url) && !u.startsWith('data:'))).toEqual([]);
});

/** Where each placement's box is, for a driver: a locator root (page, frame or dialog). */
async function boxRoot(page: Page, placement: string): Promise<Page | Frame | Locator> {
  switch (placement) {
    case 'main':
      return page.locator('aside#msg-overlay');
    case 'shadow':
      // Playwright's CSS engine pierces open shadow roots.
      return page.locator('#interop-outlet[data-testid="interop-shadowdom"]');
    case 'iframe': {
      const handle = await page.waitForSelector('iframe[data-testid="interop-iframe"][src="/preload/"]');
      const frame = await handle.contentFrame();
      return frame!;
    }
    case 'dialog':
      return page.locator('dialog[open]');
    default:
      await page.waitForURL(/\/messaging\/compose\/\?recipient=ACoAA[^&]+&body=.+&interop=msgOverlay$/);
      return page.locator('main#workspace');
  }
}

describe('sdui message box placements', () => {
  for (const placement of ['main', 'shadow', 'iframe', 'dialog', 'page'] as const) {
    it(`${placement}: the link opens a pre-filled box; replace the text, send; errors alert inside the box`, async () => {
      const { page, contacts } = await birthdayPage({ overlay: placement, send_fails: 1 });
      if (placement === 'iframe') {
        const frame = page.locator('iframe[data-testid="interop-iframe"]');
        expect(await frame.isVisible()).toBe(false);
      }
      if (placement === 'shadow') {
        expect(await page.locator('#interop-outlet').evaluate((el) => el.shadowRoot !== null)).toBe(true);
      }
      const { contact, link, wish } = await firstCard(page, contacts);
      expect(wish).toBe(`Happy birthday, ${contact.first_name}! 🎉`);
      expect(await link.getAttribute('aria-label')).toBe(`Message ${contact.name}: ${wish}`);
      await link.click();

      const root = await boxRoot(page, placement);
      const composer = root.locator(
        'div[role="textbox"][contenteditable="true"][aria-label="Write a message…"]',
      );
      await composer.waitFor();
      const send =
        placement === 'dialog'
          ? root.locator('button[data-view-name="messaging-modal-send-button"]')
          : root.locator('button[type="submit"]');
      expect(await send.textContent()).toBe('Send');
      expect(await composer.textContent()).toBe(wish);
      expect(await composer.locator('p').count()).toBe(1);
      expect(await send.isEnabled()).toBe(true);
      // The header names the recipient with their absolute profile link.
      const header = root.locator(`a[href="https://www.linkedin.com/in/${contact.slug}/"]`);
      expect(await header.textContent()).toBe(contact.name);
      expect(await root.locator('button[aria-label="Close"]').count()).toBe(placement === 'page' ? 0 : 1);
      const thread = root.locator('[data-view-name="message-list"] [role="listitem"] p');
      if (placement === 'dialog') expect(await root.locator('[role="list"]').count()).toBe(0);
      const before = placement === 'dialog' ? 0 : await thread.count();
      if (placement === 'main' || placement === 'dialog') {
        // Not in the page's light DOM elsewhere: the box is where the fault says.
        expect(await page.locator('#interop-outlet, iframe[data-testid="interop-iframe"]').count()).toBe(0);
      }
      if (placement === 'shadow') {
        // Not in the light DOM: only inside the open shadow root.
        expect(
          await page
            .locator('#interop-outlet')
            .evaluate((el) => [
              el.ownerDocument.querySelector('[contenteditable="true"]') === null,
              el.shadowRoot!.querySelector('[contenteditable="true"]') !== null,
            ]),
        ).toEqual([true, true]);
      }
      if (placement === 'iframe')
        expect(await page.locator('iframe[data-testid="interop-iframe"]').isVisible()).toBe(true);

      // First send fails (send_fails: 1): an alert inside the box, nothing stored, text kept.
      const text = `Joyeux anniversaire ${contact.first_name} ! Belle journée`;
      await composer.fill(text);
      await send.click();
      const alert = root.locator('[role="alert"]');
      await alert.waitFor();
      expect(await alert.textContent()).toBe('Message failed to send');
      expect(await messages()).toEqual([]);
      expect(await composer.textContent()).toBe(text);

      await send.click();
      if (placement === 'dialog') {
        // The dialog closes itself after a successful send, and never shows a thread.
        await page.locator('dialog[data-sandbox-msg-dialog]').waitFor({ state: 'detached' });
      } else {
        await root.locator('[data-view-name="message-list"] p', { hasText: text }).waitFor();
        expect(await thread.count()).toBe(before + 1);
        expect((await thread.allInnerTexts()).at(-1)).toBe(text);
        expect((await composer.textContent())?.trim()).toBe('');
        expect(await send.isDisabled()).toBe(true);
        expect(await alert.count()).toBe(0);
      }
      expect(await messages()).toEqual([expect.objectContaining({ to: contact.slug, text })]);
    });
  }

  it('one box at a time: opening another card replaces it; Close closes it', async () => {
    const { page } = await birthdayPage({ overlay: 'shadow' });
    const links = page.locator('a[data-view-name="nurture-card-primary-button"]');
    await links.nth(0).click();
    const headers = page.locator('#interop-outlet header h2 a');
    await headers.first().waitFor();
    const firstName = await headers.first().textContent();
    await links.nth(1).click();
    await expect.poll(() => headers.first().textContent()).not.toBe(firstName);
    expect(await headers.count()).toBe(1);
    await page.locator('#interop-outlet button[aria-label="Close"]').click();
    await expect.poll(() => page.locator('#interop-outlet [contenteditable]').count()).toBe(0);
  });

  it('rate_limited and session_expired work from the iframe', async () => {
    const { page } = await birthdayPage({ overlay: 'iframe', rate_limited: true });
    expect(
      await page
        .locator('[role="dialog"][data-sdui-screen="com.linkedin.sdui.FuseLimitAlert"]')
        .textContent(),
    ).toBe("You've reached the weekly invitation limit");
    await page.locator('a[data-view-name="nurture-card-primary-button"]').first().click();
    const frame = page.frameLocator('iframe[data-testid="interop-iframe"]');
    await frame.locator('div[role="textbox"]').waitFor();
    await frame.locator('button[type="submit"]').click();
    await frame
      .locator('[role="alert"]', { hasText: "You've reached the weekly invitation limit" })
      .waitFor();
    await sandbox.faults({ rate_limited: false, session_expired: true });
    await frame.locator('button[type="submit"]').click();
    await page.waitForURL(/\/login\?session_redirect=/);
    expect(await messages()).toEqual([]);
  });
});

describe('sdui faults in a browser', () => {
  it('wrong_recipient: the box opens another contact, header and all', async () => {
    const { page, contacts } = await birthdayPage({ overlay: 'main', wrong_recipient: 1 });
    const { contact, link } = await firstCard(page, contacts);
    await link.click();
    const header = page.locator('aside#msg-overlay header h2 a');
    await header.waitFor();
    const href = (await header.getAttribute('href'))!;
    expect(href).not.toBe(`https://www.linkedin.com/in/${contact.slug}/`);
    expect(await header.textContent()).not.toBe(contact.name);
    // Still pre-filled with the card's wish: sending now would greet the wrong person.
    expect(await page.locator('aside#msg-overlay div[role="textbox"]').textContent()).toContain(
      contact.first_name,
    );
    expect((await sandbox.get<{ wrong_recipient: number }>('/__sandbox/faults')).wrong_recipient).toBe(0);
    await page.locator('aside#msg-overlay button[aria-label="Close"]').click();
    await link.click();
    await page
      .locator(`aside#msg-overlay header a[href="https://www.linkedin.com/in/${contact.slug}/"]`)
      .waitFor();
  });

  it('send_stall_ms: the message is stored while the page shows nothing', async () => {
    const { page, contacts } = await birthdayPage({ overlay: 'main', send_stall_ms: 1500 });
    const { contact, link } = await firstCard(page, contacts);
    await link.click();
    const box = page.locator('aside#msg-overlay');
    const composer = box.locator('div[role="textbox"]');
    await composer.waitFor();
    await composer.fill('Stalled wish');
    await box.locator('button[type="submit"]').click();
    await expect
      .poll(messages, { timeout: 1000 })
      .toEqual([expect.objectContaining({ to: contact.slug, text: 'Stalled wish' })]);
    // Deliberate: proves the stalled wish does not show up in the thread meanwhile.
    await page.waitForTimeout(300);
    expect(await box.locator('[data-view-name="message-list"] p', { hasText: 'Stalled wish' }).count()).toBe(
      0,
    );
    expect(await box.locator('[role="alert"]').count()).toBe(0);
    expect(await composer.textContent()).toBe('Stalled wish');
    // Reopened (here: a reload, then the card again), the thread shows it.
    await page.reload();
    await link.click();
    await box.locator('[data-view-name="message-list"] p', { hasText: 'Stalled wish' }).waitFor();
  });

  it('redirect_loop: navigation fails with ERR_TOO_MANY_REDIRECTS', async () => {
    await sandbox.reset(SMALL);
    await sandbox.faults({ dom_variant: 'sdui', redirect_loop: true });
    const page = await sandbox.loggedInPage();
    await expect(page.goto(`${sandbox.url}/feed/`)).rejects.toThrow(/net::ERR_TOO_MANY_REDIRECTS/);
  });

  it('account_picker: pages land on "Welcome back" with no login form', async () => {
    await sandbox.reset(SMALL);
    await sandbox.faults({ dom_variant: 'sdui', account_picker: true });
    const page = await sandbox.loggedInPage();
    await page.goto(`${sandbox.url}/feed/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('#rememberme-div').textContent()).toContain('Alex Morgan');
    expect(
      await page.locator('#rememberme-div a', { hasText: 'Sign in using another account' }).count(),
    ).toBe(1);
    expect(await page.locator('form, #password').count()).toBe(0);
    expect(await page.locator('nav a[href="/feed/"]').count()).toBe(0);
  });

  it('break_primary: only fallbacks find the cards and links', async () => {
    const { page } = await birthdayPage({ break_primary: true });
    expect(await page.locator('[data-view-name="nurture-card"]').count()).toBe(0);
    expect(await page.locator('[data-view-name="nurture-card-primary-button"]').count()).toBe(0);
    const cards = page.locator('[data-testid="lazy-column"] div[role="listitem"]');
    expect(await cards.count()).toBe(6);
    await cards.first().locator('a[href*="/messaging/compose/"]').click();
    await page.locator('aside#msg-overlay div[role="textbox"]').waitFor();
  });
});

describe('sdui pages in a browser', () => {
  it('"Load more" loads the rest of the cards; scrolling alone does not', async () => {
    const { page, contacts } = await birthdayPage(
      {},
      { seed: 5, contacts: 60, today: 9, late: 4, invitations: 0 },
    );
    const cards = page.locator('[data-testid="lazy-column"] div[role="listitem"]');
    expect(await cards.count()).toBe(8);
    // The column scrolls by itself (not the window), and scrolling loads nothing.
    const column = page.locator('[data-testid="lazy-column"]');
    expect(await column.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).overflowY)).toBe(
      'auto',
    );
    await column.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.mouse.wheel(0, 3000);
    // Deliberate: proves that scrolling loads no more cards.
    await page.waitForTimeout(300);
    expect(await cards.count()).toBe(8);
    const more = page.locator('[data-testid="lazy-column"] button', { hasText: 'Load more' });
    while ((await more.count()) > 0) {
      const n = await cards.count();
      await more.click();
      await expect.poll(() => cards.count()).toBeGreaterThan(n);
    }
    // 13 birthdays and 3 other catch-up cards.
    expect(await cards.count()).toBe(16);
    const birthdaySlugs = await cards.evaluateAll((els) =>
      els
        .filter((el) => /birthday/.test(el.querySelectorAll('p')[1]?.textContent ?? ''))
        .map((el) => el.querySelector('a[href*="/in/"]')!.getAttribute('href')!.split('/')[4]),
    );
    expect(new Set(birthdaySlugs)).toEqual(
      new Set(contacts.filter((c) => c.birthday_days_late !== null).map((c) => c.slug)),
    );
  });

  it('search rows render as they scroll; Next is absent on the last page; profiles have an h2', async () => {
    await sandbox.reset({ seed: 11, contacts: 25, today: 1, late: 0, invitations: 0 });
    await sandbox.faults({ dom_variant: 'sdui' });
    const page = await sandbox.loggedInPage();
    await page.goto(`${sandbox.url}/search/results/people/?keywords=`);
    const rows = page.locator('main#workspace div[role="listitem"]');
    expect(await rows.count()).toBe(10);
    const titles = page.locator('a[data-view-name="search-result-lockup-title"]');
    await page.keyboard.press('End');
    await expect.poll(() => titles.count()).toBe(10);
    const next = page.locator('[data-testid="pagination-controls-next-button-visible"]');
    await next.click();
    await page.waitForURL(/page=2/);
    await next.click();
    await page.waitForURL(/page=3/);
    expect(await next.count()).toBe(0);
    await page.keyboard.press('End');
    await expect.poll(() => titles.count()).toBe(5);
    // Absolute profile links stay in the sandbox when clicked.
    const name = await titles.first().textContent();
    await titles.first().click();
    await page.waitForURL(new RegExp(`^${sandbox.url}/in/[a-z0-9-]+/$`));
    expect(await page.locator('h1').count()).toBe(0);
    expect(await page.locator('main#workspace h2').first().textContent()).toBe(name);
    expect(await page.title()).toBe(`${name} | LinkedIn`);
  });

  it('withdraws through a link on even rows and a button on odd rows, confirmed in a <dialog open>', async () => {
    await sandbox.reset({ ...SMALL, invitations: 4 });
    await sandbox.faults({ dom_variant: 'sdui' });
    const page = await sandbox.loggedInPage();
    await page.goto(`${sandbox.url}/mynetwork/invitation-manager/sent/`);
    const rows = page.locator('main#workspace div[role="listitem"]');
    expect(await rows.count()).toBe(4);
    const invitations = (await sandbox.get<{ invitations: { name: string }[] }>('/__sandbox/invitations'))
      .invitations;
    const first = invitations[0]!.name;
    const second = invitations[1]!.name;
    expect(await rows.nth(1).locator('a[aria-label^="Withdraw invitation sent to"]').count()).toBe(0);
    await rows.nth(1).locator('button[data-view-name="sent-invitations-withdraw-single"]').click();
    let dialog = page.locator('dialog[open]');
    await dialog.locator(`button[aria-label="Withdraw invitation sent to ${second}"]`).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rows.count()).toBe(3);
    await rows.nth(0).locator(`a[aria-label="Withdraw invitation sent to ${first}"]`).click();
    dialog = page.locator('dialog[open]');
    await dialog.locator('button', { hasText: 'Withdraw' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    const data = await sandbox.get<{ withdrawn: { name: string }[] }>('/__sandbox/invitations');
    expect(data.withdrawn.map((w) => w.name)).toEqual([second, first]);
  });
});
