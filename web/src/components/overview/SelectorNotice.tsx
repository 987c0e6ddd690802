import { Wrench } from 'lucide-react';
import type { BotStatus, SelectorFallback } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Banner } from '../../ui/index.ts';

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
    <Banner
      role="status"
      tone="warning"
      icon={Wrench}
      link={{ to: '/session', label: t('overview.selectors.check') }}
      data-testid="selector-notice"
      title={fallbacks.map((f) => `${f.element}: #${f.fallback}/${f.of} ${f.selector}`).join('\n')}
    >
      <strong>{t('overview.selectors.title')}</strong> — {t('overview.selectors.body', { steps })}
    </Banner>
  );
}
