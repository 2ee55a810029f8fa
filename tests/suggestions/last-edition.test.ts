import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import JSZip from 'jszip';
import { AgendaDocument } from '../../src/agenda/agenda-document.model.js';
import { cloneEvent } from '../../src/events/index.js';
import { assignSuggestion, changeSuggestionStatus } from '../../src/suggestions/index.js';
import { translate } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { makeEvent as makeSeriesEvent, makeSeries, organiser } from '../events/fixtures.js';
import { departmentWithUser, inviteInstitution, organiserActor, suggest } from './fixtures.js';

useTestDatabase(import.meta.url);

/** The text of `word/document.xml` inside a DOCX. */
async function documentXml(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  const file = zip.file('word/document.xml');
  assert.ok(file, 'the DOCX has word/document.xml');
  return file.async('string');
}

const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk) => chunks.push(chunk!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('last edition’s suggestions', () => {
  let testApp: TestApp;
  let staff: Awaited<ReturnType<typeof signIn>>;
  before(async () => {
    testApp = await createTestApp();
    staff = await signIn(testApp.app, 'organiser');
  });
  after(() => testApp.stop());

  /** The 2018 edition with three suggestions (answered, declined, still open), cloned into 2019. */
  async function twoEditions() {
    const series = await makeSeries();
    const previous = await makeSeriesEvent({ seriesId: String(series._id), edition: 2018, titleZh: '2018年度金融工作座谈会', titleEn: 'Annual symposium on financial work 2018', startsAt: new Date('2018-04-13T01:30:00Z'), endsAt: new Date('2018-04-13T03:30:00Z'), rsvpDeadline: null });
    const previousId = String(previous._id);
    const bank = await inviteInstitution(previousId);
    const dept = await departmentWithUser('金融工作局');
    const answered = await suggest(previousId, { institutionId: String(bank.institution._id), categoryKey: 'credit_structure', text: '建议提高制造业中长期贷款比重。' });
    await assignSuggestion(answered.id, { departmentId: dept.departmentId, ownerId: dept.user.id, dueDate: '2018-06-30' }, organiserActor);
    await changeSuggestionStatus(answered.id, { status: 'answered', answer: '已出台制造业贷款贴息办法。' }, organiserActor);
    const declined = await suggest(previousId, { personName: '陈代表', categoryKey: 'other', text: '建议会议改在周末召开。' });
    await changeSuggestionStatus(declined.id, { status: 'declined', declineReason: '周末不便于各机构参会。' }, organiserActor);
    const open = await suggest(previousId, { institutionId: String(bank.institution._id), categoryKey: 'credit_structure', text: '建议建立续贷过桥资金。' });
    const next = await cloneEvent(previousId, { startsAt: new Date('2019-04-12T01:30:00Z'), endsAt: new Date('2019-04-12T03:30:00Z') }, organiser);
    return { previousId, nextId: String(next._id), answered, declined, open, bank };
  }

  test('when the next edition’s suggestions page opens, then it points to last edition’s suggestions, and the report lists them with what became of them', async () => {
    const { nextId, previousId, answered, declined, open } = await twoEditions();
    const page = await staff.agent.get(`/events/${nextId}/suggestions`);
    assert.ok(page.text.includes('data-testid="last-edition-notice"'));
    assert.ok(page.text.includes(translate('zh', 'suggestions.report.notice', { count: 3 })));
    assert.ok(!(await staff.agent.get(`/events/${previousId}/suggestions`)).text.includes('last-edition-notice'), 'the first edition has no previous one');
    const report = await staff.agent.get(`/events/${nextId}/suggestions/last-edition`);
    assert.equal(report.status, 200);
    const rows = [...report.text.matchAll(/data-testid="report-row" data-id="([0-9a-f]{24})"/g)].map((m) => m[1]);
    assert.deepEqual(rows, [answered.id, open.id, declined.id], 'grouped by category in the list’s order');
    assert.ok(report.text.includes('已出台制造业贷款贴息办法。'), 'the answer');
    assert.ok(report.text.includes('周末不便于各机构参会。'), 'the reason for declining');
    assert.ok(report.text.includes('金融工作局'));
    assert.ok(report.text.includes(translate('zh', 'suggestions.report.totals', { total: 3, answered: 1, declined: 1, pending: 1 })));
  });

  test('when the report is downloaded or attached to the agenda, then it is a DOCX with the suggestions and their outcome', async () => {
    const { nextId } = await twoEditions();
    const res = await staff.agent.get(`/events/${nextId}/suggestions/last-edition.docx`).buffer(true).parse(binary);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /wordprocessingml/);
    const xml = await documentXml(res.body as Buffer);
    for (const text of ['2018年度金融工作座谈会意见建议办理情况', '建议提高制造业中长期贷款比重。', '已出台制造业贷款贴息办法。', '周末不便于各机构参会。', '信贷结构']) assert.ok(xml.includes(text), text);
    const attach = await staff.agent.post(`/events/${nextId}/suggestions/last-edition/attach`).type('form').send({ _csrf: staff.csrf });
    assert.equal(attach.status, 303);
    const documents = await AgendaDocument.find({ eventId: nextId, itemId: null }).lean();
    assert.equal(documents.length, 1);
    assert.equal(documents[0]!.filename, '上届意见建议办理情况.docx');
    const stored = documents[0]!.data as unknown as Buffer | { buffer: Buffer };
    assert.ok((await documentXml(Buffer.isBuffer(stored) ? stored : Buffer.from(stored.buffer))).includes('建议建立续贷过桥资金。'));
    const secretary = await signIn(testApp.app, 'secretary');
    assert.equal((await secretary.agent.post(`/events/${nextId}/suggestions/last-edition/attach`).type('form').send({ _csrf: secretary.csrf })).status, 403);
  });

  test('when an event has no previous edition, then the report page says so and there is nothing to download', async () => {
    const lone = await makeSeriesEvent();
    const page = await staff.agent.get(`/events/${lone._id}/suggestions/last-edition`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(translate('zh', 'suggestions.report.noPrevious')));
    assert.equal((await staff.agent.get(`/events/${lone._id}/suggestions/last-edition.docx`)).status, 404);
  });
});
