// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fieldsError, mockFetch } from '../testing/fakeApi.ts';
import { cleanupAfterEach, renderPage } from '../testing/render.tsx';
import { fillTemplate, TemplatesPage } from './Templates.tsx';

cleanupAfterEach();

describe('fillTemplate', () => {
  it('fills every placeholder with the sample contact and leaves other braces alone', () => {
    expect(fillTemplate('Hi {first_name} ({name}), {days_late} days {late}')).toBe(
      'Hi Marie (Marie Curie), 3 days {late}',
    );
  });
});

describe('TemplatesPage', () => {
  it('previews the placeholders live, and saves with PUT', async () => {
    const { calls } = mockFetch({
      'GET /api/templates': { body: { today: ['Happy birthday {first_name}!'], late: ['Sorry {name}'] } },
      'PUT /api/templates': (call) => ({ body: call.body }),
    });
    const user = userEvent.setup();
    renderPage(<TemplatesPage />);

    expect(await screen.findByTestId('preview-today-0')).toHaveTextContent('Happy birthday Marie!');
    expect(screen.getByTestId('preview-late-0')).toHaveTextContent('Sorry Marie Curie');

    const late = screen.getAllByLabelText('Message 1')[1] as HTMLTextAreaElement;
    await user.clear(late);
    await user.type(late, 'Belated wishes {{name}, {{days_late} days late', { skipClick: false });
    expect(screen.getByTestId('preview-late-0')).toHaveTextContent('Belated wishes Marie Curie, 3 days late');

    await user.click(screen.getAllByRole('button', { name: 'Add a message' })[0] as HTMLElement);
    expect(screen.getAllByLabelText('Message 2')).toHaveLength(1);
    await user.type(screen.getByLabelText('Message 2'), 'Bon anniversaire {{first_name}');
    expect(screen.getByTestId('preview-today-1')).toHaveTextContent('Bon anniversaire Marie');

    await user.click(screen.getAllByRole('button', { name: 'Save' })[0] as HTMLElement);
    await screen.findByText('Templates saved');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      today: ['Happy birthday {first_name}!', 'Bon anniversaire {first_name}'],
      late: ['Belated wishes {name}, {days_late} days late'],
    });
  });

  it('shows the server error next to the template it is about', async () => {
    mockFetch({
      'GET /api/templates': { body: { today: ['Hi {nom}'], late: ['Late'] } },
      'PUT /api/templates': fieldsError({ 'today.0': 'unknown placeholder {nom}' }),
    });
    const user = userEvent.setup();
    renderPage(<TemplatesPage />);
    const first = (await screen.findAllByLabelText('Message 1'))[0] as HTMLElement;
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('unknown placeholder {nom}');
    expect(first).toHaveAttribute('aria-invalid', 'true');
    expect(first).toHaveAccessibleDescription(expect.stringContaining('unknown placeholder {nom}'));
  });

  it('removes a template', async () => {
    mockFetch({ 'GET /api/templates': { body: { today: ['A', 'B'], late: ['C'] } } });
    const user = userEvent.setup();
    renderPage(<TemplatesPage />);
    await user.click(await screen.findByRole('button', { name: 'Remove Birthdays today — Message 1' }));
    expect(screen.getAllByLabelText('Message 1')[0]).toHaveValue('B');
  });
});
