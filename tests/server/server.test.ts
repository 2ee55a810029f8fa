// The server as an operator runs it: `node src/server.ts` on a fresh DATA_DIR with the embedded FerretDB.
// No useTestDatabase() here: the processes under test start (and share) their own database in DATA_DIR.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { DEMO_PASSWORD } from '../../src/demo/index.js';
import { runCli } from '../cli/cli-process.js';
import { ferretDbPids, freePort, spawnServer, startServer, stopServer, timeToLoadApp, type ServerProcess } from './server-process.js';

const ADMIN = 'admin@convene.local';

/** Sign in through the running server's login form; returns the response status (303 = signed in). */
async function signIn(url: string, email: string, password: string): Promise<number> {
  const agent = supertest.agent(url);
  const page = await agent.get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  assert.ok(csrf, 'the login page has a CSRF field');
  return (await agent.post('/login').type('form').send({ email, password, _csrf: csrf })).status;
}

/** What the server's own database holds, read through the address its FerretDB published. */
async function countInServerDatabase(dataDir: string) {
  const { uri } = JSON.parse(readFileSync(path.join(dataDir, 'ferretdb.addr'), 'utf8')) as { uri: string };
  const connection = await mongoose.createConnection(uri, { dbName: 'convene' }).asPromise();
  try {
    const db = connection.db!;
    return {
      institutions: await db.collection('institutions').countDocuments(),
      admins: await db.collection('users').countDocuments({ role: 'admin' }),
    };
  } finally {
    await connection.close();
  }
}

describe('the server process', { concurrency: true }, () => {
  let dataDir: string;
  let env: Record<string, string>;
  const running = new Set<ServerProcess>();
  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'convene-server-'));
    // Empty values count as unset: embedded FerretDB, in-process mail catcher, generated admin password.
    env = { DATA_DIR: dataDir, MONGODB_URI: '', SMTP_URL: '', ADMIN_EMAIL: '', ADMIN_PASSWORD: '', PUBLIC_URL: '', LOG_LEVEL: 'silent', PORT: String(await freePort()) };
  });
  after(() => {
    for (const server of running) server.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('on one data directory, step by step', { concurrency: false }, () => {
    let server: ServerProcess;
    let adminPassword = '';
    const url = () => `http://127.0.0.1:${env.PORT}`;

    test('when started on an empty data directory, then it prints its URL and a generated admin password once', async () => {
      server = await startServer(env);
      running.add(server);
      assert.match(server.output.stdout, new RegExp(`Convene is running at ${url()}`));
      assert.match(server.output.stdout, new RegExp(`First run: created the administrator ${ADMIN}`));
      adminPassword = /Password \(shown only this once\): (\S+)/.exec(server.output.stdout)?.[1] ?? '';
      assert.ok(adminPassword.length >= 10, server.output.stdout);
      assert.equal(ferretDbPids(dataDir).length, 1, 'one embedded FerretDB serves the data directory');
    });

    test('then /healthz says the database and mail are ok, and the printed password signs the admin in', async () => {
      const health = await fetch(`${url()}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok', db: 'ok', mail: 'ok' });
      assert.equal(await signIn(url(), ADMIN, adminPassword), 303);
      assert.equal(await signIn(url(), ADMIN, `${adminPassword}x`), 422);
    });

    test('when the CLI loads the demo while the server runs, then both share one database and the server keeps running', async () => {
      const load = await runCli(['demo:load'], env);
      assert.equal(load.code, 0, load.stderr);
      assert.match(load.stdout, /institutions\s+26 created/);
      assert.equal(ferretDbPids(dataDir).length, 1, 'the CLI reused the running FerretDB instead of starting another');
      assert.equal((await fetch(`${url()}/healthz`)).status, 200);
      assert.equal(await signIn(url(), 'organiser@zone.example', DEMO_PASSWORD), 303);
    });

    test('when a second server starts on the same data directory, then both serve one database, and when the first stops the second takes the engine over', async () => {
      const port = await freePort();
      const second = await startServer({ ...env, PORT: String(port) });
      running.add(second);
      const secondUrl = `http://127.0.0.1:${port}`;
      try {
        assert.equal(ferretDbPids(dataDir).length, 1, 'the second server reused the running FerretDB');
        assert.equal(await signIn(secondUrl, 'organiser@zone.example', DEMO_PASSWORD), 303, 'the second server sees what the first one holds');
        const firstEngine = ferretDbPids(dataDir)[0];
        const engineUri = () => (JSON.parse(readFileSync(path.join(dataDir, 'ferretdb.addr'), 'utf8')) as { uri: string }).uri;
        const uriBefore = engineUri();
        assert.equal(await stopServer(server), 0);
        running.delete(server);
        let health: Response | undefined;
        for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
          health = await fetch(`${secondUrl}/healthz`).catch(() => undefined);
          if (health?.status === 200 && ferretDbPids(dataDir).length === 1 && ferretDbPids(dataDir)[0] !== firstEngine) break;
        }
        assert.equal(health?.status, 200, 'the second server answers again after the first one stopped');
        assert.notEqual(ferretDbPids(dataDir)[0], firstEngine, 'a new FerretDB serves the data directory');
        assert.equal(engineUri(), uriBefore, 'at the same address, so the second server kept its connection');
        assert.equal(await signIn(secondUrl, 'organiser@zone.example', DEMO_PASSWORD), 303, 'sessions work after the takeover');
      } finally {
        server = second;
      }
    });

    test('when sent SIGTERM, then it exits 0 and leaves no FerretDB behind', async () => {
      assert.equal(await stopServer(server), 0);
      running.delete(server);
      assert.deepEqual(ferretDbPids(dataDir), []);
    });

    test('when the CLI runs while the server is down, then it starts and stops a database of its own', async () => {
      const created = await runCli(['user:create', '--email', 'offline@zone.example', '--name', 'Offline', '--role', 'viewer', '--password', 'offline-password'], env);
      assert.equal(created.code, 0, created.stderr);
      assert.deepEqual(ferretDbPids(dataDir), []);
    });

    test('when started again, then it creates no admin, prints no password, and keeps everything created before', async () => {
      server = await startServer(env);
      running.add(server);
      assert.doesNotMatch(server.output.stdout, /First run|Password/);
      assert.match(server.output.stdout, new RegExp(`Convene is running at ${url()}`));
      const list = await runCli(['user:list'], env);
      assert.equal(list.code, 0, list.stderr);
      for (const email of [ADMIN, 'organiser@zone.example', 'offline@zone.example']) assert.match(list.stdout, new RegExp(`^${email}`, 'm'));
      assert.deepEqual(await countInServerDatabase(dataDir), { institutions: 26, admins: 1 });
      assert.equal(await signIn(url(), ADMIN, adminPassword), 303);
      assert.equal(await stopServer(server), 0);
      running.delete(server);
      assert.deepEqual(ferretDbPids(dataDir), []);
    });
  });

  test('when MONGODB_URI points at nothing, then it exits 1 within 30 s and says which database it could not reach', async () => {
    // On a busy machine loading the code alone can take many seconds, so that time is measured alongside and not counted.
    const server = spawnServer({ ...env, MONGODB_URI: 'mongodb://127.0.0.1:1/x', PORT: String(await freePort()) });
    running.add(server);
    const started = Date.now();
    const [loadMs, code] = await Promise.all([timeToLoadApp(env), server.exited]);
    const ms = Date.now() - started;
    running.delete(server);
    assert.equal(code, 1);
    assert.ok(ms - loadMs < 30_000, `gave up after ${ms} ms, of which ${loadMs} ms loading`);
    assert.match(server.output.stderr, /Convene could not start:/);
    assert.match(server.output.stderr, /Cannot reach the database at mongodb:\/\/127\.0\.0\.1:1\/x/);
  });
});
