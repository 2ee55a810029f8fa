import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Event } from '../../src/events/event.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { skipWithoutChromium, startBrowserApp, type BrowserApp } from '../helpers/browser.js';
import { inviteInstitution, makeEvent, storedInvitation } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('answering an invitation in a real browser', { skip: skipWithoutChromium }, () => {
  let b: BrowserApp;
  before(async () => (b = await startBrowserApp()));
  after(() => b?.stop());

  test('when an institution answers in Chinese, changes its answer in English, then sees the page read-only after the deadline', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    const context = await b.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();

    await page.goto(`${b.base}/rsvp/${token}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
    assert.equal(await page.textContent('h1'), '2019年度金融工作座谈会');
    await page.getByLabel('确认出席').check();
    await page.locator('#d0-name').fill('李四');
    await page.locator('#d0-title').fill('副行长');
    await page.getByLabel('代替张行长出席').first().check();
    await page.getByRole('button', { name: '提交回复' }).click();
    await page.waitForURL(/saved=1/);
    assert.match((await page.textContent('[data-testid="rsvp-saved"]')) ?? '', /回复已登记/);
    assert.equal((await page.textContent('[data-testid="rsvp-status"]'))?.trim(), '出席');
    assert.equal(await page.locator('[data-testid="check-in"] img').count(), 1);

    await page.getByRole('link', { name: 'English' }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('#d0-name').inputValue(), '李四', 'the stored answer is prefilled');
    await page.getByLabel('No, we cannot attend').check();
    await page.getByRole('button', { name: 'Update answer' }).click();
    await page.waitForURL(/saved=1/);
    assert.equal((await page.textContent('[data-testid="rsvp-status"]'))?.trim(), 'Not attending');
    assert.equal((await storedInvitation(invitationId)).status, 'declined');

    await Event.updateOne({ _id: event._id }, { $set: { rsvpDeadline: new Date(Date.now() - 60_000) } });
    await page.goto(`${b.base}/rsvp/${token}`);
    assert.equal(await page.locator('[data-testid="rsvp-form"]').count(), 0);
    assert.match((await page.textContent('[data-testid="rsvp-closed"]')) ?? '', /Replies are closed[\s\S]*wang\.mishu@zone\.test/);
    await context.close();
  });
});
