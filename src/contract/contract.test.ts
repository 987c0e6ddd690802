import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../server/testing.ts';

/**
 * The dashboard's types are `z.infer` of src/contract/ (web/src/api/types.ts), and the server
 * registers the same schemas on its routes: a change on either side is a type error. This test
 * keeps the contract complete: every JSON answer of `/api/*` is described by a schema in the
 * OpenAPI document, so no route answers outside it.
 */

/** Answers that are not a JSON document: an event stream, files (CSV exports too), and 204s. */
const NOT_JSON = new Set([
  'GET /api/events',
  'GET /api/linkedin/doctor/latest/files/{name}',
  'GET /api/runs/{id}/screenshots/{name}',
  'GET /api/linkedin/doctor/latest/bundle',
  'GET /api/export/runs.csv',
  'GET /api/export/outcomes.csv',
  'POST /api/auth/logout',
  'DELETE /api/blacklist/{id}',
  'DELETE /api/linkedin/session',
  'DELETE /api/notifications/channels/{id}',
]);

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

describe('the API contract', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    t = await startTestApp();
    paths = (await t.request({ method: 'GET', url: '/docs/json' })).json().paths;
  });
  afterAll(async () => t.close());

  it('describes the answer of every /api route with a schema', () => {
    const routes = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(routes.length).toBeGreaterThan(20);
    const undescribed = routes
      .map(({ path, method, op }) => ({ route: `${method.toUpperCase()} ${path}`, op }))
      .filter(({ route }) => !NOT_JSON.has(route))
      .filter(({ op }) =>
        Object.entries(op.responses ?? {}).every(
          ([code, res]) => !code.startsWith('2') || !res.content?.['application/json']?.schema,
        ),
      )
      .map(({ route }) => route);
    expect(undescribed).toEqual([]);
  });
});
