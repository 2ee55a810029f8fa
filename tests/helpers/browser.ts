import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { getConfig } from '../../src/config.js';
import { createTestApp, type TestApp } from './web.js';

/** Debian's chromium (installed by .ci/run; browser downloads are impossible here), or CHROMIUM_PATH as the app uses it. */
export const CHROMIUM = getConfig().pdf.chromiumPath;

/** `skip` option for browser suites: a reason when chromium is missing, else false. */
export const skipWithoutChromium = existsSync(CHROMIUM) ? false : `chromium is not installed at ${CHROMIUM} (apt-get install -y chromium); CI installs it`;

/** The test app listening on a loopback port, and a headless chromium to drive it. */
export interface BrowserApp {
  app: TestApp;
  browser: Browser;
  base: string;
  stop(): Promise<void>;
}

/** Start the app on 127.0.0.1 and launch chromium with the flags this closed network needs. */
export async function startBrowserApp(): Promise<BrowserApp> {
  const app = await createTestApp();
  const server: Server = app.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    app,
    browser,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await app.stop();
    },
  };
}

/** A new browser context signed in as this user (Chinese unless `options` says otherwise), on the page after sign-in. */
export async function signedInPage(b: BrowserApp, user: { email: string; password: string }, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await b.browser.newContext({ locale: 'zh-CN', ...options })).newPage();
  await page.goto(`${b.base}/login`);
  await page.fill('#f-email', user.email);
  await page.fill('#f-password', user.password);
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}
