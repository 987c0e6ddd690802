import { useQuery } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useSearchParams } from 'react-router';
import { get } from '../api/client.ts';
import type { History, Stats } from '../api/types.ts';
import { CHART_WORDING, DailyChart } from '../components/stats/DailyChart.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { buttonClass, Card, Detail, FOCUS, LoadError, mutedText, PageHeader } from '../ui/index.ts';

export const PERIODS = ['last_7_days', 'last_30_days', 'last_90_days', 'all_time'] as const;
export type Period = (typeof PERIODS)[number];

/** Days of the chart (and of the CSV's `days`); null: all time, the chart from the first run. */
const PERIOD_DAYS: Record<Period, number | null> = {
  last_7_days: 7,
  last_30_days: 30,
  last_90_days: 90,
  all_time: null,
};

/** `?period=30` → last_30_days; anything else is the 7 days. */
function periodOf(param: string | null): Period {
  return PERIODS.find((p) => String(PERIOD_DAYS[p] ?? 'all') === param) ?? 'last_7_days';
}

/** "Statistiques": totals per bot for a period, the daily chart, CSV downloads. */
export function StatsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const period = periodOf(params.get('period'));
  const days = PERIOD_DAYS[period];
  // All time: the server sums a long history per week or month (`granularity`).
  const chartDays = days ?? 'all';
  const stats = useQuery({ queryKey: ['stats'], queryFn: () => get<Stats>('/api/stats') });
  const history = useQuery({
    queryKey: ['history', chartDays],
    queryFn: () => get<History>(`/api/history?days=${chartDays}`),
  });
  const range = days === null ? '' : `?days=${days}`;

  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <PageHeader title={t('stats.title')} description={t('stats.subtitle')} />
      <PeriodPicker
        value={period}
        onChange={(p) => setParams({ period: String(PERIOD_DAYS[p] ?? 'all') }, { replace: true })}
      />
      {stats.isError && (
        <LoadError
          message={t('stats.loadError', { message: stats.error.message })}
          onRetry={() => void stats.refetch()}
          retryLabel={t('stats.retry')}
        />
      )}
      {stats.data ? (
        <BotTotals stats={stats.data} period={period} />
      ) : (
        !stats.isError && <p>{t('common.loading')}</p>
      )}

      <Card id="stats-chart" title={t(CHART_WORDING[history.data?.granularity ?? 'day'].title)}>
        {days === null && <p className={`mb-2 ${mutedText}`}>{t('stats.chart.allTimeNote')}</p>}
        {history.isError ? (
          <LoadError
            message={t('stats.loadError', { message: history.error.message })}
            onRetry={() => void history.refetch()}
            retryLabel={t('stats.retry')}
          />
        ) : history.data ? (
          <DailyChart days={history.data.days} granularity={history.data.granularity} />
        ) : (
          <p className={mutedText}>{t('common.loading')}</p>
        )}
      </Card>

      <Card id="stats-export" title={t('stats.export.title')}>
        <p className={`mb-3 ${mutedText}`}>{t('stats.export.hint')}</p>
        <div className="flex flex-wrap gap-2">
          <a className={buttonClass.secondary} href={`/api/export/runs.csv${range}`} download>
            <Download className="h-4 w-4" aria-hidden />
            {t('stats.export.runs')}
          </a>
          <a className={buttonClass.secondary} href={`/api/export/outcomes.csv${range}`} download>
            <Download className="h-4 w-4" aria-hidden />
            {t('stats.export.outcomes')}
          </a>
        </div>
      </Card>
    </div>
  );
}

function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">{t('stats.period')}</legend>
      <div className="inline-flex flex-wrap overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
        {PERIODS.map((p) => (
          <label
            key={p}
            className={`cursor-pointer px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-600 ${
              p === value
                ? 'bg-sky-700 font-medium text-white'
                : 'bg-white hover:bg-slate-100 dark:bg-slate-900 dark:hover:bg-slate-800'
            }`}
          >
            <input
              type="radio"
              name="stats-period"
              value={p}
              checked={p === value}
              onChange={() => onChange(p)}
              className={`sr-only ${FOCUS}`}
            />
            {t(`stats.period.${p}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const TONE = {
  ok: 'text-emerald-700 dark:text-emerald-400',
  error: 'text-red-700 dark:text-red-400',
} as const;

type Figure = { key: string; label: MessageKey; value: number; tone?: 'ok' | 'error' };

function BotTotals({ stats, period }: { stats: Stats; period: Period }) {
  const { t, number } = useI18n();
  const all = stats[period];
  const { birthday, visitor, invitations } = stats.bots;
  const errors = (n: number): Figure => ({
    key: 'errors',
    label: 'run.counter.errors',
    value: n,
    tone: n > 0 ? 'error' : undefined,
  });
  const cards: { id: string; title: string; figures: Figure[] }[] = [
    {
      id: 'all',
      title: t('stats.allBots'),
      figures: [
        { key: 'runs', label: 'stats.runs', value: all.runs },
        { key: 'messages_sent', label: 'run.counter.messages_sent', value: all.messages_sent, tone: 'ok' },
        { key: 'profiles_visited', label: 'run.counter.profiles_visited', value: all.profiles_visited },
        {
          key: 'invitations_withdrawn',
          label: 'run.counter.invitations_withdrawn',
          value: all.invitations_withdrawn,
        },
        errors(all.errors),
      ],
    },
    {
      id: 'birthday',
      title: t('run.type.birthday'),
      figures: [
        { key: 'runs', label: 'stats.runs', value: birthday[period].runs },
        {
          key: 'messages_sent',
          label: 'run.counter.messages_sent',
          value: birthday[period].messages_sent,
          tone: 'ok',
        },
        { key: 'skipped', label: 'run.counter.skipped', value: birthday[period].skipped },
        errors(birthday[period].errors),
      ],
    },
    {
      id: 'visitor',
      title: t('run.type.visitor'),
      figures: [
        { key: 'runs', label: 'stats.runs', value: visitor[period].runs },
        {
          key: 'profiles_visited',
          label: 'run.counter.profiles_visited',
          value: visitor[period].profiles_visited,
        },
        errors(visitor[period].errors),
      ],
    },
    {
      id: 'invitations',
      title: t('run.type.invitations'),
      figures: [
        { key: 'runs', label: 'stats.runs', value: invitations[period].runs },
        {
          key: 'invitations_withdrawn',
          label: 'run.counter.invitations_withdrawn',
          value: invitations[period].invitations_withdrawn,
        },
        errors(invitations[period].errors),
      ],
    },
  ];
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {cards.map((card) => (
        <Card key={card.id} id={`stats-${card.id}`} title={card.title}>
          <dl className="grid grid-cols-2 gap-3" data-bot={card.id}>
            {card.figures.map((f) => (
              <Detail
                key={f.key}
                label={t(f.label)}
                data-figure={f.key}
                data-value={f.value}
                className={`text-lg font-semibold tabular-nums ${f.tone ? TONE[f.tone] : ''}`}
              >
                {number(f.value)}
              </Detail>
            ))}
          </dl>
        </Card>
      ))}
    </div>
  );
}
