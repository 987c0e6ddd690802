#!/usr/bin/env node
// `npm run setup`: works on a fresh clone, before node_modules exists, so it uses only
// Node's standard library. Installs Chromium's headless shell (apt-get, when root on
// Debian/Ubuntu and it is missing), the npm dependencies (`npm install`; the
// lockfile-strict install fails on some registry mirrors), and builds.
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

// Runs need one Chromium. Debian's old headless shell first: the browser Playwright itself
// runs headless, with no desktop browser around it (half the memory per run); else a
// full Chromium or Chrome.
const HEADLESS_SHELLS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell'];
const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const firstExisting = (paths) => paths.find((p) => fs.existsSync(p)) ?? null;
const aptInstall = (pkg) =>
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
const aptHas = (pkg) => spawnSync('apt-cache', ['show', pkg], { stdio: 'ignore' }).status === 0;

const shell = firstExisting(HEADLESS_SHELLS);
const browser = firstExisting(BROWSERS);
const canApt = process.platform === 'linux' && process.getuid?.() === 0 && which('apt-get');
if (process.env.CHROMIUM_PATH) {
  log(`Chromium: ${process.env.CHROMIUM_PATH} (CHROMIUM_PATH)`);
} else if (shell) {
  log(`Chromium found: ${shell}`);
} else if (canApt) {
  log(
    `${browser ? `Found ${browser}; adding` : 'Chromium not found: installing'} Chromium's headless shell with apt-get (about a minute)`,
  );
  run('apt-get', ['update', '-qq']);
  if (aptHas('chromium-headless-shell')) aptInstall('chromium-headless-shell');
  else if (!browser) aptInstall('chromium');
  else log(`no chromium-headless-shell package here: runs use ${browser}`);
} else if (browser) {
  log(`Chromium found: ${browser}`);
} else {
  log('Chromium not found. Install it, then run setup again, e.g.:');
  log('  Debian: sudo apt-get update && sudo apt-get install -y chromium-headless-shell');
  log('  Ubuntu and others: install Chromium or Chrome');
  log('  or point CHROMIUM_PATH at an installed Chrome/Chromium.');
}

run('npm', ['install', '--no-audit', '--no-fund']);
run('npm', ['run', 'build']);
log('done. Start with: npm run demo');
