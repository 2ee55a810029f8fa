import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { Institution } from '../../src/institutions/institution.model.js';
import { createInstitution } from '../../src/institutions/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

let testApp: TestApp;
let organiser: string;
let viewer: string;
before(async () => {
  testApp = await createTestApp();
  [organiser, viewer] = await Promise.all([apiTokenFor('organiser'), apiTokenFor('viewer')]);
});
after(() => testApp.stop());

const api = () => supertest(testApp.app);
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const unique = () => Math.random().toString(36).slice(2, 8);

describe('institutions JSON API', () => {
  test('when an organiser POSTs a valid institution, then it is created with 201 and returned', async () => {
    const body = {
      nameZh: `华夏银行青岛高新区支行${unique()}`, nameEn: 'Hua Xia Bank', type: 'bank', preferredLocale: 'zh', tags: ['科技金融'],
      contacts: [{ name: '郑洁', title: '行长', email: 'Zheng.Jie@HXB.cn', primary: true }, { name: '冯涛', email: 'feng@hxb.cn' }],
    };
    const res = await api().post('/api/v1/institutions').set(bearer(organiser)).send(body);
    assert.equal(res.status, 201);
    assert.equal(res.headers.location, `/api/v1/institutions/${res.body.id}`);
    assert.equal(res.body.nameZh, body.nameZh);
    assert.equal(res.body.archived, false);
    assert.deepEqual(res.body.contacts.map((c: { email: string; primary: boolean }) => [c.email, c.primary]), [['zheng.jie@hxb.cn', true], ['feng@hxb.cn', false]]);
    assert.ok(await Institution.exists({ _id: res.body.id }));
  });

  test('when the POST body is invalid, then the answer is 422 naming each bad field and nothing is created', async () => {
    const before = await Institution.countDocuments();
    const res = await api().post('/api/v1/institutions?lang=en').set(bearer(organiser)).send({
      nameZh: '', type: 'pawnshop', preferredLocale: 'fr', contacts: [{ name: '甲', email: 'nope' }, { name: '乙', primary: true }, { name: '丙', primary: true }],
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.status, 422);
    assert.deepEqual(Object.keys(res.body.error.fields).sort(), ['contacts', 'contacts.0.email', 'nameZh', 'preferredLocale', 'type']);
    assert.equal(await Institution.countDocuments(), before);
  });

  test('when the body is not JSON, then the answer is 400', async () => {
    const res = await api().post('/api/v1/institutions').set(bearer(organiser)).type('json').send('{"nameZh": ');
    assert.equal(res.status, 400);
  });

  test('when an unknown or malformed id is asked for, then the answer is 404', async () => {
    assert.equal((await api().get(`/api/v1/institutions/${new mongoose.Types.ObjectId()}`).set(bearer(viewer))).status, 404);
    assert.equal((await api().get('/api/v1/institutions/xyz').set(bearer(viewer))).status, 404);
    assert.equal((await api().patch(`/api/v1/institutions/${new mongoose.Types.ObjectId()}`).set(bearer(organiser)).send({ notes: 'x' })).status, 404);
  });

  test('when an institution is PATCHed, then only the given fields change; archived:true archives it', async () => {
    const inst = await createInstitution({ nameZh: `待修改${unique()}`, type: 'insurance', address: '原地址', tags: ['甲'] });
    const res = await api().patch(`/api/v1/institutions/${inst._id}`).set(bearer(organiser)).send({ nameEn: 'Patched Insurance', tags: ['乙', '丙'] });
    assert.equal(res.status, 200);
    assert.deepEqual([res.body.nameEn, res.body.address, res.body.type, res.body.tags], ['Patched Insurance', '原地址', 'insurance', ['乙', '丙']]);
    const bad = await api().patch(`/api/v1/institutions/${inst._id}`).set(bearer(organiser)).send({ type: 'casino' });
    assert.equal(bad.status, 422);
    assert.ok(bad.body.error.fields.type);
    const archived = await api().patch(`/api/v1/institutions/${inst._id}`).set(bearer(organiser)).send({ archived: true });
    assert.equal(archived.body.archived, true);
    assert.ok((await Institution.findById(inst._id).lean())?.archivedAt);
    const got = await api().get(`/api/v1/institutions/${inst._id}`).set(bearer(viewer));
    assert.equal(got.status, 200);
    assert.equal(got.body.nameEn, 'Patched Insurance');
  });

  test('when the list is asked for with filters, then only matching, unarchived institutions come back', async () => {
    const tag = `api${unique()}`;
    const a = await createInstitution({ nameZh: `接口甲${unique()}`, type: 'securities', tags: [tag], contacts: [{ name: '秦川', email: 'qin@sec.cn', primary: true }] });
    const b = await createInstitution({ nameZh: `接口乙${unique()}`, type: 'fund_manager', tags: [tag] });
    const c = await createInstitution({ nameZh: `接口丙${unique()}`, type: 'fund_manager', tags: [tag] });
    await Institution.updateOne({ _id: c._id }, { $set: { archivedAt: new Date() } });
    const names = async (query: string) => {
      const res = await api().get(`/api/v1/institutions?tag=${tag}${query}`).set(bearer(viewer));
      assert.equal(res.status, 200);
      return (res.body.items as Array<{ nameZh: string }>).map((i) => i.nameZh).sort();
    };
    assert.deepEqual(await names(''), [a.nameZh, b.nameZh].sort());
    assert.deepEqual(await names('&type=fund_manager'), [b.nameZh]);
    assert.deepEqual(await names('&q=QIN%40'), [a.nameZh]);
    assert.deepEqual(await names('&includeArchived=true'), [a.nameZh, b.nameZh, c.nameZh].sort());
    assert.equal((await api().get('/api/v1/institutions?type=casino').set(bearer(viewer))).status, 422);
  });

  test('when there is no token, then the answer is 401; a viewer may read but gets 403 on POST and PATCH', async () => {
    assert.equal((await api().get('/api/v1/institutions')).status, 401);
    assert.equal((await api().post('/api/v1/institutions').send({ nameZh: '无令牌', type: 'bank' })).status, 401);
    assert.equal((await api().get('/api/v1/institutions').set(bearer('cvn_not-a-real-token'))).status, 401);
    assert.equal((await api().get('/api/v1/institutions').set(bearer(viewer))).status, 200);
    const before = await Institution.countDocuments();
    assert.equal((await api().post('/api/v1/institutions').set(bearer(viewer)).send({ nameZh: '查看者', type: 'bank' })).status, 403);
    assert.equal(await Institution.countDocuments(), before);
    const inst = await createInstitution({ nameZh: `查看者不可改${unique()}`, type: 'bank' });
    assert.equal((await api().patch(`/api/v1/institutions/${inst._id}`).set(bearer(viewer)).send({ notes: 'x' })).status, 403);
  });
});
