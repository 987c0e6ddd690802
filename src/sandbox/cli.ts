import { type SandboxHandle, startSandbox } from './server.ts';

/**
 * `linkedin-birthday-bot sandbox`: starts the sandbox on `SANDBOX_PORT` (8090) and prints
 * its URL and how to log in. Stops on SIGINT / SIGTERM.
 */
export interface SandboxCliOptions {
  port?: number;
  host?: string;
  seed?: number;
  out?: NodeJS.WritableStream;
  /** Install SIGINT/SIGTERM handlers that close the sandbox and exit (default true). */
  handleSignals?: boolean;
}

export async function runSandboxCli(opts: SandboxCliOptions = {}): Promise<SandboxHandle> {
  const envPort = Number.parseInt(process.env.SANDBOX_PORT ?? '', 10);
  const port = opts.port ?? (Number.isInteger(envPort) ? envPort : 8090);
  const out = opts.out ?? process.stdout;
  const sandbox = await startSandbox({ port, host: opts.host ?? '127.0.0.1', seed: opts.seed });
  out.write(
    [
      `LinkedIn sandbox listening on ${sandbox.url}`,
      `  Log in: open ${sandbox.url}/login (any email and password), or add the cookies of GET ${sandbox.url}/__sandbox/session`,
      `  Pages: ${sandbox.url}/feed/  ${sandbox.url}/mynetwork/catch-up/birthday/  ${sandbox.url}/mynetwork/invitation-manager/sent/`,
      `  Admin: POST ${sandbox.url}/__sandbox/reset, /__sandbox/faults; GET /__sandbox/messages, /visits, /invitations, /state`,
      '',
    ].join('\n'),
  );
  if (opts.handleSignals ?? true) {
    const stop = () => {
      void sandbox.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  return sandbox;
}
