import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { Department } from '../../src/institutions/department.model.js';
import { Institution } from '../../src/institutions/institution.model.js';
import { createInstitution, listInstitutions } from '../../src/institutions/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, makeUser, signIn, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

let testApp: TestApp;
before(async () => {
  testApp = await createTestApp();
});
after(() => testApp.stop());

const unique = () => Math.random().toString(36).slice(2, 8);

/** Contact rows as the browser sends them (`contacts[0][name]`…): supertest would drop the indexes. */
function contactFields(rows: Array<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(rows.flatMap((row, i) => Object.entries(row).map(([key, value]) => [`contacts[${i}][${key}]`, value])));
}

describe('institution directory pages', () => {
  test('when the new-institution form is sent twice, then the institution is created once', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const submission = /name="submission" value="([0-9a-f]{24})"/.exec((await agent.get('/institutions/new')).text)?.[1];
    assert.ok(submission, 'the new-institution form carries a submission id');
    const name = `双击创建的担保公司${unique()}`;
    const form = { _csrf: csrf, nameZh: name, type: 'guarantee', preferredLocale: 'zh', submission, ...contactFields([{ name: '孙经理', title: '', email: 'sun@guarantee.cn', phone: '' }]), primaryContact: '0' };
    const sends = await Promise.all([agent.post('/institutions').type('form').send(form), agent.post('/institutions').type('form').send(form)]);
    assert.deepEqual(sends.map((res) => res.status), [303, 303]);
    assert.deepEqual(sends.map((res) => res.headers.location), [`/institutions/${submission}`, `/institutions/${submission}`]);
    assert.equal(await Institution.countDocuments({ nameZh: name }), 1);
  });

  test('when an organiser creates an institution with two contacts, then it is stored with the chosen primary contact and shown', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const name = `青岛银行高新区支行${unique()}`;
    const res = await agent.post('/institutions').type('form').send({
      _csrf: csrf, nameZh: name, nameEn: 'Bank of Qingdao Hi-tech Sub-branch', shortName: '青岛银行', type: 'bank',
      address: '青岛市高新区', preferredLocale: 'en', tags: '科技金融， 重点联系, 科技金融', notes: '',
      ...contactFields([
        { name: '张伟', title: '行长', email: 'Zhang.Wei@Example.cn', phone: '0532-8888' },
        { name: '李娜', title: '副行长', email: 'li.na@example.cn', phone: '' },
        { name: '', title: '', email: '', phone: '' },
      ]),
      primaryContact: '1',
    });
    assert.equal(res.status, 303);
    const stored = await Institution.findOne({ nameZh: name }).lean();
    assert.ok(stored);
    assert.equal(res.headers.location, `/institutions/${stored._id}`);
    assert.deepEqual(stored.tags, ['科技金融', '重点联系']);
    assert.equal(stored.preferredLocale, 'en');
    assert.deepEqual(stored.contacts.map((c) => [c.name, c.email, c.primary]), [['张伟', 'zhang.wei@example.cn', false], ['李娜', 'li.na@example.cn', true]]);

    const page = await agent.get(res.headers.location);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(name));
    assert.match(page.text, /institutions\.created|机构已创建|has been created/);
  });

  test('when the form lacks the Chinese name and has a bad email, then it is shown again with 422, the errors and what was typed', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const before = await Institution.countDocuments();
    const res = await agent.post('/institutions?lang=en').type('form').send({
      _csrf: csrf, nameZh: '  ', nameEn: 'Typed English name', type: 'bank',
      ...contactFields([{ name: '王芳', email: 'not-an-email' }]), primaryContact: '0',
    });
    assert.equal(res.status, 422);
    assert.match(res.text, /value="Typed English name"/);
    assert.match(res.text, /value="王芳"/);
    assert.match(res.text, /id="f-nameZh-error"/);
    assert.match(res.text, /id="f-contacts-0--email--error"/);
    assert.equal(await Institution.countDocuments(), before);
  });

  test('when two contacts are given and none is marked primary, then the form asks for exactly one primary', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const res = await agent.post('/institutions?lang=en').type('form').send({
      _csrf: csrf, nameZh: `无主联系人${unique()}`, type: 'insurance',
      ...contactFields([{ name: '甲' }, { name: '乙' }]),
    });
    assert.equal(res.status, 422);
    assert.match(res.text, /exactly one contact as the primary/);
  });

  test('when "add another contact" is pressed, then the form comes back with one more empty row and nothing is saved', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const name = `加行测试${unique()}`;
    const res = await agent.post('/institutions').type('form').send({
      _csrf: csrf, nameZh: name, type: 'bank', ...contactFields([{ name: '甲' }]), primaryContact: '0', blankRows: '1', addContact: '1',
    });
    assert.equal(res.status, 200);
    assert.match(res.text, /name="contacts\[2\]\[name\]"/);
    assert.doesNotMatch(res.text, /name="contacts\[3\]\[name\]"/);
    assert.equal(await Institution.countDocuments({ nameZh: name }), 0);
  });

  test('when an organiser edits an institution, then the changes are saved and contact ids are kept', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const inst = await createInstitution({ nameZh: `编辑前${unique()}`, type: 'securities', contacts: [{ name: '赵强', email: 'zhao@sec.cn', primary: true }] });
    const form = await agent.get(`/institutions/${inst._id}/edit`);
    assert.equal(form.status, 200);
    const contactId = String(inst.contacts[0]!._id);
    assert.match(form.text, new RegExp(`name="contacts\\[0\\]\\[id\\]" value="${contactId}"`));
    const res = await agent.post(`/institutions/${inst._id}`).type('form').send({
      _csrf: csrf, nameZh: '编辑后证券', type: 'securities', preferredLocale: 'zh', tags: '',
      ...contactFields([{ id: contactId, name: '赵强', title: '总经理', email: 'zhao@sec.cn' }, { name: '钱丽', email: 'qian@sec.cn' }]), primaryContact: '1',
    });
    assert.equal(res.status, 303);
    const stored = await Institution.findById(inst._id).lean();
    assert.equal(stored?.nameZh, '编辑后证券');
    assert.equal(String(stored?.contacts[0]?._id), contactId);
    assert.deepEqual(stored?.contacts.map((c) => [c.name, c.title, c.primary]), [['赵强', '总经理', false], ['钱丽', '', true]]);
  });

  test('when a viewer opens the directory, then they may read it but not create or edit', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'viewer');
    const inst = await createInstitution({ nameZh: `只读${unique()}`, type: 'other' });
    assert.equal((await agent.get('/institutions')).status, 200);
    const detail = await agent.get(`/institutions/${inst._id}`);
    assert.equal(detail.status, 200);
    assert.doesNotMatch(detail.text, /\/edit"/);
    assert.equal((await agent.get('/institutions/new')).status, 403);
    const before = await Institution.countDocuments();
    const res = await agent.post('/institutions').type('form').send({ _csrf: csrf, nameZh: '不应创建', type: 'bank' });
    assert.equal(res.status, 403);
    assert.equal(await Institution.countDocuments(), before);
    assert.equal((await agent.post(`/institutions/${inst._id}/archive`).type('form').send({ _csrf: csrf })).status, 403);
  });

  test('when an unknown or malformed institution id is opened, then the answer is 404', async () => {
    const { agent } = await signIn(testApp.app, 'viewer');
    assert.equal((await agent.get(`/institutions/${new mongoose.Types.ObjectId()}`)).status, 404);
    assert.equal((await agent.get('/institutions/not-an-id')).status, 404);
  });

  test('when an institution is archived, then it keeps its record, leaves the default list and shows with "include archived"', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const name = `归档银行${unique()}`;
    const inst = await createInstitution({ nameZh: name, type: 'bank' });
    const res = await agent.post(`/institutions/${inst._id}/archive`).type('form').send({ _csrf: csrf });
    assert.equal(res.status, 303);
    const stored = await Institution.findById(inst._id).lean();
    assert.ok(stored?.archivedAt, 'the record is kept, marked archived');
    assert.doesNotMatch((await agent.get('/institutions')).text, new RegExp(name));
    assert.match((await agent.get('/institutions?includeArchived=1')).text, new RegExp(name));
    assert.ok(!(await listInstitutions()).some((i) => i.nameZh === name));

    await agent.post(`/institutions/${inst._id}/unarchive`).type('form').send({ _csrf: csrf });
    assert.match((await agent.get('/institutions')).text, new RegExp(name));
  });

  test('when an institution has invitations, then it cannot be deleted; one without history can', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const invited = await createInstitution({ nameZh: `有邀请${unique()}`, type: 'bank' });
    await mongoose.connection.collection('invitations').insertOne({ eventId: new mongoose.Types.ObjectId(), kind: 'institution', institutionId: invited._id });
    const page = await agent.get(`/institutions/${invited._id}`);
    assert.doesNotMatch(page.text, /\/delete"/, 'no delete button is offered');
    const refused = await agent.post(`/institutions/${invited._id}/delete`).type('form').send({ _csrf: csrf });
    assert.equal(refused.status, 303);
    assert.ok(await Institution.exists({ _id: invited._id }));

    const fresh = await createInstitution({ nameZh: `误建${unique()}`, type: 'bank' });
    const res = await agent.post(`/institutions/${fresh._id}/delete`).type('form').send({ _csrf: csrf });
    assert.equal(res.headers.location, '/institutions');
    assert.equal(await Institution.exists({ _id: fresh._id }), null);
  });

  test('when the list is searched and filtered, then only matching institutions show', async () => {
    const { agent } = await signIn(testApp.app, 'viewer');
    const tag = `标签${unique()}`;
    const a = await createInstitution({ nameZh: `搜索甲银行${unique()}`, nameEn: 'Alpha Search Bank', type: 'bank', tags: [tag], contacts: [{ name: '孙悦', email: 'sun.yue@alpha.cn', primary: true }] });
    const b = await createInstitution({ nameZh: `搜索乙保险${unique()}`, type: 'insurance', tags: [tag] });
    const has = (text: string, name: string) => text.includes(name);
    let text = (await agent.get(`/institutions?q=${encodeURIComponent('SUN.YUE@')}`)).text;
    assert.ok(has(text, a.nameZh) && !has(text, b.nameZh));
    text = (await agent.get('/institutions?q=alpha+search')).text;
    assert.ok(has(text, a.nameZh) && !has(text, b.nameZh));
    text = (await agent.get(`/institutions?tag=${encodeURIComponent(tag)}&type=insurance`)).text;
    assert.ok(!has(text, a.nameZh) && has(text, b.nameZh));
  });
});

describe('department pages', () => {
  test('when an organiser creates a department, then it is stored and its page lists its staff users', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const res = await agent.post('/departments').type('form').send({
      _csrf: csrf, nameZh: '财政金融局', nameEn: 'Finance Bureau', shortName: '财金局', email: 'Finance@Zone.gov.cn',
      head: { name: '周局长', title: '局长', email: 'zhou@zone.gov.cn' },
    });
    assert.equal(res.status, 303);
    const dep = await Department.findOne({ nameZh: '财政金融局' }).lean();
    assert.ok(dep);
    assert.equal(dep.email, 'finance@zone.gov.cn');
    assert.equal(dep.head?.name, '周局长');
    const staff = await makeUser('department', { departmentId: String(dep._id) });
    const page = await agent.get(`/departments/${dep._id}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(staff.email));
  });

  test('when the new-department form is sent twice, then one department is created', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const submission = /name="submission" value="([0-9a-f]{24})"/.exec((await agent.get('/departments/new')).text)?.[1];
    assert.ok(submission, 'the form carries a submission id');
    const form = { _csrf: csrf, nameZh: '双击创建的局', submission, head: { name: '', title: '', email: '' } };
    const sends = await Promise.all([agent.post('/departments').type('form').send(form), agent.post('/departments').type('form').send(form)]);
    assert.deepEqual(sends.map((res) => res.headers.location), [`/departments/${submission}`, `/departments/${submission}`]);
    assert.equal(await Department.countDocuments({ nameZh: '双击创建的局' }), 1);
  });

  test('when a department form has a bad email, then it comes back with 422 and what was typed', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const res = await agent.post('/departments').type('form').send({ _csrf: csrf, nameZh: '科技创新局', head: { name: '吴处长', email: 'bad' } });
    assert.equal(res.status, 422);
    assert.match(res.text, /value="吴处长"/);
    assert.match(res.text, /id="f-head-email--error"/);
  });

  test('when a department is edited and archived, then it keeps its record and leaves the default list', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const dep = await Department.create({ nameZh: `经济发展局${unique()}` });
    const edited = await agent.post(`/departments/${dep._id}`).type('form').send({ _csrf: csrf, nameZh: '经济发展局（改）', head: { name: '', title: '', email: '' } });
    assert.equal(edited.status, 303);
    assert.equal((await Department.findById(dep._id).lean())?.nameZh, '经济发展局（改）');
    await agent.post(`/departments/${dep._id}/archive`).type('form').send({ _csrf: csrf });
    assert.ok((await Department.findById(dep._id).lean())?.archivedAt);
    assert.doesNotMatch((await agent.get('/departments')).text, /经济发展局（改）/);
    assert.match((await agent.get('/departments?includeArchived=1')).text, /经济发展局（改）/);
  });

  test('when a viewer tries to create a department, then the answer is 403', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'viewer');
    assert.equal((await agent.get('/departments')).status, 200);
    assert.equal((await agent.post('/departments').type('form').send({ _csrf: csrf, nameZh: '不应创建' })).status, 403);
  });
});

describe('page text', () => {
  test('when the pages are shown in Chinese and in English, then no message key shows through untranslated', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const inst = await createInstitution({ nameZh: `译文检查${unique()}`, type: 'tech_bank_branch', preferredLocale: 'ko', tags: ['甲'], notes: '一\n二', contacts: [{ name: '甲', primary: true }] });
    const dep = await Department.create({ nameZh: `译文部门${unique()}` });
    const pages = ['/institutions', '/institutions/new', `/institutions/${inst._id}`, `/institutions/${inst._id}/edit`, '/institutions/import', '/departments', '/departments/new', `/departments/${dep._id}`, `/departments/${dep._id}/edit`];
    for (const lang of ['zh', 'en']) {
      for (const page of pages) {
        const res = await agent.get(`${page}?lang=${lang}`);
        assert.equal(res.status, 200, page);
        const text = res.text.replace(/<[^>]*>/g, ' ');
        assert.doesNotMatch(text, /\b(institutions|departments|common|lang|validation)\.[a-zA-Z_]+/, `${lang} ${page}`);
      }
      const preview = await agent.post(`/institutions/import?lang=${lang}`).field('_csrf', csrf).field('csv', 'name_zh,type\n甲,bank\n,bad');
      assert.equal(preview.status, 422);
      assert.doesNotMatch(preview.text.replace(/<[^>]*>/g, ' '), /\b(institutions|validation)\.[a-zA-Z_]+/, `${lang} import preview`);
    }
  });
});
