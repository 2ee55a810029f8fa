import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Document, Packer, Paragraph } from 'docx';
import supertest from 'supertest';
import { MAX_DOCUMENT_BYTES, attachAgendaDocument, detectDocumentType, listAgendaItems, publishAgenda, removeAgendaDocument, saveAgendaItems } from '../../src/agenda/index.js';
import { AgendaDocument } from '../../src/agenda/agenda-document.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { makeEvent as makeDraftEvent } from '../events/fixtures.js';
import { inviteInstitution, makeEvent } from '../invitations/fixtures.js';
import { PDF, PNG, organiser, symposiumItems } from './fixtures.js';

useTestDatabase(import.meta.url);

type SignedIn = Awaited<ReturnType<typeof signIn>>;
const DOCX_BYTES = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml....', 'latin1')]);

describe('documents of an agenda', () => {
  let t: TestApp;
  let staff: SignedIn;
  before(async () => {
    t = await createTestApp();
    staff = await signIn(t.app, 'organiser');
  });
  after(() => t.stop());

  const upload = (path: string, file: Buffer, filename: string, contentType: string) =>
    staff.agent.post(`${path}?lang=en`).field('_csrf', staff.csrf).attach('file', file, { filename, contentType });

  test('the real type is read from the first bytes', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('上届意见建议办理情况')] }] }));
    assert.equal(detectDocumentType(docx), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'a real Word file');
    assert.equal(detectDocumentType(PDF), 'application/pdf');
    assert.equal(detectDocumentType(PNG), 'image/png');
    assert.equal(detectDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), 'image/jpeg');
    assert.equal(detectDocumentType(DOCX_BYTES), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal(detectDocumentType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14])), undefined, 'any other ZIP is not a DOCX');
    assert.equal(detectDocumentType(Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode', 'latin1')), undefined);
  });

  test('when an organiser uploads a PDF to an item, then the item lists it and staff download the same bytes under its Chinese name', async () => {
    const event = await makeDraftEvent();
    const [first] = await saveAgendaItems(String(event._id), symposiumItems());
    const base = `/events/${event._id}/agenda`;
    const res = await upload(`${base}/items/${first!.id}/documents`, PDF, '2018年金融工作情况.pdf', 'application/pdf');
    assert.equal(res.status, 303);
    const [stored] = (await listAgendaItems(String(event._id)))[0]!.documents;
    assert.equal(stored?.filename, '2018年金融工作情况.pdf');
    assert.equal(stored?.contentType, 'application/pdf');
    const viewer = await signIn(t.app, 'viewer');
    const download = await viewer.agent.get(`${base}/documents/${stored!.id}`).buffer(true);
    assert.equal(download.status, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.match(download.headers['content-disposition'] ?? '', /^attachment;.*filename\*=UTF-8''2018%E5%B9%B4/);
    assert.deepEqual(Buffer.from(download.body as Buffer), PDF);
    assert.match((await staff.agent.get(`${base}/items/${first!.id}`)).text, /2018年金融工作情况\.pdf/);
  });

  test('when a file is not what its name and type say (checked by its bytes), then it is refused with 422 and nothing is stored', async () => {
    const event = await makeDraftEvent();
    const [first] = await saveAgendaItems(String(event._id), symposiumItems());
    const path = `/events/${event._id}/agenda/items/${first!.id}/documents`;
    for (const [bytes, name, type] of [
      [PNG, 'report.pdf', 'application/pdf'],
      [Buffer.from('MZ\x90\x00 not a picture', 'latin1'), 'photo.png', 'image/png'],
      [PDF, 'report.exe', 'application/octet-stream'],
      [PDF, 'report.pdf', 'text/html'],
    ] as const) {
      const res = await upload(path, bytes, name, type);
      assert.equal(res.status, 422, `${name} as ${type}`);
      assert.match(res.text, /data-testid="upload-error">(Only PDF, Word|This type of file is not accepted)/, `${name} as ${type}`);
    }
    assert.equal(await AgendaDocument.countDocuments({ eventId: event._id }), 0);
    assert.deepEqual((await listAgendaItems(String(event._id)))[0]!.documents, []);
  });

  test('when a file is larger than 10 MB, then it is refused with 422 and nothing is stored', async () => {
    const event = await makeDraftEvent();
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES + 1 - PDF.length, 0x20)]);
    const res = await upload(`/events/${event._id}/agenda/documents`, big, 'big.pdf', 'application/pdf');
    assert.equal(res.status, 422);
    assert.match(res.text, /The file is too large/);
    assert.equal(await AgendaDocument.countDocuments({ eventId: event._id }), 0);
  });

  test('when a document of the agenda is published, then the invitee downloads it from the RSVP page; unpublished ones are a 404 there', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const { token } = await inviteInstitution(id);
    await saveAgendaItems(id, symposiumItems());
    const report = await attachAgendaDocument(id, { filename: '上届意见建议办理情况.pdf', contentType: 'application/pdf', data: PDF }, organiser);
    const rsvp = supertest(t.app);
    assert.equal((await rsvp.get(`/rsvp/${token}/agenda/documents/${report.id}`)).status, 404, 'not published yet');
    await publishAgenda(id, organiser);
    const page = await rsvp.get(`/rsvp/${token}?lang=zh`);
    assert.match(page.text, new RegExp(`href="/rsvp/${token}/agenda/documents/${report.id}" download>上届意见建议办理情况\\.pdf`));
    const download = await rsvp.get(`/rsvp/${token}/agenda/documents/${report.id}`).buffer(true);
    assert.equal(download.status, 200);
    assert.equal(download.headers['cache-control'], 'private, no-store');
    assert.deepEqual(Buffer.from(download.body as Buffer), PDF);
    const later = await attachAgendaDocument(id, { filename: 'draft.png', contentType: 'image/png', data: PNG }, organiser);
    assert.equal((await rsvp.get(`/rsvp/${token}/agenda/documents/${later.id}`)).status, 404, 'the working copy’s documents stay private');
    assert.equal((await rsvp.get('/rsvp/not-a-real-token-000000000000000000000000000/agenda/documents/' + report.id)).status, 404);
    await removeAgendaDocument(id, report.id, organiser);
    assert.equal((await rsvp.get(`/rsvp/${token}/agenda/documents/${report.id}`)).status, 200, 'the published version still offers it');
    await removeAgendaDocument(id, later.id, organiser);
    assert.equal(await AgendaDocument.exists({ _id: later.id }), null, 'a file no version shows is deleted');
  });
});
