import { loadSettings } from '../config/settingsStore.ts';
import type { AccountPause, LinkedInSessionStatus } from '../domain.ts';
import type { AppContext } from './context.ts';
import { type RunDto, runDto } from './dto.ts';

export interface BotStatus {
  running: boolean;
  state: 'idle' | 'running' | 'stopping';
  active_jobs: RunDto[];
  queued_jobs: RunDto[];
  worker: { mode: 'embedded' | 'bullmq'; status: 'online' | 'offline'; count: number };
  auto_run: {
    enabled: boolean;
    next_run_at: string | null;
    window_start: string;
    window_end: string;
    timezone: string;
  };
  last_run: RunDto | null;
  linkedin: { session: LinkedInSessionStatus; checked_at: string | null };
  /** LinkedIn pushed back: every bot of the account waits for a resume. */
  safety_pause: Omit<AccountPause, 'account_id'> | null;
}

/** Computes the status object from the store (uncached). */
async function computeStatus(ctx: AppContext, accountId: string): Promise<BotStatus> {
  const { store, queue, scheduler, clock } = ctx;
  const [active, lastRun, settings, worker, session, pause] = await Promise.all([
    store.runs.listActive(accountId),
    store.runs.latest(accountId, { finished: true }),
    loadSettings(store, accountId),
    queue.workers(),
    store.linkedinSessions.get(accountId),
    store.accountPauses.get(accountId),
  ]);
  const now = clock.now();
  const activeJobs = active.filter((r) => r.status !== 'queued').map((r) => runDto(r, now));
  const queuedJobs = active.filter((r) => r.status === 'queued').map((r) => runDto(r, now));
  const stopping = active.some((r) => r.status === 'stopping');
  return {
    running: active.length > 0,
    state: stopping ? 'stopping' : active.length > 0 ? 'running' : 'idle',
    active_jobs: activeJobs,
    queued_jobs: queuedJobs,
    worker,
    auto_run: {
      enabled: settings.schedule.auto_run,
      next_run_at: settings.schedule.auto_run ? scheduler.nextRunAt(accountId) : null,
      window_start: settings.schedule.window_start,
      window_end: settings.schedule.window_end,
      timezone: settings.schedule.timezone,
    },
    last_run: lastRun ? runDto(lastRun) : null,
    linkedin: { session: session?.status ?? 'missing', checked_at: session?.checked_at ?? null },
    safety_pause: pause ? { reason: pause.reason, since: pause.since, run_id: pause.run_id } : null,
  };
}

/** Past this age a cached status is recomputed anyway: `stale` flags depend on the clock. */
const MAX_AGE_MS = 1000;

interface CacheEntry {
  generation: number;
  at: number;
  status: Promise<BotStatus>;
}

/**
 * Status is read far more often than it changes (every dashboard tab, every SSE client), so
 * it is cached per account and dropped on every bus event that could change it. A generation
 * counter keeps a computation that started before a change from being cached as fresh.
 */
class StatusCache {
  private generation = 0;
  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly ctx: AppContext) {
    const invalidate = () => {
      this.generation += 1;
      this.entries.clear();
    };
    ctx.bus.on('run', invalidate);
    ctx.bus.on('status', invalidate);
    ctx.bus.on('resync', invalidate);
  }

  get(accountId: string): Promise<BotStatus> {
    const now = Date.now();
    const hit = this.entries.get(accountId);
    if (hit && hit.generation === this.generation && now - hit.at < MAX_AGE_MS) return hit.status;
    const generation = this.generation;
    const status = computeStatus(this.ctx, accountId);
    const entry = { generation, at: now, status };
    this.entries.set(accountId, entry);
    status.catch(() => {
      if (this.entries.get(accountId) === entry) this.entries.delete(accountId);
    });
    return status;
  }
}

const caches = new WeakMap<AppContext, StatusCache>();

/** The status object of `GET /api/bot/status`, also pushed as the SSE `status` event. */
export function buildStatus(ctx: AppContext, accountId: string): Promise<BotStatus> {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new StatusCache(ctx);
    caches.set(ctx, cache);
  }
  return cache.get(accountId);
}
