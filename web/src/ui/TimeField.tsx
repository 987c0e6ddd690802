import { useId } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { FieldError } from './form.tsx';
import { inputClass } from './styles.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const HOURS = Array.from({ length: 24 }, (_, h) => pad(h));
const MINUTES = Array.from({ length: 60 }, (_, m) => pad(m));

/**
 * A time of day as HH:MM on 24 hours, whatever the browser's locale: `<input type="time">`
 * follows the browser (an en-US Chromium shows "07:00 AM" in the French UI). Two selects,
 * hours then minutes, each named after the field's label; native keyboard use.
 */
export function TimeField({
  label,
  value,
  onChange,
  error,
  hint,
  name,
}: {
  label: string;
  /** HH:MM. */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  name?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const match = /^(\d{1,2}):(\d{1,2})$/.exec(value);
  const hours = match ? pad(Number(match[1])) : '00';
  const minutes = match ? pad(Number(match[2])) : '00';
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const control = {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    className: `${inputClass} w-20 font-mono tabular-nums`,
  };
  return (
    <fieldset className="min-w-0 space-y-1" data-field={name}>
      <legend className="mb-1 block text-sm font-medium">{label}</legend>
      <div className="flex items-center gap-1">
        <select
          {...control}
          aria-label={t('settings.time.hours', { label })}
          name={name && `${name}.hours`}
          value={hours}
          onChange={(e) => onChange(`${e.target.value}:${minutes}`)}
        >
          {HOURS.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
        <span aria-hidden="true" className="font-semibold">
          :
        </span>
        <select
          {...control}
          aria-label={t('settings.time.minutes', { label })}
          name={name && `${name}.minutes`}
          value={minutes}
          onChange={(e) => onChange(`${hours}:${e.target.value}`)}
        >
          {MINUTES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
