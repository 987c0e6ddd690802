/**
 * Links to a profile: what every page's cards, results and items are recognised by, and
 * the selector that picks one person's among them.
 */

/** Any link to a member's profile. */
export const PROFILE_LINK = "a[href*='/in/']";

function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Within a list of cards or items: the one linking to this profile slug. */
export function profileLinkTo(slug: string): string {
  const enc = encodeURIComponent(slug);
  const forms = [...new Set([slug, enc])];
  return forms
    .flatMap((s) => [
      `a[href*=${cssString(`/in/${s}/`)}]`,
      `a[href*=${cssString(`/in/${s}?`)}]`,
      `a[href*=${cssString(`/in/${s}#`)}]`,
      `a[href$=${cssString(`/in/${s}`)}]`,
    ])
    .join(', ');
}
