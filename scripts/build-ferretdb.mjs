// Builds tools/ferretdb into tools/ferretdb/bin/convene-ferretdb (run by `npm install` as postinstall).
// Never fails the install when Go is missing (MongoDB via MONGODB_URI is a valid setup), but says so loudly.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'tools', 'ferretdb');
const binary = join(srcDir, 'bin', 'convene-ferretdb');
// This script is an input too: changing the build flags below must trigger a rebuild.
const sources = readdirSync(srcDir).filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum');
const inputs = [...sources.map((f) => join(srcDir, f)), fileURLToPath(import.meta.url)];
const tag = '[convene:ferretdb]';

/** Prints a framed multi-line notice on stderr so it stands out in npm's install output. */
function notice(lines) {
  const bar = '-'.repeat(72);
  console.warn([bar, ...lines.map((l) => `${tag} ${l}`), bar].join('\n'));
}

const noMongo = [
  'Without the embedded database, Convene needs MONGODB_URI set to a',
  'MongoDB replica set, e.g.',
  '  MONGODB_URI="mongodb://a,b,c/convene?replicaSet=rs0"',
  'See docs/database.md.',
];

if (process.env.CONVENE_SKIP_FERRETDB === '1') {
  notice(['CONVENE_SKIP_FERRETDB=1: not building the embedded FerretDB.', ...noMongo]);
  process.exit(0);
}

const goVersion = spawnSync('go', ['version'], { encoding: 'utf8' });
if (goVersion.error || goVersion.status !== 0) {
  notice([
    'Go was not found on PATH, so the embedded database (FerretDB) was NOT built.',
    'Install Go >= 1.24 (https://go.dev/dl/) and re-run `npm install`.',
    ...noMongo,
  ]);
  process.exit(0);
}

if (existsSync(binary)) {
  const builtAt = statSync(binary).mtimeMs;
  if (inputs.every((f) => statSync(f).mtimeMs < builtAt)) {
    console.log(`${tag} ${relative(root, binary)} is up to date (${goVersion.stdout.trim()}).`);
    process.exit(0);
  }
}

console.log(`${tag} building embedded FerretDB with ${goVersion.stdout.trim()} (first build takes a few minutes)...`);
const started = Date.now();
const build = spawnSync(
  'go',
  // ferretdb_no_postgresql drops the unused PostgreSQL backend and -s -w the debug info (35 -> 20 MiB);
  // -buildvcs=false: VCS stamping fails in a checkout without commits or owned by another user.
  ['build', '-trimpath', '-buildvcs=false', '-tags', 'ferretdb_no_postgresql', '-ldflags', '-s -w', '-o', binary, '.'],
  {
    cwd: srcDir,
    // CGO_ENABLED=0: the SQLite driver is pure Go, so no C compiler is needed and the binary is static.
    // -mod=readonly: go.sum is committed; a build must never rewrite it.
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=readonly`.trim() },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
if (build.error || build.status !== 0) {
  const why = build.error ? build.error.message : `go build exited with status ${build.status} (see output above)`;
  notice([`Building the embedded FerretDB FAILED: ${why}`, 'Fix the error and re-run `npm install`.', ...noMongo]);
  process.exit(1);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
const mib = (statSync(binary).size / 1024 / 1024).toFixed(1);
console.log(`${tag} built ${relative(root, binary)} in ${seconds}s (${mib} MiB).`);
