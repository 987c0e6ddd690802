import { html, type SafeHtml } from '../html.ts';
import type { Person } from '../people.ts';
import { avatarUrl, layout, type PageContext } from './layout.ts';

/** `/in/<slug>/`: the top card with name and headline. */
export function profilePage(ctx: PageContext, person: Person, isContact: boolean): SafeHtml {
  const { t } = ctx;
  const name =
    ctx.variant === 'alt'
      ? html`<div class="pv-text-details__left-panel"><h1 class="inline t-24 v-align-middle break-words">${person.name}</h1></div>`
      : html`<h1 class="text-heading-xlarge inline t-24 v-align-middle break-words">${person.name}</h1>`;
  const message = isContact
    ? html`<button class="artdeco-button artdeco-button--primary" type="button" aria-label="${t.messageAria(person.name)}" data-sandbox-action="message" data-sandbox-recipient="${person.slug}">${t.message}</button>`
    : '';
  const body = html`<section class="pv-top-card artdeco-card">
  <div class="pv-top-card__banner"></div>
  <div class="ph5 pb5">
    <img class="pv-top-card__photo" src="${avatarUrl(person.name)}" alt="${person.name}" width="128" height="128">
    ${name}
    <div class="text-body-medium break-words">${person.headline}</div>
    <div class="pv-top-card__location"><span class="text-body-small inline t-black--light break-words">${person.location}</span> · <a href="#contact-info">${t.contactInfo}</a></div>
    <div class="pv-top-card-v2-ctas">${message}</div>
  </div>
</section>`;
  return layout(ctx, { title: person.name, body, loggedIn: true });
}

export function notFoundPage(ctx: PageContext, loggedIn: boolean): SafeHtml {
  const body = html`<section class="not-found card"><h1>${ctx.t.profileNotFound}</h1><p><a href="/feed/">${ctx.t.navHome}</a></p></section>`;
  return layout(ctx, { title: ctx.t.profileNotFound, body, loggedIn });
}
