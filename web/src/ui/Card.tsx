import { type HTMLAttributes, type ReactNode, useId } from 'react';

/** A titled panel: a `<section>` named by its `<h2>` (`<id>-title` when an id is given). */
export function Card({
  id,
  title,
  actions,
  children,
  className = '',
  muted = false,
}: {
  id?: string;
  title?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** Greyed out: what it shows may be stale (live updates lost). */
  muted?: boolean;
}) {
  const generated = useId();
  const titleId = id ? `${id}-title` : generated;
  return (
    <section
      aria-labelledby={title ? titleId : undefined}
      data-muted={muted || undefined}
      className={`min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition-opacity md:p-5 dark:border-slate-800 dark:bg-slate-900 ${muted ? 'opacity-60 grayscale' : ''} ${className}`}
    >
      {(title || actions) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && (
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
          )}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold">{title}</h1>
        {description && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

const STAT_TONE = {
  ok: 'text-emerald-700 dark:text-emerald-400',
  warn: 'text-amber-700 dark:text-amber-400',
  error: 'text-red-700 dark:text-red-400',
} as const;

/**
 * One labelled value inside a `<dl>`: the label small above, the value below. `className` and
 * the other attributes go to the value's `<dd>`.
 */
export function Detail({
  label,
  children,
  className = 'mt-1 font-medium',
  ...value
}: { label: string; children: ReactNode } & HTMLAttributes<HTMLElement>) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd {...value} className={className}>
        {children}
      </dd>
    </div>
  );
}

/** One labelled figure (label above, value below), inside a `<dl>`. */
export function Stat({
  label,
  value,
  tone,
}: {
  label: string;
  value: ReactNode;
  tone?: keyof typeof STAT_TONE;
}) {
  return (
    <Detail label={label} className={`text-lg font-semibold tabular-nums ${tone ? STAT_TONE[tone] : ''}`}>
      {value}
    </Detail>
  );
}
