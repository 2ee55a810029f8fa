import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import supertest from 'supertest';
import { Series } from '../../src/events/series.model.js';
import { cloneEvent } from '../../src/events/index.js';
import { Department } from '../../src/institutions/department.model.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { wallClock } from '../helpers/clock.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { inviteInstitution, makeEvent, makeInstitution, organiser } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('building the invitation list', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await createTestApp();
  });
  after(() => testApp.stop());

  async function setUp() {
    const event = await makeEvent();
    const eventId = String(event._id);
    const fresh = await makeInstitution({ type: 'securities', tags: ['科技金融'] });
    const noEmail = await makeInstitution({ contacts: [{ name: '无邮箱联系人', email: '', primary: true }] });
    const invited = await inviteInstitution(eventId);
    const department = await Department.create({ nameZh: '财政金融局', nameEn: 'Finance Bureau', email: 'finance@zone.test', head: { name: '刘局长', title: '局长', email: 'liu@zone.test' } });
    const form = {
      institutionIds: [String(fresh._id), String(noEmail._id), String(invited.institution._id)],
      departmentIds: [String(department._id)],
      'guests[0][name]': '陈教授',
      'guests[0][title]': '教授',
      'guests[0][email]': 'Chen@Univ.test',
      'guests[0][organisation]': '青岛大学',
      'guests[0][role]': 'speaker',
      'guests[0][locale]': 'en',
      ccAllContacts: '1',
    };
    return { event, eventId, fresh, noEmail, invited, department, form };
  }

  test('when an organiser previews a list, then it shows each addressee, cc, skipped and impossible invitees, and creates nothing', async () => {
    const { eventId, fresh, noEmail, invited, form } = await setUp();
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const page = await agent.get(`/events/${eventId}/invitations/new?type=securities`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(fresh.nameZh) && !page.text.includes(noEmail.nameZh), 'filtered by type');
    const res = await agent.post(`/events/${eventId}/invitations/preview`).type('form').send({ ...form, _csrf: csrf });
    assert.equal(res.status, 200);
    const plan = /data-testid="plan">([\s\S]*?)<\/table>/.exec(res.text)![1]!;
    assert.ok(plan.includes(fresh.nameZh) && plan.includes(fresh.contacts[0]!.email!), 'addressed to the primary contact');
    assert.ok(plan.includes(fresh.contacts[1]!.email!), 'the other contact in cc');
    assert.ok(plan.includes('刘局长') && plan.includes('陈教授') && plan.includes('chen@univ.test'));
    assert.ok(/data-testid="plan-errors"[\s\S]*没有带电子邮箱的主要联系人/.test(res.text));
    assert.ok(/data-testid="plan-skipped"[\s\S]*已被邀请参加本次会议/.test(res.text));
    assert.ok(res.text.includes(invited.institution.nameZh));
    assert.equal(await Invitation.countDocuments({ eventId }), 1, 'nothing created by the preview');
  });

  test('when the organiser confirms, then each invitee gets one invitation and a working link, and nobody is invited twice', async () => {
    const { eventId, fresh, form } = await setUp();
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const res = await agent.post(`/events/${eventId}/invitations`).type('form').send({ ...form, _csrf: csrf });
    assert.equal(res.status, 201);
    const links = [...res.text.matchAll(/value="(http[^"]+\/rsvp\/([^"]+))"/g)].map((m) => m[2]!);
    assert.equal(links.length, 3, 'institution, department and guest');
    for (const token of links) assert.equal((await supertest(testApp.app).get(`/rsvp/${token}`)).status, 200);
    const created = await Invitation.findOne({ eventId, institutionId: fresh._id }).lean();
    assert.deepEqual(created?.cc, [fresh.contacts[1]!.email]);
    const guest = await Invitation.findOne({ eventId, kind: 'guest' }).lean();
    assert.equal(guest?.guestRole, 'speaker');
    assert.equal(guest?.locale, 'en');
    const again = await agent.post(`/events/${eventId}/invitations`).type('form').send({ ...form, _csrf: csrf });
    assert.equal(again.status, 200);
    assert.equal(await Invitation.countDocuments({ eventId }), 4, 'the second run only reports');
  });

  test('when a guest row is incomplete, then the form comes back with the error and what was typed', async () => {
    const { eventId } = await setUp();
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const res = await agent.post(`/events/${eventId}/invitations/preview`).type('form').send({ _csrf: csrf, 'guests[1][name]': '无邮箱嘉宾', 'guests[1][email]': 'not-an-email' });
    assert.equal(res.status, 422);
    assert.ok(res.text.includes('value="无邮箱嘉宾"'));
    assert.ok(res.text.includes('请输入有效的电子邮箱'));
  });

  test('when the organiser asks for those invited to the previous edition, then only they are offered', async () => {
    const series = await Series.create({ nameZh: '年度金融工作座谈会' });
    const previous = await makeEvent({ seriesId: series._id, edition: 1, startsAt: wallClock({ monthsAhead: -13, day: 12, hour: 9, minute: 30 }), endsAt: wallClock({ monthsAhead: -13, day: 12, hour: 12 }), rsvpDeadline: null, status: 'closed' });
    const current = await makeEvent({ seriesId: series._id, edition: 2 });
    const before = await inviteInstitution(String(previous._id));
    const other = await makeInstitution();
    const { agent } = await signIn(testApp.app, 'organiser');
    const res = await agent.get(`/events/${current._id}/invitations/new?previous=1`);
    assert.ok(res.text.includes(before.institution.nameZh));
    assert.ok(!res.text.includes(other.nameZh));
  });

  test('when a viewer opens the list builder, then it is forbidden', async () => {
    const { eventId } = await setUp();
    const { agent } = await signIn(testApp.app, 'viewer');
    assert.equal((await agent.get(`/events/${eventId}/invitations/new`)).status, 403);
  });

  test('when an event is cloned, then the next edition starts with the same invitees, pending and without links', async () => {
    const series = await Series.create({ nameZh: '年度金融工作座谈会' });
    const event = await makeEvent({ seriesId: series._id, edition: 2019 });
    const eventId = String(event._id);
    await inviteInstitution(eventId);
    const answered = await inviteInstitution(eventId);
    await Invitation.updateOne({ _id: answered.invitationId }, { $set: { status: 'accepted', delegates: [{ name: '甲', checkInCode: 'ABCDEFGH' }] } });
    const start = new Date(event.startsAt.getTime() + 365 * 86400_000);
    const next = await cloneEvent(eventId, { startsAt: start, endsAt: new Date(start.getTime() + 3600_000) }, organiser);
    const copies = await Invitation.find({ eventId: next._id }).lean();
    assert.equal(copies.length, 2);
    assert.ok(copies.every((c) => c.status === 'pending' && !c.tokenHash && c.delegates.length === 0));
    const sourceKeys = (await Invitation.find({ eventId }).lean()).map((i) => i.inviteeKey).sort();
    assert.deepEqual(copies.map((c) => c.inviteeKey).sort(), sourceKeys);
  });
});
