// Builds tools/ferretdb into tools/ferretdb/bin/convene-ferretdb (run by `npm install` as postinstall).
// FerretDB's module source, fetched by the Go toolchain, is copied to tools/ferretdb/build/ferretdb and
// patched with tools/ferretdb/patches/*.patch; tools/ferretdb/go.work points the build at that copy.
// Never fails the install when Go is missing (MongoDB via MONGODB_URI is a valid setup), but says so loudly.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'tools', 'ferretdb');
const binary = join(srcDir, 'bin', 'convene-ferretdb');
const patchedDir = join(srcDir, 'build', 'ferretdb');
const patcherDir = join(srcDir, 'patcher');
const patches = readdirSync(join(srcDir, 'patches'))
  .filter((f) => f.endsWith('.patch'))
  .sort()
  .map((f) => join(srcDir, 'patches', f));
/** The Go files, module files, patches and the patcher of a directory. */
const inputsOf = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.go') || ['go.mod', 'go.sum', 'go.work'].includes(f))
    .map((f) => join(dir, f));
// This script is an input too: changing the build flags below must trigger a rebuild.
const inputs = [...inputsOf(srcDir), ...inputsOf(patcherDir), ...patches, fileURLToPath(import.meta.url)];
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

if (existsSync(binary) && existsSync(join(patchedDir, 'go.mod'))) {
  const builtAt = statSync(binary).mtimeMs;
  if (inputs.every((f) => statSync(f).mtimeMs < builtAt)) {
    console.log(`${tag} ${relative(root, binary)} is up to date (${goVersion.stdout.trim()}).`);
    process.exit(0);
  }
}

console.log(`${tag} building embedded FerretDB with ${goVersion.stdout.trim()} (first build takes a few minutes)...`);
const started = Date.now();
// -mod=readonly: go.sum is committed; a build must never rewrite it.
const goEnv = { ...process.env, CGO_ENABLED: '0', GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=readonly`.trim() };
preparePatchedSource();
const build = spawnSync(
  'go',
  // ferretdb_no_postgresql drops the unused PostgreSQL backend and -s -w the debug info (35 -> 20 MiB);
  // -buildvcs=false: VCS stamping fails in a checkout without commits or owned by another user.
  ['build', '-trimpath', '-buildvcs=false', '-tags', 'ferretdb_no_postgresql', '-ldflags', '-s -w', '-o', binary, '.'],
  {
    cwd: srcDir,
    // CGO_ENABLED=0: the SQLite driver is pure Go, so no C compiler is needed and the binary is static.
    env: goEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
if (build.error || build.status !== 0) {
  failBuild(build.error ? build.error.message : `go build exited with status ${build.status} (see output above)`);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
const mib = (statSync(binary).size / 1024 / 1024).toFixed(1);
console.log(`${tag} built ${relative(root, binary)} in ${seconds}s (${mib} MiB).`);

/** Says why the build failed, and fails the install. */
function failBuild(why) {
  notice([`Building the embedded FerretDB FAILED: ${why}`, 'Fix the error and re-run `npm install`.', ...noMongo]);
  process.exit(1);
}

/** Copies the FerretDB module source from Go's module cache to build/ferretdb and applies our patches. */
function preparePatchedSource() {
  const version = /github\.com\/FerretDB\/FerretDB (v\S+)/.exec(readFileSync(join(srcDir, 'go.mod'), 'utf8'))?.[1];
  if (!version) failBuild('tools/ferretdb/go.mod does not require github.com/FerretDB/FerretDB');
  // GOWORK=off: the module itself (checked against go.sum), not the patched copy go.work points at.
  const env = { ...goEnv, GOWORK: 'off' };
  const download = spawnSync('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${version}`], {
    cwd: srcDir,
    env,
    encoding: 'utf8',
  });
  const moduleDir = download.status === 0 ? JSON.parse(download.stdout).Dir : undefined;
  if (!moduleDir) failBuild(`go mod download of FerretDB ${version} failed: ${download.stderr || download.stdout}`);
  const patch = spawnSync('go', ['run', '.', '-src', moduleDir, '-dst', patchedDir, ...patches], {
    cwd: patcherDir,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (patch.error || patch.status !== 0) failBuild('applying tools/ferretdb/patches failed (see output above)');
  console.log(`${tag} patched FerretDB ${version} with ${patches.length} patch(es) in ${relative(root, patchedDir)}.`);
}
