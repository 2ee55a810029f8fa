import { getConfig } from '../config.js';
import { logger } from '../logger.js';
import { NotFoundError } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { buildFeed, FEED_ACCESS, hasFeedToken, issueFeedToken, revokeFeedTokens } from './feed.service.js';

/** The subscription feed of scheduled events, and the page where staff get its secret link. */
export const feedRouter = defineRouter('/calendar');

feedRouter.get('/', FEED_ACCESS, async (req, res) => {
  res.render('calendar/views/feed', { title: req.t('calendar.title'), hasLink: await hasFeedToken(req.user!.id), newUrl: undefined });
});

feedRouter.post('/link', FEED_ACCESS, async (req, res) => {
  const token = await issueFeedToken(req.user!.id);
  logger.info({ by: req.user!.id }, 'Calendar feed link issued to %s', req.user!.email);
  // Shown once on this response; never put in a redirect.
  res.status(201).render('calendar/views/feed', { title: req.t('calendar.title'), hasLink: true, newUrl: `${getConfig().http.publicUrl}/calendar/feed/${token}.ics` });
});

feedRouter.post('/link/revoke', FEED_ACCESS, async (req, res) => {
  await revokeFeedTokens(req.user!.id);
  req.flash('success', 'calendar.revoked');
  res.redirect(303, '/calendar');
});

feedRouter.get('/feed/:file', 'public', async (req, res) => {
  const match = /^([\w-]{16,64})\.ics$/.exec(String(req.params.file));
  const config = getConfig();
  const text = match ? await buildFeed(match[1]!, config.mail.from, config.http.publicUrl) : undefined;
  if (!text) throw new NotFoundError();
  res.set('Cache-Control', 'private, max-age=300').type('text/calendar; charset=utf-8; method=PUBLISH').send(text);
});
