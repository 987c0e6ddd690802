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

// The Node.js versions package.json promises (`engines.node`), in the two forms it uses:
// `^20.19.0` (that major, from that version) and `>=22.12.0`, joined by `||`.
const parts = (v) =>
  v
    .replace(/^v/, '')
    .split('.')
    .map((n) => Number.parseInt(n, 10) || 0);
const atLeast = (a, b) => {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};
function nodeSatisfies(version, range) {
  const v = parts(version);
  return range.split('||').some((alternative) => {
    const term = alternative.trim();
    if (term.startsWith('^')) return v[0] === parts(term.slice(1))[0] && atLeast(v, parts(term.slice(1)));
    if (term.startsWith('>=')) return atLeast(v, parts(term.slice(2).trim()));
    return false;
  });
}
const wanted = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node;
if (!nodeSatisfies(process.versions.node, wanted)) {
  process.stderr.write(
    `[setup] this Node.js is ${process.versions.node}; the bot needs Node.js ${wanted} (package.json "engines").\n` +
      '[setup] Install Node.js 22 or 24 (LTS) from https://nodejs.org (or `nvm install 22`), then run setup again.\n',
  );
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
