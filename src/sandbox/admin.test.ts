import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FAULTS } from './faults.ts';
import { ROTATE_EVERY } from './jsessionIds.ts';
import { createSandboxApp } from './server.ts';
import type { SandboxState } from './state.ts';

/** The admin API and the login wall, over HTTP (no browser). */

let app: FastifyInstance;
let state: SandboxState;

beforeEach(() => {
  ({ app, state } = createSandboxApp());
});

afterEach(async () => {
  await app.close();
});

interface StateBody {
  contacts: { slug: string; name: string; first_name: string; birthday_days_late: number | null }[];
}

async function post(url: string, payload?: unknown) {
  return app.inject({ method: 'POST', url, payload: payload as object });
}

async function getJson<T>(url: string): Promise<T> {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(200);
  return res.json() as T;
}

async function cookieHeader(): Promise<string> {
  const session = await getJson<{ cookies: { name: string; value: string }[] }>('/__sandbox/session');
  return session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

describe('POST /__sandbox/reset', () => {
  it('is deterministic: the same seed gives the same contacts, another seed others', async () => {
    expect((await post('/__sandbox/reset', { seed: 5 })).statusCode).toBe(200);
    const a = await getJson<StateBody>('/__sandbox/state');
    await post('/__sandbox/reset', { seed: 5 });
    const b = await getJson<StateBody>('/__sandbox/state');
    await post('/__sandbox/reset', { seed: 6 });
    const c = await getJson<StateBody>('/__sandbox/state');
    expect(b.contacts).toEqual(a.contacts);
    expect(c.contacts).not.toEqual(a.contacts);
  });

  it('honours the counts, with the documented defaults', async () => {
    await post('/__sandbox/reset');
    let s = await getJson<StateBody>('/__sandbox/state');
    expect(s.contacts).toHaveLength(300);
    expect(s.contacts.filter((c) => c.birthday_days_late === 0)).toHaveLength(12);
    expect(s.contacts.filter((c) => (c.birthday_days_late ?? 0) > 0)).toHaveLength(5);
    expect((await getJson<{ invitations: unknown[] }>('/__sandbox/invitations')).invitations).toHaveLength(
      40,
    );

    const res = await post('/__sandbox/reset', { contacts: 50, today: 3, late: 7, invitations: 9 });
    expect(res.json().counts).toEqual({ contacts: 50, today: 3, late: 7, invitations: 9 });
    s = await getJson<StateBody>('/__sandbox/state');
    const late = s.contacts.map((c) => c.birthday_days_late).filter((d): d is number => d !== null && d > 0);
    expect(late.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(s.contacts.map((c) => c.slug)).size).toBe(50);
  });

  it('generates names a bot must clean, with their clean first name', async () => {
    await post('/__sandbox/reset', { seed: 1 });
    const s = await getJson<StateBody>('/__sandbox/state');
    const birthdays = s.contacts.filter((c) => c.birthday_days_late !== null);
    const names = birthdays.map((c) => c.name);
    expect(names.some((n) => /^Dr\. .+ 🎉$/u.test(n))).toBe(true);
    expect(names.some((n) => n.endsWith(', PhD'))).toBe(true);
    expect(names.some((n) => n.endsWith(' MBA'))).toBe(true);
    for (const c of s.contacts) {
      expect(c.name).toContain(c.first_name);
      expect(c.first_name).toMatch(/^\p{L}[\p{L}-]*$/u);
    }
  });

  it('refuses bad input with 400 and the fields at fault', async () => {
    for (const body of [
      { seed: 'x' },
      { contacts: -1 },
      { today: 2.5 },
      { locale: 'de' },
      { contacts: 10, today: 8, late: 5 },
      { unknown: true },
    ]) {
      const res = await post('/__sandbox/reset', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    const res = await app.inject({
      method: 'POST',
      url: '/__sandbox/reset',
      headers: { 'content-type': 'application/json' },
      payload: '{nope',
    });
    expect(res.statusCode).toBe(400);
  });

  it('starts afresh: new session token, no messages, visits, withdrawals or faults', async () => {
    const oldCookie = await cookieHeader();
    await post('/__sandbox/faults', { rate_limited: true, latency_ms: 5 });
    state.send(state.birthdays()[0]!.slug, 'hi');
    state.recordVisit(state.birthdays()[0]!.slug);
    await post('/__sandbox/reset', {});
    expect((await getJson<{ messages: unknown[] }>('/__sandbox/messages')).messages).toEqual([]);
    expect((await getJson<{ visits: unknown[] }>('/__sandbox/visits')).visits).toEqual([]);
    expect(await getJson('/__sandbox/faults')).toEqual(DEFAULT_FAULTS);
    const res = await app.inject({ url: '/feed/', headers: { cookie: oldCookie } });
    expect(res.statusCode).toBe(302);
  });
});

describe('POST /__sandbox/faults', () => {
  it('updates only the given faults and validates them', async () => {
    expect((await post('/__sandbox/faults', { latency_ms: 20 })).json()).toMatchObject({ latency_ms: 20 });
    const res = await post('/__sandbox/faults', { dom_variant: 'alt', send_fails: 2 });
    expect(res.json()).toEqual({ ...DEFAULT_FAULTS, latency_ms: 20, dom_variant: 'alt', send_fails: 2 });
    for (const body of [{ dom_variant: 'weird' }, { latency_ms: -1 }, { send_fails: 'one' }, { nope: 1 }]) {
      expect((await post('/__sandbox/faults', body)).statusCode).toBe(400);
    }
  });

  it('takes the sdui design and its faults, refusing bad values with the field named', async () => {
    const sdui = {
      dom_variant: 'sdui',
      overlay: 'iframe',
      wrong_recipient: 2,
      send_stall_ms: 120_000,
      redirect_loop: true,
      account_picker: true,
      break_primary: true,
    };
    const res = await post('/__sandbox/faults', sdui);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...DEFAULT_FAULTS, ...sdui });
    for (const overlay of ['main', 'shadow', 'iframe', 'dialog', 'page']) {
      expect((await post('/__sandbox/faults', { overlay })).json().overlay).toBe(overlay);
    }
    const bad: [string, unknown][] = [
      ['overlay', 'popup'],
      ['overlay', 1],
      ['wrong_recipient', -1],
      ['wrong_recipient', 1.5],
      ['wrong_recipient', 'two'],
      ['send_stall_ms', -1],
      ['send_stall_ms', 120_001],
      ['send_stall_ms', 10.5],
      ['redirect_loop', 'yes'],
      ['account_picker', 1],
      ['break_primary', null],
      ['blocked', 'no'],
      ['checkpoint', 1],
      ['captcha', 'yes'],
      ['dom_variant', 'SDUI'],
    ];
    for (const [field, value] of bad) {
      const r = await post('/__sandbox/faults', { [field]: value });
      expect(r.statusCode, `${field}=${JSON.stringify(value)}`).toBe(400);
      expect(r.json().error.details.fields).toHaveProperty(field);
    }
    // A refused body changes nothing.
    expect((await getJson<{ overlay: string }>('/__sandbox/faults')).overlay).toBe('page');
  });

  it('redirect_loop: pages, /login and /authwall redirect to each other; account_picker: the "Welcome back" page', async () => {
    const cookie = await cookieHeader();
    await post('/__sandbox/faults', { redirect_loop: true });
    expect((await app.inject({ url: '/feed/', headers: { cookie } })).headers.location).toBe('/authwall');
    expect((await app.inject({ url: '/authwall' })).headers.location).toBe('/login');
    const login = await app.inject({ url: '/login' });
    expect(login.statusCode).toBe(302);
    expect(login.headers.location).toBe('/authwall');
    await post('/__sandbox/faults', { redirect_loop: false, account_picker: true });
    const feed = await app.inject({ url: '/feed/', headers: { cookie } });
    expect(feed.statusCode).toBe(302);
    expect(feed.headers.location).toBe('/login?session_redirect=%2Ffeed%2F');
    for (const variant of ['default', 'sdui'] as const) {
      await post('/__sandbox/faults', { dom_variant: variant });
      const picker = await app.inject({ url: '/login?session_redirect=%2Ffeed%2F', headers: { cookie } });
      expect(picker.statusCode).toBe(200);
      expect(picker.body).toContain('<div id="rememberme-div">');
      expect(picker.body).toContain('Alex Morgan');
      expect(picker.body).toContain('>Sign in using another account</a>');
      expect(picker.body).not.toContain('<form');
      expect(picker.body).not.toContain('id="password"');
    }
    await post('/__sandbox/faults', { account_picker: false });
    expect((await app.inject({ url: '/feed/', headers: { cookie } })).statusCode).toBe(200);
  });

  it('checkpoint: pages redirect to a security check; captcha: the challenge in place of the page', async () => {
    const cookie = await cookieHeader();
    await post('/__sandbox/faults', { checkpoint: true });
    const feed = await app.inject({ url: '/mynetwork/catch-up/birthday/', headers: { cookie } });
    expect(feed.statusCode).toBe(302);
    const location = feed.headers.location as string;
    expect(location).toMatch(/^\/checkpoint\/challenge\/\w+\?ut=/);
    const challenge = await app.inject({ url: location, headers: { cookie } });
    expect(challenge.statusCode).toBe(200);
    expect(challenge.body).toContain('id="captcha-internal"');
    expect(challenge.body).not.toContain('id="global-nav"');

    await post('/__sandbox/faults', { checkpoint: false, captcha: true });
    const inPlace = await app.inject({ url: '/mynetwork/catch-up/birthday/', headers: { cookie } });
    expect(inPlace.statusCode).toBe(200);
    expect(inPlace.body).toContain('id="captcha-internal"');
    expect(inPlace.body).not.toContain('id="global-nav"');
    await post('/__sandbox/faults', { captcha: false });
    expect((await app.inject({ url: '/feed/', headers: { cookie } })).body).toContain('id="global-nav"');
  });
});

describe('session', () => {
  it('gives cookies for the asked host', async () => {
    const res = await app.inject({ url: '/__sandbox/session', headers: { host: 'localhost:8090' } });
    const { cookies } = res.json();
    expect(cookies[0]).toEqual({
      name: 'li_at',
      value: state.sessionToken,
      domain: 'localhost',
      path: '/',
      expires: -1,
      httpOnly: true,
      secure: false,
      sameSite: 'Lax',
    });
    expect(cookies[1]).toMatchObject({ name: 'JSESSIONID', domain: 'localhost' });
  });

  it('redirects every LinkedIn page to /login without the li_at cookie', async () => {
    for (const url of [
      '/feed/',
      '/mynetwork/catch-up/birthday/',
      '/search/results/people/?keywords=a',
      '/in/x/',
      '/mynetwork/invitation-manager/sent/',
      '/messaging/thread/x/',
    ]) {
      const res = await app.inject({ url, headers: { cookie: 'li_at=wrong' } });
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location).toBe(`/login?session_redirect=${encodeURIComponent(url)}`);
    }
    const login = await app.inject({ url: '/login' });
    expect(login.statusCode).toBe(200);
    expect(login.body).not.toContain('id="global-nav"');
    for (const url of ['/uas/login', '/authwall', '/checkpoint/challenge/AgE123']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).not.toContain('id="global-nav"');
    }
    expect((await app.inject({ url: '/checkpoint/challenge/AgE123' })).body).toContain(
      'id="captcha-internal"',
    );
  });

  it('shows the global nav with the cookie, and a login form that sets it', async () => {
    const cookie = await cookieHeader();
    const feed = await app.inject({ url: '/feed/', headers: { cookie } });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('id="global-nav" class="global-nav"');
    expect(feed.body).toContain('class="global-nav__me-photo"');
    expect(feed.body).toContain('class="search-global-typeahead__input"');

    const login = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'session_key=a&session_password=b&session_redirect=%2Fmynetwork%2F',
    });
    expect(login.statusCode).toBe(302);
    expect(login.headers.location).toBe('/mynetwork/');
    expect(String(login.headers['set-cookie'])).toContain(`li_at=${state.sessionToken}`);
  });

  it('session_expired logs everyone out: pages redirect, actions answer 401', async () => {
    const cookie = await cookieHeader();
    await post('/__sandbox/faults', { session_expired: true });
    expect((await app.inject({ url: '/feed/', headers: { cookie } })).statusCode).toBe(302);
    const send = await app.inject({
      method: 'POST',
      url: '/voyager/api/messaging/send',
      headers: { cookie },
      payload: { to: state.birthdays()[0]!.slug, text: 'hi' },
    });
    expect(send.statusCode).toBe(401);
    const withdraw = await app.inject({
      method: 'POST',
      url: `/voyager/api/relationships/invitations/${state.pendingInvitations()[0]!.id}/withdraw`,
      headers: { cookie },
      payload: {},
    });
    expect(withdraw.statusCode).toBe(401);
    expect(state.sent).toEqual([]);
    expect(state.withdrawn).toEqual([]);
  });
});

/** The sandbox's JSESSIONID: set anew on some page loads, never refused when older. */

interface JsessionBody {
  current: string;
  issued: string[];
  received: { path: string; value: string | null; at: string }[];
}

const PAGE_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** A browser's page load with these cookies; the JSESSIONID it was given, if any. */
async function load(url: string, jsessionId: string | null, accept = PAGE_ACCEPT) {
  const cookie = `li_at=${state.sessionToken}${jsessionId === null ? '' : `; JSESSIONID=${jsessionId}`}`;
  const res = await app.inject({ url, headers: { cookie, accept } });
  const header = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('JSESSIONID='));
  return { status: res.statusCode, given: header ? /^JSESSIONID=([^;]*)/.exec(header)![1]! : null, header };
}

async function jsession(): Promise<JsessionBody> {
  return (await app.inject({ url: '/__sandbox/jsessionid' })).json() as JsessionBody;
}

describe('JSESSIONID', () => {
  it(`is set anew on a session's first page load and every ${ROTATE_EVERY}th after; older values keep working`, async () => {
    const first = state.jsessionId;
    const loaded = await load('/feed/', first);
    expect(loaded.status).toBe(200);
    expect(loaded.given).toMatch(/^ajax:\d{19}$/);
    expect(loaded.given).not.toBe(first);
    expect(loaded.header).toBe(`JSESSIONID=${loaded.given}; Path=/; SameSite=Lax`);
    expect(state.jsessionId).toBe(loaded.given);

    // The browser that keeps the first value is not logged out.
    for (let i = 1; i < ROTATE_EVERY; i++) {
      expect(await load('/mynetwork/', first)).toMatchObject({ status: 200, given: null });
    }
    const next = await load('/feed/', loaded.given);
    expect(next.given).not.toBeNull();
    expect(next.given).not.toBe(loaded.given);

    const body = await jsession();
    expect(body.current).toBe(next.given);
    expect(body.issued).toEqual([first, loaded.given, next.given]);
    expect(body.received.map((r) => [r.path, r.value])).toEqual([
      ['/feed/', first],
      ...Array.from({ length: ROTATE_EVERY - 1 }, () => ['/mynetwork/', first]),
      ['/feed/', loaded.given],
    ]);
  });

  it('is left alone by scripts’ requests, logged-out browsers and the admin API; a reset starts over', async () => {
    expect((await load('/feed/', null, '*/*')).given).toBeNull();
    const loggedOut = await app.inject({ url: '/feed/', headers: { accept: PAGE_ACCEPT } });
    expect(loggedOut.statusCode).toBe(302);
    expect(String(loggedOut.headers['set-cookie'] ?? '')).not.toContain('JSESSIONID');
    expect((await load('/__sandbox/state', null)).given).toBeNull();
    expect(await jsession()).toEqual({ current: state.jsessionId, issued: [state.jsessionId], received: [] });

    expect((await load('/feed/', null)).given).not.toBeNull();
    await app.inject({ method: 'POST', url: '/__sandbox/reset', payload: {} });
    const reset = await jsession();
    expect(reset.issued).toEqual([reset.current]);
    expect(reset.received).toEqual([]);
    // The first page load of the new session sets a new one again.
    expect((await load('/feed/', reset.current)).given).not.toBeNull();
  });
});
