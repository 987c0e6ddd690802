import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Alert, TextField } from '../ui/index.ts';

/** Sign-in; afterwards back to the page that asked for it (`?next=`), never off-site. */
export function LoginPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/auth/login', {
        username: form.get('username'),
        password: form.get('password'),
      });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      const next = params.get('next');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 429
          ? t('login.rateLimited', { seconds: Number(err.details.retry_after_seconds) || 60 })
          : t('login.failed'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <form
        onSubmit={submit}
        className="w-full max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <h1 className="text-xl font-semibold">{t('login.title')}</h1>
        <TextField label={t('login.username')} name="username" autoComplete="username" required />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <Alert message={error} />
        <button
          type="submit"
          disabled={busy}
          className="w-full rounded bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60"
        >
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
