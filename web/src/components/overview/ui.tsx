import type { ReactNode } from 'react';
import type { RunStatus } from '../../api/types.ts';

/** A titled dashboard card: a `<section>` named by its `<h2>`. */
export function Card({
  id,
  title,
  actions,
  className = '',
  children,
  muted = false,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
  muted?: boolean;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-muted={muted || undefined}
      className={`min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition-opacity dark:border-slate-800 dark:bg-slate-900 ${muted ? 'opacity-60 grayscale' : ''} ${className}`}
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Semantic colours of a run's status (green success, red failure, amber stop, blue activity). */
export const RUN_STATUS_CLASS: Record<RunStatus, string> = {
  queued: 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100',
  running: 'bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100',
  stopping: 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100',
  succeeded: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100',
  failed: 'bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-100',
  stopped: 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100',
  interrupted: 'bg-orange-100 text-orange-900 dark:bg-orange-900/50 dark:text-orange-100',
};

/** Amber: a succeeded run that still had errors. */
export const WITH_ERRORS_CLASS = 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100';

export const BADGE = 'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium';

export const FOCUS =
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400';

export const BUTTON = `inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 ${FOCUS}`;
export const BUTTON_PRIMARY = `${BUTTON} bg-sky-700 text-white hover:bg-sky-800 disabled:hover:bg-sky-700`;
export const BUTTON_SECONDARY = `${BUTTON} border border-slate-300 bg-white hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800`;
export const BUTTON_DANGER = `${BUTTON} bg-red-700 text-white hover:bg-red-800 disabled:hover:bg-red-700`;

/** One labelled figure (label above, number below). */
export function Stat({
  label,
  value,
  tone,
}: {
  label: string;
  value: ReactNode;
  tone?: 'ok' | 'warn' | 'error';
}) {
  const toneClass =
    tone === 'error'
      ? 'text-red-700 dark:text-red-400'
      : tone === 'warn'
        ? 'text-amber-700 dark:text-amber-400'
        : tone === 'ok'
          ? 'text-emerald-700 dark:text-emerald-400'
          : '';
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${toneClass}`}>{value}</dd>
    </div>
  );
}

export function LoadError({
  message,
  onRetry,
  retryLabel,
}: {
  message: string;
  onRetry: () => void;
  retryLabel: string;
}) {
  return (
    <div role="alert" className="flex flex-wrap items-center gap-2 text-sm text-red-700 dark:text-red-400">
      <span>{message}</span>
      <button type="button" onClick={onRetry} className={`${BUTTON_SECONDARY} py-1`}>
        {retryLabel}
      </button>
    </div>
  );
}
