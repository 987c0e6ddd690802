import { Copy, X } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { LogConsole } from '../components/logs.tsx';
import {
  DEFAULT_MIN_LEVEL,
  formatLogLines,
  LOG_LEVELS,
  type LogFilters,
  type LogLevel,
  useLogLines,
} from '../components/pages/logs.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import {
  buttonClass,
  Card,
  ErrorAlert,
  LoadMore,
  PageHeader,
  QueryFallback,
  SelectField,
  TextField,
} from '../ui/index.ts';

const isLevel = (value: string | null): value is LogLevel =>
  value !== null && (LOG_LEVELS as readonly string[]).includes(value);

/** The page's filters: a minimum level (info unless the URL says otherwise) and a run. */
function filtersOf(params: URLSearchParams): LogFilters & { min_level: LogLevel } {
  const min = params.get('min_level');
  const runId = params.get('run_id')?.trim();
  return {
    min_level: isLevel(min) ? min : DEFAULT_MIN_LEVEL,
    ...(runId ? { run_id: runId } : {}),
  };
}

/**
 * Live tail of the log, from a minimum level (info by default: no driver chatter) and of a run
 * (its whole id or the 8 characters shown), both kept in the page's query string.
 */
export function LogsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const { recent, lines, older, olderError } = useLogLines(filters);
  const [runDraft, setRunDraft] = useState(filters.run_id ?? '');

  useEffect(() => setRunDraft(filters.run_id ?? ''), [filters.run_id]);

  const update = (next: LogFilters) => {
    const p = new URLSearchParams();
    if (next.min_level && next.min_level !== DEFAULT_MIN_LEVEL) p.set('min_level', next.min_level);
    if (next.run_id) p.set('run_id', next.run_id);
    setParams(p, { replace: true });
  };

  const applyRun = (e: FormEvent) => {
    e.preventDefault();
    update({ ...filters, run_id: runDraft.trim() || undefined });
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(formatLogLines(lines, i18n));
      toast.success(t('pages.logs.copied', { count: lines.length }));
    } catch {
      toast.error(t('pages.logs.copyFailed'));
    }
  };

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('pages.logs.title')}
        description={t('pages.logs.description')}
        actions={
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={copy}
            disabled={lines.length === 0}
          >
            <Copy className="h-4 w-4" aria-hidden />
            {t('pages.logs.copy')}
          </button>
        }
      />
      <Card>
        <search aria-label={t('pages.logs.filters')}>
          <form onSubmit={applyRun} className="flex flex-wrap items-end gap-3">
            <div className="w-full sm:w-56">
              <SelectField
                label={t('pages.logs.minLevel')}
                value={filters.min_level}
                onChange={(v) => update({ ...filters, min_level: isLevel(v) ? v : DEFAULT_MIN_LEVEL })}
                className="w-full sm:w-56"
                options={LOG_LEVELS.map((level) => ({
                  value: level,
                  label: t(`pages.logs.minLevel.${level}`),
                }))}
              />
            </div>
            <TextField
              label={t('pages.logs.runId')}
              hint={t('pages.logs.runIdHint')}
              fieldClassName="w-full min-w-0 sm:w-auto sm:flex-1 sm:max-w-xs"
              value={runDraft}
              onChange={setRunDraft}
              className="font-mono"
              autoComplete="off"
              spellCheck={false}
            />
            <button type="submit" className={buttonClass.primary}>
              {t('pages.logs.apply')}
            </button>
            {(filters.min_level !== DEFAULT_MIN_LEVEL || filters.run_id) && (
              <button type="button" className={buttonClass.secondary} onClick={() => update({})}>
                <X className="h-4 w-4" aria-hidden />
                {t('pages.logs.clear')}
              </button>
            )}
          </form>
        </search>
      </Card>
      {!recent.isSuccess ? (
        <QueryFallback query={recent} />
      ) : (
        <>
          <LogConsole lines={lines} label={t('pages.logs.console')} />
          {olderError ? <ErrorAlert error={olderError} /> : null}
          <LoadMore pager={older} label={t('pages.logs.loadOlder')} />
        </>
      )}
    </div>
  );
}
