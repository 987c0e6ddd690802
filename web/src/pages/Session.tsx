import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Copy, RefreshCw, Terminal, Trash2, Upload } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { toast } from 'sonner';
import { ApiError, api, get } from '../api/client.ts';
import type { LinkedInSession } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  Alert,
  buttonClass,
  Card,
  ConfirmButton,
  Detail,
  FileField,
  fieldErrorsOf,
  messageOf,
  PageHeader,
  QueryFallback,
  StatusBadge,
  TextField,
} from '../ui/index.ts';
import { SessionDoctor } from './SessionDoctor.tsx';
import { SessionNetwork } from './SessionNetwork.tsx';

/** A file's text (FileReader where `Blob.text` is missing). */
function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

/** What the server says when no session is stored. */
export const NO_SESSION: LinkedInSession = {
  status: 'missing',
  checked_at: null,
  updated_at: null,
  cookie_names: [],
  user_agent: null,
  browser: null,
  exit_ip: null,
};

/** The command that connects LinkedIn from the user's computer to this dashboard's server. */
export function connectCommand(origin: string): string {
  return `npx linkedin-birthday-bot connect --server ${origin}`;
}

/** Steps of a how-to, numbered. */
function Steps({ items }: { items: string[] }) {
  return (
    <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ol>
  );
}

/**
 * The LinkedIn session the bots use: its status, and the two ways to give it: `connect`
 * from the user's computer (a browser window where they log in), or cookies pasted by hand
 * or uploaded as a file. Cookie values go to the server only; nothing here shows them back.
 */
export function SessionPage() {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: ['linkedin-session'],
    queryFn: () => get<LinkedInSession>('/api/linkedin/session'),
  });
  const [liAt, setLiAt] = useState('');
  const [jsession, setJsession] = useState('');
  const [userAgent, setUserAgent] = useState('');
  const [file, setFile] = useState<{ name: string; body: unknown } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'save' | 'check' | 'delete' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const apply = (view: LinkedInSession) => {
    queryClient.setQueryData(['linkedin-session'], view);
    void queryClient.invalidateQueries({ queryKey: ['status'] });
  };

  const clearInputs = () => {
    setLiAt('');
    setJsession('');
    setUserAgent('');
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const onFile = async (chosen: File | undefined) => {
    setErrors({});
    if (!chosen) return setFile(null);
    try {
      setFile({ name: chosen.name, body: JSON.parse(await readText(chosen)) as unknown });
    } catch {
      setFile(null);
      setErrors({ file: t('pages.session.badFile') });
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    let body: unknown;
    // The browser the cookies come from, when pasted: runs then present its system and version.
    const ua = userAgent.trim() ? { user_agent: userAgent.trim() } : {};
    if (file) body = withUserAgent(file.body, ua);
    else if (liAt.trim()) {
      body = {
        cookies: { li_at: liAt.trim(), ...(jsession.trim() ? { JSESSIONID: jsession.trim() } : {}) },
        ...ua,
      };
    } else {
      setErrors({ li_at: t('pages.session.needCookie') });
      return;
    }
    setBusy('save');
    try {
      const view = await api<LinkedInSession>('PUT', '/api/linkedin/session', body);
      apply(view);
      clearInputs();
      toast.success(t('pages.session.saved'));
    } catch (error) {
      const fields = fieldErrorsOf(error, i18n);
      const mapped: Record<string, string> = {};
      for (const [key, message] of Object.entries(fields)) {
        const target =
          key === 'user_agent'
            ? 'user_agent'
            : file
              ? 'file'
              : /jsessionid/i.test(key)
                ? 'jsessionid'
                : 'li_at';
        mapped[target] ??= file ? `${key}: ${message}` : message;
      }
      if (Object.keys(mapped).length === 0) mapped.form = messageOf(error);
      setErrors(mapped);
    } finally {
      setBusy(null);
    }
  };

  const check = async () => {
    setBusy('check');
    try {
      const view = await api<LinkedInSession>('POST', '/api/linkedin/session/check');
      apply(view);
      if (view.status === 'valid') toast.success(t('pages.session.checkValid'));
      else toast.error(t('pages.session.checkExpired'));
    } catch (error) {
      const screenshot = error instanceof ApiError ? error.details.screenshot : undefined;
      toast.error(error instanceof ApiError ? error.message : String(error), {
        description:
          typeof screenshot === 'string'
            ? t('pages.session.checkScreenshot', { file: screenshot })
            : undefined,
      });
    } finally {
      setBusy(null);
    }
  };

  const command = connectCommand(window.location.origin);
  const copyCommand = async () => {
    try {
      await navigator.clipboard.writeText(command);
      toast.success(t('pages.session.copied'));
    } catch {
      // No clipboard outside https: the command selects with one click.
      toast.error(t('pages.session.copyFailed'));
    }
  };

  const remove = async () => {
    setBusy('delete');
    try {
      await api('DELETE', '/api/linkedin/session');
      toast.success(t('pages.session.deleted'));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        toast.error(messageOf(error));
        setBusy(null);
        return;
      }
    }
    // The exit IP belongs to the account, not to the cookies.
    apply({ ...NO_SESSION, exit_ip: session.data?.exit_ip ?? null });
    setBusy(null);
  };

  if (!session.isSuccess) return <QueryFallback query={session} />;
  const view = session.data;
  const stored = view.status !== 'missing';
  const when = (iso: string | null) => (iso ? dateTime(iso) : t('pages.never'));

  return (
    <div className="space-y-6">
      <PageHeader title={t('pages.session.title')} description={t('pages.session.description')} />
      <Card title={t('pages.session.statusTitle')}>
        <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <Detail label={t('pages.session.status')} className="mt-1" aria-live="polite">
            <StatusBadge
              status={view.status}
              label={t(`pages.session.status.${view.status}` as MessageKey)}
            />
          </Detail>
          <Detail label={t('pages.session.checkedAt')}>{when(view.checked_at)}</Detail>
          <Detail label={t('pages.session.updatedAt')}>{when(view.updated_at)}</Detail>
          <Detail label={t('pages.session.cookieNames')} className="mt-1 font-mono text-xs">
            {view.cookie_names.length > 0 ? view.cookie_names.join(', ') : t('common.none')}
          </Detail>
          {view.user_agent && (
            <Detail label={t('pages.session.browser')} title={view.user_agent}>
              {view.browser
                ? `${view.browser.family} ${view.browser.major}`
                : t('pages.session.browserOther')}
            </Detail>
          )}
        </dl>
        {stored && (
          <div className="mt-4 flex flex-wrap gap-2">
            <button type="button" className={buttonClass.secondary} onClick={check} disabled={busy !== null}>
              <RefreshCw className={`h-4 w-4 ${busy === 'check' ? 'animate-spin' : ''}`} aria-hidden />
              {busy === 'check' ? t('pages.session.checking') : t('pages.session.check')}
            </button>
            <ConfirmButton
              title={t('pages.session.deleteConfirm')}
              description={t('pages.session.deleteConfirmText')}
              confirmLabel={t('pages.session.delete')}
              onConfirm={remove}
              disabled={busy !== null}
            >
              <Trash2 className="h-4 w-4" aria-hidden />
              {t('pages.session.delete')}
            </ConfirmButton>
          </div>
        )}
      </Card>
      {stored && <SessionDoctor />}
      <SessionNetwork exitIp={view.exit_ip} />
      <Card title={t('pages.session.connectTitle')}>
        <div className="space-y-3">
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('pages.session.connectIntro')}</p>
          <Steps items={[t('pages.session.connectStep1'), t('pages.session.connectStep2')]} />
          <div className="flex flex-wrap items-center gap-2 pl-5">
            <code className="min-w-0 flex-1 select-all break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm text-slate-900 dark:bg-slate-800 dark:text-slate-100">
              <Terminal className="mr-2 inline h-4 w-4 align-text-bottom text-slate-500" aria-hidden />
              {command}
            </code>
            <button type="button" className={buttonClass.secondary} onClick={copyCommand}>
              <Copy className="h-4 w-4" aria-hidden />
              {t('pages.session.copy')}
            </button>
          </div>
          <ol start={3} className="list-decimal space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
            <li>{t('pages.session.connectStep3')}</li>
            <li>{t('pages.session.connectStep4')}</li>
            <li>{t('pages.session.connectStep5')}</li>
          </ol>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('pages.session.connectFileHint')}</p>
        </div>
      </Card>
      <Card title={stored ? t('pages.session.replaceTitle') : t('pages.session.setTitle')}>
        <form onSubmit={save} noValidate className="space-y-4">
          <Steps
            items={[
              t('pages.session.cookieStep1'),
              t('pages.session.cookieStep2'),
              t('pages.session.cookieStep3'),
            ]}
          />
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <CookieField
              label={t('pages.session.liAt')}
              error={errors.li_at}
              value={liAt}
              disabled={!!file}
              onChange={setLiAt}
            />
            <CookieField
              label={t('pages.session.jsessionid')}
              error={errors.jsessionid}
              hint={t('pages.optional')}
              value={jsession}
              disabled={!!file}
              onChange={setJsession}
            />
          </div>
          <p className="text-sm font-medium text-slate-600 dark:text-slate-400">{t('pages.session.or')}</p>
          <FileField
            label={t('pages.session.file')}
            error={errors.file}
            hint={file ? file.name : t('pages.session.fileHint')}
            accept="application/json,.json"
            inputRef={fileInput}
            onChange={onFile}
          />
          <TextField
            label={t('pages.session.userAgent')}
            error={errors.user_agent}
            hint={t('pages.session.userAgentHint')}
            value={userAgent}
            onChange={setUserAgent}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
          <Alert message={errors.form} />
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonClass.primary} disabled={busy !== null}>
              <Upload className="h-4 w-4" aria-hidden />
              {busy === 'save' ? t('pages.saving') : t('pages.session.save')}
            </button>
            {(file || liAt || jsession || userAgent) && (
              <button type="button" className={buttonClass.secondary} onClick={clearInputs}>
                {t('common.cancel')}
              </button>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}

/** A session file's body with the pasted user agent, unless the file names its own browser. */
function withUserAgent(body: unknown, ua: { user_agent?: string }): unknown {
  if (!ua.user_agent || typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return 'user_agent' in body ? body : { ...body, ...ua };
}

/** A cookie value, typed like a password. */
function CookieField(props: {
  label: string;
  error?: string;
  hint?: string;
  value: string;
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  return <TextField {...props} type="password" autoComplete="off" spellCheck={false} className="font-mono" />;
}
