import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import supertest from 'supertest';
import { requestLogging } from '../../src/web/request-log.js';

/** An app with the access log writing JSON lines into `lines`, and routes that log through `req.log`. */
function loggedApp(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const app = express();
  app.use(requestLogging(app, pino({ level }, stream)));
  app.get('/rsvp/:token', (req, res) => {
    req.log.warn({ step: 'inside' }, 'handler says');
    res.send(req.id);
  });
  return { app, lines };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the access log', () => {
  test('when a request is answered, then one line records method, path, status and time, without the RSVP token', async () => {
    const { app, lines } = loggedApp();
    const res = await supertest(app).get('/rsvp/SECRET-token-value?lang=ko');
    await settle();
    const done = lines.find((line) => line.msg === 'request completed');
    assert.ok(done);
    assert.deepEqual(done.req, { method: 'GET', url: '/rsvp/…?lang=ko' });
    assert.deepEqual(done.res, { statusCode: 200 });
    assert.equal(typeof done.responseTime, 'number');
    assert.equal(done.reqId, res.text, 'the line carries the request id the handler saw');
    assert.ok(!JSON.stringify(lines).includes('SECRET'), 'the token is in no line');
  });

  test('when a handler logs through req.log, then its line carries the request id; a usable incoming id is kept', async () => {
    const { app, lines } = loggedApp();
    await supertest(app).get('/rsvp/x').set('X-Request-Id', 'lb-1234.abc');
    await supertest(app).get('/rsvp/x').set('X-Request-Id', 'bad id <script>');
    await settle();
    const inside = lines.filter((line) => line.msg === 'handler says');
    assert.equal(inside.length, 2);
    assert.equal(inside[0]!.reqId, 'lb-1234.abc');
    assert.match(String(inside[1]!.reqId), /^[0-9a-f-]{36}$/, 'an unsafe incoming id is replaced by a UUID');
  });

  test('when the level is above info, then no access line is written but warnings still are', async () => {
    const { app, lines } = loggedApp('warn');
    await supertest(app).get('/rsvp/x');
    await settle();
    assert.deepEqual(lines.map((line) => line.msg), ['handler says']);
  });
});
