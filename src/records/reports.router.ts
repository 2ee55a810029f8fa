import type { Request } from 'express';
import { NotFoundError } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { seriesName } from './neighbours.js';
import { formatDays, formatRate } from './reports.js';
import { answersCsv, attendanceCsv, buildSeriesReport, chooseSeries } from './reports.service.js';

/** Reports across a series: attendance by edition per institution, answers per department; charts and CSV. */
export const reportsRouter = defineRouter('/reports');

async function reportFor(req: Request) {
  const { all, chosen } = await chooseSeries(req.query.seriesId);
  if (req.query.seriesId && !chosen) throw new NotFoundError();
  return { all, chosen, report: chosen ? await buildSeriesReport(chosen) : undefined };
}

reportsRouter.get('/', 'staff', async (req, res) => {
  const { all, chosen, report } = await reportFor(req);
  res.render('records/views/reports', {
    title: req.t('records.reports.title'),
    series: all.map((s) => ({ id: String(s._id), name: seriesName(s, req.locale) })),
    chosenId: chosen ? String(chosen._id) : '',
    report,
    formatDays,
    formatRate,
  });
});

reportsRouter.get('/attendance.csv', 'staff', async (req, res) => {
  const { report } = await reportFor(req);
  if (!report) throw new NotFoundError();
  res.type('text/csv; charset=utf-8').attachment(`attendance-${report.series._id}.csv`).send(attendanceCsv(report.table, req.t));
});

reportsRouter.get('/answers.csv', 'staff', async (req, res) => {
  const { report } = await reportFor(req);
  if (!report) throw new NotFoundError();
  res.type('text/csv; charset=utf-8').attachment(`answers-${report.series._id}.csv`).send(answersCsv(report.answers, report.overall, req.t));
});
