// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fieldsError, mockFetch } from '../testing/fakeApi.ts';
import { cleanupAfterEach, renderPage } from '../testing/render.tsx';
import { BlacklistPage } from './Blacklist.tsx';

cleanupAfterEach();

const ADA = {
  id: 1,
  name: 'Ada Lovelace',
  profile_url: 'https://www.linkedin.com/in/ada',
  reason: 'Family',
  created_at: '2025-01-02T10:00:00.000Z',
};

describe('BlacklistPage', () => {
  it('adds an entry', async () => {
    let entries: Record<string, unknown>[] = [ADA];
    const { calls } = mockFetch({
      'GET /api/blacklist': () => ({ body: { entries } }),
      'POST /api/blacklist': (call) => {
        const entry = {
          id: 2,
          created_at: '2025-02-01T10:00:00.000Z',
          name: null,
          reason: null,
          profile_url: null,
          ...(call.body as object),
        };
        entries = [entry, ...entries];
        return { status: 201, body: entry };
      },
    });
    const user = userEvent.setup();
    renderPage(<BlacklistPage />);
    expect(await screen.findByText('Ada Lovelace')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Name'), 'Alan Turing');
    await user.type(screen.getByLabelText('Profile URL'), 'https://www.linkedin.com/in/alan');
    await user.click(screen.getByRole('button', { name: 'Add' }));

    expect(await screen.findByText('Alan Turing')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Alan Turing',
      profile_url: 'https://www.linkedin.com/in/alan',
    });
    expect(screen.getByLabelText('Name')).toHaveValue('');
  });

  it('shows the field error of a rejected entry', async () => {
    mockFetch({
      'GET /api/blacklist': { body: { entries: [] } },
      'POST /api/blacklist': fieldsError({ profile_url: 'must be a LinkedIn profile URL' }),
    });
    const user = userEvent.setup();
    renderPage(<BlacklistPage />);
    await screen.findByText('The blacklist is empty.');
    await user.type(screen.getByLabelText('Profile URL'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await screen.findByText('must be a LinkedIn profile URL');
    expect(screen.getByLabelText('Profile URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Profile URL')).toHaveValue('nope');
  });

  it('removes an entry after confirmation', async () => {
    let entries = [ADA];
    const { calls } = mockFetch({
      'GET /api/blacklist': () => ({ body: { entries } }),
      'DELETE /api/blacklist/1': () => {
        entries = [];
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    renderPage(<BlacklistPage />);
    await user.click(await screen.findByRole('button', { name: 'Remove Ada Lovelace' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('Remove Ada Lovelace from the blacklist?');
    // The question is asked once: the description says what removing does.
    expect(dialog.textContent?.split('from the blacklist?')).toHaveLength(2);
    expect(dialog).toHaveTextContent('The bots may message this contact again.');
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByText('Ada Lovelace')).not.toBeInTheDocument());
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/blacklist/1')).toBe(true);
    expect(await screen.findByText('The blacklist is empty.')).toBeInTheDocument();
  });
});
