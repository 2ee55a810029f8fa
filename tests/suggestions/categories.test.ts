import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listCategories } from '../../src/suggestions/index.js';
import { SuggestionCategory } from '../../src/suggestions/category.model.js';
import { translate } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { eventWithInvitee, suggest } from './fixtures.js';

useTestDatabase(import.meta.url);

const PATH = '/admin/suggestion-categories';

describe('suggestion categories', () => {
  let testApp: TestApp;
  let admin: Awaited<ReturnType<typeof signIn>>;
  before(async () => {
    testApp = await createTestApp();
    admin = await signIn(testApp.app, 'admin');
  });
  after(() => testApp.stop());

  const post = (path: string, form: Record<string, string> = {}) => admin.agent.post(path).type('form').send({ _csrf: admin.csrf, ...form });

  test('when the list is first used, then it holds the six categories of the issue with stable keys and four languages', async () => {
    const [categories] = await Promise.all([listCategories(), listCategories(), listCategories()]);
    assert.deepEqual(categories.map((c) => c.key), ['credit_structure', 'sme_tech_financing', 'financial_products', 'bank_enterprise_info', 'financial_environment', 'other']);
    assert.deepEqual(categories[1]!.name, { zh: '中小企业和科技型企业融资', en: 'SME and technology-firm financing', ko: '중소기업 및 기술기업 금융', ja: '中小企業・テクノロジー企業の資金調達' });
    assert.equal(await SuggestionCategory.countDocuments(), 6, 'three first users at once seed it once');
  });

  test('when the admin renames, adds and retires categories, then the keys stay and retired ones are no longer offered', async () => {
    const rename = await post(`${PATH}/credit_structure`, { nameZh: '信贷投向结构', nameEn: 'Credit allocation', nameKo: '', nameJa: '' });
    assert.equal(rename.status, 303);
    const added = await post(PATH, { key: '', nameZh: '绿色金融', nameEn: 'Green finance', nameKo: '녹색 금융', nameJa: 'グリーン金融' });
    assert.equal(added.status, 303);
    const duplicate = await post(PATH, { key: 'green_finance', nameZh: '重复', nameEn: 'Duplicate' });
    assert.equal(duplicate.status, 422);
    assert.ok(duplicate.text.includes(translate('zh', 'suggestions.category.keyTaken')));
    assert.ok(duplicate.text.includes('重复'), 'what was typed is kept');
    const missing = await post(PATH, { nameZh: '', nameEn: '' });
    assert.equal(missing.status, 422);
    assert.equal((await post(`${PATH}/financial_environment/retire`, { retired: '1' })).status, 303);
    const offered = await listCategories();
    assert.equal(offered.find((c) => c.key === 'credit_structure')!.name.zh, '信贷投向结构');
    assert.equal(offered.at(-1)!.key, 'green_finance', 'added at the end, with a key made from the English name');
    assert.ok(!offered.some((c) => c.key === 'financial_environment'));
    assert.ok((await listCategories({ includeRetired: true })).some((c) => c.key === 'financial_environment'));
    assert.equal((await post(`${PATH}/financial_environment/retire`, { retired: '0' })).status, 303);
    assert.ok((await listCategories()).some((c) => c.key === 'financial_environment'), 'offered again');
  });

  test('when a category is in use, then it cannot be deleted (only retired); an unused one can', async () => {
    const { eventId } = await eventWithInvitee();
    await suggest(eventId, { categoryKey: 'other' });
    const page = await admin.agent.get(PATH);
    assert.doesNotMatch(page.text, new RegExp(`action="${PATH}/other/delete"`), 'no delete button for a category in use');
    const refused = await post(`${PATH}/other/delete`);
    assert.equal(refused.status, 303);
    assert.ok((await admin.agent.get(PATH)).text.includes(translate('zh', 'suggestions.category.inUse')));
    assert.ok(await SuggestionCategory.exists({ _id: 'other' }));
    await post(PATH, { key: 'temporary', nameZh: '临时', nameEn: 'Temporary' });
    assert.equal((await post(`${PATH}/temporary/delete`)).status, 303);
    assert.equal(await SuggestionCategory.exists({ _id: 'temporary' }), null);
  });

  test('when anyone but an admin tries, then the category pages are refused', async () => {
    for (const role of ['organiser', 'secretary', 'department', 'viewer'] as const) {
      const user = await signIn(testApp.app, role);
      assert.equal((await user.agent.get(PATH)).status, 403, role);
      const res = await user.agent.post(`${PATH}/other`).type('form').send({ _csrf: user.csrf, nameZh: '改名', nameEn: 'Renamed' });
      assert.equal(res.status, 403, role);
    }
    assert.notEqual((await SuggestionCategory.findById('other').lean())!.nameZh, '改名');
  });
});
