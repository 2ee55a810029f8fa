import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { listCheckIns } from '../../src/checkin/index.js';
import { CheckIn } from '../../src/checkin/checkin.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { answer, makeSymposium } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('the check-in pages', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  test('when a secretary types a code (lower case, with a space), then the delegate is checked in; typing it again says when and by whom', async () => {
    const s = await makeSymposium();
    const { agent, csrf, user } = await signIn(t.app, 'secretary');
    const page = await agent.get(`/events/${s.eventId}/checkin`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<input id="f-code" name="code" value="" autofocus/);
    const typed = `${s.delegates.zhang.checkInCode.slice(0, 4).toLowerCase()} ${s.delegates.zhang.checkInCode.slice(4)}`;
    const res = await agent.post(`/events/${s.eventId}/checkin/code`).type('form').send({ _csrf: csrf, code: typed });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/events/${s.eventId}/checkin`);
    const after1 = await agent.get(`/events/${s.eventId}/checkin?lang=zh`);
    assert.match(after1.text, /张伟 已签到。/);
    assert.deepEqual((await listCheckIns(s.eventId)).map((r) => [r.name, r.checkedInBy]), [['张伟', user.name]]);

    await agent.post(`/events/${s.eventId}/checkin/code`).type('form').send({ _csrf: csrf, code: s.delegates.zhang.checkInCode });
    const again = await agent.get(`/events/${s.eventId}/checkin`);
    assert.match(again.text, new RegExp(`张伟 已于 \\d\\d:\\d\\d 由 ${user.name} 签到。`));
    assert.equal((await listCheckIns(s.eventId)).length, 1);
  });

  test('when two doors post the same code at the same moment, then one check-in is recorded and both desks are answered normally', async () => {
    const s = await makeSymposium();
    const doorA = await signIn(t.app, 'secretary');
    const doorB = await signIn(t.app, 'organiser');
    const post = (door: typeof doorA) => door.agent.post(`/events/${s.eventId}/checkin/code`).type('form').send({ _csrf: door.csrf, code: s.delegates.li.checkInCode });
    const responses = await Promise.all([post(doorA), post(doorB), post(doorA), post(doorB)]);
    assert.deepEqual(responses.map((r) => r.status), [303, 303, 303, 303]);
    assert.equal(await CheckIn.countDocuments({ eventId: s.eventId }), 1);
  });

  test('when a code is unknown or malformed, then the desk says so on the code field and keeps what was typed', async () => {
    const s = await makeSymposium();
    const { agent, csrf } = await signIn(t.app, 'secretary');
    const unknown = await agent.post(`/events/${s.eventId}/checkin/code?lang=en`).type('form').send({ _csrf: csrf, code: 'ZZZZ2222' });
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /data-testid="code-error">Nobody with this check-in code is registered for this event/);
    assert.match(unknown.text, /name="code" value="ZZZZ2222"/);
    const malformed = await agent.post(`/events/${s.eventId}/checkin/code?lang=zh`).type('form').send({ _csrf: csrf, code: '!!' });
    assert.equal(malformed.status, 422);
    assert.match(malformed.text, /签到码只含字母和数字/);
    assert.equal(await CheckIn.countDocuments({ eventId: s.eventId }), 0);
  });

  test('when the desk searches by institution, name or code, then the expected people are listed with a check-in button, and checked-in ones with the time', async () => {
    const s = await makeSymposium();
    const { agent, csrf } = await signIn(t.app, 'secretary');
    await agent.post(`/events/${s.eventId}/checkin/code`).type('form').send({ _csrf: csrf, code: s.delegates.li.checkInCode });
    const byInstitution = await agent.get(`/events/${s.eventId}/checkin`).query({ q: s.a.institution.nameZh.slice(0, 6), lang: 'zh' });
    assert.match(byInstitution.text, /张伟/);
    assert.match(byInstitution.text, /李娜/);
    assert.doesNotMatch(byInstitution.text, /赵强/);
    assert.match(byInstitution.text, new RegExp(`name="code" value="${s.delegates.zhang.checkInCode}"`), 'a check-in button for 张伟');
    assert.match(byInstitution.text, /\d\d:\d\d 由 Test secretary 签到/, '李娜 shows as checked in');
    assert.match(byInstitution.text, new RegExp(`walk-in\\?substituteFor=${s.delegates.zhang.checkInCode}`));
    const byName = await agent.get(`/events/${s.eventId}/checkin`).query({ q: '刘主任' });
    assert.match(byName.text, new RegExp(`name="participantId" value="${s.participantId}"`));
    const byCode = await agent.get(`/events/${s.eventId}/checkin`).query({ q: s.delegates.zhao.checkInCode.toLowerCase() });
    assert.match(byCode.text, /赵强/);
    assert.match(byCode.text, /代替孙行长出席/);
    assert.match(byCode.text, /data-testid="tentative">待定</, 'a delegate of a tentative answer is marked so');
    assert.doesNotMatch(byInstitution.text, /data-testid="tentative"/, 'accepted ones are not');
    const byHead = await agent.get(`/events/${s.eventId}/checkin`).query({ q: '孙行长' });
    assert.match(byHead.text, /赵强/, 'the head\'s name finds the colleague sent in their place');

    const checkIn = await agent.post(`/events/${s.eventId}/checkin/zone`).type('form').send({ _csrf: csrf, participantId: s.participantId });
    assert.equal(checkIn.status, 303);
    assert.deepEqual((await listCheckIns(s.eventId)).map((r) => r.kind), ['delegate', 'zone']);
  });

  test('when a walk-in substitute is checked in from the desk, then the form comes prefilled and the record is a walk-in in place of the delegate', async () => {
    const s = await makeSymposium();
    const { agent, csrf } = await signIn(t.app, 'secretary');
    const form = await agent.get(`/events/${s.eventId}/checkin/walk-in`).query({ substituteFor: s.delegates.zhang.checkInCode });
    assert.match(form.text, new RegExp(`<option value="${s.a.institution._id}" selected`));
    assert.match(form.text, new RegExp(`<option value="${s.delegates.zhang.checkInCode}" selected>张伟 \\(行长\\)</option>`));

    const missing = await agent.post(`/events/${s.eventId}/checkin/walk-in`).type('form').send({ _csrf: csrf, name: '', title: '副行长', institutionId: '', institutionName: '', substituteFor: '' });
    assert.equal(missing.status, 422);
    assert.match(missing.text, /value="副行长"/);
    assert.match(missing.text, /请从名录中选择机构，或填写机构名称。/);

    const res = await agent.post(`/events/${s.eventId}/checkin/walk-in`).type('form')
      .send({ _csrf: csrf, name: '周敏', title: '副行长', institutionId: String(s.a.institution._id), institutionName: '', substituteFor: s.delegates.zhang.checkInCode });
    assert.equal(res.status, 303);
    const [record] = await listCheckIns(s.eventId);
    assert.equal(record?.kind, 'walk_in');
    assert.equal(record?.substituteFor, '张伟');
    const desk = await agent.get(`/events/${s.eventId}/checkin`);
    assert.match(desk.text, /周敏 已签到。/);
    assert.match(desk.text, /临时到会/);
  });

  test('when the walk-in or typed zone form is sent twice, then the person is checked in once and the desk says so; a changed resend is someone else', async () => {
    const s = await makeSymposium();
    const { agent, csrf } = await signIn(t.app, 'secretary');
    const submissionOf = (html: string) => /name="submission" value="([0-9a-f]{24})"/.exec(html)?.[1];
    const walkIn = submissionOf((await agent.get(`/events/${s.eventId}/checkin/walk-in`)).text);
    assert.ok(walkIn, 'the walk-in form carries a submission id');
    const form = { _csrf: csrf, name: '陈记者', title: '', institutionId: '', institutionName: '青岛日报', substituteFor: '', submission: walkIn };
    for (let i = 0; i < 2; i += 1) assert.equal((await agent.post(`/events/${s.eventId}/checkin/walk-in`).type('form').send(form)).status, 303);
    assert.deepEqual((await listCheckIns(s.eventId)).map((r) => r.name), ['陈记者']);
    assert.match((await agent.get(`/events/${s.eventId}/checkin?lang=zh`)).text, /陈记者 已于 \d\d:\d\d 由 .+ 签到。/);
    await agent.post(`/events/${s.eventId}/checkin/walk-in`).type('form').send({ ...form, name: '王摄影' });
    assert.deepEqual((await listCheckIns(s.eventId)).map((r) => r.name).sort(), ['王摄影', '陈记者']);

    const zone = submissionOf((await agent.get(`/events/${s.eventId}/checkin/zone`)).text);
    assert.ok(zone, 'the typed zone form carries one too');
    const typed = { _csrf: csrf, from: 'zone', name: '何科员', title: '科员', departmentId: String(s.department._id), submission: zone };
    for (let i = 0; i < 2; i += 1) await agent.post(`/events/${s.eventId}/checkin/zone`).type('form').send(typed);
    assert.equal((await listCheckIns(s.eventId)).filter((r) => r.name === '何科员').length, 1);
  });

  test('when zone staff not on the event are typed in, then a department is required, and they are recorded with it', async () => {
    const s = await makeSymposium();
    const { agent, csrf } = await signIn(t.app, 'organiser');
    const page = await agent.get(`/events/${s.eventId}/checkin/zone`);
    assert.match(page.text, /刘主任/);
    const missing = await agent.post(`/events/${s.eventId}/checkin/zone`).type('form').send({ _csrf: csrf, from: 'zone', name: '何科员', title: '', departmentId: '' });
    assert.equal(missing.status, 422);
    assert.match(missing.text, /请选择部门。/);
    assert.match(missing.text, /value="何科员"/);
    const res = await agent.post(`/events/${s.eventId}/checkin/zone`).type('form').send({ _csrf: csrf, from: 'zone', name: '何科员', title: '科员', departmentId: String(s.department._id) });
    assert.equal(res.headers.location, `/events/${s.eventId}/checkin/zone`);
    assert.equal((await listCheckIns(s.eventId))[0]?.departmentName?.zh, s.department.nameZh);
  });

  test('when a check-in is undone from the desk, then the person is no longer present', async () => {
    const s = await makeSymposium();
    const { agent, csrf } = await signIn(t.app, 'secretary');
    await agent.post(`/events/${s.eventId}/checkin/code`).type('form').send({ _csrf: csrf, code: s.delegates.zhang.checkInCode });
    const [record] = await listCheckIns(s.eventId);
    const res = await agent.post(`/events/${s.eventId}/checkin/undo`).type('form').send({ _csrf: csrf, id: record!.id });
    assert.equal(res.status, 303);
    assert.deepEqual(await listCheckIns(s.eventId), []);
    assert.match((await agent.get(`/events/${s.eventId}/checkin`)).text, /已撤销 张伟 的签到。/);
  });

  test('when people arrive, then counts.json has present, expected and institutions represented', async () => {
    const s = await makeSymposium();
    const { agent, csrf } = await signIn(t.app, 'secretary');
    await agent.post(`/events/${s.eventId}/checkin/code`).type('form').send({ _csrf: csrf, code: s.delegates.zhang.checkInCode });
    await agent.post(`/events/${s.eventId}/checkin/code`).type('form').send({ _csrf: csrf, code: s.delegates.wu.checkInCode });
    const res = await agent.get(`/events/${s.eventId}/checkin/counts.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers['cache-control'] ?? '', /no-store/);
    assert.deepEqual({ ...res.body, updatedAt: undefined }, { present: 2, expected: 5, expectedPresent: 2, walkIns: 0, institutions: { represented: 1, accepted: 2, invited: 4 }, updatedAt: undefined });
  });

  test('when the sign-in sheet is downloaded, then the CSV (with a BOM) lists institutions with their delegates, present or absent, in Chinese', async () => {
    const s = await makeSymposium();
    const { agent, csrf } = await signIn(t.app, 'secretary');
    await agent.post(`/events/${s.eventId}/checkin/code`).type('form').send({ _csrf: csrf, code: s.delegates.zhang.checkInCode });
    await agent.post(`/events/${s.eventId}/checkin/walk-in`).type('form').send({ _csrf: csrf, name: '陈记者', institutionName: '青岛日报' });
    const viewer = await signIn(t.app, 'viewer');
    const res = await viewer.agent.get(`/events/${s.eventId}/checkin/sheet.csv?lang=zh`).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /text\/csv; charset=utf-8/);
    const body = res.body as Buffer;
    assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parse(body, { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0]!), ['机构或部门', '姓名', '职务', '身份', '代替', '到会', '签到时间', '签到经办人', '签名']);
    const byName = new Map(rows.map((r) => [r['姓名'], r]));
    assert.equal(byName.get('张伟')?.['到会'], '已到');
    assert.equal(byName.get('张伟')?.['机构或部门'], s.a.institution.nameZh);
    assert.match(byName.get('张伟')?.['签到时间'] ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d \+08:00$/, 'local time with its offset');
    assert.equal(byName.get('李娜')?.['到会'], '未到');
    assert.equal(byName.get('赵强')?.['代替'], '孙行长');
    assert.equal(byName.get('陈记者')?.['身份'], '临时到会');
    assert.equal(byName.get('陈记者')?.['机构或部门'], '青岛日报');
    assert.equal(byName.get('刘主任')?.['机构或部门'], s.department.nameZh);
    assert.equal(rows.length, 6);

    const sheet = await viewer.agent.get(`/events/${s.eventId}/checkin/sheet`);
    assert.equal(sheet.status, 200);
    assert.match(sheet.text, /data-testid="signin-sheet"/);
    assert.match(sheet.text, /class="checkin-sheet__signature"/);
  });

  test('when a delegate’s name typed on the RSVP page looks like a spreadsheet formula, then the sign-in sheet CSV defuses it', async () => {
    const s = await makeSymposium();
    await answer(s.d.invitationId, 'accepted', [{ name: '=HYPERLINK("http://evil.example","点我")', title: '+行长' }]);
    const { agent } = await signIn(t.app, 'secretary');
    const res = await agent.get(`/events/${s.eventId}/checkin/sheet.csv?lang=zh`);
    assert.equal(res.status, 200);
    const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r['姓名']?.includes('HYPERLINK'));
    assert.equal(row?.['姓名'], `'=HYPERLINK("http://evil.example","点我")`);
    assert.equal(row?.['职务'], `'+行长`);
  });

  test('when a viewer or a department user posts a check-in, then it is refused with 403 and nothing is recorded', async () => {
    const s = await makeSymposium();
    for (const role of ['viewer', 'department'] as const) {
      const { agent, csrf } = await signIn(t.app, role);
      const res = await agent.post(`/events/${s.eventId}/checkin/code`).type('form').send({ _csrf: csrf, code: s.delegates.zhang.checkInCode });
      assert.equal(res.status, 403, role);
      assert.equal((await agent.get(`/events/${s.eventId}/checkin`)).status, 403, role);
    }
    assert.equal(await CheckIn.countDocuments({ eventId: s.eventId }), 0);
  });

  test('when the event is cancelled, then the desk explains that check-in is closed and a posted code changes nothing', async () => {
    const s = await makeSymposium({ status: 'cancelled' });
    const { agent, csrf } = await signIn(t.app, 'secretary');
    const page = await agent.get(`/events/${s.eventId}/checkin?lang=en`);
    assert.equal(page.status, 200);
    assert.match(page.text, /data-testid="checkin-closed">This event is Cancelled: check-in is open only for scheduled or held events/);
    assert.doesNotMatch(page.text, /id="checkin-code-form"/);
    const res = await agent.post(`/events/${s.eventId}/checkin/code`).type('form').send({ _csrf: csrf, code: s.delegates.zhang.checkInCode });
    assert.equal(res.status, 303);
    assert.match((await agent.get(`/events/${s.eventId}/checkin?lang=en`)).text, /flash--error[^>]*>Check-in is open only for scheduled or held events\./);
    assert.equal(await CheckIn.countDocuments({ eventId: s.eventId }), 0);
  });
});
