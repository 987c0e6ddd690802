/**
 * Putting a run's Chrome identity on its browser context. The context gets the screen, the
 * page size and the timezone from Playwright, but no user agent or locale: Playwright would
 * send its own `Emulation.setUserAgentOverride` (without the brands), which must not win.
 * Each page then gets, through a CDP session of its own, the user agent with its client
 * hints and platform, the languages, the locale, the core count and the outer window,
 * before its first navigation.
 */
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { ChromeIdentity } from './identity.ts';
import { identityInitScript } from './initScript.ts';

/** The context options of the identity (Playwright's share of it). */
export function identityContextOptions(identity: ChromeIdentity): BrowserContextOptions {
  return {
    viewport: { ...identity.viewport },
    screen: { ...identity.screen },
    deviceScaleFactor: 1,
    timezoneId: identity.timezoneId,
  };
}

/** Sends the page's overrides on a session of its own, never detached: an override ends with its session. */
async function applyToPage(context: BrowserContext, page: Page, identity: ChromeIdentity): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const { windowId } = await cdp.send('Browser.getWindowForTarget');
  await Promise.all([
    cdp.send('Emulation.setUserAgentOverride', {
      userAgent: identity.userAgent,
      // A plain list: Chrome adds the q-values to Accept-Language and keeps navigator.languages equal.
      acceptLanguage: identity.languages.join(','),
      platform: identity.navigatorPlatform,
      userAgentMetadata: identity.metadata,
    }),
    // The locale is the renderer's: a page sharing the first page's renderer (a popup) has it already.
    cdp.send('Emulation.setLocaleOverride', { locale: identity.locale }).catch((err: unknown) => {
      if (!/Another locale override is already in effect/.test(String(err))) throw err;
    }),
    cdp.send('Emulation.setHardwareConcurrencyOverride', {
      hardwareConcurrency: identity.hardwareConcurrency,
    }),
    // A window larger than the page by the browser's bars (the page keeps Playwright's viewport).
    cdp.send('Browser.setWindowBounds', {
      windowId,
      bounds: { width: identity.window.width, height: identity.window.height },
    }),
  ]);
}

/** The identity of each context that has one, and each page's identity being applied. */
const identities = new WeakMap<BrowserContext, ChromeIdentity>();
const pending = new WeakMap<Page, Promise<void>>();

/**
 * Applies the identity to the page (once); resolves when it is in effect. The first page
 * must wait for it before navigating; a page opened by LinkedIn (a popup) gets it as soon
 * as Playwright reports it, which may be after its first request.
 */
export function identityReady(page: Page): Promise<void> {
  const context = page.context();
  const identity = identities.get(context);
  if (!identity) return Promise.resolve();
  let ready = pending.get(page);
  if (!ready) {
    ready = applyToPage(context, page, identity);
    pending.set(page, ready);
  }
  return ready;
}

/** Gives the context's pages the identity: the one about to be opened and any opened later. */
export async function installIdentity(context: BrowserContext, identity: ChromeIdentity): Promise<void> {
  identities.set(context, identity);
  await context.addInitScript({ content: identityInitScript(identity.deviceMemory) });
  context.on('page', (page) => {
    identityReady(page).catch(() => {
      // A page closed before it got its identity; the run's own page is awaited and fails loudly.
    });
  });
}
