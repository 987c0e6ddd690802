import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textsFor } from './i18n.ts';
import { createSandboxApp } from './server.ts';
import type { SandboxState } from './state.ts';

/** Pages and internal actions over HTTP: faults, locales, search, visits, ages. */

let app: FastifyInstance;
let state: SandboxState;
let cookie: string;

beforeEach(() => {
  ({ app, state } = createSandboxApp());
  cookie = `li_at=${state.sessionToken}; JSESSIONID=${state.jsessionId}`;
});

afterEach(async () => {
  await app.close();
});

const page = (url: string) => app.inject({ url, headers: { cookie } });
const send = (to: string, text: string) =>
  app.inject({
    method: 'POST',
    url: '/voyager/api/messaging/send',
    headers: { cookie },
    payload: { to, text },
  });

describe('faults', () => {
  it('rate_limited shows the limit banner and refuses sends and withdrawals', async () => {
    state.setFaults({ rate_limited: true });
    const feed = await page('/feed/');
    expect(feed.body).toContain('artdeco-inline-feedback--error');
    expect(feed.body).toContain('role="alert"');
    expect(feed.body).toContain("You've reached the weekly invitation limit");
    const res = await send(state.birthdays()[0]!.slug, 'Happy birthday!');
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('rate_limited');
    const id = state.pendingInvitations()[0]!.id;
    const w = await app.inject({
      method: 'POST',
      url: `/voyager/api/relationships/invitations/${id}/withdraw`,
      headers: { cookie },
      payload: {},
    });
    expect(w.statusCode).toBe(429);
    expect(state.sent).toEqual([]);
    expect(state.withdrawn).toEqual([]);
    state.setFaults({ rate_limited: false });
    expect((await page('/feed/')).body).not.toContain('role="alert"');
  });

  it('latency_ms delays pages and actions, not the admin API', async () => {
    state.setFaults({ latency_ms: 150 });
    let started = Date.now();
    await page('/feed/');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    started = Date.now();
    await send(state.birthdays()[0]!.slug, 'hi');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    started = Date.now();
    await app.inject({ url: '/__sandbox/messages' });
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('send_fails fails the next n sends, storing nothing, then sends work again', async () => {
    state.setFaults({ send_fails: 2 });
    const to = state.birthdays()[0]!.slug;
    const fails = [await send(to, 'a'), await send(to, 'b')];
    expect(fails.map((r) => [r.statusCode, r.json().error.message])).toEqual([
      [500, 'Message failed to send'],
      [500, 'Message failed to send'],
    ]);
    expect(state.faults.send_fails).toBe(0);
    const ok = await send(to, 'c');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().html).toContain('class="msg-s-event-listitem__body t-14">c</p>');
    expect(state.sent.map((m) => m.text)).toEqual(['c']);
    expect(state.thread(to).at(-1)).toMatchObject({ from: 'me', text: 'c' });
  });
});

describe('birthday page', () => {
  it('renders 8 cards, the rest in batches, with labels around the name and decoys', async () => {
    const res = await page('/mynetwork/catch-up/birthday/');
    expect(res.body.match(/role="listitem"/g)).toHaveLength(8);
    expect(res.body).toContain('Celebrate ');
    expect(res.body).toContain('aria-label="Message ');
    expect(res.body).toContain('>Follow<');
    expect(res.body).toContain('Premium');
    expect(res.body).toMatch(/href="\/in\/[a-z0-9-]+\/\?miniProfileUrn=urn%3Ali%3Afsd_profile%3A/);
    const more = await app.inject({ url: '/voyager/api/birthdays?start=8', headers: { cookie } });
    expect(more.json().next).toBe(13);
    const last = await app.inject({ url: '/voyager/api/birthdays?start=13', headers: { cookie } });
    expect(last.json().next).toBeNull();
    expect(last.json().html.match(/role="listitem"/g)).toHaveLength(4);
    expect(last.json().html).toMatch(/\d days ago|Yesterday/);
  });

  it('opens a conversation with its earlier messages, oldest first', async () => {
    const contact = state.birthdays().find((c) => state.thread(c.slug).length > 0)!;
    const res = await app.inject({
      url: `/voyager/api/messaging/conversations/${contact.slug}/overlay`,
      headers: { cookie },
    });
    const bodies = [...res.json().html.matchAll(/class="msg-s-event-listitem__body t-14">([^<]*)<\/p>/g)].map(
      (m) => m[1],
    );
    expect(bodies).toEqual(state.thread(contact.slug).map((m) => m.text.replace(/&/g, '&amp;')));
    expect(res.json().html).toContain('role="textbox" contenteditable="true"');
    expect(res.json().html).toMatch(
      /<button class="msg-form__send-button[^"]*" type="submit" disabled>Send<\/button>/,
    );
  });

  it('speaks French after a French reset, with a curly apostrophe in Aujourd’hui', async () => {
    state.reset({ locale: 'fr' });
    cookie = `li_at=${state.sessionToken}`;
    const res = await page('/mynetwork/catch-up/birthday/');
    expect(res.body).toContain('<html lang="fr">');
    expect(res.body).toContain('Aujourd’hui');
    expect(res.body).toContain('Célébrez l’anniversaire de ');
    expect(res.body).toContain('>Envoyer un message<');
    expect(res.body).toContain('>Suivre<');
    const overlay = await app.inject({
      url: `/voyager/api/messaging/conversations/${state.birthdays()[0]!.slug}/overlay`,
      headers: { cookie },
    });
    expect(overlay.json().html).toContain('aria-label="Fermer"');
    expect(overlay.json().html).toContain('>Envoyer</button>');
  });
});

describe('search and profiles', () => {
  it('filters by keywords and location, 10 per page, in a stable order', async () => {
    const paris = state.world.contacts.filter((c) => c.geoUrn === '105015875');
    const url = (p: number) => `/search/results/people/?keywords=&geoUrn=%5B%22105015875%22%5D&page=${p}`;
    const slugsOf = (body: string) =>
      [...body.matchAll(/data-view-name="search-result-lockup-title" href="\/in\/([^/]+)\//g)].map(
        (m) => m[1]!,
      );
    const pages: string[] = [];
    for (let p = 1; p <= Math.ceil(paris.length / 10); p++) pages.push(...slugsOf((await page(url(p))).body));
    expect(pages).toEqual(paris.map((c) => c.slug));
    expect(slugsOf((await page(url(1))).body)).toEqual(pages.slice(0, 10));

    const byLocation = slugsOf((await page('/search/results/people/?location=paris')).body);
    expect(byLocation).toEqual(paris.slice(0, 10).map((c) => c.slug));

    const target = state.world.contacts[3]!;
    const word = target.headline.split(' ')[0]!;
    const found = state.world.contacts.filter((c) =>
      `${c.name} ${c.headline}`.toLowerCase().includes(word.toLowerCase()),
    );
    const body = (await page(`/search/results/people/?keywords=${encodeURIComponent(word)}`)).body;
    expect(body).toContain(textsFor('en').resultCount(found.length));
  });

  it('records each profile view as a visit, and 404s unknown profiles', async () => {
    const c = state.world.contacts[0]!;
    const res = await page(`/in/${c.slug}/?miniProfileUrn=x`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<div class="ph5 pb5">');
    expect(res.body).toMatch(/<h1 class="text-heading-xlarge[^"]*">[^<]+<\/h1>/);
    expect(res.body).toContain(`<div class="text-body-medium break-words">`);
    await page(`/in/${c.slug}`);
    expect((await page('/in/nobody-here/')).statusCode).toBe(404);
    const visits = (await app.inject({ url: '/__sandbox/visits' })).json().visits;
    expect(visits.map((v: { slug: string }) => v.slug)).toEqual([c.slug, c.slug]);
  });
});

describe('sent invitations', () => {
  it('spreads ages from today to about 3 months, worded like LinkedIn', async () => {
    const { invitations } = (await app.inject({ url: '/__sandbox/invitations' })).json();
    const ages = invitations.map((i: { sent_days_ago: number }) => i.sent_days_ago);
    expect(ages[0]).toBe(0);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(85);
    expect(ages).toEqual([...ages].sort((a, b) => a - b));
    const body = (await page('/mynetwork/invitation-manager/sent/')).body;
    expect(body.match(/<li class="invitation-card artdeco-list__item">/g)).toHaveLength(40);
    expect(body).toContain('>Sent today</time>');
    expect(body).toMatch(/>Sent \d weeks? ago<\/time>/);
    expect(body).toMatch(/>Sent \d months? ago<\/time>/);
  });

  it('words ages in both languages', () => {
    const en = textsFor('en');
    const fr = textsFor('fr');
    expect([0, 3, 7, 21, 60].map(en.sentAgo)).toEqual([
      'Sent today',
      'Sent 3 days ago',
      'Sent 1 week ago',
      'Sent 3 weeks ago',
      'Sent 2 months ago',
    ]);
    expect([0, 3, 7, 21, 60].map(fr.sentAgo)).toEqual([
      'Envoyée aujourd’hui',
      'Envoyée il y a 3 jours',
      'Envoyée il y a 1 semaine',
      'Envoyée il y a 3 semaines',
      'Envoyée il y a 2 mois',
    ]);
  });
});
