// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch } from '../testing/fakeApi.ts';
import { cleanupAfterEach, renderPage } from '../testing/render.tsx';
import { AuditPage } from './Audit.tsx';

cleanupAfterEach();

const entry = (id: number) => ({
  id,
  ts: '2025-03-01T09:00:00.000Z',
  actor_type: id % 2 ? 'user' : 'scheduler',
  actor_id: id % 2 ? 'admin' : 'scheduler',
  action: id === 60 ? 'bot.stop' : 'settings.update',
  target: 'settings',
  details: { changed: ['limits.daily'] },
});

describe('AuditPage', () => {
  it('lists entries with actor and action, and loads more with before', async () => {
    const { calls } = mockFetch({
      'GET /api/audit': (call) => ({
        body: {
          entries: call.query.has('before')
            ? [entry(0)]
            : Array.from({ length: 50 }, (_, i) => entry(100 - i)),
        },
      }),
    });
    const user = userEvent.setup();
    renderPage(<AuditPage />, { path: '/audit' });
    expect(await screen.findByText('bot.stop')).toBeInTheDocument();
    expect(screen.getAllByText('User admin').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Scheduler').length).toBeGreaterThan(0);
    expect(calls[0]?.url).toBe('/api/audit?limit=50');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/audit?limit=50&before=51'));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument());
  });
});
