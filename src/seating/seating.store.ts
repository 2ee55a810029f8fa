import { Types } from 'mongoose';
import { ConflictError } from '../web/errors.js';
import type { Layout } from './layout.js';
import type { Assignment, PersonSnapshot } from './placement.js';
import { SeatingPlan, type SeatingPlanDoc } from './seating.model.js';

// The only file that reads or writes seating plans.

/** A plan as services use it. */
export interface StoredPlan {
  layout: Layout;
  institutionOrder: string[];
  precedence: string[];
  assignments: Assignment[];
  snapshot: PersonSnapshot[];
  revision: number;
  updatedAt: Date | null;
}

/** What a save writes (the revision is the store's). */
export type PlanContent = Omit<StoredPlan, 'revision' | 'updatedAt'>;

function toStored(doc: SeatingPlanDoc & { updatedAt?: Date }): StoredPlan {
  return {
    layout: { ...(doc.layout as Layout) },
    institutionOrder: [...(doc.institutionOrder ?? [])],
    precedence: [...(doc.precedence ?? [])],
    assignments: (doc.assignments ?? []).map((a) => ({ seat: a.seat!, person: a.person! })),
    snapshot: (doc.snapshot ?? []).map((p) => ({ key: p.key!, name: p.name ?? '', title: p.title ?? '', organisation: p.organisation ?? '', invitationId: p.invitationId ?? null })),
    revision: doc.revision ?? 0,
    updatedAt: doc.updatedAt ?? null,
  };
}

/** The event's plan, or null before one is made. */
export async function findPlan(eventId: string): Promise<StoredPlan | null> {
  const doc = await SeatingPlan.findById(new Types.ObjectId(eventId)).lean<SeatingPlanDoc & { updatedAt?: Date }>();
  return doc ? toStored(doc) : null;
}

/**
 * Save the plan. With `expectedRevision` (what the page was loaded at) a plan changed meanwhile is refused
 * with 409 rather than overwritten; the first save inserts under the event's id, so two first saves make one.
 */
export async function savePlan(eventId: string, content: PlanContent, by: { id: string; name: string }, expectedRevision?: number): Promise<StoredPlan> {
  const _id = new Types.ObjectId(eventId);
  const filter = expectedRevision === undefined ? { _id } : { _id, revision: expectedRevision };
  const { layout, institutionOrder, precedence, assignments, snapshot } = content;
  const doc = await SeatingPlan.findOneAndUpdate(filter, { $set: { layout, institutionOrder, precedence, assignments, snapshot, updatedBy: by }, $inc: { revision: 1 } }, { new: true, upsert: expectedRevision === undefined || expectedRevision === 0, lean: true }).catch((error: unknown) => {
    if ((error as { code?: number }).code === 11000) throw new ConflictError('seating.changedMeanwhile');
    throw error;
  });
  if (!doc) throw new ConflictError('seating.changedMeanwhile');
  return toStored(doc as SeatingPlanDoc & { updatedAt?: Date });
}
