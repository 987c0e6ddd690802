/**
 * The `connect` command's arguments, its API key prompt and its exit codes, around
 * `connectLinkedIn` (connect.ts).
 */
import { parseArgs } from 'node:util';
import { connectLinkedIn, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_LINKEDIN_URL } from './connect.ts';
import { ConnectError } from './connectError.ts';

export const CONNECT_USAGE = `Usage: linkedin-birthday-bot connect --server <url> [options]

Connects LinkedIn from your own computer: opens a browser window on LinkedIn's login page,
you log in there (password, code, app approval: whatever LinkedIn asks), and the session
(cookies and the browser's user agent) is sent to the bot. Your password never leaves the
browser: this tool does not read it, and the bot's server never asks for it.

Options:
  --server <url>        the bot's address, as you open its dashboard (https://bot.example.com)
  --api-key <key>       the bot's API key (default: the API_KEY environment variable, else
                        asked here without echo); the environment keeps it out of your shell history
  --out <file>          also (or, without --server, only) write the session to <file>
                        (readable by you only), to upload on the dashboard's session page
  --browser <name>      chrome, msedge, chromium or the path of a browser executable
                        (default: the first found of Chrome, Edge, Chromium)
  --linkedin-url <url>  default ${DEFAULT_LINKEDIN_URL}
  --timeout <seconds>   how long to wait for your login (default ${DEFAULT_CONNECT_TIMEOUT_MS / 1000})
  --headless            no window (automation and tests only: you cannot log in without a window)
  --help                this text

Examples:
  npx linkedin-birthday-bot connect --server http://192.168.1.20:8080
  API_KEY=… npx linkedin-birthday-bot connect --server https://bot.example.com --browser msedge
  npx linkedin-birthday-bot connect --out linkedin-session.json
`;

/** Reads a line from the terminal without echoing it (the API key). */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    let value = '';
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value.trim());
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new ConnectError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

interface Parsed {
  server?: string;
  apiKey?: string;
  out?: string;
  browser?: string;
  linkedinUrl?: string;
  timeoutMs?: number;
  headless: boolean;
  help: boolean;
}

/** The command line; a `ConnectError` names what is wrong. */
export function parseConnectArgs(argv: string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        server: { type: 'string' },
        'api-key': { type: 'string' },
        out: { type: 'string' },
        browser: { type: 'string' },
        'linkedin-url': { type: 'string' },
        timeout: { type: 'string' },
        headless: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ConnectError(err instanceof Error ? err.message : String(err));
  }
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 24 * 3600) {
      throw new ConnectError('--timeout must be a number of seconds between 1 and 86400');
    }
    timeoutMs = Math.round(seconds * 1000);
  }
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  return {
    server: str(values.server),
    apiKey: str(values['api-key']),
    out: str(values.out),
    browser: str(values.browser),
    linkedinUrl: str(values['linkedin-url']),
    timeoutMs,
    headless: values.headless === true,
    help: values.help === true,
  };
}

/** Runs `connect`; returns the exit code (0 done, 1 failed, 2 bad arguments, 130 interrupted). */
export async function runConnectCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args: Parsed;
  try {
    args = parseConnectArgs(argv);
  } catch (err) {
    process.stderr.write(`connect: ${(err as Error).message}\n\n${CONNECT_USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(CONNECT_USAGE);
    return 0;
  }
  if (!args.server && !args.out) {
    process.stderr.write(`connect: --server <url> (or --out <file>) is needed\n\n${CONNECT_USAGE}`);
    return 2;
  }

  const controller = new AbortController();
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\nCancelling: closing the browser (Ctrl-C again to quit at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    let apiKey = args.apiKey ?? env.API_KEY?.trim();
    if (args.server && !apiKey) {
      if (!process.stdin.isTTY) {
        throw new ConnectError('No API key: pass --api-key <key> or set the API_KEY environment variable.');
      }
      apiKey = await promptHidden(`API key of ${args.server} (not shown as you type): `);
      if (!apiKey) throw new ConnectError('No API key given.');
    }
    await connectLinkedIn({
      server: args.server,
      apiKey,
      out: args.out,
      browser: args.browser,
      linkedinUrl: args.linkedinUrl,
      timeoutMs: args.timeoutMs,
      headless: args.headless,
      signal: controller.signal,
    });
    return 0;
  } catch (err) {
    if (err instanceof ConnectError) {
      process.stderr.write(`connect: ${err.message}\n`);
      return interrupted ? 130 : 1;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
