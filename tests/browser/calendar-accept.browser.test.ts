import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getConfig } from '../../src/config.js';
import { startInbound, type Inbound } from '../../src/inbound/index.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { startOutboxWorker, type OutboxWorker } from '../../src/mail/index.js';
import { translate } from '../../src/web/i18n.js';
import { signedInPage, skipWithoutChromium, startBrowserApp, type BrowserApp } from '../helpers/browser.js';
import { useTestDatabase } from '../helpers/db.js';
import { makeUser } from '../helpers/web.js';
import { makeWallClockEvent } from '../inbound/inbound-fixtures.js';
import { inviteInstitution } from '../invitations/fixtures.js';

useTestDatabase(import.meta.url);

describe('accepting in a calendar, seen on the board, in a real browser', { skip: skipWithoutChromium }, () => {
  let b: BrowserApp;
  let outbox: OutboxWorker;
  let inbound: Inbound;

  before(async () => {
    b = await startBrowserApp();
    outbox = startOutboxWorker({ transport: b.app.mail.transport, from: getConfig().mail.from, pollMs: 50 });
    // The embedded default: the catcher hands mail for the reply address to the inbox, which handles it at once.
    inbound = await startInbound(getConfig(), { pollMs: 60_000 });
  });
  after(async () => {
    await inbound?.stop();
    await outbox?.stop();
    await b?.stop();
  });

  test('the organiser sends three invitations, an invitee accepts in their calendar from /mailbox, and the board shows it with its source on the next visit', async () => {
    const event = await makeWallClockEvent();
    const invited = await Promise.all([1, 2, 3].map(() => inviteInstitution(String(event._id))));
    const organiser = await makeUser('organiser');
    const page = await signedInPage(b, organiser);

    await page.goto(`${b.base}/events/${event._id}/board`);
    await page.getByRole('button', { name: translate('zh', 'invitations.send.all', { count: 3 }) }).click();
    await page.locator('[data-testid="confirm-button"]').click();
    await page.waitForURL(/\/batches\//);
    await page.locator('[data-testid="send-report"]').waitFor({ timeout: 60_000 });

    // The first invitation as the institution's head received it, answered from "their calendar".
    const head = (await Invitation.findById(invited[0]!.invitationId).lean())!.recipient!.email;
    await page.goto(`${b.base}/mailbox?q=${encodeURIComponent(head)}`);
    await page.locator('tbody tr a').first().click();
    await page.locator('[data-testid="calendar-client"] button[value="ACCEPTED"]').click();
    await page.waitForLoadState();

    // The reply travels through SMTP to the reply address and the inbox; the board is visited once it is in.
    for (let i = 0; i < 200 && (await Invitation.findById(invited[0]!.invitationId).lean())!.status !== 'accepted'; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    await page.goto(`${b.base}/events/${event._id}/board`);
    const row = page.locator('tr[data-status="accepted"]');
    assert.equal(await row.count(), 1, 'one invitation shows as attending');
    assert.match((await row.textContent()) ?? '', new RegExp(translate('zh', 'invitations.byCalendar', { name: head }).replace(/[()（）]/g, '.')));
    assert.equal(await page.locator('[data-testid="totals"] td[data-status="accepted"]').textContent(), '1');
    assert.equal(await page.locator('tr[data-status="pending"]').count(), 2);
  });
});
