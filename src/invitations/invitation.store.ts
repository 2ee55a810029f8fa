import { isDuplicateKeyError } from '../db/index.js';
import mongoose from 'mongoose';
import type { AnswerFields } from './answer.js';
import { Invitation, type DelegateRole, type InvitationDoc, type InvitationKind, type RsvpStatus } from './invitation.model.js';

// The only file that reads or writes invitations.

/** An id as callers hold it: a string from a URL or an ObjectId from another record. */
type Id = string | mongoose.Types.ObjectId;

/** Ids that can name an invitation (a malformed one names none). */
const wellFormed = (ids: readonly unknown[]): Id[] => ids.filter((id): id is Id => Boolean(id) && mongoose.isValidObjectId(id));

/** The invitation with this id, or null (also for an id that is not an ObjectId). */
export async function findInvitation(id: unknown): Promise<InvitationDoc | null> {
  if (!id || !mongoose.isValidObjectId(id)) return null;
  return Invitation.findById(id).lean<InvitationDoc>();
}

/** The invitations with these ids, in the order asked; unknown and malformed ids are left out. */
export async function findInvitationsByIds(ids: readonly unknown[]): Promise<InvitationDoc[]> {
  const valid = wellFormed(ids);
  if (!valid.length) return [];
  const found = await Invitation.find({ _id: { $in: valid } }).lean<InvitationDoc[]>();
  const byId = new Map(found.map((inv) => [String(inv._id), inv]));
  return valid.flatMap((id) => byId.get(String(id)) ?? []);
}

/** Every invitation of an event. */
export function listInvitationsOfEvent(eventId: Id): Promise<InvitationDoc[]> {
  return Invitation.find({ eventId }).lean<InvitationDoc[]>();
}

/** The invitee keys (`institution:<id>`…) already invited to an event. */
export async function listInviteeKeys(eventId: Id): Promise<string[]> {
  return (await Invitation.find({ eventId }, { inviteeKey: 1 }).lean()).map((inv) => inv.inviteeKey);
}

/** The ids of the institutions invited to an event. */
export async function listInvitedInstitutionIds(eventId: Id): Promise<string[]> {
  return (await Invitation.find({ eventId }, { institutionId: 1 }).lean()).flatMap((inv) => (inv.institutionId ? [String(inv.institutionId)] : []));
}

/** Each invitation of an event with whom it is addressed to. */
export function listRecipientsOfEvent(eventId: Id): Promise<Pick<InvitationDoc, '_id' | 'recipient'>[]> {
  return Invitation.find({ eventId }, { recipient: 1 }).lean<Pick<InvitationDoc, '_id' | 'recipient'>[]>();
}

/** The answers of an event's invitations, one status per invitation. */
export async function listAnswerStatuses(eventId: Id): Promise<RsvpStatus[]> {
  return (await Invitation.find({ eventId }, { status: 1 }).lean()).map((inv) => inv.status);
}

/** The event's invitation addressed (or copied) to this address, if any. */
export function findInvitationOfAddress(eventId: Id, email: string): Promise<InvitationDoc | null> {
  return Invitation.findOne({ eventId, $or: [{ 'recipient.email': email }, { cc: email }] }).lean<InvitationDoc>();
}

/** The id of the event's invitation of this invitee, if there is one. */
export async function findInvitationIdByInviteeKey(eventId: Id, inviteeKey: string): Promise<mongoose.Types.ObjectId | null> {
  return (await Invitation.findOne({ eventId, inviteeKey }, { _id: 1 }).lean())?._id ?? null;
}

/** How many invitations an institution has had, over all events. */
export function countInvitationsOfInstitution(institutionId: string): Promise<number> {
  if (!mongoose.isValidObjectId(institutionId)) return Promise.resolve(0);
  return Invitation.countDocuments({ institutionId: new mongoose.Types.ObjectId(institutionId) });
}

/** A new invitation: who and to which event; every other field takes its default unless given. */
export interface NewInvitation {
  _id?: mongoose.Types.ObjectId;
  eventId: Id;
  kind: InvitationKind;
  inviteeKey: string;
  [field: string]: unknown;
}

/** Insert an invitation; null (and nothing written) when the invitee is already invited to the event. */
export async function insertInvitation(fields: NewInvitation): Promise<InvitationDoc | null> {
  try {
    return (await Invitation.create(fields)).toObject() as InvitationDoc;
  } catch (error) {
    if (isDuplicateKeyError(error)) return null;
    throw error;
  }
}

/** Delete every invitation of an event (undoing a copy that failed half-way). */
export async function deleteInvitationsOfEvent(eventId: Id): Promise<void> {
  await Invitation.deleteMany({ eventId });
}

/** Write a whole answer in one update and bump the revision; false when there is no such invitation. */
export async function setRsvpAnswer(invitationId: unknown, answer: AnswerFields): Promise<boolean> {
  const result = await Invitation.updateOne({ _id: invitationId }, { $set: answer, $inc: { revision: 1 } });
  return result.matchedCount > 0;
}

/** A calendar reply applied, as the invitation remembers it. */
export interface CalendarReplyStamp {
  stamp: Date;
  sequence: number;
  inboundId: string;
}

/** Write an answer from a calendar reply, only if the invitation is still at `revision`; false when it moved on. */
export async function setCalendarAnswer(invitationId: unknown, revision: number | null | undefined, answer: AnswerFields, calendarReply: CalendarReplyStamp): Promise<boolean> {
  const written = await Invitation.updateOne({ _id: invitationId, revision }, { $set: { ...answer, calendarReply }, $inc: { revision: 1 } });
  return written.modifiedCount > 0;
}

/** Set the role of the delegate at `index`, only if that position still holds this delegate; false otherwise. */
export async function setDelegateRole(invitationId: unknown, delegateId: unknown, index: number, role: DelegateRole): Promise<boolean> {
  const result = await Invitation.updateOne({ _id: invitationId, 'delegates._id': delegateId }, { $set: { [`delegates.${index}.role`]: role } });
  return result.matchedCount > 0;
}

/** Append a note from inbound mail, unread. */
export async function pushInvitationNote(invitationId: unknown, note: Record<string, unknown>): Promise<void> {
  await Invitation.updateOne({ _id: invitationId }, { $push: { notes: { ...note, read: false } } });
}

/** Replace an invitation's notes (e.g. all marked read). */
export async function setInvitationNotes(invitationId: unknown, notes: unknown[]): Promise<void> {
  await Invitation.updateOne({ _id: invitationId }, { $set: { notes } });
}

/** Correct where an invitation's mail goes (a bounced address), and forget the bounce. */
export async function setInvitationAddresses(invitationId: unknown, recipientEmail: string, cc: readonly string[]): Promise<void> {
  await Invitation.updateOne({ _id: invitationId }, { $set: { 'recipient.email': recipientEmail, cc }, $unset: { delivery: 1 } });
}

/** Record how mail to the invitee went (a bounce). */
export async function setInvitationDelivery(invitationId: unknown, delivery: Record<string, unknown>): Promise<void> {
  await Invitation.updateOne({ _id: invitationId }, { $set: { delivery } });
}

/** Mark invitations with the time something was queued for them (`sentAt` or `lastRemindedAt`). */
export async function stampInvitations(ids: readonly mongoose.Types.ObjectId[], field: 'sentAt' | 'lastRemindedAt', at: Date): Promise<void> {
  if (!ids.length) return;
  await Invitation.updateMany({ _id: { $in: ids } }, { $set: { [field]: at } });
}

/** The fields of an invitation its link depends on. */
export interface LinkedInvitation {
  _id: mongoose.Types.ObjectId;
  eventId: mongoose.Types.ObjectId;
  institutionId?: mongoose.Types.ObjectId | null;
  tokenHash?: string | null;
  tokenVersion?: number | null;
}

/** What an invitation's link depends on, or null (also for a malformed id). */
export function findInvitationLink(invitationId: string): Promise<LinkedInvitation | null> {
  if (!mongoose.isValidObjectId(invitationId)) return Promise.resolve(null);
  return Invitation.findById(invitationId, { eventId: 1, institutionId: 1, tokenHash: 1, tokenVersion: 1 }).lean<LinkedInvitation>();
}

/** Make `hash` the live link's hash, only if the link is still at `version` (a reissue meanwhile wins). */
export async function setLinkHashAtVersion(invitationId: unknown, version: number, hash: string): Promise<void> {
  await Invitation.updateOne({ _id: invitationId, tokenVersion: version === 0 ? { $in: [0, null] } : version }, { $set: { tokenHash: hash } });
}

/** Replace the live link: its hash and version. */
export async function setLink(invitationId: unknown, hash: string, version: number): Promise<void> {
  await Invitation.updateOne({ _id: invitationId }, { $set: { tokenHash: hash, tokenVersion: version } });
}
