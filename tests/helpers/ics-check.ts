import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The second calendar parser: Python's icalendar, run by tests/helpers/ics_check.py in .venv-ics/.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The venv's Python, made by `bash scripts/ics-venv.sh` (which .ci/run calls). */
export const ICS_PYTHON = path.join(ROOT, '.venv-ics', 'bin', 'python');
export const ICS_CHECKER = path.join(ROOT, 'tests', 'helpers', 'ics_check.py');
/** The pins the venv is made from, and the copy scripts/ics-venv.sh leaves in it once installed. */
export const ICS_REQUIREMENTS = path.join(ROOT, 'tests', 'helpers', 'ics_check.requirements.txt');
export const ICS_INSTALLED_REQUIREMENTS = path.join(ROOT, '.venv-ics', 'convene-requirements.txt');
export const ICS_VENV_COMMAND = 'bash scripts/ics-venv.sh';

/** An ORGANIZER or ATTENDEE as icalendar read it (CN decoded per RFC 6868). */
export interface IcsPerson {
  address: string;
  cn: string | null;
  partstat: string | null;
  role: string | null;
  rsvp: string | null;
}

/** What ics_check.py reports about one calendar. */
export interface IcsCheckResult {
  file: string;
  origins: string[];
  ok: boolean;
  problems: string[];
  calendar: {
    method: string | null;
    events: { uid: string | null; summary: string | null; organizer: IcsPerson | null; attendees: IcsPerson[]; alarms: number }[];
  } | null;
}

/**
 * Check calendar texts with Python's icalendar in one run of the checker; the results are keyed by the names
 * given. Throws when the venv is missing (it says how to make it) or the checker cannot run.
 */
export function checkWithIcalendar(calendars: Record<string, string>): { icalendar: string; exitCode: number; results: Record<string, IcsCheckResult> } {
  if (!existsSync(ICS_PYTHON)) throw new Error(`The second calendar parser's venv (.venv-ics/) is missing: run ${ICS_VENV_COMMAND}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'convene-ics-check-'));
  try {
    for (const [name, text] of Object.entries(calendars)) writeFileSync(path.join(dir, `${name}.ics`), text);
    const run = spawnSync(ICS_PYTHON, [ICS_CHECKER, '--json', dir], { encoding: 'utf8' });
    if (run.error) throw run.error;
    if (run.status !== 0 && run.status !== 1) throw new Error(`ics_check.py exited ${run.status}: ${run.stderr}`);
    const report = JSON.parse(run.stdout) as { icalendar: string; results: IcsCheckResult[] };
    const results = Object.fromEntries(report.results.map((result) => [path.basename(result.file, '.ics'), result]));
    return { icalendar: report.icalendar, exitCode: run.status, results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
