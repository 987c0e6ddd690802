import {
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  useEffect,
  useId,
  useState,
} from 'react';
import { ApiError } from '../api/client.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { messageOf } from './feedback.tsx';
import { localizedFieldErrors } from './fieldErrors.ts';
import { checkboxClass, fileInputClass, inputClass } from './styles.ts';

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

/** What a text field passes on to its `<input>` (the field sets the rest). */
type InputAttributes = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'className' | 'list' | 'children' | 'aria-invalid' | 'aria-describedby'
>;

/**
 * A labelled `<input>` (text, number, time, password, URL…) with its hint and error. Without
 * `value` the input keeps its own (a form read with FormData); `suggestions` are offered as the
 * user types (a `<datalist>`).
 */
export function TextField({
  label,
  error,
  hint,
  value,
  onChange,
  className = '',
  fieldClassName,
  suggestions,
  ...input
}: {
  label: string;
  error?: string;
  hint?: string;
  value?: string;
  onChange?: (value: string) => void;
  /** More classes of the input (`font-mono`). */
  className?: string;
  /** Classes of the field around it (its width in a row). */
  fieldClassName?: string;
  suggestions?: readonly string[];
} & InputAttributes) {
  return (
    <Field label={label} error={error} hint={hint} className={fieldClassName}>
      {(props) => (
        <>
          <input
            {...input}
            {...props}
            list={suggestions ? `${props.id}-suggestions` : undefined}
            value={value}
            onChange={onChange && ((e) => onChange(e.target.value))}
            className={className ? `${inputClass} ${className}` : inputClass}
          />
          {suggestions && (
            <datalist id={`${props.id}-suggestions`}>
              {suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
        </>
      )}
    </Field>
  );
}

/** A labelled file chooser; `onChange` gets the chosen file (none when the choice is cleared). */
export function FileField({
  label,
  error,
  hint,
  accept,
  inputRef,
  onChange,
}: {
  label: string;
  error?: string;
  hint?: string;
  accept?: string;
  /** To clear the choice from outside. */
  inputRef?: Ref<HTMLInputElement>;
  onChange: (file: File | undefined) => void;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(props) => (
        <input
          {...props}
          ref={inputRef}
          type="file"
          accept={accept}
          onChange={(e) => onChange(e.target.files?.[0])}
          className={fileInputClass}
        />
      )}
    </Field>
  );
}

/** A checkbox with its label on the right, and its error below. */
export function CheckboxField({
  label,
  checked,
  onChange,
  error,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
  hint?: string;
}) {
  return (
    <Field label={label} error={error} hint={hint} inline>
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

/**
 * Field messages of a 400, or an empty map: in the user's language when given `i18n` (from the
 * error codes, see fieldErrors.ts), else the API's English sentences.
 */
export function fieldErrorsOf(err: unknown, i18n?: Pick<I18n, 't' | 'locale'>): Record<string, string> {
  if (i18n) return localizedFieldErrors(err, i18n.t, i18n.locale);
  return err instanceof ApiError ? err.fields : {};
}

/** The message for a field path: its own, or the first about something inside it (`visitor.keywords.2`). */
export function errorFor(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${path}.`));
  return nested ? errors[nested] : undefined;
}

/**
 * A form's save: busy while it runs; a failure puts a 400's per-field messages in `errors` (a
 * field's own with `errorOf(path)`) and what to say above the form in `failure`: the error's
 * message, or when fields are named what `fieldsFailure` says (by default "fix the errors").
 */
export function useFormSave() {
  const i18n = useI18n();
  const { t } = i18n;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit =
    (
      save: () => Promise<void>,
      fieldsFailure: (fields: Record<string, string>) => string | null = () => t('pages.form.fixErrors'),
    ) =>
    async (e: FormEvent) => {
      e.preventDefault();
      setSaving(true);
      setErrors({});
      setFailure(null);
      try {
        await save();
      } catch (error) {
        const fields = fieldErrorsOf(error, i18n);
        setErrors(fields);
        setFailure(Object.keys(fields).length > 0 ? fieldsFailure(fields) : messageOf(error));
      } finally {
        setSaving(false);
      }
    };
  const clear = () => {
    setErrors({});
    setFailure(null);
  };
  const errorOf = (path: string) => errorFor(errors, path);
  return { errors, errorOf, failure, saving, submit, clear };
}

/** What a form edits, made from the server's document once: later refetches do not overwrite typing. */
export function useDraft<T, D>(data: T | undefined, toDraft: (data: T) => D) {
  const [draft, setDraft] = useState<D | null>(null);
  useEffect(() => {
    if (data && !draft) setDraft(toDraft(data));
  }, [data, draft, toDraft]);
  return [draft, setDraft] as const;
}

/** A filter's labelled `<select>`: "all" (the empty value) first, then each value by its label. */
export function FilterSelect<V extends string>({
  all,
  values,
  labelOf,
  ...select
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  all: string;
  values: readonly V[];
  labelOf: (value: V) => string;
  className?: string;
}) {
  return (
    <SelectField
      {...select}
      options={[{ value: '', label: all }, ...values.map((value) => ({ value, label: labelOf(value) }))]}
    />
  );
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
