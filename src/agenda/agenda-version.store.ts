import { isDuplicateKeyError } from '../db/index.js';
import { AgendaVersion, versionKey, type AgendaVersionDoc } from './agenda-version.model.js';

// The only file that reads or writes published versions of agendas.

export type { AgendaVersionDoc } from './agenda-version.model.js';

/** Version N of an event's agenda, or null. */
export async function findAgendaVersion(eventId: string, version: number): Promise<AgendaVersionDoc | null> {
  if (!Number.isInteger(version) || version < 1) return null;
  return AgendaVersion.findById(versionKey(eventId, version)).lean<AgendaVersionDoc>();
}

/** Every published version of an event's agenda, latest first. */
export async function listAgendaVersionsOfEvent(eventId: string): Promise<AgendaVersionDoc[]> {
  return AgendaVersion.find({ eventId }).sort({ version: -1 }).lean<AgendaVersionDoc[]>();
}

/** The ids of the documents any published version of the event's agenda shows. */
export async function listPublishedDocumentIds(eventId: string): Promise<string[]> {
  const versions = await AgendaVersion.find({ eventId }, { 'items.documents': 1, documents: 1 }).lean<Pick<AgendaVersionDoc, 'items' | 'documents'>[]>();
  return versions.flatMap((v) => [...(v.documents ?? []), ...(v.items ?? []).flatMap((item) => item.documents ?? [])]).map((ref) => ref.documentId);
}

/** A new version as publishing writes it. */
export type NewAgendaVersion = Pick<AgendaVersionDoc, 'version' | 'publishedAt' | 'publishedBy' | 'eventStartsAt' | 'eventEndsAt'> & {
  eventId: string;
  items: unknown[];
  documents: unknown[];
  changes: unknown[];
};

/** Insert version N under `<eventId>:<N>` (the claim of that number); false when it exists already. */
export async function insertAgendaVersion(record: NewAgendaVersion): Promise<boolean> {
  try {
    await AgendaVersion.create({ _id: versionKey(record.eventId, record.version), ...record });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** Stamp a version as sent (the update email was queued) by `email`. */
export async function markVersionNotified(id: string, email: string): Promise<void> {
  await AgendaVersion.updateOne({ _id: id }, { $set: { notifiedAt: new Date(), notifiedBy: email } });
}

/** Take the stamp back after a failed send, so the next attempt claims a new key. */
export async function releaseVersionNotified(id: string): Promise<void> {
  await AgendaVersion.updateOne({ _id: id }, { $set: { notifiedAt: null }, $inc: { notifyAttempts: 1 } });
}

/** Record how many invitees a version's update email went to. */
export async function setVersionNotifiedCount(id: string, count: number): Promise<void> {
  await AgendaVersion.updateOne({ _id: id }, { $set: { notifiedCount: count } });
}
