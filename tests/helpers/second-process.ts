import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { testMongoUri } from './db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What a second process can be asked to do, as another app instance on the same database would. */
export type SecondProcessAction = 'reissue-link' | 'deactivate-user';

/**
 * Run one action in a second node process connected to this test file's database (its own connection, its
 * own `_id` cache), and return what it printed: the writes reach this process only through the database.
 */
export function inSecondProcess(action: SecondProcessAction, ...args: string[]): Promise<string> {
  const main = path.join('tests', 'helpers', 'second-process-main.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, testMongoUri(), mongoose.connection.name, action, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(stdout.trim()) : reject(new Error(`second process ${action} exited ${code}: ${stderr}`))));
  });
}
