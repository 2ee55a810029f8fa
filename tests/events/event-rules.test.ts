import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_KINDS, EVENT_STATUSES, EVENT_TRANSITIONS, PARTICIPANT_ROLES, eventTitle, isRsvpOpen, listSeries } from '../../src/events/index.js';
import { registerAllMessages } from '../../src/messages.js';
import { listMessageKeys } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { makeEvent } from './fixtures.js';

useTestDatabase(import.meta.url);
registerAllMessages();

const event = {
  titleZh: '2019年度金融工作座谈会',
  titleEn: '',
  status: 'scheduled' as const,
  startsAt: new Date('2019-04-12T01:30:00Z'),
  rsvpDeadline: new Date('2019-04-08T09:00:00Z') as Date | null,
};

describe('event rules', () => {
  test('when the title is asked for, then zh gets Chinese and other languages English, falling back to Chinese', () => {
    assert.equal(eventTitle({ ...event, titleEn: 'Annual symposium' }, 'zh'), '2019年度金融工作座谈会');
    assert.equal(eventTitle({ ...event, titleEn: 'Annual symposium' }, 'en'), 'Annual symposium');
    assert.equal(eventTitle(event, 'en'), '2019年度金融工作座谈会');
    assert.equal(eventTitle({ ...event, titleEn: 'Annual symposium' }, 'ko'), 'Annual symposium');
  });

  test('when the deadline has not passed, then replies are open for scheduled events and draft previews only', () => {
    const before = new Date('2019-04-08T08:59:00Z');
    assert.equal(isRsvpOpen(event, before), true);
    assert.equal(isRsvpOpen({ ...event, status: 'draft' }, before), true);
    for (const status of ['held', 'closed', 'cancelled'] as const) assert.equal(isRsvpOpen({ ...event, status }, before), false, status);
    assert.equal(isRsvpOpen(event, new Date('2019-04-08T09:00:00Z')), false, 'closes at the deadline itself');
  });

  test('when there is no deadline, then replies close at the start', () => {
    const open = { ...event, rsvpDeadline: null };
    assert.equal(isRsvpOpen(open, new Date('2019-04-12T01:29:00Z')), true);
    assert.equal(isRsvpOpen(open, new Date('2019-04-12T01:30:00Z')), false);
  });

  test('every status, kind, role, lifecycle action and refusal has a label in English and Chinese', () => {
    const keys = [
      ...EVENT_STATUSES.map((s) => `events.status.${s}`),
      ...EVENT_STATUSES.map((s) => `events.transitionFrom.${s}`),
      ...EVENT_KINDS.map((k) => `events.kind.${k}`),
      ...PARTICIPANT_ROLES.map((r) => `events.role.${r}`),
      ...Object.values(EVENT_TRANSITIONS).flat().map((to) => `events.action.${to}`),
    ];
    for (const locale of ['en', 'zh'] as const) {
      const known = new Set(listMessageKeys(locale));
      assert.deepEqual(keys.filter((key) => !known.has(key)), [], locale);
    }
  });
});

describe('series and read-only pages', () => {
  let app: TestApp;

  before(async () => {
    app = await createTestApp();
  });
  after(() => app.stop());

  test('when an organiser creates a series, then it is listed and offered in the event form; an empty name is 422', async () => {
    const { agent, csrf } = await signIn(app.app, 'organiser');
    const bad = await agent.post('/events/series').type('form').send({ nameZh: ' ', _csrf: csrf });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /id="f-nameZh-error"/);
    const res = await agent.post('/events/series').type('form').send({ nameZh: '年度金融工作座谈会', nameEn: 'Annual symposium on financial work', _csrf: csrf });
    assert.equal(res.status, 303);
    const series = (await listSeries()).find((s) => s.nameZh === '年度金融工作座谈会');
    assert.ok(series);
    const form = await agent.get('/events/new');
    assert.match(form.text, new RegExp(`<option value="${series._id}"`));
    assert.match(form.text, /name="timezone" type="text" list="f-timezone-list" value="Asia\/Shanghai"/);
  });

  test('when the new-series form is sent twice, then one series is created', async () => {
    const { agent, csrf } = await signIn(app.app, 'organiser');
    const submission = /name="submission" value="([0-9a-f]{24})"/.exec((await agent.get('/events/series')).text)?.[1];
    assert.ok(submission, 'the form carries a submission id');
    const send = () => agent.post('/events/series').type('form').send({ nameZh: '科技金融论坛', nameEn: '', submission, _csrf: csrf });
    assert.deepEqual([(await send()).status, (await send()).status], [303, 303]);
    assert.equal((await listSeries()).filter((s) => s.nameZh === '科技金融论坛').length, 1);
  });

  test('when a viewer opens an event and its zone participants, then they see the facts but no action or edit form', async () => {
    const viewer = await signIn(app.app, 'viewer');
    const event = await makeEvent({ zoneParticipants: [{ name: '尚立群', title: '管委会主任', email: '', departmentId: null, role: 'host' }] });
    const page = await viewer.agent.get(`/events/${event._id}?lang=en`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Asia\/Shanghai/);
    assert.doesNotMatch(page.text, /name="to"/);
    assert.doesNotMatch(page.text, /\/clone"/);
    const participants = await viewer.agent.get(`/events/${event._id}/zone-participants?lang=en`);
    assert.equal(participants.status, 200);
    assert.match(participants.text, /<td>尚立群<\/td>/);
    assert.match(participants.text, /<td>Host<\/td>/);
    assert.doesNotMatch(participants.text, /<form method="post" action="\/events\//);
  });

  test('when an unknown or malformed event id is opened, then 404', async () => {
    const { agent } = await signIn(app.app, 'viewer');
    assert.equal((await agent.get('/events/000000000000000000000000')).status, 404);
    assert.equal((await agent.get('/events/not-an-id')).status, 404);
  });
});
