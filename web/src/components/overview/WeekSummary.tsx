import type { History, Stats } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card, Stat } from '../../ui/index.ts';

/** The last 7 days: totals, a small bar chart of messages sent, one row per day, and the quota bars. */
export function WeekSummary({ history, stats }: { history: History | undefined; stats: Stats | undefined }) {
  const { t, number, dayMonth } = useI18n();
  const days = history?.days ?? [];
  return (
    <Card id="overview-week" title={t('overview.week.title')} className="md:col-span-2 xl:col-span-1">
      {history ? (
        <>
          <dl className="grid grid-cols-3 gap-2">
            <Stat label={t('overview.week.sent')} value={number(history.totals.messages_sent)} tone="ok" />
            <Stat label={t('overview.week.visited')} value={number(history.totals.profiles_visited)} />
            <Stat
              label={t('overview.week.errors')}
              value={number(history.totals.errors)}
              tone={history.totals.errors > 0 ? 'error' : undefined}
            />
          </dl>
          {days.length > 0 ? (
            <>
              <BarChart
                label={t('overview.week.chartLabel', {
                  values: days.map((d) => `${dayMonth(d.date)} ${number(d.messages_sent)}`).join(', '),
                })}
                bars={days.map((d) => ({ key: d.date, label: dayMonth(d.date), value: d.messages_sent }))}
              />
              <table className="mt-4 w-full text-sm">
                <caption className="sr-only">{t('overview.week.perDay')}</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-left text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
                    {(['date', 'sent', 'visited', 'errors'] as const).map((column) => (
                      <th
                        key={column}
                        scope="col"
                        className={`py-1 font-medium ${column === 'date' ? '' : 'text-right'}`}
                      >
                        {t(`overview.week.${column}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {days.map((d) => (
                    <tr
                      key={d.date}
                      className="border-b border-slate-100 last:border-0 dark:border-slate-800"
                    >
                      <th scope="row" className="py-1 text-left font-normal">
                        <time dateTime={d.date}>{dayMonth(d.date)}</time>
                      </th>
                      <td className="py-1 text-right tabular-nums">{number(d.messages_sent)}</td>
                      <td className="py-1 text-right tabular-nums">{number(d.profiles_visited)}</td>
                      <td
                        className={`py-1 text-right tabular-nums ${d.errors > 0 ? 'text-red-700 dark:text-red-400' : ''}`}
                      >
                        {number(d.errors)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{t('overview.week.empty')}</p>
          )}
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('common.loading')}</p>
      )}
      {stats && (
        <div className="mt-4 space-y-2">
          <h3 className="text-sm font-semibold">{t('overview.week.quota')}</h3>
          <QuotaBar label={t('overview.week.quotaDaily')} {...stats.quota.daily} />
          <QuotaBar label={t('overview.week.quotaWeekly')} {...stats.quota.weekly} />
        </div>
      )}
    </Card>
  );
}

/** Bars as divs; the whole chart is one image for assistive technologies, described by its label. */
function BarChart({ label, bars }: { label: string; bars: { key: string; label: string; value: number }[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <div role="img" aria-label={label} className="mt-4">
      <div className="flex h-24 items-end gap-1" aria-hidden>
        {bars.map((b) => (
          <div key={b.key} className="flex h-full min-w-0 flex-1 flex-col justify-end">
            <div
              className="rounded-t bg-sky-600 dark:bg-sky-500"
              style={{ height: `${(b.value / max) * 100}%`, minHeight: b.value > 0 ? '2px' : '0' }}
              title={`${b.label}: ${b.value}`}
            />
          </div>
        ))}
      </div>
      <div className="mt-1 flex gap-1 text-center text-[10px] text-slate-600 dark:text-slate-400" aria-hidden>
        {bars.map((b) => (
          <span key={b.key} className="min-w-0 flex-1 truncate">
            {b.label}
          </span>
        ))}
      </div>
    </div>
  );
}

function QuotaBar({ label, used, limit }: { label: string; used: number; limit: number }) {
  const { t, number } = useI18n();
  const ratio = limit > 0 ? Math.min(1, used / limit) : 0;
  const colour = ratio >= 1 ? 'bg-red-600' : ratio >= 0.8 ? 'bg-amber-500' : 'bg-emerald-600';
  const value = t('overview.week.quotaValue', { used: number(used), limit: number(limit) });
  return (
    <div>
      <div className="flex justify-between text-xs">
        <span>{label}</span>
        <span className="tabular-nums">{value}</span>
      </div>
      <div
        role="progressbar"
        aria-label={`${t('overview.week.quota')} — ${label}`}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={Math.min(used, limit)}
        aria-valuetext={value}
        className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div className={`h-full ${colour}`} style={{ width: `${ratio * 100}%` }} />
      </div>
    </div>
  );
}
