// Lifecycle of the embedded FerretDB: start, reuse by a second caller, no orphans, data survives a restart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import mongoose from 'mongoose';
import { startEmbeddedFerretDb, type EmbeddedFerretDb } from '../../src/db/embedded-ferretdb.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const moduleUrl = pathToFileURL(join(repoRoot, 'src', 'db', 'embedded-ferretdb.ts')).href;

/** True while pid exists and is not a zombie (a reaped-later zombie is already dead for our purpose). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

function ownerPid(dataDir: string): number {
  return (JSON.parse(readFileSync(join(dataDir, 'ferretdb.addr'), 'utf8')) as { pid: number }).pid;
}

describe('embedded FerretDB', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'convene-ferretdb-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('starts, and a second start on the same dir reuses it', async () => {
    const first = await startEmbeddedFerretDb({ dataDir });
    try {
      assert.equal(first.owned, true);
      assert.match(first.uri, /^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
      const second = await startEmbeddedFerretDb({ dataDir });
      assert.equal(second.owned, false);
      assert.equal(second.uri, first.uri);
      await second.stop(); // a no-op: the server must still answer
      const conn = await mongoose.createConnection(first.uri, { dbName: 'lifecycle' }).asPromise();
      assert.equal((await conn.db!.admin().ping()).ok, 1);
      await conn.close();
    } finally {
      await first.stop();
    }
    assert.equal(existsSync(join(dataDir, 'ferretdb.addr')), false, 'addr file removed on stop');
    // Once stopped, the next caller becomes the owner again.
    const third = await startEmbeddedFerretDb({ dataDir });
    assert.equal(third.owned, true);
    await third.stop();
  });

  test('SIGKILL of the parent leaves no orphan', async () => {
    const scriptDir = mkdtempSync(join(tmpdir(), 'convene-ferretdb-parent-'));
    const script = join(scriptDir, 'parent.mts');
    writeFileSync(
      script,
      `import { startEmbeddedFerretDb } from ${JSON.stringify(moduleUrl)};
const db = await startEmbeddedFerretDb({ dataDir: ${JSON.stringify(dataDir)} });
console.log(JSON.stringify({ owned: db.owned }));
setInterval(() => {}, 1000);
`,
    );
    // cwd = repo root so `--import tsx` resolves from our node_modules.
    const parent = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((res, rej) => {
        let out = '';
        parent.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c;
          if (out.includes('\n')) res(out.split('\n')[0]!);
        });
        parent.once('exit', (code) => rej(new Error(`parent exited early (${code})`)));
      });
      assert.deepEqual(JSON.parse(line), { owned: true });
      const pid = ownerPid(dataDir);
      assert.ok(isAlive(pid), 'ferretdb is running');
      parent.kill('SIGKILL');
      assert.ok(await waitFor(() => !isAlive(pid), 5000), `ferretdb pid ${pid} outlived its SIGKILLed parent`);
      // And its data dir is free again for a new owner.
      const next = await startEmbeddedFerretDb({ dataDir });
      assert.equal(next.owned, true);
      await next.stop();
    } finally {
      parent.kill('SIGKILL');
      rmSync(scriptDir, { recursive: true, force: true });
    }
  });

  test('data written with mongoose survives stop + start', async () => {
    const schema = new mongoose.Schema({ title: String, at: Date });
    const at = new Date('2025-03-04T05:06:07.089Z');
    let db: EmbeddedFerretDb = await startEmbeddedFerretDb({ dataDir });
    let conn = await mongoose.createConnection(db.uri, { dbName: 'persist' }).asPromise();
    await conn.model('Note', schema).create({ _id: new mongoose.Types.ObjectId('0123456789abcdef01234567'), title: 'kept', at });
    await conn.close();
    await db.stop();

    db = await startEmbeddedFerretDb({ dataDir });
    try {
      conn = await mongoose.createConnection(db.uri, { dbName: 'persist' }).asPromise();
      const doc = await conn.model('Note', schema).findById('0123456789abcdef01234567').lean();
      assert.equal(doc?.title, 'kept');
      assert.equal(doc?.at?.toISOString(), at.toISOString());
      await conn.close();
    } finally {
      await db.stop();
    }
  });

  test('a missing binary gives an actionable error', async () => {
    await assert.rejects(
      startEmbeddedFerretDb({ dataDir, binaryPath: join(dataDir, 'no-such-binary') }),
      /npm install.*Go.*MONGODB_URI/s,
    );
  });
});
