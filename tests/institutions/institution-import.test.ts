import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { Institution } from '../../src/institutions/institution.model.js';
import { createInstitution } from '../../src/institutions/index.js';
import { decodeCsvBytes, parseCsv } from '../../src/institutions/institution-csv.js';
import { planImport } from '../../src/institutions/institution-import.service.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type Agent, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

let testApp: TestApp;
before(async () => {
  testApp = await createTestApp();
});
after(() => testApp.stop());

const HEADER = 'name_zh,name_en,short_name,type,address,preferred_language,contact_name,contact_title,contact_email,contact_phone,tags,notes';
const unique = () => Math.random().toString(36).slice(2, 8);

/** Upload CSV bytes as a file, as the import form does. */
function upload(agent: Agent, csrf: string, bytes: Buffer) {
  return agent.post('/institutions/import?lang=en').field('_csrf', csrf).attach('file', bytes, { filename: '机构名录.csv', contentType: 'text/csv' });
}

/** The hidden payload of the confirm form on a preview page. */
function payloadOf(html: string): string {
  const match = /name="payload" value="([^"]*)"/.exec(html);
  assert.ok(match, 'the preview offers a confirm form');
  return match[1]!;
}

function confirm(agent: Agent, csrf: string, payload: string) {
  return agent.post('/institutions/import/confirm?lang=en').field('_csrf', csrf).field('payload', payload);
}

/** Each preview row's number and action, from the data attributes of the table. */
function actions(html: string): Array<[number, string]> {
  return [...html.matchAll(/data-row="(\d+)" data-action="(\w+)"/g)].map((m) => [Number(m[1]), m[2]!]);
}

describe('CSV import', () => {
  test('when a file with a BOM, Chinese names and one bad row is uploaded, then nothing is written and the bad row and column are named', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const before = await Institution.countDocuments();
    const csv = [
      HEADER,
      `青岛农商银行高新区支行${unique()},,,bank,,zh,刘洋,行长,liu.yang@qrcb.cn,,科技金融,`,
      `中信证券青岛分公司${unique()},,,brokerage,,zh,陈静,,chen.jing@citic.cn,,,`,
      `人保财险高新支公司${unique()},,,insurance,,ko,,,,,,`,
    ].join('\r\n');
    const res = await upload(agent, csrf, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]));
    assert.equal(res.status, 422);
    assert.deepEqual(actions(res.text), [[2, 'create'], [3, 'error'], [4, 'create']]);
    assert.match(res.text, /Row 3, column type: Choose one of the types\./);
    assert.doesNotMatch(res.text, /name="payload"/, 'no confirm button while there are errors');

    // Even a hand-made confirm of the same file is checked again and refused.
    const forced = await confirm(agent, csrf, Buffer.from(csv).toString('base64'));
    assert.equal(forced.status, 422);
    assert.equal(await Institution.countDocuments(), before);
  });

  test('when a valid file is confirmed, then new rows are created and rows matching by Chinese name or primary email update', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const byName = await createInstitution({ nameZh: `建设银行高新区支行${unique()}`, type: 'bank', address: '旧地址', contacts: [{ name: '黄磊', email: 'huang@ccb.cn', primary: true }] });
    const byEmail = await createInstitution({ nameZh: `旧名担保${unique()}`, type: 'guarantee', contacts: [{ name: '林峰', email: 'lin.feng@guarantee.cn', primary: true }] });
    const newName = `高新区科技小贷${unique()}`;
    const csv = [
      HEADER,
      `${byName.nameZh},China Construction Bank Hi-tech Sub-branch,,,新地址 88号,,,,,,重点联系,`,
      `青岛市融资担保中心${unique()},,,guarantee,,,林峰,总经理,LIN.FENG@guarantee.cn,0532-1234,,`,
      `${newName},,科技小贷,小额贷款公司,,en,高远,经理,gao.yuan@loan.cn,,科技金融;初创,"多行
备注"`,
    ].join('\n');
    const preview = await agent.post('/institutions/import?lang=en').field('_csrf', csrf).field('csv', csv);
    assert.equal(preview.status, 200);
    assert.deepEqual(actions(preview.text), [[2, 'update'], [3, 'update'], [4, 'create']]);
    assert.match(preview.text, /name_en, address, tags/);

    const done = await confirm(agent, csrf, payloadOf(preview.text));
    assert.equal(done.status, 303);
    const flash = await agent.get('/institutions?lang=en');
    assert.match(flash.text, /1 created, 2 updated, 0 unchanged/);

    const first = await Institution.findById(byName._id).lean();
    assert.equal(first?.address, '新地址 88号');
    assert.equal(first?.type, 'bank', 'an empty cell leaves the field unchanged');
    assert.deepEqual(first?.tags, ['重点联系']);
    assert.equal(first?.contacts[0]?.email, 'huang@ccb.cn');
    const second = await Institution.findById(byEmail._id).lean();
    assert.match(second?.nameZh ?? '', /^青岛市融资担保中心/);
    assert.equal(second?.contacts.length, 1, 'the contact matched by email is updated, not duplicated');
    assert.deepEqual([second?.contacts[0]?.title, second?.contacts[0]?.phone, second?.contacts[0]?.primary], ['总经理', '0532-1234', true]);
    const created = await Institution.findOne({ nameZh: newName }).lean();
    assert.equal(created?.type, 'small_loan');
    assert.equal(created?.preferredLocale, 'en');
    assert.deepEqual(created?.tags, ['科技金融', '初创']);
    assert.equal(created?.notes, '多行\n备注');
    assert.deepEqual(created?.contacts.map((c) => [c.name, c.primary]), [['高远', true]]);
  });

  test('when two rows describe the same institution, then the later row is an error that names the earlier one', async () => {
    const email = `dup-${unique()}@bank.cn`;
    const plan = await planImport([HEADER, `甲银行${unique()},,,bank,,,王五,,${email},,,`, `乙银行${unique()},,,bank,,,王五,,${email.toUpperCase()},,,`, `甲银行X,,,bank,,,,,,,,`, `甲银行x,,,bank,,,,,,,,`].join('\n'));
    assert.equal(plan.ok, false);
    assert.deepEqual(plan.rows.map((r) => r.action), ['create', 'error', 'create', 'error']);
    assert.deepEqual(plan.rows[1]?.errors, [{ column: 'contact_email', key: 'institutions.import.duplicateRow', params: { row: 2 } }]);
    assert.deepEqual(plan.rows[3]?.errors, [{ column: 'name_zh', key: 'institutions.import.duplicateRow', params: { row: 4 } }]);
  });

  test('when rows have a bad email, no name or a contact without name, then each error names its column', async () => {
    const plan = await planImport([HEADER, `丙银行${unique()},,,bank,,,赵六,,not-an-email,,,`, `,,,bank,,,,,,,,`, `丁银行${unique()},,,bank,,,,经理,,,,`, `戊银行${unique()},,,,,,,,,,,`, `己银行${unique()},,,bank,,fr,,,,,,`].join('\n'));
    assert.deepEqual(
      plan.rows.map((r) => [r.row, r.errors.map((e) => `${e.column}:${e.key}`)]),
      [
        [2, ['contact_email:validation.email']],
        [3, ['name_zh:validation.required']],
        [4, ['contact_name:institutions.import.contactNameRequired']],
        [5, ['type:institutions.typeInvalid']],
        [6, ['preferred_language:institutions.localeInvalid']],
      ],
    );
  });

  test('when the header is wrong or the file is not CSV, then the whole file is refused with a reason', () => {
    assert.deepEqual(parseCsv('name,type\nx,bank').errors.map((e) => e.key), ['institutions.import.unknownColumn', 'institutions.import.missingColumn']);
    assert.deepEqual(parseCsv(`${HEADER}\n`).errors.map((e) => e.key), ['institutions.import.noRows']);
    assert.deepEqual(parseCsv('name_zh\n"unclosed').errors.map((e) => e.key), ['institutions.import.parseError']);
    assert.deepEqual(parseCsv('   ').errors.map((e) => e.key), ['institutions.import.missingInput']);
    const sheet = parseCsv('name_zh,type\r\n\r\n甲,bank\r\n,\r\n乙,bank,extra');
    assert.deepEqual(sheet.rows.map((r) => [r.row, r.values.name_zh, r.errors.length]), [[3, '甲', 0], [5, '乙', 1]], 'blank lines keep spreadsheet row numbers');
  });

  test('when a file comes as UTF-8 with a BOM or as GB18030 (Excel on Chinese Windows), then both read the same', () => {
    const gb18030 = Buffer.concat([Buffer.from('name_zh,type\n'), Buffer.from([0xd2, 0xf8, 0xd0, 0xd0]), Buffer.from(',bank\n')]);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name_zh,type\n银行,bank\n')]);
    assert.equal(decodeCsvBytes(gb18030), 'name_zh,type\n银行,bank\n');
    assert.equal(decodeCsvBytes(utf8), 'name_zh,type\n银行,bank\n');
  });

  test('when a viewer opens the import, then the answer is 403', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'viewer');
    assert.equal((await agent.get('/institutions/import')).status, 403);
    assert.equal((await agent.post('/institutions/import').field('_csrf', csrf).field('csv', `${HEADER}\n甲,,,bank,,,,,,,,`)).status, 403);
  });
});

describe('CSV export', () => {
  test('when the directory is exported and imported again, then every row is an update with no changes', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const tag = `往返${unique()}`;
    await createInstitution({ nameZh: `往返银行${unique()}`, nameEn: 'Round, "Trip" Bank', type: 'bank', tags: [tag, '重点'], notes: '第一行\n第二行', contacts: [{ name: '许晴', title: '行长', email: 'xu@rt.cn', phone: '+86 532 8888 0000', primary: true }] });
    await createInstitution({ nameZh: `往返基金${unique()}`, type: 'vc_pe_fund', tags: [tag], preferredLocale: 'ja', notes: '=HYPERLINK("http://evil")' });
    const res = await agent.get(`/institutions/export.csv?tag=${encodeURIComponent(tag)}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^text\/csv/);
    assert.match(res.headers['content-disposition'] ?? '', /attachment; filename="?institutions-\d{4}-\d{2}-\d{2}\.csv"?/);
    const bytes = res.body as Buffer;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
    const records = parse(bytes.subarray(3).toString('utf8')) as string[][];
    assert.equal(records[0]?.join(','), HEADER);
    assert.equal(records.length, 3, 'only the filtered institutions');
    const fund = records.find((r) => r[0]?.startsWith('往返基金'));
    assert.equal(fund?.[11], `'=HYPERLINK("http://evil")`, 'a formula is defused for spreadsheets');
    const bank = records.find((r) => r[0]?.startsWith('往返银行'));
    assert.equal(bank?.[9], '+86 532 8888 0000', 'phone numbers are left alone');

    const preview = await upload(agent, csrf, bytes);
    assert.equal(preview.status, 200);
    assert.deepEqual(actions(preview.text).map(([, action]) => action), ['update', 'update']);
    assert.equal((preview.text.match(/No changes/g) ?? []).length, 2);
    const before = await Institution.find({ tags: tag }).lean();
    assert.equal((await confirm(agent, csrf, payloadOf(preview.text))).status, 303);
    assert.match((await agent.get('/institutions?lang=en')).text, /0 created, 0 updated, 2 unchanged/);
    assert.deepEqual(await Institution.find({ tags: tag }).lean(), before);
  });

  test('when the list is filtered by type, then the export holds only that type', async () => {
    const { agent } = await signIn(testApp.app, 'viewer');
    const insurer = await createInstitution({ nameZh: `导出保险${unique()}`, type: 'insurance' });
    const bank = await createInstitution({ nameZh: `导出银行${unique()}`, type: 'bank' });
    const res = await agent.get('/institutions/export.csv?type=insurance');
    assert.equal(res.status, 200);
    assert.ok(res.text.includes(insurer.nameZh));
    assert.ok(!res.text.includes(bank.nameZh));
  });
});
