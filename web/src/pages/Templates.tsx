import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useId } from 'react';
import { toast } from 'sonner';
import { api, get } from '../api/client.ts';
import type { Templates } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  Alert,
  buttonClass,
  Card,
  FieldError,
  inputClass,
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
type Draft = Record<ListName, Item[]>;

let nextKey = 0;
const toItems = (texts: string[]): Item[] => texts.map((text) => ({ key: nextKey++, text }));
const toDraft = (t: Templates): Draft => ({ today: toItems(t.today), late: toItems(t.late) });
const toTemplates = (d: Draft): Pick<Templates, ListName> => ({
  today: d.today.map((i) => i.text),
  late: d.late.map((i) => i.text),
});

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

/** Birthday message templates, today's and late ones, with a live preview. */
export function TemplatesPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => get<Templates>('/api/templates') });
  const [draft, setDraft] = useDraft(templates.data, toDraft);
  const { errors, failure, saving, submit: submitWith } = useFormSave();

  if (!templates.isSuccess || !draft) return <QueryFallback query={templates} />;

  const submit = submitWith(async () => {
    const saved = await api<Templates>('PUT', '/api/templates', toTemplates(draft));
    queryClient.setQueryData(['templates'], saved);
    setDraft(toDraft(saved));
    toast.success(t('pages.templates.saved'));
  });

  const update = (list: ListName, items: Item[]) => setDraft({ ...draft, [list]: items });

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
          key={list}
          list={list}
          title={t(`pages.templates.${list}`)}
          items={draft[list]}
          errors={errors}
          onChange={(items) => update(list, items)}
        />
      ))}
    </form>
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
