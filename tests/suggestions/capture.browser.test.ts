import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Suggestion } from '../../src/suggestions/suggestion.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { skipWithoutChromium, startBrowserApp, type BrowserApp } from '../helpers/browser.js';
import { makeUser } from '../helpers/web.js';
import { eventWithInvitee } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('quick capture on a tablet', { skip: skipWithoutChromium }, () => {
  let b: BrowserApp;
  before(async () => (b = await startBrowserApp()));
  after(() => b?.stop());

  test('when the secretary records two suggestions in a row on a tablet without JavaScript, then each takes one screen and the institution stays chosen', async () => {
    const { eventId, invitee } = await eventWithInvitee();
    const user = await makeUser('secretary');
    const context = await b.browser.newContext({ javaScriptEnabled: false, viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${b.base}/login`);
    await page.locator('input[name="email"]').fill(user.email);
    await page.locator('input[name="password"]').fill(user.password);
    await page.locator('form[action="/login"] button[type="submit"]').click();
    await page.goto(`${b.base}/events/${eventId}/suggestions/capture`);

    await page.selectOption('#f-institutionId', String(invitee.institution._id));
    await page.selectOption('#f-agendaItemId', { label: '2. 交流发言' });
    await page.getByText('信贷结构', { exact: true }).click();
    await page.locator('#f-text').fill('建议提高首贷比例。');
    const button = page.getByRole('button', { name: '保存并记录下一条' });
    for (const target of [button, page.locator('label.tile').first(), page.locator('#f-institutionId')]) {
      const box = await target.boundingBox();
      assert.ok(box && box.height >= 44, `touch targets are at least 44 px high (${box?.height})`);
    }
    const bottom = await button.boundingBox();
    assert.ok(bottom && bottom.y + bottom.height <= 1024, 'the whole form fits on one tablet screen');
    await button.click();
    await page.waitForURL(/capture\?institutionId=/);
    assert.match((await page.textContent('.flash--success')) ?? '', /意见建议已记录/);
    assert.equal(await page.locator('#f-institutionId').inputValue(), String(invitee.institution._id));
    assert.equal(await page.locator('#f-text').inputValue(), '');

    await page.getByText('金融产品', { exact: true }).click();
    await page.locator('#f-text').fill('建议推出知识产权质押产品。');
    await button.click();
    await page.waitForURL(/capture\?institutionId=/);
    const stored = await Suggestion.find({ eventId }).sort({ createdAt: 1 }).lean();
    assert.deepEqual(stored.map((s) => [s.categoryKey, String(s.institutionId), s.status]), [
      ['credit_structure', String(invitee.institution._id), 'open'],
      ['financial_products', String(invitee.institution._id), 'open'],
    ]);
    assert.equal(String(stored[0]!.agendaItemId), String(stored[1]!.agendaItemId), 'the agenda item stayed chosen too');
    await context.close();
  });
});
