// The spool of calendar texts for the second parser (docs/testing.md, "A second calendar parser").
//
// When TEST_ICS_SPOOL names a directory (`npm test` sets it), every calendar text the tests see is copied
// there: what the ical.js helpers parse (tests/helpers/ics.ts), every text/calendar part the SMTP sink
// receives (tests/helpers/smtp-sink.ts) and every one the app's embedded catcher receives (through the
// catcher's diagnostics channel, subscribed below). After the suite, scripts/test.ts checks the whole spool
// with Python's icalendar in one run (tests/helpers/ics_check.py). Without TEST_ICS_SPOOL nothing is written.
//
// scripts/test.ts preloads this file in every test process (`--import`), so the catcher is covered in test
// files that never import it.
import { createHash } from 'node:crypto';
import diagnosticsChannel from 'node:diagnostics_channel';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CAUGHT_MAIL_CHANNEL, type CaughtMailMessage } from '../../src/mail/mail-capture.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the test that produced a calendar can be read: the test file this process runs. */
const testFile = process.argv[1] ? path.relative(ROOT, process.argv[1]) : '(unknown test file)';
const spooled = new Set<string>();

/** The spool directory, or undefined when calendars are not being collected. */
export function icsSpoolDir(): string | undefined {
  return process.env.TEST_ICS_SPOOL || undefined;
}

/** A content type that is a calendar part (`text/calendar`, with or without parameters). */
export function isCalendarType(contentType: string): boolean {
  return /^text\/calendar\b/i.test(contentType.trim());
}

/**
 * Copy one calendar text to the spool as `<sha256>.ics` (identical texts collapse), and note in `<sha256>.origin`
 * which test file and which channel (`source`) it came from. Synchronous, so nothing is lost when a test
 * process ends.
 */
export function spoolCalendar(content: string | Uint8Array, source: string): void {
  const dir = icsSpoolDir();
  if (!dir) return;
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const name = createHash('sha256').update(bytes).digest('hex');
  const key = `${name} ${source}`;
  if (spooled.has(key)) return;
  spooled.add(key);
  try {
    writeFileSync(path.join(dir, `${name}.ics`), bytes, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  appendFileSync(path.join(dir, `${name}.origin`), `${testFile} (${source})\n`);
}

/** Spool every calendar part of a message's attachments (mailparser's, or the catcher's parts). */
export function spoolCalendarParts(attachments: { contentType: string; content?: Uint8Array | null }[], source: string): void {
  for (const attachment of attachments) {
    if (isCalendarType(attachment.contentType) && attachment.content) spoolCalendar(attachment.content, source);
  }
}

// One subscription per process, however this module is reached.
const SUBSCRIBED = Symbol.for('convene.tests.icsSpool.subscribed');
const processState = process as unknown as Record<symbol, boolean | undefined>;
if (icsSpoolDir() && !processState[SUBSCRIBED]) {
  processState[SUBSCRIBED] = true;
  diagnosticsChannel.subscribe(CAUGHT_MAIL_CHANNEL, (message) => {
    spoolCalendarParts((message as CaughtMailMessage).parts.attachments, 'mail catcher');
  });
}
