// Compile TypeScript to dist/ and copy component views beside the compiled code.
// With --if-stale, do nothing when dist/ is newer than every source file.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

function isStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const inputs = [...walk(src), path.join(root, 'tsconfig.json'), path.join(root, 'package.json')];
  return inputs.some((file) => statSync(file).mtimeMs > built);
}

/** Build dist/ (always, or only when sources changed). */
export function build({ ifStale = false } = {}) {
  if (ifStale && !isStale()) return;
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    console.error('TypeScript is not installed: run `npm install` first.');
    process.exit(1);
  }
  console.error('Building Convene…');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  for (const file of walk(src)) {
    if (file.endsWith('.ejs')) cpSync(file, path.join(dist, path.relative(src, file)));
  }
  writeFileSync(stamp, new Date().toISOString());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) build({ ifStale: process.argv.includes('--if-stale') });
