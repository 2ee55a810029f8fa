import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildCalendar, senderAddress, type CalendarEvent } from '../../src/calendar/index.js';
import { assertWellFormedIcs, parseIcs } from '../helpers/ics.js';

const FROM = 'Zone Financial Work Office <meetings@zone.example>';
const tricky = '二〇一九年度金融工作座谈会, part; one \\ two\nsecond line — with a long tail to force folding of this property 金融机构';

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: 'e1@convene',
    sequence: 3,
    summary: tricky,
    location: '管委会大楼 301, 青岛; "东区"',
    startsAt: new Date('2019-04-12T01:30:00Z'),
    endsAt: new Date('2019-04-12T03:30:00Z'),
    timezone: 'Asia/Shanghai',
    attendees: [
      { name: '蓝湾银行 张行长', email: 'zhang@bank-a.example', partstat: 'ACCEPTED' },
      { name: 'Kim, Min-jun', email: 'kim@kbank.example', partstat: 'NEEDS-ACTION' },
    ],
    ...overrides,
  };
}

describe('calendar requests', () => {
  test('a request has METHOD, UID, SEQUENCE, ORGANIZER and one ATTENDEE per recipient with CN, ROLE, PARTSTAT, and RSVP=TRUE only for those who have not answered', () => {
    const text = buildCalendar({ method: 'REQUEST', from: FROM, events: [event()] });
    assertWellFormedIcs(text);
    const { method, events } = parseIcs(text);
    assert.equal(method, 'REQUEST');
    const [vevent] = events;
    assert.equal(vevent!.uid, 'e1@convene');
    assert.equal(vevent!.sequence, 3);
    const organizer = vevent!.component.getFirstProperty('organizer')!;
    assert.equal(organizer.getFirstValue(), 'mailto:meetings@zone.example');
    const attendees = vevent!.attendees;
    assert.equal(attendees.length, 2);
    const first = attendees[0]!;
    assert.equal(String(first.getFirstValue()).toLowerCase(), 'mailto:zhang@bank-a.example');
    assert.equal(first.getParameter('cn'), '蓝湾银行 张行长');
    assert.equal(first.getParameter('partstat'), 'ACCEPTED');
    assert.equal(first.getParameter('role'), 'REQ-PARTICIPANT');
    assert.equal(first.getParameter('rsvp'), 'FALSE', 'an answered attendee is not asked again');
    assert.equal(attendees[1]!.getParameter('cn'), 'Kim, Min-jun');
    assert.equal(attendees[1]!.getParameter('partstat'), 'NEEDS-ACTION');
    assert.equal(attendees[1]!.getParameter('rsvp'), 'TRUE');
  });

  test('text with commas, semicolons, backslashes, newlines and Chinese comes back unchanged', () => {
    const { events } = parseIcs(buildCalendar({ method: 'REQUEST', from: FROM, events: [event()] }));
    assert.equal(events[0]!.summary, tricky);
    assert.equal(events[0]!.location, '管委会大楼 301, 青岛; "东区"');
  });

  test('names with quotes, commas, semicolons, colons, backslashes, carets and line breaks reach the attendee and organiser whole (RFC 6868)', () => {
    const names = ['王"行长", 副行长; 办公室: A\\B ^ C', 'Anna "Ann" O\'Neil', `${'很长的机构名称'.repeat(8)} "总行"`, 'two\nlines'];
    const text = buildCalendar({
      method: 'REQUEST',
      from: '"Zone \\ Office; Finance, Bureau" <meetings@zone.example>',
      events: [event({ attendees: names.map((name, i) => ({ name, email: `p${i}@bank.example`, partstat: 'NEEDS-ACTION' })) })],
    });
    assertWellFormedIcs(text);
    const unfolded = text.replace(/\r\n[ \t]/g, '');
    assert.doesNotMatch(unfolded, /CN="[^"\r\n]*\\"/, 'no backslash-escaped quote inside a parameter');
    const { events } = parseIcs(text);
    assert.deepEqual(events[0]!.attendees.map((a) => a.getParameter('cn')), names);
    assert.equal(events[0]!.component.getFirstProperty('organizer')!.getParameter('cn'), 'Zone \\ Office; Finance, Bureau');
    // Every line of an attendee is one property: the name did not leak into another parameter.
    assert.deepEqual(events[0]!.attendees.map((a) => String(a.getFirstValue()).toLowerCase()), names.map((_, i) => `mailto:p${i}@bank.example`));
  });

  test('when MAIL_FROM quotes a name holding escaped quotes, then the ORGANIZER is still that address, with the name as the From header shows it', () => {
    const from = '"Office \\"A\\" \\\\ B" <meetings@zone.example>';
    assert.deepEqual(senderAddress(from), { name: 'Office "A" \\ B', email: 'meetings@zone.example' });
    assert.deepEqual(senderAddress('Convene <convene@localhost>'), { name: 'Convene', email: 'convene@localhost' });
    assert.deepEqual(senderAddress('convene@localhost'), { name: 'convene@localhost', email: 'convene@localhost' });
    const text = buildCalendar({ method: 'REQUEST', from, events: [event()] });
    assertWellFormedIcs(text);
    const organizer = parseIcs(text).events[0]!.component.getFirstProperty('organizer')!;
    assert.equal(organizer.getFirstValue(), 'mailto:meetings@zone.example');
    assert.equal(organizer.getParameter('cn'), 'Office "A" \\ B');
  });

  test('the start instant is right in a zone other than the server\'s, with DTSTAMP in UTC', () => {
    const cases: [string, string, string][] = [
      ['Asia/Shanghai', '2019-04-12T01:30:00.000Z', '2019-04-12T09:30:00'],
      ['America/New_York', '2026-07-01T13:00:00.000Z', '2026-07-01T09:00:00'],
      ['Asia/Seoul', '2026-12-21T00:30:00.000Z', '2026-12-21T09:30:00'],
    ];
    for (const [zone, instant, wallClock] of cases) {
      const text = buildCalendar({ method: 'REQUEST', from: FROM, events: [event({ timezone: zone, startsAt: new Date(instant), endsAt: new Date(Date.parse(instant) + 3600_000) })] });
      assertWellFormedIcs(text);
      const { events } = parseIcs(text);
      assert.equal(events[0]!.startDate.toJSDate().toISOString(), instant, zone);
      assert.equal(events[0]!.startDate.zone.tzid, zone);
      assert.equal(events[0]!.startDate.toString(), wallClock);
      assert.match(text, /DTSTAMP:\d{8}T\d{6}Z/);
    }
  });

  test('a request sounds an alarm only when the event sets one, that many minutes before the start', () => {
    const none = parseIcs(buildCalendar({ method: 'REQUEST', from: FROM, events: [event()] }));
    assert.equal(none.events[0]!.component.getAllSubcomponents('valarm').length, 0);
    const text = buildCalendar({ method: 'REQUEST', from: FROM, events: [event({ alarmMinutes: 30 })] });
    assertWellFormedIcs(text);
    const [alarm] = parseIcs(text).events[0]!.component.getAllSubcomponents('valarm');
    assert.equal(String(alarm!.getFirstPropertyValue('action')), 'DISPLAY');
    assert.equal(String(alarm!.getFirstPropertyValue('trigger')), '-PT30M');
  });

  test('a cancellation has METHOD:CANCEL, STATUS:CANCELLED, every attendee and no alarm', () => {
    const text = buildCalendar({ method: 'CANCEL', from: FROM, events: [event({ sequence: 4 })] });
    assertWellFormedIcs(text);
    const { method, events } = parseIcs(text);
    assert.equal(method, 'CANCEL');
    assert.equal(events[0]!.component.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(events[0]!.attendees.length, 2);
    assert.equal(events[0]!.sequence, 4);
    assert.equal(events[0]!.component.getAllSubcomponents('valarm').length, 0);
  });

  test('a feed of events in several zones publishes each with its VTIMEZONE', () => {
    const text = buildCalendar({
      method: 'PUBLISH',
      from: FROM,
      name: 'Convene',
      events: [event(), event({ uid: 'e2@convene', timezone: 'Asia/Tokyo', attendees: [] })],
    });
    assertWellFormedIcs(text);
    const { method, events } = parseIcs(text);
    assert.equal(method, 'PUBLISH');
    assert.equal(events.length, 2);
  });
});
