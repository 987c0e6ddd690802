import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

const TONES: Record<Tone, string> = {
  neutral:
    'bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600',
  info: 'bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-700',
  success:
    'bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-700',
  warning:
    'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-700',
  danger: 'bg-red-100 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-700',
};

/** Semantic colour of a run, outcome or session status (green success, red failure, amber stop, blue activity). */
export function toneOf(status: string): Tone {
  switch (status) {
    case 'succeeded':
    case 'sent':
    case 'visited':
    case 'withdrawn':
    case 'valid':
    case 'delivered':
      return 'success';
    case 'running':
    case 'queued':
    case 'sending':
      return 'info';
    case 'stopping':
    case 'stopped':
    case 'interrupted':
    case 'unchecked':
    case 'has_errors':
      return 'warning';
    case 'failed':
    case 'error':
    case 'expired':
      return 'danger';
    default:
      return 'neutral';
  }
}

export function StatusBadge({
  status,
  label,
  title,
  testId,
  children,
}: {
  status: string;
  label: string;
  title?: string;
  testId?: string;
  /** Drawn before the label (an icon). */
  children?: ReactNode;
}) {
  return (
    <span
      data-status={status}
      data-testid={testId}
      title={title}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[toneOf(status)]}`}
    >
      {children}
      {label}
    </span>
  );
}
