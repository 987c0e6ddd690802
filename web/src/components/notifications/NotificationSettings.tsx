import { useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { NOTIFICATION_LANGUAGES } from '../../../../src/contract/notifications.ts';
import { api, get } from '../../api/client.ts';
import type { Settings } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import {
  Alert,
  buttonClass,
  Card,
  QueryFallback,
  SelectField,
  useDraft,
  useFormSave,
} from '../../ui/index.ts';
import { TimeField } from '../../ui/TimeField.tsx';

type Draft = Settings['notifications'];
const toDraft = (s: Settings): Draft => ({ ...s.notifications });

/**
 * The account's notification settings (`notifications` of `PATCH /api/settings`): the language
 * every channel writes in (or each channel's own), and when the daily digest goes.
 */
export function NotificationSettings() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => get<Settings>('/api/settings') });
  const [draft, setDraft] = useDraft(settings.data, toDraft);
  const { errorOf, failure, saving, submit } = useFormSave();

  const save = submit(async () => {
    if (!draft) return;
    const saved = await api<Settings>('PATCH', '/api/settings', { notifications: draft });
    queryClient.setQueryData(['settings'], saved);
    setDraft(toDraft(saved));
    toast.success(t('notifications.settings.saved'));
  });

  return (
    <Card title={t('notifications.settings.title')}>
      {!draft ? (
        <QueryFallback query={settings} />
      ) : (
        <form onSubmit={save} noValidate className="space-y-4">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {t('notifications.settings.description')}
          </p>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <SelectField
              label={t('notifications.settings.language')}
              value={draft.language ?? ''}
              onChange={(value) =>
                setDraft({ ...draft, language: value === '' ? null : (value as Draft['language']) })
              }
              options={[
                { value: '', label: t('notifications.settings.language.channel') },
                ...NOTIFICATION_LANGUAGES.map((l) => ({ value: l, label: t(`messageLanguage.${l}`) })),
              ]}
            />
            <TimeField
              label={t('notifications.settings.digestTime')}
              hint={t('notifications.settings.digestTimeHint')}
              value={draft.digest_time}
              onChange={(digest_time) => setDraft({ ...draft, digest_time })}
              error={errorOf('notifications.digest_time')}
              name="digest_time"
            />
          </div>
          {errorOf('notifications.language') && <Alert message={errorOf('notifications.language')} />}
          <Alert message={failure} />
          <button type="submit" className={buttonClass.primary} disabled={saving}>
            {saving ? t('pages.saving') : t('notifications.settings.save')}
          </button>
        </form>
      )}
    </Card>
  );
}
