// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Templates } from '../api/types.ts';
import { fieldsError, mockFetch } from '../testing/fakeApi.ts';
import { cleanupAfterEach, renderPage } from '../testing/render.tsx';
import { fillTemplate, TemplatesPage } from './Templates.tsx';

cleanupAfterEach();

type Lists = { today: string[]; late: string[] };
const ENGLISH_DEFAULTS: Lists = {
  today: ['Happy birthday {first_name}!'],
  late: ['Belated happy birthday!'],
};

/** GET /api/templates: the French set given, the English one the defaults, French wishes. */
function answer(fr: Lists, en: Lists = ENGLISH_DEFAULTS, language: 'fr' | 'en' = 'fr'): Templates {
  const sets = { fr: { ...fr, custom: true }, en: { ...en, custom: en !== ENGLISH_DEFAULTS } };
  return { language, ...sets[language], sets };
}

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
      'GET /api/templates': {
        body: answer({ today: ['Happy birthday {first_name}!'], late: ['Sorry {name}'] }),
      },
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
    // Only the set that changed, named by its language; the wish language did not change.
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      language: 'fr',
      today: ['Happy birthday {first_name}!', 'Bon anniversaire {first_name}'],
      late: ['Belated wishes {name}, {days_late} days late'],
    });
  });

  it('shows the server error next to the template it is about', async () => {
    mockFetch({
      'GET /api/templates': { body: answer({ today: ['Hi {nom}'], late: ['Late'] }) },
      'PUT /api/templates': fieldsError({ 'today.0': 'unknown placeholder {nom}' }),
    });
    const user = userEvent.setup();
    renderPage(<TemplatesPage />);
    const first = (await screen.findAllByLabelText('Message 1'))[0] as HTMLElement;
    await user.type(first, '!');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('unknown placeholder {nom}');
    expect(first).toHaveAttribute('aria-invalid', 'true');
    expect(first).toHaveAccessibleDescription(expect.stringContaining('unknown placeholder {nom}'));
  });

  it('removes a template', async () => {
    mockFetch({ 'GET /api/templates': { body: answer({ today: ['A', 'B'], late: ['C'] }) } });
    const user = userEvent.setup();
    renderPage(<TemplatesPage />);
    await user.click(await screen.findByRole('button', { name: 'Remove Birthdays today — Message 1' }));
    expect(screen.getAllByLabelText('Message 1')[0]).toHaveValue('B');
  });

  it('edits the English set in its tab and makes English the wish language, in one save', async () => {
    const french = { today: ['Joyeux anniversaire {first_name} !'], late: ['Bon anniversaire en retard !'] };
    let current = answer(french);
    const { calls } = mockFetch({
      'GET /api/templates': () => ({ body: current }),
      'PUT /api/templates': (call) => {
        const { language: _l, ...lists } = call.body as Lists & { language: 'en' };
        current = answer(french, lists, current.language);
        return { body: current };
      },
      'PATCH /api/settings': () => {
        current = answer(french, current.sets.en, 'en');
        return { body: {} };
      },
    });
    const user = userEvent.setup();
    renderPage(<TemplatesPage />, { locale: 'fr' });

    // Why the language is the account's, and French chosen.
    expect(
      await screen.findByText(/LinkedIn affiche chaque anniversaire dans la langue de votre compte/),
    ).toBeVisible();
    expect(screen.getByRole('radio', { name: 'Français' })).toBeChecked();
    expect(screen.getByRole('tab', { name: /Français/ })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('preview-today-0')).toHaveTextContent('Joyeux anniversaire Marie !');

    await user.click(screen.getByRole('tab', { name: 'Anglais' }));
    expect(screen.getByText(/Seuls les contacts à qui cette langue est donnée/)).toBeVisible();
    expect(screen.getByText(/Ce sont les messages par défaut/)).toBeVisible();
    const today = screen.getAllByLabelText('Message 1')[0] as HTMLTextAreaElement;
    expect(today).toHaveValue('Happy birthday {first_name}!');
    await user.clear(today);
    await user.type(today, 'Happy birthday {{first_name}, have a great year!');
    expect(screen.getByTestId('preview-today-0')).toHaveTextContent(
      'Happy birthday Marie, have a great year!',
    );
    await user.click(screen.getByRole('radio', { name: 'Anglais' }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    await screen.findByText('Modèles enregistrés');
    const puts = calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => c.body)).toEqual([
      {
        language: 'en',
        today: ['Happy birthday {first_name}, have a great year!'],
        late: ENGLISH_DEFAULTS.late,
      },
    ]);
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ birthday: { language: 'en' } });
    // The English tab now says it is the one wishes use.
    expect(screen.getByRole('tab', { name: /Anglais/ })).toHaveTextContent('utilisé');
    expect(screen.getByRole('radio', { name: 'Anglais' })).toBeChecked();
    expect(screen.queryByText(/Seuls les contacts à qui cette langue est donnée/)).toBeNull();
  });

  it('moves between the sets with the arrow keys', async () => {
    mockFetch({
      'GET /api/templates': { body: answer({ today: ['Salut {first_name}'], late: ['Retard'] }) },
    });
    const user = userEvent.setup();
    renderPage(<TemplatesPage />);
    const french = await screen.findByRole('tab', { name: /French/ });
    expect(screen.getAllByLabelText('Message 1')[0]).toHaveValue('Salut {first_name}');
    french.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'English' })).toHaveFocus();
    expect(screen.getAllByLabelText('Message 1')[0]).toHaveValue('Happy birthday {first_name}!');
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('English');
  });
});
