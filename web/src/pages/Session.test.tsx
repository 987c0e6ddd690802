// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, fieldsError, mockFetch } from '../testing/fakeApi.ts';
import { cleanupAfterEach, renderPage, stubClipboard } from '../testing/render.tsx';
import { NO_SESSION, SessionPage } from './Session.tsx';

cleanupAfterEach();

const MISSING = NO_SESSION;
const STORED = {
  ...NO_SESSION,
  status: 'unchecked',
  updated_at: '2025-03-01T09:00:00.000Z',
  cookie_names: ['li_at', 'JSESSIONID'],
};
const FILES = '/api/linkedin/doctor/latest/files/';
const step = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  ok: true,
  skipped: false,
  detail: `${name} detail`,
  strategy: 'primary',
  strategies: [],
  error: null,
  screenshot: `${FILES}doctor-${name}-1.png`,
  snapshot: `${FILES}doctor-${name}.html`,
  ...over,
});
const PRESENTED = {
  user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/156.0.0.0 Safari/537.36',
  client_hints: null,
  platform: 'Windows',
  languages: ['fr-FR'],
  timezone: 'Europe/Paris',
  screen: '1920×1080',
  window: '1920×1040 (page 1904×952)',
  hardware_concurrency: 8,
  device_memory: 8,
  webgl_renderer: null,
};
const REPORT = {
  at: '2025-03-01T09:05:00.000Z',
  ok: false,
  steps: [
    step('session', { detail: 'logged in' }),
    step('birthdays', { detail: '12 birthday card(s): 10 today, 2 late' }),
    step('message_box', {
      detail: 'opened (main) and closed without typing',
      strategy: 'fallback',
      strategies: [{ element: 'messageButton', fallback: 3, of: 7, primary: false, selector: 'role=link' }],
    }),
    step('search', {
      ok: false,
      detail: 'No search result or empty state',
      error: { code: 'element_not_found', message: 'No search result or empty state' },
    }),
    step('invitations', {
      ok: false,
      skipped: true,
      detail: 'needs a working session',
      strategy: null,
      screenshot: null,
      snapshot: null,
    }),
  ],
};
const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('SessionPage', () => {
  it('saves cookies, shows the status and never renders a cookie value', async () => {
    const { calls } = mockFetch({
      'GET /api/linkedin/session': { body: MISSING },
      'PUT /api/linkedin/session': { body: STORED },
      'POST /api/linkedin/session/check': {
        body: { ...STORED, status: 'valid', checked_at: '2025-03-01T09:01:00.000Z' },
      },
    });
    const user = userEvent.setup();
    const { container } = renderPage(<SessionPage />);

    expect(await screen.findByText('Missing')).toBeInTheDocument();
    await user.type(screen.getByLabelText('li_at cookie'), 'AQEDAsecret-li-at');
    await user.type(screen.getByLabelText('JSESSIONID cookie'), 'ajax:secret-jsession');
    await user.click(screen.getByRole('button', { name: 'Save session' }));

    expect(await screen.findByText('Not checked')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      cookies: { li_at: 'AQEDAsecret-li-at', JSESSIONID: 'ajax:secret-jsession' },
    });
    expect(screen.getByText('li_at, JSESSIONID')).toBeInTheDocument();
    expect(screen.getByLabelText('li_at cookie')).toHaveValue('');
    expect(screen.getByLabelText('JSESSIONID cookie')).toHaveValue('');
    expect(container.innerHTML).not.toContain('secret');
    expect(document.body.innerHTML).not.toContain('secret');

    await user.click(screen.getByRole('button', { name: 'Check now' }));
    expect(await screen.findByText('Valid')).toBeInTheDocument();
    expect(await screen.findByText('The session is valid')).toBeInTheDocument();
  });

  /** No session yet; a PUT stores one whose browser is Chrome `major` (the UA's). */
  const savedFromBrowser = (major: number) => ({
    'GET /api/linkedin/session': { body: MISSING },
    'PUT /api/linkedin/session': {
      body: { ...STORED, cookie_names: ['li_at'], user_agent: UA, browser: { family: 'Chrome', major } },
    },
  });

  it('uploads the file written by connect --out as is, and shows the browser it comes from', async () => {
    const state = {
      cookies: [{ name: 'li_at', value: 'file-secret', domain: '.linkedin.com', path: '/' }],
      origins: [],
      user_agent: UA,
    };
    const { calls } = mockFetch(savedFromBrowser(131));
    const user = userEvent.setup();
    renderPage(<SessionPage />);
    const input = await screen.findByLabelText('Session file (JSON)');
    await user.upload(
      input,
      new File([JSON.stringify(state)], 'linkedin-session.json', { type: 'application/json' }),
    );
    await waitFor(() => expect(screen.getByLabelText('li_at cookie')).toBeDisabled());
    await user.click(screen.getByRole('button', { name: 'Save session' }));
    await screen.findByText('Not checked');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual(state);
    expect(document.body.innerHTML).not.toContain('file-secret');
    const browser = screen.getByText('Chrome 131');
    expect(browser).toHaveAttribute('title', UA);
    expect(screen.getByText('Browser')).toBeInTheDocument();
  });

  it('sends a pasted user agent with the pasted cookies, so runs present that browser', async () => {
    const { calls } = mockFetch(savedFromBrowser(156));
    const user = userEvent.setup();
    renderPage(<SessionPage />);
    await user.type(await screen.findByLabelText('li_at cookie'), 'secret-li-at');
    await user.type(screen.getByLabelText("Your browser's user agent (optional)"), `  ${UA} `);
    await user.click(screen.getByRole('button', { name: 'Save session' }));
    await screen.findByText('Chrome 156');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      cookies: { li_at: 'secret-li-at' },
      user_agent: UA,
    });
    expect(screen.getByLabelText("Your browser's user agent (optional)")).toHaveValue('');
  });

  it("shows the server's objection to a pasted user agent on its field", async () => {
    mockFetch({
      'GET /api/linkedin/session': { body: MISSING },
      'PUT /api/linkedin/session': fieldsError({ user_agent: 'must be a browser user agent' }),
    });
    const user = userEvent.setup();
    renderPage(<SessionPage />);
    await user.type(await screen.findByLabelText('li_at cookie'), 'secret-li-at');
    await user.type(screen.getByLabelText("Your browser's user agent (optional)"), 'curl/8');
    await user.click(screen.getByRole('button', { name: 'Save session' }));
    expect(await screen.findByText('must be a browser user agent')).toBeInTheDocument();
  });

  it("says in French why the server refused the pasted cookie, from the error's code", async () => {
    mockFetch({
      'GET /api/linkedin/session': { body: MISSING },
      'PUT /api/linkedin/session': apiError(400, 'invalid_input', 'Invalid input', {
        fields: { 'cookies.li_at': 'li_at has expired: export fresh cookies from a logged-in browser' },
        field_errors: { 'cookies.li_at': { code: 'session_cookie_expired' } },
      }),
    });
    const user = userEvent.setup();
    renderPage(<SessionPage />, { locale: 'fr' });
    await user.type(await screen.findByLabelText('Cookie li_at'), 'AQEDAR-old');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la session' }));
    expect(
      await screen.findByText(
        'Ce cookie li_at a expiré : copiez-en un récent depuis un navigateur connecté à LinkedIn',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Valeur invalide')).not.toBeInTheDocument();
    expect(screen.queryByText(/has expired/)).not.toBeInTheDocument();
  });

  it('explains both ways: the connect command for this dashboard, copyable, and the cookies by hand', async () => {
    mockFetch({ 'GET /api/linkedin/session': { body: MISSING } });
    const user = userEvent.setup();
    const writeText = stubClipboard();
    renderPage(<SessionPage />);

    const connect = await screen.findByRole('region', {
      name: 'Connect LinkedIn from your computer (recommended)',
    });
    const command = `npx linkedin-birthday-bot connect --server ${window.location.origin}`;
    expect(within(connect).getByText(command)).toBeInTheDocument();
    expect(within(connect).getAllByRole('listitem')).toHaveLength(5);
    expect(within(connect).getByText(/--out linkedin-session\.json/)).toBeInTheDocument();
    // Without a stored session, no browser line.
    expect(screen.queryByText('Browser')).not.toBeInTheDocument();
    await user.click(within(connect).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(command);
    expect(await screen.findByText('Command copied')).toBeInTheDocument();

    const manual = screen.getByRole('region', { name: 'Or paste the cookies by hand' });
    expect(
      within(manual).getByText(/Application tab → Cookies → https:\/\/www\.linkedin\.com/),
    ).toBeInTheDocument();
    expect(within(manual).getByLabelText('li_at cookie')).toBeInTheDocument();
  });

  it('shows the steps in French', async () => {
    mockFetch({ 'GET /api/linkedin/session': { body: MISSING } });
    renderPage(<SessionPage />, { locale: 'fr' });
    expect(
      await screen.findByRole('region', { name: 'Connecter LinkedIn depuis votre ordinateur (recommandé)' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Lancez cette commande :')).toBeInTheDocument();
    expect(screen.getByLabelText('Fichier de session (JSON)')).toBeInTheDocument();
  });

  it('names the screenshot of a failed check', async () => {
    mockFetch({
      'GET /api/linkedin/session': { body: STORED },
      'POST /api/linkedin/session/check': {
        status: 503,
        body: {
          error: {
            code: 'session_check_failed',
            message:
              'The LinkedIn session check could not complete (LinkedIn did not answer in time): try again later',
            details: {
              reason: 'timeout',
              screenshot: 'session-checks/2025-03-01T09-00-00-000Z/check-session-1.png',
            },
          },
        },
      },
    });
    const user = userEvent.setup();
    renderPage(<SessionPage />);
    await user.click(await screen.findByRole('button', { name: 'Check now' }));
    expect(await screen.findByText(/LinkedIn did not answer in time/)).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Screenshot of the page: session-checks/2025-03-01T09-00-00-000Z/check-session-1.png (in the data directory)',
      ),
    ).toBeInTheDocument();
  });

  it('checks the LinkedIn pages: busy while it walks, then each step, fallbacks, screenshots and the report', async () => {
    let finish: () => void = () => {};
    const walked = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const { calls } = mockFetch({
      'GET /api/linkedin/session': { body: STORED },
      'POST /api/linkedin/doctor': async () => {
        await walked;
        return { body: REPORT };
      },
    });
    const user = userEvent.setup();
    renderPage(<SessionPage />);
    const card = await screen.findByRole('region', { name: 'Check the LinkedIn pages' });
    // No report yet (404): no steps, nothing to download.
    await waitFor(() => expect(calls.some((c) => c.path === '/api/linkedin/doctor/latest')).toBe(true));
    expect(within(card).queryByRole('list')).not.toBeInTheDocument();
    expect(within(card).queryByRole('link', { name: 'Download the report' })).not.toBeInTheDocument();
    expect(within(card).getByText(/Nothing is typed or sent/)).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Check LinkedIn pages' }));
    const busy = await within(card).findByRole('button', { name: 'Checking the pages… (up to 3 minutes)' });
    expect(busy).toBeDisabled();
    expect(busy).toHaveAttribute('aria-busy', 'true');
    finish();

    const steps = await within(card).findByRole('list', { name: 'Steps of the check' });
    const items = within(steps).getAllByRole('listitem');
    expect(items.map((li) => li.firstChild?.textContent)).toEqual([
      'Session',
      'Birthday page',
      'Message box',
      'People search',
      'Sent invitations',
    ]);
    expect(within(items[1]!).getByText('OK')).toBeInTheDocument();
    expect(within(items[1]!).getByText('12 birthday card(s): 10 today, 2 late')).toBeInTheDocument();
    expect(within(items[2]!).getByText('fallback')).toHaveAttribute(
      'title',
      expect.stringContaining('fallback selector'),
    );
    expect(within(items[1]!).queryByText('fallback')).not.toBeInTheDocument();
    expect(within(items[3]!).getByText('Failed')).toBeInTheDocument();
    expect(within(items[3]!).getByText('element_not_found')).toBeInTheDocument();
    expect(within(items[4]!).getByText('Skipped')).toBeInTheDocument();
    expect(within(items[4]!).queryByRole('link')).not.toBeInTheDocument();
    const shot = within(items[2]!).getByRole('link', { name: 'Screenshot of the step “Message box”' });
    expect(shot).toHaveAttribute('href', `${FILES}doctor-message_box-1.png`);
    expect(shot).toHaveAttribute('target', '_blank');
    expect(
      within(card).getByText('Some pages do not look as the bots expect', { selector: 'span' }),
    ).toBeInTheDocument();
    const download = within(card).getByRole('link', { name: 'Download the report' });
    expect(download).toHaveAttribute('href', '/api/linkedin/doctor/latest/bundle');
    expect(download).toHaveAttribute('download');
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/linkedin/doctor')).toHaveLength(1);
  });

  it('shows the latest report on load, in French', async () => {
    mockFetch({
      'GET /api/linkedin/session': { body: { ...STORED, status: 'valid' } },
      'GET /api/linkedin/doctor/latest': { body: { ...REPORT, ok: true, steps: REPORT.steps.slice(0, 3) } },
    });
    renderPage(<SessionPage />, { locale: 'fr' });
    const card = await screen.findByRole('region', { name: 'Vérifier les pages LinkedIn' });
    expect(within(card).getByRole('button', { name: 'Vérifier les pages LinkedIn' })).toBeEnabled();
    const steps = await within(card).findByRole('list', { name: 'Étapes de la vérification' });
    expect(within(steps).getByText('Page des anniversaires')).toBeInTheDocument();
    expect(within(steps).getByText('solution de repli')).toBeInTheDocument();
    expect(within(card).getByText('Toutes les pages ont l’allure attendue par les bots')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Télécharger le rapport' })).toHaveAttribute(
      'href',
      '/api/linkedin/doctor/latest/bundle',
    );
    expect(within(card).getAllByRole('link', { name: /^Capture de l’étape/ })).toHaveLength(3);
  });

  it('shows what LinkedIn sees of the browser: each automation tell named, the GPU only noted', async () => {
    const fingerprint = {
      tells: [
        { code: 'headless', message: '"Headless" in sec-ch-ua' },
        { code: 'timezone', message: 'the page’s timezone is UTC, the settings say Europe/Paris' },
      ],
      notes: [{ code: 'software_gpu', message: 'WebGL renders in software (SwiftShader)' }],
      presented: { ...PRESENTED, timezone: 'UTC', webgl_renderer: 'SwiftShader' },
    };
    const steps = [
      REPORT.steps[0]!,
      step('fingerprint', {
        ok: false,
        strategy: null,
        detail: '2 automation tell(s): headless, timezone',
        error: { code: 'automation_tells', message: 'headless: …; timezone: …' },
      }),
    ];
    mockFetch({
      'GET /api/linkedin/session': { body: STORED },
      'GET /api/linkedin/doctor/latest': { body: { ...REPORT, steps, fingerprint } },
    });
    renderPage(<SessionPage />);
    const card = await screen.findByRole('region', { name: 'Check the LinkedIn pages' });
    const list = await within(card).findByRole('list', { name: 'Steps of the check' });
    expect(within(list).getByText('Browser fingerprint')).toBeInTheDocument();
    const seen = within(card).getByRole('region', { name: 'What LinkedIn sees of the browser' });
    const tells = within(seen).getByRole('list', { name: 'Automation tells' });
    expect(
      within(tells)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'headless“Headless” in the user agent or its client hints"Headless" in sec-ch-ua',
      'timezoneThe browser’s timezone is not the one of the settingsthe page’s timezone is UTC, the settings say Europe/Paris',
    ]);
    const notes = within(seen).getByRole('list', { name: /impossible to hide on a server/ });
    expect(within(notes).getByText(/a server has no graphics card/)).toBeInTheDocument();
    expect(within(seen).getByText('1920×1040 (page 1904×952)')).toBeInTheDocument();
  });

  it('says when the browser shows no automation tell, in French', async () => {
    mockFetch({
      'GET /api/linkedin/session': { body: STORED },
      'GET /api/linkedin/doctor/latest': {
        body: { ...REPORT, fingerprint: { tells: [], notes: [], presented: PRESENTED } },
      },
    });
    renderPage(<SessionPage />, { locale: 'fr' });
    const seen = await screen.findByRole('region', { name: 'Ce que LinkedIn voit du navigateur' });
    expect(within(seen).getByText(/Aucun signe d’automatisation/)).toBeInTheDocument();
    expect(within(seen).queryByRole('list')).not.toBeInTheDocument();
  });

  it('has no page check without a stored session', async () => {
    mockFetch({ 'GET /api/linkedin/session': { body: MISSING } });
    renderPage(<SessionPage />);
    await screen.findByText('Missing');
    expect(screen.queryByRole('region', { name: 'Check the LinkedIn pages' })).not.toBeInTheDocument();
  });

  it('deletes the session after confirmation', async () => {
    const { calls } = mockFetch({
      'GET /api/linkedin/session': { body: { ...STORED, status: 'expired' } },
      'DELETE /api/linkedin/session': { status: 204 },
    });
    const user = userEvent.setup();
    renderPage(<SessionPage />);
    expect(await screen.findByText('Expired')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete session' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete session' }),
    );
    expect(await screen.findByText('Missing')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true);
  });
});
