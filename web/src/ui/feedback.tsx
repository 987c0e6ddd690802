import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { buttonClass } from './styles.ts';

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
      {t('common.loading')}
    </p>
  );
}

const ALERT_CLASS = {
  banner:
    'rounded-md border border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
  inline: 'text-sm text-red-700 dark:text-red-400',
} as const;

/** A message that something failed (a form's, a load's): nothing when there is none. */
export function Alert({
  message,
  look = 'inline',
  className = '',
}: {
  message: ReactNode;
  /** A framed banner above a form, or red text inside one. */
  look?: keyof typeof ALERT_CLASS;
  className?: string;
}) {
  if (!message) return null;
  return (
    <p role="alert" className={`${ALERT_CLASS[look]} ${className}`}>
      {message}
    </p>
  );
}

/** A failed load, as a banner. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  const message = error instanceof Error ? error.message : String(error);
  return <Alert look="banner" message={`${t('common.error')}: ${message}`} />;
}

/** A failed load, inline, with a retry button. */
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
      <button type="button" onClick={onRetry} className={`${buttonClass.secondary} py-1`}>
        {retryLabel}
      </button>
    </div>
  );
}
