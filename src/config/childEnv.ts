/**
 * The environment of the processes the product starts (a run, a browser task, Chromium):
 * an allowlist, never a copy of ours. API_KEY, ADMIN_PASSWORD, SECRET_KEY, DATABASE_URL
 * and REDIS_URL (which may hold passwords) stay in the server: a child's environment is
 * readable in /proc/<pid>/environ for as long as it lives, and a browser runs untrusted
 * pages. What a run needs of them comes over its IPC channel (`runner/protocol.ts`).
 */

/** What any program needs to run here: paths, user, locale, time zone, display, fonts, certificates. */
const SYSTEM_NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'MALLOC_ARENA_MAX',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
]);
const SYSTEM_PREFIXES = ['LC_', 'XDG_', 'FONTCONFIG_'];

/** What our own Node processes read besides: the app's non-secret settings and Node's. */
const NODE_NAMES = new Set([
  'NODE_ENV',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
  'LOG_LEVEL',
  'CHROMIUM_PATH',
  'CHROMIUM_PROCESS_MODEL',
  'DEBUG',
]);
/** `PG*` tune a PostgreSQL connection (its password, PGPASSWORD, is left out like DATABASE_URL). */
const NODE_PREFIXES = ['LBB_', 'PLAYWRIGHT_', 'PG'];
const NODE_EXCLUDED = new Set(['PGPASSWORD']);

function pick(env: NodeJS.ProcessEnv, keep: (name: string) => boolean): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && keep(name)) out[name] = value;
  return out;
}

const isSystem = (name: string) => SYSTEM_NAMES.has(name) || SYSTEM_PREFIXES.some((p) => name.startsWith(p));

/** Chromium's environment: the system part of `env` only. */
export function browserEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return pick(env, isSystem);
}

/** A forked process of ours (run, browser task): the system part and the app's non-secret settings. */
export function nodeChildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return pick(
    env,
    (name) =>
      isSystem(name) ||
      NODE_NAMES.has(name) ||
      (NODE_PREFIXES.some((p) => name.startsWith(p)) && !NODE_EXCLUDED.has(name)),
  );
}
