import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formPairs } from '../../src/web/confirm.js';

// The confirmation page posts the form it interrupted again, field for field.
describe('formPairs', () => {
  test('plain fields, repeated fields and nested rows come back as the names a form posts', () => {
    assert.deepEqual(formPairs({ to: 'cancelled', notify: '1', invitationIds: ['a', 'b'], delegates: [{ name: '李四', title: '' }], empty: undefined }), [
      ['to', 'cancelled'],
      ['notify', '1'],
      ['invitationIds', 'a'],
      ['invitationIds', 'b'],
      ['delegates[0][name]', '李四'],
      ['delegates[0][title]', ''],
    ]);
  });
});
