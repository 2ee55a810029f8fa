import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDemo } from '../../src/demo/index.js';
import { Event } from '../../src/events/event.model.js';
import { Institution } from '../../src/institutions/institution.model.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { registerAllMessages } from '../../src/messages.js';
import { makeSymposium } from '../checkin/fixtures.js';
import { useTestDatabase } from '../helpers/db.js';
import supertest from 'supertest';
import { apiTokenFor, createTestApp, signIn, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);
registerAllMessages();

type ApiPlan = {
  layout: { kind: string; mainSeats: number };
  precedence: { key: string; name: string; seat: number | null }[];
  assignments: { seat: number; person: string }[];
  outOfDate: boolean;
  changes: { kind: string; key: string; name: string; seat: number | null; replaces: { key: string; name: string } | null }[];
  revision: number;
};

describe('the seating plan pages and API', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  const seatOf = (plan: ApiPlan, name: string) => plan.precedence.find((p) => p.name === name)?.seat ?? null;

  test('when the organiser makes a plan for the 2019 symposium, moves a delegate, then the bank announces a substitute, then the plan says it is out of date and applying seats the substitute in the head\'s seat', async () => {
    await loadDemo(new Date('2026-01-05T02:00:00Z'));
    const event = (await Event.findOne({ edition: 2019 }).lean())!;
    const eventId = String(event._id);
    const { agent, csrf } = await signIn(t.app, 'organiser');
    const base = `/events/${eventId}/seating`;

    const preview = await agent.get(`${base}?lang=zh`);
    assert.equal(preview.status, 200);
    assert.match(preview.text, /data-testid="seating-not-made"/);

    const made = await agent.post(base).type('form').send({ _csrf: csrf, revision: '0', kind: 'long_table', convention: 'left_first', mainSeats: '40', otherSeats: '', rows: '' });
    assert.equal(made.status, 303);
    const token = await apiTokenFor('viewer');
    const api = () => supertest(t.app).get(`/api/v1/events/${eventId}/seating?lang=zh`).set('Authorization', `Bearer ${token}`).then((res) => res.body.seating as ApiPlan);
    let plan = await api();
    assert.equal(plan.layout.kind, 'long_table');
    // The zone's director hosts (seat 1, middle of the hosts' side), the deputy director chairs (seat 2); guests start at 41.
    assert.equal(seatOf(plan, '韩振东'), 1);
    assert.equal(seatOf(plan, '孙立文'), 2);
    const accepted = await Invitation.find({ eventId, status: { $in: ['accepted', 'tentative'] } }).lean();
    const delegates = accepted.flatMap((inv) => inv.delegates);
    assert.ok(delegates.length > 20);
    for (const d of delegates) assert.ok((seatOf(plan, d.name) ?? 0) > 40, `${d.name} sits on the guests' side`);
    // A bank (type first) heads the guests; its substitute "胡斌" (for 马骏) sits in the head's place of his institution.
    assert.equal(plan.precedence.filter((p) => p.key.startsWith('delegate:')).length, delegates.length);

    const bank = (await Institution.findOne({ nameZh: '瀚海银行股份有限公司蓝湾高新区支行' }).lean())!;
    const invitation = accepted.find((inv) => String(inv.institutionId) === String(bank._id))!;
    const wangKey = plan.precedence.find((p) => p.name === '王磊')!.key;
    const occupant = plan.assignments.find((a) => a.seat === 45)!.person;
    const moved = await agent.post(`${base}/move`).type('form').send({ _csrf: csrf, person: wangKey, seat: '45', revision: String(plan.revision) });
    assert.equal(moved.status, 303);
    const wangBefore = seatOf(plan, '王磊');
    plan = await api();
    assert.equal(seatOf(plan, '王磊'), 45);
    assert.equal(plan.assignments.find((a) => a.person === occupant)!.seat, wangBefore, 'the one who sat there takes the old seat');
    assert.match((await agent.get(`${base}?lang=en`)).text, /王磊 is now in seat 45\./);
    const headSeatBefore = seatOf(plan, '李建平')!;

    // The bank calls: its head cannot come, 胡新 (vice president) comes in his place.
    const status = await agent.post(`/events/${eventId}/invitations/${String(invitation._id)}/status`).type('form').send({
      _csrf: csrf, status: 'accepted', note: '电话告知', 'delegates[0][name]': '胡新', 'delegates[0][title]': '副行长', 'delegates[0][substitute]': '1', 'delegates[1][name]': '王磊', 'delegates[1][title]': '综合部经理',
    });
    assert.equal(status.status, 303);
    plan = await api();
    assert.equal(plan.outOfDate, true);
    assert.deepEqual(plan.changes.map((c) => [c.kind, c.name, c.seat, c.replaces?.name]), [['arrived', '胡新', headSeatBefore, '李建平']]);
    assert.equal(seatOf(plan, '王磊'), 45, 'nothing moved silently');
    const stale = await agent.get(`${base}?lang=zh`);
    assert.match(stale.text, /data-testid="seating-out-of-date"/);
    assert.ok(stale.text.includes(`胡新 代 李建平 出席：${headSeatBefore} 号座。`));

    const token2 = await apiTokenFor('organiser');
    const untouched = await supertest(t.app).put(`/api/v1/events/${eventId}/seating`).set('Authorization', `Bearer ${token2}`).send({});
    assert.equal(untouched.body.seating.outOfDate, true, 'saving nothing through the API does not hide the changes');
    plan = await api();
    const applied = await agent.post(`${base}/apply`).type('form').send({ _csrf: csrf, revision: String(plan.revision) });
    assert.equal(applied.status, 303);
    plan = await api();
    assert.equal(plan.outOfDate, false);
    assert.equal(seatOf(plan, '胡新'), headSeatBefore);
    assert.equal(seatOf(plan, '王磊'), 45);
    assert.equal(seatOf(plan, '李建平'), null);
    assert.doesNotMatch((await agent.get(base)).text, /data-testid="seating-out-of-date"/);
  });

  test('when a delegate with a seat is checked in at the desk, then the desk says which seat, and so does the API', async () => {
    const s = await makeSymposium();
    const token = await apiTokenFor('organiser');
    const put = await supertest(t.app).put(`/api/v1/events/${s.eventId}/seating`).set('Authorization', `Bearer ${token}`).send({ layout: { kind: 'round', convention: 'left_first', mainSeats: 8 } });
    assert.equal(put.status, 200);
    const plan = put.body.seating as ApiPlan;
    const seat = seatOf(plan, '张伟')!;
    assert.ok(seat > 1);
    const { agent, csrf } = await signIn(t.app, 'secretary');
    await agent.post(`/events/${s.eventId}/checkin/code`).type('form').send({ _csrf: csrf, code: s.delegates.zhang.checkInCode });
    assert.match((await agent.get(`/events/${s.eventId}/checkin?lang=en`)).text, new RegExp(`张伟 is checked in: seat ${seat}\\.`));
    const res = await supertest(t.app).post(`/api/v1/events/${s.eventId}/checkins`).set('Authorization', `Bearer ${token}`).send({ code: s.delegates.li.checkInCode });
    assert.equal(res.status, 201);
    assert.equal(res.body.seat, seatOf(plan, '李娜'));
  });
});

describe('bad seating input', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  async function apiAs(role: 'organiser' | 'viewer') {
    const token = await apiTokenFor(role);
    return {
      get: (path: string) => supertest(t.app).get(path).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'en'),
      put: (path: string, body: unknown) => supertest(t.app).put(path).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'en').send(body as object),
    };
  }

  test('when two people are put in one seat, or in a seat that does not exist, then the API answers 422 naming each, and the plan is unchanged', async () => {
    const s = await makeSymposium();
    const api = await apiAs('organiser');
    const path = `/api/v1/events/${s.eventId}/seating`;
    const first = await api.put(path, { layout: { kind: 'long_table', convention: 'right_first', mainSeats: 3 } });
    assert.equal(first.status, 200);
    const [a, b] = (first.body.seating as ApiPlan).assignments;
    const twice = await api.put(path, { assignments: [{ seat: 1, person: a!.person }, { seat: 1, person: b!.person }] });
    assert.equal(twice.status, 422);
    assert.equal(twice.body.error.fields['assignments.1.seat'], 'Two people cannot be given the same seat.');
    const missing = await api.put(path, { assignments: [{ seat: 99, person: a!.person }] });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.error.fields['assignments.0.seat'], 'There is no seat with this number in the plan\'s layout.');
    const stranger = await api.put(path, { assignments: [{ seat: 2, person: 'delegate:000000000000000000000000' }] });
    assert.equal(stranger.status, 422);
    assert.equal(stranger.body.error.fields['assignments.0.person'], 'This person is not on the event\'s roster.');
    const badLayout = await api.put(path, { layout: { kind: 'pyramid', convention: 'left_first', mainSeats: 0 } });
    assert.equal(badLayout.status, 422);
    assert.deepEqual(Object.keys(badLayout.body.error.fields).sort(), ['layout.kind', 'layout.mainSeats']);
    assert.deepEqual((await api.get(path)).body.seating.assignments, first.body.seating.assignments);
  });

  test('when a plan is asked of a cancelled event, then making or changing one answers 409 with the reason, on the API and the page', async () => {
    const s = await makeSymposium({ status: 'cancelled' });
    const api = await apiAs('organiser');
    const res = await api.put(`/api/v1/events/${s.eventId}/seating`, {});
    assert.equal(res.status, 409);
    assert.equal(res.body.error.message, 'This event is cancelled: no seating plan can be made or changed for it.');
    const { agent, csrf } = await signIn(t.app, 'organiser');
    const page = await agent.post(`/events/${s.eventId}/seating?lang=en`).type('form').send({ _csrf: csrf, revision: '0', kind: 'round', convention: 'left_first', mainSeats: '6' });
    assert.equal(page.status, 409);
    assert.match(page.text, /This event is cancelled: no seating plan can be made or changed for it\./);
  });

  test('when the forms get a seat that does not exist or a bad layout, then the page answers 422 with the message and keeps what was typed', async () => {
    const s = await makeSymposium();
    const { agent, csrf } = await signIn(t.app, 'organiser');
    const base = `/events/${s.eventId}/seating`;
    const bad = await agent.post(`${base}?lang=en`).type('form').send({ _csrf: csrf, revision: '0', kind: 'u_shape', convention: 'left_first', mainSeats: '3', otherSeats: '0' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /A U-shape needs seats on its arms\./);
    assert.match(bad.text, /value="u_shape" checked/);
    await agent.post(base).type('form').send({ _csrf: csrf, revision: '0', kind: 'u_shape', convention: 'left_first', mainSeats: '3', otherSeats: '2' });
    const plan = (await supertest(t.app).get(`/api/v1/events/${s.eventId}/seating`).set('Authorization', `Bearer ${await apiTokenFor('viewer')}`)).body.seating as ApiPlan;
    const move = await agent.post(`${base}/move?lang=en`).type('form').send({ _csrf: csrf, person: plan.assignments[0]!.person, seat: '8', revision: String(plan.revision) });
    assert.equal(move.status, 422);
    assert.match(move.text, /There is no seat with this number in the plan&#39;s layout\./);
    const stale = await agent.post(`${base}/move?lang=en`).type('form').send({ _csrf: csrf, person: plan.assignments[0]!.person, seat: '2', revision: String(plan.revision - 1) });
    assert.equal(stale.status, 409);
    assert.match(stale.text, /The plan was changed by someone else in the meantime/);
  });

  test('when no plan has been made, then the API says so with 404, and a viewer may read but not change plans', async () => {
    const s = await makeSymposium();
    const api = await apiAs('viewer');
    const res = await api.get(`/api/v1/events/${s.eventId}/seating`);
    assert.equal(res.status, 404);
    assert.match(res.body.error.message, /no seating plan yet/);
    assert.equal((await api.put(`/api/v1/events/${s.eventId}/seating`, {})).status, 403);
  });
});
