import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../browser.ts';
import { snapshotPage } from './snapshot.ts';

/** A card as LinkedIn's new design writes it, with a person's data all over it. */
const PAGE = `<!doctype html><html lang="fr"><head><title>Sarah Bellevegue | LinkedIn</title>
<style>.x{color:red}</style><script>window.secret = "Sarah"</script></head>
<body><main id="workspace" class="_3c49d163 cf281a13">
<div role="listitem" data-view-name="nurture-card" aria-label="Sarah Bellevegue">
  <a data-view-name="nurture-card-profile-view" href="https://www.linkedin.com/in/sarah-bellevegue-4a1b2c/?miniProfileUrn=urn%3Ali%3A123">
    <img src="https://media.licdn.com/dms/image/sarah.jpg" alt="Photo de Sarah Bellevegue"></a>
  <p>Sarah Bellevegue</p>
  <p>Célébrez l’anniversaire de Sarah <strong>aujourd’hui</strong></p>
  <a data-view-name="nurture-card-primary-button" href="/messaging/compose/?recipient=ACoAAB123&amp;body=Joyeux%20anniversaire%20Sarah&amp;interop=msgOverlay"
     aria-label="Envoyer un message à Sarah Bellevegue : Joyeux anniversaire Sarah !">Joyeux anniversaire Sarah !</a>
  <span>12</span>
  <input type="text" value="sarah@example.com" data-testid="typeahead-input">
</div>
<div id="interop-outlet" data-testid="interop-shadowdom"></div>
</main>
<script>document.getElementById('interop-outlet').attachShadow({ mode: 'open' }).innerHTML =
  '<div role="dialog"><h2><a href="https://www.linkedin.com/in/sarah-bellevegue-4a1b2c/">Sarah Bellevegue</a></h2><div role="textbox" contenteditable="true">Joyeux anniversaire</div></div>';</script>
</body></html>`;

let browser: Awaited<ReturnType<typeof chromium.launch>>;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS] });
});
afterAll(async () => browser?.close());

describe('page snapshots for bug reports', () => {
  it('keep the structure and what selectors use, and nothing of the person', async () => {
    const page = await browser.newPage();
    await page.setContent(PAGE);
    const snapshot = await snapshotPage(page);

    // Nothing personal is left: names, slugs, ids, wishes, photos, e-mails, scripts.
    for (const leak of [
      'Sarah',
      'Bellevegue',
      'sarah-bellevegue',
      '4a1b2c',
      'ACoAAB123',
      'Joyeux',
      'anniversaire',
      'licdn',
      'example.com',
      'secret',
      'color:red',
      '12',
    ]) {
      expect(snapshot, leak).not.toContain(leak);
    }
    // What selectors are made of is kept.
    expect(snapshot).toContain('<main id="{text}" class="_3c49d163 cf281a13">');
    expect(snapshot).toContain('<div role="listitem" data-view-name="nurture-card" aria-label="{text}">');
    expect(snapshot).toContain(
      '<a data-view-name="nurture-card-profile-view" href="/in/x/?miniProfileUrn=x">',
    );
    expect(snapshot).toContain('href="/messaging/compose/?recipient=x&amp;body=x&amp;interop=x"');
    expect(snapshot).toContain('<p>{text} <strong>{text}</strong></p>');
    expect(snapshot).toContain('<span>{number}</span>');
    expect(snapshot).toContain('<input type="text" value="{text}" data-testid="typeahead-input">');
    // The open shadow root is part of it.
    expect(snapshot).toContain(
      '<shadow-root><div role="dialog"><h2><a href="/in/x/">{text}</a></h2><div role="textbox" contenteditable="{text}">{text}</div></div></shadow-root>',
    );
    await page.close();
  });
});
