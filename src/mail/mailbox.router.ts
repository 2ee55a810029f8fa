import type { Response } from 'express';
import { ACCESS } from '../web/access.js';
import { formatDateTime, readerZone } from '../web/dates.js';
import { ConflictError, NotFoundError } from '../web/errors.js';
import { parseInput } from '../web/validate.js';
import type { Locale } from '../web/i18n.js';
import { defineRouter } from '../web/routes.js';
import type { CapturedMailRecord } from './captured-mail.store.js';
import { meetingRequestOf, replyFromCalendarClient } from './calendar-client.service.js';
import { attachmentIndexSchema, calendarAnswerSchema, mailboxQuerySchema } from './mailbox.schemas.js';
import { embeddedTransportOf } from './replies.js';
import { clearMailbox, getCapturedMail, getMailAttachment, listCapturedMails, readMailParts } from './mailbox.service.js';

/** The staff mailbox: mail caught by the embedded SMTP server. Organisers only, since it holds RSVP links. */
export const mailboxRouter = defineRouter('/mailbox');

/** Mail HTML is hostile input: no scripts, no network, only inline styles and embedded images; links may open new tabs. */
const HTML_CSP = "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'";
/** Even if a browser shows an attachment inline (an .html one, say), nothing in it runs. */
const DOWNLOAD_CSP = "sandbox; default-src 'none'";

// RSVP links in these pages are secrets: no shared or browser cache may keep them.
mailboxRouter.router.use((_req, res, next) => {
  res.set('Cache-Control', 'private, no-store');
  next();
});

mailboxRouter.param('id', async (_req, res, id) => {
  res.locals.mail = await getCapturedMail(id);
});

function loadedMail(res: Response): CapturedMailRecord {
  return res.locals.mail as CapturedMailRecord;
}

function timeFormatter(locale: Locale): (date: Date) => string {
  return (date) => formatDateTime(date, readerZone(), locale);
}

/** Links open outside the sandboxed frame, in a new tab. */
function withBaseTarget(html: string): string {
  const base = '<base target="_blank">';
  const head = /<head\b[^>]*>/i.exec(html) ?? /<html\b[^>]*>/i.exec(html);
  if (!head) return base + html;
  const at = head.index + head[0].length;
  const insert = head[0].toLowerCase().startsWith('<head') ? base : `<head>${base}</head>`;
  return html.slice(0, at) + insert + html.slice(at);
}

function safeFilename(name: string): string {
  const isUnsafe = (ch: string) => ch < ' ' || ch === '\u007f' || '"\\/'.includes(ch);
  return [...name].map((ch) => (isUnsafe(ch) ? '_' : ch)).join('').slice(0, 200) || 'attachment';
}

function safeContentType(type: string): string {
  return /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;\s*[\w.-]+=[\w.+-]+)*$/.test(type) ? type : 'application/octet-stream';
}

mailboxRouter.get('/', ACCESS.organiser, async (req, res) => {
  const page = await listCapturedMails(mailboxQuerySchema.parse(req.query));
  res.render('mail/views/list', { title: req.t('mail.title'), ...page, formatTime: timeFormatter(req.locale) });
});

mailboxRouter.post('/clear', ACCESS.organiser, async (req, res) => {
  await clearMailbox(req.user!.email);
  req.flash('success', 'mail.cleared');
  res.redirect(303, '/mailbox');
});

mailboxRouter.get('/:id', ACCESS.organiser, async (req, res) => {
  const mail = loadedMail(res);
  const parts = await readMailParts(mail);
  const request = embeddedTransportOf() ? meetingRequestOf(parts) : undefined;
  res.render('mail/views/show', { title: mail.subject || req.t('mail.noSubject'), mail, parts, request, formatTime: timeFormatter(req.locale) });
});

mailboxRouter.post('/:id/calendar-reply', ACCESS.organiser, async (req, res) => {
  const { answer } = parseInput(calendarAnswerSchema, req.body);
  const transport = embeddedTransportOf();
  if (!transport) throw new ConflictError('mail.calendarReply.notEmbedded');
  await replyFromCalendarClient(await readMailParts(loadedMail(res)), answer, transport);
  req.flash('success', 'mail.calendarReply.sent');
  res.redirect(303, `/mailbox/${loadedMail(res).id}`);
});

mailboxRouter.get('/:id/html', ACCESS.organiser, async (_req, res) => {
  const { html } = await readMailParts(loadedMail(res));
  if (html === undefined) throw new NotFoundError();
  res.set('Content-Security-Policy', HTML_CSP).type('html').send(withBaseTarget(html));
});

mailboxRouter.get('/:id/attachments/:index', ACCESS.organiser, async (req, res) => {
  const index = attachmentIndexSchema.safeParse(req.params.index);
  if (!index.success) throw new NotFoundError();
  const attachment = await getMailAttachment(loadedMail(res), index.data);
  res.attachment(safeFilename(attachment.filename)).type(safeContentType(attachment.contentType));
  res.set('Content-Security-Policy', DOWNLOAD_CSP).send(attachment.content);
});

mailboxRouter.get('/:id/raw', ACCESS.organiser, (_req, res) => {
  const mail = loadedMail(res);
  res.attachment(`mail-${mail.id}.eml`).type('message/rfc822');
  res.set('Content-Security-Policy', DOWNLOAD_CSP).send(mail.raw);
});
