import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import supertest from 'supertest';
import { Event } from '../../src/events/event.model.js';
import { AuditEntry } from '../../src/invitations/audit-entry.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { anonymousCsrf, answerForm, inviteInstitution, makeEvent, storedInvitation } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('the RSVP board, roster and audit trail', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await createTestApp();
  });
  after(() => testApp.stop());

  async function answer(token: string, form: Parameters<typeof answerForm>[1]) {
    const { csrf, cookie } = await anonymousCsrf(testApp.app, token);
    const res = await supertest(testApp.app).post(`/rsvp/${token}`).set('Cookie', cookie).type('form').send(answerForm(csrf, form));
    assert.equal(res.status, 303);
  }

  /** An event with five invitations: two accepted (3 people), one tentative, one declined, one pending. */
  async function answeredEvent() {
    const event = await makeEvent();
    const eventId = String(event._id);
    const invites = [];
    for (let i = 0; i < 5; i += 1) invites.push(await inviteInstitution(eventId));
    await answer(invites[0]!.token, { status: 'accepted', delegates: [{ name: '甲一' }, { name: '=HYPERLINK("x")' }], dietary: '素食' });
    await answer(invites[1]!.token, { status: 'accepted', delegates: [{ name: '乙一', substitute: true }] });
    await answer(invites[2]!.token, { status: 'tentative', delegates: [{ name: '丙一' }] });
    await answer(invites[3]!.token, { status: 'declined' });
    return { event, eventId, invites };
  }

  test('when staff open the board, then the totals by status match the answers, as a chart and as numbers', async () => {
    const { eventId } = await answeredEvent();
    const { agent } = await signIn(testApp.app, 'viewer');
    const res = await agent.get(`/events/${eventId}/board`);
    assert.equal(res.status, 200);
    const total = (status: string) => new RegExp(`<td data-status="${status}">(\\d+)</td>`).exec(res.text)?.[1];
    assert.deepEqual(['pending', 'accepted', 'tentative', 'declined'].map(total), ['1', '2', '1', '1']);
    assert.match(res.text, /data-testid="total">5</);
    assert.match(res.text, /data-testid="attending">3</);
    assert.match(res.text, /<svg role="img"/);
    assert.equal((res.text.match(/<tr data-status=/g) ?? []).length, 5);
    const filtered = await agent.get(`/events/${eventId}/board?status=accepted&q=${encodeURIComponent('甲一')}`);
    assert.equal((filtered.text.match(/<tr data-status=/g) ?? []).length, 1);
  });

  test('when the roster is exported, then the CSV starts with a BOM, parses, and has one line per delegate', async () => {
    const { eventId } = await answeredEvent();
    const { agent } = await signIn(testApp.app, 'viewer');
    const res = await agent.get(`/events/${eventId}/board.csv`).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type']!, /^text\/csv; charset=utf-8/);
    const text = res.body as string;
    assert.equal(text.charCodeAt(0), 0xfeff);
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 6, '3 + 1 delegates, and one line each for the declined and pending invitations');
    const names = rows.map((r) => r['参会代表']);
    assert.ok(names.includes('甲一') && names.includes('丙一'));
    assert.ok(names.includes(`'=HYPERLINK("x")`), 'formulas typed on the public page are neutralised');
    assert.equal(rows.find((r) => r['参会代表'] === '甲一')!['饮食要求'], '素食');
  });

  test('when an organiser sets a status by hand, then it is recorded with who and when', async () => {
    const { eventId, invites } = await answeredEvent();
    const { agent, user, csrf } = await signIn(testApp.app, 'organiser');
    const target = invites[4]!;
    const res = await agent
      .post(`/events/${eventId}/invitations/${target.invitationId}/status`)
      .type('form')
      .send({ _csrf: csrf, status: 'accepted', 'delegates[0][name]': '电话确认的代表', 'delegates[0][title]': '副行长', note: '4月3日电话确认' });
    assert.equal(res.status, 303);
    const stored = await storedInvitation(target.invitationId);
    assert.equal(stored.status, 'accepted');
    assert.equal(stored.respondedBy?.kind, 'organiser');
    assert.equal(String(stored.respondedBy?.userId), user.id);
    assert.ok(stored.respondedAt && Date.now() - stored.respondedAt.getTime() < 60_000);
    const entry = await AuditEntry.findOne({ invitationId: target.invitationId, action: 'invitation.statusSet' }).lean();
    assert.equal(entry?.actor?.name, user.name);
    assert.equal(entry?.after.note, '4月3日电话确认');
    const board = await agent.get(`/events/${eventId}/board`);
    assert.ok(board.text.includes(`由${user.name}登记`));
  });

  test('when a viewer tries to set a status or create a link, then it is forbidden', async () => {
    const { eventId, invites } = await answeredEvent();
    const { agent, csrf } = await signIn(testApp.app, 'viewer');
    const token = csrf;
    const status = await agent.post(`/events/${eventId}/invitations/${invites[4]!.invitationId}/status`).type('form').send({ _csrf: token, status: 'declined' });
    assert.equal(status.status, 403);
    const link = await agent.post(`/events/${eventId}/invitations/${invites[4]!.invitationId}/link`).type('form').send({ _csrf: token });
    assert.equal(link.status, 403);
    assert.equal((await storedInvitation(invites[4]!.invitationId)).status, 'pending');
  });

  test('an organiser downloads every live RSVP link as CSV for a mail merge: the links the emails carry, still working; viewers may not', async () => {
    const { eventId, invites } = await answeredEvent();
    const { agent } = await signIn(testApp.app, 'organiser');
    const res = await agent.get(`/events/${eventId}/links.csv?lang=en`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^text\/csv/);
    assert.match(res.headers['content-disposition'] ?? '', /attachment; filename="?rsvp-links-/);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const [headings, ...lines] = parse(res.text.replace(/^\uFEFF/, '')) as string[][];
    assert.deepEqual(headings, ['Invitee', 'Addressed to', 'Email', 'Copy (cc)', 'Language', 'Answer', 'RSVP link']);
    assert.deepEqual(lines.map((l) => l.at(-1)).sort(), invites.map((i) => i.url).sort(), 'the links the emails carry');
    for (const invite of invites) assert.equal((await supertest(testApp.app).get(`/rsvp/${invite.token}`)).status, 200, 'exporting changes no link');
    assert.equal(await AuditEntry.countDocuments({ eventId, action: 'invitation.linksExported' }), 1);
    const viewer = await signIn(testApp.app, 'viewer');
    assert.equal((await viewer.agent.get(`/events/${eventId}/links.csv`)).status, 403);
    assert.doesNotMatch((await viewer.agent.get(`/events/${eventId}/board`)).text, /links\.csv/);
  });

  test('when an organiser creates a new link, then it is shown once and the old link is dead', async () => {
    const { eventId, invites } = await answeredEvent();
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const asked = await agent.post(`/events/${eventId}/invitations/${invites[0]!.invitationId}/link`).type('form').send({ _csrf: csrf });
    assert.equal(asked.status, 200);
    assert.match(asked.text, /data-testid="confirm"/);
    assert.match(asked.text, /将立即失效/, 'the confirmation names the consequence');
    assert.equal((await supertest(testApp.app).get(`/rsvp/${invites[0]!.token}`)).status, 200, 'nothing happens until it is confirmed');
    const res = await agent.post(`/events/${eventId}/invitations/${invites[0]!.invitationId}/link`).type('form').send({ _csrf: csrf, confirmed: '1' });
    assert.equal(res.status, 201);
    const url = /value="(http[^"]+\/rsvp\/[^"]+)"/.exec(res.text)?.[1] ?? '';
    assert.ok(res.text.includes('旧链接已失效'));
    const fresh = url.split('/rsvp/')[1]!;
    assert.equal((await supertest(testApp.app).get(`/rsvp/${invites[0]!.token}`)).status, 404);
    assert.equal((await supertest(testApp.app).get(`/rsvp/${fresh}`)).status, 200);
    const page = await agent.get(`/events/${eventId}/invitations/${invites[0]!.invitationId}`);
    assert.ok(!page.text.includes(fresh), 'the link is not shown again');
  });

  test('when an organiser changes roles on the roster, then delegates and zone participants keep their new roles', async () => {
    const { event, eventId, invites } = await answeredEvent();
    await Event.updateOne({ _id: event._id }, { $set: { zoneParticipants: [{ name: '尚主任', title: '管委会主任', role: 'attendee' }] } });
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const roster = await agent.get(`/events/${eventId}/roster`);
    assert.equal((roster.text.match(/<tr data-source="delegate"/g) ?? []).length, 4, 'accepted and tentative delegates');
    assert.equal((roster.text.match(/<tr data-source="zone"/g) ?? []).length, 1);
    const delegate = (await storedInvitation(invites[0]!.invitationId)).delegates[0]!;
    const zone = (await Event.findById(event._id).lean())!.zoneParticipants[0]!;
    const token = csrf;
    const one = await agent.post(`/events/${eventId}/roster/role`).type('form').send({ _csrf: token, source: 'delegate', invitationId: invites[0]!.invitationId, personId: String(delegate._id), role: 'speaker' });
    assert.equal(one.status, 303);
    const two = await agent.post(`/events/${eventId}/roster/role`).type('form').send({ _csrf: token, source: 'zone', personId: String(zone._id), role: 'host' });
    assert.equal(two.status, 303);
    assert.equal((await storedInvitation(invites[0]!.invitationId)).delegates[0]!.role, 'speaker');
    assert.equal((await Event.findById(event._id).lean())!.zoneParticipants[0]!.role, 'host');
    await answer(invites[0]!.token, { status: 'accepted', delegates: [{ name: '甲一' }] });
    assert.equal((await storedInvitation(invites[0]!.invitationId)).delegates[0]!.role, 'speaker', 'the role survives a changed answer');
  });

  test('when staff open the audit trail, then every change is listed newest first', async () => {
    const { eventId, invites } = await answeredEvent();
    await answer(invites[3]!.token, { status: 'accepted', delegates: [{ name: '丁一' }] });
    const { agent } = await signIn(testApp.app, 'viewer');
    const res = await agent.get(`/events/${eventId}/audit`);
    assert.equal(res.status, 200);
    const actions = [...res.text.matchAll(/<tr data-action="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(actions.filter((a) => a === 'invitation.created').length, 5);
    assert.equal(actions.filter((a) => a === 'rsvp.answered').length, 5);
    assert.equal(actions[0], 'rsvp.answered', 'newest first');
    const times = [...res.text.matchAll(/<time datetime="([^"]+)"/g)].map((m) => Date.parse(m[1]!));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
  });
});
