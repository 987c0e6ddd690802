import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { requireLinkedInCookies } from '../../bots/storedCookies.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import {
  encryptSessionCookies,
  parseSessionInput,
  type SessionCookie,
} from '../../linkedin/sessionCookies.ts';
import { ManualClock } from '../testing.ts';

/** Hostile cookie fields: each refused, named, and nothing stored. */

const LI_AT = 'AQEDAR-secret-li-at-value-0123456789abcdef';
const NOW = new Date('2025-06-15T10:00:00.000Z');
const nowSeconds = NOW.getTime() / 1000;
const inAYear = nowSeconds + 365 * 86400;

const liAt = (fields: Record<string, unknown> = {}) => ({
  name: 'li_at',
  value: LI_AT,
  domain: '.www.linkedin.com',
  path: '/',
  expires: inAYear,
  httpOnly: true,
  secure: true,
  sameSite: 'None',
  ...fields,
});
/** A storage state whose second cookie (a tracker) carries the fields. */
const state = (tracker: Record<string, unknown>, origins: unknown = []) => ({
  cookies: [liAt(), { ...liAt(), name: 'bcookie', value: '"v=2&abc"', ...tracker }],
  origins,
});

/** What is refused, the input, the field named and its code (the dashboard words it). */
const HOSTILE: [string, unknown, string, string][] = [
  ['an expiry of 1e308', state({ expires: 1e308 }), 'cookies.1.expires', 'cookie_expiry_too_far'],
  [
    'an expiry past 400 days',
    state({ expires: nowSeconds + 402 * 86400 }),
    'cookies.1.expires',
    'cookie_expiry_too_far',
  ],
  ['a negative expiry', state({ expires: -5 }), 'cookies.1.expires', 'invalid_cookie_expiry'],
  [
    'an extension’s expirationDate of 1e308',
    [liAt({ expires: undefined, expirationDate: 1e308 })],
    '0.expirationDate',
    'cookie_expiry_too_far',
  ],
  ['U+0085 in a value', state({ value: `a\u0085b` }), 'cookies.1.value', 'invalid_cookie_value'],
  ['U+2028 in a value', { li_at: `${LI_AT}\u2028x` }, 'li_at', 'invalid_cookie_value'],
  [
    'a space inside a value',
    { cookies: { li_at: LI_AT, lang: 'v=2 en' } },
    'cookies.lang',
    'invalid_cookie_value',
  ],
  ['a NUL in a value', state({ value: 'a\u0000' }), 'cookies.1.value', 'invalid_cookie_value'],
  ['a 100 KB path', state({ path: `/${'a'.repeat(100_000)}` }), 'cookies.1.path', 'too_big'],
  ['a path not from the root', state({ path: 'feed' }), 'cookies.1.path', 'invalid_cookie_path'],
  ['U+2028 in a path', state({ path: '/\u2028' }), 'cookies.1.path', 'invalid_cookie_path'],
  [
    'a domain that is no host',
    state({ domain: '.linked in.com' }),
    'cookies.1.domain',
    'invalid_cookie_domain',
  ],
  [
    'a control character in a domain',
    state({ domain: 'linkedin.com\u0085' }),
    'cookies.1.domain',
    'invalid_cookie_domain',
  ],
  ['an unknown SameSite', state({ sameSite: 'Sometimes' }), 'cookies.1.sameSite', 'invalid_same_site'],
  ['a name that is no token', state({ name: 'b cookie' }), 'cookies.1.name', 'invalid_cookie_name'],
  [
    'an expired li_at',
    { cookies: [liAt({ expires: nowSeconds - 60 })] },
    'cookies.0.expires',
    'session_cookie_expired',
  ],
  ['origins that are no list', state({}, 'x'), 'origins', 'invalid_type'],
  [
    'an origin that is no origin',
    state({}, [{ origin: 'javascript:alert(1)', localStorage: [] }]),
    'origins.0.origin',
    'invalid_origin',
  ],
  [
    'a 100 KB local storage value',
    state({}, [
      { origin: 'https://www.linkedin.com', localStorage: [{ name: 'k', value: 'v'.repeat(100_000) }] },
    ]),
    'origins.0.localStorage.0.value',
    'too_big',
  ],
  [
    '2,000 local storage entries',
    state({}, [
      {
        origin: 'https://www.linkedin.com',
        localStorage: Array.from({ length: 2000 }, (_, i) => ({ name: `k${i}`, value: 'v' })),
      },
    ]),
    'origins.0.localStorage',
    'too_big',
  ],
  ['no li_at', { cookies: { lang: 'v=2' } }, 'cookies.li_at', 'session_cookie_missing'],
  ['an empty li_at', { li_at: '' }, 'li_at', 'session_cookie_empty'],
  ['a value that is no string', { cookies: { li_at: 5 } }, 'cookies.li_at', 'cookie_value_not_string'],
  ['a cookie beside "cookies"', { cookies: { li_at: LI_AT }, lang: 'v=2' }, 'lang', 'cookie_outside_cookies'],
  ['cookies that are neither a map nor a list', { cookies: 42 }, 'cookies', 'invalid_cookies'],
  ['an unknown field of a storage state', { ...state({}), extra: 1 }, 'extra', 'unknown_field'],
  [
    'a headless browser’s user agent',
    {
      li_at: LI_AT,
      user_agent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
    },
    'user_agent',
    'headless_user_agent',
  ],
  [
    'a user agent that is no browser’s',
    { li_at: LI_AT, user_agent: 'curl/8.5' },
    'user_agent',
    'invalid_user_agent',
  ],
];

describe('parseSessionInput with hostile fields', () => {
  it.each(HOSTILE)('refuses %s, naming the field and its code', (_, input, field, code) => {
    const parsed = parseSessionInput(input, NOW);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fields)).toContain(field);
    expect(parsed.field_errors[field]?.code).toBe(code);
    expect(Object.keys(parsed.field_errors).sort()).toEqual(Object.keys(parsed.fields).sort());
    expect(JSON.stringify(parsed.fields)).not.toContain(LI_AT);
  });

  it('takes what browsers write: session cookies, quoted values, any SameSite spelling; drops expired trackers', () => {
    const parsed = parseSessionInput(
      {
        cookies: [
          liAt({ expires: nowSeconds + 400 * 86400 }),
          {
            ...liAt(),
            name: 'JSESSIONID',
            value: '"ajax:8123456789012345678"',
            expires: -1,
            sameSite: 'Lax',
          },
          { ...liAt(), name: 'lang', value: 'v=2&lang=en-us', expires: undefined, sameSite: 'strict' },
          { ...liAt(), name: 'lidc', value: 'b=VB23:s=V:r=V', expires: nowSeconds - 3600 },
          { ...liAt(), name: 'NID', value: 'google value, with spaces', domain: '.google.com' },
        ],
        origins: [{ origin: 'https://www.linkedin.com', localStorage: [{ name: 'k', value: 'v' }] }],
      },
      NOW,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.cookies.map((c) => [c.name, c.expires, c.sameSite])).toEqual([
      ['li_at', Math.floor(nowSeconds + 400 * 86400), 'None'],
      ['JSESSIONID', -1, 'Lax'],
      ['lang', -1, 'Strict'],
    ]);
  });
});

describe('PUT /api/linkedin/session with hostile fields', () => {
  const t = useTestApp({ clock: new ManualClock(NOW) });

  it('answers 400 invalid_input naming each field with its code, and keeps the stored session as it was', async () => {
    const put = (payload: unknown) =>
      t.request({ method: 'PUT', url: '/api/linkedin/session', payload: payload as object });
    expect((await put(state({}))).statusCode).toBe(200);
    const before = await t.ctx.store.linkedinSessions.get(DEFAULT_ACCOUNT_ID);
    for (const [what, input, field, code] of HOSTILE) {
      const res = await put(input);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(res.json().error.details.fields, what).toHaveProperty([field]);
      expect(res.json().error.details.field_errors[field], what).toMatchObject({ code });
      expect(res.body).not.toContain(LI_AT);
    }
    expect(await t.ctx.store.linkedinSessions.get(DEFAULT_ACCOUNT_ID)).toEqual(before);
    const updates = await t.ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 100,
      action: 'linkedin_session.update',
    });
    expect(updates).toHaveLength(1);
  });

  it('leaves out a cookie stored unchecked by an older version, rather than failing every browser', async () => {
    const good = parseSessionInput(state({}), NOW);
    if (!good.ok) throw new Error('the valid state was refused');
    const broken: SessionCookie = { ...good.cookies[1]!, expires: 1e308, path: '/\u2028' };
    const store = async (cookies: SessionCookie[]) =>
      t.ctx.store.linkedinSessions.put({
        account_id: DEFAULT_ACCOUNT_ID,
        encrypted: encryptSessionCookies(cookies, t.ctx.secretKey),
        status: 'unchecked',
        checked_at: null,
        updated_at: NOW.toISOString(),
      });
    const load = () =>
      requireLinkedInCookies(t.ctx.store, DEFAULT_ACCOUNT_ID, t.ctx.secretKey, (m) => new Error(m));
    await store([good.cookies[0]!, broken]);
    expect((await load()).map((c) => c.name)).toEqual(['li_at']);
    await store([{ ...good.cookies[0]!, expires: 1e308 }]);
    await expect(load()).rejects.toThrow(/store the cookies again/);
  });
});
