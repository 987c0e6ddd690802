/**
 * User-agent client hints as a stable desktop Chrome sends them (`Sec-CH-UA*` headers,
 * `navigator.userAgentData`): the brand list with Chromium's GREASE brand, and the header
 * forms. The GREASE brand and the order of the list depend on the major version only
 * (Chromium's `GetGreasedUserAgentBrandVersion` and `ShuffleBrandList`), so a claimed
 * version always comes with the brands that version really sends.
 */

export interface Brand {
  brand: string;
  version: string;
}

/** Chromium's greasey characters, in its order. */
const GREASEY_CHARS = [' ', '(', ':', '-', '.', '/', ')', ';', '=', '?', '_'] as const;
const GREASED_VERSIONS = ['8', '99', '24'] as const;
/** Where GREASE, Chromium and the product go in a three-brand list, by `major % 6`. */
const ORDERS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
] as const;

export const CHROME_BRAND = 'Google Chrome';
export const CHROMIUM_BRAND = 'Chromium';

/** The GREASE brand of a major version (`Not:A-Brand` v8 for 156). */
export function greaseBrand(major: number): Brand {
  const chars = GREASEY_CHARS;
  return {
    brand: `Not${chars[major % chars.length]}A${chars[(major + 1) % chars.length]}Brand`,
    version: GREASED_VERSIONS[major % GREASED_VERSIONS.length]!,
  };
}

/**
 * The brands in the order the browser lists them: `[GREASE, Chromium, product]`, each put
 * at the position its permutation gives it (`shuffled[order[i]] = brands[i]`).
 */
export function orderBrands<T>(major: number, grease: T, chromium: T, product: T): T[] {
  const order = ORDERS[major % ORDERS.length]!;
  const shuffled: T[] = new Array(3);
  [grease, chromium, product].forEach((brand, i) => {
    shuffled[order[i]!] = brand;
  });
  return shuffled;
}

/** The low-entropy brand list (`Sec-CH-UA`, `userAgentData.brands`): major versions. */
export function chromeBrands(major: number, product: string = CHROME_BRAND): Brand[] {
  const version = String(major);
  return orderBrands(
    major,
    greaseBrand(major),
    { brand: CHROMIUM_BRAND, version },
    { brand: product, version },
  );
}

/** The high-entropy list (`Sec-CH-UA-Full-Version-List`): full versions, GREASE as `8.0.0.0`. */
export function chromeFullVersionList(major: number, fullVersion: string, product = CHROME_BRAND): Brand[] {
  const grease = greaseBrand(major);
  return orderBrands(
    major,
    { brand: grease.brand, version: `${grease.version}.0.0.0` },
    { brand: CHROMIUM_BRAND, version: fullVersion },
    { brand: product, version: fullVersion },
  );
}

/** A structured-header string: `"Windows"`. */
export const quoted = (value: string) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** The `Sec-CH-UA` / `Sec-CH-UA-Full-Version-List` form: `"Not:A-Brand";v="8", "Chromium";v="156"`. */
export function brandHeader(brands: readonly Brand[]): string {
  return brands.map((b) => `${quoted(b.brand)};v=${quoted(b.version)}`).join(', ');
}

/** The brands of a `Sec-CH-UA`-like header (tolerant: what a browser sent, not what we wrote). */
export function parseBrandHeader(header: string): Brand[] {
  const brands: Brand[] = [];
  for (const match of header.matchAll(/"((?:[^"\\]|\\.)*)"\s*;\s*v\s*=\s*"((?:[^"\\]|\\.)*)"/g)) {
    brands.push({ brand: match[1]!.replace(/\\(.)/g, '$1'), version: match[2]!.replace(/\\(.)/g, '$1') });
  }
  return brands;
}

/** Whether a brand is the GREASE one (any major): "Not…A…Brand". */
export const isGreaseBrand = (brand: string) => /^Not.A.Brand$/.test(brand);
