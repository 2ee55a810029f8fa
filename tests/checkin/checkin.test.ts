import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInDelegate, checkInWalkIn, checkInZone, listCheckIns, undoCheckIn } from '../../src/checkin/index.js';
import { CheckIn } from '../../src/checkin/checkin.model.js';
import { countsOf, loadAttendance } from '../../src/checkin/attendance.service.js';
import { loadPeople } from '../../src/checkin/expected.service.js';
import { Department } from '../../src/institutions/department.model.js';
import { Event } from '../../src/events/event.model.js';
import { AppError, NotFoundError, ValidationError } from '../../src/web/errors.js';
import { useTestDatabase } from '../helpers/db.js';
import { answer, makeSymposium, secretary } from './fixtures.js';

useTestDatabase(import.meta.url);

const walkIn = (overrides: Partial<{ name: string; title: string; institutionId: string | null; institutionName: string; substituteFor: string }>) => ({
  name: '钱多多', title: '', institutionId: null, institutionName: '', substituteFor: '', ...overrides,
});

describe('checking people in', () => {
  test('when a delegate’s code is checked in, then the record names the delegate, the institution in both languages and who checked them in', async () => {
    const s = await makeSymposium();
    const { record, alreadyCheckedIn } = await checkInDelegate(s.eventId, s.delegates.zhang.checkInCode, secretary);
    assert.equal(alreadyCheckedIn, false);
    assert.equal(record.id, `${s.eventId}:code:${s.delegates.zhang.checkInCode}`);
    assert.equal(record.kind, 'delegate');
    assert.equal(record.name, '张伟');
    assert.equal(record.title, '行长');
    assert.equal(record.invitationId, s.a.invitationId);
    assert.equal(record.institutionId, String(s.a.institution._id));
    assert.deepEqual(record.institutionName, { zh: s.a.institution.nameZh, en: s.a.institution.nameEn });
    assert.equal(record.departmentId, null);
    assert.equal(record.checkedInBy, '王秘书');
    assert.deepEqual((await listCheckIns(s.eventId)).map((r) => r.name), ['张伟']);
  });

  test('when the same code is checked in again, and five times at once, then one check-in is recorded and the others say when and by whom', async () => {
    const s = await makeSymposium();
    const first = await checkInDelegate(s.eventId, s.delegates.li.checkInCode, secretary);
    const again = await checkInDelegate(s.eventId, s.delegates.li.checkInCode, { ...secretary, name: '另一位秘书' });
    assert.equal(again.alreadyCheckedIn, true);
    assert.equal(again.record.checkedInBy, '王秘书');
    assert.equal(again.record.checkedInAt.getTime(), first.record.checkedInAt.getTime());

    const outcomes = await Promise.all(Array.from({ length: 5 }, (_, i) => checkInDelegate(s.eventId, s.delegates.zhao.checkInCode, { ...secretary, name: `门口${i}` })));
    assert.equal(outcomes.filter((o) => !o.alreadyCheckedIn).length, 1, 'exactly one door records it');
    const winner = outcomes.find((o) => !o.alreadyCheckedIn)!.record.checkedInBy;
    assert.ok(outcomes.every((o) => o.record.checkedInBy === winner), 'everyone hears who came first');
    assert.equal(await CheckIn.countDocuments({ eventId: s.eventId }), 2);
  });

  test('when a code is not registered for the event (or belongs to another event), then it is refused as not found', async () => {
    const s = await makeSymposium();
    const other = await makeSymposium();
    await assert.rejects(checkInDelegate(s.eventId, 'ZZZZ2222', secretary), (e: unknown) => e instanceof NotFoundError && e.message === 'checkin.unknownCode');
    await assert.rejects(checkInDelegate(s.eventId, other.delegates.zhang.checkInCode, secretary), NotFoundError);
    assert.deepEqual(await listCheckIns(s.eventId), []);
  });

  test('when someone comes in place of a registered delegate, then they are a walk-in substituting for that delegate of that institution', async () => {
    const s = await makeSymposium();
    const { record } = await checkInWalkIn(s.eventId, walkIn({ name: '周敏', title: '副行长', substituteFor: s.delegates.zhang.checkInCode }), secretary);
    assert.equal(record.kind, 'walk_in');
    assert.equal(record.substituteFor, '张伟');
    assert.equal(record.institutionId, String(s.a.institution._id));
    assert.equal(record.invitationId, s.a.invitationId);
    assert.match(record.id, new RegExp(`^${s.eventId}:other:`));
    await assert.rejects(
      checkInWalkIn(s.eventId, walkIn({ name: '周敏', institutionId: String(s.b.institution._id), substituteFor: s.delegates.zhang.checkInCode }), secretary),
      (e: unknown) => e instanceof ValidationError && e.fields.substituteFor === 'checkin.substituteOtherInstitution',
    );
  });

  test('when a walk-in comes from a directory institution or a typed one, then both are recorded as walk-ins with their institution', async () => {
    const s = await makeSymposium();
    const fromDirectory = await checkInWalkIn(s.eventId, walkIn({ name: '孙丽', institutionId: String(s.d.institution._id) }), secretary);
    assert.deepEqual(fromDirectory.record.institutionName, { zh: s.d.institution.nameZh, en: s.d.institution.nameEn });
    assert.equal(fromDirectory.record.invitationId, s.d.invitationId);
    const typed = await checkInWalkIn(s.eventId, walkIn({ name: '陈记者', institutionName: '青岛日报' }), secretary);
    assert.equal(typed.record.institutionId, null);
    assert.deepEqual(typed.record.institutionName, { zh: '青岛日报', en: '青岛日报' });
    await assert.rejects(checkInWalkIn(s.eventId, walkIn({ institutionId: '0123456789abcdef01234567' }), secretary), ValidationError);
  });

  test('when zone staff arrive, then a zone participant of the event is checked in once and others are recorded with their department', async () => {
    const s = await makeSymposium();
    const first = await checkInZone(s.eventId, { participantId: s.participantId }, secretary);
    const second = await checkInZone(s.eventId, { participantId: s.participantId }, secretary);
    assert.equal(first.record.kind, 'zone');
    assert.equal(first.record.name, '刘主任');
    assert.equal(first.record.departmentId, String(s.department._id));
    assert.deepEqual(first.record.departmentName, { zh: s.department.nameZh, en: s.department.nameEn });
    assert.equal(second.alreadyCheckedIn, true);
    const typed = await checkInZone(s.eventId, { name: '何科员', title: '科员', departmentId: String(s.department._id) }, secretary);
    assert.equal(typed.record.kind, 'zone');
    assert.equal(typed.record.departmentName?.zh, s.department.nameZh);
    await assert.rejects(checkInZone(s.eventId, { participantId: '0123456789abcdef01234567' }, secretary), NotFoundError);
  });

  test('when a department’s delegate is checked in by code, then the record carries the department, not an institution', async () => {
    const s = await makeSymposium();
    const { record } = await checkInDelegate(s.eventId, s.delegates.wu.checkInCode, secretary);
    assert.equal(record.kind, 'delegate');
    assert.equal(record.institutionId, null);
    assert.equal(record.departmentId, String(s.department._id));
  });

  test('when people arrive, then the counts show present, expected and institutions represented out of accepted and invited', async () => {
    const s = await makeSymposium();
    const before = countsOf(await loadAttendance(s.event.toObject()));
    assert.deepEqual(before, { present: 0, expected: 5, expectedPresent: 0, walkIns: 0, institutions: { represented: 0, accepted: 2, invited: 4 } });
    await checkInDelegate(s.eventId, s.delegates.zhang.checkInCode, secretary);
    await checkInDelegate(s.eventId, s.delegates.li.checkInCode, secretary);
    await checkInDelegate(s.eventId, s.delegates.zhao.checkInCode, secretary);
    await checkInWalkIn(s.eventId, walkIn({ name: '孙丽', institutionId: String(s.d.institution._id) }), secretary);
    await checkInWalkIn(s.eventId, walkIn({ name: '陈记者', institutionName: '青岛日报' }), secretary);
    await checkInZone(s.eventId, { participantId: s.participantId }, secretary);
    const after = countsOf(await loadAttendance(s.event.toObject()));
    assert.deepEqual(after, { present: 6, expected: 5, expectedPresent: 4, walkIns: 2, institutions: { represented: 3, accepted: 2, invited: 4 } });
  });

  test('when a check-in is undone, then the person is no longer present, can be checked in again, and a second undo finds nothing', async () => {
    const s = await makeSymposium();
    const { record } = await checkInDelegate(s.eventId, s.delegates.zhang.checkInCode, secretary);
    assert.equal((await undoCheckIn(s.eventId, record.id, secretary))?.name, '张伟');
    assert.equal(await undoCheckIn(s.eventId, record.id, secretary), null);
    assert.deepEqual(await listCheckIns(s.eventId), []);
    assert.equal((await checkInDelegate(s.eventId, s.delegates.zhang.checkInCode, secretary)).alreadyCheckedIn, false);
    const other = await makeSymposium();
    assert.equal(await undoCheckIn(other.eventId, record.id, secretary), null, 'another event’s check-in is not touched');
    assert.equal((await listCheckIns(s.eventId)).length, 1);
  });

  test('when the event is a draft, cancelled or closed, then nobody can be checked in; once held, they can', async () => {
    for (const status of ['draft', 'cancelled', 'closed']) {
      const s = await makeSymposium({ status });
      await assert.rejects(checkInDelegate(s.eventId, s.delegates.zhang.checkInCode, secretary), (e: unknown) => e instanceof AppError && e.status === 409 && e.message === 'checkin.notOpen');
      await assert.rejects(checkInWalkIn(s.eventId, walkIn({ institutionName: '青岛日报' }), secretary), AppError);
    }
    const s = await makeSymposium();
    await Event.updateOne({ _id: s.event._id }, { $set: { status: 'held' } });
    assert.equal((await checkInDelegate(s.eventId, s.delegates.zhang.checkInCode, secretary)).alreadyCheckedIn, false);
  });

  test('when the desk reads again after a check-in, an undo, a new answer or a renamed department, then it shows the change at once', async () => {
    const s = await makeSymposium();
    const counts = async () => countsOf(await loadAttendance((await Event.findById(s.event._id).lean())! as never));
    assert.equal((await counts()).present, 0);
    const { record } = await checkInDelegate(s.eventId, s.delegates.zhang.checkInCode, secretary);
    assert.equal((await counts()).present, 1, 'a check-in');
    await undoCheckIn(s.eventId, record.id, secretary);
    assert.equal((await counts()).present, 0, 'an undo');
    // The bank answers again at the door with a new delegate, whose code is scanned straight away.
    const [chen] = await answer(s.b.invitationId, 'accepted', [{ name: '陈经理', title: '经理' }]);
    assert.equal((await checkInDelegate(s.eventId, chen!.checkInCode, secretary)).record.name, '陈经理', 'a new answer');
    assert.equal((await counts()).expected, 5);
    await Department.updateOne({ _id: s.department._id }, { $set: { nameZh: '改名后的局' } });
    const people = await loadPeople((await Event.findById(s.event._id).lean())! as never);
    assert.equal(people.all.find((p) => p.source === 'zone')?.departmentName?.zh, '改名后的局', 'a department renamed');
  });
});
