// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { OutcomeActions } from '../components/birthdays/OutcomeActions.tsx';
import { apiError, mockFetch } from '../testing/fakeApi.ts';
import { makeRun, makeStatus } from '../testing/fixtures.ts';
import { cleanupAfterEach, renderPage } from '../testing/render.tsx';
import { BirthdaysPage } from './Birthdays.tsx';

cleanupAfterEach();

const contact = (slug: string, name: string, days_late: number | null, status: string) => ({
  slug,
  name,
  profile_url: `https://www.linkedin.com/in/${slug}`,
  days_late,
  birthday_date: days_late === null ? null : '2025-06-10',
  status,
  template_kind: days_late === 0 ? 'today' : 'late',
  language: null,
  wish_language: 'fr',
});

const PREVIEW = {
  as_of: '2025-06-10T09:00:00.000Z',
  run_id: 'r1',
  run: null,
  seen_on: '2025-06-10',
  today: '2025-06-10',
  remaining: 5,
  contacts: [
    contact('ada', 'Ada Lovelace', 0, 'will_wish'),
    contact('bob', 'Bob Martin', 0, 'blacklisted'),
    contact('cy', 'Cy Young', 3, 'already_wished'),
    contact('di', 'Di Prince', null, 'too_late'),
  ],
};

const routes = (extra: Record<string, Parameters<typeof mockFetch>[0][string]> = {}) =>
  mockFetch({
    'GET /api/birthdays/preview': { body: PREVIEW },
    'GET /api/bot/status': { body: makeStatus() },
    ...extra,
  });

describe('BirthdaysPage', () => {
  it('lists each birthday with when, template list and status, in English and French', async () => {
    routes();
    renderPage(<BirthdaysPage />);
    const ada = await screen.findByTestId('preview-ada');
    expect(within(ada).getByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute(
      'href',
      'https://www.linkedin.com/in/ada',
    );
    expect(ada).toHaveTextContent("Today's templates");
    expect(screen.getByTestId('preview-status-ada')).toHaveTextContent('Will be wished');
    expect(screen.getByTestId('preview-status-bob')).toHaveTextContent('Blacklisted');
    expect(screen.getByTestId('preview-cy')).toHaveTextContent('3 day(s) late');
    expect(screen.getByTestId('preview-di')).toHaveTextContent('Late (date not shown)');
    // Blacklisted: no "never wish" again, no "wish now"; already wished: no "wish now".
    expect(within(screen.getByTestId('preview-bob')).queryByRole('button')).toBeNull();
    expect(within(screen.getByTestId('preview-cy')).queryByRole('button', { name: /Wish/ })).toBeNull();
    cleanup();
    routes();
    renderPage(<BirthdaysPage />, { locale: 'fr' });
    expect(await screen.findByTestId('preview-status-ada')).toHaveTextContent('Sera souhaité');
    expect(screen.getByTestId('preview-status-cy')).toHaveTextContent('Déjà souhaité');
    expect(screen.getByRole('button', { name: 'Regarder maintenant' })).toBeEnabled();
  });

  it('wish now starts a run for the contact; outside the window it asks, then forces', async () => {
    let first = true;
    const { calls } = routes({
      'POST /api/birthdays/ada/wish': () => {
        if (first) {
          first = false;
          return apiError(409, 'outside_window', 'Outside the daily window');
        }
        return { status: 202, body: { run: makeRun({ options: { only_contacts: ['ada'], force: true } }) } };
      },
    });
    const user = userEvent.setup();
    renderPage(<BirthdaysPage />);
    await user.click(await screen.findByRole('button', { name: 'Wish Ada Lovelace now' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('Wish Ada Lovelace anyway?');
    await user.click(within(dialog).getByRole('button', { name: 'Wish anyway' }));
    expect(await screen.findByText('A run for Ada Lovelace started.')).toBeInTheDocument();
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => [c.url, c.body])).toEqual([
      ['/api/birthdays/ada/wish', {}],
      ['/api/birthdays/ada/wish', { force: true }],
    ]);
  });

  it('never wish asks, then adds the contact to the blacklist; already there is said gently', async () => {
    let added = 0;
    const { calls } = routes({
      'POST /api/blacklist': () => {
        added++;
        return added === 1
          ? { status: 201, body: { id: 1 } }
          : apiError(409, 'already_blacklisted', 'Already on the blacklist');
      },
    });
    const user = userEvent.setup();
    renderPage(<BirthdaysPage />);
    await user.click(await screen.findByRole('button', { name: 'Never wish Ada Lovelace' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Add to the blacklist' }));
    expect(await screen.findByText('Ada Lovelace is on the blacklist.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Ada Lovelace',
      profile_url: 'https://www.linkedin.com/in/ada',
    });
    await user.click(screen.getByRole('button', { name: 'Never wish Ada Lovelace' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Add to the blacklist' }),
    );
    expect(await screen.findByText('Ada Lovelace is already on the blacklist.')).toBeInTheDocument();
  });

  it('gives a contact a wish language of their own from its row', async () => {
    const { calls } = routes({
      'PATCH /api/contacts/ada': { body: { slug: 'ada', language: 'en' } },
    });
    const user = userEvent.setup();
    renderPage(<BirthdaysPage />);
    const select = await screen.findByLabelText('Wish language of Ada Lovelace');
    expect(select).toHaveValue('');
    expect(screen.getByTestId('preview-ada')).toHaveTextContent('in French');
    await user.selectOptions(select, 'en');
    expect(await screen.findByText('Wish language of Ada Lovelace saved.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ language: 'en' });
  });

  it('says when no run has read the page yet, and "look now" starts a birthday dry run', async () => {
    const { calls } = mockFetch({
      'GET /api/birthdays/preview': {
        body: { ...PREVIEW, as_of: null, run_id: null, seen_on: null, contacts: [] },
      },
      'GET /api/bot/status': { body: makeStatus() },
      'POST /api/bot/action': { status: 202, body: { run: makeRun({ dry_run: true }) } },
    });
    const user = userEvent.setup();
    renderPage(<BirthdaysPage />);
    expect(await screen.findByText(/No birthday run has read the birthday page yet/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Look now' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        action: 'start',
        job_type: 'birthday',
        dry_run: true,
      }),
    );
  });
});

describe('OutcomeActions', () => {
  const outcome = (over: object) => ({
    id: 1,
    run_id: 'r1',
    account_id: 'default',
    ts: '2025-06-10T09:00:00.000Z',
    contact_name: 'Ada Lovelace',
    profile_url: 'https://www.linkedin.com/in/ada',
    status: 'error' as const,
    reason: 'Message button not found',
    error_code: 'selector_not_found',
    screenshot: null,
    ...over,
  });

  it('offers retry on a failed row, wish now on a skipped one, nothing to wish on a sent one', async () => {
    mockFetch({});
    renderPage(<OutcomeActions outcome={outcome({})} runType="birthday" />);
    expect(screen.getByRole('button', { name: 'Retry Ada Lovelace' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Never wish Ada Lovelace' })).toBeInTheDocument();
    cleanup();
    renderPage(
      <OutcomeActions outcome={outcome({ status: 'skipped', reason: 'limit' })} runType="birthday" />,
    );
    expect(screen.getByRole('button', { name: 'Wish Ada Lovelace now' })).toBeInTheDocument();
    cleanup();
    renderPage(<OutcomeActions outcome={outcome({ status: 'sent', reason: null })} runType="birthday" />);
    expect(screen.queryByRole('button', { name: /Wish|Retry/ })).toBeNull();
    cleanup();
    renderPage(<OutcomeActions outcome={outcome({})} runType="visitor" />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
