import { isDuplicateKeyError } from '../db/index.js';
import mongoose from 'mongoose';
import { AuditEntry } from './audit-entry.model.js';

// The only file that reads or writes the audit trail.

/** One entry of the audit trail, as written. */
export interface NewAuditEntry {
  /** A fixed id makes the entry one-time (see insertAuditEntryOnce). */
  _id?: mongoose.Types.ObjectId;
  eventId: unknown;
  invitationId?: unknown;
  at: Date;
  actor: Record<string, unknown>;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** One entry of the audit trail, as read. */
export interface StoredAuditEntry {
  _id: mongoose.Types.ObjectId;
  invitationId?: mongoose.Types.ObjectId | null;
  at: Date;
  actor?: { kind?: string | null; name?: string | null; tokenRef?: string | null } | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Append one entry. */
export async function insertAuditEntry(entry: NewAuditEntry): Promise<void> {
  await AuditEntry.create(entry);
}

/** Append an entry under its fixed `_id`; false (and nothing written) when it is there already. */
export async function insertAuditEntryOnce(entry: NewAuditEntry & { _id: mongoose.Types.ObjectId }): Promise<boolean> {
  try {
    await AuditEntry.create(entry);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** An event's latest entries, newest first, at most `limit`. */
export function listAuditEntriesOfEvent(eventId: string, limit: number): Promise<StoredAuditEntry[]> {
  return AuditEntry.find({ eventId: new mongoose.Types.ObjectId(eventId) }).sort({ at: -1, _id: -1 }).limit(limit).lean<StoredAuditEntry[]>();
}
