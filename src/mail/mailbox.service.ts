import { logger } from '../logger.js';
import { NotFoundError } from '../web/errors.js';
import {
  countCapturedMails,
  deleteAllCapturedMails,
  deleteCapturedMailsBefore,
  findCapturedMail,
  listCapturedMailRows,
  type CapturedAttachment,
  type CapturedMailRecord,
} from './captured-mail.store.js';
import { parseMessage, toMailParts, type MailParts } from './mail-capture.js';

/** Messages per mailbox page. */
export const MAILBOX_PAGE_SIZE = 50;

/** One row of the mailbox list. */
export interface MailSummary {
  id: string;
  to: string;
  subject: string;
  receivedAt: Date;
  attachmentCount: number;
}

/** One page of the mailbox, newest first. */
export interface MailboxPage {
  mails: MailSummary[];
  q: string;
  page: number;
  pageCount: number;
  total: number;
}

/** A page of caught messages, newest first, optionally only those whose subject or recipients contain `q`. */
export async function listCapturedMails(input: { q?: string; page?: number }): Promise<MailboxPage> {
  const q = input.q?.trim() ?? '';
  const total = await countCapturedMails(q);
  const pageCount = Math.max(1, Math.ceil(total / MAILBOX_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const docs = await listCapturedMailRows(q, { skip: (page - 1) * MAILBOX_PAGE_SIZE, limit: MAILBOX_PAGE_SIZE });
  const mails = docs.map((doc) => ({
    id: String(doc._id),
    to: doc.to || (doc.envelope?.to ?? []).join(', '),
    subject: doc.subject,
    receivedAt: doc.receivedAt,
    attachmentCount: doc.attachmentCount,
  }));
  return { mails, q, page, pageCount, total };
}

/** A caught message by id; anything that is not one (malformed or unknown id) is NotFoundError. */
export async function getCapturedMail(id: string): Promise<CapturedMailRecord> {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw new NotFoundError();
  const mail = await findCapturedMail(id);
  if (!mail) throw new NotFoundError();
  return mail;
}

/** The HTML, text and attachments of a message, re-parsed from the raw copy when they were too large to store. */
export async function readMailParts(mail: CapturedMailRecord): Promise<MailParts> {
  if (mail.partsStored) {
    return { html: mail.html ?? undefined, text: mail.text ?? undefined, attachments: mail.attachments };
  }
  return toMailParts(await parseMessage(mail.raw));
}

/** The attachment at `index` with its content, or NotFoundError. */
export async function getMailAttachment(mail: CapturedMailRecord, index: number): Promise<CapturedAttachment & { content: Buffer }> {
  const attachment = (await readMailParts(mail)).attachments[index];
  if (!attachment?.content) throw new NotFoundError();
  const { filename, contentType, size, content } = attachment;
  return { filename, contentType, size, content };
}

/** Empty the mailbox; returns how many messages were deleted. */
export async function clearMailbox(by: string): Promise<number> {
  const deletedCount = await deleteAllCapturedMails();
  logger.info('Mailbox cleared by %s: %d messages', by, deletedCount);
  return deletedCount;
}

/** How long the embedded catcher keeps a message: it holds live RSVP links, so not for ever. */
export const MAILBOX_RETENTION_DAYS = 14;

/** Delete caught messages older than MAILBOX_RETENTION_DAYS; returns how many. */
export async function sweepCapturedMail(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - MAILBOX_RETENTION_DAYS * 24 * 3600_000);
  return deleteCapturedMailsBefore(before);
}
