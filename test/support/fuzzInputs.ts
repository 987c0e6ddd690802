/**
 * Hostile inputs for the route fuzz test (src/server/fuzz.test.ts): malformed, oversized
 * and wrong-typed bodies, path parameters and query strings. Everything is enumerated or
 * drawn from a seeded generator, so a failure names a case that reproduces.
 */

/** A labelled input: the label is what a failure report shows. */
export interface Case<T> {
  label: string;
  value: T;
}

/** A body as sent: raw text or bytes, and its content type (null: no header). */
export interface RawBody {
  label: string;
  payload: string | Buffer;
  contentType: string | null;
}

export { seededRandom } from '../../src/random.ts';

/** JSON text spliced in as is: numbers JSON.stringify cannot write, and structures too deep to build. */
export class RawJson {
  constructor(readonly text: string) {}
}
const raw = (text: string) => new RawJson(text);

export const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
export const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
export const hugeArray = (length: number) => `[${'0,'.repeat(length - 1)}0]`;

/** JSON text of a value that may hold RawJson parts. */
export function toJsonText(value: unknown): string {
  const parts: string[] = [];
  const text = JSON.stringify(value, (_key, v) => {
    if (v instanceof RawJson) {
      parts.push(v.text);
      return `@@raw:${parts.length - 1}@@`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"@@raw:(\d+)@@"/g, (_m, i: string) => parts[Number(i)] ?? 'null');
}

/** Values of every wrong type and edge, for a field or a whole body. */
export const WRONG_VALUES: Case<unknown>[] = [
  { label: 'null', value: null },
  { label: 'true', value: true },
  { label: 'false', value: false },
  { label: '0', value: 0 },
  { label: '-1', value: -1 },
  { label: '-0', value: raw('-0') },
  { label: '1.5', value: 1.5 },
  { label: '1e308', value: raw('1e308') },
  { label: '1e400 (Infinity)', value: raw('1e400') },
  { label: '-1e400', value: raw('-1e400') },
  { label: '5e-324', value: raw('5e-324') },
  { label: '2^53+1', value: raw('9007199254740993') },
  { label: 'huge integer', value: raw('123456789012345678901234567890123456789') },
  { label: '"NaN"', value: 'NaN' },
  { label: '"Infinity"', value: 'Infinity' },
  { label: '"-1"', value: '-1' },
  { label: '"1e308"', value: '1e308' },
  { label: '"true"', value: 'true' },
  { label: 'empty string', value: '' },
  { label: 'blank string', value: ' \t\n ' },
  { label: 'NUL', value: 'a\u0000b' },
  { label: 'control chars', value: '\u0001\u0007\u001b[31m\u007f\u0085' },
  { label: 'bidi overrides', value: '\u202egnp.exe\u2066\u2069' },
  { label: 'line separators', value: 'a\u2028b\u2029c' },
  { label: 'lone surrogate', value: raw('"\\ud800x\\udfff"') },
  { label: 'emoji', value: '🎂'.repeat(64) },
  { label: '100 KB string', value: 'x'.repeat(100_000) },
  { label: 'path traversal', value: '../../../../etc/passwd' },
  { label: 'markup', value: '<script>alert(1)</script>' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the point
  { label: 'format string', value: '%s%n%x {0} ${x} {{7*7}}' },
  { label: 'sql', value: "' OR 1=1; DROP TABLE runs; --" },
  { label: '"__proto__"', value: '__proto__' },
  { label: 'empty array', value: [] },
  { label: '[null]', value: [null] },
  { label: 'mixed array', value: [1, 'a', {}, [], null] },
  { label: 'huge array', value: raw(hugeArray(100_000)) },
  { label: 'empty object', value: {} },
  { label: '__proto__ object', value: raw('{"__proto__":{"polluted":true}}') },
  { label: 'constructor object', value: raw('{"constructor":{"prototype":{"polluted":true}}}') },
  { label: 'deep object', value: raw(deepObject(10_000)) },
  { label: 'deep array', value: raw(deepArray(100_000)) },
];

/**
 * One of each kind, for every field of a body (the whole list goes to the top level and to
 * the random mutants): keeps the pass to seconds.
 */
export const FIELD_VALUES: Case<unknown>[] = WRONG_VALUES.filter((c) =>
  [
    'null',
    '-0',
    '1e400 (Infinity)',
    'huge integer',
    '"NaN"',
    'empty string',
    'NUL',
    'bidi overrides',
    'lone surrogate',
    '100 KB string',
    'empty array',
    'empty object',
    '__proto__ object',
    'deep object',
  ].includes(c.label),
);

/** Text a database may refuse or mangle: control characters, surrogates, size. */
export const TEXT_VALUES: Case<unknown>[] = WRONG_VALUES.filter((c) =>
  [
    'NUL',
    'control chars',
    'bidi overrides',
    'line separators',
    'lone surrogate',
    'emoji',
    '100 KB string',
  ].includes(c.label),
);

/** Bodies that are not JSON, or not the JSON a parser expects. */
export const MALFORMED_BODIES: RawBody[] = [
  ...[
    ['truncated', '{"a":'],
    ['trailing comma', '{"a":1,}'],
    ['two documents', '{}{}'],
    ['NaN literal', 'NaN'],
    ['undefined', 'undefined'],
    ['single quotes', "{'a':1}"],
    ['byte order mark', '\ufeff{}'],
    ['raw control char in a string', '{"a":"\u0001"}'],
    ['NUL byte', '\u0000'],
    ['whitespace only', '  \n\t '],
    ['unterminated string', '"abc'],
    ['unclosed deep array', '['.repeat(100_000)],
    ['duplicate keys', '{"action":"start","action":"stop","a":1,"a":2}'],
    ['deep object', deepObject(100_000)],
    ['deep array', deepArray(200_000)],
    ['huge array', hugeArray(200_000)],
  ].map(([label, payload]) => ({
    label: `${label}`,
    payload: `${payload}`,
    contentType: 'application/json',
  })),
  {
    label: 'invalid UTF-8',
    payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]),
    contentType: 'application/json',
  },
  ...[
    ['text/plain', 'text/plain'],
    ['form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['utf-16 charset', 'application/json; charset=utf-16'],
    ['latin1 charset', 'application/json; charset=latin1'],
    ['json suffix', 'application/vnd.api+json'],
    ['upper case', 'APPLICATION/JSON'],
    ['garbage type', ';;;/=='],
    ['wildcard', '*/*'],
  ].map(([label, type]) => ({ label: `content-type ${label}`, payload: '{}', contentType: type ?? null })),
  { label: 'no content-type', payload: '{"a":1}', contentType: null },
  { label: 'empty JSON body', payload: '', contentType: 'application/json' },
];

/** `{"x":"aaa…"}` of exactly `size` bytes. */
export function bodyOfSize(size: number): string {
  const frame = '{"x":""}';
  return `{"x":"${'a'.repeat(size - frame.length)}"}`;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  minimum?: number;
  minLength?: number;
};

/** Plausible bodies for a JSON schema (one per union member): the bases fields are mutated from. */
export function samplesOf(schema: JsonSchema | undefined): unknown[] {
  if (!schema) return [];
  const members = schema.oneOf ?? schema.anyOf;
  if (members) return members.flatMap(samplesOf);
  if (schema.enum?.length) return [schema.enum[0]];
  const type = [schema.type].flat()[0];
  if (schema.properties || type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(schema.properties ?? {})) out[key] = samplesOf(sub)[0] ?? null;
    return [out];
  }
  if (type === 'array') return [[samplesOf(schema.items)[0] ?? 'x']];
  if (type === 'string') return ['x'.repeat(Math.max(1, schema.minLength ?? 1))];
  if (type === 'integer' || type === 'number') return [schema.minimum ?? 1];
  if (type === 'boolean') return [false];
  return [{}];
}

/** Dotted paths (array items by index) of every value in `base`, containers included. */
export function pathsOf(base: unknown, prefix: string[] = []): string[][] {
  if (typeof base !== 'object' || base === null || base instanceof RawJson) return [];
  const out: string[][] = [];
  for (const [key, value] of Object.entries(base)) {
    out.push([...prefix, key], ...pathsOf(value, [...prefix, key]));
  }
  return out;
}

function clone(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof RawJson) return value;
  if (Array.isArray(value)) return value.map(clone);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
}

/** A copy of `base` with the value at `path` replaced (`undefined`: removed). */
export function withValueAt(base: unknown, path: string[], value: unknown): unknown {
  const copy = clone(base) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** Each field of each base replaced by each of `values`, removed, and an unknown field added. */
export function fieldMutations(bases: unknown[], values: Case<unknown>[] = FIELD_VALUES): Case<unknown>[] {
  const out: Case<unknown>[] = [];
  bases.forEach((base, b) => {
    for (const path of pathsOf(base)) {
      const where = `base ${b} .${path.join('.')}`;
      out.push({ label: `${where} removed`, value: withValueAt(base, path, undefined) });
      for (const wrong of values) {
        out.push({ label: `${where} = ${wrong.label}`, value: withValueAt(base, path, wrong.value) });
      }
    }
    if (typeof base === 'object' && base !== null && !Array.isArray(base)) {
      out.push({ label: `base ${b} + unknown field`, value: { ...base, unknown_field: 1 } });
    }
  });
  return out;
}

/** Each text field of each base (a string in the base) replaced by each of `values`. */
export function textMutations(bases: unknown[], values: Case<unknown>[]): Case<unknown>[] {
  const out: Case<unknown>[] = [];
  bases.forEach((base, b) => {
    for (const path of pathsOf(base)) {
      if (typeof valueAt(base, path) !== 'string') continue;
      for (const text of values) {
        out.push({
          label: `base ${b} .${path.join('.')} = ${text.label}`,
          value: withValueAt(base, path, text.value),
        });
      }
    }
  });
  return out;
}

const valueAt = (base: unknown, path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], base);

/** Random mutants from the seeded generator: up to three fields of a base at once. */
export function randomMutations(bases: unknown[], rng: () => number, count: number): Case<unknown>[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
  const out: Case<unknown>[] = [];
  for (let i = 0; i < count && bases.length > 0; i++) {
    const b = Math.floor(rng() * bases.length);
    let value = bases[b];
    const labels: string[] = [];
    const times = 1 + Math.floor(rng() * 3);
    for (let k = 0; k < times; k++) {
      const paths = pathsOf(value);
      if (paths.length === 0) break;
      const path = pick(paths);
      const wrong = pick(WRONG_VALUES);
      value = withValueAt(value, path, wrong.value);
      labels.push(`.${path.join('.')} = ${wrong.label}`);
    }
    out.push({ label: `random ${i}: base ${b} ${labels.join(', ')}`, value });
  }
  return out;
}

/** Path parameter values, URL-encoded as a client would send them (or not). */
export const PATH_PARAMS: string[] = [
  '0',
  '-1',
  '1.5',
  '1e308',
  'NaN',
  '9007199254740993',
  '99999999999999999999999999999',
  'abc',
  '%20',
  '%00',
  'a%00b',
  '%ZZ',
  '%E2%80%AE',
  '%F0%9F%8E%82',
  '%C3%28',
  'é',
  '..',
  '..%2F..%2Fetc%2Fpasswd',
  '..%5C..%5Cwindows',
  '../../etc/passwd',
  '.%2e/.%2e/x',
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(256),
  'x'.repeat(10_000),
  "'%20OR%201=1",
  '%3Cscript%3E',
  '__proto__',
  'constructor',
];

/** Values for one query parameter. */
export const QUERY_VALUES: string[] = [
  '',
  '-1',
  '0',
  '-0',
  '1.5',
  '1e308',
  '1e400',
  'NaN',
  'Infinity',
  '9007199254740993',
  '99999999999999999999999',
  '0x10',
  'abc',
  '%00',
  '%ZZ',
  '%E2%80%AE',
  'x'.repeat(100_000),
];

/** Query strings for a route with these parameters: each one wrong, repeated, bracketed. */
export function queryStrings(params: string[]): string[] {
  const out: string[] = [];
  for (const name of params) {
    for (const value of QUERY_VALUES) out.push(`${name}=${value}`);
    out.push(`${name}=1&${name}=2`, `${name}[]=1`, `${name}[a]=1`, `${name}`);
  }
  out.push(
    'limit=1&limit=2',
    '__proto__=1',
    '__proto__[polluted]=1',
    'constructor[prototype][polluted]=1',
    '=&&=&',
    '%ZZ=1',
    `unknown=${'y'.repeat(1000)}`,
    'a=1&'.repeat(2000),
  );
  return out;
}
