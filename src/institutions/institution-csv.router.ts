import type { Response } from 'express';
import { logger } from '../logger.js';
import { ACCESS } from '../web/access.js';
import { defineRouter } from '../web/routes.js';
import { acceptUpload } from '../web/upload.js';
import { CSV_COLUMNS, decodeCsvBytes } from './institution-csv.js';
import { INSTITUTION_TYPES } from './institution.model.js';
import { applyImport, exportInstitutionsCsv, planImport, type ImportPlan } from './institution-import.service.js';
import { institutionQuerySchema } from './institution.schemas.js';

/**
 * CSV import and export of the directory. Mounted before the directory's own router so that
 * `/institutions/import` is not taken for an institution id.
 */
export const institutionCsvRouter = defineRouter('/institutions');

const upload = acceptUpload('file', {
  maxBytes: 2_000_000,
  types: ['text/csv', 'application/vnd.ms-excel', 'text/plain', 'application/octet-stream'],
});

const EXAMPLE = [
  CSV_COLUMNS.join(','),
  '青岛银行股份有限公司高新区支行,Bank of Qingdao Hi-tech Zone Sub-branch,青岛银行高新支行,bank,青岛市高新区汇智桥路,zh,张伟,行长,zhang.wei@example.cn,0532-8888 0000,科技金融;重点联系,',
].join('\n');

function renderImport(res: Response, options: { plan?: ImportPlan; csv?: string; status?: number } = {}) {
  const { plan, csv = '' } = options;
  res.status(options.status ?? 200).render('institutions/views/import', {
    title: res.locals.t('institutions.import.title'),
    columns: CSV_COLUMNS,
    types: INSTITUTION_TYPES,
    example: EXAMPLE,
    plan,
    // The checked text goes back in the confirm form; the server checks it again before writing.
    payload: plan?.ok ? Buffer.from(csv, 'utf8').toString('base64') : '',
    csv: plan && !plan.ok ? csv : '',
  });
}

institutionCsvRouter.get('/export.csv', 'staff', async (req, res) => {
  const csv = await exportInstitutionsCsv(institutionQuerySchema.parse(req.query));
  res.attachment(`institutions-${new Date().toISOString().slice(0, 10)}.csv`).type('text/csv; charset=utf-8').send(csv);
});

institutionCsvRouter.get('/import', ACCESS.organiser, (_req, res) => renderImport(res));

institutionCsvRouter.post('/import', ACCESS.organiser, ...upload, async (req, res) => {
  const csv = req.file?.size ? decodeCsvBytes(req.file.buffer) : String((req.body as { csv?: unknown }).csv ?? '');
  const plan = await planImport(csv);
  renderImport(res, { plan, csv, status: plan.ok ? 200 : 422 });
});

institutionCsvRouter.post('/import/confirm', ACCESS.organiser, ...upload, async (req, res) => {
  const csv = Buffer.from(String((req.body as { payload?: unknown }).payload ?? ''), 'base64').toString('utf8');
  const { plan, created, updated, unchanged } = await applyImport(csv);
  if (!plan.ok) return renderImport(res, { plan, csv, status: 422 });
  logger.info({ by: req.user!.id }, 'Institutions imported by %s: %d created, %d updated', req.user!.email, created, updated);
  req.flash('success', 'institutions.import.done', { created, updated, unchanged });
  res.redirect(303, '/institutions');
});
