import { isDuplicateKeyError } from '../db/index.js';
import { FollowUp, type FollowUpDoc } from './followup.model.js';

// The only file that reads or writes follow-up sendings.

export type { FollowUpDoc } from './followup.model.js';

/** A sending as recorded (its `_id` is `<eventId>:<sequence>`). */
export interface NewFollowUp {
  eventId: string;
  sequence: number;
  batchId: string;
  minutesVersion: number;
  includeAbsent: boolean;
  recipients: { invitationId: unknown; institutionId?: unknown; email: string; locale: string; attended: boolean }[];
  sentBy: { id: string; email: string; name: string };
  sentAt: Date;
}

/** The follow-ups sent for an event, oldest first. */
export async function listFollowUpsOfEvent(eventId: string): Promise<FollowUpDoc[]> {
  return FollowUp.find({ eventId }).sort({ sequence: 1 }).lean<FollowUpDoc[]>();
}

/** Record the n-th sending under `<eventId>:<n>`; false when that sending exists already (another organiser's). */
export async function insertFollowUp(record: NewFollowUp): Promise<boolean> {
  try {
    await FollowUp.create({ ...record, _id: `${record.eventId}:${record.sequence}` });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** Forget a sending (nothing of it was queued). */
export async function deleteFollowUp(eventId: string, sequence: number): Promise<void> {
  await FollowUp.deleteOne({ _id: `${eventId}:${sequence}` });
}
