// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, mockFetch } from '../testing/fakeApi.ts';
import { cleanupAfterEach, renderPage } from '../testing/render.tsx';
import { LoginPage } from './Login.tsx';

cleanupAfterEach();

describe('LoginPage', () => {
  it('says how long to wait when the login limit holds', async () => {
    mockFetch({
      'POST /api/auth/login': apiError(429, 'rate_limited', 'Too many failed logins', {
        retry_after_seconds: 42,
      }),
    });
    const user = userEvent.setup();
    renderPage(<LoginPage />, { path: '/login' });
    await user.type(screen.getByLabelText('Username'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Too many attempts: try again in 42 s')).toBeInTheDocument();
  });
});
