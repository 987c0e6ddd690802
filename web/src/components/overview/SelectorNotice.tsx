import { Wrench } from 'lucide-react';
import { Link } from 'react-router';
import type { BotStatus, SelectorFallback } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { FOCUS } from '../../ui/index.ts';

/** The fallbacks of the run in progress, else of the last run. */
function latestFallbacks(status: BotStatus): SelectorFallback[] {
  const run = status.active_jobs[0] ?? status.last_run;
  return run?.progress.selector_fallbacks ?? [];
}

/**
 * "LinkedIn changed a page": the latest run found an element only through a fallback
 * selector. It still worked; the notice names the steps and leads to the page check.
 */
export function SelectorNotice({ status }: { status: BotStatus }) {
  const { t } = useI18n();
  const fallbacks = latestFallbacks(status);
  if (fallbacks.length === 0) return null;
  const stepName = (step: string) => {
    const key = `overview.selectors.step.${step}` as MessageKey;
    const named = t(key);
    return named === key ? step : named;
  };
  const steps = [...new Set(fallbacks.map((f) => stepName(f.step)))].join(', ');
  return (
    <div
      role="status"
      data-testid="selector-notice"
      className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 sm:flex-row sm:items-center dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      title={fallbacks.map((f) => `${f.element}: #${f.fallback}/${f.of} ${f.selector}`).join('\n')}
    >
      <span className="flex items-start gap-2">
        <Wrench className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
        <span>
          <strong>{t('overview.selectors.title')}</strong> — {t('overview.selectors.body', { steps })}
        </span>
      </span>
      <Link to="/session" className={`rounded font-semibold underline sm:ml-auto ${FOCUS}`}>
        {t('overview.selectors.check')}
      </Link>
    </div>
  );
}
