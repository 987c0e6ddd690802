import { html, type SafeHtml } from '../html.ts';
import type { Contact } from '../world.ts';
import { avatarUrl, layout, type PageContext, profileHref } from './layout.ts';

/** `/feed/` (the session check's page) and the small `/mynetwork/` hub. */

export function feedPage(ctx: PageContext, authors: readonly Contact[]): SafeHtml {
  const { t } = ctx;
  const posts = authors.map(
    (c) => html`<div class="feed-shared-update-v2 artdeco-card" role="article">
  <a class="update-components-actor__container" href="${profileHref(c.slug, c.urn)}"><img src="${avatarUrl(c.name)}" alt="" width="48" height="48"> <span class="update-components-actor__name t-bold">${c.name}</span></a>
  <p class="update-components-actor__description t-12 t-black--light">${c.headline}</p>
  <div class="update-components-text"><p>${ctx.locale === 'fr' ? 'Ravie de partager une nouvelle étape !' : 'Excited to share some news!'}</p></div>
</div>`,
  );
  const body = html`<section class="scaffold-finite-scroll">
  <h1 class="visually-hidden">${t.feedTitle}</h1>
  <div class="share-box-feed-entry__top-bar artdeco-card"><button class="artdeco-button artdeco-button--muted share-box-feed-entry__trigger" type="button">${t.startPost}</button></div>
  ${posts}
</section>`;
  return layout(ctx, { title: t.feedTitle, body, loggedIn: true });
}

export function networkPage(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="card"><h1>${t.navNetwork}</h1><ul>
  <li><a href="/mynetwork/catch-up/birthday/">${t.birthdaysTitle}</a></li>
  <li><a href="/mynetwork/invitation-manager/sent/">${t.invitationsTitle}</a></li>
</ul></section>`;
  return layout(ctx, { title: t.navNetwork, body, loggedIn: true });
}
