import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { Institution } from '../../src/institutions/institution.model.js';
import { oneLine } from '../../src/web/control-chars.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { answerForm, anonymousCsrf, inviteInstitution, makeEvent, storedInvitation } from '../invitations/fixtures.js';

useTestDatabase(import.meta.url);

describe('control characters in text fields', () => {
  let t: TestApp;
  let bearer: string;
  before(async () => {
    t = await createTestApp();
    bearer = await apiTokenFor('organiser');
  });
  after(() => t.stop());

  const createInstitution = (body: Record<string, unknown>) =>
    supertest(t.app).post('/api/v1/institutions').set('Authorization', `Bearer ${bearer}`).set('Accept-Language', 'en').send({ type: 'bank', ...body });

  test('when a name or note holds NUL, escape or DEL, then they are stripped and the rest is kept, line breaks of a note too', async () => {
    const res = await createInstitution({ nameZh: '青岛\u0000银行\u001b[31m高新\u007f支行', notes: '第一行\r\n第二行\u0000' });
    assert.equal(res.status, 201, res.text);
    const stored = await Institution.findById(res.body.id).lean();
    assert.equal(stored?.nameZh, '青岛银行[31m高新支行');
    assert.equal(stored?.notes, '第一行\r\n第二行');
  });

  test('when a name, title, email or phone holds a line break, then the API refuses it with 422 naming each field', async () => {
    const res = await createInstitution({
      nameZh: '测试银行\r\nBcc: all@zone.test',
      contacts: [{ name: '张伟', title: '行长\n', email: 'zhang.wei@example.cn', phone: '0532\u2028888', primary: true }],
    });
    assert.equal(res.status, 422);
    assert.deepEqual(Object.keys(res.body.error.fields).sort(), ['contacts.0.phone', 'contacts.0.title', 'nameZh']);
    assert.match(res.body.error.message, /line break or an invisible control character/);
    assert.equal(await Institution.countDocuments({ nameZh: /测试银行/ }), 0, 'nothing is stored');
  });

  test('when a staff form sends a title with a line break, then the page explains it in the user’s language (422)', async () => {
    const { agent, csrf } = await signIn(t.app, 'organiser');
    const res = await agent.post('/events').set('Accept-Language', 'zh-CN').type('form').send({ _csrf: csrf, titleZh: '座谈会\r\n第二行' });
    assert.equal(res.status, 422);
    assert.match(res.text, /名称、职务、邮箱或电话中含有换行或不可见的控制字符/);
  });

  test('when an institution names a delegate with a line break, then its link answers 422 in its language and the answer is not recorded', async () => {
    const { token, invitationId } = await inviteInstitution(String((await makeEvent())._id), { preferredLocale: 'ko' });
    const { csrf } = await anonymousCsrf(t.app, token);
    const form = answerForm(csrf, { status: 'yes', delegates: [{ name: '김\r\n철수' }] });
    const res = await supertest(t.app).post(`/rsvp/${token}`).set('Accept-Language', 'ko').type('form').send(form);
    assert.equal(res.status, 422);
    assert.match(res.text, /줄바꿈이나 보이지 않는 제어 문자/);
    assert.equal((await storedInvitation(invitationId)).status, 'pending');
  });

  test('a name already stored with line breaks goes into a mail header on one line', () => {
    assert.equal(oneLine('张伟\r\nBcc: all@zone.test\u0000'), '张伟 Bcc: all@zone.test');
  });
});
