import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { isOverdue, isOverdueBy, overdueCutoff } from '../../src/suggestions/view.js';

// A suggestion due on a day is overdue from the next day on, in the event's zone. Lists work the cutoff out
// once per zone (overdueCutoff); it must agree with isOverdue at the edges of the day.
const ZONE = 'Asia/Shanghai';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const due = { dueDate: local('2026-12-28T00:00'), status: 'open' as const };

describe('overdue', () => {
  for (const [now, expected] of [
    ['2026-12-28T00:00', false],
    ['2026-12-28T23:59:59.999', false],
    ['2026-12-29T00:00', true],
    ['2027-01-05T12:00', true],
  ] as const) {
    test(`due 28 December, at ${now} Beijing time: ${expected ? 'overdue' : 'not yet'}`, () => {
      assert.equal(isOverdue(due, ZONE, local(now)), expected);
      assert.equal(isOverdueBy(due, overdueCutoff(ZONE, local(now))), expected);
    });
  }

  test('answered and declined suggestions and those without a due date are never overdue', () => {
    const cutoff = overdueCutoff(ZONE, local('2027-01-05T12:00'));
    assert.equal(isOverdueBy({ ...due, status: 'answered' }, cutoff), false);
    assert.equal(isOverdueBy({ ...due, status: 'declined' }, cutoff), false);
    assert.equal(isOverdueBy({ dueDate: null, status: 'open' }, cutoff), false);
  });

  test('the cutoff is the start of the day where the event is, not in UTC', () => {
    // 2026-12-28 20:00 UTC is already 29 December in Shanghai.
    assert.equal(isOverdueBy(due, overdueCutoff(ZONE, new Date('2026-12-28T20:00:00Z'))), true);
    const dueInLondon = { dueDate: DateTime.fromISO('2026-12-28T00:00', { zone: 'Europe/London' }).toJSDate(), status: 'open' as const };
    assert.equal(isOverdueBy(dueInLondon, overdueCutoff('Europe/London', new Date('2026-12-28T20:00:00Z'))), false);
  });
});
