import type { LucideIcon } from 'lucide-react';
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { buttonClass, FOCUS } from './styles.ts';

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
      {t('common.loading')}
    </p>
  );
}

/** Colours of a framed message: amber for a warning, red for a failure. */
const BANNER_TONE = {
  warning:
    'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100',
  danger: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
} as const;

/**
 * A framed message above a page or inside a card (`role` "alert" or "status"): an icon before
 * the text, and a link to where it gets fixed at the end. Other attributes go to the frame.
 */
export function Banner({
  tone,
  icon: Icon,
  link,
  className = '',
  children,
  ...frame
}: {
  tone: keyof typeof BANNER_TONE;
  role: 'alert' | 'status';
  icon?: LucideIcon;
  link?: { to: string; label: string; icon?: LucideIcon };
  children: ReactNode;
} & HTMLAttributes<HTMLDivElement>) {
  const LinkIcon = link?.icon;
  return (
    <div
      {...frame}
      className={`flex flex-col gap-2 rounded-md border px-4 py-3 text-sm sm:flex-row sm:items-center ${BANNER_TONE[tone]} ${className}`}
    >
      <div className="flex items-start gap-2">
        {Icon && <Icon className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />}
        <div>{children}</div>
      </div>
      {link && (
        <Link
          to={link.to}
          className={`inline-flex items-center gap-1 rounded font-semibold underline sm:ml-auto ${FOCUS}`}
        >
          {LinkIcon && <LinkIcon className="h-4 w-4" aria-hidden />}
          {link.label}
        </Link>
      )}
    </div>
  );
}

const ALERT_CLASS = {
  banner: `rounded-md border px-4 py-2 text-sm ${BANNER_TONE.danger}`,
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

/** An error's text for the user. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A failed load, as a banner. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  return <Alert look="banner" message={`${t('common.error')}: ${messageOf(error)}`} />;
}

/** What stands for a query's data until there is some: "loading", or the error of its load. */
export function QueryFallback({ query }: { query: { isError: boolean; error: unknown } }) {
  return query.isError ? <ErrorAlert error={query.error} /> : <Loading />;
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
