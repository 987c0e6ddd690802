// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, waitFor, within } from '@testing-library/react';
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

const RUN = '0c9f3a1e-5b7d-4c2a-9e8f-1a2b3c4d5e6f';
const OTHER_RUN = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';

const readable = [
  {
    id: 6,
    ts: '2025-03-01T09:06:00.000Z',
    actor_type: 'user',
    actor_id: 'admin',
    action: 'contact.language',
    target: 'ada-lovelace',
    details: { name: 'Ada Lovelace', language: 'en', previous: null },
  },
  {
    id: 5,
    ts: '2025-03-01T09:05:00.000Z',
    actor_type: 'system',
    actor_id: 'login',
    action: 'auth.login_failed',
    target: 'mallory',
    details: { ip: '203.0.113.7' },
  },
  {
    id: 4,
    ts: '2025-03-01T09:04:00.000Z',
    actor_type: 'user',
    actor_id: 'admin',
    action: 'run.stop',
    target: `${RUN},${OTHER_RUN}`,
    details: { run_ids: [RUN, OTHER_RUN] },
  },
  {
    id: 3,
    ts: '2025-03-01T09:03:00.000Z',
    actor_type: 'user',
    actor_id: 'admin',
    action: 'blacklist.add',
    target: '12',
    details: { name: 'Ada Lovelace', profile_url: null, reason: 'client' },
  },
  {
    id: 2,
    ts: '2025-03-01T09:02:00.000Z',
    actor_type: 'user',
    actor_id: 'admin',
    action: 'settings.update',
    target: 'settings',
    details: { changed: ['dry_run'], changes: { dry_run: { old: false, new: true } } },
  },
  {
    id: 1,
    ts: '2025-03-01T09:01:00.000Z',
    actor_type: 'user',
    actor_id: 'admin',
    action: 'linkedin_session.check',
    target: 'linkedin_session',
    details: { result: 'valid' },
  },
];

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
    // An action the catalogue does not know is shown as its code.
    expect(await screen.findByText('bot.stop')).toBeInTheDocument();
    expect(screen.getAllByText('User admin').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Scheduler').length).toBeGreaterThan(0);
    expect(calls[0]?.url).toBe('/api/audit?limit=50');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/audit?limit=50&before=51'));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument());
  });

  it('says each action in words, links runs by short id and shows details as labelled values', async () => {
    mockFetch({ 'GET /api/audit': () => ({ body: { entries: readable } }) });
    renderPage(<AuditPage />, { path: '/audit' });
    const failed = (await screen.findByText('Failed sign-in')).closest('tr')!;
    expect(within(failed).getByText('User mallory')).toBeInTheDocument();
    expect(within(failed).getByText('Address')).toBeInTheDocument();
    expect(within(failed).getByText('203.0.113.7')).toBeInTheDocument();

    const stop = screen.getByText('Run stopped').closest('tr')!;
    const links = within(stop).getAllByRole('link', { name: 'Run 0c9f3a1e' });
    expect(links[0]).toHaveAttribute('href', `/runs/${RUN}`);
    expect(within(stop).getAllByRole('link', { name: 'Run 7d1e2f3a' })[0]).toHaveAttribute(
      'href',
      `/runs/${OTHER_RUN}`,
    );
    expect(stop).not.toHaveTextContent(RUN);

    const added = screen.getByText('Added to the blacklist').closest('tr')!;
    expect(within(added).getByText('Blacklist entry #12')).toBeInTheDocument();
    expect(within(added).getAllByText('Ada Lovelace').length).toBeGreaterThan(0);
    expect(within(added).getByText('client')).toBeInTheDocument();

    const settings = screen.getByText('Settings changed').closest('tr')!;
    expect(within(settings).getByText('Settings')).toBeInTheDocument();
    expect(within(settings)).toBeDefined();
    expect(settings).toHaveTextContent('dry_run: false → true');
    expect(settings).not.toHaveTextContent('{');

    const check = screen.getByText('LinkedIn session checked').closest('tr')!;
    expect(within(check).getByText('LinkedIn session')).toBeInTheDocument();
    expect(screen.queryByText('linkedin_session.check')).not.toBeInTheDocument();
  });

  it('speaks French in the French dashboard', async () => {
    mockFetch({ 'GET /api/audit': () => ({ body: { entries: readable } }) });
    renderPage(<AuditPage />, { path: '/audit', locale: 'fr' });
    expect(await screen.findByText('Échec de connexion')).toBeInTheDocument();
    expect(screen.getByText('Session LinkedIn vérifiée')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Exécution 0c9f3a1e' }).length).toBeGreaterThan(0);
    // A contact given a wish language of their own: the language in words, none is the account's.
    const language = screen.getByText('Langue des vœux d’un contact modifiée').closest('tr')!;
    expect(within(language).getByText('Contact ada-lovelace')).toBeInTheDocument();
    expect(within(language).getByText('Anglais')).toBeInTheDocument();
    expect(within(language).getByText('Langue du compte')).toBeInTheDocument();
    // No action code left, not even as a tooltip: they are English.
    expect(document.querySelector('[title="contact.language"], [title="run.stop"]')).toBeNull();
  });
});
