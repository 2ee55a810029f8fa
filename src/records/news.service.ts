import { claimOnce, reclaimStale } from '../db/index.js';
import { logger } from '../logger.js';
import { ConflictError, NotFoundError } from '../web/errors.js';
import { draftNewsEn, draftNewsZh, themesOf, type NewsDraft, type NewsFacts, type NewsPerson } from './news-draft.js';
import type { Locale } from '../web/i18n.js';
import { findNews, listPublishedNews, setNewsDraft, setNewsFields, type NewsDoc } from './news.store.js';
import { agendaSpeakers, getEvent, listCheckIns, listEventsByIds, listSuggestionSummaries, type Bilingual, type EventRecord } from './neighbours.js';

/** Who is making a change, for the log. */
export interface NewsActor {
  id: string;
  email: string;
}

/** What the organiser saves: both languages (English optional) and the figures for the draft. */
export interface NewsInput {
  titleZh: string;
  bodyZh: string;
  titleEn: string;
  bodyEn: string;
  figures: string[];
  /** The revision the text was edited from (0 before the first save). */
  revision: number;
}

function participants(event: EventRecord, role: string): NewsPerson[] {
  return (event.zoneParticipants ?? []).filter((p) => p.role === role).map((p) => ({ name: p.name, title: p.title ?? '' }));
}

/** The facts a draft is written from: zone participants, agenda speakers, check-ins, suggestions, and the figures. */
export async function gatherNewsFacts(event: EventRecord, figures: string[]): Promise<NewsFacts> {
  const eventId = String(event._id);
  const [speakers, checkIns, suggestions] = await Promise.all([agendaSpeakers(eventId), listCheckIns(eventId), listSuggestionSummaries({ eventIds: [eventId] })]);
  const hosts = participants(event, 'host');
  const chairs = participants(event, 'chair');
  const leaders = new Set([...hosts, ...chairs].map((p) => p.name));
  const institutions = new Set(checkIns.flatMap((c) => (c.institutionId ? [c.institutionId] : c.institutionName ? [`name:${c.institutionName.zh}`] : [])));
  const departments = new Map<string, Bilingual>();
  for (const c of checkIns) if (c.departmentId && c.departmentName) departments.set(c.departmentId, c.departmentName);
  return {
    title: { zh: event.titleZh, en: event.titleEn ?? '' },
    startsAt: event.startsAt,
    timezone: event.timezone,
    venue: [event.venue?.name, event.venue?.room].filter(Boolean).join(''),
    hosts,
    chairs,
    speakers: speakers.filter((s) => !leaders.has(s.name)),
    guests: participants(event, 'guest_of_honour'),
    institutionCount: institutions.size,
    departments: [...departments.values()],
    themes: themesOf(suggestions.map((s) => s.category)),
    suggestionCount: suggestions.length,
    figures,
  };
}

/** A fresh draft in both languages from the facts in the database. */
export async function draftNews(eventId: string, figures: string[]): Promise<{ zh: NewsDraft; en: NewsDraft }> {
  const facts = await gatherNewsFacts(await getEvent(eventId), figures);
  return { zh: draftNewsZh(facts), en: draftNewsEn(facts) };
}

/** The event's saved news summary, or null. */
export async function getNews(eventId: string): Promise<NewsDoc | null> {
  return findNews(eventId);
}

/** A save claimed this long ago that never wrote its revision died on the way: its claim may be taken over. */
const ABANDONED_SAVE_MS = 60_000;

/** Claim the next revision; also when the stored summary shows that an earlier claim of it was never written. */
async function claimRevision(key: string, actor: NewsActor): Promise<boolean> {
  return (await claimOnce(key, actor.email)) || reclaimStale(key, actor.email, ABANDONED_SAVE_MS);
}

/**
 * Save the summary (one document per event, by `_id`); with `publish`, it shows at `/news/<eventId>` from now
 * on. `input.revision` is the revision the text was edited from: if someone saved since, nothing is written
 * and ConflictError says so. Each revision is claimed by a unique insert, so of two saves from the same
 * revision one wins.
 */
export async function saveNews(eventId: string, input: NewsInput, actor: NewsActor, options: { publish?: boolean } = {}): Promise<NewsDoc> {
  const event = await getEvent(eventId);
  const before = await getNews(eventId);
  const revision = (before?.revision ?? 0) + 1;
  if (input.revision !== revision - 1 || !(await claimRevision(`news-save:${eventId}:${revision}`, actor))) throw new ConflictError('records.news.conflict');
  const now = new Date();
  const { revision: _from, ...text } = input;
  const set: Record<string, unknown> = { ...text, revision, updatedBy: { id: actor.id, email: actor.email } };
  if (options.publish) {
    const published = { titleZh: input.titleZh, bodyZh: input.bodyZh, titleEn: input.titleEn, bodyEn: input.bodyEn };
    Object.assign(set, { status: 'published', published, publishedAt: now, firstPublishedAt: before?.firstPublishedAt ?? now });
  }
  await setNewsFields(eventId, set);
  logger.info({ by: actor.id, eventId }, 'News summary %s by %s: %s', options.publish ? 'published' : 'saved', actor.email, event.titleZh);
  return (await getNews(eventId))!;
}

/** Take the public page down (the text stays, and the same URL comes back when published again). */
export async function unpublishNews(eventId: string, actor: NewsActor): Promise<void> {
  const news = await getNews(eventId);
  if (!news || news.status !== 'published') throw new ConflictError('records.news.notPublished');
  await setNewsDraft(news._id, actor);
  logger.info({ by: actor.id, eventId }, 'News summary unpublished by %s: %s', actor.email, news.titleZh);
}

/** The published summary and its event for the public page, or NotFoundError (never published, or taken down). */
export async function getPublicNews(eventId: string): Promise<{ news: NewsDoc; event: EventRecord }> {
  const news = await getNews(eventId);
  if (!news || news.status !== 'published') throw new NotFoundError();
  // The published copy, not the working text: a plain save after publishing must not reach the public page.
  const published = news.published;
  const text = published ? { titleZh: published.titleZh ?? '', bodyZh: published.bodyZh ?? '', titleEn: published.titleEn ?? '', bodyEn: published.bodyEn ?? '' } : {};
  return { news: { ...news, ...text }, event: await getEvent(eventId) };
}

/** One line of the public list of news. */
export interface PublicNewsItem {
  eventId: string;
  title: string;
  lang: 'zh-Hans' | 'en';
  publishedAt: Date;
  zone: string;
}

/**
 * The published summaries for the public list, newest first: each in English when the reader is not reading
 * Chinese and an English text was published, else in Chinese (as the summary's own page does).
 */
export async function listPublicNews(locale: Locale, limit = 100): Promise<PublicNewsItem[]> {
  const published = await listPublishedNews(limit);
  const events = new Map((await listEventsByIds(published.map((n) => String(n._id)))).map((e) => [String(e._id), e]));
  return published.flatMap((news) => {
    const event = events.get(String(news._id));
    const text = news.published;
    if (!event || !text) return [];
    const english = locale !== 'zh' && Boolean(text.titleEn && text.bodyEn);
    return [{ eventId: String(news._id), title: (english ? text.titleEn : text.titleZh) ?? '', lang: english ? 'en' : 'zh-Hans', publishedAt: news.firstPublishedAt ?? news.updatedAt, zone: event.timezone }];
  });
}
