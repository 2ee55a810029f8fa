import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Event } from '../../src/events/event.model.js';
import { getEvent } from '../../src/events/index.js';
import { wallClock } from '../helpers/clock.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { makeEvent } from './fixtures.js';

useTestDatabase(import.meta.url);

type SignedIn = Awaited<ReturnType<typeof signIn>>;

function symposiumForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    titleZh: '2019年度金融工作座谈会',
    titleEn: 'Annual symposium on financial work 2019',
    kind: 'symposium',
    timezone: 'Asia/Shanghai',
    startsAt: '2019-04-12T09:30',
    endsAt: '2019-04-12T11:30',
    rsvpDeadline: '2019-04-08T17:00',
    venueName: '高新区管委会',
    venueRoom: '第一会议室',
    venueMapUrl: 'https://map.example.com/qnhidz',
    contactEmail: 'Office@QNHIDZ.example',
    maxDelegates: '2',
    ...overrides,
  };
}

describe('the event form', () => {
  let app: TestApp;
  let organiser: SignedIn;

  before(async () => {
    app = await createTestApp();
    organiser = await signIn(app.app, 'organiser');
  });
  after(() => app.stop());

  async function postNew(form: Record<string, string>) {
    return organiser.agent.post('/events').type('form').send({ ...form, _csrf: organiser.csrf });
  }

  test('the alarm in invitees\' calendars is none unless the organiser picks one of the listed times; anything else is refused with a message', async () => {
    const plain = await postNew(symposiumForm({ titleZh: '无提醒的座谈会' }));
    const plainId = /\/events\/([0-9a-f]{24})$/.exec(plain.headers.location!)![1]!;
    assert.equal((await getEvent(plainId)).reminders?.calendarAlarmMinutes ?? null, null);
    const withAlarm = await postNew(symposiumForm({ titleZh: '提前一小时提醒的座谈会', calendarAlarm: '60' }));
    assert.equal(withAlarm.status, 303);
    const id = /\/events\/([0-9a-f]{24})$/.exec(withAlarm.headers.location!)![1]!;
    assert.equal((await getEvent(id)).reminders?.calendarAlarmMinutes, 60);
    const edit = await organiser.agent.get(`/events/${id}/edit?lang=zh`);
    assert.match(edit.text, /<option value="60" selected[^>]*>提前 1 小时<\/option>/);
    for (const bad of ['45', '-60', 'soon']) {
      const refused = await postNew(symposiumForm({ titleZh: `坏提醒 ${bad}`, calendarAlarm: bad }));
      assert.equal(refused.status, 422, bad);
      assert.match(refused.text, /请从列出的提醒时间中选择/);
    }
  });

  test('when an organiser creates an event, then it is a draft and its page shows it in its own zone', async () => {
    const res = await postNew(symposiumForm({ titleZh: '表单创建的座谈会' }));
    assert.equal(res.status, 303);
    const id = /\/events\/([0-9a-f]{24})$/.exec(res.headers.location!)?.[1];
    assert.ok(id, res.headers.location);
    const event = await getEvent(id);
    assert.equal(event.status, 'draft');
    assert.equal(event.maxDelegates, 2);
    assert.equal(event.organiserContact?.email, 'office@qnhidz.example');
    const page = await organiser.agent.get(`/events/${id}?lang=en`);
    assert.equal(page.status, 200);
    assert.match(page.text, /09:30–11:30/);
    assert.match(page.text, /Asia\/Shanghai/);
    const uid = (await getEvent(id)).calendar!.uid!;
    const advanced = /<details class="advanced"[\s\S]*?<\/details>/.exec(page.text)?.[0] ?? '';
    assert.ok(advanced.includes(uid), 'the calendar UID is under Advanced');
    assert.equal(page.text.split(uid).length - 1, 1, 'and nowhere else on the page');
    assert.match(page.text, new RegExp(`href="/events/${id}/board"`));
    assert.match(page.text, new RegExp(`href="/events/${id}/invitations/new"`));
    assert.match(page.text, new RegExp(`href="/events/${id}/roster"`));
    assert.match(page.text, new RegExp(`href="/events/${id}/audit"`));
    assert.match(page.text, /name="to" value="scheduled"/);
    assert.match(page.text, /name="to" value="cancelled"/);
    assert.doesNotMatch(page.text, /name="to" value="held"/);
  });

  test('when the new-event form is sent twice, then one event is created and both sends lead to it; changed and sent again, it is a second event', async () => {
    const submission = /name="submission" value="([0-9a-f]{24})"/.exec((await organiser.agent.get('/events/new')).text)?.[1];
    assert.ok(submission, 'the new-event form carries a submission id');
    const form = symposiumForm({ titleZh: '点了两次的座谈会', submission });
    const first = await postNew(form);
    const again = await postNew(form);
    assert.deepEqual([first.status, again.status], [303, 303]);
    assert.equal(first.headers.location, `/events/${submission}`);
    assert.equal(again.headers.location, first.headers.location);
    assert.equal(await Event.countDocuments({ titleZh: '点了两次的座谈会' }), 1);
    const changed = await postNew({ ...form, titleZh: '改过再提交的座谈会' });
    assert.notEqual(changed.headers.location, first.headers.location);
    assert.equal(await Event.countDocuments({ titleZh: '改过再提交的座谈会' }), 1);
    const edit = await organiser.agent.get(`${first.headers.location}/edit`);
    assert.doesNotMatch(edit.text, /name="submission"/, 'the edit form needs none');
  });

  test('when the end is before the start, then the form comes back with 422, the error on the end and what was typed', async () => {
    const before = await Event.countDocuments();
    const res = await postNew(symposiumForm({ titleZh: '结束早于开始', endsAt: '2019-04-12T08:00' }));
    assert.equal(res.status, 422);
    assert.match(res.text, /id="f-endsAt-error"/);
    assert.match(res.text, /value="结束早于开始"/);
    assert.match(res.text, /value="2019-04-12T08:00"/);
    assert.match(res.text, /value="2019-04-12T09:30"/);
    assert.equal(await Event.countDocuments(), before);
  });

  test('when the time zone is not an IANA zone, then 422 with the error on the zone and the typed values kept', async () => {
    for (const timezone of ['Mars/Olympus_Mons', 'local', 'UTC+8']) {
      const res = await postNew(symposiumForm({ timezone, titleZh: '时区错误' }));
      assert.equal(res.status, 422, timezone);
      assert.match(res.text, /id="f-timezone-error"/);
      assert.match(res.text, new RegExp(`value="${timezone.replace('+', '\\+')}"`));
      assert.match(res.text, /value="时区错误"/);
    }
  });

  test('when the reply deadline is after the start or the map link is not http(s), then 422 on those fields', async () => {
    const res = await postNew(symposiumForm({ rsvpDeadline: '2019-04-12T10:00', venueMapUrl: 'javascript:alert(1)', maxDelegates: '21' }));
    assert.equal(res.status, 422);
    assert.match(res.text, /id="f-venueMapUrl-error"/);
    assert.match(res.text, /id="f-maxDelegates-error"/);
    const deadline = await postNew(symposiumForm({ rsvpDeadline: '2019-04-12T10:00' }));
    assert.equal(deadline.status, 422);
    assert.match(deadline.text, /id="f-rsvpDeadline-error"/);
  });

  test('when the server runs in America/New_York, then 09:30 typed in Asia/Shanghai is still stored as 01:30 UTC', async () => {
    const original = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      assert.equal(new Date('2019-04-12T12:00:00Z').getTimezoneOffset(), 240, 'the process time zone did not change');
      const res = await postNew(symposiumForm({ titleZh: '服务器时区不同' }));
      assert.equal(res.status, 303);
      const event = await getEvent(res.headers.location!.split('/').pop()!);
      assert.equal(event.startsAt.toISOString(), '2019-04-12T01:30:00.000Z');
      assert.equal(event.endsAt.toISOString(), '2019-04-12T03:30:00.000Z');
      assert.equal(event.rsvpDeadline?.toISOString(), '2019-04-08T09:00:00.000Z');
      const edit = await organiser.agent.get(`/events/${event._id}/edit`);
      assert.match(edit.text, /name="startsAt" type="datetime-local" value="2019-04-12T09:30"/);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  test('when the event zone is America/New_York, then the typed wall-clock time is read there (EDT, UTC−4)', async () => {
    const original = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      const res = await postNew(symposiumForm({ titleZh: '纽约时区', timezone: 'America/New_York', rsvpDeadline: '' }));
      assert.equal(res.status, 303);
      const event = await getEvent(res.headers.location!.split('/').pop()!);
      assert.equal(event.timezone, 'America/New_York');
      assert.equal(event.startsAt.toISOString(), '2019-04-12T13:30:00.000Z');
      assert.equal(event.rsvpDeadline, null);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  test('when an organiser edits the venue, then the change is saved and the calendar revision rises', async () => {
    const event = await makeEvent();
    const edit = await organiser.agent.get(`/events/${event._id}/edit`);
    assert.equal(edit.status, 200);
    assert.match(edit.text, /value="2019-04-12T09:30"/);
    const res = await organiser.agent
      .post(`/events/${event._id}`)
      .type('form')
      .send({ ...symposiumForm(), venueRoom: '第二会议室', _csrf: organiser.csrf });
    assert.equal(res.status, 303);
    const saved = await getEvent(String(event._id));
    assert.equal(saved.venue?.room, '第二会议室');
    assert.equal(saved.calendar?.sequence, 1);
  });

  test('when a viewer opens the new-event form, then 403; the list is open to them', async () => {
    const viewer = await signIn(app.app, 'viewer');
    assert.equal((await viewer.agent.get('/events/new')).status, 403);
    const list = await viewer.agent.get('/events');
    assert.equal(list.status, 200);
    assert.doesNotMatch(list.text, /href="\/events\/new"/);
  });

  test('when the list is filtered by status, then only those events show, under upcoming or past', async () => {
    const past = await makeEvent({ titleZh: '往期筛选会议' });
    const upcoming = await makeEvent({
      titleZh: '未来筛选会议',
      startsAt: wallClock({ monthsAhead: 1, day: 20, hour: 9, minute: 30 }),
      endsAt: wallClock({ monthsAhead: 1, day: 20, hour: 11, minute: 30 }),
      rsvpDeadline: null,
    });
    const page = await organiser.agent.get('/events?status=draft&lang=en');
    assert.equal(page.status, 200);
    const [upcomingPart, pastPart] = page.text.split('<h2>Past</h2>');
    assert.match(upcomingPart!, new RegExp(`/events/${upcoming._id}"`));
    assert.match(pastPart!, new RegExp(`/events/${past._id}"`));
    const scheduledOnly = await organiser.agent.get('/events?status=scheduled');
    assert.doesNotMatch(scheduledOnly.text, new RegExp(`/events/${past._id}"`));
  });
});

describe('the zone participants editor', () => {
  let app: TestApp;
  let organiser: SignedIn;

  before(async () => {
    app = await createTestApp();
    organiser = await signIn(app.app, 'organiser');
  });
  after(() => app.stop());

  test('when an organiser adds, re-roles and removes a zone leader with plain forms, then each change is saved', async () => {
    const event = await makeEvent();
    const base = `/events/${event._id}/zone-participants`;
    const add = await organiser.agent.post(base).type('form').send({ name: '尚立群', title: '管委会主任', role: 'host', _csrf: organiser.csrf });
    assert.equal(add.status, 303);
    let saved = await getEvent(String(event._id));
    assert.equal(saved.zoneParticipants.length, 1);
    const id = String(saved.zoneParticipants[0]!._id);

    const page = await organiser.agent.get(base);
    assert.equal(page.status, 200);
    assert.match(page.text, /尚立群/);

    const bad = await organiser.agent.post(`${base}/${id}`).type('form').send({ name: '', role: 'chair', _csrf: organiser.csrf });
    assert.equal(bad.status, 422);
    assert.match(bad.text, new RegExp(`id="p-${id}-name-error"`));

    const edit = await organiser.agent.post(`${base}/${id}`).type('form').send({ name: '尚立群', title: '管委会主任', role: 'chair', _csrf: organiser.csrf });
    assert.equal(edit.status, 303);
    saved = await getEvent(String(event._id));
    assert.equal(saved.zoneParticipants[0]!.role, 'chair');
    assert.equal(String(saved.zoneParticipants[0]!._id), id);

    const remove = await organiser.agent.post(`${base}/${id}/remove`).type('form').send({ _csrf: organiser.csrf });
    assert.equal(remove.status, 303);
    saved = await getEvent(String(event._id));
    assert.equal(saved.zoneParticipants.length, 0);
  });

  test('when a participant id is unknown, then 404 and nothing changes', async () => {
    const event = await makeEvent({ zoneParticipants: [{ name: '文武', title: '', email: '', departmentId: null, role: 'attendee' }] });
    const res = await organiser.agent
      .post(`/events/${event._id}/zone-participants/000000000000000000000000/remove`)
      .type('form')
      .send({ _csrf: organiser.csrf });
    assert.equal(res.status, 404);
    assert.equal((await getEvent(String(event._id))).zoneParticipants.length, 1);
  });
});
