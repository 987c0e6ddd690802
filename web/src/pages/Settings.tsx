import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { toast } from 'sonner';
import { api, get } from '../api/client.ts';
import type { Settings } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  Alert,
  buttonClass,
  CheckboxField,
  ErrorAlert,
  errorFor,
  Field,
  inputClass,
  Loading,
  messageOf,
  PageHeader,
  useDraft,
  useFormSave,
} from '../ui/index.ts';

/** Every number of the form, by its dotted settings path. */
const NUMBER_FIELDS = [
  'limits.per_run',
  'limits.daily',
  'limits.weekly',
  'limits.visits_per_run',
  'limits.withdrawals_per_run',
  'delays.min_seconds',
  'delays.max_seconds',
  'birthday.max_days_late',
  'birthday.avoid_repetition_years',
  'invitations.withdraw_after_days',
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/** What the form edits: numbers as typed (so an invalid entry stays on screen), keywords as one line. */
interface Draft {
  numbers: Record<NumberField, string>;
  dry_run: boolean;
  auto_run: boolean;
  window_start: string;
  window_end: string;
  timezone: string;
  process_today: boolean;
  process_late: boolean;
  keywords: string;
  location: string;
}

function pick(settings: Settings, path: NumberField): number {
  const [group, key] = path.split('.') as [keyof Settings, string];
  return (settings[group] as Record<string, number>)[key] ?? 0;
}

function toDraft(s: Settings): Draft {
  return {
    numbers: Object.fromEntries(NUMBER_FIELDS.map((p) => [p, String(pick(s, p))])) as Record<
      NumberField,
      string
    >,
    dry_run: s.dry_run,
    auto_run: s.schedule.auto_run,
    window_start: s.schedule.window_start,
    window_end: s.schedule.window_end,
    timezone: s.schedule.timezone,
    process_today: s.birthday.process_today,
    process_late: s.birthday.process_late,
    keywords: s.visitor.keywords.join(', '),
    location: s.visitor.location,
  };
}

/** Blank stays null so the server names the field instead of silently storing 0. */
function num(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/** Everything but `network`: the proxy is edited on the session page (its password is write-only). */
export function toSettings(d: Draft): Omit<Settings, 'network'> {
  const n = (p: NumberField) => num(d.numbers[p]) as number;
  return {
    dry_run: d.dry_run,
    limits: {
      per_run: n('limits.per_run'),
      daily: n('limits.daily'),
      weekly: n('limits.weekly'),
      visits_per_run: n('limits.visits_per_run'),
      withdrawals_per_run: n('limits.withdrawals_per_run'),
    },
    delays: { min_seconds: n('delays.min_seconds'), max_seconds: n('delays.max_seconds') },
    schedule: {
      auto_run: d.auto_run,
      window_start: d.window_start,
      window_end: d.window_end,
      timezone: d.timezone.trim(),
    },
    birthday: {
      process_today: d.process_today,
      process_late: d.process_late,
      max_days_late: n('birthday.max_days_late'),
      avoid_repetition_years: n('birthday.avoid_repetition_years'),
    },
    visitor: {
      keywords: d.keywords
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
      location: d.location.trim(),
    },
    invitations: { withdraw_after_days: n('invitations.withdraw_after_days') },
  };
}

const KNOWN_PATHS = [
  ...NUMBER_FIELDS,
  'dry_run',
  'schedule.auto_run',
  'schedule.window_start',
  'schedule.window_end',
  'schedule.timezone',
  'birthday.process_today',
  'birthday.process_late',
  'visitor.keywords',
  'visitor.location',
];

function timeZones(): string[] {
  try {
    return (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/** All settings in one form; one PATCH with the whole document; the server's field errors beside each field. */
export function SettingsPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => get<Settings>('/api/settings') });
  const [draft, setDraft] = useDraft(settings.data, toDraft);
  const { errors, failure, saving, submit: submitWith, clear } = useFormSave();
  const zones = useMemo(timeZones, []);

  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  if (!draft) return <Loading />;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const setNumber = (path: NumberField, value: string) =>
    setDraft({ ...draft, numbers: { ...draft.numbers, [path]: value } });
  const err = (path: string) => errorFor(errors, path);

  const submit = submitWith(
    async () => {
      const saved = await api<Settings>('PATCH', '/api/settings', toSettings(draft));
      queryClient.setQueryData(['settings'], saved);
      void queryClient.invalidateQueries({ queryKey: ['status'] });
      setDraft(toDraft(saved));
      toast.success(t('pages.settings.saved'));
    },
    (error, fields) => {
      if (Object.keys(fields).length === 0) return messageOf(error);
      const unmatched = Object.entries(fields).filter(
        ([key]) => !KNOWN_PATHS.some((p) => key === p || key.startsWith(`${p}.`)),
      );
      return [t('pages.form.fixErrors'), ...unmatched.map(([key, message]) => `${key}: ${message}`)].join(
        ' ',
      );
    },
  );

  const numberField = (path: NumberField, min?: number, max?: number, hint?: string) => (
    <Field label={t(`pages.settings.${path}` as MessageKey)} error={err(path)} hint={hint}>
      {(props) => (
        <input
          {...props}
          name={path}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          value={draft.numbers[path]}
          onChange={(e) => setNumber(path, e.target.value)}
          className={inputClass}
        />
      )}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <PageHeader title={t('pages.settings.title')} description={t('pages.settings.description')} />
      <Alert look="banner" message={failure} />
      <Section title={t('pages.settings.general')}>
        <CheckboxField
          label={t('pages.settings.dry_run')}
          checked={draft.dry_run}
          onChange={(v) => set('dry_run', v)}
          error={err('dry_run')}
        />
        <CheckboxField
          label={t('pages.settings.schedule.auto_run')}
          checked={draft.auto_run}
          onChange={(v) => set('auto_run', v)}
          error={err('schedule.auto_run')}
        />
      </Section>
      <Section title={t('pages.settings.limits')}>
        {numberField('limits.per_run', 0, 1000)}
        {numberField('limits.daily', 0, 1000)}
        {numberField('limits.weekly', 0, 5000)}
        {numberField('limits.visits_per_run', 0, 1000)}
        {numberField('limits.withdrawals_per_run', 0, 1000)}
      </Section>
      <Section title={t('pages.settings.delays')}>
        {numberField('delays.min_seconds', 0, 3600)}
        {numberField('delays.max_seconds', 0, 3600)}
      </Section>
      <Section title={t('pages.settings.schedule')}>
        <Field label={t('pages.settings.schedule.window_start')} error={err('schedule.window_start')}>
          {(props) => (
            <input
              {...props}
              type="time"
              value={draft.window_start}
              onChange={(e) => set('window_start', e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <Field label={t('pages.settings.schedule.window_end')} error={err('schedule.window_end')}>
          {(props) => (
            <input
              {...props}
              type="time"
              value={draft.window_end}
              onChange={(e) => set('window_end', e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <Field
          label={t('pages.settings.schedule.timezone')}
          error={err('schedule.timezone')}
          hint={t('pages.settings.timezoneHint')}
        >
          {(props) => (
            <>
              <input
                {...props}
                list="settings-timezones"
                value={draft.timezone}
                onChange={(e) => set('timezone', e.target.value)}
                autoComplete="off"
                spellCheck={false}
                className={inputClass}
              />
              <datalist id="settings-timezones">
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </Section>
      <Section title={t('pages.settings.birthday')}>
        <CheckboxField
          label={t('pages.settings.birthday.process_today')}
          checked={draft.process_today}
          onChange={(v) => set('process_today', v)}
          error={err('birthday.process_today')}
        />
        <CheckboxField
          label={t('pages.settings.birthday.process_late')}
          checked={draft.process_late}
          onChange={(v) => set('process_late', v)}
          error={err('birthday.process_late')}
        />
        {numberField('birthday.max_days_late', 0, 31)}
        {numberField('birthday.avoid_repetition_years', 0, 10, t('pages.settings.repetitionHint'))}
      </Section>
      <Section title={t('pages.settings.visitor')}>
        <Field
          label={t('pages.settings.visitor.keywords')}
          error={err('visitor.keywords')}
          hint={t('pages.settings.keywordsHint')}
        >
          {(props) => (
            <input
              {...props}
              value={draft.keywords}
              onChange={(e) => set('keywords', e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <Field label={t('pages.settings.visitor.location')} error={err('visitor.location')}>
          {(props) => (
            <input
              {...props}
              value={draft.location}
              onChange={(e) => set('location', e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
      </Section>
      <Section title={t('pages.settings.invitations')}>
        {numberField('invitations.withdraw_after_days', 1, 365)}
      </Section>
      <div className="sticky bottom-0 -mx-4 flex gap-2 border-t border-slate-200 bg-slate-50/95 px-4 py-3 md:static md:mx-0 md:border-0 md:bg-transparent md:px-0 dark:border-slate-800 dark:bg-slate-950/95 md:dark:bg-transparent">
        <button type="submit" className={buttonClass.primary} disabled={saving}>
          {saving ? t('pages.saving') : t('common.save')}
        </button>
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={saving}
          onClick={() => {
            setDraft(toDraft(settings.data));
            clear();
          }}
        >
          {t('pages.settings.reset')}
        </button>
      </div>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:p-5 dark:border-slate-800 dark:bg-slate-900">
      <legend className="px-1 text-lg font-semibold">{title}</legend>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}
