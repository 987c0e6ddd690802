/** Shapes of the HTTP API (DESIGN.md), as the dashboard reads them. */

export type RunStatus =
  | 'queued'
  | 'running'
  | 'stopping'
  | 'succeeded'
  | 'failed'
  | 'stopped'
  | 'interrupted';

export interface Run {
  id: string;
  type: string;
  status: RunStatus;
  trigger: 'manual' | 'schedule' | 'api';
  dry_run: boolean;
  queued_at: string;
  started_at: string | null;
  ended_at: string | null;
  messages_sent: number;
  skipped: number;
  errors: number;
  profiles_visited: number;
  invitations_withdrawn: number;
  /** Derived by the server: errors > 0 (a succeeded run can have some). */
  has_errors: boolean;
  /** `nothing_delivered`: a real run that attempted actions and completed none. */
  error: { code: string; message: string } | null;
  stopped_by: string | null;
  progress: {
    found?: number;
    step?: string;
    /** Per element, the 1-based fallback selector that first found it. */
    strategies?: Record<string, number>;
    /** Elements found only through a fallback: LinkedIn changed a page. */
    selector_fallbacks?: SelectorFallback[];
  };
  stale?: boolean;
}

export interface SelectorFallback {
  element: string;
  fallback: number;
  of: number;
  selector: string;
  step: string;
}

export interface RunOutcome {
  id: number;
  ts: string;
  contact_name: string | null;
  profile_url: string | null;
  status: 'sent' | 'skipped' | 'error' | 'visited' | 'withdrawn';
  reason: string | null;
  error_code: string | null;
  screenshot: string | null;
}

export interface BotStatus {
  running: boolean;
  state: 'idle' | 'running' | 'stopping';
  active_jobs: Run[];
  queued_jobs: Run[];
  worker: { mode: 'embedded' | 'bullmq'; status: 'online' | 'offline'; count: number };
  auto_run: {
    enabled: boolean;
    next_run_at: string | null;
    window_start: string;
    window_end: string;
    timezone: string;
  };
  last_run: Run | null;
  linkedin: { session: 'valid' | 'expired' | 'missing' | 'unchecked'; checked_at: string | null };
}

export interface HistoryDay {
  date: string;
  messages_sent: number;
  profiles_visited: number;
  invitations_withdrawn: number;
  errors: number;
}

export interface History {
  days: HistoryDay[];
  totals: Omit<HistoryDay, 'date'>;
}

export interface LogLine {
  id: number;
  ts: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  run_id: string | null;
  message: string;
}

export interface Stats {
  quota: { daily: { used: number; limit: number }; weekly: { used: number; limit: number } };
}

export interface Settings {
  dry_run: boolean;
  limits: {
    per_run: number;
    daily: number;
    weekly: number;
    visits_per_run: number;
    withdrawals_per_run: number;
  };
  delays: { min_seconds: number; max_seconds: number };
  schedule: { auto_run: boolean; window_start: string; window_end: string; timezone: string };
  birthday: {
    process_today: boolean;
    process_late: boolean;
    max_days_late: number;
    avoid_repetition_years: number;
  };
  visitor: { keywords: string[]; location: string };
  invitations: { withdraw_after_days: number };
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: { fields?: Record<string, string> } & Record<string, unknown>;
  };
}
