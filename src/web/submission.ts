import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isDuplicateKeyError } from '../db/index.js';

/**
 * A create form carries a submission id, made when the form is shown, and the record it creates takes
 * that id as its `_id`. A form sent twice (a double click, or a resend after the venue's wifi dropped the
 * answer) then finds its own record and creates nothing more; inserting a duplicate `_id` fails on both
 * engines, so two copies arriving together cannot both create. A form reopened with the browser's back
 * button and changed before it is sent again is a new record: the service compares what is stored under
 * the id with what it would store (`holdsSent`) and, when they differ, creates under a new id.
 */
export const SUBMISSION_FIELD = 'submission';

const SUBMISSION_ID = /^[0-9a-f]{24}$/;

/** A fresh submission id: 96 random bits as 24 hex digits, which is also a valid ObjectId. */
export function newSubmissionId(): string {
  return randomBytes(12).toString('hex');
}

/** The field in a form schema (hex digits in either case): a malformed or missing id is ignored (the form still saves, once per send). */
export const submissionField = z.preprocess((value) => {
  const id = typeof value === 'string' ? value.toLowerCase() : undefined;
  return id && SUBMISSION_ID.test(id) ? id : undefined;
}, z.string().optional());

/** The submission id a form sent, for forms whose schema does not carry it; undefined when missing or malformed. */
export function submissionOf(body: unknown): string | undefined {
  return submissionField.parse((body as Record<string, unknown> | undefined)?.[SUBMISSION_FIELD]);
}

/** The id of a form shown again (after a validation error) keeps the one it was sent with; otherwise a new one. */
export function submissionIdOf(body: unknown): string {
  return submissionOf(body) ?? newSubmissionId();
}

/** A scalar as forms give it: blank, null and missing alike; ids, dates and numbers as text. */
function scalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Whether a stored record holds what a form sent: every field `sent` gives has the same value stored
 * (nested objects and arrays alike; ObjectIds and dates by value; blank, null and missing are one).
 * Fields the record has and the form does not (its `_id`, timestamps, ids of subdocuments) are ignored.
 */
export function holdsSent(stored: unknown, sent: unknown): boolean {
  if (Array.isArray(sent)) return Array.isArray(stored) && stored.length === sent.length && sent.every((value, i) => holdsSent(stored[i], value));
  if (sent !== null && typeof sent === 'object' && !(sent instanceof Date) && Object.getPrototypeOf(sent) === Object.prototype) {
    const record = (stored ?? {}) as Record<string, unknown>;
    return typeof record === 'object' && Object.entries(sent).every(([key, value]) => holdsSent(record[key], value));
  }
  return scalar(stored) === scalar(sent);
}

/** How to create one record from a form that may arrive more than once. */
export interface CreateOnce<T> {
  /** The form's submission id, if it had one. */
  submissionId: string | undefined;
  /** What the form decides, as it would be stored (compared with `holdsSent`). */
  sent: Record<string, unknown>;
  /** The stored record with this `_id`, or null. */
  find: (id: string) => Promise<T | null>;
  /** Insert the record, under `id` when given (else a new id); nothing else may be written before it. */
  create: (id: string | undefined) => Promise<T>;
}

/**
 * Create a record under the form's submission id, once. The same form sent again returns what the first
 * send stored (`created: false`); two copies arriving at once cannot both insert the `_id`, and the second
 * returns the first's record. An id already holding something else (a form changed before it was sent
 * again) gives way to a new id.
 */
export async function createOnce<T>({ submissionId, sent, find, create }: CreateOnce<T>): Promise<{ record: T; created: boolean }> {
  const stored = submissionId ? await find(submissionId) : null;
  if (stored && holdsSent(stored, sent)) return { record: stored, created: false };
  try {
    return { record: await create(stored ? undefined : submissionId), created: true };
  } catch (error) {
    const winner = submissionId && !stored && isDuplicateKeyError(error) ? await find(submissionId) : null;
    if (winner && holdsSent(winner, sent)) return { record: winner, created: false };
    throw error;
  }
}
