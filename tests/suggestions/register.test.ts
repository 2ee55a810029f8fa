import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { assignSuggestion, changeSuggestionStatus } from '../../src/suggestions/index.js';
import { translate } from '../../src/web/i18n.js';
import { localIsoDate } from '../helpers/clock.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { departmentWithUser, eventWithInvitee, organiserActor, suggest } from './fixtures.js';

useTestDatabase(import.meta.url);

const idsIn = (html: string) => [...html.matchAll(/data-testid="suggestion-row" data-id="([0-9a-f]{24})" data-overdue="([01])"/g)].map((m) => ({ id: m[1]!, overdue: m[2] === '1' }));

describe('the register across events', () => {
  let testApp: TestApp;
  let viewer: Awaited<ReturnType<typeof signIn>>;
  let data: Awaited<ReturnType<typeof seed>>;

  /** Two editions (2018 and next month), two departments, suggestions in several states, one of them overdue. */
  async function seed() {
    const old = await eventWithInvitee('zh', { startsAt: new Date('2018-04-13T01:30:00Z'), endsAt: new Date('2018-04-13T03:30:00Z'), rsvpDeadline: new Date('2018-04-09T00:00:00Z') });
    const now = await eventWithInvitee();
    const finance = await departmentWithUser('财政局');
    const science = await departmentWithUser('科技局');
    const bank = String(now.invitee.institution._id);
    const oldAnswered = await suggest(old.eventId, { institutionId: String(old.invitee.institution._id), categoryKey: 'credit_structure', text: '2018 信贷结构建议' });
    await assignSuggestion(oldAnswered.id, { departmentId: finance.departmentId, dueDate: '2018-05-01' }, organiserActor);
    await changeSuggestionStatus(oldAnswered.id, { status: 'answered', answer: '已答复' }, organiserActor);
    const overdue = await suggest(now.eventId, { institutionId: bank, categoryKey: 'financial_products', text: '逾期的产品建议' });
    await assignSuggestion(overdue.id, { departmentId: finance.departmentId, dueDate: localIsoDate(-3) }, organiserActor);
    const notYetDue = await suggest(now.eventId, { institutionId: bank, categoryKey: 'financial_products', text: '未到期的建议' });
    await assignSuggestion(notYetDue.id, { departmentId: science.departmentId, dueDate: localIsoDate(10) }, organiserActor);
    const declinedLate = await suggest(now.eventId, { personName: '个人代表', categoryKey: 'other', text: '已拒绝=不算逾期' });
    await assignSuggestion(declinedLate.id, { departmentId: science.departmentId, dueDate: localIsoDate(-5) }, organiserActor);
    await changeSuggestionStatus(declinedLate.id, { status: 'declined', declineReason: '不属于本区职能' }, organiserActor);
    return { old, now, finance, science, bank, oldAnswered, overdue, notYetDue, declinedLate };
  }

  before(async () => {
    testApp = await createTestApp();
    viewer = await signIn(testApp.app, 'viewer');
    data = await seed();
  });
  after(() => testApp.stop());

  test('when the register is filtered by year, institution, category, department and status, then only the matching suggestions show', async () => {
    const year = new Date(data.now.event.startsAt).getUTCFullYear();
    const byYear = idsIn((await viewer.agent.get('/suggestions?year=2018')).text).map((r) => r.id);
    assert.deepEqual(byYear, [data.oldAnswered.id]);
    const thisYear = idsIn((await viewer.agent.get(`/suggestions?year=${year}`)).text).map((r) => r.id).sort();
    assert.deepEqual(thisYear, [data.overdue.id, data.notYetDue.id, data.declinedLate.id].sort());
    const byInstitution = idsIn((await viewer.agent.get(`/suggestions?institutionId=${data.bank}`)).text).map((r) => r.id).sort();
    assert.deepEqual(byInstitution, [data.overdue.id, data.notYetDue.id].sort());
    assert.deepEqual(idsIn((await viewer.agent.get('/suggestions?category=credit_structure')).text).map((r) => r.id), [data.oldAnswered.id]);
    const byDepartment = idsIn((await viewer.agent.get(`/suggestions?departmentId=${data.science.departmentId}`)).text).map((r) => r.id).sort();
    assert.deepEqual(byDepartment, [data.notYetDue.id, data.declinedLate.id].sort());
    assert.deepEqual(idsIn((await viewer.agent.get('/suggestions?status=declined')).text).map((r) => r.id), [data.declinedLate.id]);
    const combined = await viewer.agent.get(`/suggestions?departmentId=${data.finance.departmentId}&status=answered&year=2018`);
    assert.deepEqual(idsIn(combined.text).map((r) => r.id), [data.oldAnswered.id]);
    assert.ok(combined.text.includes(translate('zh', 'suggestions.registerCount', { count: 1, total: 4 })));
  });

  test('when a due day has passed without an answer, then the suggestion is flagged overdue (answered and declined ones never are)', async () => {
    const rows = idsIn((await viewer.agent.get('/suggestions')).text);
    const flagged = rows.filter((r) => r.overdue).map((r) => r.id);
    assert.deepEqual(flagged, [data.overdue.id]);
    const only = await viewer.agent.get('/suggestions?overdue=1');
    assert.deepEqual(idsIn(only.text).map((r) => r.id), [data.overdue.id]);
    assert.match(only.text, /class="suggestion--overdue"/);
  });

  test('when the filtered register is exported, then the CSV has a BOM, headings and one parsable line per suggestion', async () => {
    const res = await viewer.agent.get(`/suggestions/export.csv?institutionId=${data.bank}`).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^text\/csv; charset=utf-8/);
    const body = (res.body as Buffer).toString('utf8');
    assert.equal(body.charCodeAt(0), 0xfeff, 'UTF-8 BOM');
    const records = parse(body.slice(1), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    assert.equal(records.length, 2);
    const overdue = records.find((r) => r[translate('zh', 'suggestions.field.text')] === '逾期的产品建议');
    assert.ok(overdue);
    assert.equal(overdue[translate('zh', 'suggestions.field.overdue')], translate('zh', 'common.yes'));
    assert.equal(overdue[translate('zh', 'suggestions.field.department')], '财政局');
    assert.equal(overdue[translate('zh', 'suggestions.field.status')], translate('zh', 'suggestions.status.open'));
    assert.equal(overdue[translate('zh', 'suggestions.field.who')], data.now.invitee.institution.nameZh + ' (王行长)');
    const declined = await viewer.agent.get('/suggestions/export.csv?status=declined');
    const [line] = parse(declined.text.slice(1), { columns: true }) as Record<string, string>[];
    assert.equal(line![translate('zh', 'suggestions.field.text')], '已拒绝=不算逾期');
    assert.equal(line![translate('zh', 'suggestions.field.outcome')], '不属于本区职能');
  });

  test('when a suggestion starts like a spreadsheet formula, then the CSV defuses it', async () => {
    await suggest(data.now.eventId, { categoryKey: 'sme_tech_financing', personName: '=cmd', text: '=HYPERLINK("http://evil.example","x")' });
    const res = await viewer.agent.get('/suggestions/export.csv?category=sme_tech_financing');
    const [line] = parse(res.text.slice(1), { columns: true }) as Record<string, string>[];
    assert.equal(line![translate('zh', 'suggestions.field.text')], '\'=HYPERLINK("http://evil.example","x")');
    assert.equal(line![translate('zh', 'suggestions.field.who')], "'=cmd");
  });

  test('when a department user opens the register, then they land on their queue and the CSV is refused', async () => {
    const department = await signIn(testApp.app, 'department', { departmentId: data.finance.departmentId });
    const res = await department.agent.get('/suggestions');
    assert.equal(res.headers.location, '/suggestions/queue');
    const queue = await department.agent.get('/suggestions/queue');
    assert.deepEqual(idsIn(queue.text).map((r) => r.id).sort(), [data.overdue.id, data.oldAnswered.id].sort());
    assert.equal((await department.agent.get('/suggestions/export.csv')).status, 403);
  });
});
