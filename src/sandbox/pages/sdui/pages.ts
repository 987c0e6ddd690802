import { html, jsonScript, type SafeHtml } from '../../html.ts';
import type { Person } from '../../people.ts';
import { OWNER } from '../../state.ts';
import type { Contact } from '../../world.ts';
import { avatarUrl, type PageContext } from '../layout.ts';
import { type SearchResults, searchTitle } from '../search.ts';
import { absoluteProfileUrl, cx, sduiLayout } from './layout.ts';

/** The other sdui pages: feed, network hub, settings, profile, people search, logged-out pages. */

export function sduiFeedPage(ctx: PageContext, authors: readonly Contact[]): SafeHtml {
  const { t } = ctx;
  const posts = authors.map(
    (c) => html`<div class="${cx(ctx, 'post')}" role="article">
  <a class="${cx(ctx, 'post-actor')}" href="${absoluteProfileUrl(c.slug)}"><img class="${cx(ctx, 'avatar')}" src="${avatarUrl(c.name)}" alt="" width="48" height="48"><span>${c.name}</span></a>
  <p class="${cx(ctx, 'muted')}">${c.headline}</p>
  <p class="${cx(ctx, 'text')}">${ctx.locale === 'fr' ? 'Ravie de partager une nouvelle étape !' : 'Excited to share some news!'}</p>
</div>`,
  );
  const body = html`<section>
  <h2 class="${cx(ctx, 'title')}">${t.feedTitle}</h2>
  <div class="${cx(ctx, 'card')}"><button class="${cx(ctx, 'secondary-button')}" type="button">${t.startPost}</button></div>
  ${posts}
</section>`;
  return sduiLayout(ctx, { title: t.feedTitle, body, loggedIn: true });
}

export function sduiNetworkPage(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="${cx(ctx, 'card')}"><h2 class="${cx(ctx, 'title')}">${t.navNetwork}</h2>
  <p class="${cx(ctx, 'text')}"><a href="/mynetwork/catch-up/birthday/">${t.birthdaysTitle}</a></p>
  <p class="${cx(ctx, 'text')}"><a href="/mynetwork/invitation-manager/sent/">${t.invitationsTitle}</a></p>
</section>`;
  return sduiLayout(ctx, { title: t.navNetwork, body, loggedIn: true });
}

export function sduiSettingsPage(ctx: PageContext): SafeHtml {
  const s = ctx.t.sdui;
  const body = html`<section class="${cx(ctx, 'card')}"><h2 class="${cx(ctx, 'title')}">${s.settingsTitle}</h2><p class="${cx(ctx, 'text')}">${OWNER.name}</p></section>`;
  return sduiLayout(ctx, { title: s.settingsTitle, body, loggedIn: true });
}

/** `/in/<slug>/`: the name in an `h2` (no `h1` anywhere), the headline in a `<p>`. */
export function sduiProfilePage(ctx: PageContext, person: Person, contact: Contact | undefined): SafeHtml {
  const { t } = ctx;
  const message = contact
    ? html`<a class="${cx(ctx, 'primary-button')}" href="/messaging/compose/?recipient=${encodeURIComponent(contact.urn)}&amp;interop=msgOverlay" aria-label="${t.sdui.messageAria(person.name)}" data-sandbox-action="compose" data-sandbox-kind="profile">${t.message}</a>`
    : '';
  const body = html`<section class="${cx(ctx, 'profile-card')}" data-view-name="profile-card">
  <div class="${cx(ctx, 'profile-banner')}"></div>
  <div class="${cx(ctx, 'profile-body')}">
    <img class="${cx(ctx, 'profile-photo')}" src="${avatarUrl(person.name)}" alt="${person.name}" width="128" height="128">
    <h2 class="${cx(ctx, 'profile-name')}">${person.name}</h2>
    <p class="${cx(ctx, 'text')}">${person.headline}</p>
    <p class="${cx(ctx, 'muted')}">${person.location}</p>
    <div>${message}</div>
  </div>
</section>`;
  return sduiLayout(ctx, { title: person.name, body, loggedIn: true });
}

export function sduiNotFoundPage(ctx: PageContext, loggedIn: boolean): SafeHtml {
  const body = html`<section class="${cx(ctx, 'card')}"><h2 class="${cx(ctx, 'title')}">${ctx.t.profileNotFound}</h2><p class="${cx(ctx, 'text')}"><a href="/feed/">${ctx.t.navHome}</a></p></section>`;
  return sduiLayout(ctx, { title: ctx.t.profileNotFound, body, loggedIn });
}

// ---- People search.

/** Rows rendered with content in the HTML; the others fill in as they scroll into view. */
export const SDUI_RENDERED_ROWS = 3;

function resultInner(ctx: PageContext, c: Contact): SafeHtml {
  const { t } = ctx;
  const href = absoluteProfileUrl(c.slug);
  return html`<a href="${href}" tabindex="-1" aria-hidden="true"><img class="${cx(ctx, 'avatar')}" src="${avatarUrl(c.name)}" alt="" width="48" height="48"></a>
  <div class="${cx(ctx, 'row-body')}">
    <a class="${cx(ctx, 'row-title')}" data-view-name="search-result-lockup-title" href="${href}">${c.name}</a>
    <p class="${cx(ctx, 'text')}">${c.headline}</p>
    <p class="${cx(ctx, 'muted')}">${c.location}</p>
  </div>
  <button class="${cx(ctx, 'secondary-button')}" type="button" aria-label="${t.connectAria(c.name)}" aria-pressed="false" data-sandbox-action="toggle">${t.connect}</button>`;
}

export function sduiSearchPage(ctx: PageContext, search: SearchResults): SafeHtml {
  const { t } = ctx;
  const { shown, page, pages } = search;
  const later: Record<string, string> = {};
  const rows = shown.map((c, i) => {
    if (i < SDUI_RENDERED_ROWS) {
      return html`<div class="${cx(ctx, 'row')}" role="listitem">${resultInner(ctx, c)}</div>`;
    }
    later[String(i)] = resultInner(ctx, c).value;
    return html`<div class="${cx(ctx, 'row')}" role="listitem" data-sandbox-row="${String(i)}"></div>`;
  });
  const prev =
    page > 1
      ? html`<button class="${cx(ctx, 'secondary-button')}" type="button" data-testid="pagination-controls-prev-button-visible" data-sandbox-action="page" data-sandbox-page="${String(page - 1)}">${t.previous}</button>`
      : '';
  const next =
    page < pages
      ? html`<button class="${cx(ctx, 'secondary-button')}" type="button" data-testid="pagination-controls-next-button-visible" data-sandbox-action="page" data-sandbox-page="${String(page + 1)}">${t.next}</button>`
      : '';
  const list =
    shown.length === 0
      ? html`<p class="${cx(ctx, 'empty-state')}">${t.noResults}</p>`
      : html`<div role="list">${rows}</div>
  ${jsonScript('sandbox-search-rows', later)}`;
  const pagination =
    pages > 1 || page > 1
      ? html`<div class="${cx(ctx, 'pagination')}">${prev}<span class="${cx(ctx, 'muted')}">${t.sdui.pageOf(page, pages)}</span>${next}</div>`
      : '';
  const body = html`<section class="${cx(ctx, 'card')}">
  <h2 class="${cx(ctx, 'title')}">${t.searchTitle}</h2>
  <p class="${cx(ctx, 'muted')}">${t.resultCount(search.total)}</p>
  ${list}
  ${pagination}
</section>`;
  return sduiLayout(ctx, { title: searchTitle(ctx, search.keywords), body, loggedIn: true });
}

// ---- Logged-out pages: no shell, no `main#workspace` content of a member.

export function sduiLoginPage(ctx: PageContext, redirect: string, error: string | null): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="${cx(ctx, 'login')}">
  <h2 class="${cx(ctx, 'title')}">${t.signInTitle}</h2>
  ${error ? html`<div class="${cx(ctx, 'alert')}" role="alert">${error}</div>` : ''}
  <form method="post" action="/login">
    <input type="hidden" name="session_redirect" value="${redirect}">
    <label for="username">${t.emailLabel}</label>
    <input class="${cx(ctx, 'login-input')}" id="username" name="session_key" type="text" autocomplete="username">
    <label for="password">${t.passwordLabel}</label>
    <input class="${cx(ctx, 'login-input')}" id="password" name="session_password" type="password" autocomplete="current-password">
    <button class="${cx(ctx, 'login-button')}" type="submit" aria-label="${t.signIn}">${t.signIn}</button>
  </form>
  <p class="${cx(ctx, 'muted')}">${t.sandboxSignInHint}</p>
</section>`;
  return sduiLayout(ctx, { title: t.signInTitle, body, loggedIn: false });
}

export function sduiAuthwallPage(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="${cx(ctx, 'login')}"><h2 class="${cx(ctx, 'title')}">${t.authwallTitle}</h2><a class="${cx(ctx, 'login-button')}" href="/login">${t.signIn}</a></section>`;
  return sduiLayout(ctx, { title: t.signInTitle, body, loggedIn: false });
}

export function sduiCheckpointPage(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="${cx(ctx, 'login')}"><h2 class="${cx(ctx, 'title')}">${t.checkpointTitle}</h2><p class="${cx(ctx, 'text')}">${t.checkpointBody}</p>
  <div id="captcha-internal"><iframe title="captcha" src="about:blank#captcha" width="300" height="80"></iframe></div>
  <form><label for="input__email_verification_pin">PIN</label><input class="${cx(ctx, 'login-input')}" id="input__email_verification_pin" name="pin" type="text"></form>
</section>`;
  return sduiLayout(ctx, { title: t.checkpointTitle, body, loggedIn: false });
}

export function sduiAccountPickerPage(ctx: PageContext, anotherHref: string): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="${cx(ctx, 'login')}">
  <h2 class="${cx(ctx, 'title')}">${t.sdui.welcomeBack}</h2>
  <div id="rememberme-div">
    <button class="${cx(ctx, 'picker-member')}" type="button" aria-label="${OWNER.name}"><img class="${cx(ctx, 'avatar')}" src="${avatarUrl(OWNER.name)}" alt="" width="56" height="56"><span>${OWNER.name}</span></button>
    <a href="${anotherHref}">${t.sdui.signInAnother}</a>
  </div>
</section>`;
  return sduiLayout(ctx, { title: t.signInTitle, body, loggedIn: false });
}
