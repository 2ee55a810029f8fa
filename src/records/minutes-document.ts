import { DateTime } from 'luxon';
import { formatRange } from '../web/dates.js';
import { translate, type Locale } from '../web/i18n.js';
import { eventTitle, pick, type EventRecord, type PublishedMinutes } from './neighbours.js';

/** Languages minutes are exported in; invitees reading ko or ja get English. */
export type DocumentLocale = 'zh' | 'en';

/** The export language for a reader's language. */
export function documentLocaleOf(locale: Locale): DocumentLocale {
  return locale === 'zh' ? 'zh' : 'en';
}

/** One labelled block of the meeting's facts (time, place, chair, attendance). */
export interface MinutesFact {
  label: string;
  lines: string[];
}

/** One agenda item of the minutes, worded for one language. */
export interface MinutesDocumentItem {
  /** 一、 or "1. " (what precedes the title). */
  number: string;
  title: string;
  time: string;
  speakers: string;
  /** Markdown, rendered by each format. */
  notes: string;
  sections: { label: string; entries: string[] }[];
}

/** Published minutes worded for one language: what the DOCX, the printable page and the PDF all show. */
export interface MinutesDocument {
  locale: DocumentLocale;
  title: string;
  facts: MinutesFact[];
  items: MinutesDocumentItem[];
  /** Version, publication date and who approved. */
  colophon: string;
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (official documents number their parts so). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones]!;
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[ones]}`;
}

/** A date as official documents write it: 2019年4月12日 / 12 April 2019. */
export function formatDocumentDate(date: Date, zone: string, locale: DocumentLocale): string {
  const d = DateTime.fromJSDate(date, { zone });
  return locale === 'zh' ? d.toFormat('yyyy年M月d日') : d.setLocale('en-GB').toFormat('d MMMM yyyy');
}

function meetingTime(event: EventRecord, locale: DocumentLocale): string {
  return formatRange(event.startsAt, event.endsAt, event.timezone, locale);
}

/** The title of the minutes: 「…座谈会纪要」 (not 会会议纪要), 「…会议纪要」, or "Minutes of …". */
export function minutesTitle(event: Pick<EventRecord, 'titleZh' | 'titleEn'>, locale: DocumentLocale): string {
  const title = eventTitle(event, locale);
  if (locale === 'en') return `Minutes of the ${title}`;
  return title.endsWith('会') ? `${title}纪要` : `${title}会议纪要`;
}

function chairOf(event: EventRecord, locale: DocumentLocale): string[] {
  const people = event.zoneParticipants ?? [];
  const chairs = people.filter((p) => p.role === 'chair');
  const chosen = chairs.length ? chairs : people.filter((p) => p.role === 'host');
  return chosen.map((p) => (p.title ? `${p.name}${locale === 'zh' ? `（${p.title}）` : ` (${p.title})`}` : p.name));
}

function withPeople(name: string, people: string[], locale: DocumentLocale): string {
  if (!people.length) return name;
  return locale === 'zh' ? `${name}（${people.join('、')}）` : `${name} (${people.join(', ')})`;
}

function factsOf(event: EventRecord, minutes: PublishedMinutes, locale: DocumentLocale): MinutesFact[] {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const venue = [event.venue?.name, event.venue?.room].filter(Boolean).join(locale === 'zh' ? '' : ', ');
  const { institutions, departments, others } = minutes.attendance;
  const facts: MinutesFact[] = [
    { label: t('records.doc.time'), lines: [meetingTime(event, locale)] },
    { label: t('records.doc.place'), lines: [venue || t('records.doc.none')] },
  ];
  const chair = chairOf(event, locale);
  if (chair.length) facts.push({ label: t('records.doc.chair'), lines: [chair.join(locale === 'zh' ? '、' : ', ')] });
  facts.push({
    label: t('records.doc.institutions', { count: institutions.length }),
    lines: institutions.length ? institutions.map((i) => withPeople(pick(i.name, locale), i.people, locale)) : [t('records.doc.none')],
  });
  if (departments.length) facts.push({ label: t('records.doc.departments'), lines: departments.map((d) => withPeople(pick(d.name, locale), d.people, locale)) });
  if (others.length) facts.push({ label: t('records.doc.others'), lines: [others.join(locale === 'zh' ? '、' : ', ')] });
  return facts;
}

function actionLine(action: PublishedMinutes['items'][number]['actions'][number], zone: string, locale: DocumentLocale): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const parts = [];
  if (action.departmentName) parts.push(t('records.doc.owner', { name: pick(action.departmentName, locale) }));
  if (action.dueDate) parts.push(t('records.doc.due', { date: formatDocumentDate(action.dueDate, zone, locale) }));
  if (!parts.length) return action.text;
  return locale === 'zh' ? `${action.text}（${parts.join('；')}）` : `${action.text} (${parts.join('; ')})`;
}

function itemOf(item: PublishedMinutes['items'][number], index: number, event: EventRecord, locale: DocumentLocale): MinutesDocumentItem {
  const t = (key: string) => translate(locale, key);
  const zone = event.timezone;
  const sections = [
    { label: t('records.doc.keyPoints'), entries: item.keyPoints },
    { label: t('records.doc.decisions'), entries: item.decisions },
    { label: t('records.doc.actions'), entries: item.actions.map((a) => actionLine(a, zone, locale)) },
  ].filter((s) => s.entries.length > 0);
  const numbered = sections.map((s, i) => ({ ...s, label: locale === 'zh' ? `（${chineseNumeral(i + 1)}）${s.label}` : s.label }));
  return {
    number: locale === 'zh' ? `${chineseNumeral(index + 1)}、` : `${index + 1}. `,
    title: pick(item.title, locale),
    time: DateTime.fromJSDate(item.startsAt, { zone }).toFormat('HH:mm'),
    speakers: item.speakers.length ? `${t('records.doc.speakers')}${locale === 'zh' ? '：' : ': '}${item.speakers.join(locale === 'zh' ? '、' : ', ')}` : '',
    notes: item.notes,
    sections: numbered,
  };
}

/** Word published minutes for one language: the single source of the DOCX, the printable page and the PDF. */
export function buildMinutesDocument(event: EventRecord, minutes: PublishedMinutes, locale: DocumentLocale): MinutesDocument {
  const items = [...minutes.items].sort((a, b) => a.order - b.order);
  return {
    locale,
    title: minutesTitle(event, locale),
    facts: factsOf(event, minutes, locale),
    items: items.map((item, index) => itemOf(item, index, event, locale)),
    colophon: translate(locale, 'records.doc.colophon', {
      version: minutes.version,
      date: formatDocumentDate(minutes.publishedAt, event.timezone, locale),
      approvedBy: minutes.approvedBy || '—',
    }),
  };
}
