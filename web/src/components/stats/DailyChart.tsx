import { useEffect, useRef, useState } from 'react';
import type { History } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { FOCUS, mutedText, tdClass, thClass } from '../../ui/index.ts';
import { ScrollArea } from '../../ui/scrollHint.tsx';

type Day = History['days'][number];
type Granularity = History['granularity'];
type SeriesKey = 'messages_sent' | 'profiles_visited' | 'invitations_withdrawn' | 'errors';

/** One line per bot's figure (and errors); colour and dash tell them apart, not colour alone. */
export const SERIES: { key: SeriesKey; label: MessageKey; colour: string; dash?: string }[] = [
  { key: 'messages_sent', label: 'run.counter.messages_sent', colour: '#0369a1' },
  { key: 'profiles_visited', label: 'run.counter.profiles_visited', colour: '#047857', dash: '6 3' },
  {
    key: 'invitations_withdrawn',
    label: 'run.counter.invitations_withdrawn',
    colour: '#7c3aed',
    dash: '2 3',
  },
  { key: 'errors', label: 'run.counter.errors', colour: '#b91c1c', dash: '8 3 2 3' },
];

/** The words of each granularity: a point is a day, a week (from Monday) or a calendar month. */
export const CHART_WORDING = {
  day: {
    title: 'stats.chart.title',
    xAxis: 'stats.chart.xAxis',
    summary: 'stats.chart.summary',
    peak: 'stats.chart.seriesSummary',
    caption: 'stats.chart.tableCaption',
  },
  week: {
    title: 'stats.chart.title.week',
    xAxis: 'stats.chart.xAxis.week',
    summary: 'stats.chart.summary.week',
    peak: 'stats.chart.seriesSummary.week',
    caption: 'stats.chart.tableCaption.week',
  },
  month: {
    title: 'stats.chart.title.month',
    xAxis: 'stats.chart.xAxis.month',
    summary: 'stats.chart.summary.month',
    peak: 'stats.chart.seriesSummary.month',
    caption: 'stats.chart.tableCaption.month',
  },
} as const satisfies Record<Granularity, Record<string, MessageKey>>;

const HEIGHT = 260;
const PAD = { top: 22, right: 12, bottom: 44, left: 44 };

/** Round steps (1, 2, 5 × 10ⁿ) from 0 to at least `max`, about four of them. */
export function yTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const base = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * base).find((s) => s >= rough) ?? rough;
  const unit = Math.max(1, step);
  const ticks: number[] = [];
  for (let v = 0; v < max + unit; v += unit) ticks.push(v);
  return ticks;
}

/** The width the chart has: it redraws in pixels so text keeps its size on a phone. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(240, Math.floor(entry.contentRect.width)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * The figures per day (or per week or month over a long period) as an SVG line chart with
 * labelled axes and value labels, one image for assistive technologies (its label sums it
 * up) with the same figures as a table beside it.
 */
export function DailyChart({ days, granularity = 'day' }: { days: Day[]; granularity?: Granularity }) {
  const { t, number, tag } = useI18n();
  const { ref, width } = useWidth(640);
  const words = CHART_WORDING[granularity];
  const monthly = granularity === 'month';
  const short = new Intl.DateTimeFormat(
    tag,
    monthly
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', timeZone: 'UTC' },
  );
  const long = new Intl.DateTimeFormat(
    tag,
    monthly ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' },
  );
  const dateOf = (d: string) => new Date(`${d}T00:00:00Z`);
  const shortDate = (d: string) => short.format(dateOf(d));
  // A point's date as text: the day, the week's Monday, or the month.
  const longDate = (d: string) => long.format(dateOf(d));
  const rowDate = (d: string) =>
    granularity === 'week' ? t('stats.chart.weekOf', { date: longDate(d) }) : longDate(d);

  if (days.length === 0) return null;
  const first = days[0]!.date;
  const last = days.at(-1)!.date;
  const max = Math.max(0, ...days.flatMap((d) => SERIES.map((s) => d[s.key])));
  const ticks = yTicks(max);
  const top = ticks.at(-1)!;
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (days.length === 1 ? plotW / 2 : (i / (days.length - 1)) * plotW);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  // Date labels at most every ~64 px; the last day always labelled.
  const every = Math.max(1, Math.ceil(days.length / Math.max(1, Math.floor(plotW / 64))));
  const labelled = (i: number) => (days.length - 1 - i) % every === 0;
  // Each point's value is written when there is room (≥ 22 px a day); otherwise each line's peak.
  const roomy = plotW / days.length >= 22;

  const summary = t(words.summary, {
    from: longDate(first),
    to: longDate(last),
    series: SERIES.map((s) => {
      const total = days.reduce((sum, d) => sum + d[s.key], 0);
      if (total === 0) return t('stats.chart.seriesNone', { name: t(s.label) });
      const peak = days.reduce((best, d) => (d[s.key] > best[s.key] ? d : best), days[0]!);
      return t(words.peak, {
        name: t(s.label),
        total: number(total),
        max: number(peak[s.key]),
        date: longDate(peak.date),
      });
    }).join('. '),
  });

  return (
    <figure className="min-w-0">
      <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-hidden>
        {SERIES.map((s) => (
          <li key={s.key} className="flex items-center gap-1">
            <svg width="22" height="8" aria-hidden>
              <line
                x1="0"
                y1="4"
                x2="22"
                y2="4"
                stroke={s.colour}
                strokeWidth="2.5"
                strokeDasharray={s.dash}
              />
            </svg>
            {t(s.label)}
          </li>
        ))}
      </ul>
      <div ref={ref} className="w-full min-w-0">
        <svg
          role="img"
          aria-label={summary}
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          className="block max-w-full text-slate-700 dark:text-slate-300"
          data-testid="stats-chart"
        >
          <g data-axis="y" fontSize="11" fill="currentColor">
            {ticks.map((v) => (
              <g key={v}>
                <line
                  x1={PAD.left}
                  x2={width - PAD.right}
                  y1={y(v)}
                  y2={y(v)}
                  stroke="currentColor"
                  strokeOpacity={v === 0 ? 0.6 : 0.15}
                />
                <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" data-tick>
                  {number(v)}
                </text>
              </g>
            ))}
            <text
              transform={`translate(12 ${PAD.top + plotH / 2}) rotate(-90)`}
              textAnchor="middle"
              fontWeight="600"
            >
              {t('stats.chart.yAxis')}
            </text>
          </g>
          <g data-axis="x" fontSize="11" fill="currentColor">
            {days.map((d, i) =>
              labelled(i) ? (
                <text key={d.date} x={x(i)} y={PAD.top + plotH + 16} textAnchor="middle" data-tick>
                  {shortDate(d.date)}
                </text>
              ) : null,
            )}
            <text x={PAD.left + plotW / 2} y={HEIGHT - 6} textAnchor="middle" fontWeight="600">
              {t(words.xAxis)}
            </text>
          </g>
          {SERIES.map((s) => {
            const points = days.map((d, i) => `${x(i)},${y(d[s.key])}`).join(' ');
            const peak = Math.max(...days.map((d) => d[s.key]));
            return (
              <g key={s.key} data-series={s.key}>
                <polyline
                  points={points}
                  fill="none"
                  stroke={s.colour}
                  strokeWidth="2"
                  strokeDasharray={s.dash}
                />
                {days.map((d, i) => {
                  const v = d[s.key];
                  const show = v > 0 && (roomy || v === peak);
                  return (
                    <g key={d.date}>
                      {(v > 0 || days.length <= 31) && <circle cx={x(i)} cy={y(v)} r="2.5" fill={s.colour} />}
                      {show && (
                        <text
                          x={x(i)}
                          y={y(v) - 6}
                          textAnchor="middle"
                          fontSize="11"
                          fontWeight="600"
                          fill={s.colour}
                          data-value={v}
                        >
                          {number(v)}
                        </text>
                      )}
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      </div>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium text-sky-700 dark:text-sky-400">
          {t('stats.chart.table')}
        </summary>
        <ScrollArea
          label={t(words.caption, { from: longDate(first), to: longDate(last) })}
          className={`mt-2 max-h-96 overflow-y-auto ${FOCUS}`}
        >
          <table className="w-full text-sm" data-testid="stats-table">
            <caption className="sr-only">
              {t(words.caption, { from: longDate(first), to: longDate(last) })}
            </caption>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('stats.chart.date')}
                </th>
                {SERIES.map((s) => (
                  <th key={s.key} scope="col" className={`${thClass} text-right`}>
                    {t(s.label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <th scope="row" className={`${tdClass} text-left font-normal`}>
                    <time dateTime={d.date}>{rowDate(d.date)}</time>
                  </th>
                  {SERIES.map((s) => (
                    <td key={s.key} className={`${tdClass} text-right tabular-nums`}>
                      {number(d[s.key])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </details>
      {max === 0 && <p className={`mt-2 ${mutedText}`}>{t('stats.chart.empty')}</p>}
    </figure>
  );
}
