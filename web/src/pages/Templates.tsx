import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { MESSAGE_LANGUAGES, type MessageLanguage } from '../../../src/contract/messageLanguages.ts';
import { api, get } from '../api/client.ts';
import type { Templates } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  Alert,
  BADGE,
  buttonClass,
  Card,
  FieldError,
  FOCUS,
  inputClass,
  mutedText,
  PageHeader,
  QueryFallback,
  useDraft,
  useFormSave,
} from '../ui/index.ts';

type ListName = 'today' | 'late';

/** A template being edited, with a stable key so React keeps each textarea with its text. */
interface Item {
  key: number;
  text: string;
}
type ListsDraft = Record<ListName, Item[]>;
/** The whole page: the account's wish language and each language's set. */
interface Draft {
  language: MessageLanguage;
  sets: Record<MessageLanguage, ListsDraft>;
}

let nextKey = 0;
const toItems = (texts: string[]): Item[] => texts.map((text) => ({ key: nextKey++, text }));
const toLists = (set: Pick<Templates, ListName>): ListsDraft => ({
  today: toItems(set.today),
  late: toItems(set.late),
});
const toDraft = (t: Templates): Draft => ({
  language: t.language,
  sets: Object.fromEntries(MESSAGE_LANGUAGES.map((l) => [l, toLists(t.sets[l])])) as Draft['sets'],
});
const toTemplates = (d: ListsDraft): Pick<Templates, ListName> => ({
  today: d.today.map((i) => i.text),
  late: d.late.map((i) => i.text),
});
const sameLists = (a: Pick<Templates, ListName>, b: Pick<Templates, ListName>) =>
  JSON.stringify([a.today, a.late]) === JSON.stringify([b.today, b.late]);

/** The sample contact of the preview. */
export const SAMPLE = { first_name: 'Marie', name: 'Marie Curie', days_late: 3 } as const;

/** A template with its placeholders filled as the bot would fill them. */
export function fillTemplate(
  text: string,
  contact: { first_name: string; name: string; days_late: number } = SAMPLE,
) {
  return text.replace(/\{(first_name|name|days_late)\}/g, (_, key: 'first_name' | 'name' | 'days_late') =>
    String(contact[key]),
  );
}

/**
 * Birthday message templates, one set per language (today's and late ones, with a live
 * preview), and the language the account's wishes are written in. One Save writes the sets
 * that changed, then the language.
 */
export function TemplatesPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => get<Templates>('/api/templates') });
  const [draft, setDraft] = useDraft(templates.data, toDraft);
  const [shown, setShown] = useState<MessageLanguage | null>(null);
  const { errors, failure, saving, submit: submitWith } = useFormSave();

  if (!templates.isSuccess || !draft) return <QueryFallback query={templates} />;
  const saved = templates.data;
  const tab = shown ?? saved.language;

  const submit = submitWith(async () => {
    // The set on screen first: its field errors are the ones the user sees.
    const order = [tab, ...MESSAGE_LANGUAGES.filter((l) => l !== tab)];
    for (const language of order) {
      const lists = toTemplates(draft.sets[language]);
      if (sameLists(lists, saved.sets[language])) continue;
      setShown(language);
      await api<Templates>('PUT', '/api/templates', { language, ...lists });
    }
    if (draft.language !== saved.language) {
      await api('PATCH', '/api/settings', { birthday: { language: draft.language } });
      await queryClient.invalidateQueries({ queryKey: ['settings'] });
    }
    const fresh = await get<Templates>('/api/templates');
    queryClient.setQueryData(['templates'], fresh);
    setDraft(toDraft(fresh));
    setShown(tab);
    toast.success(t('pages.templates.saved'));
  });

  const update = (list: ListName, items: Item[]) =>
    setDraft({ ...draft, sets: { ...draft.sets, [tab]: { ...draft.sets[tab], [list]: items } } });
  const languageName = (l: MessageLanguage) => t(`messageLanguage.${l}`);

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <PageHeader
        title={t('pages.templates.title')}
        description={t('pages.templates.description')}
        actions={
          <button type="submit" className={buttonClass.primary} disabled={saving}>
            {saving ? t('pages.saving') : t('common.save')}
          </button>
        }
      />
      <Alert look="banner" message={failure} />
      <WishLanguage
        value={draft.language}
        error={errors['birthday.language']}
        onChange={(language) => setDraft({ ...draft, language })}
      />
      <LanguageTabs
        languages={MESSAGE_LANGUAGES}
        shown={tab}
        wishLanguage={draft.language}
        labelOf={languageName}
        onShow={setShown}
      />
      <div
        role="tabpanel"
        id={`templates-panel-${tab}`}
        aria-labelledby={`templates-tab-${tab}`}
        className="space-y-6"
      >
        {tab !== draft.language && (
          <p className={mutedText}>
            {t('templates.set.notUsed', { language: languageName(draft.language) })}
          </p>
        )}
        {!saved.sets[tab].custom && <p className={mutedText}>{t('templates.set.defaults')}</p>}
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {t('pages.templates.placeholders')}{' '}
          {['{first_name}', '{name}', '{days_late}'].map((p) => (
            <code key={p} className="mx-0.5 rounded bg-slate-100 px-1 py-0.5 text-xs dark:bg-slate-800">
              {p}
            </code>
          ))}
          {' — '}
          {t('pages.templates.sample', { name: SAMPLE.name, days: SAMPLE.days_late })}
        </p>
        {(['today', 'late'] as const).map((list) => (
          <TemplateList
            key={`${tab}-${list}`}
            list={list}
            title={t(`pages.templates.${list}`)}
            items={draft.sets[tab][list]}
            errors={errors}
            onChange={(items) => update(list, items)}
          />
        ))}
      </div>
    </form>
  );
}

/** The account's wish language: a radio per language, with why it is the account's. */
function WishLanguage({
  value,
  error,
  onChange,
}: {
  value: MessageLanguage;
  error?: string;
  onChange: (language: MessageLanguage) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <Card title={t('templates.language.title')}>
      <fieldset aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`} className="space-y-3">
        <legend className="text-sm font-medium">{t('templates.language.legend')}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {MESSAGE_LANGUAGES.map((language) => (
            <label key={language} className="inline-flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={`${id}-language`}
                value={language}
                checked={value === language}
                onChange={() => onChange(language)}
                className="h-4 w-4 accent-sky-700"
              />
              {t(`messageLanguage.${language}`)}
            </label>
          ))}
        </div>
        <p id={`${id}-help`} className={mutedText}>
          {t('templates.language.help')}
        </p>
        <FieldError id={`${id}-error`} message={error} />
      </fieldset>
    </Card>
  );
}

/** One tab per language's set; arrows move between them (the ARIA tabs pattern). */
function LanguageTabs({
  languages,
  shown,
  wishLanguage,
  labelOf,
  onShow,
}: {
  languages: readonly MessageLanguage[];
  shown: MessageLanguage;
  wishLanguage: MessageLanguage;
  labelOf: (language: MessageLanguage) => string;
  onShow: (language: MessageLanguage) => void;
}) {
  const { t } = useI18n();
  const move = (from: number, step: number) => {
    const next = languages[(from + step + languages.length) % languages.length]!;
    onShow(next);
    document.getElementById(`templates-tab-${next}`)?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label={t('templates.sets')}
      className="flex flex-wrap gap-2 border-b border-slate-200 dark:border-slate-800"
    >
      {languages.map((language, index) => {
        const selected = language === shown;
        return (
          <button
            key={language}
            type="button"
            role="tab"
            id={`templates-tab-${language}`}
            aria-selected={selected}
            aria-controls={`templates-panel-${language}`}
            tabIndex={selected ? 0 : -1}
            onClick={() => onShow(language)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(index, 1);
              if (e.key === 'ArrowLeft') move(index, -1);
            }}
            className={`-mb-px inline-flex items-center gap-2 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${FOCUS} ${
              selected
                ? 'border-sky-700 text-sky-800 dark:border-sky-400 dark:text-sky-300'
                : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white'
            }`}
          >
            {labelOf(language)}
            {language === wishLanguage && (
              <span className={`${BADGE} bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100`}>
                {t('templates.set.used')}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

function TemplateList({
  list,
  title,
  items,
  errors,
  onChange,
}: {
  list: ListName;
  title: string;
  items: Item[];
  errors: Record<string, string>;
  onChange: (items: Item[]) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const listError = errors[list];
  return (
    <Card
      title={title}
      actions={
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() => onChange([...items, { key: nextKey++, text: '' }])}
        >
          <Plus className="h-4 w-4" aria-hidden />
          {t('pages.templates.add')}
        </button>
      }
    >
      <FieldError id={`${id}-error`} message={listError} />
      {items.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('pages.templates.emptyList')}</p>
      )}
      <ol className="space-y-4">
        {items.map(({ key, text }, index) => {
          const fieldId = `${id}-${index}`;
          const error = errors[`${list}.${index}`];
          const label = t('pages.templates.message', { n: index + 1 });
          return (
            <li key={key} className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
              <div className="flex items-center justify-between gap-2">
                <label htmlFor={fieldId} className="text-sm font-medium">
                  {label}
                </label>
                <button
                  type="button"
                  className={buttonClass.icon}
                  aria-label={t('pages.templates.remove', { label: `${title} — ${label}` })}
                  title={t('pages.templates.remove', { label })}
                  onClick={() => onChange(items.filter((v) => v.key !== key))}
                >
                  <Trash2 className="h-4 w-4" aria-hidden />
                </button>
              </div>
              <textarea
                id={fieldId}
                value={text}
                rows={3}
                onChange={(e) =>
                  onChange(items.map((v) => (v.key === key ? { key, text: e.target.value } : v)))
                }
                aria-invalid={error ? true : undefined}
                aria-describedby={`${fieldId}-preview${error ? ` ${fieldId}-error` : ''}`}
                className={inputClass}
              />
              <FieldError id={`${fieldId}-error`} message={error} />
              <div
                id={`${fieldId}-preview`}
                className="rounded bg-slate-50 px-3 py-2 text-sm dark:bg-slate-800/60"
                data-testid={`preview-${list}-${index}`}
              >
                <span className="mr-1 text-xs font-semibold uppercase text-slate-500 dark:text-slate-400">
                  {t('pages.templates.preview')}
                </span>
                <span className="whitespace-pre-wrap">{fillTemplate(text)}</span>
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
