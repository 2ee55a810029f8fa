import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rankedPositions, seatMap, type Convention, type Layout, type LayoutKind } from '../../src/seating/layout.js';
import { applyChanges, assignmentErrors, moveTo, placeByPrecedence, planChanges, snapshotOf } from '../../src/seating/placement.js';
import { defaultPrecedence, type SeatPerson } from '../../src/seating/precedence.js';

function person(key: string, fields: Partial<SeatPerson> = {}): SeatPerson {
  return {
    key, kind: 'delegate', name: key, title: '', organisation: null, role: 'attendee', leader: false, index: 0,
    invitationId: null, institutionId: null, institutionRank: 0, substituteFor: '', replacesKey: '', checkInCode: '', ...fields,
  };
}

const layout = (kind: LayoutKind, convention: Convention, mainSeats: number, otherSeats = 0, rows = 0): Layout => ({ kind, convention, mainSeats, otherSeats, rows });
/** The seat numbers of one area, left to right as drawn (main side at the top, seen from the door). */
const drawnOrder = (kind: LayoutKind, convention: Convention, main: number, area = 'main', other = 0, rows = 0) =>
  seatMap(layout(kind, convention, main, other, rows)).seats.filter((s) => s.area === area && (area !== 'row' || s.row === 1)).sort((a, b) => a.x - b.x).map((s) => s.number);

describe('seating conventions on one side', () => {
  test('when the count is odd, then the first seat is the middle and the second is on the sitters\' left under 以左为上, on their right internationally', () => {
    assert.deepEqual(rankedPositions(5, 'left_first'), [2, 1, 3, 0, 4]);
    assert.deepEqual(rankedPositions(5, 'right_first'), [2, 3, 1, 4, 0]);
  });

  test('when the count is even, then the first seat is the middle one on the preferred side and the second the other middle one', () => {
    assert.deepEqual(rankedPositions(4, 'left_first'), [1, 2, 0, 3]);
    assert.deepEqual(rankedPositions(4, 'right_first'), [2, 1, 3, 0]);
    assert.deepEqual(rankedPositions(6, 'left_first'), [2, 3, 1, 4, 0, 5]);
  });
});

describe('seat maps of each layout', () => {
  test('when a long table has 5 a side under 以左为上, then hosts sit 5 3 1 2 4 as drawn (their left is the drawing\'s right) and each guest faces the host of the same rank', () => {
    assert.deepEqual(drawnOrder('long_table', 'left_first', 5), [5, 3, 1, 2, 4]);
    assert.deepEqual(drawnOrder('long_table', 'left_first', 5, 'guest'), [10, 8, 6, 7, 9]);
    const seats = seatMap(layout('long_table', 'left_first', 5)).seats;
    assert.equal(seats.find((s) => s.number === 1)!.x, seats.find((s) => s.number === 6)!.x, 'the first guest faces the first host');
  });

  test('when a long table has 4 a side, then each convention puts the first seat on its own middle', () => {
    assert.deepEqual(drawnOrder('long_table', 'left_first', 4), [4, 2, 1, 3]);
    assert.deepEqual(drawnOrder('long_table', 'right_first', 4), [3, 1, 2, 4]);
    assert.deepEqual(drawnOrder('long_table', 'right_first', 4, 'guest'), [7, 5, 6, 8]);
    const seats = seatMap(layout('long_table', 'right_first', 4)).seats;
    for (let rank = 1; rank <= 4; rank += 1) assert.equal(seats[rank - 1]!.x, seats[rank + 3]!.x, `guest ${rank} faces host ${rank}`);
  });

  test('when a U has a head of 3 and arms of 2, then the head is ranked from the middle and the arms alternate from the preferred side, nearest the head first', () => {
    assert.deepEqual(drawnOrder('u_shape', 'left_first', 3), [3, 1, 2]);
    const seats = seatMap(layout('u_shape', 'left_first', 3, 2)).seats;
    assert.deepEqual(seats.slice(3).map((s) => [s.number, s.area]), [[4, 'right_arm'], [5, 'left_arm'], [6, 'right_arm'], [7, 'left_arm']]);
    assert.ok(seats[3]!.y < seats[5]!.y);
    assert.deepEqual(seatMap(layout('u_shape', 'right_first', 4, 1)).seats.slice(4).map((s) => s.area), ['left_arm', 'right_arm']);
    assert.deepEqual(drawnOrder('u_shape', 'right_first', 4), [3, 1, 2, 4]);
  });

  test('when a round table has 7 or 8 seats, then seat 1 is at the top and 2 and 3 flank it on the preferred side first', () => {
    for (const [n, convention] of [[7, 'left_first'], [8, 'left_first'], [7, 'right_first'], [8, 'right_first']] as const) {
      const seats = seatMap(layout('round', convention, n)).seats;
      assert.equal(seats.length, n);
      const [first, second, third] = seats;
      assert.ok(first!.y < second!.y && first!.y < third!.y, 'seat 1 is the top one');
      // Seat 1 faces the door: its left hand is the drawing's right.
      assert.equal(second!.x > first!.x, convention === 'left_first', `${n} ${convention}`);
      assert.equal(third!.x > first!.x, convention !== 'left_first');
    }
    const even = seatMap(layout('round', 'left_first', 8)).seats;
    assert.ok(Math.abs(even[7]!.x - even[0]!.x) < 1e-9, 'with an even count the last seat faces the first');
  });

  test('when a hall has a rostrum of 5 or 4 and rows of 6 or 5, then the rostrum is ranked from its middle and each row from the middle, as the row sees it', () => {
    assert.deepEqual(drawnOrder('rows', 'left_first', 5, 'main', 6, 2), [5, 3, 1, 2, 4]);
    assert.deepEqual(drawnOrder('rows', 'left_first', 4, 'main', 5, 2), [4, 2, 1, 3]);
    // The rows face the rostrum: their left is the drawing's left.
    assert.deepEqual(drawnOrder('rows', 'left_first', 5, 'row', 6, 2), [10, 8, 6, 7, 9, 11]);
    assert.deepEqual(drawnOrder('rows', 'right_first', 5, 'row', 5, 2), [10, 8, 6, 7, 9]);
    assert.equal(seatMap(layout('rows', 'left_first', 5, 6, 2)).seats.length, 17);
  });
});

const leaders = [person('zone:director', { kind: 'zone', leader: true, role: 'host', index: 0 }), person('zone:deputy', { kind: 'zone', leader: true, role: 'chair', index: 1 })];
const bureau = [person('zone:finance', { kind: 'zone', role: 'speaker', index: 2 }), person('zone:tech', { kind: 'zone', index: 3 }), person('zone:secretary', { kind: 'zone', role: 'secretary', index: 4 })];
const bankA = [person('delegate:a-head', { invitationId: 'iA', institutionId: 'A', institutionRank: 1, index: 0 }), person('delegate:a-2', { invitationId: 'iA', institutionId: 'A', institutionRank: 1, index: 1 })];
const bankB = [person('delegate:b-2', { invitationId: 'iB', institutionId: 'B', institutionRank: 0, index: 0 }), person('delegate:b-sub', { invitationId: 'iB', institutionId: 'B', institutionRank: 0, index: 1, substituteFor: '马骏（行长）' })];
const walkIn = person('walkin:w1', { kind: 'walk_in', index: 0 });
const everyone = [walkIn, ...bankA, ...bureau, ...bankB, ...leaders];

describe('precedence', () => {
  test('when nobody has changed the order, then leaders by rank, hosts and speakers, institutions in order with a substitute in the head\'s place, zone staff, and walk-ins last', () => {
    assert.deepEqual(defaultPrecedence(everyone), [
      'zone:director', 'zone:deputy', 'zone:finance', 'delegate:b-sub', 'delegate:b-2', 'delegate:a-head', 'delegate:a-2', 'zone:tech', 'zone:secretary', 'walkin:w1',
    ]);
  });

  test('when the organiser orders institutions for the event, then that order replaces the default', () => {
    assert.deepEqual(defaultPrecedence([...bankA, ...bankB], ['A']), ['delegate:a-head', 'delegate:a-2', 'delegate:b-sub', 'delegate:b-2']);
  });
});

describe('placement', () => {
  for (const convention of ['left_first', 'right_first'] as const) {
    for (const n of [5, 6]) {
      test(`when a long table of ${n} a side (${convention}) is placed, then zone people take the hosts' side and guests, then the walk-in, the other side`, () => {
        const map = seatMap(layout('long_table', convention, n));
        const { assignments, unseated } = placeByPrecedence(map, defaultPrecedence(everyone), everyone);
        const at = (seat: number) => assignments.find((a) => a.seat === seat)?.person;
        assert.deepEqual([1, 2, 3, 4, 5].map(at), ['zone:director', 'zone:deputy', 'zone:finance', 'zone:tech', 'zone:secretary']);
        assert.deepEqual([n + 1, n + 2, n + 3, n + 4, n + 5].map(at), ['delegate:b-sub', 'delegate:b-2', 'delegate:a-head', 'delegate:a-2', 'walkin:w1']);
        assert.deepEqual(unseated, []);
        // Seen from the door the hosts' left is the drawing's right; with an even count the second seat is the other middle one.
        const secondOnTheRight = map.seats.find((s) => s.number === 2)!.x > map.seats.find((s) => s.number === 1)!.x;
        assert.equal(secondOnTheRight, (convention === 'left_first') === (n % 2 === 1));
      });

      test(`when a U, a round table and a hall of ${n} (${convention}) are placed, then the first seats go in order of precedence and the walk-in comes last`, () => {
        for (const kind of ['u_shape', 'round', 'rows'] as const) {
          const map = seatMap(layout(kind, convention, n, 3, 2));
          const order = defaultPrecedence(everyone);
          const { assignments, unseated } = placeByPrecedence(map, order, everyone);
          assert.deepEqual(assignments.map((a) => a.person), order.slice(0, Math.min(order.length, map.seats.length)), kind);
          assert.deepEqual(assignments.map((a) => a.seat), assignments.map((_, i) => i + 1));
          assert.equal(unseated.length, Math.max(0, order.length - map.seats.length));
        }
      });
    }
  }

  test('when there are more people than seats, then those last in precedence are listed without a seat', () => {
    const map = seatMap(layout('round', 'left_first', 7));
    const { unseated } = placeByPrecedence(map, defaultPrecedence(everyone), everyone);
    assert.deepEqual(unseated, ['zone:tech', 'zone:secretary', 'walkin:w1']);
  });
});

describe('changes after the plan is made', () => {
  const map = seatMap(layout('round', 'left_first', 12));
  const made = () => {
    const precedence = defaultPrecedence(everyone);
    const { assignments } = placeByPrecedence(map, precedence, everyone);
    return { precedence, assignments: moveTo(assignments, 'delegate:a-head', 12), snapshot: snapshotOf(everyone) };
  };

  test('when a person is moved onto a taken seat, then the two swap, and nobody else moves', () => {
    const plan = made();
    const before = plan.assignments.find((a) => a.person === 'zone:tech')!.seat;
    const after = moveTo(plan.assignments, 'zone:tech', 1);
    assert.equal(after.find((a) => a.seat === 1)!.person, 'zone:tech');
    assert.equal(after.find((a) => a.person === 'zone:director')!.seat, before);
    assert.equal(after.length, plan.assignments.length);
  });

  test('when an institution announces a substitute for its head, then the change names the head\'s seat, and applying it seats the substitute there', () => {
    const plan = made();
    const substitute = person('delegate:a-sub', { invitationId: 'iA', institutionId: 'A', institutionRank: 1, index: 0, name: '胡斌', substituteFor: 'delegate:a-head（行长）' });
    const now = [...everyone.filter((p) => p.key !== 'delegate:a-head'), substitute];
    const changes = planChanges(plan.snapshot, now, plan.assignments);
    assert.deepEqual(changes, [{ kind: 'arrived', key: 'delegate:a-sub', name: '胡斌', seat: 12, replaces: { key: 'delegate:a-head', name: 'delegate:a-head' } }]);
    const applied = applyChanges(plan, now, map);
    assert.equal(applied.assignments.find((a) => a.seat === 12)!.person, 'delegate:a-sub');
    assert.equal(applied.precedence.indexOf('delegate:a-sub'), plan.precedence.indexOf('delegate:a-head'));
    assert.deepEqual(planChanges(snapshotOf(now), now, applied.assignments), []);
  });

  test('when a delegate leaves and a walk-in arrives, then the delegate\'s seat is named and the walk-in takes the first free seat', () => {
    const plan = made();
    const late = person('walkin:w2', { kind: 'walk_in', index: 1, name: '迟到者' });
    const now = [...everyone.filter((p) => p.key !== 'delegate:b-2'), late];
    const changes = planChanges(plan.snapshot, now, plan.assignments);
    const seatOfB2 = plan.assignments.find((a) => a.person === 'delegate:b-2')!.seat;
    assert.deepEqual(changes.map((c) => [c.kind, c.key, c.seat]), [['left', 'delegate:b-2', seatOfB2], ['arrived', 'walkin:w2', null]]);
    const applied = applyChanges(plan, now, map);
    assert.equal(applied.assignments.find((a) => a.person === 'walkin:w2')!.seat, seatOfB2);
    assert.equal(applied.precedence.at(-1), 'walkin:w2');
  });

  test('when a walk-in stands in for a registered delegate at the door, then they take that delegate\'s seat', () => {
    const plan = made();
    const standIn = person('walkin:w3', { kind: 'walk_in', index: 1, replacesKey: 'delegate:a-2' });
    const now = [...everyone.filter((p) => p.key !== 'delegate:a-2'), standIn];
    const seat = plan.assignments.find((a) => a.person === 'delegate:a-2')!.seat;
    assert.equal(planChanges(plan.snapshot, now, plan.assignments)[0]!.seat, seat);
    assert.equal(applyChanges(plan, now, map).assignments.find((a) => a.seat === seat)!.person, 'walkin:w3');
  });

  test('when a title changes, then the seat is named as changed and the plan keeps everyone in place', () => {
    const plan = made();
    const now = everyone.map((p) => (p.key === 'zone:deputy' ? { ...p, title: '常务副主任' } : p));
    assert.deepEqual(planChanges(plan.snapshot, now, plan.assignments), [{ kind: 'changed', key: 'zone:deputy', name: 'zone:deputy', seat: 2, replaces: null }]);
    assert.deepEqual(applyChanges(plan, now, map).assignments, plan.assignments);
  });
});

describe('assignments checked', () => {
  const map = seatMap(layout('long_table', 'left_first', 2));
  test('when two people are given one seat, a seat that does not exist, or an unknown person, then each is named', () => {
    const errors = assignmentErrors([{ seat: 1, person: 'zone:director' }, { seat: 1, person: 'zone:deputy' }, { seat: 9, person: 'delegate:a-2' }, { seat: 3, person: 'nobody' }], map, everyone);
    assert.deepEqual(errors, { 'assignments.1.seat': 'seating.seatTaken', 'assignments.2.seat': 'seating.noSuchSeat', 'assignments.3.person': 'seating.unknownPerson' });
  });
});
