import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import { getConfig } from '../config.js';
import { ACCESS, isAllowed } from '../web/access.js';
import { formatDate } from '../web/dates.js';
import { ConflictError, type FieldErrors } from '../web/errors.js';
import { usePublicLocale } from '../web/locale.js';
import { renderMarkdown } from '../web/markdown.js';
import { defineRouter } from '../web/routes.js';
import { validateForm } from '../web/validate.js';
import { eventTitle, getEvent, type EventRecord } from './neighbours.js';
import type { NewsDoc } from './news.store.js';
import { figuresFormSchema, newsFormSchema } from './news.schemas.js';
import { draftNews, getNews, getPublicNews, listPublicNews, saveNews, unpublishNews } from './news.service.js';

/** The organiser's page for an event's news summary: draft from the facts, edit, publish, unpublish. */
export const newsRouter = defineRouter('/events');
/** The published summary at its stable public URL, `/news/<eventId>`. */
export const newsPublicRouter = defineRouter('/news');

newsRouter.param('eventId', async (_req, res, id) => {
  res.locals.event = await getEvent(id);
});

const eventOf = (res: Response) => res.locals.event as EventRecord;
const idOf = (res: Response) => String(eventOf(res)._id);

/** The form's values: what was typed, the saved summary, or a fresh draft. */
type NewsValues = Record<'titleZh' | 'bodyZh' | 'titleEn' | 'bodyEn' | 'figures', string> & { revision?: string };

function valuesOf(news: NewsDoc): NewsValues {
  return { titleZh: news.titleZh, bodyZh: news.bodyZh, titleEn: news.titleEn, bodyEn: news.bodyEn, figures: news.figures.join('\n') };
}

async function draftValues(eventId: string, figures: string[]): Promise<NewsValues> {
  const draft = await draftNews(eventId, figures);
  return { titleZh: draft.zh.title, bodyZh: draft.zh.body, titleEn: draft.en.title, bodyEn: draft.en.body, figures: figures.join('\n') };
}

async function renderPage(req: Request, res: Response, options: { values?: NewsValues; errors?: FieldErrors; status?: number; drafted?: boolean; conflict?: boolean } = {}) {
  const news = await getNews(idOf(res));
  const drafted = options.drafted ?? (!news && !options.values);
  res.status(options.status ?? 200).render('records/views/news-edit', {
    title: req.t('records.news.title'),
    event: eventOf(res),
    eventTitle: eventTitle(eventOf(res), req.locale),
    news,
    publicUrl: `${getConfig().http.publicUrl}/news/${idOf(res)}`,
    previewHtml: news ? renderMarkdown(req.locale === 'en' && news.bodyEn ? news.bodyEn : news.bodyZh) : '',
    canEdit: isAllowed(req.user, ACCESS.organiser),
    values: options.values ?? (news ? valuesOf(news) : await draftValues(idOf(res), [])),
    errors: options.errors ?? {},
    drafted,
    conflict: options.conflict ?? false,
    // The revision the text in the form was edited from: kept across a redraft or a refused form, the
    // current one after a conflict (so saving again, once merged, goes through).
    revision: !options.conflict && /^\d+$/.test(options.values?.revision ?? '') ? options.values!.revision : String(news?.revision ?? 0),
  });
}

newsRouter.get('/:eventId/news', 'staff', (req, res) => renderPage(req, res));

newsRouter.post('/:eventId/news/draft', ACCESS.organiser, async (req, res) => {
  const form = validateForm(figuresFormSchema, req.body);
  if (!form.ok) return renderPage(req, res, { values: req.body, errors: form.errors, status: 422 });
  // The new draft replaces the text in the form, which still stands on the revision it was loaded at.
  const values = { ...(await draftValues(idOf(res), form.data.figures)), revision: String(req.body?.revision ?? '') };
  await renderPage(req, res, { values, drafted: true });
});

for (const [path, publish] of [['/:eventId/news', false], ['/:eventId/news/publish', true]] as const) {
  newsRouter.post(path, ACCESS.organiser, async (req, res) => {
    const form = validateForm(newsFormSchema, req.body);
    if (!form.ok) return renderPage(req, res, { values: req.body, errors: form.errors, status: 422 });
    try {
      await saveNews(idOf(res), form.data, req.user!, { publish });
    } catch (error) {
      // Saved by someone else since this form was loaded: theirs is in the preview, what was typed stays in the form.
      if (error instanceof ConflictError) return renderPage(req, res, { values: req.body, status: 409, conflict: true });
      throw error;
    }
    req.flash('success', publish ? 'records.news.published' : 'records.news.saved');
    res.redirect(303, `/events/${idOf(res)}/news`);
  });
}

newsRouter.post('/:eventId/news/unpublish', ACCESS.organiser, async (req, res) => {
  await unpublishNews(idOf(res), req.user!);
  req.flash('success', 'records.news.unpublished');
  res.redirect(303, `/events/${idOf(res)}/news`);
});

// The list of published summaries, newest first, each linking to its page.
newsPublicRouter.get('/', 'public', async (req, res) => {
  usePublicLocale(req, res);
  const items = await listPublicNews(req.locale);
  res.render('records/views/news-list', {
    title: req.t('records.news.listTitle'),
    items: items.map((item) => ({ ...item, date: formatDate(item.publishedAt, item.zone, req.locale), iso: DateTime.fromJSDate(item.publishedAt, { zone: item.zone }).toISODate() })),
  });
});

newsPublicRouter.get('/:eventId', 'public', async (req, res) => {
  const { news, event } = await getPublicNews(String(req.params.eventId));
  usePublicLocale(req, res);
  const english = req.locale !== 'zh' && Boolean(news.titleEn && news.bodyEn);
  const published = news.firstPublishedAt ?? news.updatedAt;
  const title = english ? news.titleEn : news.titleZh;
  res.render('records/views/news-public', {
    title,
    article: { title, lang: english ? 'en' : 'zh-Hans', html: renderMarkdown(english ? news.bodyEn : news.bodyZh), date: formatDate(published, event.timezone, req.locale), iso: DateTime.fromJSDate(published, { zone: event.timezone }).toISODate() },
  });
});
