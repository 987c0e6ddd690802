import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { checkboxClass, inputClass } from './styles.ts';

/** Form fields with their hint and error, wired together for assistive technology. */

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-red-700 dark:text-red-400">
      {message}
    </p>
  );
}

export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

/** Label + control + hint + error; a checkbox puts its label on the right. */
export function Field({
  label,
  error,
  hint,
  className = '',
  inline = false,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  className?: string;
  /** Control then label on one line (checkboxes). */
  inline?: boolean;
  children: (props: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const control = children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy });
  const labelClass = inline ? 'text-sm font-medium' : 'block text-sm font-medium';
  const labelEl = (
    <label htmlFor={id} className={labelClass}>
      {label}
    </label>
  );
  return (
    <div className={`space-y-1 ${className}`}>
      {inline ? (
        <div className="flex items-center gap-2">
          {control}
          {labelEl}
        </div>
      ) : (
        <>
          {labelEl}
          {control}
        </>
      )}
      {hint && (
        <p id={hintId} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

/** A checkbox with its label on the right, and its error below. */
export function CheckboxField({
  label,
  checked,
  onChange,
  error,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  return (
    <Field label={label} error={error} inline>
      {(props) => (
        <input
          {...props}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          className={checkboxClass}
        />
      )}
    </Field>
  );
}

/** Field messages of a 400, or an empty map. */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  return err instanceof ApiError ? err.fields : {};
}

/** The message for a field path: its own, or the first about something inside it (`visitor.keywords.2`). */
export function errorFor(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${path}.`));
  return nested ? errors[nested] : undefined;
}

/** An error's text for the user. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A form's save: busy while it runs; a failure puts a 400's per-field messages in `errors` and
 * what to say above the form in `failure` (by default "fix the errors", or the error's message).
 */
export function useFormSave() {
  const { t } = useI18n();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit =
    (
      save: () => Promise<void>,
      failureOf: (error: unknown, fields: Record<string, string>) => string | null = (error, fields) =>
        Object.keys(fields).length > 0 ? t('pages.form.fixErrors') : messageOf(error),
    ) =>
    async (e: FormEvent) => {
      e.preventDefault();
      setSaving(true);
      setErrors({});
      setFailure(null);
      try {
        await save();
      } catch (error) {
        const fields = fieldErrorsOf(error);
        setErrors(fields);
        setFailure(failureOf(error, fields));
      } finally {
        setSaving(false);
      }
    };
  const clear = () => {
    setErrors({});
    setFailure(null);
  };
  return { errors, failure, saving, submit, clear };
}

/** What a form edits, made from the server's document once: later refetches do not overwrite typing. */
export function useDraft<T, D>(data: T | undefined, toDraft: (data: T) => D) {
  const [draft, setDraft] = useState<D | null>(null);
  useEffect(() => {
    if (data && !draft) setDraft(toDraft(data));
  }, [data, draft, toDraft]);
  return [draft, setDraft] as const;
}

/** A labelled `<select>` of the given options. */
export function SelectField({
  label,
  value,
  onChange,
  options,
  className = '',
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  /** Classes of the select (its width). */
  className?: string;
}) {
  return (
    <Field label={label}>
      {(props) => (
        <select
          {...props}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={`${inputClass} ${className}`}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
