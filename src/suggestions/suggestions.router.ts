import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import { ACCESS, isAllowed } from '../web/access.js';
import { isConfirmed } from '../web/confirm.js';
import { formatDate, formatDateTime } from '../web/dates.js';
import { AppError, ValidationError, type FieldErrors } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { validateForm } from '../web/validate.js';
import { listCategories, categoryName } from './categories.service.js';
import { listHistory } from './history.service.js';
import { assignableDepartments, departmentName, listAgendaItems, listDepartmentStaff, loadEvent, titleOf } from './neighbours.js';
import { ANSWERERS, READERS, withViewHelpers } from './pages.js';
import { listRegister, registerCsv } from './register.service.js';
import { SUGGESTION_STATUSES, type SuggestionStatus } from './suggestion.model.js';
import { assignFormSchema, registerFilterSchema, statusFormSchema } from './suggestions.schemas.js';
import { getSuggestionFor, listDepartmentQueue } from './suggestions.service.js';
import type { SuggestionRecord } from './summaries.service.js';
import { isOverdueBy, overdueCutoff } from './view.js';
import { CLOSED_STATUSES, TRANSITIONS, assignSuggestion, changeSuggestionStatus } from './workflow.service.js';
import { pageOf } from '../web/paging.js';

/** The register across events, its CSV, a department's queue, and one suggestion with its assignment, status and history. */
export const suggestionsRouter = defineRouter('/suggestions');

suggestionsRouter.router.use(withViewHelpers);
suggestionsRouter.param('suggestionId', async (req, res, id) => {
  res.locals.suggestion = await getSuggestionFor(id, req.user!);
});

suggestionsRouter.get('/', 'staff', async (req, res) => {
  if (req.user!.role === 'department') return res.redirect(303, '/suggestions/queue');
  const filter = registerFilterSchema.parse(req.query);
  const [register, categories, departments] = await Promise.all([listRegister(filter, req.locale), listCategories({ includeRetired: true }), assignableDepartments()]);
  const query = new URLSearchParams(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'page')).toString();
  res.render('suggestions/views/register', {
    title: req.t('suggestions.registerTitle'), register, filter, statuses: SUGGESTION_STATUSES, exportHref: `/suggestions/export.csv${query ? `?${query}` : ''}`,
    page: pageOf(register.rows, filter.page, '/suggestions', req.query),
    categories: categories.map((c) => ({ value: c.key, label: categoryName(c, req.locale) })),
    departments: departments.map((d) => ({ value: String(d._id), label: departmentName(d, req.locale) })),
  });
});

suggestionsRouter.get('/export.csv', READERS, async (req, res) => {
  const { rows } = await listRegister(registerFilterSchema.parse(req.query), req.locale);
  res.type('text/csv; charset=utf-8').attachment('suggestions.csv').send(registerCsv(rows, req.t, req.locale));
});

suggestionsRouter.get('/queue', ['department'], async (req, res) => {
  const suggestions = await listDepartmentQueue(req.user!.departmentId);
  const zones = new Map<string, string>();
  for (const id of new Set(suggestions.map((s) => s.eventId))) zones.set(id, (await loadEvent(id)).timezone);
  const open = suggestions.filter((s) => !CLOSED_STATUSES.includes(s.status));
  res.render('suggestions/views/queue', { title: req.t('suggestions.queueTitle'), open, done: suggestions.filter((s) => CLOSED_STATUSES.includes(s.status)), zones, now: new Date() });
});

/** The suggestion page, with the forms this user may use; `errors` and `values` re-show a refused form. */
async function renderSuggestion(req: Request, res: Response, options: { errors?: FieldErrors; values?: Record<string, unknown>; form?: string; status?: number } = {}) {
  const suggestion = res.locals.suggestion as SuggestionRecord;
  const event = await loadEvent(suggestion.eventId);
  const canAssign = isAllowed(req.user, ACCESS.organiser) && !CLOSED_STATUSES.includes(suggestion.status);
  const nextStatuses = isAllowed(req.user, ANSWERERS) ? TRANSITIONS[suggestion.status] : [];
  const [history, items, departments] = await Promise.all([
    listHistory(suggestion.id, suggestion.revision, event.timezone, req.locale, req.t),
    suggestion.agendaItemId ? listAgendaItems(suggestion.eventId) : [],
    canAssign ? assignableDepartments() : [],
  ]);
  const staff = await Promise.all(departments.map(async (d) => ({ id: String(d._id), name: departmentName(d, req.locale), people: (await listDepartmentStaff(String(d._id))).filter((p) => p.active) })));
  const item = items.find((i) => i.id === suggestion.agendaItemId);
  res.status(options.status ?? 200).render('suggestions/views/show', {
    title: req.t('suggestions.suggestionTitle'), suggestion, event, eventTitle: titleOf(event, req.locale), zone: event.timezone,
    agendaItem: item ? (req.locale === 'zh' ? item.title.zh : item.title.en || item.title.zh) : '',
    history, staff, canAssign, nextStatuses, now: new Date(),
    formatTime: (date: Date) => formatDateTime(date, event.timezone, req.locale),
    errors: options.errors ?? {}, values: options.values ?? {}, failedForm: options.form ?? '',
  });
}

suggestionsRouter.get('/:suggestionId', 'staff', (req, res) => {
  // "Show this department's staff" (without JavaScript): the assignment form again, with that department chosen.
  const departmentId = typeof req.query.departmentId === 'string' && /^[0-9a-f]{24}$/i.test(req.query.departmentId) ? req.query.departmentId : undefined;
  const dueDate = typeof req.query.dueDate === 'string' ? req.query.dueDate : undefined;
  return departmentId ? renderSuggestion(req, res, { values: { departmentId, dueDate }, form: 'assign' }) : renderSuggestion(req, res);
});

/** Run a change; a ValidationError re-shows the page with 422 and what was typed. */
async function change(req: Request, res: Response, form: string, run: () => Promise<unknown>, flash: string) {
  const suggestion = res.locals.suggestion as SuggestionRecord;
  try {
    await run();
  } catch (error) {
    if (error instanceof ValidationError) return renderSuggestion(req, res, { errors: error.fields, values: req.body, form, status: 422 });
    if (error instanceof AppError && error.status === 409) {
      req.flash('error', error.message);
      return res.redirect(303, `/suggestions/${suggestion.id}`);
    }
    throw error;
  }
  req.flash('success', flash);
  res.redirect(303, `/suggestions/${suggestion.id}`);
}

suggestionsRouter.post('/:suggestionId/assign', ACCESS.organiser, async (req, res) => {
  const form = validateForm(assignFormSchema, req.body);
  if (!form.ok) return renderSuggestion(req, res, { errors: form.errors, values: req.body, form: 'assign', status: 422 });
  const input = { departmentId: form.data.departmentId ?? null, ownerId: form.data.ownerId ?? null, dueDate: form.data.dueDate ?? null };
  // A due date already past makes the suggestion overdue at once: say so before saving it.
  const suggestion = res.locals.suggestion as SuggestionRecord;
  const zone = (await loadEvent(suggestion.eventId)).timezone;
  const due = input.dueDate ? DateTime.fromISO(input.dueDate, { zone }).toJSDate() : null;
  if (due && isOverdueBy({ dueDate: due, status: suggestion.status }, overdueCutoff(zone))) {
    const date = formatDate(due, zone, req.locale);
    if (!isConfirmed(req, res, { title: req.t('suggestions.confirmPastDue.title', { date }), consequence: req.t('suggestions.confirmPastDue.consequence', { date }), confirmLabel: req.t('suggestions.saveAssignment'), cancelHref: `/suggestions/${suggestion.id}` })) return;
  }
  await change(req, res, 'assign', () => assignSuggestion(String(req.params.suggestionId), input, req.user!), 'suggestions.assigned');
});

suggestionsRouter.post('/:suggestionId/status', ANSWERERS, async (req, res) => {
  const form = validateForm(statusFormSchema, req.body);
  if (!form.ok) return renderSuggestion(req, res, { errors: form.errors, values: req.body, form: 'status', status: 422 });
  const status: SuggestionStatus = form.data.status;
  await change(req, res, 'status', () => changeSuggestionStatus(String(req.params.suggestionId), form.data, req.user!), status === 'answered' ? 'suggestions.answeredSaved' : 'suggestions.statusSaved');
});
