import { Copy, X } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { LogConsole } from '../components/logs.tsx';
import {
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
  FilterSelect,
  LoadMore,
  PageHeader,
  QueryFallback,
  TextField,
} from '../ui/index.ts';

function filtersOf(params: URLSearchParams): LogFilters {
  const level = params.get('level');
  const runId = params.get('run_id')?.trim();
  return {
    ...(level && (LOG_LEVELS as readonly string[]).includes(level) ? { level: level as LogLevel } : {}),
    ...(runId ? { run_id: runId } : {}),
  };
}

/** Live tail of the log, filterable by level and run (kept in the page's query string). */
export function LogsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const { recent, lines, older, olderError } = useLogLines(filters);
  const [runDraft, setRunDraft] = useState(filters.run_id ?? '');

  useEffect(() => setRunDraft(filters.run_id ?? ''), [filters.run_id]);

  const update = (next: LogFilters) => {
    const p = new URLSearchParams();
    if (next.level) p.set('level', next.level);
    if (next.run_id) p.set('run_id', next.run_id);
    setParams(p, { replace: true });
  };

  const applyRun = (e: FormEvent) => {
    e.preventDefault();
    update({ ...filters, run_id: runDraft.trim() || undefined });
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(formatLogLines(lines));
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
            <FilterSelect
              label={t('pages.logs.level')}
              value={filters.level ?? ''}
              onChange={(v) => update({ ...filters, level: (v || undefined) as LogLevel | undefined })}
              className="w-40"
              all={t('pages.logs.allLevels')}
              values={LOG_LEVELS}
              labelOf={(level) => t(`pages.level.${level}`)}
            />
            <TextField
              label={t('pages.logs.runId')}
              fieldClassName="min-w-0 flex-1 sm:max-w-xs"
              value={runDraft}
              onChange={setRunDraft}
              className="font-mono"
              autoComplete="off"
              spellCheck={false}
            />
            <button type="submit" className={buttonClass.primary}>
              {t('pages.logs.apply')}
            </button>
            {(filters.level || filters.run_id) && (
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
