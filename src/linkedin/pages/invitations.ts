/**
 * The sent-invitations manager (`/mynetwork/invitation-manager/sent/`): items read with
 * their age ("Sent 3 weeks ago", or a `time[datetime]`), paginated or scrolled; Withdraw
 * is a button or, in the new design, a link, confirmed in a dialog.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator } from 'playwright-core';
import { LinkedInError, type SentInvitation } from '../interfaces.ts';
import { firstLineOf, type ItemView, normalizeSpace, POLL_MS } from '../locator.ts';
import { INVITATION_LABEL_TEXT, PATHS, profileLinkTo } from '../selectors.ts';
import { daysSinceIso, parseInvitationAge, slugFromProfileUrl } from '../text.ts';
import { pickProfileUrl } from './birthdays.ts';
import type { Driver } from './driver.ts';

async function waitForList(d: Driver, timeout: number) {
  const { session } = d;
  return session.engine.waitForAny(
    session.page,
    ['invitationItem', 'invitationsEmpty'] as const,
    timeout,
    () => session.assertNotSentToLogin(),
  );
}

export async function listSentInvitations(d: Driver, timeout: number): Promise<SentInvitation[]> {
  const { session } = d;
  await session.navigate(PATHS.sentInvitations, timeout);
  const invitations: SentInvitation[] = [];
  const seen = new Set<string>();
  for (let pageNo = 1; pageNo <= 100; pageNo++) {
    const first = await waitForList(d, timeout);
    if (!first) {
      await session.assertUsable();
      throw new LinkedInError(
        'element_not_found',
        'The sent invitations page showed neither items nor its empty state',
      );
    }
    if (first.key === 'invitationsEmpty') break;
    const items = (await d.lists.scrollToEnd('invitationItem')) ?? first.locator;
    for (const item of await session.engine.itemViews(items)) {
      const invitation = await parseInvitation(d, item);
      if (!invitation) continue;
      const key = invitation.profileUrl ?? invitation.name;
      if (seen.has(key)) continue;
      seen.add(key);
      invitations.push(invitation);
    }
    if (!(await goToNextPage(d, timeout))) break;
  }
  return invitations;
}

const firstText = async (loc: Locator | null): Promise<string> =>
  loc
    ? ((await loc
        .first()
        .textContent()
        .catch(() => '')) ?? '')
    : '';

/** Clicks an enabled "Next" and waits for the page to change; false when there is none. */
async function goToNextPage(d: Driver, timeout: number): Promise<boolean> {
  const { session } = d;
  const { engine, page } = session;
  const next = await engine.findNow(page, 'nextPageButton');
  if (!next || !(await next.first().isEnabled())) return false;
  const before = page.url();
  const marker = await firstText(await engine.findNow(page, 'invitationItem'));
  await session.human.click(next.first(), timeout);
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    await sleep(POLL_MS);
    if (page.url() !== before) {
      await page.waitForLoadState('domcontentloaded', { timeout });
      await session.assertUsable();
      return true;
    }
    if ((await firstText(await engine.findNow(page, 'invitationItem'))) !== marker) return true;
  }
  throw new LinkedInError('timeout', 'The next page of invitations did not load');
}

async function parseInvitation(d: Driver, item: ItemView): Promise<SentInvitation | null> {
  const { engine } = d.session;
  const profileUrl = await pickProfileUrl(d, item, 'invitationProfileLink');
  const name = await engine.pickEntry(item, 'invitationName', (e) => {
    const line = firstLineOf(e.text);
    return line && !INVITATION_LABEL_TEXT.test(line) && parseInvitationAge(line) === null ? line : null;
  });
  if (!name && !profileUrl) return null;
  const age = await engine.pickEntry(item, 'invitationAge', (e) => {
    const line = firstLineOf(e.text);
    const days = parseInvitationAge(line);
    return days === null ? null : { line, days };
  });
  let ageDays = age?.value.days ?? null;
  let sentLabel = age?.value.line ?? '';
  if (ageDays === null) {
    const time = await engine.pickEntry(item, 'invitationTime', (e) =>
      e.datetime ? daysSinceIso(e.datetime, d.now()) : null,
    );
    if (time) {
      ageDays = time.value;
      sentLabel ||= normalizeSpace(time.entry.text) || time.entry.datetime!;
    }
  }
  return {
    name: name?.value ?? slugFromProfileUrl(profileUrl!) ?? '',
    profileUrl,
    sentLabel,
    ageDays,
  };
}

async function locateInvitation(
  d: Driver,
  invitation: SentInvitation,
  timeout: number,
): Promise<Locator | null> {
  const { session } = d;
  const { engine, page } = session;
  const slug = invitation.profileUrl ? slugFromProfileUrl(invitation.profileUrl) : null;
  const match = async (): Promise<Locator | null> => {
    const items = await engine.findNow(page, 'invitationItem');
    if (!items) return null;
    if (slug) {
      const byLink = items.filter({ has: page.locator(profileLinkTo(slug)) });
      if ((await byLink.count()) > 0) return byLink.first();
    }
    const byName = items.filter({ hasText: invitation.name });
    if (invitation.name && (await byName.count()) === 1) return byName.first();
    return null;
  };
  let item = await match();
  if (item) return item;
  await session.navigate(PATHS.sentInvitations, timeout);
  for (let pageNo = 1; pageNo <= 100; pageNo++) {
    const first = await waitForList(d, timeout);
    if (!first || first.key === 'invitationsEmpty') return null;
    item = await match();
    if (item) return item;
    await d.lists.scrollToEnd('invitationItem', async () => {
      item = await match();
      return item !== null;
    });
    item ??= await match();
    if (item) return item;
    if (!(await goToNextPage(d, timeout))) return null;
  }
  return null;
}

export async function withdrawInvitation(
  d: Driver,
  invitation: SentInvitation,
  timeout: number,
): Promise<void> {
  const { session } = d;
  const { engine, page } = session;
  if (!session.onPath(PATHS.sentInvitations)) await session.navigate(PATHS.sentInvitations, timeout);
  const item = await locateInvitation(d, invitation, timeout);
  if (!item) {
    throw new LinkedInError(
      'element_not_found',
      `No pending invitation for ${invitation.name} in the sent list`,
    );
  }
  const button = await session.find(item, 'withdrawButton', timeout, `Withdraw button of ${invitation.name}`);
  await session.human.click(button.first(), timeout);
  const dialog = (await session.find(page, 'confirmDialog', timeout, 'withdraw confirmation dialog')).first();
  const confirm = await session.find(dialog, 'confirmButton', timeout, 'Withdraw confirmation button');
  await session.human.click(confirm.first(), timeout);
  const deadline = Date.now() + timeout;
  for (;;) {
    await sleep(POLL_MS);
    session.assertNotSentToLogin();
    const gone = (await item.count()) === 0 || !(await item.isVisible().catch(() => false));
    if (gone) return;
    if (await engine.exists(page, 'limitBanner')) {
      throw new LinkedInError(
        'rate_limited',
        `LinkedIn's limit banner showed when withdrawing ${invitation.name}`,
      );
    }
    const error = (await engine.exists(dialog, 'dialogError'))
      ? await engine.findNow(dialog, 'dialogError')
      : null;
    if (error || Date.now() >= deadline) {
      const said = error ? normalizeSpace(await firstText(error)) : '';
      throw new LinkedInError(
        'timeout',
        `The invitation to ${invitation.name} is still listed after withdrawing${said ? `: ${said}` : ''}`,
      );
    }
  }
}
