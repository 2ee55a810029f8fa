import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { checkInDelegate } from '../../src/checkin/index.js';
import { createSeries } from '../../src/events/index.js';
import { createDepartment } from '../../src/institutions/index.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { assignSuggestion, changeSuggestionStatus, createSuggestion } from '../../src/suggestions/index.js';
import { Suggestion } from '../../src/suggestions/suggestion.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { inviteInstitution, makeEvent, storedInvitation } from '../invitations/fixtures.js';
import { answer } from '../invitations/mail-fixtures.js';
import { organiserUser } from './scenario.js';

useTestDatabase(import.meta.url);

const secretary = { kind: 'user' as const, id: '000000000000000000000002', email: 'secretary@test.local', name: '秘书甲' };
const DAY = 24 * 3600 * 1000;

/** Invite a new institution, accept with these delegates and check them in. */
async function attend(eventId: string, institution: { nameZh: string; nameEn: string }, names: string[]) {
  const invited = await inviteInstitution(eventId, institution);
  await answer(invited.invitationId, 'accepted', names);
  for (const d of (await storedInvitation(invited.invitationId)).delegates) await checkInDelegate(eventId, d.checkInCode, organiserUser);
  return invited;
}

/** Two editions of a series: bank A at both (1 then 2 people), bank B at the second; two suggestions to one department, one answered in 4 days. */
async function seriesWithHistory() {
  const series = await createSeries({ nameZh: `年度金融工作座谈会${Math.random().toString(36).slice(2, 6)}`, nameEn: 'Annual symposium' }, organiserUser);
  const seriesId = String(series._id);
  const first = await makeEvent({ seriesId, edition: 1, startsAt: new Date('2018-04-13T01:30:00Z'), endsAt: new Date('2018-04-13T03:30:00Z'), rsvpDeadline: null });
  const second = await makeEvent({ seriesId, edition: 2, startsAt: new Date('2019-04-12T01:30:00Z'), endsAt: new Date('2019-04-12T03:30:00Z'), rsvpDeadline: null });
  const a = await attend(String(first._id), { nameZh: '青岛银行高新区支行', nameEn: 'Bank of Qingdao' }, ['张行长']);
  const aAgain = await inviteInstitution(String(second._id), { nameZh: 'x', nameEn: 'x' });
  // The same institution at the second edition: move the fresh invitation onto bank A.
  await Invitation.updateOne({ _id: aAgain.invitationId }, { $set: { institutionId: a.institution._id, inviteeKey: `institution:${a.institution._id}` } });
  await answer(aAgain.invitationId, 'accepted', ['张行长', '李经理']);
  for (const d of (await storedInvitation(aAgain.invitationId)).delegates) await checkInDelegate(String(second._id), d.checkInCode, organiserUser);
  const b = await attend(String(second._id), { nameZh: '汇丰银行青岛分行', nameEn: 'HSBC Qingdao' }, ['Mary']);
  const department = await createDepartment({ nameZh: `科技局${Math.random().toString(36).slice(2, 6)}`, nameEn: 'Science Bureau' });
  const answered = await createSuggestion({ eventId: String(second._id), text: '建议一', categoryKey: 'credit_structure', personName: '张行长' }, secretary);
  const open = await createSuggestion({ eventId: String(second._id), text: '建议二', categoryKey: 'other', personName: 'Mary' }, secretary);
  for (const s of [answered, open]) await assignSuggestion(s.id, { departmentId: String(department._id) }, organiserUser);
  // createdAt is immutable through Mongoose: move it back with the driver, as if made four days ago.
  await Suggestion.collection.updateOne({ _id: new mongoose.Types.ObjectId(answered.id) }, { $set: { createdAt: new Date(Date.now() - 4 * DAY) } });
  await changeSuggestionStatus(answered.id, { status: 'answered', answer: '已办理。' }, organiserUser);
  return { seriesId, a, b, department };
}

describe('reports pages', () => {
  let testApp: TestApp;
  let staff: Awaited<ReturnType<typeof signIn>>;
  before(async () => {
    testApp = await createTestApp();
    staff = await signIn(testApp.app, 'viewer');
  });
  after(() => testApp.stop());

  test('a series shows attendance by year and answers by department, as tables, SVG charts and CSV', async () => {
    const { seriesId, a, b, department } = await seriesWithHistory();
    const page = await staff.agent.get(`/reports?seriesId=${seriesId}&lang=zh`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<svg role="img"[^>]*data-testid="attendance-chart"/);
    assert.match(page.text, /<svg role="img"[^>]*data-testid="answers-chart"/);
    const rowA = new RegExp(`data-institution="${a.institution._id}"><th scope="row">青岛银行高新区支行</th><td class="cell--present">1</td><td class="cell--present">2</td><td>2 / 2</td>`);
    assert.match(page.text, rowA);
    assert.match(page.text, new RegExp(`data-institution="${b.institution._id}"><th scope="row">汇丰银行青岛分行</th><td class="cell--absent">—</td><td class="cell--present">1</td><td>1 / 2</td>`));
    const deptRow = new RegExp(`data-department="${department._id}">[\\s\\S]*?<td data-field="rate">50%</td><td data-field="median">4.0</td>`);
    assert.match(page.text, deptRow);

    const csv = await staff.agent.get(`/reports/attendance.csv?seriesId=${seriesId}&lang=zh`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers['content-type']!, /^text\/csv/);
    const rows = parse(csv.text.replace(/^\uFEFF/, '')) as string[][];
    assert.deepEqual(rows[0], ['机构（中文）', '机构（英文）', '2018', '2019', '参会届数']);
    assert.deepEqual(rows[1], ['青岛银行高新区支行', 'Bank of Qingdao', '1', '2', '2']);
    const answers = parse((await staff.agent.get(`/reports/answers.csv?seriesId=${seriesId}`)).text.replace(/^\uFEFF/, '')) as string[][];
    assert.deepEqual(answers[1], [department.nameZh, 'Science Bureau', '2', '1', '0', '1', '50%', '4.0']);
  });

  test('an unknown series is 404, and signing in is needed', async () => {
    assert.equal((await staff.agent.get('/reports?seriesId=000000000000000000000000')).status, 404);
    assert.equal((await staff.agent.get('/reports/answers.csv?seriesId=nonsense')).status, 404);
    assert.equal((await supertest(testApp.app).get('/reports')).status, 303);
  });
});
