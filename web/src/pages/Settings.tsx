import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ComponentProps, type ReactNode, useMemo } from 'react';
import { toast } from 'sonner';
import { api, get } from '../api/client.ts';
import type { Settings } from '../api/types.ts';
import { ForgetLinkedInData } from '../components/ForgetLinkedInData.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  Alert,
  buttonClass,
  CheckboxField,
  PageHeader,
  QueryFallback,
  SelectField,
  TextField,
  useDraft,
  useFormSave,
} from '../ui/index.ts';
import { LeaveGuard } from '../ui/LeaveGuard.tsx';
import { TimeField } from '../ui/TimeField.tsx';

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
  'retention.screenshots_days',
  'retention.outcomes_days',
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/** What the form edits: numbers as typed (so an invalid entry stays on screen), keywords as one line. */
interface Draft {
  numbers: Record<NumberField, string>;
  dry_run: boolean;
  warm_up: boolean;
  profile: Settings['delays']['profile'];
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
    warm_up: s.limits.warm_up,
    profile: s.delays.profile,
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

/**
 * Everything but `network`: the proxy is edited on the session page (its password is
 * write-only); nor the wish language (`birthday.language`), edited on the templates page;
 * nor `notifications`, edited on the notifications page.
 */
export function toSettings(d: Draft): Omit<Settings, 'network' | 'birthday' | 'notifications'> & {
  birthday: Omit<Settings['birthday'], 'language'>;
} {
  const n = (p: NumberField) => num(d.numbers[p]) as number;
  return {
    dry_run: d.dry_run,
    limits: {
      per_run: n('limits.per_run'),
      daily: n('limits.daily'),
      weekly: n('limits.weekly'),
      visits_per_run: n('limits.visits_per_run'),
      withdrawals_per_run: n('limits.withdrawals_per_run'),
      warm_up: d.warm_up,
    },
    delays: {
      min_seconds: n('delays.min_seconds'),
      max_seconds: n('delays.max_seconds'),
      profile: d.profile,
    },
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
    retention: {
      screenshots_days: n('retention.screenshots_days'),
      outcomes_days: n('retention.outcomes_days'),
    },
  };
}

/** The form's other fields, by their settings path. */
const PATHS = {
  dry_run: 'dry_run',
  warm_up: 'limits.warm_up',
  profile: 'delays.profile',
  auto_run: 'schedule.auto_run',
  window_start: 'schedule.window_start',
  window_end: 'schedule.window_end',
  timezone: 'schedule.timezone',
  process_today: 'birthday.process_today',
  process_late: 'birthday.process_late',
  keywords: 'visitor.keywords',
  location: 'visitor.location',
} as const satisfies Record<Exclude<keyof Draft, 'numbers'>, string>;

/** Draft keys of a kind of value: the checkboxes, the text fields. */
type KeysOf<V> = { [K in keyof typeof PATHS]: Draft[K] extends V ? K : never }[keyof typeof PATHS];

const KNOWN_PATHS: string[] = [...NUMBER_FIELDS, ...Object.values(PATHS)];

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
  const { errorOf, failure, saving, submit: submitWith, clear } = useFormSave();
  const zones = useMemo(timeZones, []);

  if (!settings.isSuccess || !draft) return <QueryFallback query={settings} />;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const setNumber = (path: NumberField, value: string) =>
    setDraft({ ...draft, numbers: { ...draft.numbers, [path]: value } });
  const label = (path: string) => t(`pages.settings.${path}` as MessageKey);

  const submit = submitWith(
    async () => {
      const saved = await api<Settings>('PATCH', '/api/settings', toSettings(draft));
      queryClient.setQueryData(['settings'], saved);
      void queryClient.invalidateQueries({ queryKey: ['status'] });
      setDraft(toDraft(saved));
      toast.success(t('pages.settings.saved'));
    },
    (fields) => {
      const unmatched = Object.entries(fields).filter(
        ([key]) => !KNOWN_PATHS.some((p) => key === p || key.startsWith(`${p}.`)),
      );
      return [t('pages.form.fixErrors'), ...unmatched.map(([key, message]) => `${key}: ${message}`)].join(
        ' ',
      );
    },
  );

  const numberField = (path: NumberField, min?: number, max?: number, hint?: string) => (
    <TextField
      label={label(path)}
      error={errorOf(path)}
      hint={hint}
      name={path}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      value={draft.numbers[path]}
      onChange={(value) => setNumber(path, value)}
    />
  );
  const checkbox = (key: KeysOf<boolean>, hint?: string) => (
    <CheckboxField
      hint={hint}
      label={label(PATHS[key])}
      checked={draft[key]}
      onChange={(value) => set(key, value)}
      error={errorOf(PATHS[key])}
    />
  );
  const timeField = (key: 'window_start' | 'window_end') => (
    <TimeField
      label={label(PATHS[key])}
      name={PATHS[key]}
      hint={t('settings.hint.time')}
      error={errorOf(PATHS[key])}
      value={draft[key]}
      onChange={(value) => set(key, value)}
    />
  );
  const textField = (key: KeysOf<string>, more: Partial<ComponentProps<typeof TextField>> = {}) => (
    <TextField
      label={label(PATHS[key])}
      error={errorOf(PATHS[key])}
      value={draft[key]}
      onChange={(value) => set(key, value)}
      {...more}
    />
  );

  const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(settings.data));

  return (
    <div className="space-y-6">
      <LeaveGuard dirty={dirty && !saving} />
      <form onSubmit={submit} noValidate className="space-y-6">
        <PageHeader title={t('pages.settings.title')} description={t('pages.settings.description')} />
        <Alert look="banner" message={failure} />
        <Section title={t('settings.group.general')} help={t('settings.group.general.help')}>
          {checkbox('dry_run', t('settings.hint.dry_run'))}
          {checkbox('warm_up')}
          <SelectField
            label={label(PATHS.profile)}
            value={draft.profile}
            onChange={(value) => set('profile', value === 'fast' ? 'fast' : 'human')}
            options={[
              { value: 'human', label: t('pages.settings.delays.profile.human') },
              { value: 'fast', label: t('pages.settings.delays.profile.fast') },
            ]}
          />
        </Section>
        <Section title={t('pages.settings.schedule')} help={t('settings.group.schedule.help')}>
          {checkbox('auto_run')}
          {timeField('window_start')}
          {timeField('window_end')}
          {textField('timezone', {
            hint: t('pages.settings.timezoneHint'),
            suggestions: zones,
            autoComplete: 'off',
            spellCheck: false,
          })}
        </Section>
        <Section title={t('settings.group.delays')} help={t('settings.group.delays.help')}>
          {numberField('delays.min_seconds', 0, 3600)}
          {numberField('delays.max_seconds', 0, 3600)}
        </Section>
        <Section title={t('settings.group.birthday')} help={t('settings.group.birthday.help')}>
          {checkbox('process_today')}
          {checkbox('process_late')}
          {numberField('birthday.max_days_late', 0, 31, t('settings.hint.max_days_late'))}
          {numberField('birthday.avoid_repetition_years', 0, 10, t('pages.settings.repetitionHint'))}
          {numberField('limits.per_run', 0, 1000, t('settings.hint.per_run'))}
          {numberField('limits.daily', 0, 1000, t('settings.hint.daily'))}
          {numberField('limits.weekly', 0, 5000, t('settings.hint.weekly'))}
        </Section>
        <Section title={t('settings.group.visitor')} help={t('settings.group.visitor.help')}>
          {textField('keywords', { hint: t('settings.hint.keywords') })}
          {textField('location', { hint: t('settings.hint.location') })}
          {numberField('limits.visits_per_run', 0, 1000, t('settings.hint.visits_per_run'))}
        </Section>
        <Section title={t('settings.group.invitations')} help={t('settings.group.invitations.help')}>
          {numberField('invitations.withdraw_after_days', 1, 365, t('settings.hint.withdraw_after_days'))}
          {numberField('limits.withdrawals_per_run', 0, 1000, t('settings.hint.withdrawals_per_run'))}
        </Section>
        <Section title={t('pages.settings.retention')}>
          {numberField('retention.screenshots_days', 1, 3650)}
          {numberField('retention.outcomes_days', 7, 3650, t('pages.settings.retentionHint'))}
        </Section>
        <div className="sticky bottom-0 -mx-4 flex flex-wrap items-center gap-2 border-t border-slate-200 bg-slate-50/95 px-4 py-3 md:static md:mx-0 md:border-0 md:bg-transparent md:px-0 dark:border-slate-800 dark:bg-slate-950/95 md:dark:bg-transparent">
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
          {dirty && (
            <span role="status" className="text-sm text-amber-800 dark:text-amber-300">
              {t('settings.unsaved')}
            </span>
          )}
        </div>
      </form>
      <ForgetLinkedInData />
    </div>
  );
}

function Section({ title, help, children }: { title: string; help?: string; children: ReactNode }) {
  return (
    <fieldset className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:p-5 dark:border-slate-800 dark:bg-slate-900">
      <legend className="px-1 text-lg font-semibold">{title}</legend>
      {help && <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{help}</p>}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}
