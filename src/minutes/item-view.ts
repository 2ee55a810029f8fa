import type { AgendaItemView } from '../agenda/index.js';
import type { EventRecord } from '../events/index.js';
import { departmentDisplayName, listDepartments } from '../institutions/index.js';
import type { StaffUser } from '../web/access.js';
import { formatDateTime } from '../web/dates.js';
import type { FieldErrors } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import { renderMarkdown } from '../web/markdown.js';
import { compareContent } from './compare.js';
import { agendaItemView, allowedActions, contentView, isoDay, localName, savedView } from './minutes-view.js';
import { departmentNames } from './published.service.js';
import { listMinutesComments } from './review.service.js';
import { currentRevision, type ItemContent, type ItemRevision } from './revisions.service.js';
import { readMinutesState } from './state.service.js';

/** Spare action rows under the filled ones, so more can be added without JavaScript. */
const SPARE_ACTION_ROWS = 2;

/** What the item form shows in its fields. */
export interface ItemFormValues {
  baseRevision: number;
  notes: string;
  keyPoints: string;
  decisions: string;
  actions: { text: string; departmentId: string; dueDate: string }[];
}

const spare = () => Array.from({ length: SPARE_ACTION_ROWS }, () => ({ text: '', departmentId: '', dueDate: '' }));

/** Stored (or parsed) content as form values, on top of a base revision. */
export function formValuesOf(content: ItemContent, baseRevision: number): ItemFormValues {
  return {
    baseRevision, notes: content.notes, keyPoints: content.keyPoints.join('\n'), decisions: content.decisions.join('\n'),
    actions: [...content.actions.map((a) => ({ text: a.text, departmentId: a.departmentId ?? '', dueDate: isoDay(a.dueDate) })), ...spare()],
  };
}

/** Whatever was typed (even malformed) made safe to show again, so no text is ever dropped. */
export function typedFormValues(body: unknown): ItemFormValues {
  const input = (body ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('\n') : '');
  const rows = input.actions && typeof input.actions === 'object' ? Object.values(input.actions as object) : [];
  return {
    baseRevision: Number(input.baseRevision) || 0, notes: str(input.notes), keyPoints: str(input.keyPoints), decisions: str(input.decisions),
    actions: [...rows.map((r: Record<string, unknown> | undefined) => ({ text: str(r?.text), departmentId: str(r?.departmentId), dueDate: str(r?.dueDate) })), ...spare()],
  };
}

/** The active departments, plus any (since archived) that an action already names, so saving again keeps it. */
function departmentOptions(active: { id: string; name: string }[], values: ItemFormValues, nameOf: (id: string) => string) {
  const known = new Set(active.map((d) => d.id));
  const named = [...new Set(values.actions.map((a) => a.departmentId).filter((id) => id && !known.has(id)))];
  return [...active, ...named.map((id) => ({ id, name: nameOf(id) || id }))];
}

/** How the item page was reached: a plain view, a failed save, a conflict or a preview. */
export interface ItemPageState {
  values?: ItemFormValues;
  errors?: FieldErrors;
  conflict?: { theirs: ItemRevision; yours: ItemContent };
  preview?: boolean;
}

/** Everything the item page shows: the form (or the text, read-only), the comments, and a conflict side by side. */
export async function itemPageModel(event: EventRecord, item: AgendaItemView, locale: Locale, user: StaffUser, state: ItemPageState = {}) {
  const eventId = String(event._id);
  const [status, current, names, departments, comments] = await Promise.all([
    readMinutesState(eventId), currentRevision(eventId, item.id), departmentNames(), listDepartments(), listMinutesComments(eventId, { itemId: item.id }),
  ]);
  const values = state.values ?? formValuesOf(current, current.revision);
  const nameOf = (id: string) => localName(names.get(id), locale);
  const conflict = state.conflict && {
    theirs: { ...contentView(state.conflict.theirs, names, locale), saved: savedView(state.conflict.theirs, event, locale) },
    diff: compareContent(state.conflict.theirs, state.conflict.yours, nameOf),
  };
  return {
    title: localName(item.title, locale), item: agendaItemView(item, event, locale), status, can: allowedActions(status, event, user),
    current: { ...contentView(current, names, locale), saved: savedView(current, event, locale) },
    values, errors: state.errors ?? {}, conflict,
    // A refused save keeps its form on the page (even when frozen), so the typed text is never lost.
    typed: Boolean(state.values),
    preview: state.preview ? renderMarkdown(values.notes) : '',
    departments: departmentOptions(departments.map((d) => ({ id: String(d._id), name: departmentDisplayName(d, locale) })), values, nameOf),
    comments: comments.map((c) => ({ ...c, institution: localName(c.institutionName, locale), at: formatDateTime(c.createdAt, event.timezone, locale), current: c.version === status.version })),
  };
}
