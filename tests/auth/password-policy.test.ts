import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { userCreateSchema } from '../../src/auth/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

const base = { email: 'policy@zone.example', name: '王秘书', role: 'secretary' };
const refusal = (password: string) => {
  const parsed = userCreateSchema.safeParse({ ...base, password });
  return parsed.success ? undefined : parsed.error.issues.find((issue) => issue.path[0] === 'password')?.message;
};

describe('new passwords', () => {
  test('when a password is common or breached, then the schema of the admin pages and the CLI refuses it even though it is long enough', () => {
    for (const password of ['1234567890', 'password123', 'qwertyuiop', 'iloveyou123', '1qaz2wsx3edc', 'Password1234']) {
      assert.ok(refusal(password), `${password} is refused`);
    }
    assert.equal(refusal('password123'), 'auth.passwordCommon');
    assert.equal(refusal('1234567890'), 'auth.passwordCommon');
  });

  test('when a password is a repeat or a sequence, then it is refused as a pattern', () => {
    assert.equal(refusal('aaaaaaaaaa'), 'auth.passwordPattern');
    assert.equal(refusal('abcabcabcabc'), 'auth.passwordPattern');
  });

  test('when a password is long and not guessable, then it is accepted', () => {
    for (const password of ['lantern-orchard-9-copper', 'k8#Lq2vR9x-Tq', 'convene-demo-2019']) assert.equal(refusal(password), undefined, password);
  });

  describe('in the forms', () => {
    let t: TestApp;
    before(async () => (t = await createTestApp()));
    after(() => t.stop());

    test('when an admin gives a new user 1234567890, then the form comes back with 422 and the reason, in English or Chinese', async () => {
      const { agent, csrf } = await signIn(t.app, 'admin');
      const en = await agent.post('/admin/users?lang=en').type('form').send({ ...base, password: '1234567890', _csrf: csrf });
      assert.equal(en.status, 422);
      assert.match(en.text, /common or breached/);
      const zh = await agent.post('/admin/users?lang=zh').type('form').send({ ...base, password: 'aaaaaaaaaaaa', _csrf: csrf });
      assert.equal(zh.status, 422);
      assert.match(zh.text, /重复、连续或键盘排列/);
    });

    test('when a user picks a breached password on the account page, then 422 names the new password field', async () => {
      const { agent, csrf, user } = await signIn(t.app, 'viewer');
      const res = await agent.post('/account?lang=en').type('form').send({ locale: 'en', currentPassword: user.password, newPassword: 'iloveyou123', _csrf: csrf });
      assert.equal(res.status, 422);
      assert.match(res.text, /common or breached/);
    });
  });
});
