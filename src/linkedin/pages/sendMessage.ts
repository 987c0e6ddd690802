/**
 * Sending is careful: the box must be addressed to the card's contact, LinkedIn's
 * pre-filled wish is replaced (never appended to) and the composer must hold exactly our
 * text before Send is pressed; a send counts only when the text shows in the thread, or
 * the dialog closes with no error. No confirmation is a `timeout` (perhaps delivered),
 * never a `send_failed` (which says LinkedIn refused it: nothing went out).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator } from 'playwright-core';
import { type BirthdayContact, LinkedInError, type SendConfirmation } from '../interfaces.ts';
import { normalizeSpace, POLL_MS } from '../locator.ts';
import { CallerError } from '../stepFailure.ts';
import { threadTexts } from './conversationThread.ts';
import type { Driver } from './driver.ts';
import { assertRecipient, closeBox, type MessageBox, openMessageBox } from './messageBox.ts';

/** Text as a composer holds it, for comparing with what we meant to send. */
const composed = (text: string) => normalizeSpace(text.replace(/\u200b/g, ''));

/** What the composer holds, as comparable with the message. */
async function heldText(box: MessageBox, timeout: number): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what LinkedIn sends (one line per paragraph)
  return composed(await box.composer.innerText({ timeout }).catch(() => ''));
}

/**
 * Whether the keyboard types into the composer now (LinkedIn focuses it when the box
 * opens), and whether it holds anything (LinkedIn's suggested wish): one round trip.
 */
async function composerState(
  box: MessageBox,
  timeout: number,
): Promise<{ focused: boolean; empty: boolean }> {
  const state = await box.composer
    .evaluate(
      (el) => {
        const node = el as unknown as {
          getRootNode(): { activeElement: unknown };
          ownerDocument: { hasFocus(): boolean };
          textContent: string | null;
        };
        return {
          focused: node.ownerDocument.hasFocus() && node.getRootNode().activeElement === el,
          text: node.textContent ?? '',
        };
      },
      undefined,
      { timeout },
    )
    .catch(() => null);
  return { focused: state?.focused ?? false, empty: composed(state?.text ?? '') === '' };
}

/**
 * Replaces whatever the composer holds with exactly `text`, typed key by key as a person
 * would (a click into it unless the caret is there already, LinkedIn's suggested wish
 * selected and deleted first); throws when it cannot.
 */
async function typeExactly(d: Driver, box: MessageBox, text: string, timeout: number): Promise<void> {
  const { human } = d.session;
  const wanted = composed(text);
  for (let attempt = 1; attempt <= 2; attempt++) {
    let state = await composerState(box, timeout);
    if (attempt > 1 || !state.focused) {
      await human.click(box.composer, timeout);
      state = await composerState(box, timeout);
    }
    if (!state.empty) await human.clearFocused();
    await human.type(text);
    if ((await heldText(box, timeout)) === wanted) return;
    // Not what it holds: a draft of the user's own is nobody's business in the logs.
    d.session.debug(`the composer does not hold exactly the message (attempt ${attempt})`);
  }
  throw new LinkedInError('send_failed', 'The message box would not hold exactly the message: nothing sent');
}

export async function sendMessage(
  d: Driver,
  contact: BirthdayContact,
  text: string,
  beforeSend: () => Promise<void>,
  timeout: number,
): Promise<SendConfirmation> {
  const { session } = d;
  const wanted = normalizeSpace(text);
  if (!wanted) throw new LinkedInError('send_failed', 'Refusing to send an empty message');
  const box = await openMessageBox(d, contact, timeout);
  const countOf = (texts: string[]) => texts.map(normalizeSpace).filter((t) => t.includes(wanted)).length;
  let before: { copies: number; errors: number };
  let send: Locator;
  try {
    before = {
      copies: box.hasThread ? countOf(await threadTexts(d, box.box)) : 0,
      errors: await session.engine.countAll(box.box, 'sendError'),
    };
    await typeExactly(d, box, text, timeout);
    send = (await session.find(box.box, 'sendButton', timeout, 'Send button')).first();
    // Right before Send: still their box, still exactly our text (a late pre-fill, a draft
    // restored, another box opened in between would be sent otherwise).
    await assertRecipient(d, box, contact);
    await assertHolds(box, text, timeout);
    try {
      await beforeSend();
    } catch (err) {
      throw new CallerError(err);
    }
  } catch (err) {
    // Nothing was sent: leave no text behind for a later Send to pick up.
    if (!session.isClosed) {
      await box.composer.fill('', { timeout: 2000 }).catch(() => {});
      await closeBox(d, box, 2000).catch(() => false);
    }
    throw err;
  }
  await session.human.click(send, timeout);
  const confirmed = await waitForConfirmation(d, box, contact, countOf, before, timeout);
  if (confirmed === 'thread') await closeBox(d, box, timeout);
  return confirmed;
}

async function assertHolds(box: MessageBox, text: string, timeout: number): Promise<void> {
  if ((await heldText(box, timeout)) !== composed(text)) {
    throw new LinkedInError(
      'send_failed',
      'The message box no longer holds exactly the message: nothing sent',
    );
  }
}

async function waitForConfirmation(
  d: Driver,
  box: MessageBox,
  contact: BirthdayContact,
  countOf: (texts: string[]) => number,
  before: { copies: number; errors: number },
  timeout: number,
): Promise<SendConfirmation> {
  const { session } = d;
  const { engine, page } = session;
  const deadline = Date.now() + timeout;
  for (let poll = 0; ; poll++) {
    session.assertNotSentToLogin();
    const shown = countOf(await threadTexts(d, box.box)) > before.copies;
    if (shown) return 'thread';
    const late = Date.now() >= deadline;
    // Errors are rarer than a slow confirmation: look every other poll.
    if (late || poll % 2 === 1) {
      if (
        (await engine.exists(page, 'limitBanner')) ||
        (box.root !== page && (await engine.exists(box.root, 'limitBanner')))
      ) {
        throw new LinkedInError(
          'rate_limited',
          `LinkedIn's limit banner showed when sending to ${contact.name}`,
        );
      }
      // Only an error that appeared after Send speaks of this message.
      const error =
        (await engine.countAll(box.box, 'sendError')) > before.errors
          ? await engine.findNow(box.box, 'sendError')
          : null;
      if (error) {
        const said = normalizeSpace(
          (await error
            .last()
            .textContent({ timeout: 2000 })
            .catch(() => '')) ?? '',
        );
        throw new LinkedInError(
          'send_failed',
          `LinkedIn did not send the message to ${contact.name}: ${said}`,
        );
      }
      // A box without a thread (a plain dialog) closes once the message is sent.
      if (!box.hasThread && !(await box.composer.isVisible().catch(() => false))) return 'dialog_closed';
      if (late) {
        throw new LinkedInError(
          'timeout',
          `Sent to ${contact.name}, but no confirmation came: it may have been delivered (checked before any resend)`,
        );
      }
    }
    await sleep(POLL_MS);
  }
}
