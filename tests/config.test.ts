import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

const scratch = () => mkdtempSync(path.join(tmpdir(), 'convene-config-'));

describe('configuration', () => {
  test('when nothing is set, then the documented defaults apply and the embedded database is used', () => {
    const config = loadConfig({ DATA_DIR: scratch() });
    assert.equal(config.http.port, 3000);
    assert.equal(config.http.host, '127.0.0.1');
    assert.equal(config.http.publicUrl, 'http://127.0.0.1:3000');
    assert.equal(config.db.uri, undefined);
    assert.equal(config.mail.smtpUrl, undefined);
    assert.equal(config.defaultTimezone, 'Asia/Shanghai');
    assert.equal(config.env, 'development');
    assert.ok(Object.isFrozen(config.http));
  });

  test('when several keys are bad, then one error lists every one of them', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', DEFAULT_TIMEZONE: 'Mars/Olympus', LOG_LEVEL: 'loud', PUBLIC_URL: 'ftp://x' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const key of ['PORT', 'MONGODB_URI', 'DEFAULT_TIMEZONE', 'LOG_LEVEL', 'PUBLIC_URL']) assert.match(error.message, new RegExp(key));
        return true;
      },
    );
  });

  test('when running in production with MAIL_FROM unset or at localhost, then start-up is refused and names the key', () => {
    const production = { NODE_ENV: 'production', DATA_DIR: scratch(), SESSION_SECRET: 'x'.repeat(40) };
    assert.throws(() => loadConfig(production), /MAIL_FROM/);
    assert.throws(() => loadConfig({ ...production, MAIL_FROM: 'Office <meetings@LOCALHOST>' }), /MAIL_FROM/);
    assert.equal(loadConfig({ ...production, MAIL_FROM: 'Office <meetings@zone.example>' }).mail.from, 'Office <meetings@zone.example>');
  });

  test('when IMAP_URL is not an imap URL or INBOUND_SMTP_PORT not a port, then start-up names both keys', () => {
    assert.throws(() => loadConfig({ DATA_DIR: scratch(), IMAP_URL: 'http://mail.example', INBOUND_SMTP_PORT: 'abc' }), (error: Error) => /IMAP_URL/.test(error.message) && /INBOUND_SMTP_PORT/.test(error.message));
  });

  test('when running in production without SESSION_SECRET, then start-up is refused', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: scratch() }), /SESSION_SECRET/);
  });

  test('when developing without SESSION_SECRET, then a generated secret is kept under DATA_DIR and reused', () => {
    const dir = scratch();
    const first = loadConfig({ DATA_DIR: dir }).session.secret;
    assert.ok(first.length >= 32);
    assert.equal(readFileSync(path.join(dir, 'session-secret'), 'utf8'), first);
    assert.equal(loadConfig({ DATA_DIR: dir }).session.secret, first);
  });

  test('when keys are empty strings, then they count as unset', () => {
    const config = loadConfig({ DATA_DIR: scratch(), MONGODB_URI: '', SMTP_URL: '', ADMIN_EMAIL: '' });
    assert.equal(config.db.uri, undefined);
    assert.equal(config.mail.smtpUrl, undefined);
    assert.equal(config.admin.email, undefined);
  });

  test('when PUBLIC_URL has a trailing slash, then links are built without a double slash', () => {
    assert.equal(loadConfig({ DATA_DIR: scratch(), PUBLIC_URL: 'https://meet.zone.example/' }).http.publicUrl, 'https://meet.zone.example');
  });

  test('only src/config.ts reads process.env', async () => {
    const { readdirSync } = await import('node:fs');
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const offenders = walk(path.resolve('src'))
      .filter((file) => file.endsWith('.ts') && !file.endsWith(`${path.sep}config.ts`))
      .filter((file) => readFileSync(file, 'utf8').includes('process.env'));
    assert.deepEqual(offenders, []);
  });
});
