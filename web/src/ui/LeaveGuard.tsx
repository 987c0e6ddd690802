import { useContext, useEffect, useRef } from 'react';
import { UNSAFE_DataRouterContext, useBlocker } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';

/**
 * Asks before unsaved edits are lost: closing or reloading the tab gets the browser's own
 * question (`beforeunload`), leaving for another page of the dashboard a confirm dialog
 * ("stay" keeps the edits). In-app blocking needs a data router (web/src/main.tsx); under a
 * plain `<MemoryRouter>` (component tests of other pages) only the tab is guarded.
 */
export function LeaveGuard({ dirty }: { dirty: boolean }) {
  useEffect(() => {
    if (!dirty) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Chromium before 119 and Safari want it set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);
  const dataRouter = useContext(UNSAFE_DataRouterContext);
  return dataRouter ? <InAppLeaveGuard dirty={dirty} /> : null;
}

function InAppLeaveGuard({ dirty }: { dirty: boolean }) {
  const { t } = useI18n();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  // The dialog closes after "leave" too: only a close without it keeps the user here.
  const leaving = useRef(false);
  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      onOpenChange={(open) => {
        if (!open && !leaving.current && blocker.state === 'blocked') blocker.reset();
        leaving.current = false;
      }}
      title={t('settings.leave.title')}
      description={t('settings.leave.description')}
      cancelLabel={t('settings.leave.stay')}
      confirmLabel={t('settings.leave.leave')}
      onConfirm={() => {
        leaving.current = true;
        if (blocker.state === 'blocked') blocker.proceed();
      }}
      destructive
    />
  );
}
