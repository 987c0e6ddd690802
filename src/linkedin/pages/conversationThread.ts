/**
 * Reading the contact's conversation (the bots look there for a wish already sent): only
 * once the thread has stopped loading and stopped growing, since a read too early would
 * miss the very message that says not to send again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type BirthdayContact, LinkedInError } from '../interfaces.ts';
import { POLL_MS, type Scope } from '../locator.ts';
import type { Driver } from './driver.ts';
import { assertRecipient, closeBox, openComposePage, openMessageBox } from './messageBox.ts';

/** Tidied message texts of the box's thread, oldest first (line breaks kept). */
export async function threadTexts(d: Driver, scope: Scope): Promise<string[]> {
  const { engine } = d.session;
  const messages = await engine.findNow(scope, 'threadMessage');
  const texts = messages ? await messages.allInnerTexts() : [];
  return texts
    .map((t) =>
      t
        .replace(/\r\n?/g, '\n')
        .replace(/[^\S\n]+/g, ' ')
        .replace(/ *\n */g, '\n')
        .trim(),
    )
    .filter(Boolean);
}

/** Reads the contact's conversation; a box without a thread is read on the compose page. */
export async function readConversation(
  d: Driver,
  contact: BirthdayContact,
  timeout: number,
): Promise<string[]> {
  let box = await openMessageBox(d, contact, timeout);
  if (!box.hasThread) {
    await closeBox(d, box, timeout);
    box = await openComposePage(d, contact, timeout);
    await assertRecipient(d, box, contact);
    if (!box.hasThread) {
      throw new LinkedInError(
        'element_not_found',
        `The conversation with ${contact.name} shows no messages to check: not sent again`,
      );
    }
  }
  await waitWhileLoading(d, box.box, timeout);
  const texts = await settledThread(d, box.box, timeout);
  await closeBox(d, box, timeout);
  return texts;
}

const SETTLE_MS = 250;

/** The thread once two reads a moment apart agree: messages may still be arriving. */
async function settledThread(d: Driver, scope: Scope, timeout: number): Promise<string[]> {
  const deadline = Date.now() + Math.min(timeout, 3000);
  let texts = await threadTexts(d, scope);
  for (;;) {
    await sleep(SETTLE_MS);
    const again = await threadTexts(d, scope);
    if (again.length === texts.length || Date.now() >= deadline) return again;
    texts = again;
  }
}

async function waitWhileLoading(d: Driver, scope: Scope, timeout: number): Promise<void> {
  const deadline = Date.now() + Math.min(timeout, 5000);
  while (Date.now() < deadline && (await d.session.engine.exists(scope, 'loadingIndicator'))) {
    await sleep(POLL_MS);
  }
}
