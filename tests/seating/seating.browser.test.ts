import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadDemo } from '../../src/demo/index.js';
import { Event } from '../../src/events/event.model.js';
import { Institution } from '../../src/institutions/institution.model.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { skipWithoutChromium, startBrowserApp, type BrowserApp } from '../helpers/browser.js';
import { useTestDatabase } from '../helpers/db.js';
import { makeUser } from '../helpers/web.js';
import { makeSymposium } from '../checkin/fixtures.js';

useTestDatabase(import.meta.url);

async function signedIn(browser: Browser, base: string, user: { email: string; password: string }, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#f-email', user.email);
  await page.fill('#f-password', user.password);
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** With SEATING_SCREENSHOT_DIR set, keep a full-page screenshot there to look at. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SEATING_SCREENSHOT_DIR) await page.screenshot({ path: path.join(process.env.SEATING_SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

const seatText = (page: Page, seat: number) => page.locator(`[data-testid="seat-${seat}"] .seating-seat__name`).textContent();

describe('the seating plan in a real browser', { skip: skipWithoutChromium }, () => {
  let b: BrowserApp;
  before(async () => (b = await startBrowserApp()));
  after(() => b?.stop());

  test('when the organiser makes the 2019 plan, drags a delegate onto another seat, and the bank then announces a substitute, then the page shows the plan is out of date and applying seats the substitute in the head\'s seat', async () => {
    await loadDemo(new Date('2026-01-05T02:00:00Z'));
    const event = (await Event.findOne({ edition: 2019 }).lean())!;
    const base = `${b.base}/events/${String(event._id)}/seating`;
    const organiser = await makeUser('organiser');
    const page = await signedIn(b.browser, b.base, organiser, 'zh-CN');
    await page.goto(base);
    await page.check('input[name="kind"][value="u_shape"]');
    await page.check('input[name="convention"][value="left_first"]');
    await page.fill('#f-mainSeats', '7');
    await page.fill('#f-otherSeats', '18');
    await page.click('[data-testid="seating-make"]');
    await page.waitForURL(base);
    assert.equal(await seatText(page, 1), '韩振东');
    assert.equal(await seatText(page, 2), '孙立文');
    await screenshot(page, 'plan-zh');

    // Drag the delegate in seat 12 onto seat 20: they swap.
    const from = (await seatText(page, 12))!;
    const to = (await seatText(page, 20))!;
    await Promise.all([page.waitForEvent('load'), page.dragAndDrop('[data-testid="seat-12"]', '[data-testid="seat-20"]')]);
    assert.equal((await page.locator('.flash--success').textContent())?.trim(), `${from} 已调至 20 号座。`);
    assert.equal(await seatText(page, 20), from);
    assert.equal(await seatText(page, 12), to);

    // The bank's head cannot come; the organiser records the phone call: 胡新 comes in his place.
    const bank = (await Institution.findOne({ nameZh: '瀚海银行股份有限公司蓝湾高新区支行' }).lean())!;
    const invitation = (await Invitation.findOne({ eventId: event._id, institutionId: bank._id }).lean())!;
    const headSeat = Number(await page.locator('tr', { hasText: '李建平' }).locator('[data-testid="seat-of"]').textContent());
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const answered = await page.request.post(`${b.base}/events/${String(event._id)}/invitations/${String(invitation._id)}/status`, {
      form: { _csrf: csrf, status: 'accepted', note: '电话', 'delegates[0][name]': '胡新', 'delegates[0][title]': '副行长', 'delegates[0][substitute]': '1', 'delegates[1][name]': '王磊', 'delegates[1][title]': '综合部经理' },
      maxRedirects: 0,
    });
    assert.equal(answered.status(), 303);

    await page.goto(base);
    const stale = page.locator('[data-testid="seating-out-of-date"]');
    assert.match((await stale.textContent()) ?? '', new RegExp(`胡新 代 李建平 出席：${headSeat} 号座。`));
    assert.equal(await seatText(page, headSeat), '空', 'the head\'s seat shows empty, nothing moved silently');
    await screenshot(page, 'plan-out-of-date-zh');
    await page.goto(`${base}?lang=en`);
    await screenshot(page, 'plan-out-of-date-en');
    await Promise.all([page.waitForEvent('load'), page.click('[data-testid="seating-apply"]')]);
    assert.match((await page.locator('.flash--success').textContent()) ?? '', /The changes have been applied to the plan\./);
    assert.equal(await seatText(page, headSeat), '胡新');
    assert.equal(await stale.count(), 0);
    await screenshot(page, 'plan-en');
    await page.goto(`${base}/print?paper=a3`);
    await screenshot(page, 'print-zh');
    await page.context().close();
  });

  test('when each layout is chosen on the page, then seat 1 is drawn in the middle of the main side and seat 2 on its left hand (the drawing\'s right)', async () => {
    const s = await makeSymposium();
    const base = `${b.base}/events/${s.eventId}/seating`;
    const page = await signedIn(b.browser, b.base, await makeUser('organiser'), 'en-GB');
    for (const [kind, main, other, rows] of [['long_table', '5', '', ''], ['round', '8', '', ''], ['rows', '3', '4', '2'], ['u_shape', '3', '2', '']]) {
      await page.goto(base);
      await page.check(`input[name="kind"][value="${kind}"]`);
      await page.fill('#f-mainSeats', main!);
      await page.fill('#f-otherSeats', other!);
      await page.fill('#f-rows', rows!);
      await Promise.all([page.waitForEvent('load'), page.click('[data-testid="seating-make"]')]);
      const map = (await page.locator('[data-testid="seating-map"]').boundingBox())!;
      const first = (await page.locator('[data-testid="seat-1"]').boundingBox())!;
      const second = (await page.locator('[data-testid="seat-2"]').boundingBox())!;
      const centre = (box: { x: number; width: number }) => box.x + box.width / 2;
      assert.ok(Math.abs(centre(first) - centre(map)) < map.width * 0.12, `${kind}: seat 1 in the middle`);
      assert.ok(first.y < map.y + map.height * 0.25, `${kind}: seat 1 on the main side`);
      assert.ok(centre(second) > centre(first), `${kind}: seat 2 on the first person's left hand`);
      await screenshot(page, `layout-${kind}-en`);
    }
    await page.context().close();
  });
});
