import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { ApiError, api, get } from '../api/client.ts';
import type { BlacklistEntry } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  Alert,
  buttonClass,
  Card,
  ConfirmButton,
  messageOf,
  mutedText,
  PageHeader,
  QueryFallback,
  TextField,
  useFormSave,
} from '../ui/index.ts';

const EMPTY = { name: '', profile_url: '', reason: '' };

/** Contacts the bots never message: list, add, remove. */
export function BlacklistPage() {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const blacklist = useQuery({
    queryKey: ['blacklist'],
    queryFn: () => get<{ entries: BlacklistEntry[] }>('/api/blacklist'),
  });
  const [form, setForm] = useState(EMPTY);
  const { errorOf, failure, saving, submit } = useFormSave();

  const add = submit(
    async () => {
      const entry = await api<BlacklistEntry>('POST', '/api/blacklist', {
        name: form.name.trim() || undefined,
        profile_url: form.profile_url.trim() || undefined,
        reason: form.reason.trim() || undefined,
      }).catch((error: unknown) => {
        // Already there: said beside the profile URL.
        if (error instanceof ApiError && error.code === 'already_blacklisted') {
          throw new ApiError(error.status, error.code, error.message, {
            profile_url: t('pages.blacklist.duplicate'),
          });
        }
        throw error;
      });
      queryClient.setQueryData(['blacklist'], (old: { entries: BlacklistEntry[] } | undefined) => ({
        entries: [entry, ...(old?.entries ?? []).filter((x) => x.id !== entry.id)],
      }));
      void queryClient.invalidateQueries({ queryKey: ['blacklist'] });
      setForm(EMPTY);
      toast.success(t('pages.blacklist.added'));
    },
    // Field errors are said beside their fields only.
    () => null,
  );

  const remove = async (entry: BlacklistEntry) => {
    try {
      await api('DELETE', `/api/blacklist/${entry.id}`);
      toast.success(t('pages.blacklist.removed'));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        toast.error(messageOf(error));
        return;
      }
    }
    queryClient.setQueryData(['blacklist'], (old: { entries: BlacklistEntry[] } | undefined) =>
      old ? { entries: old.entries.filter((x) => x.id !== entry.id) } : old,
    );
    void queryClient.invalidateQueries({ queryKey: ['blacklist'] });
  };

  const field = (key: keyof typeof EMPTY) => ({
    error: errorOf(key),
    value: form[key],
    onChange: (value: string) => setForm({ ...form, [key]: value }),
    autoComplete: 'off',
  });

  return (
    <div className="space-y-6">
      <PageHeader title={t('pages.blacklist.title')} description={t('pages.blacklist.description')} />
      <Card title={t('pages.blacklist.addTitle')}>
        <form onSubmit={add} noValidate className="grid grid-cols-1 gap-4 md:grid-cols-3">
          <TextField label={t('pages.blacklist.name')} {...field('name')} />
          <TextField
            label={t('pages.blacklist.profileUrl')}
            hint={t('pages.blacklist.profileUrlHint')}
            type="url"
            inputMode="url"
            {...field('profile_url')}
          />
          <TextField label={t('pages.blacklist.reason')} {...field('reason')} />
          <div className="md:col-span-3">
            <Alert message={failure} className="mb-2" />
            <button type="submit" className={buttonClass.primary} disabled={saving}>
              <Plus className="h-4 w-4" aria-hidden />
              {t('pages.blacklist.add')}
            </button>
          </div>
        </form>
      </Card>
      <Card title={t('pages.blacklist.listTitle')}>
        {!blacklist.isSuccess ? (
          <QueryFallback query={blacklist} />
        ) : blacklist.data.entries.length === 0 ? (
          <p className={mutedText}>{t('pages.blacklist.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {blacklist.data.entries.map((entry) => {
              const label = entry.name ?? entry.profile_url ?? String(entry.id);
              return (
                <li key={entry.id} className="flex items-start justify-between gap-3 py-3">
                  <div className="min-w-0 space-y-0.5 text-sm">
                    <p className="font-medium">{entry.name ?? '—'}</p>
                    {entry.profile_url && (
                      <a
                        href={entry.profile_url}
                        target="_blank"
                        rel="noreferrer noopener"
                        className="block break-all text-sky-700 hover:underline dark:text-sky-400"
                      >
                        {entry.profile_url}
                      </a>
                    )}
                    {entry.reason && <p className="text-slate-600 dark:text-slate-400">{entry.reason}</p>}
                    <p className="text-xs text-slate-500 dark:text-slate-400">
                      {t('pages.blacklist.since', { date: dateTime(entry.created_at) })}
                    </p>
                  </div>
                  <ConfirmButton
                    label={t('pages.blacklist.remove', { label })}
                    title={t('pages.blacklist.removeConfirm', { label })}
                    description={t('layout.blacklist.removeEffect')}
                    confirmLabel={t('pages.blacklist.removeAction')}
                    onConfirm={() => remove(entry)}
                    className={buttonClass.icon}
                  >
                    <Trash2 className="h-4 w-4" aria-hidden />
                  </ConfirmButton>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
