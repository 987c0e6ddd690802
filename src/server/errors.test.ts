import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuesToDetails } from './errors.ts';
import { startTestApp, type TestApp } from './testing.ts';

/** `details.field_errors`: a code per refused field, whichever way the input was checked. */
describe('field error codes', () => {
  it('maps zod issues to codes with their parameters, telling missing from wrong', () => {
    const schema = z
      .object({
        n: z.number().int().max(10),
        s: z.string().min(2),
        e: z.enum(['a', 'b']),
        f: z.string().email(),
        gone: z.string(),
        nil: z.number(),
        c: z.string().refine(() => false, { message: 'no', params: { code: 'my_code', extra: 1 } }),
      })
      .strict();
    const input = { n: 11, s: 'x', e: 'z', f: 'nope', nil: null, c: 'x', more: 1 };
    const parsed = schema.safeParse(input);
    expect(parsed.success).toBe(false);
    const details = issuesToDetails(parsed.error?.issues ?? [], 'p', input);
    expect(details.field_errors).toEqual({
      'p.n': { code: 'too_big', maximum: 10, inclusive: true, origin: 'number' },
      'p.s': { code: 'too_small', minimum: 2, inclusive: true, origin: 'string' },
      'p.e': { code: 'invalid_value', values: ['a', 'b'] },
      'p.f': { code: 'invalid_format', format: 'email', origin: 'string' },
      'p.gone': { code: 'required' },
      'p.nil': { code: 'required' },
      'p.c': { code: 'my_code', extra: 1 },
      'p.more': { code: 'unknown_field' },
    });
    expect(details.fields['p.n']).toBe('Too big: expected number to be <=10');
    expect(details.fields['p.more']).toBe('Unknown field');
  });

  describe('over HTTP', () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp();
    });
    afterEach(async () => {
      await t.close();
    });

    it('codes what a route schema refuses (missing, unknown, custom), beside the English text', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/blacklist',
        payload: { profile_url: 'https://example.com/x', colour: 'red' },
      });
      expect(res.statusCode).toBe(400);
      const { details } = res.json().error;
      expect(details.field_errors).toEqual({
        colour: { code: 'unknown_field' },
        profile_url: { code: 'invalid_profile_url' },
      });
      expect(details.fields).toMatchObject({ colour: 'Unknown field' });

      const url = await t.request({
        method: 'POST',
        url: '/api/blacklist',
        payload: { profile_url: 'https://example.com/x' },
      });
      expect(url.json().error.details.field_errors).toEqual({ profile_url: { code: 'invalid_profile_url' } });

      const none = await t.request({ method: 'POST', url: '/api/blacklist', payload: {} });
      expect(none.json().error.details.field_errors).toEqual({ name: { code: 'name_or_url_required' } });

      const templates = await t.request({
        method: 'PUT',
        url: '/api/templates',
        payload: { today: ['Joyeux anniversaire {prenom}'] },
      });
      expect(templates.statusCode).toBe(400);
      expect(templates.json().error.details.field_errors).toMatchObject({
        'today.0': { code: 'unknown_placeholder', placeholders: ['{prenom}'] },
        late: { code: 'required' },
      });
    });

    it('gives a route\'s own field messages the code "invalid" when it names none', async () => {
      // The export names the field it refuses without a code of its own.
      const res = await t.request({ method: 'GET', url: '/api/export/runs.csv?days=1&from=2025-06-01' });
      expect(res.statusCode).toBe(400);
      const { details } = res.json().error;
      expect(Object.keys(details.fields).length).toBeGreaterThan(0);
      expect(Object.keys(details.field_errors)).toEqual(Object.keys(details.fields));
      for (const path of Object.keys(details.fields))
        expect(details.field_errors[path]).toEqual({ code: 'invalid' });
    });

    it('gives each refusal of the LinkedIn session its own code', async () => {
      const res = await t.request({
        method: 'PUT',
        url: '/api/linkedin/session',
        payload: { cookies: { li_at: '' } },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.field_errors).toEqual({
        'cookies.li_at': { code: 'session_cookie_empty' },
      });
    });
  });
});
