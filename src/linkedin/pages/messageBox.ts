/**
 * The message box, wherever LinkedIn mounts it: in the page (`aside#msg-overlay`), in the
 * open shadow root of `#interop-outlet` (Playwright's locators pierce it), in the
 * same-origin `interop-iframe`, as a plain dialog without a thread, or — the last way,
 * which works everywhere — the compose page as a page of its own. `openMessageBox` returns
 * a box only once it is known to be the card's contact's (the profile its header links to,
 * else their name in it): a message must never reach someone else.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Frame, Locator } from 'playwright-core';
import { type BirthdayContact, LinkedInError } from '../interfaces.ts';
import { POLL_MS, type Root, type Scope } from '../locator.ts';
import { comparableName, slugFromProfileUrl } from '../text.ts';
import { locateCard } from './birthdays.ts';
import type { Driver } from './driver.ts';

export type Placement = 'main' | 'shadow' | 'iframe' | 'dialog' | 'page';

export interface MessageBox {
  /** The frame the box lives in. */
  root: Root;
  /** The box itself (or the frame when no container was recognised). */
  box: Scope;
  composer: Locator;
  placement: Placement;
  /** Whether the box shows the conversation's messages (a plain dialog does not). */
  hasThread: boolean;
}

/** The frame of LinkedIn's message iframe, once it shows. */
async function overlayFrame(d: Driver): Promise<Frame | null> {
  const { engine, page } = d.session;
  if (!(await engine.exists(page, 'overlayFrame'))) return null;
  const iframe = await engine.findNow(page, 'overlayFrame');
  const handle = await iframe
    ?.first()
    .elementHandle({ timeout: 1000 })
    .catch(() => null);
  return (await handle?.contentFrame()) ?? null;
}

/** A visible composer in the page (shadow roots included) or in the message iframe. */
async function findComposer(d: Driver): Promise<{ root: Root; composer: Locator } | null> {
  const { engine, page } = d.session;
  const inPage = await engine.findNow(page, 'composer');
  if (inPage) return { root: page, composer: inPage.first() };
  const frame = await overlayFrame(d);
  if (!frame) return null;
  const inFrame = await engine.findNow(frame, 'composer');
  return inFrame ? { root: frame, composer: engine.inRoot(inFrame.first(), frame) } : null;
}

/** Among the recognised boxes, the one holding this composer (several may be open). */
async function boxHolding(d: Driver, root: Root, composer: Locator): Promise<Locator | null> {
  const overlays = await d.session.engine.findNow(root, 'conversationOverlay', true);
  if (!overlays) return null;
  const count = await overlays.count();
  const handle = await composer.elementHandle({ timeout: 2000 }).catch(() => null);
  if (!handle) return null;
  for (let i = 0; i < count; i++) {
    const candidate = overlays.nth(i);
    const holds = await candidate
      .evaluate(
        (box, editor) => (box as unknown as { contains(n: unknown): boolean }).contains(editor),
        handle,
      )
      .catch(() => false);
    if (holds) return d.session.engine.inRoot(candidate, root);
  }
  return null;
}

async function describeBox(d: Driver, root: Root, composer: Locator): Promise<MessageBox> {
  const { engine, page } = d.session;
  const overlay = await boxHolding(d, root, composer);
  const box: Scope = overlay ?? root;
  const boxTag = overlay
    ? await overlay
        .evaluate((el) => (el as unknown as { tagName: string }).tagName.toLowerCase(), undefined, {
          timeout: 2000,
        })
        .catch(() => '')
    : '';
  const inShadow = await composer
    .evaluate(
      (el) => {
        const node = el as unknown as { getRootNode(): unknown; ownerDocument: unknown };
        return node.getRootNode() !== node.ownerDocument;
      },
      undefined,
      { timeout: 2000 },
    )
    .catch(() => false);
  const hasThread = await engine.exists(box, 'threadList');
  let placement: Placement;
  if (root !== page) placement = 'iframe';
  else if (new URL(page.url()).pathname.startsWith('/messaging/')) placement = 'page';
  else if (inShadow) placement = 'shadow';
  else if (boxTag === 'dialog' || !hasThread) placement = 'dialog';
  else placement = 'main';
  return { root, box, composer, placement, hasThread };
}

/** Closes a box a previous step left open (a failure, a wrong recipient). */
export async function closeOpenBoxes(d: Driver): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const open = await findComposer(d);
    if (!open || new URL(d.session.page.url()).pathname.startsWith('/messaging/')) return;
    const box = await describeBox(d, open.root, open.composer);
    if (!(await closeBox(d, box, 2000))) return;
  }
}

/** Presses the box's Close and waits for it to go; false when it has no close button. */
export async function closeBox(d: Driver, box: MessageBox, timeout: number): Promise<boolean> {
  const { engine } = d.session;
  if (box.placement === 'page') return true;
  const close = await engine.findNow(box.box, 'closeButton');
  if (!close) {
    d.session.debug('message box: no close button found, left open');
    return false;
  }
  await close
    .first()
    .click({ timeout })
    .catch(() => {});
  const deadline = Date.now() + Math.min(timeout, 3000);
  while (Date.now() < deadline) {
    if (!(await box.composer.isVisible().catch(() => false))) return true;
    await sleep(POLL_MS);
  }
  return false;
}

async function waitForBox(d: Driver, timeout: number): Promise<MessageBox | null> {
  const deadline = Date.now() + timeout;
  for (;;) {
    d.session.assertNotSentToLogin();
    const found = await findComposer(d);
    if (found) return describeBox(d, found.root, found.composer);
    if (Date.now() >= deadline) return null;
    await sleep(POLL_MS);
  }
}

/** The compose page as a page of its own: the last way to a message box. */
export async function openComposePage(
  d: Driver,
  contact: BirthdayContact,
  timeout: number,
): Promise<MessageBox> {
  if (!contact.composeUrl) {
    throw new LinkedInError('element_not_found', `The message box for ${contact.name} did not open`);
  }
  d.session.debug(`message box: opening the compose page for ${contact.slug}`);
  await d.session.navigate(contact.composeUrl, timeout);
  const box = await waitForBox(d, timeout);
  if (!box) {
    await d.session.assertUsable();
    throw new LinkedInError(
      'element_not_found',
      `The compose page for ${contact.name} showed no message box`,
    );
  }
  return box;
}

/**
 * Opens the message box from the contact's birthday card (the compose page when the card
 * opens nothing) and checks who it is addressed to.
 */
export async function openMessageBox(
  d: Driver,
  contact: BirthdayContact,
  timeout: number,
): Promise<MessageBox> {
  const { engine } = d.session;
  const card = await locateCard(d, contact, timeout);
  await closeOpenBoxes(d);
  const button = await engine.waitFor(card, 'messageButton', Math.min(timeout, 3000));
  let box: MessageBox | null = null;
  if (button) {
    await button.first().click({ timeout });
    box = await waitForBox(d, timeout);
    if (!box) await d.session.assertUsable();
  } else {
    d.session.debug(`no message button on the card of ${contact.slug}`);
  }
  box ??= await openComposePage(d, contact, timeout);
  d.session.debug(`message box for ${contact.slug}: ${box.placement}${box.hasThread ? '' : ', no thread'}`);
  await assertRecipient(d, box, contact);
  return box;
}

/** The box must be addressed to the card's contact: its header links to their profile. */
export async function assertRecipient(d: Driver, box: MessageBox, contact: BirthdayContact): Promise<void> {
  const { engine } = d.session;
  // A box that was not recognised is the whole page: only a header's link may say who it
  // is for there (the page's other links are the birthday cards).
  if (box.box === box.root && box.placement !== 'page') {
    throw await mismatch(d, box, contact, 'no message box with a recipient was recognised');
  }
  const links = await engine.findNow(box.box, 'recipientLink');
  const href = links
    ? await links
        .first()
        .getAttribute('href', { timeout: 2000 })
        .catch(() => null)
    : null;
  const slug = href ? slugFromProfileUrl(href) : null;
  if (slug !== null) {
    if (slug.toLowerCase() === contact.slug.toLowerCase()) return;
    throw await mismatch(d, box, contact, 'it is addressed to another profile');
  }
  // No profile link in the box: its text must name the contact, as whole words.
  const text = ` ${comparableName(await boxText(box))} `;
  const wanted = comparableName(contact.name);
  if (wanted && text.includes(` ${wanted} `)) return;
  throw await mismatch(d, box, contact, 'it does not name them');
}

async function boxText(box: MessageBox): Promise<string> {
  const scope = box.box === box.root ? box.root.locator('body') : (box.box as Locator);
  return (await scope.textContent({ timeout: 2000 }).catch(() => '')) ?? '';
}

async function mismatch(
  d: Driver,
  box: MessageBox,
  contact: BirthdayContact,
  why: string,
): Promise<LinkedInError> {
  // Named after no one: screenshots' names end up in reports.
  const shot = await d.session.screenshot('recipient-mismatch');
  await closeBox(d, box, 2000).catch(() => false);
  return new LinkedInError(
    'recipient_mismatch',
    `The message box that opened for ${contact.name} is not theirs (${why}): nothing sent`,
    shot,
  );
}
