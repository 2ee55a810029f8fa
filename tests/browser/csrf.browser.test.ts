import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CapturedMail } from '../../src/mail/captured-mail.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { skipWithoutChromium, startBrowserApp, type BrowserApp } from '../helpers/browser.js';
import { makeUser } from '../helpers/web.js';

useTestDatabase(import.meta.url);

/** A page of another origin that auto-submits a form to `action` as soon as it loads. */
function forgeryPage(action: string, enctype: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Prize draw</title>
<form id="f" method="post" action="${action}" enctype="${enctype}"><input name="x" value="1"><input name="confirm" value="1"></form>
<script>document.getElementById('f').submit();</script>`;
}

describe('CSRF from another origin of the same site, in a real browser', { skip: skipWithoutChromium }, () => {
  let b: BrowserApp;
  let attacker: Server;
  let attackerBase: string;
  let page: Page;

  before(async () => {
    b = await startBrowserApp();
    // Same host, another port: the same site, so SameSite=Lax cookies go along with a top-level POST.
    attacker = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://attacker.invalid');
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(forgeryPage(`${b.base}${url.searchParams.get('target')}`, url.searchParams.get('enctype') ?? 'multipart/form-data'));
    });
    attacker.listen(0, '127.0.0.1');
    await new Promise((resolve) => attacker.once('listening', resolve));
    attackerBase = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;

    const organiser = await makeUser('organiser');
    page = await (await b.browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${b.base}/login?lang=en`);
    await page.fill('#f-email', organiser.email);
    await page.fill('#f-password', organiser.password);
    await page.click('form[action="/login"] button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  });
  after(async () => {
    await new Promise((resolve) => attacker?.close(resolve));
    await b?.stop();
  });

  /** Open the attacker's page and wait for the answer to the form it submits to the app. */
  async function forge(target: string, enctype: string) {
    const answer = page.waitForResponse((res) => res.url().startsWith(`${b.base}${target}`) && res.request().method() === 'POST');
    await page.goto(`${attackerBase}/?target=${encodeURIComponent(target)}&enctype=${encodeURIComponent(enctype)}`);
    return answer;
  }

  for (const enctype of ['multipart/form-data', 'application/x-www-form-urlencoded', 'text/plain']) {
    test(`when a page on another port auto-submits a ${enctype} form to empty the mailbox and sign out, then both are refused with 403`, async () => {
      await b.app.mail.transport.sendMail({ from: 'convene@test.local', to: 'head@bank.test', subject: `Invitation (${enctype})`, text: 'Kept' });
      const before = await CapturedMail.countDocuments();
      assert.ok(before > 0);

      const clear = await forge('/mailbox/clear', enctype);
      assert.match((await clear.request().allHeaders()).cookie ?? '', /convene\.sid=/, 'the browser sent the session cookie along');
      assert.equal(clear.status(), 403);
      assert.match(await clear.text(), /This form has expired/);
      assert.equal(await CapturedMail.countDocuments(), before, 'the mailbox is not emptied');

      const logout = await forge('/logout', enctype);
      assert.equal(logout.status(), 403);
      await page.goto(`${b.base}/account`);
      assert.equal(new URL(page.url()).pathname, '/account', 'still signed in');
    });
  }
});
