import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CheckInRecord, SuggestionSummary } from '../../src/records/neighbours.js';
import { answersByDepartment, answersOverall, attendanceByYear, editionsOf, formatDays, formatRate, median } from '../../src/records/reports.js';

const DAY = 24 * 3600 * 1000;
const events = [
  { id: 'e2019', startsAt: new Date('2019-04-12T01:30:00Z'), timezone: 'Asia/Shanghai' },
  // 31 December 17:00 UTC is already 1 January in Qingdao: the year is the zone's.
  { id: 'e2020', startsAt: new Date('2019-12-31T17:00:00Z'), timezone: 'Asia/Shanghai' },
  { id: 'e2018', startsAt: new Date('2018-04-13T01:30:00Z'), timezone: 'Asia/Shanghai' },
];

function present(eventId: string, institutionId: string | null, name = '张三', institution = institutionId ?? ''): CheckInRecord {
  return {
    id: `${eventId}-${institutionId}-${name}`, eventId, name, title: '', kind: institutionId ? 'delegate' : 'zone', invitationId: null, institutionId,
    institutionName: institutionId ? { zh: institution, en: institution.toUpperCase() } : null, departmentId: null, departmentName: null,
    substituteFor: '', checkedInAt: new Date(), checkedInBy: 'secretary',
  } as CheckInRecord;
}

function suggestion(departmentId: string | null, status: SuggestionSummary['status'], createdAt: string, answeredAfterDays?: number): SuggestionSummary {
  const created = new Date(createdAt);
  return {
    id: Math.random().toString(36), eventId: 'e2019', text: '…', source: 'on_the_day', institutionId: null, institutionName: null, personName: '',
    agendaItemId: null, category: { key: 'other', name: { zh: '其他', en: 'Other' } }, departmentId,
    departmentName: departmentId ? { zh: departmentId === 'fin' ? '财政金融局' : '科技局', en: departmentId === 'fin' ? 'Finance Bureau' : 'Science Bureau' } : null,
    ownerName: '', status, dueDate: null, createdAt: created,
    answeredAt: answeredAfterDays === undefined ? null : new Date(created.getTime() + answeredAfterDays * DAY), answer: '', declineReason: '',
  };
}

describe('reports across a series', () => {
  test('editions are in time order, labelled by the year where the event took place', () => {
    assert.deepEqual(editionsOf(events).map((e) => e.label), ['2018', '2019', '2020']);
    const twoIn2019 = editionsOf([events[0]!, { id: 'autumn', startsAt: new Date('2019-10-10T01:30:00Z'), timezone: 'Asia/Shanghai' }]);
    assert.deepEqual(twoIn2019.map((e) => e.label), ['2019-04', '2019-10']);
  });

  test('attendance by year counts people per institution per edition, and editions attended', () => {
    const checkIns = [
      present('e2018', 'boc', '张三', '中国银行'),
      present('e2019', 'boc', '张三', '中国银行'),
      present('e2019', 'boc', '李四', '中国银行'),
      present('e2019', 'qdb', '王五', '青岛银行'),
      present('e2020', 'boc', '张三', '中国银行青岛分行'),
      present('e2020', null, '赵六'),
      present('other-event', 'qdb', '王五', '青岛银行'),
    ];
    const table = attendanceByYear(events, checkIns);
    assert.deepEqual(table.editions.map((e) => e.eventId), ['e2018', 'e2019', 'e2020']);
    assert.deepEqual(
      table.rows.map((r) => [r.institutionId, r.name.zh, r.people, r.attended]),
      [
        ['boc', '中国银行青岛分行', [1, 2, 1], 3],
        ['qdb', '青岛银行', [0, 1, 0], 1],
      ],
      'zone staff and other events are left out; the latest name wins',
    );
  });

  test('answer rate and median days are per department, declined ones are not answers, unassigned come last', () => {
    const rows = answersByDepartment([
      suggestion('fin', 'answered', '2019-04-12T02:00:00Z', 10),
      suggestion('fin', 'answered', '2019-04-12T02:00:00Z', 30),
      suggestion('fin', 'answered', '2019-04-12T02:00:00Z', 3),
      suggestion('fin', 'declined', '2019-04-12T02:00:00Z'),
      suggestion('sci', 'answered', '2019-04-12T02:00:00Z', 5),
      suggestion('sci', 'answered', '2019-04-12T02:00:00Z', 8),
      suggestion('sci', 'in_progress', '2019-04-12T02:00:00Z'),
      suggestion(null, 'open', '2019-04-12T02:00:00Z'),
    ]);
    assert.deepEqual(
      rows.map((r) => [r.departmentId, r.total, r.answered, r.declined, r.pending, r.answerRate, r.medianDays]),
      [
        ['fin', 4, 3, 1, 0, 0.75, 10],
        ['sci', 3, 2, 0, 1, 2 / 3, 6.5],
        [null, 1, 0, 0, 1, 0, null],
      ],
    );
    const all = answersOverall([suggestion('fin', 'answered', '2019-04-12T02:00:00Z', 1.5), suggestion('sci', 'open', '2019-04-12T02:00:00Z')]);
    assert.deepEqual([all.total, all.answered, all.answerRate, all.medianDays], [2, 1, 0.5, 1.5]);
    assert.deepEqual(answersByDepartment([]), []);
  });

  test('median, days and rates are written as people read them', () => {
    assert.equal(median([]), null);
    assert.equal(median([7]), 7);
    assert.equal(median([9, 1, 5]), 5);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(formatDays(6.54), '6.5');
    assert.equal(formatDays(null), '');
    assert.equal(formatRate(2 / 3), '67%');
    assert.equal(formatRate(null), '');
  });
});
