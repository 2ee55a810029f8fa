import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { currentRevision, saveMinutesItem } from '../../src/minutes/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { skipWithoutChromium, startBrowserApp, type BrowserApp } from '../helpers/browser.js';
import { makeUser } from '../helpers/web.js';
import { content, makeEventWithAgenda, secretary } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('writing minutes in a real browser', { skip: skipWithoutChromium }, () => {
  let b: BrowserApp;
  before(async () => (b = await startBrowserApp()));
  after(() => b?.stop());

  async function signedInPage(): Promise<Page> {
    const user = await makeUser('secretary');
    const page = await (await b.browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(`${b.base}/login`);
    await page.fill('#f-email', user.email);
    await page.fill('#f-password', user.password);
    await page.click('form[action="/login"] button[type=submit]');
    await page.waitForURL(`${b.base}/`);
    return page;
  }

  test('when the secretary types notes and stops, then they are saved without pressing Save, and are there after a reload', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const page = await signedInPage();
    const url = `${b.base}/events/${eventId}/minutes/items/${items[0]!.id}`;
    await page.goto(url);
    const status = page.locator('[data-testid="autosave-status"]');
    await page.locator('#f-notes').pressSequentially('王主任致开幕辞，**欢迎**各金融机构代表。', { delay: 10 });
    await page.locator('#f-keyPoints').fill('感谢金融机构对高新区的支持');
    await page.locator('[data-testid="autosave-status"][data-state="saved"]').waitFor({ timeout: 15_000 });
    assert.equal((await status.textContent())?.trim(), '已保存');
    assert.match((await page.locator('[data-testid="notes-preview"]').innerHTML()) ?? '', /<strong>欢迎<\/strong>/, 'the preview shows the rendered notes');
    const stored = await currentRevision(eventId, items[0]!.id);
    assert.equal(stored.notes, '王主任致开幕辞，**欢迎**各金融机构代表。');
    assert.deepEqual(stored.keyPoints, ['感谢金融机构对高新区的支持']);

    await page.reload();
    assert.equal(await page.locator('#f-notes').inputValue(), '王主任致开幕辞，**欢迎**各金融机构代表。');
    assert.equal(await page.locator('#f-keyPoints').inputValue(), '感谢金融机构对高新区的支持');
    assert.equal(await page.locator('input[name="baseRevision"]').inputValue(), String(stored.revision));

    // Keep typing after the reload: the next autosave goes on top of the stored revision.
    await page.locator('#f-notes').press('End');
    await page.locator('#f-notes').pressSequentially('会议开始。', { delay: 10 });
    await page.locator('[data-testid="autosave-status"][data-state="saved"]').waitFor({ timeout: 15_000 });
    assert.match((await currentRevision(eventId, items[0]!.id)).notes, /会议开始。$/);
  });

  test('when someone else saves while the secretary types, then the autosave reports a conflict, keeps her text, and Save shows both versions', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const page = await signedInPage();
    await page.goto(`${b.base}/events/${eventId}/minutes/items/${items[1]!.id}`);
    await saveMinutesItem(eventId, items[1]!.id, { baseRevision: 0, content: content('另一位秘书的记录') }, secretary);
    await page.locator('#f-notes').pressSequentially('我的记录', { delay: 10 });
    await page.locator('[data-testid="autosave-status"][data-state="conflict"]').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#f-notes').inputValue(), '我的记录');
    assert.equal((await currentRevision(eventId, items[1]!.id)).notes, '另一位秘书的记录');

    await page.getByRole('button', { name: '保存', exact: true }).first().click();
    await page.locator('[data-testid="conflict"]').waitFor();
    assert.match((await page.locator('[data-testid="conflict-theirs"]').textContent()) ?? '', /另一位秘书的记录/);
    assert.equal(await page.locator('#f-notes').inputValue(), '我的记录');
    await page.locator('#f-notes').fill('另一位秘书的记录\n我的记录');
    await page.getByRole('button', { name: '保存', exact: true }).first().click();
    await page.waitForURL(/\/items\/[0-9a-f]{24}$/);
    assert.equal((await currentRevision(eventId, items[1]!.id)).notes, '另一位秘书的记录\n我的记录');
  });
});
