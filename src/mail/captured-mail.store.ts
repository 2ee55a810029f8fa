import { CapturedMail, type CapturedAttachment, type CapturedMailDoc } from './captured-mail.model.js';
import type { buildCapturedMail } from './mail-capture.js';

// The only file that reads or writes captured mail (the /mailbox).

export type { CapturedAttachment, CapturedMailDoc };

/**
 * A captured message loaded as a Mongoose document: read-only here, kept hydrated because the pages need its Buffers
 * (raw copy, attachment contents) as Node Buffers, its `id`, and the schema's defaults.
 */
export type CapturedMailRecord = InstanceType<typeof CapturedMail>;

/** What the catcher stores for one message. */
export type NewCapturedMail = Awaited<ReturnType<typeof buildCapturedMail>>;

/** One row of the mailbox list, as stored. */
export interface CapturedMailRow {
  _id: unknown;
  to: string;
  envelope?: { to?: string[] } | null;
  subject: string;
  receivedAt: Date;
  attachmentCount: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Messages whose subject or recipients contain `search` (all when empty); searchText is stored lower-cased. */
function searchFilter(search: string) {
  return search ? { searchText: { $regex: escapeRegExp(search.toLowerCase()) } } : {};
}

/** Store a caught message; returns its id. */
export async function insertCapturedMail(fields: NewCapturedMail): Promise<string> {
  const mail = await CapturedMail.create(fields);
  return String(mail._id);
}

/** How many caught messages match `search` (all when empty). */
export async function countCapturedMails(search: string): Promise<number> {
  return CapturedMail.countDocuments(searchFilter(search));
}

/** One page of the messages matching `search`, newest first, without bodies. */
export async function listCapturedMailRows(search: string, page: { skip: number; limit: number }): Promise<CapturedMailRow[]> {
  return CapturedMail.find(searchFilter(search))
    .select({ to: 1, envelope: 1, subject: 1, receivedAt: 1, attachmentCount: 1 })
    .sort({ receivedAt: -1, _id: -1 })
    .skip(page.skip)
    .limit(page.limit)
    .lean();
}

/** A caught message by id (a valid ObjectId string), or null. */
export async function findCapturedMail(id: string): Promise<CapturedMailRecord | null> {
  return CapturedMail.findById(id);
}

/** Delete every caught message; returns how many. */
export async function deleteAllCapturedMails(): Promise<number> {
  return (await CapturedMail.deleteMany({})).deletedCount;
}

/** Delete caught messages received before `before`; returns how many. */
export async function deleteCapturedMailsBefore(before: Date): Promise<number> {
  return (await CapturedMail.deleteMany({ receivedAt: { $lt: before } })).deletedCount;
}
