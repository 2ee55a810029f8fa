import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD, loadDemo } from '../../src/demo/index.js';
import { Event } from '../../src/events/event.model.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { startOutboxWorker, type OutboxWorker } from '../../src/mail/index.js';
import { CapturedMail } from '../../src/mail/captured-mail.model.js';
import { wallClock } from '../helpers/clock.js';
import { useTestDatabase } from '../helpers/db.js';
import { skipWithoutChromium, startBrowserApp, type BrowserApp } from '../helpers/browser.js';

useTestDatabase(import.meta.url);

describe('sending the 2019 symposium\'s invitations in a real browser', { skip: skipWithoutChromium }, () => {
  let b: BrowserApp;
  let worker: OutboxWorker;

  before(async () => {
    b = await startBrowserApp();
    worker = startOutboxWorker({ transport: b.app.mail.transport, from: 'Convene <convene@test.local>', pollMs: 50 });
  });
  after(async () => {
    await worker?.stop();
    await b?.stop();
  });

  test('when the organiser sends all 26 invitations, then the progress bar finishes, the mailbox holds 26 and a link records an answer', async () => {
    await loadDemo();
    // Back to the week before the symposium: nothing sent yet, nobody has answered.
    const event = (await Event.findOne({ edition: 2019 }).lean())!;
    const [startsAt, endsAt, rsvpDeadline] = [wallClock({ daysAhead: 10, hour: 9, minute: 30 }), wallClock({ daysAhead: 10, hour: 11, minute: 30 }), wallClock({ daysAhead: 5, hour: 18 })];
    await Event.updateOne({ _id: event._id }, { $set: { startsAt, endsAt, rsvpDeadline } });
    await Invitation.updateMany({ eventId: event._id }, { $set: { status: 'pending', delegates: [] }, $unset: { sentAt: 1, respondedAt: 1 } });

    const page = await (await b.browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(`${b.base}/login`);
    await page.fill('#f-email', 'organiser@zone.example');
    await page.fill('#f-password', DEMO_PASSWORD);
    await page.click('form[action="/login"] button[type=submit]');
    await page.goto(`${b.base}/events/${event._id}/board`);
    await page.getByRole('button', { name: '向尚未发送的单位发送邀请函（26）' }).click();
    // Sending to many is confirmed on a page that names the count; Cancel would go back to the board.
    assert.match((await page.locator('[data-testid="confirm"]').textContent()) ?? '', /26 个受邀单位将通过电子邮件收到邀请函/);
    assert.equal(await page.locator('[data-testid="confirm-cancel"]').getAttribute('href'), `/events/${event._id}/board`);
    await page.locator('[data-testid="confirm-button"]').click();

    await page.waitForURL(/\/batches\//);
    const progress = page.locator('[data-testid="send-progress"]');
    await page.locator('[data-testid="send-report"]').waitFor({ timeout: 60_000 });
    assert.equal(await progress.getAttribute('data-done'), '1');
    assert.equal(await page.locator('[data-field="sent"]').textContent(), '26');
    assert.equal(await page.locator('progress').getAttribute('value'), '26');

    const invitations = await CapturedMail.find({ subject: /金融工作座谈会|Financial Work|금융|金融/ }).lean();
    assert.equal(invitations.length, 26);
    await page.goto(`${b.base}/mailbox`);
    assert.equal(await page.locator('tbody tr').count(), 26);

    // Open one invitation in the mailbox and follow its RSVP link, as the institution would.
    await page.locator('tbody tr a').first().click();
    const frame = page.frameLocator('iframe');
    const link = await frame.locator('a[href*="/rsvp/"]').first().getAttribute('href');
    assert.ok(link);
    const visitor = await (await b.browser.newContext({ javaScriptEnabled: false })).newPage();
    await visitor.goto(link.replace(/^https?:\/\/[^/]+/, b.base));
    await visitor.locator('input[name="status"][value="declined"]').check();
    await visitor.locator('form[method="post"] button[type="submit"]').last().click();
    await visitor.waitForURL(/saved=1/);
    const token = new URL(link).pathname.split('/')[2]!;
    const answered = await Invitation.find({ eventId: event._id, status: 'declined' }).lean();
    assert.equal(answered.length, 1, `one answer recorded through ${token.slice(0, 4)}…`);
  });
});
