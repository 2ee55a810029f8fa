import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildCalendar, type CalendarEvent } from '../../src/calendar/index.js';
import { checkWithIcalendar, ICS_REQUIREMENTS } from '../helpers/ics-check.js';

// The second calendar parser (Python's icalendar, tests/helpers/ics_check.py) that `npm test` runs over every
// calendar the suite sees: here it is run directly, to show it reads what Convene writes and refuses breakage.

const FROM = '"Zone \\ Office; Finance, Bureau ^ 2" <meetings@zone.example>';
const NAMES = [
  '王"行长", 副行长; 办公室: A\\B ^ C',
  'Anna "Ann" O\'Neil',
  'Kim, Min-jun',
  'semi;colon: and ^^caret^n',
  'two\nlines',
  `${'很长的机构名称'.repeat(8)} "总行"`,
];

function request(overrides: Partial<CalendarEvent> = {}): string {
  return buildCalendar({
    method: 'REQUEST',
    from: FROM,
    events: [
      {
        uid: 'second-parser@convene',
        sequence: 2,
        summary: '金融工作座谈会, part; one \\ two',
        startsAt: new Date('2026-12-21T01:30:00Z'),
        endsAt: new Date('2026-12-21T03:30:00Z'),
        timezone: 'Asia/Shanghai',
        alarmMinutes: 30,
        attendees: NAMES.map((name, i) => ({ name, email: `p${i}@bank.example`, partstat: i === 0 ? 'ACCEPTED' : 'NEEDS-ACTION' })),
        ...overrides,
      },
    ],
  });
}

/** The one content line (unfolded) that starts with `prefix`, and the text with it replaced by `line`. */
function replaceLine(text: string, prefix: string, line: string): string {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const index = lines.findIndex((l) => l.startsWith(prefix));
  assert.ok(index >= 0, `a line starts with ${prefix}`);
  lines[index] = line;
  return lines.join('\r\n');
}

const withoutLine = (text: string, prefix: string) => text.split('\r\n').filter((l) => !l.startsWith(prefix)).join('\r\n');

describe('the second calendar parser (Python icalendar)', () => {
  test('it is the pinned icalendar, and it reads a request with hard names whole: every CN decodes to the name given', () => {
    const pinned = /^icalendar==(\S+)$/m.exec(readFileSync(ICS_REQUIREMENTS, 'utf8'))?.[1];
    const { icalendar, exitCode, results } = checkWithIcalendar({ good: request() });
    assert.equal(icalendar, pinned, 'the venv runs the pinned icalendar');
    const good = results.good!;
    assert.deepEqual(good.problems, []);
    assert.equal(exitCode, 0);
    assert.equal(good.calendar!.method, 'REQUEST');
    const [event] = good.calendar!.events;
    assert.equal(event!.uid, 'second-parser@convene');
    assert.equal(event!.summary, '金融工作座谈会, part; one \\ two');
    assert.equal(event!.alarms, 1);
    assert.deepEqual(event!.attendees.map((a) => a.cn), NAMES);
    assert.deepEqual(event!.attendees.map((a) => a.address.toLowerCase()), NAMES.map((_, i) => `mailto:p${i}@bank.example`));
    assert.deepEqual(event!.attendees.map((a) => a.partstat), ['ACCEPTED', ...NAMES.slice(1).map(() => 'NEEDS-ACTION')]);
    assert.equal(event!.organizer!.cn, 'Zone \\ Office; Finance, Bureau ^ 2');
    assert.equal(event!.organizer!.address, 'mailto:meetings@zone.example');
  });

  test('a cancellation and a feed pass too', () => {
    const cancel = buildCalendar({ method: 'CANCEL', from: FROM, events: [{ uid: 'c@convene', sequence: 3, summary: 'x', startsAt: new Date('2026-12-21T01:30:00Z'), endsAt: new Date('2026-12-21T03:30:00Z'), timezone: 'America/New_York', attendees: [{ name: 'A "B"', email: 'a@b.example', partstat: 'DECLINED' }] }] });
    const feed = buildCalendar({ method: 'PUBLISH', from: FROM, name: 'Convene "feed"', events: [{ uid: 'f@convene', sequence: 0, summary: 'y', startsAt: new Date('2026-03-29T00:30:00Z'), endsAt: new Date('2026-03-29T02:30:00Z'), timezone: 'Europe/Berlin' }] });
    const { exitCode, results } = checkWithIcalendar({ cancel, feed });
    assert.deepEqual([results.cancel!.problems, results.feed!.problems], [[], []]);
    assert.equal(exitCode, 0);
  });

  test('it refuses broken calendars and says what is wrong with each, and its exit status says so', () => {
    const good = request();
    const broken: Record<string, [text: string, problem: RegExp]> = {
      // What ical-generator wrote before fixQuotedParameters: RFC 5545 has no backslash escape in a parameter.
      backslashQuote: [replaceLine(good, 'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Anna', 'ATTENDEE;PARTSTAT=NEEDS-ACTION;CN="Li \\"Wei\\"":mailto:li@bank.example'), /ATTENDEE.*not a valid parameter string/],
      unquotedComma: [replaceLine(good, 'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Kim', 'ATTENDEE;CN=Kim, Min-jun:mailto:kim@bank.example'), /CN is not one name/],
      nameInAddress: [replaceLine(good, 'ORGANIZER', 'ORGANIZER;CN=Office:mailto:"Office" <meetings@zone.example>'), /ORGANIZER is not a mailto: address/],
      noEnd: [good.replace(/END:VCALENDAR\r\n$/, ''), /cannot parse/],
      noMethod: [withoutLine(good, 'METHOD:'), /no METHOD/],
      noStamp: [withoutLine(good, 'DTSTAMP:'), /no DTSTAMP/],
      noDtend: [withoutLine(good, 'DTEND'), /one of DTEND and DURATION/],
      noZone: [good.replace(/TZID=Asia\/Shanghai/g, 'TZID=Asia/Nowhere'), /no VTIMEZONE for it/],
      bareLf: [good.replace(/\r\n/g, '\n'), /bare LF/],
      unfolded: [good.replace(/\r\n[ \t]/g, ''), /octets long/],
    };
    const { exitCode, results } = checkWithIcalendar({ good, ...Object.fromEntries(Object.entries(broken).map(([name, [text]]) => [name, text])) });
    assert.equal(exitCode, 1, 'a failure fails the run');
    assert.deepEqual(results.good!.problems, [], 'the good one next to them still passes');
    for (const [name, [, problem]] of Object.entries(broken)) {
      const result = results[name]!;
      assert.equal(result.ok, false, `${name} is refused`);
      assert.ok(result.problems.some((p) => problem.test(p)), `${name}: ${problem} in ${JSON.stringify(result.problems)}`);
    }
  });
});
