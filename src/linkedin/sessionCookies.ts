import { z } from 'zod';
import { decryptSecret, encryptSecret } from '../crypto.ts';
import {
  cookieDomainProblem,
  cookieExpiry,
  cookiePathProblem,
  cookieValueProblem,
  type FieldProblem,
  type SameSite,
  sameSiteOf,
  tooLong,
} from './cookieFields.ts';
import { userAgentProblem } from './userAgent.ts';

/**
 * The user's LinkedIn session cookies: accepted in the shapes people actually have them in,
 * normalised to Playwright's cookie shape on `.linkedin.com`, and stored encrypted. Values
 * never leave the server and never appear in errors, logs or the audit log.
 */

export const LINKEDIN_COOKIE_DOMAIN = '.linkedin.com';
export const SESSION_COOKIE_NAME = 'li_at';
const MAX_INPUT_COOKIES = 1000;
const MAX_VALUE_LENGTH = 4096;

/** A cookie as Playwright's `BrowserContext.addCookies` and storage states take it. */
export interface SessionCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** Unix time in seconds; -1 for a session cookie. */
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: SameSite;
}

/** One origin's local storage, as Playwright's storage states carry it. */
export interface StoredOrigin {
  /** LinkedIn's origin (`https://www.linkedin.com`), whatever site the browser was pointed at. */
  origin: string;
  localStorage: { name: string; value: string }[];
}

/**
 * What is encrypted: a Playwright storage state. The cookies a user stores come without
 * origins; a run stores back its browser's LinkedIn cookies and local storage.
 */
export interface StoredSessionState {
  cookies: SessionCookie[];
  origins: StoredOrigin[];
}

export type SessionInputFormat = 'cookie_map' | 'flat' | 'storage_state' | 'cookie_list';

export type ParsedSessionInput =
  | {
      ok: true;
      format: SessionInputFormat;
      cookies: SessionCookie[];
      /** The browser's `navigator.userAgent` sent beside the cookies (`connect`); null when none. */
      userAgent: string | null;
    }
  | RefusedSessionInput;

/**
 * Each refused field (paths follow the input): in English (`fields`) and as a code with its
 * parameters (`field_errors`, the API's `details.field_errors`) the dashboard words.
 */
export interface RefusedSessionInput {
  ok: false;
  fields: Record<string, string>;
  field_errors: Record<string, { code: string; [param: string]: unknown }>;
}

/** An input refused as a whole, named `path`. */
function refused(path: string, problem: FieldProblem): RefusedSessionInput {
  return {
    ok: false,
    fields: { [path]: problem.message },
    field_errors: { [path]: { ...problem.params, code: problem.code } },
  };
}

/** What zod says of a field, as a problem: its size bounds, or its refinement's code. */
function zodProblem(issue: z.core.$ZodIssue): FieldProblem {
  const custom = (issue as { params?: { code?: unknown } }).params?.code;
  if (typeof custom === 'string') return { code: custom, message: issue.message };
  if (issue.code === 'too_big' || issue.code === 'too_small') {
    const bound: Record<string, number> =
      issue.code === 'too_big' ? { maximum: Number(issue.maximum) } : { minimum: Number(issue.minimum) };
    return { code: issue.code, message: issue.message, params: { origin: issue.origin, ...bound } };
  }
  if (issue.code === 'invalid_type') {
    return issue.input === undefined
      ? { code: 'required', message: issue.message }
      : { code: 'invalid_type', message: issue.message, params: { expected: issue.expected } };
  }
  return { code: 'invalid', message: issue.message };
}

/** Beside the cookies of an object body (not a cookie: no LinkedIn cookie has this name). */
const USER_AGENT_FIELD = 'user_agent';

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,256}$/;

/** A cookie of a list (storage state, or a browser extension's export): extra fields are ignored. */
const listCookie = z.looseObject({
  name: z.string(),
  value: z.string(),
  domain: z.string().optional(),
  path: z.string().optional(),
  expires: z.number().optional(),
  /** Cookie-Editor / EditThisCookie exports. */
  expirationDate: z.number().optional(),
  httpOnly: z.boolean().optional(),
  secure: z.boolean().optional(),
  sameSite: z.string().nullish(),
});
type ListCookie = z.infer<typeof listCookie>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A cookie domain of LinkedIn's (no domain: a host-only cookie of the site it came with). */
export function isLinkedInDomain(domain: string | undefined): boolean {
  if (!domain) return true;
  const host = domain.trim().toLowerCase().replace(/^\./, '');
  return host === 'linkedin.com' || host.endsWith('.linkedin.com');
}

class Collector {
  readonly fields: Record<string, string> = {};
  readonly field_errors: RefusedSessionInput['field_errors'] = {};
  private readonly byKey = new Map<string, SessionCookie>();
  private liAtSeen = false;

  constructor(private readonly nowSeconds: number) {}

  fail(path: string, problem: FieldProblem): void {
    this.fields[path] ??= problem.message;
    this.field_errors[path] ??= { ...problem.params, code: problem.code };
  }

  /**
   * `pair`: a `name: value` entry, whose path names the value itself. Another site's cookie
   * of a storage state is dropped once its domain is seen to be a host name.
   */
  add(path: string, input: ListCookie, pair = false): void {
    const at = (field: keyof ListCookie) => (pair ? path : `${path}.${field}`);
    if (!COOKIE_NAME.test(input.name)) {
      this.fail(at('name'), { code: 'invalid_cookie_name', message: 'is not a valid cookie name' });
      return;
    }
    const domainProblem = input.domain === undefined ? null : cookieDomainProblem(input.domain.trim());
    if (domainProblem) {
      this.fail(at('domain'), domainProblem);
      return;
    }
    if (!isLinkedInDomain(input.domain)) return; // another site's cookie in a storage state
    const isSession = input.name === SESSION_COOKIE_NAME;
    if (isSession) this.liAtSeen = true;
    // A pasted value may come with spaces or a line break around it; inside, they are refused.
    const value = input.value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    if (value.length > MAX_VALUE_LENGTH) {
      this.fail(at('value'), tooLong(MAX_VALUE_LENGTH));
      return;
    }
    const valueProblem = cookieValueProblem(value);
    if (valueProblem) {
      this.fail(at('value'), valueProblem);
      return;
    }
    const cookiePath = input.path ?? '/';
    const pathProblem = cookiePathProblem(cookiePath);
    if (pathProblem) {
      this.fail(at('path'), pathProblem);
      return;
    }
    const sameSite = sameSiteOf(input.sameSite);
    if (!sameSite) {
      this.fail(at('sameSite'), { code: 'invalid_same_site', message: 'must be Strict, Lax or None' });
      return;
    }
    const expiresField =
      input.expires === undefined && input.expirationDate !== undefined ? 'expirationDate' : 'expires';
    const expiry = cookieExpiry(input.expires ?? input.expirationDate, this.nowSeconds);
    if (expiry.kind === 'invalid') {
      this.fail(at(expiresField), expiry.problem);
      return;
    }
    if (expiry.kind === 'expired') {
      // An expired tracker cookie is dropped, as a browser would; an expired login is refused.
      if (isSession) {
        this.fail(at(expiresField), {
          code: 'session_cookie_expired',
          message: 'li_at has expired: export fresh cookies from a logged-in browser',
        });
      }
      return;
    }
    if (isSession && value === '') {
      this.fail(at('value'), { code: 'session_cookie_empty', message: 'li_at must not be empty' });
      return;
    }
    const secure = input.secure ?? true;
    this.byKey.set(`${input.name}\u0000${cookiePath}`, {
      name: input.name,
      value,
      domain: LINKEDIN_COOKIE_DOMAIN,
      path: cookiePath,
      expires: expiry.kind === 'at' ? expiry.expires : -1,
      httpOnly: input.httpOnly ?? isSession,
      secure,
      // Browsers refuse SameSite=None without Secure.
      sameSite: sameSite === 'None' && !secure ? 'Lax' : sameSite,
    });
  }

  /** A `name: value` pair of the map and flat forms. */
  addPair(path: string, name: string, value: unknown): void {
    if (typeof value !== 'string') {
      this.fail(path, { code: 'cookie_value_not_string', message: 'must be a string (the cookie value)' });
      return;
    }
    this.add(path, { name, value }, true);
  }

  userAgent: string | null = null;

  /** The optional `user_agent` beside the cookies. */
  setUserAgent(value: unknown): void {
    if (value === undefined || value === null) return;
    const problem = userAgentProblem(value);
    if (problem) this.fail(USER_AGENT_FIELD, problem);
    else this.userAgent = (value as string).trim();
  }

  result(format: SessionInputFormat, missingPath: string): ParsedSessionInput {
    if (!this.liAtSeen) {
      this.fail(missingPath, {
        code: 'session_cookie_missing',
        message: 'must contain a non-empty li_at cookie for linkedin.com',
      });
    }
    if (Object.keys(this.fields).length > 0) {
      return { ok: false, fields: this.fields, field_errors: this.field_errors };
    }
    return { ok: true, format, cookies: [...this.byKey.values()], userAgent: this.userAgent };
  }
}

/** More cookies than any browser export holds. */
const TOO_MANY_COOKIES: FieldProblem = {
  code: 'too_big',
  message: `at most ${MAX_INPUT_COOKIES} cookies`,
  params: { origin: 'array', maximum: MAX_INPUT_COOKIES },
};

function fromList(list: unknown[], path: string, c: Collector): void {
  if (list.length > MAX_INPUT_COOKIES) {
    c.fail(path || 'body', TOO_MANY_COOKIES);
    return;
  }
  for (const [i, item] of list.entries()) {
    const parsed = listCookie.safeParse(item, { reportInput: true });
    if (parsed.success) {
      c.add(`${path ? `${path}.` : ''}${i}`, parsed.data);
    } else {
      const issue = parsed.error.issues[0]!;
      c.fail([path, i, ...issue.path].filter((p) => p !== '').join('.'), zodProblem(issue));
    }
  }
}

function fromPairs(pairs: Record<string, unknown>, path: string, c: Collector): void {
  const entries = Object.entries(pairs);
  if (entries.length > MAX_INPUT_COOKIES) {
    c.fail(path || 'body', TOO_MANY_COOKIES);
    return;
  }
  for (const [name, value] of entries) c.addPair(path ? `${path}.${name}` : name, name, value);
}

/** A storage state's local storage is not kept (a run makes its own), but it is bounded. */
const MAX_ORIGINS = 50;
const MAX_STORAGE_ENTRIES = 1000;
const MAX_STORAGE_VALUE = 64 * 1024;

const originsSchema = z
  .array(
    z.looseObject({
      origin: z
        .string()
        .max(2048)
        .refine((text) => /^https?:\/\/[^\s/]+$/i.test(text), {
          message: 'must be an origin such as https://www.linkedin.com',
          params: { code: 'invalid_origin' },
        }),
      localStorage: z
        .array(
          z.looseObject({
            name: z.string().max(1024, 'must be at most 1024 characters'),
            value: z.string().max(MAX_STORAGE_VALUE, `must be at most ${MAX_STORAGE_VALUE} characters`),
          }),
        )
        .max(MAX_STORAGE_ENTRIES, `at most ${MAX_STORAGE_ENTRIES} entries`)
        .optional(),
    }),
  )
  .max(MAX_ORIGINS, `at most ${MAX_ORIGINS} origins`);

function checkOrigins(origins: unknown, c: Collector): void {
  const parsed = originsSchema.safeParse(origins, { reportInput: true });
  for (const issue of parsed.error?.issues ?? []) {
    c.fail(['origins', ...issue.path].join('.'), zodProblem(issue));
  }
}

/**
 * Accepts `{"cookies":{"li_at":"…",…}}`, `{"li_at":"…",…}`, a Playwright storage state
 * `{"cookies":[{name,value,domain,…}],"origins":[…]}`, or a bare list of cookies (the
 * export of a browser cookie extension). Cookies of other sites are dropped. Field paths in
 * errors follow the input (`cookies.li_at`, `cookies.3.value`); values are never echoed.
 * The object forms may carry `"user_agent"` beside the cookies: the user agent of the
 * browser they come from (what `connect` sends).
 */
export function parseSessionInput(input: unknown, now: Date): ParsedSessionInput {
  const c = new Collector(Math.floor(now.getTime() / 1000));
  if (Array.isArray(input)) {
    fromList(input, '', c);
    return c.result('cookie_list', 'body');
  }
  if (!isPlainObject(input)) {
    return refused('body', {
      code: 'invalid_session_input',
      message: 'must be a JSON object of cookies or a Playwright storage state',
    });
  }
  const { [USER_AGENT_FIELD]: userAgent, ...body } = input;
  c.setUserAgent(userAgent);
  if (!('cookies' in body)) {
    fromPairs(body, '', c);
    return c.result('flat', SESSION_COOKIE_NAME);
  }
  const { cookies, ...rest } = body;
  if (Array.isArray(cookies)) {
    for (const key of Object.keys(rest)) {
      if (key !== 'origins')
        c.fail(key, { code: 'unknown_field', message: 'Unknown field of a storage state' });
    }
    if (rest.origins !== undefined) checkOrigins(rest.origins, c);
    fromList(cookies, 'cookies', c);
    return c.result('storage_state', 'cookies');
  }
  if (isPlainObject(cookies)) {
    for (const key of Object.keys(rest)) {
      c.fail(key, {
        code: 'cookie_outside_cookies',
        message: 'Unknown field: put every cookie inside "cookies"',
      });
    }
    fromPairs(cookies, 'cookies', c);
    return c.result('cookie_map', `cookies.${SESSION_COOKIE_NAME}`);
  }
  return refused('cookies', {
    code: 'invalid_cookies',
    message: 'must be an object of cookie values or a list of cookies',
  });
}

export function encryptSessionState(state: StoredSessionState, secretKey: string): string {
  return encryptSecret(JSON.stringify(state), secretKey);
}

export function encryptSessionCookies(cookies: SessionCookie[], secretKey: string): string {
  return encryptSessionState({ cookies, origins: [] }, secretKey);
}

/** Throws `DecryptionError` when SECRET_KEY changed since the state was stored. */
export function decryptSessionState(encrypted: string, secretKey: string): StoredSessionState {
  const state = JSON.parse(decryptSecret(encrypted, secretKey)) as Partial<StoredSessionState>;
  return { cookies: state.cookies ?? [], origins: state.origins ?? [] };
}

/** Throws `DecryptionError` when SECRET_KEY changed since the cookies were stored. */
export function decryptSessionCookies(encrypted: string, secretKey: string): SessionCookie[] {
  return decryptSessionState(encrypted, secretKey).cookies;
}
