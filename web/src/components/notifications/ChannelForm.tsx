import { Copy, RefreshCw, X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { toast } from 'sonner';
import { NOTIFICATION_EVENTS, NOTIFICATION_LANGUAGES } from '../../../../src/contract/notifications.ts';
import { type Channel, type ChannelType, randomSecret } from '../../api/notifications.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import {
  Alert,
  BADGE,
  buttonClass,
  Card,
  CheckboxField,
  Field,
  inputClass,
  SelectField,
  TextField,
  useFormSave,
} from '../../ui/index.ts';
import {
  CHANNEL_FIELDS,
  CHANNEL_TYPES,
  type ChannelDraft,
  EMAIL_TLS_MODES,
  type FieldSpec,
  newDraft,
} from './channelDraft.ts';

/**
 * The form of a new channel (its type first) or of a stored one: the type's fields, its
 * secrets write-only, the events it receives. `save` sends it; a 400's field errors are
 * shown next to their fields (`config.url`, `events`…), in the user's language.
 */
export function ChannelForm({
  channel,
  draft,
  onChange,
  save,
  onCancel,
}: {
  /** The stored channel being edited; none for a new one. */
  channel?: Channel;
  draft: ChannelDraft;
  onChange: (draft: ChannelDraft) => void;
  save: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { errorOf, failure, saving, submit } = useFormSave();
  const formRef = useRef<HTMLFormElement>(null);
  const editing = !!channel;

  // Opened from a button: the keyboard and the screen reader go to the form's first field.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, []);

  const set = (patch: Partial<ChannelDraft>) => onChange({ ...draft, ...patch });
  const setValue = (key: string, value: string) => set({ values: { ...draft.values, [key]: value } });
  const fields = CHANNEL_FIELDS[draft.type];
  const configField = (field: (typeof fields)[number]) => (
    <ConfigField
      key={`${draft.type}-${field.key}`}
      field={field}
      draft={draft}
      channel={channel}
      error={errorOf(`config.${field.key}`)}
      onValue={(value) => setValue(field.key, value)}
      onDraft={onChange}
    />
  );

  return (
    <Card
      title={
        channel ? t('notifications.form.editTitle', { name: channel.name }) : t('notifications.form.new')
      }
    >
      <form ref={formRef} onSubmit={submit(save)} noValidate className="space-y-5">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {!editing && (
            <SelectField
              label={t('notifications.form.type')}
              value={draft.type}
              onChange={(type) => onChange(newDraft(type as ChannelType, draft.language, draft.name))}
              options={CHANNEL_TYPES.map((type) => ({ value: type, label: t(`notifications.type.${type}`) }))}
            />
          )}
          <TextField
            label={t('notifications.form.name')}
            hint={t('notifications.form.nameHint')}
            value={draft.name}
            onChange={(name) => set({ name })}
            error={errorOf('name')}
            autoComplete="off"
            maxLength={100}
          />
        </div>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {fields.filter((f) => !f.advanced).map(configField)}
        </div>
        {fields.some((f) => f.advanced) && (
          <details
            className="rounded-md border border-slate-200 p-3 dark:border-slate-800"
            open={fields.some((f) => f.advanced && !!errorOf(`config.${f.key}`))}
          >
            <summary className="cursor-pointer text-sm font-medium">
              {t('notifications.form.advanced')}
            </summary>
            <div className="mt-3 grid grid-cols-1 gap-4 md:grid-cols-2">
              {fields.filter((f) => f.advanced).map(configField)}
            </div>
          </details>
        )}
        <fieldset className="space-y-3">
          <legend className="mb-2 text-sm font-medium">{t('notifications.form.events')}</legend>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
            {NOTIFICATION_EVENTS.map((event) => (
              <CheckboxField
                key={event}
                label={t(`notifications.event.${event}`)}
                hint={t(`notifications.event.${event}.help` as MessageKey)}
                checked={draft.events.includes(event)}
                onChange={(checked) =>
                  set({
                    events: checked
                      ? NOTIFICATION_EVENTS.filter((e) => e === event || draft.events.includes(e))
                      : draft.events.filter((e) => e !== event),
                  })
                }
              />
            ))}
          </div>
          {errorOf('events') && <Alert message={errorOf('events')} />}
        </fieldset>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <Field
            label={t('notifications.form.language')}
            hint={t('notifications.form.languageHint')}
            error={errorOf('language')}
          >
            {(props) => (
              <select
                {...props}
                value={draft.language}
                onChange={(e) => set({ language: e.target.value as ChannelDraft['language'] })}
                className={inputClass}
              >
                {NOTIFICATION_LANGUAGES.map((language) => (
                  <option key={language} value={language}>
                    {t(`messageLanguage.${language}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="md:pt-7">
            <CheckboxField
              label={t('notifications.form.enabled')}
              checked={draft.enabled}
              onChange={(enabled) => set({ enabled })}
            />
          </div>
        </div>
        <Alert message={failure} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={buttonClass.primary} disabled={saving}>
            {saving
              ? t('pages.saving')
              : editing
                ? t('notifications.form.save')
                : t('notifications.form.create')}
          </button>
          <button type="button" className={buttonClass.secondary} onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Card>
  );
}

const LABELS: Record<string, MessageKey> = {
  url: 'notifications.field.url',
  secret: 'notifications.field.secret',
  host: 'notifications.field.host',
  port: 'notifications.field.port',
  tls: 'notifications.field.tls',
  user: 'notifications.field.user',
  password: 'notifications.field.password',
  from: 'notifications.field.from',
  to: 'notifications.field.to',
  bot_token: 'notifications.field.bot_token',
  chat_id: 'notifications.field.chat_id',
  api_url: 'notifications.field.api_url',
  server_url: 'notifications.field.server_url',
  topic: 'notifications.field.topic',
  token: 'notifications.field.token',
};

/** Hints of the fields that have one. */
const HINTS: Partial<Record<string, MessageKey>> = {
  url: 'notifications.field.url.hint',
  secret: 'notifications.field.secret.hint',
  to: 'notifications.field.to.hint',
  bot_token: 'notifications.field.bot_token.hint',
  chat_id: 'notifications.field.chat_id.hint',
  api_url: 'notifications.field.api_url.hint',
  server_url: 'notifications.field.server_url.hint',
  token: 'notifications.field.token.hint',
};

function ConfigField({
  field,
  draft,
  channel,
  error,
  onValue,
  onDraft,
}: {
  field: FieldSpec;
  draft: ChannelDraft;
  channel?: Channel;
  error?: string;
  onValue: (value: string) => void;
  onDraft: (draft: ChannelDraft) => void;
}) {
  const { t } = useI18n();
  const name = t(LABELS[field.key] ?? 'notifications.field.url');
  const label =
    field.optional && field.kind !== 'url' ? t('notifications.form.optional', { label: name }) : name;
  const hintKey = HINTS[field.key];
  const hint = hintKey ? t(hintKey) : undefined;
  const value = draft.values[field.key] ?? '';

  if (field.kind === 'secret') {
    return (
      <SecretField
        field={field}
        label={label}
        hint={hint}
        error={error}
        draft={draft}
        stored={!!channel?.secrets[field.key]}
        onDraft={onDraft}
      />
    );
  }
  if (field.kind === 'tls') {
    return (
      <SelectField
        label={label}
        value={value}
        onChange={onValue}
        options={EMAIL_TLS_MODES.map((mode) => ({
          value: mode,
          label: t(`notifications.field.tls.${mode}`),
        }))}
      />
    );
  }
  const input = {
    url: { type: 'url', inputMode: 'url' },
    email: { type: 'email', inputMode: 'email' },
    emails: { type: 'text', inputMode: 'email' },
    number: { type: 'text', inputMode: 'numeric' },
    text: { type: 'text' },
  }[field.kind] as { type: string; inputMode?: 'url' | 'email' | 'numeric' };
  return (
    <TextField
      label={label}
      hint={hint}
      error={error}
      value={value}
      onChange={onValue}
      autoComplete="off"
      spellCheck={false}
      className={field.mono ? 'font-mono' : ''}
      {...input}
    />
  );
}

/**
 * A write-only secret: a stored one shows "stored" and an empty input (empty keeps it); an
 * optional one can be removed. A secret the page generated is shown with a copy button and
 * the warning that it will not be shown again.
 */
function SecretField({
  field,
  label,
  hint,
  error,
  draft,
  stored,
  onDraft,
}: {
  field: FieldSpec;
  label: string;
  hint?: string;
  error?: string;
  draft: ChannelDraft;
  stored: boolean;
  onDraft: (draft: ChannelDraft) => void;
}) {
  const { t } = useI18n();
  const key = field.key;
  const value = draft.values[key] ?? '';
  const generated = !!draft.generated[key] && value !== '';
  const removed = !!draft.removed[key];
  const canGenerate = draft.type === 'webhook';

  const setSecret = (text: string, isGenerated: boolean) =>
    onDraft({
      ...draft,
      values: { ...draft.values, [key]: text },
      generated: { ...draft.generated, [key]: isGenerated },
      removed: { ...draft.removed, [key]: false },
    });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      toast.success(t('notifications.secret.copied'));
    } catch {
      toast.error(t('notifications.secret.copyFailed'));
    }
  };

  const notes = [
    stored && !removed && value === '' ? t('notifications.secret.keep') : null,
    removed ? t('notifications.secret.removed') : null,
    hint ?? null,
  ].filter(Boolean);

  return (
    <div className="space-y-2 md:col-span-2">
      <Field label={label} hint={notes.join(' ')} error={error}>
        {(props) => (
          <div className="flex flex-wrap items-center gap-2">
            <input
              {...props}
              // Shown as typed while generated (to be copied); masked otherwise.
              type={generated ? 'text' : 'password'}
              value={value}
              onChange={(e) => setSecret(e.target.value, false)}
              autoComplete="new-password"
              spellCheck={false}
              disabled={removed}
              className={`${inputClass} min-w-0 flex-1 basis-56 font-mono disabled:opacity-60`}
            />
            {stored && !removed && (
              <span
                data-testid={`secret-stored-${key}`}
                className={`${BADGE} bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200`}
              >
                {t('notifications.secret.stored')}
              </span>
            )}
          </div>
        )}
      </Field>
      <div className="flex flex-wrap gap-2">
        {generated && (
          <button type="button" className={buttonClass.secondary} onClick={() => void copy()}>
            <Copy className="h-4 w-4" aria-hidden />
            {t('notifications.secret.copy')}
          </button>
        )}
        {canGenerate && (
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => setSecret(randomSecret(), true)}
          >
            <RefreshCw className="h-4 w-4" aria-hidden />
            {t('notifications.secret.generate')}
          </button>
        )}
        {stored && field.optional && (
          <button
            type="button"
            className={buttonClass.secondary}
            aria-pressed={removed}
            onClick={() =>
              onDraft({
                ...draft,
                values: { ...draft.values, [key]: '' },
                removed: { ...draft.removed, [key]: !removed },
              })
            }
          >
            <X className="h-4 w-4" aria-hidden />
            {removed ? t('notifications.secret.undoRemove') : t('notifications.secret.remove', { label })}
          </button>
        )}
      </div>
      {generated && (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {t('notifications.secret.once')}
        </p>
      )}
    </div>
  );
}
