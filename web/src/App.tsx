import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Toaster } from 'sonner';
import { ApiError, get, setUnauthorizedHandler } from './api/client.ts';
import type { Me } from './api/types.ts';
import { Layout } from './components/Layout.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { AuditPage } from './pages/Audit.tsx';
import { BirthdaysPage } from './pages/Birthdays.tsx';
import { BlacklistPage } from './pages/Blacklist.tsx';
import { LoginPage } from './pages/Login.tsx';
import { LogsPage } from './pages/Logs.tsx';
import { OverviewPage } from './pages/Overview.tsx';
import { RunDetailPage } from './pages/RunDetail.tsx';
import { RunsPage } from './pages/Runs.tsx';
import { SessionPage } from './pages/Session.tsx';
import { SettingsPage } from './pages/Settings.tsx';
import { TemplatesPage } from './pages/Templates.tsx';

/** Routes behind the login: an expired session sends you to /login, then back where you were. */
export function App() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { t } = useI18n();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      queryClient.setQueryData(['me'], null);
      if (window.location.pathname !== '/login') {
        navigate(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`, {
          replace: true,
        });
      }
    });
  }, [navigate, queryClient]);

  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await get<Me>('/api/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });

  if (me.isPending) return <p className="p-6">{t('common.loading')}</p>;
  const loggedIn = !!me.data;
  const next = `${location.pathname}${location.search}`;

  return (
    <>
      <Toaster richColors position="top-right" closeButton />
      <Routes>
        <Route path="/login" element={loggedIn ? <Navigate to="/" replace /> : <LoginPage />} />
        <Route
          element={
            loggedIn ? <Layout /> : <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />
          }
        >
          <Route index element={<OverviewPage />} />
          <Route path="/overview" element={<OverviewPage />} />
          <Route path="/birthdays" element={<BirthdaysPage />} />
          <Route path="/runs" element={<RunsPage />} />
          <Route path="/runs/:id" element={<RunDetailPage />} />
          <Route path="/logs" element={<LogsPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/templates" element={<TemplatesPage />} />
          <Route path="/blacklist" element={<BlacklistPage />} />
          <Route path="/session" element={<SessionPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </>
  );
}
