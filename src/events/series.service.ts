import { logger } from '../logger.js';
import { NotFoundError } from '../web/errors.js';
import { createOnce } from '../web/submission.js';
import type { Actor } from './event-facts.js';
import { Series, type SeriesDoc } from './series.model.js';

/** A series as services return it. */
export type SeriesRecord = SeriesDoc & { createdAt: Date; updatedAt: Date };

/**
 * Create a series (e.g. the annual symposium on financial work); each event in it is one edition.
 * With the form's submission id, the same form sent twice creates one.
 */
export async function createSeries(input: { nameZh: string; nameEn?: string }, by: Actor, submissionId?: string): Promise<SeriesRecord> {
  const fields = { nameZh: input.nameZh, nameEn: input.nameEn ?? '' };
  const { record, created } = await createOnce({
    submissionId,
    sent: fields,
    find: (id) => Series.findById(id).lean<SeriesRecord>(),
    create: async (id) => (await Series.create(id ? { _id: id, ...fields } : fields)).toObject() as SeriesRecord,
  });
  if (created) logger.info({ by: by.id, seriesId: String(record._id) }, 'Series created by %s: %s', by.email, input.nameZh);
  return record;
}

/** Every series, by Chinese name. */
export async function listSeries(): Promise<SeriesRecord[]> {
  return Series.find().sort({ nameZh: 1 }).lean<SeriesRecord[]>();
}

/** One series, or NotFoundError. */
export async function getSeries(id: string): Promise<SeriesRecord> {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw new NotFoundError();
  const series = await Series.findById(id).lean<SeriesRecord>();
  if (!series) throw new NotFoundError();
  return series;
}
