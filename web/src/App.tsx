import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ComponentType, lazy, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Toaster } from 'sonner';
import { ApiError, get, setUnauthorizedHandler } from './api/client.ts';
import type { Me } from './api/types.ts';
import { Layout } from './components/Layout.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { LoginPage } from './pages/Login.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { OverviewPage } from './pages/Overview.tsx';

/**
 * A page in its own chunk, loaded when first shown (Layout's Suspense says "Loading…"
 * meanwhile): the overview and the login page come with the first load, the others do not.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const AuditPage = lazyPage(() => import('./pages/Audit.tsx'), 'AuditPage');
const BirthdaysPage = lazyPage(() => import('./pages/Birthdays.tsx'), 'BirthdaysPage');
const BlacklistPage = lazyPage(() => import('./pages/Blacklist.tsx'), 'BlacklistPage');
const LogsPage = lazyPage(() => import('./pages/Logs.tsx'), 'LogsPage');
const NotificationsPage = lazyPage(() => import('./pages/Notifications.tsx'), 'NotificationsPage');
const RunDetailPage = lazyPage(() => import('./pages/RunDetail.tsx'), 'RunDetailPage');
const RunsPage = lazyPage(() => import('./pages/Runs.tsx'), 'RunsPage');
const SessionPage = lazyPage(() => import('./pages/Session.tsx'), 'SessionPage');
const SettingsPage = lazyPage(() => import('./pages/Settings.tsx'), 'SettingsPage');
const StatsPage = lazyPage(() => import('./pages/Stats.tsx'), 'StatsPage');
const TemplatesPage = lazyPage(() => import('./pages/Templates.tsx'), 'TemplatesPage');

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
      {/* At the bottom: at the top, toasts covered the session badge and, on a phone, the menu button. */}
      {/* Colours: web/src/styles.css (sonner's own rich colours fail WCAG AA contrast). */}
      <Toaster richColors position="bottom-right" closeButton customAriaLabel={t('layout.toasts')} />
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
          <Route path="/stats" element={<StatsPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/templates" element={<TemplatesPage />} />
          <Route path="/blacklist" element={<BlacklistPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/session" element={<SessionPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}
