import type { Response } from 'express';
import { ACCESS } from '../web/access.js';
import { isConfirmed } from '../web/confirm.js';
import { pickTitle } from './agenda-changes.js';
import { NotFoundError } from '../web/errors.js';
import { parseInput, validateForm } from '../web/validate.js';
import { readAgenda, type StoredItem } from './agenda.store.js';
import { actorOf, baseOf, defineAgendaRouter, eventOf, itemInput, renderAgendaPage, renderItemForm, typedValues, whileEditable } from './agenda-pages.js';
import { itemFormSchema, moveSchema, orderSchema } from './agenda.schemas.js';
import { addAgendaItem, moveAgendaItem, removeAgendaItem, reorderAgendaItems, updateAgendaItem } from './agenda.service.js';

/** The staff agenda page and its items: add, edit, reorder, remove. */
export const agendaRouter = defineAgendaRouter();

agendaRouter.param('itemId', async (_req, res, id) => {
  const item = (await readAgenda(String(eventOf(res)._id))).items.find((candidate) => String(candidate._id) === id);
  if (!item) throw new NotFoundError();
  res.locals.item = item;
});

const itemOf = (res: Response): StoredItem => res.locals.item as StoredItem;

agendaRouter.get('/:eventId/agenda', 'staff', async (req, res) => {
  await renderAgendaPage(req, res);
});

agendaRouter.get('/:eventId/agenda/items/new', ACCESS.organiser, async (req, res) => {
  await renderItemForm(req, res);
});

agendaRouter.post('/:eventId/agenda/items', ACCESS.organiser, whileEditable, async (req, res) => {
  const event = eventOf(res);
  const form = validateForm(itemFormSchema(event.timezone), req.body);
  if (!form.ok) return renderItemForm(req, res, { values: typedValues(req.body), errors: form.errors, status: 422 });
  await addAgendaItem(String(event._id), await itemInput(req, event, form.data), actorOf(req), form.data.submission);
  req.flash('success', 'agenda.itemAdded');
  res.redirect(303, baseOf(res));
});

agendaRouter.get('/:eventId/agenda/items/:itemId', ACCESS.organiser, async (req, res) => {
  await renderItemForm(req, res, { item: itemOf(res) });
});

agendaRouter.post('/:eventId/agenda/items/:itemId', ACCESS.organiser, whileEditable, async (req, res) => {
  const event = eventOf(res);
  const form = validateForm(itemFormSchema(event.timezone), req.body);
  if (!form.ok) return renderItemForm(req, res, { item: itemOf(res), values: typedValues(req.body), errors: form.errors, status: 422 });
  await updateAgendaItem(String(event._id), String(itemOf(res)._id), await itemInput(req, event, form.data), actorOf(req));
  req.flash('success', 'agenda.itemSaved');
  res.redirect(303, baseOf(res));
});

agendaRouter.post('/:eventId/agenda/items/:itemId/move', ACCESS.organiser, whileEditable, async (req, res) => {
  const { direction } = parseInput(moveSchema, req.body);
  await moveAgendaItem(String(eventOf(res)._id), String(itemOf(res)._id), direction, actorOf(req));
  req.flash('success', 'agenda.itemMoved');
  res.redirect(303, `${baseOf(res)}#item-${itemOf(res)._id}`);
});

agendaRouter.post('/:eventId/agenda/items/:itemId/remove', ACCESS.organiser, whileEditable, async (req, res) => {
  const title = pickTitle({ zh: itemOf(res).titleZh, en: itemOf(res).titleEn }, req.locale);
  if (!isConfirmed(req, res, { title: req.t('agenda.confirmRemove.title', { title }), consequence: req.t('agenda.confirmRemove.consequence'), confirmLabel: req.t('agenda.remove'), cancelHref: baseOf(res) })) return;
  await removeAgendaItem(String(eventOf(res)._id), String(itemOf(res)._id), actorOf(req));
  req.flash('success', 'agenda.itemRemoved');
  res.redirect(303, baseOf(res));
});

agendaRouter.post('/:eventId/agenda/order', ACCESS.organiser, whileEditable, async (req, res) => {
  const { order } = parseInput(orderSchema, req.body);
  await reorderAgendaItems(String(eventOf(res)._id), order, actorOf(req));
  req.flash('success', 'agenda.reordered');
  res.redirect(303, baseOf(res));
});
