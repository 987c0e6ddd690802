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
// full Chromium or Chrome (the app finds Playwright's own and macOS/Windows ones too).
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const browser = BROWSERS.find((p) => fs.existsSync(p)) ?? null;
const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const aptInstallArgs = (pkg) => ['install', '-y', '-qq', '--no-install-recommends', pkg];
const aptHas = (pkg) => spawnSync('apt-cache', ['show', pkg], { stdio: 'ignore' }).status === 0;
const canApt = process.platform === 'linux' && process.getuid?.() === 0 && which('apt-get');

if (process.env.CHROMIUM_PATH) {
  log(`Chromium: ${process.env.CHROMIUM_PATH} (CHROMIUM_PATH)`);
} else if (fs.existsSync(HEADLESS_SHELL)) {
  log(`Chromium found: ${HEADLESS_SHELL}`);
} else if (canApt && browser) {
  // Optional: the browser found works; a failed install (a held package, a broken apt
  // source) must not stop the setup.
  log(`Found ${browser}; adding Chromium's headless shell with apt-get (less memory per run)`);
  const ok =
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' }).status === 0 &&
    aptHas('chromium-headless-shell') &&
    spawnSync('apt-get', aptInstallArgs('chromium-headless-shell'), { stdio: 'inherit', env: aptEnv })
      .status === 0;
  if (!ok) log(`could not add chromium-headless-shell: runs use ${browser}`);
} else if (canApt) {
  log('Chromium not found: installing it with apt-get (about a minute)');
  run('apt-get', ['update', '-qq']);
  const pkg = ['chromium-headless-shell', 'chromium'].find(aptHas);
  if (pkg) {
    run('apt-get', aptInstallArgs(pkg), { env: aptEnv });
  } else {
    log('no Chromium package in apt here (Ubuntu ships it as a snap): install Chromium or Chrome,');
    log('  or point CHROMIUM_PATH at one; then run setup again.');
  }
} else if (browser) {
  log(`Chromium found: ${browser}`);
  if (process.platform === 'linux' && which('apt-get')) {
    log('  for less memory per run: sudo apt-get install -y chromium-headless-shell');
  }
} else {
  log('Chromium not found. Install it, then run setup again, e.g.:');
  log('  Debian: sudo apt-get update && sudo apt-get install -y chromium-headless-shell');
  log('  Ubuntu, macOS, Windows: install Chromium or Google Chrome');
  log('  or point CHROMIUM_PATH at an installed Chrome/Chromium.');
}

run('npm', ['install', '--no-audit', '--no-fund']);
run('npm', ['run', 'build']);
log('done. Start with: npm run demo');
