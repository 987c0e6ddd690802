import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Globe, TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { api, get } from '../api/client.ts';
import type { LinkedInSession, Settings } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  Alert,
  Banner,
  buttonClass,
  Card,
  errorFor,
  messageOf,
  QueryFallback,
  TextField,
  useDraft,
  useFormSave,
} from '../ui/index.ts';

type Network = Settings['network'];

/** What the form edits. The password field starts empty: the stored one is never sent back. */
interface Draft {
  url: string;
  username: string;
  password: string;
  ipCheckUrl: string;
}

function toDraft(settings: Settings): Draft {
  const { proxy, ip_check_url } = settings.network;
  return { url: proxy?.url ?? '', username: proxy?.username ?? '', password: '', ipCheckUrl: ip_check_url };
}

/** The `network` patch: no URL removes the proxy; an empty password keeps the stored one. */
export function networkPatch(d: Draft): { network: Record<string, unknown> } {
  const url = d.url.trim();
  const proxy = url
    ? { url, username: d.username.trim() || null, ...(d.password ? { password: d.password } : {}) }
    : null;
  return { network: { proxy, ip_check_url: d.ipCheckUrl.trim() } };
}

/**
 * The account's network identity on the session page: the exit IP the last run read (with
 * a warning when it changed from the run before), and the proxy form. The proxy password
 * is write-only: the server only says whether one is stored.
 */
export function SessionNetwork({ exitIp }: { exitIp: LinkedInSession['exit_ip'] }) {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => get<Settings>('/api/settings') });
  const [draft, setDraft] = useDraft(settings.data, toDraft);
  const { errors, failure, saving, submit: submitWith } = useFormSave();
  const [clearing, setClearing] = useState(false);

  const saved = (next: Settings) => {
    queryClient.setQueryData(['settings'], next);
    setDraft(toDraft(next));
  };
  const submit = submitWith(async () => {
    if (!draft) return;
    saved(await api<Settings>('PATCH', '/api/settings', networkPatch(draft)));
    toast.success(t('network.saved'));
  });
  const clearPassword = async () => {
    setClearing(true);
    try {
      saved(await api<Settings>('PATCH', '/api/settings', { network: { proxy: { password: null } } }));
      toast.success(t('network.passwordCleared'));
    } catch (error) {
      toast.error(messageOf(error));
    } finally {
      setClearing(false);
    }
  };

  const stored: Network['proxy'] = settings.data?.network.proxy ?? null;
  const set = (key: keyof Draft) => (value: string) => draft && setDraft({ ...draft, [key]: value });
  const err = (path: string) => errorFor(errors, `network.${path}`);

  return (
    <Card title={t('network.title')}>
      <div className="space-y-4">
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('network.intro')}</p>
        <ExitIp exitIp={exitIp} dateTime={dateTime} />
        {!draft && <QueryFallback query={settings} />}
        {draft && (
          <form onSubmit={submit} noValidate className="space-y-4">
            <Alert look="banner" message={failure} />
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              <TextField
                label={t('network.proxyUrl')}
                hint={t('network.proxyUrlHint')}
                error={err('proxy.url') ?? errors['network.proxy']}
                value={draft.url}
                onChange={set('url')}
                placeholder="http://proxy.example.com:3128"
                type="url"
                spellCheck={false}
              />
              <TextField
                label={t('network.ipCheckUrl')}
                hint={t('network.ipCheckUrlHint')}
                error={err('ip_check_url')}
                value={draft.ipCheckUrl}
                onChange={set('ipCheckUrl')}
                type="url"
                spellCheck={false}
              />
              <TextField
                label={t('network.username')}
                error={err('proxy.username')}
                value={draft.username}
                onChange={set('username')}
                autoComplete="off"
                spellCheck={false}
              />
              <TextField
                label={t('network.password')}
                hint={stored?.password_set ? t('network.passwordSet') : t('network.passwordNotSet')}
                error={err('proxy.password')}
                value={draft.password}
                onChange={set('password')}
                type="password"
                autoComplete="new-password"
              />
            </div>
            <div className="flex flex-wrap gap-2">
              <button type="submit" className={buttonClass.primary} disabled={saving || clearing}>
                <Globe className="h-4 w-4" aria-hidden />
                {saving ? t('pages.saving') : t('network.save')}
              </button>
              {stored?.password_set && (
                <button
                  type="button"
                  className={buttonClass.secondary}
                  onClick={clearPassword}
                  disabled={saving || clearing}
                >
                  {t('network.clearPassword')}
                </button>
              )}
            </div>
          </form>
        )}
      </div>
    </Card>
  );
}

function ExitIp({
  exitIp,
  dateTime,
}: {
  exitIp: LinkedInSession['exit_ip'];
  dateTime: (iso: string) => string;
}) {
  const { t } = useI18n();
  return (
    <div className="space-y-2 text-sm" aria-live="polite">
      <p>
        <span className="text-slate-600 dark:text-slate-400">{t('network.exitIp')}: </span>
        {exitIp ? (
          <>
            <span className="font-mono font-medium">{exitIp.ip}</span>{' '}
            <span className="text-slate-600 dark:text-slate-400">
              ({t('network.exitIpRead', { time: dateTime(exitIp.checked_at) })})
            </span>
          </>
        ) : (
          t('network.exitIpNone')
        )}
      </p>
      {exitIp?.changed && exitIp.previous_ip && exitIp.previous_checked_at && (
        <Banner role="status" tone="warning" icon={TriangleAlert}>
          {t('network.exitIpChanged', {
            previous: exitIp.previous_ip,
            time: dateTime(exitIp.previous_checked_at),
          })}
        </Banner>
      )}
    </div>
  );
}
