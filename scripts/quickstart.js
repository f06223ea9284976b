#!/usr/bin/env node
'use strict';
// `npm start`: runs the whole system locally for a newcomer. Finds or starts PostgreSQL and Redis, builds,
// migrates, seeds demo data, starts api and worker, and prints where to go and how to log in.
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const net = require('node:net');
const readline = require('node:readline');
const { spawn } = require('node:child_process');
const { ensureServices, ensureAppLogin, redact, stopProcess, STOP_TIMEOUT_MS } = require('./services');
const { loadOrCreateDevEnv } = require('./dev-env');

const ROOT = path.resolve(__dirname, '..');
const DATA_DIR = path.join(ROOT, '.data');
const ENTRY = {
  migrate: 'dist/libs/database/src/cli/migrate.js',
  seed: 'dist/apps/api/src/cli/seed-demo.js',
  api: 'dist/apps/api/src/main.js',
  worker: 'dist/apps/worker/src/main.js',
};
const HEALTH_TIMEOUT_MS = 60_000;
const TAIL_LINES = 30;

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
const say = (message) => console.log(`${paint('1;36', '[quickstart]')} ${message}`);

const running = new Map(); // name -> { child, tail }, everything we may have to stop
let servicesPromise;
let shuttingDown = false;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  // `npm start` forwards Ctrl+C to us although the terminal already sent it: act on the first one only.
  process.on(signal, () => {
    if (shuttingDown) return;
    console.log('');
    say(`${signal} received, stopping (this can take up to ${STOP_TIMEOUT_MS / 1000} s) ...`);
    void shutdown(0);
  });
}

main().catch((err) => shutdown(1, err.message));

async function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--no-build');
  if (unknown.length)
    throw new Error(`Unknown argument(s): ${unknown.join(' ')}. Usage: node scripts/quickstart.js [--no-build]`);

  say('Looking for PostgreSQL and Redis ...');
  servicesPromise = ensureServices({ dataDir: DATA_DIR, log: (message) => say(message) });
  const services = await servicesPromise;
  if (shuttingDown) return;
  const keys = loadOrCreateDevEnv(DATA_DIR);
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || 'development',
    LOG_LEVEL: process.env.LOG_LEVEL || 'info',
    PORT: process.env.PORT || '3000',
    WORKER_HEALTH_PORT: process.env.WORKER_HEALTH_PORT || '3001',
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    JWT_SECRET: process.env.JWT_SECRET || keys.JWT_SECRET,
    PII_ENCRYPTION_KEY: process.env.PII_ENCRYPTION_KEY || keys.PII_ENCRYPTION_KEY,
  };
  // Fail early and clearly rather than health-checking someone else's server on the same port.
  await assertPortFree(env.PORT, 'PORT');
  await assertPortFree(env.WORKER_HEALTH_PORT, 'WORKER_HEALTH_PORT');

  if (args.includes('--no-build')) {
    say('Skipping the build (--no-build).');
  } else {
    say('Building (npm run build) ...');
    const [npm, npmArgs, options] = npmCommand(['run', 'build']);
    await runStep('build', npm, npmArgs, { env, ...options });
  }
  for (const [name, file] of Object.entries(ENTRY)) {
    if (!fs.existsSync(path.join(ROOT, file)))
      throw new Error(`${file} (${name}) is missing: run without --no-build, or check the build.`);
  }
  if (shuttingDown) return;

  say('Applying migrations ...');
  await runStep('migrate', process.execPath, [ENTRY.migrate], { env });
  if (shuttingDown) return;
  if (services.sources.postgres !== 'DATABASE_URL') {
    // A server of our own: migrations ran as its owner; the apps connect as the restricted role, which cannot
    // rewrite the audit log. With DATABASE_URL given, that one URL is used throughout, as before.
    env.DATABASE_MIGRATION_URL = services.databaseUrl;
    env.DATABASE_URL = await ensureAppLogin(services.databaseUrl, keys.DATABASE_APP_PASSWORD);
    say('The apps connect as the database role mla_app (migrations as the owner).');
  }

  let logins = null;
  if (env.NODE_ENV === 'production') {
    say('NODE_ENV=production: not seeding demo data.');
  } else {
    say('Seeding demo organisations and users ...');
    logins = parseDemoLogins(await runStep('seed', process.execPath, [ENTRY.seed], { env, capture: true }));
  }
  if (shuttingDown) return;

  say('Starting api and worker ...');
  startApp('api', ENTRY.api, env, '32');
  startApp('worker', ENTRY.worker, env, '35');
  await waitHealthy({ api: env.PORT, worker: env.WORKER_HEALTH_PORT });
  if (shuttingDown) return;
  printBanner(env, services, logins);
}

function npmCommand(npmArgs) {
  const npmCli = process.env.npm_execpath; // set when started through `npm start`
  if (npmCli && /\.c?js$/.test(npmCli)) return [process.execPath, [npmCli, ...npmArgs], {}];
  return process.platform === 'win32' ? ['npm.cmd', npmArgs, { shell: true }] : ['npm', npmArgs, {}];
}

// Runs a one-off command to completion; resolves with its stdout when `capture` is set.
function runStep(name, command, argv, { env, capture = false, shell = false }) {
  return new Promise((resolve, reject) => {
    const stdio = ['ignore', capture ? 'pipe' : 'inherit', 'inherit'];
    const child = spawn(command, argv, { cwd: ROOT, env, shell, stdio });
    running.set(name, { child, tail: [], closed: null });
    let output = '';
    if (capture) child.stdout.on('data', (chunk) => (output += chunk));
    child.on('error', (err) => reject(new Error(`${name} could not start: ${err.message}`)));
    child.on('close', (code, signal) => {
      running.delete(name);
      const printed = output ? `. Its output:\n${output.trimEnd()}` : '';
      if (code === 0) resolve(output);
      else reject(new Error(`${name} failed (${signal || `exit code ${code}`})${printed}`));
    });
  });
}

function parseDemoLogins(output) {
  const lines = output.trimEnd().split('\n');
  const last = lines.pop() || '';
  for (const line of lines) console.log(`${paint('33', '[seed]')} ${line}`);
  let demoLogins;
  try {
    demoLogins = JSON.parse(last).demoLogins;
  } catch {
    // not JSON: reported below
  }
  if (Array.isArray(demoLogins)) return demoLogins;
  say(`Warning: the seed's last line was not {"demoLogins":[...]}; got: ${last.slice(0, 200)}`);
  return null;
}

// Long-running app: own process group (so Ctrl+C reaches only us and we stop things in order),
// every output line prefixed with its name, the last lines kept for error reports.
function startApp(name, entry, env, color) {
  const detached = process.platform !== 'win32';
  const child = spawn(process.execPath, [entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached });
  const tail = [];
  const prefix = paint(color, `[${name}]`);
  const relay = (stream, sink) =>
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      sink.write(`${prefix} ${line}\n`);
    });
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  child.on('error', (err) => void shutdown(1, `${name} could not start: ${err.message}`));
  child.on('close', (code, signal) => {
    if (!shuttingDown)
      void shutdown(1, `${name} exited unexpectedly (${signal || `exit code ${code}`}).\n${lastLines(name, tail)}`);
  });
  running.set(name, { child, tail, closed: new Promise((resolve) => child.once('close', resolve)) });
}

async function waitHealthy(ports) {
  const pending = new Map(Object.entries(ports).map(([name, port]) => [name, `http://127.0.0.1:${port}/health`]));
  const lastStatus = new Map();
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (pending.size > 0 && !shuttingDown) {
    for (const [name, url] of pending) {
      const status = await httpStatus(url);
      lastStatus.set(name, status);
      if (status === 200) pending.delete(name);
    }
    if (pending.size === 0 || shuttingDown) return;
    if (Date.now() > deadline) {
      const report = [...pending].map(([name, url]) => {
        const status = lastStatus.get(name);
        return `${name}: ${url} ${status ? `answered ${status}` : 'did not answer'}\n${lastLines(name, running.get(name)?.tail ?? [])}`;
      });
      throw new Error(`Not healthy after ${HEALTH_TIMEOUT_MS / 1000} s:\n${report.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000 }, (response) => resolve(response.resume().statusCode));
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

function assertPortFree(port, variable) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    const inUse = `Port ${port} is already in use. Stop what uses it, or set ${variable} to another port.`;
    server.once('error', (err) => reject(new Error(err.code === 'EADDRINUSE' ? inUse : err.message)));
    server.listen(Number(port), () => server.close(resolve));
  });
}

function lastLines(name, tail) {
  return tail.length
    ? `Last lines of ${name}:\n${tail.map((line) => `  ${line}`).join('\n')}`
    : `(${name} printed nothing)`;
}

function printBanner(env, services, logins) {
  const api = `http://localhost:${env.PORT}`;
  const rule = paint('1;32', '='.repeat(72));
  const out = ['', rule, paint('1', `  Microloan administration is running (NODE_ENV=${env.NODE_ENV})`), ''];
  out.push(`  API        ${paint('1', api)}`, `  Swagger    ${paint('1', `${api}/docs`)}`);
  out.push(`  Worker     http://localhost:${env.WORKER_HEALTH_PORT}/health`);
  out.push(`  PostgreSQL ${redact(services.databaseUrl)}  [${services.sources.postgres}]`);
  out.push(`  Redis      ${redact(services.redisUrl)}  [${services.sources.redis}]`, '');
  if (logins && logins.length > 0) {
    const columns = ['username', 'password', 'role', 'organisation'];
    const rows = [columns.map((c) => c.toUpperCase()), ...logins.map((l) => columns.map((c) => String(l[c] ?? '')))];
    const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
    out.push('  Demo logins:');
    for (const row of rows)
      out.push(`    ${row.map((cell, i) => (i < columns.length - 1 ? cell.padEnd(widths[i]) : cell)).join('   ')}`);
  } else {
    out.push('  No demo logins to show.');
  }
  out.push('', `  Press ${paint('1', 'Ctrl+C')} to stop api, worker and any database this command started.`, rule, '');
  console.log(out.join('\n'));
}

async function shutdown(code, message) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (message) console.error(`\n${paint('1;31', '[quickstart]')} ${message}`);
  await Promise.all([...running].map(([name, { child, closed }]) => stopChild(name, child, closed)));
  const services = await (servicesPromise ?? Promise.resolve(null)).catch(() => null);
  if (services) await services.stop();
  say(code === 0 ? 'Stopped.' : 'Stopped after an error.');
  process.exit(code);
}

async function stopChild(name, child, closed) {
  const warn = () => say(`${name} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it.`);
  await stopProcess(child, 'SIGTERM', 'SIGKILL', warn);
  if (closed) await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]); // its last lines
}
