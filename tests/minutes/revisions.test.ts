import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EditConflictError, currentRevision, getRevision, listRevisions, restoreRevision, saveMinutesItem } from '../../src/minutes/index.js';
import { REVISIONS_PER_PAGE } from '../../src/minutes/revisions.service.js';
import { MinutesItemHead } from '../../src/minutes/revision.model.js';
import { compareContent } from '../../src/minutes/compare.js';
import { useTestDatabase } from '../helpers/db.js';
import { content, makeEventWithAgenda, secretary, secretary2 } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('minutes item revisions', () => {
  test('when two secretaries save on the same base revision, then the second gets a conflict with both versions, the first is stored, and a save on the latest succeeds', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const itemId = items[0]!.id;
    await saveMinutesItem(eventId, itemId, { baseRevision: 0, content: content('第一版') }, secretary);

    const first = await saveMinutesItem(eventId, itemId, { baseRevision: 1, content: content('甲的修改') }, secretary);
    assert.equal(first.revision, 2);
    const conflict = await saveMinutesItem(eventId, itemId, { baseRevision: 1, content: content('乙的修改') }, secretary2).then(
      () => assert.fail('the second save must not go through'),
      (error: unknown) => error,
    );
    assert.ok(conflict instanceof EditConflictError);
    assert.equal(conflict.status, 409);
    assert.equal(conflict.theirs.revision, 2);
    assert.equal(conflict.theirs.notes, '甲的修改');
    assert.equal(conflict.theirs.savedBy?.email, secretary.email);
    assert.equal(conflict.yours.notes, '乙的修改', 'the losing text comes back with the conflict');
    assert.equal((await currentRevision(eventId, itemId)).notes, '甲的修改', 'the first save is what is stored');

    const merged = await saveMinutesItem(eventId, itemId, { baseRevision: conflict.theirs.revision, content: content('甲的修改\n\n乙的修改') }, secretary2);
    assert.equal(merged.revision, 3);
    assert.equal((await currentRevision(eventId, itemId)).notes, '甲的修改\n\n乙的修改');
  });

  test('when many saves on the same revision race, then exactly one wins and every other gets a conflict naming the winner', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const itemId = items[1]!.id;
    const texts = Array.from({ length: 8 }, (_, i) => `并发保存 ${i}`);
    const results = await Promise.allSettled(texts.map((notes, i) => saveMinutesItem(eventId, itemId, { baseRevision: 0, content: content(notes) }, i % 2 ? secretary : secretary2)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1, 'one save wins');
    assert.equal(lost.length, 7);
    const stored = await currentRevision(eventId, itemId);
    assert.equal(stored.revision, 1);
    for (const { reason } of lost) {
      assert.ok(reason instanceof EditConflictError, String(reason));
      assert.equal(reason.theirs.notes, stored.notes);
      assert.ok(texts.includes(reason.yours.notes), 'each loser gets its own text back');
    }
    assert.equal((await listRevisions(eventId, itemId)).length, 1);
  });

  test('when a save is based on an old revision, then it conflicts even if nobody is saving at the same moment', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const itemId = items[0]!.id;
    for (const [i, notes] of ['一', '二', '三'].entries()) await saveMinutesItem(eventId, itemId, { baseRevision: i, content: content(notes) }, secretary);
    await assert.rejects(saveMinutesItem(eventId, itemId, { baseRevision: 1, content: content('旧的基础') }, secretary2), EditConflictError);
    await assert.rejects(saveMinutesItem(eventId, itemId, { baseRevision: 9, content: content('不存在的基础') }, secretary2), EditConflictError);
    assert.equal((await currentRevision(eventId, itemId)).revision, 3);
  });

  test('when the head pointer lags behind (a writer died after inserting its revision), then readers and writers still find the newest revision', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const itemId = items[2]!.id;
    await saveMinutesItem(eventId, itemId, { baseRevision: 0, content: content('一') }, secretary);
    await saveMinutesItem(eventId, itemId, { baseRevision: 1, content: content('二') }, secretary);
    await MinutesItemHead.updateOne({ _id: `${eventId}:${itemId}` }, { $set: { revision: 0 } });
    assert.equal((await currentRevision(eventId, itemId)).notes, '二');
    await assert.rejects(saveMinutesItem(eventId, itemId, { baseRevision: 1, content: content('过时') }, secretary2), EditConflictError);
    assert.equal((await saveMinutesItem(eventId, itemId, { baseRevision: 2, content: content('三') }, secretary2)).revision, 3);
  });

  test('when revisions are listed, compared and one is restored, then the restore is a new revision and history is kept', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const itemId = items[0]!.id;
    await saveMinutesItem(eventId, itemId, { baseRevision: 0, content: content('会议听取了各银行的意见。', { keyPoints: ['支持小微企业'] }) }, secretary);
    await saveMinutesItem(eventId, itemId, { baseRevision: 1, content: content('会议听取了各金融机构的意见和建议。', { keyPoints: ['支持小微企业', '优化信用环境'] }) }, secretary2);
    const unchanged = await saveMinutesItem(eventId, itemId, { baseRevision: 2, content: content('会议听取了各金融机构的意见和建议。', { keyPoints: ['支持小微企业', '优化信用环境'] }) }, secretary2);
    assert.equal(unchanged.revision, 2, 'a save that changes nothing makes no revision');

    const list = await listRevisions(eventId, itemId);
    assert.deepEqual(list.map((r) => [r.revision, r.savedBy?.name]), [[2, '秘书乙'], [1, '秘书甲']]);

    const sections = compareContent(await getRevision(eventId, itemId, 1), await getRevision(eventId, itemId, 2), () => '');
    const notes = sections.find((s) => s.label === 'minutes.notes')!;
    assert.ok(notes.changed);
    assert.deepEqual(notes.parts.filter((p) => p.kind === 'removed').map((p) => p.value), ['银行']);
    assert.deepEqual(notes.parts.filter((p) => p.kind === 'added').map((p) => p.value), ['金融机构', '和建议']);
    assert.ok(sections.find((s) => s.label === 'minutes.keyPoints')!.parts.some((p) => p.kind === 'added' && p.value.includes('优化信用环境')));
    assert.equal(sections.find((s) => s.label === 'minutes.decisions')!.changed, false);

    const restored = await restoreRevision(eventId, itemId, 1, 2, secretary);
    assert.equal(restored.revision, 3);
    assert.equal(restored.restoredFrom, 1);
    assert.equal((await currentRevision(eventId, itemId)).notes, '会议听取了各银行的意见。');
    assert.deepEqual((await listRevisions(eventId, itemId)).map((r) => r.revision), [3, 2, 1]);
    await assert.rejects(restoreRevision(eventId, itemId, 2, 2, secretary), EditConflictError, 'a restore from a stale list conflicts too');
    await assert.rejects(getRevision(eventId, itemId, 7), { status: 404 });
  });

  test('when an item has a long history, then revisions are listed a page at a time, newest first', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const itemId = items[0]!.id;
    for (let n = 0; n < REVISIONS_PER_PAGE + 5; n += 1) await saveMinutesItem(eventId, itemId, { baseRevision: n, content: content(`第${n + 1}稿`) }, secretary);
    const first = await listRevisions(eventId, itemId);
    assert.equal(first.length, REVISIONS_PER_PAGE);
    assert.equal(first[0]!.revision, REVISIONS_PER_PAGE + 5);
    const older = await listRevisions(eventId, itemId, { before: first.at(-1)!.revision });
    assert.deepEqual(older.map((r) => r.revision), [5, 4, 3, 2, 1]);
  });

  test('when an item is not on the event’s agenda, then saving it is 404', async () => {
    const { eventId } = await makeEventWithAgenda();
    await assert.rejects(saveMinutesItem(eventId, '0123456789abcdef01234567', { baseRevision: 0, content: content('x') }, secretary), { status: 404 });
  });
});
