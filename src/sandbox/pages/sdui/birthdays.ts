import { html, type SafeHtml } from '../../html.ts';
import type { CatchUpItem, Contact } from '../../world.ts';
import { avatarUrl, type PageContext } from '../layout.ts';
import { absoluteProfileUrl, cx, sduiLayout } from './layout.ts';

/**
 * The sdui birthday page: `nurture-card`s in a `lazy-column` scroll container, birthdays
 * mixed with other catch-up cards (job changes, work anniversaries), a "Load more" button
 * (scrolling alone loads nothing), and compose LINKS as the primary action.
 */

export const SDUI_FIRST_BATCH = 8;
export const SDUI_NEXT_BATCH = 5;

export type CatchUpCard = { type: 'birthday'; contact: Contact } | { type: 'other'; item: CatchUpItem };

/** The page's cards in order: one other catch-up card after every 4th birthday (or the last). */
export function catchUpCards(birthdays: readonly Contact[], others: readonly CatchUpItem[]): CatchUpCard[] {
  const cards: CatchUpCard[] = [];
  const after = new Map<number, CatchUpItem>();
  others.forEach((item, j) => {
    after.set(Math.min(4 * (j + 1), birthdays.length) - 1, item);
  });
  birthdays.forEach((contact, i) => {
    cards.push({ type: 'birthday', contact });
    const item = after.get(i);
    if (item) cards.push({ type: 'other', item });
  });
  return cards;
}

/** The compose link LinkedIn puts on a card: `/messaging/compose/?recipient=<id>&body=…&interop=msgOverlay`. */
export function composeHref(contact: Contact, body: string): string {
  return `/messaging/compose/?recipient=${encodeURIComponent(contact.urn)}&body=${encodeURIComponent(body)}&interop=msgOverlay`;
}

function card(
  ctx: PageContext,
  contact: Contact,
  when: SafeHtml,
  wish: string,
  kind: 'birthday' | 'other',
): SafeHtml {
  const { t } = ctx;
  // break_primary: the components lose their data-view-name, everything else stays.
  const broken = ctx.state.faults.break_primary;
  const cardView = broken ? '' : html` data-view-name="nurture-card"`;
  const primaryView = broken ? '' : html` data-view-name="nurture-card-primary-button"`;
  return html`<div class="${cx(ctx, 'nurture-card')}" role="listitem"${cardView}>
  <div class="${cx(ctx, 'nurture-main')}">
    <a class="${cx(ctx, 'nurture-profile')}" data-view-name="nurture-card-profile-view" href="${absoluteProfileUrl(contact.slug)}"><img class="${cx(ctx, 'avatar')}" src="${avatarUrl(contact.name)}" alt="" width="56" height="56"><p class="${cx(ctx, 'nurture-name')}">${contact.name}</p></a>
    <p class="${cx(ctx, 'nurture-when')}">${when}</p>
  </div>
  <a class="${cx(ctx, 'nurture-primary')}"${primaryView} href="${composeHref(contact, wish)}" aria-label="${t.sdui.messageWith(contact.name, wish)}" data-sandbox-action="compose" data-sandbox-kind="${kind}">${wish}</a>
</div>`;
}

export function sduiCard(ctx: PageContext, entry: CatchUpCard): SafeHtml {
  const s = ctx.t.sdui;
  if (entry.type === 'birthday') {
    const c = entry.contact;
    const today = (c.birthdayDaysLate ?? 0) === 0;
    const when = today ? s.birthdayToday(c.firstName) : s.birthdayBelated(c.firstName);
    const wish = today ? s.wishToday(c.firstName) : s.wishBelated(c.firstName);
    return card(ctx, c, when, wish, 'birthday');
  }
  const { item } = entry;
  const first = item.contact.firstName;
  switch (item.kind) {
    case 'job_change':
      return card(
        ctx,
        item.contact,
        html`${s.jobChange(first, item.role[ctx.locale], item.company)}`,
        s.congratsJob(first),
        'other',
      );
    case 'work_anniversary':
      return card(
        ctx,
        item.contact,
        s.workAnniversary(first, item.years, item.company),
        s.congratsYears(first, item.years),
        'other',
      );
    default:
      return card(
        ctx,
        item.contact,
        html`${s.workAnniversaryPlain(first)}`,
        s.congratsAnniversary(first),
        'other',
      );
  }
}

/** Cards `start` to `start + count` of the mixed list; `next` is where the following batch starts, or null. */
export function sduiBatch(
  ctx: PageContext,
  cards: readonly CatchUpCard[],
  start: number,
  count: number,
): { html: SafeHtml; next: number | null } {
  const end = Math.min(cards.length, start + count);
  return {
    html: html`${cards.slice(start, end).map((entry) => sduiCard(ctx, entry))}`,
    next: end < cards.length ? end : null,
  };
}

export function sduiBirthdaysPage(ctx: PageContext, cards: readonly CatchUpCard[]): SafeHtml {
  const { t } = ctx;
  const first = sduiBatch(ctx, cards, 0, SDUI_FIRST_BATCH);
  const content =
    cards.length === 0
      ? html`<p class="${cx(ctx, 'empty-state')}">${t.noBirthdays}</p>`
      : html`<div class="${cx(ctx, 'lazy-list')}" role="list" data-sandbox-birthdays>${first.html}</div>
    ${first.next === null ? '' : html`<button class="${cx(ctx, 'load-more')}" type="button" data-sandbox-action="load-more" data-sandbox-next="${String(first.next)}">${t.sdui.loadMore}</button>`}`;
  const body = html`<section class="${cx(ctx, 'card')}">
  <h2 class="${cx(ctx, 'title')}">${t.birthdaysTitle}</h2>
  <div class="${cx(ctx, 'lazy-column')}" data-testid="lazy-column">
    ${content}
  </div>
</section>`;
  return sduiLayout(ctx, { title: t.birthdaysTitle, body, loggedIn: true });
}
