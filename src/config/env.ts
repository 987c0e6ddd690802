import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';

/** The process environment (README, Configuration), validated once at start. */

/** How each run's Chromium splits into processes (see linkedin/browser.ts). */
export const CHROMIUM_PROCESS_MODELS = ['single', 'multi'] as const;
export type ChromiumProcessModel = (typeof CHROMIUM_PROCESS_MODELS)[number];

const port = z.coerce.number().int().min(0).max(65535);
const optionalSecret = (min: number) =>
  z
    .string()
    .min(min, `must be at least ${min} characters`)
    .optional()
    .or(z.literal('').transform(() => undefined));

const envSchema = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional(),
  QUEUE: z.enum(['embedded', 'bullmq']).default('embedded'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key and channel of the distributed mode (several installs, one Redis). */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits and . _ - only (1-64)')
    .default('lbb'),
  API_KEY: optionalSecret(16),
  ADMIN_USERNAME: z
    .string()
    .regex(/^[A-Za-z0-9._@-]{1,64}$/, 'letters, digits and . _ @ - only (1-64)')
    .default('admin'),
  ADMIN_PASSWORD: optionalSecret(8),
  SECRET_KEY: optionalSecret(32),
  /** The address users reach the dashboard at through a reverse proxy (its host is accepted, its scheme trusted). */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Host names or LAN addresses accepted besides loopback, comma-separated (`bot.lan,192.168.1.20:8080`). */
  PUBLIC_HOSTS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/,
            'each entry is a host name or address, with an optional :port',
          ),
      ),
    ),
  /**
   * Which forwarded client address to believe (Fastify's trustProxy): off by default;
   * `true` (any proxy: only when nothing else can reach the port), a hop count, or addresses/CIDRs.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((v): boolean | number | string[] => {
      const t = v.trim().toLowerCase();
      if (t === '' || t === 'false' || t === '0' || t === 'off') return false;
      if (t === 'true' || t === 'on') return true;
      if (/^\d+$/.test(t)) return Number(t);
      return t
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
    }),
  LINKEDIN_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://www.linkedin.com'),
  SANDBOX_PORT: port.default(8090),
  CHROMIUM_PATH: z.string().optional(),
  /** `single`: one Chromium process per run (least memory); `multi`: Chromium's usual layout. */
  CHROMIUM_PROCESS_MODEL: z.enum(CHROMIUM_PROCESS_MODELS).default('single'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Grace between an abort and the hard kill of a run process. */
  STOP_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  /** Test-only run types (work-until-aborted, ignore-abort, crash): never set in production. */
  LBB_TEST_JOBS: z
    .enum(['0', '1', ''])
    .default('0')
    .transform((v) => v === '1'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** SQLite file path or postgres:// URL. */
  databaseUrl: string;
  queue: 'embedded' | 'bullmq';
  redisUrl: string;
  /** QUEUE_PREFIX: Redis keys and channels of the distributed mode. */
  queuePrefix: string;
  apiKey?: string;
  adminUsername: string;
  adminPassword?: string;
  secretKey?: string;
  linkedinBaseUrl: string;
  /** PUBLIC_URL without its trailing slash. */
  publicUrl?: string;
  /** PUBLIC_HOSTS, lower-cased. */
  publicHosts: string[];
  /** TRUST_PROXY as Fastify's `trustProxy` takes it (false: the socket's address only). */
  trustProxy: boolean | number | string[];
  sandboxPort: number;
  chromiumPath?: string;
  chromiumProcessModel: ChromiumProcessModel;
  logLevel: string;
  logRetentionDays: number;
  stopGraceMs: number;
  testRuns: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const databaseUrl = e.DATABASE_URL?.trim() || path.join(dataDir, 'linkedin-bot.sqlite');
  if (e.QUEUE === 'bullmq' && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError([
      'QUEUE: bullmq (distributed mode) needs a shared database: set DATABASE_URL=postgres://…',
    ]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl,
    queue: e.QUEUE,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    apiKey: e.API_KEY,
    adminUsername: e.ADMIN_USERNAME,
    adminPassword: e.ADMIN_PASSWORD,
    secretKey: e.SECRET_KEY,
    linkedinBaseUrl: e.LINKEDIN_BASE_URL.replace(/\/+$/, ''),
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    publicHosts: e.PUBLIC_HOSTS,
    trustProxy: e.TRUST_PROXY,
    sandboxPort: e.SANDBOX_PORT,
    chromiumPath: e.CHROMIUM_PATH,
    chromiumProcessModel: e.CHROMIUM_PROCESS_MODEL,
    logLevel: e.LOG_LEVEL,
    logRetentionDays: e.LOG_RETENTION_DAYS,
    stopGraceMs: e.STOP_GRACE_MS,
    testRuns: e.LBB_TEST_JOBS,
  };
}
