#!/usr/bin/env node
/**
 * One entry point: `serve` (API + dashboard + embedded worker + scheduler), `demo`,
 * `worker`, `user set-password`, `doctor` (the page check), and `connect` (run on the user's
 * own computer).
 * Configuration comes from the environment (README).
 */
import { type Config, loadConfig } from './config/env.ts';
import { DEMO_ADMIN_PASSWORD, prepareDemo, seedDemo } from './demo.ts';
import { ConfigError } from './errors.ts';
import { serve, setUserPassword } from './processes/server.ts';
import { runSandboxCli } from './sandbox/cli.ts';

const USAGE = `Usage: linkedin-birthday-bot <command>

Commands:
  serve                        API server, dashboard, scheduler and embedded worker
  demo [--reset]               the LinkedIn sandbox and the server pointed at it (data in ./data-demo;
                               --reset deletes it first: a fresh demo). Ctrl-C stops both
  sandbox                      the LinkedIn sandbox alone, on SANDBOX_PORT
  worker                       distributed-mode worker (QUEUE=bullmq)
  user set-password <username> set a dashboard user's password (read from stdin)
  doctor                       walk the LinkedIn pages the bots use with the stored session,
                               read-only: one line per step, screenshots and snapshots in DATA_DIR
  connect --server <url>       on your own computer: log in to LinkedIn in a browser window
                               and send the session to the bot (connect --help for options)
`;

function demoUrl(config: Config): string {
  return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function setPassword(config: Config, username: string | undefined): Promise<void> {
  if (!username) throw new ConfigError(['user set-password needs a username']);
  if (process.stdin.isTTY) process.stderr.write(`New password for ${username} (then Enter, Ctrl-D): `);
  const password = await readStdin();
  if (password.length < 8) throw new ConfigError(['password: must be at least 8 characters']);
  await setUserPassword(config, username, password);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command === 'connect') {
    // The user's computer: no server configuration; Playwright loads for this command only.
    const { runConnectCli } = await import('./connect/cli.ts');
    process.exitCode = await runConnectCli(rest);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config, 'linkedin-birthday-bot');
    case 'demo': {
      const unknown = rest.filter((arg) => arg !== '--reset');
      if (unknown.length > 0) throw new ConfigError([`demo: unknown option ${unknown[0]} (only --reset)`]);
      const {
        config: demoConfig,
        sandbox,
        variant,
      } = await prepareDemo(process.env, {
        reset: rest.includes('--reset'),
      });
      return serve(demoConfig, 'linkedin-birthday-bot demo', {
        prepare: async (ctx) => {
          await seedDemo(ctx, sandbox);
          const password = process.env.ADMIN_PASSWORD ? '(your ADMIN_PASSWORD)' : DEMO_ADMIN_PASSWORD;
          return [
            `  Dashboard: ${demoUrl(demoConfig)}  login: ${demoConfig.adminUsername} / ${password}`,
            `  LinkedIn sandbox: ${sandbox.url} (12 birthdays today, 5 late, 40 sent invitations; ${variant} page design, SANDBOX_VARIANT)`,
            `  Demo data: ${demoConfig.dataDir}`,
          ];
        },
        onClose: () => sandbox.close(),
      });
    }
    case 'sandbox':
      await runSandboxCli({ port: config.sandboxPort });
      return;
    case 'worker':
      return (await import('./processes/worker.ts')).runWorker(config);
    case 'doctor': {
      // The walk runs in a browser-task process: Playwright never loads here.
      const { runDoctorCli } = await import('./runner/doctorCli.ts');
      process.exitCode = await runDoctorCli(config);
      return;
    }
    case 'user':
      if (rest[0] === 'set-password') return setPassword(config, rest[1]);
      throw new ConfigError([`unknown user command: ${rest[0] ?? '(none)'}`]);
    default:
      process.stderr.write(USAGE);
      process.exit(2);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    for (const problem of err.problems) process.stderr.write(`config error: ${problem}\n`);
    process.exit(1);
  }
  process.stderr.write(`fatal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
