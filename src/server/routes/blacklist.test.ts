import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { normalizeProfileUrl } from './blacklist.ts';

describe('normalizeProfileUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe/', 'https://www.linkedin.com/in/jane-doe'],
    ['https://www.linkedin.com/in/jane-doe?miniProfileUrn=abc#x', 'https://www.linkedin.com/in/jane-doe'],
    [
      '  https://fr.linkedin.com/in/jean-dupont-123/details/skills/ ',
      'https://fr.linkedin.com/in/jean-dupont-123',
    ],
    ['www.linkedin.com/in/jane-doe', 'https://www.linkedin.com/in/jane-doe'],
    ['HTTPS://WWW.LinkedIn.com/in/Jane', 'https://www.linkedin.com/in/Jane'],
    ['http://127.0.0.1:8090/in/sandbox-contact/', 'http://127.0.0.1:8090/in/sandbox-contact'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeProfileUrl(input)).toBe(expected);
  });

  it.each([
    'jane doe',
    'https://www.linkedin.com/company/acme',
    'https://www.linkedin.com/in/',
    'ftp://www.linkedin.com/in/jane',
    'javascript:alert(1)',
    'https://user:pw@www.linkedin.com/in/jane',
  ])('rejects %s', (input) => {
    expect(normalizeProfileUrl(input)).toBeNull();
  });
});

describe('blacklist routes', () => {
  const t = useTestApp();

  const list = async () => {
    const res = await t.request({ method: 'GET', url: '/api/blacklist' });
    expect(res.statusCode).toBe(200);
    return res.json().entries as Record<string, unknown>[];
  };
  const add = (payload: unknown, headers?: Record<string, string>) =>
    t.request({ method: 'POST', url: '/api/blacklist', payload: payload as object, headers });
  const remove = (id: number | string, headers?: Record<string, string>) =>
    t.request({ method: 'DELETE', url: `/api/blacklist/${id}`, headers });

  it('starts empty, adds entries (201) with a normalised URL, and lists them', async () => {
    expect(await list()).toEqual([]);
    const res = await add({
      name: ' Jane Doe ',
      profile_url: 'https://www.linkedin.com/in/jane-doe/?trk=x',
      reason: 'asked',
    });
    expect(res.statusCode).toBe(201);
    const entry = res.json();
    expect(entry).toEqual({
      id: expect.any(Number),
      name: 'Jane Doe',
      profile_url: 'https://www.linkedin.com/in/jane-doe',
      reason: 'asked',
      created_at: expect.any(String),
    });
    const byName = await add({ name: 'John Smith' });
    expect(byName.statusCode).toBe(201);
    expect(byName.json()).toMatchObject({ name: 'John Smith', profile_url: null, reason: null });
    expect(await list()).toEqual([entry, byName.json()]);
  });

  it('treats empty strings and null as not given', async () => {
    const res = await add({ name: '', profile_url: 'https://www.linkedin.com/in/x', reason: null });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: null,
      profile_url: 'https://www.linkedin.com/in/x',
      reason: null,
    });
  });

  it('requires a name or a profile URL, and adds nothing on invalid input', async () => {
    const cases: [unknown, string][] = [
      [{}, 'name'],
      [{ reason: 'x' }, 'name'],
      [{ name: '  ', profile_url: '' }, 'name'],
      [{ profile_url: 'https://www.linkedin.com/company/acme' }, 'profile_url'],
      [{ profile_url: 'not a url' }, 'profile_url'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ name: 42 }, 'name'],
    ];
    for (const [payload, field] of cases) {
      const res = await add(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(res.json().error.details.fields).toHaveProperty([field]);
    }
    const unknown = await add({ name: 'x', note: 'y' });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().error.details)).toContain('note');
    expect(await list()).toEqual([]);
  });

  it('refuses the same profile twice with 409', async () => {
    const first = await add({ profile_url: 'https://www.linkedin.com/in/jane-doe' });
    const again = await add({ name: 'Jane', profile_url: 'www.linkedin.com/in/Jane-Doe/' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'already_blacklisted',
      details: { id: first.json().id },
    });
    // The same person whatever the link's spelling: scheme, subdomain, %-escapes.
    for (const profile_url of [
      'linkedin.com/in/jane-doe',
      'http://www.linkedin.com/in/jane-doe',
      'https://fr.linkedin.com/in/jane-doe/',
      'https://www.linkedin.com/in/jane%2Ddoe',
    ]) {
      expect((await add({ profile_url })).statusCode, profile_url).toBe(409);
    }
    expect(await list()).toHaveLength(1);
  });

  it('takes profiles on LinkedIn only (any of its subdomains)', async () => {
    for (const url of [
      'https://evil.example/in/jane',
      'https://linkedin.com.evil.example/in/jane',
      'https://notlinkedin.com/in/jane',
      'http://127.0.0.1:8090/in/jane',
    ]) {
      const res = await add({ profile_url: url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.details.fields).toHaveProperty(['profile_url']);
    }
    expect(await list()).toEqual([]);
    for (const url of ['https://fr.linkedin.com/in/jean/', 'linkedin.com/in/ada?x=1#y']) {
      expect((await add({ profile_url: url })).statusCode, url).toBe(201);
    }
    expect((await list()).map((e) => e.profile_url)).toEqual([
      'https://fr.linkedin.com/in/jean',
      'https://linkedin.com/in/ada',
    ]);
  });

  it('refuses the same name twice (no URL, case aside) with 409, and keeps one row under a burst', async () => {
    const first = await add({ name: 'John Smith' });
    const again = await add({ name: ' JOHN smith ', reason: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'already_blacklisted',
      details: { id: first.json().id },
    });
    // Same name with a profile URL: that one names a profile, not the name.
    expect(
      (await add({ name: 'John Smith', profile_url: 'https://www.linkedin.com/in/js' })).statusCode,
    ).toBe(201);

    const burst = await Promise.all(
      Array.from({ length: 8 }, () => add({ profile_url: 'https://www.linkedin.com/in/burst' })),
    );
    expect(burst.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await list()).toHaveLength(3);
    const audited = await t.ctx.store.audit.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 20 });
    expect(audited.filter((e) => e.action === 'blacklist.add')).toHaveLength(3);
  });

  it('strips control characters and bidi overrides from names and reasons', async () => {
    const res = await add({ name: 'Ja\u202ene\u0000 Doe\u2028Jr', reason: 'asked\u0085\u2066 twice\n' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Jane Doe Jr', reason: 'asked twice' });
    expect((await add({ name: '\u202e\u0007' })).statusCode).toBe(400);
    // Direction marks too: the same name with an invisible mark is the same person.
    expect((await add({ name: 'Jane\u200e Doe\u200f Jr\u061c' })).statusCode).toBe(409);
  });

  it('deletes an entry (204), then 404; invalid ids are 400', async () => {
    const { id } = (await add({ name: 'Jane' })).json();
    const keep = (await add({ name: 'John' })).json();
    expect((await remove(id)).statusCode).toBe(204);
    expect(await list()).toEqual([keep]);
    const again = await remove(id);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('not_found');
    expect((await remove(999_999)).statusCode).toBe(404);
    for (const bad of ['abc', '0', '-1', '1.5']) {
      const res = await remove(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.details.fields).toHaveProperty(['id']);
    }
    expect(await list()).toEqual([keep]);
  });

  it("does not delete another account's entry", async () => {
    await t.ctx.store.accounts.ensure('other', 'Other', new Date().toISOString());
    const foreign = await t.ctx.store.blacklist.add({
      account_id: 'other',
      name: 'Foreign',
      profile_url: null,
      reason: null,
      created_at: new Date().toISOString(),
    });
    expect((await remove(foreign.id)).statusCode).toBe(404);
    expect(await t.ctx.store.blacklist.list('other')).toHaveLength(1);
    expect(await list()).toEqual([]);
  });

  it('audits additions and removals with the actor', async () => {
    const cookie = await t.login();
    const { id } = (
      await add({ name: 'Jane', profile_url: 'https://www.linkedin.com/in/jane' }, { cookie })
    ).json();
    expect((await remove(id, { cookie })).statusCode).toBe(204);
    const entries = await t.ctx.store.audit.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 10 });
    const actions = entries.filter((e) => e.action.startsWith('blacklist.'));
    expect(actions.map((e) => e.action)).toEqual(['blacklist.remove', 'blacklist.add']);
    for (const e of actions) {
      expect(e).toMatchObject({ actor_type: 'user', actor_id: 'admin', target: String(id) });
      expect(e.details).toMatchObject({ name: 'Jane', profile_url: 'https://www.linkedin.com/in/jane' });
    }
  });
});

describe('blacklist routes with a LINKEDIN_BASE_URL of its own (the sandbox)', () => {
  const t = useTestApp({ env: { LINKEDIN_BASE_URL: 'http://127.0.0.1:8090' } });

  it('takes profiles of that site too', async () => {
    const add = (profile_url: string) =>
      t.request({ method: 'POST', url: '/api/blacklist', payload: { profile_url } });
    expect((await add('http://127.0.0.1:8090/in/sandbox-contact/')).statusCode).toBe(201);
    expect((await add('https://www.linkedin.com/in/jane')).statusCode).toBe(201);
    expect((await add('http://localhost:8090/in/other')).statusCode).toBe(400);
  });
});
