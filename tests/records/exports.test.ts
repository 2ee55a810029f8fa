import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { translate } from '../../src/web/i18n.js';
import { skipWithoutChromium } from '../helpers/browser.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { publishTheMinutes, symposiumDay } from './scenario.js';

useTestDatabase(import.meta.url);

const TITLE_ZH = '2019年度金融工作座谈会纪要';

function scratchFile(name: string, bytes: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'records-')), name);
  writeFileSync(file, bytes);
  return file;
}

/** The text of word/document.xml in a DOCX, read with unzip as any tool would. */
const documentXml = (bytes: Buffer) => execFileSync('unzip', ['-p', scratchFile('m.docx', bytes), 'word/document.xml'], { encoding: 'utf8' });

/** The text layer of a PDF, as pdftotext extracts it. */
const pdfText = (bytes: Buffer) => execFileSync('pdftotext', ['-enc', 'UTF-8', scratchFile('m.pdf', bytes), '-'], { encoding: 'utf8' });

const binary = (res: supertest.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('exports of the published minutes', () => {
  let testApp: TestApp;
  let staff: Awaited<ReturnType<typeof signIn>>;
  before(async () => {
    testApp = await createTestApp();
    staff = await signIn(testApp.app, 'viewer');
  });
  after(() => testApp.stop());

  const get = (url: string) => staff.agent.get(url).buffer(true).parse(binary);

  test('when nothing is published yet, then every export answers 404 saying so', async () => {
    const { eventId } = await symposiumDay({ publish: false });
    for (const suffix of ['export.docx', 'export.pdf', 'print']) {
      const res = await staff.agent.get(`/events/${eventId}/minutes/${suffix}`);
      assert.equal(res.status, 404, suffix);
      assert.ok(res.text.includes(translate('zh', 'records.export.notPublished')), suffix);
    }
    assert.equal((await staff.agent.get('/events/000000000000000000000000/minutes/print')).status, 404);
  });

  test('when someone is not signed in, then the staff exports send them to sign in', async () => {
    const { eventId } = await symposiumDay({ publish: false });
    const res = await supertest(testApp.app).get(`/events/${eventId}/minutes/export.docx`);
    assert.equal(res.status, 303);
    assert.match(res.headers.location!, /^\/login\?next=/);
  });

  test('when the DOCX is downloaded, then it unzips and word/document.xml holds the Chinese title and the items', async () => {
    const { eventId } = await symposiumDay();
    const res = await get(`/events/${eventId}/minutes/export.docx`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(res.headers['content-disposition']!, /attachment; filename=.*\.docx/);
    const xml = documentXml(res.body as Buffer);
    assert.ok(xml.includes(TITLE_ZH));
    assert.ok(xml.includes('三、金融机构交流发言'));
    assert.ok(xml.includes('&lt;script&gt;alert'), 'raw HTML in the notes stays text');
    const english = documentXml((await get(`/events/${eventId}/minutes/export.docx?lang=en`)).body as Buffer);
    assert.ok(english.includes('Minutes of the 2019 Annual Symposium on Financial Work'));
    assert.ok(english.includes('3. Exchange of views'));
    // ?lang= is remembered (a cookie): back to Chinese for the tests that follow.
    assert.ok(documentXml((await get(`/events/${eventId}/minutes/export.docx?lang=zh`)).body as Buffer).includes(TITLE_ZH));
  });

  test('when a version is asked for, then that version comes, and an unknown or malformed one is 404', async () => {
    const { eventId } = await symposiumDay();
    assert.equal((await get(`/events/${eventId}/minutes/export.docx?version=1`)).status, 200);
    for (const version of ['2', 'abc', '0', '-1']) {
      const res = await staff.agent.get(`/events/${eventId}/minutes/print?version=${version}`);
      assert.equal(res.status, 404, version);
      assert.ok(res.text.includes(translate('zh', 'records.export.noSuchVersion')), version);
    }
  });

  test('Markdown in the notes cannot inject script into the printable page', async () => {
    const { eventId } = await symposiumDay();
    const res = await staff.agent.get(`/events/${eventId}/minutes/print`);
    assert.equal(res.status, 200);
    assert.ok(res.text.includes(TITLE_ZH));
    assert.ok(res.text.includes('<strong>信贷结构</strong>'), 'Markdown is rendered');
    assert.ok(res.text.includes('&lt;script&gt;alert'), 'raw HTML shows as text');
    assert.doesNotMatch(res.text, /<script>alert/);
    assert.doesNotMatch(res.text, /<img[^>]*onerror/i);
    assert.doesNotMatch(res.text, /href="javascript:/i);
    assert.match(res.text, /href="\/events\/[0-9a-f]{24}\/minutes\/export\.pdf\?lang=zh"/);
  });

  test('when the PDF is downloaded, then pdftotext finds the Chinese title and an item title', { skip: skipWithoutChromium }, async () => {
    const { eventId } = await symposiumDay();
    const res = await get(`/events/${eventId}/minutes/export.pdf`);
    assert.equal(res.status, 200, String(res.body));
    assert.equal(res.headers['content-type'], 'application/pdf');
    const text = pdfText(res.body as Buffer).replace(/\s+/g, '');
    assert.ok(text.includes(TITLE_ZH), text.slice(0, 200));
    assert.ok(text.includes('金融机构交流发言'));
    assert.ok(text.includes('<script>alert'), 'the hostile notes print as text');
  });

  test('when chromium is missing, then the PDF export answers 503 with a clear message', () => {
    const script = `
      import { printHtmlToPdf } from './src/records/pdf-printer.js';
      try { await printHtmlToPdf('<html><head></head><body>x</body></html>', { footerTemplate: '' }); console.log('printed'); }
      catch (error) { console.log(error.status, error.message); }`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: path.resolve('.'),
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    });
    assert.equal(out.trim(), '503 records.export.pdfUnavailable');
  });

  test('when an invitee opens the minutes through their link, then they come in their language (ko reads English)', async () => {
    const { eventId, a, b, c } = await symposiumDay();
    const anonymous = supertest(testApp.app);
    const fetch = (url: string) => anonymous.get(url).buffer(true).parse(binary);
    const zh = await fetch(`/rsvp/${a.token}/minutes.docx`);
    assert.equal(zh.status, 200);
    assert.equal(zh.headers['cache-control'], 'private, no-store');
    assert.ok(documentXml(zh.body as Buffer).includes(TITLE_ZH));
    assert.ok(documentXml((await fetch(`/rsvp/${b.token}/minutes.docx`)).body as Buffer).includes('Minutes of the'));
    assert.ok(documentXml((await fetch(`/rsvp/${c.token}/minutes.docx`)).body as Buffer).includes('Minutes of the'));
    assert.equal((await anonymous.get(`/rsvp/${'x'.repeat(43)}/minutes.docx`)).status, 404);
    const page = await anonymous.get(`/rsvp/${a.token}`);
    assert.match(page.text, new RegExp(`href="/rsvp/${a.token}/minutes.docx"`), 'the RSVP page links to the minutes');
    assert.ok(eventId);
  });

  test('when nothing is published, then the invitee’s link to the minutes is 404 and the RSVP page offers none', async () => {
    const { eventId, a } = await symposiumDay({ publish: false });
    const anonymous = supertest(testApp.app);
    const res = await anonymous.get(`/rsvp/${a.token}/minutes.docx`);
    assert.equal(res.status, 404);
    assert.ok(res.text.includes(translate('zh', 'records.export.notPublished')));
    assert.doesNotMatch((await anonymous.get(`/rsvp/${a.token}`)).text, /minutes\.docx/);
    await publishTheMinutes(eventId);
    assert.match((await anonymous.get(`/rsvp/${a.token}`)).text, /minutes\.docx/);
  });
});
