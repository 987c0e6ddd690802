import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bodyOfSize,
  type Case,
  fieldMutations,
  MALFORMED_BODIES,
  PATH_PARAMS,
  queryStrings,
  type RawBody,
  randomMutations,
  samplesOf,
  seededRandom,
  TEXT_VALUES,
  textMutations,
  toJsonText,
  WRONG_VALUES,
} from '../../test/support/fuzzInputs.ts';
import { SESSION_COOKIE } from '../auth/authService.ts';
import { DEFAULT_SETTINGS } from '../config/settings.ts';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import { createStore, dropPgSchema } from '../store/index.ts';
import type { RouteEntry } from './app.ts';
import { BODY_LIMIT } from './errors.ts';
import { seedFinishedRun, startTestApp, type TestApp } from './testing.ts';

/**
 * Every route of the route table, authenticated, gets malformed, oversized and wrong-typed
 * bodies, garbage path parameters, hostile query strings and wrong methods: never a 5xx,
 * every error in the `{"error":{code,message}}` shape without a stack trace, and the
 * server still healthy afterwards. Deterministic (enumerated cases and a seeded generator):
 * a failure names the case that reproduces it.
 */

const SEED = 12;
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Random mutants per write route, on top of the enumerated ones. */
const RANDOM_PER_ROUTE = 25;
/** The login's guesses come from an address of their own: the limiter must not lock the test's own logins. */
const LOGIN_FUZZ_ADDRESS = '203.0.113.12';

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string }[];
        requestBody?: { content?: Record<string, { schema?: Parameters<typeof samplesOf>[0] }> };
      }
    >
  >;
};

/**
 * Valid bodies to mutate, beside the schema's samples: they get past the first checks
 * (a known job type, a profile URL), and open schemas get their real shapes (the settings
 * document, the cookie formats).
 */
const EXTRA_BASES: Record<string, unknown[]> = {
  'POST /api/bot/action': [
    {
      action: 'start',
      job_type: 'birthday',
      dry_run: true,
      options: { process_late: true, max_days_late: 1, limit: 1, force: true, seed: 1 },
    },
    { action: 'stop', run_id: 'r', job_type: 'visit' },
  ],
  'POST /bot/action': [
    {
      action: 'start',
      job_type: 'visitor',
      config: { dry_run: true, process_late: true, max_days_late: 1, limit: 1 },
    },
  ],
  'POST /api/blacklist': [{ name: 'A', profile_url: 'https://www.linkedin.com/in/a', reason: 'r' }],
  'PUT /api/templates': [
    { today: ['Happy birthday {first_name}!'], late: ['Belated wishes, {name}!'] },
    { language: 'en', today: ['Happy birthday {first_name}!'], late: ['Belated wishes, {name}!'] },
  ],
  'PATCH /api/contacts/:slug': [{ language: 'en' }, { language: null }],
  // Channels pointing at a closed loopback port: nothing the fuzzer creates reaches anyone.
  'POST /api/notifications/channels': [
    {
      type: 'webhook',
      name: 'Hook',
      events: ['session_expired'],
      language: 'en',
      config: { url: 'http://127.0.0.1:9/hook', secret: 'fuzz-secret-0123456789' },
    },
    {
      type: 'telegram',
      name: 'TG',
      config: { chat_id: '-1001', bot_token: '1:AAAAAAAAAAAAAAAAAAAAAAAAA', api_url: 'http://127.0.0.1:9' },
    },
    { type: 'ntfy', name: 'N', config: { server_url: 'http://127.0.0.1:9', topic: 't', token: null } },
    {
      type: 'email',
      name: 'Mail',
      config: { host: '127.0.0.1', port: 9, tls: 'none', from: 'a@example.test', to: ['b@example.test'] },
    },
  ],
  'PATCH /api/notifications/channels/:id': [
    { name: 'x', enabled: false, config: { url: 'http://127.0.0.1:9/x', secret: null } },
  ],
  'PATCH /api/settings': [DEFAULT_SETTINGS, { network: { proxy: { password: 'x' } } }],
  'PUT /api/linkedin/session': [
    { cookies: { li_at: 'AQE-x', JSESSIONID: 'ajax:1' }, user_agent: 'Mozilla/5.0' },
    { li_at: 'AQE-x' },
    {
      cookies: [
        {
          name: 'li_at',
          value: 'AQE-x',
          domain: '.linkedin.com',
          path: '/',
          expires: -1,
          expirationDate: 1_900_000_000,
          httpOnly: true,
          secure: true,
          sameSite: 'None',
        },
      ],
      origins: [{ origin: 'https://www.linkedin.com', localStorage: [{ name: 'a', value: 'b' }] }],
    },
    [{ name: 'li_at', value: 'AQE-x', domain: '.linkedin.com' }],
  ],
};

/**
 * What shows a write's result: read back after each write the fuzzer got through, so that
 * what a hostile value left in the store is served too. The audit log (where every write
 * leaves its details) is read after each route's pass.
 */
const READ_BACK: Record<string, string[]> = {
  'PATCH /api/settings': ['/api/settings', '/api/stats'],
  'PUT /api/templates': ['/api/templates'],
  'POST /api/blacklist': ['/api/blacklist'],
  'PUT /api/linkedin/session': ['/api/linkedin/session', '/api/bot/status'],
  'POST /api/risk-notice': ['/api/risk-notice'],
  'POST /api/notifications/channels': ['/api/notifications/channels'],
};

/** The event stream never ends (an inject would wait forever): only its wrong methods are fuzzed. */
const STREAMS = new Set(['GET /api/events']);

const isWrite = (method: string) => method !== 'GET';
const specPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');
/** A concrete URL: parameters and wildcards filled with plausible values (or `param`). */
const concrete = (url: string, param?: string) =>
  url.replace(/:\w+/g, param ?? '1').replace(/\*$/, param ?? 'x');

/** What is wrong with an answer, or null. */
function problemOf(res: LightMyRequestResponse, method: string): string | null {
  if (res.statusCode >= 500) return `${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400 || method === 'HEAD') return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/json'))
    return `${res.statusCode} as ${type || 'no type'}: ${res.body.slice(0, 120)}`;
  let body: { error?: { code?: unknown; message?: unknown } };
  try {
    body = JSON.parse(res.body);
  } catch {
    return `${res.statusCode} with a body that is not JSON`;
  }
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') {
    return `${res.statusCode} not in the error shape: ${res.body.slice(0, 200)}`;
  }
  if (/\bat .+:\d+:\d+|node_modules|\.ts:\d+/.test(res.body)) return `${res.statusCode} with a stack trace`;
  return null;
}

/**
 * The whole pass on SQLite (`thorough`); on PostgreSQL, which refuses some text SQLite
 * stores (NUL), the text values in bodies, path parameters and query strings.
 */
function describeFuzz(database: 'sqlite' | 'postgres', thorough: boolean): void {
  describe(`a fuzz pass over every route (${database})`, () => {
    let t: TestApp;
    let pgSchema: string | undefined;
    let cookie: string;
    let spec: OpenApi;
    let routes: RouteEntry[];
    const failures: string[] = [];
    /** Answers 2xx: some mutants are valid, so the pass does reach the route handlers. */
    let accepted = 0;

    beforeAll(async () => {
      // Nothing the fuzzer lets through may reach LinkedIn or launch a browser: the safety pause
      // refuses every start (held for the whole pass), no session is stored (the session and page
      // checks answer 404), and even so the browser and LinkedIn would be unreachable.
      const env: Record<string, string> = {
        CHROMIUM_PATH: '/nonexistent/chromium',
        LINKEDIN_BASE_URL: 'http://127.0.0.1:9',
      };
      if (database === 'postgres') {
        pgSchema = `lbb_fuzz_${process.pid}_${randomBytes(4).toString('hex')}`;
        await (await createStore({ databaseUrl: PG_URL, pgSchema })).close();
        env.DATABASE_URL = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${pgSchema}`)}`;
      }
      t = await startTestApp({ env });
      await pause();
      cookie = await t.login();
      spec = (await t.request({ method: 'GET', url: '/docs/json' })).json();
      routes = t.app.routeTable;
      // Something to find: a finished run and a blacklist entry.
      await seedFinishedRun(t.ctx.store, { at: new Date().toISOString() });
      await t.request({ method: 'POST', url: '/api/blacklist', payload: { name: 'Someone' } });
    });
    afterAll(async () => {
      await t?.close();
      if (pgSchema) await dropPgSchema(PG_URL, pgSchema);
    });

    /** A fresh session of the admin, as a login opens it (without the password hash's cost). */
    const newSession = async () => {
      const user = await t.ctx.store.users.findByUsername(t.ctx.config.adminUsername);
      if (!user) throw new Error('no admin user');
      return `${SESSION_COOKIE}=${(await t.ctx.auth.openSession(user)).token}`;
    };

    const pause = () =>
      t.ctx.store.accountPauses.pauseUnlessPaused({
        account_id: DEFAULT_ACCOUNT_ID,
        reason: 'captcha',
        run_id: 'fuzz',
        since: new Date().toISOString(),
      });

    /** A read that must answer 200 after a write the fuzzer got through. */
    async function readBack(url: string, after: string, headers: Record<string, string>): Promise<void> {
      const read = await t.app.inject({ method: 'GET', url, headers });
      if (read.statusCode !== 200) {
        failures.push(`GET ${url} after ${after}: ${read.statusCode} ${read.body.slice(0, 200)}`);
      }
    }

    /** Sends one case, alternating the session cookie and the API key; records what is wrong. */
    async function send(label: string, route: RouteEntry, opts: InjectOptions, n: number): Promise<void> {
      const byCookie = route.auth === 'session_or_key' && n % 2 === 0;
      const headers: Record<string, string> = {
        ...(opts.headers as Record<string, string> | undefined),
        ...(byCookie ? { cookie } : { 'x-api-key': t.apiKey }),
      };
      const res = await t.app.inject({
        ...opts,
        headers,
        ...(route.url === '/api/auth/login' ? { remoteAddress: LOGIN_FUZZ_ADDRESS } : {}),
      });
      const problem = problemOf(res, String(opts.method));
      const what = `${opts.method} ${opts.url?.toString().slice(0, 120)} [${label}]`;
      if (problem) failures.push(`${what}: ${problem}`);
      if (res.statusCode < 300) accepted++;
      if (res.statusCode >= 300 || opts.method === 'GET') return;
      if (byCookie && route.url === '/api/auth/logout') cookie = await newSession();
      for (const url of READ_BACK[`${route.method} ${route.url}`] ?? []) {
        await readBack(url, what, byCookie ? { cookie } : headers);
      }
      if (route.url === '/api/bot/resume') await pause();
      // A stored session would let the session check and the page check launch a browser.
      if (route.url === '/api/linkedin/session' && opts.method === 'PUT') {
        await t.ctx.store.linkedinSessions.delete(DEFAULT_ACCOUNT_ID);
      }
    }

    /** Asserts nothing was wrong since the last call, listing what was (the first 60). */
    const expectNoProblems = () => {
      const found = failures.splice(0);
      expect(found.length, `${found.length} problems:\n${found.slice(0, 60).join('\n')}`).toBe(0);
    };

    it('answers malformed, oversized and wrong-typed bodies on every write route with a 4xx in the error shape', async () => {
      const rng = seededRandom(SEED);
      const writes = routes.filter((r) => isWrite(r.method));
      // The login last: its guesses must not hold anything else up.
      writes.sort((a, b) => Number(a.url === '/api/auth/login') - Number(b.url === '/api/auth/login'));
      expect(writes.length).toBeGreaterThan(15);
      for (const route of writes) {
        const key = `${route.method} ${route.url}`;
        const op = spec.paths[specPath(route.url)]?.[route.method.toLowerCase()];
        const bases = [
          ...samplesOf(op?.requestBody?.content?.['application/json']?.schema),
          ...(EXTRA_BASES[key] ?? []),
        ];
        const json = (c: Case<unknown>): RawBody => ({
          label: c.label,
          payload: toJsonText(c.value),
          contentType: 'application/json',
        });
        const bodies: RawBody[] = thorough
          ? [
              ...MALFORMED_BODIES,
              ...[
                ...WRONG_VALUES,
                ...fieldMutations(bases),
                ...randomMutations(bases, rng, RANDOM_PER_ROUTE),
              ].map(json),
              {
                label: 'just under 1 MiB',
                payload: bodyOfSize(BODY_LIMIT - 1),
                contentType: 'application/json',
              },
              {
                label: 'just over 1 MiB',
                payload: bodyOfSize(BODY_LIMIT + 1),
                contentType: 'application/json',
              },
            ]
          : [...TEXT_VALUES, ...textMutations(bases, TEXT_VALUES)].map(json);
        let n = 0;
        for (const body of bodies) {
          await send(
            body.label,
            route,
            {
              method: route.method as 'POST',
              url: concrete(route.url),
              payload: body.payload,
              headers: body.contentType ? { 'content-type': body.contentType } : {},
            },
            n++,
          );
        }
        await readBack('/api/audit?limit=200', key, { 'x-api-key': t.apiKey });
      }
      expectNoProblems();
      expect(accepted).toBeGreaterThan(20);
      // Thousands of requests: seconds alone, minutes on a machine busy with other suites.
    }, 300_000);

    it('answers garbage path parameters (traversal, long, unicode, bad escapes) with a 4xx in the error shape', async () => {
      const withParams = routes.filter((r) => /[:*]/.test(r.url) && !STREAMS.has(`${r.method} ${r.url}`));
      expect(withParams.length).toBeGreaterThan(4);
      for (const route of withParams) {
        let n = 0;
        for (const param of PATH_PARAMS) {
          for (let k = 0; k < 2; k++) {
            await send(
              `param ${param.slice(0, 20)}`,
              route,
              { method: route.method as 'GET', url: concrete(route.url, param) },
              n++,
            );
          }
        }
      }
      expectNoProblems();
    });

    it('answers wrong-typed, repeated and oversized query strings with a 4xx in the error shape', async () => {
      const reads = routes.filter((r) => r.method === 'GET' && !STREAMS.has(`${r.method} ${r.url}`));
      for (const route of reads) {
        const op = spec.paths[specPath(route.url)]?.get;
        const params = (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        let n = 0;
        for (const query of queryStrings(params)) {
          await send(`query`, route, { method: 'GET', url: `${concrete(route.url)}?${query}` }, n++);
        }
      }
      expectNoProblems();
    });

    it.runIf(thorough)('answers wrong methods with 404/405 in the error shape', async () => {
      const byUrl = new Map<string, RouteEntry[]>();
      for (const route of routes) byUrl.set(route.url, [...(byUrl.get(route.url) ?? []), route]);
      for (const [url, entries] of byUrl) {
        const route = entries[0] as RouteEntry;
        const wrong = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'].filter(
          (m) =>
            !entries.some((e) => e.method === m) &&
            !(m === 'HEAD' && entries.some((e) => e.method === 'GET')),
        );
        let n = 0;
        for (const method of wrong) {
          for (let k = 0; k < 2; k++) {
            await send(
              'wrong method',
              route,
              {
                method: method as 'GET',
                url: concrete(url),
                payload: method === 'GET' || method === 'HEAD' ? undefined : '{}',
                headers: { 'content-type': 'application/json' },
              },
              n++,
            );
          }
        }
      }
      expectNoProblems();
    });

    it('is still healthy afterwards', async () => {
      const health = await t.app.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({ status: 'ok', db: 'ok' });
    });
  });
}

describeFuzz('sqlite', true);
describeFuzz('postgres', false);
