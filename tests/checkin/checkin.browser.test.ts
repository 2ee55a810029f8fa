import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { listCheckIns } from '../../src/checkin/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { skipWithoutChromium, startBrowserApp, type BrowserApp } from '../helpers/browser.js';
import { makeUser } from '../helpers/web.js';
import { makeSymposium } from './fixtures.js';

useTestDatabase(import.meta.url);

/** A tablet at one door, signed in as this secretary. */
async function door(browser: Browser, base: string, user: { email: string; password: string }, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 768 }, hasTouch: true, ...options });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#f-email', user.email);
  await page.fill('#f-password', user.password);
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

const present = (page: Page) => page.locator('[data-count="present"]').textContent();

describe('checking people in at the door, in a real browser', { skip: skipWithoutChromium }, () => {
  let b: BrowserApp;
  before(async () => (b = await startBrowserApp()));
  after(() => b?.stop());

  test('when a secretary types a code at one door, then the person is checked in and the other door’s live count rises without reloading', async () => {
    const s = await makeSymposium();
    const secretary = await makeUser('secretary');
    const doorA = await door(b.browser, b.base, secretary);
    const doorB = await door(b.browser, b.base, secretary);
    await doorA.goto(`${b.base}/events/${s.eventId}/checkin`);
    await doorB.goto(`${b.base}/events/${s.eventId}/checkin`);
    assert.equal(await present(doorA), '0');
    assert.equal(await doorB.evaluate('document.activeElement?.id'), 'f-code', 'the code field has the focus');

    await doorB.keyboard.type(s.delegates.zhang.checkInCode.toLowerCase());
    await doorB.keyboard.press('Enter');
    await doorB.waitForURL(new RegExp(`/events/${s.eventId}/checkin$`));
    assert.match((await doorB.locator('.flash--success').textContent()) ?? '', /张伟 已签到。/);
    assert.equal(await present(doorB), '1');
    assert.equal(await doorB.evaluate('document.activeElement?.id'), 'f-code', 'ready for the next person');

    // Door A polls counts.json: its count follows without a reload.
    await doorA.locator('[data-count="present"]').filter({ hasText: /^1$/ }).waitFor({ timeout: 15_000 });
    assert.equal(await doorA.locator('[data-count="expectedPresent"]').textContent(), '1');
    assert.equal(await doorA.locator('[data-count="represented"]').textContent(), '1');
    await doorA.context().close();
    await doorB.context().close();
  });

  test('when the QR code of a confirmation is decoded from a camera frame, then its code fills the field and checks the delegate in', async () => {
    const s = await makeSymposium();
    const page = await door(b.browser, b.base, await makeUser('secretary'));
    const problems: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${b.base}/events/${s.eventId}/checkin`);
    assert.equal(await page.locator('#checkin-scan-start').isVisible(), true, 'with a camera API, the scan button shows');
    assert.deepEqual(problems, [], 'the scripts load under the CSP without errors');

    // The same QR code as the RSVP page and the email (the bare check-in code), drawn into a canvas as a camera frame would be.
    const qr = await QRCode.toDataURL(s.delegates.li.checkInCode, { margin: 1, width: 168 });
    // Browser-side code as strings: the tests are compiled without the DOM library.
    await page.evaluate(`(async () => {
      const image = new Image();
      image.src = ${JSON.stringify(qr)};
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 240;
      const context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 60, 30, 168, 168);
      window.frame = context.getImageData(0, 0, canvas.width, canvas.height);
    })()`);
    assert.equal(await page.evaluate('window.ConveneCheckinScan.decodeImageData(window.frame)'), s.delegates.li.checkInCode);
    assert.equal(await page.evaluate(`window.ConveneCheckinScan.codeFromText('https://x.test/checkin/ab cd-2345')`), 'ABCD2345');

    await Promise.all([page.waitForURL(new RegExp(`/events/${s.eventId}/checkin$`)), page.evaluate('window.ConveneCheckinScan.scanImageData(window.frame)')]);
    assert.match((await page.locator('.flash--success').textContent()) ?? '', /李娜 已签到。/);
    assert.deepEqual((await listCheckIns(s.eventId)).map((r) => r.name), ['李娜']);
    await page.context().close();
  });

  test('when JavaScript is off, then the scan button stays hidden and typing a code still checks the delegate in', async () => {
    const s = await makeSymposium();
    const page = await door(b.browser, b.base, await makeUser('secretary'), { javaScriptEnabled: false });
    await page.goto(`${b.base}/events/${s.eventId}/checkin`);
    assert.equal(await page.locator('#checkin-scan-start').isVisible(), false);
    await page.fill('#f-code', s.delegates.zhao.checkInCode);
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await page.waitForURL(new RegExp(`/events/${s.eventId}/checkin$`));
    assert.equal(await present(page), '1');
    await page.context().close();
  });
});
