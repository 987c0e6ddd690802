#!/usr/bin/env node
// `npm run setup`: works on a fresh clone, before node_modules exists, so it uses only
// Node's standard library. Installs Chromium (apt-get, when root on Debian/Ubuntu and it
// is missing), the npm dependencies (`npm install`; the lockfile-strict install fails on some registry mirrors), and
// builds.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const log = (msg) => process.stdout.write(`[setup] ${msg}\n`);

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (result.status !== 0) {
    process.stderr.write(
      `[setup] failed: ${cmd} ${args.join(' ')} (exit ${result.status ?? result.signal})\n`,
    );
    process.exit(result.status || 1);
  }
}

function which(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  process.stderr.write(`[setup] Node.js >= 20 is required (found ${process.versions.node}).\n`);
  process.exit(1);
}

const chromium =
  process.env.CHROMIUM_PATH ||
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => fs.existsSync(p));
if (chromium) {
  log(`Chromium found: ${chromium}`);
} else if (process.platform === 'linux' && process.getuid?.() === 0 && which('apt-get')) {
  log('Chromium not found: installing it with apt-get (about a minute)');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
} else {
  log('Chromium not found. Install it, then run setup again, e.g.:');
  log('  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium');
  log('  or point CHROMIUM_PATH at an installed Chrome/Chromium.');
}

run('npm', ['install', '--no-audit', '--no-fund']);
run('npm', ['run', 'build']);
log('done. Start with: npm run demo');
