import { defineRouter } from '../web/routes.js';
import { loadAttendance, nameIn, sheetGroups } from './attendance.service.js';
import { loadEventParam, loadedEvent, rowView } from './checkin-view.js';
import { sheetCsv } from './sheet.js';

/** The sign-in sheet: a printable page and a CSV, for any staff member. */
export const sheetRouter = defineRouter('/events');

sheetRouter.param('eventId', loadEventParam);

sheetRouter.get('/:eventId/checkin/sheet', 'staff', async (req, res) => {
  const event = loadedEvent(res);
  const groups = sheetGroups(await loadAttendance(event), req.locale);
  res.render('checkin/views/sheet', {
    title: req.t('checkin.sheet.title'),
    groups: groups.map((g) => ({ kind: g.kind, name: nameIn(g.name, req.locale), rows: g.rows.map((row) => rowView(row, req.locale, event.timezone)) })),
    blankRows: 6,
  });
});

sheetRouter.get('/:eventId/checkin/sheet.csv', 'staff', async (req, res) => {
  const event = loadedEvent(res);
  const groups = sheetGroups(await loadAttendance(event), req.locale);
  const csv = sheetCsv(groups, { t: req.t, locale: req.locale, timezone: event.timezone });
  res.type('text/csv; charset=utf-8').attachment(`sign-in-sheet-${String(event._id)}.csv`).send(csv);
});
