// A browser follows a redirect as soon as its headers arrive. express-session would send them before the
// session is saved, so the next request (on another pooled connection, or another app instance) could
// find no session: the session must be stored by the time the redirect's headers leave.
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import mongoose from 'mongoose';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, makeUser, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

/** The cookie pairs a response sets, as one Cookie header. */
function cookiesOf(res: Response, previous = ''): string {
  const jar = new Map(previous ? previous.split('; ').map((pair) => pair.split('=') as [string, string]) : []);
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

describe('sessions and redirects', () => {
  let t: TestApp;
  let server: Server;
  let base: string;
  before(async () => {
    t = await createTestApp();
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.close();
    await t.stop();
  });

  test('when a staff member signs in, then the session is stored before the redirect is sent, and the next page finds them signed in', async () => {
    const user = await makeUser('organiser');
    for (let round = 0; round < 5; round += 1) {
      const page = await fetch(`${base}/login`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
      let cookie = cookiesOf(page);
      const signedIn = await fetch(`${base}/login`, {
        method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: user.email, password: user.password, _csrf: csrf }),
      });
      assert.equal(signedIn.status, 303);
      // Read as soon as the headers are here, before the body has ended.
      const sid = decodeURIComponent(/convene\.sid=s:([^.]+)\./.exec(decodeURIComponent(cookiesOf(signedIn)))![1]!);
      const stored = await mongoose.connection.collection('sessions').findOne({ _id: sid as never });
      assert.equal((stored?.session as { userId?: string } | undefined)?.userId, user.id, `round ${round}: the session was stored before the redirect`);
      cookie = cookiesOf(signedIn, cookie);
      const account = await fetch(`${base}/account`, { headers: { cookie }, redirect: 'manual' });
      assert.equal(account.status, 200, `round ${round}: the next page finds the user signed in`);
      await signedIn.arrayBuffer();
      await account.arrayBuffer();
    }
  });
});
