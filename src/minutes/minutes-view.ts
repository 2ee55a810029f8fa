import { listAgendaItems, type AgendaItemView } from '../agenda/index.js';
import type { EventRecord } from '../events/index.js';
import { ACCESS, isAllowed, type StaffUser } from '../web/access.js';
import { formatDateTime } from '../web/dates.js';
import type { Locale } from '../web/i18n.js';
import { renderMarkdown } from '../web/markdown.js';
import { attendanceOf } from './attendance.service.js';
import type { Attendance, LocalisedName, PublishedMinutes } from './published.types.js';
import { departmentNames, listPublishedVersions, speakerLine } from './published.service.js';
import { listMinutesComments, listReviewInvites } from './review.service.js';
import { currentRevisions, EDITABLE_STATES, type ItemContent, type ItemRevision } from './revisions.service.js';
import { listTransitions, readMinutesState, type MinutesStatus } from './state.service.js';
import { canApproveMinutes } from './workflow.service.js';

/** A bilingual name in a language (Chinese for zh, else English falling back to Chinese). */
export function localName(name: LocalisedName | null | undefined, locale: Locale): string {
  if (!name) return '';
  return locale === 'zh' ? name.zh : name.en || name.zh;
}

/** A date-only value (due dates) as YYYY-MM-DD. */
export const isoDay = (date: Date | null | undefined): string => (date ? date.toISOString().slice(0, 10) : '');

/** An item's content ready to show: notes rendered (safely), action owners named. */
export function contentView(content: ItemContent, names: Map<string, LocalisedName>, locale: Locale) {
  return {
    notes: content.notes,
    // renderMarkdown allows no raw HTML and no script links: the one HTML the views print unescaped.
    notesHtml: content.notes ? renderMarkdown(content.notes) : '',
    keyPoints: content.keyPoints,
    decisions: content.decisions,
    actions: content.actions.map((a) => ({ text: a.text, department: a.departmentId ? localName(names.get(a.departmentId), locale) : '', due: isoDay(a.dueDate) })),
  };
}

/** An agenda item's heading facts in a language. */
export function agendaItemView(item: AgendaItemView, event: EventRecord, locale: Locale) {
  return {
    id: item.id, order: item.order, title: localName(item.title, locale),
    time: formatDateTime(item.startsAt, event.timezone, locale), speakers: item.speakers.map(speakerLine),
  };
}

/** Who saved a revision, and when, in a language. */
export function savedView(rev: ItemRevision, event: EventRecord, locale: Locale) {
  return { revision: rev.revision, by: rev.savedBy?.name || rev.savedBy?.email || '', at: formatDateTime(rev.savedAt, event.timezone, locale), restoredFrom: rev.restoredFrom };
}

/** Attendance with names in a language. */
export function attendanceView(attendance: Attendance, locale: Locale) {
  return {
    institutions: attendance.institutions.map((g) => ({ name: localName(g.name, locale), people: g.people })),
    departments: attendance.departments.map((g) => ({ name: localName(g.name, locale), people: g.people })),
    others: attendance.others,
    total: [...attendance.institutions, ...attendance.departments].reduce((n, g) => n + g.people.length, attendance.others.length),
  };
}

/** What the signed-in user may do with the minutes in their present state. */
export function allowedActions(status: MinutesStatus, event: EventRecord, user: StaffUser) {
  const secretary = isAllowed(user, ACCESS.secretary);
  const organiser = isAllowed(user, ACCESS.organiser);
  const approver = canApproveMinutes(event, user);
  return {
    write: secretary && EDITABLE_STATES.includes(status.state),
    submit: secretary && status.state === 'draft',
    reopen: secretary && (status.state === 'in_review' || (status.state === 'approved' && approver)),
    approve: approver && status.state === 'in_review',
    publish: organiser && status.state === 'approved',
    correct: secretary && status.state === 'published',
    invite: organiser && status.state === 'in_review',
  };
}

/** Everything the minutes page shows. */
export async function minutesPageModel(event: EventRecord, locale: Locale, user: StaffUser) {
  const eventId = String(event._id);
  const [status, agenda] = await Promise.all([readMinutesState(eventId), listAgendaItems(eventId)]);
  const [revisions, attendance, names, comments, versions, invites, history] = await Promise.all([
    currentRevisions(eventId, agenda.map((item) => item.id)), attendanceOf(eventId), departmentNames(), listMinutesComments(eventId),
    listPublishedVersions(eventId, status.publishedVersion), listReviewInvites(eventId), listTransitions(eventId, status.seq),
  ]);
  const items = agenda.map((item) => {
    const rev = revisions.get(item.id)!;
    return { ...agendaItemView(item, event, locale), ...contentView(rev, names, locale), saved: savedView(rev, event, locale), comments: comments.filter((c) => c.itemId === item.id).length };
  });
  const when = (date: Date) => formatDateTime(date, event.timezone, locale);
  return {
    status, items, attendance: attendanceView(attendance, locale), can: allowedActions(status, event, user),
    versions: versions.map((v) => ({ ...v, at: when(v.publishedAt) })),
    invites: invites.map((i) => ({ ...i, at: when(i.at), by: i.by?.name || i.by?.email || '' })),
    history: history.map((h) => ({ ...h, at: when(h.at), by: h.by?.name || h.by?.email || '' })),
    approvedBy: status.approved ? status.approved.by.name || status.approved.by.email : '',
  };
}

/** A published version as the version page and the token page show it. */
export function publishedView(minutes: PublishedMinutes, event: EventRecord, locale: Locale) {
  return {
    version: minutes.version, publishedAt: formatDateTime(minutes.publishedAt, event.timezone, locale), approvedBy: minutes.approvedBy,
    attendance: attendanceView(minutes.attendance, locale),
    items: minutes.items.map((item) => ({
      id: item.agendaItemId, order: item.order, title: localName(item.title, locale), time: formatDateTime(item.startsAt, event.timezone, locale), speakers: item.speakers,
      notes: item.notes, notesHtml: item.notes ? renderMarkdown(item.notes) : '', keyPoints: item.keyPoints, decisions: item.decisions,
      actions: item.actions.map((a) => ({ text: a.text, department: localName(a.departmentName, locale), due: isoDay(a.dueDate) })),
    })),
  };
}
