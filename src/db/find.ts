import type { Model } from 'mongoose';
import { NotFoundError } from '../web/errors.js';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/**
 * The lean document with this ObjectId, or NotFoundError for an unknown or malformed id (Indico's
 * get_or_404): one answer for both, so a URL reveals nothing about which ids exist.
 */
export async function findByIdOr404<T>(model: Model<never>, id: string): Promise<T> {
  if (!OBJECT_ID.test(id)) throw new NotFoundError();
  const doc = (await model.findById(id).lean()) as T | null;
  if (!doc) throw new NotFoundError();
  return doc;
}
