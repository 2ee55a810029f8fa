import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkInWalkIn, checkInZone } from '../../src/checkin/index.js';
import { Event } from '../../src/events/event.model.js';
import { getEvent } from '../../src/events/index.js';
import { createDepartment } from '../../src/institutions/index.js';
import {
  approveMinutes, currentRevision, getMinutesState, getPublishedMinutes, listPublishedVersions, onMinutesPublished, publishMinutes, reopenMinutes, saveMinutesItem,
  startMinutesCorrection, submitMinutesForReview,
} from '../../src/minutes/index.js';
import { MinutesState } from '../../src/minutes/minutes.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { attendingInstitution, content, makeChair, makeEventWithAgenda, organiser, secretary } from './fixtures.js';

useTestDatabase(import.meta.url);

const published: [string, number][] = [];
onMinutesPublished(async (eventId, version) => {
  published.push([eventId, version]);
});

/** Write one item, take the minutes through review and approval, and publish them. */
async function publishWith(eventId: string, itemId: string, notes: string) {
  const rev = await currentRevision(eventId, itemId);
  await saveMinutesItem(eventId, itemId, { baseRevision: rev.revision, content: content(notes) }, secretary);
  await submitMinutesForReview(eventId, secretary);
  await approveMinutes(eventId, organiser);
  return publishMinutes(eventId, organiser);
}

describe('the minutes workflow', () => {
  test('when minutes go draft → in review → approved → published, then each step is allowed only from the one before', async () => {
    const { eventId } = await makeEventWithAgenda();
    assert.equal((await getMinutesState(eventId)).state, 'draft');
    await assert.rejects(approveMinutes(eventId, organiser), { status: 409 }, 'a draft cannot be approved');
    await assert.rejects(publishMinutes(eventId, organiser), { status: 409 });
    assert.equal((await submitMinutesForReview(eventId, secretary)).state, 'in_review');
    await assert.rejects(submitMinutesForReview(eventId, secretary), { status: 409 });
    assert.equal((await reopenMinutes(eventId, secretary)).state, 'draft');
    await submitMinutesForReview(eventId, secretary);
    assert.equal((await approveMinutes(eventId, organiser)).state, 'approved');
    const status = await publishMinutes(eventId, organiser);
    assert.deepEqual([status.state, status.version, status.publishedVersion], ['published', 1, 1]);
    assert.deepEqual(published.filter(([id]) => id === eventId), [[eventId, 1]], 'the published hook ran once');
  });

  test('when a secretary tries to approve, then it is refused; when the chair (matched by email) approves, then it is approved', async () => {
    const { eventId } = await makeEventWithAgenda();
    await makeChair(eventId, 'Chair.Li@Zone.test');
    await submitMinutesForReview(eventId, secretary);
    await assert.rejects(approveMinutes(eventId, secretary), { status: 403, message: 'minutes.cannotApprove' });
    await assert.rejects(approveMinutes(eventId, { id: 'x', email: 'someone@zone.test', name: '别人', role: 'viewer' }), { status: 403 });
    const status = await approveMinutes(eventId, { id: '000000000000000000000009', email: 'chair.li@zone.test', name: '李书记', role: 'viewer' });
    assert.equal(status.state, 'approved');
    assert.equal(status.approved?.by.name, '李书记');
    await assert.rejects(reopenMinutes(eventId, secretary), { status: 403 }, 'a secretary cannot withdraw an approval either');
  });

  test('when two organisers publish at the same moment, then one version is published once and the other hears of a conflict', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    await saveMinutesItem(eventId, items[0]!.id, { baseRevision: 0, content: content('正文') }, secretary);
    await submitMinutesForReview(eventId, secretary);
    await approveMinutes(eventId, organiser);
    const results = await Promise.allSettled([publishMinutes(eventId, organiser), publishMinutes(eventId, organiser), publishMinutes(eventId, organiser)]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) if (r.status === 'rejected') assert.equal(r.reason.status, 409);
    assert.deepEqual((await listPublishedVersions(eventId)).map((v) => v.version), [1]);
  });

  test('when minutes are published, then item saves are refused, the snapshot stays as approved, and a correction makes version 2 while version 1 stays readable', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const itemId = items[0]!.id;
    await saveMinutesItem(eventId, itemId, { baseRevision: 0, content: content('审定的文字') }, secretary);
    await submitMinutesForReview(eventId, secretary);
    await saveMinutesItem(eventId, itemId, { baseRevision: 1, content: content('审阅中修改的文字') }, secretary);
    await approveMinutes(eventId, organiser);
    await assert.rejects(saveMinutesItem(eventId, itemId, { baseRevision: 2, content: content('审定后修改') }, secretary), { status: 409, message: 'minutes.frozen' });
    await publishMinutes(eventId, organiser);
    const v1 = await getPublishedMinutes(eventId);
    assert.equal(v1?.version, 1);
    assert.equal(v1?.approvedBy, organiser.name);
    assert.equal(v1?.items[0]?.notes, '审阅中修改的文字');
    assert.deepEqual(v1?.items.map((i) => i.order), [1, 2, 3]);
    assert.deepEqual(v1?.items[0]?.speakers, ['高新区管委会 主任 王主任']);
    await assert.rejects(saveMinutesItem(eventId, itemId, { baseRevision: 2, content: content('发布后修改') }, secretary), { status: 409, message: 'minutes.frozen' });
    assert.deepEqual(await getPublishedMinutes(eventId), v1, 'the snapshot is unchanged');

    const correction = await startMinutesCorrection(eventId, secretary);
    assert.deepEqual([correction.state, correction.version, correction.publishedVersion], ['draft', 2, 1]);
    assert.equal((await getPublishedMinutes(eventId))?.items[0]?.notes, '审阅中修改的文字', 'while the correction is drafted, version 1 is still the published one');
    await publishWith(eventId, itemId, '更正后的文字');
    assert.equal((await getPublishedMinutes(eventId))?.version, 2);
    assert.equal((await getPublishedMinutes(eventId))?.items[0]?.notes, '更正后的文字');
    assert.equal((await getPublishedMinutes(eventId, 1))?.items[0]?.notes, '审阅中修改的文字', 'version 1 stays readable');
    assert.deepEqual((await listPublishedVersions(eventId)).map((v) => v.version), [2, 1]);
    assert.equal(await getPublishedMinutes(eventId, 3), null);
  });

  test('when a save lands after approval was recorded, then what is published is exactly what was approved', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const itemId = items[1]!.id;
    await saveMinutesItem(eventId, itemId, { baseRevision: 0, content: content('批准的版本') }, secretary);
    await submitMinutesForReview(eventId, secretary);
    await approveMinutes(eventId, organiser);
    // A save that raced the approval: it got past the state check before the approval was stored.
    await MinutesState.updateOne({ _id: eventId }, { $set: { state: 'in_review' } });
    await saveMinutesItem(eventId, itemId, { baseRevision: 1, content: content('迟到的修改') }, secretary);
    await MinutesState.updateOne({ _id: eventId }, { $set: { state: 'approved' } });
    await publishMinutes(eventId, organiser);
    assert.equal((await getPublishedMinutes(eventId))?.items[1]?.notes, '批准的版本');
  });

  test('when people are checked in, then the attendance lists them per institution, per department and others, and is frozen into the published version', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const bank = await attendingInstitution(eventId, ['张三', '李四'], { nameZh: '青岛银行高新区支行', nameEn: 'Bank of Qingdao, Hi-tech Zone' });
    const department = await createDepartment({ nameZh: '财政金融局', nameEn: 'Finance Bureau' });
    await checkInZone(eventId, { name: '赵局长', title: '局长', departmentId: String(department._id) }, organiser);
    // A zone participant without a department (a guest of honour) is one of the others.
    await Event.updateOne({ _id: eventId }, { $push: { zoneParticipants: { name: '钱教授', title: '特邀嘉宾', role: 'guest_of_honour' } } });
    const guest = (await getEvent(eventId)).zoneParticipants.find((p) => p.name === '钱教授')!;
    await checkInZone(eventId, { participantId: String(guest._id) }, organiser);
    await checkInWalkIn(eventId, { name: '孙经理', title: '', institutionId: null, institutionName: '某某担保公司', substituteFor: '' }, organiser);

    await publishWith(eventId, items[0]!.id, '正文');
    const minutes = (await getPublishedMinutes(eventId))!;
    const institution = minutes.attendance.institutions.find((g) => g.id === String(bank.institution._id));
    assert.deepEqual(institution, { id: String(bank.institution._id), name: { zh: '青岛银行高新区支行', en: 'Bank of Qingdao, Hi-tech Zone' }, people: ['张三', '李四'] });
    assert.deepEqual(minutes.attendance.institutions.find((g) => g.id === '')?.name.zh, '某某担保公司', 'a typed institution is listed by its name');
    assert.deepEqual(minutes.attendance.others, ['钱教授 特邀嘉宾']);
    assert.deepEqual(minutes.attendance.departments, [{ id: String(department._id), name: { zh: '财政金融局', en: 'Finance Bureau' }, people: ['赵局长 局长'] }]);

    // Check-ins after publication do not change the published version.
    await attendingInstitution(eventId, ['周五']);
    assert.equal((await getPublishedMinutes(eventId))!.attendance.institutions.length, 2);
  });
});
