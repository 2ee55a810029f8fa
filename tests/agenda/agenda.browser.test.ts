import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { listAgendaItems, saveAgendaItems } from '../../src/agenda/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { skipWithoutChromium, startBrowserApp, type BrowserApp } from '../helpers/browser.js';
import { makeUser } from '../helpers/web.js';
import { makeEvent } from '../events/fixtures.js';
import { item, symposiumItems } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('reordering the agenda in a real browser', { skip: skipWithoutChromium }, () => {
  let b: BrowserApp;
  before(async () => (b = await startBrowserApp()));
  after(() => b?.stop());

  async function signedInPage(javaScriptEnabled: boolean) {
    const user = await makeUser('organiser');
    const context = await b.browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 1600 } });
    const page = await context.newPage();
    await page.goto(`${b.base}/login?lang=en`);
    await page.locator('input[name="email"]').fill(user.email);
    await page.locator('input[name="password"]').fill(user.password);
    await page.locator('form:has(input[name="password"]) button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return { context, page };
  }

  test('when an organiser uses only the keyboard, without JavaScript, then the Down button moves an item and the times follow', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const items = await saveAgendaItems(id, symposiumItems());
    const { context, page } = await signedInPage(false);
    await page.goto(`${b.base}/events/${id}/agenda?lang=en`);
    await page.getByRole('button', { name: 'Move “Opening by the chair” down' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    assert.match((await page.textContent('[role="status"]')) ?? '', /The item was moved/);
    assert.deepEqual((await listAgendaItems(id)).map((i) => i.id), [items[1]!.id, items[0]!.id, items[2]!.id, items[3]!.id]);
    assert.equal((await page.locator('[data-testid="agenda-time"]').first().textContent())?.trim(), '09:30–10:30');
    await context.close();
  });

  test('when an organiser drags the last row to the top, then the new order is saved and shown', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const items = await saveAgendaItems(id, [...symposiumItems(), item('合影留念', { titleEn: 'Group photo', durationMinutes: 10 })]);
    const { context, page } = await signedInPage(true);
    await page.goto(`${b.base}/events/${id}/agenda?lang=en`);
    const rows = page.locator('tr[data-testid="agenda-row"]');
    const from = (await rows.nth(4).boundingBox())!;
    const to = (await rows.nth(0).boundingBox())!;
    await page.mouse.move(from.x + 20, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + 20, to.y + 4, { steps: 8 });
    await page.mouse.up();
    await page.getByText('The new order was saved.').waitFor();
    assert.equal(await page.locator('tr[data-testid="agenda-row"] strong').first().textContent(), 'Group photo');
    assert.equal((await page.locator('[data-testid="agenda-time"]').first().textContent())?.trim(), '09:30–09:40', 'the times follow the new order');
    assert.deepEqual((await listAgendaItems(id)).map((i) => i.id), [items[4]!.id, ...items.slice(0, 4).map((i) => i.id)]);
    await page.screenshot({ path: '/tmp/agenda-page.png', fullPage: true }).catch(() => undefined);
    await context.close();
  });
});
