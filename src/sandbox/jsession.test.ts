import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROTATE_EVERY } from './jsessionIds.ts';
import { createSandboxApp } from './server.ts';
import type { SandboxState } from './state.ts';

/** The sandbox's JSESSIONID over HTTP (no browser): set anew on some page loads, never refused when older. */

let app: FastifyInstance;
let state: SandboxState;

beforeEach(() => {
  ({ app, state } = createSandboxApp());
});
afterEach(async () => {
  await app.close();
});

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
