import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { spoolCalendar } from './ics-spool.js';

/**
 * Parse an iCalendar text with ical.js, registering its VTIMEZONEs so times resolve to instants. Under `npm test`
 * the text is also spooled for the second parser (Python's icalendar, after the suite: tests/helpers/ics-spool.ts).
 */
export function parseIcs(text: string) {
  spoolCalendar(text, 'ical.js helper');
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
  return { calendar, events, method: String(calendar.getFirstPropertyValue('method')) };
}

/** The structural rules every calendar we send must follow (CRLF only, lines ≤ 75 octets, a VTIMEZONE per TZID). */
export function assertWellFormedIcs(text: string): void {
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'bare CR or LF');
  for (const line of text.split('\r\n')) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line longer than 75 octets: ${line}`);
  }
  const { calendar } = parseIcs(text);
  const defined = new Set(calendar.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))));
  for (const match of text.matchAll(/TZID=([^:;]+)/g)) assert.ok(defined.has(match[1]!), `TZID ${match[1]} has no VTIMEZONE`);
}
