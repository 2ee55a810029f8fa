import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import mongoose from 'mongoose';
import { holdsSent, newSubmissionId, submissionField, submissionIdOf } from '../../src/web/submission.js';

describe('submission ids of forms that create', () => {
  test('when a form is shown, then it gets a new id of 24 hex digits; shown again after an error, it keeps the one it was sent with', () => {
    const id = newSubmissionId();
    assert.match(id, /^[0-9a-f]{24}$/);
    assert.notEqual(newSubmissionId(), id);
    assert.equal(submissionIdOf({ submission: id }), id);
    assert.notEqual(submissionIdOf({ submission: 'not-an-id' }), 'not-an-id');
    assert.match(submissionIdOf(undefined), /^[0-9a-f]{24}$/);
  });

  test('when a form sends an id, then hex in either case is taken in lower case and anything else is ignored', () => {
    assert.equal(submissionField.parse('AB'.repeat(12)), 'ab'.repeat(12));
    for (const bad of ['', 'xyz', 'ab'.repeat(13), 42, ['ab'.repeat(12)], undefined]) assert.equal(submissionField.parse(bad), undefined);
  });

  test('when a stored record is compared with what a form sent, then only the sent fields count, by value', () => {
    const id = new mongoose.Types.ObjectId();
    const at = new Date('2019-11-15T01:30:00Z');
    const stored = { _id: 'x', name: '张伟', institutionId: id, personName: null, at, speakers: [{ _id: new mongoose.Types.ObjectId(), name: '李行长', title: '' }], revision: 4 };
    assert.ok(holdsSent(stored, { name: '张伟', institutionId: String(id), personName: '', at: new Date(at.getTime()), speakers: [{ name: '李行长', title: '' }] }));
    assert.ok(!holdsSent(stored, { name: '张伟 ' }), 'text as stored');
    assert.ok(!holdsSent(stored, { institutionId: String(new mongoose.Types.ObjectId()) }));
    assert.ok(!holdsSent(stored, { at: new Date(at.getTime() + 60_000) }));
    assert.ok(!holdsSent(stored, { speakers: [{ name: '李行长' }, { name: '王行长' }] }), 'a row more');
    assert.ok(!holdsSent(stored, { speakers: [{ name: '王行长' }] }));
    assert.ok(!holdsSent({ missing: null }, { missing: { zh: '青岛日报' } }));
  });
});
