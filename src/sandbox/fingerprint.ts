/**
 * The sandbox's fingerprint check: what the last visiting browsers revealed, as LinkedIn
 * would see it. Every HTML page the sandbox serves (every design) is recorded with the
 * headers of its request and gets a small script that posts what the page sees
 * (`pageProbe.ts`) back; `GET /__sandbox/fingerprint` answers the visits, newest first,
 * each judged by the same `findTells` as the doctor's (`?timezone=` for the settings' one).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PAGE_PROBE_SOURCE, type PageFingerprint } from '../linkedin/fingerprint/pageProbe.ts';
import { type FingerprintVerdict, findTells } from '../linkedin/fingerprint/tells.ts';

/** Visits kept (the newest). */
const KEPT_VISITS = 50;
/** The request headers that tell about the browser (never its cookies). */
const RECORDED_HEADER = /^(user-agent|accept|accept-language|accept-encoding|sec-ch-.+|sec-fetch-.+)$/;
/** Asked of the browser like a site that wants the high-entropy client hints too. */
const ACCEPT_CH =
  'Sec-CH-UA-Full-Version-List, Sec-CH-UA-Platform-Version, Sec-CH-UA-Arch, Sec-CH-UA-Bitness, Sec-CH-UA-Model';
export const FINGERPRINT_PATH = '/__sandbox/fingerprint';

export interface FingerprintVisit {
  id: string;
  at: string;
  /** The page's path, and `document` or `iframe`. */
  path: string;
  dest: string;
  headers: Record<string, string>;
  /** What the page saw; null until (unless) its script reported. */
  page: PageFingerprint | null;
}

/** One visit as `GET /__sandbox/fingerprint` answers it. */
export type FingerprintVisitor = FingerprintVisit & FingerprintVerdict;

const size = z.object({ width: z.number(), height: z.number() });
const brands = z.array(z.object({ brand: z.string(), version: z.string() }));
const pageSchema = z.object({
  userAgent: z.string(),
  platform: z.string(),
  webdriver: z.boolean().nullable(),
  userAgentData: z
    .object({
      brands,
      mobile: z.boolean(),
      platform: z.string(),
      fullVersionList: brands.nullable(),
      platformVersion: z.string().nullable(),
      architecture: z.string().nullable(),
      bitness: z.string().nullable(),
      model: z.string().nullable(),
    })
    .nullable(),
  plugins: z.array(z.string()),
  mimeTypes: z.number(),
  windowChrome: z.boolean(),
  languages: z.array(z.string()),
  timezone: z.string(),
  locale: z.string(),
  screen: size.extend({ availWidth: z.number(), availHeight: z.number(), colorDepth: z.number() }),
  outer: size,
  inner: size,
  devicePixelRatio: z.number(),
  hardwareConcurrency: z.number(),
  deviceMemory: z.number().nullable(),
  webgl: z.object({ vendor: z.string(), renderer: z.string() }).nullable(),
}) satisfies z.ZodType<PageFingerprint>;

const reportBody = z.object({ visit: z.string().max(40), page: pageSchema });

/**
 * The page's reporter: the probe, WebGL once per tab (it costs a context), then one POST.
 * Plain browser JavaScript, safe inside a <script> element.
 */
function reporterScript(visitId: string): string {
  return `(function () {
  var cached = null;
  try { cached = JSON.parse(sessionStorage.getItem('sandbox-webgl')); } catch (e) {}
  (${PAGE_PROBE_SOURCE})({ webgl: !cached }).then(function (page) {
    if (page.webgl) { try { sessionStorage.setItem('sandbox-webgl', JSON.stringify(page.webgl)); } catch (e) {} }
    else { page.webgl = cached; }
    return fetch('${FINGERPRINT_PATH}', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visit: ${JSON.stringify(visitId)}, page: page }),
    });
  }).catch(function () {});
})();`.replace(/<\//g, '<\\/');
}

/** The page with its reporter just before `</body>` (at the end when it has none). */
export function withReporter(html: string, visitId: string): string {
  const script = `<script>${reporterScript(visitId)}</script>`;
  const end = html.lastIndexOf('</body>');
  return end === -1 ? `${html}${script}` : `${html.slice(0, end)}${script}${html.slice(end)}`;
}

export class FingerprintLog {
  private readonly visits: FingerprintVisit[] = [];
  private next = 1;

  record(path: string, dest: string, headers: Record<string, string>, at: Date): FingerprintVisit {
    const visit: FingerprintVisit = {
      id: `v${this.next++}`,
      at: at.toISOString(),
      path,
      dest,
      headers,
      page: null,
    };
    this.visits.push(visit);
    if (this.visits.length > KEPT_VISITS) this.visits.splice(0, this.visits.length - KEPT_VISITS);
    return visit;
  }

  /** False for a visit no longer (or never) kept. */
  report(visitId: string, page: PageFingerprint): boolean {
    const visit = this.visits.find((v) => v.id === visitId);
    if (visit) visit.page = page;
    return Boolean(visit);
  }

  /** Newest first, each with its tells. */
  list(expected: { timezone?: string }): FingerprintVisitor[] {
    return [...this.visits].reverse().map((visit) => ({ ...visit, ...findTells(visit, expected) }));
  }
}

function browserHeaders(request: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (RECORDED_HEADER.test(name) && value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/** Installs the recording on every HTML page of `app` and the admin routes; call before the pages' routes. */
export function installFingerprintCheck(app: FastifyInstance, now: () => Date): FingerprintLog {
  const log = new FingerprintLog();

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.method !== 'GET' || typeof payload !== 'string') return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    // Documents and frames: what a site sees of a browser's navigation.
    const dest = request.headers['sec-fetch-dest'] ?? 'document';
    if (dest !== 'document' && dest !== 'iframe') return payload;
    const visit = log.record(request.url.split('?')[0]!, dest, browserHeaders(request), now());
    reply.header('accept-ch', ACCEPT_CH);
    return withReporter(payload, visit.id);
  });

  app.post(FINGERPRINT_PATH, async (request, reply) => {
    const parsed = reportBody.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(400).send({ error: { code: 'invalid_input', message: 'Not a page fingerprint' } });
    }
    if (!log.report(parsed.data.visit, parsed.data.page)) {
      return reply.code(404).send({ error: { code: 'not_found', message: 'No such visit (too old?)' } });
    }
    return reply.code(204).send();
  });

  app.get(FINGERPRINT_PATH, async (request) => {
    const { timezone } = (request.query ?? {}) as Record<string, unknown>;
    return { visitors: log.list({ timezone: typeof timezone === 'string' ? timezone : undefined }) };
  });
  return log;
}
