'use strict';
// Development-only secrets, generated once and kept in <dataDir>/dev.env.json (mode 0600) so that restarts
// keep the same keys: tokens stay valid and personal data encrypted earlier can still be decrypted.
// Existing values are never replaced; a value that is present but malformed is an error, not regenerated.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const GENERATORS = {
  JWT_SECRET: () => crypto.randomBytes(48).toString('base64url'),
  PII_ENCRYPTION_KEY: () => crypto.randomBytes(32).toString('base64'),
  // The password of the application's restricted database role (mla_app) on a local or embedded server.
  DATABASE_APP_PASSWORD: () => crypto.randomBytes(24).toString('base64url'),
};

const CHECKS = {
  JWT_SECRET: (value) => value.length >= 32,
  PII_ENCRYPTION_KEY: (value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32,
  DATABASE_APP_PASSWORD: (value) => value.length >= 16,
};

function loadOrCreateDevEnv(dataDir) {
  if (!dataDir) throw new Error('loadOrCreateDevEnv: dataDir is required');
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'dev.env.json');
  const existing = read(file); // null when the file does not exist yet
  const current = existing ?? {};
  const missing = Object.keys(GENERATORS).filter((name) => current[name] === undefined || current[name] === '');
  if (missing.length > 0) {
    const next = { ...current };
    for (const name of missing) next[name] = GENERATORS[name]();
    if (existing === null) {
      if (write(file, next, 'wx') === 'exists') return loadOrCreateDevEnv(dataDir); // created meanwhile: use its keys
    } else {
      const temporary = `${file}.${process.pid}.tmp`;
      write(temporary, next, 'w');
      fs.renameSync(temporary, file);
    }
    return pick(next, file);
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return pick(current, file);
}

function read(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw err;
  }
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new Error(
    `${file} is not a JSON object. Fix it by hand; deleting it makes new keys, and data encrypted with the old PII key becomes unreadable.`,
  );
}

function write(file, values, flag) {
  try {
    fs.writeFileSync(file, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600, flag });
    return 'written';
  } catch (err) {
    if (err.code === 'EEXIST') return 'exists';
    throw err;
  }
}

function pick(values, file) {
  const result = {};
  for (const name of Object.keys(GENERATORS)) {
    const value = values[name];
    if (typeof value !== 'string' || !CHECKS[name](value)) {
      throw new Error(
        `${name} in ${file} is malformed (JWT_SECRET: at least 32 characters; PII_ENCRYPTION_KEY: 32 bytes in base64; DATABASE_APP_PASSWORD: at least 16 characters).`,
      );
    }
    result[name] = value;
  }
  return result;
}

module.exports = { loadOrCreateDevEnv };
