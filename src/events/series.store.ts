import type { Types } from 'mongoose';
import { Series, type SeriesDoc } from './series.model.js';

// The only file that reads or writes series.

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** A series as services return it. */
export type SeriesRecord = SeriesDoc & { createdAt: Date; updatedAt: Date };

/** Fields of a new series. */
export interface NewSeries {
  nameZh: string;
  nameEn?: string;
}

/** One series, or null for an unknown or malformed id. */
export async function findSeries(id: string): Promise<SeriesRecord | null> {
  if (!OBJECT_ID.test(id)) return null;
  return Series.findById(id).lean<SeriesRecord>();
}

/** Whether a series with this id exists (false for a malformed id). */
export async function seriesExists(id: string): Promise<boolean> {
  return OBJECT_ID.test(id) && (await Series.exists({ _id: id })) !== null;
}

/** Every series, by Chinese name. */
export async function listAllSeries(): Promise<SeriesRecord[]> {
  return Series.find().sort({ nameZh: 1 }).lean<SeriesRecord[]>();
}

/** The id of the series with this Chinese name, or null. */
export async function findSeriesIdByName(nameZh: string): Promise<{ _id: Types.ObjectId } | null> {
  return Series.findOne({ nameZh }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
}

/** Insert a series, under `id` when given; returns it as stored. */
export async function insertSeries(fields: NewSeries, id?: string): Promise<SeriesRecord> {
  return (await Series.create(id ? { _id: id, ...fields } : fields)).toObject() as SeriesRecord;
}
