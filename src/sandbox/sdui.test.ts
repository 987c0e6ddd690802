import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/support/waitFor.ts';
import { createSandboxApp } from './server.ts';
import type { SandboxState } from './state.ts';
import type { Contact } from './world.ts';

/** The sdui design (LinkedIn's new pages) over HTTP: shapes, texts, faults. */

let app: FastifyInstance;
let state: SandboxState;
let cookie: string;

function start(options: Parameters<typeof createSandboxApp>[0] = {}): void {
  ({ app, state } = createSandboxApp({ ...options, faults: { dom_variant: 'sdui', ...options.faults } }));
  cookie = `li_at=${state.sessionToken}; JSESSIONID=${state.jsessionId}`;
}

beforeEach(() => start());

afterEach(async () => {
  await app.close();
});

const page = (url: string) => app.inject({ url, headers: { cookie } });
const json = async <T = Record<string, unknown>>(url: string): Promise<T> => (await page(url)).json() as T;
const overlay = (ref: string, query = '') =>
  json<{ html: string }>(`/voyager/api/messaging/conversations/${encodeURIComponent(ref)}/overlay${query}`);

/** The markup without its inline stylesheet and scripts. */
function markup(body: string): string {
  return body.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<script[\s\S]*?<\/script>/g, '');
}

/** Every class token of a page (styles and scripts left out). */
function classTokens(body: string): string[] {
  return [...markup(body).matchAll(/\sclass="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/).filter(Boolean));
}

/** Cards (birthdays and other catch-up cards), each from its opening tag to the next card. */
function cards(body: string): string[] {
  return body
    .split(/(?=<div class="[^"]+" role="listitem")/)
    .filter((part) => /^<div class="[^"]+" role="listitem"/.test(part));
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const READABLE =
  /global-nav|search-global-typeahead|msg-|artdeco|invitation-card|text-heading|text-body|birthday-card|pv-top-card|entity-result|feed-shared|ph5|t-bold|t-1\d|login__form|authwall/;

const ALL_PAGES = [
  '/feed/',
  '/mynetwork/',
  '/mynetwork/catch-up/birthday/',
  '/search/results/people/?keywords=',
  '/mynetwork/invitation-manager/sent/',
  '/messaging/',
  '/mypreferences/d/categories/account',
  '/preload/',
];

describe('sdui shell', () => {
  it('has main#workspace, the navigation links and the typeahead, none of the old shell', async () => {
    const body = (await page('/feed/')).body;
    expect(body).toContain('<main id="workspace" class="_');
    expect(body).not.toContain('global-nav');
    expect(body).not.toContain('search-global-typeahead');
    expect(body).toMatch(/<nav class="[^"]+" aria-label="Primary">/);
    expect(body).toMatch(/data-view-name="navigation-homepage" href="\/feed\/">Home</);
    expect(body).toMatch(/data-view-name="navigation-mynetwork" href="\/mynetwork\/">My Network</);
    expect(body).toMatch(/data-view-name="navigation-messaging" href="\/messaging\/">Messaging</);
    expect(body).toContain('data-view-name="navigation-settings"');
    expect(body).toMatch(/<input class="[^"]+" data-testid="typeahead-input" type="text" name="keywords"/);
    expect(body.match(/role="article"/g)).toHaveLength(5);
    expect((await page('/mypreferences/d/categories/account')).statusCode).toBe(200);
  });

  it('logged-out pages have no shell', async () => {
    for (const url of ['/login', '/authwall', '/checkpoint/challenge/x']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).not.toContain('navigation-homepage');
      expect(res.body).not.toContain('typeahead-input');
      expect(res.body).not.toContain('id="workspace"');
    }
    const login = (await app.inject({ url: '/login' })).body;
    expect(login).toContain('id="username"');
    expect(login).toContain('id="password"');
    expect((await app.inject({ url: '/feed/' })).statusCode).toBe(302);
  });

  it('uses only hashed class names, which change with the seed', async () => {
    for (const url of [...ALL_PAGES, `/in/${state.world.contacts[0]!.slug}/`, '/login']) {
      const res = url === '/login' ? await app.inject({ url }) : await page(url);
      const tokens = classTokens(res.body);
      expect(tokens.length, url).toBeGreaterThan(0);
      for (const token of tokens) expect(token, `${url}: ${token}`).toMatch(/^_?[0-9a-f]{8}$/);
      expect(READABLE.test(tokens.join(' ')), url).toBe(false);
    }
    const cardClass = (body: string) =>
      body.match(/<div class="([^"]+)" role="listitem" data-view-name="nurture-card"/)![1];
    const first = cardClass((await page('/mynetwork/catch-up/birthday/')).body);
    expect(first).toMatch(/^_[0-9a-f]{8} [0-9a-f]{8}$/);
    state.reset({ seed: 43 });
    state.setFaults({ dom_variant: 'sdui' });
    cookie = `li_at=${state.sessionToken}`;
    const second = cardClass((await page('/mynetwork/catch-up/birthday/')).body);
    expect(second).not.toBe(first);
    expect(second!.split(' ')).not.toContain(first!.split(' ')[0]);
  });

  it('never makes the browser load anything from linkedin.com', async () => {
    state.setFaults({ overlay: 'iframe' });
    for (const url of [...ALL_PAGES, `/in/${state.world.contacts[0]!.slug}/`]) {
      const body = (await page(url)).body;
      expect(body, url).not.toMatch(/(src|srcset|action|data)="https?:\/\/(www\.)?linkedin\.com/);
      expect(body, url).not.toMatch(/url\(["']?https?:\/\/[^)]*linkedin/);
      // In the markup, linkedin.com only ever appears as a profile link's href.
      const bare = markup(body);
      expect(bare.match(/linkedin\.com/g)?.length ?? 0, url).toBe(
        bare.match(/href="https:\/\/www\.linkedin\.com\/in\/[a-z0-9-]+\/"/g)?.length ?? 0,
      );
    }
  });

  it('shows the limit as a FuseLimitAlert dialog', async () => {
    state.setFaults({ rate_limited: true });
    const body = (await page('/feed/')).body;
    expect(body).toMatch(
      /<div class="[^"]+" role="dialog" aria-modal="false" data-sdui-screen="com\.linkedin\.sdui\.FuseLimitAlert"><p class="[^"]+">You've reached the weekly invitation limit<\/p><\/div>/,
    );
    expect(body).not.toContain('role="alert"');
    state.reset({ locale: 'fr' });
    state.setFaults({ dom_variant: 'sdui', rate_limited: true });
    cookie = `li_at=${state.sessionToken}`;
    expect((await page('/mynetwork/catch-up/birthday/')).body).toContain(
      'Vous avez atteint la limite hebdomadaire d’invitations',
    );
  });
});

describe('sdui birthday page', () => {
  const birthdayCards = (html: string) =>
    cards(html).filter((c) => c.includes('data-sandbox-kind="birthday"'));

  it('has 8 nurture cards in a lazy column, then Load more batches of 5 over the mixed list', async () => {
    const body = (await page('/mynetwork/catch-up/birthday/')).body;
    const main = body.slice(body.indexOf('<main id="workspace"'));
    expect(main).toMatch(/<div class="[^"]+" data-testid="lazy-column">/);
    expect(cards(main)).toHaveLength(8);
    expect(body.match(/data-view-name="nurture-card"/g)).toHaveLength(8);
    expect(body).toMatch(
      /<button class="[^"]+" type="button" data-sandbox-action="load-more" data-sandbox-next="8">Load more<\/button>/,
    );
    // 17 birthdays + one other card after every 4th birthday = 21 cards.
    const all = [cards(body)];
    let next: number | null = 8;
    while (next !== null) {
      const batch: { html: string; next: number | null } = await json(`/voyager/api/birthdays?start=${next}`);
      expect(cards(batch.html).length).toBeLessThanOrEqual(5);
      all.push(cards(batch.html));
      next = batch.next;
    }
    const flat = all.flat();
    expect(flat).toHaveLength(21);
    expect(birthdayCards(flat.join(''))).toHaveLength(17);
    // The 5th, 10th, 15th and 20th cards are not birthdays.
    expect(
      flat.map((c, i) => (c.includes('data-sandbox-kind="other"') ? i : -1)).filter((i) => i >= 0),
    ).toEqual([4, 9, 14, 19]);
  });

  it('words each card like LinkedIn: absolute profile link, name, when, a compose LINK with the suggested wish', async () => {
    const body = (await page('/mynetwork/catch-up/birthday/')).body;
    const contact = state.birthdays()[0]!;
    const card = cards(body)[0]!;
    const wish = `Happy birthday, ${contact.firstName}! 🎉`;
    expect(card).toContain(
      `<a class="${card.match(/<a class="([^"]+)" data-view-name="nurture-card-profile-view"/)![1]}" data-view-name="nurture-card-profile-view" href="https://www.linkedin.com/in/${contact.slug}/"><img`,
    );
    const paragraphs = [...card.matchAll(/<p class="[^"]+">(.*?)<\/p>/g)].map((m) => m[1]);
    expect(paragraphs[0]).toBe(contact.name.replace(/&/g, '&amp;'));
    expect(paragraphs[1]).toBe(`Celebrate ${contact.firstName}'s birthday <strong>today</strong>`);
    const href = `/messaging/compose/?recipient=${contact.urn}&amp;body=${encodeURIComponent(wish)}&amp;interop=msgOverlay`;
    expect(card).toMatch(
      new RegExp(
        `<a class="[^"]+" data-view-name="nurture-card-primary-button" href="${escapeRe(href)}" aria-label="${escapeRe(`Message ${contact.name}: ${wish}`)}" data-sandbox-action="compose" data-sandbox-kind="birthday">${escapeRe(wish)}</a>`,
        'u',
      ),
    );
    expect(card).not.toContain('<button');
    expect(card).not.toMatch(/\?miniProfileUrn|\?trk=/);
  });

  it('words late birthdays "belated" with no day count, in English and French', async () => {
    start({ today: 1, late: 3, contacts: 30 });
    let body = (await page('/mynetwork/catch-up/birthday/')).body;
    const late = state.birthdays().filter((c) => c.birthdayDaysLate! > 0);
    for (const c of late) {
      expect(body).toContain(`Celebrate ${c.firstName}'s <strong>belated</strong> birthday`);
      expect(body).toContain(`>Happy belated birthday, ${c.firstName}!</a>`);
    }
    expect(body).not.toMatch(/days? ago|Yesterday/);
    start({ today: 1, late: 3, contacts: 30, locale: 'fr' });
    body = (await page('/mynetwork/catch-up/birthday/')).body;
    const [today, ...lateFr] = state.birthdays();
    expect(body).toContain(`Célébrez l’anniversaire de ${today!.firstName} <strong>aujourd’hui</strong>`);
    expect(body).toContain(`>Joyeux anniversaire ${today!.firstName} ! 🎂</a>`);
    expect(body).toContain(
      `aria-label="Envoyer un message à ${today!.name} : Joyeux anniversaire ${today!.firstName} ! 🎂"`,
    );
    for (const c of lateFr) {
      expect(body).toContain(`Célébrez l’anniversaire de ${c.firstName} <strong>avec du retard</strong>`);
      expect(body).toContain(`>Joyeux anniversaire en retard, ${c.firstName} !</a>`);
    }
    expect(body).not.toMatch(/il y a \d|Hier/);
  });

  it('mixes job changes and work anniversaries in, never listed as birthdays', async () => {
    const items = state.world.catchUp;
    expect(items.map((i) => i.kind)).toEqual([
      'job_change',
      'work_anniversary',
      'work_anniversary_plain',
      'work_anniversary',
    ]);
    const html = (await json<{ html: string }>('/voyager/api/birthdays?start=0')).html;
    const more = [8, 13, 18].map((s) => json<{ html: string }>(`/voyager/api/birthdays?start=${s}`));
    const all = html + (await Promise.all(more)).map((m) => m.html).join('');
    const [job, years, plain] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]];
    expect(all).toContain(
      `Congratulate ${job.contact.firstName} on starting a new position as ${job.role.en} at ${job.company}`,
    );
    expect(all).toContain(
      `Celebrate ${years.contact.firstName}'s <strong>${years.years} years</strong> at ${years.company}`,
    );
    expect(all).toContain(`Congratulate ${plain.contact.firstName} on their work anniversary`);
    const other = cards(all).filter((c) => c.includes('data-sandbox-kind="other"'));
    expect(other).toHaveLength(4);
    for (const c of other) {
      expect(c).toContain('data-view-name="nurture-card"');
      expect(c).toContain('data-view-name="nurture-card-profile-view" href="https://www.linkedin.com/in/');
      expect(c).toMatch(
        /data-view-name="nurture-card-primary-button" href="\/messaging\/compose\/\?recipient=ACoAA[^&]+&amp;body=Congrats/,
      );
    }
    const s = await json<{
      contacts: { slug: string; birthday_days_late: number | null }[];
      catch_up: { slug: string; kind: string }[];
    }>('/__sandbox/state');
    expect(s.catch_up.map((c) => c.slug)).toEqual(items.map((i) => i.contact.slug));
    for (const item of s.catch_up) {
      expect(s.contacts.find((c) => c.slug === item.slug)!.birthday_days_late).toBeNull();
    }

    start({ locale: 'fr' });
    const fr = state.world.catchUp;
    const frHtml = (
      await Promise.all(
        [0, 8, 13, 18].map((n) => json<{ html: string }>(`/voyager/api/birthdays?start=${n}`)),
      )
    )
      .map((b) => b.html)
      .join('');
    expect(frHtml).toContain(
      `Félicitez ${fr[0]!.contact.firstName} pour son nouveau poste de ${fr[0]!.role.fr} chez ${fr[0]!.company}`,
    );
    expect(frHtml).toContain(
      `Célébrez les <strong>${fr[1]!.years} ans</strong> de ${fr[1]!.contact.firstName} chez ${fr[1]!.company}`,
    );
    expect(frHtml).toContain(`Félicitez ${fr[2]!.contact.firstName} pour son anniversaire professionnel`);
    expect((await page('/mynetwork/catch-up/birthday/')).body).toContain(
      'data-sandbox-next="8">Charger plus</button>',
    );
  });

  it('keeps a single other card in small worlds, and shows an empty state with no birthdays', async () => {
    start({ contacts: 20, today: 2, late: 1 });
    const body = (await page('/mynetwork/catch-up/birthday/')).body;
    expect(cards(body).map((c) => c.match(/data-sandbox-kind="(\w+)"/)![1])).toEqual([
      'birthday',
      'birthday',
      'birthday',
      'other',
    ]);
    expect(markup(body)).not.toContain('load-more');
    start({ contacts: 20, today: 0, late: 0 });
    const empty = (await page('/mynetwork/catch-up/birthday/')).body;
    expect(empty).toContain('>No birthdays to celebrate</p>');
    expect(empty).not.toContain('role="listitem"');
    start({ contacts: 20, today: 0, late: 0, locale: 'fr' });
    expect((await page('/mynetwork/catch-up/birthday/')).body).toContain(
      '>Aucun anniversaire à célébrer</p>',
    );
  });

  it('names include "🔥 Nicolas R. 🚀" and "Julian LOPEZ VARELA" shapes, with a clean first_name', async () => {
    const names = state.birthdays().map((c) => c.name);
    const emoji = state
      .birthdays()
      .find((c) => /^\p{Extended_Pictographic}\S* \S+ \p{Lu}\. \p{Extended_Pictographic}/u.test(c.name));
    const caps = state
      .birthdays()
      .find((c) => /^\S+ \p{Lu}{2,}[\p{Lu}'-]* \p{Lu}{2,}[\p{Lu}'-]*$/u.test(c.name));
    expect(emoji, names.join(' | ')).toBeDefined();
    expect(caps, names.join(' | ')).toBeDefined();
    const s = await json<{ contacts: { name: string; first_name: string }[] }>('/__sandbox/state');
    for (const c of [emoji!, caps!]) {
      const listed = s.contacts.find((x) => x.name === c.name)!;
      expect(listed.first_name).toBe(c.firstName);
      expect(c.name.startsWith(`${c.firstName} `) || c.name.includes(` ${c.firstName} `)).toBe(true);
    }
    const body = (await page('/mynetwork/catch-up/birthday/')).body;
    expect(body).toContain(`>${emoji!.name}</p>`);
  });

  it('break_primary drops the card and primary-link data-view-names, keeping the rest', async () => {
    state.setFaults({ break_primary: true });
    const body = (await page('/mynetwork/catch-up/birthday/')).body;
    expect(body).not.toContain('data-view-name="nurture-card"');
    expect(body).not.toContain('data-view-name="nurture-card-primary-button"');
    expect(cards(body)).toHaveLength(8);
    expect(body.match(/data-view-name="nurture-card-profile-view"/g)).toHaveLength(8);
    expect(
      body.match(
        /<a class="[^"]+" href="\/messaging\/compose\/\?recipient=[^"]+" aria-label="Message [^"]+"/g,
      ),
    ).toHaveLength(8);
  });
});

describe('sdui message box', () => {
  it('renders the conversation: header with the absolute profile link, Close, thread, pre-filled composer, Send', async () => {
    const contact = state.birthdays().find((c) => state.thread(c.slug).length > 0)!;
    const { html } = await overlay(
      contact.urn,
      `?placement=main&body=${encodeURIComponent('Hello & <you>')}`,
    );
    expect(html).toContain(`<a href="https://www.linkedin.com/in/${contact.slug}/">${contact.name}</a>`);
    expect(html).toMatch(
      /<button class="[^"]+" type="button" aria-label="Close" data-sandbox-action="close-overlay">/,
    );
    expect(html).toMatch(
      /<div class="[^"]+" role="list" data-view-name="message-list" data-sandbox-messages>/,
    );
    const texts = [
      ...html.matchAll(/role="listitem"><span class="[^"]+">[^<]*<\/span><p class="[^"]+">([^<]*)<\/p>/g),
    ].map((m) => m[1]);
    expect(texts).toEqual(state.thread(contact.slug).map((m) => m.text.replace(/&/g, '&amp;')));
    expect(html).toMatch(
      /<div class="[^"]+" role="textbox" contenteditable="true" aria-multiline="true" aria-label="Write a message…"><p class="[^"]+">Hello &amp; &lt;you&gt;<\/p><\/div>/,
    );
    expect(html).toMatch(/<button class="[^"]+" type="submit" data-sandbox-send>Send<\/button>/);
    expect(html).not.toContain('msg-form');
    // No body: an empty paragraph, Send disabled.
    expect((await overlay(contact.slug, '?placement=shadow')).html).toMatch(
      /<p class="[^"]+"><br><\/p><\/div>\s*<button[^>]+disabled>Send/,
    );
  });

  it('the dialog placement has a modal send button and no thread', async () => {
    state.reset({ locale: 'fr' });
    state.setFaults({ dom_variant: 'sdui', overlay: 'dialog' });
    cookie = `li_at=${state.sessionToken}`;
    const contact = state.birthdays()[0]!;
    const { html } = await overlay(contact.urn, '?placement=dialog&body=Salut');
    expect(html).toMatch(/^<dialog open class="[^"]+"/);
    expect(html).toContain(`<a href="https://www.linkedin.com/in/${contact.slug}/">`);
    expect(html).toContain('aria-label="Fermer"');
    expect(html).toContain('aria-label="Écrivez un message…"><p class="');
    expect(html).toMatch(
      /<button class="[^"]+" type="button" data-view-name="messaging-modal-send-button" data-sandbox-action="send" data-sandbox-send>Envoyer<\/button>/,
    );
    expect(html).not.toContain('role="list"');
    expect(html).not.toContain('message-list');
  });

  it('wrong_recipient opens the next birthday contact for birthday cards only, n times', async () => {
    const [a, b] = state.birthdays() as [Contact, Contact];
    state.setFaults({ wrong_recipient: 2 });
    expect((await overlay(a.urn, '?placement=main')).html).toContain(`/in/${a.slug}/"`);
    expect(state.faults.wrong_recipient).toBe(2);
    expect((await overlay(a.urn, '?placement=main&from=birthday')).html).toContain(`/in/${b.slug}/"`);
    expect((await overlay(a.urn, '?placement=dialog&from=birthday')).html).toContain(
      `data-sandbox-recipient="${b.slug}"`,
    );
    expect(state.faults.wrong_recipient).toBe(0);
    expect((await overlay(a.urn, '?placement=main&from=birthday')).html).toContain(`/in/${a.slug}/"`);
    // Any variant.
    state.setFaults({ dom_variant: 'default', wrong_recipient: 1 });
    expect((await overlay(a.slug, '?from=birthday')).html).toContain(`data-sandbox-thread="${b.slug}"`);
    expect((await overlay(a.slug, '?from=birthday')).html).toContain(`data-sandbox-thread="${a.slug}"`);
  });

  it('compose takes a urn or a slug: sdui renders the box as a page pre-filled with body; default redirects', async () => {
    const contact = state.birthdays()[0]!;
    for (const ref of [contact.urn, contact.slug]) {
      const res = await page(
        `/messaging/compose/?recipient=${ref}&body=${encodeURIComponent('Happy birthday!')}&interop=msgOverlay`,
      );
      expect(res.statusCode).toBe(200);
      const main = res.body.slice(res.body.indexOf('<main id="workspace"'));
      expect(main).toContain(`<a href="https://www.linkedin.com/in/${contact.slug}/">${contact.name}</a>`);
      expect(main).toMatch(
        /role="textbox" contenteditable="true"[^>]*><p class="[^"]+">Happy birthday!<\/p>/,
      );
      expect(main).toContain('type="submit" data-sandbox-send>Send</button>');
      expect(main).not.toContain('aria-label="Close"');
      expect(main).toContain('data-view-name="message-list"');
    }
    expect((await page('/messaging/compose/?recipient=ACoAAnobody')).statusCode).toBe(404);
    state.setFaults({ dom_variant: 'default' });
    for (const ref of [contact.urn, contact.slug]) {
      const res = await page(`/messaging/compose/?recipient=${ref}`);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(`/messaging/thread/${contact.slug}/`);
    }
  });

  it('send_stall_ms stores the message at once but answers late; the answer is sdui markup', async () => {
    const contact = state.birthdays()[0]!;
    state.setFaults({ send_stall_ms: 400 });
    const started = Date.now();
    const pending = app.inject({
      method: 'POST',
      url: '/voyager/api/messaging/send',
      headers: { cookie },
      payload: { to: contact.slug, text: 'Stalled wish' },
    });
    // Recorded while the answer is still stalled.
    await waitFor(() => state.sent.length > 0, { timeoutMs: 300, intervalMs: 10, what: 'the stalled wish' });
    expect(state.sent.map((m) => m.text)).toEqual(['Stalled wish']);
    const res = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(res.statusCode).toBe(200);
    expect(res.json().html).toMatch(
      /^<div class="[^"]+" role="listitem"><span class="[^"]+">You · [^<]+<\/span><p class="[^"]+">Stalled wish<\/p><\/div>$/,
    );
    expect((await overlay(contact.slug, '?placement=main')).html).toContain('>Stalled wish</p>');
    // Failures are stalled too.
    state.setFaults({ send_stall_ms: 200, send_fails: 1 });
    const t0 = Date.now();
    const failed = await app.inject({
      method: 'POST',
      url: '/voyager/api/messaging/send',
      headers: { cookie },
      payload: { to: contact.slug, text: 'x' },
    });
    expect(failed.statusCode).toBe(500);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });
});

describe('sdui search, profiles and invitations', () => {
  it('renders 3 rows with content and empty placeholders for the rest; Next is absent on the last page', async () => {
    const body = (await page('/search/results/people/?keywords=')).body;
    const rows = body.match(/<div class="[^"]+" role="listitem"[^>]*>/g)!;
    expect(rows).toHaveLength(10);
    expect(body.match(/data-view-name="search-result-lockup-title"/g)).toHaveLength(3);
    expect(body.match(/role="listitem" data-sandbox-row="\d"><\/div>/g)).toHaveLength(7);
    const first = state.world.contacts[0]!;
    expect(body).toContain(
      `data-view-name="search-result-lockup-title" href="https://www.linkedin.com/in/${first.slug}/">${first.name}</a>`,
    );
    expect(body).toMatch(
      /<button class="[^"]+" type="button" data-testid="pagination-controls-next-button-visible" data-sandbox-action="page" data-sandbox-page="2">Next<\/button>/,
    );
    const last = (await page('/search/results/people/?keywords=&page=30')).body;
    expect(last).not.toContain('pagination-controls-next-button-visible');
    expect(last).toContain('data-testid="pagination-controls-prev-button-visible"');
    expect((await page('/search/results/people/?keywords=zzzzqqq')).body).toContain('>No results found</p>');
    state.reset({ locale: 'fr' });
    state.setFaults({ dom_variant: 'sdui' });
    cookie = `li_at=${state.sessionToken}`;
    expect((await page('/search/results/people/?keywords=')).body).toContain('>Suivant</button>');
    expect((await page('/search/results/people/?keywords=zzzzqqq')).body).toContain('>Aucun résultat</p>');
  });

  it('profiles have the name in an h2, no h1, the title "<Name> | LinkedIn", and record visits', async () => {
    const c = state.birthdays()[0]!;
    const body = (await page(`/in/${c.slug}/`)).body;
    expect(body).not.toMatch(/<h1[\s>]/);
    expect(body).toContain(`<title>${c.name} | LinkedIn</title>`);
    expect(body).toMatch(
      new RegExp(`<h2 class="[^"]+">${escapeRe(c.name)}</h2>\\s*<p class="[^"]+">${c.headline}</p>`, 'u'),
    );
    expect(body).toContain(
      `href="/messaging/compose/?recipient=${c.urn}&amp;interop=msgOverlay" aria-label="Message ${c.name}"`,
    );
    expect(state.visits.map((v) => v.slug)).toEqual([c.slug]);
  });

  it('sent invitations: plain age text, withdraw link and button alternating, a <dialog open> to confirm', async () => {
    const body = (await page('/mynetwork/invitation-manager/sent/')).body;
    const rows = body.split(/(?=<div class="[^"]+" role="listitem">)/).slice(1);
    expect(rows).toHaveLength(40);
    expect(body).not.toContain('<time');
    const pending = state.pendingInvitations();
    rows.forEach((row, i) => {
      const p = pending[i]!.person;
      expect(row).toContain(`href="https://www.linkedin.com/in/${p.slug}/">${p.name}</a>`);
      if (i % 2 === 0) {
        expect(row).toMatch(
          new RegExp(
            `<a class="[^"]+" href="#" aria-label="Withdraw invitation sent to ${escapeRe(p.name)}" data-sandbox-action="withdraw"[^>]*>Withdraw</a>`,
            'u',
          ),
        );
        expect(row).not.toContain('<button');
      } else {
        expect(row).toMatch(
          /<button class="[^"]+" type="button" data-view-name="sent-invitations-withdraw-single" data-sandbox-action="withdraw"[^>]*>Withdraw<\/button>/,
        );
        expect(row).not.toContain('aria-label="Withdraw');
      }
    });
    expect(body).toContain('>Sent today</p>');
    expect(body).toMatch(/>Sent \d weeks? ago<\/p>/);
    const inv = pending[1]!;
    const dialog = await json<{ html: string }>(
      `/voyager/api/relationships/invitations/${inv.id}/withdraw-dialog`,
    );
    expect(dialog.html).toMatch(/^<dialog open class="[^"]+"/);
    expect(dialog.html).toContain(
      `aria-label="Withdraw invitation sent to ${inv.person.name}" data-sandbox-action="confirm-withdraw"`,
    );
    expect(dialog.html).toContain('>Withdraw</button>');
    expect(dialog.html).toContain('>Cancel</button>');
    const res = await app.inject({
      method: 'POST',
      url: `/voyager/api/relationships/invitations/${inv.id}/withdraw`,
      headers: { cookie },
      payload: {},
    });
    const list: string = res.json().list;
    expect(list.split(/(?=<div class="[^"]+" role="listitem">)/).slice(1)).toHaveLength(39);
    expect(list).not.toContain(inv.person.slug);

    state.reset({ locale: 'fr' });
    state.setFaults({ dom_variant: 'sdui' });
    cookie = `li_at=${state.sessionToken}`;
    const fr = (await page('/mynetwork/invitation-manager/sent/')).body;
    expect(fr).toContain(
      `aria-label="Retirer l’invitation envoyée à ${state.pendingInvitations()[0]!.person.name}"`,
    );
    expect(fr).toContain('>Envoyée aujourd’hui</p>');
    expect(fr).toMatch(/>Envoyée il y a \d semaines?<\/p>/);
  });
});
