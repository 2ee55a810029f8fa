import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signedInPage, skipWithoutChromium, startBrowserApp, type BrowserApp } from '../helpers/browser.js';
import { useTestDatabase } from '../helpers/db.js';
import { makeUser } from '../helpers/web.js';
import { makeWallClockEvent } from '../inbound/inbound-fixtures.js';
import { inviteInstitution, makeInstitution } from '../invitations/fixtures.js';

useTestDatabase(import.meta.url);

describe('select all and none on checkbox lists, in a real browser', { skip: skipWithoutChromium }, () => {
  let b: BrowserApp;
  before(async () => (b = await startBrowserApp()));
  after(() => b?.stop());

  test('the board\'s reminder selection and the invitee list tick and untick every box at once; without JavaScript the buttons are not shown', async () => {
    const event = await makeWallClockEvent();
    for (let i = 0; i < 3; i += 1) await inviteInstitution(String(event._id));
    for (let i = 0; i < 2; i += 1) await makeInstitution();
    const organiser = await makeUser('organiser');
    const page = await signedInPage(b, organiser);
    const ticked = (name: string) => page.locator(`input[type="checkbox"][name="${name}"]:checked`).count();

    await page.goto(`${b.base}/events/${event._id}/board`);
    const bar = page.locator('[data-testid="select-all-invitationIds"]');
    await bar.getByRole('button', { name: '全选' }).click();
    assert.equal(await ticked('invitationIds'), 3);
    await bar.getByRole('button', { name: '全不选' }).click();
    assert.equal(await ticked('invitationIds'), 0);

    await page.goto(`${b.base}/events/${event._id}/invitations/new`);
    const boxes = await page.locator('input[type="checkbox"][name="institutionIds"]').count();
    assert.ok(boxes >= 5, `${boxes} institutions listed`);
    await page.locator('[data-testid="select-all-institutionIds"]').getByRole('button', { name: '全选' }).click();
    assert.equal(await ticked('institutionIds'), boxes);
    assert.equal(await ticked('ccAllContacts'), 0, 'only the list\'s own boxes are ticked');

    const plain = await signedInPage(b, organiser, { javaScriptEnabled: false });
    await plain.goto(`${b.base}/events/${event._id}/board`);
    assert.equal(await plain.locator('[data-testid="select-all-invitationIds"]').isVisible(), false);
  });
});

describe('assigning a suggestion, in a real browser', { skip: skipWithoutChromium }, () => {
  let b: BrowserApp;
  before(async () => (b = await startBrowserApp()));
  after(() => b?.stop());

  test('choosing a department leaves only its staff to pick as owner, at once', async () => {
    const { departmentWithUser, eventWithInvitee, suggest } = await import('../suggestions/fixtures.js');
    const { eventId } = await eventWithInvitee();
    const { id } = await suggest(eventId);
    const science = await departmentWithUser('科技局');
    const finance = await departmentWithUser('财政局');
    const organiser = await makeUser('organiser');
    const page = await signedInPage(b, organiser);
    await page.goto(`${b.base}/suggestions/${id}`);
    assert.equal(await page.locator('[data-owner-refresh]').isVisible(), false, 'the no-JavaScript button is not needed');
    const offered = () => page.locator('#f-ownerId optgroup:not([disabled]) option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
    await page.selectOption('#f-departmentId', science.departmentId);
    assert.deepEqual(await offered(), [science.user.id]);
    await page.selectOption('#f-ownerId', science.user.id);
    await page.selectOption('#f-departmentId', finance.departmentId);
    assert.deepEqual(await offered(), [finance.user.id]);
    assert.equal(await page.locator('#f-ownerId').inputValue(), '', 'an owner of another department is let go');
  });
});
