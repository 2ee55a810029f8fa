import { logger } from '../logger.js';
import { NotFoundError } from '../web/errors.js';
import { createOnce } from '../web/submission.js';
import type { Actor } from './event-facts.js';
import { findSeries, insertSeries, listAllSeries, type SeriesRecord } from './series.store.js';

export type { SeriesRecord } from './series.store.js';

/**
 * Create a series (e.g. the annual symposium on financial work); each event in it is one edition.
 * With the form's submission id, the same form sent twice creates one.
 */
export async function createSeries(input: { nameZh: string; nameEn?: string }, by: Actor, submissionId?: string): Promise<SeriesRecord> {
  const fields = { nameZh: input.nameZh, nameEn: input.nameEn ?? '' };
  const { record, created } = await createOnce({
    submissionId,
    sent: fields,
    find: (id) => findSeries(id),
    create: (id) => insertSeries(fields, id),
  });
  if (created) logger.info({ by: by.id, seriesId: String(record._id) }, 'Series created by %s: %s', by.email, input.nameZh);
  return record;
}

/** Every series, by Chinese name. */
export async function listSeries(): Promise<SeriesRecord[]> {
  return listAllSeries();
}

/** One series, or NotFoundError. */
export async function getSeries(id: string): Promise<SeriesRecord> {
  const series = await findSeries(id);
  if (!series) throw new NotFoundError();
  return series;
}
