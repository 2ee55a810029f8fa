import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { Event } from '../../src/events/event.model.js';
import { makeSymposium } from '../checkin/fixtures.js';
import { skipWithoutChromium } from '../helpers/browser.js';
import { useTestDatabase } from '../helpers/db.js';
import { readQrPng } from '../helpers/qr.js';
import { apiTokenFor, createTestApp, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

const MM = 72 / 25.4;
const LONG_LATIN = 'Alexander Maximilian Featherstonehaugh-Cholmondeley';
const LONG_CJK = '阿卜杜热合曼·买买提依明·艾则孜江·吐尔逊';

/** Write a PDF to a scratch file; with SEATING_PDF_DIR set, keep a copy there to look at (pdftoppm -png). */
function scratchPdf(name: string, bytes: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'seating-')), name);
  writeFileSync(file, bytes);
  if (process.env.SEATING_PDF_DIR) copyFileSync(file, path.join(process.env.SEATING_PDF_DIR, name));
  return file;
}

/** One word of `pdftotext -bbox`: its page and box in points. */
interface Word {
  page: number;
  pageWidth: number;
  pageHeight: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

function words(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const found: Word[] = [];
  html.split(/<page /).slice(1).forEach((page, index) => {
    const [, width, height] = /width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      found.push({ page: index, pageWidth: Number(width), pageHeight: Number(height), xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]!.replace(/&amp;/g, '&') });
    }
  });
  return found;
}

/** The words that spell a name, in reading order, on the upright (lower) face of a card. */
function nameWords(all: Word[], name: string): Word[][] {
  const parts = name.split(' ');
  const hits: Word[][] = [];
  all.forEach((word, i) => {
    if (word.text !== parts[0]) return;
    const run = all.slice(i, i + parts.length);
    if (run.map((w) => w.text).join(' ') === name) hits.push(run);
  });
  return hits;
}

const binary = (res: supertest.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('table cards and badges', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let token: string;
  let eventId: string;
  let planOrder: string[];
  let codes: string[];
  before(async () => {
    t = await createTestApp();
    token = await apiTokenFor('organiser');
    const s = await makeSymposium();
    eventId = s.eventId;
    codes = Object.values(s.delegates).map((d) => d.checkInCode);
    await Event.updateOne({ _id: eventId }, { $push: { zoneParticipants: { $each: [{ name: LONG_LATIN, title: 'Adviser', role: 'attendee' }, { name: LONG_CJK, title: '顾问', role: 'attendee' }] } } });
    const res = await supertest(t.app).put(`/api/v1/events/${eventId}/seating`).set('Authorization', `Bearer ${token}`).send({ layout: { kind: 'rows', convention: 'left_first', mainSeats: 3, otherSeats: 4, rows: 2 } });
    assert.equal(res.status, 200);
    const seating = res.body.seating as { seats: { number: number; person: string | null }[]; precedence: { key: string; name: string }[] };
    const names = new Map(seating.precedence.map((p) => [p.key, p.name]));
    planOrder = seating.seats.filter((s) => s.person).map((s) => names.get(s.person!)!);
  });
  after(() => t.stop());

  const get = (url: string) => supertest(t.app).get(url).set('Authorization', `Bearer ${token}`).buffer(true).parse(binary);

  for (const perPage of [1, 2] as const) {
    test(`when table cards are printed ${perPage} to a page, then pdftotext finds every name in plan order, and each name, however long, lies inside its own card`, async () => {
      const res = await get(`/api/v1/events/${eventId}/seating/cards.pdf?perPage=${perPage}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      const file = scratchPdf(`cards-${perPage}.pdf`, res.body as Buffer);
      assert.ok(planOrder.includes(LONG_LATIN) && planOrder.includes(LONG_CJK));
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      let from = 0;
      for (const name of planOrder) {
        const at = text.indexOf(name.split(' ')[0]!, from);
        assert.ok(at >= 0, `${name} comes after the previous name`);
        from = at + 1;
      }
      const all = words(file);
      assert.equal(new Set(all.map((w) => w.page)).size, Math.ceil(planOrder.length / perPage));
      planOrder.forEach((name, index) => {
        const hits = nameWords(all, name);
        assert.ok(hits.length >= 1, `${name} is on its card`);
        for (const run of hits) {
          const page = run[0]!.page;
          assert.equal(page, Math.floor(index / perPage), `${name} is on its own page`);
          const cardHeight = run[0]!.pageHeight / perPage;
          const top = (index % perPage) * cardHeight;
          for (const w of run) {
            assert.ok(w.xMin >= 10 * MM && w.xMax <= w.pageWidth - 10 * MM, `${name} fits the width of its card (${w.xMin}–${w.xMax})`);
            assert.ok(w.yMin >= top - 0.5 && w.yMax <= top + cardHeight + 0.5, `${name} lies inside its own card`);
          }
        }
      });
    });
  }

  test('when the plan is printed on A3 or A4, then the PDF is landscape and lists every seated name, with the institutions in English where given', async () => {
    for (const paper of ['a3', 'a4']) {
      const res = await get(`/api/v1/events/${eventId}/seating/plan.pdf?paper=${paper}`);
      assert.equal(res.status, 200, paper);
      const file = scratchPdf(`plan-${paper}.pdf`, res.body as Buffer);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
      assert.ok(Number(width) > Number(height), 'landscape');
      assert.ok(Math.abs(Number(width) - (paper === 'a3' ? 420 : 297) * MM) < 2, paper);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      for (const name of planOrder) assert.ok(text.includes(name.split(' ')[0]!), name);
      assert.ok(text.includes('Bank of Qingdao'));
    }
  });

  test('when badges are printed, then each has the name, the institution and the check-in QR code, which decodes to the delegate\'s code', async () => {
    const res = await get(`/api/v1/events/${eventId}/seating/badges.pdf?size=90x100`);
    assert.equal(res.status, 200);
    const file = scratchPdf('badges-90x100.pdf', res.body as Buffer);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    for (const name of planOrder) assert.ok(text.includes(name.split(' ')[0]!), name);
    assert.ok(text.includes('参会证'));
    const all = words(file);
    assert.equal(new Set(all.map((w) => w.page)).size, Math.ceil(planOrder.length / 4), 'four 90 × 100 mm badges to an A4 sheet');
    for (const size of ['86x54', '100x140']) assert.equal((await get(`/api/v1/events/${eventId}/seating/badges.pdf?size=${size}`)).status, 200);
    const out = mkdtempSync(path.join(tmpdir(), 'seating-qr-'));
    execFileSync('pdfimages', ['-png', file, path.join(out, 'qr')]);
    const decoded = readdirSync(out).map((name) => readQrPng(readFileSync(path.join(out, name)))).filter(Boolean).sort();
    assert.deepEqual(decoded, [...codes].sort(), 'every delegate\'s badge carries their check-in code as a QR code');
  });
});
