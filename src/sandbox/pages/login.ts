import { html, type SafeHtml } from '../html.ts';
import { OWNER } from '../state.ts';
import { avatarUrl, layout, type PageContext } from './layout.ts';

/** Pages of a logged-out browser: none has `#global-nav`. */

export function loginPage(ctx: PageContext, redirect: string, error: string | null): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="login">
  <h1 class="header__content__heading">${t.signInTitle}</h1>
  ${error ? html`<div class="alert-content form__label--error" role="alert">${error}</div>` : ''}
  <form class="login__form" method="post" action="/login">
    <input type="hidden" name="session_redirect" value="${redirect}">
    <label for="username">${t.emailLabel}</label>
    <input id="username" name="session_key" type="text" autocomplete="username">
    <label for="password">${t.passwordLabel}</label>
    <input id="password" name="session_password" type="password" autocomplete="current-password">
    <button class="btn__primary--large from__button--floating" type="submit" aria-label="${t.signIn}">${t.signIn}</button>
  </form>
  <p class="t-12 t-black--light">${t.sandboxSignInHint}</p>
</section>`;
  return layout(ctx, { title: t.signInTitle, body, loggedIn: false });
}

export function authwallPage(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="authwall-join-form login"><h1>${t.authwallTitle}</h1><a class="btn__primary--large authwall-join-form__form-toggle--bottom" href="/login">${t.signIn}</a></section>`;
  return layout(ctx, { title: t.signInTitle, body, loggedIn: false });
}

export function checkpointPage(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="login"><h1>${t.checkpointTitle}</h1><p>${t.checkpointBody}</p>
  <div id="captcha-internal"><iframe title="captcha" src="about:blank#captcha" width="300" height="80"></iframe></div>
  <form><label for="input__email_verification_pin">PIN</label><input id="input__email_verification_pin" name="pin" type="text"></form>
</section>`;
  return layout(ctx, { title: t.checkpointTitle, body, loggedIn: false });
}

/** The `account_picker` fault's login page: LinkedIn's "Welcome back" (`#rememberme-div`), no form. */
export function accountPickerPage(ctx: PageContext, anotherHref: string): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="login">
  <h1 class="header__content__heading">${t.sdui.welcomeBack}</h1>
  <div id="rememberme-div">
    <button class="member-profile-block" type="button" aria-label="${OWNER.name}"><img src="${avatarUrl(OWNER.name)}" alt="" width="56" height="56"> <span class="member-profile__details">${OWNER.name}</span></button>
    <a class="signin-other-account" href="${anotherHref}">${t.sdui.signInAnother}</a>
  </div>
</section>`;
  return layout(ctx, { title: t.signInTitle, body, loggedIn: false });
}
